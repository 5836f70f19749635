import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { claimSubmission } from '../../platform/forms/once.js';
import { field } from '../../platform/forms/fields.js';
import { CURRENT_INCOME_YEAR, INCOME_YEARS, M49_REGIONS, isIncomeYear } from '../../platform/geo/countries.js';
import { CATEGORIES, STAKEHOLDER_TYPES, figureSources, type Dimension } from '../../platform/figures/contract.js';
import { countFigures, publishFigures, publishedShare, type Published, type PublishedFigure } from '../../platform/figures/tables.js';
import { figuresPolicy } from './policy.js';
import { figureTargets, type FigureTarget } from './schema.js';

export { figuresPolicy } from './policy.js';
export type { FigureTarget } from './schema.js';

/** How many years back the figures go at most; years before the first one with anybody counted are left out. */
export const YEARS_BACK = 10;

/** A group of a breakdown a target can be set on: its breakdown and its groups, as kept ("income:low+lower-middle"). */
export interface TargetGroup {
  dimension: Dimension;
  groups: string[];
}

/** The groups the Steering Committee can set a target on. */
export const TARGET_GROUPS: readonly TargetGroup[] = Object.freeze([
  { dimension: 'income', groups: ['low', 'lower-middle'] },
  { dimension: 'income', groups: ['low'] },
  ...M49_REGIONS.map((r): TargetGroup => ({ dimension: 'region', groups: [r] })),
  ...STAKEHOLDER_TYPES.filter((t) => t !== 'other').map((t): TargetGroup => ({ dimension: 'stakeholder', groups: [t] })),
]);

export const groupKey = (g: TargetGroup) => `${g.dimension}:${g.groups.join('+')}`;
const GROUP_KEYS = TARGET_GROUPS.map(groupKey) as [string, ...string[]];

/** The query of the public page and its downloads: a year and an income classification, each falling back when unknown. */
export const figuresQuery = z.object({
  year: z.coerce.number().int().min(1900).max(3000).optional().catch(undefined),
  income: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (isIncomeYear(v) ? v : undefined)),
});
export type FiguresQuery = z.output<typeof figuresQuery>;

export interface TargetProgress {
  target: FigureTarget;
  group: TargetGroup;
  figure: PublishedFigure;
  /** The share reached in each year of the figures (null: not published for that year). */
  reached: ({ count: number; total: number; share: number } | null)[];
}

export interface WhoTakesPart {
  published: Published;
  /** The year the breakdowns are shown for. */
  year: number;
  yearIndex: number;
  incomeYears: readonly string[];
  targets: TargetProgress[];
}

/**
 * The years shown: from the first in which anybody was counted (at most YEARS_BACK back) to this
 * one, and next year when somebody is counted in it already (the participants of a meeting to come).
 */
function trimYears(published: Published, thisYear: number): Published {
  const counted = (y: number) => published.figures.some((f) => !(f.totals[y]!.kind === 'value' && (f.totals[y] as { value: number }).value === 0));
  const current = published.years.indexOf(thisYear);
  const first = published.years.findIndex((_, y) => counted(y));
  const from = first < 0 || first > current ? current : first;
  const to = counted(published.years.length - 1) ? published.years.length : current + 1;
  const keep = <T,>(xs: T[]) => xs.slice(from, to);
  return {
    ...published,
    years: keep(published.years),
    figures: published.figures.map((f) => ({
      ...f,
      totals: keep(f.totals),
      withheldYears: keep(f.withheldYears),
      by: Object.fromEntries(Object.entries(f.by).map(([d, b]) => [d, { ...b, cells: b.cells.map(keep), withheld: keep(b.withheld) }])) as PublishedFigure['by'],
    })),
  };
}

/** Every module's figures, small numbers suppressed, year by year; the targets with the progress the published numbers show. Public. */
export async function whoTakesPart(db: Executor, query: FiguresQuery, now = new Date()): Promise<WhoTakesPart> {
  const thisYear = now.getUTCFullYear();
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - YEARS_BACK + 1 + i);
  const published = trimYears(publishFigures(await countFigures(db, years, query.income ?? CURRENT_INCOME_YEAR)), thisYear);
  const yearIndex = Math.max(0, published.years.indexOf(query.year ?? thisYear));
  return { published, year: published.years[yearIndex] ?? thisYear, yearIndex, incomeYears: INCOME_YEARS, targets: progressOf(published, await listTargets(db)) };
}

