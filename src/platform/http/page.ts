import type { Locale } from '../i18n/locales.js';
import type { Translate, TranslateHtml } from '../i18n/messages.js';
import type { LocalizedText, I18nText } from '../i18n/content.js';
import type { Actor } from '../policy.js';
import type { NavEntry } from '../module.js';

/** Everything a view needs from the request, as plain data. Views never see the request itself. */
export interface PageContext {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t: Translate;
  /**
   * `t` for the page's HTML: each text value set apart in `<bdi>` (a Latin name in Arabic text keeps
   * the sentence in order). Use it for a message shown as an element's content: `<p>{c.th(…)}</p>`.
   */
  th: TranslateHtml;
  /** The current path without the locale, e.g. "/about?x=1" — used by the language switcher. */
  path: string;
  actor: Actor | null;
  siteName: string;
  /** The site's footer text (Markdown) in the reader's language, and the address of its logo when it has one. */
  footer: LocalizedText;
  logo?: string;
  /** A CSRF token for a form on this page (sets its cookie on first use). */
  csrf(): string;
  /** A fresh double-submit key for a form on this page. */
  once(): string;
  /** The hashed URL of a file in public/. */
  asset(name: string): string;
  /** A local URL in the current locale: href('/about') → /fr/about */
  href(path: string): string;
  nav: NavEntry[];
  /** The reader's text of a translatable field, with fallback to the original language. */
  text(value: I18nText, original: string): LocalizedText;
  timeZone: string;
  /** The page's description for search engines and link previews (plain text): the route's, else the site's tagline. */
  description: string;
  /** The site's public address without a trailing slash (`BASE_URL`): for absolute links (canonical, alternates). */
  baseUrl: string;
  /** The HTTP status the page is sent with: only a 200 names its canonical address and its languages. */
  status: number;
  /** Per language, the address (after the locale) of the page that reads best in it, when it is another page (a translation of a document): see RenderOptions. */
  alternates?: Partial<Record<Locale, string>>;
}

/** What a route says about the page it renders, beside the view. */
export interface RenderOptions {
  status?: number;
  /**
   * The page's own text its description is drawn from (Markdown: the first paragraph, cut to about 160
   * characters), as given or worked out from the page context (its `text()` picks the reader's
   * language). Without it, or when it has no words, the site's tagline describes the page.
   */
  description?: string | ((c: PageContext) => string | undefined);
  /**
   * Per language, the address (after the locale, e.g. "/publications/ci2024-01-en") a reader of that
   * language is pointed to instead of this page in their interface language: the page's `hreflang`
   * links name it. For documents whose translations are pages of their own.
   */
  alternates?: Partial<Record<Locale, string>>;
}
