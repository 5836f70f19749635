import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { BackLink, Banner } from '../../../platform/ui/components.js';
import { formatDate, languageName } from '../../../platform/i18n/format.js';
import { direction, LOCALES, type Locale } from '../../../platform/i18n/locales.js';
import type { IssueRow } from '../newsletter-issues.js';
import type { IssueVersion } from '../schema.js';
import { versionFor } from '../newsletter-render.js';
import { markdownToHtml } from '../../../platform/documents/markdown.js';

/** The public archive: every sent issue, newest first, with its feed. */
export function ArchiveListPage({ c, issues }: { c: PageContext; issues: IssueRow[] }) {
  const title = c.t('newsletter.archive.title');
  return (
    <Layout c={c} title={title} head={<link rel="alternate" type="application/atom+xml" title={title} href={c.href('/newsletter/feed.atom')} />}>
      <h1 safe>{title}</h1>
      <p class="actions">
        <a class="button" href={c.href('/subscribe')} safe>
          {c.t('newsletter.archive.subscribe')}
        </a>
        <a href={c.href('/newsletter/feed.atom')} safe>
          {c.t('newsletter.archive.feed')}
        </a>
      </p>
      {issues.length ? (
        <ul class="archive">
          {issues.map((issue) => {
            const found = versionFor(issue.versions, c.locale, issue.defaultLocale)!;
            return (
              <li>
                <a href={c.href(`/newsletter/${issue.slug}`)} lang={found.locale === c.locale ? undefined : found.locale} safe>
                  {found.version.subject}
                </a>{' '}
                <time datetime={(issue.startedAt ?? issue.createdAt).toISOString()} safe>
                  {formatDate(c.locale, issue.startedAt ?? issue.createdAt, c.timeZone, 'long')}
                </time>
              </li>
            );
          })}
        </ul>
      ) : (
        <p safe>{c.t('newsletter.archive.empty')}</p>
      )}
    </Layout>
  );
}

/** One issue as a web page, in the reader's language when it exists (else the issue's default language, said so). */
export function ArchiveIssuePage({ c, issue, version, lang, preview }: { c: PageContext; issue: IssueRow; version: IssueVersion; lang: Locale; preview?: boolean }) {
  const others = LOCALES.filter((l) => l !== lang && issue.versions[l]?.subject.trim());
  const date = issue.startedAt ?? issue.scheduledAt;
  return (
    <Layout c={c} title={version.subject} admin={preview} before={<BackLink href={c.href(preview ? `/admin/newsletter/${issue.id}` : '/newsletter')} label={c.t('common.back')} />}>
      {preview ? <Banner kind="info" title={c.t('newsletter.archive.preview')} /> : ''}
      {lang !== c.locale ? <Banner kind="info" title={c.t('newsletter.archive.otherLanguage', { language: languageName(c.locale, lang) })} /> : ''}
      <article lang={lang} dir={direction(lang)} class="newsletter-issue">
        <h1 safe>{version.subject}</h1>
        {date ? (
          <p class="hint">
            <time datetime={date.toISOString()} safe>
              {formatDate(c.locale, date, c.timeZone, 'long')}
            </time>
          </p>
        ) : (
          ''
        )}
        {markdownToHtml(version.body) as 'safe'}
      </article>
      {others.length && !preview ? (
        <nav aria-label={c.t('newsletter.archive.languages')}>
          <ul class="inline-list">
            {others.map((l) => (
              <li>
                <a href={`/${l}/newsletter/${issue.slug}`} lang={l} hreflang={l} safe>
                  {languageName(l, l)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}
