import { describe, expect, it } from 'vitest';
import { approvalTally, bordaTally, bradleyTerry, groupWeights, voterWeights } from './voting.js';

const scoreOf = (r: { standings: { candidate: string; score: number }[] }) => Object.fromEntries(r.standings.map((s) => [s.candidate, s.score]));
const rankOf = (r: { standings: { candidate: string; rank: number }[] }) => Object.fromEntries(r.standings.map((s) => [s.candidate, s.rank]));
const order = (r: { standings: { candidate: string }[] }) => r.standings.map((s) => s.candidate);
const times = <T>(k: number, x: T): T[] => Array.from({ length: k }, () => x);

/**
 * The "Tennessee capital" example of Wikipedia's "Borda count" article (also its "Approval
 * voting" and many other voting-method articles): 100 voters, each preferring the cities nearest
 * them.
 *   42 (Memphis):     Memphis > Nashville > Chattanooga > Knoxville
 *   26 (Nashville):   Nashville > Chattanooga > Knoxville > Memphis
 *   15 (Chattanooga): Chattanooga > Knoxville > Nashville > Memphis
 *   17 (Knoxville):   Knoxville > Chattanooga > Nashville > Memphis
 */
const cities = ['Memphis', 'Nashville', 'Chattanooga', 'Knoxville'];
const tennessee = [
  ...times(42, ['Memphis', 'Nashville', 'Chattanooga', 'Knoxville']),
  ...times(26, ['Nashville', 'Chattanooga', 'Knoxville', 'Memphis']),
  ...times(15, ['Chattanooga', 'Knoxville', 'Nashville', 'Memphis']),
  ...times(17, ['Knoxville', 'Chattanooga', 'Nashville', 'Memphis']),
];

describe('Borda count', () => {
  it('gives the published scores of the Tennessee example, Nashville first', () => {
    // 3, 2, 1, 0 points for first to fourth:
    //   Memphis     42·3                      = 126
    //   Nashville   42·2 + 26·3 + 15·1 + 17·1 = 84 + 78 + 15 + 17 = 194
    //   Chattanooga 42·1 + 26·2 + 15·3 + 17·2 = 42 + 52 + 45 + 34 = 173
    //   Knoxville   26·1 + 15·2 + 17·3        = 26 + 30 + 51      = 107
    // (total 600 = 100 ballots × (3 + 2 + 1 + 0)).
    const r = bordaTally(
      tennessee.map((ranking) => ({ ranking })),
      cities,
    );
    expect(r.standings).toEqual([
      { candidate: 'Nashville', score: 194, rank: 1 },
      { candidate: 'Chattanooga', score: 173, rank: 2 },
      { candidate: 'Memphis', score: 126, rank: 3 },
      { candidate: 'Knoxville', score: 107, rank: 4 },
    ]);
    expect(r).toMatchObject({ counted: 100, weight: 100, invalid: 0 });
  });

  it('counts a weight as that many identical ballots', () => {
    const r = bordaTally(
      [
        { ranking: tennessee[0], weight: 42 },
        { ranking: tennessee[42], weight: 26 },
        { ranking: tennessee[68], weight: 15 },
        { ranking: tennessee[83], weight: 17 },
      ],
      cities,
    );
    expect(scoreOf(r)).toEqual({ Memphis: 126, Nashville: 194, Chattanooga: 173, Knoxville: 107 });
  });

  it('shares the points of the places below a short ranking among the unranked (averaging rule)', () => {
    // Four candidates, points 3, 2, 1, 0. The bullet vote [A] gives A 3 and B, C, D the mean of
    // 2, 1, 0 = 1 each; the full ranking B > A > C > D gives 3, 2, 1, 0.
    // A 3 + 2 = 5, B 1 + 3 = 4, C 1 + 1 = 2, D 1 + 0 = 1 — where giving unranked candidates 0
    // would make it A 5, B 3, C 1, D 0.
    const r = bordaTally([{ ranking: ['A'] }, { ranking: ['B', 'A', 'C', 'D'] }], ['A', 'B', 'C', 'D']);
    expect(scoreOf(r)).toEqual({ A: 5, B: 4, C: 2, D: 1 });
  });

  it('counts a ranking of all but one candidate as the full ranking', () => {
    const short = bordaTally([{ ranking: ['C', 'A', 'D'] }], ['A', 'B', 'C', 'D']);
    const full = bordaTally([{ ranking: ['C', 'A', 'D', 'B'] }], ['A', 'B', 'C', 'D']);
    expect(short.standings).toEqual(full.standings);
  });

  it('gives equal scores one rank, listed in the order the candidates were given', () => {
    const ballots = [{ ranking: ['A', 'B', 'C'] }, { ranking: ['B', 'A', 'C'] }];
    expect(bordaTally(ballots, ['A', 'B', 'C']).standings.map((s) => [s.candidate, s.rank])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 3],
    ]);
    expect(order(bordaTally(ballots, ['B', 'C', 'A']))).toEqual(['B', 'A', 'C']);
  });

  it('leaves out, and counts, a ranking with a theme that is not a candidate or a theme twice; an empty one is an abstention', () => {
    const r = bordaTally([{ ranking: ['A', 'B'] }, { ranking: ['A', 'Z'] }, { ranking: ['B', 'B'] }, { ranking: [] }], ['A', 'B']);
    expect(scoreOf(r)).toEqual({ A: 1, B: 0 });
    expect(r).toMatchObject({ counted: 2, invalid: 2 });
  });
});

