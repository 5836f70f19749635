/**
 * The locks behind the meetings' rules (decision 006), each under requests at the same moment:
 * side-activity places, the financing budget, moderated confirmations. On PostgreSQL the requests
 * go through two connection pools, as two app instances would, and each rule has its control: the
 * same code with only that lock switched off (`src/db/locks.ts`) breaks the rule, which shows the
 * lock is what keeps it. The embedded database runs one transaction at a time (no race to lose):
 * there, the same bursts check the behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.js';
import { rowLocks } from '../../db/locks.js';
import { signedIn, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail } from '../../platform/auth/service.js';
import type { Actor } from '../../platform/policy.js';
import { openMeeting } from './factories.js';
import { activitySignups, financingRequests, registrations, sideActivities } from './schema.js';
import { cancelRegistration, moderateRegistration, register } from './registration.js';
import { joinActivity } from './activities.js';
import { decideFinancing, requestFinancing } from './financing.js';
import { outbox } from '../../platform/mail/schema.js';

const onServer = process.env.BRIDGES_TEST_DB === 'postgres';
let t: TestApp;
let second: Database | undefined;
let sec: Actor;
let n = 0;
beforeAll(async () => {
  t = await testApp();
  if (onServer) second = await openDatabase({ databaseUrl: t.database.url });
  await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  sec = (await actorByEmail(t.db, 'sec@example.org'))!;
}, 60_000);
afterAll(async () => {
  await second?.close();
  await t.close();
});

/** The database a request goes through: on the server, every other one through the second pool. */
const dbFor = (i: number) => (second && i % 2 ? second.db : t.db);

/** A meeting with `people` confirmed participants from a low-income country; returns their registration ids. */
async function meetingWith(people: number, extra: Parameters<typeof openMeeting>[1] extends infer M ? Partial<M> : never = {}) {
  const slug = `race-${++n}`;
  const meetingId = await openMeeting(t.db, { slug, capacity: 1000, financingBudget: 1000, ...extra });
  const ids: string[] = [];
  for (let i = 0; i < people; i++) {
    const r = await register(t.db, { meetingId, categorySlug: 'practitioner', baseUrl: t.config.baseUrl, who: { email: `p${i}@${slug}.example`, name: `P${i}`, organization: '', country: 'NE', locale: 'en', answers: {} } });
    if (!r.ok || r.repeat) throw new Error('registration');
  }
  for (const r of await t.db.select({ id: registrations.id }).from(registrations).where(eq(registrations.meetingId, meetingId))) ids.push(r.id);
  return { meetingId, ids };
}

/** Runs `fn` with the named lock switched off (the control). */
async function without<T>(lock: keyof typeof rowLocks, fn: () => Promise<T>): Promise<T> {
  rowLocks[lock] = false;
  try {
    return await fn();
  } finally {
    rowLocks[lock] = true;
  }
}

async function activityBurst() {
  const { meetingId, ids } = await meetingWith(onServer ? 40 : 12);
  const [activity] = await t.db.insert(sideActivities).values({ meetingId, slug: 'visit', title: { en: 'Visit' }, description: { en: '' }, startsAt: new Date(Date.now() + 62 * 86_400_000), endsAt: new Date(Date.now() + 62 * 86_400_000 + 3_600_000), capacity: 5 }).returning();
  const results = await Promise.all(ids.map((id, i) => joinActivity(dbFor(i), id, activity!.id)));
  const [{ confirmed }] = await t.db.select({ confirmed: sql<number>`count(*)::int` }).from(activitySignups).where(and(eq(activitySignups.activityId, activity!.id), eq(activitySignups.status, 'confirmed')));
  return { results, confirmed, people: ids.length };
}

async function financingBurst() {
  const { meetingId, ids } = await meetingWith(onServer ? 20 : 8);
  for (const id of ids) await requestFinancing(t.db, id, { travel: true, accommodation: false, justification: 'Flight', estimatedCost: 300 });
  const requests = await t.db.select({ id: financingRequests.id }).from(financingRequests).innerJoin(registrations, eq(registrations.id, financingRequests.registrationId)).where(eq(registrations.meetingId, meetingId));
  const results = await Promise.all(requests.map((r, i) => decideFinancing(dbFor(i), sec, { requestId: r.id, decision: 'approve', note: '' })));
  const [{ committed }] = await t.db
    .select({ committed: sql<number>`coalesce(sum(${financingRequests.approvedAmount}), 0)::int` })
    .from(financingRequests)
    .innerJoin(registrations, eq(registrations.id, financingRequests.registrationId))
    .where(eq(registrations.meetingId, meetingId));
  return { results, committed };
}

async function moderationBurst() {
  const { meetingId, ids } = await meetingWith(onServer ? 40 : 10, { allocation: 'moderated', capacity: 3 });
  const results = await Promise.all(ids.map((id, i) => moderateRegistration(dbFor(i), sec, id, 'confirm', t.config.baseUrl)));
  const confirmed = (await t.db.select().from(registrations).where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'confirmed')))).length;
  return { results, confirmed };
}

