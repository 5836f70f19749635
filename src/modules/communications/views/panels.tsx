import type { PanelContext } from '../../../platform/panels.js';
import type { subscriptionOfAccount } from '../service.js';

/** On a member's own page: whether their address gets the newsletter, which topics, and where to change it. */
export function MyNewsletterPanel({ c, sub }: { c: PanelContext; sub: Awaited<ReturnType<typeof subscriptionOfAccount>> }) {
  return (
    <section aria-labelledby="my-newsletter" class="panel">
      <h2 id="my-newsletter" safe>
        {c.t('newsletter.mine.title')}
      </h2>
      {sub ? (
        <>
          <p safe>{c.t(`newsletter.subscribers.statuses.${sub.status}`)}</p>
          {sub.status === 'subscribed' && sub.topics.length ? (
            <ul>
              {sub.topics.map((t) => (
                <li safe>{c.t(`newsletter.topics.${t}`)}</li>
              ))}
            </ul>
          ) : (
            ''
          )}
          <p>
            <a href={c.href('/newsletter/mine')} safe>
              {c.t('newsletter.mine.change')}
            </a>
          </p>
        </>
      ) : (
        <p>
          <span safe>{c.t('newsletter.mine.none')}</span>{' '}
          <a href={c.href('/newsletter/mine')} safe>
            {c.t('newsletter.mine.subscribe')}
          </a>
        </p>
      )}
    </section>
  );
}
