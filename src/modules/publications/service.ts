/**
 * Publications: the only door to this module. Public reads (the list of what is published, an
 * item's landing page with its versions and translations, the feeds), and one verb per change:
 * an author submits to an open call, revises when asked, withdraws; an editor runs the workflow
 * (workflow.ts), invites reviewers, publishes, publishes new versions and translations; a reviewer
 * answers their invitation and writes their review. Every verb checks its rule in policy.ts, runs
 * in one transaction with the workflow's log and its audit record, and queues its mails there.
 */
import { and, asc, count, desc, eq, inArray, lt, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { forUpdate } from '../../db/locks.js';
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import { authorize, ForbiddenError, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { ensureUser, normalizeEmail } from '../../platform/auth/service.js';
import { users } from '../../platform/auth/schema.js';
import { field } from '../../platform/forms/fields.js';
import { publicationPolicy, seriesInQueue, type ItemRef } from './policy.js';
import {
  AUDIENCES,
  TRANSLATION_METHODS,
  publicationCalls,
  publicationEvents,
  publicationSeries,
  publicationVersions,
  publications,
  reviewAssignments,
  type Audience,
  type Author,
  type Meta,
  type MetaBlock,
  type SeriesKind,
  type TranslationMethod,
} from './schema.js';
import { OPEN_ASSIGNMENTS, RECOMMENDATIONS, TRANSITIONS, actionsFor, checkTransition, closesRound, type Action, type AssignmentState, type Recommendation, type Refusal, type State } from './workflow.js';
import { authorTagFields, inTargetOrder } from './tags.js';
import { indexPublication } from './search.js';
import { queueDeposit, type DoiConfig } from './doi.js';
import { queueGeneratedPdf } from './pdf-input.js';
import { decisionMail, reviewInvitationMail, reviewOutcomeMail, reviewReminderMail, submittedMail, type ItemMail } from './emails.js';

export { publicationPolicy } from './policy.js';
export * from './reading.js';
export * from './authoring.js';
export * from './editing.js';
export * from './citations.js';
export * from './feeds.js';
export * from './doi.js';
export * from './search.js';
export * from './tags.js';
export * from './provenance.js';
export * from './pdf-input.js';
export { actionsFor, ACTIONS, STATES, type Action, type State } from './workflow.js';
export { AUDIENCES, TRANSLATION_METHODS, type Meta, type MetaBlock, type Author, type Audience } from './schema.js';

// ——— Reading ————————————————————————————————————————————————————————————————————————————

export interface SeriesView {
  id: string;
  slug: string;
  kind: SeriesKind;
  prefix: string;
  title: Partial<Record<Locale, string>>;
  description: Partial<Record<Locale, string>>;
  originalLocale: Locale;
  workingGroupId: string | null;
}

export interface ItemView extends ItemRef {
  id: string;
  number: string;
  kind: 'brief' | 'report';
  locale: Locale;
  translationOf: string | null;
  translationMethod: TranslationMethod | null;
  authors: Author[];
  meta: Meta;
  body: string;
  pdfKey: string | null;
  pdfBytes: number | null;
  audiences: Audience[];
  countries: string[];
  sdgTargets: string[];
  reportId: string | null;
  /** The meeting sessions where it was discussed (a report's; ids of the meetings module's sessions). Read with every item; absent only where an item is made by hand. */
  sessionIds?: string[];
  callId: string | null;
  round: number;
  currentVersion: number;
  firstPublishedAt: Date | null;
  updatedAt: Date;
  createdAt: Date;
}

const itemColumns = {
  id: publications.id,
  seriesId: publications.seriesId,
  callId: publications.callId,
  number: publications.number,
  kind: publications.kind,
  state: publications.state,
  locale: publications.locale,
  translationOf: publications.translationOf,
  translationMethod: publications.translationMethod,
  submittedBy: publications.submittedBy,
  authors: publications.authors,
  meta: publications.meta,
  body: publications.body,
  pdfKey: publications.pdfKey,
  pdfBytes: publications.pdfBytes,
  audiences: publications.audiences,
  countries: publications.countries,
  sdgTargets: publications.sdgTargets,
  reportId: publications.reportId,
  sessionIds: publications.sessionIds,
  round: publications.round,
  currentVersion: publications.currentVersion,
  firstPublishedAt: publications.firstPublishedAt,
  updatedAt: publications.updatedAt,
  createdAt: publications.createdAt,
};

/** The item's address key: its identifier, lowercased (CI2024-03 → ci2024-03). */
export const itemKey = (number: string) => number.toLowerCase();

/** The describing texts in the reader's language, else in the item's own language, else any: with the language they are in. */
export function metaFor(meta: Meta, locale: Locale, own: Locale): { block: MetaBlock; lang: Locale; fallback: boolean } {
  const order = [locale, own, ...LOCALES];
  for (const l of order) {
    const b = meta[l];
    if (b?.title.trim()) return { block: b, lang: l, fallback: l !== locale };
  }
  return { block: { title: '', abstract: '', summary: '', keywords: [], recommendations: '' }, lang: own, fallback: true };
}

export async function listSeries(db: Executor): Promise<SeriesView[]> {
  return db.select().from(publicationSeries).orderBy(desc(publicationSeries.createdAt)) as Promise<SeriesView[]>;
}

export async function seriesBySlug(db: Executor, slug: string): Promise<SeriesView | null> {
  const [s] = await db.select().from(publicationSeries).where(eq(publicationSeries.slug, slug));
  return (s as SeriesView | undefined) ?? null;
}

/** An item by its public identifier (any case), whatever its state: callers check what the person may see. */
export async function itemByNumber(db: Executor, number: string): Promise<ItemView | null> {
  const [row] = await db.select(itemColumns).from(publications).where(eq(sql`lower(${publications.number})`, number.toLowerCase()));
  return (row as ItemView | undefined) ?? null;
}

export async function itemById(db: Executor, id: string): Promise<ItemView | null> {
  const [row] = await db.select(itemColumns).from(publications).where(eq(publications.id, id));
  return (row as ItemView | undefined) ?? null;
}

export interface ListedItem {
  id: string;
  number: string;
  kind: 'brief' | 'report';
  locale: Locale;
  meta: Meta;
  authors: Author[];
  audiences: Audience[];
  /** Its tags (absent where a list reads them not, e.g. search hits). */
  countries?: string[];
  sdgTargets?: string[];
  firstPublishedAt: Date;
  currentVersion: number;
  seriesSlug: string;
  seriesTitle: Partial<Record<Locale, string>>;
  seriesOriginal: Locale;
  /** The languages of its translations (linked records, published). */
  translations: Locale[];
}

export const LIST_PAGE_SIZE = 50;

/** What a list of published items shows of each (with its series); the list, search, the feeds and the harvest read the same. */
export const listedColumns = {
  id: publications.id,
  number: publications.number,
  kind: publications.kind,
  locale: publications.locale,
  meta: publications.meta,
  authors: publications.authors,
  audiences: publications.audiences,
  countries: publications.countries,
  sdgTargets: publications.sdgTargets,
  firstPublishedAt: publications.firstPublishedAt,
  currentVersion: publications.currentVersion,
  seriesSlug: publicationSeries.slug,
  seriesTitle: publicationSeries.title,
  seriesOriginal: publicationSeries.originalLocale,
};

/**
 * Published originals, newest first, a page at a time, each with the languages it is translated
 * into: two queries whatever the number of items (the page, then its translations).
 */
export async function listPublished(db: Executor, filter: { series?: string; audience?: Audience; country?: string; sdgTarget?: string; page: number }): Promise<{ items: ListedItem[]; total: number }> {
  const where = and(
    eq(publications.state, 'published'),
    isNull(publications.translationOf),
    filter.series ? eq(publicationSeries.slug, filter.series) : undefined,
    filter.audience ? sql`${publications.audiences} @> ${JSON.stringify([filter.audience])}::jsonb` : undefined,
    filter.country ? sql`${publications.countries} @> ${JSON.stringify([filter.country])}::jsonb` : undefined,
    filter.sdgTarget ? sql`${publications.sdgTargets} @> ${JSON.stringify([filter.sdgTarget])}::jsonb` : undefined,
  );
  const rows = await db
    .select({ ...listedColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(publications)
    .innerJoin(publicationSeries, eq(publicationSeries.id, publications.seriesId))
    .where(where)
    .orderBy(desc(publications.firstPublishedAt), asc(publications.number))
    .limit(LIST_PAGE_SIZE)
    .offset((Math.max(1, filter.page) - 1) * LIST_PAGE_SIZE);
  const ids = rows.map((r) => r.id);
  const translations = ids.length
    ? await db
        .select({ of: publications.translationOf, locale: publications.locale })
        .from(publications)
        .where(and(inArray(publications.translationOf, ids), eq(publications.state, 'published')))
    : [];
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map(({ total: _t, ...r }) => ({ ...r, firstPublishedAt: r.firstPublishedAt!, translations: translations.filter((t) => t.of === r.id).map((t) => t.locale) })),
  };
}

export interface VersionView {
  id: string;
  number: number;
  meta: Meta;
  authors: Author[];
  body: string;
  pdfKey: string | null;
  pdfBytes: number | null;
  /** The PDF generated from its texts (none with an uploaded PDF): its key in the files store and size, once drawn (pdf-input.ts). */
  generatedPdfKey: string | null;
  generatedPdfBytes: number | null;
  note: string;
  publishedAt: Date;
}

/** One language's row of the availability matrix on a landing page. */
export interface Availability {
  locale: Locale;
  summary: boolean;
  fullText: boolean;
  pdf: boolean;
  /** How the full text in this language came to be: the original, or a translation made by people or with a machine's help. */
  method: 'original' | TranslationMethod | null;
  /** The record holding the full text in this language (the original or a translation), when there is one. */
  number: string | null;
}

export interface Landing {
  item: ItemView;
  series: SeriesView;
  version: VersionView;
  /** Every published version, newest first (number and date). */
  versions: { number: number; publishedAt: Date; note: string }[];
  /** The original, when this is a translation, and every published translation of the original. */
  original: { number: string; locale: Locale } | null;
  translations: { number: string; locale: Locale; method: TranslationMethod | null }[];
  availability: Availability[];
}

/**
 * An item's public page: a published version (the newest unless `version` names an older one),
 * its other versions, the linked translations and what exists in each language. Null when the
 * item or the version does not exist or is not published (a 404, whoever asks).
 */
export async function landing(db: Executor, actor: MaybeActor, number: string, version?: number): Promise<Landing | null> {
  const item = await itemByNumber(db, number);
  if (!item || !publicationPolicy.read(actor, item)) return null;
  const [versions, [series]] = await Promise.all([
    db.select().from(publicationVersions).where(eq(publicationVersions.publicationId, item.id)).orderBy(desc(publicationVersions.number)),
    db.select().from(publicationSeries).where(eq(publicationSeries.id, item.seriesId)),
  ]);
  const v = version === undefined ? versions[0] : versions.find((x) => x.number === version);
  if (!v || !series) return null;
  const originalId = item.translationOf ?? item.id;
  const family = await db
    .select({ id: publications.id, number: publications.number, locale: publications.locale, method: publications.translationMethod, pdfKey: publications.pdfKey, body: publications.body, meta: publications.meta })
    .from(publications)
    .where(and(or(eq(publications.id, originalId), eq(publications.translationOf, originalId)), eq(publications.state, 'published')));
  const original = family.find((f) => f.id === originalId) ?? null;
  const translations = family.filter((f) => f.id !== originalId).map((f) => ({ number: f.number, locale: f.locale, method: f.method }));
  // The version freezes the text in the item's own language; the describing texts in other languages
  // are translations of it, added without a new version, so they are read from the item as it is now.
  const meta: Meta = { ...item.meta, ...(v.meta[item.locale] ? { [item.locale]: v.meta[item.locale] } : {}) };
  const availability: Availability[] = LOCALES.map((locale) => {
    const holder = family.find((f) => f.locale === locale);
    return {
      locale,
      // A summary in this language: on this item, or on the original (whose texts gather every language's).
      summary: !!meta[locale]?.summary.trim() || !!original?.meta[locale]?.summary.trim(),
      fullText: !!holder?.body.trim(),
      // Every published record has a PDF: its uploaded one, else one generated from its texts (pdf-input.ts).
      pdf: !!holder,
      method: !holder ? null : holder.id === originalId ? 'original' : holder.method,
      number: holder?.number ?? null,
    };
  });
  return {
    item,
    series: series as SeriesView,
    version: { id: v.id, number: v.number, meta, authors: v.authors, body: v.body, pdfKey: v.pdfKey, pdfBytes: v.pdfBytes, generatedPdfKey: v.generatedPdfKey, generatedPdfBytes: v.generatedPdfBytes, note: v.note, publishedAt: v.publishedAt },
    versions: versions.map((x) => ({ number: x.number, publishedAt: x.publishedAt, note: x.note })),
    original: item.translationOf && original ? { number: original.number, locale: original.locale } : null,
    translations,
    availability,
  };
}

/** Published items, originals and translations, most recently changed first: the Atom feed's entries (in one language) and OAI-PMH's records. */
export async function recentlyPublished(db: Executor, opts: { locale?: Locale; limit: number }): Promise<(ListedItem & { updatedAt: Date })[]> {
  const rows = await db
    .select({ ...listedColumns, updatedAt: publications.updatedAt })
    .from(publications)
    .innerJoin(publicationSeries, eq(publicationSeries.id, publications.seriesId))
    .where(and(eq(publications.state, 'published'), opts.locale ? eq(publications.locale, opts.locale) : undefined))
    .orderBy(desc(publications.updatedAt), asc(publications.number))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r, firstPublishedAt: r.firstPublishedAt!, translations: [] }));
}

