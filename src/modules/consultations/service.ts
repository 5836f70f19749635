/**
 * Consultations: the only door to this module. A working group's chairs (or the Secretariat) open
 * a consultation on a published version of a report; people comment on its paragraphs (or on an
 * exact passage), answer its guiding questions, comment on the whole report and reply to each
 * other, on the web or by replying to an e-mail; moderators approve, hide (with a reason the author
 * sees) and restore; when it closes, the figures show who took part. Every verb checks its rule in
 * policy.ts, and the window is checked by the server when a comment is written.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, count, countDistinct, desc, eq, gte, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { forUpdate } from '../../db/locks.js';
import { recordAudit } from '../../platform/audit/service.js';
import { field, isSlug } from '../../platform/forms/fields.js';
import { users } from '../../platform/auth/schema.js';
import { ensureUser, requestSignInLink } from '../../platform/auth/service.js';
import { incomeGroupOf, isCountryCode, regionOf } from '../../platform/geo/countries.js';
import { isLocale, LOCALES, type Locale } from '../../platform/i18n/locales.js';
import { withText, type I18nText } from '../../platform/i18n/content.js';
import type { IdentifiedBlock } from '../../platform/documents/blocks.js';
import { selectorFor } from '../../platform/documents/anchor.js';
import { getWorkingGroup, publishedVersion, reportOf, translationOf, translationsOf, type ReportView, type TranslationView, type VersionView, type WorkingGroupView } from '../workinggroups/service.js';
import { LRUCache } from 'lru-cache';
import { currentVersion } from '../../platform/cache/versions.js';
import {
  commenterProfiles,
  consultationComments,
  consultationFlags,
  consultationInvitations,
  consultationSectionMails,
  consultationReaderLanguages,
  consultations,
  CONSULTATION_AUDIENCES,
  DISPLAY,
  MODERATION,
  ON_BEHALF,
  STAKEHOLDER_GROUPS,
  type CommentState,
  type ConsultationAudience,
  type Display,
  type GuidingQuestion,
  type Moderation,
  type OnBehalf,
  type StakeholderGroup,
} from './schema.js';
import { consultationPolicy, isOpen, type ConsultationRef } from './policy.js';
import { statesFor, targetOf, type ModerationAction } from './moderation.js';
import { processCache } from '../../platform/cache/process.js';

export { consultationPolicy, isOpen } from './policy.js';
export { MODERATION_ACTIONS, type ModerationAction } from './moderation.js';
export { stakeholderTypeOf } from './figures.js';
export { STAKEHOLDER_GROUPS, CONSULTATION_AUDIENCES, MODERATION, ON_BEHALF, DISPLAY, type StakeholderGroup, type GuidingQuestion } from './schema.js';

export interface ConsultationView extends ConsultationRef {
  id: string;
  slug: string;
  reportId: string;
  versionId: string;
  moderation: Moderation;
  summary: I18nText;
  questions: GuidingQuestion[];
  originalLocale: Locale;
  groupSlug: string;
  /** When the report's final version was published: the answers are frozen and public. */
  concludedAt: Date | null;
  finalVersionId: string | null;
}

/** A consultation with the text it is held on. */
export interface ConsultationPage {
  consultation: ConsultationView;
  report: ReportView;
  version: VersionView;
  /** The text as the reader reads it: the version's translation into their language when there is one (same block identifiers), else the original. */
  text: ReaderText;
}

export interface ReaderText {
  /** Names this exact text: the version, or the translation as last saved (for keeping its drawn blocks). */
  revision: string;
  locale: Locale;
  title: string;
  blocks: IdentifiedBlock[];
  /** A translation (the page says which version it translates, and links to the original). */
  translated: boolean;
}

const COLUMNS = {
  id: consultations.id,
  slug: consultations.slug,
  reportId: consultations.reportId,
  versionId: consultations.versionId,
  opensAt: consultations.opensAt,
  closesAt: consultations.closesAt,
  audience: consultations.audience,
  moderation: consultations.moderation,
  summary: consultations.summary,
  questions: consultations.questions,
  originalLocale: consultations.originalLocale,
  concludedAt: consultations.concludedAt,
  finalVersionId: consultations.finalVersionId,
};

/** The longest comment, in characters: a page of text. */
export const COMMENT_MAX = 6000;
/** Comments one person may write in ten minutes, across consultations (more is a script, not a reader). */
export const COMMENTS_PER_TEN_MINUTES = 20;

// ——— Reading ———

/** A consultation by its address, with the version it is held on (in `locale` when it has been translated into it); null when there is none. Public. */
export async function getConsultation(db: Executor, slug: string, actor: MaybeActor = null, locale?: Locale): Promise<ConsultationPage | null> {
  authorize(consultationPolicy.view(actor), 'consultations.view');
  if (!isSlug(slug)) return null;
  const [row] = await db.select(COLUMNS).from(consultations).where(eq(consultations.slug, slug));
  return row ? withVersion(db, row, locale) : null;
}

/** A consultation by its id (a reply by e-mail names it so), with the version it is held on. */
export async function getConsultationById(db: Executor, id: string): Promise<ConsultationPage | null> {
  const [row] = await db.select(COLUMNS).from(consultations).where(eq(consultations.id, id));
  return row ? withVersion(db, row) : null;
}

/**
 * Published versions and their translations as read, by id (and, for a translation, its last
 * save): a published version never changes, so each page need not read and parse its ~100 KB of
 * text and blocks again. A translation is looked up by its save time first, a light query.
 */
const versions = processCache(new LRUCache<string, NonNullable<Awaited<ReturnType<typeof publishedVersion>>>>({ max: 32 }));
const translations = processCache(new LRUCache<string, TranslationView>({ max: 64 }));

