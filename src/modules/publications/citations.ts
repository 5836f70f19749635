import type { Locale } from '../../platform/i18n/locales.js';
import type { Landing } from './service.js';

/**
 * (placeholder until citations land: the signature the landing page uses)
 * The APA reference of a published version, as plain text in the reader's language.
 */
export function citeAs(page: Landing, _locale: Locale, baseUrl: string): string {
  const title = page.version.meta[page.item.locale]?.title ?? '';
  return `${page.version.authors.map((a) => a.name).join(', ')} (${page.version.publishedAt.getUTCFullYear()}). ${title}. ${baseUrl}/publications/${page.item.number.toLowerCase()}`;
}