// ——— Calls for briefs ——————————————————————————————————————————————————————————————————

export interface CallView {
  id: string;
  seriesId: string;
  slug: string;
  title: Partial<Record<Locale, string>>;
  theme: Partial<Record<Locale, string>>;
  originalLocale: Locale;
  opensAt: Date;
  closesAt: Date;
}

/** Calls open at `now`, and those still to open, by deadline. */
export async function openCalls(db: Executor, now = new Date()): Promise<CallView[]> {
  return db.select().from(publicationCalls).where(sql`${publicationCalls.closesAt} > ${now}`).orderBy(asc(publicationCalls.closesAt)) as Promise<CallView[]>;
}

export async function callBySlug(db: Executor, slug: string): Promise<CallView | null> {
  const [c] = await db.select().from(publicationCalls).where(eq(publicationCalls.slug, slug));
  return (c as CallView | undefined) ?? null;
}

export const callBody = z
  .object({
    title: field.text({ max: 200 }),
    theme: field.text({ max: 4000 }),
    opensOn: field.date(),
    closesOn: field.date(),
  })
  .refine((c) => c.opensOn < c.closesOn, { path: ['closesOn'], message: 'publications.errors.closesBeforeOpens' });

/** Opens a call for briefs in a series: its texts in the editor's language, open from the first day to the end of the last (UTC). */
export async function createCall(db: Db, actor: MaybeActor, series: SeriesView, input: z.output<typeof callBody> & { slug: string }, locale: Locale): Promise<{ ok: true; slug: string } | { ok: false; field: string; message: string }> {
  authorize(publicationPolicy.edit(actor, { seriesId: series.id }), 'publications.call');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(publicationCalls)
      .values({ seriesId: series.id, slug: input.slug, title: { [locale]: input.title }, theme: { [locale]: input.theme }, originalLocale: locale, opensAt: new Date(`${input.opensOn}T00:00:00Z`), closesAt: new Date(`${input.closesOn}T23:59:59Z`) })
      .onConflictDoNothing({ target: publicationCalls.slug })
      .returning({ id: publicationCalls.id });
    if (!row) return { ok: false, field: 'slug', message: 'publications.errors.slugTaken' } as const;
    await recordAudit(tx, actor, { action: 'publications.call', targetType: 'publication-call', targetId: input.slug, after: { ...input, locale } });
    return { ok: true, slug: input.slug } as const;
  });
}

