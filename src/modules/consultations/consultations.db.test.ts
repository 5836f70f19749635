import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mergeCookies, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { auditLog } from '../../platform/audit/schema.js';
import { ForbiddenError, type Actor } from '../../platform/policy.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { addPersonToGroup, createReport, getWorkingGroup, publishReport, reportOf } from '../workinggroups/service.js';
import { consultationComments } from './schema.js';
import {
  COMMENTS_PER_TEN_MINUTES,
  addComment,
  consultationFigures,
  getConsultation,
  getConsultationTarget,
  moderateComment,
  openConsultation,
  postComment,
  saveProfile,
  saveSettings,
  type ConsultationPage,
  type SettingsInput,
} from './service.js';

let t: TestApp;
let chair: Actor;
let page: ConsultationPage;
/** The guiding questions the consultation keeps through every change of its settings here. */
let questions: SettingsInput['questions'] = [];
const DAY = 86_400_000;
const REPORT = `# Reading by grade 3

Children who cannot read with understanding by grade 3 rarely catch up.

## Language of instruction

Teach in the language children speak at home, and bridge to others later.

## Coaching

Coach teachers every month, in their classrooms.`;
const base = '/en/consultations/reading-v1';
const person = async (email: string, roles: string[] = []) => {
  await signedIn(t, { email, roles });
  return (await actorByEmail(t.db, email))!;
};
const settings = (over: Partial<SettingsInput> = {}): SettingsInput => ({
  opensAt: new Date(Date.now() - DAY),
  closesAt: new Date(Date.now() + 30 * DAY),
  audience: 'public',
  moderation: 'post',
  summary: 'Why children fall behind in reading, and what schools can do.',
  questions,
  ...over,
});
const reload = async () => (page = (await getConsultation(t.db, 'reading-v1'))!);
const block = (i: number) => page.version.blocks[i]!;

beforeAll(async () => {
  t = await testApp();
  const ids = await addWorkingGroups(t.db);
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'chair@example.org', name: 'Awa Chair' }, 'chair');
  chair = (await actorByEmail(t.db, 'chair@example.org'))!;
  const group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
  await createReport(t.db, chair, group, { slug: 'reading', title: 'Reading by grade 3', markdown: REPORT }, 'en');
  await publishReport(t.db, chair, group, (await reportOf(t.db, chair, group, 'reading'))!.report, 'prefinal');
  const target = (await getConsultationTarget(t.db, chair, group, 'reading', 1))!;
  questions = [
    { blockId: null, lines: 'What is missing from this report?' },
    { blockId: target.version.blocks[2]!.id, lines: 'Which languages do children in your schools speak at home?' },
  ];
  expect(await openConsultation(t.db, chair, target, settings(), 'en')).toEqual({ ok: true, slug: 'reading-v1' });
  await reload();
});
afterAll(() => t.close());

describe('opening a consultation', () => {
  it('only the group’s chairs and the Secretariat open one, on a published version, once', async () => {
    const group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
    const target = (await getConsultationTarget(t.db, chair, group, 'reading', 1))!;
    await expect(openConsultation(t.db, await person('member@example.org', ['member']), target, settings(), 'en')).rejects.toBeInstanceOf(ForbiddenError);
    expect(await openConsultation(t.db, chair, target, settings(), 'en')).toMatchObject({ ok: false, message: 'consultations.errors.alreadyOpen' });
    expect(await openConsultation(t.db, chair, target, settings({ closesAt: new Date(Date.now() - 2 * DAY) }), 'en')).toMatchObject({ ok: false, field: 'closesAt' });
  });
});

