/**
 * The editors' desk: the queue with its counts per state, one item with everything an editor needs
 * to decide (its texts, reviews, history, the steps open now, its translations), the describing texts
 * in another language, and the calls for briefs. Every read checks the editor's rule in policy.ts.
 *
 * Re-exported by service.ts: values of service.ts are used here only inside functions (never at
 * load time), so the two files may load in either order.
 */
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { forUpdate } from '../../db/locks.js';
import { authorize, ForbiddenError, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import type { I18nText } from '../../platform/i18n/content.js';
import { publicationPolicy, seriesInQueue } from './policy.js';
import { publicationCalls, publicationSeries, publications, reviewAssignments, type Meta, type TranslationMethod } from './schema.js';
import { OPEN_ASSIGNMENTS, TRANSITIONS, type Action, type State } from './workflow.js';
import { indexPublication } from './search.js';
import {
  assignmentsOf,
  editorialQueue,
  historyOf,
  itemByNumber,
  listSeries,
  metaFor,
  stepsFor,
  toMetaBlock,
  type AssignmentView,
  type EventView,
  type ItemView,
  type MetaInput,
  type QueueRow,
  type SeriesView,
} from './service.js';

/** A title as an editor's page shows it: in the editor's language when written, else in the language it has (marked). */
export interface ShownTitle {
  text: string;
  lang: Locale;
  /** Not in the editor's language: the page says so and sets the title's `lang`. */
  fallback: boolean;
}

export interface DeskRow extends QueueRow {
  title: ShownTitle;
  seriesTitle: I18nText;
  seriesOriginal: Locale;
}

export interface Desk {
  rows: DeskRow[];
  /** Items per state in this person's series (drafts aside), whatever the filter. */
  counts: Partial<Record<State, number>>;
  /** Items in review whose reviews are all in (none still open, at least one completed). */
  reviewsIn: number;
}

/** Where the series this person edits are (null: every series, for the Secretariat). */
const inSeries = (actor: MaybeActor) => {
  const series = seriesInQueue(actor);
  return series === null ? undefined : series.length ? inArray(publications.seriesId, series) : sql`false`;
};

/** In review, with every review of the round in: nothing still open, at least one completed. */
const allReviewsIn = sql`exists (select 1 from ${reviewAssignments} ra where ra.publication_id = ${publications.id} and ra.round = ${publications.round} and ra.state = 'completed')
  and not exists (select 1 from ${reviewAssignments} ra where ra.publication_id = ${publications.id} and ra.round = ${publications.round} and ra.state in (${sql.join(
    OPEN_ASSIGNMENTS.map((s) => sql`${s}`),
    sql`, `,
  )}))`;

/**
 * How many items wait in each state in this person's series, and how many in review have all
 * their reviews in: for the queue's filter links and the Secretariat's home page.
 */
export async function queueCounts(db: Executor, actor: MaybeActor): Promise<Pick<Desk, 'counts' | 'reviewsIn'>> {
  authorize(publicationPolicy.manage(actor), 'publications.queue');
  const where = and(sql`${publications.state} <> 'draft'`, inSeries(actor));
  const [perState, [ready]] = await Promise.all([
    db.select({ state: publications.state, n: count() }).from(publications).where(where).groupBy(publications.state),
    db
      .select({ n: count() })
      .from(publications)
      .where(and(where, eq(publications.state, 'in_review'), allReviewsIn)),
  ]);
  return { counts: Object.fromEntries(perState.map((r) => [r.state, r.n])), reviewsIn: ready?.n ?? 0 };
}

/**
 * The editorial queue as the editors' page shows it: the items (of one state, and with `reviewsIn`
 * only those whose reviews are all in), each titled in the editor's language where it can be, with
 * its series; and the counts per state for the filters.
 */
export async function editorialDesk(db: Executor, actor: MaybeActor, filter: { state?: State; reviewsIn?: boolean }, locale: Locale): Promise<Desk> {
  const [rows, counts, series] = await Promise.all([editorialQueue(db, actor, { state: filter.state }), queueCounts(db, actor), listSeries(db)]);
  const bySlug = new Map(series.map((s) => [s.slug, s]));
  const shown = filter.reviewsIn ? rows.filter((r) => r.state === 'in_review' && r.openReviews === 0 && r.completedReviews > 0) : rows;
  return {
    ...counts,
    rows: shown.map((r) => {
      const m = metaFor(r.meta, locale, r.locale);
      const s = bySlug.get(r.seriesSlug);
      return { ...r, title: { text: m.block.title, lang: m.lang, fallback: m.fallback }, seriesTitle: s?.title ?? {}, seriesOriginal: s?.originalLocale ?? 'en' };
    }),
  };
}

/**
 * An item for its editors, by its identifier (any case). Refused (403, or sign-in for a visitor)
 * to anyone who edits no series; null when there is no such item; refused to an editor of another
 * series.
 */
export async function itemForEditor(db: Executor, actor: MaybeActor, key: string): Promise<ItemView | null> {
  authorize(publicationPolicy.manage(actor), 'publications.queue');
  if (!/^[A-Za-z0-9-]{1,60}$/.test(key)) return null;
  const item = await itemByNumber(db, key);
  if (!item) return null;
  authorize(publicationPolicy.edit(actor, item), 'publications.item');
  return item;
}

/**
 * What an editor may do with an item's describing texts in one language:
 * - `working-copy`: its own language before publication — the texts with the authors, body and audiences;
 * - `texts`: another language — the describing texts only (also once published: they are translations, added without a new version);
 * - `new-version`: its own language once published — changed only by a new version;
 * - `closed`: declined or withdrawn — nothing changes.
 */
export type TextsMode = 'working-copy' | 'texts' | 'new-version' | 'closed';

export function textsMode(item: Pick<ItemView, 'state' | 'locale'>, language: Locale): TextsMode {
  if (item.state === 'declined' || item.state === 'withdrawn') return 'closed';
  if (language !== item.locale) return 'texts';
  return item.state === 'published' ? 'new-version' : 'working-copy';
}

export interface TranslationRow {
  number: string;
  locale: Locale;
  state: State;
  method: TranslationMethod | null;
}

export interface EditorialItem {
  item: ItemView;
  series: SeriesView;
  call: { slug: string; title: I18nText; originalLocale: Locale } | null;
  /** The workflow's log, oldest first. */
  history: EventView[];
  /** Every review assignment, by round. */
  assignments: AssignmentView[];
  /** The editors' steps open now, in the order of the workflow. */
  steps: Action[];
  /** The original, when this item is a translation. */
  original: { number: string; locale: Locale } | null;
  /** The translations of this item (an original), whatever their state. */
  translations: TranslationRow[];
  /** What may be done with the describing texts in each language. */
  modes: Record<Locale, TextsMode>;
  /** Its title in the editor's language, else in the language it has. */
  title: ShownTitle;
}

/** Everything the editors' page of an item shows; null when there is no such item (a 404). */
export async function editorialItem(db: Executor, actor: MaybeActor, key: string, locale: Locale): Promise<EditorialItem | null> {
  const item = await itemForEditor(db, actor, key);
  if (!item) return null;
  const [series, call, history, assignments, family] = await Promise.all([
    db.select().from(publicationSeries).where(eq(publicationSeries.id, item.seriesId)),
    item.callId ? db.select({ slug: publicationCalls.slug, title: publicationCalls.title, originalLocale: publicationCalls.originalLocale }).from(publicationCalls).where(eq(publicationCalls.id, item.callId)) : Promise.resolve([]),
    historyOf(db, actor, item),
    assignmentsOf(db, actor, item),
    db
      .select({ id: publications.id, number: publications.number, locale: publications.locale, state: publications.state, method: publications.translationMethod })
      .from(publications)
      .where(item.translationOf ? eq(publications.id, item.translationOf) : eq(publications.translationOf, item.id))
      .orderBy(asc(publications.number)),
  ]);
  const original = item.translationOf ? (family[0] ?? null) : null;
  const m = metaFor(item.meta, locale, item.locale);
  return {
    title: { text: m.block.title, lang: m.lang, fallback: m.fallback },
    item,
    series: series[0] as SeriesView,
    call: call[0] ?? null,
    history,
    assignments,
    steps: stepsFor(actor, item).filter((a) => TRANSITIONS[a].by === 'editor'),
    original: original ? { number: original.number, locale: original.locale } : null,
    translations: item.translationOf ? [] : family.map(({ id: _id, ...t }) => t),
    modes: Object.fromEntries(LOCALES.map((l) => [l, textsMode(item, l)])) as Record<Locale, TextsMode>,
  };
}

export type SaveTextsResult = { ok: true } | { ok: false; reason: 'closed' | 'new-version' | 'working-copy' };

/**
 * The describing texts of an item in a language other than its own (title, abstract, plain-language
 * summary, keywords, recommendations), by an editor: while the item is open, and once published too
 * (its other languages are translations of its texts, added without a new version). The item's own
 * language is changed with the working copy, or by a new version once published.
 */
export async function saveTexts(db: Db, actor: MaybeActor, itemId: string, locale: Locale, input: MetaInput): Promise<SaveTextsResult> {
  return db.transaction(async (tx) => {
    const [item] = await forUpdate(
      tx.select({ id: publications.id, number: publications.number, seriesId: publications.seriesId, state: publications.state, locale: publications.locale, meta: publications.meta }).from(publications).where(eq(publications.id, itemId)).$dynamic(),
      'publication',
    );
    if (!item) throw new ForbiddenError('publications.texts');
    authorize(publicationPolicy.edit(actor, item), 'publications.texts');
    const mode = textsMode(item, locale);
    if (mode !== 'texts') return { ok: false, reason: mode } as const;
    const meta: Meta = { ...item.meta, [locale]: toMetaBlock(input) };
    await tx.update(publications).set({ meta, updatedAt: new Date() }).where(eq(publications.id, item.id));
    // A published item's texts in another language are found by search at once.
    if (item.state === 'published') await indexPublication(tx, item.id);
    await recordAudit(tx, actor, { action: 'publications.texts', targetType: 'publication', targetId: item.number, before: { locale, meta: item.meta[locale] ?? null }, after: { locale, meta: meta[locale] } });
    return { ok: true } as const;
  });
}

export interface CallRow {
  slug: string;
  title: I18nText;
  theme: I18nText;
  originalLocale: Locale;
  opensAt: Date;
  closesAt: Date;
  seriesSlug: string;
  seriesTitle: I18nText;
  seriesOriginal: Locale;
  /** Items submitted to the call (any state but draft). */
  submitted: number;
}

/** The calls for briefs of the series this person edits, the latest deadline first, with how many items each received. */
export async function callsForEditors(db: Executor, actor: MaybeActor): Promise<CallRow[]> {
  authorize(publicationPolicy.manage(actor), 'publications.calls');
  const series = seriesInQueue(actor);
  return db
    .select({
      slug: publicationCalls.slug,
      title: publicationCalls.title,
      theme: publicationCalls.theme,
      originalLocale: publicationCalls.originalLocale,
      opensAt: publicationCalls.opensAt,
      closesAt: publicationCalls.closesAt,
      seriesSlug: publicationSeries.slug,
      seriesTitle: publicationSeries.title,
      seriesOriginal: publicationSeries.originalLocale,
      submitted: sql<number>`count(${publications.id}) filter (where ${publications.state} <> 'draft')`.mapWith(Number),
    })
    .from(publicationCalls)
    .innerJoin(publicationSeries, eq(publicationSeries.id, publicationCalls.seriesId))
    .leftJoin(publications, eq(publications.callId, publicationCalls.id))
    .where(series === null ? undefined : series.length ? inArray(publicationCalls.seriesId, series) : sql`false`)
    .groupBy(publicationCalls.id, publicationSeries.id)
    .orderBy(desc(publicationCalls.closesAt), asc(publicationCalls.slug)) as Promise<CallRow[]>;
}

/** The series this person may open a call in: every series for the Secretariat, else those they edit. */
export async function seriesForEditor(db: Executor, actor: MaybeActor): Promise<SeriesView[]> {
  authorize(publicationPolicy.manage(actor), 'publications.calls');
  return (await listSeries(db)).filter((s) => publicationPolicy.edit(actor, { seriesId: s.id }));
}

export { onceOnly, isRepeat, type Repeat } from '../../platform/forms/once.js';
