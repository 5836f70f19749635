/**
 * Closing the loop: every comment of a consultation gets an answer from the working group. Chairs
 * (and the Secretariat) see every comment to answer, by section, filtered by who wrote it, where
 * from, in which language and how far it has got (triage); comments in a language the reader does
 * not read are marked, and can be handed to a colleague of the group who does. One answer — a
 * disposition, a response (in any of the six languages) and the paragraphs of the next version that
 * changed because of it — may stand for several comments that make the same point; each comment
 * links to its answer. Answers are revised freely, each change audited, until the report's final
 * version is published: publishing it is refused while a comment has no answer or waits for a
 * moderator, and once it is published the answers are frozen.
 */

/** The job that tells every commenter what became of their comments (outcome-mail.ts). */
export const OUTCOME_MAIL_JOB = 'consultations.outcome-mail';
import { and, asc, count, eq, inArray, isNotNull, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { forUpdate } from '../../db/locks.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { Refusal, type Events } from '../../platform/events.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { handedOverMail } from './emails.js';
import { asList, field } from '../../platform/forms/fields.js';
import { users } from '../../platform/auth/schema.js';
import { isLocale, LOCALES, type Locale } from '../../platform/i18n/locales.js';
import { withText, type I18nText } from '../../platform/i18n/content.js';
import { INCOME_GROUPS, UNESCO_REGIONS } from '../../platform/geo/countries.js';
import type { IdentifiedBlock } from '../../platform/documents/blocks.js';
import { anchorQuote } from '../../platform/documents/anchor.js';
import { colleaguesOf, newestVersion } from '../workinggroups/service.js';
import { consultationComments as cc, consultationReaderLanguages, consultationResponses, consultations, DISPOSITIONS, STAKEHOLDER_GROUPS, type Disposition, type OnBehalf, type StakeholderGroup } from './schema.js';
import { consultationPolicy } from './policy.js';
import { sectionsOf, type ConsultationPage } from './service.js';

export { DISPOSITIONS, type Disposition } from './schema.js';

// ——— What is left ———

export interface Outstanding {
  /** Published comments (not replies) with no answer. */
  unanswered: number;
  /** Comments waiting for a moderator. */
  waiting: number;
}

/** A comment the group must answer: published, and not a reply to another comment. */
export const toAnswer = (consultationId: string) => and(eq(cc.consultationId, consultationId), eq(cc.state, 'published'), isNull(cc.parentId));

/** How many comments still need an answer, and how many wait for a moderator (both must be none before the report is final). */
export async function outstanding(db: Executor, consultationId: string): Promise<Outstanding> {
  const [row] = await db
    .select({
      unanswered: sql<number>`count(*) filter (where ${cc.state} = 'published' and ${cc.parentId} is null and ${cc.responseId} is null)`.mapWith(Number),
      waiting: sql<number>`count(*) filter (where ${cc.state} = 'pending')`.mapWith(Number),
    })
    .from(cc)
    .where(eq(cc.consultationId, consultationId));
  return { unanswered: row?.unanswered ?? 0, waiting: row?.waiting ?? 0 };
}

// ——— Triage ———

export const TRIAGE_PAGE_SIZE = 50;
export const TRIAGE_STATUSES = ['open', 'answered', ...DISPOSITIONS, 'assigned', 'mine', 'unread'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

const blank = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional()).catch(undefined);
/** The triage filters, from the address (a form sent by GET): anything unknown is no filter. */
export const triageQuery = z.object({
  section: blank(z.string().max(40)),
  group: blank(z.enum(STAKEHOLDER_GROUPS)),
  region: blank(z.enum(UNESCO_REGIONS)),
  income: blank(z.enum(INCOME_GROUPS)),
  language: blank(z.enum(LOCALES)),
  status: blank(z.enum(TRIAGE_STATUSES)),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TriageQuery = z.output<typeof triageQuery>;

export interface TriageRow {
  id: string;
  blockId: string | null;
  /** The section it is in (its heading's id), or null for the whole report. */
  sectionId: string | null;
  questionId: string | null;
  quote: string | null;
  body: string;
  locale: Locale;
  createdAt: Date;
  source: string;
  author: { name: string | null; organization: string; stakeholderGroup: StakeholderGroup; country: string; onBehalf: OnBehalf };
  replies: number;
  response: { id: string; disposition: Disposition } | null;
  assignedTo: { id: string; name: string } | null;
  /** In a language the reader said they read. */
  readable: boolean;
}

export interface Colleague {
  userId: string;
  name: string;
  role: string;
  languages: Locale[];
}

export interface Triage {
  rows: TriageRow[];
  /** Comments that match the filters, all pages together. */
  total: number;
  page: number;
  left: Outstanding;
  /** The languages the reader reads (as they said; else their own). */
  languages: Locale[];
  /** The group's people a comment may be handed to, with the languages they read (for those who may hand comments over). */
  colleagues: Colleague[];
  sections: { id: string; title: string }[];
  /** May answer any comment and hand comments over (else only those handed to them). */
  respondsToAll: boolean;
  frozen: boolean;
  /** The number of the report's version after the consulted one, when there is one. */
  next: number | null;
}

const asLocales = (values: readonly string[]): Locale[] => values.filter(isLocale);

/** The languages a person reads, as they said; by default the language they use the site in (or `fallback`). */
export async function readerLanguages(db: Executor, actor: MaybeActor, fallback: Locale): Promise<Locale[]> {
  if (!actor) return [fallback];
  const [row] = await db.select({ locales: consultationReaderLanguages.locales }).from(consultationReaderLanguages).where(eq(consultationReaderLanguages.userId, actor.id));
  const said = asLocales(row?.locales ?? []);
  return said.length ? said : [actor.locale ?? fallback];
}

export const languagesBody = z.object({ languages: field.many(LOCALES).pipe(z.array(z.enum(LOCALES)).min(1, { message: 'form.errors.choose' })) });

/** Says which languages the person reads (used by every consultation's triage). */
export async function saveReaderLanguages(db: Executor, actor: MaybeActor, page: ConsultationPage, languages: Locale[]): Promise<void> {
  authorize(consultationPolicy.triage(actor, page.consultation), 'consultations.triage');
  const locales = [...new Set(languages)];
  await db.insert(consultationReaderLanguages).values({ userId: actor!.id, locales }).onConflictDoUpdate({ target: consultationReaderLanguages.userId, set: { locales, updatedAt: sql`now()` } });
}

/** Where each block stands in the text (for ordering comments as the report reads) and the section it is in. */
export function placesOf(page: ConsultationPage) {
  const sections = sectionsOf(page.version.blocks, page.version.title);
  const order = new Map<string, number>();
  const section = new Map<string, string>();
  page.version.blocks.forEach((b, i) => order.set(b.id, i));
  for (const s of sections) for (const b of [...(s.heading ? [s.heading] : []), ...s.blocks]) section.set(b.id, s.id);
  return { sections, order, section };
}

/** The report's sections, by id and title (what triage filters by and names comments with). */
export const sectionTitles = (page: ConsultationPage) => placesOf(page).sections.map((s) => ({ id: s.id, title: s.title }));

/**
 * Every comment to answer that matches the filters, in the report's order (comments on the whole
 * report first), a page at a time, each with its answer, who it is handed to, its count of replies,
 * and whether the reader reads its language. For those who run the consultation and the group's
 * members (who answer what is handed to them).
 */
export async function triage(db: Executor, actor: MaybeActor, page: ConsultationPage, q: TriageQuery, locale: Locale): Promise<Triage> {
  const c = page.consultation;
  authorize(consultationPolicy.triage(actor, c), 'consultations.triage');
  const respondsToAll = consultationPolicy.respond(actor, c);
  const languages = await readerLanguages(db, actor, locale);
  const { sections, order, section } = placesOf(page);
  const where: (SQL | undefined)[] = [toAnswer(c.id)];
  if (q.section === 'general') where.push(isNull(cc.blockId));
  else if (q.section) {
    const ids = [...section.entries()].filter(([, s]) => s === q.section).map(([id]) => id);
    where.push(ids.length ? inArray(cc.blockId, ids) : sql`false`);
  }
  if (q.group) where.push(eq(cc.stakeholderGroup, q.group));
  if (q.region) where.push(eq(cc.region, q.region));
  if (q.income) where.push(eq(cc.incomeGroup, q.income));
  if (q.language) where.push(eq(cc.locale, q.language));
  if (q.status === 'open') where.push(isNull(cc.responseId));
  else if (q.status === 'answered') where.push(isNotNull(cc.responseId));
  else if (q.status === 'assigned') where.push(isNotNull(cc.assignedTo));
  else if (q.status === 'mine') where.push(eq(cc.assignedTo, actor!.id));
  else if (q.status === 'unread') where.push(notInArray(cc.locale, languages));
  else if (q.status) where.push(inArray(cc.responseId, db.select({ id: consultationResponses.id }).from(consultationResponses).where(and(eq(consultationResponses.consultationId, c.id), eq(consultationResponses.disposition, q.status)))));
  // The matching comments' places, light, ordered as the report reads; then the page's comments in full.
  const found = await db.select({ id: cc.id, blockId: cc.blockId, createdAt: cc.createdAt }).from(cc).where(and(...where));
  const place = (b: string | null) => (b === null ? -1 : (order.get(b) ?? Number.MAX_SAFE_INTEGER));
  found.sort((a, b) => place(a.blockId) - place(b.blockId) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const last = Math.max(1, Math.ceil(found.length / TRIAGE_PAGE_SIZE));
  const shown = Math.min(q.page, last);
  const ids = found.slice((shown - 1) * TRIAGE_PAGE_SIZE, shown * TRIAGE_PAGE_SIZE).map((r) => r.id);
  const rows = await withAnswers(db, c.id, ids);
  const replies = ids.length ? await db.select({ parentId: cc.parentId, n: count() }).from(cc).where(and(inArray(cc.parentId, ids), eq(cc.state, 'published'))).groupBy(cc.parentId) : [];
  const repliesOf = new Map(replies.map((r) => [r.parentId!, r.n]));
  const byId = new Map(rows.map((r) => [r.comment.id, r]));
  const out = ids.map((id) => {
    const r = byId.get(id)!;
    return { ...rowOf(r, section, languages, c.originalLocale), replies: repliesOf.get(id) ?? 0 };
  });
  const colleagues = respondsToAll ? await colleaguesWithLanguages(db, c.groupId) : [];
  return {
    rows: out,
    total: found.length,
    page: shown,
    left: await outstanding(db, c.id),
    languages,
    colleagues,
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    respondsToAll,
    frozen: c.concludedAt !== null,
    next: (await nextVersionOf(db, page))?.number ?? null,
  };
}

/** A comment to answer as triage and the answer form show it (its count of replies is the caller's). */
function rowOf(
  { comment: r, disposition, assignee }: { comment: typeof cc.$inferSelect; disposition: Disposition | null; assignee: string | null },
  section: Map<string, string>,
  languages: Locale[],
  fallback: Locale,
): TriageRow {
  const lang: Locale = isLocale(r.locale) ? r.locale : fallback;
  const named = r.display === 'name';
  return {
    id: r.id,
    blockId: r.blockId,
    sectionId: r.blockId ? (section.get(r.blockId) ?? null) : null,
    questionId: r.questionId,
    quote: r.quote?.exact ?? null,
    body: r.body,
    locale: lang,
    createdAt: r.createdAt,
    source: r.source,
    author: { name: named ? r.authorName : null, organization: named ? r.organization : '', stakeholderGroup: r.stakeholderGroup, country: r.country, onBehalf: r.onBehalf },
    replies: 0,
    response: r.responseId && disposition ? { id: r.responseId, disposition } : null,
    assignedTo: r.assignedTo ? { id: r.assignedTo, name: assignee ?? '' } : null,
    readable: languages.includes(lang),
  };
}

async function colleaguesWithLanguages(db: Executor, groupId: string): Promise<Colleague[]> {
  const people = await colleaguesOf(db, groupId);
  const said = people.length ? await db.select().from(consultationReaderLanguages).where(inArray(consultationReaderLanguages.userId, people.map((p) => p.userId))) : [];
  const of = new Map(said.map((r) => [r.userId, asLocales(r.locales)]));
  return people.map((p) => ({ ...p, languages: of.get(p.userId) ?? [] }));
}

// ——— Handing comments to a colleague ———

const commentIds = z.preprocess(asList, z.array(z.uuid({ message: 'consultations.responses.errors.noComments' })).min(1, { message: 'consultations.responses.errors.noComments' }).max(500));

export const assignBody = z.object({ comments: commentIds, to: z.union([z.literal(''), z.uuid()], { message: 'form.errors.choose' }) });

/** Hands comments to a colleague of the group (or takes them back, with `to` empty), who is told by e-mail. Audited. */
export async function assignComments(db: Db, actor: MaybeActor, page: ConsultationPage, input: z.output<typeof assignBody>, ctx: { baseUrl: string }): Promise<'done' | 'colleague' | 'frozen'> {
  const c = page.consultation;
  authorize(consultationPolicy.respond(actor, c), 'consultations.respond');
  const to = input.to || null;
  if (to && !(await colleaguesOf(db, c.groupId)).some((p) => p.userId === to)) return 'colleague';
  return db.transaction(async (tx) => {
    const [held] = await forUpdate(tx.select({ concludedAt: consultations.concludedAt }).from(consultations).where(eq(consultations.id, c.id)).$dynamic(), 'consultation');
    if (held?.concludedAt) return 'frozen' as const;
    const changed = await tx
      .update(cc)
      .set({ assignedTo: to })
      .where(and(toAnswer(c.id), inArray(cc.id, input.comments)))
      .returning({ id: cc.id });
    await recordAudit(tx, actor, { action: 'consultations.comment.assign', targetType: 'consultation', targetId: c.slug, after: { to, comments: changed.map((r) => r.id) } });
    if (to && to !== actor!.id && changed.length) {
      const [colleague] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, to));
      const locale: Locale = colleague?.locale && isLocale(colleague.locale) ? colleague.locale : c.originalLocale;
      if (colleague) {
        const link = `${ctx.baseUrl}/${locale}/consultations/${c.slug}/triage?status=mine`;
        await queueMail(tx, { to: colleague.email, locale, template: handedOverMail, data: { name: colleague.name, from: actor!.name, n: changed.length, report: page.version.title, link } });
      }
    }
    return 'done' as const;
  });
}

// ——— Answers ———

export const responseBody = z.object({
  comments: commentIds,
  disposition: field.choice(DISPOSITIONS),
  response: field.optionalText({ max: 6000 }),
  /** Paragraphs of the next version that changed because of these comments (checkboxes). */
  changed: z.preprocess(asList, z.array(z.string().max(40)).max(500)),
});
export type ResponseInput = z.output<typeof responseBody>;

export interface ResponseView {
  id: string;
  disposition: Disposition;
  response: I18nText;
  originalLocale: Locale;
  changedVersionId: string | null;
  changedBlocks: string[];
  updatedAt: Date;
}

/** The next version's text, whose paragraphs an answer can name as changed: the report's newest version when it is newer than the consulted one. */
export interface NextVersion {
  id: string;
  number: number;
  stage: string;
  blocks: IdentifiedBlock[];
}

export interface ResponseForm {
  response: ResponseView | null;
  /** The comments it answers (or is about to). */
  comments: TriageRow[];
  next: NextVersion | null;
  /** How many of these comments' words stand in each paragraph of the next version (found again as on the next-version page). */
  wordsIn: Map<string, number>;
  frozen: boolean;
}

/** Where each comment's words stand in the next version: its passage found again, else the paragraph it was on while it is still there. */
function wordsIn(comments: TriageRow[], next: NextVersion | null): Map<string, number> {
  const at = new Map<string, number>();
  if (!next) return at;
  for (const x of comments) {
    if (!x.blockId) continue;
    const found = x.quote ? anchorQuote({ blockId: x.blockId, exact: x.quote, prefix: '', suffix: '' }, next.blocks) : null;
    const blockId = found && found.status !== 'orphan' ? found.blockId : next.blocks.some((b) => b.id === x.blockId) ? x.blockId : null;
    if (blockId) at.set(blockId, (at.get(blockId) ?? 0) + 1);
  }
  return at;
}

async function nextVersionOf(db: Executor, page: ConsultationPage): Promise<NextVersion | null> {
  const v = await newestVersion(db, page.report.id);
  return v && v.number > page.version.number ? { id: v.id, number: v.number, stage: v.stage, blocks: v.blocks } : null;
}

const asResponse = (r: typeof consultationResponses.$inferSelect): ResponseView => ({
  id: r.id,
  disposition: r.disposition,
  response: r.response,
  originalLocale: isLocale(r.originalLocale) ? r.originalLocale : 'en',
  changedVersionId: r.changedVersionId,
  changedBlocks: r.changedBlocks,
  updatedAt: r.updatedAt,
});

/**
 * The form that answers comments: an answer already given (with every comment it answers), or a
 * new answer to the comments chosen. Null when the answer or a comment is not one of this
 * consultation's comments to answer.
 */
export async function responseForm(db: Executor, actor: MaybeActor, page: ConsultationPage, responseId: string | null, chosen: string[], locale: Locale): Promise<ResponseForm | null> {
  const c = page.consultation;
  authorize(consultationPolicy.triage(actor, c), 'consultations.triage');
  let response: ResponseView | null = null;
  let ids = chosen;
  if (responseId) {
    const [row] = await db.select().from(consultationResponses).where(and(eq(consultationResponses.id, responseId), eq(consultationResponses.consultationId, c.id)));
    if (!row) return null;
    response = asResponse(row);
    const answered = await db.select({ id: cc.id }).from(cc).where(eq(cc.responseId, row.id));
    ids = [...new Set([...answered.map((r) => r.id), ...chosen])];
  }
  if (!ids.length || ids.length > 500) return null;
  const all = await commentsByIds(db, actor, page, ids, locale);
  if (all.length !== ids.length) return null;
  authorize(consultationPolicy.respond(actor, c) || consultationPolicy.respondAssigned(actor, all.map((x) => ({ assignedTo: x.assignedTo?.id ?? null }))), 'consultations.respond');
  const next = await nextVersionOf(db, page);
  return { response, comments: all, next, wordsIn: wordsIn(all, next), frozen: c.concludedAt !== null };
}

/** Comments to answer by id, as triage shows them, in the report's order. */
async function commentsByIds(db: Executor, actor: MaybeActor, page: ConsultationPage, ids: string[], locale: Locale): Promise<TriageRow[]> {
  if (ids.some((id) => !z.uuid().safeParse(id).success)) return [];
  const rows = await withAnswers(db, page.consultation.id, ids);
  const { order, section } = placesOf(page);
  const languages = await readerLanguages(db, actor, locale);
  const place = (b: string | null) => (b === null ? -1 : (order.get(b) ?? Number.MAX_SAFE_INTEGER));
  return rows.map((r) => rowOf(r, section, languages, page.consultation.originalLocale)).sort((a, b) => place(a.blockId) - place(b.blockId) || a.createdAt.getTime() - b.createdAt.getTime());
}

/** Comments to answer of the consultation, by id, with their answer's disposition and the name of whoever they are handed to. */
async function withAnswers(db: Executor, consultationId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ comment: cc, disposition: consultationResponses.disposition, assignee: users.name })
    .from(cc)
    .leftJoin(consultationResponses, eq(consultationResponses.id, cc.responseId))
    .leftJoin(users, eq(users.id, cc.assignedTo))
    .where(and(toAnswer(consultationId), inArray(cc.id, ids)));
}

