/**
 * Setting next year's priority themes: an open call in which members propose themes, the
 * Secretariat merging duplicates (or setting a proposal aside, with a reason), a vote of members by
 * the method chosen for the cycle — approval of up to k themes, a ranking (Borda), or comparisons
 * of two themes at a time (Bradley–Terry) — and the Steering Committee's decision, theme by theme,
 * with its reasons and where the work goes (a working group, consultations).
 *
 * A ballot names no voter and has a day, not an instant (schema.ts); who has voted is kept apart.
 * Nobody sees a running total: the tally is read only once the vote has closed (policy).
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { claimSubmission } from '../../platform/forms/once.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import type { I18nText } from '../../platform/i18n/content.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { incomeGroupOf, isCountryCode, regionOf } from '../../platform/geo/countries.js';
import { priorityBallots, priorityComparisons, priorityCycles, priorityThemes, priorityVoters, type Weighting } from './schema.js';
import { priorityPolicy } from './policy.js';
import { approvalTally, bordaTally, bradleyTerry, groupWeights, type PairwiseStanding, type Standing, type ApprovalStanding } from './voting.js';
import { dayOf, isStakeholder } from './respond.js';

export type CycleRow = typeof priorityCycles.$inferSelect;
export type ThemeRow = typeof priorityThemes.$inferSelect;

/** Where a cycle stands at `now`. */
export type CycleStage = 'upcoming' | 'proposals' | 'curating' | 'voting' | 'counting' | 'decided';
export function cycleStage(c: Pick<CycleRow, 'proposalsOpenAt' | 'proposalsCloseAt' | 'votingOpensAt' | 'votingClosesAt' | 'decidedAt'>, now: Date): CycleStage {
  if (c.decidedAt) return 'decided';
  if (now < c.proposalsOpenAt) return 'upcoming';
  if (now < c.proposalsCloseAt) return 'proposals';
  if (now < c.votingOpensAt) return 'curating';
  if (now < c.votingClosesAt) return 'voting';
  return 'counting';
}

export async function cycleBySlug(db: Executor, slug: string): Promise<CycleRow | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const [c] = await db.select().from(priorityCycles).where(eq(priorityCycles.slug, slug));
  return c ?? null;
}

/** The themes on the ballot: proposed, neither merged into another nor set aside, in the order they came. */
export async function candidatesOf(db: Executor, cycleId: string): Promise<ThemeRow[]> {
  return db
    .select()
    .from(priorityThemes)
    .where(and(eq(priorityThemes.cycleId, cycleId), eq(priorityThemes.state, 'proposed')))
    .orderBy(asc(priorityThemes.createdAt), asc(priorityThemes.id));
}

export async function themesOf(db: Executor, cycleId: string): Promise<ThemeRow[]> {
  return db.select().from(priorityThemes).where(eq(priorityThemes.cycleId, cycleId)).orderBy(asc(priorityThemes.createdAt), asc(priorityThemes.id));
}

export type TallyResult =
  | { method: 'approval'; standings: ApprovalStanding[]; counted: number; invalid: number }
  | { method: 'borda'; standings: Standing[]; counted: number; invalid: number }
  | { method: 'pairwise'; standings: PairwiseStanding[]; counted: number; invalid: number };

export interface CycleView {
  cycle: CycleRow;
  stage: CycleStage;
  candidates: ThemeRow[];
  /** Merged and set-aside proposals, shown with where they went (a call that hides them loses trust). */
  others: ThemeRow[];
  mayPropose: boolean;
  mayVote: boolean;
  voted: boolean;
  /** Pairwise: how many pairs this person has compared. */
  compared: number;
  /** Only once the vote has closed. */
  tally: TallyResult | null;
}

export async function cycleView(db: Executor, actor: MaybeActor, slug: string, now: Date): Promise<CycleView | null> {
  const cycle = await cycleBySlug(db, slug);
  if (!cycle) return null;
  const [themes, voter] = await Promise.all([
    themesOf(db, cycle.id),
    actor ? db.select().from(priorityVoters).where(and(eq(priorityVoters.cycleId, cycle.id), eq(priorityVoters.userId, actor.id))) : Promise.resolve([]),
  ]);
  const candidates = themes.filter((t) => t.state === 'proposed');
  const me = voter[0];
  const pairwiseDone = cycle.method === 'pairwise' && !!me && me.pairs.length >= pairsOf(candidates).length;
  return {
    cycle,
    stage: cycleStage(cycle, now),
    candidates,
    others: themes.filter((t) => t.state !== 'proposed'),
    mayPropose: priorityPolicy.propose(actor, cycle, now),
    mayVote: priorityPolicy.vote(actor, cycle, now) && !(cycle.method !== 'pairwise' && me) && !pairwiseDone,
    voted: !!me,
    compared: me?.pairs.length ?? 0,
    tally: priorityPolicy.seeTally(actor, cycle, now) ? await tallyOf(db, cycle, candidates) : null,
  };
}

