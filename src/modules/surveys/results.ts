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
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { processCache } from '../../platform/cache/process.js';
import type { Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { suppressTable, type Shown } from '../../platform/charts/suppress.js';
import { INCOME_GROUPS, UNESCO_REGIONS } from '../../platform/geo/countries.js';
import { STAKEHOLDER_GROUPS } from '../consultations/service.js';
import { surveyResponses, type Answers, type Question } from './schema.js';
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
/** The questions answered in words or with a date (as is "Other, please say"): never published, never read for the results. */
const TEXTS = new Set(['short-text', 'long-text', 'date']);

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

/** An answer's value as the key of its count (a number or a null as JSON writes it). */
const answerText = (x: unknown): string => (typeof x === 'string' ? x : JSON.stringify(x));

/** The median of answers in ascending order (the mean of the middle two when they are even in number). */
function median(sorted: readonly number[]): number {
  const at = (sorted.length - 1) * 0.5;
  const lo = sorted[Math.floor(at)]!;
  return Math.ceil(at) > Math.floor(at) ? lo + (sorted[Math.ceil(at)]! - lo) * 0.5 : lo;
}

/** What the results read of a survey's answers: the counted lines (rankings among them) and the number questions. */
interface Reading {
  lines: string[];
  ranking: Set<string>;
  numeric: string[];
}

const readingOf = (survey: SurveyRow): Reading => {
  const counted = survey.questions.filter((q) => COUNTED.has(q.type));
  return { lines: counted.flatMap(linesOf), ranking: new Set(counted.filter((q) => q.type === 'ranking').map((q) => q.key)), numeric: survey.questions.filter((q) => q.type === 'number').map((q) => q.key) };
};

/** A response as the results read it: its groups, and its answers to counted and number questions only (a text is never read). */
interface ResponseRow {
  id: string;
  /** The last byte of its id (0–255): responses are checked for changes a bucket at a time. */
  bucket: number;
  stakeholder: string | null;
  region: string | null;
  income_group: string | null;
  answers: Answers;
}

const BUCKETS = 256;
const bucketOf = sql`get_byte(uuid_send(${surveyResponses.id}), 15)`;

/** How many responses the survey has in each bucket, from the database. */
async function responsesPerBucket(db: Executor, surveyId: string): Promise<number[]> {
  const out = new Array<number>(BUCKETS).fill(0);
  const res = await db.execute(sql`select ${bucketOf} as b, count(*)::int as n from ${surveyResponses} where ${surveyResponses.surveyId} = ${surveyId} group by 1`);
  for (const r of (res as unknown as { rows: { b: number; n: number }[] }).rows) out[r.b] = r.n;
  return out;
}

/** The survey's responses (those of the given buckets, or all), without their texts (never published, never read here). */
async function responsesIn(db: Executor, survey: SurveyRow, reading: Reading, buckets: number[] | null): Promise<ResponseRow[]> {
  const read = new Set([...reading.lines, ...reading.numeric]);
  const texts = survey.questions.flatMap((q) => [...(TEXTS.has(q.type) ? [q.key] : []), ...(q.other ? [`${q.key}:other`] : [])]).filter((k) => !read.has(k));
  const res = await db.execute(sql`select ${surveyResponses.id} as id, ${bucketOf} as bucket, stakeholder, region, income_group,
      answers - array[${sql.join(texts.map((k) => sql`${k}`), sql`, `)}]::text[] as answers
    from ${surveyResponses} where ${surveyResponses.surveyId} = ${survey.id}
    ${buckets ? sql`and ${bucketOf} in (${sql.join(buckets.map((b) => sql`${b}`), sql`, `)})` : sql``}`);
  return (res as unknown as { rows: ResponseRow[] }).rows;
}


/**
 * Counts responses into `raw` as the grouped queries over their answers did — per option, per
 * answered line, per group — and the answers to number questions into `numbers`. First per
 * combination of the three groups (a few hundred at most), then each combination into the four
 * groupings: a few map updates per response rather than dozens.
 */
function countResponses(raw: Raw, numbers: Map<string, number[]>, reading: Reading, rows: readonly ResponseRow[]): void {
  type Combo = { groups: string[]; size: number; chosen: Map<string, Counts>; answered: Counts };
  const combos = new Map<string, Combo>();
  const chose = (c: Combo, line: string, x: unknown) => {
    let counts = c.chosen.get(line);
    if (!counts) c.chosen.set(line, (counts = new Map()));
    bump(counts, answerText(x), 1);
  };
  for (const r of rows) {
    const s = r.stakeholder ?? 'unknown';
    const g = r.region ?? 'unknown';
    const i = r.income_group ?? 'unknown';
    const key = `${s}\u0000${g}\u0000${i}`;
    let c = combos.get(key);
    if (!c) combos.set(key, (c = { groups: ['*', `stakeholder|${s}`, `region|${g}`, `income|${i}`], size: 0, chosen: new Map(), answered: new Map() }));
    c.size++;
    for (const line of reading.lines) {
      if (!Object.hasOwn(r.answers, line)) continue;
      const value = r.answers[line];
      bump(c.answered, line, 1);
      if (reading.ranking.has(line)) {
        // A ranking's table counts first places; its mean places come from the sum of each item's places.
        (Array.isArray(value) ? value : [value]).forEach((x, p) => bump(raw.placeSum, `${line}|${answerText(x)}`, p + 1));
        if (Array.isArray(value)) chose(c, line, value.length ? value[0] : null);
      } else if (Array.isArray(value)) for (const x of value) chose(c, line, x);
      else chose(c, line, value);
    }
    for (const key of reading.numeric) {
      const value = Object.hasOwn(r.answers, key) ? r.answers[key] : undefined;
      if (typeof value !== 'number') continue;
      const list = numbers.get(key);
      if (list) list.push(value);
      else numbers.set(key, [value]);
    }
  }
  for (const c of combos.values()) {
    for (const g of c.groups) bump(raw.sizes, g, c.size);
    for (const [line, n] of c.answered) for (const g of c.groups) bump(raw.answered, `${line}|${g}`, n);
    for (const [line, counts] of c.chosen) for (const [option, n] of counts) for (const g of c.groups) bump(raw.chosen, `${line}|${option}|${g}`, n);
  }
}

/**
 * The counts of the survey's responses as a cache keeps them: the responses counted (their ids per
 * bucket, sorted — no order of arrival is kept), the counts, and their suppression.
 */
export interface Tally {
  ids: readonly (readonly string[])[];
  n: number;
  raw: Raw;
  /** The answers to each number question, in ascending order (for the median and the mean). */
  numberAnswers: Map<string, number[]>;
  published: ReturnType<typeof suppressAll>;
  version: string;
}

let states = 0;

/**
 * `base` (or nothing) with `rows` counted too: a new tally, `base` is left as it is. Null when a
 * response `base` counted is no longer in its bucket (then everything is counted again).
 */
function withResponses(survey: SurveyRow, reading: Reading, base: Tally | null, rows: ResponseRow[], buckets: number[] | null): Tally | null {
  const counted = base ? [...base.ids] : Array.from({ length: BUCKETS }, () => [] as string[]);
  const fresh: ResponseRow[] = [];
  if (base) {
    const seen = new Map<number, Set<string>>((buckets ?? []).map((b) => [b, new Set()]));
    for (const r of rows) seen.get(r.bucket)?.add(r.id);
    for (const [b, now] of seen) if (base.ids[b]!.some((id) => !now.has(id))) return null;
    for (const r of rows) if (!base.ids[r.bucket]!.includes(r.id)) fresh.push(r);
  } else fresh.push(...rows);
  const raw: Raw = base
    ? { chosen: new Map(base.raw.chosen), answered: new Map(base.raw.answered), sizes: new Map(base.raw.sizes), placeSum: new Map(base.raw.placeSum), numbers: new Map(base.raw.numbers) }
    : { chosen: new Map(), answered: new Map(), sizes: new Map(), placeSum: new Map(), numbers: new Map() };
  const newNumbers = new Map<string, number[]>();
  countResponses(raw, newNumbers, reading, fresh);
  const added = new Map<number, string[]>();
  for (const r of fresh) {
    const list = added.get(r.bucket);
    if (list) list.push(r.id);
    else added.set(r.bucket, [r.id]);
  }
  for (const [b, list] of added) counted[b] = [...counted[b]!, ...list].sort();
  const numberAnswers = new Map(base?.numberAnswers ?? []);
  for (const [key, values] of newNumbers) {
    const before = numberAnswers.get(key);
    const sorted = [...(before ?? []), ...values].sort((a, b) => a - b);
    numberAnswers.set(key, sorted);
    // Summed in ascending order, however the answers arrived: the same answers give the same mean.
    raw.numbers.set(key, { n: sorted.length, median: median(sorted), mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length });
  }
  const n = (base?.n ?? 0) + fresh.length;
  return { ids: counted, n, raw, numberAnswers, published: suppressAll(plans(survey, raw)), version: `${survey.id}:${survey.updatedAt.getTime()}:${n}:${++states}` };
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
 * The counts and their suppression, kept per survey (and version of its questions). Each request
 * asks the database how many responses each bucket holds (one grouped index scan); where a bucket
 * has more than was counted, only that bucket's responses are read, and those not yet counted are
 * added — so every instance sees every response stored before the request, whichever instance
 * stored it, at the cost of reading a few dozen responses. A bucket with fewer responses, or
 * without one that was counted, has lost one: everything is counted again. Each call of
 * `resultCounts` is one instance's memory (the tests make two).
 */
export function resultCounts(tallies = new LRUCache<string, Tally>({ max: 32 })): (db: Executor, survey: SurveyRow) => Promise<Tally> {
  return async (db, survey) => {
    const key = `${survey.id}:${survey.updatedAt.getTime()}`;
    const stored = await responsesPerBucket(db, survey.id);
    const base = tallies.get(key);
    const changed = base ? stored.flatMap((n, b) => (n === base.ids[b]!.length ? [] : [b])) : [];
    if (base && changed.length === 0) return base;
    const reading = readingOf(survey);
    let tally: Tally | null = null;
    // Many buckets changed at once (a batch of paper answers): one read of everything is as cheap.
    if (base && changed.length <= BUCKETS / 4 && changed.every((b) => stored[b]! > base.ids[b]!.length)) {
      tally = withResponses(survey, reading, base, await responsesIn(db, survey, reading, changed), changed);
    }
    tally ??= withResponses(survey, reading, null, await responsesIn(db, survey, reading, null), null)!;
    tallies.set(key, tally);
    return tally;
  };
}

/** This instance's counts. */
const countedAndSuppressed = resultCounts(processCache(new LRUCache<string, Tally>({ max: 32 })));

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