describe('commenting', () => {
  it('a first comment asks for the profile; the profile is copied into the comment with the country’s region and income group', async () => {
    const teacher = await person('teacher@example.org');
    const body = { body: 'In our district most children speak Wolof at home.', locale: 'en' as const };
    expect(await postComment(t.db, teacher, page, block(3).id, body, { hasLink: false })).toEqual({ ok: false, reason: 'profile' });
    await saveProfile(t.db, teacher, { stakeholderGroup: 'teacher', country: 'SN', organization: 'École Mbour 2', onBehalf: 'self', display: 'group' });
    const r = await postComment(t.db, teacher, page, block(3).id, body, { hasLink: false });
    expect(r).toMatchObject({ ok: true, state: 'published' });
    const [row] = await t.db.select().from(consultationComments).where(eq(consultationComments.id, r.ok ? r.id : ''));
    expect(row).toMatchObject({ stakeholderGroup: 'teacher', country: 'SN', region: 'africa', incomeGroup: 'lower-middle', display: 'group', source: 'web' });
  });

  it('the window is enforced by the server at the moment of writing: not before it opens, not at or after it closes', async () => {
    const teacher = (await actorByEmail(t.db, 'teacher@example.org'))!;
    const body = { body: 'Timing.', locale: 'en' as const };
    expect(await postComment(t.db, teacher, page, block(1).id, body, { hasLink: false, now: new Date(page.consultation.opensAt.getTime() - 1) })).toEqual({ ok: false, reason: 'closed' });
    expect(await postComment(t.db, teacher, page, block(1).id, body, { hasLink: false, now: page.consultation.closesAt })).toEqual({ ok: false, reason: 'closed' });
    expect(await postComment(t.db, teacher, page, block(1).id, body, { hasLink: false, now: new Date(page.consultation.closesAt.getTime() - 1) })).toMatchObject({ ok: true });
  });

  it('a quote must be words of the paragraph; a question must belong to its section; a reply must answer a published comment on the same paragraph', async () => {
    const teacher = (await actorByEmail(t.db, 'teacher@example.org'))!;
    const on = (i: number, extra: object) => postComment(t.db, teacher, page, block(i).id, { body: 'x', locale: 'en', ...extra }, { hasLink: false });
    expect(await on(3, { exact: 'words that are not there' })).toEqual({ ok: false, reason: 'gone' });
    expect(await on(3, { exact: 'bridge to others later', prefix: 'speak at home, and ', suffix: '.' })).toMatchObject({ ok: true });
    const sectionQuestion = page.consultation.questions.find((q) => q.blockId === block(2).id)!;
    expect(await on(5, { questionId: sectionQuestion.id })).toEqual({ ok: false, reason: 'gone' });
    expect(await on(3, { questionId: sectionQuestion.id })).toMatchObject({ ok: true });
    const [first] = await t.db.select().from(consultationComments).where(eq(consultationComments.blockId, block(3).id));
    expect(await on(5, { parentId: first!.id })).toEqual({ ok: false, reason: 'gone' });
    expect(await on(3, { parentId: first!.id })).toMatchObject({ ok: true });
    expect(await postComment(t.db, teacher, page, 'no-such-block', { body: 'x', locale: 'en' }, { hasLink: false })).toEqual({ ok: false, reason: 'gone' });
  });

  it('one person writes at most so many comments in ten minutes', async () => {
    const busy = await person('busy@example.org');
    await saveProfile(t.db, busy, { stakeholderGroup: 'researcher', country: 'FR', organization: '', onBehalf: 'self', display: 'name' });
    for (let i = 0; i < COMMENTS_PER_TEN_MINUTES; i++) expect(await postComment(t.db, busy, page, block(1).id, { body: `Point ${i}.`, locale: 'en' }, { hasLink: false })).toMatchObject({ ok: true });
    expect(await postComment(t.db, busy, page, block(1).id, { body: 'One more.', locale: 'en' }, { hasLink: false })).toEqual({ ok: false, reason: 'limit' });
  });

  it('audience: members only, or whoever followed the invitation link', async () => {
    const outsider = await person('outsider@example.org');
    await saveProfile(t.db, outsider, { stakeholderGroup: 'student', country: 'BR', organization: '', onBehalf: 'self', display: 'name' });
    const member = await person('member@example.org', ['member']);
    await saveProfile(t.db, member, { stakeholderGroup: 'researcher', country: 'KE', organization: '', onBehalf: 'self', display: 'name' });
    const body = { body: 'Audience.', locale: 'en' as const };
    await saveSettings(t.db, chair, page, settings({ audience: 'members' }), 'en');
    await reload();
    expect(await postComment(t.db, outsider, page, block(1).id, body, { hasLink: false })).toEqual({ ok: false, reason: 'audience' });
    expect(await postComment(t.db, member, page, block(1).id, body, { hasLink: false })).toMatchObject({ ok: true });
    await saveSettings(t.db, chair, page, settings({ audience: 'link' }), 'en');
    await reload();
    expect(await postComment(t.db, outsider, page, block(1).id, body, { hasLink: false })).toEqual({ ok: false, reason: 'audience' });
    expect(await postComment(t.db, outsider, page, block(1).id, body, { hasLink: true })).toMatchObject({ ok: true });

    // Over HTTP, the link is followed once and remembered; a made-up key is not found.
    const cookie = await signedIn(t, { email: 'outsider@example.org' });
    const settingsPage = await t.app.inject({ url: `${base}/settings`, headers: { cookie: await signedIn(t, { email: 'chair@example.org' }) } });
    const link = settingsPage.body.match(/\/consultations\/reading-v1\/invited\/([0-9a-f]{32})/)![0];
    expect((await t.app.inject({ url: `/en${link.replace(/[0-9a-f]{32}$/, '0'.repeat(32))}`, headers: { cookie } })).statusCode).toBe(404);
    const followed = await t.app.inject({ url: `/en${link}`, headers: { cookie } });
    expect(followed.statusCode).toBe(303);
    const withLink = mergeCookies(cookie, followed);
    const posted = await submitForm(t, { page: `${base}/p/${block(1).id}`, action: `${base}/p/${block(1).id}`, cookie: withLink, fields: { body: 'By the link.', locale: 'en' } });
    expect(posted.statusCode).toBe(303);
    await saveSettings(t.db, chair, page, settings(), 'en');
    await reload();
  });
});