// ——— Submitting ————————————————————————————————————————————————————————————————————————

const lines = (max: number) => field.optionalText({ max });

/** The describing texts in one language, as a form sends them; keywords separated by commas (any script's comma). */
export const metaBody = z.object({
  title: field.text({ max: 300 }),
  abstract: field.text({ max: 3000 }),
  summary: lines(2000),
  keywords: lines(500),
  recommendations: lines(4000),
});
export type MetaInput = z.output<typeof metaBody>;

export const toMetaBlock = (m: MetaInput): MetaBlock => ({
  title: m.title,
  abstract: m.abstract,
  summary: m.summary ?? '',
  keywords: (m.keywords ?? '')
    .split(/[,،、，;]/)
    .map((k) => k.trim())
    .filter(Boolean),
  recommendations: m.recommendations ?? '',
});

export const submissionBody = metaBody.extend({
  locale: field.choice(LOCALES as unknown as [Locale, ...Locale[]]),
  authors: field.text({ max: 2000 }),
  body: lines(200_000),
  audiences: field.many(AUDIENCES),
  ...authorTagFields,
});
export type SubmissionInput = z.output<typeof submissionBody>;

/** "Name (Affiliation)" per line → authors. */
export function parseAuthors(text: string): Author[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = l.match(/^(.*?)\s*[(（]\s*(.*?)\s*[)）]\s*$/);
      return m ? { name: m[1]!, affiliation: m[2]! } : { name: l, affiliation: '' };
    });
}

