import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { linkIn, mailsTo, registrationLinkOf, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { openMeeting } from './factories.js';
import { translate } from '../../platform/i18n/messages.js';
import { registrations } from './schema.js';

let t: TestApp;
let sec: string;
beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  const now = Date.now();
  await openMeeting(t.db, {
    slug: 'open-meeting',
    title: { en: 'Open Meeting', es: 'Reunión abierta' },
    capacity: 1,
    categories: [
      { slug: 'practitioner', name: { en: 'Invited practitioner', es: 'Profesional invitado' } },
      { slug: 'delegation', name: { en: 'Delegation' }, invitationCode: 'DEL-1' },
    ],
  });
  await openMeeting(t.db, {
    slug: 'closed-meeting',
    title: { en: 'Closed Meeting' },
    capacity: 10,
    registrationOpensAt: new Date(now - 10 * 86_400_000),
    registrationClosesAt: new Date(now - 86_400_000),
    categories: [{ slug: 'practitioner', name: { en: 'Invited practitioner' } }],
  });
});
afterAll(() => t.close());
const manageLinkOf = (email: string) => registrationLinkOf(t, email);

const fields = (email: string, over: Record<string, string | string[]> = {}) => ({
  name: 'Lucía Torres',
  email,
  organization: 'Escuela 12',
  country: 'PE',
  category: 'practitioner',
  languages: ['es'],
  lunch: ['day1', 'day2'],
  dietary: 'Vegetarian',
  consent: 'yes',
  ...over,
});
const registerAs = (email: string, over: Record<string, string | string[]> = {}, locale = 'es') =>
  submitForm(t, { page: `/${locale}/meetings/open-meeting/register`, action: `/${locale}/meetings/open-meeting/register`, fields: fields(email, over) });

