/**
 * What machines read of publications: an Atom feed per language (RFC 4287), and the OAI-PMH 2.0
 * harvesting endpoint with Dublin Core records (oai_dc). Both show published records only —
 * originals and translations alike, each a record of its own — and nothing of an item before it
 * is published. The XML is written here by hand, through `xmlText`/`xmlAttr`, which escape every
 * value and drop the characters XML 1.0 cannot carry; the tests validate every response against
 * the schemas kept in ./xsd.
 *
 * Datestamps. A record's datestamp is the last time it changed, to the second (UTC): its own
 * `updatedAt`, or later when one of its translations changed (a translation adds its describing
 * texts to the original and, once published, a `dc:relation` to it). The feed's `updated`, the
 * harvest's `from`/`until` and its order all read this one value.
 */
import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import { localize } from '../../platform/i18n/content.js';
import { translate } from '../../platform/i18n/messages.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { publicationSeries, publications, type Author, type Meta, type MetaBlock } from './schema.js';
import { itemKey, metaFor } from './service.js';

// ——— Writing XML ———————————————————————————————————————————————————————————————————————

/** Characters XML 1.0 cannot carry at all (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates): dropped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A value as element content. */
function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** A value as an attribute in double quotes (white space kept as written). */
function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

type Attrs = Record<string, string | number | null | undefined>;

const attrs = (a: Attrs) =>
  Object.entries(a)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