/** The tally by the cycle's method and weighting: each stakeholder group counting the same when the cycle says so. */
async function tallyOf(db: Executor, cycle: CycleRow, candidates: ThemeRow[]): Promise<TallyResult> {
  const ids = candidates.map((c) => c.id);
  const weigh = <T extends { stakeholder: string | null }>(rows: T[], weighting: Weighting) => {
    const w = weighting === 'groups' ? groupWeights(rows.map((r) => ({ group: r.stakeholder }))) : rows.map(() => 1);
    return rows.map((r, i) => ({ ...r, weight: w[i]! }));
  };
  if (cycle.method === 'pairwise') {
    const rows = weigh(await db.select({ winner: priorityComparisons.winner, loser: priorityComparisons.loser, stakeholder: priorityComparisons.stakeholder }).from(priorityComparisons).where(eq(priorityComparisons.cycleId, cycle.id)), cycle.weighting);
    const t = bradleyTerry(rows, ids);
    return { method: 'pairwise', standings: t.standings, counted: t.counted, invalid: t.invalid };
  }
  const ballots = weigh(await db.select({ choices: priorityBallots.choices, stakeholder: priorityBallots.stakeholder }).from(priorityBallots).where(eq(priorityBallots.cycleId, cycle.id)), cycle.weighting);
  if (cycle.method === 'borda') {
    const t = bordaTally(ballots.map((b) => ({ ranking: b.choices, weight: b.weight })), ids);
    return { method: 'borda', standings: t.standings, counted: t.counted, invalid: t.invalid };
  }
  const t = approvalTally(ballots, ids, cycle.approvalLimit);
  return { method: 'approval', standings: t.standings, counted: t.counted, invalid: t.invalid };
}

/** Every unordered pair of candidates, as the sorted "a|b" key voters' rows keep. */
export function pairsOf(candidates: readonly Pick<ThemeRow, 'id'>[]): string[] {
  const ids = candidates.map((c) => c.id).sort();
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.push(`${ids[i]}|${ids[j]}`);
  return out;
}

/** The next pair this voter has not compared, picked at random so that no theme is always shown first. */
export function nextPair(candidates: readonly ThemeRow[], compared: readonly string[], random = Math.random): [ThemeRow, ThemeRow] | null {
  const done = new Set(compared);
  const left = pairsOf(candidates).filter((p) => !done.has(p));
  if (!left.length) return null;
  const [a, b] = left[Math.floor(random() * left.length)]!.split('|');
  const pair = [candidates.find((c) => c.id === a)!, candidates.find((c) => c.id === b)!] as [ThemeRow, ThemeRow];
  return random() < 0.5 ? pair : [pair[1], pair[0]];
}

/** Who the voter is, for the breakdowns and the weighting: their stakeholder group and country (not stored; only its region and income group). */
export interface VoterAbout {
  stakeholder: string | null;
  country: string | null;
}
const dims = (cycle: Pick<CycleRow, 'incomeYear'>, a: VoterAbout) => ({
  stakeholder: a.stakeholder && isStakeholder(a.stakeholder) ? a.stakeholder : null,
  region: a.country && isCountryCode(a.country) ? regionOf(a.country) : null,
  incomeGroup: a.country && isCountryCode(a.country) ? incomeGroupOf(a.country, cycle.incomeYear) : null,
});

export type VoteResult = { ok: true } | { ok: false; reason: 'repeat' | 'voted' | 'invalid' };

/**
 * One ballot per member: approved themes (at most the cycle's limit) or every candidate ranked. The
 * voter is marked as having voted in the same transaction, so a second ballot is refused by the
 * primary key, whatever the timing.
 */