/**
 * Half of a full meeting's participants cancel; then, at the same moment, each of them registers
 * again (pressing twice) and twice as many newcomers register.
 */
async function reRegistrationBurst() {
  const slug = `race-${++n}`;
  const capacity = onServer ? 20 : 5;
  const meetingId = await openMeeting(t.db, { slug, capacity });
  const who = (i: number) => ({ email: `p${i}@${slug}.example`, name: `P${i}`, organization: '', country: 'NE', locale: 'en' as const, answers: {} });
  const ids: string[] = [];
  for (let i = 0; i < capacity; i++) {
    const r = await register(t.db, { meetingId, categorySlug: 'practitioner', baseUrl: t.config.baseUrl, who: who(i) });
    if (!r.ok || r.repeat) throw new Error('registration');
    ids.push((await t.db.select({ id: registrations.id }).from(registrations).where(and(eq(registrations.meetingId, meetingId), eq(registrations.email, who(i).email))))[0]!.id);
  }
  const leaving = Array.from({ length: Math.ceil(capacity / 2) }, (_, i) => i);
  for (const i of leaving) if ((await cancelRegistration(t.db, ids[i]!, t.config.baseUrl)) !== 'ok') throw new Error('cancellation');
  const newcomers = Array.from({ length: capacity * 2 }, (_, i) => capacity + i);
  const attempts = [...leaving, ...leaving, ...newcomers];
  const results = await Promise.allSettled(attempts.map((i, k) => register(dbFor(k), { meetingId, categorySlug: 'practitioner', baseUrl: t.config.baseUrl, who: who(i) })));
  const rows = await t.db.select().from(registrations).where(eq(registrations.meetingId, meetingId));
  return { results, rows, capacity, returning: leaving.map((i) => who(i).email), others: newcomers.length /* returning + newcomers, less the places the returning left */ };
}

describe('locks under requests at the same moment', () => {
  it('side activity: 5 places, everyone joins at once — 5 confirmed, the rest waiting, no errors', async () => {
    const { results, confirmed, people } = await activityBurst();
    expect(confirmed).toBe(5);
    expect(results.filter((r) => r.ok && r.status === 'waiting')).toHaveLength(people - 5);
  }, 60_000);

  it('financing: a budget of 1,000, requests of 300 approved at once — 3 approved, the others refused as over budget', async () => {
    const { results, committed } = await financingBurst();
    expect(committed).toBe(900);
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r === 'over-budget')).toHaveLength(results.length - 3);
  }, 60_000);

  it('financing: one request decided twice at the same moment — one decision, one e-mail', async () => {
    const { ids } = await meetingWith(1);
    await requestFinancing(t.db, ids[0]!, { travel: true, accommodation: false, justification: 'Flight', estimatedCost: 300 });
    const [request] = await t.db.select().from(financingRequests).where(eq(financingRequests.registrationId, ids[0]!));
    const results = await Promise.all([0, 1].map((i) => decideFinancing(dbFor(i), sec, { requestId: request!.id, decision: i ? 'decline' : 'approve', note: '' })));
    expect(results.sort()).toEqual(['decided', 'ok']);
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, ids[0]!));
    expect((await t.db.select().from(outbox).where(and(eq(outbox.toAddress, reg!.email), eq(outbox.template, 'meetings.financing'))))).toHaveLength(1);
  }, 60_000);

  it('moderated meeting: 3 places, every pending registration confirmed at once — 3 confirmed, the others refused as full', async () => {
    const { results, confirmed } = await moderationBurst();
    expect(confirmed).toBe(3);
    expect(results.filter((r) => r === 'full')).toHaveLength(results.length - 3);
  }, 60_000);

  it('registering again: people who cancelled (each pressing twice) and newcomers at once for the places left — the capacity holds, one registration in force per person', async () => {
    const { results, rows, capacity, returning, others } = await reRegistrationBurst();
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(capacity);
    for (const email of returning) {
      const mine = rows.filter((r) => r.email === email);
      expect(mine.filter((r) => r.status === 'cancelled')).toHaveLength(1);
      expect(mine.filter((r) => r.status !== 'cancelled')).toHaveLength(1);
    }
    // Everyone who asked and got no place waits.
    expect(rows.filter((r) => r.status === 'waiting')).toHaveLength(others);
  }, 60_000);

  if (onServer) {
    it('controls: each burst with only its lock switched off breaks its rule', async () => {
      expect((await without('activity', activityBurst)).confirmed).toBeGreaterThan(5);
      expect((await without('meeting', financingBurst)).committed).toBeGreaterThan(1000);
      expect((await without('meeting', moderationBurst)).confirmed).toBeGreaterThan(3);
      const again = await without('meeting', reRegistrationBurst);
      // Without the lock, places are overbooked or the same person's two presses collide (an error answer).
      expect(again.rows.filter((r) => r.status === 'confirmed').length > again.capacity || again.results.some((r) => r.status === 'rejected')).toBe(true);
    }, 120_000);
  }
});