export type SubmitResult = { ok: true; number: string } | { ok: false; field: string; message: string };

/**
 * A brief submitted to an open call: the item, its texts in the author's language, its body (Markdown
 * or an uploaded PDF, stored by the caller), logged draft → submitted, the author told by mail.
 */
export async function submitBrief(
  db: Db,
  actor: MaybeActor,
  call: CallView,
  input: SubmissionInput & { pdf?: { key: string; bytes: number } },
  ctx: { baseUrl: string; now?: Date },
): Promise<SubmitResult> {
  const now = ctx.now ?? new Date();
  authorize(publicationPolicy.submit(actor, call, now), 'publications.submit');
  if (!input.body?.trim() && !input.pdf) return { ok: false, field: 'body', message: 'publications.errors.bodyOrPdf' };
  const authors = parseAuthors(input.authors);
  return db.transaction(async (tx) => {
    const [series] = await tx.select().from(publicationSeries).where(eq(publicationSeries.id, call.seriesId));
    const number = await nextNumber(tx, series!.id, series!.prefix);
    const [row] = await tx
      .insert(publications)
      .values({
        seriesId: call.seriesId,
        callId: call.id,
        number,
        kind: 'brief',
        state: 'submitted',
        locale: input.locale,
        submittedBy: actor!.id,
        authors,
        meta: { [input.locale]: toMetaBlock(input) },
        body: input.body ?? '',
        pdfKey: input.pdf?.key ?? null,
        pdfBytes: input.pdf?.bytes ?? null,
        audiences: input.audiences,
        countries: input.countries ?? [],
        sdgTargets: inTargetOrder(input.sdgTargets ?? []),
      })
      .returning({ id: publications.id });
    await tx.insert(publicationEvents).values({ publicationId: row!.id, action: 'submit', fromState: 'draft', toState: 'submitted', actorId: actor!.id });
    await queueMail(tx, { to: actor!.email, locale: input.locale, template: submittedMail, data: { ...mailOf({ number, meta: { [input.locale]: toMetaBlock(input) }, locale: input.locale }, input.locale, ctx.baseUrl) } });
    return { ok: true, number } as const;
  });
}

/** The next identifier in a series: its prefix and the next number, two digits at least (CI2024-07), under the series' row lock. */
async function nextNumber(tx: Executor, seriesId: string, prefix: string): Promise<string> {
  await tx.execute(sql`select 1 from ${publicationSeries} where ${publicationSeries.id} = ${seriesId} for update`);
  const [{ n }] = await tx.select({ n: count() }).from(publications).where(and(eq(publications.seriesId, seriesId), isNull(publications.translationOf)));
  return `${prefix}-${String(n + 1).padStart(2, '0')}`;
}

/** What every mail about an item says of it, in the recipient's language, and the link to follow it. */
function mailOf(item: { number: string; meta: Meta; locale: Locale }, locale: Locale, baseUrl: string, path = `/publications/mine/${itemKey(item.number)}`): ItemMail {
  return { number: item.number, title: metaFor(item.meta, locale, item.locale).block.title, link: `${baseUrl}/${locale}${path}` };
}

// ——— Following and deciding —————————————————————————————————————————————————————————————

/** The items someone submitted, newest first, with their state. */
export async function itemsOf(db: Executor, actor: MaybeActor): Promise<Pick<ItemView, 'id' | 'number' | 'state' | 'meta' | 'locale' | 'createdAt'>[]> {
  if (!actor) return [];
  return db
    .select({ id: publications.id, number: publications.number, state: publications.state, meta: publications.meta, locale: publications.locale, createdAt: publications.createdAt })
    .from(publications)
    .where(eq(publications.submittedBy, actor.id))
    .orderBy(desc(publications.createdAt));
}

/** An item as its author or an editor follows it; null when this person may not (a 404, like an item that does not exist). */
export async function followItem(db: Executor, actor: MaybeActor, number: string): Promise<ItemView | null> {
  const item = await itemByNumber(db, number);
  return item && publicationPolicy.follow(actor, item) ? item : null;
}

export interface EventView {
  action: string;
  fromState: State;
  toState: State;
  note: string;
  at: Date;
  actorName: string | null;
}

/** The workflow's log of an item, oldest first, for those who follow it. */
export async function historyOf(db: Executor, actor: MaybeActor, item: ItemView): Promise<EventView[]> {
  authorize(publicationPolicy.follow(actor, item), 'publications.history');
  return db
    .select({ action: publicationEvents.action, fromState: publicationEvents.fromState, toState: publicationEvents.toState, note: publicationEvents.note, at: publicationEvents.at, actorName: users.name })
    .from(publicationEvents)
    .leftJoin(users, eq(users.id, publicationEvents.actorId))
    .where(eq(publicationEvents.publicationId, item.id))
    .orderBy(asc(publicationEvents.at), asc(publicationEvents.id));
}

/** The steps this person may take on the item now: as its author, as its editor, or both. */
export function stepsFor(actor: MaybeActor, item: ItemView): Action[] {
  const steps = new Set<Action>();
  if (publicationPolicy.actAsAuthor(actor, item)) for (const a of actionsFor('author', item.state)) steps.add(a);
  if (publicationPolicy.edit(actor, item)) for (const a of actionsFor('editor', item.state)) steps.add(a);
  return [...steps];
}

export type StepResult = { ok: true; to: State } | { ok: false; reason: Refusal };

/**
 * One step of the workflow, checked against the state the item is in now (under its row lock, so
 * two editors deciding at once make one decision), logged with its note. A new round opens with
 * send-to-review; every decision and a new round close the round's open assignments and tell its
 * reviewers the outcome; publishing freezes the working copy as the next version. The author is told
 * of every editor's step by mail, in the language of their item.
 */
