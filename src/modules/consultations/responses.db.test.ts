import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { auditLog } from '../../platform/audit/schema.js';
import { outbox } from '../../platform/mail/schema.js';
import { ForbiddenError, type Actor } from '../../platform/policy.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { addPersonToGroup, createReport, getWorkingGroup, publishReport, reportOf, saveReport, type WorkingGroupView } from '../workinggroups/service.js';
import { consultationComments, consultations } from './schema.js';
import { addComment, getConsultation, getConsultationTarget, moderateComment, openConsultation, type ConsultationPage } from './service.js';
import { assignComments, outstanding, responseForm, saveReaderLanguages, saveResponse, triage, triageQuery } from './responses.js';

/**
 * Answering every comment: triage filters, one answer for several comments, handing comments to a
 * colleague, and the rule that a report is not final while a comment has no answer — after which
 * the answers are frozen.
 */
let t: TestApp;
let chair: Actor;
let colleague: Actor;
let outsider: Actor;
let group: WorkingGroupView;
let page: ConsultationPage;
const DAY = 86_400_000;
const REPORT = `# Teaching at the right level

Group children by what they can do, not by their age.

## Assessment

A short oral test every term finds each child's level.

## Materials

Simple reading cards cost little and last for years.`;
const slug = 'teaching-at-the-right-level-v1';
const url = `/en/consultations/${slug}`;
const comments = async () => t.db.select().from(consultationComments).where(eq(consultationComments.consultationId, page.consultation.id));
const idOf = async (body: string) => (await comments()).find((x) => x.body === body)!.id;
const query = (q: Record<string, string> = {}) => triageQuery.parse(q);
const publishFinal = async () => {
  const found = (await reportOf(t.db, chair, group, 'teaching-at-the-right-level'))!;
  return publishReport(t.db, chair, group, found.report, 'final');
};

beforeAll(async () => {
  t = await testApp();
  const ids = await addWorkingGroups(t.db);
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'chair@example.org', name: 'Awa Chair' }, 'chair');
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'colleague@example.org', name: 'Hind Colleague' }, 'member');
  await signedIn(t, { email: 'outsider@example.org', roles: ['member'] });
  chair = (await actorByEmail(t.db, 'chair@example.org'))!;
  colleague = (await actorByEmail(t.db, 'colleague@example.org'))!;
  outsider = (await actorByEmail(t.db, 'outsider@example.org'))!;
  group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
  await createReport(t.db, chair, group, { slug: 'teaching-at-the-right-level', title: 'Teaching at the right level', markdown: REPORT }, 'en');
  await publishReport(t.db, chair, group, (await reportOf(t.db, chair, group, 'teaching-at-the-right-level'))!.report, 'prefinal');
  const target = (await getConsultationTarget(t.db, chair, group, 'teaching-at-the-right-level', 1))!;
  await openConsultation(t.db, chair, target, { opensAt: new Date(Date.now() - 10 * DAY), closesAt: new Date(Date.now() + DAY), audience: 'public', moderation: 'post', summary: 'Grouping children by level.', questions: [] }, 'en');
  page = (await getConsultation(t.db, slug))!;
  const who = (n: string, group: 'teacher' | 'researcher' | 'policymaker', country: string, locale: 'en' | 'fr' | 'ar') => ({ email: `${n}@example.org`, name: n, locale, group, country });
  await addComment(t.db, page, { who: who('amadou', 'teacher', 'ML', 'fr'), on: 'A short oral test', body: 'Le test oral prend trop de temps dans une classe de 90 élèves.', locale: 'fr', hoursAgo: 50 });
  await addComment(t.db, page, { who: who('grace', 'teacher', 'KE', 'en'), on: 'A short oral test', body: 'With 80 pupils, a test each term takes a week of lessons.', locale: 'en', hoursAgo: 40 });
  await addComment(t.db, page, { who: who('salma', 'policymaker', 'EG', 'ar'), on: 'A short oral test', body: 'الاختبار الشفهي يحتاج إلى وقت طويل في الفصول الكبيرة.', locale: 'ar', hoursAgo: 30 });
  await addComment(t.db, page, { who: who('li', 'researcher', 'GB', 'en'), on: 'Simple reading cards', body: 'Cards wear out within a year in humid classrooms.', locale: 'en', hoursAgo: 20 });
  await addComment(t.db, page, { who: who('grace', 'teacher', 'KE', 'en'), replyTo: 'Cards wear out within a year in humid classrooms.', on: 'Simple reading cards', body: 'Laminating them helps.', locale: 'en', hoursAgo: 10 });
  await addComment(t.db, page, { who: who('tomas', 'researcher', 'BR', 'en'), body: 'The report should cite the 2024 replication.', locale: 'en', hoursAgo: 5 });
});
afterAll(() => t.close());