describe('moderation', () => {
  it('pre-moderation: a comment waits, seen by its author only; approved, it is public; hidden, its author sees why and others see nothing; each step audited', async () => {
    await saveSettings(t.db, chair, page, settings({ moderation: 'pre' }), 'en');
    await reload();
    const writer = await person('writer@example.org');
    await saveProfile(t.db, writer, { stakeholderGroup: 'policymaker', country: 'KE', organization: 'Ministry of Education', onBehalf: 'organization', display: 'name' });
    const r = await postComment(t.db, writer, page, block(5).id, { body: 'Monthly coaching costs more than we can pay.', locale: 'en' }, { hasLink: false });
    expect(r).toMatchObject({ ok: true, state: 'pending' });
    const id = r.ok ? r.id : '';
    const url = `${base}/p/${block(5).id}`;
    const writerCookie = await signedIn(t, { email: 'writer@example.org' });
    expect((await t.app.inject({ url })).body).not.toContain('Monthly coaching costs');
    expect((await t.app.inject({ url, headers: { cookie: writerCookie } })).body).toContain('Waiting for a moderator');

    await expect(moderateComment(t.db, (await actorByEmail(t.db, 'member@example.org'))!, page, id, 'approve')).rejects.toBeInstanceOf(ForbiddenError);
    expect(await moderateComment(t.db, chair, page, id, 'approve')).toBe('done');
    expect(await moderateComment(t.db, chair, page, id, 'approve')).toBe('gone');
    expect((await t.app.inject({ url })).body).toContain('Monthly coaching costs');

    expect(await moderateComment(t.db, chair, page, id, 'hide')).toBe('reason');
    expect(await moderateComment(t.db, chair, page, id, 'hide', 'Off topic')).toBe('done');
    expect((await t.app.inject({ url })).body).not.toContain('Monthly coaching costs');
    const own = (await t.app.inject({ url, headers: { cookie: writerCookie } })).body;
    expect(own).toContain('Monthly coaching costs');
    expect(own).toContain('Hidden by the moderators. Reason: <bdi>Off topic</bdi>');
    // Nothing was deleted: the text is kept, and each step is in the audit log.
    expect((await t.db.select().from(consultationComments).where(eq(consultationComments.id, id)))[0]).toMatchObject({ state: 'hidden', body: 'Monthly coaching costs more than we can pay.' });
    expect((await t.db.select().from(auditLog).where(eq(auditLog.targetId, id))).map((a) => a.action).sort()).toEqual(['consultations.comment.approve', 'consultations.comment.hide']);
    await saveSettings(t.db, chair, page, settings(), 'en');
    await reload();
  });

  it('readers flag others’ comments (not their own); the moderators see the flags', async () => {
    const [theirs] = await t.db.select().from(consultationComments).where(eq(consultationComments.body, 'In our district most children speak Wolof at home.'));
    const reader = await signedIn(t, { email: 'member@example.org' });
    // The paragraph page links to a page of its own for this (one form there, not one per comment).
    expect((await t.app.inject({ url: `${base}/p/${block(3).id}`, headers: { cookie: reader } })).body).toContain(`href="${base}/comments/${theirs!.id}/flag"`);
    const flagPage = `${base}/comments/${theirs!.id}/flag`;
    const flagged = await submitForm(t, { page: flagPage, action: flagPage, cookie: reader, fields: { reason: 'Not about the report' } });
    expect(flagged.statusCode).toBe(303);
    expect(flagged.headers.location).toBe(`${base}/p/${block(3).id}?notice=flagged`);
    const own = await signedIn(t, { email: 'teacher@example.org' });
    const refused = await submitForm(t, { page: flagPage, action: flagPage, cookie: own, fields: {} });
    expect(refused.statusCode).toBe(403);
    expect((await t.app.inject({ url: flagPage })).statusCode).toBe(302);
    const queue = await t.app.inject({ url: `${base}/moderate`, headers: { cookie: await signedIn(t, { email: 'chair@example.org' }) } });
    expect(queue.body).toContain('1 flag: <bdi>Not about the report</bdi>');
    expect((await t.app.inject({ url: `${base}/moderate`, headers: { cookie: reader } })).statusCode).toBe(403);
    // Kept as it is: the flag is answered, the comment stays published.
    expect(await moderateComment(t.db, chair, page, theirs!.id, 'keep')).toBe('done');
    expect((await t.app.inject({ url: `${base}/moderate`, headers: { cookie: await signedIn(t, { email: 'chair@example.org' }) } })).body).not.toContain('Not about the report');
    expect((await t.app.inject({ url: `${base}/p/${block(3).id}` })).body).toContain('most children speak Wolof');
  });
});

