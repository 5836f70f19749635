import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { linkIn, mailsTo, mergeCookies, signedIn, submitForm, testApp, hiddenFields, type TestApp } from '../../testing/app.js';
import { ensureUser, SIGN_IN_LINK_JOB } from './service.js';
import { DEFAULT_UNSOLICITED_LIMIT } from '../mail/outbox.js';
import { outbox } from '../mail/schema.js';
import { jobs } from '../jobs/schema.js';
import { signInTokens, sessions, users } from './schema.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function requestLink(email: string, locale = 'en', remoteAddress?: string) {
  return submitForm(t, { page: `/${locale}/sign-in`, action: `/${locale}/sign-in/link`, fields: { email }, remoteAddress });
}

describe('sign-in by e-mail link', () => {
  it('mails a one-time link; opening it signs in only after pressing the button', async () => {
    await ensureUser(t.db, { email: 'ana@example.org', name: 'Ana Lima' });
    const sent = await requestLink('Ana@Example.org ');
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Check your e-mail');

    const [mail] = await mailsTo(t, 'ana@example.org');
    expect(mail!.subject).toBe('Your sign-in link');
    const link = new URL(linkIn(mail!.text, /http:\/\/\S+\/en\/sign-in\/link\/[\w-]+/));
    expect(mail!.html).toContain(link.pathname);

    // A mail scanner fetching the link (twice) neither signs in nor spends it.
    for (let i = 0; i < 2; i++) {
      const scan = await t.app.inject({ method: 'GET', url: link.pathname });
      expect(scan.statusCode).toBe(200);
      expect(scan.body).toContain('ana@example.org');
      expect(scan.cookies.find((c) => c.name === 'bridges_session')).toBeUndefined();
    }
    const press = await submitForm(t, { page: link.pathname, action: link.pathname, fields: {} });
    expect(press.statusCode).toBe(303);
    expect(press.headers.location).toBe('/en/account');
    const account = await t.app.inject({ method: 'GET', url: '/en/account', headers: { cookie: press.cookie } });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Ana Lima');

    // The link works once.
    const again = await t.app.inject({ method: 'GET', url: link.pathname });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This sign-in link no longer works');
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const res = await requestLink('nobody@example.org');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check your e-mail');
    expect(await mailsTo(t, 'nobody@example.org')).toHaveLength(0);
  });

  it('refuses an expired link', async () => {
    await ensureUser(t.db, { email: 'late@example.org', name: 'Late' });
    expect((await requestLink('late@example.org')).statusCode).toBeLessThan(400);
    const [mail] = await mailsTo(t, 'late@example.org');
    const path = new URL(linkIn(mail!.text, /http:\/\/\S+\/sign-in\/link\/[\w-]+/)).pathname;
    const { id } = (await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'late@example.org')))[0]!;
    await t.db.update(signInTokens).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(signInTokens.userId, id));
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(410);
  });

  it(`mails at most ${DEFAULT_UNSOLICITED_LIMIT} links an hour to one address`, async () => {
    await ensureUser(t.db, { email: 'busy@example.org', name: 'Busy' });
    // From many client addresses, as a flood would come: the limit is the address's, not the client's.
    for (let i = 0; i < DEFAULT_UNSOLICITED_LIMIT + 2; i++) expect((await requestLink('busy@example.org', 'en', `10.0.0.${i + 1}`)).statusCode).toBe(200);
    expect(await mailsTo(t, 'busy@example.org')).toHaveLength(DEFAULT_UNSOLICITED_LIMIT);
  });

  it('does the same work for a known and an unknown address before answering, and the same page: the lookup and the mail come after', async () => {
    await ensureUser(t.db, { email: 'known@example.org', name: 'Known' });
    const work = async (email: string) => {
      const jobsBefore = await t.db.select().from(jobs);
      const tokensBefore = (await t.db.select().from(signInTokens)).length;
      const res = await requestLink(email);
      const newJobs = (await t.db.select().from(jobs)).filter((j) => !jobsBefore.some((b) => b.id === j.id));
      const mailed = await t.db.select().from(outbox).where(eq(outbox.toAddress, email));
      const tokens = (await t.db.select().from(signInTokens)).length - tokensBefore;
      return { res, newJobs, mailed, tokens };
    };
    const known = await work('known@example.org');
    const unknown = await work('unknown-person@example.org');
    expect(known.res.statusCode).toBe(unknown.res.statusCode);
    const page = (r: typeof known, email: string) => r.res.body.replaceAll(email, 'EMAIL').replace(/value="[^"]*"/g, '');
    expect(page(known, 'known@example.org')).toBe(page(unknown, 'unknown-person@example.org'));
    // Before the answer: one job each, no token, no mail — for both.
    expect(known.newJobs.map((j) => j.name)).toEqual([SIGN_IN_LINK_JOB]);
    expect(unknown.newJobs.map((j) => j.name)).toEqual([SIGN_IN_LINK_JOB]);
    expect(known.mailed).toEqual([]);
    expect(unknown.mailed).toEqual([]);
    expect([known.tokens, unknown.tokens]).toEqual([0, 0]);
    // After: the known address has its link, the unknown one nothing.
    expect(await mailsTo(t, 'known@example.org')).toHaveLength(1);
    expect(await mailsTo(t, 'unknown-person@example.org')).toHaveLength(0);
  });

  it('sends one link when the same form is submitted twice (double click)', async () => {
    await ensureUser(t.db, { email: 'twice@example.org', name: 'Twice' });
    const page = await t.app.inject({ method: 'GET', url: '/en/sign-in' });
    const cookie = mergeCookies('', page);
    const fields = { ...hiddenFields(page.body, '/en/sign-in/link'), email: 'twice@example.org' };
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/en/sign-in/link',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
      expect(res.statusCode).toBe(200);
    }
    expect(await mailsTo(t, 'twice@example.org')).toHaveLength(1);
  });

  it('shows the form again with the error and the typed address when it is not an e-mail address', async () => {
    const res = await requestLink('ana-at-example');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<title>Error: Sign in');
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#f-email"');
    expect(res.body).toContain('value="ana-at-example"');
  });

  it('mails the link in the language the person asked in', async () => {
    await ensureUser(t.db, { email: 'fatima@example.org', name: 'Fatima' });
    expect((await requestLink('fatima@example.org', 'ar')).statusCode).toBeLessThan(400);
    const [mail] = await mailsTo(t, 'fatima@example.org');
    expect(mail!.locale).toBe('ar');
    expect(mail!.html).toContain('dir="rtl"');
    expect(mail!.text).toMatch(/\/ar\/sign-in\/link\//);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without a valid token, with a page that says what to do', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/fr/sign-in/link',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=ana%40example.org',
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('lang="fr"');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    const forged = await t.app.inject({
      method: 'POST',
      url: '/en/sign-in/link',
      headers: { cookie: 'bridges_csrf=forged', 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=forged&email=ana%40example.org',
    });
    expect(forged.statusCode).toBe(403);
  });
});

