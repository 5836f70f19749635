import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { BackLink, Banner } from '../../../platform/ui/components.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { markdownToHtml } from '../../../platform/documents/markdown.js';
import { direction } from '../../../platform/i18n/locales.js';
import { changeCounts, type BlockChange } from '../../../platform/documents/compare.js';
import type { ReportSummary, ReportView, VersionView, WorkingGroupView } from '../service.js';

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

/** One version of a report as one page: where it stands, its versions, a table of contents, and its text block by block (each block can be linked to by its identifier). */
export function ReportPage({ c, group, report, versions, version }: { c: PageContext; group: WorkingGroupView; report: ReportView; versions: VersionView[]; version: VersionView }) {
  const base = reportBase(group, report);
  // A first heading that repeats the title is the page's own h1 already.
  const [top] = version.blocks;
  const blocks = top?.kind === 'heading' && top.level === 1 && top.text === version.title.trim() ? version.blocks.slice(1) : version.blocks;
  const headings = blocks.filter((b) => b.kind === 'heading' && (b.level ?? 1) <= 3);
  const previous = versions.filter((v) => v.number < version.number).at(-1);
  const newest = versions.at(-1)!;
  const lang = report.originalLocale === c.locale ? undefined : report.originalLocale;
  // A report written the other way (English on an Arabic page) keeps its own direction; the page's own words keep theirs.
  const dir = direction(report.originalLocale) === c.dir ? undefined : direction(report.originalLocale);
  const own = dir ? c.dir : undefined;
  return (
    <Layout c={c} title={version.title} before={<BackLink href={c.href(`/working-groups/${group.slug}`)} label={c.text(group.name, group.originalLocale).text} />}>
      <article class="report" lang={lang} dir={dir}>
        <h1 safe>{version.title}</h1>
        <p class="hint" lang={c.locale} dir={own} safe>
          {versionLine(c, version)}
        </p>
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
            <strong safe>{c.t('workingGroups.reports.note')}</strong> <span lang={lang} dir={dir} safe>{version.note}</span>
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
          {previous ? (
            <p>
              <a href={c.href(`${base}/compare/${previous.number}/${version.number}`)} safe>
                {c.t('workingGroups.reports.compareWith', { from: previous.number, to: version.number })}
              </a>
            </p>
          ) : (
            ''
          )}
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
        {blocks.map((b) => (
          <div class="block" id={b.id}>
            {markdownToHtml(b.markdown) as 'safe'}
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
  const lang = report.originalLocale === c.locale ? undefined : report.originalLocale;
  const dir = direction(report.originalLocale) === c.dir ? undefined : direction(report.originalLocale);
  return (
    <Layout c={c} title={title} before={<BackLink href={c.href(`${reportBase(group, report)}/v/${to.number}`)} label={to.title} />}>
      <h1 safe>{title}</h1>
      <p safe>{c.t('workingGroups.reports.compareSummary', counts)}</p>
      <p class="hint" safe>
        {c.t('workingGroups.reports.compareKey')}
      </p>
      <div class="report compare" lang={lang} dir={dir}>
        {changes.map((ch) =>
          ch.kind === 'same' ? (
            <div class="block">{markdownToHtml(ch.block.markdown) as 'safe'}</div>
          ) : ch.kind === 'added' ? (
            <ins class="block added">{markdownToHtml(ch.block.markdown) as 'safe'}</ins>
          ) : ch.kind === 'removed' ? (
            <del class="block removed">{markdownToHtml(ch.block.markdown) as 'safe'}</del>
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
