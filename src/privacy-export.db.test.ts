import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { signedIn, submitForm, testApp, type TestApp } from './testing/app.js';
import { actorByEmail } from './platform/auth/service.js';
import { auditLog } from './platform/audit/schema.js';
import type { Actor } from './platform/policy.js';
import { EXPORTS_PER_HOUR } from './platform/privacy/export.js';
import { addWorkingGroups } from './modules/workinggroups/factories.js';
import { addJoinRequest, addPersonToGroup, createReport, getWorkingGroup, publishReport, reportOf } from './modules/workinggroups/service.js';
import { applyAs, approveAs, sampleIndividual } from './modules/membership/factories.js';
import { openMeeting, registerParticipant } from './modules/meetings/factories.js';
import { registrations } from './modules/meetings/schema.js';
import { getConsultation, getConsultationTarget, openConsultation, postComment, saveProfile } from './modules/consultations/service.js';
import { addCall, addSeries } from './modules/publications/factories.js';
import { callBySlug, submitBrief, type SubmissionInput } from './modules/publications/service.js';
import { addSurvey, question } from './modules/surveys/factories.js';
import { savePage } from './modules/surveys/service.js';

/**
 * A person's download (docs/decisions/021): two people with data in every module, made through the
 * modules' own verbs; the first downloads theirs from the account page, and it holds their data from
 * each module and nothing of the second person's, nor any secret. The Secretariat makes the
 * second person's on request, audited; nobody else can.
 */
const A = { name: 'Ingrid Solvang-Achebe', email: 'ingrid.solvang@example.org', comment: 'Start with oral language.', brief: 'Oral language first', answer: 'Mostly in Yoruba' };
const B = { name: 'Rustam Keldibekov', email: 'rustam.keldibekov@example.org', comment: 'Teach in the home language.', brief: 'Home language instruction', answer: 'Mostly in Kazakh' };

let t: TestApp;
let secCookie: string;
let aCookie: string;
let bCookie: string;
let aUser = '';
let bUser = '';
let aCheckIn = '';
let download: { status: number; type: string; disposition: string; json: { person: { email: string }; data: Record<string, Record<string, Record<string, unknown>[]>> }; text: string };

const day = 86_400_000;