describe('pre-registration pages', () => {
  it('the meeting page says registration is open and links to the form', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/meetings/open-meeting' });
    expect(res.body).toContain('Pre-registration is open until');
    expect(res.body).toContain('href="/en/meetings/open-meeting/register"');
  });

  it('registers, confirms the place, mails the link in the person’s language; the link shows the registration', async () => {
    const res = await registerAs('lucia@example.org');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(translate('es', 'meetings.register.sent.title'));
    expect(res.body).not.toMatch(/\/registration\/[\w-]{20,}/);
    const page = await t.app.inject({ method: 'GET', url: await manageLinkOf('lucia@example.org') });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lucía Torres');
    const [mail] = await mailsTo(t, 'lucia@example.org');
    expect(mail!.locale).toBe('es');
    expect(mail!.subject).toContain('Reunión abierta');
    expect(mail!.text).toMatch(/\/es\/meetings\/open-meeting\/registration\/[\w-]+/);
    // The confirmation carries the check-in QR code (inline) and the meeting as a calendar file.
    const [qr, ics] = mail!.attachments;
    expect(qr).toMatchObject({ contentType: 'image/png', cid: 'check-in-qr' });
    expect(Buffer.from(qr!.content, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(mail!.html).toContain('src="cid:check-in-qr"');
    expect(ics!.filename).toBe('open-meeting.ics');
    expect(Buffer.from(ics!.content, 'base64').toString()).toContain('BEGIN:VCALENDAR');
    expect(Buffer.from(ics!.content, 'base64').toString()).toContain('SUMMARY:Reunión abierta');
  });

  it('puts the next person on the waiting list and shows their position', async () => {
    expect((await registerAs('second@example.org', {}, 'en')).statusCode).toBeLessThan(400);
    const page = await t.app.inject({ method: 'GET', url: await manageLinkOf('second@example.org') });
    expect(page.body).toContain('You are number 1 on the waiting list.');
  });

  it('shows errors with everything typed kept', async () => {
    const res = await registerAs('bad-at-example', { country: 'XX', consent: [] as unknown as string });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="bad-at-example"');
    expect(res.body).toContain('value="Escuela 12"');
    expect(res.body).toContain('href="#f-country"');
    expect(res.body).toContain('href="#f-consent"');
  });

  it('refuses a wrong invitation code as a form error', async () => {
    const res = await registerAs('delegate@example.org', { category: 'delegation', invitationCode: 'nope' }, 'en');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('The invitation code is not right for this category.');
    expect(await t.db.select().from(registrations).where(eq(registrations.email, 'delegate@example.org'))).toHaveLength(0);
  });

  it('refuses registration after the deadline, even when the form is posted directly', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/en/meetings/closed-meeting/register' });
    expect(page.body).toContain('Pre-registration for this meeting is closed.');
    const res = await submitForm(t, { page: '/en/meetings/open-meeting/register', action: '/en/meetings/closed-meeting/register', fields: fields('late@example.org'), forge: true });
    expect(res.statusCode).toBe(409);
    expect(await t.db.select().from(registrations).where(eq(registrations.email, 'late@example.org'))).toHaveLength(0);
  });

  it('registering again with a known address shows the same page as a first registration, grants nothing, and e-mails the owner their link', async () => {
    const before = await t.db.select().from(registrations).where(eq(registrations.email, 'lucia@example.org'));
    const mailsBefore = (await mailsTo(t, 'lucia@example.org')).length;
    const first = await registerAs('newcomer@example.org', { name: 'Newcomer' }, 'en');
    const attacker = await registerAs('lucia@example.org', { name: 'Attacker', passportName: 'ATTACKER NAME', dietary: 'x' }, 'en');
    // The same page, but for the address typed: no link, no redirect, nothing of the registration.
    const neutral = (body: string, email: string) => body.replaceAll(email, 'EMAIL').replace(/value="[^"]*"/g, '');
    expect(attacker.statusCode).toBe(first.statusCode);
    expect(attacker.headers.location).toBeUndefined();
    expect(neutral(attacker.body, 'lucia@example.org')).toBe(neutral(first.body, 'newcomer@example.org'));
    expect(attacker.body).not.toContain('Lucía Torres');
    expect(attacker.headers['set-cookie'] ?? '').not.toMatch(/registration/);
    // Nothing stored changed, and the owner got one e-mail with their link.
    expect(await t.db.select().from(registrations).where(eq(registrations.email, 'lucia@example.org'))).toEqual(before);
    const mails = await mailsTo(t, 'lucia@example.org');
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails[0]!.text).toContain(translate('es', 'meetings.mail.again.body', { meeting: 'Reunión abierta', dates: '' }).split(' (')[0]!);
    expect(mails[0]!.text).toMatch(/\/registration\/[\w-]{20,}/);
  });

  it('someone signed in with the address they register goes straight to their registration', async () => {
    const cookie = await signedIn(t, { email: 'signed@example.org', name: 'Signed In' });
    const res = await submitForm(t, { page: '/en/meetings/open-meeting/register', action: '/en/meetings/open-meeting/register', fields: fields('signed@example.org'), cookie });
    expect(res.headers.location).toMatch(/^\/en\/meetings\/open-meeting\/registration\/[\w-]+\?notice=registered$/);
    const again = await submitForm(t, { page: '/en/meetings/open-meeting/register', action: '/en/meetings/open-meeting/register', fields: fields('signed@example.org'), cookie });
    expect(again.headers.location).toMatch(/notice=again$/);
    // Signed in as someone else, the address of another person gets the neutral page.
    const other = await submitForm(t, { page: '/en/meetings/open-meeting/register', action: '/en/meetings/open-meeting/register', fields: fields('lucia@example.org'), cookie });
    expect(other.statusCode).toBe(200);
    expect(other.headers.location).toBeUndefined();
  });

  it('cancelling asks first, on its own page; a post without that page’s answer cancels nothing', async () => {
    const [mail] = (await mailsTo(t, 'lucia@example.org')).slice(-1);
    const manage = new URL(linkIn(mail!.text, /http:\/\/\S+\/registration\/[\w-]+/)).pathname;
    const page = await t.app.inject({ method: 'GET', url: manage });
    expect(page.body).toContain(`href="${manage}/cancel"`);
    expect(page.body).not.toContain(`action="${manage}/cancel"`);
    const early = await submitForm(t, { page: manage, action: `${manage}/cancel`, fields: {}, forge: true });
    expect(early.headers.location).toBe(`${manage}/cancel`);
    expect((await t.db.select().from(registrations).where(eq(registrations.email, 'lucia@example.org')))[0]!.status).toBe('confirmed');
    const ask = await t.app.inject({ method: 'GET', url: `${manage}/cancel` });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain(translate('es', 'meetings.cancel.title', { meeting: 'Reunión abierta' }));
    expect(ask.body).toContain(translate('es', 'meetings.cancel.place'));
    expect(ask.body).toContain(translate('es', 'meetings.cancel.confirm'));
    expect(ask.body).toContain(`href="${manage}"`); // keep my registration
  });

  it('a cancellation frees the place at once for the first in line, who accepts through the link in the offer e-mail', async () => {
    const [mail] = (await mailsTo(t, 'lucia@example.org')).slice(-1);
    const manage = new URL(linkIn(mail!.text, /http:\/\/\S+\/registration\/[\w-]+/)).pathname;
    const cancel = await submitForm(t, { page: `${manage}/cancel`, action: `${manage}/cancel`, fields: {} });
    expect(cancel.headers.location).toMatch(/notice=cancelled/);
    // The page after cancelling offers to register again while registration is open.
    const after = await t.app.inject({ method: 'GET', url: cancel.headers.location as string });
    expect(after.body).toContain(translate('es', 'meetings.manage.registerAgain'));
    expect(after.body).toContain('href="/es/meetings/open-meeting/register"');
    const [offer] = await mailsTo(t, 'second@example.org');
    expect(offer!.subject).toContain('is yours if you want it');
    const offerLink = new URL(linkIn(offer!.text, /http:\/\/\S+\/registration\/[\w-]+/)).pathname;
    const accept = await submitForm(t, { page: offerLink, action: `${offerLink}/accept`, fields: {} });
    expect(accept.headers.location).toMatch(/notice=accepted/);
    const [row] = await t.db.select().from(registrations).where(eq(registrations.email, 'second@example.org'));
    expect(row!.status).toBe('confirmed');
  });
});