export async function takeStep(db: Db, actor: MaybeActor, itemId: string, action: Action, note: string, ctx: { baseUrl: string; doi?: DoiConfig }): Promise<StepResult> {
  return db.transaction(async (tx) => {
    const [item] = (await forUpdate(tx.select(itemColumns).from(publications).where(eq(publications.id, itemId)).$dynamic(), 'publication')) as ItemView[];
    if (!item) throw new ForbiddenError('publications.step');
    const by = TRANSITIONS[action].by;
    authorize(by === 'author' ? publicationPolicy.actAsAuthor(actor, item) : publicationPolicy.edit(actor, item), `publications.${action}`);
    const check = checkTransition(action, item.state, note);
    if (!check.ok) return check;
    const now = new Date();
    const changes: Partial<typeof publications.$inferInsert> = { state: check.to, updatedAt: now };
    if (closesRound(action) && item.round > 0) await closeRound(tx, item, check.to, ctx.baseUrl);
    if (action === 'send-to-review') changes.round = item.round + 1;
    if (action === 'publish') {
      const number = item.currentVersion + 1;
      const [v] = await tx.insert(publicationVersions).values({ publicationId: item.id, number, meta: item.meta, authors: item.authors, body: item.body, pdfKey: item.pdfKey, pdfBytes: item.pdfBytes, publishedBy: actor!.id }).returning({ id: publicationVersions.id });
      // Without an uploaded PDF, one is drawn from its texts and kept (pdf-input.ts).
      if (!item.pdfKey) await queueGeneratedPdf(tx, v!.id);
      changes.currentVersion = number;
      changes.firstPublishedAt = item.firstPublishedAt ?? now;
    }
    await tx.update(publications).set(changes).where(eq(publications.id, item.id));
    // Its DOI's metadata goes to the registration agency, when the site deposits (doi.ts).
    if (action === 'publish') await queueDeposit(tx, actor, item, ctx.doi);
    // What search finds changes with what is published: in this transaction.
    if (item.state === 'published' || check.to === 'published') await indexPublication(tx, item.id);
    await tx.insert(publicationEvents).values({ publicationId: item.id, action, fromState: item.state, toState: check.to, actorId: actor!.id, note: note.trim() });
    await recordAudit(tx, actor, { action: `publications.${action}`, targetType: 'publication', targetId: item.number, before: { state: item.state }, after: { state: check.to, note: note.trim() } });
    if (by === 'editor') await tellAuthor(tx, item, action, note.trim(), ctx.baseUrl);
    return check;
  });
}

async function tellAuthor(tx: Executor, item: ItemView, action: Action, note: string, baseUrl: string): Promise<void> {
  if (!item.submittedBy) return;
  const [author] = await tx.select({ email: users.email }).from(users).where(eq(users.id, item.submittedBy));
  if (!author) return;
  const path = action === 'publish' ? `/publications/${itemKey(item.number)}` : undefined;
  await queueMail(tx, { to: author.email, locale: item.locale, template: decisionMail, data: { ...mailOf(item, item.locale, baseUrl, path), action, note } });
}

/** Ends the item's current round: open assignments closed; everyone who accepted to review is told what was decided. */
async function closeRound(tx: Executor, item: ItemView, outcome: State, baseUrl: string): Promise<void> {
  const inRound = await tx
    .select({ id: reviewAssignments.id, state: reviewAssignments.state, email: users.email, locale: users.locale })
    .from(reviewAssignments)
    .innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
    .where(and(eq(reviewAssignments.publicationId, item.id), eq(reviewAssignments.round, item.round)));
  const open = inRound.filter((a) => OPEN_ASSIGNMENTS.includes(a.state)).map((a) => a.id);
  if (open.length) await tx.update(reviewAssignments).set({ state: 'closed' }).where(inArray(reviewAssignments.id, open));
  const told = inRound.filter((a) => a.state === 'accepted' || a.state === 'completed');
  for (const r of told) {
    const locale = (r.locale as Locale | null) ?? item.locale;
    await queueMail(tx, { to: r.email, locale, template: reviewOutcomeMail, data: { ...mailOf(item, locale, baseUrl, `/publications/${itemKey(item.number)}`), outcome } });
  }
  if (told.length) await tx.update(reviewAssignments).set({ outcomeSentAt: new Date() }).where(inArray(reviewAssignments.id, told.map((a) => a.id)));
}

// ——— The working copy, versions and translations ——————————————————————————————————————————

/** Where an author may still change their own working copy: before the editors take it, and when asked to revise. */
const AUTHOR_EDITS: readonly State[] = ['draft', 'submitted', 'revision_requested'];

export const workingCopyBody = metaBody.extend({ authors: field.text({ max: 2000 }), body: lines(200_000), audiences: field.many(AUDIENCES) });

/**
 * Saves the working copy's texts in one language (and the authors, body and audiences): the author
 * while it is theirs to change, an editor while it is open. A published item is changed by a new version.
 */
export async function saveWorkingCopy(db: Db, actor: MaybeActor, itemId: string, locale: Locale, input: z.output<typeof workingCopyBody> & { countries?: string[]; sdgTargets?: string[] }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [item] = (await forUpdate(tx.select(itemColumns).from(publications).where(eq(publications.id, itemId)).$dynamic(), 'publication')) as ItemView[];
    if (!item) return false;
    const mayAuthor = publicationPolicy.actAsAuthor(actor, item) && AUTHOR_EDITS.includes(item.state);
    const mayEdit = publicationPolicy.edit(actor, item) && item.state !== 'published' && item.state !== 'declined' && item.state !== 'withdrawn';
    authorize(mayAuthor || mayEdit, 'publications.save');
    const meta: Meta = { ...item.meta, [locale]: toMetaBlock(input) };
    // Countries and SDG 4 targets change only when the form has them (the author's; the editors set them on the tags page).
    const tags = { ...(input.countries ? { countries: input.countries } : {}), ...(input.sdgTargets ? { sdgTargets: inTargetOrder(input.sdgTargets) } : {}) };
    await tx.update(publications).set({ meta, authors: parseAuthors(input.authors), body: input.body ?? '', audiences: input.audiences, ...tags, updatedAt: new Date() }).where(eq(publications.id, item.id));
    const tagsBefore = { ...(input.countries ? { countries: item.countries } : {}), ...(input.sdgTargets ? { sdgTargets: item.sdgTargets } : {}) };
    await recordAudit(tx, actor, { action: 'publications.save', targetType: 'publication', targetId: item.number, before: { locale, meta: item.meta[locale], ...tagsBefore }, after: { locale, meta: meta[locale], ...tags } });
    return true;
  });
}

