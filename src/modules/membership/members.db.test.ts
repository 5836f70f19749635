import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { mailsTo, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { userRoles, users } from '../../platform/auth/schema.js';
import { auditLog } from '../../platform/audit/schema.js';
import { saveSiteSettings } from '../../platform/settings/service.js';
import type { Actor } from '../../platform/policy.js';
import { members } from './schema.js';
import { INCOME_CLASSIFICATION } from '../../platform/geo/countries.js';
import { applyAs, approveAs, sampleIndividual, sampleInstitution } from './factories.js';
import { openMeeting, registerParticipant } from '../meetings/factories.js';

let t: TestApp;
let sec: string;
let secretariat: Actor;
let committee: Actor[];
let institutionId: string;
let rep: string;

async function member(kind: 'individual' | 'institution', email: string, data: Parameters<typeof sampleIndividual>[0]) {
  const { id } = await applyAs(t.db, { kind, email, data: kind === 'individual' ? sampleIndividual(data) : sampleInstitution(data) });
  return approveAs(t.db, secretariat, committee, id);
}

beforeAll(async () => {
  t = await testApp();
  await addWorkingGroups(t.db);
  await saveSiteSettings(t.db, { contactEmail: 'alliance@example.org' });
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  secretariat = (await actorByEmail(t.db, 'sec@example.org'))!;
  await signedIn(t, { email: 'sc@example.org', roles: ['steering'] });
  committee = [(await actorByEmail(t.db, 'sc@example.org'))!];
  institutionId = await member('institution', 'lead@clr.example.org', {
    orgName: 'Centre for Learning Research',
    country: 'KE',
    representatives: [{ name: 'Wanjiru Kamau', title: 'Director', email: 'lead@clr.example.org' }],
    publicFields: ['country', 'website', 'areas'],
  });
  await member('individual', 'ana@example.org', { name: 'Ana Pereira', country: 'BR', publicFields: ['category', 'workingGroups'] });
  await member('individual', 'hidden@example.org', { name: 'Hidden Person', country: 'FR', listed: 'no', publicFields: [] });
  rep = await signedIn(t, { email: 'lead@clr.example.org' });
});
afterAll(() => t.close());

describe('public directory and map', () => {
  it('lists members who chose to be listed, with only the fields they made public', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/members' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Centre for Learning Research');
    expect(res.body).toContain('Kenya');
    expect(res.body).toContain('clr.example.org');
    expect(res.body).toContain('Ana Pereira');
    expect(res.body).toMatch(/<dt>Country<\/dt><dd>Kenya<\/dd>/);
    expect(res.body).not.toMatch(/<dd>Brazil<\/dd>/); // Ana keeps her country private
    expect(res.body).not.toContain('Hidden Person');
    expect(res.body).not.toContain('lead@clr.example.org'); // e-mail addresses are never public
  });

  it('filters on public fields only, and searches by name', async () => {
    const kenya = await t.app.inject({ method: 'GET', url: '/en/members?country=KE' });
    expect(kenya.body).toContain('Centre for Learning Research');
    expect(kenya.body).not.toContain('Ana Pereira');
    const brazil = await t.app.inject({ method: 'GET', url: '/en/members?country=BR' });
    expect(brazil.body).not.toContain('Ana Pereira'); // her country is private, so it cannot be searched
    const africa = await t.app.inject({ method: 'GET', url: '/fr/members?region=africa' });
    expect(africa.body).toContain('Centre for Learning Research');
    const search = await t.app.inject({ method: 'GET', url: '/en/members?q=pereira' });
    expect(search.body).toContain('Ana Pereira');
    expect(search.body).not.toContain('Centre for Learning Research');
    const wg = await t.app.inject({ method: 'GET', url: '/en/members?wg=foundational-learning' });
    expect(wg.body).toContain('Ana Pereira');
  });

  it('maps members by country with the same numbers in tables, by region and income group', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/members/map' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('role="img"');
    expect(res.body).toContain('Kenya: 1');
    expect(res.body).not.toContain('Brazil: 1');
    expect(res.body).not.toContain('France: 1');
    expect(res.body).toMatch(/Africa<\/td><td class="num">1</);
    expect(res.body).toMatch(/Lower-middle income[^<]*<\/td><td class="num">1</i);
    expect(res.body).toContain(INCOME_CLASSIFICATION.fiscalYear); // the classification in force, cited
  });
});

