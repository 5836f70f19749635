/**
 * The authors' and reviewers' side of publications: what their pages show (each loader checks who
 * asks: an anonymous visitor is sent to sign in, anyone but the author or the assigned reviewer
 * gets nothing, a 404), and the two verbs that wrap the service's own in one transaction — a
 * submission that a double click cannot make twice, and a revision saved and sent at once.
 *
 * Only functions here (no schema built at load): service.ts re-exports this file, and this file
 * calls the service's verbs when it runs.
 */
import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { forUpdate } from '../../db/locks.js';
import { authorize, ForbiddenError, platformPolicy, type MaybeActor } from '../../platform/policy.js';
import { isRepeat, onceOnly } from './editing.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { publicationPolicy } from './policy.js';
import { publications, type Audience, type Author, type MetaBlock } from './schema.js';
import { actionsFor, type Action, type AssignmentState, type Recommendation, type State } from './workflow.js';
import {
  assignmentFor,
  assignmentsOfReviewer,
  callBySlug,
  followItem,
  historyOf,
  itemKey,
  itemsOf,
  metaFor,
  openCalls,
  reviewsForAuthor,
  saveWorkingCopy,
  submitBrief,
  takeStep,
  type CallView,
  type ItemView,
  type SubmissionInput,
  type SubmitResult,
} from './service.js';

/** The describing texts to show someone, in their language when written in it, with the language they are in. */
export interface ShownMeta {
  block: MetaBlock;
  lang: Locale;
}

/** A verb of the service run inside a transaction already open: its own transaction becomes a savepoint of it. */
const within = (tx: Executor) => tx as unknown as Db;

/** Pages of a signed-in person's own (their submissions, their reviews): an anonymous visitor is sent to sign in. */
const signedIn = (actor: MaybeActor, action: string) => authorize(platformPolicy.manageAccount(actor), action);

// ——— Calls for briefs ———————————————————————————————————————————————————————————————————

export interface CallsPage {
  calls: (CallView & { open: boolean })[];
  /** When the page changes by the clock alone: the next call to open or to close. */
  changesAt: Date | null;
}

/** The calls open now and those still to open, by deadline. */
export async function callsForBriefs(db: Executor, now = new Date()): Promise<CallsPage> {
  const calls = (await openCalls(db, now)).map((c) => ({ ...c, open: c.opensAt <= now && now < c.closesAt }));
  const times = calls.map((c) => (c.opensAt > now ? c.opensAt : c.closesAt)).sort((a, b) => a.getTime() - b.getTime());
  return { calls, changesAt: times[0] ?? null };
}

/**
 * The call a submission form is for: null when there is no such call (a 404). The form is for
 * signed-in people (anyone else is sent to sign in); `open` says whether it takes submissions now.
 */
export async function submissionCall(db: Executor, actor: MaybeActor, slug: string, now = new Date()): Promise<{ call: CallView; open: boolean; closed: boolean } | null> {
  const call = /^[a-z0-9-]{1,80}$/.test(slug) ? await callBySlug(db, slug) : null;
  if (!call) return null;
  signedIn(actor, 'publications.submit');
  return { call, open: publicationPolicy.submit(actor, call, now), closed: now >= call.closesAt };
}

export type SubmitOnceResult = SubmitResult | { ok: false; repeat: true };

/**
 * submitBrief, once per form: the form's one-time key is claimed in the same transaction, so a
 * double click or a resent form makes one item, and the repeat is told so.
 */
export async function submitToCall(db: Db, actor: MaybeActor, call: CallView, input: SubmissionInput & { pdf?: { key: string; bytes: number } }, ctx: { baseUrl: string; onceKey: unknown; now?: Date }): Promise<SubmitOnceResult> {
  authorize(publicationPolicy.submit(actor, call, ctx.now ?? new Date()), 'publications.submit');
  // Refused before the key is claimed: the form comes back with a new key, and the one sent stays unused.
  if (!input.body?.trim() && !input.pdf) return { ok: false, field: 'body', message: 'publications.errors.bodyOrPdf' };
  const r = await onceOnly(db, ctx.onceKey, (d) => submitBrief(d, actor, call, input, { baseUrl: ctx.baseUrl, now: ctx.now }));
  return isRepeat(r) ? { ok: false, repeat: true } : r;
}

// ——— The author's submissions ——————————————————————————————————————————————————————————

export interface MySubmission {
  key: string;
  number: string;
  state: State;
  meta: ShownMeta;
  createdAt: Date;
}

/** The signed-in person's own submissions, newest first, each titled in their language when it is written in it. */
export async function mySubmissions(db: Executor, actor: MaybeActor, locale: Locale): Promise<MySubmission[]> {
  signedIn(actor, 'publications.mine');
  const items = await itemsOf(db, actor);
  return items.map((i) => ({ key: itemKey(i.number), number: i.number, state: i.state, meta: metaFor(i.meta, locale, i.locale), createdAt: i.createdAt }));
}

