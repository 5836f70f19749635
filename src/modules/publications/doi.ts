/**
 * DOIs of published items, when the site has a DOI prefix (DOI_PREFIX; none: no DOIs at all).
 *
 * An item's DOI is the prefix and its identifier, lowercased: 10.12345/ci2024-03, and
 * 10.12345/ci2024-03-fr for its French translation (a record of its own). Its metadata is written
 * for both registration agencies: Crossref's deposit schema 5.3.1 (a `report-paper`) and the
 * DataCite Metadata Schema kernel-4 (resourceTypeGeneral Report); translations and originals are
 * linked both ways (isTranslationOf / hasTranslation). The tests validate both against the schemas
 * kept in ./xsd.
 *
 * Editors download either file from the item's page. Depositing is off unless DOI_DEPOSIT_URL is
 * set: then publishing an item queues a job that sends its metadata to the agency of the prefix
 * (DOI_AGENCY) — and its original's again when a translation is published, so the original's record
 * names it. Every attempt is audited, and the item's page shows them to its editors.
 *
 * Re-exported by service.ts: values of service.ts are used here only inside functions (never at
 * load time), so the two files may load in either order.
 */
import { and, desc, eq, or } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import type { DoiConfig } from '../../config.js';
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import type { I18nText } from '../../platform/i18n/content.js';
import { localize } from '../../platform/i18n/content.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { auditLog } from '../../platform/audit/schema.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { publicationPolicy } from './policy.js';
import { publicationSeries, publications, type Author, type Meta, type MetaBlock } from './schema.js';
import type { State } from './workflow.js';
import { itemById, itemForEditor, itemKey, type ItemView } from './service.js';

export type { DoiConfig } from '../../config.js';

/** The job that deposits an item's metadata (name it in the manifest). */
export const DOI_DEPOSIT_JOB = 'publications.depositDoi';

export const DOI_FORMATS = ['crossref', 'datacite'] as const;
export type DoiFormat = (typeof DOI_FORMATS)[number];
export const isDoiFormat = (v: unknown): v is DoiFormat => DOI_FORMATS.includes(v as DoiFormat);

/** The DOI an item has once published: the prefix and its identifier, lowercased. */
export const doiFor = (prefix: string, number: string) => `${prefix}/${itemKey(number)}`;

/** An item's DOI: null when the site has no DOIs or the item is not published. */
export function doiOf(settings: DoiConfig | undefined, item: { number: string; state: State }): string | null {
  return settings && item.state === 'published' ? doiFor(settings.prefix, item.number) : null;
}

/** The DOI as a link that resolves it. */
export const doiLink = (doi: string) => `https://doi.org/${doi}`;

/** What writing the metadata needs beyond the item: the site's DOIs, its address, and the sender of its mail (Crossref's depositor, without a contact address). */
export interface DoiContext {
  doi?: DoiConfig;
  baseUrl: string;
  mailFrom: string;
  /** When the file is written (Crossref's batch timestamp); now by default. */
  now?: Date;
}

// ——— Writing XML ———————————————————————————————————————————————————————————————————————

/** Characters XML 1.0 cannot carry at all: dropped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const escText = (v: string) => v.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
const escAttr = (v: string) => escText(v).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

type Attrs = Record<string, string | number | null | undefined>;
/** An element whose content is already XML (none: an empty element). */
function node(name: string, a: Attrs = {}, inner = ''): string {
  const at = Object.entries(a)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escAttr(String(v))}"`)
    .join('');
  return inner ? `<${name}${at}>${inner}</${name}>` : `<${name}${at}/>`;
}
/** An element holding a text value. */
const leaf = (name: string, value: string, a: Attrs = {}) => node(name, a, escText(value));
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

// ——— What the metadata says ————————————————————————————————————————————————————————————

interface Related {
  number: string;
  locale: Locale;
  doi: string;
}

/** Everything both files say of one published item. */
interface DoiRecord {
  item: ItemView;
  doi: string;
  /** The landing page, in the language of the full text. */
  url: string;
  /** The describing texts in every language they exist in (a translation's with its original's). */
  meta: Meta;
  /** The original's title in its language, when this is a translation. */
  original: (Related & { title: string }) | null;
  /** Published translations, when this is an original. */
  translations: Related[];
  series: { title: I18nText; originalLocale: Locale };
  publisher: { name: string; lang: Locale; email: string };
}

