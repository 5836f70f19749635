import { escapeHtml } from '@kitajs/html';
import { direction, isLocale, type Locale } from '../../platform/i18n/locales.js';
import { translator } from '../../platform/i18n/messages.js';
import type { IssueVersion } from './schema.js';
import { textEncodingFor } from '../../platform/mail/delivery.js';
import { markdownToHtml } from '../../platform/documents/markdown.js';
import type * as HtmlToText from 'html-to-text';
import type { FormatCallback, FormatOptions } from 'html-to-text';
import { lazy, lazyPackage } from '../../platform/lazy.js';

/**
 * Turning an issue's Markdown into what readers get: sanitized HTML for the web archive and the
 * e-mail (src/platform/documents/markdown.ts), and a plain-text part drawn from that same HTML.
 */

/** Columns a line of text takes in a fixed-width font: East Asian characters two, combining marks none. */
function columns(line: string): number {
  let n = 0;
  for (const ch of line) n += /\p{M}/u.test(ch) ? 0 : /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return n;
}

const SUPERSCRIPT: Record<string, string> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** The links of the text being converted, in order of first appearance: set around each (synchronous) conversion. */
let links: string[] = [];

const formatters: Record<string, FormatCallback> = {
  /** A heading on its own line, underlined: = under a section, - under a subsection. */
  underlined: (elem, walk, builder, options) => {
    builder.openBlock({ leadingLineBreaks: 2 });
    walk(elem.children, builder);
    const char = (options as { char?: string }).char ?? '-';
    builder.closeBlock({ trailingLineBreaks: 2, blockTransform: (s) => `${s}\n${char.repeat(Math.max(3, columns(s.split('\n').at(-1) ?? '')))}` });
  },
  /** A link: its text and a numbered reference ("text [1]"), the addresses listed at the end; an address shown as itself stays as it is. */
  reference: (elem, walk, builder) => {
    const href = elem.attribs?.href ?? '';
    if (href.startsWith('#fnref-')) return; // a footnote's way back to the text: nothing to follow on paper
    if (!/^(https?|mailto):/i.test(href)) return walk(elem.children, builder);
    const target = href.replace(/^mailto:/i, '');
    let text = '';
    builder.pushWordTransform((w) => ((text += w), w));
    walk(elem.children, builder);
    builder.popWordTransform();
    if (text === target || text === href) return;
    let n = links.indexOf(target) + 1;
    if (!n) n = links.push(target);
    builder.addInline(text ? ` [${n}]` : `[${n}]`, { noWordTransform: true });
  },
  /** An image: its description in brackets, or nothing without one. */
  description: (elem, _walk, builder) => {
    const alt = elem.attribs?.alt?.trim();
    if (alt) builder.addInline(`[${alt}]`, { noWordTransform: true });
  },
  /** A numbered list as "1. ", "2. " at the start of the line. */
  numbered: (elem, walk, builder) => {
    const items = (elem.children ?? []).filter((c) => c.name === 'li');
    if (!items.length) return;
    let n = Number(elem.attribs?.start ?? '1') || 1;
    const prefixes = items.map(() => `${n++}. `);
    builder.openList({ maxPrefixLength: Math.max(...prefixes.map((p) => p.length)), leadingLineBreaks: elem.parent?.name === 'li' ? 1 : 2 });
    items.forEach((item, i) => {
      builder.openListItem({ prefix: prefixes[i] });
      walk([item], builder);
      builder.closeListItem();
    });
    builder.closeList({ trailingLineBreaks: elem.parent?.name === 'li' ? 1 : 2 });
  },
  /** A footnote's number, raised: "text¹". */
  raised: (elem, walk, builder) => {
    builder.pushWordTransform((w) => w.replace(/[0-9]/g, (d) => SUPERSCRIPT[d]!));
    walk(elem.children, builder);
    builder.popWordTransform();
  },
};