async function heldVersion(db: Executor, versionId: string) {
  const kept = versions.get(versionId);
  if (kept) return kept;
  const held = await publishedVersion(db, versionId);
  if (held) versions.set(versionId, held);
  return held;
}

async function translationFor(db: Executor, versionId: string, locale: Locale): Promise<TranslationView | null> {
  const [summary] = (await translationsOf(db, [versionId])).filter((t) => t.locale === locale);
  if (!summary) return null;
  const key = `${versionId}:${locale}:${summary.updatedAt.getTime()}`;
  const kept = translations.get(key);
  if (kept) return kept;
  const found = await translationOf(db, versionId, locale);
  if (found) translations.set(key, found);
  return found;
}

async function withVersion(db: Executor, row: Pick<typeof consultations.$inferSelect, keyof typeof COLUMNS>, locale?: Locale): Promise<ConsultationPage | null> {
  const held = await heldVersion(db, row.versionId);
  if (!held) return null;
  const consultation: ConsultationView = { ...row, originalLocale: isLocale(row.originalLocale) ? row.originalLocale : 'en', groupId: held.group.id, groupSlug: held.group.slug };
  const translation = locale && locale !== held.report.originalLocale ? await translationFor(db, held.version.id, locale) : null;
  const text: ReaderText = translation
    ? { revision: `${held.version.id}:${translation.locale}:${translation.updatedAt.getTime()}`, locale: translation.locale, title: translation.title, blocks: translation.blocks, translated: true }
    : { revision: held.version.id, locale: held.report.originalLocale, title: held.version.title, blocks: held.version.blocks, translated: false };
  return { consultation, report: held.report, version: held.version, text };
}

/** The consultations (of one report, or of one group's reports), newest first: open, coming and closed ones alike. Public. */
export async function listConsultations(db: Executor, of: { reportId?: string; groupId?: string } = {}): Promise<(ConsultationView & { title: string; number: number })[]> {
  return (await consultationPages(db, of)).map((page) => ({ ...page.consultation, title: page.version.title, number: page.version.number }));
}

/** The same consultations with the report and version each is held on, as a consultation's page has them. */
export async function consultationPages(db: Executor, of: { reportId?: string; groupId?: string } = {}): Promise<ConsultationPage[]> {
  const rows = await db.select(COLUMNS).from(consultations).where(of.reportId ? eq(consultations.reportId, of.reportId) : undefined).orderBy(desc(consultations.closesAt));
  const out: ConsultationPage[] = [];
  for (const row of rows) {
    const page = await withVersion(db, row);
    if (page && (!of.groupId || page.consultation.groupId === of.groupId)) out.push(page);
  }
  return out;
}

/** Counts already made, by consultation and the comments table's content version: any change to a comment makes them anew. */
const counted = processCache(new LRUCache<string, Map<string, number>>({ max: 64 }));

/** Published comments per block of the consultation (general comments under the key ''). */
export async function commentCounts(db: Executor, consultationId: string): Promise<Map<string, number>> {
  const version = await currentVersion(db, 'consultation_comments');
  const key = version === undefined ? undefined : `${consultationId}:${version}`;
  const kept = key ? counted.get(key) : undefined;
  if (kept) return kept;
  const rows = await db
    .select({ blockId: consultationComments.blockId, n: count() })
    .from(consultationComments)
    .where(and(eq(consultationComments.consultationId, consultationId), eq(consultationComments.state, 'published')))
    .groupBy(consultationComments.blockId);
  const counts = new Map(rows.map((r) => [r.blockId ?? '', r.n]));
  if (key) counted.set(key, counts);
  return counts;
}

export interface CommentView {
  id: string;
  blockId: string | null;
  questionId: string | null;
  parentId: string | null;
  quote: { exact: string; prefix: string; suffix: string } | null;
  /** The language of the text the passage was quoted from. */
  quoteLocale: Locale | null;
  body: string;
  locale: Locale;
  state: CommentState;
  hiddenReason: string | null;
  source: string;
  /** What others see of the commenter. */
  author: { name: string | null; organization: string; stakeholderGroup: StakeholderGroup; country: string; onBehalf: OnBehalf };
  mine: boolean;
  createdAt: Date;
  flagged: number;
  replies: CommentView[];
}

/** Comments (each with its replies) shown on one page of a paragraph's comments. */
export const COMMENTS_PAGE_SIZE = 40;

export interface CommentsOn {
  comments: CommentView[];
  /** Comments and replies the reader may see on the block, all pages together. */
  total: number;
  /** Comments that are not replies: what the pages are counted in. */
  threads: number;
  page: number;
}

/**
 * The comments on one block (or, with `blockId` null, on the whole report), a page of them at a
 * time, oldest first, each with its replies. Published ones for everyone; a waiting or hidden one
 * for its author (who sees why it was hidden) and the moderators. `pageNo` past the last page
 * (or 0: the last page) gives the last page.
 */