/** The languages of the texts, the item's own first. */
const languagesOf = (meta: Meta, own: Locale): { lang: Locale; block: MetaBlock }[] =>
  [own, ...LOCALES.filter((l) => l !== own)].flatMap((lang) => (meta[lang]?.title.trim() ? [{ lang, block: meta[lang]! }] : []));

/** An author's ORCID iD as a URL, when the record has one (authors entered through the forms have none yet). */
function orcidOf(a: Author): string | null {
  const raw = (a as Author & { orcid?: unknown }).orcid;
  const m = typeof raw === 'string' ? /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\s*$/.exec(raw.trim()) : null;
  return m ? `https://orcid.org/${m[1]}` : null;
}

/** A name as given and family name: "Family, Given" as written, else the last word is the family name; one word is all family name. */
function nameParts(name: string): { given: string | null; family: string } {
  const n = name.trim().replace(/\s+/g, ' ');
  const comma = n.indexOf(',');
  if (comma > 0 && comma < n.length - 1) return { family: n.slice(0, comma).trim(), given: n.slice(comma + 1).trim() || null };
  const space = n.lastIndexOf(' ');
  return space > 0 ? { given: n.slice(0, space), family: n.slice(space + 1) } : { given: null, family: n };
}

/** The sender's address of MAIL_FROM ("Name <address>" or an address). */
const addressOf = (mailFrom: string) => /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();

async function recordOf(db: Executor, item: ItemView, ctx: DoiContext): Promise<DoiRecord> {
  const prefix = ctx.doi!.prefix;
  const originalId = item.translationOf ?? item.id;
  const [family, [series], site] = await Promise.all([
    db
      .select({ id: publications.id, number: publications.number, locale: publications.locale, meta: publications.meta })
      .from(publications)
      .where(and(or(eq(publications.id, originalId), eq(publications.translationOf, originalId)), eq(publications.state, 'published'))),
    db.select({ title: publicationSeries.title, originalLocale: publicationSeries.originalLocale }).from(publicationSeries).where(eq(publicationSeries.id, item.seriesId)),
    getSiteSettings(db),
  ]);
  const original = item.translationOf ? (family.find((f) => f.id === originalId) ?? null) : null;
  const name = localize(site.name, site.originalLocale, site.originalLocale);
  return {
    item,
    doi: doiFor(prefix, item.number),
    url: `${ctx.baseUrl}/${item.locale}/publications/${itemKey(item.number)}`,
    meta: original ? { ...original.meta, ...item.meta } : item.meta,
    original: original ? { number: original.number, locale: original.locale, doi: doiFor(prefix, original.number), title: original.meta[original.locale]?.title ?? '' } : null,
    translations: item.translationOf
      ? []
      : family
          .filter((f) => f.id !== item.id)
          .sort((a, b) => a.number.localeCompare(b.number))
          .map((f) => ({ number: f.number, locale: f.locale, doi: doiFor(prefix, f.number) })),
    series: series ?? { title: {}, originalLocale: item.locale },
    publisher: { name: name.text || 'Bridges', lang: name.lang, email: site.contactEmail.trim() || addressOf(ctx.mailFrom) },
  };
}

const published = (r: DoiRecord) => r.item.firstPublishedAt ?? r.item.updatedAt;

// ——— Crossref (deposit schema 5.3.1) ———————————————————————————————————————————————————

const CROSSREF_NS = 'http://www.crossref.org/schema/5.3.1';

/**
 * A Crossref deposit of one item: a `report-paper` with its contributors (ORCID iDs when known),
 * title (and the original's title when it is a translation), abstracts in every language (JATS, with
 * xml:lang), publication date, publisher, report number, its translations or original through the
 * relations program, and its DOI with the landing page.
 */