export async function castBallot(db: Db, actor: MaybeActor, cycle: CycleRow, choices: string[], about: VoterAbout, locale: Locale, now: Date, onceKey: unknown): Promise<VoteResult> {
  authorize(priorityPolicy.vote(actor, cycle, now) && cycle.method !== 'pairwise', 'priorities.vote');
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, onceKey)) !== null) return { ok: false as const, reason: 'repeat' as const };
    const ids = new Set((await candidatesOf(tx, cycle.id)).map((c) => c.id));
    const unique = new Set(choices);
    const valid =
      unique.size === choices.length &&
      choices.every((c) => ids.has(c)) &&
      (cycle.method === 'approval' ? choices.length >= 1 && choices.length <= cycle.approvalLimit : choices.length === ids.size);
    if (!valid) return { ok: false as const, reason: 'invalid' as const };
    const [first] = await tx.insert(priorityVoters).values({ cycleId: cycle.id, userId: actor!.id, votedOn: dayOf(now), locale }).onConflictDoNothing().returning({ userId: priorityVoters.userId });
    if (!first) return { ok: false as const, reason: 'voted' as const };
    await tx.insert(priorityBallots).values({ cycleId: cycle.id, castOn: dayOf(now), choices, ...dims(cycle, about) });
    return { ok: true as const };
  });
}

/**
 * One comparison of a pair: which theme should come first. Each pair once per voter (the voter's row
 * keeps the pairs compared, not the choices); "I can't say" is recorded as compared, with no winner.
 */
export async function comparePair(db: Db, actor: MaybeActor, cycle: CycleRow, pair: [string, string], winner: string | null, about: VoterAbout, locale: Locale, now: Date): Promise<VoteResult> {
  authorize(priorityPolicy.vote(actor, cycle, now) && cycle.method === 'pairwise', 'priorities.vote');
  return db.transaction(async (tx) => {
    const ids = new Set((await candidatesOf(tx, cycle.id)).map((c) => c.id));
    const [a, b] = pair;
    if (a === b || !ids.has(a) || !ids.has(b) || (winner !== null && winner !== a && winner !== b)) return { ok: false as const, reason: 'invalid' as const };
    const key = [a, b].sort().join('|');
    await tx.insert(priorityVoters).values({ cycleId: cycle.id, userId: actor!.id, votedOn: dayOf(now), locale }).onConflictDoNothing();
    // Claims the pair for this voter atomically: a resent form (or a second tab) finds it taken.
    const claimed = await tx
      .update(priorityVoters)
      .set({ pairs: sql`array_append(${priorityVoters.pairs}, ${key})`, votedOn: dayOf(now) })
      .where(and(eq(priorityVoters.cycleId, cycle.id), eq(priorityVoters.userId, actor!.id), sql`not (${key} = any(${priorityVoters.pairs}))`))
      .returning({ userId: priorityVoters.userId });
    if (!claimed.length) return { ok: false as const, reason: 'voted' as const };
    if (winner) await tx.insert(priorityComparisons).values({ cycleId: cycle.id, castOn: dayOf(now), stakeholder: dims(cycle, about).stakeholder, winner, loser: winner === a ? b : a });
    return { ok: true as const };
  });
}

/** A member proposes a theme during the call (in their language; others may translate it later). */
export async function proposeTheme(db: Db, actor: MaybeActor, cycle: CycleRow, input: { title: string; description: string }, locale: Locale, now: Date, onceKey: unknown): Promise<{ ok: true } | { ok: false; reason: 'repeat' }> {
  authorize(priorityPolicy.propose(actor, cycle, now), 'priorities.propose');
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, onceKey)) !== null) return { ok: false as const, reason: 'repeat' as const };
    await tx.insert(priorityThemes).values({ cycleId: cycle.id, title: { [locale]: input.title }, description: { [locale]: input.description }, originalLocale: locale, proposedBy: actor!.id });
    return { ok: true as const };
  });
}

/**
 * The Secretariat merges a duplicate into another theme (its proposer's words stay, shown under the
 * theme it joined), sets one aside with a reason, or puts it back. Only before the vote opens: the
 * ballot must not change under the voters.
 */
