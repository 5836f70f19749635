import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { FigureSource } from '../../platform/figures/contract.js';
import { financingRequests, meetings, registrations } from './schema.js';

type Row = { year: number; country: string; n: number };

/**
 * People with a confirmed place, by the year their meeting began: each person (by e-mail address)
 * once a year however many meetings they came to, from the country of their latest registration.
 * `extra` narrows the registrations (e.g. to those granted financing).
 */
async function countPeople(db: Executor, years: { from: number; to: number }, join: SQL = sql``, extra: SQL = sql`true`): Promise<Row[]> {
  const result = await db.execute(sql`
    select year, country, count(*)::int as n from (
      select distinct on (year, lower(r.email)) extract(year from m.starts_at)::int as year, r.country
      from ${registrations} r join ${meetings} m on m.id = r.meeting_id ${join}
      where r.status = 'confirmed' and extract(year from m.starts_at) between ${years.from} and ${years.to} and ${extra}
      order by year, lower(r.email), r.created_at desc
    ) people group by 1, 2`);
  return (result as unknown as { rows: Row[] }).rows;
}

const asCounts = (rows: Row[]) => rows.map((r) => ({ year: r.year, n: r.n, country: r.country, stakeholder: null }));

export const meetingFigures: FigureSource[] = [
  { key: 'meeting-participants', label: 'figures.sources.meeting-participants', definition: 'figures.definitions.meeting-participants', count: async (db, years) => asCounts(await countPeople(db, years)) },
  {
    key: 'financing-granted',
    label: 'figures.sources.financing-granted',
    definition: 'figures.definitions.financing-granted',
    count: async (db, years) => asCounts(await countPeople(db, years, sql`join ${financingRequests} f on f.registration_id = r.id`, sql`f.status in ('approved', 'partly')`)),
  },
];