/**
 * A new version of a published item (N+1): its texts in one language and its body change; the
 * versions before stay at their addresses, each with a banner pointing here.
 */
export async function publishNewVersion(db: Db, actor: MaybeActor, itemId: string, locale: Locale, input: z.output<typeof workingCopyBody> & { note: string }): Promise<{ ok: true; version: number } | { ok: false; field: string; message: string }> {
  if (!input.note.trim()) return { ok: false, field: 'note', message: 'publications.errors.versionNote' };
  return db.transaction(async (tx) => {
    const [item] = (await forUpdate(tx.select(itemColumns).from(publications).where(eq(publications.id, itemId)).$dynamic(), 'publication')) as ItemView[];
    if (!item) throw new ForbiddenError('publications.version');
    authorize(publicationPolicy.edit(actor, item) && item.state === 'published', 'publications.version');
    const meta: Meta = { ...item.meta, [locale]: toMetaBlock(input) };
    const number = item.currentVersion + 1;
    const authors = parseAuthors(input.authors);
    const [v] = await tx.insert(publicationVersions).values({ publicationId: item.id, number, meta, authors, body: input.body ?? '', pdfKey: item.pdfKey, pdfBytes: item.pdfBytes, note: input.note.trim(), publishedBy: actor!.id }).returning({ id: publicationVersions.id });
    if (!item.pdfKey) await queueGeneratedPdf(tx, v!.id);
    await tx.update(publications).set({ meta, authors, body: input.body ?? '', audiences: input.audiences, currentVersion: number, updatedAt: new Date() }).where(eq(publications.id, item.id));
    await indexPublication(tx, item.id);
    await recordAudit(tx, actor, { action: 'publications.version', targetType: 'publication', targetId: item.number, before: { version: item.currentVersion }, after: { version: number, note: input.note.trim() } });
    return { ok: true, version: number } as const;
  });
}

export const translationBody = metaBody.extend({
  locale: field.choice(LOCALES as unknown as [Locale, ...Locale[]]),
  method: field.choice(TRANSLATION_METHODS),
  body: field.text({ max: 200_000 }),
});

/**
 * A translation of a published original's full text: a record of its own (identifier: the original's
 * and the language, CI2024-03-FR), linked to it, entering the workflow at copy-editing so an editor
 * publishes it like any item. Its describing texts in that language join the original's too.
 */
export async function addTranslation(db: Db, actor: MaybeActor, originalId: string, input: z.output<typeof translationBody>): Promise<{ ok: true; number: string } | { ok: false; field: string; message: string }> {
  return db.transaction(async (tx) => {
    const [original] = (await forUpdate(tx.select(itemColumns).from(publications).where(eq(publications.id, originalId)).$dynamic(), 'publication')) as ItemView[];
    if (!original || original.translationOf) throw new ForbiddenError('publications.translate');
    authorize(publicationPolicy.edit(actor, original) && original.state === 'published', 'publications.translate');
    if (input.locale === original.locale) return { ok: false, field: 'locale', message: 'publications.errors.sameLanguage' } as const;
    const number = `${original.number}-${input.locale.toUpperCase()}`;
    const block = toMetaBlock(input);
    const [row] = await tx
      .insert(publications)
      .values({
        seriesId: original.seriesId,
        callId: original.callId,
        number,
        kind: original.kind,
        state: 'copyediting',
        locale: input.locale,
        translationOf: original.id,
        translationMethod: input.method,
        submittedBy: null,
        authors: original.authors,
        meta: { [input.locale]: block },
        body: input.body,
        audiences: original.audiences,
        countries: original.countries,
        sdgTargets: original.sdgTargets,
      })
      .onConflictDoNothing({ target: publications.number })
      .returning({ id: publications.id });
    if (!row) return { ok: false, field: 'locale', message: 'publications.errors.translationExists' } as const;
    await tx.update(publications).set({ meta: { ...original.meta, [input.locale]: block } }).where(eq(publications.id, original.id));
    // The original's texts in that language are searched from now on (the translation itself once it is published).
    await indexPublication(tx, original.id);
    await tx.insert(publicationEvents).values({ publicationId: row.id, action: 'translate', fromState: 'draft', toState: 'copyediting', actorId: actor!.id });
    await recordAudit(tx, actor, { action: 'publications.translate', targetType: 'publication', targetId: number, after: { of: original.number, locale: input.locale, method: input.method } });
    return { ok: true, number } as const;
  });
}

// ——— Reviewers ——————————————————————————————————————————————————————————————————————————

export const inviteBody = z.object({ email: field.email(), name: field.text({ max: 200 }), days: field.wholeNumber(3, 90, 'publications.errors.days') });

export type InviteResult = { ok: true } | { ok: false; field: string; message: string };

/**
 * Invites a reviewer for the item's current round, by e-mail (an account is made for a new address).
 * Refused for the item's author, for anyone who declared a conflict of interest on it, and for
 * someone already asked in this round; only while the item is in review.
 */
