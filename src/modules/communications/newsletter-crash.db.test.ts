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
 * Crash safety: the worker process dies (SIGKILL) at the worst moment — after the mail server
 * accepted a message, before the delivery is recorded — and a new one takes over. The message
 * caught there goes again with the same Message-ID; every recipient ends with exactly one
 * Message-ID, nobody skipped.
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
  it('killed after the server accepts a message and before it is recorded, then restarted: that message goes again with the same Message-ID; every recipient has exactly one, nobody is skipped', async () => {
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

    // The first worker dies inside the window: the 300th message accepted by the server, not yet recorded as sent.
    const first = startChild({ ...env, CRASH_AFTER_ACCEPTED: '300' });
    await exited(first);
    expect(first.signalCode).toBe('SIGKILL');
    // The server accepted 300 messages before the kill; this process may still be reading the last of them.
    await sink.waitFor(300, 10_000);
    const atKill = sink.received.length;
    expect(atKill).toBeLessThan(RECIPIENTS); // it really died part-way

    const second = startChild(env);
    expect(await exited(second)).toBe(0);
    await sink.waitFor(RECIPIENTS, 30_000);

    const ids = new Map<string, string[]>();
    for (const m of sink.received) ids.set(m.to[0]!, [...(ids.get(m.to[0]!) ?? []), m.mail.messageId ?? '']);
    expect(ids.size).toBe(RECIPIENTS); // nobody skipped
    // The repeat happened — the message caught in the window went again — and carried the same Message-ID, so mail programs show it once.
    const repeatedTo = [...ids].filter(([, list]) => list.length > 1);
    expect(repeatedTo.length).toBeGreaterThanOrEqual(1);
    expect([...ids.values()].filter((list) => new Set(list).size !== 1)).toEqual([]);
    // Only messages in flight at the crash can repeat: at most one batch.
    expect(sink.received.length - RECIPIENTS).toBeLessThanOrEqual(BATCH);
    console.log(`[crash] killed after ${atKill} messages; ${sink.received.length - RECIPIENTS} handed over again with the same Message-ID`);

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