/** An element whose content is already XML (or none: an empty element). */
const el = (name: string, a: Attrs = {}, inner?: string) => (inner === undefined || inner === '' ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${inner}</${name}>`);
/** An element holding a text value. */
const txt = (name: string, value: string, a: Attrs = {}) => el(name, a, xmlText(value));

/** A moment as RFC 3339 / ISO 8601 in UTC, to the second: 2024-05-01T09:30:00Z. */
const utcSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

// ——— Shared reads —————————————————————————————————————————————————————————————————————

/** The last change of each original's translations (any state: a translation changes the original's describing texts when added). */
function translationChanges(db: Executor) {
  return db
    .select({ of: sql<string>`${publications.translationOf}`.as('of'), at: sql<Date>`max(${publications.updatedAt})`.as('at') })
    .from(publications)
    .where(isNotNull(publications.translationOf))
    .groupBy(publications.translationOf)
    .as('translation_changes');
}

type Changes = ReturnType<typeof translationChanges>;

/** The record's datestamp as a timestamp, to the second. */
const changedAt = (tc: Changes) => sql`date_trunc('second', greatest(${publications.updatedAt}, ${tc.at}))`;
/** …and as OAI-PMH and Atom write it. */
const changedText = (tc: Changes) => sql<string>`to_char(${changedAt(tc)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
/** When a record was first published (its last change, for a record published without the workflow's date). */
const firstPublished = sql<Date>`coalesce(${publications.firstPublishedAt}, ${publications.updatedAt})`.mapWith(publications.updatedAt);
/** Identifiers compared byte by byte, the same on every database whatever its collation. */
const numberC = sql`${publications.number} collate "C"`;

/** The site's name in a language (the Secretariat's settings); in its own language without one. */
async function siteName(db: Executor, locale?: Locale): Promise<string> {
  const site = await getSiteSettings(db);
  return localize(site.name, locale ?? site.originalLocale, site.originalLocale).text;
}

const landingUrl = (baseUrl: string, locale: Locale, number: string) => `${baseUrl}/${locale}/publications/${itemKey(number)}`;

const hasTitleIn = (locale: Locale) => sql`coalesce(${publications.meta} -> ${locale}::text ->> 'title', '') <> ''`;

/** The languages a record has describing texts in: its own first, then the others in the usual order. */
function describedIn(meta: Meta, own: Locale): { lang: Locale; block: MetaBlock }[] {
  return [own, ...LOCALES.filter((l) => l !== own)].flatMap((lang) => {
    const block = meta[lang];
    return block && block.title.trim() ? [{ lang, block }] : [];
  });
}

// ——— Atom ———————————————————————————————————————————————————————————————————————————————

/** How many entries a feed carries: the most recently changed. */
export const FEED_ENTRIES = 50;

export interface FeedEntry {
  id: string;
  number: string;
  locale: Locale;
  translationOf: string | null;
  meta: Meta;
  authors: Author[];
  firstPublishedAt: Date;
  changed: string;
  seriesSlug: string;
  seriesTitle: Partial<Record<Locale, string>>;
  seriesOriginal: Locale;
}

/**
 * The entries of the feed in one language: one per work a reader of that language can use. A
 * published record whose full text is in that language (an original, or a translation into it);
 * and a published original whose full text is in another language but whose describing texts
 * (title, abstract) exist in this one — unless a published translation into this language exists,
 * which then stands for it (so a work never appears twice in one feed). Most recently changed first.
 */
export async function feedEntries(db: Executor, locale: Locale, limit = FEED_ENTRIES): Promise<FeedEntry[]> {
  const tc = translationChanges(db);
  const ownTranslation = sql`exists (select 1 from ${publications} t where t.translation_of = ${publications.id} and t.locale = ${locale}::text and t.state = 'published')`;
  return db
    .select({
      id: publications.id,
      number: publications.number,
      locale: publications.locale,
      translationOf: publications.translationOf,
      meta: publications.meta,
      authors: publications.authors,
      firstPublishedAt: firstPublished,
      changed: changedText(tc),
      seriesSlug: publicationSeries.slug,
      seriesTitle: publicationSeries.title,
      seriesOriginal: publicationSeries.originalLocale,
    })
    .from(publications)
    .innerJoin(publicationSeries, eq(publicationSeries.id, publications.seriesId))
    .leftJoin(tc, eq(tc.of, publications.id))
    .where(
      and(
        eq(publications.state, 'published'),
        sql`(${publications.locale} = ${locale}::text or (${publications.translationOf} is null and ${hasTitleIn(locale)} and not ${ownTranslation}))`,
      ),
    )
    .orderBy(sql`${changedAt(tc)} desc`, numberC)
    .limit(limit);
}

/** The address of the feed in a language. */
export const feedUrl = (baseUrl: string, locale: Locale) => `${baseUrl}/${locale}/publications/feed.atom`;

/**
 * The Atom feed of publications in one language: its title is the site's name and
 * "publications" in that language; each entry has a stable id (`urn:uuid:` of the record, the
 * same across versions and languages), the title and abstract in that language (with `xml:lang`),
 * the authors, the first publication and last change, the series as a category, and the landing
 * page in that language.
 */
export async function publicationsFeed(db: Executor, opts: { locale: Locale; baseUrl: string; limit?: number }): Promise<string> {
  const { locale, baseUrl } = opts;
  const [entries, site] = await Promise.all([feedEntries(db, locale, opts.limit), siteName(db, locale)]);
  const title = translate(locale, 'publications.feed.title', { site });
  const updated = entries.reduce((max, e) => (e.changed > max ? e.changed : max), '1970-01-01T00:00:00Z');
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">\n`,
    txt('id', feedUrl(baseUrl, locale)),
    txt('title', title),
    txt('updated', updated),
    el('link', { rel: 'self', type: 'application/atom+xml', href: feedUrl(baseUrl, locale) }),
    el('link', { rel: 'alternate', type: 'text/html', hreflang: locale, href: `${baseUrl}/${locale}/publications` }),
    // Entries without authors (none should be) take the site as theirs, as RFC 4287 requires one.
    el('author', {}, txt('name', site)),
    '\n',
  ];
  for (const e of entries) {
    const { block, lang } = metaFor(e.meta, locale, e.locale);
    const series = localize(e.seriesTitle, locale, e.seriesOriginal).text;
    out.push(
      el(
        'entry',
        {},
        [
          txt('id', `urn:uuid:${e.id}`),
          txt('title', block.title, { 'xml:lang': lang }),
          el('link', { rel: 'alternate', type: 'text/html', hreflang: locale, href: landingUrl(baseUrl, locale, e.number) }),
          txt('published', utcSeconds(e.firstPublishedAt)),
          txt('updated', e.changed),
          ...e.authors.filter((a) => a.name.trim()).map((a) => el('author', {}, txt('name', a.name))),
          el('category', { term: e.seriesSlug, label: series || null }),
          block.abstract.trim() ? txt('summary', block.abstract, { 'xml:lang': lang }) : '',
        ].join(''),
      ),
      '\n',
    );
  }
  out.push('</feed>\n');
  return out.join('');
}

// ——— OAI-PMH: records ——————————————————————————————————————————————————————————————————

const OAI_DC = {
  prefix: 'oai_dc',
  schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
  namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
};

/** A keyset position in a harvest: the datestamp and identifier of the last record delivered. */
export interface HarvestCursor {
  changed: string;
  number: string;
}

export interface HarvestFilter {
  /** A series' slug (its set). */
  set?: string;
  /** Datestamps from this one (inclusive), to the second. */
  from?: Date;
  /** …until this one (inclusive). */
  until?: Date;
  /** One record (GetRecord). */
  number?: string;
}

export interface HarvestRow {
  id: string;
  number: string;
  kind: 'brief' | 'report';
  locale: Locale;
  translationOf: string | null;
  authors: Author[];
  meta: Meta;
  firstPublishedAt: Date;
  changed: string;
  seriesSlug: string;
}

function harvestWhere(tc: Changes, f: HarvestFilter, after?: HarvestCursor | null): SQL | undefined {
  return and(
    eq(publications.state, 'published'),
    f.set !== undefined ? eq(publicationSeries.slug, f.set) : undefined,
    f.from ? sql`${changedAt(tc)} >= ${utcSeconds(f.from)}::timestamptz` : undefined,
    f.until ? sql`${changedAt(tc)} <= ${utcSeconds(f.until)}::timestamptz` : undefined,
    f.number !== undefined ? eq(sql`lower(${publications.number})`, f.number.toLowerCase()) : undefined,
    after ? sql`(${changedAt(tc)}, ${numberC}) > (${after.changed}::timestamptz, ${after.number}::text collate "C")` : undefined,
  );
}

/** Published records matching the filter, in harvest order (datestamp, then identifier), after a position: one batch. */
export async function harvestBatch(db: Executor, f: HarvestFilter, after: HarvestCursor | null, limit: number): Promise<HarvestRow[]> {
  const tc = translationChanges(db);
  const rows = await db
    .select({
      id: publications.id,
      number: publications.number,
      kind: publications.kind,
      locale: publications.locale,
      translationOf: publications.translationOf,
      authors: publications.authors,
      meta: publications.meta,
      firstPublishedAt: firstPublished,
      changed: changedText(tc),
      seriesSlug: publicationSeries.slug,
    })
    .from(publications)
    .innerJoin(publicationSeries, eq(publicationSeries.id, publications.seriesId))
    .leftJoin(tc, eq(tc.of, publications.id))
    .where(harvestWhere(tc, f, after))
    .orderBy(changedAt(tc), numberC)
    .limit(limit);
  return rows;
}

/** How many published records match the filter (the harvest's completeListSize). */
export async function harvestCount(db: Executor, f: HarvestFilter): Promise<number> {
  const tc = translationChanges(db);
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(publications)
    .innerJoin(publicationSeries, eq(publicationSeries.id, publications.seriesId))
    .leftJoin(tc, eq(tc.of, publications.id))
    .where(harvestWhere(tc, f));
  return row?.n ?? 0;
}

/** The datestamp of the record changed longest ago (Identify's earliestDatestamp), or null when nothing is published. */
async function earliestChange(db: Executor): Promise<string | null> {
  const [first] = await harvestBatch(db, {}, null, 1);
  return first?.changed ?? null;
}

/** The other records of each record's family, published: an original's translations, a translation's original. */
async function relatives(db: Executor, rows: HarvestRow[]): Promise<Map<string, { number: string; locale: Locale }[]>> {
  const out = new Map<string, { number: string; locale: Locale }[]>();
  const originals = rows.filter((r) => !r.translationOf).map((r) => r.id);
  const ofTranslations = rows.flatMap((r) => (r.translationOf ? [r.translationOf] : []));
  if (!originals.length && !ofTranslations.length) return out;
  const ids = (list: string[]) => sql.join(list.map((id) => sql`${id}::uuid`), sql`, `);
  const family = await db
    .select({ id: publications.id, number: publications.number, locale: publications.locale, translationOf: publications.translationOf })
    .from(publications)
    .where(
      and(
        eq(publications.state, 'published'),
        sql`(${originals.length ? sql`${publications.translationOf} in (${ids(originals)})` : sql`false`} or ${ofTranslations.length ? sql`${publications.id} in (${ids(ofTranslations)})` : sql`false`})`,
      ),
    )
    .orderBy(numberC);
  for (const r of rows) {
    const kin = r.translationOf ? family.filter((f) => f.id === r.translationOf) : family.filter((f) => f.translationOf === r.id);
    out.set(r.id, kin.map((k) => ({ number: k.number, locale: k.locale })));
  }
  return out;
}

export interface OaiSite {
  baseUrl: string;
  /** The host of the site's address: the namespace of OAI identifiers (oai:alliance.example:CI2024-01). */
  host: string;
  /** The publisher of every record: the site's name in its own language. */
  publisher: string;
}

/** The OAI identifier of a record. */
export const oaiIdentifier = (host: string, number: string) => `oai:${host}:${number}`;

/** The record's identifier (CI2024-01) from an OAI identifier of this repository; null for anything else. */
function numberOf(host: string, identifier: string): string | null {
  const prefix = `oai:${host}:`;
  if (!identifier.toLowerCase().startsWith(prefix.toLowerCase())) return null;
  const number = identifier.slice(prefix.length);
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(number) ? number : null;
}

/** A record's header: identifier, datestamp, its series' set. */
function header(site: OaiSite, r: HarvestRow): string {
  return el('header', {}, txt('identifier', oaiIdentifier(site.host, r.number)) + txt('datestamp', r.changed) + (isSetSpec(r.seriesSlug) ? txt('setSpec', r.seriesSlug) : ''));
}

const DC_NS = 'xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"';
const DC_SCHEMA = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"';

/**
 * A record as unqualified Dublin Core: a title, a description (the abstract) and the keywords as
 * subjects in each language it is described in, each with `xml:lang`; a creator per author; the
 * date of first publication; the type (Text); the landing page as identifier; the language of the
 * full text; the site as publisher; and, as relations, the landing pages of its original or of its
 * published translations.
 */
function oaiDc(site: OaiSite, r: HarvestRow, kin: { number: string; locale: Locale }[]): string {
  const parts: string[] = [];
  const described = describedIn(r.meta, r.locale);
  for (const { lang, block } of described) parts.push(txt('dc:title', block.title, { 'xml:lang': lang }));
  for (const a of r.authors) if (a.name.trim()) parts.push(txt('dc:creator', a.name));
  for (const { lang, block } of described) for (const k of block.keywords) if (k.trim()) parts.push(txt('dc:subject', k, { 'xml:lang': lang }));
  for (const { lang, block } of described) if (block.abstract.trim()) parts.push(txt('dc:description', block.abstract, { 'xml:lang': lang }));
  if (site.publisher) parts.push(txt('dc:publisher', site.publisher));
  parts.push(txt('dc:date', utcSeconds(r.firstPublishedAt).slice(0, 10)));
  parts.push(txt('dc:type', 'Text'));
  parts.push(txt('dc:identifier', landingUrl(site.baseUrl, r.locale, r.number)));
  parts.push(txt('dc:language', r.locale));
  for (const k of kin) parts.push(txt('dc:relation', landingUrl(site.baseUrl, k.locale, k.number)));
  return `<oai_dc:dc ${DC_NS} ${DC_SCHEMA}>${parts.join('')}</oai_dc:dc>`;
}

/** Full records of a batch, with their relations read in one query. */
async function recordsXml(db: Executor, site: OaiSite, rows: HarvestRow[]): Promise<string> {
  const kin = await relatives(db, rows);
  return rows.map((r) => el('record', {}, header(site, r) + el('metadata', {}, oaiDc(site, r, kin.get(r.id) ?? []))) + '\n').join('');
}

// ——— OAI-PMH: sets ———————————————————————————————————————————————————————————————————————

const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/;
const isSetSpec = (s: string) => SET_SPEC.test(s);

export interface OaiSet {
  spec: string;
  name: string;
  title: Partial<Record<Locale, string>>;
  description: Partial<Record<Locale, string>>;
  originalLocale: Locale;
  /** The working group whose reports the series holds: its page. */
  workingGroup: { url: string; name: string } | null;
}

/**
 * The sets: one per series, its slug as setSpec. A working group's reports are a series of
 * their own, so a series linked to a working group is that group's set (its description names
 * the group and links to its page). Flat: no set contains another.
 */
export async function oaiSets(db: Executor, baseUrl: string): Promise<OaiSet[]> {
  const series = await db.select().from(publicationSeries).orderBy(publicationSeries.slug);
  const groups = series.some((s) => s.workingGroupId) ? await listWorkingGroups(db) : [];
  return series
    .filter((s) => isSetSpec(s.slug))
    .map((s) => {
      const g = s.workingGroupId ? groups.find((x) => x.id === s.workingGroupId) : undefined;
      return {
        spec: s.slug,
        name: localize(s.title, s.originalLocale, s.originalLocale).text || s.slug,
        title: s.title,
        description: s.description,
        originalLocale: s.originalLocale,
        workingGroup: g ? { url: `${baseUrl}/${g.originalLocale}/working-groups/${g.slug}`, name: localize(g.name, g.originalLocale, g.originalLocale).text } : null,
      };
    });
}

function setXml(s: OaiSet): string {
  const langs = [s.originalLocale, ...LOCALES.filter((l) => l !== s.originalLocale)];
  const parts: string[] = [];
  for (const l of langs) if (s.title[l]?.trim()) parts.push(txt('dc:title', s.title[l]!, { 'xml:lang': l }));
  for (const l of langs) if (s.description[l]?.trim()) parts.push(txt('dc:description', s.description[l]!, { 'xml:lang': l }));
  if (s.workingGroup) parts.push(txt('dc:creator', s.workingGroup.name), txt('dc:relation', s.workingGroup.url));
  const description = parts.length ? el('setDescription', {}, `<oai_dc:dc ${DC_NS} ${DC_SCHEMA}>${parts.join('')}</oai_dc:dc>`) : '';
  return el('set', {}, txt('setSpec', s.spec) + txt('setName', s.name) + description) + '\n';
}

// ——— OAI-PMH: the protocol ——————————————————————————————————————————————————————————————

const OAI_VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] as const;
type OaiVerb = (typeof OAI_VERBS)[number];

type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy';

/** The arguments each verb takes (besides verb): required, optional, exclusive (resumptionToken, alone). */
const ARGUMENTS: Record<OaiVerb, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
};

