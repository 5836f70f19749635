import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales.js';

type Catalog = Record<string, string>;
type Values = Record<string, string | number | Date | boolean | null | undefined>;

function flatten(obj: Record<string, unknown>, prefix = '', out: Catalog = {}): Catalog {
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object') flatten(v as Record<string, unknown>, `${prefix}${k}.`, out);
    else out[`${prefix}${k}`] = String(v);
  }
  return out;
}

export function loadCatalog(locale: Locale): Catalog {
  const url = new URL(`../../../locales/${locale}.json`, import.meta.url);
  return flatten(JSON.parse(readFileSync(url, 'utf8')));
}

const catalogs = new Map<Locale, Catalog>(LOCALES.map((l) => [l, loadCatalog(l)]));
const compiled = new Map<string, IntlMessageFormat>();

/** Translate a message key with ICU MessageFormat. A missing key shows the key itself, never crashes a page. */
export function translate(locale: Locale, key: string, values?: Values): string {
  const id = `${locale}\u0000${key}`;
  let fmt = compiled.get(id);
  if (!fmt) {
    const source = catalogs.get(locale)?.[key] ?? catalogs.get(DEFAULT_LOCALE)?.[key];
    if (source === undefined) return key;
    fmt = new IntlMessageFormat(source, locale);
    compiled.set(id, fmt);
  }
  return String(fmt.format(values as Record<string, never>));
}

export type Translate = (key: string, values?: Values) => string;

export function translator(locale: Locale): Translate {
  return (key, values) => translate(locale, key, values);
}

export function hasMessage(key: string): boolean {
  return key in (catalogs.get(DEFAULT_LOCALE) ?? {});
}
