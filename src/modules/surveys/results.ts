/**
 * A survey's results: per option, how many chose it (never combinations of options), overall and
 * broken down by one of three fixed dimensions — stakeholder type, region, income group — with
 * small numbers suppressed.
 *
 * Suppression runs over every table the survey publishes, on every page and in every download, as
 * one system: an option's total is the same number in the overall table and as the row total of each
 * breakdown; a group's number of respondents is the same in the table of respondents and (for a
 * required single-choice question) as a column total of that question's breakdown. A number hidden
 * in one table is hidden in all of them, until nothing changes — else a reader could read in one
 * table what another hides, and work out a small count from it.
 */
import { count, eq, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { processCache } from '../../platform/cache/process.js';
import type { Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { suppressTable, type Shown } from '../../platform/charts/suppress.js';
import { INCOME_GROUPS, UNESCO_REGIONS } from '../../platform/geo/countries.js';
import { STAKEHOLDER_GROUPS } from '../consultations/service.js';
import { surveyResponses, type Question } from './schema.js';
import { surveyPolicy } from './policy.js';
import { isParticipant, type SurveyRow } from './respond.js';

export const DIMENSIONS = ['stakeholder', 'region', 'income'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const isDimension = (v: unknown): v is Dimension => typeof v === 'string' && (DIMENSIONS as readonly string[]).includes(v);

/** The groups of each dimension, in a fixed order; `unknown` holds responses that did not say (answers entered from paper). */
export const GROUPS: Record<Dimension, readonly string[]> = {
  stakeholder: [...STAKEHOLDER_GROUPS, 'unknown'],
  region: [...UNESCO_REGIONS, 'unknown'],
  income: [...INCOME_GROUPS, 'unknown'],
};

/** The questions whose answers are counted per option, and what their options are. */
const COUNTED = new Set(['single', 'multiple', 'rating', 'matrix', 'ranking']);

/** A table as published: options down, groups across (one column, "All", without a breakdown). */
export interface ResultTable {
  /** The matrix row it is about, for a matrix question. */
  row?: string;
  options: string[];
  /** Per option, per group. */
  cells: Shown[][];
  /** Per option, all groups together. */
  totals: Shown[];
  /** Per group, how many answered (null when it is not a total of the column, for several choices). */
  answered: Shown[] | null;
  all: Shown;
  withheld: boolean;
}

export interface QuestionResult {
  question: Question;
  /** How many answered, all groups together. */
  answered: Shown;
  tables: ResultTable[];
  /** A number question: its median and mean when at least 5 answered. */
  numbers?: { median: number; mean: number } | null;
  /** A ranking: the mean place of each item (1 is first), when at least 5 ranked. */
  meanPlace?: Record<string, number> | null;
}

export interface SurveyResults {
  /** Changes whenever the counts may have: for caching what is drawn from them (the charts). */
  version: string;
  total: Shown;
  by: Dimension | null;
  /** The groups shown across, in order (those with a response). */
  groups: string[];
  /** Respondents per group. */
  respondents: Shown[];
  questions: QuestionResult[];
}

type Counts = Map<string, number>;
const bump = (m: Counts, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

/** The options counted for a question: its choices (and "other"), a rating's steps. */
export function optionsOf(q: Question): string[] {
  if (q.type === 'rating') {
    const min = q.min ?? 1;
    const max = q.max ?? 5;
    return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => String(min + i));
  }
  return [...q.choices.map((c) => c.key), ...((q.type === 'single' || q.type === 'multiple') && q.other ? ['other'] : [])];
}

/** The lines counted: a matrix's rows each (`key:row`), a question otherwise. */
const linesOf = (q: Question): string[] => (q.type === 'matrix' ? q.rows.map((r) => `${q.key}:${r.key}`) : [q.key]);

interface Raw {
  /** Count per `line|option|dim|group` ('*' for all groups). */
  chosen: Counts;
  /** Answered per `line|dim|group`. */
  answered: Counts;
  /** Respondents per `dim|group`, and '*' for all. */
  sizes: Counts;
  /** Ranking: sum of places per `key|option`, and how many ranked it. */
  placeSum: Counts;
  numbers: Map<string, { median: number; mean: number; n: number }>;
}

/** Every count the results need, in four queries whatever the number of responses. */
async function rawCounts(db: Executor, survey: SurveyRow): Promise<Raw> {
  const counted = survey.questions.filter((q) => COUNTED.has(q.type));
  const lines = counted.flatMap(linesOf);
  const ranking = counted.filter((q) => q.type === 'ranking').map((q) => q.key);
  const numeric = survey.questions.filter((q) => q.type === 'number').map((q) => q.key);
  const list = (keys: string[]) => (keys.length ? sql.join(keys.map((k) => sql`${k}`), sql`, `) : sql`null`);
  const sets = sql`grouping sets ((1, 2), (1, 2, stakeholder), (1, 2, region), (1, 2, income_group))`;
  const dims = sql`grouping(stakeholder) as gs, grouping(region) as gr, grouping(income_group) as gi, stakeholder, region, income_group`;
  const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
  type DimRow = { gs: number; gr: number; gi: number; stakeholder: string | null; region: string | null; income_group: string | null; n: number };
  const [chosen, answered, sizes, numbers] = await Promise.all([
    lines.length
      ? db.execute(sql`select a.key, v.value, ${dims}, count(*)::int as n, sum(v.pos)::int as places
          from ${surveyResponses} r
          cross join lateral jsonb_each(r.answers) a
          cross join lateral jsonb_array_elements_text(case jsonb_typeof(a.value) when 'array' then a.value else jsonb_build_array(a.value) end) with ordinality v(value, pos)
          where r.survey_id = ${survey.id} and a.key in (${list(lines)})
          group by ${sets}`)
      : { rows: [] },
    lines.length
      ? db.execute(sql`select a.key, null as value, ${dims}, count(*)::int as n
          from ${surveyResponses} r cross join lateral jsonb_each(r.answers) a
          where r.survey_id = ${survey.id} and a.key in (${list(lines)})
          group by grouping sets ((1), (1, stakeholder), (1, region), (1, income_group))`)
      : { rows: [] },
    db.execute(sql`select ${dims}, count(*)::int as n from ${surveyResponses} r where r.survey_id = ${survey.id}
        group by grouping sets ((), (stakeholder), (region), (income_group))`),
    numeric.length
      ? db.execute(sql`select a.key, count(*)::int as n, avg((a.value #>> '{}')::numeric)::float8 as mean,
            percentile_cont(0.5) within group (order by (a.value #>> '{}')::numeric)::float8 as median
          from ${surveyResponses} r cross join lateral jsonb_each(r.answers) a
          where r.survey_id = ${survey.id} and a.key in (${list(numeric)}) and jsonb_typeof(a.value) = 'number'
          group by a.key`)
      : { rows: [] },
  ]);
  const where = (r: DimRow): string => (r.gs === 0 ? `stakeholder|${r.stakeholder ?? 'unknown'}` : r.gr === 0 ? `region|${r.region ?? 'unknown'}` : r.gi === 0 ? `income|${r.income_group ?? 'unknown'}` : '*');
  const raw: Raw = { chosen: new Map(), answered: new Map(), sizes: new Map(), placeSum: new Map(), numbers: new Map() };
  for (const r of rows<DimRow & { key: string; value: string; places: number }>(chosen)) {
    // A ranking's table counts first places (read below); here only the sum of each item's places.
    if (!ranking.includes(r.key)) bump(raw.chosen, `${r.key}|${r.value}|${where(r)}`, r.n);
    else if (where(r) === '*') bump(raw.placeSum, `${r.key}|${r.value}`, r.places);
  }
  if (ranking.length) {
    // First places per group, for the ranking's table.
    const firsts = await db.execute(sql`select a.key, a.value #>> '{0}' as value, ${dims}, count(*)::int as n
        from ${surveyResponses} r cross join lateral jsonb_each(r.answers) a
        where r.survey_id = ${survey.id} and a.key in (${list(ranking)}) and jsonb_typeof(a.value) = 'array'
        group by grouping sets ((1, 2), (1, 2, stakeholder), (1, 2, region), (1, 2, income_group))`);
    for (const r of rows<DimRow & { key: string; value: string }>(firsts)) raw.chosen.set(`${r.key}|${r.value}|${where(r)}`, r.n);
  }
  for (const r of rows<DimRow & { key: string }>(answered)) bump(raw.answered, `${r.key}|${where(r)}`, r.n);
  for (const r of rows<DimRow>(sizes)) bump(raw.sizes, where(r), r.n);
  for (const r of rows<{ key: string; n: number; mean: number; median: number }>(numbers)) raw.numbers.set(r.key, { n: r.n, mean: r.mean, median: r.median });
  return raw;
}

/** Does a column of this line's breakdown sum to how many answered in the group? Yes when each answer is one option. */
const sums = (q: Question) => q.type !== 'multiple';

/** The identity of each published number, so that one number hidden somewhere is hidden everywhere. */
const ids = {
  total: (line: string, option: string) => `T|${line}|${option}`,
  answered: (line: string, dim: Dimension | '*', group: string, q: Question) =>
    // Everyone answers a required question that is always shown: how many answered it in a group is how many responded there.
    q.required && q.when.length === 0 && q.type !== 'matrix' ? (dim === '*' ? 'N' : `S|${dim}|${group}`) : `A|${line}|${dim}|${group}`,
  size: (dim: Dimension, group: string) => `S|${dim}|${group}`,
};

interface Plan {
  cells: number[][];
  ids: { cells: string[][]; rows: string[]; cols: string[]; all: string };
  rowTotals: boolean;
  colTotals: boolean;
  grandTotal: boolean;
}

/** Every table the survey publishes: per dimension (and overall) the respondents, and each counted line. */
function plans(survey: SurveyRow, raw: Raw): Map<string, Plan> {
  const out = new Map<string, Plan>();
  const groupsOf = (dim: Dimension) => GROUPS[dim].filter((g) => (raw.sizes.get(`${dim}|${g}`) ?? 0) > 0);
  for (const dim of DIMENSIONS) {
    const groups = groupsOf(dim);
    out.set(`respondents|${dim}`, {
      cells: groups.map((g) => [raw.sizes.get(`${dim}|${g}`) ?? 0]),
      ids: { cells: groups.map((g) => [ids.size(dim, g)]), rows: groups.map((g) => ids.size(dim, g)), cols: ['N'], all: 'N' },
      rowTotals: false,
      colTotals: true,
      grandTotal: false,
    });
  }
  for (const q of survey.questions.filter((x) => COUNTED.has(x.type))) {
    const options = optionsOf(q);
    for (const line of linesOf(q)) {
      const answeredAll = ids.answered(line, '*', '*', q);
      out.set(`${line}|*`, {
        cells: options.map((o) => [raw.chosen.get(`${line}|${o}|*`) ?? 0]),
        ids: { cells: options.map((o) => [ids.total(line, o)]), rows: options.map((o) => ids.total(line, o)), cols: [answeredAll], all: answeredAll },
        rowTotals: false,
        colTotals: sums(q),
        grandTotal: false,
      });
      for (const dim of DIMENSIONS) {
        const groups = groupsOf(dim);
        out.set(`${line}|${dim}`, {
          cells: options.map((o) => groups.map((g) => raw.chosen.get(`${line}|${o}|${dim}|${g}`) ?? 0)),
          ids: { cells: options.map((o) => groups.map((g) => `C|${line}|${o}|${dim}|${g}`)), rows: options.map((o) => ids.total(line, o)), cols: groups.map((g) => ids.answered(line, dim, g, q)), all: answeredAll },
          rowTotals: true,
          colTotals: sums(q),
          grandTotal: sums(q),
        });
      }
    }
  }
  return out;
}

/**
 * Suppresses every table, hiding in each what is hidden in any, until nothing changes. Returns the
 * published form of each table, by the same names as `plans`.
 */
export function suppressAll(tables: Map<string, Plan>): Map<string, ReturnType<typeof suppressTable>> {
  const hidden = new Set<string>();
  for (;;) {
    const out = new Map<string, ReturnType<typeof suppressTable>>();
    let grew = false;
    for (const [name, p] of tables) {
      const s = suppressTable({
        cells: p.cells,
        rowTotals: p.rowTotals,
        colTotals: p.colTotals,
        grandTotal: p.grandTotal,
        hide: {
          cells: p.ids.cells.map((row) => row.map((id) => hidden.has(id))),
          rowTotals: p.ids.rows.map((id) => hidden.has(id)),
          colTotals: p.ids.cols.map((id) => hidden.has(id)),
          grandTotal: hidden.has(p.ids.all),
        },
      });
      const note = (id: string, shown: Shown | undefined) => {
        if (shown?.kind === 'hidden' && !hidden.has(id)) {
          hidden.add(id);
          grew = true;
        }
      };
      s.cells.forEach((row, r) => row.forEach((x, c) => note(p.ids.cells[r]![c]!, x)));
      s.rowTotals?.forEach((x, r) => note(p.ids.rows[r]!, x));
      s.colTotals?.forEach((x, c) => note(p.ids.cols[c]!, x));
      if (s.grandTotal) note(p.ids.all, s.grandTotal);
      out.set(name, s);
    }
    if (!grew) return out;
  }
}

/**
 * The counts and their suppression, kept per survey. Responses are only ever added (never changed or
 * removed: erasure leaves them, as they name no one), so a survey's number of responses, with the
 * time its definition last changed, names one state of its counts; a count query (an index scan) is
 * all a repeated results page costs the database. Each instance keeps its own copy.
 */
const counted = processCache(new LRUCache<string, { raw: Raw; published: ReturnType<typeof suppressAll> }>({ max: 32 }));

async function countedAndSuppressed(db: Executor, survey: SurveyRow) {
  const [row] = await db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id));
  const version = `${survey.id}:${survey.updatedAt.getTime()}:${row?.n ?? 0}`;
  let hit = counted.get(version);
  if (!hit) {
    const raw = await rawCounts(db, survey);
    hit = { raw, published: suppressAll(plans(survey, raw)) };
    counted.set(version, hit);
  }
  return { ...hit, version };
}

/** The survey's results as a reader may see them, broken down by `by` (or not). */
export async function surveyResults(db: Executor, actor: MaybeActor, survey: SurveyRow, by: Dimension | null, now: Date): Promise<SurveyResults> {
  authorize(surveyPolicy.seeResults(actor, survey, now, await isParticipant(db, actor, survey)), 'surveys.results');
  const { raw, published, version } = await countedAndSuppressed(db, survey);
  const dim = by ?? 'stakeholder';
  const respondents = published.get(`respondents|${dim}`)!;
  const groups = GROUPS[dim].filter((g) => (raw.sizes.get(`${dim}|${g}`) ?? 0) > 0);
  const total = respondents.colTotals?.[0] ?? ({ kind: 'hidden' } as const);
  const questions: QuestionResult[] = survey.questions.map((q) => {
    if (!COUNTED.has(q.type)) {
      const n = q.type === 'number' ? (raw.numbers.get(q.key)?.n ?? 0) : 0;
      const stats = raw.numbers.get(q.key);
      return { question: q, answered: n >= 5 ? { kind: 'value', value: n } : n === 0 ? { kind: 'value', value: 0 } : { kind: 'small' }, tables: [], numbers: stats && stats.n >= 5 ? { median: stats.median, mean: stats.mean } : null };
    }
    const options = optionsOf(q);
    const result: QuestionResult = {
      question: q,
      answered: { kind: 'value', value: 0 },
      tables: linesOf(q).map((line) => {
        const overall = published.get(`${line}|*`)!;
        const broken = by ? published.get(`${line}|${by}`)! : null;
        const answered = overall.colTotals?.[0] ?? null;
        return {
          row: q.type === 'matrix' ? line.slice(q.key.length + 1) : undefined,
          options,
          cells: broken ? broken.cells : overall.cells,
          totals: broken ? broken.rowTotals! : overall.cells.map((r) => r[0]!),
          answered: broken ? broken.colTotals : null,
          all: broken?.grandTotal ?? answered ?? { kind: 'hidden' },
          withheld: broken ? broken.withheld : overall.withheld,
        };
      }),
    };
    const n = raw.answered.get(`${linesOf(q)[0]}|*`) ?? 0;
    // How many answered a multiple-choice question is no total of its table (a person counts once per option): published on its own, small or not.
    const alone = q.type === 'multiple';
    // Asked of everyone, it is the number of responses, shown (or hidden) as that is.
    const everyone = q.required && q.when.length === 0;
    result.answered =
      alone && everyone ? total : n === 0 ? { kind: 'value', value: 0 } : n < 5 ? { kind: 'small' } : !alone && result.tables[0]!.all.kind === 'hidden' ? { kind: 'hidden' } : { kind: 'value', value: n };
    if (q.type === 'ranking') {
      result.meanPlace = n >= 5 ? Object.fromEntries(options.map((o) => [o, (raw.placeSum.get(`${q.key}|${o}`) ?? 0) / n])) : null;
    }
    return result;
  });
  return { version, total, by, groups, respondents: respondents.cells.map((r) => r[0]!), questions };
}
