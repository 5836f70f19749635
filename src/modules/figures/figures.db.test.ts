import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { testApp, signedIn, submitForm, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { incomeGroupName, m49RegionName } from '../../platform/geo/countries.js';
import { translate } from '../../platform/i18n/messages.js';
import { addResponses, addSurvey, question } from '../surveys/factories.js';
import { openMeeting, registerParticipant } from '../meetings/factories.js';
import { addIndividualMember } from '../membership/factories.js';
import { figureTargets } from './schema.js';

/**
 * "Who takes part": the figures every module declares, side by side, small numbers suppressed on
 * the page and in its downloads alike; the Steering Committee's targets, set by the Secretariat,
 * with the progress the published numbers show.
 */
const DAY = 86_400_000;
const en = (key: string, values?: Record<string, string | number>) => translate('en', key, values);
let t: TestApp;
let secretariat: string;
let steering: string;
let member: string;
const thisYear = new Date().getUTCFullYear();
let meetingYear: number;

const get = (url: string, cookie = '') => t.app.inject({ url, headers: { cookie } });
/** The rows of the table captioned `caption` on a page, as text, cell by cell. */
function tableRows(html: string, caption: string): string[][] {
  const start = html.indexOf(`>${caption}</caption>`);
  if (start < 0) throw new Error(`no table "${caption}"`);
  const body = html.slice(start, html.indexOf('</table>', start));
  const text = (cell: string) => cell.replace(/<span aria-hidden="true">–<\/span>/g, '').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').trim();
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)));
}
const rowsOf = (csv: string): string[][] => parse(csv.replace(/^\ufeff/, ''));

beforeAll(async () => {
  t = await testApp();
  // Survey responses this year: 40 from Europe, 12 from Africa, 3 from Asia (fewer than 5), none from elsewhere.
  const survey = await addSurvey(t.db, { slug: 'figures-survey', title: { en: 'A survey' }, questions: [question({ key: 'q', page: 1, type: 'short-text', text: { en: 'Q' } })], locales: ['en'], opensAt: new Date(Date.now() - 20 * DAY), closesAt: new Date(Date.now() + DAY) });
  const list = [
    ...Array.from({ length: 40 }, () => ({ stakeholder: 'researcher', country: 'FR', answers: { q: 'x' } })),
    ...Array.from({ length: 12 }, () => ({ stakeholder: 'teacher', country: 'NG', answers: { q: 'x' } })),
    ...Array.from({ length: 3 }, () => ({ stakeholder: 'policymaker', country: 'VN', answers: { q: 'x' } })),
  ];
  await addResponses(t.db, survey!, list);
  // Meeting participants: 6 from Kenya (lower-middle income), 5 from France; one person registered twice counts once.
  const startsAt = new Date(Date.now() + 2 * DAY);
  meetingYear = startsAt.getUTCFullYear();
  const a = await openMeeting(t.db, { slug: 'figures-a', capacity: 50, startsAt, endsAt: new Date(startsAt.getTime() + DAY) });
  const b = await openMeeting(t.db, { slug: 'figures-b', capacity: 50, startsAt, endsAt: new Date(startsAt.getTime() + DAY) });
  for (let i = 0; i < 6; i++) await registerParticipant(t.db, a, { email: `ke${i}@example.org`, name: `KE ${i}`, country: 'KE', locale: 'en' });
  for (let i = 0; i < 5; i++) await registerParticipant(t.db, a, { email: `fr${i}@example.org`, name: `FR ${i}`, country: 'FR', locale: 'en' });
  await registerParticipant(t.db, b, { email: 'ke0@example.org', name: 'KE 0', country: 'KE', locale: 'en' });
  // Members: 6 from Costa Rica, upper-middle income in the FY2025 classification and high income in FY2026's.
  for (let i = 0; i < 6; i++) await addIndividualMember(t.db, { email: `cr${i}@example.org`, country: 'CR' });
  secretariat = await signedIn(t, { email: 'figures@secretariat.example', roles: ['secretariat'] });
  steering = await signedIn(t, { email: 'figures@steering.example', roles: ['steering'] });
  member = await signedIn(t, { email: 'figures@member.example', roles: ['member'] });
}, 120_000);
afterAll(() => t.close());