export type SaveResponseResult = { ok: true; id: string } | { ok: false; field: string; message: string };

/**
 * Gives one answer to the comments listed (a new answer, or `responseId`'s, which then answers
 * exactly these comments: one left out goes back to the unanswered). A comment answered elsewhere
 * before moves to this answer; an answer left with no comment is removed. The response is written
 * in the page's language (its other languages kept). Refused once the final version is published.
 * Audited with the answer before and after.
 */
export async function saveResponse(db: Db, actor: MaybeActor, page: ConsultationPage, responseId: string | null, input: ResponseInput, locale: Locale): Promise<SaveResponseResult> {
  const c = page.consultation;
  authorize(consultationPolicy.triage(actor, c), 'consultations.triage');
  return db.transaction(async (tx) => {
    const [held] = await forUpdate(tx.select({ concludedAt: consultations.concludedAt }).from(consultations).where(eq(consultations.id, c.id)).$dynamic(), 'consultation');
    if (held?.concludedAt) return { ok: false, field: 'disposition', message: 'consultations.responses.errors.frozen' } as const;
    const chosen = await tx.select({ id: cc.id, assignedTo: cc.assignedTo, responseId: cc.responseId }).from(cc).where(and(toAnswer(c.id), inArray(cc.id, input.comments)));
    if (chosen.length !== new Set(input.comments).size) return { ok: false, field: 'comments', message: 'consultations.responses.errors.gone' } as const;
    const [existing] = responseId ? await tx.select().from(consultationResponses).where(and(eq(consultationResponses.id, responseId), eq(consultationResponses.consultationId, c.id))) : [];
    if (responseId && !existing) return { ok: false, field: 'comments', message: 'consultations.responses.errors.gone' } as const;
    const before = existing ? await tx.select({ id: cc.id, assignedTo: cc.assignedTo }).from(cc).where(eq(cc.responseId, existing.id)) : [];
    // A colleague answers only what was handed to them: the comments chosen, and those the answer had.
    authorize(consultationPolicy.respond(actor, c) || consultationPolicy.respondAssigned(actor, [...chosen, ...before]), 'consultations.respond');
    const next = await nextVersionOf(tx, page);
    const changed = [...new Set(input.changed)];
    if (changed.length && (!next || changed.some((id) => !next.blocks.some((b) => b.id === id)))) return { ok: false, field: 'changed', message: 'consultations.responses.errors.changed' } as const;
    const values = {
      disposition: input.disposition,
      response: withText(existing?.response ?? {}, locale, input.response),
      originalLocale: existing?.originalLocale ?? locale,
      changedVersionId: changed.length ? next!.id : null,
      changedBlocks: changed,
      updatedAt: sql`now()`,
      updatedBy: actor!.id,
    };
    const [row] = existing
      ? await tx.update(consultationResponses).set(values).where(eq(consultationResponses.id, existing.id)).returning({ id: consultationResponses.id })
      : await tx.insert(consultationResponses).values({ consultationId: c.id, ...values }).returning({ id: consultationResponses.id });
    const id = row!.id;
    await tx.update(cc).set({ responseId: id }).where(inArray(cc.id, input.comments));
    if (existing) await tx.update(cc).set({ responseId: null }).where(and(eq(cc.responseId, id), notInArray(cc.id, input.comments)));
    // Answers whose comments all moved here answer nothing now.
    const emptied = [...new Set(chosen.map((x) => x.responseId).filter((r): r is string => !!r && r !== id))];
    if (emptied.length) {
      const gone = await tx
        .delete(consultationResponses)
        .where(and(inArray(consultationResponses.id, emptied), sql`not exists (select 1 from ${cc} where ${cc.responseId} = ${consultationResponses.id})`))
        .returning({ id: consultationResponses.id });
      for (const g of gone) await recordAudit(tx, actor, { action: 'consultations.response.merge', targetType: 'consultation-response', targetId: g.id, after: { into: id } });
    }
    await recordAudit(tx, actor, {
      action: existing ? 'consultations.response.revise' : 'consultations.response.give',
      targetType: 'consultation-response',
      targetId: id,
      before: existing ? { disposition: existing.disposition, response: existing.response, changed: existing.changedBlocks, comments: before.map((b) => b.id) } : undefined,
      after: { disposition: input.disposition, response: values.response, changed, comments: input.comments },
    });
    return { ok: true, id } as const;
  });
}

