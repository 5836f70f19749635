import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.js';
import { testDatabase } from '../../testing/app.js';
import { outbox } from '../../platform/mail/schema.js';
import { jobs } from '../../platform/jobs/schema.js';
import { createMeeting } from './service.js';
import { registrations } from './schema.js';
import { rowLocks } from '../../db/locks.js';
import {
  acceptOffer,
  cancelRegistration,
  declineOffer,
  expireOffer,
  register,
  registrationByLink,
  setCapacity,
  usage,
  type Registrant,
} from './registration.js';
import type { Actor } from '../../platform/policy.js';

let d: Database & { url?: string };
beforeAll(async () => {
  d = await testDatabase();
});
afterAll(() => d.close());

const BASE = 'http://127.0.0.1:3000';
const OPEN = new Date('2024-07-01T10:00:00Z');
let n = 0;
async function meeting(over: Partial<Parameters<typeof createMeeting>[1]> = {}) {
  const slug = `m${++n}`;
  const id = await createMeeting(d.db, {
    slug,
    title: { en: `Meeting ${n}` },
    description: { en: '' },
    venueName: { en: 'Paris' },
    venueAddress: '',
    timeZone: 'Europe/Paris',
    startsAt: new Date('2024-12-02T08:00:00Z'),
    endsAt: new Date('2024-12-03T17:00:00Z'),
    status: 'open',
    capacity: 2,
    registrationOpensAt: new Date('2024-06-01T00:00:00Z'),
    registrationClosesAt: new Date('2024-08-31T21:59:59Z'), // 23:59:59 in Paris
    categories: [
      { slug: 'member', name: { en: 'Member' } },
      { slug: 'delegation', name: { en: 'Delegation' }, quota: 1 },
      { slug: 'press', name: { en: 'Press' }, invitationCode: 'PRESS-2024' },
    ],
    ...over,
  });
  return id;
}
const person = (email: string): Registrant => ({ email, name: email.split('@')[0]!, organization: 'Org', country: 'FR', locale: 'en', answers: {} });
const reg = (meetingId: string, email: string, categorySlug = 'member', now = OPEN, invitationCode?: string) =>
  register(d.db, { meetingId, categorySlug, invitationCode, who: person(email), baseUrl: BASE, now });
/** The registration id behind a result of `register`. */
const id = async (r: unknown) => (await registrationByLink(d.db, (r as { manageToken: string }).manageToken))!.reg.id;
const statusOf = async (meetingId: string, email: string) =>
  (await d.db.select().from(registrations).where(and(eq(registrations.meetingId, meetingId), eq(registrations.email, email))))[0]!;
const secretariat: Actor = { id: '00000000-0000-0000-0000-000000000000', email: 's@x.org', name: 'S', locale: null, roles: [{ role: 'secretariat', scope: '' }] };

