import { LRUCache } from 'lru-cache';
import type { Executor } from '../../db/client.js';
import { UNVERSIONED_TABLES } from '../../db/content.js';
import { recordQueries } from '../../db/reads.js';
import { processCache } from '../cache/process.js';
import { knownVersions } from '../cache/versions.js';
import { tablesNamed } from '../cache/pages.js';
import { incomeGroupOf, m49RegionOf } from '../geo/countries.js';
import { suppressTable, type Shown } from '../charts/suppress.js';
import { CATEGORIES, DIMENSIONS, NOT_STATED, figureSources, type Dimension, type FigureCount, type RegisteredSource } from './contract.js';

/** One figure's true counts: a total a year, and each breakdown as groups × years. */
export interface CountedFigure {
  key: string;
  module: string;
  label: string;
  definition: string;
  incomeAtTheTime: boolean;
  totals: number[];
  by: Record<Dimension, number[][]>;
}

export interface Counted {
  years: number[];
  /** The income classification the countries were placed in (figures whose income group was kept at the time excepted). */
  incomeYear: string;
  figures: CountedFigure[];
}

/** The groups of each breakdown a count falls in. */
function groupsOf(c: FigureCount, incomeYear: string): Record<Dimension, string> {
  const country = c.country ?? null;
  const region = country ? m49RegionOf(country) : (c.region ?? null);
  const income = country ? incomeGroupOf(country, incomeYear) : (c.incomeGroup ?? null);
  return { stakeholder: c.stakeholder ?? NOT_STATED, region: region ?? NOT_STATED, income: income ?? NOT_STATED };
}

/** Adds up one figure's counts into its totals and breakdowns, years `years`. */
export function tally(source: Pick<RegisteredSource, 'key' | 'module' | 'label' | 'definition' | 'incomeAtTheTime'>, counts: readonly FigureCount[], years: readonly number[], incomeYear: string): CountedFigure {
  const column = new Map(years.map((y, i) => [y, i]));
  const index = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map(CATEGORIES[d].map((c, i) => [c, i]))])) as Record<Dimension, Map<string, number>>;
  const totals = years.map(() => 0);
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, CATEGORIES[d].map(() => years.map(() => 0))])) as Record<Dimension, number[][]>;
  for (const c of counts) {
    const y = column.get(c.year);
    if (y === undefined || !c.n) continue;
    if (c.part !== 'place') totals[y] += c.n;
    const groups = groupsOf(c, incomeYear);
    for (const d of c.part === 'stakeholder' ? (['stakeholder'] as const) : c.part === 'place' ? (['region', 'income'] as const) : DIMENSIONS) by[d][index[d].get(groups[d]) ?? index[d].get(NOT_STATED)!][y] += c.n;
  }
  // Given apart, the two parts must count the same people: a breakdown that does not add up to its total would be published as if it did.
  for (const d of DIMENSIONS) {
    years.forEach((year, y) => {
      const sum = by[d].reduce((a, row) => a + row[y]!, 0);
      if (sum !== totals[y]) throw new Error(`figure ${source.key}, ${year}: the ${d} breakdown counts ${sum}, the total ${totals[y]}`);
    });
  }
  return { key: source.key, module: source.module, label: source.label, definition: source.definition, incomeAtTheTime: !!source.incomeAtTheTime, totals, by };
}

/**
 * A figure's counts, kept while the tables they were read from keep their versions (found from the
 * SQL the count sent, as the page cache does: src/platform/cache/pages.ts), so that a page counts
 * again only what changed. Counts read from a table without a version (the newsletter's
 * deliveries) are counted every time.
 */
const kept = processCache(new LRUCache<string, { deps: [string, number][]; counts: FigureCount[] }>({ max: 64 }));

async function countsOf(db: Executor, source: RegisteredSource, range: { from: number; to: number }): Promise<FigureCount[]> {
  // The versions before counting: a change while it counts makes the next reader count again.
  const known = await knownVersions(db);
  const key = `${source.key}:${range.from}:${range.to}`;
  const hit = kept.get(key);
  if (known && hit && hit.deps.every(([t, v]) => known.version(t) === v)) return hit.counts;
  const queries: string[] = [];
  const counts = await recordQueries(queries, () => source.count(db, range));
  if (known) {
    const tables = tablesNamed(known, queries);
    if (tables.size && ![...tables].some((t) => UNVERSIONED_TABLES.has(t))) kept.set(key, { deps: [...tables].map((t) => [t, known.version(t)]), counts });
  }
  return counts;
}