beforeAll(async () => {
  t = await testApp();
  const groups = await addWorkingGroups(t.db);
  secCookie = await signedIn(t, { email: 'sec@example.org', name: 'Secretariat', roles: ['secretariat'] });
  await signedIn(t, { email: 'sc@example.org', name: 'Carmen Ruiz', roles: ['steering'] });
  const secretariat = (await actorByEmail(t.db, 'sec@example.org'))!;
  const committee = (await actorByEmail(t.db, 'sc@example.org'))!;
  const meeting = await openMeeting(t.db, { slug: 'annual-meeting' });
  const fl = (await getWorkingGroup(t.db, 'foundational-learning'))!;
  await createReport(t.db, secretariat, fl, { slug: 'export-report', title: 'Background report', markdown: '# Background report\n\nChildren learn to read in the first grades.' }, 'en');
  await publishReport(t.db, secretariat, fl, (await reportOf(t.db, secretariat, fl, 'export-report'))!.report, 'prefinal');
  const opened = await openConsultation(t.db, secretariat, (await getConsultationTarget(t.db, secretariat, fl, 'export-report', 1))!, { opensAt: new Date(Date.now() - day), closesAt: new Date(Date.now() + 30 * day), audience: 'public', moderation: 'post', summary: 'What the report says.', questions: [] }, 'en');
  if (!opened.ok) throw new Error('consultation');
  const consultation = (await getConsultation(t.db, opened.slug))!;
  const series = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium 2024' } });
  await addCall(t.db, { seriesId: series, slug: 'call-2024', title: { en: 'Call for briefs 2024' } });
  const call = (await callBySlug(t.db, 'call-2024'))!;
  const survey = (await addSurvey(t.db, { slug: 'languages', title: { en: 'Languages of teaching' }, audience: 'public', opensAt: new Date(Date.now() - day), closesAt: new Date(Date.now() + 30 * day), locales: ['en'], questions: [question({ key: 'how', page: 1, type: 'short-text', text: { en: 'In which language do you teach?' } })] }))!;
  const brief = (title: string, authors: string): SubmissionInput => ({ locale: 'en', title, abstract: `About ${title}.`, summary: '', keywords: '', recommendations: '', authors, body: '# Text\n\nA short text.', audiences: ['practitioner'] });

  // The same footprint for each person, in every module.
  for (const [p, group, country] of [
    [A, groups['foundational-learning'], 'KE'],
    [B, groups['technologies-for-learning'], 'KZ'],
  ] as const) {
    // Membership (which subscribes them to the newsletter) and their account.
    const applied = await applyAs(t.db, { kind: 'individual', email: p.email, data: sampleIndividual({ name: p.name, country, affiliation: `${p.name} Institute` }) });
    await approveAs(t.db, secretariat, [committee], applied.id, t.config.baseUrl);
    const actor: Actor = (await actorByEmail(t.db, p.email))!;
    await registerParticipant(t.db, meeting, { email: p.email, name: p.name, country, locale: 'en' });
    await addPersonToGroup(t.db, group, { email: p.email, name: p.name }, 'member', { listed: true, affiliation: `${p.name} Institute` });
    await addJoinRequest(t.db, group === groups['foundational-learning'] ? groups['technologies-for-learning'] : groups['foundational-learning'], { email: p.email, name: p.name }, { message: `${p.name} would like to join.` });
    await saveProfile(t.db, actor, { stakeholderGroup: 'researcher', country, organization: `${p.name} Institute`, onBehalf: 'self', display: 'name' });
    expect((await postComment(t.db, actor, consultation, consultation.version.blocks[1]!.id, { body: p.comment, locale: 'en' }, { hasLink: false })).ok).toBe(true);
    expect((await submitBrief(t.db, actor, call, brief(p.brief, `${p.name} (${p.name} Institute)`), { baseUrl: t.config.baseUrl })).ok).toBe(true);
    await savePage(t.db, actor, survey, 1, { how: p.answer }, 'en', new Date(), 'stay');
  }
  aUser = (await actorByEmail(t.db, A.email))!.id;
  bUser = (await actorByEmail(t.db, B.email))!.id;
  aCheckIn = (await t.db.select().from(registrations).where(eq(registrations.email, A.email)))[0]!.checkInCode;
  aCookie = await signedIn(t, { email: A.email });
  bCookie = await signedIn(t, { email: B.email });

}, 120_000);
afterAll(() => t?.close());

/** The page's form needs the person's cookie: submitForm with it. */
async function submitFormAs(cookie: string, page: string, action: string, fields: Record<string, string> = {}) {
  return submitForm(t, { page, action, fields, cookie });
}

