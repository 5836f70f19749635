import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { createMeeting } from './service.js';
import { register } from './registration.js';
import { registrations } from './schema.js';
import { outbox } from '../../platform/mail/schema.js';

let t: TestApp;
let sec: string;
let meetingId: string;
const now = Date.now();
const BASE = '/en/admin/meetings/ops-meeting';

beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  meetingId = await createMeeting(t.db, {
    slug: 'ops-meeting',
    title: { en: 'Ops Meeting' },
    description: { en: '' },
    venueName: { en: 'Paris' },
    venueAddress: '',
    timeZone: 'Europe/Paris',
    startsAt: new Date('2027-12-02T08:00:00Z'),
    endsAt: new Date('2027-12-03T17:00:00Z'),
    status: 'open',
    capacity: 3,
    registrationOpensAt: new Date(now - 86_400_000),
    registrationClosesAt: new Date(now + 30 * 86_400_000),
    categories: [
      { slug: 'member', name: { en: 'Member' } },
      { slug: 'press', name: { en: 'Press' } },
    ],
  });
  const people: [string, string, string, string[], string][] = [
    ['Amina Diallo', 'SN', 'member', ['day1', 'day2'], 'Vegetarian'],
    ['Li Wei', 'CN', 'member', ['day1'], 'vegetarian'],
    ['Pierre Martin', 'FR', 'press', [], ''],
    ['Late Comer', 'KE', 'member', ['day1', 'day2'], 'Halal'], // waiting list: not counted for catering
  ];
  for (const [name, country, category, lunch, dietary] of people) {
    await register(t.db, { meetingId, categorySlug: category, who: { email: `${name.split(' ')[0]!.toLowerCase()}@example.org`, name, organization: `${name} Org`, country, locale: 'en', answers: { lunch, dietary } }, baseUrl: t.config.baseUrl });
  }
});
afterAll(() => t.close());

const get = (url: string, cookie = sec) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('running the meeting', () => {
  it('filters the registrations and exports what is shown, audited', async () => {
    const waiting = await get(`${BASE}/registrations?status=waiting`);
    expect(waiting.body).toContain('Late Comer');
    expect(waiting.body).not.toContain('Amina Diallo');
    const africa = await get(`${BASE}/registrations?region=africa`);
    expect(africa.body).toContain('Amina Diallo');
    expect(africa.body).not.toContain('Pierre Martin');
    const csv = await get(`${BASE}/registrations.csv?category=press`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Pierre Martin');
    expect(csv.body).not.toContain('Amina Diallo');
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.registrations.export'));
    expect(audit!.after).toMatchObject({ format: 'csv', rows: 1 });
  });

  it('counts lunches per day and dietary needs of confirmed participants for the caterer', async () => {
    const page = await get(`${BASE}/catering`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Lunch on day 1[^<]*<\/td><td class="num">2</);
    expect(page.body).toMatch(/Lunch on day 2[^<]*<\/td><td class="num">1</);
    expect(page.body).toMatch(/vegetarian<\/td><td class="num">2</);
    expect(page.body).not.toContain('halal');
    const csv = await get(`${BASE}/catering.csv`);
    expect(csv.body).toContain('Lunch on day 1,2');
  });

  it('checks participants in by QR code or by name, once per day, with live counts', async () => {
    const [amina] = await t.db.select().from(registrations).where(eq(registrations.name, 'Amina Diallo'));
    const byCode = await get(`${BASE}/check-in?day=1&code=${amina!.checkInCode}`);
    expect(byCode.body).toContain('Mark <bdi>Amina Diallo</bdi> present on day 1');
    const mark = await submitForm(t, { page: `${BASE}/check-in?day=1&code=${amina!.checkInCode}`, action: `${BASE}/check-in/${amina!.id}`, fields: { day: '1' }, cookie: sec });
    expect(mark.headers.location).toBe(`${BASE}/check-in?day=1&notice=ok`);
    const again = await submitForm(t, { page: `${BASE}/check-in?day=1&q=diallo`, action: `${BASE}/check-in/${amina!.id}`, fields: { day: '1' }, cookie: sec, forge: true });
    expect(again.headers.location).toMatch(/notice=already/);
    const counts = await get(`${BASE}/check-in?day=1&q=diallo`);
    expect(counts.body).toContain('Day 1: 1 of 3 present');
    expect(counts.body).toContain('Present on day 1');
    const nobody = await get(`${BASE}/check-in?day=1&q=late`);
    expect(nobody.body).toContain('Nobody confirmed matches'); // on the waiting list: not checked in
  });

  it('is for the Secretariat only', async () => {
    const other = await signedIn(t, { email: 'sc@example.org', roles: ['steering', 'member'] });
    for (const path of ['/registrations.csv', '/catering', '/catering.csv', '/check-in']) expect((await get(`${BASE}${path}`, other)).statusCode, path).toBe(403);
  });
});

describe('the dashboard', () => {
  it('draws each figure as an SVG chart with the same numbers in a table', async () => {
    const res = await get(`${BASE}/dashboard`);
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/<svg role="img"/g)!.length).toBeGreaterThanOrEqual(4);
    expect(res.body).toContain('<caption>Registrations by region</caption>');
    expect(res.body).toMatch(/Africa<\/td><td class="num">2</); // Senegal and Kenya
    expect(res.body).toMatch(/On the waiting list<\/dt><dd>1</);
    expect(res.body).not.toMatch(/<script(?![^>]*(src=|type="application\/ld\+json"))/);
  });
});

describe('e-mailing participants', () => {
  it('writes to the people the filters select, each with their own link, as bulk mail; audited', async () => {
    const res = await submitForm(t, {
      page: `${BASE}/registrations?status=confirmed`,
      action: `${BASE}/registrations/email`,
      fields: { subject: 'Practical information', body: 'Bring your passport.' },
      cookie: sec,
    });
    expect(res.headers.location).toBe(`${BASE}/registrations?status=confirmed&sent=3`);
    const mails = await t.db.select().from(outbox).where(eq(outbox.template, 'meetings.bulk'));
    expect(mails.map((m) => m.toAddress).sort()).toEqual(['amina@example.org', 'li@example.org', 'pierre@example.org']);
    expect(mails.every((m) => m.priority > 0)).toBe(true);
    expect(mails[0]!.text).toContain('Bring your passport.');
    expect(mails[0]!.text).toMatch(/\/registration\/[\w-]+/);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.registrations.email'));
    expect(audit!.after).toMatchObject({ recipients: 3, subject: 'Practical information' });
    const empty = await submitForm(t, { page: `${BASE}/registrations`, action: `${BASE}/registrations/email`, fields: { subject: '', body: '' }, cookie: sec });
    expect(empty.headers.location).toMatch(/notice=email-empty/);
  });
});
