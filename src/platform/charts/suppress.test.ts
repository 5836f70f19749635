import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suppressTable, type CountTable, type Shown, type SuppressedTable } from './suppress.js';

const small: Shown = { kind: 'small' };
const hidden: Shown = { kind: 'hidden' };
const n = (value: number): Shown => ({ kind: 'value', value });

describe('small-cell suppression, worked examples', () => {
  it('single choice with its total: the small option is "< 5" and one more option is hidden, else total − the others gives it', () => {
    // 3 + 7 + 20 + 30 = 60. Were only the 3 hidden, 60 − 7 − 20 − 30 = 3.
    const out = suppressTable({ cells: [[3], [7], [20], [30]], colTotals: true });
    expect(out.withheld).toBe(false);
    expect(out.cells).toEqual([[small], [hidden], [n(20)], [n(30)]]);
    expect(out.colTotals).toEqual([n(60)]);
    // The reader now has small + hidden = 60 − 20 − 30 = 10 with small in 1..4 and hidden ≥ 5:
    // the small option can be 1, 2, 3 or 4.
  });

  it('multiple choice (the options do not add up to the respondents): only the small option is suppressed', () => {
    const out = suppressTable({ cells: [[3], [7], [20], [30]] });
    expect(out.cells).toEqual([[small], [n(7)], [n(20)], [n(30)]]);
    expect(out.colTotals).toBeNull();
  });

  it('two small cells in one column, with row and column totals: the complement is a rectangle of the two smallest cells beside them', () => {
    const out = suppressTable({
      cells: [
        [2, 8, 10],
        [3, 9, 12],
        [15, 20, 25],
      ],
      rowTotals: true,
      colTotals: true,
      grandTotal: true,
    });
    expect(out.cells).toEqual([
      [small, hidden, n(10)],
      [small, hidden, n(12)],
      [n(15), n(20), n(25)],
    ]);
    expect(out.rowTotals).toEqual([n(20), n(24), n(60)]);
    expect(out.colTotals).toEqual([n(20), n(37), n(47)]);
    expect(out.grandTotal).toEqual(n(104));
    // Hiding the 8 alone: the 2 is 20 − 10 − 8. With the rectangle the reader has, for the four
    // suppressed cells a b / c d: a + b = 10, c + d = 12, a + c = 5, b + d = 17, so a can be 1..4
    // (b = 10 − a ≥ 5, c = 5 − a ≥ 1 and d = 7 + a ≥ 5 hold for each).
  });

  it('does not hide a 5 to cover a 1: a reader knows a hidden count is at least 5, so 1 + hidden = 6 would give the 1 away', () => {
    const out = suppressTable({ cells: [[1], [5], [6]], colTotals: true });
    expect(out.cells).toEqual([[small], [n(5)], [hidden]]);
    expect(out.colTotals).toEqual([n(12)]);
  });

  it('hides from the start what a linked table hides, and then needs no other complement', () => {
    // The 20 is hidden elsewhere: small + hidden = 60 − 7 − 30 = 23 already keeps the 3 safe.
    const out = suppressTable({ cells: [[3], [7], [20], [30]], colTotals: true, hide: { cells: [[false], [false], [true], [false]] } });
    expect(out.cells).toEqual([[small], [n(7)], [hidden], [n(30)]]);
    // Only a number ≥ 5 can have been hidden elsewhere: asked to hide a small one or a zero, it stays as it is.
    expect(suppressTable({ cells: [[3, 0, 9]], hide: { cells: [[true, true, false]] } }).cells).toEqual([[small, n(0), n(9)]]);
  });

  it('a total below 5 is "< 5" too, and is kept safe like a cell', () => {
    // Column 2 has 3 respondents in all: its total is small, and so are its cells.
    const out = suppressTable({ cells: [[10, 2], [12, 1], [9, 0]], colTotals: true });
    expect(out.cells).toEqual([[n(10), small], [n(12), small], [n(9), n(0)]]);
    expect(out.colTotals).toEqual([n(31), small]);
  });

  it('withholds the table when no hiding makes it safe: four options, one answer each, total "< 5" means each is 1', () => {
    const out = suppressTable({ cells: [[1], [1], [1], [1]], colTotals: true });
    expect(out.withheld).toBe(true);
    // A caller that forgets the flag still publishes nothing.
    expect(out.cells.flat().every((s) => s.kind === 'hidden')).toBe(true);
    expect(out.colTotals).toEqual([hidden]);
  });

  it('shows zero as 0 (nobody to single out) and leaves a table without small counts alone', () => {
    const table = { cells: [[0, 7], [5, 0]], rowTotals: true, colTotals: true, grandTotal: true };
    expect(suppressTable(table)).toEqual({
      withheld: false,
      cells: [[n(0), n(7)], [n(5), n(0)]],
      rowTotals: [n(7), n(5)],
      colTotals: [n(5), n(7)],
      grandTotal: n(12),
    });
  });

  it('refuses counts that are not whole and non-negative, and ragged tables', () => {
    expect(() => suppressTable({ cells: [[1.5]] })).toThrow(RangeError);
    expect(() => suppressTable({ cells: [[-1]] })).toThrow(RangeError);
    expect(() => suppressTable({ cells: [[1, 2], [3]] })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// The proof: an independent brute-force reader. It sees only the published table and knows the
// rules (small is 1..4, hidden is ≥ 5, each published total is the sum of its line), and searches
// every table it cannot rule out for one where a small number takes another value.

/** lo ≤ constant + Σ x[vars] ≤ hi. */
interface Constraint {
  vars: number[];
  constant: number;
  lo: number;
  hi: number;
}

/** Is there an assignment of the variables, each within its domain, meeting every constraint? */
function solvable(domains: [number, number][], constraints: Constraint[]): boolean {
  const x: (number | undefined)[] = domains.map(() => undefined);
  const holds = (c: Constraint) => {
    const s = c.vars.reduce((a, v) => a + x[v]!, c.constant);
    return c.lo <= s && s <= c.hi;
  };
  const search = (k: number): boolean => {
    if (k === domains.length) return constraints.every(holds);
    // Pruning only: the values of x[k] that some completion could still fit into each constraint.
    let [lo, hi] = domains[k];
    for (const c of constraints) {
      if (!c.vars.includes(k)) continue;
      let fixed = c.constant;
      let minRest = 0;
      let maxRest = 0;
      for (const v of c.vars) {
        if (v === k) continue;
        if (x[v] !== undefined) fixed += x[v];
        else {
          minRest += domains[v][0];
          maxRest += domains[v][1];
        }
      }
      lo = Math.max(lo, c.lo - fixed - maxRest);
      hi = Math.min(hi, c.hi - fixed - minRest);
    }
    for (let value = lo; value <= hi; value++) {
      x[k] = value;
      if (search(k + 1)) return true;
    }
    x[k] = undefined;
    return false;
  };
  return search(0);
}

/** The small numbers (cells and totals) of `out` that a reader can pin down, named for the report. */
function pinned(table: Pick<CountTable, 'cells'>, out: SuppressedTable): string[] {
  const at = (r: number, c: number) => out.cells[r][c];
  // One variable per suppressed cell.
  const index = new Map<string, number>();
  const domains: [number, number][] = [];
  const lines: { name: string; shown: Shown; truth: number; cells: [number, number][] }[] = [];
  const all: [number, number][] = table.cells.flatMap((row, r) => row.map((_, c): [number, number] => [r, c]));
  if (out.rowTotals) out.rowTotals.forEach((s, r) => lines.push({ name: `row total ${r}`, shown: s, truth: sum(table.cells[r]), cells: all.filter(([rr]) => rr === r) }));
  if (out.colTotals) out.colTotals.forEach((s, c) => lines.push({ name: `column total ${c}`, shown: s, truth: sum(table.cells.map((row) => row[c])), cells: all.filter(([, cc]) => cc === c) }));
  if (out.grandTotal) lines.push({ name: 'grand total', shown: out.grandTotal, truth: sum(table.cells.flat()), cells: all });
  for (const [r, c] of all) {
    const s = at(r, c);
    if (s.kind === 'value') continue;
    index.set(`${r},${c}`, domains.length);
    if (s.kind === 'small') domains.push([1, 4]);
    else {
      // A hidden cell is at most any published total of a line holding it. In no such equation, it
      // is only ever "≥ 5" for the reader, and a larger value only loosens those: searching up to
      // its true value + 1 covers a part of the reader's tables, so two values found are two the
      // reader cannot tell apart.
      const bounds = lines.filter((l) => l.shown.kind === 'value' && l.cells.some(([rr, cc]) => rr === r && cc === c)).map((l) => (l.shown as { value: number }).value);
      domains.push([5, bounds.length ? Math.min(...bounds) : table.cells[r][c] + 1]);
    }
  }
  const constraintOf = (cells: [number, number][], lo: number, hi: number): Constraint => {
    let constant = 0;
    const vars: number[] = [];
    for (const [r, c] of cells) {
      const s = at(r, c);
      if (s.kind === 'value') constant += s.value;
      else vars.push(index.get(`${r},${c}`)!);
    }
    return { vars, constant, lo, hi };
  };
  const published = lines.map((l) =>
    l.shown.kind === 'value' ? constraintOf(l.cells, l.shown.value, l.shown.value) : l.shown.kind === 'small' ? constraintOf(l.cells, 1, 4) : constraintOf(l.cells, 5, Infinity),
  );

  // The true table must be one the reader cannot rule out, or the reader above is wrong.
  const truth: [number, number][] = all.filter(([r, c]) => at(r, c).kind !== 'value').map(([r, c]) => [table.cells[r][c], table.cells[r][c]]);
  expect(truth.every(([v], i) => domains[i][0] <= v && v <= domains[i][1]), 'true values within the reader’s ranges').toBe(true);
  expect(solvable(truth, published), 'the true table meets the published equations').toBe(true);

  const exposed: string[] = [];
  const other = (v: number) => [1, 2, 3, 4].filter((w) => w !== v);
  for (const [r, c] of all) {
    if (at(r, c).kind !== 'small') continue;
    const i = index.get(`${r},${c}`)!;
    if (!other(table.cells[r][c]).some((w) => solvable(domains.map((d, j) => (j === i ? [w, w] : d)), published))) exposed.push(`cell ${r},${c}`);
  }
  for (const l of lines) {
    if (l.shown.kind !== 'small') continue;
    if (!other(l.truth).some((w) => solvable(domains, [...published, constraintOf(l.cells, w, w)]))) exposed.push(l.name);
  }
  return exposed;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Every number of `out` against the truth: visible ones true and ≥ 5 (or 0), small ones 1..4, hidden ones ≥ 5. */
function faithful(shown: Shown, truth: number): boolean {
  if (shown.kind === 'value') return shown.value === truth && (truth === 0 || truth >= 5);
  if (shown.kind === 'small') return truth >= 1 && truth <= 4;
  return truth >= 5;
}

describe('small-cell suppression, property', () => {
  // Counts biased toward the small ones, where suppression happens.
  const rarely = fc.integer({ min: 0, max: 9 }).map((x) => x === 0);
  const count = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 12 }) });
  const tables = fc
    .record({ rows: fc.integer({ min: 1, max: 4 }), cols: fc.integer({ min: 1, max: 4 }) })
    .chain(({ rows, cols }) =>
      fc.record({
        cells: fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
        rowTotals: fc.boolean(),
        colTotals: fc.boolean(),
        grandTotal: fc.boolean(),
        // Now and then a number hidden by a linked table.
        hide: fc.record({
          cells: fc.array(fc.array(rarely, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
          rowTotals: fc.array(rarely, { minLength: rows, maxLength: rows }),
          colTotals: fc.array(rarely, { minLength: cols, maxLength: cols }),
          grandTotal: rarely,
        }),
      }),
    );

  it('no small number (cell or total) can be worked out from a published table, and every shown number is true', () => {
    const seen = { secondary: 0, withheld: 0, runs: 0 };
    fc.assert(
      fc.property(tables, (table) => {
        const out = suppressTable(table);
        seen.runs++;
        const cols = table.cells[0].length;
        const margins: [Shown | null, number][] = [
          ...table.cells.map((row, r): [Shown | null, number] => [out.rowTotals?.[r] ?? null, sum(row)]),
          ...table.cells[0].map((_, c): [Shown | null, number] => [out.colTotals?.[c] ?? null, sum(table.cells.map((row) => row[c]))]),
          [out.grandTotal, sum(table.cells.flat())],
        ];
        expect(out.rowTotals === null).toBe(!table.rowTotals);
        expect(out.colTotals === null).toBe(!table.colTotals);
        expect(out.grandTotal === null).toBe(!table.grandTotal);
        expect(out.cells.map((row) => row.length)).toEqual(table.cells.map(() => cols));
        if (out.withheld) {
          seen.withheld++;
          expect([...out.cells.flat(), ...margins.flatMap(([s]) => (s ? [s] : []))].every((s) => s.kind === 'hidden')).toBe(true);
          return;
        }
        table.cells.forEach((row, r) => row.forEach((v, c) => expect(faithful(out.cells[r][c], v), `cell ${r},${c}`).toBe(true)));
        table.cells.forEach((row, r) => row.forEach((v, c) => table.hide.cells[r][c] && v >= 5 && expect(out.cells[r][c], 'hidden as asked').toEqual(hidden)));
        for (const [s, v] of margins) if (s) expect(faithful(s, v), 'a total').toBe(true);
        if ([...out.cells.flat(), ...margins.map(([s]) => s)].some((s) => s?.kind === 'hidden')) seen.secondary++;
        expect(pinned(table, out)).toEqual([]);
      }),
      { numRuns: 400 },
    );
    // The property was exercised where it matters: many tables needed complements, few were withheld.
    expect(seen.secondary).toBeGreaterThan(seen.runs / 10);
    expect(seen.withheld).toBeLessThan(seen.runs / 10);
  });
});
