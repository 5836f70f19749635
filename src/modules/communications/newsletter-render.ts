import { escapeHtml } from '@kitajs/html';
import { direction, isLocale, type Locale } from '../../platform/i18n/locales.js';
import { translator } from '../../platform/i18n/messages.js';
import type { IssueVersion } from './schema.js';
import { textEncodingFor } from '../../platform/mail/delivery.js';
import { markdownToHtml } from '../../platform/documents/markdown.js';

/**
 * Turning an issue's Markdown into what readers get: sanitized HTML for the web archive and the
 * e-mail (src/platform/documents/markdown.ts), and a plain-text part.
 */
/** The plain-text part: the Markdown itself reads well as text; images become their description. */
export function markdownToText(markdown: string): string {
  return markdown.replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_m, alt: string) => (alt ? `[${alt}]` : '')).replace(/\r\n/g, '\n').trim();
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