export async function commentsOn(db: Executor, actor: MaybeActor, page: ConsultationPage, blockId: string | null, pageNo = 1): Promise<CommentsOn> {
  const { consultation } = page;
  const moderator = consultationPolicy.moderate(actor, consultation);
  const visible: SQL | undefined = moderator ? undefined : actor ? or(eq(consultationComments.state, 'published'), eq(consultationComments.userId, actor.id)) : eq(consultationComments.state, 'published');
  const onBlock = and(eq(consultationComments.consultationId, consultation.id), blockId === null ? isNull(consultationComments.blockId) : eq(consultationComments.blockId, blockId), visible);
  const [counted] = (await db
    .select({ total: count(), threads: sql<number>`count(*) filter (where ${consultationComments.parentId} is null)`.mapWith(Number) })
    .from(consultationComments)
    .where(onBlock)) as [{ total: number; threads: number }];
  const last = Math.max(1, Math.ceil(counted.threads / COMMENTS_PAGE_SIZE));
  const shown = pageNo < 1 || pageNo > last ? last : pageNo;
  const threads = await db
    .select()
    .from(consultationComments)
    .where(and(onBlock, isNull(consultationComments.parentId)))
    .orderBy(asc(consultationComments.createdAt), asc(consultationComments.id))
    .limit(COMMENTS_PAGE_SIZE)
    .offset((shown - 1) * COMMENTS_PAGE_SIZE);
  const replies = threads.length
    ? await db
        .select()
        .from(consultationComments)
        .where(and(onBlock, inArray(consultationComments.parentId, threads.map((r) => r.id))))
        .orderBy(asc(consultationComments.createdAt), asc(consultationComments.id))
    : [];
  const rows = [...threads, ...replies];
  const flags = moderator && rows.length ? await flagCounts(db, rows.map((r) => r.id)) : new Map<string, number>();
  const views = rows.map((r): CommentView => ({
    id: r.id,
    blockId: r.blockId,
    questionId: r.questionId,
    parentId: r.parentId,
    quote: r.quote ? { exact: r.quote.exact, prefix: r.quote.prefix, suffix: r.quote.suffix } : null,
    quoteLocale: r.quoteLocale && isLocale(r.quoteLocale) ? r.quoteLocale : null,
    body: r.body,
    locale: isLocale(r.locale) ? r.locale : 'en',
    state: r.state,
    hiddenReason: r.hiddenReason,
    source: r.source,
    author: { name: r.display === 'name' ? r.authorName : null, organization: r.display === 'name' ? r.organization : '', stakeholderGroup: r.stakeholderGroup, country: r.country, onBehalf: r.onBehalf },
    mine: !!actor && r.userId === actor.id,
    createdAt: r.createdAt,
    flagged: flags.get(r.id) ?? 0,
    replies: [],
  }));
  const byId = new Map(views.map((v) => [v.id, v]));
  const top: CommentView[] = [];
  for (const v of views) {
    const parent = v.parentId ? byId.get(v.parentId) : undefined;
    if (parent) parent.replies.push(v);
    else if (!v.parentId) top.push(v);
  }
  return { comments: top, total: counted.total, threads: counted.threads, page: shown };
}

async function flagCounts(db: Executor, ids: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: consultationFlags.commentId, n: count() })
    .from(consultationFlags)
    .where(and(inArray(consultationFlags.commentId, ids), isNull(consultationFlags.resolvedAt)))
    .groupBy(consultationFlags.commentId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** The section a block belongs to: the nearest heading at or before it (its own id for a heading), or the first block for text before any heading. */
export function sectionOf(blocks: readonly IdentifiedBlock[], blockId: string): IdentifiedBlock | null {
  const at = blocks.findIndex((b) => b.id === blockId);
  if (at < 0) return null;
  for (let i = at; i >= 0; i--) if (blocks[i]!.kind === 'heading') return blocks[i]!;
  return blocks[0]!;
}

/** The guiding questions that belong with a block: those of its section, then those on the whole report. */
export function questionsFor(page: ConsultationPage, blockId: string | null): GuidingQuestion[] {
  const section = blockId ? sectionOf(page.version.blocks, blockId) : null;
  return page.consultation.questions.filter((q) => q.blockId === null || (section && q.blockId === section.id));
}

// ——— Sections: a long report read one section at a time ———

export interface Section {
  /** The heading's identifier (or the first block's, for text before any heading): where comments by e-mail go. */
  id: string;
  title: string;
  /** The section's heading (none for text before the first heading). */
  heading: IdentifiedBlock | null;
  /** What follows the heading, up to the next section. */
  blocks: IdentifiedBlock[];
}

/**
 * The report's sections (for e-mail, and for reading a long report a section at a time): each heading of level 2 (or 1, after the title) with what
 * follows it up to the next such heading; text before the first one is a section of its own,
 * titled with the report's title. The title heading itself is left out.
 */
export function sectionsOf(blocks: readonly IdentifiedBlock[], title: string): Section[] {
  const sections: Section[] = [];
  const body = blocks[0]?.kind === 'heading' && blocks[0].level === 1 ? blocks.slice(1) : blocks;
  for (const b of body) {
    if (b.kind === 'heading' && (b.level ?? 1) <= 2) sections.push({ id: b.id, title: b.text, heading: b, blocks: [] });
    else if (!sections.length) sections.push({ id: b.id, title, heading: null, blocks: [b] });
    else sections.at(-1)!.blocks.push(b);
  }
  return sections;
}

/**
 * A report with more words than this (characters of text) is read a section at a time: its page
 * holds the summary, the contents and the first section, and each section has a page of its own
 * (the whole report stays one link away, for printing or searching). About 15 KB compressed of
 * text, so that a reader on a phone with little data gets the page in one small download; the
 * demo's reports and most working-group reports stay on one page.
 */
export const ONE_PAGE_CHARS = 40_000;

export interface Reading {
  /** Read a section at a time (a long report), or on one page. */
  split: boolean;
  sections: Section[];
}

/** How a consultation's text is read: its sections, and whether it is long enough to be read one section a page. */
export function readingOf(text: Pick<ReaderText, 'blocks' | 'title'>): Reading {
  const sections = sectionsOf(text.blocks, text.title);
  const chars = text.blocks.reduce((n, b) => n + b.text.length, 0);
  return { split: sections.length > 1 && chars > ONE_PAGE_CHARS, sections };
}

/** The section a block is read in (by its position in `reading.sections`), or -1. */
export function sectionIndexOf(reading: Reading, blockId: string): number {
  return reading.sections.findIndex((s) => s.id === blockId || s.blocks.some((b) => b.id === blockId));
}

// ——— The commenter's profile ———

export interface Profile {
  stakeholderGroup: StakeholderGroup;
  country: string;
  organization: string;
  onBehalf: OnBehalf;
  display: Display;
  outcomeMail: boolean;
}

export const profileBody = z.object({
  stakeholderGroup: field.choice(STAKEHOLDER_GROUPS),
  country: z.string({ message: 'form.errors.choose' }).refine((c) => isCountryCode(c), { message: 'form.errors.choose' }),
  organization: field.optionalText({ max: 200 }),
  onBehalf: field.choice(ON_BEHALF),
  display: field.choice(DISPLAY),
  /** "yes" when ticked: told by e-mail what became of their comments once a report is final. */
  outcomeMail: field.ticked(),
});

/** The actor's commenter profile, or null when they have not given one yet. */
export async function profileOf(db: Executor, actor: MaybeActor): Promise<Profile | null> {
  if (!actor) return null;
  const [row] = await db.select().from(commenterProfiles).where(eq(commenterProfiles.userId, actor.id));
  return row ? { stakeholderGroup: row.stakeholderGroup, country: row.country, organization: row.organization, onBehalf: row.onBehalf, display: row.display, outcomeMail: row.outcomeMail } : null;
}

/** Keeps the actor's profile (asked once, used for every consultation; comments already written keep the profile they were written with). */
export async function saveProfile(db: Executor, actor: MaybeActor, input: Omit<z.output<typeof profileBody>, 'outcomeMail'> & { outcomeMail?: boolean }): Promise<void> {
  authorize(consultationPolicy.keepProfile(actor), 'consultations.profile');
  const values = { stakeholderGroup: input.stakeholderGroup, country: input.country, organization: input.organization ?? '', onBehalf: input.onBehalf, display: input.display, outcomeMail: input.outcomeMail ?? true, updatedAt: sql`now()` };
  await db.insert(commenterProfiles).values({ userId: actor!.id, ...values }).onConflictDoUpdate({ target: commenterProfiles.userId, set: values });
}

// ——— Commenting ———

export const commentBody = z.object({
  body: field.text({ max: COMMENT_MAX }),
  locale: z.enum(LOCALES, { message: 'form.errors.choose' }),
  questionId: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(40).optional()),
  parentId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()),
  exact: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(2000).optional()),
  prefix: z.string().max(200).optional(),
  suffix: z.string().max(200).optional(),
  /** The language of the text the passage was selected in (a translation's, or the original's). */
  quoteLocale: z.preprocess((v) => (v === '' ? undefined : v), z.enum(LOCALES).optional()),
});

