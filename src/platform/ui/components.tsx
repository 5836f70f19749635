import { escapeHtml } from '@kitajs/html';
import type { PageContext } from '../http/page.js';
import type { I18nText } from '../i18n/content.js';
import { LOCALES, direction, type Locale } from '../i18n/locales.js';
import { formatNumber, languageName } from '../i18n/format.js';
import { markdownToHtml, type FootnoteWords } from '../documents/markdown.js';

/**
 * Table cells and summary values are markup (JSX elements are strings in @kitajs/html):
 * wrap plain text from data in `esc()` so it is escaped.
 */
export const esc = (text: string | number | null | undefined): string => escapeHtml(text ?? '');

/** A data table with a caption (required: it names the table for screen readers). */
export function Table(props: {
  caption: string;
  head: string[];
  rows: JSX.Element[][];
  numeric?: number[];
  empty?: string;
  hideCaption?: boolean;
  /** Columns whose header is for screen readers only: a column of buttons that say what they do ("Actions"). */
  hiddenHead?: number[];
}) {
  const numeric = new Set(props.numeric ?? []);
  const hidden = new Set(props.hiddenHead ?? []);
  // A table wider than the screen scrolls sideways: its box takes the keyboard's focus, to scroll it
  // with the arrow keys (the table inside, with its caption, is what a screen reader then reads).
  return (
    <div class="table-wrap" tabindex="0">
      <table>
        {/* hideCaption: a heading just above says the same; the caption stays for screen readers. */}
        <caption class={props.hideCaption ? 'visually-hidden' : undefined} safe>
          {props.caption}
        </caption>
        <thead>
          <tr>
            {props.head.map((h, i) =>
              hidden.has(i) ? (
                <th scope="col">
                  <span class="visually-hidden" safe>
                    {h}
                  </span>
                </th>
              ) : (
                <th scope="col" class={numeric.has(i) ? 'num' : undefined} safe>
                  {h}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && props.empty ? (
            <tr>
              <td colspan={String(props.head.length)} safe>
                {props.empty}
              </td>
            </tr>
          ) : (
            props.rows.map((r) => (
              <tr>
                {r.map((cell, i) => (
                  <td class={numeric.has(i) ? 'num' : undefined}>{cell as 'safe'}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A notification banner: information, a success after an action, or a warning. */
export function Banner(props: { kind: 'info' | 'success' | 'warning'; title: string; children?: JSX.Element | JSX.Element[] | string }) {
  const inner = (
    <>
      <p class="banner-title" safe>
        {props.title}
      </p>
      {(props.children ?? '') as 'safe'}
    </>
  );
  // Information is a region of its own, named by its title (a <section>, the native element); news of what just happened is a status.
  return props.kind === 'info' ? (
    <section class="banner info" aria-label={props.title}>
      {inner as 'safe'}
    </section>
  ) : (
    <div class={`banner ${props.kind}`} role="status" aria-label={props.title}>
      {inner as 'safe'}
    </div>
  );
}

/** Previous / next and page numbers. `href(n)` builds the link to page n (keeping filters). */
export function Pagination(props: { c: PageContext; page: number; pageSize: number; total: number; href: (page: number) => string }) {
  const { c, page, pageSize, total } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return <></>;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={c.t('pagination.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={props.href(page - 1)} rel="prev" safe>
              {c.t('pagination.previous')}
            </a>
          </li>
        ) : (
          ''
        )}
        {shown.map((p, i) => (
          <>
            {i > 0 && p - shown[i - 1]! > 1 ? <li aria-hidden="true">…</li> : ''}
            <li>
              {p === page ? (
                <a href={props.href(p)} aria-current="page" aria-label={c.t('pagination.page', { page: p })} safe>
                  {formatNumber(c.locale, p)}
                </a>
              ) : (
                <a href={props.href(p)} aria-label={c.t('pagination.page', { page: p })} safe>
                  {formatNumber(c.locale, p)}
                </a>
              )}
            </li>
          </>
        ))}
        {page < pages ? (
          <li>
            <a href={props.href(page + 1)} rel="next" safe>
              {c.t('pagination.next')}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
      <p class="hint">
        {c.th('pagination.summary', { from: (page - 1) * pageSize + 1, to: Math.min(total, page * pageSize), total })}
      </p>
    </nav>
  );
}

/**
 * A translatable field in the reader's language; when only the original exists, it is shown
 * in its own language (lang attribute) with a "not yet translated" hint.
 */
export function LocalizedText(props: { c: PageContext; value: I18nText; original: string; as?: 'span' | 'p' | 'h1' | 'h2' | 'h3' }) {
  const l = props.c.text(props.value, props.original);
  const Tag = props.as ?? 'span';
  // Text in a language written the other way (English on an Arabic page) keeps its own direction.
  const otherDir = l.fallback && direction(l.lang) !== props.c.dir ? direction(l.lang) : undefined;
  const hint = l.fallback ? (
    <span class="untranslated" safe>
      {props.c.t('content.notTranslated')}
    </span>
  ) : (
    ''
  );
  // The text itself is isolated (<bdi>: its direction from its first letter, unless known to be the
  // other one), so a Latin title in an Arabic sentence or heading keeps its punctuation in place.
  if (Tag === 'span') {
    return (
      <>
        <bdi lang={l.fallback ? l.lang : undefined} dir={otherDir} safe>
          {l.text}
        </bdi>
        {l.fallback ? ' ' : ''}
        {hint}
      </>
    );
  }
  return (
    <>
      {`<${Tag}${l.fallback ? ` lang="${l.lang}"` : ''}${otherDir ? ` dir="${otherDir}"` : ''}>` as 'safe'}
      <bdi safe>{l.text}</bdi>
      {l.fallback ? ' ' : ''}
      {hint}
      {`</${Tag}>` as 'safe'}
    </>
  );
}

/** A translatable text of several paragraphs (blank lines between them), marked like LocalizedText. */
export function LocalizedParagraphs(props: { c: PageContext; value: I18nText; original: string; class?: string }) {
  const l = props.c.text(props.value, props.original);
  if (!l.text) return '';
  const otherDir = l.fallback && direction(l.lang) !== props.c.dir ? direction(l.lang) : undefined;
  return (
    <div class={props.class} lang={l.fallback ? l.lang : undefined} dir={otherDir}>
      {l.fallback ? (
        <p class="untranslated" lang={props.c.locale} dir={props.c.dir} safe>
          {props.c.t('content.notTranslated')}
        </p>
      ) : (
        ''
      )}
      {l.text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p) => (
          <p safe>{p.trim()}</p>
        ))}
    </div>
  );
}

/**
 * Says which language a form edits — the original, or a translation of it — and, with `versions`,
 * links to write the item in each other language without switching the interface's language.
 */
export function EditingLanguage({ c, original, editing, versions }: { c: PageContext; original: string; editing?: Locale; versions?: { href: (l: Locale) => string; has: (l: Locale) => boolean } }) {
  const lang = editing ?? c.locale;
  const words = { language: languageName(c.locale, lang), original: languageName(c.locale, original) };
  return (
    <div class="editing-language">
      <p class="hint" safe>
        {c.t(lang === original ? (versions ? 'content.editingOriginalHere' : 'content.editingOriginal') : 'content.editingTranslation', words)}
      </p>
      {versions ? <LanguageVersions c={c} original={original} editing={lang} versions={versions} /> : ''}
    </div>
  );
}

/** Links to write an item in each language but the one being edited: add, edit, or the original. */
export function LanguageVersions({ c, original, editing, versions }: { c: PageContext; original: string; editing: Locale; versions: { href: (l: Locale) => string; has: (l: Locale) => boolean } }) {
  return (
    <nav aria-label={c.t('content.otherLanguages')}>
      <ul class="language-versions">
        {LOCALES.filter((l) => l !== editing).map((l) => (
          <li>
            <a href={versions.href(l)}>
              {c.th(l === original ? 'content.editOriginalVersion' : versions.has(l) ? 'content.editVersion' : 'content.addVersion', { language: languageName(c.locale, l) })}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A translatable Markdown text (a page's body), drawn as HTML and marked like LocalizedText when shown in another language. */
export function LocalizedMarkdown(props: { c: PageContext; value: I18nText; original: string; class?: string }) {
  const l = props.c.text(props.value, props.original);
  if (!l.text) return '';
  const otherDir = l.fallback && direction(l.lang) !== props.c.dir ? direction(l.lang) : undefined;
  return (
    <div class={props.class ?? 'prose'} lang={l.fallback ? l.lang : undefined} dir={otherDir}>
      {l.fallback ? (
        <p class="untranslated" lang={props.c.locale} dir={props.c.dir} safe>
          {props.c.t('content.notTranslated')}
        </p>
      ) : (
        ''
      )}
      {markdownToHtml(l.text, footnoteWords(props.c)) as 'safe'}
    </div>
  );
}

export function BackLink(props: { href: string; label: string }) {
  return (
    <a class="back-link" href={props.href} safe>
      {props.label}
    </a>
  );
}

/** Key–value pairs (a record's details). */
export function SummaryList(props: { rows: [string, JSX.Element][] }) {
  return (
    <dl class="summary-list">
      {props.rows.map(([k, v]) => (
        <div>
          <dt safe>{k}</dt>
          <dd>{v as 'safe'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The words a document's footnote links are read out with, in the page's language. */
export const footnoteWords = (c: Pick<PageContext, 't'>): FootnoteWords => ({
  reference: (n) => c.t('documents.footnotes.reference', { n }),
  back: (n) => c.t('documents.footnotes.back', { n }),
});

/** Links to pages of the site, each named by a message key: as cards, or in compact columns. */
export function LinkList({ c, links, layout = 'cards' }: { c: PageContext; links: readonly { href: string; label: string }[]; layout?: 'cards' | 'columns' }) {
  return (
    <ul class={layout === 'cards' ? 'card-list' : 'link-columns'}>
      {links.map((l) => (
        <li>
          <a href={c.href(l.href)} safe>
            {c.t(l.label)}
          </a>
        </li>
      ))}
    </ul>
  );
}
