import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailsTo, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { userRoles, users } from '../../platform/auth/schema.js';
import { auditLog } from '../../platform/audit/schema.js';
import { getSubscriber, listSubscribers } from '../communications/service.js';
import type { Actor } from '../../platform/policy.js';
import { applications, memberPeople, members } from './schema.js';
import { applyAs, sampleIndividual, sampleInstitution } from './factories.js';
import { applicationReference, changeDecisionSettings, transitionApplication } from './applications.js';
import { formatDate } from '../../platform/i18n/format.js';
import { fileStore } from '../../platform/files/storage.js';

let t: TestApp;
let sec: string;
let sc: string[];
let secretariat: Actor;
beforeAll(async () => {
  t = await testApp();
  await addWorkingGroups(t.db);
  sec = await signedIn(t, { email: 'sec@example.org', name: 'Sam Secretariat', roles: ['secretariat'] });
  sc = [];
  for (const e of ['sc1@example.org', 'sc2@example.org', 'sc3@example.org']) sc.push(await signedIn(t, { email: e, roles: ['steering'] }));
  secretariat = (await actorByEmail(t.db, 'sec@example.org'))!;
});
afterAll(() => t.close());

const act = (id: string, action: string, note = '') =>
  submitForm(t, { page: `/en/admin/applications/${id}`, action: `/en/admin/applications/${id}/transition`, fields: { action, note }, cookie: sec });
const vote = (i: number, id: string, v: string, comment = '') =>
  submitForm(t, { page: `/en/steering/applications/${id}`, action: `/en/steering/applications/${id}/vote`, fields: { vote: v, comment }, cookie: sc[i]! });
const status = async (id: string) => (await t.db.select().from(applications).where(eq(applications.id, id)))[0]!.status;

