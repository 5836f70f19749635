import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { LocalizedMarkdown, LocalizedText } from '../../../platform/ui/components.js';
import type { SitePage } from '../service.js';
import type { SiteSettings } from '../../../platform/settings/service.js';
import type { WorkingGroupView } from '../../workinggroups/service.js';
import type { MeetingView } from '../../meetings/service.js';
import { formatDateRange } from '../../../platform/i18n/format.js';
import type { Locale } from '../../../platform/i18n/locales.js';

export function HomePage(props: { c: PageContext; site: SiteSettings; intro: SitePage; groups: WorkingGroupView[]; meeting: { meeting: MeetingView; upcoming: boolean } | null; newsletter: { slug: string; subject: string; locale: Locale } | null }) {
  const { c, site, intro, groups, meeting, newsletter } = props;
  const name = c.text(site.name, site.originalLocale);
  return (
    <Layout c={c} title={name.text}>
      <LocalizedText c={c} value={site.name} original={site.originalLocale} as="h1" />
      <LocalizedText c={c} value={site.tagline} original={site.originalLocale} as="p" />
      <LocalizedMarkdown c={c} value={intro.body} original={intro.originalLocale} />
      <div class="actions">
        <a class="button primary" href={c.href('/join')} safe>
          {c.t('home.join')}
        </a>
        <a class="button secondary" href={c.href('/subscribe')} safe>
          {c.t('home.subscribe')}
        </a>
      </div>

      <section aria-labelledby="home-meeting">
        <h2 id="home-meeting" safe>
          {c.t(meeting?.upcoming === false ? 'home.lastMeeting' : 'home.nextMeeting')}
        </h2>
        {meeting ? (
          <div class="card">
            <h3>
              <a href={c.href(`/meetings/${meeting.meeting.slug}`)}>
                <LocalizedText c={c} value={meeting.meeting.title} original={meeting.meeting.originalLocale} />
              </a>
            </h3>
            <p>
              <span safe>{formatDateRange(c.locale, meeting.meeting.startsAt, meeting.meeting.endsAt, meeting.meeting.timeZone)}</span>
              {' · '}
              <LocalizedText c={c} value={meeting.meeting.venueName} original={meeting.meeting.originalLocale} />
            </p>
          </div>
        ) : (
          <p safe>{c.t('home.noMeeting')}</p>
        )}
      </section>

      {newsletter ? (
        <section aria-labelledby="home-newsletter">
          <h2 id="home-newsletter" safe>
            {c.t('newsletter.archive.latest')}
          </h2>
          <p>
            <a href={c.href(`/newsletter/${newsletter.slug}`)} lang={newsletter.locale === c.locale ? undefined : newsletter.locale} dir="auto" safe>
              {newsletter.subject}
            </a>
            {' · '}
            <a href={c.href('/newsletter')} safe>
              {c.t('newsletter.archive.title')}
            </a>
          </p>
        </section>
      ) : (
        ''
      )}

      <section aria-labelledby="home-groups">
        <h2 id="home-groups" safe>
          {c.t('home.workingGroups')}
        </h2>
        <ul class="card-list">
          {groups.map((g) => (
            <li>
              <h3>
                <a href={c.href(`/working-groups/${g.slug}`)}>
                  <LocalizedText c={c} value={g.name} original={g.originalLocale} />
                </a>
              </h3>
              <LocalizedText c={c} value={g.summary} original={g.originalLocale} as="p" />
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

/** About, Privacy or a page the Secretariat added: its title and text in the reader's language, and the contact address on About and Privacy. */
export function SitePageView({ c, site, page, fallbackTitle, fallback, after }: { c: PageContext; site: SiteSettings; page: SitePage; fallbackTitle?: string; fallback?: JSX.Element; after?: JSX.Element }) {
  const written = c.text(page.title, page.originalLocale);
  const title = written.text || fallbackTitle || page.slug;
  const hasBody = Object.values(page.body).some((t) => t?.trim());
  return (
    <Layout c={c} title={title}>
      {written.text ? <LocalizedText c={c} value={page.title} original={page.originalLocale} as="h1" /> : <h1 safe>{title}</h1>}
      {hasBody ? <LocalizedMarkdown c={c} value={page.body} original={page.originalLocale} /> : ((fallback ?? '') as 'safe')}
      {(after ?? '') as 'safe'}
      {site.contactEmail && (page.slug === 'about' || page.slug === 'privacy') ? (
        <p>
          <span safe>{c.t('about.contact')}</span> <a href={`mailto:${site.contactEmail}`} safe>{site.contactEmail}</a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** What the privacy page says until the Secretariat writes its own. */
export function DefaultPrivacy({ c }: { c: PageContext }) {
  return (
    <div class="prose">
      <p safe>{c.t('privacy.collect')}</p>
      <p safe>{c.t('privacy.cookies')}</p>
      <p safe>{c.t('privacy.rights')}</p>
    </div>
  );
}