export async function inviteReviewer(db: Db, actor: MaybeActor, itemId: string, input: z.output<typeof inviteBody>, ctx: { baseUrl: string; locale: Locale }): Promise<InviteResult> {
  return db.transaction(async (tx) => {
    const [item] = (await forUpdate(tx.select(itemColumns).from(publications).where(eq(publications.id, itemId)).$dynamic(), 'publication')) as ItemView[];
    if (!item) throw new ForbiddenError('publications.invite');
    authorize(publicationPolicy.edit(actor, item), 'publications.invite');
    if (item.state !== 'in_review') return { ok: false, field: 'email', message: 'publications.errors.notInReview' } as const;
    const email = normalizeEmail(input.email);
    const [existing] = await tx.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.email, email));
    if (existing && existing.id === item.submittedBy) return { ok: false, field: 'email', message: 'publications.errors.reviewerIsAuthor' } as const;
    if (existing) {
      const before = await tx.select({ round: reviewAssignments.round, state: reviewAssignments.state }).from(reviewAssignments).where(and(eq(reviewAssignments.publicationId, item.id), eq(reviewAssignments.reviewerId, existing.id)));
      if (before.some((b) => b.state === 'conflict')) return { ok: false, field: 'email', message: 'publications.errors.reviewerConflict' } as const;
      if (before.some((b) => b.round === item.round)) return { ok: false, field: 'email', message: 'publications.errors.alreadyInvited' } as const;
    }
    const { id: reviewerId } = existing ?? (await ensureUser(tx, { email, name: input.name, locale: ctx.locale }));
    const dueAt = new Date(Date.now() + input.days * 86_400_000);
    const [a] = await tx.insert(reviewAssignments).values({ publicationId: item.id, round: item.round, reviewerId, dueAt }).returning({ id: reviewAssignments.id });
    const locale = (existing?.locale as Locale | null) ?? ctx.locale;
    await queueMail(tx, { to: email, locale, template: reviewInvitationMail, data: { ...mailOf(item, locale, ctx.baseUrl, `/publications/reviews/${a!.id}`), dueAt, abstract: metaFor(item.meta, locale, item.locale).block.abstract } });
    await recordAudit(tx, actor, { action: 'publications.invite', targetType: 'publication', targetId: item.number, after: { reviewer: email, round: item.round } });
    return { ok: true } as const;
  });
}

export interface AssignmentView {
  id: string;
  round: number;
  state: AssignmentState;
  dueAt: Date;
  recommendation: Recommendation | null;
  toAuthor: string;
  toEditor: string;
  conflict: string;
  reviewerId: string;
  reviewerName: string;
  reviewerEmail: string;
  completedAt: Date | null;
}

const assignmentColumns = {
  id: reviewAssignments.id,
  round: reviewAssignments.round,
  state: reviewAssignments.state,
  dueAt: reviewAssignments.dueAt,
  recommendation: reviewAssignments.recommendation,
  toAuthor: reviewAssignments.toAuthor,
  toEditor: reviewAssignments.toEditor,
  conflict: reviewAssignments.conflict,
  reviewerId: reviewAssignments.reviewerId,
  reviewerName: users.name,
  reviewerEmail: users.email,
  completedAt: reviewAssignments.completedAt,
};

/** Every assignment of an item, by round, for its editors. */
export async function assignmentsOf(db: Executor, actor: MaybeActor, item: ItemView): Promise<AssignmentView[]> {
  authorize(publicationPolicy.edit(actor, item), 'publications.assignments');
  return db.select(assignmentColumns).from(reviewAssignments).innerJoin(users, eq(users.id, reviewAssignments.reviewerId)).where(eq(reviewAssignments.publicationId, item.id)).orderBy(asc(reviewAssignments.round), asc(reviewAssignments.invitedAt));
}

/** What the author sees of the reviews: the comments meant for them, from completed reviews, by round (no names). */
export async function reviewsForAuthor(db: Executor, actor: MaybeActor, item: ItemView): Promise<{ round: number; toAuthor: string }[]> {
  authorize(publicationPolicy.follow(actor, item), 'publications.reviews');
  return db
    .select({ round: reviewAssignments.round, toAuthor: reviewAssignments.toAuthor })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.publicationId, item.id), eq(reviewAssignments.state, 'completed')))
    .orderBy(asc(reviewAssignments.round), asc(reviewAssignments.completedAt));
}

/** An assignment with its item, for the reviewer it names; null for anyone else (a 404). */
export async function assignmentFor(db: Executor, actor: MaybeActor, assignmentId: string): Promise<{ assignment: AssignmentView; item: ItemView } | null> {
  if (!z.uuid().safeParse(assignmentId).success) return null;
  const [row] = await db.select({ ...assignmentColumns, publicationId: reviewAssignments.publicationId }).from(reviewAssignments).innerJoin(users, eq(users.id, reviewAssignments.reviewerId)).where(eq(reviewAssignments.id, assignmentId));
  if (!row || !publicationPolicy.review(actor, row)) return null;
  const { publicationId, ...assignment } = row;
  const item = await itemById(db, publicationId);
  return item ? { assignment, item } : null;
}

/** A reviewer's assignments still waiting on them, and their finished ones, for their own page. */
export async function assignmentsOfReviewer(db: Executor, actor: MaybeActor): Promise<(AssignmentView & { number: string; meta: Meta; locale: Locale })[]> {
  if (!actor) return [];
  return db
    .select({ ...assignmentColumns, number: publications.number, meta: publications.meta, locale: publications.locale })
    .from(reviewAssignments)
    .innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
    .innerJoin(publications, eq(publications.id, reviewAssignments.publicationId))
    .where(eq(reviewAssignments.reviewerId, actor.id))
    .orderBy(desc(reviewAssignments.invitedAt));
}

export const answerBody = z.object({ answer: field.choice(['accept', 'decline', 'conflict'] as const), conflict: lines(2000) });

/**
 * The reviewer's answer to an invitation: accept, decline, or declare a conflict of interest (with
 * what it is), which ends the assignment and bars them from the item. Only while the invitation is open.
 */