function crossrefXml(r: DoiRecord, now: Date): string {
  const { item } = r;
  const own = r.meta[item.locale];
  const contributors = item.authors.map((a, i) => {
    const { given, family } = nameParts(a.name);
    const orcid = orcidOf(a);
    return node(
      'person_name',
      { sequence: i === 0 ? 'first' : 'additional', contributor_role: 'author' },
      (given ? leaf('given_name', clip(given, 60)) : '') +
        leaf('surname', clip(family, 60)) +
        (a.affiliation.trim() ? node('affiliations', {}, node('institution', {}, leaf('institution_name', clip(a.affiliation.trim(), 1024)))) : '') +
        (orcid ? leaf('ORCID', orcid) : ''),
    );
  });
  const titles = node(
    'titles',
    {},
    leaf('title', own?.title ?? '') + (r.original?.title ? leaf('original_language_title', r.original.title, { language: r.original.locale }) : ''),
  );
  const abstracts = languagesOf(r.meta, item.locale)
    .filter(({ block }) => block.abstract.trim())
    .map(({ lang, block }) =>
      node(
        'jats:abstract',
        { 'xml:lang': lang },
        block.abstract
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => leaf('jats:p', p))
          .join(''),
      ),
    );
  const date = published(r);
  const two = (n: number) => String(n).padStart(2, '0');
  const relations = [
    ...(r.original ? [{ type: 'isTranslationOf', doi: r.original.doi }] : []),
    ...r.translations.map((t) => ({ type: 'hasTranslation', doi: t.doi })),
  ].map((x) => node('rel:related_item', {}, leaf('rel:intra_work_relation', x.doi, { 'relationship-type': x.type, 'identifier-type': 'doi' })));
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 17); // yyyymmddhhmmssSSS: each deposit's is later than the one before
  const head = node(
    'head',
    {},
    leaf('doi_batch_id', clip(`${item.number}-${stamp}`, 100)) +
      leaf('timestamp', stamp) +
      node('depositor', {}, leaf('depositor_name', clip(r.publisher.name, 130)) + leaf('email_address', r.publisher.email)) +
      leaf('registrant', clip(r.publisher.name, 255)),
  );
  const metadata = node(
    'report-paper_metadata',
    { language: item.locale },
    (contributors.length ? node('contributors', {}, contributors.join('')) : '') +
      titles +
      abstracts.join('') +
      node('publication_date', { media_type: 'online' }, leaf('month', two(date.getUTCMonth() + 1)) + leaf('day', two(date.getUTCDate())) + leaf('year', String(date.getUTCFullYear()))) +
      node('publisher', {}, leaf('publisher_name', clip(r.publisher.name, 255))) +
      node('publisher_item', {}, leaf('identifier', item.number, { id_type: 'report-number' })) +
      (relations.length ? node('rel:program', { name: 'relations' }, relations.join('')) : '') +
      node('doi_data', {}, leaf('doi', r.doi) + leaf('resource', r.url)),
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    node(
      'doi_batch',
      {
        version: '5.3.1',
        xmlns: CROSSREF_NS,
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xmlns:jats': 'http://www.ncbi.nlm.nih.gov/JATS1',
        'xmlns:rel': 'http://www.crossref.org/relations.xsd',
        'xsi:schemaLocation': `${CROSSREF_NS} https://www.crossref.org/schemas/crossref5.3.1.xsd`,
      },
      head + node('body', {}, node('report-paper', {}, metadata)),
    ) +
    '\n'
  );
}

// ——— DataCite (Metadata Schema kernel-4) ——————————————————————————————————————————————

const DATACITE_NS = 'http://datacite.org/schema/kernel-4';

/**
 * A DataCite record of one item: a Report, with its creators (ORCID iDs when known), its title in
 * every language (xml:lang; the item's own first, the others translated titles), publisher and
 * year, keywords, abstracts in every language, the series, its language and version, the report
 * number, and its translations or original (IsTranslationOf / HasTranslation).
 */