describe('passwords (optional)', () => {
  it('lets a person set a password, sign in with it, and shows a wrong one as a form error', async () => {
    const cookie = await signedIn(t, { email: 'pat@example.org', name: 'Pat' });
    const short = await submitForm(t, { page: '/en/account', action: '/en/account/password', fields: { password: 'short', confirm: 'short' }, cookie });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Use at least 12 characters');
    const saved = await submitForm(t, {
      page: '/en/account',
      action: '/en/account/password',
      fields: { password: 'correct horse battery', confirm: 'correct horse battery' },
      cookie,
    });
    expect(saved.statusCode).toBe(303);
    const [row] = await t.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, 'pat@example.org'));
    expect(row!.h).toMatch(/^\$argon2id\$/);

    const wrong = await submitForm(t, { page: '/en/sign-in', action: '/en/sign-in/password', fields: { email: 'pat@example.org', password: 'wrong password!' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('The e-mail address or the password is not right.');
    expect(wrong.body).toContain('value="pat@example.org"');
    expect(wrong.body).not.toContain('wrong password!');
    // The summary leads to the password form's own field, not to the e-mail link form's (both ask for the address).
    expect(wrong.body).toContain('href="#f-with-password-password"');
    expect(wrong.body).toContain('<label for="f-with-password-password">');
    expect(wrong.body).toContain('id="f-with-password-password"');
    const ids = [...wrong.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);

    const right = await submitForm(t, { page: '/en/sign-in', action: '/en/sign-in/password', fields: { email: 'pat@example.org', password: 'correct horse battery' } });
    expect(right.statusCode).toBe(303);
    expect(right.cookies.find((c) => c.name === 'bridges_session')?.httpOnly).toBe(true);
  });
});

describe('sessions', () => {
  it('signs out everywhere: every session of the person stops working', async () => {
    const laptop = await signedIn(t, { email: 'sam@example.org', name: 'Sam' });
    const phone = await signedIn(t, { email: 'sam@example.org' });
    const page = await t.app.inject({ method: 'GET', url: '/en/account', headers: { cookie: laptop } });
    expect(page.body).toContain('Sign out everywhere');
    const res = await submitForm(t, { page: '/en/account', action: '/en/account/sign-out-everywhere', fields: {}, cookie: laptop });
    expect(res.statusCode).toBe(303);
    for (const cookie of [laptop, phone]) {
      const after = await t.app.inject({ method: 'GET', url: '/en/account', headers: { cookie } });
      expect(after.statusCode).toBe(302);
      expect(after.headers.location).toBe('/en/sign-in?next=%2Fen%2Faccount');
    }
    const { id } = (await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'sam@example.org')))[0]!;
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);
  });

  it('signs out this device only', async () => {
    const cookie = await signedIn(t, { email: 'kim@example.org' });
    const res = await submitForm(t, { page: '/en/account', action: '/en/sign-out', fields: {}, cookie });
    expect(res.statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/en/account', headers: { cookie } })).statusCode).toBe(302);
  });

  it('saves a preferred language and uses it for addresses without one', async () => {
    const cookie = await signedIn(t, { email: 'lea@example.org' });
    const res = await submitForm(t, { page: '/en/account', action: '/en/account/language', fields: { locale: 'ru' }, cookie });
    expect(res.headers.location).toBe('/ru/account?saved=language');
    const root = await t.app.inject({ method: 'GET', url: '/', headers: { cookie, 'accept-language': 'fr' } });
    expect(root.headers.location).toBe('/ru');
  });
});

describe('rate limit on sign-in', () => {
  it('answers 429 with a clear page after too many attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/en/sign-in/password',
        remoteAddress: '203.0.113.9',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=x%40example.org&password=x',
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(res.body).toContain('Too many attempts');
    }
    expect(statuses).toContain(429);
  });
});