describe('first come, first served', () => {
  it('confirms while places last, then puts people on the waiting list with their position', async () => {
    const m = await meeting();
    expect(await reg(m, 'a@x.org')).toMatchObject({ ok: true, status: 'confirmed', position: null });
    expect(await reg(m, 'b@x.org')).toMatchObject({ ok: true, status: 'confirmed' });
    expect(await reg(m, 'c@x.org')).toMatchObject({ ok: true, status: 'waiting', position: 1 });
    expect(await reg(m, 'd@x.org')).toMatchObject({ ok: true, status: 'waiting', position: 2 });
  });

  it('holds each category to its quota inside the capacity', async () => {
    const m = await meeting({ capacity: 3 });
    expect(await reg(m, 'del1@x.org', 'delegation')).toMatchObject({ status: 'confirmed' });
    expect(await reg(m, 'del2@x.org', 'delegation')).toMatchObject({ status: 'waiting' });
    expect(await reg(m, 'mem@x.org', 'member')).toMatchObject({ status: 'confirmed' });
  });

  it('requires the invitation code for a category that has one', async () => {
    const m = await meeting();
    expect(await reg(m, 'p1@x.org', 'press', OPEN, 'wrong')).toEqual({ ok: false, reason: 'invitation' });
    expect(await reg(m, 'p1@x.org', 'press', OPEN, ' press-2024 ')).toMatchObject({ ok: true, status: 'confirmed' });
  });

  it('is open only between the opening and the deadline (checked on the server)', async () => {
    const m = await meeting();
    expect(await reg(m, 'early@x.org', 'member', new Date('2024-05-31T23:00:00Z'))).toEqual({ ok: false, reason: 'not-yet' });
    expect(await reg(m, 'last@x.org', 'member', new Date('2024-08-31T21:59:58Z'))).toMatchObject({ ok: true });
    expect(await reg(m, 'late@x.org', 'member', new Date('2024-08-31T22:00:00Z'))).toEqual({ ok: false, reason: 'closed' });
  });

  it('recognises a second submission by the same address: one registration, nothing returned about it, the link e-mailed to its owner', async () => {
    const m = await meeting();
    await reg(m, 'twice@x.org');
    const again = await reg(m, 'twice@x.org');
    expect(again).toEqual({ ok: true, repeat: true });
    expect(await d.db.select().from(registrations).where(and(eq(registrations.meetingId, m), eq(registrations.email, 'twice@x.org')))).toHaveLength(1);
    expect(await d.db.select().from(outbox).where(eq(outbox.toAddress, 'twice@x.org'))).toHaveLength(2);
  });

  it('the confirmation e-mail writes out the check-in code in its plain-text part too, beside the QR code', async () => {
    const m = await meeting();
    await reg(m, 'code@x.org');
    const { checkInCode } = await statusOf(m, 'code@x.org');
    const [mail] = await d.db.select().from(outbox).where(eq(outbox.toAddress, 'code@x.org'));
    expect(mail!.text).toContain('Show this code at the entrance');
    expect(mail!.text).toContain(`Your check-in code: ${checkInCode}`);
    expect(mail!.html).toContain(checkInCode);
    // A place on the waiting list has no code yet.
    await reg(m, 'b@x.org');
    await reg(m, 'waits@x.org');
    const [waiting] = await d.db.select().from(outbox).where(eq(outbox.toAddress, 'waits@x.org'));
    expect(waiting!.text).not.toContain((await statusOf(m, 'waits@x.org')).checkInCode);
  });

  it('in a moderated meeting, every registration waits for the Secretariat', async () => {
    const m = await meeting({ allocation: 'moderated' });
    expect(await reg(m, 'mod@x.org')).toMatchObject({ ok: true, status: 'pending' });
  });
});

describe('registering again after cancelling', () => {
  it('a cancelled person registers again like a newcomer: a place if one is free, their old registration kept as it was', async () => {
    const m = await meeting();
    const first = await reg(m, 'back@x.org');
    const firstId = await id(first);
    expect(await cancelRegistration(d.db, firstId, BASE, OPEN)).toBe('ok');
    const again = await reg(m, 'back@x.org');
    expect(again).toMatchObject({ ok: true, repeat: false, status: 'confirmed' });
    const rows = await d.db.select().from(registrations).where(and(eq(registrations.meetingId, m), eq(registrations.email, 'back@x.org'))).orderBy(asc(registrations.seq));
    // History stays: the cancelled registration, then the new one with its own check-in code.
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'confirmed']);
    expect(rows[0]!.cancelledAt).not.toBeNull();
    expect(rows[1]!.checkInCode).not.toBe(rows[0]!.checkInCode);
    expect(await usage(d.db, m, OPEN)).toMatchObject({ total: 1 });
    // Registered again, the address is recognised once more: a third submission changes nothing.
    expect(await reg(m, 'back@x.org')).toEqual({ ok: true, repeat: true });
  });

  it('when the meeting is full, a cancelled person goes to the end of the waiting list', async () => {
    const m = await meeting();
    const a = await reg(m, 'a@x.org');
    await reg(m, 'b@x.org');
    await reg(m, 'c@x.org'); // waiting, 1st
    expect(await cancelRegistration(d.db, await id(a), BASE, OPEN)).toBe('ok'); // c is offered a's place
    expect(await reg(m, 'a@x.org')).toMatchObject({ ok: true, status: 'waiting', position: 1 });
    expect(await reg(m, 'd@x.org')).toMatchObject({ ok: true, status: 'waiting', position: 2 });
    expect(await usage(d.db, m, OPEN)).toMatchObject({ total: 2 });
  });

  it('follows the same rules as a newcomer: the registration window, the category quota and its invitation code', async () => {
    const m = await meeting({ capacity: 3 });
    const del = await reg(m, 'del@x.org', 'delegation');
    await reg(m, 'del2@x.org', 'delegation'); // waiting: the quota is 1
    expect(await cancelRegistration(d.db, await id(del), BASE, OPEN)).toBe('ok'); // del2 is offered the delegation place
    expect(await reg(m, 'del@x.org', 'delegation')).toMatchObject({ ok: true, status: 'waiting' });
    const p = await reg(m, 'press@x.org', 'press', OPEN, 'PRESS-2024');
    expect(await cancelRegistration(d.db, await id(p), BASE, OPEN)).toBe('ok');
    expect(await reg(m, 'press@x.org', 'press')).toEqual({ ok: false, reason: 'invitation' });
    expect(await reg(m, 'press@x.org', 'press', new Date('2024-09-01T00:00:00Z'), 'PRESS-2024')).toEqual({ ok: false, reason: 'closed' });
    expect(await reg(m, 'press@x.org', 'member')).toMatchObject({ ok: true, status: 'confirmed' });
  });
});