// ——— The final version ———

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Why a consultation keeps its report from being final, as the refusal says it (a key of the
 * catalogs and its values), or null when nothing does: it must be closed (at its closing
 * millisecond, as for commenting), every comment answered and none waiting for a moderator.
 */
export function whyNotFinal(c: { closesAt: Date }, left: Outstanding, now: Date): { key: string; values: Record<string, string | number> } | null {
  if (now < c.closesAt) return { key: 'consultations.responses.refused.open', values: { closes: utc(c.closesAt) } };
  if (left.unanswered || left.waiting) return { key: 'consultations.responses.refused.unanswered', values: { n: left.unanswered, waiting: left.waiting } };
  return null;
}

/**
 * A report's final version is being published: each consultation on the report that has not
 * concluded yet must be closed, with every comment answered and none waiting for a moderator —
 * else the publishing is refused, saying what is left. Then it concludes: its answers are frozen
 * and its comment-and-response report is public.
 */
export async function concludeOnFinal(tx: Executor, e: Events['workinggroups.reportPublished']): Promise<void> {
  if (e.stage !== 'final') return;
  const held = await forUpdate(tx.select({ id: consultations.id, closesAt: consultations.closesAt }).from(consultations).where(and(eq(consultations.reportId, e.reportId), isNull(consultations.concludedAt))).$dynamic(), 'consultation');
  const now = new Date();
  for (const c of held) {
    const refused = whyNotFinal(c, await outstanding(tx, c.id), now);
    if (refused) throw new Refusal(refused.key, refused.values);
  }
  if (!held.length) return;
  await tx.update(consultations).set({ concludedAt: sql`now()`, finalVersionId: e.versionId }).where(inArray(consultations.id, held.map((c) => c.id)));
  // Everyone who commented is told what became of their comments, once this commits.
  for (const c of held) await enqueueJob(tx, OUTCOME_MAIL_JOB, { consultationId: c.id }, { uniqueKey: `${OUTCOME_MAIL_JOB}:${c.id}` });
}