export interface SubmissionPage {
  item: Pick<ItemView, 'id' | 'number' | 'state' | 'locale' | 'body' | 'audiences' | 'countries' | 'sdgTargets' | 'createdAt' | 'round'> & { key: string; authors: Author[]; hasPdf: boolean; pdfBytes: number | null };
  meta: ShownMeta;
  /** The texts in the item's own language: what the revision form starts from. */
  own: MetaBlock;
  /** The workflow's log, oldest first: date, step and its note (no names). */
  history: { action: string; toState: State; note: string; at: Date }[];
  /** The reviewers' comments meant for the author, by round, without names. */
  reviews: { round: number; toAuthor: string }[];
  /** The author's steps open now (withdraw, revise). */
  steps: Action[];
  /** The editors' note with their request for revision, while one is open. */
  revisionNote: string | null;
}

/** An identifier as it may appear in an address (CI2024-03, ci2024-03-fr); anything else is not looked up. */
const isItemKey = (key: string) => /^[a-z0-9][a-z0-9-]{0,59}$/i.test(key);

/** The item behind /mine/:key when it is this person's own submission; null for anyone else, and for no such item (a 404). */
async function ownItem(db: Executor, actor: MaybeActor, key: string): Promise<ItemView | null> {
  signedIn(actor, 'publications.follow');
  const item = isItemKey(key) ? await followItem(db, actor, key) : null;
  return item && publicationPolicy.actAsAuthor(actor, item) ? item : null;
}

/** One's own submission as its page shows it; null for anyone but its author (a 404, like an item that does not exist). */
export async function submissionPage(db: Executor, actor: MaybeActor, key: string, locale: Locale): Promise<SubmissionPage | null> {
  const item = await ownItem(db, actor, key);
  if (!item) return null;
  const [history, reviews] = await Promise.all([historyOf(db, actor, item), reviewsForAuthor(db, actor, item)]);
  const lastRequest = item.state === 'revision_requested' ? history.filter((e) => e.action === 'request-revision').at(-1) : undefined;
  return {
    item: {
      id: item.id,
      key: itemKey(item.number),
      number: item.number,
      state: item.state,
      locale: item.locale,
      body: item.body,
      audiences: item.audiences,
      countries: item.countries,
      sdgTargets: item.sdgTargets,
      createdAt: item.createdAt,
      round: item.round,
      authors: item.authors,
      hasPdf: !!item.pdfKey,
      pdfBytes: item.pdfBytes,
    },
    meta: metaFor(item.meta, locale, item.locale),
    own: metaFor(item.meta, item.locale, item.locale).block,
    history: history.map((e) => ({ action: e.action, toState: e.toState, note: e.note, at: e.at })),
    reviews: reviews.filter((r) => r.toAuthor.trim()),
    steps: actionsFor('author', item.state),
    revisionNote: lastRequest?.note ?? null,
  };
}

/** The stored PDF of one's own submission: its file key, or null (a 404). */
export async function submissionPdf(db: Executor, actor: MaybeActor, key: string): Promise<{ pdfKey: string; number: string } | null> {
  const item = await ownItem(db, actor, key);
  return item?.pdfKey ? { pdfKey: item.pdfKey, number: item.number } : null;
}

export interface RevisionInput {
  title: string;
  abstract: string;
  summary?: string;
  keywords?: string;
  recommendations?: string;
  authors: string;
  body?: string;
  audiences: Audience[];
  /** Countries and SDG 4 targets (absent: left as they are). */
  countries?: string[];
  sdgTargets?: string[];
  /** To the editors, with the revision: what changed (kept in the item's history). */
  note?: string;
}

export type ReviseResult = { ok: true; sent: boolean; replacedPdf: string | null } | { ok: false; field: string; message: string } | { ok: false; reason: 'not-revisable' };

/**
 * The author's revision, while the editors ask for one: the working copy in the item's own language
 * (saveWorkingCopy), a new PDF if one is given, and — with `send` — the step that sends it back to
 * the editors (takeStep 'revise'), all in one transaction under the item's row lock: a double click
 * sends one revision, and the second is told the revision is already sent.
 */
