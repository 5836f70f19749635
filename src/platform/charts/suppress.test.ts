import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suppressTable, type Shown } from './suppress.js';
import { faithful, pinned, sum } from '../../testing/suppression-reader.js';

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