describe('the waiting list', () => {
  it('a cancellation offers the place to the first in line, who accepts before the deadline', async () => {
    const m = await meeting();
    const a = await reg(m, 'a@x.org');
    await reg(m, 'b@x.org');
    const c = await reg(m, 'c@x.org');
    await reg(m, 'd@x.org');
    const aId = (await registrationByLink(d.db, (a as { manageToken: string }).manageToken))!.reg.id;
    expect(await cancelRegistration(d.db, aId, BASE, OPEN)).toBe('ok');
    const offered = await statusOf(m, 'c@x.org');
    expect(offered.status).toBe('offered');
    expect(offered.offerExpiresAt!.getTime()).toBe(OPEN.getTime() + 72 * 3_600_000);
    expect((await statusOf(m, 'd@x.org')).status).toBe('waiting');
    const mails = await d.db.select().from(outbox).where(eq(outbox.toAddress, 'c@x.org'));
    expect(mails.map((x) => x.subject)).toContain(`A place at Meeting ${n} is yours if you want it`);
    const [job] = await d.db.select().from(jobs).where(eq(jobs.name, 'meetings.expireOffer'));
    expect(job!.runAt.getTime()).toBe(offered.offerExpiresAt!.getTime());
    // The open offer holds the place: nobody else gets it meanwhile.
    expect(await reg(m, 'e@x.org')).toMatchObject({ status: 'waiting' });
    const cId = (await registrationByLink(d.db, (c as { manageToken: string }).manageToken))!.reg.id;
    expect(await acceptOffer(d.db, cId, BASE, new Date(OPEN.getTime() + 3_600_000))).toBe('ok');
    expect((await statusOf(m, 'c@x.org')).status).toBe('confirmed');
    expect(await usage(d.db, m, OPEN)).toMatchObject({ total: 2 });
  });

  it('an offer not accepted in time expires and passes to the next person; a late acceptance is refused', async () => {
    const m = await meeting({ capacity: 1 });
    const a = await reg(m, 'a@x.org');
    const b = await reg(m, 'b@x.org');
    await reg(m, 'c@x.org');
    await cancelRegistration(d.db, await id(a), BASE, OPEN);
    const later = new Date(OPEN.getTime() + 73 * 3_600_000);
    expect(await acceptOffer(d.db, await id(b), BASE, later)).toBe('expired');
    expect(await expireOffer(d.db, await id(b), BASE, later)).toBe('ok');
    expect((await statusOf(m, 'b@x.org')).status).toBe('expired');
    expect((await statusOf(m, 'c@x.org')).status).toBe('offered');
    // Running the expiry job twice changes nothing more.
    expect(await expireOffer(d.db, await id(b), BASE, later)).toBe('not-allowed');
  });

  it('a declined offer passes on at once', async () => {
    const m = await meeting({ capacity: 1 });
    const a = await reg(m, 'a@x.org');
    const b = await reg(m, 'b@x.org');
    await reg(m, 'c@x.org');
    await cancelRegistration(d.db, await id(a), BASE, OPEN);
    expect(await declineOffer(d.db, await id(b), BASE, OPEN)).toBe('ok');
    expect((await statusOf(m, 'c@x.org')).status).toBe('offered');
  });

  it('raising the capacity offers the new places in line order', async () => {
    const m = await meeting({ capacity: 1 });
    for (const e of ['a', 'b', 'c', 'd']) await reg(m, `${e}@x.org`);
    expect(await setCapacity(d.db, secretariat, m, 3, BASE, OPEN)).toBe(2);
    expect((await statusOf(m, 'b@x.org')).status).toBe('offered');
    expect((await statusOf(m, 'c@x.org')).status).toBe('offered');
    expect((await statusOf(m, 'd@x.org')).status).toBe('waiting');
  });
});