const METADATA_PREFIX = /^[A-Za-z0-9\-_.!~*'()]+$/;

/** A request's arguments, every value of each name kept (a repeated argument is an error). */
export type OaiArguments = Map<string, string[]>;

/** The arguments of a query string or of a form-encoded body. */
export function oaiArguments(encoded: string): OaiArguments {
  const args: OaiArguments = new Map();
  for (const [k, v] of new URLSearchParams(encoded)) args.set(k, [...(args.get(k) ?? []), v]);
  return args;
}

/** A date argument: day (YYYY-MM-DD) or second (YYYY-MM-DDThh:mm:ssZ) granularity; a day `until` runs to its last second. */
function parseOaiDate(value: string, end: boolean): { at: Date; day: boolean } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/.exec(value);
  if (!m) return null;
  const day = m[4] === undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? (end ? '23' : '00'), m[5] ?? (end ? '59' : '00'), m[6] ?? (end ? '59' : '00')].map(Number) as number[];
  const at = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  // Refuse what Date would roll over (2024-02-30, 25:00:00).
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo! - 1 || at.getUTCDate() !== d || at.getUTCHours() !== h || at.getUTCMinutes() !== mi || at.getUTCSeconds() !== s) return null;
  return { at, day };
}

/** What a list request asks, as carried from one page to the next. */
interface ListQuery {
  verb: 'ListIdentifiers' | 'ListRecords';
  metadataPrefix: string;
  set?: string;
  from?: string;
  until?: string;
}

