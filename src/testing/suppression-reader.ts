import { expect } from 'vitest';
import type { CountTable, Shown, SuppressedTable } from '../platform/charts/suppress.js';

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
export function pinned(table: Pick<CountTable, 'cells'>, out: SuppressedTable): string[] {
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

export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Every number of `out` against the truth: visible ones true and ≥ 5 (or 0), small ones 1..4, hidden ones ≥ 5. */
export function faithful(shown: Shown, truth: number): boolean {
  if (shown.kind === 'value') return shown.value === truth && (truth === 0 || truth >= 5);
  if (shown.kind === 'small') return truth >= 1 && truth <= 4;
  return truth >= 5;
}

