import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { signedIn, submitForm, testApp, type TestApp } from './testing/app.js';
import { addWorkingGroups } from './modules/workinggroups/factories.js';
import { actorByEmail, changePlatformRole, createSignInLink } from './platform/auth/service.js';
import { sessions, signInTokens, users } from './platform/auth/schema.js';
import { auditLog } from './platform/audit/schema.js';
import { inboundMail, outbox } from './platform/mail/schema.js';
import { privateLinks } from './platform/links/schema.js';
import { saveSiteSettings } from './platform/settings/service.js';
import type { Actor } from './platform/policy.js';
import { applications, applicationVotes, memberPeople, members } from './modules/membership/schema.js';
import { applyAs, sampleIndividual, sampleInstitution } from './modules/membership/factories.js';
import { setDocument, submitApplication, transitionApplication, voteOnApplication } from './modules/membership/service.js';
import { fileStore } from './platform/files/storage.js';
import { registrations, sideActivities, financingRequests } from './modules/meetings/schema.js';
import { openMeeting } from './modules/meetings/factories.js';
import { registrationCounts } from './modules/meetings/registration.js';
import { joinActivity, activityCounts } from './modules/meetings/activities.js';
import { decideFinancing, financingBudget, requestFinancing } from './modules/meetings/financing.js';
import { attendanceCounts, checkIn, findForCheckIn } from './modules/meetings/operations.js';
import { consentEvents, newsletterDeliveries, subscriptions } from './modules/communications/schema.js';
import { updatePreferences } from './modules/communications/subscribers.js';
import { createIssue, getIssue, saveAudience, saveVersion, scheduleIssue } from './modules/communications/newsletter-issues.js';
import { startDueIssues } from './modules/communications/newsletter-sending.js';
import { addJoinRequest, addPersonToGroup, createReport, getWorkingGroup, publishReport, reportOf } from './modules/workinggroups/service.js';
import { workingGroupPeople, workingGroupRequests } from './modules/workinggroups/schema.js';
import { getConsultation, getConsultationTarget, openConsultation, postComment, saveProfile } from './modules/consultations/service.js';
import { commenterProfiles, consultationComments } from './modules/consultations/schema.js';
import { addCall, addSeries, publishBrief } from './modules/publications/factories.js';
import { answerInvitation, callBySlug, inviteReviewer, itemByNumber, submitBrief, submitReview, takeStep, type SubmissionInput } from './modules/publications/service.js';
import { publications, publicationVersions, reviewAssignments } from './modules/publications/schema.js';
import { addSurvey, question } from './modules/surveys/factories.js';
import { savePage, submitResponse } from './modules/surveys/service.js';
import { surveyDrafts, surveyIdentified, surveyResponses } from './modules/surveys/schema.js';

/**
 * Erasure end to end: one person seeded everywhere through the services and pages, a second person
 * beside them, the first erased from the member's page; then every text, JSON and array column of
 * every table (found in information_schema, so a table added later is searched too) must be free of
 * their name, address, passport name and IP, while the second person and the counts stay.
 */
const A = { name: 'Zofia Quennell-Ibarra', email: 'zofia.quennell@example.org', passport: 'QUENNELL IBARRA ZOFIA MARTA', ip: '203.0.113.9' };
const B = { name: 'Tomasz Okafor', email: 'tomasz.okafor@example.org', passport: 'OKAFOR TOMASZ', ip: '198.51.100.4' };

let t: TestApp;
let sec: string;
let secretariat: Actor;
let committee: Actor;
const ids = { institution: '', document: '', aUser: '', bUser: '', aMember: '', aApp: '', bApp: '', aSub: '', bSub: '', past: '', upcoming: '', aPastReg: '', aCheckIn: '', issue: '', published: '', aDraftBrief: '', bBrief: '', namedSurvey: '' };

/** What erasure leaves on purpose: a published work keeps its authors' names (docs/decisions/021). */
const KEPT: Record<string, string[]> = { [A.name]: ['publication_versions.authors', 'publications.authors'] };

const brief = (title: string, authors: string): SubmissionInput => ({ locale: 'en', title, abstract: `About ${title.toLowerCase()}.`, summary: '', keywords: 'numeracy', recommendations: '', authors, body: '# Text\n\nA short text.', audiences: ['policymaker'] });
let bCookie = '';