export type CommentResult =
  | { ok: true; id: string; state: CommentState }
  /** closed: outside the window; audience: not among those asked; profile: no profile yet; limit: too many comments in a short time; gone: what it answers or quotes is not there. */
  | { ok: false; reason: 'closed' | 'audience' | 'profile' | 'limit' | 'gone' };

/** Does the invitation key given match the consultation's? Compared in constant time. */
export async function holdsLink(db: Executor, consultationId: string, key: string | undefined): Promise<boolean> {
  if (!key || !/^[0-9a-f]{32}$/.test(key)) return false;
  const [row] = await db.select({ linkKey: consultations.linkKey }).from(consultations).where(eq(consultations.id, consultationId));
  return !!row && timingSafeEqual(Buffer.from(row.linkKey), Buffer.from(key));
}

/** What a comment keeps of its writer's profile as it was when they wrote: the figures and the name shown stay as they were. */
const fromProfile = (p: Omit<Profile, 'outcomeMail'>) => ({
  organization: p.organization,
  stakeholderGroup: p.stakeholderGroup,
  country: p.country,
  region: regionOf(p.country),
  incomeGroup: incomeGroupOf(p.country),
  onBehalf: p.onBehalf,
  display: p.display,
});

/** How a comment comes: whether the writer followed the invitation link, by web or e-mail, and when (tests set the clock). */
export interface CommentOptions {
  hasLink: boolean;
  source?: 'web' | 'email';
  now?: Date;
}

/**
 * Writes a comment on a block (`blockId`), or on the whole report (null): checks the window and
 * the audience at this moment, the commenter's profile (copied into the comment), the rate limit,
 * and that the block, the quoted words, the question and the comment answered are all there.
 * Published at once under post-moderation; waiting for a moderator under pre-moderation.
 */
export function postComment(db: Db, actor: MaybeActor, page: ConsultationPage, blockId: string | null, input: z.output<typeof commentBody>, opts: CommentOptions): Promise<CommentResult> {
  if (!actor) authorize(false, 'consultations.comment');
  return db.transaction((tx) => writeComment(tx, actor, page, blockId, input, opts));
}

