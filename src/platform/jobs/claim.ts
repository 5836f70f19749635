import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/**
 * Claims up to `limit` due rows of a durable queue table (outbox or jobs) in one statement:
 * rows that are pending and due, or whose previous claim expired (its process died), ordered by
 * priority then due time. `FOR UPDATE SKIP LOCKED` lets several app instances claim side by
 * side without taking the same row. Each claimed row is marked `claimedStatus` and locked for
 * `lockSeconds`; the caller then finishes it (done, retry later, or failed).
 */
export async function claimDue<T extends Record<string, unknown>>(
  db: Db,
  table: 'outbox' | 'jobs',
  claimedStatus: 'sending' | 'running',
  limit: number,
  lockSeconds: number,
  /** Jobs only: claim only jobs with these names. */
  names?: string[],
): Promise<T[]> {
  const t = sql.identifier(table);
  const only = names ? sql`and name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})` : sql``;
  const result = await db.execute(sql`
    update ${t} set status = ${claimedStatus}, attempts = attempts + 1,
      locked_until = now() + make_interval(secs => ${lockSeconds})
    where id in (
      select id from ${t}
      where ((status = 'pending' and run_at <= now())
         or (status = ${claimedStatus} and locked_until < now())) ${only}
      order by priority, run_at, id
      limit ${limit}
      for update skip locked
    )
    returning *`);
  return (result as unknown as { rows: T[] }).rows;
}

/** Exponential backoff with a cap: 30 s, 1 min, 2 min, 4 min, ... at most 1 h. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
}