describe('approval', () => {
  // The Tennessee voters again, now each approving their two nearest cities (their first two).
  const topTwo = tennessee.map((ranking) => ({ choices: ranking.slice(0, 2) }));
  const firstOnly = tennessee.map((ranking) => ({ choices: ranking.slice(0, 1) }));

  it('can elect a different winner from plurality (Tennessee, approving two)', () => {
    // Plurality — approval with a limit of 1 — counts first choices: Memphis 42, Nashville 26,
    // Knoxville 17, Chattanooga 15: Memphis wins.
    expect(order(approvalTally(firstOnly, cities, 1))[0]).toBe('Memphis');
    // Approving the first two:
    //   Memphis     42                 = 42
    //   Nashville   42 (Memphis) + 26  = 68
    //   Chattanooga 26 + 15 + 17       = 58
    //   Knoxville   15 + 17            = 32
    const r = approvalTally(topTwo, cities, 2);
    expect(r.standings).toEqual([
      { candidate: 'Nashville', score: 68, rank: 1, approvals: 68 },
      { candidate: 'Chattanooga', score: 58, rank: 2, approvals: 58 },
      { candidate: 'Memphis', score: 42, rank: 3, approvals: 42 },
      { candidate: 'Knoxville', score: 32, rank: 4, approvals: 32 },
    ]);
  });

  it('leaves out, and counts, a ballot approving more than the limit, a non-candidate, or one theme twice', () => {
    const r = approvalTally(
      [{ choices: ['A', 'B'] }, { choices: ['A', 'B', 'C'] }, { choices: ['A', 'X'] }, { choices: ['C', 'C'] }, { choices: [] }],
      ['A', 'B', 'C'],
      2,
    );
    expect(scoreOf(r)).toEqual({ A: 1, B: 1, C: 0 });
    expect(r).toMatchObject({ counted: 2, invalid: 3 });
  });

  it('refuses a limit below 1', () => {
    expect(() => approvalTally([], ['A'], 0)).toThrow(RangeError);
  });
});