/** postComment's work, in the caller's transaction (a reply by e-mail is written in the transaction that records the message). */
export async function writeComment(tx: Executor, actor: MaybeActor, page: ConsultationPage, blockId: string | null, input: z.output<typeof commentBody>, opts: CommentOptions): Promise<CommentResult> {
  const { consultation, version } = page;
  const now = opts.now ?? new Date();
  if (!actor) authorize(false, 'consultations.comment');
  if (!isOpen(consultation, now)) return { ok: false, reason: 'closed' };
  if (!consultationPolicy.comment(actor, consultation, now, opts.hasLink)) return { ok: false, reason: 'audience' };
  const block = blockId === null ? null : version.blocks.find((b) => b.id === blockId);
  if (blockId !== null && !block) return { ok: false, reason: 'gone' };
  // A passage is quoted from the text the reader read: the original, or a translation (the same block in it).
  const quoteLocale = input.quoteLocale ?? page.report.originalLocale;
  const quotedText = quoteLocale === page.report.originalLocale ? block?.text : (await translationOf(tx, version.id, quoteLocale))?.blocks.find((b) => b.id === blockId)?.text;
  if (input.exact && (!quotedText || !quotedText.includes(input.exact))) return { ok: false, reason: 'gone' };
  if (input.questionId && !questionsFor(page, blockId).some((q) => q.id === input.questionId)) return { ok: false, reason: 'gone' };
  // One person's comments are counted under a lock on their profile, so two at once cannot both take the last place.
  const [profile] = await forUpdate(tx.select().from(commenterProfiles).where(eq(commenterProfiles.userId, actor!.id)).$dynamic(), 'commenter');
  if (!profile) return { ok: false, reason: 'profile' };
  const [{ n }] = (await tx
    .select({ n: count() })
    .from(consultationComments)
    .where(and(eq(consultationComments.userId, actor!.id), gte(consultationComments.createdAt, sql`now() - interval '10 minutes'`)))) as [{ n: number }];
  if (n >= COMMENTS_PER_TEN_MINUTES) return { ok: false, reason: 'limit' };
  if (input.parentId) {
    const [parent] = await tx
      .select({ blockId: consultationComments.blockId, state: consultationComments.state })
      .from(consultationComments)
      .where(and(eq(consultationComments.id, input.parentId), eq(consultationComments.consultationId, consultation.id)));
    if (!parent || parent.state !== 'published' || parent.blockId !== blockId) return { ok: false, reason: 'gone' };
  }
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor!.id));
  const state: CommentState = consultation.moderation === 'pre' && !consultationPolicy.moderate(actor, consultation) ? 'pending' : 'published';
  const [row] = await tx
    .insert(consultationComments)
    .values({
      consultationId: consultation.id,
      userId: actor!.id,
      blockId,
      quote: input.exact && block ? { blockId: block.id, exact: input.exact, prefix: input.prefix ?? '', suffix: input.suffix ?? '' } : null,
      quoteLocale: input.exact ? quoteLocale : null,
      questionId: input.questionId ?? null,
      parentId: input.parentId ?? null,
      body: input.body,
      locale: input.locale,
      state,
      source: opts.source ?? 'web',
      authorName: user?.name ?? '',
      ...fromProfile(profile),
    })
    .returning({ id: consultationComments.id });
  return { ok: true, id: row!.id, state };
}

// ——— Flags and moderation ———

/** A published comment of the consultation, to be flagged (what its page quotes); null when there is none. */
export async function publishedComment(db: Executor, actor: MaybeActor, page: ConsultationPage, commentId: string): Promise<{ id: string; body: string; locale: string; blockId: string | null } | null> {
  requireParticipant(actor);
  const [row] = await db
    .select({ id: consultationComments.id, body: consultationComments.body, locale: consultationComments.locale, blockId: consultationComments.blockId })
    .from(consultationComments)
    .where(and(eq(consultationComments.id, commentId), eq(consultationComments.consultationId, page.consultation.id), eq(consultationComments.state, 'published')));
  return row ?? null;
}

/** A reader flags a published comment for the moderators (once each; their own comments not). False when there is no such comment. */
export async function flagComment(db: Executor, actor: MaybeActor, page: ConsultationPage, commentId: string, reason: string): Promise<boolean> {
  const [comment] = await db
    .select({ userId: consultationComments.userId })
    .from(consultationComments)
    .where(and(eq(consultationComments.id, commentId), eq(consultationComments.consultationId, page.consultation.id), eq(consultationComments.state, 'published')));
  if (!comment) return false;
  authorize(consultationPolicy.flag(actor, comment), 'consultations.flag');
  await db.insert(consultationFlags).values({ commentId, userId: actor!.id, reason: reason.slice(0, 500) }).onConflictDoNothing();
  return true;
}

export const moderationBody = z.object({ reason: field.optionalText({ max: 500 }) });

/**
 * A moderator approves a waiting comment, hides a comment (with a reason its author sees),
 * restores a hidden one, or keeps a flagged one as it is. Nothing is deleted; each step is audited with the text as it stood, and
 * the comment's open flags are resolved. Returns false when the step does not apply (already done).
 */
export async function moderateComment(db: Db, actor: MaybeActor, page: ConsultationPage, commentId: string, action: ModerationAction, reason?: string): Promise<'done' | 'gone' | 'reason'> {
  authorize(consultationPolicy.moderate(actor, page.consultation), 'consultations.moderate');
  if (action === 'hide' && !reason) return 'reason';
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(consultationComments)
      .set({ state: targetOf(action), hiddenReason: action === 'hide' ? reason! : null, moderatedAt: sql`now()`, moderatedBy: actor!.id })
      .where(and(eq(consultationComments.id, commentId), eq(consultationComments.consultationId, page.consultation.id), inArray(consultationComments.state, statesFor(action))))
      .returning({ body: consultationComments.body });
    if (!row) return 'gone' as const;
    await tx.update(consultationFlags).set({ resolvedAt: sql`now()` }).where(and(eq(consultationFlags.commentId, commentId), isNull(consultationFlags.resolvedAt)));
    await recordAudit(tx, actor, { action: `consultations.comment.${action}`, targetType: 'comment', targetId: commentId, after: { reason: reason ?? null, body: row.body.slice(0, 500) } });
    return 'done' as const;
  });
}

