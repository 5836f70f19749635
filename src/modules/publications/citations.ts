/**
 * Citations of a published version: one CSL-JSON item built from its landing page, written out as
 * BibTeX, RIS or CSL-JSON, and formatted as an APA 7th edition reference in the reader's language.
 * Everything runs offline: citation-js with the APA style plugin-csl ships, and the CSL project's
 * locale files kept in ./csl (see ./csl/README.md). Nothing here reads the network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Executor } from '../../db/client.js';
import { localize } from '../../platform/i18n/content.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { translate } from '../../platform/i18n/messages.js';
import type { MaybeActor } from '../../platform/policy.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import type { Author } from './schema.js';
import { itemByNumber, landing, metaFor, type Landing } from './service.js';

// ——— The CSL-JSON item ————————————————————————————————————————————————————————————————————

/** A name as CSL writes it: family and given when they can be told apart safely, else the name as written. */
export type CslName = { family: string; given?: string } | { literal: string };

/** The CSL-JSON fields a citation of a version carries (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export interface CslItem {
  id: string;
  'citation-key': string;
  type: 'report';
  genre: string;
  title: string;
  abstract?: string;
  /** The language of the title and abstract (BCP 47). */
  language: string;
  author: CslName[];
  issued: { 'date-parts': [[number, number, number]] };
  publisher?: string;
  'collection-title': string;
  number: string;
  version: string;
  URL: string;
  keyword?: string;
  /** A translation: the original's title, and a note naming the original. */
  'original-title'?: string;
  note?: string;
}

/** What a citation needs beyond the landing page: who publishes (the site's name), and, for a translation, the original's title. */
export interface CiteExtras {
  publisher?: string;
  originalTitle?: string;
}

/** Scripts whose names we may split into family and given; any other script is kept as written. */
const SPLITTABLE = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{M}' ’.-]+$/u;
/** A Russian patronymic (Иванович, Петровна; Ivanovich, Petrovna): given name and patronymic go together. */
const PATRONYMIC = /(?:ович|евич|ьич|овна|евна|ична|ovich|evich|ovna|evna|ichna)$/iu;
/**
 * Common Chinese, Korean and Vietnamese family names, romanized: written with a given name, the
 * order could be either ("Li Wei", "Wei Li"), so such a name is kept as written.
 */
const EAST_ASIAN_FAMILY = new Set(
  (
    'li wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao fang jin qian fu zhong cui tan ' +
    'lam chan wong leung cheung ho ng chow tsang yip lau kwok ' +
    'kim lee park choi jung jeong kang cho yoon jang lim oh seo shin kwon hwang ahn yoo hong ' +
    'nguyen tran le pham hoang huynh phan vu vo dang bui do ngo duong ly'
  ).split(' '),
);
/** A word of two letters or more, all capitals (an initial such as "J." is not one). */
const isUpper = (w: string) => {
  const letters = w.replace(/[^\p{L}]/gu, '');
  return letters.length > 1 && letters === letters.toLocaleUpperCase() && letters !== letters.toLocaleLowerCase();
};

/**
 * An author's name as CSL family/given, or `literal` when it cannot be split safely. The rule:
 * 1. "Family, Given" (one comma): the author said which is which.
 * 2. A name in a script other than Latin, Greek or Cyrillic (Arabic, Chinese, …) is kept whole.
 * 3. One word, or a word in lower case (van, de, bin, al-…): kept whole.
 * 4. A word in capitals marks the family name (NDIAYE Awa, Awa NDIAYE, LI Wei), two words only.
 * 5. Three words with a Russian patronymic: Иван Иванович Петров and Петров Иван Иванович.
 * 6. Two words, neither a common East Asian family name: given then family (Awa Ndiaye).
 * Anything else — three or more words (María José González Pérez), "Li Wei" — is kept whole.
 */
export function splitName(raw: string): CslName {
  const name = raw.replace(/\s+/g, ' ').trim();
  const comma = name.split(',').map((p) => p.trim());
  if (comma.length === 2 && comma[0] && comma[1]) return { family: comma[0], given: comma[1] };
  if (!SPLITTABLE.test(name)) return { literal: name };
  const words = name.split(' ');
  if (words.length < 2 || words.some((w) => w[0] === w[0]!.toLocaleLowerCase() && w[0] !== w[0]!.toLocaleUpperCase())) return { literal: name };
  if (words.length === 2) {
    const [a, b] = words as [string, string];
    if (isUpper(a) !== isUpper(b)) return isUpper(a) ? { family: a, given: b } : { family: b, given: a };
    if (EAST_ASIAN_FAMILY.has(a.toLowerCase()) || EAST_ASIAN_FAMILY.has(b.toLowerCase())) return { literal: name };
    return { family: b, given: a };
  }
  if (words.length === 3) {
    const [a, b, c] = words as [string, string, string];
    if (PATRONYMIC.test(b) && !PATRONYMIC.test(c)) return { family: c, given: `${a} ${b}` };
    if (PATRONYMIC.test(c) && !PATRONYMIC.test(b)) return { family: a, given: `${b} ${c}` };
  }
  return { literal: name };
}

