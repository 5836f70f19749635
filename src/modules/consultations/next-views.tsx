import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink } from '../../platform/ui/components.js';
import { footnoteWords } from '../../platform/ui/components.js';
import { renderBlocks } from '../../platform/documents/markdown.js';
import { countryName } from '../../platform/geo/countries.js';
import { direction } from '../../platform/i18n/locales.js';
import type { ConsultationPage as Page } from './service.js';
import type { NextView, PlacedComment } from './next-version.js';

const base = (page: Page) => `/consultations/${page.consultation.slug}`;
const BODY = 400;

/** One comment where it now stands: who, how its words were found, the words, the comment (shortened), its answer. */
function Placed({ c, page, p }: { c: PageContext; page: Page; p: PlacedComment }) {
  const who = p.who.name ?? c.t(`consultations.groups.${p.who.stakeholderGroup}`);
  const how = p.at.status === 'orphan' ? 'orphan' : p.passage ? p.at.status : 'paragraph';
  const lang = page.report.originalLocale;
  return (
    <li class="placed" id={`c-${p.id}`}>
      <p class="hint">
        <strong dir="auto" safe>{who}</strong>
        <span safe>{` · ${countryName(p.who.country, c.locale)} · `}</span>
        <span class={`tag${how === 'orphan' || how === 'moved' ? ' tag-warning' : ''}`} safe>
          {c.t(`consultations.next.status.${how}`)}
        </span>
        {p.disposition ? (
          <span class={`tag disposition-${p.disposition}`} safe>
            {c.t(`consultations.dispositions.${p.disposition}`)}
          </span>
        ) : (
          ''
        )}
      </p>
      <blockquote class="quote" lang={lang} dir={direction(lang)}>
        <p safe>{p.words}</p>
      </blockquote>
      <p lang={p.locale} dir={direction(p.locale)}>
        <span safe>{p.body.length > BODY ? `${p.body.slice(0, BODY).trimEnd()}… ` : `${p.body} `}</span>
        <a href={c.href(`${base(page)}/p/${p.blockId}#c-${p.id}`)} lang={c.locale} dir={c.dir} safe>
          {c.t('consultations.next.read')}
        </a>
      </p>
    </li>
  );
}

/** The report's next version with the consultation's comments placed where their words now stand, and the orphans apart. */
export function NextPage({ c, page, view }: { c: PageContext; page: Page; view: NextView }) {
  const { next } = view;
  const title = c.t('consultations.next.title', { n: next.number, title: next.title });
  const html = renderBlocks(next.blocks, footnoteWords(c), `consultation-next:${next.id}:${c.locale}`);
  const placedCount = [...view.placed.values()].reduce((n, l) => n + l.length, 0);
  const lang = page.report.originalLocale;
  return (
    <Layout c={c} title={title} before={<BackLink href={c.href(base(page))} label={page.version.title} />}>
      <h1>{c.th('consultations.next.title', { n: next.number, title: next.title })}</h1>
      <p>{c.th('consultations.next.intro', { from: page.version.number, to: next.number })}</p>
      <p>{c.th('consultations.next.counts', { placed: placedCount, orphans: view.orphans.length, general: view.general })}</p>
      {view.orphans.length ? (
        <p>
          <a href="#orphans" safe>
            {c.t('consultations.next.toOrphans')}
          </a>
        </p>
      ) : (
        ''
      )}
      <article class="report" lang={lang === c.locale ? undefined : lang} dir={direction(lang) === c.dir ? undefined : direction(lang)}>
        {next.blocks.map((b, i) => {
          const here = view.placed.get(b.id) ?? [];
          return (
            <div class="block" id={b.id}>
              {html[i] as 'safe'}
              {here.length ? (
                <details class="next-comments" lang={c.locale} dir={c.dir}>
                  <summary>{c.th('consultations.next.here', { n: here.length })}</summary>
                  <ul class="placed-list">
                    {here.map((p) => (
                      <Placed c={c} page={page} p={p} />
                    ))}
                  </ul>
                </details>
              ) : (
                ''
              )}
            </div>
          );
        })}
      </article>
      <section aria-labelledby="orphans">
        <h2 id="orphans">
          {c.th('consultations.next.orphans', { n: view.orphans.length })}
        </h2>
        <p safe>{c.t(view.orphans.length ? 'consultations.next.orphansIntro' : 'consultations.next.noOrphans')}</p>
        <ul class="placed-list">
          {view.orphans.map((p) => (
            <Placed c={c} page={page} p={p} />
          ))}
        </ul>
      </section>
    </Layout>
  );
}