describe('triage', () => {
  it('lists every comment to answer (not replies) in the report’s order, filtered by section, group, region, income group, language and status', async () => {
    const all = await triage(t.db, chair, page, query(), 'en');
    expect(all.total).toBe(5);
    // The whole report first, then the sections in order, oldest first within one.
    expect(all.rows.map((r) => r.author.name)).toEqual(['tomas', 'amadou', 'grace', 'salma', 'li']);
    expect(all.left).toEqual({ unanswered: 5, waiting: 0 });
    const assessment = all.sections.find((s) => s.title === 'Assessment')!;
    expect((await triage(t.db, chair, page, query({ section: assessment.id }), 'en')).total).toBe(3);
    expect((await triage(t.db, chair, page, query({ section: 'general' }), 'en')).rows.map((r) => r.author.name)).toEqual(['tomas']);
    expect((await triage(t.db, chair, page, query({ group: 'teacher' }), 'en')).total).toBe(2);
    expect((await triage(t.db, chair, page, query({ region: 'latin-america-caribbean' }), 'en')).rows.map((r) => r.author.name)).toEqual(['tomas']);
    expect((await triage(t.db, chair, page, query({ income: 'low' }), 'en')).rows.map((r) => r.author.name)).toEqual(['amadou']);
    expect((await triage(t.db, chair, page, query({ language: 'ar' }), 'en')).rows.map((r) => r.author.name)).toEqual(['salma']);
    // Nonsense in the address is no filter, not an error.
    expect((await triage(t.db, chair, page, query({ group: 'wizard', status: 'x', page: '-3' }), 'en')).total).toBe(5);
    expect(all.rows.find((r) => r.author.name === 'li')!.replies).toBe(1);
  });

  it('comments in a language the reader does not read are marked, and found by that filter; no machine translation', async () => {
    await saveReaderLanguages(t.db, chair, page, ['en', 'fr']);
    const unread = await triage(t.db, chair, page, query({ status: 'unread' }), 'en');
    expect(unread.rows.map((r) => [r.author.name, r.readable])).toEqual([['salma', false]]);
    expect(unread.languages).toEqual(['en', 'fr']);
  });

  it('the page is for those who run the consultation and the group’s members; nobody else', async () => {
    await expect(triage(t.db, outsider, page, query(), 'en')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(triage(t.db, null, page, query(), 'en')).rejects.toBeInstanceOf(ForbiddenError);
    expect((await triage(t.db, colleague, page, query(), 'en')).respondsToAll).toBe(false);
  });
});

describe('answers', () => {
  it('one answer for three comments that make the same point; each comment links to it; audited', async () => {
    const three = [await idOf('Le test oral prend trop de temps dans une classe de 90 élèves.'), await idOf('With 80 pupils, a test each term takes a week of lessons.'), await idOf('الاختبار الشفهي يحتاج إلى وقت طويل في الفصول الكبيرة.')];
    const r = await saveResponse(t.db, chair, page, null, { comments: three, disposition: 'partly-accepted', response: 'The test is now given to a sample of children.', changed: [] }, 'en');
    expect(r.ok).toBe(true);
    const id = (r as { id: string }).id;
    expect((await comments()).filter((x) => x.responseId === id).map((x) => x.id).sort()).toEqual([...three].sort());
    expect(await outstanding(t.db, page.consultation.id)).toEqual({ unanswered: 2, waiting: 0 });
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'consultations.response.give'), eq(auditLog.targetId, id)));
    expect(audit).toBeDefined();
    // Revised: one comment taken out goes back to the unanswered, and the change is audited with the answer before it.
    const again = await saveResponse(t.db, chair, page, id, { comments: three.slice(0, 2), disposition: 'accepted', response: 'The test now takes five minutes.', changed: [] }, 'en');
    expect(again).toEqual({ ok: true, id });
    expect(await outstanding(t.db, page.consultation.id)).toEqual({ unanswered: 3, waiting: 0 });
    const [revised] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'consultations.response.revise'), eq(auditLog.targetId, id)));
    expect(revised!.before).toMatchObject({ disposition: 'partly-accepted' });
    // The third joins another answer; answered again with the other two, its old answer goes (nothing answers nothing).
    const alone = await saveResponse(t.db, chair, page, null, { comments: [three[2]!], disposition: 'noted', response: '', changed: [] }, 'en');
    const merged = await saveResponse(t.db, chair, page, id, { comments: three, disposition: 'accepted', response: 'The test now takes five minutes.', changed: [] }, 'en');
    expect(merged.ok).toBe(true);
    expect(await responseForm(t.db, chair, page, (alone as { id: string }).id, [], 'en')).toBeNull();
  });

  it('the changed paragraphs must be paragraphs of the next version; a bad form keeps nothing', async () => {
    const li = await idOf('Cards wear out within a year in humid classrooms.');
    const bad = await saveResponse(t.db, chair, page, null, { comments: [li], disposition: 'accepted', response: 'Cards are now printed on plastic.', changed: ['b0000000000'] }, 'en');
    expect(bad).toEqual({ ok: false, field: 'changed', message: 'consultations.responses.errors.changed' });
    expect((await comments()).find((x) => x.id === li)!.responseId).toBeNull();
    // Version 2, a draft: its paragraphs can be named.
    const found = (await reportOf(t.db, chair, group, 'teaching-at-the-right-level'))!;
    await saveReport(t.db, chair, group, found.report, { title: 'Teaching at the right level', markdown: REPORT.replace('Simple reading cards cost little and last for years.', 'Reading cards printed on plastic cost little and last for years.') });
    const form = (await responseForm(t.db, chair, page, null, [li], 'en'))!;
    expect(form.next!.number).toBe(2);
    const card = form.next!.blocks.find((b) => b.text.startsWith('Reading cards printed on plastic'))!;
    // The form says where the comment's words stand now: the paragraph it was on, edited but still there.
    expect([...form.wordsIn]).toEqual([[card.id, 1]]);
    const good = await saveResponse(t.db, chair, page, null, { comments: [li], disposition: 'accepted', response: 'Cards are now printed on plastic.', changed: [card.id] }, 'en');
    expect(good.ok).toBe(true);
  });

  it('a comment handed to a colleague is theirs to answer, and only that one', async () => {
    const tomas = await idOf('The report should cite the 2024 replication.');
    await expect(saveResponse(t.db, colleague, page, null, { comments: [tomas], disposition: 'accepted', response: 'Cited.', changed: [] }, 'en')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(assignComments(t.db, colleague, page, { comments: [tomas], to: colleague.id }, { baseUrl: t.config.baseUrl })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await assignComments(t.db, chair, page, { comments: [tomas], to: outsider.id }, { baseUrl: t.config.baseUrl })).toBe('colleague');
    expect(await assignComments(t.db, chair, page, { comments: [tomas], to: colleague.id }, { baseUrl: t.config.baseUrl })).toBe('done');
    // The colleague is told, with the way to what was handed to them.
    const [told] = await t.db.select().from(outbox).where(and(eq(outbox.toAddress, 'colleague@example.org'), eq(outbox.template, 'consultations.handed-over')));
    expect(told!.subject).toBe('1 comment on Teaching at the right level handed to you');
    expect(told!.text).toContain('Awa Chair');
    expect(told!.text).toContain(`${url}/triage?status=mine`);
    const mine = await triage(t.db, colleague, page, query({ status: 'mine' }), 'en');
    expect(mine.rows.map((r) => [r.author.name, r.assignedTo?.name])).toEqual([['tomas', 'Hind Colleague']]);
    const li = await idOf('Cards wear out within a year in humid classrooms.');
    await expect(saveResponse(t.db, colleague, page, null, { comments: [tomas, li], disposition: 'accepted', response: 'Cited.', changed: [] }, 'en')).rejects.toBeInstanceOf(ForbiddenError);
    expect((await saveResponse(t.db, colleague, page, null, { comments: [tomas], disposition: 'accepted', response: 'Cited in section 2.', changed: [] }, 'fr')).ok).toBe(true);
  });
});