describe('reviewing applications', () => {
  it('lists submitted applications with filters, and never drafts', async () => {
    await applyAs(t.db, { kind: 'individual', email: 'draft@example.org', data: sampleIndividual({ country: 'KE' }), submit: false });
    await applyAs(t.db, { kind: 'institution', email: 'kenya@example.org', data: sampleInstitution({ country: 'KE', representatives: [{ name: 'K', title: '', email: 'kenya@example.org' }] }) });
    await applyAs(t.db, { kind: 'individual', email: 'chile@example.org', data: sampleIndividual({ name: 'Chilean Researcher', country: 'CL' }) });
    const all = await t.app.inject({ method: 'GET', url: '/en/admin/applications', headers: { cookie: sec } });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Centre for Learning Research');
    expect(all.body).toContain('Chilean Researcher');
    expect(all.body).not.toContain('draft@example.org');
    const africa = await t.app.inject({ method: 'GET', url: '/en/admin/applications?region=africa', headers: { cookie: sec } });
    expect(africa.body).toContain('Centre for Learning Research');
    expect(africa.body).not.toContain('Chilean Researcher');
    const upper = await t.app.inject({ method: 'GET', url: '/en/admin/applications?income=high&kind=individual', headers: { cookie: sec } });
    expect(upper.body).toContain('Chilean Researcher'); // Chile: high income (FY2025)
    expect(upper.body).not.toContain('Centre for Learning Research');
  });

  it('requests information (the note is required), the applicant amends, and it comes back to screening', async () => {
    const { id, token } = await applyAs(t.db, { kind: 'individual', email: 'amend@example.org', locale: 'es', data: sampleIndividual() });
    expect((await act(id, 'screen')).statusCode).toBe(303);
    const noNote = await act(id, 'request-info', '   ');
    expect(noNote.statusCode).toBe(422);
    expect(noNote.body).toContain('Write a note for the applicant');
    expect((await act(id, 'request-info', 'Please describe one project.')).statusCode).toBeLessThan(400);
    expect(await status(id)).toBe('info_requested');
    const [mail] = await mailsTo(t, 'amend@example.org');
    expect(mail!.template).toBe('membership.info-requested');
    expect(mail!.locale).toBe('es');
    expect(mail!.text).toContain('Please describe one project.');

    const edit = await submitForm(t, { page: `/es/apply/${token}/criteria`, action: `/es/apply/${token}/criteria`, fields: { mandate: 'New mandate', expertise: 'x', trackRecord: 'Project Alpha', areas: 'pedagogy' } });
    expect(edit.statusCode).toBe(303);
    const send = await submitForm(t, { page: `/es/apply/${token}`, action: `/es/apply/${token}/amend`, fields: {} });
    expect(send.headers.location).toBe(`/es/apply/${token}?notice=amended`);
    expect(await status(id)).toBe('screening');
    const page = await t.app.inject({ method: 'GET', url: `/en/admin/applications/${id}`, headers: { cookie: sec } });
    expect(page.body).toContain('Project Alpha');
    expect(page.body).toContain('Please describe one project.');
  });

  it('shows the Secretariat what the applicant changed since the request (before → after) and their reply', async () => {
    const { id, token } = await applyAs(t.db, { kind: 'individual', email: 'changes@example.org', data: sampleIndividual({ trackRecord: 'Ten years of studies.' }) });
    await act(id, 'screen');
    await act(id, 'request-info', 'Which projects?');
    await submitForm(t, { page: `/en/apply/${token}/criteria`, action: `/en/apply/${token}/criteria`, fields: { mandate: sampleIndividual().mandate!, expertise: sampleIndividual().expertise!, trackRecord: 'Ten years of studies; Project Beta in 2025.', areas: sampleIndividual().areas! } });
    const sent = await submitForm(t, { page: `/en/apply/${token}`, action: `/en/apply/${token}/amend`, fields: { reply: 'I added Project Beta.' } });
    expect(sent.headers.location).toBe(`/en/apply/${token}?notice=amended`);
    const page = (await t.app.inject({ method: 'GET', url: `/en/admin/applications/${id}`, headers: { cookie: sec } })).body;
    const changes = page.slice(page.indexOf('Changes since the request for more information'), page.indexOf('id="actions-heading"'));
    expect(changes).toContain('Which projects?');
    expect(changes).toContain('I added Project Beta.');
    expect(changes).toContain('1 answer changed');
    expect(changes).toMatch(/Your track record[\s\S]*<del[^>]*>Ten years of studies\.<\/del>[\s\S]*<ins[^>]*>Ten years of studies; Project Beta in 2025\.<\/ins>/);
    expect(changes).not.toContain('Your mandate'); // unchanged answers are not listed
  });

  it('keeps internal notes apart: the Secretariat and the Committee read them, the applicant never does', async () => {
    const { id, token } = await applyAs(t.db, { kind: 'individual', email: 'private-notes@example.org', data: sampleIndividual() });
    const screened = await submitForm(t, {
      page: `/en/admin/applications/${id}`,
      action: `/en/admin/applications/${id}/transition`,
      fields: { action: 'screen', note: 'We have started.', internalNote: 'INTERNAL-ONE: check the ministry link.' },
      cookie: sec,
    });
    expect(screened.statusCode).toBe(303);
    const empty = await submitForm(t, { page: `/en/admin/applications/${id}`, action: `/en/admin/applications/${id}/notes`, fields: { privateNote: '   ' }, cookie: sec });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#f-privateNote"');
    const noted = await submitForm(t, { page: `/en/admin/applications/${id}`, action: `/en/admin/applications/${id}/notes`, fields: { privateNote: 'INTERNAL-TWO: known to the chair.' }, cookie: sec });
    expect(noted.headers.location).toBe(`/en/admin/applications/${id}?notice=noted`);
    await act(id, 'request-info', 'Tell us more.');
    await submitForm(t, { page: `/en/apply/${token}`, action: `/en/apply/${token}/amend`, fields: { reply: 'Here is more.' } });
    expect((await act(id, 'decline', 'Outside the Terms of Reference.')).headers.location).toMatch(/notice=decline$/);
    // Secretariat: both notes, apart from the history.
    const review = (await t.app.inject({ method: 'GET', url: `/en/admin/applications/${id}`, headers: { cookie: sec } })).body;
    const notes = review.slice(review.indexOf('id="internal-notes-heading"'), review.indexOf('</section>', review.indexOf('id="internal-notes-heading"')));
    expect(notes).toContain('INTERNAL-ONE');
    expect(notes).toContain('INTERNAL-TWO');
    // The applicant: not on their page, not in any e-mail; what was written to them is there.
    const own = (await t.app.inject({ method: 'GET', url: `/en/apply/${token}` })).body;
    expect(own).toContain('We have started.');
    expect(own).not.toContain('INTERNAL-');
    const mails = await mailsTo(t, 'private-notes@example.org');
    expect(mails.map((m) => m.template)).toEqual(expect.arrayContaining(['membership.info-requested', 'membership.declined']));
    for (const m of mails) expect(`${m.subject} ${m.text} ${m.html}`).not.toContain('INTERNAL-');
    // Audited, without the note's text.
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'membership.application.note'));
    expect(audit).toMatchObject({ actorEmail: 'sec@example.org' });
    expect(JSON.stringify(audit)).not.toContain('INTERNAL-');
    // Only the Secretariat writes them.
    const forged = await submitForm(t, { page: '/en/steering/applications', action: `/en/admin/applications/${id}/notes`, fields: { privateNote: 'x' }, cookie: sc[0]!, forge: true });
    expect(forged.statusCode).toBe(403);
  });

  it('the Committee reads the internal notes of an application recommended to it', async () => {
    const { id } = await applyAs(t.db, { kind: 'individual', email: 'sc-notes@example.org', data: sampleIndividual() });
    await act(id, 'screen');
    await submitForm(t, { page: `/en/admin/applications/${id}`, action: `/en/admin/applications/${id}/transition`, fields: { action: 'recommend', internalNote: 'INTERNAL-SC: strong references.' }, cookie: sec });
    const page = (await t.app.inject({ method: 'GET', url: `/en/steering/applications/${id}`, headers: { cookie: sc[1]! } })).body;
    expect(page).toContain('INTERNAL-SC: strong references.');
    expect(page).not.toContain(`action="/en/admin/applications/${id}/notes"`);
  });

  it('shows the history once, and counts the Committee’s responses in good French', async () => {
    const { id } = await applyAs(t.db, { kind: 'individual', email: 'plural@example.org', data: sampleIndividual() });
    await act(id, 'screen');
    await act(id, 'recommend');
    await vote(0, id, 'endorse');
    const fr = (await t.app.inject({ method: 'GET', url: `/fr/admin/applications/${id}`, headers: { cookie: sec } })).body;
    expect(fr).toContain('1 membre sur 3 a répondu.');
    await vote(1, id, 'abstain');
    expect((await t.app.inject({ method: 'GET', url: `/fr/admin/applications/${id}`, headers: { cookie: sec } })).body).toContain('2 membres sur 3 ont répondu.');
    const en = (await t.app.inject({ method: 'GET', url: `/en/admin/applications/${id}`, headers: { cookie: sec } })).body;
    // One visible "History": the heading; the table's caption says it to screen readers only.
    expect(en.match(/<h2[^>]*>History<\/h2>/g)).toHaveLength(1);
    expect(en).toMatch(/<caption class="visually-hidden">History<\/caption>/);
    expect(en.match(/>History</g)).toHaveLength(2);
  });

  it('tells the applicant, at each stage, what happens next', async () => {
    const { id, token } = await applyAs(t.db, { kind: 'individual', email: 'stages@example.org', data: sampleIndividual() });
    const next = async () => {
      const page = (await t.app.inject({ method: 'GET', url: `/en/apply/${token}` })).body;
      const at = page.indexOf('id="next-heading"');
      return page.slice(at, page.indexOf('</section>', at));
    };
    expect(await next()).toContain('The Secretariat is checking it against the membership criteria.');
    await act(id, 'screen');
    await act(id, 'request-info', 'Which projects?');
    const asked = await next();
    expect(asked).toContain('The Secretariat needs more information');
    expect(asked).toContain('Which projects?');
    expect((await t.app.inject({ method: 'GET', url: `/en/apply/${token}` })).body).toContain(`action="/en/apply/${token}/amend"`);
    await submitForm(t, { page: `/en/apply/${token}`, action: `/en/apply/${token}/amend`, fields: {} });
    await act(id, 'recommend');
    expect(await next()).toContain('recommended your application to the Steering Committee');
    for (const i of [0, 1, 2]) await vote(i, id, 'object');
    await act(id, 'decline', 'Not this year.');
    expect(await next()).toContain('Your application has been declined.');
  });

  it('refuses an illegal step and changes nothing', async () => {
    const { id } = await applyAs(t.db, { kind: 'individual', email: 'illegal@example.org', data: sampleIndividual() });
    const res = await act(id, 'approve');
    expect(res.headers.location).toMatch(/notice=refused-/);
    expect(await status(id)).toBe('submitted');
  });

  it('under the majority rule: recommend, the Committee responds, then the Secretariat approves; the member is created and welcomed', async () => {
    const { id } = await applyAs(t.db, {
      kind: 'institution',
      email: 'boss@uni.example.org',
      locale: 'fr',
      data: sampleInstitution({
        orgName: 'Université Exemple',
        country: 'SN',
        representatives: [
          { name: 'Awa', title: 'Rectrice', email: 'boss@uni.example.org' },
          { name: 'Moussa', title: 'Doyen', email: 'dean@uni.example.org' },
        ],
      }),
    });
    expect((await act(id, 'screen')).statusCode).toBeLessThan(400);
    expect((await act(id, 'recommend')).statusCode).toBeLessThan(400);
    expect(await status(id)).toBe('recommended');
    expect((await mailsTo(t, 'sc1@example.org')).map((m) => m.template)).toContain('membership.steering-notice');

    // Too early: the Committee has not answered and the window is open. The page offers no decision
    // and says why; a request made anyway is refused.
    const waiting = await t.app.inject({ method: 'GET', url: `/en/admin/applications/${id}`, headers: { cookie: sec } });
    expect(waiting.body).not.toContain('value="approve"');
    expect(waiting.body).not.toContain('value="decline"');
    expect(waiting.body).toContain('Approve and Decline: not possible yet.');
    expect(waiting.body).toContain('The Steering Committee is still responding');
    const early = await submitForm(t, { page: `/en/admin/applications/${id}`, action: `/en/admin/applications/${id}/transition`, fields: { action: 'approve' }, cookie: sec, forge: true });
    expect(early.headers.location).toMatch(/notice=refused-awaiting-steering/);
    await vote(0, id, 'endorse', 'Good fit');
    await vote(1, id, 'object', 'Not sure');
    await vote(2, id, 'endorse');
    const page = await t.app.inject({ method: 'GET', url: `/en/steering/applications/${id}`, headers: { cookie: sc[0]! } });
    expect(page.body).toContain('Good fit');
    expect(page.body).toContain('The Committee’s majority endorses.');
    expect(page.body).toContain('3 of 3 members have responded.');
    // Now approval is offered; a decline, against the majority, is not.
    const ready = await t.app.inject({ method: 'GET', url: `/en/admin/applications/${id}`, headers: { cookie: sec } });
    expect(ready.body).toContain('value="approve"');
    expect(ready.body).not.toContain('value="decline"');

    const approve = await act(id, 'approve', 'Welcome!');
    expect(approve.headers.location).toMatch(/notice=approve$/);
    expect(await status(id)).toBe('approved');
    const [member] = await t.db.select().from(members).where(eq(members.applicationId, id));
    expect(member).toMatchObject({ name: 'Université Exemple', kind: 'institution', status: 'active', country: 'SN' });
    expect(member!.number).toBeGreaterThan(0);
    const people = await t.db.select({ email: users.email }).from(memberPeople).innerJoin(users, eq(users.id, memberPeople.userId)).where(eq(memberPeople.memberId, member!.id));
    expect(people.map((p) => p.email).sort()).toEqual(['boss@uni.example.org', 'dean@uni.example.org']);
    for (const email of ['boss@uni.example.org', 'dean@uni.example.org']) {
      const [u] = await t.db.select().from(users).where(eq(users.email, email));
      expect(await t.db.select().from(userRoles).where(and(eq(userRoles.userId, u!.id), eq(userRoles.role, 'member')))).toHaveLength(1);
      // Subscribed by the newsletter, which heard that they joined (as the Secretariat sees it in the subscribers' list).
      const [sub] = (await listSubscribers(t.db, secretariat, { q: email, page: 1 })).rows;
      expect(sub).toMatchObject({ email, status: 'subscribed', source: 'membership', country: 'SN' }); // so audiences by region and income group reach members
      expect((await getSubscriber(t.db, secretariat, sub!.id))!.events).toEqual([expect.objectContaining({ change: 'subscribed', source: 'membership' })]);
      const welcome = (await mailsTo(t, email)).find((m) => m.template === 'membership.approved');
      expect(welcome!.locale).toBe('fr');
      expect(welcome!.text).toContain('Welcome!');
    }
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'membership.application.approve')));
    expect(audit).toMatchObject({ actorEmail: 'sec@example.org', before: { status: 'recommended' } });
  });

  it('follows the Committee’s majority: an approval against it is refused, a decline with a reason is mailed', async () => {
    const { id } = await applyAs(t.db, { kind: 'individual', email: 'objected@example.org', data: sampleIndividual() });
    expect((await act(id, 'screen')).statusCode).toBeLessThan(400);
    expect((await act(id, 'recommend')).statusCode).toBeLessThan(400);
    await vote(0, id, 'object');
    await vote(1, id, 'object');
    await vote(2, id, 'abstain');
    expect((await act(id, 'approve')).headers.location).toMatch(/notice=refused-steering-disagrees/);
    expect((await act(id, 'decline', 'Your work is outside the Terms of Reference.')).statusCode).toBeLessThan(400);
    expect(await status(id)).toBe('declined');
    const mail = (await mailsTo(t, 'objected@example.org')).find((m) => m.template === 'membership.declined');
    expect(mail!.text).toContain('Your work is outside the Terms of Reference.');
  });

  it('under the Secretariat-alone rule, approves straight from screening (a setting, audited)', async () => {
    const res = await submitForm(t, { page: '/en/admin/membership/settings', action: '/en/admin/membership/settings', fields: { rule: 'secretariat', days: '0' }, cookie: sec });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter a whole number from 1 to 90.');
    expect((await submitForm(t, { page: '/en/admin/membership/settings', action: '/en/admin/membership/settings', fields: { rule: 'secretariat', days: '10' }, cookie: sec })).statusCode).toBeLessThan(400);
    const { id } = await applyAs(t.db, { kind: 'individual', email: 'fast@example.org', data: sampleIndividual() });
    expect((await act(id, 'screen')).statusCode).toBeLessThan(400);
    expect((await act(id, 'approve')).statusCode).toBeLessThan(400);
    expect(await status(id)).toBe('approved');
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'membership.settings.decision'))).toHaveLength(1);
    await changeDecisionSettings(t.db, secretariat, { rule: 'steering-majority', days: 14 });
  });

  it('counts only responses in the window once it has closed', async () => {
    const { id } = await applyAs(t.db, { kind: 'individual', email: 'late-sc@example.org', data: sampleIndividual() });
    expect((await act(id, 'screen')).statusCode).toBeLessThan(400);
    expect((await act(id, 'recommend')).statusCode).toBeLessThan(400);
    await vote(0, id, 'endorse');
    const later = new Date(Date.now() + 15 * 86_400_000);
    const r = await transitionApplication(t.db, secretariat, { id, action: 'approve', baseUrl: t.config.baseUrl, now: later });
    expect(r).toMatchObject({ ok: true, status: 'approved' });
  });
});