function dataciteXml(r: DoiRecord): string {
  const { item } = r;
  const texts = languagesOf(r.meta, item.locale);
  const creators = item.authors.length
    ? item.authors.map((a) => {
        const { given, family } = nameParts(a.name);
        const orcid = orcidOf(a);
        return node(
          'creator',
          {},
          leaf('creatorName', a.name.trim(), { nameType: 'Personal' }) +
            (given ? leaf('givenName', given) + leaf('familyName', family) : '') +
            (orcid ? leaf('nameIdentifier', orcid, { nameIdentifierScheme: 'ORCID', schemeURI: 'https://orcid.org' }) : '') +
            (a.affiliation.trim() ? leaf('affiliation', a.affiliation.trim()) : ''),
        );
      })
    : [node('creator', {}, leaf('creatorName', r.publisher.name, { nameType: 'Organizational', 'xml:lang': r.publisher.lang }))];
  const titles = texts.map(({ lang, block }) => leaf('title', block.title, { 'xml:lang': lang, titleType: lang === item.locale ? undefined : 'TranslatedTitle' }));
  const subjects = texts.flatMap(({ lang, block }) => block.keywords.filter((k) => k.trim()).map((k) => leaf('subject', k.trim(), { 'xml:lang': lang })));
  const abstracts = texts.filter(({ block }) => block.abstract.trim()).map(({ lang, block }) => leaf('description', block.abstract, { descriptionType: 'Abstract', 'xml:lang': lang }));
  const series = localize(r.series.title, item.locale, r.series.originalLocale);
  const related = [
    ...(r.original ? [{ type: 'IsTranslationOf', doi: r.original.doi }] : []),
    ...r.translations.map((t) => ({ type: 'HasTranslation', doi: t.doi })),
  ].map((x) => leaf('relatedIdentifier', x.doi, { relatedIdentifierType: 'DOI', relationType: x.type, resourceTypeGeneral: 'Report' }));
  const date = published(r);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    node(
      'resource',
      {
        xmlns: DATACITE_NS,
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xsi:schemaLocation': `${DATACITE_NS} https://schema.datacite.org/meta/kernel-4/metadata.xsd`,
      },
      leaf('identifier', r.doi, { identifierType: 'DOI' }) +
        node('creators', {}, creators.join('')) +
        node('titles', {}, titles.join('')) +
        leaf('publisher', r.publisher.name, { 'xml:lang': r.publisher.lang }) +
        leaf('publicationYear', String(date.getUTCFullYear())) +
        leaf('resourceType', item.kind === 'brief' ? 'Policy brief' : 'Report', { resourceTypeGeneral: 'Report' }) +
        (subjects.length ? node('subjects', {}, subjects.join('')) : '') +
        node('dates', {}, leaf('date', date.toISOString().slice(0, 10), { dateType: 'Issued' })) +
        leaf('language', item.locale) +
        node('alternateIdentifiers', {}, leaf('alternateIdentifier', item.number, { alternateIdentifierType: 'Report number' })) +
        (related.length ? node('relatedIdentifiers', {}, related.join('')) : '') +
        leaf('version', String(Math.max(1, item.currentVersion))) +
        node(
          'descriptions',
          {},
          abstracts.join('') + (series.text ? leaf('description', series.text, { descriptionType: 'SeriesInformation', 'xml:lang': series.lang }) : ''),
        ),
    ) +
    '\n'
  );
}

/** A published item's metadata as one agency's XML. The site must have a DOI prefix. */
export async function doiXml(db: Executor, item: ItemView, format: DoiFormat, ctx: DoiContext): Promise<string> {
  if (!ctx.doi) throw new Error('DOIs are off: no DOI_PREFIX');
  const r = await recordOf(db, item, ctx);
  return format === 'crossref' ? crossrefXml(r, ctx.now ?? new Date()) : dataciteXml(r);
}

// ——— For the item's editors ————————————————————————————————————————————————————————————

export interface DoiFile {
  filename: string;
  contentType: string;
  body: string;
}

/**
 * The Crossref or DataCite file of a published item, for its editors to download. Refused (403, or
 * sign-in for a visitor) to anyone but the editors of its series; null (a 404) when the site has no
 * DOIs, the item is not published or does not exist, or the format is neither.
 */
export async function doiFile(db: Executor, actor: MaybeActor, key: string, format: string, ctx: DoiContext): Promise<DoiFile | null> {
  const item = await itemForEditor(db, actor, key);
  if (!item || !ctx.doi || !isDoiFormat(format) || item.state !== 'published') return null;
  return { filename: `${item.number}-${format}.xml`, contentType: 'application/xml; charset=utf-8', body: await doiXml(db, item, format, ctx) };
}

/** What became of one deposit, as audited. */
export type DepositOutcome = 'queued' | 'accepted' | 'refused' | 'failed';

export interface DepositRow {
  at: Date;
  outcome: DepositOutcome;
  agency: DoiConfig['agency'];
  /** The agency's HTTP status (none: queued, or no answer). */
  status: number | null;
  /** The start of the agency's answer, as it wrote it. */
  message: string;
}

export interface DoiPanel {
  /** The DOI the item has, or will have once published. */
  doi: string;
  published: boolean;
  agency: DoiConfig['agency'];
  /** Whether publishing deposits the metadata. */
  deposit: boolean;
  /** The deposits of this item, newest first. */
  deposits: DepositRow[];
}

const DEPOSIT_AUDIT = 'publications.doi-deposit';

/** The DOI part of an item's page for its editors: null when the site has no DOIs. */
export async function doiPanel(db: Executor, actor: MaybeActor, item: ItemView, settings: DoiConfig | undefined): Promise<DoiPanel | null> {
  authorize(publicationPolicy.edit(actor, item), 'publications.doi');
  if (!settings) return null;
  const rows = await db
    .select({ at: auditLog.at, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.action, DEPOSIT_AUDIT), eq(auditLog.targetType, 'publication'), eq(auditLog.targetId, item.number)))
    .orderBy(desc(auditLog.id))
    .limit(20);
  return {
    doi: doiFor(settings.prefix, item.number),
    published: item.state === 'published',
    agency: settings.agency,
    deposit: !!settings.deposit,
    deposits: rows.map((r) => {
      const a = (r.after ?? {}) as Partial<DepositRow>;
      return { at: r.at, outcome: a.outcome ?? 'failed', agency: a.agency ?? settings.agency, status: typeof a.status === 'number' ? a.status : null, message: typeof a.message === 'string' ? a.message : '' };
    }),
  };
}