/** The HTML-to-text converter, made on first use: html-to-text and its parser cost every start ~30 ms and a few MB, and only mail needs them. */
const htmlToText = lazyPackage<typeof HtmlToText>('html-to-text');
const converter = lazy(() =>
  htmlToText().compile({
    wordwrap: false,
    formatters,
    selectors: [
      { selector: 'h2', format: 'underlined', options: { char: '=' } as FormatOptions },
      { selector: 'h3', format: 'underlined', options: { char: '-' } as FormatOptions },
      { selector: 'h4', format: 'underlined', options: { char: '-' } as FormatOptions },
      { selector: 'a', format: 'reference' },
      { selector: 'img', format: 'description' },
      { selector: 'ul', options: { itemPrefix: '- ' } },
      { selector: 'ol', format: 'numbered' },
      { selector: 'sup', format: 'raised' },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  }),
);
const toText = (html: string) => converter()(html);

/**
 * The plain-text part: the issue's text as a reader of plain text expects it, without Markdown's
 * marks. Headings stand on their own line, underlined; lists start with "- " or "1. "; a link is its
 * text with a number ("the report [1]") and the numbered addresses follow the text; an image is its
 * description in brackets; characters are themselves (no HTML entities).
 */
export function markdownToText(markdown: string): string {
  links = [];
  try {
    const text = toText(markdownToHtml(markdown)).trim();
    return links.length ? `${text}\n\n${links.map((href, i) => `[${i + 1}] ${href}`).join('\n')}` : text;
  } finally {
    links = [];
  }
}

/** The version a reader gets: their language's, else the issue's default language's. */
export function versionFor(versions: Partial<Record<Locale, IssueVersion>>, locale: string, defaultLocale: string): { version: IssueVersion; locale: Locale } | null {
  const own = isLocale(locale) ? versions[locale] : undefined;
  if (own?.subject.trim()) return { version: own, locale: locale as Locale };
  const fallback = isLocale(defaultLocale) ? versions[defaultLocale] : undefined;
  return fallback?.subject.trim() ? { version: fallback, locale: defaultLocale as Locale } : null;
}

/** Per-recipient links are written into the rendered frame last, by plain replacement (fast for 100,000 people). */
export const PREFERENCES_SLOT = '%%BRIDGES_PREFERENCES_URL%%';
export const UNSUBSCRIBE_SLOT = '%%BRIDGES_UNSUBSCRIBE_URL%%';

export interface RenderedIssue {
  subject: string;
  html: string;
  text: string;
  locale: Locale;
  /** Worked out once per language rather than by the mailer for each of 100,000 messages. */
  textEncoding: 'quoted-printable' | 'base64';
}

/**
 * An issue as an e-mail in one language, with slots for the reader's own preferences and
 * unsubscribe links. `archiveUrl` is the issue's public page ("read it in the browser").
 */
export function renderIssueMail(v: IssueVersion, locale: Locale, o: { alliance: string; archiveUrl: string }): RenderedIssue {
  const t = translator(locale);
  const body = markdownToHtml(v.body);
  const style = {
    body: "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;line-height:1.5;color:#1b1b1b;max-width:40rem;margin:0 auto;padding:1rem",
    small: 'font-size:.875rem;color:#505a5f',
  };
  const html =
    `<!doctype html><html lang="${locale}" dir="${direction(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(v.subject)}</title></head>` +
    `<body style="${style.body}">` +
    `<p style="${style.small}">${escapeHtml(o.alliance)} · <a href="${escapeHtml(o.archiveUrl)}">${escapeHtml(t('newsletter.mail.inBrowser'))}</a></p>` +
    `<h1 style="font-size:1.5rem">${escapeHtml(v.subject)}</h1>` +
    body +
    `<hr style="border:0;border-top:1px solid #ccc;margin-block:2rem 1rem">` +
    `<p style="${style.small}">${escapeHtml(t('newsletter.mail.why', { alliance: o.alliance }))}</p>` +
    `<p style="${style.small}"><a href="${PREFERENCES_SLOT}">${escapeHtml(t('newsletter.mail.preferences'))}</a> · <a href="${UNSUBSCRIBE_SLOT}">${escapeHtml(t('newsletter.mail.unsubscribe'))}</a></p>` +
    `</body></html>`;
  const text = [
    `${o.alliance} — ${t('newsletter.mail.inBrowser')}: ${o.archiveUrl}`,
    v.subject,
    markdownToText(v.body),
    '--',
    t('newsletter.mail.why', { alliance: o.alliance }),
    `${t('newsletter.mail.preferences')}: ${PREFERENCES_SLOT}`,
    `${t('newsletter.mail.unsubscribe')}: ${UNSUBSCRIBE_SLOT}`,
  ].join('\n\n');
  return { subject: v.subject, html, text: `${text}\n`, locale, textEncoding: textEncodingFor(text) };
}

/** The rendered issue with one reader's links filled in. */
export function personalize(r: RenderedIssue, links: { preferences: string; unsubscribe: string }): { subject: string; html: string; text: string; textEncoding: RenderedIssue['textEncoding'] } {
  const fill = (s: string, escape: boolean) => s.replaceAll(PREFERENCES_SLOT, escape ? escapeHtml(links.preferences) : links.preferences).replaceAll(UNSUBSCRIBE_SLOT, escape ? escapeHtml(links.unsubscribe) : links.unsubscribe);
  return { subject: r.subject, html: fill(r.html, true), text: fill(r.text, false), textEncoding: r.textEncoding };
}