describe('a participant’s own registration', () => {
  it('is reached from the account (by its e-mail), or leads to the form when there is none', async () => {
    const cookie = await signedIn(t, { email: 'second@example.org', name: 'Second' });
    const res = await t.app.inject({ method: 'GET', url: '/en/meetings/open-meeting/my-registration', headers: { cookie } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/en\/meetings\/open-meeting\/registration\/[\w-]+$/);
    const page = await t.app.inject({ method: 'GET', url: res.headers.location as string, headers: { cookie } });
    expect(page.body).toContain('second@example.org');
    const stranger = await signedIn(t, { email: 'stranger@example.org' });
    expect((await t.app.inject({ method: 'GET', url: '/en/meetings/open-meeting/my-registration', headers: { cookie: stranger } })).headers.location).toBe('/en/meetings/open-meeting/register');
    expect((await t.app.inject({ method: 'GET', url: '/en/meetings/open-meeting/my-registration' })).statusCode).toBe(302); // sign in first
  });

  it('can change its practical details while registration is open, with errors shown and input kept', async () => {
    const cookie = await signedIn(t, { email: 'second@example.org' });
    const manage = (await t.app.inject({ method: 'GET', url: '/en/meetings/open-meeting/my-registration', headers: { cookie } })).headers.location as string;
    const bad = await submitForm(t, { page: manage, action: `${manage}/details`, fields: { organization: 'x'.repeat(400), dietary: 'No nuts' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="No nuts"');
    const ok = await submitForm(t, { page: manage, action: `${manage}/details`, fields: { organization: 'New School', lunch: 'day2', dietary: 'No nuts', languages: ['fr'] } });
    expect(ok.headers.location).toMatch(/notice=details-saved/);
    const [row] = await t.db.select().from(registrations).where(eq(registrations.email, 'second@example.org'));
    expect(row).toMatchObject({ organization: 'New School', answers: { lunch: ['day2'], dietary: 'No nuts', languages: ['fr'] } });
    expect(row!.status).toBe('confirmed');
  });
});

describe('the Secretariat’s registrations page', () => {
  it('lists registrations in arrival order, for the Secretariat only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/open-meeting/registrations', headers: { cookie: sec } });
    expect(res.statusCode).toBe(200);
    expect(res.body.indexOf('lucia@') === -1).toBe(true); // no e-mail addresses in the list
    expect(res.body.indexOf('Lucía Torres')).toBeGreaterThan(-1);
    const member = await signedIn(t, { email: 'm@example.org', roles: ['member', 'steering'] });
    expect((await t.app.inject({ method: 'GET', url: '/en/admin/meetings/open-meeting/registrations', headers: { cookie: member } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/en/admin/meetings/open-meeting/registrations' })).statusCode).toBe(302);
    const list = await t.app.inject({ method: 'GET', url: '/en/admin/meetings', headers: { cookie: sec } });
    expect(list.body).toContain('href="/en/admin/meetings/open-meeting/registrations"');
    expect((await t.app.inject({ method: 'GET', url: '/en/admin/meetings', headers: { cookie: member } })).statusCode).toBe(403);
  });

  it('raising the capacity offers places to the waiting list (audited); a bad number is a form error', async () => {
    expect((await registerAs('third@example.org', {}, 'en')).statusCode).toBeLessThan(400);
    const bad = await submitForm(t, { page: '/en/admin/meetings/open-meeting/registrations', action: '/en/admin/meetings/open-meeting/capacity', fields: { capacity: '-3' }, cookie: sec });
    expect(bad.statusCode).toBe(422);
    const ok = await submitForm(t, { page: '/en/admin/meetings/open-meeting/registrations', action: '/en/admin/meetings/open-meeting/capacity', fields: { capacity: '2' }, cookie: sec });
    expect(ok.headers.location).toMatch(/offered=1$/);
    // The first in line (registered in an earlier test) is offered the place; the others keep waiting.
    const [first] = await t.db.select().from(registrations).where(eq(registrations.email, 'newcomer@example.org'));
    expect(first!.status).toBe('offered');
    const [third] = await t.db.select().from(registrations).where(eq(registrations.email, 'third@example.org'));
    expect(third!.status).toBe('waiting');
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.capacity'))).toHaveLength(1);
  });
});
