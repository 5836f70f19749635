import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { mailsTo, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { openMeeting } from './factories.js';
import { financingRequests, meetings, registrations } from './schema.js';
import { cancelRegistration, register } from './registration.js';
import { financingBudget } from './financing.js';
import { translate } from '../../platform/i18n/messages.js';
import { formatDateTime, formatMoney } from '../../platform/i18n/format.js';

let t: TestApp;
let sec: string;
let meetingId: string;

async function registered(email: string, country: string, locale: 'en' | 'es' = 'en') {
  const r = await register(t.db, { meetingId, categorySlug: 'practitioner', who: { email, name: email.split('@')[0]!, organization: '', country, locale, answers: {} }, baseUrl: t.config.baseUrl });
  if (!r.ok || r.repeat) throw new Error(r.ok ? 'already registered' : r.reason);
  return `/${locale}/meetings/fund-meeting/registration/${r.manageToken}`;
}
const ask = (page: string, fields: Record<string, string | string[]>) => submitForm(t, { page, action: `${page}/financing`, fields });
const decide = (id: string, fields: Record<string, string>) =>
  submitForm(t, { page: '/en/admin/meetings/fund-meeting/financing', action: `/en/admin/meetings/fund-meeting/financing/${id}`, fields, cookie: sec, forge: true });
const requestOf = async (email: string) =>
  (await t.db.select({ r: financingRequests }).from(financingRequests).innerJoin(registrations, eq(registrations.id, financingRequests.registrationId)).where(eq(registrations.email, email)))[0]!.r;

beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  meetingId = await openMeeting(t.db, {
    slug: 'fund-meeting',
    title: { en: 'Fund Meeting' },
    capacity: 10,
    financingBudget: 3000,
    financingCurrency: 'USD',
    financingIncomeGroups: ['low', 'lower-middle'],
    categories: [{ slug: 'practitioner', name: { en: 'Practitioner' } }],
  });
});
afterAll(() => t.close());

