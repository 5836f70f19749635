import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { openMeeting } from './factories.js';
import { meetings, registrations } from './schema.js';
import { register } from './registration.js';
import { financingEligibility, incomeYearOf } from './financing.js';
import { meetingFormValues } from './admin.js';

/**
 * Which World Bank classification a meeting's travel financing reads income groups in: the one in
 * force when its registration opens, unless the Secretariat chooses another on the meeting's form.
 * Namibia moved from upper-middle to lower-middle income in FY2026, Cabo Verde from lower-middle
 * to upper-middle.
 */
let t: TestApp;
let sec: string;
let meetingId: string;
beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  meetingId = await openMeeting(t.db, {
    slug: 'year-meeting',
    title: { en: 'Year Meeting' },
    registrationOpensAt: new Date('2025-06-01T07:00:00Z'), // FY2025 was in force
    financingBudget: 5000,
    financingIncomeGroups: ['low', 'lower-middle'],
  });
  for (const [email, country] of [['namibia@example.org', 'NA'], ['caboverde@example.org', 'CV']] as const) {
    const r = await register(t.db, { meetingId, categorySlug: 'practitioner', baseUrl: t.config.baseUrl, who: { email, name: country, organization: '', country, locale: 'en', answers: {} } });
    if (!r.ok || r.repeat || r.status !== 'confirmed') throw new Error('registration');
  }
});
afterAll(() => t.close());

const meeting = async () => (await t.db.select().from(meetings).where(eq(meetings.id, meetingId)))[0]!;
const refusalFor = async (email: string) => {
  const [reg] = await t.db.select().from(registrations).where(eq(registrations.email, email));
  return financingEligibility(await meeting(), reg!, new Date());
};
const edit = async (over: Record<string, string>) =>
  submitForm(t, { page: '/en/admin/meetings/year-meeting/edit', action: '/en/admin/meetings/year-meeting/edit', cookie: sec, fields: { ...meetingFormValues(await meeting(), 'en'), ...over } });

describe('the income classification a meeting’s financing uses', () => {
  it('by default, the one in force when registration opens: FY2025 for a registration opened in June 2025', async () => {
    expect(incomeYearOf(await meeting())).toBe('FY2025');
    expect(await refusalFor('namibia@example.org')).toBe('not-eligible'); // upper-middle in FY2025
    expect(await refusalFor('caboverde@example.org')).toBeNull(); // lower-middle in FY2025
    const form = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/year-meeting/edit', headers: { cookie: sec } });
    expect(form.body).toContain('This meeting’s financing now uses FY2025.');
    expect(form.body).toContain('<option value="FY2026"');
    const page = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/year-meeting/financing', headers: { cookie: sec } });
    expect(page.body).toContain('Low income and Lower-middle income (World Bank classification FY2025)');
  });

  it('the Secretariat chooses FY2026 on the meeting’s form (audited): eligibility, figures and exports follow', async () => {
    expect((await edit({ financingIncomeYear: 'FY2026' })).statusCode).toBe(303);
    expect((await meeting()).financingIncomeYear).toBe('FY2026');
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.update'));
    expect(audit!.after).toMatchObject({ financingIncomeYear: 'FY2026' });
    expect(await refusalFor('namibia@example.org')).toBeNull(); // lower-middle in FY2026
    expect(await refusalFor('caboverde@example.org')).toBe('not-eligible'); // upper-middle in FY2026
    const dashboard = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/year-meeting/dashboard', headers: { cookie: sec } });
    expect(dashboard.body).toContain('Registrations by income group (World Bank FY2026)');
    const csv = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/year-meeting/registrations.csv', headers: { cookie: sec } });
    expect(csv.body).toContain('Income group (FY2026)');
    expect(csv.body).toMatch(/Namibia,Lower-middle income/);
    // The list's income filter reads the same year: Namibia is lower-middle, Cabo Verde is not.
    const list = await t.app.inject({ method: 'GET', url: '/en/admin/meetings/year-meeting/registrations?income=lower-middle', headers: { cookie: sec } });
    expect(list.body).toMatch(/>NA</); // the registrants are named after their countries
    expect(list.body).not.toMatch(/>CV</);
  });

  it('back to automatic with an empty choice; an unknown year is a form error', async () => {
    const bad = await edit({ financingIncomeYear: 'FY1999' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('There is a problem');
    expect((await edit({ financingIncomeYear: '' })).statusCode).toBe(303);
    expect((await meeting()).financingIncomeYear).toBeNull();
    expect(incomeYearOf(await meeting())).toBe('FY2025');
  });
});
