import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { FigureSource, StakeholderType } from '../../platform/figures/contract.js';
import { consultationComments, type StakeholderGroup } from './schema.js';

/** A commenter's stakeholder group, as one of the platform's stakeholder types. */
const TYPE: Record<StakeholderGroup, StakeholderType> = {
  researcher: 'research',
  'assessment-expert': 'research',
  policymaker: 'policy',
  teacher: 'practice',
  'school-leader': 'practice',
  'teacher-educator': 'practice',
  'curriculum-developer': 'practice',
  'development-partner': 'development',
  'civil-society': 'civil-society',
  'private-sector': 'private-sector',
  student: 'other',
  other: 'other',
};

/** A stakeholder group (consultations and surveys ask for the same ones) as a stakeholder type. */
export const stakeholderTypeOf = (group: string | null): StakeholderType | null => (group ? (TYPE[group as StakeholderGroup] ?? 'other') : null);

/**
 * People who commented on a consultation, by the year they wrote: each once a year however many
 * comments they wrote, with the group and country of their latest comment. A comment whose author
 * was erased counts as one person. Comments a moderator hid count too: their authors took part.
 */
async function countCommenters(db: Executor, years: { from: number; to: number }) {
  const result = await db.execute(sql`
    select year, stakeholder_group, country, count(*)::int as n from (
      select distinct on (year, coalesce(c.user_id, c.id)) extract(year from c.created_at)::int as year, c.stakeholder_group, c.country
      from ${consultationComments} c
      where extract(year from c.created_at) between ${years.from} and ${years.to}
      order by year, coalesce(c.user_id, c.id), c.created_at desc
    ) people group by 1, 2, 3`);
  const rows = (result as unknown as { rows: { year: number; stakeholder_group: StakeholderGroup; country: string; n: number }[] }).rows;
  return rows.map((r) => ({ year: r.year, n: r.n, country: r.country, stakeholder: stakeholderTypeOf(r.stakeholder_group) }));
}

export const consultationFigures: FigureSource[] = [
  { key: 'consultation-commenters', label: 'figures.sources.consultation-commenters', definition: 'figures.definitions.consultation-commenters', count: countCommenters },
];
