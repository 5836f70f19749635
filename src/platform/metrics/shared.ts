import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { jobs } from '../jobs/schema.js';
import { outbox } from '../mail/schema.js';

/** The figures every instance shares, as the database has them now. */
export interface SharedFigures {
  jobsQueued: number;
  jobsRunning: number;
  jobsFailed: number;
  outboxDepth: number;
  outboxFailed: number;
  outboxOldestSeconds: number;
  newsletterPending: number;
  newsletterSentLastMinute: number;
  newsletterSentLastHour: number;
}

/**
 * Reads the shared figures in one statement. Each count is served by the status index of its table.
 * The newsletter's tables belong to the communications module and are named here, not imported
 * (the platform does not import modules): only the deliveries of issues that were sending within
 * the hour are counted, through the index on (issue, status), so a scrape never scans the history.
 * The newsletter's rate is told as messages accepted in the last minute and hour rather than as a
 * counter: the database knows it for all instances at once, and it survives restarts.
 */
export async function readSharedFigures(db: Executor): Promise<SharedFigures> {
  const recentIssues = sql`select id from newsletter_issues where status in ('sending', 'paused') or finished_at > now() - interval '1 hour' or updated_at > now() - interval '1 hour'`;
  const result = await db.execute(sql`
    select
      (select count(*) from ${jobs} where status = 'pending')::int as "jobsQueued",
      (select count(*) from ${jobs} where status = 'running')::int as "jobsRunning",
      (select count(*) from ${jobs} where status = 'failed')::int as "jobsFailed",
      (select count(*) from ${outbox} where status in ('pending', 'sending'))::int as "outboxDepth",
      (select count(*) from ${outbox} where status = 'failed')::int as "outboxFailed",
      (select coalesce(extract(epoch from now() - min(run_at)), 0) from ${outbox} where status = 'pending' and run_at <= now())::float8 as "outboxOldestSeconds",
      (select count(*) from newsletter_deliveries where status in ('pending', 'sending') and issue_id in (select id from newsletter_issues where status in ('sending', 'paused')))::int as "newsletterPending",
      (select count(*) from newsletter_deliveries where status = 'sent' and sent_at > now() - interval '1 minute' and issue_id in (${recentIssues}))::int as "newsletterSentLastMinute",
      (select count(*) from newsletter_deliveries where status = 'sent' and sent_at > now() - interval '1 hour' and issue_id in (${recentIssues}))::int as "newsletterSentLastHour"
  `);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0] ?? {};
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v) || 0])) as unknown as SharedFigures;
}