describe('reading and figures', () => {
  it('the code of conduct is a page of its own, linked from every comment form', async () => {
    const conduct = await t.app.inject({ url: '/fr/consultations/code-of-conduct' });
    expect(conduct.statusCode).toBe(200);
    expect(conduct.body).toContain('Critiquez les idées, jamais les personnes.');
    const form = await t.app.inject({ url: `${base}/p/${block(1).id}`, headers: { cookie: await signedIn(t, { email: 'teacher@example.org' }) } });
    expect(form.body).toContain('href="/en/consultations/code-of-conduct"');
  });

  it('the report page shows each paragraph’s count of published comments and a link to comment on it', async () => {
    const res = await t.app.inject({ url: base });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Why children fall behind in reading');
    expect(res.body).toContain(`href="${base}/p/${block(3).id}"`);
    expect(res.body).toMatch(/\d+ comments on this paragraph/);
    expect(res.body).toContain('Which languages do children in your schools speak at home?');
  });

  it('the report’s page and its group’s page link to the consultation held on it (without either module knowing the other)', async () => {
    const report = await t.app.inject({ url: '/en/working-groups/foundational-learning/reports/reading' });
    expect(report.body).toMatch(new RegExp(`<a href="${base}">Consultation on version 1</a>`));
    const group = await t.app.inject({ url: '/en/working-groups/foundational-learning' });
    expect(group.body).toContain(`<a href="${base}">Reading by grade 3 (version 1)</a>`);
    expect((await t.app.inject({ url: '/en/working-groups/technologies-for-learning' })).body).not.toContain(base);
  });

  it('figures count people and comments by stakeholder group, region and income group, merging groups of fewer than five people into “other”', async () => {
    for (let i = 0; i < 5; i++) {
      const p = await person(`teacher${i}@example.org`);
      await saveProfile(t.db, p, { stakeholderGroup: 'teacher', country: i < 3 ? 'NE' : 'TD', organization: '', onBehalf: 'self', display: 'group' });
      await postComment(t.db, p, page, block(1).id, { body: `Teacher ${i}.`, locale: 'fr' }, { hasLink: false });
    }
    const f = await consultationFigures(t.db, page);
    // Six teachers (five here, one from Senegal) stand on their own; researchers, students and the others are fewer than five: "other".
    expect(f.byStakeholder.find((g) => g.key === 'teacher')).toMatchObject({ people: 6 });
    expect(f.byStakeholder.map((g) => g.key)).toEqual(['teacher', 'other']);
    expect(f.byRegion.find((g) => g.key === 'africa')!.people).toBeGreaterThanOrEqual(5);
    expect(f.byIncome.find((g) => g.key === 'low')).toMatchObject({ people: 5 });
    const res = await t.app.inject({ url: `${base}/figures` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('Comments by stakeholder group');
    expect(res.body).toContain('Language of instruction');
  });
});

describe('a busy paragraph', () => {
  it('a busy paragraph’s comments come 40 threads a page, oldest first; a new comment lands on the last page', async () => {
    for (let i = 0; i < 45; i++) {
      await addComment(t.db, page, { who: { email: `many${i}@example.org`, name: `Reader ${i}`, locale: 'en', group: 'teacher', country: 'KE' }, on: 'Coach teachers every month', body: `Thread ${i}.`, locale: 'en', hoursAgo: 100 - i });
    }
    const url = `${base}/p/${block(5).id}`;
    const first = await t.app.inject({ url });
    expect(first.body).toContain('Thread 0.');
    expect(first.body).toContain('Thread 39.');
    expect(first.body).not.toContain('Thread 40.');
    expect(first.body).toContain(`href="${url}?page=2#comments"`);
    const last = await t.app.inject({ url: `${url}?page=last` });
    expect(last.body).toContain('Thread 44.');
    expect(last.body).not.toContain('Thread 39.');
    const writer = await signedIn(t, { email: 'teacher@example.org' });
    const posted = await submitForm(t, { page: url, action: url, cookie: writer, fields: { body: 'The newest.', locale: 'en' } });
    expect(posted.headers.location).toMatch(new RegExp(`^${url}\\?page=last&notice=posted#c-`));
  });
});

describe('a long report', () => {
  /** Twelve sections of eight paragraphs of about 480 characters (some 46,000 characters), a note referred to from section 3 and written at the end. */
  const words = 'schools teachers children reading language coaching assessment materials curriculum learning grade early';
  const paragraph = (s: number, p: number) => `Section ${s} paragraph ${p}: ${Array.from({ length: 56 }, (_, i) => words.split(' ')[(s * 7 + p * 3 + i) % 12]).join(' ')}.`;
  const LONG = [
    '# Foundational learning in depth',
    ...Array.from({ length: 12 }, (_, s) => [`## Part ${s + 1}`, ...Array.from({ length: 8 }, (_, p) => paragraph(s + 1, p + 1) + (s === 2 && p === 0 ? ' As the evidence shows.[^1]' : ''))]).flat(),
    '[^1]: The note on the evidence, from the 2025 review.',
  ].join('\n\n');
  const long = '/en/consultations/in-depth-v1';
  let held: ConsultationPage;
  const section = (n: number) => held.version.blocks.find((b) => b.text === `Part ${n}`)!;
  const paragraphOf = (s: number, p: number) => held.version.blocks.find((b) => b.text.startsWith(`Section ${s} paragraph ${p}:`))!;

  beforeAll(async () => {
    const group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
    await createReport(t.db, chair, group, { slug: 'in-depth', title: 'Foundational learning in depth', markdown: LONG }, 'en');
    await publishReport(t.db, chair, group, (await reportOf(t.db, chair, group, 'in-depth'))!.report, 'prefinal');
    const target = (await getConsultationTarget(t.db, chair, group, 'in-depth', 1))!;
    expect(await openConsultation(t.db, chair, target, settings({ questions: [] }), 'en')).toEqual({ ok: true, slug: 'in-depth-v1' });
    held = (await getConsultation(t.db, 'in-depth-v1'))!;
    await addComment(t.db, held, { who: { email: 'long-reader@example.org', name: 'Long Reader', locale: 'en', group: 'researcher', country: 'IN' }, on: 'Section 5 paragraph 2:', body: 'On part five.', locale: 'en', hoursAgo: 2 });
  });

  it('is read a section at a time: its page has the contents with each section’s comments, and only the first section', async () => {
    const res = await t.app.inject({ url: long });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Section 1 paragraph 8:');
    expect(res.body).not.toContain('Section 2 paragraph 1:');
    expect(res.body).toContain(`<a href="${long}/s/${section(5).id}">Part 5</a><span class="hint"> (1 comment)</span>`);
    expect(res.body).toContain(`<a href="${long}/s/${section(2).id}" rel="next">`);
    expect(res.body).toContain(`href="${long}/whole"`);
    // A short report is one page: its "whole" address sends the reader to it.
    const short = await t.app.inject({ url: `${base}/whole` });
    expect([short.statusCode, short.headers.location]).toEqual([301, base]);
    expect((await t.app.inject({ url: base })).body).not.toContain('/whole');
  });

  it('a section’s page has its paragraphs, the notes they refer to, and the sections before and after it', async () => {
    const res = await t.app.inject({ url: `${long}/s/${section(3).id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Section 3 paragraph 1:');
    expect(res.body).toContain('Section 3 paragraph 8:');
    expect(res.body).not.toContain('Section 4 paragraph 1:');
    expect(res.body).toContain('The note on the evidence, from the 2025 review.');
    expect(res.body).toMatch(/<a href="#fn-1"[^>]*>1<\/a>/);
    expect(res.body).toContain(`<a href="${long}/s/${section(2).id}" rel="prev">`);
    expect(res.body).toContain(`<a href="${long}/s/${section(4).id}" rel="next">`);
    expect(res.body).toContain('Section 3 of 12');
    // Without the note, another section's page has none.
    expect((await t.app.inject({ url: `${long}/s/${section(4).id}` })).body).not.toContain('The note on the evidence');
    expect((await t.app.inject({ url: `${long}/s/${paragraphOf(3, 2).id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `${base}/s/${block(2).id}` })).statusCode).toBe(200);
  });

  it('the whole report is one link away, and a paragraph’s page leads back to its section', async () => {
    const whole = await t.app.inject({ url: `${long}/whole` });
    expect(whole.statusCode).toBe(200);
    for (let s = 1; s <= 12; s++) expect(whole.body).toContain(`Section ${s} paragraph 8:`);
    const p = await t.app.inject({ url: `${long}/p/${paragraphOf(5, 2).id}` });
    expect(p.body).toContain(`href="${long}/s/${section(5).id}#${paragraphOf(5, 2).id}"`);
    expect(p.body).toContain('On part five.');
    const withNote = await t.app.inject({ url: `${long}/p/${paragraphOf(3, 1).id}` });
    expect(withNote.body).toContain('The note on the evidence, from the 2025 review.');
  });
});