describe('pages', () => {
  it('triage and the answer form work without JavaScript: filters by address, choose, answer together, mistakes shown with the choice kept', async () => {
    const cookie = await signedIn(t, { email: 'chair@example.org' });
    const res = await t.app.inject({ url: `${url}/triage?language=fr`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Le test oral prend trop de temps');
    expect(res.body).not.toContain('With 80 pupils');
    expect((await t.app.inject({ url: `${url}/triage` })).statusCode).toBe(302);
    // Nothing chosen: the list again, saying so.
    const none = await submitForm(t, { page: `${url}/triage`, action: `${url}/triage`, cookie, fields: { do: 'answer' } });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Choose at least one comment.');
    // Two chosen: the answer form for both.
    const ids = [await idOf('Cards wear out within a year in humid classrooms.'), await idOf('The report should cite the 2024 replication.')];
    const chosen = await submitForm(t, { page: `${url}/triage`, action: `${url}/triage`, cookie, fields: { do: 'answer', comments: ids } });
    expect(chosen.statusCode).toBe(303);
    const form = String(chosen.headers.location);
    expect(form).toBe(`${url}/answer?comments=${ids[0]},${ids[1]}`);
    const answersBefore = (await comments()).filter((x) => ids.includes(x.id)).map((x) => x.responseId);
    const shown = await t.app.inject({ url: form, headers: { cookie } });
    expect([shown.statusCode, /<h1[^>]*>([^<]*)<\/h1>/.exec(shown.body)?.[1]]).toEqual([200, 'Answer 2 comments together']);
    // In French, the next version's paragraphs to tick keep the report's language.
    const inFrench = await t.app.inject({ url: form.replace('/en/', '/fr/'), headers: { cookie } });
    expect(inFrench.body).toMatch(/<label for="[^"]+" lang="en">Reading cards printed on plastic/);
    // No disposition: the form again, both comments still there and ticked, the response kept.
    // (The form's hidden `offered` fields, one per comment shown, as a browser sends them: the helper keeps one value per name.)
    const wrong = await submitForm(t, { page: form, action: `${url}/answer`, cookie, fields: { response: 'Kept words.', offered: ids, comments: ids } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Cards wear out');
    expect(wrong.body).toContain('The report should cite');
    expect(wrong.body).toContain('Kept words.');
    expect(wrong.body.match(/name="comments" value="[^"]+" id="[^"]+" checked/g)).toHaveLength(2);
    // Nothing half-written: the two comments keep the answers they had.
    expect((await comments()).filter((x) => ids.includes(x.id)).map((x) => x.responseId)).toEqual(answersBefore);
    // A stranger's guess at the form: refused.
    const stranger = await signedIn(t, { email: 'outsider@example.org' });
    expect((await t.app.inject({ url: form, headers: { cookie: stranger } })).statusCode).toBe(403);
  });
});

describe('the final version', () => {
  it('is refused while the consultation is open, while a comment has no answer, and while one waits for a moderator; then the answers are frozen', async () => {
    // Open until tomorrow: refused, and nothing published.
    expect(await publishFinal()).toMatchObject({ ok: false, reason: 'refused', message: 'consultations.responses.refused.open' });
    await t.db.update(consultations).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(consultations.id, page.consultation.id));
    // A comment without an answer (a new one, written before the close), and one waiting for a moderator.
    await addComment(t.db, page, { who: { email: 'late@example.org', name: 'late', locale: 'en', group: 'teacher', country: 'NG' }, on: 'Group children', body: 'What about multigrade schools?', locale: 'en', hoursAgo: 2 });
    const late = await idOf('What about multigrade schools?');
    await moderateComment(t.db, chair, page, late, 'hide', 'Testing');
    await t.db.update(consultationComments).set({ state: 'pending', hiddenReason: null }).where(eq(consultationComments.id, late));
    expect(await publishFinal()).toEqual({ ok: false, reason: 'refused', message: 'consultations.responses.refused.unanswered', values: { n: 0, waiting: 1 } });
    await moderateComment(t.db, chair, page, late, 'approve');
    expect(await publishFinal()).toEqual({ ok: false, reason: 'refused', message: 'consultations.responses.refused.unanswered', values: { n: 1, waiting: 0 } });
    // The editor says so too, on the chair's page, in the form again.
    const cookie = await signedIn(t, { email: 'chair@example.org' });
    const edit = '/en/working-groups/foundational-learning/reports/teaching-at-the-right-level/edit';
    const refused = await submitForm(t, { page: edit, action: '/en/working-groups/foundational-learning/reports/teaching-at-the-right-level/publish', cookie, fields: { stage: 'final' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('1 comment has no answer');
    expect((await t.app.inject({ url: edit, headers: { cookie } })).body).toContain('1 comment needs an answer.');
    // Answered: published, concluded, frozen.
    expect((await saveResponse(t.db, chair, page, null, { comments: [late], disposition: 'out-of-scope', response: 'Multigrade schools are the subject of next year’s report.', changed: [] }, 'en')).ok).toBe(true);
    expect(await publishFinal()).toEqual({ ok: true });
    page = (await getConsultation(t.db, slug))!;
    expect(page.consultation.concludedAt).not.toBeNull();
    expect(await saveResponse(t.db, chair, page, null, { comments: [late], disposition: 'accepted', response: 'Changed our minds.', changed: [] }, 'en')).toEqual({ ok: false, field: 'disposition', message: 'consultations.responses.errors.frozen' });
    expect(await assignComments(t.db, chair, page, { comments: [late], to: colleague.id }, { baseUrl: t.config.baseUrl })).toBe('frozen');
  });
});

