import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { faithful, pinned, sum } from '../../testing/suppression-reader.js';
import { CATEGORIES, DIMENSIONS, NOT_STATED, STAKEHOLDER_TYPES, registerFigures, type FigureCount } from './contract.js';
import { publishFigures, publishedShare, tally, type Counted } from './tables.js';

const source = { key: 'participants', module: 'test', label: 'x', definition: 'y', incomeAtTheTime: false };
const YEAR = 'FY2026';

describe('the figures contract', () => {
  it('adds up each breakdown to the year’s total, placing countries in their M49 region and income group, the unknown apart', () => {
    const counts: FigureCount[] = [
      { year: 2025, n: 3, stakeholder: 'research', country: 'NG' },
      { year: 2025, n: 2, stakeholder: null, country: 'FR' },
      { year: 2026, n: 4, stakeholder: 'policy', country: null },
      { year: 2026, n: 1, stakeholder: 'practice', region: '019', incomeGroup: 'upper-middle' },
      // Outside the years asked: left out.
      { year: 2020, n: 9, stakeholder: 'policy', country: 'FR' },
    ];
    const f = tally(source, counts, [2025, 2026], YEAR);
    expect(f.totals).toEqual([5, 5]);
    const row = (d: 'stakeholder' | 'region' | 'income', c: string) => f.by[d][CATEGORIES[d].indexOf(c)];
    expect(row('region', '002')).toEqual([3, 0]);
    expect(row('region', '150')).toEqual([2, 0]);
    expect(row('region', '019')).toEqual([0, 1]);
    expect(row('region', NOT_STATED)).toEqual([0, 4]);
    expect(row('income', 'lower-middle')).toEqual([3, 0]);
    expect(row('income', 'high')).toEqual([2, 0]);
    expect(row('stakeholder', NOT_STATED)).toEqual([2, 0]);
    for (const d of DIMENSIONS) expect([0, 1].map((y) => sum(f.by[d].map((r) => r[y]))), d).toEqual(f.totals);
  });

  it('takes the type and the place given apart, each counting everyone, and refuses parts that do not add up', () => {
    const parts: FigureCount[] = [
      { year: 2026, n: 4, part: 'stakeholder', stakeholder: 'research' },
      { year: 2026, n: 2, part: 'stakeholder', stakeholder: 'policy' },
      { year: 2026, n: 5, part: 'place', stakeholder: null, country: 'NG' },
      { year: 2026, n: 1, part: 'place', stakeholder: null, country: 'FR' },
    ];
    const f = tally(source, parts, [2026], YEAR);
    expect(f.totals).toEqual([6]);
    expect(f.by.stakeholder[CATEGORIES.stakeholder.indexOf('research')]).toEqual([4]);
    expect(f.by.region[CATEGORIES.region.indexOf('002')]).toEqual([5]);
    expect(f.by.income[CATEGORIES.income.indexOf('high')]).toEqual([1]);
    expect(() => tally(source, parts.slice(0, 3), [2026], YEAR)).toThrow(/region breakdown counts 5, the total 6/);
  });

  it('refuses a figure declared twice or with a key unfit for an address', () => {
    const count = async () => [];
    expect(() => registerFigures([{ name: 'a', figures: [{ key: 'x', label: '', definition: '', count }] }, { name: 'b', figures: [{ key: 'x', label: '', definition: '', count }] }])).toThrow(/twice/);
    expect(() => registerFigures([{ name: 'a', figures: [{ key: 'Big Key', label: '', definition: '', count }] }])).toThrow(/hyphens/);
    registerFigures([]);
  });
});

describe('published figures, property', () => {
  const countries = ['NG', 'KE', 'IN', 'BR', 'US', 'FR', 'AU', 'VN', null];
  const counts = fc.array(
    fc.record({
      year: fc.integer({ min: 2024, max: 2026 }),
      n: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) }),
      stakeholder: fc.constantFrom(...STAKEHOLDER_TYPES.slice(0, 4), null),
      country: fc.constantFrom(...countries),
    }),
    { maxLength: 14 },
  );

  it('shows every number truly, never a count of 1 to 4 that a reader can work out from the totals, and shares only from what is shown', () => {
    const seen = { runs: 0, secondary: 0, withheldYears: 0, withheldBreakdowns: 0, shares: 0 };
    fc.assert(
      fc.property(counts, (list) => {
        const years = [2024, 2025, 2026];
        const counted: Counted = { years, incomeYear: YEAR, figures: [tally(source, list, years, YEAR)] };
        const truth = counted.figures[0];
        const out = publishFigures(counted).figures[0];
        seen.runs++;
        truth.totals.forEach((n, y) => expect(faithful(out.totals[y], n), `total ${y}`).toBe(true));
        const open = years.map((_, y) => y).filter((y) => !out.withheldYears[y]);
        for (let y = 0; y < years.length; y++) {
          expect(out.withheldYears[y]).toBe(truth.totals[y] >= 1 && truth.totals[y] < 5);
          if (out.withheldYears[y]) {
            seen.withheldYears++;
            // A year of fewer than 5 people: its total alone, no breakdown.
            for (const d of DIMENSIONS) expect(out.by[d].cells.every((row) => row[y].kind === 'hidden'), d).toBe(true);
          }
        }
        for (const d of DIMENSIONS) {
          const safe = open.filter((y) => !out.by[d].withheld[y]);
          for (const y of open) if (out.by[d].withheld[y]) expect(out.by[d].cells.every((row) => row[y].kind === 'hidden'), `${d} withheld`).toBe(true);
          if (safe.length < open.length) seen.withheldBreakdowns++;
          const cells = truth.by[d].map((row) => safe.map((y) => row[y]));
          const shown = out.by[d].cells.map((row) => safe.map((y) => row[y]));
          cells.forEach((row, r) => row.forEach((v, k) => expect(faithful(shown[r][k], v), `${d} ${r},${k}`).toBe(true)));
          if (shown.flat().some((s) => s.kind === 'hidden')) seen.secondary++;
          // The reader of each breakdown knows the year's totals exactly; the breakdowns share nothing else.
          const published = { withheld: false, cells: shown, rowTotals: null, colTotals: safe.map((y) => out.totals[y]), grandTotal: null };
          expect(pinned({ cells }, published), d).toEqual([]);
          for (const y of open) {
            for (const groups of [[CATEGORIES[d][0]], CATEGORIES[d].slice(0, 2)]) {
              const share = publishedShare(out, d, groups, y);
              if (!share) continue;
              seen.shares++;
              const real = sum(groups.map((g) => truth.by[d][CATEGORIES[d].indexOf(g)][y]));
              expect(share.count, `share of ${groups.join('+')}`).toBe(real);
              expect(share.total).toBe(truth.totals[y]);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(seen.secondary).toBeGreaterThan(seen.runs / 10);
    expect(seen.withheldYears).toBeGreaterThan(0);
    expect(seen.withheldBreakdowns).toBeLessThan(seen.runs / 4);
    expect(seen.shares).toBeGreaterThan(seen.runs);
  });
});