describe('weighting', () => {
  it('"groups" gives each voter 1 / the size of their group; voters without a group are a group of their own', () => {
    const voters = [...times(3, { group: 'ngo' }), { group: null }, { group: 'unknown' }, { group: null }];
    expect(groupWeights(voters)).toEqual([1 / 3, 1 / 3, 1 / 3, 1 / 2, 1, 1 / 2]);
    expect(voterWeights('people', voters)).toEqual(times(6, 1));
  });

  it('lets a group of 2 count as much as a group of 10, which can change the winner', () => {
    // Ten voters from governments: 7 approve A, 3 approve B. Two from civil society: both approve B.
    // People: A 7, B 3 + 2 = 5 — A first. Groups: A 7/10 = 0.7, B 3/10 + 2/2 = 1.3 — B first.
    const voters = [...times(7, { group: 'government', choices: ['A'] }), ...times(3, { group: 'government', choices: ['B'] }), ...times(2, { group: 'civil-society', choices: ['B'] })];
    const tally = (weighting: 'people' | 'groups') => {
      const w = voterWeights(weighting, voters);
      return approvalTally(
        voters.map((v, i) => ({ choices: v.choices, weight: w[i] })),
        ['A', 'B'],
        1,
      );
    };
    expect(order(tally('people'))).toEqual(['A', 'B']);
    expect(scoreOf(tally('people'))).toEqual({ A: 7, B: 5 });
    expect(order(tally('groups'))).toEqual(['B', 'A']);
    expect(scoreOf(tally('groups')).A).toBeCloseTo(0.7, 12);
    expect(scoreOf(tally('groups')).B).toBeCloseTo(1.3, 12);
  });

  it('ties two groups that each gave all their weight to one theme, despite rounding (ten times 1/10 is not exactly 1), in candidate order', () => {
    const voters = [...times(10, { group: 'a', choices: ['A'] }), { group: 'b', choices: ['B'] }];
    const w = groupWeights(voters);
    const r = approvalTally(
      voters.map((v, i) => ({ choices: v.choices, weight: w[i] })),
      ['A', 'B'],
      1,
    );
    expect(r.standings.map((s) => [s.candidate, s.rank])).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
  });
});

