/**
 * Small-cell suppression for published count tables (survey results, participation figures): no
 * published number lets a reader tell that 1 to 4 people gave an answer, and no total lets them
 * work such a number out.
 *
 * A table is `cells[r][c]`: rows are the options, columns the groups (regions…); a list of counts
 * is a table of one column. Each kind of margin is published as the sum of its line or not at all:
 * a multiple-choice question's respondents per group are not the sum of its option counts, so that
 * margin is left out here (shown elsewhere, it gives the reader no equation).
 *
 * Primary suppression: a count (cell or margin) of 1 to threshold−1 is shown as "small". A zero is
 * shown: it says that nobody gave the answer, and singles nobody out.
 *
 * Secondary suppression: while a reader could still pin down a small number exactly, more
 * published numbers ≥ threshold are hidden (see `complement`); a table no hiding can make safe is
 * withheld whole. The reader modelled knows every shown number, that "small" is 1..threshold−1,
 * and, as this algorithm is public and only ever hides numbers ≥ threshold, that "hidden" is
 * ≥ threshold. Not modelled: a reader who re-runs this algorithm on every candidate table to keep
 * only those it would have suppressed the same way (from the choice of complements, such a reader
 * learns e.g. that a hidden count was the cheapest one to hide); common disclosure-control tools
 * leave that out too.
 *
 * Why the check of "pinned down" is exact. Make the table a circulation: a node per row and per
 * column, K (the column of row totals) and P (the row of column totals); cell (r,c) is a flow
 * r→c, row total K→r, column total c→P, grand total P→K, and every node balances because each total
 * is the sum of its line. The reader knows a range per edge: a shown number [v,v], "small"
 * [1,t−1], "hidden" [t,∞), a total that is not a published equation (−∞,∞). The incidence matrix of
 * a directed graph is totally unimodular, so the tables the reader cannot rule out are the integer
 * points of an integral polytope, and the values one edge takes among them are an integer
 * interval: a number v is pinned iff neither v+1 nor v−1 is possible. If v+1 is possible, the
 * difference between that table and the true one is an integer circulation; it splits into cycles
 * whose signs agree with it edge by edge, so the cycle through the edge keeps every edge between
 * its true and its other value, hence in range. That cycle is a path from the edge's head back to
 * its tail in the residual graph (along an edge that can still rise, against one that can still
 * fall), not using the edge itself; conversely such a path gives a table with v+1. v−1 likewise,
 * with the path from tail to head.
 */

/** How one number of the table is published. */
export type Shown = { kind: 'value'; value: number } | { kind: 'small' } | { kind: 'hidden' };

export interface CountTable {
  /** Non-negative whole counts; every row as long as the first. */
  cells: readonly (readonly number[])[];
  /** Publish each row's total (the sum of its cells). */
  rowTotals?: boolean;
  /** Publish each column's total (the sum of its cells). */
  colTotals?: boolean;
  /** Publish the sum of all cells. */
  grandTotal?: boolean;
  /** The smallest count shown as a number (other than 0); 5 unless said. */
  threshold?: number;
  /**
   * Numbers to hide from the start, being hidden in another table that publishes them too (same
   * shape as the table and its margins). Only a number ≥ threshold can be hidden elsewhere: a
   * small one stays "small", a zero stays 0.
   */
  /**
   * Published totals that may never be hidden as complements, being published as they are
   * elsewhere (e.g. a year's count of participants, the total of several breakdowns): then the
   * complements are cells only, or the table is withheld.
   */
  keepTotals?: boolean;
  hide?: { cells?: readonly (readonly boolean[])[]; rowTotals?: readonly boolean[]; colTotals?: readonly boolean[]; grandTotal?: boolean };
}

export interface SuppressedTable {
  /** True when no suppression makes the table safe: then every number is hidden; publish none. */
  withheld: boolean;
  cells: Shown[][];
  /** Null when that margin is not published. */
  rowTotals: Shown[] | null;
  colTotals: Shown[] | null;
  grandTotal: Shown | null;
}

/** 'free': a total that is not published, so no equation for the reader. */
type State = 'value' | 'small' | 'hidden' | 'free';
interface Edge {
  from: number;
  to: number;
  value: number;
  state: State;
  /** May not be hidden (see `keepTotals`). */
  keep?: boolean;
}

/** The cheapest residual path found: the shown numbers on it (to hide) and their total. */
interface Path {
  hide: number[];
  cost: number;
}

