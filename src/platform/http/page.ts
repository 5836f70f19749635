import type { Locale } from '../i18n/locales.js';
import type { Translate } from '../i18n/messages.js';
import type { LocalizedText, I18nText } from '../i18n/content.js';
import type { Actor } from '../policy.js';
import type { NavEntry } from '../module.js';

/** Everything a view needs from the request, as plain data. Views never see the request itself. */
export interface PageContext {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t: Translate;
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
}
