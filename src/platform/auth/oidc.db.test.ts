/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider on a loopback port): the
 * app is driven with inject, the provider over HTTP, its development sign-in page filled in as a
 * person would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { hiddenFields, mergeCookies, testApp, testConfig, type TestApp } from '../../testing/app.js';
import { startTestProvider, type TestProvider } from '../../testing/oidc-provider.js';
import { buildApp } from '../../server.js';
import { actorByEmail, ensureUser } from './service.js';
import { erasePerson } from '../privacy/service.js';
import { SSO_CALLBACK_PATH, ssoCallbackUrl } from './oidc.js';
import { sessions, ssoLinks, users } from './schema.js';
import { auditLog } from '../audit/schema.js';

let t: TestApp;
let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider();
  t = await testApp(provider.env);
  provider.serve(ssoCallbackUrl(t.config.baseUrl));
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

/** A browser at the provider: cookies kept by name, redirects followed by hand until one leads back to the app. */
async function atProvider(authorizationUrl: string, login: string | null): Promise<string> {
  const jar = new Map<string, string>();
  const callback = ssoCallbackUrl(t.config.baseUrl);
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return res;
  };
  let res = await go(authorizationUrl);
  for (let hops = 0; hops < 10; hops++) {
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, res.url || authorizationUrl).href;
      if (next.startsWith(callback)) return next.slice(t.config.baseUrl.length);
      res = await go(next);
      continue;
    }
    // The provider's sign-in page: its form takes the login (the subject) and any password.
    const html = await res.text();
    const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
    if (!action || !html.includes('name="login"')) throw new Error(`The provider answered ${res.status} without a sign-in form`);
    if (login === null) {
      // "Cancel" instead of signing in.
      res = await go(new URL(html.match(/href="([^"]+\/abort)"/)![1]!, authorizationUrl).href);
      continue;
    }
    res = await go(new URL(action, authorizationUrl).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
    });
  }
  throw new Error('The provider never sent the browser back');
}

/** Presses the button on the sign-in page (in a language) and signs in at the provider as `login`: the way back, and the browser's cookies. */
async function answerFromProvider(login: string | null, locale = 'en') {
  const page = await t.app.inject({ method: 'GET', url: `/${locale}/sign-in` });
  expect(page.statusCode).toBe(200);
  let cookie = mergeCookies('', page);
  const pressed = await t.app.inject({
    method: 'POST',
    url: `/${locale}/sign-in/sso`,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(hiddenFields(page.body, `/${locale}/sign-in/sso`)).toString(),
  });
  expect(pressed.statusCode).toBe(303);
  expect(pressed.headers.location).toMatch(new RegExp(`^${provider.issuer}/`));
  cookie = mergeCookies(cookie, pressed);
  return { callback: await atProvider(String(pressed.headers.location), login), cookie };
}

/** The whole round: the button, the provider, and back to the app. */
async function signInWithProvider(login: string | null, locale = 'en') {
  const { callback, cookie } = await answerFromProvider(login, locale);
  const back = await t.app.inject({ method: 'GET', url: callback, headers: { cookie, 'user-agent': 'Test browser' } });
  return { back, callback, cookie: mergeCookies(cookie, back), cookieBefore: cookie };
}

const sessionCookieOf = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === 'bridges_session' && c.value);

async function sessionsOf(email: string) {
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return t.db.select().from(sessions).where(eq(sessions.userId, u!.id));
}

async function auditFor(action: string) {
  return t.db.select().from(auditLog).where(eq(auditLog.action, action));
}