/** Every module's figures for the years `years`, counted in its own tables. */
export async function countFigures(db: Executor, years: readonly number[], incomeYear: string): Promise<Counted> {
  const range = { from: Math.min(...years), to: Math.max(...years) };
  const figures: CountedFigure[] = [];
  for (const s of figureSources()) figures.push(tally(s, await countsOf(db, s, range), years, incomeYear));
  return { years: [...years], incomeYear, figures };
}

/** The smallest number of people published as a number (other than 0): fewer is "fewer than 5". */
export const SMALL_NUMBER = 5;

/** One breakdown as it may be published. */
export interface PublishedBreakdown {
  categories: readonly string[];
  /** groups × years. */
  cells: Shown[][];
  /** Per year: no hiding made this breakdown safe (or the year's total is small), so none of its numbers is shown. */
  withheld: boolean[];
}

export interface PublishedFigure extends Omit<CountedFigure, 'totals' | 'by'> {
  totals: Shown[];
  /** Per year: the year's total was below the threshold, so none of its breakdowns is shown. */
  withheldYears: boolean[];
  by: Record<Dimension, PublishedBreakdown>;
}

export interface Published {
  years: number[];
  incomeYear: string;
  threshold: number;
  figures: PublishedFigure[];
}

const hidden: Shown = { kind: 'hidden' };
/** 1 to threshold − 1 people: said as "fewer than", never as the number (0 is said: it singles nobody out). */
export const isSmall = (n: number, threshold = SMALL_NUMBER) => n >= 1 && n < threshold;
const shownCount = (n: number, t: number): Shown => (isSmall(n, t) ? { kind: 'small' } : { kind: 'value', value: n });

/**
 * The figures as they may be published: no number lets a reader tell that 1 to threshold−1 people
 * are in a group, and no total lets them work one out.
 *
 * A year's total is published as it is (or as "small"): it is the same in the three breakdowns and
 * over the years, so it is never hidden to cover a cell (`keepTotals`); the cells do that. Known
 * totals make the three breakdowns of a year independent of each other, so each is made safe on its
 * own (src/platform/charts/suppress.ts); as no group's total over the years is published, so is
 * each year. A year whose total is small shows no breakdown at all.
 */
export function publishFigures(counted: Counted, threshold = SMALL_NUMBER): Published {
  const figures = counted.figures.map((f): PublishedFigure => {
    const withheldYears = f.totals.map((n) => n >= 1 && n < threshold);
    const by = Object.fromEntries(
      DIMENSIONS.map((d) => {
        const cells: Shown[][] = CATEGORIES[d].map(() => counted.years.map(() => hidden));
        const withheld = counted.years.map(() => true);
        counted.years.forEach((_, y) => {
          if (withheldYears[y]) return;
          // The year's total is known and no group's total over the years is published: each year is a table of its own.
          const out = suppressTable({ cells: f.by[d].map((row) => [row[y]]), colTotals: true, keepTotals: true, threshold });
          if (out.withheld) return;
          withheld[y] = false;
          out.cells.forEach((row, r) => (cells[r][y] = row[0]));
        });
        return [d, { categories: CATEGORIES[d], cells, withheld }];
      }),
    ) as Record<Dimension, PublishedBreakdown>;
    return { ...f, totals: f.totals.map((n) => shownCount(n, threshold)), withheldYears, by };
  });
  return { years: counted.years, incomeYear: counted.incomeYear, threshold, figures };
}

/**
 * The share of a figure's year that is in some groups of a breakdown, worked out only from what is
 * published: the groups' cells, or the total less every other cell. Null when the published numbers
 * do not give it (a group is suppressed on both sides) or nobody was counted that year.
 */
export function publishedShare(figure: PublishedFigure, dimension: Dimension, groups: readonly string[], yearIndex: number): { count: number; total: number; share: number } | null {
  const total = figure.totals[yearIndex];
  if (total?.kind !== 'value' || total.value === 0) return null;
  const { categories, cells } = figure.by[dimension];
  const wanted = new Set(groups);
  const add = (inside: boolean): number | null => {
    let sum = 0;
    for (let r = 0; r < categories.length; r++) {
      if (wanted.has(categories[r]) !== inside) continue;
      const s = cells[r][yearIndex];
      if (s.kind !== 'value') return null;
      sum += s.value;
    }
    return sum;
  };
  const inside = add(true);
  const outside = inside === null ? add(false) : null;
  const count = inside ?? (outside === null ? null : total.value - outside);
  return count === null ? null : { count, total: total.value, share: count / total.value };
}