export async function reviseSubmission(db: Db, actor: MaybeActor, itemId: string, input: RevisionInput, opts: { send: boolean; pdf?: { key: string; bytes: number }; baseUrl: string }): Promise<ReviseResult> {
  return db.transaction(async (tx) => {
    const [item] = (await forUpdate(tx.select({ id: publications.id, number: publications.number, state: publications.state, locale: publications.locale, seriesId: publications.seriesId, submittedBy: publications.submittedBy, pdfKey: publications.pdfKey }).from(publications).where(eq(publications.id, itemId)).$dynamic(), 'publication'));
    if (!item) throw new ForbiddenError('publications.revise');
    authorize(publicationPolicy.actAsAuthor(actor, item), 'publications.revise');
    if (item.state !== 'revision_requested') return { ok: false, reason: 'not-revisable' } as const;
    if (!input.body?.trim() && !opts.pdf && !item.pdfKey) return { ok: false, field: 'body', message: 'publications.errors.bodyOrPdf' } as const;
    await saveWorkingCopy(within(tx), actor, item.id, item.locale, input);
    if (opts.pdf) {
      await tx.update(publications).set({ pdfKey: opts.pdf.key, pdfBytes: opts.pdf.bytes }).where(eq(publications.id, item.id));
      await recordAudit(tx, actor, { action: 'publications.pdf', targetType: 'publication', targetId: item.number, before: { pdf: item.pdfKey }, after: { pdf: opts.pdf.key, bytes: opts.pdf.bytes } });
    }
    if (opts.send) {
      const step = await takeStep(within(tx), actor, item.id, 'revise', input.note ?? '', { baseUrl: opts.baseUrl });
      if (!step.ok) throw new Error(`The revision of ${item.number} was refused under its lock: ${step.reason}`);
    }
    // The PDF replaced was never published (an item asked to revise has no version yet): nothing else names it.
    return { ok: true, sent: opts.send, replacedPdf: opts.pdf ? item.pdfKey : null } as const;
  });
}

/** The author withdraws their submission, with an optional word to the editors; refused once it has left the open states. */
export async function withdrawSubmission(db: Db, actor: MaybeActor, itemId: string, note: string, ctx: { baseUrl: string }) {
  return takeStep(db, actor, itemId, 'withdraw', note, ctx);
}

// ——— The reviewer's assignments ————————————————————————————————————————————————————————

export interface MyReview {
  id: string;
  number: string;
  meta: ShownMeta;
  round: number;
  state: AssignmentState;
  dueAt: Date;
}

/** The signed-in person's review assignments, newest first. */
export async function myReviews(db: Executor, actor: MaybeActor, locale: Locale): Promise<MyReview[]> {
  signedIn(actor, 'publications.reviews');
  const rows = await assignmentsOfReviewer(db, actor);
  return rows.map((r) => ({ id: r.id, number: r.number, meta: metaFor(r.meta, locale, r.locale), round: r.round, state: r.state, dueAt: r.dueAt }));
}

export interface ReviewPage {
  assignment: { id: string; round: number; state: AssignmentState; dueAt: Date; conflict: string; recommendation: Recommendation | null; toAuthor: string; toEditor: string; completedAt: Date | null };
  item: { number: string; locale: Locale; state: State; body: string; hasPdf: boolean; pdfBytes: number | null };
  meta: ShownMeta;
  /** The round this assignment belongs to is still going (the item in review, in that round). */
  roundOpen: boolean;
  /** The text may be read: while invited, accepted or done (not after declining, a conflict, or a round closed without them). */
  mayRead: boolean;
}

const READS: readonly AssignmentState[] = ['invited', 'accepted', 'completed'];

/** One assignment as its reviewer sees it (no author names); null for anyone else and for an id that is not one (a 404). */
export async function reviewPage(db: Executor, actor: MaybeActor, assignmentId: string, locale: Locale): Promise<ReviewPage | null> {
  signedIn(actor, 'publications.review');
  const found = await assignmentFor(db, actor, assignmentId);
  if (!found) return null;
  const { assignment: a, item } = found;
  return {
    assignment: { id: a.id, round: a.round, state: a.state, dueAt: a.dueAt, conflict: a.conflict, recommendation: a.recommendation, toAuthor: a.toAuthor, toEditor: a.toEditor, completedAt: a.completedAt },
    item: { number: item.number, locale: item.locale, state: item.state, body: item.body, hasPdf: !!item.pdfKey, pdfBytes: item.pdfBytes },
    meta: metaFor(item.meta, locale, item.locale),
    roundOpen: item.round === a.round && item.state === 'in_review',
    mayRead: READS.includes(a.state),
  };
}

/** The PDF of the item an assignment is for, while its reviewer may read it; null otherwise (a 404). */
export async function reviewPdf(db: Executor, actor: MaybeActor, assignmentId: string): Promise<{ pdfKey: string; number: string } | null> {
  signedIn(actor, 'publications.review');
  const found = await assignmentFor(db, actor, assignmentId);
  return found && READS.includes(found.assignment.state) && found.item.pdfKey ? { pdfKey: found.item.pdfKey, number: found.item.number } : null;
}
