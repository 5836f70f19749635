import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { registrationLinkOf, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { pdfPages, pdfText } from '../../testing/pdf.js';
import { auditLog } from '../../platform/audit/schema.js';
import { openMeeting } from './factories.js';
import { registrations } from './schema.js';

let t: TestApp;
let sec: string;
beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  await openMeeting(t.db, {
    slug: 'forum',
    title: { en: 'Alliance Forum', fr: 'Forum de l’Alliance' },
    capacity: 6,
    startsAt: new Date('2027-03-10T08:00:00Z'),
    endsAt: new Date('2027-03-11T17:00:00Z'),
    letterSignatoryName: 'Élise Moreau',
    letterSignatoryTitle: { en: 'Head of the Secretariat', fr: 'Cheffe du Secrétariat' },
    categories: [
      { slug: 'practitioner', name: { en: 'Practitioner' }, colour: '#00703c' },
      { slug: 'press', name: { en: 'Press' }, colour: '#ffdd00' },
    ],
  });
});
afterAll(() => t.close());

const registerAs = (name: string, email: string, over: Record<string, string> = {}) =>
  submitForm(t, {
    page: '/en/meetings/forum/register',
    action: '/en/meetings/forum/register',
    fields: { name, email, organization: 'Escuela 12', country: 'BO', category: 'practitioner', consent: 'yes', ...over },
  });

describe('invitation letter for a visa', () => {
  let manage: string;
  it('is offered to a confirmed participant who gave a passport name, and names them as in the passport', async () => {
    expect((await registerAs('Lucía Torres', 'lucia@example.org', { passportName: 'TORRES QUISPE Lucía Beatriz' })).statusCode).toBeLessThan(400);
    manage = await registrationLinkOf(t, 'lucia@example.org');
    const page = await t.app.inject({ method: 'GET', url: manage });
    expect(page.body.replace(/<\/?bdi>/g, '')).toContain('Invitation letter in French (PDF)');
    const pdf = await t.app.inject({ method: 'GET', url: `${manage}/letter.pdf?lang=fr` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const [text] = await pdfText(pdf.rawPayload);
    expect(text).toContain('Lettre d’invitation');
    expect(text).toContain('TORRES QUISPE Lucía Beatriz');
    expect(text).toContain('Forum de l’Alliance');
    expect(text).toContain('10 mars 2027');
    expect(text).toContain('11 mars 2027');
    expect(text).toContain('Élise Moreau');
    expect(text).toContain('Cheffe du Secrétariat');
  });

  it('asks for the passport name first when it is missing, and is refused until then', async () => {
    expect((await registerAs('Ana Quispe', 'ana@example.org')).statusCode).toBeLessThan(400);
    const link = await registrationLinkOf(t, 'ana@example.org');
    expect((await t.app.inject({ method: 'GET', url: link })).body).toContain('add your name as written in your passport');
    const pdf = await t.app.inject({ method: 'GET', url: `${link}/letter.pdf` });
    expect(pdf.statusCode).toBe(303);
    expect(pdf.headers.location).toContain('notice=not-allowed');
    // Adding it through "Change your details" makes the letter available.
    const saved = await submitForm(t, { page: link, action: `${link}/details`, fields: { organization: 'Escuela 12', passportName: 'QUISPE MAMANI Ana' } });
    expect(saved.statusCode).toBe(303);
    const [text] = await pdfText((await t.app.inject({ method: 'GET', url: `${link}/letter.pdf?lang=en` })).rawPayload);
    expect(text).toContain('QUISPE MAMANI Ana');
    expect(text).toContain('Letter of invitation');
  });
});

describe('badges', () => {
  beforeAll(async () => {
    expect((await registerAs('أمينة حداد', 'amina@example.org', { category: 'press', country: 'MA', organization: 'وزارة التربية الوطنية' })).statusCode).toBeLessThan(400);
    expect((await registerAs('王小明', 'wang@example.org', { country: 'CN', organization: '北京师范大学' })).statusCode).toBeLessThan(400);
    expect((await registerAs('Иван Петров', 'ivan@example.org', { country: 'RU' })).statusCode).toBeLessThan(400);
    await registerAs('Kofi Mensah', 'kofi@example.org', { country: 'GH' }); // the sixth place
    await registerAs('Waiting Person', 'waiting@example.org', { country: 'GH' }); // the waiting list
  });

  it('prints one badge per confirmed participant, four to a page, and records who printed them', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/forum/badges.pdf', headers: { cookie: sec } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = await pdfText(res.rawPayload);
    expect(pages).toHaveLength(2); // 6 confirmed
    const all = pages.join(' ');
    for (const name of ['Lucía Torres', 'Ana Quispe', 'Иван Петров', '王小明', 'Kofi Mensah']) expect(all).toContain(name);
    expect(all).not.toContain('Waiting Person');
    expect(all).toContain('Bolivia');
    expect(all).toContain('Practitioner');
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.badges'));
    expect(audit!.after).toMatchObject({ rows: 6 });
  });

  it('prints the badges of a filtered list, or of one participant', async () => {
    const press = await pdfPages((await t.app.inject({ method: 'GET', url: '/en/admin/meetings/forum/badges.pdf?category=press', headers: { cookie: sec } })).rawPayload);
    expect(press).toHaveLength(1);
    const text = press[0]!.map((i) => i.str).join(' ');
    expect(text).toContain('Press');
    expect(text).not.toContain('Practitioner');
    const [kofi] = await t.db.select().from(registrations).where(eq(registrations.email, 'kofi@example.org'));
    const [one] = await pdfText((await t.app.inject({ method: 'GET', url: `/en/admin/meetings/forum/badges.pdf?id=${kofi!.id}`, headers: { cookie: sec } })).rawPayload);
    expect(one).toContain('Kofi Mensah');
    expect(one).not.toContain('Иван');
  });

  it('are for the Secretariat only', async () => {
    const member = await signedIn(t, { email: 'm@example.org', roles: ['member'] });
    expect((await t.app.inject({ method: 'GET', url: '/en/admin/meetings/forum/badges.pdf', headers: { cookie: member } })).statusCode).toBe(403);
  });
});