/** The address of a version: the landing page for the newest, `/v/N` for an older one (its address never changes). */
export function versionUrl(page: Landing, locale: Locale, baseUrl: string): string {
  const base = `${baseUrl}/${locale}/publications/${page.item.number.toLowerCase()}`;
  const newest = page.versions[0]?.number ?? page.version.number;
  return page.version.number === newest ? base : `${base}/v/${page.version.number}`;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The version as one CSL-JSON item: type report, keyed by the identifier, its title, abstract and
 * keywords in the reader's language when the item has them, else in its own (`language` says which),
 * its authors, the date the version was published, the Alliance as publisher, the series as
 * collection, the identifier as number, the version and its address; a translation names its original.
 */
export function cslItem(page: Landing, locale: Locale, baseUrl: string, extras: CiteExtras = {}): CslItem {
  const { item, series, version } = page;
  const { block, lang } = metaFor(version.meta, locale, item.locale);
  const at = version.publishedAt;
  const keywords = block.keywords.map(oneLine).filter(Boolean);
  const csl: CslItem = {
    id: item.number,
    'citation-key': item.number,
    type: 'report',
    genre: translate(locale, 'publications.cite.genre', { kind: item.kind }),
    title: oneLine(block.title),
    ...(block.abstract.trim() ? { abstract: oneLine(block.abstract) } : {}),
    language: lang,
    author: version.authors.map((a: Author) => a.name).filter((n) => n.trim()).map(splitName),
    issued: { 'date-parts': [[at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()]] },
    ...(extras.publisher?.trim() ? { publisher: oneLine(extras.publisher) } : {}),
    'collection-title': oneLine(localize(series.title, locale, series.originalLocale).text),
    number: item.number,
    version: String(version.number),
    URL: versionUrl(page, locale, baseUrl),
    // Keywords never hold a comma (the forms split on it), so a comma separates them, as BibTeX and RIS read them.
    ...(keywords.length ? { keyword: keywords.join(',') } : {}),
  };
  if (page.original) {
    if (extras.originalTitle) csl['original-title'] = oneLine(extras.originalTitle);
    csl.note = translate(locale, 'publications.cite.translationOf', { number: page.original.number, method: item.translationMethod === 'machine-assisted' ? 'machine' : 'human' });
  }
  return csl;
}

// ——— citation-js, offline ————————————————————————————————————————————————————————————————

interface CiteInstance {
  data: Record<string, unknown>[];
  format(kind: string, options?: Record<string, unknown>): string;
}
interface CitationJs {
  Cite: new (data: unknown) => CiteInstance;
  plugins: { config: { get(name: string): { locales?: Register; styles?: Register; format?: Record<string, unknown> } } };
  util: { fetchFile(url: string): string };
}
interface Register {
  add(key: string, xml: string): void;
  get(key: string): string | undefined;
}

/** The CSL locale of each of our languages: the files shipped in ./csl. */
export const CSL_LOCALES: Record<Locale, string> = { en: 'en-US', fr: 'fr-FR', es: 'es-ES', ar: 'ar', zh: 'zh-CN', ru: 'ru-RU' };

/**
 * The APA style we format with: plugin-csl's "apa" (APA 7th edition) without its `<sort>` elements.
 * We format one reference at a time, so sorting changes nothing, but citeproc expands every macro a
 * sort key names when it builds an engine: without them an engine (one per language, built on first
 * use and kept) takes a tenth of the time, about 0.15 s of processor instead of 1.5 s. A test checks
 * that both give the same text.
 */
export const APA_STYLE = 'bridges-apa-one';

let lib: CitationJs | undefined;

/**
 * citation-js with its CSL, BibTeX and RIS plugins, loaded on the first citation (citeproc is large),
 * our six CSL locale files registered (replacing the copies plugin-csl carries, so every language
 * uses the same release), the APA style above, and BibTeX written as UTF-8 (its ASCII mode drops
 * Arabic and Chinese letters) with the identifier as the entry's key.
 */
export function citationJs(): CitationJs {
  if (lib) return lib;
  const require = createRequire(import.meta.url);
  const core = require('@citation-js/core') as CitationJs;
  require('@citation-js/plugin-csl');
  require('@citation-js/plugin-bibtex');
  require('@citation-js/plugin-ris');
  const csl = core.plugins.config.get('@csl');
  for (const tag of Object.values(CSL_LOCALES)) csl.locales!.add(tag, readFileSync(new URL(`./csl/locales-${tag}.xml`, import.meta.url), 'utf8'));
  csl.styles!.add(APA_STYLE, csl.styles!.get('apa')!.replace(/<sort>[\s\S]*?<\/sort>/g, ''));
  Object.assign(core.plugins.config.get('@bibtex').format!, { asciiOnly: false, checkLabel: false });
  lib = core;
  return core;
}

/** BibTeX's special characters in a text value, escaped (citation-js's UTF-8 mode writes values as they are). */
const latex = (s: string) => s.replace(/[\\{}&%$#_~^]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : c === '^' ? '\\textasciicircum{}' : `\\${c}`));
const latexName = (n: CslName): CslName => ('literal' in n ? { literal: latex(n.literal) } : { family: latex(n.family), ...(n.given ? { given: latex(n.given) } : {}) });

/**
 * The APA 7th edition reference of a version as plain text, in the reader's language (the style's
 * terms from the CSL locale file of that language). The original's title is left to the downloads:
 * APA's "original work published" phrase is not translated in every locale file.
 */
export function citeAs(page: Landing, locale: Locale, baseUrl: string, extras: CiteExtras = {}): string {
  const { Cite } = citationJs();
  const item = cslItem(page, locale, baseUrl, extras);
  const { 'original-title': _o, note: _n, ...rest } = item;
  // A hyphen in a number reads to citeproc as a range ("Nos. CI2024-03"): escaped, it stays part of the identifier.
  const forApa = { ...rest, number: item.number.replace(/-/g, '\\-') };
  return new Cite([forApa]).format('bibliography', { format: 'text', template: APA_STYLE, lang: CSL_LOCALES[locale] }).trim();
}

export const CITATION_FORMATS = ['bib', 'ris', 'csl-json'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];
export const isCitationFormat = (s: string): s is CitationFormat => (CITATION_FORMATS as readonly string[]).includes(s);

const FILES: Record<CitationFormat, { type: string; ext: string }> = {
  bib: { type: 'application/x-bibtex; charset=utf-8', ext: 'bib' },
  ris: { type: 'application/x-research-info-systems; charset=utf-8', ext: 'ris' },
  'csl-json': { type: 'application/vnd.citationstyles.csl+json; charset=utf-8', ext: 'json' },
};

export interface CitationFile {
  body: string;
  contentType: string;
  /** CI2024-03.bib; an older version's: CI2024-03-v1.bib */
  filename: string;
}

/** A CSL item written in one of the download formats. */
export function formatCitation(item: CslItem, format: CitationFormat): string {
  if (format === 'csl-json') return `${JSON.stringify([item], null, 2)}\n`;
  const { Cite } = citationJs();
  if (format === 'ris') return new Cite([item]).format('ris').replace(/\n*$/, '\n');
  // BibTeX: its month field takes no day; its values escaped for LaTeX.
  const [y, m] = item.issued['date-parts'][0];
  const bib = {
    ...item,
    issued: { 'date-parts': [[y, m]] },
    title: latex(item.title),
    author: item.author.map(latexName),
    'collection-title': latex(item['collection-title']),
    number: latex(item.number),
    genre: latex(item.genre),
    ...(item.publisher ? { publisher: latex(item.publisher) } : {}),
    ...(item.note ? { note: latex(item.note) } : {}),
  };
  return `${new Cite([bib]).format('bibtex').trim()}\n`;
}

/** The site's name (the Alliance), in the reader's language: the publisher of every citation. */
async function publisherName(db: Executor, locale: Locale): Promise<string> {
  const site = await getSiteSettings(db);
  return localize(site.name, locale, site.originalLocale).text;
}

/** The APA reference of a landing page's version, with the publisher and the original's title read here: for the landing page. */
export async function apaCitation(db: Executor, page: Landing, locale: Locale, baseUrl: string): Promise<string> {
  return citeAs(page, locale, baseUrl, await citeExtras(db, page, locale));
}

/** What citeAs needs beyond the landing page: the publisher, and a translation's original title (in the original's language). */
export async function citeExtras(db: Executor, page: Landing, locale: Locale): Promise<CiteExtras> {
  const original = page.original ? await itemByNumber(db, page.original.number) : null;
  return {
    publisher: await publisherName(db, locale),
    ...(original ? { originalTitle: metaFor(original.meta, original.locale, original.locale).block.title } : {}),
  };
}

/**
 * A published version's citation file (the newest unless `version` names one): null when the item,
 * the version or the format is unknown, or the item is not published (a 404).
 */
export async function citationFile(db: Executor, actor: MaybeActor, key: string, version: number | undefined, format: string, ctx: { locale: Locale; baseUrl: string }): Promise<CitationFile | null> {
  if (!isCitationFormat(format)) return null;
  const page = await landing(db, actor, key, version);
  if (!page) return null;
  const item = cslItem(page, ctx.locale, ctx.baseUrl, await citeExtras(db, page, ctx.locale));
  const newest = page.versions[0]?.number ?? page.version.number;
  const name = (page.version.number === newest ? page.item.number : `${page.item.number}-v${page.version.number}`).replace(/[^A-Za-z0-9._-]/g, '_');
  return { body: formatCitation(item, format), contentType: FILES[format].type, filename: `${name}.${FILES[format].ext}` };
}
