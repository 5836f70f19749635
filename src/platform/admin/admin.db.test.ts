import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailsTo, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { users } from '../auth/schema.js';
import { auditLog } from '../audit/schema.js';
import { unsolicitedLimit } from '../mail/outbox.js';
import { allModules } from '../../server.js';

let t: TestApp;
let cookies: Record<string, string>;
beforeAll(async () => {
  t = await testApp();
  cookies = {
    user: await signedIn(t, { email: 'user@example.org' }),
    member: await signedIn(t, { email: 'member@example.org', roles: ['member'] }),
    steering: await signedIn(t, { email: 'sc@example.org', roles: ['steering'] }),
    secretariat: await signedIn(t, { email: 'sec@example.org', name: 'Sec Retariat', roles: ['secretariat'] }),
  };
});
afterAll(() => t.close());

describe('Secretariat pages (who reaches which: src/access.db.test.ts)', () => {
  it('refuses a role change by someone who is not Secretariat, and changes nothing', async () => {
    const [target] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'user@example.org'));
    const steering = await signedIn(t, { email: 'sc2@example.org', roles: ['steering'] });
    const forbidden = await submitForm(t, { page: '/en/account', action: `/en/admin/users/${target!.id}/roles`, fields: { role: 'secretariat', grant: 'yes' }, cookie: steering, forge: true });
    expect(forbidden.statusCode).toBe(403);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.targetId, 'user@example.org'));
    expect(audit).toHaveLength(0);
  });
});

describe('the Secretariat home', () => {
  it('links every part of the Secretariat’s area, the modules’ as well as the platform’s', async () => {
    const home = await t.app.inject({ url: '/en/admin', headers: { cookie: cookies.secretariat } });
    const main = home.body.slice(home.body.indexOf('<main'));
    for (const path of ['/en/admin/applications', '/en/admin/meetings', '/en/admin/newsletter', '/en/admin/working-groups', '/en/admin/pages', '/en/admin/translations', '/en/admin/users', '/en/admin/mailbox']) {
      expect(main).toContain(`href="${path}"`);
    }
  });
});

