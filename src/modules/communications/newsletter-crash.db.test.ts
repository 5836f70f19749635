import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { migrate, openDatabase, type Database } from '../../db/client.js';
import { testDatabase } from '../../testing/app.js';
import { startSmtpSink, type SmtpSink } from '../../testing/smtp.js';
import { newsletterDeliveries, newsletterIssues, subscriptions } from './schema.js';

/**
 * Crash safety: the worker process is killed with SIGKILL while it sends; a new one takes over.
 * Every recipient must end with exactly one message (one Message-ID), nobody skipped.
 */
const RECIPIENTS = 1000;
const BATCH = 50;
const script = fileURLToPath(new URL('../../testing/newsletter-worker.ts', import.meta.url));
const secret = 'crash-test-secret-that-is-long-enough-0123456789';
let sink: SmtpSink | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  await sink?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function seed(database: Database) {
  await database.db.insert(subscriptions).values(Array.from({ length: RECIPIENTS }, (_, i) => ({ email: `reader${i}@example.org`, locale: 'en', topics: ['news'], status: 'subscribed', source: 'import' })));
  await database.db.insert(newsletterIssues).values({ slug: 'crash', versions: { en: { subject: 'Crash test', body: 'Hello' } }, defaultLocale: 'en', status: 'scheduled', scheduledAt: new Date(), rate: 2000, batchSize: BATCH });
}

function startChild(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}
const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null || child.signalCode ? r(child.exitCode) : child.once('exit', (code) => r(code))));

describe('newsletter crash safety', () => {
  it('SIGKILL mid-send, then a restart: every recipient has exactly one message, nobody is skipped', async () => {
    sink = await startSmtpSink();
    const postgres = process.env.BRIDGES_TEST_DB === 'postgres';
    let database: Database & { url?: string };
    if (postgres) {
      database = await testDatabase();
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'bridges-crash-'));
      database = await openDatabase({ dataDir });
      await migrate(database);
    }
    await seed(database);
    if (!postgres) await database.close(); // the embedded database belongs to one process at a time
    const env = { SMTP_URL: sink.url, BASE_URL: 'http://127.0.0.1:3000', SESSION_SECRET: secret, ...(postgres ? { DATABASE_URL: database.url! } : { DATA_DIR: dataDir! }) };

    const first = startChild(env);
    const deadline = Date.now() + 60_000;
    while (sink.received.length < RECIPIENTS * 0.3) {
      if (Date.now() > deadline || first.exitCode !== null) throw new Error(`first worker stopped early after ${sink.received.length} messages`);
      await new Promise((r) => setTimeout(r, 5));
    }
    first.kill('SIGKILL');
    await exited(first);
    const atKill = sink.received.length;
    expect(atKill).toBeLessThan(RECIPIENTS); // it really died part-way

    const second = startChild(env);
    expect(await exited(second)).toBe(0);
    await sink.waitFor(RECIPIENTS, 30_000);

    const ids = new Map<string, Set<string>>();
    for (const m of sink.received) {
      const to = m.to[0]!;
      if (!ids.has(to)) ids.set(to, new Set());
      ids.get(to)!.add(m.mail.messageId ?? '');
    }
    expect(ids.size).toBe(RECIPIENTS);
    expect([...ids.values()].filter((s) => s.size !== 1)).toEqual([]);
    // A message the server accepted in the instant before the kill may go again (same Message-ID): only those in flight.
    const repeated = sink.received.length - RECIPIENTS;
    console.log(`[crash] killed after ${atKill} messages; ${repeated} message(s) handed over twice with the same Message-ID`);
    expect(repeated).toBeLessThanOrEqual(10);

    const check = postgres ? database : await openDatabase({ dataDir });
    try {
      const rows = await check.db.select({ status: newsletterDeliveries.status }).from(newsletterDeliveries);
      expect(rows.filter((r) => r.status === 'sent')).toHaveLength(RECIPIENTS);
      const [issue] = await check.db.select().from(newsletterIssues).where(eq(newsletterIssues.slug, 'crash'));
      expect(issue!.status).toBe('sent');
    } finally {
      await check.close();
    }
  }, 120_000);
});
