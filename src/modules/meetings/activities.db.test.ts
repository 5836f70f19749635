import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailsTo, registrationLinkOf, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { actorByEmail, ensureUser } from '../../platform/auth/service.js';
import { applyAs, approveAs, sampleIndividual } from '../membership/factories.js';
import { openMeeting } from './factories.js';
import { activitySignups, sideActivities } from './schema.js';
import { register } from './registration.js';

let t: TestApp;
let meetingId: string;
let visitId: string;
const now = Date.now();

/** Registers someone and returns the path of their registration page. */
async function registered(email: string): Promise<string> {
  const r = await register(t.db, { meetingId, categorySlug: 'member', who: { email, name: email.split('@')[0]!, organization: '', country: 'FR', locale: 'en', answers: {} }, baseUrl: t.config.baseUrl });
  if (!r.ok || r.repeat) throw new Error(r.ok ? 'already registered' : r.reason);
  return `/en/meetings/visit-meeting/registration/${r.manageToken}`;
}
const act = (page: string, action: 'join' | 'leave') => submitForm(t, { page, action: `${page}/activities/${visitId}/${action}`, fields: {} });

beforeAll(async () => {
  t = await testApp();
  await addWorkingGroups(t.db);
  meetingId = await openMeeting(t.db, {
    slug: 'visit-meeting',
    title: { en: 'Visit Meeting' },
    capacity: 3,
    categories: [{ slug: 'member', name: { en: 'Participant' } }],
    activities: [{ slug: 'school-visit', title: { en: 'School visit' }, description: { en: '' }, startsAt: new Date(now + 62 * 86_400_000), endsAt: new Date(now + 62 * 86_400_000 + 3 * 3_600_000), membersOnly: true, capacity: 1 }],
  });
  [{ id: visitId }] = await t.db.select({ id: sideActivities.id }).from(sideActivities).where(eq(sideActivities.meetingId, meetingId));
  // Two real members (approved through membership), one non-member.
  await ensureUser(t.db, { email: 'sec@example.org', name: 'Sec', roles: [{ role: 'secretariat' }] });
  await ensureUser(t.db, { email: 'sc@example.org', name: 'SC', roles: [{ role: 'steering' }] });
  const sec = (await actorByEmail(t.db, 'sec@example.org'))!;
  const sc = (await actorByEmail(t.db, 'sc@example.org'))!;
  for (const email of ['member1@example.org', 'member2@example.org']) {
    const { id } = await applyAs(t.db, { kind: 'individual', email, data: sampleIndividual() });
    await approveAs(t.db, sec, [sc], id);
  }
});
afterAll(() => t.close());

describe('the members-only school visit', () => {
  it('refuses a non-member with a clear reason, checked against membership records', async () => {
    const page = await registered('outsider@example.org');
    const view = await t.app.inject({ method: 'GET', url: page });
    expect(view.body).toContain('open to Alliance members only');
    expect(view.body).not.toContain(`/activities/${visitId}/join`);
    const forced = await submitForm(t, { page, action: `${page}/activities/${visitId}/join`, fields: {}, forge: true });
    expect(forced.headers.location).toMatch(/notice=activity-members-only/);
    expect(await t.db.select().from(activitySignups)).toHaveLength(0);
  });

  it('lets a member join while places last; the next member waits, and takes the place when it frees', async () => {
    const first = await registered('member1@example.org');
    const second = await registered('member2@example.org');
    expect((await act(first, 'join')).headers.location).toMatch(/notice=activity-confirmed/);
    expect((await act(second, 'join')).headers.location).toMatch(/notice=activity-waiting/);
    expect((await mailsTo(t, 'member1@example.org')).map((m) => m.subject)).toContain('You have a place: School visit');
    expect((await act(first, 'leave')).headers.location).toMatch(/notice=activity-left/);
    const page = await t.app.inject({ method: 'GET', url: second });
    expect(page.body).toContain('You have a place.');
    expect((await mailsTo(t, 'member2@example.org')).map((m) => m.subject)).toContain('You have a place: School visit');
  });

  it('is only for participants whose place at the meeting is confirmed', async () => {
    const waiting = await registered('member-late@example.org'); // the meeting's 3 places are taken: waiting list
    const view = await t.app.inject({ method: 'GET', url: waiting });
    expect(view.body).toContain('Open to participants whose place at the meeting is confirmed.');
  });

  it('cancelling the registration gives up the activity place: the confirmation page says so, and the next member waiting takes it', async () => {
    const first = await registrationLinkOf(t, 'member1@example.org');
    const second = await registrationLinkOf(t, 'member2@example.org'); // holds the visit's place
    expect((await act(first, 'join')).headers.location).toMatch(/notice=activity-waiting/);
    const ask = await t.app.inject({ method: 'GET', url: `${second}/cancel` });
    expect(ask.body).toContain('School visit — You have a place.');
    expect(ask.body).toContain('You give up your places in side activities');
    expect((await submitForm(t, { page: `${second}/cancel`, action: `${second}/cancel`, fields: {} })).headers.location).toMatch(/notice=cancelled/);
    expect((await t.app.inject({ method: 'GET', url: first })).body).toContain('You have a place.');
    expect(await t.db.select().from(activitySignups).where(eq(activitySignups.status, 'confirmed'))).toHaveLength(1);
  });
});
