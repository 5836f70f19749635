import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { FigureCount, FigureSource, StakeholderType } from '../../platform/figures/contract.js';
import { members } from './schema.js';
import type { INDIVIDUAL_ROLES, ORG_TYPES } from './fields.js';

/** An organisation's type or an individual's role, as a stakeholder type. */
const TYPE: Record<(typeof ORG_TYPES)[number] | (typeof INDIVIDUAL_ROLES)[number], StakeholderType> = {
  university: 'research',
  'research-institution': 'research',
  'think-tank': 'research',
  'academic-society': 'research',
  researcher: 'research',
  academic: 'research',
  'assessment-expert': 'research',
  policymaker: 'policy',
  teacher: 'practice',
  'teacher-educator': 'practice',
  'curriculum-developer': 'practice',
  intergovernmental: 'development',
  foundation: 'development',
  funder: 'development',
  'civil-society': 'civil-society',
  ngo: 'civil-society',
  network: 'civil-society',
  association: 'civil-society',
  publisher: 'private-sector',
  other: 'other',
};

/**
 * Members in each year: those who had joined by its end and had not left before it began (suspended
 * ones included). Counted by the years they joined and left — by type, then by country apart (a few
 * hundred groups rather than a row per member) — and spread over the years here.
 */
async function countMembers(db: Executor, years: { from: number; to: number }) {
  const within = sql`m.joined_on < make_date(${years.to}::int + 1, 1, 1) and (m.ended_on is null or m.ended_on >= make_date(${years.from}::int, 1, 1))`;
  const span = sql`extract(year from m.joined_on)::int as joined, extract(year from m.ended_on)::int as ended`;
  type Row = { key: string; joined: number; ended: number | null; n: number };
  const read = async (key: SQL) => ((await db.execute(sql`select ${key} as key, ${span}, count(*)::int as n from ${members} m where ${within} group by 1, 2, 3`)) as unknown as { rows: Row[] }).rows;
  const out: FigureCount[] = [];
  // Nobody is a member of a year still to come.
  const last = Math.min(years.to, new Date().getUTCFullYear());
  const spread = (rows: Row[], count: (r: Row, year: number) => FigureCount) => {
    for (const r of rows) for (let year = Math.max(years.from, r.joined); year <= Math.min(last, r.ended ?? last); year++) out.push(count(r, year));
  };
  spread(await read(sql`m.category`), (r, year) => ({ year, n: r.n, part: 'stakeholder', stakeholder: TYPE[r.key as keyof typeof TYPE] ?? 'other' }));
  spread(await read(sql`m.country`), (r, year) => ({ year, n: r.n, part: 'place', stakeholder: null, country: r.key }));
  return out;
}

export const membershipFigures: FigureSource[] = [{ key: 'members', label: 'figures.sources.members', definition: 'figures.definitions.members', count: countMembers }];