describe('a member’s own record', () => {
  it('edits the profile and directory visibility', async () => {
    const res = await submitForm(t, {
      page: `/en/membership/${institutionId}`,
      action: `/en/membership/${institutionId}/profile`,
      fields: { name: 'Centre for Learning Research (CLR)', website: 'https://clr.example.org', summary: 'We broker evidence.', listed: 'no', languages: 'en' },
      cookie: rep,
    });
    expect(res.statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/en/members' })).body).not.toContain('Centre for Learning Research');
    const bad = await submitForm(t, { page: `/en/membership/${institutionId}`, action: `/en/membership/${institutionId}/profile`, fields: { name: '', summary: 'kept', listed: 'yes' }, cookie: rep });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('kept');
    expect((await submitForm(t, { page: `/en/membership/${institutionId}`, action: `/en/membership/${institutionId}/profile`, fields: { name: 'Centre for Learning Research', listed: 'yes', publicFields: ['country'] }, cookie: rep })).statusCode).toBeLessThan(400);
    expect((await t.app.inject({ method: 'GET', url: '/en/members' })).body).toContain('Centre for Learning Research');
  });

  it('adds and removes representatives, never the last one', async () => {
    const add = await submitForm(t, { page: `/en/membership/${institutionId}`, action: `/en/membership/${institutionId}/representatives`, fields: { repName: 'Otieno', repTitle: 'Researcher', repEmail: 'otieno@clr.example.org' }, cookie: rep });
    expect(add.headers.location).toMatch(/notice=added/);
    expect((await mailsTo(t, 'otieno@clr.example.org')).map((m) => m.template)).toContain('membership.approved');
    const [u] = await t.db.select().from(users).where(eq(users.email, 'otieno@clr.example.org'));
    const remove = await submitForm(t, { page: `/en/membership/${institutionId}`, action: `/en/membership/${institutionId}/representatives/${u!.id}/remove`, fields: {}, cookie: rep });
    expect(remove.headers.location).toMatch(/notice=removed/);
    expect(await t.db.select().from(userRoles).where(and(eq(userRoles.userId, u!.id), eq(userRoles.role, 'member')))).toHaveLength(0);
    const [me] = await t.db.select().from(users).where(eq(users.email, 'lead@clr.example.org'));
    const last = await submitForm(t, { page: `/en/membership/${institutionId}`, action: `/en/membership/${institutionId}/representatives/${me!.id}/remove`, fields: {}, cookie: rep, forge: true });
    expect(last.headers.location).toMatch(/notice=last/);
  });

  it('exports the member’s data as JSON, and nobody else’s', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/en/membership/${institutionId}/export.json`, headers: { cookie: rep } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json();
    expect(data.member.name).toBe('Centre for Learning Research');
    expect(data.people).toEqual([expect.objectContaining({ email: 'lead@clr.example.org' })]);
    expect(data.application.answers.mandate).toBeTruthy();
    const other = await signedIn(t, { email: 'ana@example.org' });
    expect((await t.app.inject({ method: 'GET', url: `/en/membership/${institutionId}/export.json`, headers: { cookie: other } })).statusCode).toBe(403);
  });

  it('asks for erasure: recorded and sent to the Secretariat', async () => {
    const res = await submitForm(t, { page: `/en/membership/${institutionId}`, action: `/en/membership/${institutionId}/erasure`, fields: {}, cookie: rep });
    expect(res.headers.location).toMatch(/notice=erasure/);
    expect((await mailsTo(t, 'alliance@example.org')).map((m) => m.template)).toContain('membership.erasure-request');
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'membership.erasure.request'))).toHaveLength(1);
  });
});

describe('My membership: what the public sees, the person’s registrations and newsletter', () => {
  const idOf = async (name: string) => (await t.db.select({ id: members.id }).from(members).where(eq(members.name, name)))[0]!.id;
  const mainOf = (html: string) => html.slice(html.indexOf('<main'));

  it('previews the directory entry with only the public fields, or says the member is not listed', async () => {
    const ana = await signedIn(t, { email: 'ana@example.org' });
    const page = mainOf((await t.app.inject({ url: `/en/membership/${await idOf('Ana Pereira')}`, headers: { cookie: ana } })).body);
    const preview = page.slice(page.indexOf('directory-preview'), page.indexOf('</section>', page.indexOf('directory-preview')));
    expect(preview).toContain('Ana Pereira');
    expect(preview).toContain('Working-group interests'); // a public field
    expect(preview).not.toContain('Brazil'); // her country is not public
    expect(page).toContain('href="/en/members?q=Ana+Pereira"');

    const hidden = await signedIn(t, { email: 'hidden@example.org' });
    const unlisted = mainOf((await t.app.inject({ url: `/en/membership/${await idOf('Hidden Person')}`, headers: { cookie: hidden } })).body);
    expect(unlisted).not.toContain('directory-preview');
    expect(unlisted).toContain('You are not listed in the public members directory');
  });

  it('lists the meetings the person registered for, and nobody else’s', async () => {
    const mine = await openMeeting(t.db, { slug: 'ana-meeting', title: { en: 'Reading Summit' } });
    const theirs = await openMeeting(t.db, { slug: 'other-meeting', title: { en: 'Numeracy Forum' } });
    await registerParticipant(t.db, mine, { email: 'ana@example.org', name: 'Ana Pereira', country: 'BR', locale: 'en' });
    await registerParticipant(t.db, theirs, { email: 'hidden@example.org', name: 'Hidden Person', country: 'FR', locale: 'en' });
    const ana = await signedIn(t, { email: 'ana@example.org' });
    const page = mainOf((await t.app.inject({ url: `/en/membership/${await idOf('Ana Pereira')}`, headers: { cookie: ana } })).body);
    expect(page).toContain('Your meeting registrations');
    expect(page).toContain('Reading Summit');
    expect(page).toContain('href="/en/meetings/ana-meeting/my-registration"');
    expect(page).toMatch(/Reading Summit[\s\S]*Confirmed/);
    expect(page).not.toContain('Numeracy Forum');
  });

  it('says whether the person gets the newsletter and opens their own preferences, never another address’s', async () => {
    const ana = await signedIn(t, { email: 'ana@example.org' });
    const page = mainOf((await t.app.inject({ url: `/en/membership/${await idOf('Ana Pereira')}`, headers: { cookie: ana } })).body);
    expect(page).toContain('Your newsletter');
    expect(page).toContain('href="/en/newsletter/mine"');
    const go = await t.app.inject({ url: '/en/newsletter/mine', headers: { cookie: ana } });
    expect(go.statusCode).toBe(303);
    expect(go.headers.location).toMatch(/^\/en\/newsletter\/preferences\/[\w.-]+$/);
    const prefs = await t.app.inject({ url: String(go.headers.location) });
    expect(prefs.statusCode).toBe(200);
    expect(prefs.body).toContain('ana@example.org');
    expect(prefs.body).not.toContain('hidden@example.org');
    // An address not on the list is offered the subscribe form; a visitor is sent to sign in.
    const stranger = await signedIn(t, { email: 'stranger@example.org' });
    expect((await t.app.inject({ url: '/en/newsletter/mine', headers: { cookie: stranger } })).headers.location).toBe('/en/subscribe');
    expect((await t.app.inject({ url: '/en/newsletter/mine' })).headers.location).toMatch(/sign-in/);
  });

  it('is reached from the account page by a member, not offered to someone without a membership', async () => {
    const ana = await signedIn(t, { email: 'ana@example.org' });
    expect(mainOf((await t.app.inject({ url: '/en/account', headers: { cookie: ana } })).body)).toContain('href="/en/membership"');
    const stranger = await signedIn(t, { email: 'stranger2@example.org' });
    expect(mainOf((await t.app.inject({ url: '/en/account', headers: { cookie: stranger } })).body)).not.toContain('href="/en/membership"');
  });
});

describe('the Secretariat’s members list', () => {
  it('exports CSV and XLSX with the filters, each export audited', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/en/admin/members/export.csv?kind=individual', headers: { cookie: sec } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Ana Pereira');
    expect(csv.body).toContain('ana@example.org');
    expect(csv.body).not.toContain('Centre for Learning Research');
    const xlsx = await t.app.inject({ method: 'GET', url: '/en/admin/members/export.xlsx', headers: { cookie: sec } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names = book.worksheets[0]!.getColumn(2).values.filter(Boolean);
    expect(names).toEqual(expect.arrayContaining(['Ana Pereira', 'Centre for Learning Research', 'Hidden Person']));
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'membership.members.export'));
    expect(audits.map((a) => (a.after as { format: string }).format).sort()).toEqual(['csv', 'xlsx']);
  });

  it('suspends a membership with a reason: the people lose the member role; reinstating gives it back', async () => {
    const [ana] = await t.db.select().from(members).where(eq(members.name, 'Ana Pereira'));
    const res = await submitForm(t, { page: `/en/admin/members/${ana!.id}`, action: `/en/admin/members/${ana!.id}/status`, fields: { status: 'suspended', reason: '' }, cookie: sec });
    expect(res.statusCode).toBe(422);
    expect((await submitForm(t, { page: `/en/admin/members/${ana!.id}`, action: `/en/admin/members/${ana!.id}/status`, fields: { status: 'suspended', reason: 'Conduct review' }, cookie: sec })).statusCode).toBeLessThan(400);
    const [u] = await t.db.select().from(users).where(eq(users.email, 'ana@example.org'));
    expect(await t.db.select().from(userRoles).where(and(eq(userRoles.userId, u!.id), eq(userRoles.role, 'member')))).toHaveLength(0);
    expect((await t.app.inject({ method: 'GET', url: '/en/members' })).body).not.toContain('Ana Pereira');
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'membership.member.suspend'));
    expect(audit!.after).toEqual({ status: 'suspended', reason: 'Conduct review' });
    expect((await submitForm(t, { page: `/en/admin/members/${ana!.id}`, action: `/en/admin/members/${ana!.id}/status`, fields: { status: 'active', reason: 'Review closed' }, cookie: sec })).statusCode).toBeLessThan(400);
    expect(await t.db.select().from(userRoles).where(and(eq(userRoles.userId, u!.id), eq(userRoles.role, 'member')))).toHaveLength(1);
  });

  it('a member can leave; the membership ends', async () => {
    const [hidden] = await t.db.select().from(members).where(eq(members.name, 'Hidden Person'));
    const cookie = await signedIn(t, { email: 'hidden@example.org' });
    const res = await submitForm(t, { page: `/en/membership/${hidden!.id}`, action: `/en/membership/${hidden!.id}/leave`, fields: { reason: 'Retiring' }, cookie });
    expect(res.headers.location).toMatch(/notice=left/);
    const [after] = await t.db.select().from(members).where(eq(members.id, hidden!.id));
    expect(after).toMatchObject({ status: 'ended', statusReason: 'Retiring' });
    expect(after!.endedOn).toBeTruthy();
  });

  it('sends a signed-in member to their own membership, and a person without one to a clear page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/membership', headers: { cookie: rep } });
    expect(res.headers.location).toBe(`/en/membership/${institutionId}`);
    const nobody = await signedIn(t, { email: 'nobody@example.org' });
    const none = await t.app.inject({ method: 'GET', url: '/en/membership', headers: { cookie: nobody } });
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('not linked to a membership');
    expect((await t.app.inject({ method: 'GET', url: `/en/membership/${institutionId}`, headers: { cookie: nobody } })).statusCode).toBe(403);
  });

  it('erases a person on request: account anonymised, unsubscribed, audited', async () => {
    const [ana] = await t.db.select().from(members).where(eq(members.name, 'Ana Pereira'));
    const [u] = await t.db.select().from(users).where(eq(users.email, 'ana@example.org'));
    const res = await submitForm(t, { page: `/en/admin/members/${ana!.id}`, action: `/en/admin/members/${ana!.id}/people/${u!.id}/erase`, fields: {}, cookie: sec });
    expect(res.headers.location).toMatch(/notice=erased/);
    const [after] = await t.db.select().from(users).where(eq(users.id, u!.id));
    expect(after!.email).toMatch(/^erased-.+@erased\.invalid$/);
    expect(after!.disabledAt).not.toBeNull();
    const csv = await t.app.inject({ method: 'GET', url: '/en/admin/members/export.csv', headers: { cookie: sec } });
    expect(csv.body).not.toContain('ana@example.org');
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'privacy.erasure'))).toHaveLength(1);
  });
});