/** The table as it may be published: small numbers "small", complements hidden, or all withheld. */
export function suppressTable(table: CountTable): SuppressedTable {
  const t = table.threshold ?? 5;
  const rows = table.cells.length;
  const cols = rows ? table.cells[0].length : 0;
  if (!Number.isInteger(t) || t < 1) throw new RangeError(`threshold must be a whole number ≥ 1, not ${t}`);
  for (const row of table.cells) {
    if (row.length !== cols) throw new RangeError('every row of the table must have as many cells as the first');
    for (const v of row) if (!Number.isInteger(v) || v < 0) throw new RangeError(`counts must be whole numbers ≥ 0, not ${v}`);
  }

  // Nodes: rows 0..rows−1, columns rows..rows+cols−1, then K and P. Edges: cells row by row, row
  // totals, column totals, grand total (the order `shown` reads them back in).
  const K = rows + cols;
  const P = K + 1;
  const edges: Edge[] = [];
  const add = (from: number, to: number, value: number, published: boolean, hidden = false, keep = false) =>
    edges.push({ from, to, value, keep, state: !published ? 'free' : value >= 1 && value < t ? 'small' : hidden && value >= t ? 'hidden' : 'value' });
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const hide = table.hide ?? {};
  table.cells.forEach((row, r) => row.forEach((v, c) => add(r, rows + c, v, true, hide.cells?.[r]?.[c])));
  const keep = !!table.keepTotals;
  table.cells.forEach((row, r) => add(K, r, sum(row), !!table.rowTotals, hide.rowTotals?.[r], keep));
  for (let c = 0; c < cols; c++) add(rows + c, P, sum(table.cells.map((row) => row[c])), !!table.colTotals, hide.colTotals?.[c], keep);
  add(P, K, sum(table.cells.map(sum)), !!table.grandTotal, hide.grandTotal, keep);

  const low = (e: Edge) => (e.state === 'value' ? e.value : e.state === 'small' ? 1 : e.state === 'hidden' ? t : -Infinity);
  const high = (e: Edge) => (e.state === 'value' ? e.value : e.state === 'small' ? t - 1 : Infinity);

  /**
   * The cheapest path from `start` to `goal` in the residual graph without edge `skip`. Suppressed
   * numbers and unpublished totals move for free; with `hiding`, a shown number ≥ t may be used
   * too, at the cost of its value, as the range it would get once hidden ([t,∞)) allows: it can
   * always rise, and fall only from above t. Dijkstra over the few nodes of a table.
   */
  function cheapest(start: number, goal: number, skip: number, hiding: boolean): Path | null {
    const arcs: { from: number; to: number; edge: number; cost: number }[][] = Array.from({ length: P + 1 }, () => []);
    const arc = (from: number, to: number, edge: number, cost: number) => arcs[from].push({ from, to, edge, cost });
    edges.forEach((e, i) => {
      if (i === skip) return;
      if (e.state !== 'value') {
        if (e.value < high(e)) arc(e.from, e.to, i, 0);
        if (e.value > low(e)) arc(e.to, e.from, i, 0);
      } else if (hiding && e.value >= t && !e.keep) {
        arc(e.from, e.to, i, e.value);
        if (e.value > t) arc(e.to, e.from, i, e.value);
      }
    });
    const dist = new Array<number>(P + 1).fill(Infinity);
    const via = new Array<(typeof arcs)[number][number] | undefined>(P + 1);
    const done = new Array<boolean>(P + 1).fill(false);
    dist[start] = 0;
    for (;;) {
      let u = -1;
      for (let n = 0; n <= P; n++) if (!done[n] && dist[n] < Infinity && (u < 0 || dist[n] < dist[u])) u = n;
      if (u < 0) return null;
      if (u === goal) break;
      done[u] = true;
      for (const a of arcs[u]) {
        if (dist[u] + a.cost < dist[a.to]) {
          dist[a.to] = dist[u] + a.cost;
          via[a.to] = a;
        }
      }
    }
    const hide: number[] = [];
    for (let n = goal; n !== start; n = via[n]!.from) if (via[n]!.cost > 0) hide.push(via[n]!.edge);
    return { hide, cost: dist[goal] };
  }

  /** The cheapest way to let edge i move by one (a cycle through it, either way), or null if none. */
  function complement(i: number, hiding: boolean): Path | null {
    const e = edges[i];
    const up = e.value < high(e) ? cheapest(e.to, e.from, i, hiding) : null;
    const down = e.value > low(e) ? cheapest(e.from, e.to, i, hiding) : null;
    return up && (!down || up.cost <= down.cost) ? up : down;
  }

  // One complement set per pinned small number, the cheapest cycle through it: so the hidden counts
  // are small ones, in lines that already hold suppressed numbers, and a total only when no cell
  // will do. One cell at a time would not be enough: two small cells in one column need a rectangle.
  let withheld = false;
  for (;;) {
    const pinned = edges.findIndex((e, i) => e.state === 'small' && !complement(i, false));
    if (pinned < 0) break;
    const path = complement(pinned, true);
    if (!path) {
      withheld = true;
      break;
    }
    for (const i of path.hide) edges[i].state = 'hidden';
  }

  const shown = (e: Edge): Shown =>
    withheld || e.state === 'hidden' ? { kind: 'hidden' } : e.state === 'small' ? { kind: 'small' } : { kind: 'value', value: e.value };
  const margin = rows * cols;
  return {
    withheld,
    cells: table.cells.map((row, r) => row.map((_, c) => shown(edges[r * cols + c]))),
    rowTotals: table.rowTotals ? edges.slice(margin, margin + rows).map(shown) : null,
    colTotals: table.colTotals ? edges.slice(margin + rows, margin + rows + cols).map(shown) : null,
    grandTotal: table.grandTotal ? shown(edges[margin + rows + cols]) : null,
  };
}