export async function answerInvitation(db: Db, actor: MaybeActor, assignmentId: string, input: z.output<typeof answerBody>): Promise<{ ok: true; state: AssignmentState } | { ok: false; field: string; message: string }> {
  if (input.answer === 'conflict' && !input.conflict?.trim()) return { ok: false, field: 'conflict', message: 'publications.errors.conflictNote' };
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId)).for('update');
    if (!a) throw new ForbiddenError('publications.answer');
    authorize(publicationPolicy.review(actor, a), 'publications.answer');
    if (a.state !== 'invited') return { ok: false, field: 'answer', message: 'publications.errors.answered' } as const;
    const state: AssignmentState = input.answer === 'accept' ? 'accepted' : input.answer === 'decline' ? 'declined' : 'conflict';
    await tx.update(reviewAssignments).set({ state, respondedAt: new Date(), conflict: input.conflict?.trim() ?? '' }).where(eq(reviewAssignments.id, a.id));
    await recordAudit(tx, actor, { action: 'publications.review-answer', targetType: 'review-assignment', targetId: a.id, after: { state } });
    return { ok: true, state } as const;
  });
}

export const reviewBody = z.object({ recommendation: field.choice(RECOMMENDATIONS), toAuthor: field.text({ max: 20_000 }), toEditor: lines(20_000) });

/** The review itself, once accepted and while the round is open: recommendation, comments for the author and for the editor. */
export async function submitReview(db: Db, actor: MaybeActor, assignmentId: string, input: z.output<typeof reviewBody>): Promise<{ ok: true } | { ok: false; field: string; message: string }> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId)).for('update');
    if (!a) throw new ForbiddenError('publications.review');
    authorize(publicationPolicy.review(actor, a), 'publications.review');
    if (a.state !== 'accepted') return { ok: false, field: 'recommendation', message: a.state === 'closed' ? 'publications.errors.roundClosed' : 'publications.errors.notAccepted' } as const;
    await tx.update(reviewAssignments).set({ state: 'completed', completedAt: new Date(), recommendation: input.recommendation, toAuthor: input.toAuthor, toEditor: input.toEditor ?? '' }).where(eq(reviewAssignments.id, a.id));
    await recordAudit(tx, actor, { action: 'publications.review', targetType: 'review-assignment', targetId: a.id, after: { recommendation: input.recommendation } });
    return { ok: true } as const;
  });
}

/** The job that reminds reviewers (name it in the manifest). */
export const REMINDER_JOB = 'publications.remindReviewers';
/** Days before the due date the one reminder goes out. */
export const REMIND_DAYS_BEFORE = 3;

/**
 * Reminds each reviewer whose open assignment (invited or accepted) falls due within three days,
 * once. Assignments of a round that ended are closed, so a closed round never sends a reminder.
 * Returns how many were reminded.
 */
export async function remindReviewers(db: Db, baseUrl: string, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: reviewAssignments.id, dueAt: reviewAssignments.dueAt, email: users.email, locale: users.locale, number: publications.number, meta: publications.meta, itemLocale: publications.locale })
      .from(reviewAssignments)
      .innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
      .innerJoin(publications, eq(publications.id, reviewAssignments.publicationId))
      .where(
        and(
          inArray(reviewAssignments.state, [...OPEN_ASSIGNMENTS]),
          eq(publications.state, 'in_review'),
          eq(reviewAssignments.round, publications.round),
          isNull(reviewAssignments.remindedAt),
          lt(reviewAssignments.dueAt, new Date(now.getTime() + REMIND_DAYS_BEFORE * 86_400_000)),
        ),
      )
      .for('update', { of: reviewAssignments, skipLocked: true });
    for (const d of due) {
      const locale = (d.locale as Locale | null) ?? d.itemLocale;
      await queueMail(tx, { to: d.email, locale, template: reviewReminderMail, data: { ...mailOf({ number: d.number, meta: d.meta, locale: d.itemLocale }, locale, baseUrl, `/publications/reviews/${d.id}`), dueAt: d.dueAt } });
    }
    if (due.length) await tx.update(reviewAssignments).set({ remindedAt: now }).where(inArray(reviewAssignments.id, due.map((d) => d.id)));
    return due.length;
  });
}

// ——— The editors' queue —————————————————————————————————————————————————————————————————

export interface QueueRow {
  id: string;
  number: string;
  state: State;
  locale: Locale;
  meta: Meta;
  seriesSlug: string;
  round: number;
  updatedAt: Date;
  openReviews: number;
  completedReviews: number;
}

/** Items in the editors' hands (everything but drafts), by state, with their review counts: one query. */
export async function editorialQueue(db: Executor, actor: MaybeActor, filter: { state?: State }): Promise<QueueRow[]> {
  authorize(publicationPolicy.manage(actor), 'publications.queue');
  const series = seriesInQueue(actor);
  const editable = series === null ? undefined : inArray(publications.seriesId, series);
  const rows = await db
    .select({
      id: publications.id,
      number: publications.number,
      state: publications.state,
      locale: publications.locale,
      meta: publications.meta,
      seriesSlug: publicationSeries.slug,
      round: publications.round,
      updatedAt: publications.updatedAt,
      openReviews: sql<number>`count(${reviewAssignments.id}) filter (where ${reviewAssignments.state} in ('invited', 'accepted') and ${reviewAssignments.round} = ${publications.round})`.mapWith(Number),
      completedReviews: sql<number>`count(${reviewAssignments.id}) filter (where ${reviewAssignments.state} = 'completed' and ${reviewAssignments.round} = ${publications.round})`.mapWith(Number),
    })
    .from(publications)
    .innerJoin(publicationSeries, eq(publicationSeries.id, publications.seriesId))
    .leftJoin(reviewAssignments, eq(reviewAssignments.publicationId, publications.id))
    .where(and(sql`${publications.state} <> 'draft'`, filter.state ? eq(publications.state, filter.state) : undefined, editable))
    .groupBy(publications.id, publicationSeries.slug)
    .orderBy(desc(publications.updatedAt));
  return rows;
}
