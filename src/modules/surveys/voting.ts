import type { Weighting } from './schema.js';

/**
 * Counting a priority vote, as plain functions (no database): approval, Borda and pairwise
 * (Bradley–Terry). Each count returns the candidates in a common shape, best first, so one view
 * can show any of them; each adds what is particular to its method.
 *
 * Ballots are checked when they are cast, so a ballot that breaks the rules here (a theme that is
 * not a candidate, a theme twice, more approvals than allowed) is not expected. It is left out of
 * the count and counted in `invalid` rather than thrown, so one bad row cannot stop a result from
 * being read, and the number shown beside the result makes it visible. Weights and options come
 * from the code, not from voters: a bad one is a programming error and throws.
 */

/** One candidate in a result: its score under the method, and its rank (1 is first). */
export interface Standing {
  candidate: string;
  score: number;
  rank: number;
}

export interface Tally<S extends Standing> {
  /** Every candidate, best first; candidates with equal scores share a rank and keep the order they were given in. */
  standings: S[];
  /** Ballots (or comparisons) counted, and their total weight. */
  counted: number;
  weight: number;
  /** Ballots (or comparisons) left out because they break the rules of the vote. */
  invalid: number;
}

/**
 * Scores this close (relative) are equal. Weights of 1/3 or 1/10 summed in different orders give
 * totals that differ in the last bits; without this, two themes with the same support would be
 * ranked apart by rounding.
 */
const SAME = 1e-9;

/**
 * Standard competition ranking ("1, 2, 2, 4"): equal scores share the best rank of their block,
 * and within a block candidates keep the order of `candidates`, so the result never depends on
 * the order ballots were read in.
 */
function rankScores<E extends object>(candidates: readonly string[], scores: readonly number[], extra: (i: number) => E): (Standing & E)[] {
  const order = candidates.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const out: (Standing & E)[] = [];
  let block: number[] = [];
  const flush = () => {
    const rank = out.length + 1;
    for (const i of block.sort((a, b) => a - b)) out.push({ candidate: candidates[i], score: scores[i], rank, ...extra(i) });
    block = [];
  };
  for (const i of order) {
    const top = block.length ? scores[block[0]] : 0;
    if (block.length && top - scores[i] > SAME * Math.abs(top)) flush();
    block.push(i);
  }
  if (block.length) flush();
  return out;
}

function indexOf(candidates: readonly string[]): Map<string, number> {
  const index = new Map(candidates.map((c, i) => [c, i] as const));
  if (index.size !== candidates.length) throw new RangeError('A candidate is listed twice.');
  return index;
}

function weightOf(x: { weight?: number }): number {
  const w = x.weight ?? 1;
  if (!Number.isFinite(w) || w < 0) throw new RangeError(`A weight must be a finite number, zero or more (got ${w}).`);
  return w;
}

/** Positions in `candidates` of the ids, or null if one is unknown or repeated. */
function positions(ids: readonly string[], index: Map<string, number>): number[] | null {
  const seen = new Set<number>();
  for (const id of ids) {
    const i = index.get(id);
    if (i === undefined || seen.has(i)) return null;
    seen.add(i);
  }
  return [...seen];
}

export interface ApprovalStanding extends Standing {
  /** Ballots that approved it, unweighted: what a reader can check against the number of voters. */
  approvals: number;
}

/**
 * Approval voting: each ballot approves up to `limit` candidates, and a candidate's score is the
 * total weight of the ballots approving it. An empty ballot is an abstention: counted, no points.
 * A ballot with more than `limit` choices, or naming a non-candidate or one candidate twice, is
 * invalid.
 */
export function approvalTally(ballots: readonly { choices: readonly string[]; weight?: number }[], candidates: readonly string[], limit: number): Tally<ApprovalStanding> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`The approval limit must be a whole number, 1 or more (got ${limit}).`);
  const index = indexOf(candidates);
  const scores = candidates.map(() => 0);
  const approvals = candidates.map(() => 0);
  let counted = 0;
  let weight = 0;
  let invalid = 0;
  for (const b of ballots) {
    const w = weightOf(b);
    const chosen = b.choices.length <= limit ? positions(b.choices, index) : null;
    if (!chosen) {
      invalid++;
      continue;
    }
    counted++;
    weight += w;
    for (const i of chosen) {
      scores[i] += w;
      approvals[i]++;
    }
  }
  return { standings: rankScores(candidates, scores, (i) => ({ approvals: approvals[i] })), counted, weight, invalid };
}

