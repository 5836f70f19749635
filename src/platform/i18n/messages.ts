import { readFileSync } from 'node:fs';
import { escapeHtml } from '@kitajs/html';
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, LOCALES, direction, type Locale } from './locales.js';
import { Markup } from './markup.js';

export { Markup, markup } from './markup.js';

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

/** Each language's messages, read when first needed (reading all six cost every start ~60 ms). */
const catalogs = new Map<Locale, Catalog>();
function catalog(locale: Locale): Catalog {
  let c = catalogs.get(locale);
  if (!c) catalogs.set(locale, (c = loadCatalog(locale)));
  return c;
}
const compiled = new Map<string, IntlMessageFormat>();

/** Translate a message key with ICU MessageFormat. A missing key shows the key itself, never crashes a page. */
export function translate(locale: Locale, key: string, values?: Values): string {
  const fmt = compile(locale, key);
  if (!fmt) return key;
  return String(fmt.format(values as Record<string, never>));
}

function compile(locale: Locale, key: string): IntlMessageFormat | undefined {
  const id = `${locale}\u0000${key}`;
  let fmt = compiled.get(id);
  if (!fmt) {
    const source = (LOCALES.includes(locale) ? catalog(locale)[key] : undefined) ?? catalog(DEFAULT_LOCALE)[key];
    if (source === undefined) return undefined;
    fmt = new IntlMessageFormat(source, locale);
    compiled.set(id, fmt);
  }
  return fmt;
}

export type Translate = (key: string, values?: Values) => string;

export function translator(locale: Locale): Translate {
  return (key, values) => translate(locale, key, values);
}

type HtmlValues = Record<string, string | number | Date | boolean | null | undefined | Markup>;

/** The type of a `{x, select, …}` element in intl-messageformat's parsed message. */
const SELECT = 5;

/** The names a message chooses a form by (`{x, select, …}`): their values must stay plain strings. */
const selectors = new WeakMap<IntlMessageFormat, Set<string>>();
function selectorsOf(fmt: IntlMessageFormat): Set<string> {
  let names = selectors.get(fmt);
  if (!names) {
    names = new Set();
    const walk = (elements: readonly unknown[]) => {
      for (const el of elements as { type: number; value: string; options?: Record<string, { value: unknown[] }> }[]) {
        if (el.type === SELECT) names!.add(el.value);
        for (const option of Object.values(el.options ?? {})) walk(option.value);
      }
    };
    walk(fmt.getAst());
    selectors.set(fmt, names);
  }
  return names;
}

/**
 * Translate for HTML: the message escaped, and each text value (a name, a title, a code, a time
 * zone, an e-mail address) set apart in `<bdi>`, so a value written the other way round (a Latin
 * name in an Arabic sentence) keeps the sentence's words and punctuation in place. The message's
 * own punctuation (`«{title}»:`) stays outside the isolated value. Numbers are left as they are.
 * The text a reader sees (and a test reads) is the same as `translate()`'s.
 */
export function translateHtml(locale: Locale, key: string, values?: HtmlValues): JSX.Element {
  const fmt = compile(locale, key);
  if (!fmt) return escapeHtml(key);
  const select = selectorsOf(fmt);
  const wrapped: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(values ?? {})) {
    wrapped[name] = v instanceof Markup ? v : typeof v === 'string' && !select.has(name) ? (v ? new Markup(escapeHtml(v)) : '') : v;
  }
  return fmt
    .formatToParts(wrapped as Record<string, never>)
    .map((part) => ((part.value as unknown) instanceof Markup ? `<bdi>${(part.value as unknown as Markup).html}</bdi>` : escapeHtml(String(part.value))))
    .join('');
}

export type TranslateHtml = (key: string, values?: HtmlValues) => JSX.Element;

export function htmlTranslator(locale: Locale): TranslateHtml {
  return (key, values) => translateHtml(locale, key, values);
}

/** Any letter written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms). */
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
/** Any letter written left to right: Latin, Greek, Cyrillic, CJK and the rest of the world's scripts but those above. */
const LTR_LETTER = /[A-Za-z\u00C0-\u02AF\u0370-\u058F\u0900-\u1FFF\u2C00-\u2DFF\u3040-\u9FFF\uAC00-\uD7AF]/;

/**
 * Translate for plain text (an e-mail's subject and text): a value holding letters written the
 * other way from the message's language (a Latin name in Arabic, an Arabic title in English) is set
 * apart with Unicode isolates (FSI … PDI), which plain text has instead of `<bdi>`. Other values
 * are left as they are, so the text stays the same where nothing needs isolating.
 */
export function isolatingTranslator(locale: Locale): Translate {
  const other = direction(locale) === 'rtl' ? LTR_LETTER : RTL_LETTER;
  return (key, values) => {
    if (!values) return translate(locale, key);
    const fmt = compile(locale, key);
    const select = fmt ? selectorsOf(fmt) : new Set<string>();
    const isolated: Values = {};
    for (const [name, v] of Object.entries(values)) isolated[name] = typeof v === 'string' && !select.has(name) && other.test(v) ? `\u2068${v}\u2069` : v;
    return translate(locale, key, isolated);
  };
}

/** A hyphenated code as the last word of a message key: "out-of-range" → "outOfRange". */
export const keyWord = (code: string): string => code.replace(/-([a-z])/g, (_, x: string) => x.toUpperCase());

export function hasMessage(key: string): boolean {
  return key in catalog(DEFAULT_LOCALE);
}