function progressOf(published: Published, targets: FigureTarget[]): TargetProgress[] {
  const out: TargetProgress[] = [];
  for (const target of targets) {
    const figure = published.figures.find((f) => f.key === target.figure);
    if (!figure) continue;
    const group: TargetGroup = { dimension: target.dimension as Dimension, groups: target.groups.split('+') };
    out.push({ target, group, figure, reached: published.years.map((_, y) => publishedShare(figure, group.dimension, group.groups, y)) });
  }
  return out;
}

/** The targets, in the order of the figures and then of their groups. */
export async function listTargets(db: Executor): Promise<FigureTarget[]> {
  const rows = await db.select().from(figureTargets).orderBy(asc(figureTargets.figure), asc(figureTargets.dimension), asc(figureTargets.groups));
  const order = new Map(figureSources().map((s, i) => [s.key, i]));
  const groupOrder = new Map(GROUP_KEYS.map((k, i) => [k, i]));
  return rows
    .filter((r) => order.has(r.figure))
    .sort((a, b) => order.get(a.figure)! - order.get(b.figure)! || (groupOrder.get(`${a.dimension}:${a.groups}`) ?? 99) - (groupOrder.get(`${b.dimension}:${b.groups}`) ?? 99));
}

/** The dashboard: the figures and targets, for the Secretariat and the Steering Committee. */
export async function figuresDashboard(db: Executor, actor: MaybeActor, query: FiguresQuery, now = new Date()): Promise<WhoTakesPart> {
  authorize(figuresPolicy.dashboard(actor), 'figures.dashboard');
  return whoTakesPart(db, query, now);
}

/** Refuses, before the form is even read, anyone who may not set targets (a 403, not the form's errors). */
export function mayEditTargets(actor: MaybeActor): void {
  authorize(figuresPolicy.setTargets(actor), 'figures.targets.set');
}

/** The target form. The figure is checked against the declared figures by the service (they are known only once the modules are). */
export const targetBody = z.object({
  figure: z.string({ message: 'form.errors.choose' }).trim().min(1, { message: 'form.errors.choose' }),
  group: field.choice(GROUP_KEYS),
  percent: field.wholeNumber(1, 100, 'figures.targets.errors.percent'),
  byYear: field.wholeNumber(2000, 2100, 'figures.targets.errors.year'),
});
export type TargetInput = z.output<typeof targetBody>;

export type SaveResult = { ok: true } | { ok: false; error: { field: string; key: string } };

/**
 * Sets a target, or changes the one already set on the same figure and group (so a second click
 * or a second person's form changes it rather than adding one). Audited with what it was before.
 */
export async function saveTarget(db: Db, actor: MaybeActor, input: TargetInput, onceKey?: unknown, ip?: string): Promise<SaveResult> {
  authorize(figuresPolicy.setTargets(actor), 'figures.targets.set');
  if (!figureSources().some((s) => s.key === input.figure)) return { ok: false, error: { field: 'figure', key: 'form.errors.choose' } };
  const [dimension, groups] = input.group.split(':') as [Dimension, string];
  if (!groups.split('+').every((g) => CATEGORIES[dimension].includes(g))) return { ok: false, error: { field: 'group', key: 'form.errors.choose' } };
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, onceKey)) !== null) return { ok: true };
    const [before] = await tx
      .select()
      .from(figureTargets)
      .where(sql`${figureTargets.figure} = ${input.figure} and ${figureTargets.dimension} = ${dimension} and ${figureTargets.groups} = ${groups}`)
      .for('update');
    const values = { figure: input.figure, dimension, groups, percent: input.percent, byYear: input.byYear };
    const [after] = await tx
      .insert(figureTargets)
      .values({ ...values, createdBy: actor!.id })
      .onConflictDoUpdate({ target: [figureTargets.figure, figureTargets.dimension, figureTargets.groups], set: { percent: input.percent, byYear: input.byYear, updatedAt: sql`now()` } })
      .returning();
    await recordAudit(tx, actor, {
      action: 'figures.target.set',
      targetType: 'figure-target',
      targetId: after!.id,
      before: before ? { percent: before.percent, byYear: before.byYear } : undefined,
      after: values,
      ip,
    });
    return { ok: true };
  });
}

/** Removes a target; false when there is none of that id. Audited. */
export async function removeTarget(db: Db, actor: MaybeActor, id: string, ip?: string): Promise<boolean> {
  authorize(figuresPolicy.setTargets(actor), 'figures.targets.remove');
  if (!z.uuid().safeParse(id).success) return false;
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(figureTargets).where(eq(figureTargets.id, id)).returning();
    if (!gone) return false;
    await recordAudit(tx, actor, { action: 'figures.target.remove', targetType: 'figure-target', targetId: id, before: { figure: gone.figure, dimension: gone.dimension, groups: gone.groups, percent: gone.percent, byYear: gone.byYear }, ip });
    return true;
  });
}