describe('pairwise comparisons (Bradley–Terry)', () => {
  const beats = (winner: string, loser: string, k = 1) => times(k, { winner, loser });
  const exact = { prior: 0 };

  it('gives odds equal to the observed ones with two themes: A preferred 3 times out of 4 → A 3 times as strong as B', () => {
    // With one pair the likelihood L = p^3 (1 − p) is largest at p = P(A over B) = 3/4.
    const r = bradleyTerry([...beats('A', 'B', 3), ...beats('B', 'A')], ['A', 'B'], exact);
    expect(scoreOf(r).A).toBeCloseTo(0.75, 9);
    expect(scoreOf(r).B).toBeCloseTo(0.25, 9);
    expect(r.standings.map((s) => [s.candidate, s.wins, s.comparisons])).toEqual([
      ['A', 3, 4],
      ['B', 1, 4],
    ]);
    expect(r.converged).toBe(true);
  });

  it('orders a cycle with uneven counts by strength, and finds the exact strengths when every pair fits the model', () => {
    // A over B 2–1, B over C 2–1, but C over A once in 5: a cycle. Strengths 4 : 2 : 1 fit each
    // pair exactly — 4/(4+2) = 2/3, 2/(2+1) = 2/3, 4/(4+1) = 4/5 — so they are the maximum-
    // likelihood estimate: A 4/7, B 2/7, C 1/7. Check of the score equations
    // wins_i = Σ_j n_ij p_i / (p_i + p_j):  A 6 = 3·4/6 + 5·4/5 = 2 + 4;  B 3 = 3·2/6 + 3·2/3 = 1 + 2;
    // C 2 = 3·1/3 + 5·1/5 = 1 + 1.
    const r = bradleyTerry([...beats('A', 'B', 2), ...beats('B', 'A'), ...beats('B', 'C', 2), ...beats('C', 'B'), ...beats('A', 'C', 4), ...beats('C', 'A')], ['C', 'B', 'A'], exact);
    expect(order(r)).toEqual(['A', 'B', 'C']);
    expect(scoreOf(r).A).toBeCloseTo(4 / 7, 9);
    expect(scoreOf(r).B).toBeCloseTo(2 / 7, 9);
    expect(scoreOf(r).C).toBeCloseTo(1 / 7, 9);
  });

  it('ties the three themes of an even cycle', () => {
    const r = bradleyTerry([...beats('A', 'B'), ...beats('B', 'C'), ...beats('C', 'A')], ['A', 'B', 'C'], exact);
    expect(rankOf(r)).toEqual({ A: 1, B: 1, C: 1 });
    for (const s of r.standings) expect(s.score).toBeCloseTo(1 / 3, 12);
  });

  // A four-team round robin with uneven numbers of games:
  //   W–X 3–1, W–Y 1–2, W–Z 2–1, X–Y 2–1, X–Z 1–2, Y–Z 3–0.
  const roundRobin = [...beats('W', 'X', 3), ...beats('X', 'W'), ...beats('W', 'Y'), ...beats('Y', 'W', 2), ...beats('W', 'Z', 2), ...beats('Z', 'W'), ...beats('X', 'Y', 2), ...beats('Y', 'X'), ...beats('X', 'Z'), ...beats('Z', 'X', 2), ...beats('Y', 'Z', 3)];
  const teams = ['W', 'X', 'Y', 'Z'];

  it('satisfies the likelihood equations of the model at its answer (four-team round robin)', () => {
    // At the maximum, for each i: wins_i = Σ_j n_ij p_i / (p_i + p_j) (Hunter 2004, Zermelo 1929).
    const r = bradleyTerry(roundRobin, teams, exact);
    const p = scoreOf(r);
    const n = (i: string, j: string) => roundRobin.filter((c) => (c.winner === i && c.loser === j) || (c.winner === j && c.loser === i)).length;
    for (const s of r.standings) {
      const expected = teams.filter((j) => j !== s.candidate).reduce((sum, j) => sum + (n(s.candidate, j) * p[s.candidate]) / (p[s.candidate] + p[j]), 0);
      expect(expected).toBeCloseTo(s.wins, 6);
    }
    expect(Object.values(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Wins: W 6 of 10, X 4 of 10, Y 6 of 9, Z 3 of 9.
    expect(r.standings.map((s) => [s.candidate, s.wins, s.comparisons])).toEqual(
      expect.arrayContaining([
        ['W', 6, 10],
        ['X', 4, 10],
        ['Y', 6, 9],
        ['Z', 3, 9],
      ]),
    );
  });

  it('gives the same result whatever order the comparisons come in', () => {
    const reversed = bradleyTerry([...roundRobin].reverse(), teams);
    expect(reversed.standings).toEqual(bradleyTerry(roundRobin, teams).standings);
  });

  it('keeps a theme never preferred, and one never compared, finite with the default prior; the one nobody compared sits in the middle', () => {
    const data = beats('A', 'B', 3);
    expect(() => bradleyTerry(data, ['A', 'B', 'C'], exact)).toThrow(RangeError);
    const r = bradleyTerry(data, ['A', 'B', 'C']);
    expect(order(r)).toEqual(['A', 'C', 'B']);
    for (const s of r.standings) {
      expect(s.score).toBeGreaterThan(0);
      expect(Number.isFinite(s.score)).toBe(true);
    }
    expect(r.converged).toBe(true);
  });

  it('weighs the prior against comparisons of average weight, so scaling every weight changes nothing', () => {
    const tenth = roundRobin.map((c) => ({ ...c, weight: 0.1 }));
    const a = scoreOf(bradleyTerry(roundRobin, teams));
    const b = scoreOf(bradleyTerry(tenth, teams));
    for (const t of teams) expect(b[t]).toBeCloseTo(a[t], 9);
  });

  it('shrinks towards equal strengths under the prior, less as comparisons accumulate', () => {
    const ratio = (k: number) => {
      const p = scoreOf(bradleyTerry([...beats('A', 'B', 3 * k), ...beats('B', 'A', k)], ['A', 'B']));
      return p.A / p.B;
    };
    expect(ratio(1)).toBeLessThan(ratio(10));
    expect(ratio(10)).toBeLessThan(3);
    expect(ratio(100)).toBeCloseTo(3, 1);
  });

  it('leaves out, and counts, a comparison of a theme with itself or with a non-candidate', () => {
    const r = bradleyTerry([...beats('A', 'B'), ...beats('B', 'A'), ...beats('A', 'A'), ...beats('A', 'X')], ['A', 'B'], exact);
    expect(r).toMatchObject({ counted: 2, invalid: 2 });
    expect(rankOf(r)).toEqual({ A: 1, B: 1 });
  });

  it('says when the iteration cap stopped it before convergence', () => {
    const r = bradleyTerry(roundRobin, teams, { maxIterations: 1 });
    expect(r).toMatchObject({ iterations: 1, converged: false });
  });
});