describe('who takes part, the public page', () => {
  it('shows every module’s figures side by side, a group of fewer than 5 as such, and hides one more number so that it cannot be worked out', async () => {
    const res = await get(`/en/who-takes-part?year=${thisYear}`);
    expect(res.statusCode).toBe(200);
    const byYear = tableRows(res.body, en('figures.years.caption'));
    expect(byYear[0]).toEqual([en('figures.figure'), ...byYear[0]!.slice(1)]);
    const yearColumn = byYear[0]!.indexOf(String(thisYear));
    const total = (label: string) => byYear.find((r) => r[0] === en(label))?.[yearColumn];
    expect(total('figures.sources.survey-responses')).toBe('55');
    expect(total('figures.sources.members')).toBe('6');

    const regions = tableRows(res.body, en('figures.tableOf', { title: en('figures.by.region', { year: thisYear }) }));
    const column = regions[0]!.indexOf(en('figures.sources.survey-responses'));
    const cell = (region: string) => regions.find((r) => r[0] === region)![column];
    expect(cell(m49RegionName('150', 'en'))).toBe('40 (73%)');
    // Asia's 3 is "fewer than 5"; shown, Africa's 12 would give it away (55 − 40 − 12), so it is not shown either.
    expect(cell(m49RegionName('142', 'en'))).toBe(en('figures.small', { n: 5 }));
    expect(cell(m49RegionName('002', 'en'))).toBe(en('figures.hidden'));
    expect(cell(m49RegionName('019', 'en'))).toBe('0 (0%)');
    expect(res.body).not.toMatch(/>3 \(/);
  });

  it('counts a meeting’s participants in the year it begins, each person once, by the country they gave', async () => {
    const res = await get(`/en/who-takes-part?year=${meetingYear}`);
    const income = tableRows(res.body, en('figures.tableOf', { title: en('figures.by.income', { year: meetingYear }) }));
    const column = income[0]!.indexOf(en('figures.sources.meeting-participants'));
    expect(income.find((r) => r[0] === incomeGroupName('lower-middle', 'en'))![column]).toBe('6 (55%)');
    expect(income.find((r) => r[0] === en('figures.total'))![column]).toBe('11');
  });

  it('places countries in the income classification asked for, and says which', async () => {
    const members = async (year: string) => {
      const res = await get(`/en/who-takes-part?year=${thisYear}&income=${year}`);
      expect(res.body).toContain(year);
      const rows = tableRows(res.body, en('figures.tableOf', { title: en('figures.by.income', { year: thisYear }) }));
      const column = rows[0]!.indexOf(en('figures.sources.members'));
      return Object.fromEntries(rows.slice(1).map((r) => [r[0], r[column]]));
    };
    expect((await members('FY2025'))[incomeGroupName('upper-middle', 'en')]).toMatch(/^\d+ \(100%\)$/);
    expect((await members('FY2026'))[incomeGroupName('high', 'en')]).toMatch(/^\d+ \(100%\)$/);
    expect((await members('FY2026'))[incomeGroupName('upper-middle', 'en')]).toBe('0 (0%)');
    // An unknown classification or year falls back rather than failing.
    expect((await get('/en/who-takes-part?income=FY1999&year=abc')).statusCode).toBe(200);
  });

  it('counts again what changed since it last counted: a new member is in the next page', async () => {
    const members = async () => {
      const rows = tableRows((await get(`/en/who-takes-part?year=${thisYear}`)).body, en('figures.years.caption'));
      return rows.find((r) => r[0] === en('figures.sources.members'))![rows[0]!.indexOf(String(thisYear))];
    };
    expect(await members()).toBe('6');
    await addIndividualMember(t.db, { email: 'cr-new@example.org', country: 'CR' });
    expect(await members()).toBe('7');
  });

  it('gives the same numbers as a download, CSV and XLSX, small numbers and hidden ones as on the page', async () => {
    const csv = await get(`/en/who-takes-part.csv?year=${thisYear}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = rowsOf(csv.body);
    expect(rows[0]).toEqual([en('figures.figure'), en('figures.breakdown'), en('figures.group'), en('figures.year'), en('figures.count')]);
    const line = (group: string) => rows.find((r) => r[0] === en('figures.sources.survey-responses') && r[1] === en('figures.dimension.region') && r[2] === group && r[3] === String(thisYear))?.[4];
    expect(line(m49RegionName('150', 'en'))).toBe('40');
    expect(line(m49RegionName('142', 'en'))).toBe(en('figures.small', { n: 5 }));
    expect(line(m49RegionName('002', 'en'))).toBe(en('figures.hidden'));
    const xlsx = await get(`/en/who-takes-part.xlsx?year=${thisYear}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
  });
});

describe('the Steering Committee’s targets', () => {
  const page = '/en/admin/figures';
  const action = '/en/admin/figures/targets';

  it('are set by the Secretariat, audited, and shown on the public page with the share the published numbers give', async () => {
    const res = await submitForm(t, { page, action, cookie: secretariat, fields: { figure: 'meeting-participants', group: 'income:low+lower-middle', percent: '50', byYear: String(thisYear + 1) } });
    expect(res.statusCode).toBe(303);
    const pub = await get(`/en/who-takes-part?year=${meetingYear}`);
    const name = en('figures.targets.name', { figure: en('figures.sources.meeting-participants'), group: `${incomeGroupName('low', 'en')} and ${incomeGroupName('lower-middle', 'en')}` });
    expect(pub.body).toContain(name);
    expect(pub.body).toContain(en('figures.targets.aim', { target: '50%', year: thisYear + 1 }));
    expect(pub.body).toContain(en('figures.targets.reached', { share: '55%', year: meetingYear, count: '6', total: '11' }));
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'figures.target.set'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ figure: 'meeting-participants', dimension: 'income', groups: 'low+lower-middle', percent: 50 });
  });

  it('are changed, not doubled, when set again for the same figure and group, and a repeated submission does nothing more', async () => {
    const fields = { figure: 'meeting-participants', group: 'income:low+lower-middle', percent: '55', byYear: String(thisYear + 2) };
    const first = await submitForm(t, { page, action, cookie: secretariat, fields });
    expect(first.statusCode).toBe(303);
    const rows = await t.db.select().from(figureTargets).where(eq(figureTargets.figure, 'meeting-participants'));
    expect(rows.map((r) => [r.percent, r.byYear])).toEqual([[55, thisYear + 2]]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'figures.target.set'));
    expect(audit.at(-1)!.before).toEqual({ percent: 50, byYear: thisYear + 1 });
  });

  it('refuses bad input with the form again, messages beside the fields and what was typed kept; nothing stored', async () => {
    const res = await submitForm(t, { page, action, cookie: secretariat, fields: { figure: 'no-such-figure', group: 'income:low', percent: '150', byYear: '20x' } });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(en('figures.targets.errors.percent'));
    expect(res.body).toContain(en('figures.targets.errors.year'));
    expect(res.body).toContain('value="150"');
    expect(res.body).toContain('value="20x"');
    const unknown = await submitForm(t, { page, action, cookie: secretariat, fields: { figure: 'no-such-figure', group: 'income:low', percent: '20', byYear: '2030' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain(en('form.errors.choose'));
    const forged = await submitForm(t, { page, action, cookie: secretariat, fields: { figure: 'members', group: 'income:middle', percent: '20', byYear: '2030' } });
    expect(forged.statusCode).toBe(422);
    expect(await t.db.select().from(figureTargets).where(eq(figureTargets.figure, 'no-such-figure'))).toEqual([]);
    expect(await t.db.select().from(figureTargets).where(eq(figureTargets.figure, 'members'))).toEqual([]);
  });

  it('are seen by the Steering Committee on the dashboard, but set and removed by the Secretariat only', async () => {
    expect((await get(page, steering)).statusCode).toBe(200);
    expect((await get(page, member)).statusCode).toBe(403);
    const forms = await get(page, steering);
    expect(forms.body).not.toContain(`action="${action}"`);
    // The Committee posting the form it is not shown: refused, nothing stored; nor may it remove one.
    const refused = await submitForm(t, { page, action, cookie: steering, forge: true, fields: { figure: 'members', group: 'region:002', percent: '30', byYear: '2030' } });
    expect(refused.statusCode).toBe(403);
    expect(await t.db.select().from(figureTargets).where(eq(figureTargets.figure, 'members'))).toEqual([]);
    const [target] = await t.db.select().from(figureTargets);
    const remove = await submitForm(t, { page, action: `/en/admin/figures/targets/${target!.id}/delete`, forge: true, cookie: steering, fields: {} });
    expect(remove.statusCode).toBe(403);
    expect(await t.db.select().from(figureTargets)).toHaveLength(1);
  });

  it('are removed by the Secretariat, audited; a guessed or unknown id is a 404', async () => {
    const [target] = await t.db.select().from(figureTargets);
    const removeAction = `/en/admin/figures/targets/${target!.id}/delete`;
    const res = await submitForm(t, { page, action: removeAction, cookie: secretariat, fields: {} });
    expect(res.statusCode).toBe(303);
    expect(await t.db.select().from(figureTargets)).toEqual([]);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'figures.target.remove'), like(auditLog.targetId, target!.id)))).toHaveLength(1);
    const again = await submitForm(t, { page, action: '/en/admin/figures/targets/00000000-0000-4000-8000-000000000000/delete', forge: true, cookie: secretariat, fields: {} });
    expect(again.statusCode).toBe(404);
    const junk = await submitForm(t, { page, action: '/en/admin/figures/targets/not-an-id/delete', forge: true, cookie: secretariat, fields: {} });
    expect(junk.statusCode).toBe(404);
  });
});

describe('who takes part, as JSON', () => {
  it('gives the page’s published numbers, small and hidden ones as such, in the public API, described in its OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/api/v1/figures' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const y = body.years.indexOf(thisYear);
    const survey = body.figures.find((f: { key: string }) => f.key === 'survey-responses');
    expect(survey.name.fr).toBe(translate('fr', 'figures.sources.survey-responses'));
    const region = (code: string) => survey.region.find((g: { group: string }) => g.group === code).counts[y];
    expect(region('150')).toEqual({ shown: 'value', count: 40 });
    expect(region('142')).toEqual({ shown: 'small', count: null });
    expect(region('002')).toEqual({ shown: 'hidden', count: null });
    expect(JSON.stringify(body)).not.toMatch(/"count":3\b/);
    expect((await t.app.inject({ url: '/api/v1/figures?income=FY1999' })).statusCode).toBe(400);
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toContain('/api/v1/figures');
  });
});