/**
 * Borda count, points from n − 1 down to 0: with n candidates, a ballot gives n − 1 points to its
 * first choice, n − 2 to its second, …, 0 to its last; a candidate's score is the weighted sum.
 *
 * A ballot that ranks only m of the n candidates is counted by the "averaging" rule for truncated
 * ballots (one of the three treatments — rounding down, rounding up, averaging — set out in
 * Wikipedia's "Borda count" article): the ranked candidates get n − 1, …, n − m as on a full
 * ballot, and the unranked ones are taken as tied for the places below, each getting the mean of
 * those places' points, (n − m − 1) / 2. So every ballot hands out the same n(n − 1)/2 points,
 * ranking all but one candidate is the same as ranking all, and leaving candidates out neither
 * sinks them below every ranked candidate's score nor gains the voter any weight. (The "modified
 * Borda count", m … 1 points, was not chosen: on this 0-based scale it would count a truncated
 * ballot for less than a full one.) An empty ranking is an abstention: counted, no points.
 * A ranking naming a non-candidate or one candidate twice is invalid.
 */
export function bordaTally(ballots: readonly { ranking: readonly string[]; weight?: number }[], candidates: readonly string[]): Tally<Standing> {
  const index = indexOf(candidates);
  const n = candidates.length;
  const scores = candidates.map(() => 0);
  let counted = 0;
  let weight = 0;
  let invalid = 0;
  for (const b of ballots) {
    const w = weightOf(b);
    const ranked = positions(b.ranking, index);
    if (!ranked) {
      invalid++;
      continue;
    }
    counted++;
    weight += w;
    if (!ranked.length) continue;
    const m = ranked.length;
    ranked.forEach((i, k) => (scores[i] += w * (n - 1 - k)));
    const share = (n - m - 1) / 2;
    if (share > 0) {
      const isRanked = new Set(ranked);
      for (let i = 0; i < n; i++) if (!isRanked.has(i)) scores[i] += w * share;
    }
  }
  return { standings: rankScores(candidates, scores, () => ({})), counted, weight, invalid };
}

export interface PairwiseStanding extends Standing {
  /** Weighted comparisons it won, and weighted comparisons it was in. */
  wins: number;
  comparisons: number;
}

export interface PairwiseTally extends Tally<PairwiseStanding> {
  iterations: number;
  /** False when the iteration cap was reached first: the scores are then the last iterate. */
  converged: boolean;
}

export interface BradleyTerryOptions {
  /**
   * Virtual draws each candidate is given against a reference of fixed strength (half a win and
   * half a loss each), in comparisons of average weight; 0 for the plain maximum-likelihood
   * estimate. Default 1. See bradleyTerry.
   */
  prior?: number;
  /** Stop when no strength changes by more than this, relative, in one iteration. Default 1e-12. */
  tolerance?: number;
  /** Stop after this many iterations whatever happens. Default 10 000. */
  maxIterations?: number;
}

/**
 * Bradley–Terry strengths from comparisons of two candidates: P(i preferred to j) = p_i / (p_i + p_j).
 * The scores are the strengths, scaled to sum to 1, so a score reads as a share and p_i / p_j as
 * the odds that i is preferred to j.
 *
 * Fitted by maximum likelihood with the MM algorithm of Hunter, "MM algorithms for generalized
 * Bradley–Terry models", Annals of Statistics 32(1), 2004, pp. 384–406: from all strengths 1,
 * repeat p_i ← W_i / Σ_j N_ij / (p_i + p_j) for every i at once (W_i: i's weighted wins, N_ij:
 * weighted comparisons of i and j) until no strength moves, then scale to sum 1. The order of
 * work is fixed, so the result is the same on every run.
 *
 * The plain estimate exists only under Hunter's Assumption 1 (Ford, 1957): in every split of the
 * candidates into two sets, someone in each set beat someone in the other. A candidate never
 * preferred would be driven to 0, one never preferred-against to infinity, and one never compared
 * is not determined at all — all of which happen in a real vote. So, by default, each candidate
 * also has one virtual draw (counted as half a win and half a loss) against a reference whose
 * strength is held at 1: a weak prior that keeps every strength finite and positive, puts a
 * candidate nobody compared at the middle, and fades as real comparisons accumulate. Holding the
 * reference fixed keeps the update an MM step for the remaining strengths. The prior is measured
 * in comparisons of average weight (weights are rescaled, for its sake only, to average 1), so a
 * weighting such as 1 / group size changes who counts for how much, not how strong the prior is.
 * With `prior: 0` the plain estimate is returned, and a RangeError is thrown when it does not exist.
 *
 * A comparison of a candidate with itself, or naming a non-candidate, is invalid.
 */
