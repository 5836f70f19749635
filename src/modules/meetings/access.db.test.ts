import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp, type TestApp } from '../../testing/app.js';
import { openMeeting } from './factories.js';
import { register } from './registration.js';

/** Who may open which meetings page: anonymous, member, Steering Committee, Secretariat, and a participant's private link. */
let t: TestApp;
let cookies: Record<string, string>;
let manage: string;
beforeAll(async () => {
  t = await testApp();
  const id = await openMeeting(t.db, { slug: 'access' });
  const r = await register(t.db, { meetingId: id, categorySlug: 'practitioner', who: { email: 'p@example.org', name: 'P', organization: '', country: 'KE', locale: 'en', answers: {} }, baseUrl: t.config.baseUrl });
  manage = r.ok && !r.repeat ? `/en/meetings/access/registration/${r.manageToken}` : '';
  cookies = {
    anonymous: '',
    member: await signedIn(t, { email: 'member@example.org', roles: ['member'] }),
    steering: await signedIn(t, { email: 'sc@example.org', roles: ['steering'] }),
    secretariat: await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] }),
  };
});
afterAll(() => t.close());

const PUBLIC = ['/meetings', '/meetings/access', '/meetings/access/agenda', '/meetings/access/register', '/meetings/access.ics'];
const SECRETARIAT_ONLY = ['/admin/meetings', '/admin/meetings/access/registrations', '/admin/meetings/access/registrations.csv', '/admin/meetings/access/financing', '/admin/meetings/access/financing.xlsx', '/admin/meetings/access/catering', '/admin/meetings/access/catering.csv', '/admin/meetings/access/check-in', '/admin/meetings/access/dashboard', '/admin/meetings/access/questions', '/admin/meetings/new', '/admin/meetings/access/edit', '/admin/meetings/access/programme', '/admin/meetings/access/categories', '/admin/meetings/access/activities', '/admin/meetings/access/badges.pdf'];

describe('meetings pages: role × page', () => {
  for (const [who] of Object.entries({ anonymous: 0, member: 0, steering: 0, secretariat: 0 })) {
    it(`${who}: public pages open, the participant's private link opens, Secretariat pages ${who === 'secretariat' ? 'open' : 'refused'}`, async () => {
      for (const path of PUBLIC) expect((await t.app.inject({ method: 'GET', url: `/en${path}`, headers: { cookie: cookies[who]! } })).statusCode, path).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: manage, headers: { cookie: cookies[who]! } })).statusCode).toBe(200);
      for (const path of SECRETARIAT_ONLY) {
        const res = await t.app.inject({ method: 'GET', url: `/en${path}`, headers: { cookie: cookies[who]! } });
        expect(res.statusCode, `${who} ${path}`).toBe(who === 'secretariat' ? 200 : who === 'anonymous' ? 302 : 403);
      }
    });
  }
  it('an unknown private link opens nothing', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/en/meetings/access/registration/not-a-real-link-0000000000' })).statusCode).toBe(404);
  });
});