/**
 * The place rule under load: many people press "register" at the same moment. With the meeting's
 * row lock the count is exact. Where races can happen — PostgreSQL, through two connection pools as
 * two app instances would — the control is the same `register` with only the lock switched off,
 * and it must overbook, which shows the lock is what prevents it. The embedded database runs one
 * transaction at a time (no race to lose), so it keeps a small burst for the behaviour.
 */
describe('concurrent burst', () => {
  const onServer = process.env.BRIDGES_TEST_DB === 'postgres';
  const PLACES = onServer ? 300 : 30;
  const PEOPLE = onServer ? 1000 : 100;

  async function burst(databases: Database[]) {
    const m = await meeting({ capacity: PLACES, categories: [{ slug: 'member', name: { en: 'Member' } }] });
    const results = await Promise.allSettled(
      Array.from({ length: PEOPLE }, (_, i) => register(databases[i % databases.length]!.db, { meetingId: m, categorySlug: 'member', who: person(`p${i}@burst.org`), baseUrl: BASE, now: OPEN })),
    );
    const rows = await d.db.select().from(registrations).where(eq(registrations.meetingId, m)).orderBy(asc(registrations.seq));
    return { results, rows };
  }

  /** The databases a burst goes through: on the server, a second pool as a second app instance would have. */
  async function pools(): Promise<{ databases: Database[]; close(): Promise<void> }> {
    const second = onServer ? await openDatabase({ databaseUrl: d.url }) : undefined;
    return { databases: second ? [d, second] : [d], close: async () => second?.close() };
  }

  it(`${PEOPLE} at once for ${PLACES} places${onServer ? ', through two connection pools' : ''}: exactly ${PLACES} confirmed, the rest waiting in commit order, no errors`, async () => {
    const p = await pools();
    try {
      const { results, rows } = await burst(p.databases);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const confirmed = rows.filter((r) => r.status === 'confirmed');
      const waiting = rows.filter((r) => r.status === 'waiting');
      expect(confirmed).toHaveLength(PLACES);
      expect(waiting).toHaveLength(PEOPLE - PLACES);
      // Commit order: every confirmed registration was allocated before every waiting one.
      expect(Math.max(...confirmed.map((r) => r.seq))).toBeLessThan(Math.min(...waiting.map((r) => r.seq)));
      const positions = results.map((r) => (r.status === 'fulfilled' && r.value.ok && !r.value.repeat ? r.value.position : null)).filter((x) => x !== null).sort((a, b) => a! - b!);
      expect(positions).toEqual(Array.from({ length: PEOPLE - PLACES }, (_, i) => i + 1));
    } finally {
      await p.close();
    }
  }, 120_000);

  if (onServer)
  it('control: the same register with only the meeting\'s row lock switched off overbooks under the same burst', async () => {
    const p = await pools();
    rowLocks.meeting = false;
    try {
      const { rows } = await burst(p.databases);
      expect(rows.filter((r) => r.status === 'confirmed').length).toBeGreaterThan(PLACES);
    } finally {
      rowLocks.meeting = true;
      await p.close();
    }
  }, 120_000);
});
