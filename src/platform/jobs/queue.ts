import { eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { jobs } from './schema.js';
import { backoffSeconds, claimDue } from './claim.js';

export interface JobContext {
  db: Db;
  now: Date;
  /** The public address, for links in e-mails a job sends. */
  baseUrl: string;
}
export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one job with this key exists (finished jobs are removed after a day); enqueueing it again does nothing. */
  uniqueKey?: string;
  /** With a uniqueKey: run the existing job again at `runAt` (unless it is running right now). */
  replace?: boolean;
  priority?: number;
  maxAttempts?: number;
}

/** Adds a job in the caller's transaction, so it exists exactly when the change that causes it does. */
export async function enqueueJob(tx: Executor, name: string, payload: Record<string, unknown> = {}, opts: EnqueueOptions = {}) {
  const insert = tx.insert(jobs).values({
    name,
    payload,
    uniqueKey: opts.uniqueKey ?? null,
    priority: opts.priority ?? 10,
    maxAttempts: opts.maxAttempts ?? 5,
    runAt: opts.runAt ?? sql`now()`,
  });
  if (opts.replace && opts.uniqueKey) {
    await insert.onConflictDoUpdate({
      target: jobs.uniqueKey,
      set: { runAt: opts.runAt ?? sql`now()`, status: 'pending', attempts: 0, lastError: null, finishedAt: null },
      setWhere: sql`${jobs.status} <> 'running'`,
    });
  } else await insert.onConflictDoNothing();
}

type JobRow = { id: number; name: string; payload: Record<string, unknown>; attempts: number; max_attempts: number };

/**
 * Runs the due jobs once. Returns how many were run. A failing job is retried with backoff, then
 * marked failed. `only` restricts the round to jobs with those names (tests).
 */
export async function runDueJobs(db: Db, handlers: Record<string, JobHandler>, opts: { baseUrl: string; limit?: number; only?: string[] }): Promise<number> {
  const limit = opts.limit ?? 10;
  const claimed = await claimDue<JobRow>(db, 'jobs', 'running', limit, 300, opts.only);
  for (const job of claimed) {
    const handler = handlers[job.name];
    try {
      if (!handler) throw new Error(`No handler for job "${job.name}"`);
      await handler(job.payload, { db, now: new Date(), baseUrl: opts.baseUrl });
      await db.update(jobs).set({ status: 'done', finishedAt: sql`now()`, lockedUntil: null }).where(eq(jobs.id, job.id));
    } catch (err) {
      const final = job.attempts >= job.max_attempts;
      await db
        .update(jobs)
        .set({
          status: final ? 'failed' : 'pending',
          lastError: String((err as Error)?.message ?? err).slice(0, 2000),
          runAt: sql`now() + make_interval(secs => ${backoffSeconds(job.attempts)})`,
          lockedUntil: null,
          finishedAt: final ? sql`now()` : null,
        })
        .where(eq(jobs.id, job.id));
    }
  }
  return claimed.length;
}

/** Removes jobs finished more than a day ago (a daily clean-up): their payloads may name people, e.g. an address that asked for a sign-in link. */
export async function purgeFinishedJobs(db: Executor): Promise<void> {
  await db.delete(jobs).where(sql`${jobs.status} in ('done', 'failed') and ${jobs.finishedAt} < now() - interval '1 day'`);
}
