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
import { changeDecisionSettings, transitionApplication } from './applications.js';
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

    // Too early: the Committee has not answered and the window is open.
    const early = await act(id, 'approve');
    expect(early.headers.location).toMatch(/notice=refused-awaiting-steering/);
    await vote(0, id, 'endorse', 'Good fit');
    await vote(1, id, 'object', 'Not sure');
    await vote(2, id, 'endorse');
    const page = await t.app.inject({ method: 'GET', url: `/en/steering/applications/${id}`, headers: { cookie: sc[0]! } });
    expect(page.body).toContain('Good fit');
    expect(page.body).toContain('The Committee’s majority endorses.');

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
    await t.db.update(applications).set({ documentKey: key, documentName: 'cv.pdf', documentSize: 13 }).where(eq(applications.id, id));
    const asSec = await t.app.inject({ method: 'GET', url: `/en/admin/applications/${id}/document`, headers: { cookie: sec } });
    expect(asSec.statusCode).toBe(200);
    expect(asSec.headers['content-type']).toBe('application/pdf');
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