/** Every text, varchar, JSON and array column of every table of the app's schema. */
async function textColumns(): Promise<{ table: string; column: string }[]> {
  const r = await t.db.execute(sql`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = current_schema() and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
    order by table_name, column_name`);
  return (r as unknown as { rows: { table: string; column: string }[] }).rows;
}

/** Where a string occurs (case-insensitively): "table.column" → rows. */
async function occurrences(needle: string): Promise<Record<string, number>> {
  const hits: Record<string, number> = {};
  for (const { table, column } of await textColumns()) {
    const r = await t.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)}::text ilike ${`%${needle}%`}`);
    const n = (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
    if (n) hits[`${table}.${column}`] = n;
  }
  return hits;
}

async function approve(id: string, note: string, votes: { by: Actor; comment: string }[]) {
  for (const [action, n] of [['screen', note], ['recommend', '']] as const) {
    // The note doubles as the Secretariat's internal note on screening (kept apart from the applicant's messages).
    const r = await transitionApplication(t.db, secretariat, { id, action, note: n, internalNote: action === 'screen' ? n : undefined, baseUrl: t.config.baseUrl });
    if (!r.ok) throw new Error(`${action}: ${r.reason}`);
  }
  for (const v of votes) await voteOnApplication(t.db, v.by, { id, vote: 'endorse', comment: v.comment });
  const r = await transitionApplication(t.db, secretariat, { id, action: 'approve', note: '', baseUrl: t.config.baseUrl });
  if (!r.ok) throw new Error(`approve: ${r.reason}`);
  return r.memberId!;
}

async function registerAs(p: typeof A, slug: string, over: Record<string, string | string[]> = {}) {
  const res = await submitForm(t, {
    page: `/en/meetings/${slug}/register`,
    action: `/en/meetings/${slug}/register`,
    fields: { name: p.name, email: p.email, organization: `${p.name} Lab`, country: 'KE', passportName: p.passport, category: 'practitioner', languages: ['en'], lunch: ['day1'], dietary: 'Halal, no nuts', accessibility: `Step-free access for ${p.name}`, consent: 'yes', ...over },
  });
  expect(res.statusCode).toBe(200);
  const [reg] = await t.db.select().from(registrations).where(eq(registrations.email, p.email)).orderBy(sql`${registrations.seq} desc`).limit(1);
  return reg!;
}

/** Where the second person's name, address and passport name occur, outside e-mails (some went to the first person too: those go). */
async function bTraces(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const needle of [B.name, B.email, B.passport]) {
    for (const [where, n] of Object.entries(await occurrences(needle))) if (!where.startsWith('outbox.')) out[`${needle} in ${where}`] = n;
  }
  return out;
}

const mailsToB = async () => (await t.db.select({ n: count() }).from(outbox).where(eq(outbox.toAddress, B.email)))[0]!.n;

const statusCounts = async (meetingId: string) => (await registrationCounts(t.db, meetingId)).byStatus;

let before: {
  past: Awaited<ReturnType<typeof statusCounts>>;
  attendance: Awaited<ReturnType<typeof attendanceCounts>>;
  activities: Awaited<ReturnType<typeof activityCounts>>;
  budget: Awaited<ReturnType<typeof financingBudget>>;
  aEvents: number;
  deliveries: number;
  votes: number;
  bTraces: Record<string, number>;
  bMails: number;
};

beforeAll(async () => {
  t = await testApp();
  const groups = await addWorkingGroups(t.db);
  await saveSiteSettings(t.db, { contactEmail: 'alliance@example.org' });
  sec = await signedIn(t, { email: 'sec@example.org', name: 'Secretariat', roles: ['secretariat'] });
  secretariat = (await actorByEmail(t.db, 'sec@example.org'))!;
  await signedIn(t, { email: 'sc@example.org', name: 'Carmen Ruiz', roles: ['steering'] });
  committee = (await actorByEmail(t.db, 'sc@example.org'))!;

  // Applications with their answers, approved by the Committee: members, accounts, subscriptions, welcome mails.
  const applied = await applyAs(t.db, { kind: 'individual', email: A.email, submit: false, data: sampleIndividual({ name: A.name, affiliation: `${A.name} Research Unit`, country: 'KE', expertise: `Work led by ${A.name} on early numeracy.` }) });
  ids.aApp = applied.id;
  ids.document = await fileStore(t.db, t.config).put(Buffer.from(`%PDF-1.4 CV of ${A.name}`));
  expect((await setDocument(t.db, applied.token, { key: ids.document, name: `${A.name} CV.pdf`, size: 40 })).ok).toBe(true);
  expect(await submitApplication(t.db, applied.token, t.config.baseUrl)).toBe('submitted');
  ids.aMember = await approve(ids.aApp, `Phoned ${A.name} (${A.email}) about her track record.`, [{ by: committee, comment: `I know ${A.name}'s work.` }]);
  ids.aUser = (await actorByEmail(t.db, A.email))!.id;
  // They also represent an institution, beside its director.
  const clr = await applyAs(t.db, {
    kind: 'institution',
    email: 'lead@clr.example.org',
    data: sampleInstitution({ representatives: [{ name: 'Wanjiru Kamau', title: 'Director', email: 'lead@clr.example.org' }, { name: A.name, title: 'Research lead', email: A.email }] }),
  });
  ids.institution = await approve(clr.id, 'Screened.', [{ by: committee, comment: '' }]);
  // The person then sits on the Steering Committee, and votes (with a signed comment) on the second person's application.
  await changePlatformRole(t.db, secretariat, { userId: ids.aUser, role: 'steering', grant: true, ip: '192.0.2.1' });
  const aActor = (await actorByEmail(t.db, A.email))!;
  ids.bApp = (await applyAs(t.db, { kind: 'individual', email: B.email, data: sampleIndividual({ name: B.name, country: 'NG' }) })).id;
  await approve(ids.bApp, 'Screened.', [
    { by: committee, comment: 'Endorsed.' },
    { by: aActor, comment: `Strong record. — ${A.name}` },
  ]);
  ids.bUser = (await actorByEmail(t.db, B.email))!.id;

  // Sessions and a sign-in link; the erasure request the person made from their membership page (mailed to the Secretariat).
  const aCookie = await signedIn(t, { email: A.email });
  bCookie = await signedIn(t, { email: B.email });
  await createSignInLink(t.db, ids.aUser, t.config.baseUrl, 'en');
  const asked = await submitForm(t, { page: `/en/membership/${ids.aMember}`, action: `/en/membership/${ids.aMember}/erasure`, fields: {}, cookie: aCookie });
  expect(asked.statusCode).toBe(303);

  // Consent events from the web (with the client's address).
  ids.aSub = (await t.db.select().from(subscriptions).where(eq(subscriptions.email, A.email)))[0]!.id;
  ids.bSub = (await t.db.select().from(subscriptions).where(eq(subscriptions.email, B.email)))[0]!.id;
  await updatePreferences(t.db, ids.aSub, { language: 'fr', topics: ['news', 'meetings'] }, { ip: A.ip });
  await updatePreferences(t.db, ids.bSub, { language: 'es', topics: ['news'] }, { ip: B.ip });

  // A meeting that will be over: registered (passport name, answers), a side activity, financing asked and decided, attendance.
  ids.past = await openMeeting(t.db, {
    slug: 'past-meeting',
    capacity: 10,
    financingBudget: 5000,
    activities: [{ slug: 'school-visit', title: { en: 'School visit' }, description: { en: '' }, startsAt: new Date(Date.now() + 60 * 86_400_000), endsAt: new Date(Date.now() + 60 * 86_400_000 + 3_600_000), capacity: 5 }],
  });
  const aPast = await registerAs(A, 'past-meeting');
  const bPast = await registerAs(B, 'past-meeting');
  ids.aPastReg = aPast.id;
  ids.aCheckIn = aPast.checkInCode;
  const [activity] = await t.db.select().from(sideActivities).where(eq(sideActivities.meetingId, ids.past));
  expect((await joinActivity(t.db, aPast.id, activity!.id)).ok).toBe(true);
  expect((await joinActivity(t.db, bPast.id, activity!.id)).ok).toBe(true);
  expect(await requestFinancing(t.db, aPast.id, { travel: true, accommodation: false, justification: `${A.name} travels from Nairobi; passport ${A.passport}.`, estimatedCost: 900 })).toEqual({ ok: true });
  const [fr] = await t.db.select().from(financingRequests).where(eq(financingRequests.registrationId, aPast.id));
  expect(await decideFinancing(t.db, secretariat, { requestId: fr!.id, decision: 'partly', amount: 600, note: `Economy fare for ${A.name}.`, ip: '192.0.2.1' })).toBe('ok');
  await t.db.update(sideActivities).set({ startsAt: new Date(Date.now() - 9 * 86_400_000), endsAt: new Date(Date.now() - 9 * 86_400_000 + 3_600_000) }).where(eq(sideActivities.meetingId, ids.past));
  await t.db.execute(sql`update meetings set starts_at = now() - interval '10 days', ends_at = now() - interval '9 days', registration_closes_at = now() - interval '20 days' where id = ${ids.past}`);
  expect(await checkIn(t.db, secretariat, ids.past, aPast.id, 1)).toBe('ok');
  expect(await checkIn(t.db, secretariat, ids.past, bPast.id, 1)).toBe('ok');

  // An upcoming meeting with one place: the person holds it, the second person waits.
  ids.upcoming = await openMeeting(t.db, { slug: 'upcoming-meeting', capacity: 1 });
  expect((await registerAs(A, 'upcoming-meeting')).status).toBe('confirmed');
  expect((await registerAs(B, 'upcoming-meeting')).status).toBe('waiting');

  // A newsletter sent to both: one delivery row each; the person's failed with the server naming the address.
  const created = await createIssue(t.db, secretariat, { slug: 'news-1', defaultLocale: 'en' });
  if (!created.ok) throw new Error(created.reason);
  ids.issue = created.id;
  await saveVersion(t.db, secretariat, (await getIssue(t.db, secretariat, ids.issue))!, 'en', { subject: 'News', body: 'Hello.' });
  await saveAudience(t.db, secretariat, (await getIssue(t.db, secretariat, ids.issue))!, {}, { rate: 50, batchSize: 100 });
  expect((await scheduleIssue(t.db, secretariat, (await getIssue(t.db, secretariat, ids.issue))!, new Date(Date.now() - 1000))).ok).toBe(true);
  expect(await startDueIssues(t.db)).toBe(1);
  await t.db
    .update(newsletterDeliveries)
    .set({ status: 'failed', lastError: `550 5.1.1 <${A.email}>: mailbox unavailable` })
    .where(and(eq(newsletterDeliveries.issueId, ids.issue), eq(newsletterDeliveries.email, A.email)));

  // Working groups: the person belongs to one (named on its page, with an affiliation) and asked to join the other; the second person's request mentions them.
  await addPersonToGroup(t.db, groups['foundational-learning'], { email: A.email, name: A.name }, 'member', { listed: true, affiliation: `${A.name} Research Unit` });
  await addJoinRequest(t.db, groups['technologies-for-learning'], { email: A.email, name: A.name }, { message: `${A.name} would bring classroom evidence.`, affiliation: 'Nairobi' });
  await addJoinRequest(t.db, groups['technologies-for-learning'], { email: B.email, name: B.name }, { message: `Recommended by ${A.name}.` });

  // A consultation on a group's report: both comment, the second person quoting the first by name.
  const aNow = (await actorByEmail(t.db, A.email))!;
  const bNow = (await actorByEmail(t.db, B.email))!;
  const fl = (await getWorkingGroup(t.db, 'foundational-learning'))!;
  await createReport(t.db, secretariat, fl, { slug: 'erasure-report', title: 'Background report', markdown: '# Background report\n\nChildren learn to read in the first grades.\n\n## Next steps\n\nTeach in the home language.' }, 'en');
  await publishReport(t.db, secretariat, fl, (await reportOf(t.db, secretariat, fl, 'erasure-report'))!.report, 'prefinal');
  const opened = await openConsultation(t.db, secretariat, (await getConsultationTarget(t.db, secretariat, fl, 'erasure-report', 1))!, { opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 30 * 86_400_000), audience: 'public', moderation: 'post', summary: 'What the report says.', questions: [] }, 'en');
  if (!opened.ok) throw new Error('consultation');
  const consultation = (await getConsultation(t.db, opened.slug))!;
  const block = consultation.version.blocks[1]!.id;
  await saveProfile(t.db, aNow, { stakeholderGroup: 'researcher', country: 'KE', organization: `${A.name} Lab`, onBehalf: 'self', display: 'name' });
  await saveProfile(t.db, bNow, { stakeholderGroup: 'teacher', country: 'NG', organization: '', onBehalf: 'self', display: 'name' });
  expect((await postComment(t.db, aNow, consultation, block, { body: 'Phonics first, then fluency.', locale: 'en' }, { hasLink: false })).ok).toBe(true);
  expect((await postComment(t.db, bNow, consultation, block, { body: `As ${A.name} says, phonics first.`, locale: 'en' }, { hasLink: false })).ok).toBe(true);

  // Publications: a brief of theirs published, one still in review, and they review the second person's brief, which lists them as a co-author.
  const series = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium 2024' } });
  await addCall(t.db, { seriesId: series, slug: 'call-2024', title: { en: 'Call for briefs 2024' } });
  const call = (await callBySlug(t.db, 'call-2024'))!;
  const ctx = { baseUrl: t.config.baseUrl };
  ids.published = await publishBrief(t.db, { author: aNow, editor: secretariat }, 'call-2024', brief('Early numeracy at scale', `${A.name} (Nairobi Research Unit)`), ctx);
  const aDraft = await submitBrief(t.db, aNow, call, brief('Counting games', `${A.name} (Nairobi Research Unit)`), ctx);
  const bBrief = await submitBrief(t.db, bNow, call, brief('Reading clubs', `${B.name} (Lagos)\n${A.name} (Nairobi Research Unit)`), ctx);
  if (!aDraft.ok || !bBrief.ok) throw new Error('submit');
  ids.aDraftBrief = aDraft.number;
  ids.bBrief = bBrief.number;
  const bItem = (await itemByNumber(t.db, bBrief.number))!;
  for (const step of ['desk-check', 'send-to-review'] as const) expect((await takeStep(t.db, secretariat, bItem.id, step, '', ctx)).ok).toBe(true);
  expect((await inviteReviewer(t.db, secretariat, bItem.id, { email: A.email, name: A.name, days: 14 }, { ...ctx, locale: 'en' })).ok).toBe(true);
  const [assignment] = await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.reviewerId, ids.aUser));
  expect((await answerInvitation(t.db, aNow, assignment!.id, { answer: 'accept', conflict: undefined })).ok).toBe(true);
  expect((await submitReview(t.db, aNow, assignment!.id, { recommendation: 'minor-revision', toAuthor: 'Clear and useful.', toEditor: `Reviewed by ${A.name}.` })).ok).toBe(true);

  // Surveys: an answer to a survey that is not anonymous (naming them), and answers begun in another.
  const named = (await addSurvey(t.db, { slug: 'named-survey', title: { en: 'Who is who' }, audience: 'public', anonymous: false, opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 30 * 86_400_000), locales: ['en'], questions: [question({ key: 'who', page: 1, type: 'short-text', text: { en: 'Who are you?' } })] }))!;
  const open = (await addSurvey(t.db, { slug: 'open-survey', title: { en: 'Open' }, audience: 'public', opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 30 * 86_400_000), locales: ['en'], questions: [question({ key: 'who', page: 1, type: 'short-text', text: { en: 'Who are you?' } })] }))!;
  ids.namedSurvey = named.id;
  await savePage(t.db, aNow, named, 1, { who: `${A.name}, Nairobi` }, 'en', new Date(), 'next');
  expect((await submitResponse(t.db, aNow, named, new Date(), undefined)).ok).toBe(true);
  await savePage(t.db, aNow, open, 1, { who: `${A.name} again` }, 'en', new Date(), 'stay');

  // Replies by e-mail from both (the record the mail listener keeps of each message).
  await t.db.insert(inboundMail).values([
    { messageId: '<a-reply@example.org>', fromAddress: A.email, purpose: 'consultation', outcome: 'accepted', detail: 'comment 1' },
    { messageId: '<b-reply@example.org>', fromAddress: B.email, purpose: 'consultation', outcome: 'accepted', detail: 'comment 2' },
  ]);

  // The seeding reached everywhere it should.
  const seeded = await occurrences(A.email);
  for (const where of ['users.email', 'membership_applications.email', 'subscriptions.email', 'meeting_registrations.email', 'newsletter_deliveries.email', 'newsletter_deliveries.last_error', 'outbox.to_address', 'inbound_mail.from_address', 'audit_log.actor_email', 'audit_log.target_id', 'audit_log.after', 'membership_application_events.note', 'membership_application_notes.body']) {
    expect(seeded, where).toHaveProperty([where]);
  }
  expect(await occurrences(A.passport)).toHaveProperty(['meeting_registrations.answers']);
  expect(await occurrences(`${A.name} CV.pdf`)).toHaveProperty(['membership_applications.document_name']);
  expect(Object.keys(await occurrences(A.name))).toEqual(
    expect.arrayContaining([
      'users.name',
      'members.name',
      'membership_applications.data',
      'membership_application_votes.comment',
      'meeting_registrations.name',
      'meeting_financing_requests.decision_note',
      'subscriptions.name',
      'outbox.text',
      'audit_log.after',
      'working_group_people.affiliation',
      'working_group_requests.message',
      'commenter_profiles.organization',
      'consultation_comments.author_name',
      'consultation_comments.body',
      'publications.authors',
      'publication_versions.authors',
      'publication_review_assignments.to_editor',
      'survey_responses.answers',
      'survey_drafts.answers',
    ]),
  );
  expect(await occurrences(A.ip)).toHaveProperty(['consent_events.ip']);
  expect(await t.db.select().from(sessions).where(eq(sessions.userId, ids.aUser))).toHaveLength(1);
  expect(await t.db.select().from(signInTokens).where(eq(signInTokens.userId, ids.aUser))).toHaveLength(1);

  before = {
    past: await statusCounts(ids.past),
    attendance: await attendanceCounts(t.db, ids.past),
    activities: await activityCounts(t.db, ids.past),
    budget: await financingBudget(t.db, { id: ids.past, financingBudget: 5000 }),
    aEvents: (await t.db.select({ n: count() }).from(consentEvents).where(eq(consentEvents.subscriptionId, ids.aSub)))[0]!.n,
    deliveries: (await t.db.select({ n: count() }).from(newsletterDeliveries).where(eq(newsletterDeliveries.issueId, ids.issue)))[0]!.n,
    votes: (await t.db.select({ n: count() }).from(applicationVotes))[0]!.n,
    bTraces: await bTraces(),
    bMails: await mailsToB(),
  };

  // The Secretariat erases the person from the member's page.
  const page = await t.app.inject({ method: 'GET', url: `/en/admin/members/${ids.aMember}`, headers: { cookie: sec } });
  expect(page.body).toContain('cannot be undone');
  const res = await submitForm(t, { page: `/en/admin/members/${ids.aMember}`, action: `/en/admin/members/${ids.aMember}/people/${ids.aUser}/erase`, fields: {}, cookie: sec });
  expect(res.headers.location).toMatch(/notice=erased/);
});
afterAll(() => t?.close());