describe('people and roles', () => {
  it('grants a role, records it in the audit log, and finds it there by filter', async () => {
    const [target] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'member@example.org'));
    const res = await submitForm(t, {
      page: '/en/admin/users?q=member',
      action: `/en/admin/users/${target!.id}/roles`,
      fields: { role: 'steering', grant: 'yes' },
      cookie: cookies.secretariat,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/admin/users?notice=granted');
    const [record] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, 'member@example.org'));
    expect(record).toMatchObject({ action: 'user.role.grant', actorEmail: 'sec@example.org', before: { roles: ['member'] }, after: { roles: ['member', 'steering'] } });

    const page = await t.app.inject({ method: 'GET', url: '/en/admin/audit?action=user.role&target=user', headers: { cookie: cookies.secretariat } });
    expect(page.body).toContain('member@example.org');
    const none = await t.app.inject({ method: 'GET', url: '/en/admin/audit?action=meeting.', headers: { cookie: cookies.secretariat } });
    expect(none.body).not.toContain('member@example.org');
  });

  it('keeps at least one Secretariat account', async () => {
    const solo = await testApp();
    try {
      const cookie = await signedIn(solo, { email: 'only@example.org', roles: ['secretariat'] });
      const [me] = await solo.db.select({ id: users.id }).from(users).where(eq(users.email, 'only@example.org'));
      const res = await submitForm(solo, { page: '/en/admin/users', action: `/en/admin/users/${me!.id}/roles`, fields: { role: 'secretariat', grant: 'no' }, cookie });
      expect(res.headers.location).toBe('/en/admin/users?notice=lastSecretariat');
      const page = await solo.app.inject({ method: 'GET', url: res.headers.location as string, headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('The last Secretariat account cannot lose its role');
    } finally {
      await solo.close();
    }
  });

  it('invites someone: an account, a sign-in mail in their language, an audit record', async () => {
    const bad = await submitForm(t, { page: '/en/admin/users/invite', action: '/en/admin/users/invite', fields: { name: 'Olga', email: 'olga@', locale: 'ru', role: 'steering' }, cookie: cookies.secretariat });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Olga"');
    expect(bad.body).toContain('value="olga@"');
    const res = await submitForm(t, { page: '/en/admin/users/invite', action: '/en/admin/users/invite', fields: { name: 'Olga', email: 'olga@example.org', locale: 'ru', role: 'steering' }, cookie: cookies.secretariat });
    expect(res.statusCode).toBe(303);
    const [mail] = await mailsTo(t, 'olga@example.org');
    expect(mail!.locale).toBe('ru');
    expect(mail!.text).toContain('/ru/sign-in/link/');
    const [record] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'user.invite'));
    expect(record!.targetId).toBe('olga@example.org');
  });

  it('shows the outbox in the Mailbox, with each message readable', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/en/admin/mailbox?to=olga', headers: { cookie: cookies.secretariat } });
    expect(list.body).toContain('olga@example.org');
    expect(list.body).toContain('No mail server is configured');
    const id = list.body.match(/href="\/en\/admin\/mailbox\/(\d+)"/)![1];
    const one = await t.app.inject({ method: 'GET', url: `/en/admin/mailbox/${id}`, headers: { cookie: cookies.secretariat } });
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('/ru/sign-in/link/');
    const html = await t.app.inject({ method: 'GET', url: `/en/admin/mailbox/${id}/html`, headers: { cookie: cookies.secretariat } });
    expect(html.headers['content-security-policy']).toContain('sandbox');
    expect(html.body).toContain('dir="ltr"');
    expect((await t.app.inject({ method: 'GET', url: `/en/admin/mailbox/${id}/html`, headers: { cookie: cookies.member } })).statusCode).toBe(403);
  });

  it('sets how many e-mails anyone can cause to one address per hour: audited, a bad number shown again, Secretariat only', async () => {
    const page = '/en/admin/mailbox';
    expect((await t.app.inject({ method: 'GET', url: page, headers: { cookie: cookies.secretariat } })).body).toMatch(/name="limit" type="number"[^>]*value="10"/);
    const bad = await submitForm(t, { page, action: '/en/admin/mailbox/settings', fields: { limit: '0.5' }, cookie: cookies.secretariat });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter a whole number from 1 to 100.');
    expect(bad.body).toMatch(/name="limit" type="number"[^>]*value="0.5"/);
    const ok = await submitForm(t, { page, action: '/en/admin/mailbox/settings', fields: { limit: '4' }, cookie: cookies.secretariat });
    expect(ok.headers.location).toBe('/en/admin/mailbox?notice=limit');
    expect(await unsolicitedLimit(t.db)).toBe(4);
    const [record] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'mail.settings'));
    expect(record).toMatchObject({ actorEmail: 'sec@example.org', before: { limit: 10 }, after: { limit: 4 } });
    const steering = await submitForm(t, { page: '/en/account', action: '/en/admin/mailbox/settings', fields: { limit: '99' }, cookie: cookies.steering, forge: true });
    expect(steering.statusCode).toBe(403);
    expect(await unsolicitedLimit(t.db)).toBe(4);
  });

  it('lists every export the modules declare in their manifests on one page, and the roles they add with how many hold them', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/en/admin/exports', headers: { cookie: cookies.secretariat } });
    expect(page.statusCode).toBe(200);
    for (const m of allModules()) for (const e of m.exports ?? []) expect(page.body).toContain(`href="/en${e.href}"`);
    expect(page.body).toContain('href="/en/admin/members/export.csv"');
    const people = await t.app.inject({ method: 'GET', url: '/en/admin/users', headers: { cookie: cookies.secretariat } });
    // One member was signed in for this file: the Member role has one holder.
    expect(people.body).toMatch(/<td>Member<\/td><td class="num">1<\/td>/);
    expect(people.body).toContain('Working-group chair');
  });

  it('shows a bad audit filter as a form error, not a failure', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/admin/audit?from=2024-13-45', headers: { cookie: cookies.secretariat } });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter a real date.');
    expect(res.body).toContain('value="2024-13-45"');
  });

  it('answers odd addresses and parameters with a page, never a failure', async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies.secretariat } });
    expect((await get('/en/admin/mailbox/abc')).statusCode).toBe(404);
    expect((await get('/en/admin/mailbox/99999999999999')).statusCode).toBe(404);
    expect((await get('/en/admin/users?page=-5&role=king')).statusCode).toBe(200);
    expect((await get('/en/admin/audit?page=abc&target=%3Cb%3E')).statusCode).toBe(200);
    const nul = await get('/en/admin/audit?actor=a%00b');
    expect(nul.statusCode).toBe(400);
    expect(nul.body).toContain('Something in the request was not right');
    const bad = await t.app.inject({ method: 'POST', url: '/en/admin/users/not-a-uuid/roles', headers: { cookie: cookies.secretariat, 'content-type': 'application/json' }, payload: '{"role":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('text/html');
  });
});
