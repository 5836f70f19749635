import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { count, eq, sql } from 'drizzle-orm';
import { signedIn, submitForm, testApp, type TestApp } from './testing/app.js';
import { allModules } from './server.js';
import { actorByEmail } from './platform/auth/service.js';
import { auditLog } from './platform/audit/schema.js';
import { recordAudit } from './platform/audit/service.js';
import { outbox } from './platform/mail/schema.js';
import { enqueueJob, runDueJobs } from './platform/jobs/queue.js';
import { translate } from './platform/i18n/messages.js';
import { esc } from './platform/ui/components.js';
import { LOCALES } from './platform/i18n/locales.js';
import { registeredPersonalData } from './platform/privacy/service.js';
import { PURGE_JOB, purgeExpiredData, retentionDays } from './platform/privacy/retention.js';
import { fileStore } from './platform/files/storage.js';
import { addWorkingGroups } from './modules/workinggroups/factories.js';
import { addJoinRequest, addReportVersion } from './modules/workinggroups/service.js';
import { addConsultation } from './modules/consultations/service.js';
import { consultationInvitations, consultationSectionMails } from './modules/consultations/schema.js';
import { workingGroupRequests } from './modules/workinggroups/schema.js';
import { requestSubscription } from './modules/communications/service.js';
import { subscriptions } from './modules/communications/schema.js';
import { openMeeting, registerParticipant } from './modules/meetings/factories.js';
import { registrations } from './modules/meetings/schema.js';
import { applyAs, sampleIndividual } from './modules/membership/factories.js';
import { applications } from './modules/membership/schema.js';
import { addSurvey, question } from './modules/surveys/factories.js';
import { savePage } from './modules/surveys/service.js';
import { surveyDrafts, surveyInvitations } from './modules/surveys/schema.js';
import { addCall, addSeries } from './modules/publications/factories.js';
import { callBySlug, itemByNumber, submitBrief, takeStep } from './modules/publications/service.js';
import { publications } from './modules/publications/schema.js';

/**
 * Retention (docs/decisions/021): each kind of personal data a module declares is kept for its
 * period (the Secretariat's, within bounds, else the default); the nightly job deletes or
 * anonymises what is older, and only that; a second run finds nothing more. The privacy page lists
 * every declared kind, in every language, with the period in force.
 */