/** The moderators' queue: comments waiting for approval, comments with open flags, and hidden ones. */
export async function moderationQueue(db: Executor, actor: MaybeActor, page: ConsultationPage): Promise<{ waiting: CommentRow[]; flagged: (CommentRow & { flags: number; reasons: string[] })[]; hidden: CommentRow[] }> {
  authorize(consultationPolicy.moderate(actor, page.consultation), 'consultations.moderate');
  const id = page.consultation.id;
  const select = { id: consultationComments.id, blockId: consultationComments.blockId, body: consultationComments.body, locale: consultationComments.locale, authorName: consultationComments.authorName, state: consultationComments.state, hiddenReason: consultationComments.hiddenReason, createdAt: consultationComments.createdAt };
  const waiting = await db.select(select).from(consultationComments).where(and(eq(consultationComments.consultationId, id), eq(consultationComments.state, 'pending'))).orderBy(asc(consultationComments.createdAt)).limit(200);
  const hidden = await db.select(select).from(consultationComments).where(and(eq(consultationComments.consultationId, id), eq(consultationComments.state, 'hidden'))).orderBy(desc(consultationComments.moderatedAt)).limit(200);
  const flaggedRows = await db
    .select({ ...select, flags: count(), reasons: sql<string[]>`array_agg(${consultationFlags.reason})` })
    .from(consultationFlags)
    .innerJoin(consultationComments, eq(consultationComments.id, consultationFlags.commentId))
    .where(and(eq(consultationComments.consultationId, id), isNull(consultationFlags.resolvedAt), eq(consultationComments.state, 'published')))
    .groupBy(consultationComments.id)
    .orderBy(desc(count()))
    .limit(200);
  return { waiting, flagged: flaggedRows.map((r) => ({ ...r, reasons: (r.reasons ?? []).filter(Boolean) })), hidden };
}
export interface CommentRow {
  id: string;
  blockId: string | null;
  body: string;
  locale: string;
  authorName: string;
  state: CommentState;
  hiddenReason: string | null;
  createdAt: Date;
}

// ——— Opening and settings ———

export const settingsBody = z
  .object({
    opensAt: field.dateTime(),
    closesAt: field.dateTime(),
    audience: field.choice(CONSULTATION_AUDIENCES),
    moderation: field.choice(MODERATION),
    summary: field.text({ max: 2000 }),
    /** Questions on the whole report, one per line. */
    questions: field.optionalText({ max: 4000 }),
  })
  .catchall(z.string().max(4000));

export type SettingsInput = { opensAt: Date; closesAt: Date; audience: ConsultationAudience; moderation: Moderation; summary: string; questions: { blockId: string | null; lines: string }[] };

/** Guiding questions from the form's lines (one question per line), keeping the identifiers of questions whose text did not change. */
function questionsFrom(input: SettingsInput['questions'], locale: Locale, before: GuidingQuestion[]): GuidingQuestion[] {
  const out: GuidingQuestion[] = [];
  for (const { blockId, lines } of input) {
    for (const line of lines.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
      const same = before.find((q) => q.blockId === blockId && Object.values(q.text).includes(line));
      out.push(same ? { ...same, text: withText(same.text, locale, line) } : { id: randomBytes(6).toString('base64url'), blockId, text: { [locale]: line } });
    }
  }
  return out;
}

/** May the actor open consultations on the group's reports? Asked before a form is shown or read. */
export function requireOpener(actor: MaybeActor, groupId: string): void {
  authorize(consultationPolicy.open(actor, { groupId }), 'consultations.open');
}

/** May the actor change the consultation's settings? Asked before the form is read. */
export function requireAdministrator(actor: MaybeActor, page: ConsultationPage): void {
  authorize(consultationPolicy.administer(actor, page.consultation), 'consultations.administer');
}

/** Writing anything here (a comment, a profile) needs an account: asked before the form is read. */
export function requireParticipant(actor: MaybeActor): void {
  authorize(consultationPolicy.keepProfile(actor), 'consultations.participate');
}

/** A published version of a group's report, by the group's and report's addresses and the version's number: what a consultation is opened on. Null when there is none. */
export async function getConsultationTarget(db: Executor, actor: MaybeActor, group: WorkingGroupView | string, reportSlug: string, number: number): Promise<ConsultationTarget | null> {
  const g = typeof group === 'string' ? await getWorkingGroup(db, group, actor) : group;
  const found = g ? await reportOf(db, actor, g, reportSlug) : null;
  const version = found?.versions.find((v) => v.number === number && v.publishedAt);
  return g && found && version ? { group: g, report: found.report, version } : null;
}
export interface ConsultationTarget {
  group: WorkingGroupView;
  report: ReportView;
  version: VersionView;
}

export type OpenResult = { ok: true; slug: string } | { ok: false; field: string; message: string };

/** Opens a consultation on a published version of a report (the pre-final text, usually). Its address is the report's, with the version. */
export async function openConsultation(db: Db, actor: MaybeActor, held: { group: { id: string; slug: string }; report: ReportView; version: VersionView }, input: SettingsInput, locale: Locale): Promise<OpenResult> {
  authorize(consultationPolicy.open(actor, { groupId: held.group.id }) && held.version.publishedAt !== null, 'consultations.open');
  if (input.closesAt <= input.opensAt) return { ok: false, field: 'closesAt', message: 'consultations.errors.closesBeforeOpens' };
  const slug = `${held.report.slug}-v${held.version.number}`.slice(0, 80);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consultations)
      .values({
        slug,
        reportId: held.report.id,
        versionId: held.version.id,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        audience: input.audience,
        moderation: input.moderation,
        linkKey: randomBytes(16).toString('hex'),
        summary: { [locale]: input.summary },
        questions: questionsFrom(input.questions, locale, []),
        originalLocale: locale,
        createdBy: actor!.id,
      })
      .onConflictDoNothing()
      .returning({ slug: consultations.slug });
    if (!row) return { ok: false, field: 'opensAt', message: 'consultations.errors.alreadyOpen' } as const;
    await recordAudit(tx, actor, { action: 'consultations.open', targetType: 'consultation', targetId: slug, after: { opensAt: input.opensAt, closesAt: input.closesAt, audience: input.audience, moderation: input.moderation } });
    return { ok: true, slug } as const;
  });
}

