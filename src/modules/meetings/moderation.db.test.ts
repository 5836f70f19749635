import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailsTo, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { jobs } from '../../platform/jobs/schema.js';
import { runDueJobs } from '../../platform/jobs/queue.js';
import { meetingsModule } from './module.js';
import { openMeeting } from './factories.js';
import { register } from './registration.js';
import { registrations } from './schema.js';

let t: TestApp;
let sec: string;
const now = Date.now();
const who = (email: string) => ({ email, name: email.split('@')[0]!, organization: '', country: 'FR', locale: 'en' as const, answers: {} });

beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
});
afterAll(() => t.close());

describe('a moderated meeting', () => {
  it('the Secretariat confirms while places remain, refuses beyond them, and declines; each person is told', async () => {
    const id = await openMeeting(t.db, {
      slug: 'moderated',
      title: { en: 'Moderated' },
      allocation: 'moderated',
      capacity: 1,
      categories: [{ slug: 'guest', name: { en: 'Guest' } }],
    });
    for (const e of ['one@x.org', 'two@x.org', 'three@x.org']) await register(t.db, { meetingId: id, categorySlug: 'guest', who: who(e), baseUrl: t.config.baseUrl });
    const rowOf = async (email: string) => (await t.db.select().from(registrations).where(and(eq(registrations.meetingId, id), eq(registrations.email, email))))[0]!;
    const decide = async (email: string, d: 'confirm' | 'decline') =>
      submitForm(t, { page: '/en/admin/meetings/moderated/registrations', action: `/en/admin/meetings/moderated/registrations/${(await rowOf(email)).id}/${d}`, fields: {}, cookie: sec, forge: true });
    expect((await decide('one@x.org', 'confirm')).headers.location).toMatch(/notice=ok/);
    expect((await decide('two@x.org', 'confirm')).headers.location).toMatch(/notice=full/);
    expect((await decide('three@x.org', 'decline')).headers.location).toMatch(/notice=ok/);
    expect((await rowOf('one@x.org')).status).toBe('confirmed');
    expect((await rowOf('two@x.org')).status).toBe('pending');
    expect((await rowOf('three@x.org')).status).toBe('declined');
    expect((await mailsTo(t, 'one@x.org'))[0]!.html).toContain('cid:check-in-qr');
    expect((await mailsTo(t, 'three@x.org'))[0]!.subject).toBe('Your registration for Moderated');
  });
});

describe('reminders', () => {
  it('are scheduled with the meeting and sent once to each confirmed participant', async () => {
    const startsAt = new Date(now + 2 * 86_400_000); // so the reminder (3 days before) is already due
    const id = await openMeeting(t.db, {
      slug: 'soon',
      title: { en: 'Soon' },
      startsAt,
      endsAt: new Date(startsAt.getTime() + 86_400_000),
      capacity: 1,
      registrationClosesAt: new Date(now + 86_400_000),
      categories: [{ slug: 'guest', name: { en: 'Guest' } }],
    });
    await register(t.db, { meetingId: id, categorySlug: 'guest', who: who('on@x.org'), baseUrl: t.config.baseUrl });
    await register(t.db, { meetingId: id, categorySlug: 'guest', who: who('wait@x.org'), baseUrl: t.config.baseUrl });
    const [job] = await t.db.select().from(jobs).where(eq(jobs.uniqueKey, `meetings.sendReminders:${id}`));
    expect(job!.runAt.getTime()).toBe(startsAt.getTime() - 3 * 86_400_000);
    const handlers = meetingsModule.jobs!;
    await runDueJobs(t.db, handlers, { baseUrl: t.config.baseUrl });
    await runDueJobs(t.db, handlers, { baseUrl: t.config.baseUrl });
    expect((await mailsTo(t, 'on@x.org')).filter((m) => m.subject === 'See you soon at Soon')).toHaveLength(1);
    expect((await mailsTo(t, 'wait@x.org')).filter((m) => m.subject === 'See you soon at Soon')).toHaveLength(0);
  });
});