let t: TestApp;
let sec: string;
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const backdate = (table: string, column: string, where: ReturnType<typeof sql>, days: number) => t.db.execute(sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${ago(days)} where ${where}`);
const rowsOf = async (table: string) => Number(((await t.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);

let first: Record<string, number>;

/** Sends the retention form as a browser would: every period as the page shows it, with `changes`. */
async function saveRetentionForm(changes: Record<string, string>, cookie = sec) {
  const page = await t.app.inject({ url: '/en/admin/privacy', headers: { cookie } });
  const shown = Object.fromEntries([...page.body.matchAll(/<input id="[^"]+" name="([^"]+)" type="text" inputmode="numeric"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  expect(Object.keys(shown).length).toBeGreaterThan(5);
  return submitForm(t, { page: '/en/admin/privacy', action: '/en/admin/privacy', fields: { ...shown, ...changes }, cookie });
}
const ctx = { baseUrl: 'http://127.0.0.1:3000', secret: 'test-secret-that-is-long-enough-0123456789' };

beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', name: 'Secretariat', roles: ['secretariat'] });
  const groups = await addWorkingGroups(t.db);

  // Newsletter sign-ups never confirmed: one asked 40 days ago (over 30: goes), one 20 days ago, one today.
  for (const [email, days] of [['old@example.org', 40], ['middle@example.org', 20], ['new@example.org', 0]] as const) {
    expect(await requestSubscription(t.db, { email, name: email, language: 'en', topics: ['news'], consent: 'yes' }, ctx)).toBe('confirmation-sent');
    await backdate('subscriptions', 'updated_at', sql`email = ${email}`, days);
  }
  // Registrations: to a meeting over four years ago (over three: anonymised) and to one over a year ago.
  for (const [slug, endedDaysAgo] of [['meeting-2021', 4 * 365], ['meeting-2024', 400]] as const) {
    const id = await openMeeting(t.db, { slug });
    await registerParticipant(t.db, id, { email: `${slug}@example.org`, name: `Participant of ${slug}`, country: 'KE', locale: 'en' });
    await t.db.execute(sql`update meetings set starts_at = ${ago(endedDaysAgo + 1)}, ends_at = ${ago(endedDaysAgo)} where id = ${id}`);
  }
  // Applications never submitted: untouched for two years (goes), and since last week.
  for (const [email, days] of [['stale@example.org', 730], ['fresh@example.org', 7]] as const) {
    await applyAs(t.db, { kind: 'individual', email, submit: false, data: sampleIndividual({ name: email }) });
    await backdate('membership_applications', 'updated_at', sql`email = ${email}`, days);
  }
  // Survey answers begun: 200 days ago (over 180: goes) and yesterday.
  const survey = (await addSurvey(t.db, { slug: 'open', title: { en: 'Open' }, audience: 'public', opensAt: ago(300), closesAt: new Date(Date.now() + 30 * DAY), locales: ['en'], questions: [question({ key: 'q', page: 1, type: 'short-text', text: { en: 'Q' } })] }))!;
  for (const [email, days] of [['slow@example.org', 200], ['quick@example.org', 1]] as const) {
    await signedIn(t, { email });
    await savePage(t.db, (await actorByEmail(t.db, email))!, survey, 1, { q: 'An answer' }, 'en', new Date(), 'stay');
    await backdate('survey_drafts', 'updated_at', sql`user_id = ${(await actorByEmail(t.db, email))!.id}`, days);
  }
  // Invitations to the survey: one sent (and reminded) over two years ago (goes), one last month.
  for (const [email, days] of [['invited-long-ago@example.org', 800], ['invited-lately@example.org', 30]] as const) {
    await t.db.insert(surveyInvitations).values({ surveyId: survey.id, email, invitedAt: ago(days), remindedAt: ago(days - 1) });
  }
  // Invitations to a consultation that closed over two years ago (go) and to one that closed last month; and a section of each mailed to a reader (over a year: goes).
  const reader = (await actorByEmail(t.db, 'sec@example.org'))!.id;
  for (const [slug, closedDaysAgo] of [['review-2023', 760], ['review-2026', 30]] as const) {
    await addReportVersion(t.db, groups['foundational-learning'], slug, { title: slug, markdown: '## Findings\n\nThe evidence.', stage: 'prefinal' });
    const c = (await addConsultation(t.db, { group: 'foundational-learning', report: slug, number: 1, opensAt: ago(closedDaysAgo + 30), closesAt: ago(closedDaysAgo), summary: { en: 'S' }, questions: [] }))!;
    await t.db.insert(consultationInvitations).values([`a@${slug}.example.org`, `b@${slug}.example.org`].map((email) => ({ consultationId: c.consultation.id, email })));
    await t.db.insert(consultationSectionMails).values({ consultationId: c.consultation.id, userId: reader, blockId: slug, sentAt: ago(closedDaysAgo + 10) });
  }
  // Requests to join a group, declined two years ago (goes) and last month; one still waiting.
  for (const [email, days, status] of [['declined-long-ago@example.org', 730, 'declined'], ['declined-lately@example.org', 30, 'declined'], ['waiting@example.org', 900, 'pending']] as const) {
    await addJoinRequest(t.db, groups['foundational-learning'], { email, name: email }, { message: 'Please.' });
    const userId = (await actorByEmail(t.db, email))!.id;
    await t.db.update(workingGroupRequests).set({ status, decidedAt: status === 'pending' ? null : ago(days), createdAt: ago(days) }).where(eq(workingGroupRequests.userId, userId));
  }
  // Briefs withdrawn by their authors and never published: four years ago (over three: goes), and last month.
  const series = await addSeries(t.db, { slug: 'compendium-2022', prefix: 'CI2022', title: { en: 'Compendium 2022' } });
  await addCall(t.db, { seriesId: series, slug: 'call-2022', title: { en: 'Call 2022' } });
  for (const [email, days] of [['withdrew-long-ago@example.org', 4 * 365], ['withdrew-lately@example.org', 30]] as const) {
    await signedIn(t, { email });
    const author = (await actorByEmail(t.db, email))!;
    const r = await submitBrief(t.db, author, (await callBySlug(t.db, 'call-2022'))!, { locale: 'en', title: email, abstract: 'A.', summary: '', keywords: '', recommendations: '', authors: email, body: 'Text.', audiences: ['policymaker'] }, ctx);
    if (!r.ok) throw new Error('submit');
    const item = (await itemByNumber(t.db, r.number))!;
    expect((await takeStep(t.db, author, item.id, 'withdraw', '', ctx)).ok).toBe(true);
    await backdate('publication_events', 'at', sql`publication_id = ${item.id}`, days);
    await backdate('publications', 'updated_at', sql`id = ${item.id}`, days);
  }
  // Mail copies: one 400 days old (over 365: goes); the audit log: a record eight years old (over seven: goes).
  await t.db.insert(outbox).values({ toAddress: 'someone@example.org', locale: 'en', template: 'x', subject: 'Old', html: '', text: '', createdAt: ago(400) });
  await recordAudit(t.db, null, { action: 'test.old', targetType: 'x' });
  await t.db.update(auditLog).set({ at: ago(8 * 365) }).where(eq(auditLog.action, 'test.old'));

  first = await purgeExpiredData(t.db, { files: fileStore(t.db, t.config) });
});
afterAll(() => t?.close());

describe('the nightly purge', () => {
  it('deletes or anonymises what is older than its period, and only that', async () => {
    expect(first).toEqual({
      'communications.unconfirmed': 1,
      'meetings.registrations': 1,
      'membership.drafts': 1,
      'surveys.drafts': 1,
      'surveys.invitations': 1,
      'consultations.invitations': 2,
      'consultations.sectionMails': 1,
      'workinggroups.requests': 1,
      'publications.setAside': 1,
      'privacy.mail': 1,
      'privacy.audit': 1,
    });
    expect((await t.db.select({ email: subscriptions.email }).from(subscriptions)).map((s) => s.email).sort()).toEqual(['middle@example.org', 'new@example.org']);
    const regs = await t.db.select().from(registrations).orderBy(registrations.seq);
    expect(regs.map((r) => [r.name, r.status])).toEqual([
      ['—', 'confirmed'],
      ['Participant of meeting-2024', 'confirmed'],
    ]);
    expect(regs[0]!.email).toMatch(/@erased\.invalid$/);
    expect((await t.db.select({ email: applications.email }).from(applications)).map((a) => a.email)).toEqual(['fresh@example.org']);
    expect(await t.db.select().from(surveyDrafts)).toHaveLength(1);
    expect((await t.db.select({ email: consultationInvitations.email }).from(consultationInvitations)).map((i) => i.email).sort()).toEqual(['a@review-2026.example.org', 'b@review-2026.example.org']);
    expect((await t.db.select({ blockId: consultationSectionMails.blockId }).from(consultationSectionMails)).map((m) => m.blockId)).toEqual(['review-2026']);
    expect((await t.db.select({ status: workingGroupRequests.status, decidedAt: workingGroupRequests.decidedAt }).from(workingGroupRequests)).map((r) => r.status).sort()).toEqual(['declined', 'pending']);
    expect((await t.db.select({ authors: publications.authors }).from(publications)).map((p) => p.authors[0]!.name)).toEqual(['withdrew-lately@example.org']);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'test.old'))).toHaveLength(0);
    expect(await t.db.select().from(outbox).where(eq(outbox.subject, 'Old'))).toHaveLength(0);
  });

  it('records how many rows of each kind went', async () => {
    const [done] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'privacy.retention.purge'));
    expect(done).toMatchObject({ actorId: null, targetType: 'retention' });
    expect((done!.after as { counts: Record<string, number> }).counts).toEqual(first);
  });

  it('run again, finds nothing more', async () => {
    const tables = ['subscriptions', 'meeting_registrations', 'membership_applications', 'survey_drafts', 'working_group_requests', 'publications', 'outbox'];
    const before = await Promise.all(tables.map(rowsOf));
    expect(await purgeExpiredData(t.db)).toEqual({});
    expect(await Promise.all(tables.map(rowsOf))).toEqual(before);
    expect((await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'privacy.retention.purge')))[0]!.n).toBe(1);
  });

  it('works in bounded batches', async () => {
    for (let i = 0; i < 5; i++) await t.db.insert(outbox).values({ toAddress: `batch${i}@example.org`, locale: 'en', template: 'x', subject: 'Batch', html: '', text: '', createdAt: ago(500) });
    expect(await purgeExpiredData(t.db, { batch: 2, maxBatches: 2 })).toEqual({ 'privacy.mail': 4 });
    expect(await purgeExpiredData(t.db, { batch: 2 })).toEqual({ 'privacy.mail': 1 });
  });

  it('is a daily job of the worker', async () => {
    expect(allModules().flatMap((m) => m.dailyJobs ?? [])).toContain(PURGE_JOB);
    await t.db.insert(outbox).values({ toAddress: 'job@example.org', locale: 'en', template: 'x', subject: 'Job', html: '', text: '', createdAt: ago(500) });
    await enqueueJob(t.db, PURGE_JOB, {}, { uniqueKey: `${PURGE_JOB}:test` });
    const handlers = Object.assign({}, ...allModules().map((m) => m.jobs ?? {}));
    expect(await runDueJobs(t.db, handlers, { baseUrl: t.config.baseUrl, only: [PURGE_JOB] })).toBe(1);
    expect(await t.db.select().from(outbox).where(eq(outbox.subject, 'Job'))).toHaveLength(0);
  });
});

describe('the retention settings', () => {
  it('a shorter period sends more the next night; the change is audited', async () => {
    const res = await saveRetentionForm({ communications_unconfirmed: '10' });
    expect(res.statusCode).toBe(303);
    expect((await retentionDays(t.db))['communications.unconfirmed']).toBe(10);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'privacy.retention'));
    expect(audit).toMatchObject({ actorEmail: 'sec@example.org', before: { 'communications.unconfirmed': 30 }, after: { 'communications.unconfirmed': 10 } });
    expect(await purgeExpiredData(t.db)).toEqual({ 'communications.unconfirmed': 1 });
    expect((await t.db.select({ email: subscriptions.email }).from(subscriptions)).map((s) => s.email)).toEqual(['new@example.org']);
  });

  it('refuses a period out of bounds or not a whole number, with the form again, and keeps what was saved', async () => {
    const res = await saveRetentionForm({ communications_unconfirmed: '0', privacy_audit: '12.5', meetings_registrations: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Enter a whole number of days from 1 to 365');
    expect(res.body).toContain('Enter a whole number of days from 365 to 3650');
    expect(res.body).toContain('value="12.5"');
    expect((await retentionDays(t.db))['communications.unconfirmed']).toBe(10);
  });

  it('are the Secretariat’s only', async () => {
    const member = await signedIn(t, { email: 'member@example.org', roles: ['member'] });
    expect((await t.app.inject({ url: '/en/admin/privacy', headers: { cookie: member } })).statusCode).toBe(403);
    const res = await submitForm(t, { page: '/en/account', action: '/en/admin/privacy', fields: { communications_unconfirmed: '1' }, cookie: member, forge: true });
    expect(res.statusCode).toBe(403);
    expect((await retentionDays(t.db))['communications.unconfirmed']).toBe(10);
  });

  it('show what the last purge did', async () => {
    const page = await t.app.inject({ url: '/en/admin/privacy', headers: { cookie: sec } });
    expect(page.body).toContain('Last nightly clean-up');
    expect(page.body).toContain('Newsletter sign-ups never confirmed');
  });
});

describe('the privacy page', () => {
  it('lists every kind of personal data every module declares, in every language', async () => {
    const kinds = registeredPersonalData().flatMap((m) => m.personalData.kinds ?? []);
    expect(kinds.length).toBeGreaterThan(20);
    for (const locale of LOCALES) {
      const page = await t.app.inject({ url: `/${locale}/privacy` });
      expect(page.statusCode).toBe(200);
      for (const k of kinds) {
        expect(page.body, `${locale} ${k.kind}`).toContain(`data-kind="${k.kind}"`);
        expect(page.body, `${locale} ${k.kind}`).toContain(`data-kind="${k.kind}">${esc(translate(locale, k.label))}<`);
      }
    }
  });

  it('says the period in force, and stays a page kept for anonymous readers', async () => {
    const first = await t.app.inject({ url: '/en/privacy' });
    expect(first.body).toContain('10 days, then deleted');
    expect(first.body).toContain('3 years, then anonymised');
    expect((await t.app.inject({ url: '/en/privacy' })).headers['x-page-cache']).toBe('hit');
    await saveRetentionForm({ communications_unconfirmed: '60' });
    expect((await t.app.inject({ url: '/en/privacy' })).body).toContain('2 months, then deleted');
  });

  it('stays light: the longest language under 14 KB compressed, the first round trip of a slow connection', async () => {
    for (const locale of LOCALES) {
      const res = await t.app.inject({ url: `/${locale}/privacy`, headers: { 'accept-encoding': 'br' } });
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.rawPayload.length, locale).toBeLessThan(14 * 1024);
    }
  });
});

describe('the new pages', () => {
  it('are valid HTML: the privacy page, the account page, the retention page and its form with errors', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const file = join(fileURLToPath(new URL('../', import.meta.url)), 'page.html');
    const wrong = await saveRetentionForm({ surveys_drafts: '1000' });
    expect(wrong.statusCode).toBe(422);
    const pages = {
      '/en/privacy': (await t.app.inject({ url: '/en/privacy' })).body,
      '/ar/privacy': (await t.app.inject({ url: '/ar/privacy' })).body,
      '/en/account': (await t.app.inject({ url: '/en/account', headers: { cookie: sec } })).body,
      '/ar/admin/privacy': (await t.app.inject({ url: '/ar/admin/privacy', headers: { cookie: sec } })).body,
      '/en/admin/users': (await t.app.inject({ url: '/en/admin/users', headers: { cookie: sec } })).body,
      'the retention form with errors': wrong.body,
    };
    const found: Record<string, string[]> = {};
    for (const [name, html] of Object.entries(pages)) {
      const report = await validator.validateString(html, file);
      const messages = report.results.flatMap((r) => r.messages).map((m) => `${m.ruleId}: ${m.message} at ${m.selector ?? m.line}`);
      if (messages.length) found[name] = messages;
    }
    expect(found).toEqual({});
  });
});