/** Changes a consultation's settings; the summary and questions in the language being edited. */
export async function saveSettings(db: Db, actor: MaybeActor, page: ConsultationPage, input: SettingsInput, locale: Locale): Promise<OpenResult> {
  const c = page.consultation;
  authorize(consultationPolicy.administer(actor, c), 'consultations.administer');
  if (input.closesAt <= input.opensAt) return { ok: false, field: 'closesAt', message: 'consultations.errors.closesBeforeOpens' };
  await db.transaction(async (tx) => {
    await tx
      .update(consultations)
      .set({ opensAt: input.opensAt, closesAt: input.closesAt, audience: input.audience, moderation: input.moderation, summary: withText(c.summary, locale, input.summary), questions: questionsFrom(input.questions, locale, c.questions) })
      .where(eq(consultations.id, c.id));
    await recordAudit(tx, actor, { action: 'consultations.settings', targetType: 'consultation', targetId: c.slug, before: { opensAt: c.opensAt, closesAt: c.closesAt, audience: c.audience, moderation: c.moderation }, after: { opensAt: input.opensAt, closesAt: input.closesAt, audience: input.audience, moderation: input.moderation } });
  });
  return { ok: true, slug: c.slug };
}

/** The invitation link's key, for those who run the consultation. */
export async function invitationKey(db: Executor, actor: MaybeActor, page: ConsultationPage): Promise<string> {
  authorize(consultationPolicy.administer(actor, page.consultation), 'consultations.administer');
  const [row] = await db.select({ linkKey: consultations.linkKey }).from(consultations).where(eq(consultations.id, page.consultation.id));
  return row!.linkKey;
}

// ——— Figures ———

/** Groups with fewer people than this are merged into "other", so no one is singled out. */
export const SMALLEST_GROUP = 5;

export interface Figure {
  key: string;
  people: number;
  comments: number;
}

/**
 * Groups of fewer than SMALLEST_GROUP people (and any group already called "other") merged into
 * one "other" group, last, so that no one is singled out; the others by most comments first.
 * `add` sums two groups' counts (the merged group keeps the key "other").
 */
export function mergeSmallGroups<F extends Figure>(groups: readonly F[], add: (a: F, b: F) => F): F[] {
  const kept = groups.filter((g) => g.key !== 'other' && g.people >= SMALLEST_GROUP).sort((a, b) => b.comments - a.comments);
  const other = groups.filter((g) => !kept.includes(g)).reduce<F | null>((sum, g) => (sum ? add(sum, g) : { ...g, key: 'other' }), null);
  return other?.comments ? [...kept, other] : kept;
}

/** Counts of people and comments by a column, small groups merged (mergeSmallGroups). */
async function figuresBy(db: Executor, consultationId: string, column: typeof consultationComments.stakeholderGroup | typeof consultationComments.region | typeof consultationComments.incomeGroup): Promise<Figure[]> {
  const rows = await db
    .select({ key: column, people: countDistinct(consultationComments.userId), comments: count() })
    .from(consultationComments)
    .where(and(eq(consultationComments.consultationId, consultationId), eq(consultationComments.state, 'published')))
    .groupBy(column);
  return mergeSmallGroups(
    rows.map((r) => ({ key: r.key ?? 'other', people: r.people, comments: r.comments })),
    (a, b) => ({ key: a.key, people: a.people + b.people, comments: a.comments + b.comments }),
  );
}

export interface Figures {
  people: number;
  comments: number;
  bySection: { blockId: string; title: string; comments: number }[];
  general: number;
  byStakeholder: Figure[];
  byRegion: Figure[];
  byIncome: Figure[];
}

/** Who took part and where they commented: public, the same while open ("so far") and once closed. */
export async function consultationFigures(db: Executor, page: ConsultationPage): Promise<Figures> {
  const id = page.consultation.id;
  const [totals] = (await db
    .select({ people: countDistinct(consultationComments.userId), comments: count() })
    .from(consultationComments)
    .where(and(eq(consultationComments.consultationId, id), eq(consultationComments.state, 'published')))) as [{ people: number; comments: number }];
  const counts = await commentCounts(db, id);
  const sections = new Map<string, { blockId: string; title: string; comments: number }>();
  for (const b of page.version.blocks) {
    const s = sectionOf(page.version.blocks, b.id)!;
    // Text under the report's own title (its first heading, level 1) is the introduction.
    const intro = s === page.version.blocks[0] && s.kind === 'heading' && s.level === 1;
    const entry = sections.get(s.id) ?? sections.set(s.id, { blockId: s.id, title: intro ? '' : s.text, comments: 0 }).get(s.id)!;
    entry.comments += counts.get(b.id) ?? 0;
  }
  return {
    people: totals.people,
    comments: totals.comments,
    bySection: [...sections.values()],
    general: counts.get('') ?? 0,
    byStakeholder: await figuresBy(db, id, consultationComments.stakeholderGroup),
    byRegion: await figuresBy(db, id, consultationComments.region),
    byIncome: await figuresBy(db, id, consultationComments.incomeGroup),
  };
}

// ——— The demo seed ———

/**
 * A consultation on a published version of a group's report, for the demo seed: opened as it is
 * (no actor, no audit), its guiding questions placed by the text of their section's heading.
 * Returns the consultation, or null when the version has one already (the seed then adds nothing).
 */
