import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { FigureSource } from '../../platform/figures/contract.js';
import { newsletterDeliveries, subscriptions } from './schema.js';

/**
 * The newsletter's reach: addresses sent at least one issue in the year, each once, from the
 * country the subscriber gave (or their member's country), when known.
 */
async function countReach(db: Executor, years: { from: number; to: number }) {
  const result = await db.execute(sql`
    select r.year, s.country, count(*)::int as n from (
      select distinct extract(year from d.sent_at)::int as year, d.subscription_id
      from ${newsletterDeliveries} d
      where d.status = 'sent' and d.sent_at >= make_date(${years.from}::int, 1, 1) and d.sent_at < make_date(${years.to}::int + 1, 1, 1)
    ) r join ${subscriptions} s on s.id = r.subscription_id
    group by 1, 2`);
  const rows = (result as unknown as { rows: { year: number; country: string | null; n: number }[] }).rows;
  return rows.map((r) => ({ year: r.year, n: r.n, country: r.country, stakeholder: null }));
}

export const communicationsFigures: FigureSource[] = [{ key: 'newsletter-reach', label: 'figures.sources.newsletter-reach', definition: 'figures.definitions.newsletter-reach', count: countReach }];
