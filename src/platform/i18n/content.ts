import type { Locale } from './locales.js';

/** A translatable content field (a title, a body, ...): one text per locale. */
export type I18nText = Partial<Record<Locale, string>>;

export interface LocalizedText {
  text: string;
  /** The language the text is actually in. */
  lang: Locale;
  /** True when the text is the original because no translation exists yet. */
  fallback: boolean;
}

/**
 * The text in the reader's locale or, when not yet translated, in the original language
 * (then any language that has it), flagged so the page can say "not yet translated".
 */
export function localize(value: I18nText, locale: Locale, original: Locale): LocalizedText {
  const own = value[locale]?.trim();
  if (own) return { text: own, lang: locale, fallback: false };
  const orig = value[original]?.trim();
  if (orig) return { text: orig, lang: original, fallback: true };
  for (const [lang, text] of Object.entries(value) as [Locale, string][]) {
    if (text?.trim()) return { text: text.trim(), lang, fallback: true };
  }
  return { text: '', lang: original, fallback: true };
}

/** The value with one language's text set, or removed when blank (the page then falls back to another language). */
export function withText(value: I18nText, locale: Locale, text: string | undefined): I18nText {
  const next = { ...value };
  if (text) next[locale] = text;
  else delete next[locale];
  return next;
}
