import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { FigureSource } from '../../platform/figures/contract.js';
import type { IncomeGroup, M49Region } from '../../platform/geo/countries.js';
import { stakeholderTypeOf } from '../consultations/service.js';
import { surveyResponses } from './schema.js';

/**
 * Responses to surveys, by the year they were sent. Responses are anonymous (decision 017): they
 * keep no person and no country, so a person who answered two surveys counts twice, and the region
 * and income group are those kept with the response (the income group in the survey's
 * classification).
 */
async function countResponses(db: Executor, years: { from: number; to: number }) {
  const result = await db.execute(sql`
    select extract(year from r.submitted_on)::int as year, r.stakeholder, r.m49_region, r.income_group, count(*)::int as n
    from ${surveyResponses} r
    where extract(year from r.submitted_on) between ${years.from} and ${years.to}
    group by 1, 2, 3, 4`);
  const rows = (result as unknown as { rows: { year: number; stakeholder: string | null; m49_region: M49Region | null; income_group: IncomeGroup | null; n: number }[] }).rows;
  return rows.map((r) => ({ year: r.year, n: r.n, stakeholder: stakeholderTypeOf(r.stakeholder), region: r.m49_region, incomeGroup: r.income_group }));
}

export const surveyFigures: FigureSource[] = [
  { key: 'survey-responses', label: 'figures.sources.survey-responses', definition: 'figures.definitions.survey-responses', incomeAtTheTime: true, count: countResponses },
];