export async function curateTheme(
  db: Db,
  actor: MaybeActor,
  cycle: CycleRow,
  themeId: string,
  change: { to: 'merged'; into: string } | { to: 'set-aside'; reason: I18nText } | { to: 'proposed' },
  now: Date,
): Promise<{ ok: true } | { ok: false; reason: 'voting' | 'unknown' }> {
  authorize(priorityPolicy.curate(actor), 'priorities.curate');
  if (now >= cycle.votingOpensAt) return { ok: false, reason: 'voting' };
  return db.transaction(async (tx) => {
    const themes = await tx.select().from(priorityThemes).where(and(eq(priorityThemes.cycleId, cycle.id), inArray(priorityThemes.id, [themeId, ...(change.to === 'merged' ? [change.into] : [])])));
    const theme = themes.find((t) => t.id === themeId);
    const into = change.to === 'merged' ? themes.find((t) => t.id === change.into && t.state === 'proposed') : undefined;
    if (!theme || (change.to === 'merged' && (!into || into.id === theme.id))) return { ok: false as const, reason: 'unknown' as const };
    await tx
      .update(priorityThemes)
      .set({ state: change.to, mergedInto: change.to === 'merged' ? change.into : null, reason: change.to === 'set-aside' ? change.reason : {} })
      .where(eq(priorityThemes.id, themeId));
    // Themes merged into this one follow it.
    if (change.to === 'merged') await tx.update(priorityThemes).set({ mergedInto: change.into }).where(and(eq(priorityThemes.cycleId, cycle.id), eq(priorityThemes.mergedInto, themeId)));
    await recordAudit(tx, actor, { action: `priorities.${change.to}`, targetType: 'priority-theme', targetId: themeId, before: { state: theme.state }, after: { state: change.to, into: change.to === 'merged' ? change.into : undefined } });
    return { ok: true as const };
  });
}

export const YOU_SAID_JOB = 'surveys.youSaidWeDid';

export interface Decision {
  decision: I18nText;
  nextSteps: I18nText;
  themes: { id: string; adopted: boolean; reason: I18nText; groupId: string | null; consultationIds: string[] }[];
}

/**
 * The Steering Committee's decision, published at once: each candidate adopted or not, with its
 * reasons and where the work goes. Recorded once (a second decision is refused); the "you said, we
 * did" message to everyone who voted or answered a survey of the cycle is queued in the same
 * transaction.
 */
export async function decideCycle(db: Db, actor: MaybeActor, cycle: CycleRow, d: Decision, now: Date): Promise<{ ok: true } | { ok: false; reason: 'decided' | 'themes' }> {
  authorize(priorityPolicy.decide(actor, cycle, now), 'priorities.decide');
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(priorityCycles).where(eq(priorityCycles.id, cycle.id)).for('update');
    if (!locked || locked.decidedAt) return { ok: false as const, reason: 'decided' as const };
    const candidates = await candidatesOf(tx, cycle.id);
    if (candidates.length !== d.themes.length || !candidates.every((c) => d.themes.some((t) => t.id === c.id))) return { ok: false as const, reason: 'themes' as const };
    for (const t of d.themes) {
      await tx.update(priorityThemes).set({ adopted: t.adopted, reason: t.reason, groupId: t.groupId, consultationIds: t.consultationIds }).where(eq(priorityThemes.id, t.id));
    }
    await tx.update(priorityCycles).set({ decision: d.decision, nextSteps: d.nextSteps, decidedAt: now, decidedBy: actor!.id }).where(eq(priorityCycles.id, cycle.id));
    await recordAudit(tx, actor, { action: 'priorities.decide', targetType: 'priority-cycle', targetId: cycle.slug, after: { adopted: d.themes.filter((t) => t.adopted).map((t) => t.id) } });
    await enqueueJob(tx, YOU_SAID_JOB, { cycleId: cycle.id });
    return { ok: true as const };
  });
}

/** Every cycle, the ones still under way first (newest first), then those decided (newest first). */
export async function listCycles(db: Executor): Promise<CycleRow[]> {
  return db
    .select()
    .from(priorityCycles)
    .orderBy(sql`${priorityCycles.decidedAt} is not null`, desc(priorityCycles.proposalsOpenAt), asc(priorityCycles.slug));
}

/** The pairs this person has compared in a pairwise vote (sorted "a|b" keys), for nextPair. */
export async function comparedPairs(db: Executor, actor: MaybeActor, cycleId: string): Promise<string[]> {
  if (!actor) return [];
  const [me] = await db.select({ pairs: priorityVoters.pairs }).from(priorityVoters).where(and(eq(priorityVoters.cycleId, cycleId), eq(priorityVoters.userId, actor.id)));
  return me?.pairs ?? [];
}

/**
 * For the forms of proposing and voting: false when the cycle is not at that stage (its page says
 * which stage it is at); at that stage, someone who may not take part is refused — a visitor is
 * then asked to sign in.
 */
export function takingPart(actor: MaybeActor, view: Pick<CycleView, 'cycle' | 'stage'>, action: 'propose' | 'vote', now: Date): boolean {
  if (view.stage !== (action === 'propose' ? 'proposals' : 'voting')) return false;
  authorize(priorityPolicy[action](actor, view.cycle, now), `priorities.${action}`);
  return true;
}