/** What is left to do on each consultation of a report still to conclude (for the report's editor). */
export async function leftOnReport(db: Executor, reportId: string): Promise<{ slug: string; closesAt: Date; left: Outstanding }[]> {
  const rows = await db.select({ id: consultations.id, slug: consultations.slug, closesAt: consultations.closesAt }).from(consultations).where(and(eq(consultations.reportId, reportId), isNull(consultations.concludedAt))).orderBy(asc(consultations.closesAt));
  const out = [];
  for (const r of rows) out.push({ slug: r.slug, closesAt: r.closesAt, left: await outstanding(db, r.id) });
  return out;
}

// ——— The demo seed ———

/**
 * An answer to comments named by their words, for the demo seed (no actor, no audit): the changed
 * paragraphs named by how they start in the report's next version.
 */
export async function addAnswer(db: Executor, page: ConsultationPage, a: { comments: string[]; disposition: Disposition; response: I18nText; changed?: string[] }): Promise<void> {
  const c = page.consultation;
  const next = await nextVersionOf(db, page);
  const changed = (a.changed ?? []).map((start) => {
    const block = next?.blocks.find((b) => b.text.startsWith(start));
    if (!block) throw new Error(`No paragraph of the next version starts with “${start}”`);
    return block.id;
  });
  const chosen = await db.select({ id: cc.id }).from(cc).where(and(toAnswer(c.id), inArray(cc.body, a.comments)));
  if (chosen.length !== a.comments.length) throw new Error(`Not every comment to answer was found: ${a.comments.join(' | ')}`);
  const [row] = await db
    .insert(consultationResponses)
    .values({ consultationId: c.id, disposition: a.disposition, response: a.response, originalLocale: 'en', changedVersionId: changed.length ? next!.id : null, changedBlocks: changed })
    .returning({ id: consultationResponses.id });
  await db.update(cc).set({ responseId: row!.id }).where(inArray(cc.id, chosen.map((x) => x.id)));
}

/** Concludes a consultation for the demo seed as publishing the final version does (the report's newest version), on the day given, without e-mails. */
export async function addConclusion(db: Executor, page: ConsultationPage, at: Date): Promise<void> {
  const final = await newestVersion(db, page.report.id);
  await db.update(consultations).set({ concludedAt: at, finalVersionId: final!.id }).where(eq(consultations.id, page.consultation.id));
}