describe('membership pages: role × page', () => {
  let recommendedId = '';
  let submittedId = '';
  let cookies: Record<string, string>;
  beforeAll(async () => {
    const a = await applyAs(t.db, { kind: 'individual', email: 'matrix1@example.org', data: sampleIndividual() });
    submittedId = a.id;
    const b = await applyAs(t.db, { kind: 'individual', email: 'matrix2@example.org', data: sampleIndividual() });
    expect((await act(b.id, 'screen')).statusCode).toBeLessThan(400);
    expect((await act(b.id, 'recommend')).statusCode).toBeLessThan(400);
    recommendedId = b.id;
    cookies = { member: await signedIn(t, { email: 'member-matrix@example.org', roles: ['member'] }), steering: sc[0]!, secretariat: sec };
  });

  const pages = () => ({
    '/admin/applications': { member: 403, steering: 403, secretariat: 200 },
    [`/admin/applications/${submittedId}`]: { member: 403, steering: 403, secretariat: 200 },
    '/steering': { member: 403, steering: 200, secretariat: 403 },
    '/admin': { member: 403, steering: 403, secretariat: 200 },
    '/steering/applications': { member: 403, steering: 200, secretariat: 200 },
    [`/steering/applications/${recommendedId}`]: { member: 403, steering: 200, secretariat: 200 },
    [`/steering/applications/${submittedId}`]: { member: 403, steering: 403, secretariat: 200 },
    '/admin/members': { member: 403, steering: 403, secretariat: 200 },
    '/admin/members/export.csv': { member: 403, steering: 403, secretariat: 200 },
    '/admin/membership/settings': { member: 403, steering: 403, secretariat: 200 },
  });

  it('each person gets what their role allows; anonymous visitors are sent to sign in', async () => {
    for (const [path, row] of Object.entries(pages())) {
      const anon = await t.app.inject({ method: 'GET', url: `/en${path}` });
      expect(anon.statusCode, `anonymous ${path}`).toBe(302);
      expect(anon.headers.location).toMatch(/^\/en\/sign-in\?next=/);
      for (const [who, expected] of Object.entries(row)) {
        const res = await t.app.inject({ method: 'GET', url: `/en${path}`, headers: { cookie: cookies[who]! } });
        expect(res.statusCode, `${who} ${path}`).toBe(expected);
      }
    }
  });

  it('a Committee member’s home lists what awaits their response (with its deadline), what they answered, and recent decisions; the header leads there, not to the Secretariat', async () => {
    const { id: decidedId } = await applyAs(t.db, { kind: 'individual', email: 'home-decided@example.org', data: sampleIndividual({ name: 'Decided Person' }) });
    await act(decidedId, 'screen');
    await act(decidedId, 'recommend');
    for (const i of [0, 1, 2]) await vote(i, decidedId, 'endorse');
    await act(decidedId, 'approve');
    const { id: answeredId } = await applyAs(t.db, { kind: 'individual', email: 'home-answered@example.org', data: sampleIndividual({ name: 'Answered Person' }) });
    await act(answeredId, 'screen');
    await act(answeredId, 'recommend');
    await vote(2, answeredId, 'object', 'Not yet.');

    const home = (await t.app.inject({ method: 'GET', url: '/en/steering', headers: { cookie: sc[2]! } })).body;
    const section = (heading: string) => home.slice(home.indexOf(`id="${heading}"`), home.indexOf('</section>', home.indexOf(`id="${heading}"`)));
    const [matrix] = await t.db.select().from(applications).where(eq(applications.id, recommendedId));
    expect(section('awaiting-heading')).toContain(`/en/steering/applications/${recommendedId}`);
    const deadline = new Date(matrix!.recommendedAt!.getTime() + 14 * 86_400_000);
    // The deadline's day, in whichever time zone the site shows dates.
    const days = [...new Set(['Etc/GMT+12', 'UTC', 'Etc/GMT-14'].map((zone) => formatDate('en', deadline, zone)))];
    expect(section('awaiting-heading')).toMatch(new RegExp(`${applicationReference(matrix!.number)}[\\s\\S]*(${days.join('|')})`));
    expect(section('awaiting-heading')).not.toContain('Answered Person');
    expect(section('responded-heading')).toContain('Answered Person');
    expect(section('responded-heading')).toContain('Object');
    expect(section('decided-heading')).toContain('Decided Person');
    expect(section('decided-heading')).toContain('Approved');
    // Another member has not answered that one: it awaits them.
    expect((await t.app.inject({ method: 'GET', url: '/en/steering', headers: { cookie: sc[0]! } })).body).toContain('Answered Person');
    // The header: their home, and no Secretariat link.
    const header = home.slice(0, home.indexOf('<main'));
    expect(header).toContain('href="/en/steering" aria-current="page"');
    expect(header).not.toContain('href="/en/admin"');
    const secHeader = (await t.app.inject({ method: 'GET', url: '/en/admin/applications', headers: { cookie: sec } })).body;
    expect(secHeader.slice(0, secHeader.indexOf('<main'))).toContain('href="/en/admin"');
  });

  it('a Committee member cannot decide, and a Secretariat member cannot vote', async () => {
    const decide = await submitForm(t, { page: `/en/steering/applications/${recommendedId}`, action: `/en/admin/applications/${recommendedId}/transition`, fields: { action: 'approve' }, cookie: sc[1]!, forge: true });
    expect(decide.statusCode).toBe(403);
    const v = await submitForm(t, { page: `/en/admin/applications/${recommendedId}`, action: `/en/steering/applications/${recommendedId}/vote`, fields: { vote: 'endorse' }, cookie: sec, forge: true });
    expect(v.headers.location).toMatch(/refused-closed/);
    expect(await status(recommendedId)).toBe('recommended');
  });

  it('the supporting document is for reviewers only', async () => {
    const { id } = await applyAs(t.db, { kind: 'individual', email: 'doc-matrix@example.org', data: sampleIndividual() });
    const key = await fileStore(t.db, t.config).put(Buffer.from('%PDF-1.4 test'));
    // The applicant named the file: a quote in it must not end the header's name (nor add another).
    await t.db.update(applications).set({ documentKey: key, documentName: 'my cv "final"; filename=x.exe.pdf', documentSize: 13 }).where(eq(applications.id, id));
    const asSec = await t.app.inject({ method: 'GET', url: `/en/admin/applications/${id}/document`, headers: { cookie: sec } });
    expect(asSec.statusCode).toBe(200);
    expect(asSec.headers['content-type']).toBe('application/pdf');
    expect(asSec.headers['content-disposition']).toBe('attachment; filename="my cv _final__ filename_x.exe.pdf"');
    expect(asSec.body).toContain('%PDF-1.4');
    expect((await t.app.inject({ method: 'GET', url: `/en/admin/applications/${id}/document`, headers: { cookie: cookies.member! } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/en/steering/applications/${id}/document`, headers: { cookie: sc[0]! } })).statusCode).toBe(403); // not recommended
    expect((await t.app.inject({ method: 'GET', url: `/en/admin/applications/${id}/document` })).statusCode).toBe(302);
  });

  it('the applicant’s private link opens their application only, never the review pages', async () => {
    const { id, token } = await applyAs(t.db, { kind: 'individual', email: 'own-link@example.org', data: sampleIndividual() });
    const own = await t.app.inject({ method: 'GET', url: `/en/apply/${token}` });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('own-link@example.org');
    // The review pages need a Secretariat session, whatever link the visitor holds.
    expect((await t.app.inject({ method: 'GET', url: `/en/admin/applications/${id}` })).statusCode).toBe(302);
    expect((await t.app.inject({ method: 'GET', url: `/en/steering/applications/${id}` })).statusCode).toBe(302);
  });
});