describe('travel financing', () => {
  it('is offered to a participant from a lower-middle-income country, not to one from a high-income country', async () => {
    const kenya = await registered('kenya@example.org', 'KE');
    expect((await t.app.inject({ method: 'GET', url: kenya })).body).toContain('Ask for financing');
    const france = await registered('france@example.org', 'FR');
    const page = await t.app.inject({ method: 'GET', url: france });
    expect(page.body).toContain('Financing is for participants from low- and lower-middle-income countries.');
    expect(page.body).not.toContain(`action="${france}/financing"`); // no form to ask with
    // Posted all the same (a forged request): refused by the server, nothing stored.
    const forced = await submitForm(t, { page: france, action: `${france}/financing`, fields: { needs: 'travel', justification: 'x', estimatedCost: '500' }, forge: true });
    expect(forced.statusCode).toBe(303);
    expect(forced.headers.location).toMatch(/notice=financing-not-eligible$/);
    expect(await t.db.select().from(financingRequests)).toHaveLength(0);
  });

  it('shows errors with what was typed, then records the request', async () => {
    const page = await registered('peru@example.org', 'NG');
    const bad = await ask(page, { justification: 'Flight from Lagos', estimatedCost: 'a lot' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Flight from Lagos');
    expect(bad.body).toContain('Choose travel, accommodation or both.');
    const ok = await ask(page, { needs: ['travel', 'accommodation'], justification: 'Flight from Lagos', estimatedCost: '1800' });
    expect(ok.headers.location).toMatch(/notice=financing-requested/);
    expect(await requestOf('peru@example.org')).toMatchObject({ travel: true, accommodation: true, estimatedCost: 1800, status: 'requested' });
    const again = await t.app.inject({ method: 'GET', url: page });
    expect(again.body).toContain('Requested, awaiting decision');
  });

  it('the Secretariat decides against the budget: approve, approve in part, refuse over budget; decisions mailed and audited', async () => {
    const a = await registered('a@example.org', 'ET');
    const b = await registered('b@example.org', 'NP');
    await ask(a, { needs: 'travel', justification: 'From Addis Ababa', estimatedCost: '900' });
    await ask(b, { needs: 'travel', justification: 'From Kathmandu', estimatedCost: '1500' });
    const list = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/fund-meeting/financing', headers: { cookie: sec } });
    expect(list.body).toContain('$3,000');
    expect(list.body).toContain('$4,200'); // requested, not yet decided: 1,800 + 900 + 1,500

    expect((await decide((await requestOf('peru@example.org')).id, { decision: 'approve', note: '' })).headers.location).toMatch(/notice=ok/);
    expect((await decide((await requestOf('a@example.org')).id, { decision: 'partly', amount: '900', note: '' })).headers.location).toMatch(/notice=bad-amount/);
    expect((await decide((await requestOf('a@example.org')).id, { decision: 'partly', amount: '600', note: 'Travel only in economy.' })).headers.location).toMatch(/notice=ok/);
    // 3,000 − 1,800 − 600 = 600 left: 1,500 does not fit.
    expect((await decide((await requestOf('b@example.org')).id, { decision: 'approve', note: '' })).headers.location).toMatch(/notice=over-budget/);
    expect((await decide((await requestOf('b@example.org')).id, { decision: 'decline', note: 'Budget used up.' })).headers.location).toMatch(/notice=ok/);

    const after = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/fund-meeting/financing', headers: { cookie: sec } });
    expect(after.body).toContain('$2,400'); // committed
    expect(after.body).toContain('$600'); // remaining
    expect((await mailsTo(t, 'a@example.org')).map((m) => m.subject)).toContain('Your travel financing is partly approved');
    expect((await mailsTo(t, 'a@example.org'))[0]!.text).toContain('Travel only in economy.');
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.financing.partly'))).toHaveLength(1);
  });

  it('exports the financing report (CSV and XLSX), audited, for the Secretariat only', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/fund-meeting/financing.csv', headers: { cookie: sec } });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('From Kathmandu');
    expect(csv.body).toContain('Lower-middle income');
    const xlsx = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/fund-meeting/financing.xlsx', headers: { cookie: sec } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(4);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.financing.export'))).toHaveLength(2);
    const member = await signedIn(t, { email: 'm@example.org', roles: ['member', 'steering'] });
    expect((await t.app.inject({ method: 'GET', url: '/en/admin/meetings/fund-meeting/financing.csv', headers: { cookie: member } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/en/admin/meetings/fund-meeting/financing', headers: { cookie: member } })).statusCode).toBe(403);
  });

  it('a request is acknowledged by e-mail, in the registrant’s language: what was asked, and when the decision comes', async () => {
    const page = await registered('ghana@example.org', 'GH', 'es');
    await ask(page, { needs: ['travel', 'accommodation'], justification: 'Vuelo desde Accra', estimatedCost: '1250' });
    const [ack] = (await mailsTo(t, 'ghana@example.org')).filter((m) => m.template === 'meetings.financingRequested');
    expect(ack!.locale).toBe('es');
    expect(ack!.subject).toBe(translate('es', 'meetings.mail.financing.requested.subject', { meeting: 'Fund Meeting' }));
    expect(ack!.text).toContain('el viaje y el alojamiento');
    expect(ack!.text).toContain(formatMoney('es', 1250, 'USD'));
    // Requests close with registration (no own deadline): the decision comes after that date.
    const [meeting] = await t.db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(ack!.text).toContain(formatDateTime('es', meeting!.registrationClosesAt!, meeting!.timeZone));
    // Asked again (a double click): refused, and no second acknowledgement.
    expect((await submitForm(t, { page, action: `${page}/financing`, fields: { needs: 'travel', justification: 'Otra vez', estimatedCost: '10' }, forge: true })).headers.location).toMatch(/notice=financing-exists/);
    expect((await mailsTo(t, 'ghana@example.org')).filter((m) => m.template === 'meetings.financingRequested')).toHaveLength(1);
  });

  it('cancelling the registration withdraws its request: an amount granted goes back to the budget', async () => {
    const [peru] = await t.db.select().from(registrations).where(eq(registrations.email, 'peru@example.org'));
    const before = await financingBudget(t.db, (await t.db.select().from(meetings).where(eq(meetings.id, meetingId)))[0]!);
    expect(await cancelRegistration(t.db, peru!.id, t.config.baseUrl)).toBe('ok');
    expect(await requestOf('peru@example.org')).toMatchObject({ status: 'withdrawn' });
    const after = await financingBudget(t.db, (await t.db.select().from(meetings).where(eq(meetings.id, meetingId)))[0]!);
    expect(after.committed).toBe(before.committed - 1800);
    const list = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/fund-meeting/financing', headers: { cookie: sec } });
    expect(list.body).toContain('Withdrawn: the registration was cancelled');
  });
});
