import type { Executor } from '../../db/client.js';
import { INCOME_GROUPS, M49_REGIONS, type IncomeGroup, type M49Region } from '../geo/countries.js';

/**
 * Who takes part, across modules. Each module says in its manifest (`figures`) which figures it can
 * give — members, meeting participants, consultation commenters… — and counts them itself, in its
 * own tables; the platform gathers them through this contract, without importing any module, and
 * breaks each one down the same three ways, year by year: by stakeholder type, by UN M49 region and
 * by World Bank income group.
 */

/**
 * The kinds of people the Alliance brings together, coarse enough to compare across modules: each
 * module maps its own categories (an organisation type, a consultation's stakeholder group) onto
 * these.
 */
export const STAKEHOLDER_TYPES = ['research', 'policy', 'practice', 'development', 'civil-society', 'private-sector', 'other'] as const;
export type StakeholderType = (typeof STAKEHOLDER_TYPES)[number];

/** The three breakdowns of every figure. */
export const DIMENSIONS = ['stakeholder', 'region', 'income'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The group of those whose type, country or income group is not known. */
export const NOT_STATED = 'not-stated';

/** The groups of a breakdown, in the order shown, the unknown last. */
export const CATEGORIES: Readonly<Record<Dimension, readonly string[]>> = Object.freeze({
  stakeholder: [...STAKEHOLDER_TYPES, NOT_STATED],
  region: [...M49_REGIONS, NOT_STATED],
  income: [...INCOME_GROUPS, NOT_STATED],
});

/**
 * One count: how many of the figure's people, in one year, of one type, from one country (or region
 * and income group). A module may give the type and the place apart (`part`), each counting everyone
 * once — far fewer rows than every type × country, which is what costs when counting thousands.
 */
export interface FigureCount {
  year: number;
  n: number;
  /** Only the stakeholder type of these people (their place is in other counts), or only their place. */
  part?: 'stakeholder' | 'place';
  stakeholder: StakeholderType | null;
  /** ISO 3166 code: the platform finds its region and its income group in the classification asked for. */
  country?: string | null;
  /** Given instead of a country where only these were kept (anonymous answers). */
  region?: M49Region | null;
  /** Given with `region`, in the classification that was in force when it was kept. */
  incomeGroup?: IncomeGroup | null;
}

export interface FigureSource {
  /** Stable name, in addresses, downloads and targets: "meeting-participants". */
  key: string;
  /** Message key of its name ("Meeting participants"). */
  label: string;
  /** Message key of how it is counted ("Confirmed registrations, by the year of the meeting"). */
  definition: string;
  /** Income groups come with the counts, as classified at the time, rather than from each country in the classification asked for. */
  incomeAtTheTime?: boolean;
  /**
   * The counts of the years `from`..`to`, grouped as finely as the module likes (the platform adds
   * them up): every person counted once a year, so that each breakdown adds up to the year's total.
   */
  count(db: Executor, years: { from: number; to: number }): Promise<FigureCount[]>;
}

export interface RegisteredSource extends FigureSource {
  module: string;
}

let sources: RegisteredSource[] = [];

/** Hands the platform every manifest's figures (adoptManifests does this). */
export function registerFigures(manifests: readonly { name: string; figures?: FigureSource[] }[]): void {
  const all = manifests.flatMap((m) => (m.figures ?? []).map((f) => ({ ...f, module: m.name })));
  const keys = new Set<string>();
  for (const f of all) {
    if (!/^[a-z][a-z0-9-]*$/.test(f.key)) throw new Error(`figure key "${f.key}" of module ${f.module}: use lower-case words joined by hyphens`);
    if (keys.has(f.key)) throw new Error(`figure key "${f.key}" is declared twice`);
    keys.add(f.key);
  }
  sources = all;
}

/** Every figure the modules declare, in module order. */
export const figureSources = (): readonly RegisteredSource[] => sources;
