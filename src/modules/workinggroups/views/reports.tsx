import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { BackLink, Banner, footnoteWords } from '../../../platform/ui/components.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { renderBlocks } from '../../../platform/documents/markdown.js';
import { direction } from '../../../platform/i18n/locales.js';
import { changeCounts, type BlockChange } from '../../../platform/documents/compare.js';
import { Form } from '../../../platform/ui/form.js';
import { languageName } from '../../../platform/i18n/format.js';
import type { ReportSummary, ReportView, TranslationSummary, TranslationView, VersionView, WorkingGroupView } from '../service.js';

const reportBase = (group: { slug: string }, report: { slug: string }) => `/working-groups/${group.slug}/reports/${report.slug}`;

/** "Version 2 · pre-final draft for consultation · 4 December 2026" */
function versionLine(c: PageContext, v: Pick<VersionView, 'number' | 'stage' | 'updatedAt' | 'publishedAt'>): string {
  return c.t('workingGroups.reports.versionLine', { n: v.number, stage: c.t(`workingGroups.reports.stages.${v.stage}`), date: formatDate(c.locale, v.publishedAt ?? v.updatedAt, 'UTC') });
}

/** The group page's list of documents. */
export function DocumentList({ c, group, documents }: { c: PageContext; group: WorkingGroupView; documents: ReportSummary[] }) {
  if (!documents.length) return <p safe>{c.t('workingGroups.noDocuments')}</p>;
  return (
    <ul class="card-list">
      {documents.map((d) => (
        <li>
          <h3>
            <a href={c.href(reportBase(group, d))} lang={d.originalLocale === c.locale ? undefined : d.originalLocale} safe>
              {d.latest.title}
            </a>
          </h3>
          <p class="hint" safe>
            {versionLine(c, d.latest)}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The languages a version can be read in: its original and each translation (a translation is read with the site in its language). */
function Languages({ c, base, report, version, shown, translations }: { c: PageContext; base: string; report: ReportView; version: VersionView; shown: string; translations: TranslationSummary[] }) {
  if (!translations.length) return '';
  const original = `${base}/v/${version.number}/original`;
  return (
    <nav class="languages-of" aria-label={c.t('workingGroups.translate.readIn')}>
      <span safe>{c.t('workingGroups.translate.readIn')}</span>{' '}
      <ul>
        <li>
          {shown === report.originalLocale ? (
            <span aria-current="page" lang={report.originalLocale} safe>{`${languageName(report.originalLocale, report.originalLocale)} (${c.t('workingGroups.translate.originalWord')})`}</span>
          ) : (
            <a href={c.href(original)} lang={report.originalLocale} safe>{`${languageName(report.originalLocale, report.originalLocale)}`}</a>
          )}
        </li>
        {translations.map((t) =>
          t.locale === shown ? (
            <li>
              <span aria-current="page" lang={t.locale} safe>
                {languageName(t.locale, t.locale)}
              </span>
            </li>
          ) : (
            <li>
              <a href={`/${t.locale}${base}/v/${version.number}`} lang={t.locale} hreflang={t.locale} safe>
                {languageName(t.locale, t.locale)}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

/** Two versions picked from lists and compared (a GET form: works without script). */
function CompareForm({ c, base, versions, version }: { c: PageContext; base: string; versions: VersionView[]; version: VersionView }) {
  const previous = versions.filter((v) => v.number < version.number).at(-1) ?? versions[0]!;
  const select = (name: 'from' | 'to', selected: number) => (
    <div class="field inline-field">
      <label for={`compare-${name}`} safe>
        {c.t(`workingGroups.reports.compare${name === 'from' ? 'From' : 'To'}`)}
      </label>
      <select id={`compare-${name}`} name={name} class="input">
        {versions.map((v) => (
          <option value={String(v.number)} selected={v.number === selected}>
            {c.th('workingGroups.translate.versionN', { n: v.number })}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Form c={c} method="get" action={c.href(`${base}/compare`)} class="compare-form" label={c.t('workingGroups.reports.compareAny')}>
      {select('from', previous.number)}
      {select('to', version.number === previous.number ? versions.at(-1)!.number : version.number)}
      <button type="submit" class="button secondary" safe>
        {c.t('workingGroups.reports.compareAny')}
      </button>
    </Form>
  );
}

/**
 * One version of a report as one page: where it stands, its versions, a table of contents, and its
 * text block by block (each block can be linked to by its identifier). Shown in a translation when
 * there is one in the page's language, with a note that says which version it translates.
 */
export function ReportPage(props: {
  c: PageContext;
  group: WorkingGroupView;
  report: ReportView;
  versions: VersionView[];
  version: VersionView;
  translation?: TranslationView | null;
  translations?: TranslationSummary[];
  /** The reader may edit the report (a chair of the group, the Secretariat). */
  mayWrite?: boolean;
  /** What other modules show about this version (a consultation open on it). */
  panels?: string[];
}) {
  const { c, group, report, versions, version, translation } = props;
  const base = reportBase(group, report);
  const textLocale = translation?.locale ?? report.originalLocale;
  const title = translation?.title ?? version.title;
  // A first heading that repeats the title is the page's own h1 already.
  const all = translation?.blocks ?? version.blocks;
  const [top] = all;
  const blocks = top?.kind === 'heading' && top.level === 1 && top.text === title.trim() ? all.slice(1) : all;
  const headings = blocks.filter((b) => b.kind === 'heading' && (b.level ?? 1) <= 3);
  const newest = versions.at(-1)!;
  const lang = textLocale === c.locale ? undefined : textLocale;
  // A report written the other way (English on an Arabic page) keeps its own direction; the page's own words keep theirs.
  const dir = direction(textLocale) === c.dir ? undefined : direction(textLocale);
  const own = dir ? c.dir : undefined;
  return (
    <Layout c={c} title={title} before={<BackLink href={c.href(`/working-groups/${group.slug}`)} label={c.text(group.name, group.originalLocale).text} />}>
      <article class="report" lang={lang} dir={dir}>
        <h1 safe>{title}</h1>
        <p class="hint" lang={c.locale} dir={own} safe>
          {versionLine(c, version)}
        </p>
        {translation ? (
          <div lang={c.locale} dir={own}>
            <Banner kind="info" title={c.t('workingGroups.translate.note', { n: version.number, language: languageName(c.locale, report.originalLocale) })}>
              <p>
                {translation.translator ? <span safe>{`${c.t('workingGroups.translate.by', { name: translation.translator })} `}</span> : ''}
                <a href={c.href(`${base}/v/${version.number}/original`)}>
                  {c.th('workingGroups.translate.readOriginal', { language: languageName(c.locale, report.originalLocale) })}
                </a>
              </p>
            </Banner>
          </div>
        ) : (
          ''
        )}
        {props.mayWrite ? (
          <p lang={c.locale} dir={own}>
            <a class="button secondary" href={c.href(`${base}/edit`)} safe>
              {c.t('workingGroups.reports.edit')}
            </a>{' '}
            {version.publishedAt ? (
              <a class="button secondary" href={c.href(`/consultations/new/${group.slug}/${report.slug}/${version.number}`)}>
                {c.th('workingGroups.reports.openConsultation', { n: version.number })}
              </a>
            ) : (
              ''
            )}
          </p>
        ) : (
          ''
        )}
        {props.panels?.length ? (
          <div lang={c.locale} dir={own}>
            {props.panels.join('') as 'safe'}
          </div>
        ) : (
          ''
        )}
        <div lang={c.locale} dir={own}>
          <Languages c={c} base={base} report={report} version={version} shown={textLocale} translations={props.translations ?? []} />
        </div>
        {version.number !== newest.number ? (
          <div lang={c.locale} dir={own}>
            <Banner kind="info" title={c.t('workingGroups.reports.notNewest', { n: newest.number })}>
              <p>
                <a href={c.href(base)} safe>
                  {c.t('workingGroups.reports.readNewest')}
                </a>
              </p>
            </Banner>
          </div>
        ) : (
          ''
        )}
        {version.note ? (
          <p lang={c.locale} dir={own}>
            <strong safe>{c.t('workingGroups.reports.note')}</strong>{' '}
            <span lang={report.originalLocale === c.locale ? undefined : report.originalLocale} safe>
              {version.note}
            </span>
          </p>
        ) : (
          ''
        )}
        {versions.length > 1 ? (
          <nav class="versions" aria-label={c.t('workingGroups.reports.versions')} lang={c.locale} dir={own}>
            <h2 safe>{c.t('workingGroups.reports.versions')}</h2>
            <ol>
              {versions.map((v) => (
                <li>
                  {v.number === version.number ? (
                    <span aria-current="page" safe>
                      {versionLine(c, v)}
                    </span>
                  ) : (
                    <a href={c.href(`${base}/v/${v.number}`)} safe>
                      {versionLine(c, v)}
                    </a>
                  )}
                </li>
              ))}
            </ol>
            <CompareForm c={c} base={base} versions={versions} version={version} />
          </nav>
        ) : (
          ''
        )}
        {headings.length ? (
          <nav class="toc" aria-label={c.t('workingGroups.reports.contents')} lang={c.locale} dir={own}>
            <h2 safe>{c.t('workingGroups.reports.contents')}</h2>
            <ol>
              {headings.map((h) => (
                <li class={`toc-level-${h.level ?? 1}`}>
                  <a href={`#${h.id}`} lang={lang} dir={dir} safe>
                    {h.text}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
        ) : (
          ''
        )}
        {renderBlocks(blocks, footnoteWords(c), `report:${version.id}:${version.updatedAt.getTime()}:${translation ? `${translation.locale}:${translation.updatedAt.getTime()}` : ''}:${c.locale}`).map((html, i) => (
          <div class={`block${blocks[i]!.kind === 'footnote' ? ' footnote' : ''}`} id={blocks[i]!.id}>
            {html as 'safe'}
          </div>
        ))}
      </article>
    </Layout>
  );
}

/** Two versions compared block by block: changed words marked with <ins> and <del>, added and removed blocks marked whole. Works without script. */
export function ComparePage({ c, group, report, from, to, changes }: { c: PageContext; group: WorkingGroupView; report: ReportView; from: VersionView; to: VersionView; changes: BlockChange[] }) {
  const title = c.t('workingGroups.reports.compareTitle', { from: from.number, to: to.number, title: to.title });
  const counts = changeCounts(changes);
  const html = renderBlocks(changes.map((ch) => ch.block), footnoteWords(c));
  const lang = report.originalLocale === c.locale ? undefined : report.originalLocale;
  const dir = direction(report.originalLocale) === c.dir ? undefined : direction(report.originalLocale);
  return (
    <Layout c={c} title={title} before={<BackLink href={c.href(`${reportBase(group, report)}/v/${to.number}`)} label={to.title} />}>
      <h1>{c.th('workingGroups.reports.compareTitle', { from: from.number, to: to.number, title: to.title })}</h1>
      <p safe>{c.t('workingGroups.reports.compareSummary', counts)}</p>
      <p class="hint" safe>
        {c.t('workingGroups.reports.compareKey')}
      </p>
      <div class="report compare" lang={lang} dir={dir}>
        {changes.map((ch, i) =>
          ch.kind === 'same' ? (
            <div class="block">{html[i] as 'safe'}</div>
          ) : ch.kind === 'added' ? (
            <ins class="block added">{html[i] as 'safe'}</ins>
          ) : ch.kind === 'removed' ? (
            <del class="block removed">{html[i] as 'safe'}</del>
          ) : (
            <p class="block changed">
              {ch.words.map((w) =>
                w.kind === 'same' ? (
                  <span safe>{w.text}</span>
                ) : w.kind === 'added' ? (
                  <ins safe>{w.text}</ins>
                ) : (
                  <del safe>{w.text}</del>
                ),
              )}
            </p>
          ),
        )}
      </div>
    </Layout>
  );
}