describe('erasing a person', () => {
  it('leaves no trace of their name, address, passport name or IP in any column of any table, but the authors of a published work', async () => {
    const found: Record<string, Record<string, number>> = {};
    for (const needle of [A.name, A.email, A.passport, A.ip]) {
      const hits = await occurrences(needle);
      for (const kept of KEPT[needle] ?? []) delete hits[kept];
      if (Object.keys(hits).length) found[needle] = hits;
    }
    expect(found).toEqual({});
  });

  it('keeps the authors of a published work, and deletes their brief never published', async () => {
    const [published] = await t.db.select().from(publications).where(eq(publications.number, ids.published));
    expect(published!.authors).toEqual([{ name: A.name, affiliation: 'Nairobi Research Unit' }]);
    expect((await t.db.select().from(publicationVersions).where(eq(publicationVersions.publicationId, published!.id)))[0]!.authors).toEqual(published!.authors);
    expect(await t.db.select().from(publications).where(eq(publications.number, ids.aDraftBrief))).toHaveLength(0);
    // The second person's brief stays, without them among its authors; their review of it stays, anonymous.
    const [b] = await t.db.select().from(publications).where(eq(publications.number, ids.bBrief));
    expect(b!.authors).toEqual([{ name: B.name, affiliation: 'Lagos' }]);
    const [review] = await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.publicationId, b!.id));
    expect(review).toMatchObject({ state: 'completed', recommendation: 'minor-revision', toAuthor: 'Clear and useful.' });
    expect(review!.toEditor).toMatch(/^Reviewed by erased:[0-9a-f]{16}\.$/);
  });

  it('takes them out of working groups, keeps their comments and answers without their name', async () => {
    expect(await t.db.select().from(workingGroupPeople).where(eq(workingGroupPeople.userId, ids.aUser))).toHaveLength(0);
    expect(await t.db.select().from(workingGroupRequests).where(eq(workingGroupRequests.userId, ids.aUser))).toHaveLength(0);
    expect(await t.db.select().from(workingGroupRequests).where(eq(workingGroupRequests.userId, ids.bUser))).toHaveLength(1);
    expect(await t.db.select().from(commenterProfiles).where(eq(commenterProfiles.userId, ids.aUser))).toHaveLength(0);
    const comments = await t.db.select().from(consultationComments).orderBy(consultationComments.createdAt);
    expect(comments.map((c) => [c.body.replace(/erased:[0-9a-f]{16}/, 'erased'), c.authorName])).toEqual([
      ['Phonics first, then fluency.', ''],
      ['As erased says, phonics first.', B.name],
    ]);
    // The answer to the named survey is still counted, linked to no one; the unfinished one is gone.
    const answers = await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, ids.namedSurvey));
    expect(answers).toHaveLength(1);
    expect(await t.db.select().from(surveyIdentified)).toHaveLength(0);
    expect(await t.db.select().from(surveyDrafts)).toHaveLength(0);
  });

  it('keeps the second person as they were', async () => {
    const after = await bTraces();
    for (const [where, n] of Object.entries(before.bTraces)) expect(after[where] ?? 0, where).toBeGreaterThanOrEqual(n);
    expect(await mailsToB()).toBeGreaterThanOrEqual(before.bMails);
    const [b] = await t.db.select().from(users).where(eq(users.id, ids.bUser));
    expect(b).toMatchObject({ email: B.email, name: B.name, disabledAt: null });
    expect(await t.db.select().from(memberPeople).where(eq(memberPeople.userId, ids.bUser))).toHaveLength(1);
    expect((await t.db.select().from(subscriptions).where(eq(subscriptions.id, ids.bSub)))[0]).toMatchObject({ email: B.email, name: B.name, status: 'subscribed' });
    expect((await t.db.select().from(consentEvents).where(eq(consentEvents.subscriptionId, ids.bSub))).some((e) => e.ip === B.ip)).toBe(true);
    expect((await t.db.select().from(applications).where(eq(applications.id, ids.bApp)))[0]!.data.name).toBe(B.name);
    const bRegs = await t.db.select().from(registrations).where(eq(registrations.email, B.email));
    expect(bRegs.map((r) => r.answers.passportName)).toEqual([B.passport, B.passport]);
    const home = await t.app.inject({ method: 'GET', url: '/en/account', headers: { cookie: bCookie } });
    expect(home.statusCode).toBe(200);
  });

  it('keeps the records that count, as anonymous rows', async () => {
    expect(await statusCounts(ids.past)).toEqual(before.past);
    expect(await attendanceCounts(t.db, ids.past)).toEqual(before.attendance);
    expect(await activityCounts(t.db, ids.past)).toEqual(before.activities);
    expect(await financingBudget(t.db, { id: ids.past, financingBudget: 5000 })).toEqual(before.budget);
    const [reg] = await t.db.select().from(registrations).where(eq(registrations.id, ids.aPastReg));
    expect(reg).toMatchObject({ status: 'confirmed', name: '—', organization: '', answers: {}, country: 'KE' });
    expect(reg!.checkInCode).not.toBe(ids.aCheckIn);
    expect(await findForCheckIn(t.db, secretariat, ids.past, { code: ids.aCheckIn })).toEqual([]);
    // Consent history: the same events and one more saying it was erased, with no address or details.
    const events = await t.db.select().from(consentEvents).where(eq(consentEvents.subscriptionId, ids.aSub));
    expect(events).toHaveLength(before.aEvents + 1);
    expect(events.every((e) => e.ip === null && e.detail === null)).toBe(true);
    expect(events.at(-1)!.change).toBe('erased');
    expect((await t.db.select().from(subscriptions).where(eq(subscriptions.id, ids.aSub)))[0]).toMatchObject({ status: 'unsubscribed', name: '' });
    const deliveries = await t.db.select().from(newsletterDeliveries).where(eq(newsletterDeliveries.issueId, ids.issue));
    expect(deliveries).toHaveLength(before.deliveries);
    expect(deliveries.find((d) => d.subscriptionId === ids.aSub)).toMatchObject({ status: 'failed', lastError: null });
    // Their vote stands; the application and the member record stay, anonymised.
    expect((await t.db.select({ n: count() }).from(applicationVotes))[0]!.n).toBe(before.votes);
    expect((await t.db.select().from(applicationVotes).where(eq(applicationVotes.userId, ids.aUser)))[0]).toMatchObject({ vote: 'endorse' });
    const [app] = await t.db.select().from(applications).where(eq(applications.id, ids.aApp));
    expect(app).toMatchObject({ status: 'approved', kind: 'individual', country: 'KE', displayName: '—' });
    expect(Object.keys(app!.data).sort()).toEqual(['areas', 'country', 'languages', 'role', 'workingGroups']);
    expect(app).toMatchObject({ documentKey: null, documentName: null });
    expect(await fileStore(t.db, t.config).get(ids.document)).toBeNull();
    expect((await t.db.select().from(members).where(eq(members.id, ids.aMember)))[0]).toMatchObject({ name: '—', status: 'ended', listed: false, summary: '', affiliation: '' });
    // The institution keeps its record and its director; only this representative goes.
    expect((await t.db.select().from(members).where(eq(members.id, ids.institution)))[0]).toMatchObject({ name: 'Centre for Learning Research', status: 'active' });
    expect(await t.db.select().from(memberPeople).where(eq(memberPeople.memberId, ids.institution))).toHaveLength(1);
    const [clr] = await t.db.select().from(applications).where(eq(applications.email, 'lead@clr.example.org'));
    expect(clr!.data.representatives).toEqual([{ name: 'Wanjiru Kamau', title: 'Director', email: 'lead@clr.example.org' }]);
  });

  it('releases the place they held in a meeting still to come: the next person is offered it', async () => {
    expect(await statusCounts(ids.upcoming)).toEqual({ cancelled: 1, offered: 1 });
    const [b] = await t.db.select().from(registrations).where(and(eq(registrations.meetingId, ids.upcoming), eq(registrations.email, B.email)));
    expect(b!.status).toBe('offered');
  });

  it('ends their sessions, sign-in links, roles and private links; the account stays anonymised', async () => {
    const [u] = await t.db.select().from(users).where(eq(users.id, ids.aUser));
    expect(u).toMatchObject({ email: `erased-${ids.aUser}@erased.invalid`, name: '—', passwordHash: null });
    expect(u!.disabledAt).not.toBeNull();
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, ids.aUser))).toHaveLength(0);
    expect(await t.db.select().from(signInTokens).where(eq(signInTokens.userId, ids.aUser))).toHaveLength(0);
    const aRegs = await t.db.select({ id: registrations.id }).from(registrations).where(sql`${registrations.email} like 'erased-%'`);
    expect(aRegs).toHaveLength(2);
    expect(await t.db.select().from(privateLinks).where(inArray(privateLinks.subjectId, [ids.aApp, ...aRegs.map((r) => r.id)]))).toHaveLength(0);
    expect(await t.db.select().from(privateLinks).where(eq(privateLinks.subjectId, ids.bApp))).not.toHaveLength(0);
  });

  it('pseudonymises the audit log and records the erasure with the pseudonym only', async () => {
    const [done] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'privacy.erasure'));
    expect(done).toMatchObject({ actorEmail: 'sec@example.org', targetType: 'person' });
    expect(done!.targetId).toMatch(/^erased:[0-9a-f]{16}$/);
    const [decision] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'meetings.financing.partly'));
    expect(decision!.targetId).toBe(done!.targetId);
    expect(decision!.after).toMatchObject({ note: `Economy fare for ${done!.targetId}.` });
    const [request] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'membership.erasure.request'));
    expect(request).toMatchObject({ actorEmail: done!.targetId, ip: '' });
  });

  it('deletes every e-mail to or about them, and only those', async () => {
    const left = await t.db.select().from(outbox);
    expect(left.filter((m) => m.toAddress === B.email).length).toBeGreaterThan(0);
    expect(left.filter((m) => m.toAddress === 'alliance@example.org' && m.template === 'membership.erasure-request')).toHaveLength(0);
  });
});
