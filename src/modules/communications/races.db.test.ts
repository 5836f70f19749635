/**
 * Communications under requests at the same moment (on PostgreSQL through two connection pools, as
 * two app instances would): two workers reaching for one issue — only the lease holder sends, every
 * reader gets one message; an import confirmed twice at once (a double click) — imported once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import type { Actor } from '../../platform/policy.js';
import type { Message } from '../../platform/mail/delivery.js';
import { consentEvents, newsletterDeliveries, newsletterIssues, subscriptions } from './schema.js';
import { createIssue, getIssue, saveAudience, saveVersion, scheduleIssue } from './newsletter-issues.js';
import { sendNewsletterSlice } from './newsletter-sending.js';
import { importSubscribers } from './subscriber-import.js';

const sec: Actor = { id: '00000000-0000-0000-0000-000000000000', email: 'sec@example.org', name: 'Secretariat', locale: null, roles: [{ role: 'secretariat', scope: '' }] };
let t: TestApp;
let second: Database | undefined;
beforeAll(async () => {
  t = await testApp();
  if (t.database.url) second = await openDatabase({ databaseUrl: t.database.url });
}, 60_000);
afterAll(async () => {
  await second?.close();
  await t.close();
});
const other = () => second?.db ?? t.db;

describe('communications under requests at the same moment', () => {
  it('two workers reach for one issue in every round: one holds the lease and sends, the other waits; every reader gets one message', async () => {
    await t.db.insert(subscriptions).values(Array.from({ length: 60 }, (_, i) => ({ email: `r${i}@example.org`, locale: 'en', topics: ['news'], status: 'subscribed', source: 'admin' })));
    const created = await createIssue(t.db, sec, { slug: 'race', defaultLocale: 'en' });
    if (!created.ok) throw new Error(created.reason);
    await saveVersion(t.db, sec, (await getIssue(t.db, sec, created.id))!, 'en', { subject: 'News', body: 'Hello.' });
    await saveAudience(t.db, sec, (await getIssue(t.db, sec, created.id))!, { topics: ['news'] }, { rate: 5000, batchSize: 10 });
    await scheduleIssue(t.db, sec, (await getIssue(t.db, sec, created.id))!, new Date());
    const sent: string[] = [];
    const send = async (m: Message) => void sent.push(m.to);
    const ctx = (db: Database['db'], holder: string) => ({ db, baseUrl: t.config.baseUrl, secret: t.config.sessionSecret, holder, mailFrom: 'news@alliance.example', send });
    for (let round = 0; round < 30; round++) {
      const [a, b] = await Promise.all([sendNewsletterSlice(ctx(t.db, 'worker-a')), sendNewsletterSlice(ctx(other(), 'worker-b'))]);
      // Never both: the lease gives the issue to one worker at a time, so its rate holds across instances.
      expect(a !== null && b !== null && a.sent > 0 && b.sent > 0).toBe(false);
      const [issue] = await t.db.select().from(newsletterIssues).where(eq(newsletterIssues.id, created.id));
      if (issue!.status === 'sent') break;
    }
    expect(sent.sort()).toEqual(Array.from({ length: 60 }, (_, i) => `r${i}@example.org`).sort());
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(newsletterDeliveries).where(eq(newsletterDeliveries.status, 'sent'));
    expect(n).toBe(60);
  }, 60_000);

  it('an import confirmed twice at the same moment (a double click) is imported once: one consent event per person, one audit record', async () => {
    const csv = Buffer.from(`email,name\n${Array.from({ length: 20 }, (_, i) => `imp${i}@example.org,Person ${i}`).join('\n')}\n`);
    const options = { source: 'admin' as const, note: 'Signed up at the 2024 meeting', fileName: 'list.csv', onceKey: 'double-click-key-0123456789' };
    const results = await Promise.all([importSubscribers(t.db, sec, csv, options), importSubscribers(other(), sec, csv, options)]);
    expect(results.map((r) => (r.ok ? r.repeat : 'error')).sort()).toEqual([false, true]);
    const events = await t.db.select().from(consentEvents).innerJoin(subscriptions, eq(subscriptions.id, consentEvents.subscriptionId)).where(eq(consentEvents.change, 'imported'));
    expect(events).toHaveLength(20);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'newsletter.subscribers.import'))).toHaveLength(1);
  }, 60_000);
});