export async function addConsultation(
  db: Db,
  c: { group: string; report: string; number: number; opensAt: Date; closesAt: Date; summary: I18nText; questions: { section: string | null; text: I18nText }[] },
): Promise<ConsultationPage | null> {
  const target = await getConsultationTarget(db, null, c.group, c.report, c.number);
  if (!target) return null;
  const heading = (text: string) => target.version.blocks.find((b) => b.kind === 'heading' && b.text === text)?.id ?? null;
  const slug = `${target.report.slug}-v${target.version.number}`;
  const [row] = await db
    .insert(consultations)
    .values({
      slug,
      reportId: target.report.id,
      versionId: target.version.id,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      linkKey: randomBytes(16).toString('hex'),
      summary: c.summary,
      questions: c.questions.map((q, i) => ({ id: `q${i + 1}`, blockId: q.section ? heading(q.section) : null, text: q.text })),
      originalLocale: target.report.originalLocale,
    })
    .onConflictDoNothing()
    .returning({ id: consultations.id });
  return row ? getConsultation(db, slug) : null;
}

/** Someone's comment, for the demo seed: their account and profile made if need be, the block found by its first words, written `hoursAgo`. */
export async function addComment(
  db: Db,
  page: ConsultationPage,
  c: {
    who: { email: string; name: string; locale: Locale; group: StakeholderGroup; country: string; organization?: string; onBehalf?: OnBehalf; anonymous?: boolean };
    on?: string;
    quote?: string;
    answers?: 'general' | 'section';
    body: string;
    locale: Locale;
    hoursAgo: number;
    /** The text of the comment this one replies to. */
    replyTo?: string;
    hidden?: string;
    flaggedBy?: string;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const { id: userId } = await ensureUser(tx, { email: c.who.email, name: c.who.name, locale: c.who.locale });
    const profile = { stakeholderGroup: c.who.group, country: c.who.country, organization: c.who.organization ?? '', onBehalf: c.who.onBehalf ?? 'self', display: c.who.anonymous ? 'group' : 'name' } as const;
    await tx.insert(commenterProfiles).values({ userId, ...profile }).onConflictDoNothing();
    const block = c.on ? page.version.blocks.find((b) => b.text.startsWith(c.on!)) : undefined;
    if (c.on && !block) throw new Error(`No block starts with “${c.on}”`);
    const section = block ? sectionOf(page.version.blocks, block.id) : null;
    const question = c.answers === 'general' ? page.consultation.questions.find((q) => q.blockId === null) : c.answers === 'section' ? page.consultation.questions.find((q) => q.blockId === section?.id) : undefined;
    const [parent] = c.replyTo ? await tx.select({ id: consultationComments.id }).from(consultationComments).where(and(eq(consultationComments.consultationId, page.consultation.id), eq(consultationComments.body, c.replyTo))) : [];
    const at = block && c.quote ? block.text.indexOf(c.quote) : -1;
    const [row] = await tx
      .insert(consultationComments)
      .values({
        consultationId: page.consultation.id,
        userId,
        blockId: block?.id ?? null,
        quote: block && at >= 0 ? selectorFor(block, at, at + c.quote!.length) : null,
        quoteLocale: at >= 0 ? page.report.originalLocale : null,
        questionId: question?.id ?? null,
        parentId: parent?.id ?? null,
        body: c.body,
        locale: c.locale,
        state: c.hidden ? 'hidden' : 'published',
        hiddenReason: c.hidden ?? null,
        moderatedAt: c.hidden ? sql`now()` : null,
        authorName: c.who.name,
        ...fromProfile(profile),
        createdAt: new Date(Date.now() - c.hoursAgo * 3_600_000),
      })
      .returning({ id: consultationComments.id });
    if (c.flaggedBy) {
      const [flagger] = await tx.select({ id: users.id }).from(users).where(eq(users.email, c.flaggedBy));
      if (flagger) await tx.insert(consultationFlags).values({ commentId: row!.id, userId: flagger.id, reason: 'Not about the report' }).onConflictDoNothing();
    }
  });
}

// ——— Erasure ———

/**
 * A person's comments keep their words (they are part of a public record) but lose the name and
 * organisation; their profile, flags, section e-mails and invitations go.
 */
export async function erasePerson(tx: Executor, person: { userId?: string; emails: string[] }): Promise<void> {
  if (person.userId) {
    await tx.update(consultationComments).set({ authorName: '', organization: '', display: 'group' }).where(eq(consultationComments.userId, person.userId));
    await tx.delete(commenterProfiles).where(eq(commenterProfiles.userId, person.userId));
    await tx.delete(consultationFlags).where(eq(consultationFlags.userId, person.userId));
    await tx.delete(consultationSectionMails).where(eq(consultationSectionMails.userId, person.userId));
    await tx.delete(consultationReaderLanguages).where(eq(consultationReaderLanguages.userId, person.userId));
  }
  if (person.emails.length) await tx.delete(consultationInvitations).where(inArray(consultationInvitations.email, person.emails));
}

// ——— Taking part without an account ———

export const takePartBody = z.object({ name: field.text({ max: 120 }), email: field.email() });

/**
 * Someone without an account takes part: an account is made for their address (or the one there
 * is found) and a sign-in link is mailed to it, which brings them back to `next`. The answer is
 * the same whether the address was known or not, and the link counts against the address's hourly
 * limit of unsolicited mail.
 */
export async function takePart(db: Db, input: z.output<typeof takePartBody>, opts: { locale: Locale; next: string; onceKey?: unknown }): Promise<void> {
  await db.transaction((tx) => ensureUser(tx, { email: input.email, name: input.name, locale: opts.locale }));
  await requestSignInLink(db, { email: input.email, locale: opts.locale, next: opts.next, onceKey: opts.onceKey });
}
