import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { hiddenFields, mergeCookies, registrationLinkOf, secondInstance, testApp, type TestApp } from '../../testing/app.js';
import { openMeeting } from './factories.js';
import { registrations } from './schema.js';

/**
 * The rule the Alliance cares most about, through HTTP as people use it: 1,000 people press
 * "Pre-register" at the same moment for 300 places. On PostgreSQL, half of them go through a
 * second app instance (its own connection pool) on the same database.
 */
// The race is lost or won on the PostgreSQL server (two instances); the embedded database runs one transaction at a time, so it keeps a small burst for the behaviour.
const onServer = process.env.BRIDGES_TEST_DB === 'postgres';
const PLACES = onServer ? 300 : 30;
const PEOPLE = onServer ? 1000 : 100;

let t: TestApp;
let second: Awaited<ReturnType<typeof secondInstance>> | undefined;
beforeAll(async () => {
  t = await testApp();
  if (t.database.url) second = await secondInstance(t); // two instances on PostgreSQL
  await openMeeting(t.db, {
    slug: 'burst',
    title: { en: 'Burst' },
    capacity: PLACES,
    categories: [{ slug: 'practitioner', name: { en: 'Practitioner' } }],
  });
}, 60_000);
afterAll(async () => {
  await second?.close();
  await t.close();
});

describe('a burst of registrations through HTTP', () => {
  it(`${PEOPLE} people at once for ${PLACES} places: ${PLACES} confirmed, ${PEOPLE - PLACES} waiting in order, no error answers${'' /* two instances on PostgreSQL */}`, async () => {
    const page = await t.app.inject({ method: 'GET', url: '/en/meetings/burst/register' });
    const cookie = mergeCookies('', page);
    const { _csrf } = hiddenFields(page.body, '/en/meetings/burst/register');
    const apps = second ? [t.app, second.app] : [t.app];
    const answers = await Promise.all(
      Array.from({ length: PEOPLE }, (_, i) =>
        apps[i % apps.length]!.inject({
          method: 'POST',
          url: '/en/meetings/burst/register',
          remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, // one address per person, as in real life
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: _csrf!, name: `Person ${i}`, email: `p${i}@burst.example`, country: 'KE', category: 'practitioner', consent: 'yes' }).toString(),
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 200)).toEqual([]);
    const rows = await t.db.select().from(registrations).orderBy(asc(registrations.seq));
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    const waiting = rows.filter((r) => r.status === 'waiting');
    expect(confirmed).toHaveLength(PLACES);
    expect(waiting).toHaveLength(PEOPLE - PLACES);
    expect(Math.max(...confirmed.map((r) => r.seq))).toBeLessThan(Math.min(...waiting.map((r) => r.seq)));
    // Each waiting person sees their own place in line, 1 to 700, in commit order.
    const own = await t.app.inject({ method: 'GET', url: await registrationLinkOf(t, waiting.at(-1)!.email) });
    expect(own.body).toContain(`You are number ${PEOPLE - PLACES} on the waiting list.`);
    expect(await t.db.select().from(registrations).where(eq(registrations.status, 'offered'))).toHaveLength(0);
  }, 180_000);
});
