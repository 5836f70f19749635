import { escapeHtml } from '@kitajs/html';
import type { Locale } from './locales.js';
import { bdi, markup, type Markup } from './markup.js';

/** Building an Intl formatter costs far more than using one: keep one per locale, zone and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** Dates and times are stored in UTC and shown in a given time zone (the event's, or the site's). */
export function formatDate(locale: Locale, date: Date, timeZone: string, style: 'full' | 'long' | 'medium' | 'short' = 'long'): string {
  return dtf(locale, timeZone, { dateStyle: style }).format(date);
}

export function formatDateTime(locale: Locale, date: Date, timeZone: string): string {
  return dtf(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatTime(locale: Locale, date: Date, timeZone: string): string {
  return dtf(locale, timeZone, { timeStyle: 'short' }).format(date);
}

/** "2–3 December 2024" in the reader's language. */
export function formatDateRange(locale: Locale, start: Date, end: Date, timeZone: string): string {
  return dtf(locale, timeZone, { dateStyle: 'long' }).formatRange(start, end);
}

/** "A, B and C" in the reader's language. */
export function formatList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}

export function formatNumber(locale: Locale, n: number): string {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f.format(n);
}
/** Building a number format costs far more than using one: one per language. */
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** A share (0.34) as a whole percentage in the reader's language ("34 %", "٣٤٪"). */
export function formatPercent(locale: Locale, share: number): string {
  let f = percentFormats.get(locale);
  if (!f) percentFormats.set(locale, (f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })));
  return f.format(share);
}
const percentFormats = new Map<Locale, Intl.NumberFormat>();

/** The UTC offset of a zone at an instant, e.g. "GMT+1" for Paris in December. */
export function zoneLabel(locale: Locale, date: Date, timeZone: string): string {
  const part = dtf(locale, timeZone, { timeZoneName: 'shortOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return `${timeZone.replace(/_/g, ' ')} (${part?.value ?? ''})`;
}

/** `zoneLabel` for HTML: the zone's name (Latin, "Africa/Nairobi") in its own `<bdi>`, so an Arabic page keeps it whole. */
export function zoneLabelHtml(locale: Locale, date: Date, timeZone: string): Markup {
  const part = dtf(locale, timeZone, { timeZoneName: 'shortOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return markup(`${bdi(timeZone.replace(/_/g, ' ')).html} (${escapeHtml(part?.value ?? '')})`);
}

/** A date and time followed by its zone, "3 Feb 2027, 23:59 (Africa/Nairobi (GMT+3))", for HTML (the zone isolated). */
export function dateTimeInZoneHtml(locale: Locale, date: Date, timeZone: string): Markup {
  return markup(`${escapeHtml(formatDateTime(locale, date, timeZone))} (${zoneLabelHtml(locale, date, timeZone).html})`);
}


const languageNames = new Map<Locale, Intl.DisplayNames>();

/** A language's name in the reader's language ("fr" → "French", "français", "法语"). */
export function languageName(locale: Locale, code: string): string {
  let names = languageNames.get(locale);
  if (!names) languageNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language' })));
  return names.of(code) ?? code;
}

/** An amount of money in whole units, e.g. "$1,500" or "1 500 $US". */
export function formatMoney(locale: Locale, amount: number, currency: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

/**
 * A value of one direction inside a sentence of the other (an e-mail address in Arabic text), set
 * apart with Unicode isolates (FSI … PDI) so the sentence's punctuation and words stay in place.
 */
export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}