// ——— Depositing ————————————————————————————————————————————————————————————————————————

/**
 * Queues the deposit of a published item's metadata (in the publishing transaction), when
 * depositing is configured; and of its original's, when it is a translation (the original's record
 * then names it). One job per item: queued again, it runs once more.
 */
export async function queueDeposit(tx: Executor, actor: MaybeActor, item: Pick<ItemView, 'id' | 'number' | 'translationOf'>, settings: DoiConfig | undefined): Promise<void> {
  if (!settings?.deposit) return;
  const targets = [{ id: item.id, number: item.number }];
  if (item.translationOf) {
    const [original] = await tx.select({ id: publications.id, number: publications.number }).from(publications).where(eq(publications.id, item.translationOf));
    if (original) targets.push(original);
  }
  for (const t of targets) {
    await enqueueJob(tx, DOI_DEPOSIT_JOB, { itemId: t.id }, { uniqueKey: `${DOI_DEPOSIT_JOB}:${t.id}`, replace: true, maxAttempts: 5 });
    await recordAudit(tx, actor, { action: DEPOSIT_AUDIT, targetType: 'publication', targetId: t.number, after: { outcome: 'queued', agency: settings.agency, doi: doiFor(settings.prefix, t.number), status: null, message: '' } });
  }
}

/** An answer's text, without markup, cut short: what the editors see of it. */
const excerpt = (text: string) => clip(text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim(), 300);

/** Statuses worth trying again later: the agency is busy or down. */
const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Sends a published item's metadata to the registration agency (the job's work). Crossref: the
 * deposit XML as a file in a multipart POST (operation doMDUpload, with the account's login), which
 * Crossref queues and reports on by e-mail to the depositor. DataCite: the REST API's PUT of the
 * DOI with its XML (creates or updates it, findable). The answer is audited; no answer or a busy
 * agency throws, so the job is tried again later.
 */
export async function depositDoi(db: Db, itemId: string, ctx: DoiContext): Promise<DepositOutcome | null> {
  const settings = ctx.doi;
  if (!settings?.deposit) return null;
  const item = await itemById(db, itemId);
  if (!item || item.state !== 'published') return null;
  const format: DoiFormat = settings.agency;
  const xml = await doiXml(db, item, format, ctx);
  const doi = doiFor(settings.prefix, item.number);
  const { url, user, password } = settings.deposit;
  const audit = (after: Omit<DepositRow, 'at'>) => recordAudit(db, null, { action: DEPOSIT_AUDIT, targetType: 'publication', targetId: item.number, after: { ...after, doi } });
  let res: Response;
  try {
    if (format === 'crossref') {
      const form = new FormData();
      form.set('operation', 'doMDUpload');
      form.set('login_id', user);
      form.set('login_passwd', password);
      form.set('fname', new Blob([xml], { type: 'application/xml' }), `${itemKey(item.number)}.xml`);
      res = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
    } else {
      const body = { data: { id: doi, type: 'dois', attributes: { doi, event: 'publish', url: `${ctx.baseUrl}/${item.locale}/publications/${itemKey(item.number)}`, xml: Buffer.from(xml, 'utf8').toString('base64') } } };
      res = await fetch(`${url.replace(/\/$/, '')}/${doi}`, {
        method: 'PUT',
        headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, 'content-type': 'application/vnd.api+json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
    }
  } catch (err) {
    await audit({ outcome: 'failed', agency: format, status: null, message: excerpt(String((err as Error)?.cause ?? (err as Error)?.message ?? err)) });
    throw new Error(`DOI deposit of ${item.number}: no answer from the registration agency`);
  }
  const message = excerpt(await res.text().catch(() => ''));
  const outcome: DepositOutcome = res.ok ? 'accepted' : retryable(res.status) ? 'failed' : 'refused';
  await audit({ outcome, agency: format, status: res.status, message });
  if (outcome === 'failed') throw new Error(`DOI deposit of ${item.number}: the registration agency answered HTTP ${res.status}`);
  return outcome;
}