describe('single sign-on for the Secretariat and the Steering Committee', () => {
  it('shows the button beside the e-mail link form only when configured', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/en/sign-in' });
    expect(page.body).toContain('Sign in with Alliance Login');
    expect(page.body).toContain('action="/en/sign-in/sso"');
    expect(page.body).toContain('Send me a sign-in link');
    // The button's redirect goes to the provider: the page lets its form go there.
    expect(String(page.headers['content-security-policy'])).toContain(`form-action 'self' ${provider.issuer}`);
    // Only the sign-in pages: no other page's forms may go to the provider (not even a path that begins like theirs).
    for (const url of ['/en/', '/fr/account', '/en/sign-in-elsewhere']) {
      expect(String((await t.app.inject({ method: 'GET', url })).headers['content-security-policy'])).toMatch(/form-action 'self' ?;/);
    }
    const plain = await buildApp({ config: testConfig(), database: t.database, logger: false });
    try {
      const without = await plain.inject({ method: 'GET', url: '/en/sign-in' });
      expect(without.body).not.toContain('/sign-in/sso');
      expect(String(without.headers['content-security-policy'])).toContain("form-action 'self';");
      // No such pages (as the route table says of the demo, which has no provider).
      expect((await plain.inject({ method: 'GET', url: `${SSO_CALLBACK_PATH}?code=x&state=y` })).statusCode).toBe(404);
      expect((await plain.inject({ method: 'GET', url: '/en/sign-in/sso/refused?reason=not-staff' })).statusCode).toBe(404);
      const press = await plain.inject({
        method: 'POST',
        url: '/en/sign-in/sso',
        headers: { cookie: mergeCookies('', without), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(hiddenFields(without.body, '/en/sign-in/link')).toString(),
      });
      expect(press.statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('signs a Secretariat member in with the session an e-mail link gives, lands on the Secretariat home, and audits it without tokens', async () => {
    await ensureUser(t.db, { email: 'Sara.Secretariat@alliance.example', name: 'Sara Okafor', roles: [{ role: 'secretariat' }] });
    provider.accounts.set('sara-1', { email: 'sara.secretariat@alliance.example', emailVerified: true });
    const { back, callback, cookie } = await signInWithProvider('sara-1');
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/en/admin');
    const session = back.cookies.find((c) => c.name === 'bridges_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 30 * 24 * 3600 });
    const home = await t.app.inject({ method: 'GET', url: '/en/admin', headers: { cookie } });
    expect(home.statusCode).toBe(200);
    expect(await sessionsOf('sara.secretariat@alliance.example')).toHaveLength(1);
    const [link] = await t.db.select().from(ssoLinks).where(eq(ssoLinks.subject, 'sara-1'));
    expect(link).toMatchObject({ issuer: provider.issuer });

    const [record] = await auditFor('auth.sso.signIn');
    expect(record).toMatchObject({ actorEmail: 'sara.secretariat@alliance.example', after: { issuer: provider.issuer, outcome: 'signed-in-and-linked' } });
    const code = new URLSearchParams(callback.split('?')[1]).get('code')!;
    expect(JSON.stringify(await t.db.select().from(auditLog))).not.toMatch(new RegExp(`${code}|eyJ`));

    // Signing out ends it like any session.
    const signOut = await t.app.inject({ method: 'GET', url: '/en/account', headers: { cookie } });
    const out = await t.app.inject({
      method: 'POST',
      url: '/en/sign-out',
      headers: { cookie: mergeCookies(cookie, signOut), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(hiddenFields(signOut.body, '/en/sign-out')).toString(),
    });
    expect(out.statusCode).toBe(303);
    expect(await sessionsOf('sara.secretariat@alliance.example')).toHaveLength(0);
  });

  it('signs a Steering Committee member in to the Committee home', async () => {
    await ensureUser(t.db, { email: 'sam.steering@alliance.example', name: 'Sam Steering', roles: [{ role: 'steering' }] });
    provider.accounts.set('sam-1', { email: 'sam.steering@alliance.example', emailVerified: true });
    const { back } = await signInWithProvider('sam-1');
    expect(back.headers.location).toBe('/en/steering');
    expect(sessionCookieOf(back)).toBeTruthy();
  });

  it('refuses a member who is neither: no session, no link, and a page telling them to use the e-mail link', async () => {
    await ensureUser(t.db, { email: 'mo.member@example.org', name: 'Mo Member', roles: [{ role: 'member' }] });
    provider.accounts.set('mo-1', { email: 'mo.member@example.org', emailVerified: true });
    const { back, cookie } = await signInWithProvider('mo-1');
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/en/sign-in/sso/refused?reason=not-staff');
    expect(sessionCookieOf(back)).toBeUndefined();
    expect(await sessionsOf('mo.member@example.org')).toHaveLength(0);
    expect(await t.db.select().from(ssoLinks).where(eq(ssoLinks.subject, 'mo-1'))).toHaveLength(0);
    const page = await t.app.inject({ method: 'GET', url: String(back.headers.location), headers: { cookie } });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Please sign in with an e-mail link');
    expect(page.body).toContain('only for the Secretariat and the Steering Committee');
    const refused = await auditFor('auth.sso.refused');
    expect(refused.at(-1)).toMatchObject({ targetId: 'mo.member@example.org', after: { issuer: provider.issuer, outcome: 'not-secretariat-or-steering' } });
  });

  it('refuses a replayed answer from the provider, and a forged one, in the language the person started in', async () => {
    await ensureUser(t.db, { email: 'rita@alliance.example', name: 'Rita', roles: [{ role: 'secretariat' }] });
    provider.accounts.set('rita-1', { email: 'rita@alliance.example', emailVerified: true });
    const first = await signInWithProvider('rita-1', 'fr');
    expect(first.back.headers.location).toBe('/fr/admin');
    const before = (await sessionsOf('rita@alliance.example')).length;

    // The same answer again, from the same browser (its cookie as it was when the answer first came): the request is spent.
    const replayed = await t.app.inject({ method: 'GET', url: first.callback, headers: { cookie: first.cookieBefore } });
    expect(replayed.statusCode).toBe(303);
    expect(replayed.headers.location).toBe('/fr/sign-in/sso/refused?reason=expired');
    expect(sessionCookieOf(replayed)).toBeUndefined();
    const page = await t.app.inject({ method: 'GET', url: String(replayed.headers.location), headers: { cookie: first.cookie } });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('lang="fr"');
    expect(page.body).toContain('Cette connexion n’a pas abouti');

    // An answer that reaches another browser (a link someone planted): refused there, and still good in the browser that asked.
    const fresh = await answerFromProvider('rita-1', 'fr');
    const elsewhere = await t.app.inject({ method: 'GET', url: fresh.callback, headers: { cookie: 'bridges_lang=fr' } });
    expect(elsewhere.headers.location).toBe('/fr/sign-in/sso/refused?reason=expired');
    expect(sessionCookieOf(elsewhere)).toBeUndefined();
    const here = await t.app.inject({ method: 'GET', url: fresh.callback, headers: { cookie: fresh.cookie } });
    expect(here.headers.location).toBe('/fr/admin');

    // A made-up answer: no state of this browser.
    const forged = await t.app.inject({ method: 'GET', url: `${SSO_CALLBACK_PATH}?code=abc&state=forged-state`, headers: { cookie: 'bridges_lang=es' } });
    expect(forged.statusCode).toBe(303);
    expect(forged.headers.location).toBe('/es/sign-in/sso/refused?reason=expired');
    expect(await sessionsOf('rita@alliance.example')).toHaveLength(before + 1);
    const outcomes = (await auditFor('auth.sso.refused')).map((r) => (r.after as { outcome: string }).outcome);
    expect(outcomes).toEqual(expect.arrayContaining(['state-spent-or-unknown', 'state-not-this-browser']));
  });

  it('refuses an e-mail address the provider does not vouch for, or none', async () => {
    await ensureUser(t.db, { email: 'vic@alliance.example', name: 'Vic', roles: [{ role: 'secretariat' }] });
    provider.accounts.set('vic-1', { email: 'vic@alliance.example', emailVerified: false });
    const unverified = await signInWithProvider('vic-1');
    expect(unverified.back.headers.location).toBe('/en/sign-in/sso/refused?reason=email');
    expect(sessionCookieOf(unverified.back)).toBeUndefined();
    provider.accounts.set('nomail-1', {});
    const none = await signInWithProvider('nomail-1');
    expect(none.back.headers.location).toBe('/en/sign-in/sso/refused?reason=email');
    expect(await sessionsOf('vic@alliance.example')).toHaveLength(0);
    expect(await t.db.select().from(ssoLinks).where(eq(ssoLinks.subject, 'vic-1'))).toHaveLength(0);
    const page = await t.app.inject({ method: 'GET', url: '/en/sign-in/sso/refused?reason=email' });
    expect(page.body).toContain('Alliance Login did not confirm an e-mail address');
  });

  it('once linked, the subject decides: a changed e-mail at the provider neither moves the person to another account nor lets another subject in', async () => {
    await ensureUser(t.db, { email: 'lee@alliance.example', name: 'Lee', roles: [{ role: 'secretariat' }] });
    await ensureUser(t.db, { email: 'kai@alliance.example', name: 'Kai', roles: [{ role: 'secretariat' }] });
    provider.accounts.set('lee-1', { email: 'lee@alliance.example', emailVerified: true });
    expect((await signInWithProvider('lee-1')).back.headers.location).toBe('/en/admin');

    // Lee's address at the provider becomes Kai's: Lee still signs in as Lee.
    provider.accounts.set('lee-1', { email: 'kai@alliance.example', emailVerified: true });
    const moved = await signInWithProvider('lee-1');
    expect(moved.back.headers.location).toBe('/en/admin');
    const account = await t.app.inject({ method: 'GET', url: '/en/account', headers: { cookie: moved.cookie } });
    expect(account.body).toContain('lee@alliance.example');
    expect(await sessionsOf('kai@alliance.example')).toHaveLength(0);

    // Another subject showing Lee's address gets nothing: Lee's account is linked to lee-1.
    provider.accounts.set('intruder-1', { email: 'lee@alliance.example', emailVerified: true });
    const intruder = await signInWithProvider('intruder-1');
    expect(intruder.back.headers.location).toBe('/en/sign-in/sso/refused?reason=not-staff');
    expect(sessionCookieOf(intruder.back)).toBeUndefined();
    expect(await t.db.select().from(ssoLinks).where(and(eq(ssoLinks.issuer, provider.issuer), eq(ssoLinks.subject, 'intruder-1')))).toHaveLength(0);
  });

  it('tells someone who cancels at the provider that it did not sign them in, in their language', async () => {
    const cancelled = await signInWithProvider(null, 'zh');
    expect(cancelled.back.headers.location).toBe('/zh/sign-in/sso/refused?reason=provider');
    expect(sessionCookieOf(cancelled.back)).toBeUndefined();
    const page = await t.app.inject({ method: 'GET', url: String(cancelled.back.headers.location) });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Alliance Login 未能为您登录');
    expect((await auditFor('auth.sso.refused')).at(-1)?.after).toEqual({ issuer: provider.issuer, outcome: 'provider-refused:access_denied' });
  });

  it('forgets the link when the person is erased', async () => {
    await ensureUser(t.db, { email: 'eve@alliance.example', name: 'Eve', roles: [{ role: 'steering' }] });
    provider.accounts.set('eve-1', { email: 'eve@alliance.example', emailVerified: true });
    expect((await signInWithProvider('eve-1')).back.headers.location).toBe('/en/steering');
    const [eve] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'eve@alliance.example'));
    const secretariat = (await actorByEmail(t.db, 'sara.secretariat@alliance.example'))!;
    await erasePerson(t.db, secretariat, { userId: eve!.id, baseUrl: t.config.baseUrl });
    expect(await t.db.select().from(ssoLinks).where(eq(ssoLinks.subject, 'eve-1'))).toHaveLength(0);
    expect((await signInWithProvider('eve-1')).back.headers.location).toBe('/en/sign-in/sso/refused?reason=not-staff');
  });

  it('limits presses of the button from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/en/sign-in/sso', remoteAddress: '203.0.113.77', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
      statuses.push(res.statusCode);
    }
    expect(statuses).toContain(429);
  });
});