describe("a person's download", () => {
  beforeAll(async () => {
    // From the account page; another person's id sent along changes nothing (the route takes none).
    const res = await submitFormAs(aCookie, '/en/account', '/en/account/data', { id: bUser, userId: bUser });
    download = { status: res.statusCode, type: String(res.headers['content-type']), disposition: String(res.headers['content-disposition']), text: res.body, json: res.json() };
  });

  it('is a JSON file, from a button on the account page', async () => {
    const page = await t.app.inject({ url: '/en/account', headers: { cookie: aCookie } });
    expect(page.body).toContain('Download my data');
    expect(download.status).toBe(200);
    expect(download.type).toMatch(/^application\/json/);
    expect(download.disposition).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(download.json.person.email).toBe(A.email);
  });

  it("holds the person's data from every module", () => {
    const d = download.json.data;
    expect(d.privacy!.account).toEqual([expect.objectContaining({ email: A.email, name: A.name })]);
    expect(d.privacy!.sessions!.length).toBeGreaterThan(0);
    expect(d.membership!.applications).toEqual([expect.objectContaining({ email: A.email, status: 'approved' })]);
    expect(d.membership!.memberships).toEqual([expect.objectContaining({ name: A.name, status: 'active' })]);
    expect(d.communications!.subscriptions).toEqual([expect.objectContaining({ email: A.email, status: 'subscribed' })]);
    expect(d.meetings!.registrations).toEqual([expect.objectContaining({ meeting: 'annual-meeting', email: A.email, name: A.name })]);
    expect(d.workinggroups!.groups).toEqual([expect.objectContaining({ group: 'foundational-learning', affiliation: `${A.name} Institute` })]);
    expect(d.workinggroups!.requestsToJoin).toEqual([expect.objectContaining({ group: 'technologies-for-learning', message: `${A.name} would like to join.` })]);
    expect(d.consultations!.commenterProfile).toEqual([expect.objectContaining({ organization: `${A.name} Institute` })]);
    expect(d.consultations!.comments).toEqual([expect.objectContaining({ body: A.comment, name: A.name })]);
    expect(d.publications!.submissions).toEqual([expect.objectContaining({ title: A.brief, youAsAuthor: [{ name: A.name, affiliation: `${A.name} Institute` }] })]);
    expect(d.surveys!.unfinishedAnswers).toEqual([expect.objectContaining({ survey: 'languages', answers: { how: A.answer } })]);
    // Every module that declares personal data has its part.
    expect(Object.keys(d).sort()).toEqual(['communications', 'consultations', 'meetings', 'membership', 'privacy', 'publications', 'surveys', 'workinggroups']);
  });

  it("holds nothing of another person's, and no secret", () => {
    for (const theirs of [B.name, B.email, B.comment, B.brief, B.answer, 'Carmen Ruiz', 'sec@example.org']) expect(download.text, theirs).not.toContain(theirs);
    expect(download.text).not.toContain(aCheckIn);
    expect(download.text).not.toMatch(/"(tokenHash|idHash|passwordHash|checkInCode|linkKey)"/);
    expect(download.text).not.toContain(aCookie.split('=')[1]!);
  });

  it('is recorded in the audit log, as the person’s own', async () => {
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'privacy.export'), eq(auditLog.actorId, aUser)));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.targetId === aUser && (r.after as { self: boolean }).self)).toBe(true);
  });

  it('is for signed-in people only', async () => {
    const page = await t.app.inject({ url: '/en/sign-in' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await t.app.inject({ method: 'POST', url: '/en/account/data', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    expect(res.statusCode).not.toBe(200);
    expect(res.body).not.toContain(A.email);
  });

  it(`is limited to ${EXPORTS_PER_HOUR} an hour per person, whatever instance answers`, async () => {
    const made = (await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'privacy.export'), eq(auditLog.actorId, bUser)))).length;
    const answers: number[] = [];
    for (let i = made; i <= EXPORTS_PER_HOUR; i++) answers.push((await submitFormAs(bCookie, '/en/account', '/en/account/data')).statusCode);
    expect(answers.slice(0, -1).every((s) => s === 200)).toBe(true);
    const refused = await submitFormAs(bCookie, '/en/account', '/en/account/data');
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Try again later');
  });
});

describe("the Secretariat's download of a person's data, on request", () => {
  it('is made from the people page, for the person asked, and audited', async () => {
    const res = await submitFormAs(secCookie, `/en/admin/users?q=${encodeURIComponent(A.email)}`, `/en/admin/users/${aUser}/data`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="data-ingrid\.solvang-\d{4}-\d{2}-\d{2}\.json"/);
    const json = res.json();
    expect(json.person.email).toBe(A.email);
    expect(res.body).not.toContain(B.email);
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'privacy.export'), eq(auditLog.actorEmail, 'sec@example.org')));
    expect(audit).toMatchObject({ targetType: 'user', targetId: aUser });
    expect((audit!.after as { self: boolean }).self).toBe(false);
  });

  it('is refused to anyone else, and answers 404 for no such person', async () => {
    const refused = await submitForm(t, { page: '/en/account', action: `/en/admin/users/${aUser}/data`, fields: {}, cookie: bCookie, forge: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(A.email);
    const none = await submitForm(t, { page: '/en/admin/users', action: '/en/admin/users/00000000-0000-4000-8000-000000000000/data', fields: {}, cookie: secCookie, forge: true });
    expect(none.statusCode).toBe(404);
  });
});