/**
 * The resumption token: the list's arguments and a keyset position (the datestamp and identifier
 * of the last record sent), plus the count sent so far for the `cursor` attribute; JSON in
 * base64url, not signed. It holds nothing that is not public — anyone may ask the same with
 * from/until/set — so a forged token can only ask a question anyone may ask; anything that does not
 * parse to exactly this shape is a badResumptionToken. Being a position and not an offset, records
 * published or changed during a harvest shift no page: a changed record moves to the end (and may
 * come twice, which harvesters expect), none is skipped. No state on the server: any instance
 * answers any page, and tokens do not expire.
 */
interface TokenState extends ListQuery {
  after: HarvestCursor;
  sent: number;
}

const TOKEN_VERB = { ListIdentifiers: 'i', ListRecords: 'r' } as const;

function encodeToken(t: TokenState): string {
  const body = { v: 1, k: TOKEN_VERB[t.verb], m: t.metadataPrefix, s: t.set, f: t.from, u: t.until, d: t.after.changed, n: t.after.number, c: t.sent };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

const DATESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const isText = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

function decodeToken(token: string, verb: OaiVerb): TokenState | null {
  if (token.length > 1200 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const known = new Set(['v', 'k', 'm', 's', 'f', 'u', 'd', 'n', 'c']);
  if (Object.keys(b).some((k) => !known.has(k))) return null;
  if (b.v !== 1 || (verb !== 'ListIdentifiers' && verb !== 'ListRecords') || b.k !== TOKEN_VERB[verb]) return null;
  if (!isText(b.m) || !METADATA_PREFIX.test(b.m)) return null;
  if (b.s !== undefined && !(isText(b.s) && isSetSpec(b.s))) return null;
  if (b.f !== undefined && !(isText(b.f, 20) && parseOaiDate(b.f, false))) return null;
  if (b.u !== undefined && !(isText(b.u, 20) && parseOaiDate(b.u, true))) return null;
  if (!isText(b.d, 20) || !DATESTAMP.test(b.d) || !parseOaiDate(b.d, false)) return null;
  if (!isText(b.n, 100)) return null;
  if (typeof b.c !== 'number' || !Number.isSafeInteger(b.c) || b.c < 1) return null;
  return { verb, metadataPrefix: b.m, set: b.s as string | undefined, from: b.f as string | undefined, until: b.u as string | undefined, after: { changed: b.d, number: b.n }, sent: b.c };
}

export interface OaiOptions {
  db: Executor;
  baseUrl: string;
  /** Where mail comes from (Identify's adminEmail when the site has no contact address). */
  mailFrom: string;
  /** Records (or headers) per response before a resumption token. */
  pageSize: number;
  /** Records read from the database at a time while a response is written. */
  batchSize: number;
  now?: Date;
}

/** The defaults: 100 records a response, read 100 at a time (one batch a page, the same memory for a longer page). */
export const OAI_PAGE_SIZE = 100;
export const OAI_BATCH_SIZE = 100;

const OAI_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n';

/** The request as the response repeats it: the base URL and, unless the request was refused for its verb or arguments, its arguments. */
function opening(o: OaiOptions, now: Date, args: OaiArguments | null): string {
  const a: Attrs = {};
  if (args) for (const [k, v] of args) if (k === 'identifier' ? /^[^\s<>"{}|\\^`]+$/u.test(v[0]!) : true) a[k] = v[0];
  return OAI_HEAD + txt('responseDate', utcSeconds(now)) + '\n' + el('request', a, xmlText(`${o.baseUrl}/oai`)) + '\n';
}

const CLOSING = '</OAI-PMH>\n';

type OaiError = [OaiErrorCode, string];

function errorResponse(o: OaiOptions, now: Date, args: OaiArguments | null, errors: OaiError[]): string {
  return opening(o, now, args) + errors.map(([code, message]) => txt('error', message, { code }) + '\n').join('') + CLOSING;
}

async function* once(s: string): AsyncGenerator<string> {
  yield s;
}

/** What is wrong with the arguments for this verb (badArgument), if anything. */
function argumentProblems(verb: OaiVerb, args: OaiArguments): string[] {
  const spec = ARGUMENTS[verb];
  const problems: string[] = [];
  const given = [...args.keys()].filter((k) => k !== 'verb');
  for (const k of given) if (args.get(k)!.length > 1) problems.push(`The argument '${k}' is repeated.`);
  for (const k of given) if (![...spec.required, ...spec.optional, spec.exclusive].includes(k)) problems.push(`The argument '${k}' is not allowed with ${verb}.`);
  if (spec.exclusive && args.has(spec.exclusive)) {
    if (given.length > 1) problems.push(`The argument '${spec.exclusive}' must be given alone (with the verb).`);
    if (!args.get(spec.exclusive)![0]) problems.push(`The argument '${spec.exclusive}' is empty.`);
    return problems;
  }
  for (const k of spec.required) if (!args.has(k)) problems.push(`The argument '${k}' is required with ${verb}.`);
  const one = (k: string) => args.get(k)?.[0];
  const prefix = one('metadataPrefix');
  if (prefix !== undefined && !METADATA_PREFIX.test(prefix)) problems.push(`The metadataPrefix '${prefix}' is not a metadata prefix.`);
  const identifier = one('identifier');
  if (identifier !== undefined && !identifier) problems.push(`The argument 'identifier' is empty.`);
  const set = one('set');
  if (set !== undefined && !isSetSpec(set)) problems.push(`The set '${set}' is not a setSpec.`);
  const from = one('from');
  const until = one('until');
  const f = from !== undefined ? parseOaiDate(from, false) : undefined;
  const u = until !== undefined ? parseOaiDate(until, true) : undefined;
  if (f === null) problems.push(`The argument 'from' is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).`);
  if (u === null) problems.push(`The argument 'until' is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).`);
  if (f && u && f.day !== u.day) problems.push(`The arguments 'from' and 'until' must have the same granularity.`);
  if (f && u && f.at > u.at) problems.push(`The argument 'from' is later than 'until'.`);
  return problems;
}

/**
 * An OAI-PMH 2.0 response, as chunks of XML to send as they come. Every answer is a complete
 * document valid against OAI-PMH.xsd; errors are answered the protocol's way (HTTP 200, an
 * `error` element with its code). ListRecords and ListIdentifiers read their page a batch at a
 * time and yield each batch as it is written, so a response holds one batch in memory however
 * many records it carries.
 *
 * Two of the eight error codes cannot arise while the repository has series: noMetadataFormats
 * (every record is available as oai_dc, so ListMetadataFormats of an existing record always has one)
 * and noSetHierarchy, answered only when no series exists at all (ListSets, or a set argument).
 */
export async function oaiResponse(o: OaiOptions, args: OaiArguments): Promise<AsyncIterable<string>> {
  const now = o.now ?? new Date();
  const verbs = args.get('verb');
  const verb = verbs?.length === 1 ? OAI_VERBS.find((v) => v === verbs[0]) : undefined;
  if (!verb) {
    const why = !verbs ? 'The verb argument is missing.' : verbs.length > 1 ? 'The verb argument is repeated.' : `'${verbs[0]}' is not an OAI-PMH verb.`;
    return once(errorResponse(o, now, null, [['badVerb', why]]));
  }
  const problems = argumentProblems(verb, args);
  if (problems.length) return once(errorResponse(o, now, null, problems.map((p) => ['badArgument', p])));
  const one = (k: string) => args.get(k)?.[0];
  const host = new URL(o.baseUrl).hostname;
  const site = { baseUrl: o.baseUrl, host, publisher: '' };
  const fail = (...errors: OaiError[]) => once(errorResponse(o, now, args, errors));
  const reply = (body: string) => once(opening(o, now, args) + body + CLOSING);

  switch (verb) {
    case 'Identify': {
      const settings = await getSiteSettings(o.db);
      const name = localize(settings.name, settings.originalLocale, settings.originalLocale).text;
      const email = [settings.contactEmail, /<([^>]+)>/.exec(o.mailFrom)?.[1] ?? o.mailFrom].find((e) => e && /^\S+@(\S+\.)+\S+$/.test(e.trim()));
      const earliest = (await earliestChange(o.db)) ?? utcSeconds(now);
      return reply(
        el(
          'Identify',
          {},
          [
            txt('repositoryName', translate(settings.originalLocale, 'publications.feed.title', { site: name })),
            txt('baseURL', `${o.baseUrl}/oai`),
            txt('protocolVersion', '2.0'),
            txt('adminEmail', (email ?? `no-reply@${host.includes('.') ? host : `${host}.invalid`}`).trim()),
            txt('earliestDatestamp', earliest),
            txt('deletedRecord', 'no'),
            txt('granularity', 'YYYY-MM-DDThh:mm:ssZ'),
          ].join('\n'),
        ) + '\n',
      );
    }
    case 'ListMetadataFormats': {
      const identifier = one('identifier');
      if (identifier !== undefined) {
        const number = numberOf(host, identifier);
        const found = number ? await harvestBatch(o.db, { number }, null, 1) : [];
        if (!found.length) return fail(['idDoesNotExist', `No record has the identifier '${identifier}'.`]);
      }
      const format = el('metadataFormat', {}, txt('metadataPrefix', OAI_DC.prefix) + txt('schema', OAI_DC.schema) + txt('metadataNamespace', OAI_DC.namespace));
      return reply(el('ListMetadataFormats', {}, format) + '\n');
    }
    case 'ListSets': {
      // Every set is listed at once (there are few), so no resumption token is ever given out.
      if (one('resumptionToken') !== undefined) return fail(['badResumptionToken', 'This resumption token was not issued by this repository.']);
      const sets = await oaiSets(o.db, o.baseUrl);
      if (!sets.length) return fail(['noSetHierarchy', 'This repository has no sets yet.']);
      return reply(el('ListSets', {}, '\n' + sets.map(setXml).join('')) + '\n');
    }
    case 'GetRecord': {
      const identifier = one('identifier')!;
      const number = numberOf(host, identifier);
      const found = number ? await harvestBatch(o.db, { number }, null, 1) : [];
      const errors: OaiError[] = [];
      if (!found.length) errors.push(['idDoesNotExist', `No record has the identifier '${identifier}'.`]);
      if (one('metadataPrefix') !== OAI_DC.prefix) errors.push(['cannotDisseminateFormat', `Records are available as ${OAI_DC.prefix} only.`]);
      if (errors.length) return fail(...errors);
      site.publisher = await siteName(o.db);
      return reply(el('GetRecord', {}, await recordsXml(o.db, site, found)) + '\n');
    }
    case 'ListIdentifiers':
    case 'ListRecords':
      return list(o, now, args, verb, site, fail);
  }
}

async function list(o: OaiOptions, now: Date, args: OaiArguments, verb: 'ListIdentifiers' | 'ListRecords', site: OaiSite, fail: (...e: OaiError[]) => AsyncIterable<string>): Promise<AsyncIterable<string>> {
  const one = (k: string) => args.get(k)?.[0];
  const token = one('resumptionToken');
  let q: ListQuery;
  let after: HarvestCursor | null = null;
  let sent = 0;
  if (token !== undefined) {
    const state = decodeToken(token, verb);
    if (!state) return fail(['badResumptionToken', 'The resumption token is not valid for this request.']);
    ({ after, sent } = state);
    q = state;
  } else {
    q = { verb, metadataPrefix: one('metadataPrefix')!, set: one('set'), from: one('from'), until: one('until') };
  }
  if (q.metadataPrefix !== OAI_DC.prefix) return fail(['cannotDisseminateFormat', `Records are available as ${OAI_DC.prefix} only.`]);
  if (q.set !== undefined && (await oaiSets(o.db, o.baseUrl)).length === 0) return fail(['noSetHierarchy', 'This repository has no sets yet.']);
  const filter: HarvestFilter = { set: q.set, from: q.from ? parseOaiDate(q.from, false)!.at : undefined, until: q.until ? parseOaiDate(q.until, true)!.at : undefined };
  const pageSize = Math.max(1, o.pageSize);
  const batchSize = Math.max(1, Math.min(o.batchSize, pageSize));
  // The first batch is read before anything is written: an empty list is an error, not a list.
  let rows = await harvestBatch(o.db, filter, after, batchSize + 1);
  if (!rows.length) return fail(['noRecordsMatch', 'No record matches these arguments.']);
  const total = await harvestCount(o.db, filter);
  if (verb === 'ListRecords') site.publisher = await siteName(o.db);
  const db = o.db;

  return (async function* () {
    yield opening(o, now, args) + `<${verb}>\n`;
    let written = 0;
    let more = false;
    for (;;) {
      const want = Math.min(batchSize, pageSize - written);
      const batch = rows.slice(0, want);
      yield verb === 'ListRecords' ? await recordsXml(db, site, batch) : batch.map((r) => header(site, r) + '\n').join('');
      written += batch.length;
      after = { changed: batch[batch.length - 1]!.changed, number: batch[batch.length - 1]!.number };
      if (rows.length <= want) break; // nothing beyond this batch
      if (written >= pageSize) {
        more = true;
        break;
      }
      rows = await harvestBatch(db, filter, after, Math.min(batchSize, pageSize - written) + 1);
      if (!rows.length) break;
    }
    const size = { completeListSize: Math.max(total, sent + written), cursor: sent };
    // The last page of a resumed list ends with an empty token; a list given whole in one response has none.
    if (more) yield el('resumptionToken', size, xmlText(encodeToken({ ...q, after: after!, sent: sent + written }))) + '\n';
    else if (token !== undefined) yield el('resumptionToken', size) + '\n';
    yield `</${verb}>\n` + CLOSING;
  })();
}
