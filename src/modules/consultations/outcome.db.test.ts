import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { parse as parseCsv } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { outbox } from '../../platform/mail/schema.js';
import { runDueJobs } from '../../platform/jobs/queue.js';
import type { Actor } from '../../platform/policy.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { addPersonToGroup, createReport, getWorkingGroup, publishReport, reportOf, saveReport, type WorkingGroupView } from '../workinggroups/service.js';
import { commenterProfiles, consultationComments, consultations } from './schema.js';
import { addComment, getConsultation, getConsultationTarget, openConsultation, type ConsultationPage } from './service.js';
import { saveResponse } from './responses.js';
import { keptReports, outcomeFile, outcomeOf } from './outcome.js';
import { nextVersionView } from './next-version.js';
import { consultationsModule } from './module.js';
import { fileWait } from './outcome-routes.js';
import { pdfPart } from './outcome-views.js';
import { pdfText } from '../../testing/pdf.js';
import { translate } from '../../platform/i18n/messages.js';

/**
 * Closing the loop for everyone: the comments against the next version (re-anchored, orphans
 * apart), the comment-and-response report (page and files, public once the report is final), and
 * "you said, we did" to every commenter who wants it, once.
 */
let t: TestApp;
let chair: Actor;
let group: WorkingGroupView;
let page: ConsultationPage;
const DAY = 86_400_000;
const REPORT = `# Reading in the mother tongue

Children learn to read faster in a language they speak at home.

## Teachers

Teachers need short training in reading instruction in the local language.

## Books

Every class needs twenty storybooks in the local language, printed locally.`;
const slug = 'reading-in-the-mother-tongue-v1';
const url = `/en/consultations/${slug}`;
const reportSlug = 'reading-in-the-mother-tongue';
const comments = async () => t.db.select().from(consultationComments).where(eq(consultationComments.consultationId, page.consultation.id));
const idOf = async (body: string) => (await comments()).find((x) => x.body === body)!.id;
const outcomeMails = () => t.db.select().from(outbox).where(eq(outbox.template, 'consultations.outcome')).orderBy(outbox.id);
const handlers = consultationsModule.jobs!;

beforeAll(async () => {
  t = await testApp();
  const ids = await addWorkingGroups(t.db);
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'chair@example.org', name: 'Awa Chair' }, 'chair');
  chair = (await actorByEmail(t.db, 'chair@example.org'))!;
  group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
  await createReport(t.db, chair, group, { slug: reportSlug, title: 'Reading in the mother tongue', markdown: REPORT }, 'en');
  await publishReport(t.db, chair, group, (await reportOf(t.db, chair, group, reportSlug))!.report, 'prefinal');
  const target = (await getConsultationTarget(t.db, chair, group, reportSlug, 1))!;
  await openConsultation(t.db, chair, target, { opensAt: new Date(Date.now() - 10 * DAY), closesAt: new Date(Date.now() + DAY), audience: 'public', moderation: 'post', summary: 'Mother-tongue reading.', questions: [] }, 'en');
  page = (await getConsultation(t.db, slug))!;
  // Six teachers (named, from Senegal: a group big enough to be shown), one researcher who chose not to be named, one policymaker writing in French.
  for (let i = 1; i <= 6; i++) {
    await addComment(t.db, page, { who: { email: `teacher${i}@example.org`, name: `Teacher ${i}`, locale: 'en', group: 'teacher', country: 'SN' }, on: 'Teachers need', quote: 'short training in reading instruction', body: `Training must include practice in class (${i}).`, locale: 'en', hoursAgo: 40 - i });
  }
  await addComment(t.db, page, { who: { email: 'hidden@example.org', name: 'Nadia Hidden', locale: 'en', group: 'researcher', country: 'MA', anonymous: true }, on: 'Every class needs', quote: 'twenty storybooks in the local language', body: 'Twenty books is too few for a year.', locale: 'en', hoursAgo: 20 });
  await addComment(t.db, page, { who: { email: 'fatou@example.org', name: 'Fatou Ndiaye', locale: 'fr', group: 'policymaker', country: 'SN' }, body: 'Le rapport devrait citer les évaluations nationales.', locale: 'fr', hoursAgo: 10 });
  await addComment(t.db, page, { who: { email: 'teacher1@example.org', name: 'Teacher 1', locale: 'en', group: 'teacher', country: 'SN' }, replyTo: 'Twenty books is too few for a year.', on: 'Every class needs', body: 'Agreed.', locale: 'en', hoursAgo: 5 });
});
afterAll(() => t.close());