export function bradleyTerry(comparisons: readonly { winner: string; loser: string; weight?: number }[], candidates: readonly string[], opts: BradleyTerryOptions = {}): PairwiseTally {
  const { prior = 1, tolerance = 1e-12, maxIterations = 10_000 } = opts;
  if (!Number.isFinite(prior) || prior < 0) throw new RangeError(`The prior must be a finite number, zero or more (got ${prior}).`);
  const index = indexOf(candidates);
  const n = candidates.length;
  const wins = candidates.map(() => 0);
  const played = candidates.map(() => 0);
  /** beats[i][j]: the weight of comparisons in which i was preferred to j. */
  const beats = candidates.map(() => candidates.map(() => 0));
  let counted = 0;
  let weight = 0;
  let invalid = 0;
  for (const c of comparisons) {
    const w = weightOf(c);
    const i = index.get(c.winner);
    const j = index.get(c.loser);
    if (i === undefined || j === undefined || i === j) {
      invalid++;
      continue;
    }
    counted++;
    weight += w;
    wins[i] += w;
    played[i] += w;
    played[j] += w;
    beats[i][j] += w;
  }
  if (prior === 0 && !stronglyConnected(beats)) {
    throw new RangeError('Without a prior, every group of candidates must have beaten, and been beaten by, some candidate outside it.');
  }

  // The prior in the units of the data: `prior` comparisons of average weight.
  const virtual = weight > 0 ? (prior * weight) / counted : prior;
  let p = candidates.map(() => 1);
  let iterations = 0;
  let converged = n <= 1;
  while (!converged && iterations < maxIterations) {
    iterations++;
    const next = p.map((pi, i) => {
      let denominator = virtual / (pi + 1);
      for (let j = 0; j < n; j++) {
        const together = beats[i][j] + beats[j][i];
        if (together > 0) denominator += together / (pi + p[j]);
      }
      return (wins[i] + virtual / 2) / denominator;
    });
    // With the reference there is a fixed scale; without it, the likelihood ignores scale, so fix one.
    if (virtual === 0) {
      const sum = next.reduce((a, b) => a + b, 0);
      for (let i = 0; i < n; i++) next[i] /= sum;
    }
    converged = next.every((x, i) => Math.abs(x - p[i]) <= tolerance * x);
    p = next;
  }
  const sum = p.reduce((a, b) => a + b, 0);
  const scores = p.map((x) => x / sum);
  return {
    standings: rankScores(candidates, scores, (i) => ({ wins: wins[i], comparisons: played[i] })),
    counted,
    weight,
    invalid,
    iterations,
    converged,
  };
}

/** Hunter's Assumption 1, as a graph: following "beat" edges (of positive weight) each way, every candidate reaches every other. */
function stronglyConnected(beats: readonly (readonly number[])[]): boolean {
  const n = beats.length;
  const reachesAll = (edge: (i: number, j: number) => boolean) => {
    const seen = new Set([0]);
    const todo = [0];
    for (let i = todo.pop(); i !== undefined; i = todo.pop()) {
      for (let j = 0; j < n; j++) {
        if (!seen.has(j) && edge(i, j)) {
          seen.add(j);
          todo.push(j);
        }
      }
    }
    return seen.size === n;
  };
  return n <= 1 || (reachesAll((i, j) => beats[i][j] > 0) && reachesAll((i, j) => beats[j][i] > 0));
}

/**
 * "groups": every stakeholder group counts the same, whatever its size. A voter's weight is
 * 1 / (the number of voters in their group), so each group's weights sum to 1. Voters who gave no
 * group form a group of their own (apart from any group actually named "unknown").
 * Returns one weight per voter, in the order given.
 */
export function groupWeights(voters: readonly { group: string | null }[]): number[] {
  const sizes = new Map<string | null, number>();
  for (const v of voters) sizes.set(v.group, (sizes.get(v.group) ?? 0) + 1);
  return voters.map((v) => 1 / sizes.get(v.group)!);
}

/** The weight of each voter under a cycle's weighting: "people", every voter 1; "groups", see groupWeights. */
export function voterWeights(weighting: Weighting, voters: readonly { group: string | null }[]): number[] {
  return weighting === 'groups' ? groupWeights(voters) : voters.map(() => 1);
}
