import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client.js';
import { testDatabase } from '../../testing/app.js';
import type { Database } from '../../db/client.js';
import { claimDue } from './claim.js';
import { enqueueJob, runDueJobs } from './queue.js';
import { jobs } from './schema.js';

const OPTS = { baseUrl: 'http://127.0.0.1:3000' };
let database: Database & { url?: string };
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe('durable jobs', () => {
  it('runs a due job once and records it done', async () => {
    const seen: unknown[] = [];
    await enqueueJob(database.db, 'test.record', { n: 1 });
    expect(await runDueJobs(database.db, { 'test.record': async (p) => void seen.push(p) }, OPTS)).toBe(1);
    expect(await runDueJobs(database.db, { 'test.record': async (p) => void seen.push(p) }, OPTS)).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
    const [row] = await database.db.select().from(jobs).where(eq(jobs.name, 'test.record'));
    expect(row).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('waits for a job’s time', async () => {
    await enqueueJob(database.db, 'test.later', {}, { runAt: new Date(Date.now() + 3_600_000) });
    expect(await runDueJobs(database.db, { 'test.later': async () => {} }, OPTS)).toBe(0);
  });

  it('retries a failing job with backoff, then marks it failed after its last attempt', async () => {
    await enqueueJob(database.db, 'test.fail', {}, { maxAttempts: 2 });
    const fail = { 'test.fail': async () => Promise.reject(new Error('boom')) };
    await runDueJobs(database.db, fail, { baseUrl: 'http://127.0.0.1:3000' });
    let [row] = await database.db.select().from(jobs).where(eq(jobs.name, 'test.fail'));
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'boom' });
    expect(row!.runAt.getTime()).toBeGreaterThan(Date.now());
    await database.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.name, 'test.fail'));
    await runDueJobs(database.db, fail, { baseUrl: 'http://127.0.0.1:3000' });
    [row] = await database.db.select().from(jobs).where(eq(jobs.name, 'test.fail'));
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('keeps a unique job unique', async () => {
    for (let i = 0; i < 3; i++) await enqueueJob(database.db, 'test.daily', {}, { uniqueKey: 'test.daily:2026-11-23' });
    expect(await database.db.select().from(jobs).where(eq(jobs.name, 'test.daily'))).toHaveLength(1);
  });

  it('lets concurrent workers claim disjoint sets (FOR UPDATE SKIP LOCKED), every job exactly once', async () => {
    for (let i = 0; i < 60; i++) await enqueueJob(database.db, 'test.many', { i });
    // On the server: three separate connection pools, as three app instances would have.
    const others = database.url ? await Promise.all([openDatabase({ databaseUrl: database.url }), openDatabase({ databaseUrl: database.url })]) : [];
    try {
      const dbs = [database.db, ...others.map((o) => o.db)];
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, k) => claimDue<{ id: number; name: string }>(dbs[k % dbs.length]!, 'jobs', 'running', 15, 60)),
      );
      const ids = claims.flat().filter((j) => j.name === 'test.many').map((j) => j.id);
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });
});