describe('the next version', () => {
  it('places each comment where its words now stand — exact, edited or moved — and lists the others apart with their words', async () => {
    expect(await nextVersionView(t.db, chair, page)).toBeNull();
    // Version 2 (a draft): the training sentence edited slightly, the storybooks sentence gone, a new section.
    const found = (await reportOf(t.db, chair, group, reportSlug))!;
    await saveReport(t.db, chair, { ...group, slug: group.slug }, found.report, {
      title: 'Reading in the mother tongue',
      markdown: REPORT.replace('Teachers need short training in reading instruction', 'Teachers need brief training in reading instruction').replace('Every class needs twenty storybooks in the local language, printed locally.', 'Schools print their own books with the community.'),
    });
    const view = (await nextVersionView(t.db, chair, page))!;
    expect(view.next.number).toBe(2);
    const teachers = view.next.blocks.find((b) => b.text.startsWith('Teachers need'))!;
    const placed = view.placed.get(teachers.id) ?? [];
    expect(placed).toHaveLength(6);
    expect(placed.every((p) => p.at.status === 'fuzzy')).toBe(true);
    expect(view.orphans.map((o) => o.words)).toEqual(['twenty storybooks in the local language']);
    expect(view.general).toBe(1);
    // The draft is the group's: the public does not see it, nor the page.
    expect(await nextVersionView(t.db, null, page)).toBeNull();
    const cookie = await signedIn(t, { email: 'chair@example.org' });
    const res = await t.app.inject({ url: `${url}/next`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('6 comments placed here');
    expect(res.body).toContain('Comments whose words are gone (1)');
    expect(res.body).toContain('twenty storybooks in the local language');
    expect((await t.app.inject({ url: `${url}/next` })).statusCode).toBe(404);
  });
});

describe('the comment-and-response report', () => {
  it('is the group’s to see until the report is final; then public, with who (named only where they chose), the answer and the changed paragraph', async () => {
    const teachers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => idOf(`Training must include practice in class (${i}).`)));
    const next = (await reportOf(t.db, chair, group, reportSlug))!.versions.at(-1)!;
    const changed = next.blocks.find((b) => b.text.startsWith('Teachers need'))!.id;
    expect((await saveResponse(t.db, chair, page, null, { comments: teachers, disposition: 'accepted', response: 'The training now includes a week of practice in class.', changed: [changed] }, 'en')).ok).toBe(true);
    expect((await saveResponse(t.db, chair, page, null, { comments: [await idOf('Twenty books is too few for a year.')], disposition: 'partly-accepted', response: 'Schools now print their own books.', changed: [] }, 'en')).ok).toBe(true);
    const fatou = await idOf('Le rapport devrait citer les évaluations nationales.');
    expect((await saveResponse(t.db, chair, page, null, { comments: [fatou], disposition: 'noted', response: 'National assessments are cited in the annex.', changed: [] }, 'en')).ok).toBe(true);
    expect((await saveResponse(t.db, chair, page, (await comments()).find((x) => x.id === fatou)!.responseId, { comments: [fatou], disposition: 'noted', response: 'Les évaluations nationales sont citées en annexe.', changed: [] }, 'fr')).ok).toBe(true);

    // Before the final version: the chair's preview, no one else's page.
    const cookie = await signedIn(t, { email: 'chair@example.org' });
    const preview = await t.app.inject({ url: `${url}/responses`, headers: { cookie } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Not public yet');
    expect((await t.app.inject({ url: `${url}/responses` })).statusCode).not.toBe(200);
    expect((await t.app.inject({ url: '/en/consultations' })).body).not.toContain(`${url}/responses`);
    expect((await t.app.inject({ url: `${url}/responses.csv` })).statusCode).not.toBe(200);
    const stranger = await signedIn(t, { email: 'stranger@example.org' });
    expect((await t.app.inject({ url: `${url}/responses.xlsx`, headers: { cookie: stranger } })).statusCode).toBe(403);

    // One of them asked not to be told by e-mail.
    const teacher6 = (await actorByEmail(t.db, 'teacher6@example.org'))!;
    await t.db.update(commenterProfiles).set({ outcomeMail: false }).where(eq(commenterProfiles.userId, teacher6.id));
    await t.db.update(consultations).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(consultations.id, page.consultation.id));
    const found = (await reportOf(t.db, chair, group, reportSlug))!;
    expect(await publishReport(t.db, chair, group, found.report, 'final')).toEqual({ ok: true });
    page = (await getConsultation(t.db, slug))!;

    // The list of consultations and the report's page lead to it.
    expect((await t.app.inject({ url: '/en/consultations' })).body).toContain(`${url}/responses`);
    expect((await t.app.inject({ url: `/en/working-groups/foundational-learning/reports/${reportSlug}` })).body).toContain(`${url}/responses`);
    const res = await t.app.inject({ url: `${url}/responses` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('The final version was published on');
    expect(res.body).toContain('Teacher 3');
    expect(res.body).not.toContain('Nadia Hidden');
    expect(res.body).toContain('Researcher');
    expect(res.body).toContain('The training now includes a week of practice in class.');
    expect(res.body).toContain('answered together with 5 other comments');
    expect(res.body).toContain(`/working-groups/foundational-learning/reports/${reportSlug}/v/2#${changed}`);
    // The reply is not a comment to answer: not in the report.
    expect(res.body).not.toContain('Agreed.');
    // In French, the French response.
    expect((await t.app.inject({ url: `/fr/consultations/${slug}/responses` })).body).toContain('Les évaluations nationales sont citées en annexe.');

    // Figures: teachers (6 people) shown; the researcher and the policymaker (one each) merged into "Other".
    const outcome = await outcomeOf(t.db, null, page, 'en');
    expect(outcome.byStakeholder.map((f) => [f.key, f.people, f.comments, f.by.accepted])).toEqual([
      ['teacher', 6, 6, 6],
      ['other', 2, 2, 0],
    ]);
    expect(outcome.totals.comments).toBe(8);

    // The files: one row per comment, read back by a reader that is not the one that wrote them.
    const csv = await t.app.inject({ url: `${url}/responses.csv` });
    expect(csv.statusCode).toBe(200);
    const rows = parseCsv(csv.body.replace(/^\ufeff/, ''), { relax_column_count: false }) as string[][];
    expect(rows).toHaveLength(1 + 8);
    const xlsx = await t.app.inject({ url: `${url}/responses.xlsx` });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readSheet(xlsx.rawPayload);
    expect(sheet).toHaveLength(1 + 8);
    const head = sheet[0] as string[];
    const col = (name: string) => head.indexOf(name);
    const fatouRow = sheet.find((r) => r[col('Comment')] === 'Le rapport devrait citer les évaluations nationales.')!;
    expect([fatouRow[col('Name')], fatouRow[col('Disposition')], fatouRow[col('Response')]]).toEqual(['Fatou Ndiaye', 'Noted', 'National assessments are cited in the annex.']);
    expect(sheet.find((r) => r[col('Comment')] === 'Twenty books is too few for a year.')![col('Name')]).toBeNull();
    // The PDF annex, its comments handed to the drawing three at a time: every one of them, in the report's order, with its answer.
    pdfPart.comments = 3;
    const pdf = await t.app.inject({ url: `${url}/responses.pdf` }).finally(() => (pdfPart.comments = 250));
    expect([pdf.statusCode, pdf.headers['content-type'], pdf.rawPayload.subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);
    const annex = (await pdfText(pdf.rawPayload)).join(' ');
    const bodies = (await outcomeOf(t.db, null, page, 'en')).items.map((i) => i.body);
    expect(bodies).toHaveLength(8);
    expect(bodies.map((b) => annex.indexOf(b))).toEqual(bodies.map((b) => annex.indexOf(b)).sort((a, b) => a - b));
    expect(bodies.every((b) => annex.includes(b))).toBe(true);
    expect(annex).toContain('National assessments are cited in the annex.');
    // A file that takes long to make: the reader is told it is being prepared (202, with when to come back), and the next download gets it.
    fileWait.ms = 0;
    try {
      const preparing = await t.app.inject({ url: `/ar/consultations/${slug}/responses.pdf` });
      expect([preparing.statusCode, preparing.headers['retry-after'], preparing.headers['content-type']]).toEqual([202, '30', 'text/html; charset=utf-8']);
      expect(preparing.body).toContain(translate('ar', 'consultations.outcome.preparing.title'));
    } finally {
      fileWait.ms = 8_000;
    }
    const ready = await t.app.inject({ url: `/ar/consultations/${slug}/responses.pdf` });
    expect([ready.statusCode, ready.headers['content-type']]).toEqual([200, 'application/pdf']);
    // The files cost seconds to make for a big consultation: one address gets 20 a minute, then "too many", and another address still gets them.
    const from = (remoteAddress: string) => t.app.inject({ url: `${url}/responses.csv`, remoteAddress });
    for (let i = 0; i < 20; i++) expect((await from('203.0.113.9')).statusCode).toBe(200);
    expect((await from('203.0.113.9')).statusCode).toBe(429);
    expect((await from('203.0.113.10')).statusCode).toBe(200);

    // Reports and their files are kept within a bound: a report pushed out by others is made anew, its files with it.
    const en = await outcomeOf(t.db, null, page, 'en');
    expect(await outcomeOf(t.db, null, page, 'en')).toBe(en);
    let madeFiles = 0;
    const make = async () => Buffer.from(`file ${++madeFiles}`);
    const bound = keptReports.bytes;
    keptReports.bytes = 1; // room for the last report used only
    try {
      expect((await outcomeFile(en, 'test', make)).toString()).toBe('file 1');
      expect((await outcomeFile(en, 'test', make)).toString()).toBe('file 1'); // kept with its report
      await outcomeOf(t.db, null, page, 'ru'); // another report, made now: the English one goes
      const again = await outcomeOf(t.db, null, page, 'en');
      expect(again).not.toBe(en);
      expect((await outcomeFile(again, 'test', make)).toString()).toBe('file 2');
    } finally {
      keptReports.bytes = bound;
    }
  });

  it('tells every commenter who wants it what became of their comments, once, in their language, with a link that stops these e-mails', async () => {
    await runDueJobs(t.db, handlers, { baseUrl: t.config.baseUrl, only: ['consultations.outcome-mail'] });
    const mails = await outcomeMails();
    // Seven people wrote comments; one asked not to be told.
    expect(mails.map((m) => m.toAddress).sort()).toEqual(['fatou@example.org', 'hidden@example.org', 'teacher1@example.org', 'teacher2@example.org', 'teacher3@example.org', 'teacher4@example.org', 'teacher5@example.org']);
    const fatou = mails.find((m) => m.toAddress === 'fatou@example.org')!;
    expect(fatou.subject).toContain('Reading in the mother tongue');
    expect(fatou.locale).toBe('fr');
    expect(fatou.text).toContain('Le rapport devrait citer les évaluations nationales.');
    expect(fatou.text).toContain('Les évaluations nationales sont citées en annexe.');
    expect(fatou.text).toContain(`/fr/working-groups/foundational-learning/reports/${reportSlug}/v/2`);
    const teacher1 = mails.find((m) => m.toAddress === 'teacher1@example.org')!;
    expect(teacher1.text).toContain('Training must include practice in class (1).');
    expect(teacher1.text).not.toContain('(2).');
    expect(teacher1.text).toContain('Accepted');
    // Run again (a retry, a second instance): nobody is told twice.
    await runDueJobs(t.db, handlers, { baseUrl: t.config.baseUrl });
    const { sendOutcomeMails } = await import('./outcome-mail.js');
    expect(await sendOutcomeMails(t.db, page.consultation.id, t.config.baseUrl)).toBe(0);
    expect(await outcomeMails()).toHaveLength(7);

    // The stop link: opening it changes nothing; the button (or the mail provider's one-click POST) stops them.
    const stop = new URL(/<([^>]+)>/.exec(String(teacher1.headers['List-Unsubscribe']))![1]!);
    expect(teacher1.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const teacher = (await actorByEmail(t.db, 'teacher1@example.org'))!;
    const wants = async () => (await t.db.select().from(commenterProfiles).where(eq(commenterProfiles.userId, teacher.id)))[0]!.outcomeMail;
    expect((await t.app.inject({ url: stop.pathname })).statusCode).toBe(200);
    expect(await wants()).toBe(true);
    const oneClick = await t.app.inject({ method: 'POST', url: stop.pathname, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.statusCode).toBe(200);
    expect(await wants()).toBe(false);
    // A guessed token opens nothing and stops nothing.
    expect((await t.app.inject({ method: 'POST', url: `/en/consultations/outcome-mail/${'x'.repeat(43)}`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(404);
    // The profile says so, and can ask for them again.
    const cookie = await signedIn(t, { email: 'teacher1@example.org' });
    const profile = await t.app.inject({ url: '/en/consultations/profile', headers: { cookie } });
    expect(profile.body).toMatch(/name="outcomeMail" value="yes"(?![^>]*checked)/);
    await submitForm(t, { page: '/en/consultations/profile', action: '/en/consultations/profile?next=%2Fen%2Fconsultations', cookie, fields: { stakeholderGroup: 'teacher', country: 'SN', onBehalf: 'self', display: 'name', outcomeMail: 'yes' } });
    expect(await wants()).toBe(true);
  });
});
