import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { auditLog } from '../../platform/audit/schema.js';
import { translatableKinds } from '../../platform/catalog.js';
import { translationOverview, type TranslationState } from '../../platform/translations/service.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { ForbiddenError } from '../../platform/policy.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { addCycle, addSurvey, addTheme, question } from './factories.js';
import { priorityCycles, priorityThemes, type Question } from './schema.js';
import { openSurvey, saveQuestion, saveSettings } from './authoring.js';
import { surveyBySlug } from './respond.js';
import { saveCycle } from './cycles.js';
import { surveyQuestionTranslations } from './translations.js';

/**
 * Translating surveys and priority-setting on the translation screen: a survey's texts at any time,
 * a draft's questions (text, help, each option and grid row) until it opens, a cycle's texts with
 * the decision's reasons, and each proposed theme — each save audited, each change of an original
 * marking its translations outdated.
 */
const DAY = 86_400_000;
const QUESTIONS: Question[] = [
  question({
    key: 'reading',
    page: 1,
    type: 'single',
    required: true,
    text: { en: 'How do children in your school learn to read?' },
    help: { en: 'Choose the closest.' },
    choices: [
      { key: 'phonics', label: { en: 'Phonics' } },
      { key: 'whole-words', label: { en: 'Whole words' } },
      { key: 'both', label: { en: 'Both' } },
    ],
  }),
  question({
    key: 'channels',
    page: 1,
    type: 'matrix',
    text: { en: 'How useful are these?' },
    rows: [{ key: 'newsletter', label: { en: 'The newsletter' } }],
    choices: [
      { key: 'very', label: { en: 'Very useful' } },
      { key: 'not', label: { en: 'Not useful' } },
    ],
  }),
];

let t: TestApp;
let secretariat: string;
let draftId: string;

const secretariatActor = async () => (await actorByEmail(t.db, 'sec@example.org'))!;
const states = async (kind: string, locale: Locale, state?: TranslationState) =>
  (await translationOverview(t.db, await secretariatActor(), translatableKinds(), { locale, kind, state, page: 1 })).rows.map((r) => ({ id: r.item.id, state: r.state }));

beforeAll(async () => {
  t = await testApp();
  secretariat = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  const draft = await addSurvey(t.db, { slug: 'reading-methods', title: { en: 'Reading methods', fr: 'Méthodes de lecture' }, intro: { en: 'Five questions.' }, questions: QUESTIONS, locales: ['en', 'ar'] });
  draftId = draft!.id;
  await addSurvey(t.db, { slug: 'open-now', title: { en: 'Open now' }, questions: QUESTIONS, locales: ['en'], opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 10 * DAY) });
}, 120_000);
afterAll(() => t.close());

describe('translating a survey on the translation screen', () => {
  it('lists a survey’s texts and a draft’s questions by what is missing, but not the questions of an open survey', async () => {
    const surveysInFr = await states('survey', 'fr', 'current');
    expect(surveysInFr).toEqual([]); // its introduction is not in French yet
    expect((await states('survey', 'fr')).map((r) => r.id)).toContain(draftId);
    const questions = await states('survey-question', 'ar');
    expect(questions).toEqual([
      { id: `${draftId}.reading`, state: 'missing' },
      { id: `${draftId}.channels`, state: 'missing' },
    ]);
    const open = (await surveyBySlug(t.db, 'open-now'))!;
    expect((await states('survey', 'ar')).map((r) => r.id)).toContain(open.id);
    expect(questions.map((r) => r.id)).not.toContain(`${open.id}.reading`);
  });

  it('a Secretariat translates a question’s options one by one into Arabic; once opened, the Arabic pages offer them in Arabic; the save is audited', async () => {
    const task = `/en/admin/translations/survey-question/${draftId}.reading/ar`;
    const page = await t.app.inject({ url: task, headers: { cookie: secretariat } });
    expect(page.statusCode).toBe(200);
    for (const name of ['text', 'help', 'choice-phonics', 'choice-whole-words', 'choice-both']) expect(page.body).toContain(`name="${name}"`);
    expect(page.body).toContain('Option 3');
    const saved = await submitForm(t, {
      page: task,
      action: task,
      cookie: secretariat,
      fields: { text: 'كيف يتعلم الأطفال القراءة في مدرستك؟', help: 'اختر الأقرب.', 'choice-phonics': 'الطريقة الصوتية', 'choice-whole-words': 'الكلمات الكاملة', 'choice-both': 'كلاهما' },
    });
    expect(saved.statusCode).toBe(303);
    let s = (await surveyBySlug(t.db, 'reading-methods'))!;
    expect(s.questions[0]!.choices.map((c) => c.label)).toEqual([
      { en: 'Phonics', ar: 'الطريقة الصوتية' },
      { en: 'Whole words', ar: 'الكلمات الكاملة' },
      { en: 'Both', ar: 'كلاهما' },
    ]);
    expect(s.questions[0]!.key).toBe('reading');
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'surveys.translate'));
    expect(audits.map((a) => [a.targetId, a.after])).toEqual([['reading-methods/reading', expect.objectContaining({ locale: 'ar', 'choice-both': 'كلاهما' })]]);
    expect(await states('survey-question', 'ar')).toEqual([{ id: `${draftId}.channels`, state: 'missing' }]);

    // The grid: its column and row labels, then the title; with every Arabic text written, the survey can open.
    const grid = `/en/admin/translations/survey-question/${draftId}.channels/ar`;
    const gridPage = await t.app.inject({ url: grid, headers: { cookie: secretariat } });
    expect(gridPage.body).toContain('Column 2 of the grid');
    expect(gridPage.body).toContain('Row 1 of the grid');
    await submitForm(t, { page: grid, action: grid, cookie: secretariat, fields: { text: 'ما مدى فائدة ما يلي؟', 'choice-very': 'مفيد جدًا', 'choice-not': 'غير مفيد', 'row-newsletter': 'النشرة الإخبارية' } });
    const title = `/en/admin/translations/survey/${draftId}/ar`;
    await submitForm(t, { page: title, action: title, cookie: secretariat, fields: { title: 'طرق القراءة', intro: 'خمسة أسئلة.' } });
    s = (await surveyBySlug(t.db, 'reading-methods'))!;
    const who = await secretariatActor();
    expect(await openSurvey(t.db, who, s, new Date(Date.now() - 1000), new Date(Date.now() + 10 * DAY))).toEqual({ ok: true });

    const member = await signedIn(t, { email: 'teacher@school.example', roles: ['member'] });
    const about = await submitForm(t, { page: '/ar/surveys/reading-methods/about', action: '/ar/surveys/reading-methods/about', fields: { stakeholder: 'teacher', country: 'EG' }, cookie: member });
    expect(about.headers.location).toBe('/ar/surveys/reading-methods/page/1');
    const form = (await t.app.inject({ url: '/ar/surveys/reading-methods/page/1', headers: { cookie: about.cookie } })).body;
    expect(form).toContain('طرق القراءة');
    expect(form).toContain('الطريقة الصوتية');
    expect(form).toContain('الكلمات الكاملة');
    expect(form).toContain('النشرة الإخبارية');
  });

  it('refuses a question’s translation once the survey has opened (as the question form does), but still takes its title’s', async () => {
    const open = (await surveyBySlug(t.db, 'open-now'))!;
    const task = `/en/admin/translations/survey-question/${open.id}.reading/fr`;
    expect((await t.app.inject({ url: task, headers: { cookie: secretariat } })).statusCode).toBe(403);
    await expect(surveyQuestionTranslations.save(t.db, await secretariatActor(), `${open.id}.reading`, 'fr', { text: 'Comment ?' })).rejects.toThrow(ForbiddenError);
    expect((await surveyBySlug(t.db, 'open-now'))!.questions[0]!.text).toEqual({ en: 'How do children in your school learn to read?' });
    const title = `/en/admin/translations/survey/${open.id}/fr`;
    expect((await submitForm(t, { page: title, action: title, cookie: secretariat, fields: { title: 'Ouverte maintenant' } })).statusCode).toBe(303);
    expect((await surveyBySlug(t.db, 'open-now'))!.title).toEqual({ en: 'Open now', fr: 'Ouverte maintenant' });
  });

  it('refuses a member who is not of the Secretariat, who cannot even see the form', async () => {
    const member = await signedIn(t, { email: 'member@example.org', roles: ['member'] });
    const who = (await actorByEmail(t.db, 'member@example.org'))!;
    const draft = await addSurvey(t.db, { slug: 'another-draft', title: { en: 'Another draft' }, questions: QUESTIONS });
    expect((await t.app.inject({ url: `/en/admin/translations/survey-question/${draft!.id}.reading/fr`, headers: { cookie: member } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/en/admin/translations/survey/${draft!.id}/fr`, headers: { cookie: member } })).statusCode).toBe(403);
    await expect(surveyQuestionTranslations.save(t.db, who, `${draft!.id}.reading`, 'fr', { text: 'Piraté' })).rejects.toThrow(ForbiddenError);
    expect((await surveyBySlug(t.db, 'another-draft'))!.questions[0]!.text.fr).toBeUndefined();
  });

  it('an edit of the original on the question or settings form marks its translations outdated; the translation screen brings them up to date', async () => {
    const draft = (await addSurvey(t.db, { slug: 'outdated', title: { en: 'Outdated', fr: 'Périmée' }, questions: QUESTIONS }))!;
    const who = await secretariatActor();
    const task = `/en/admin/translations/survey-question/${draft.id}.reading/fr`;
    await submitForm(t, { page: task, action: task, cookie: secretariat, fields: { text: 'Comment les enfants apprennent-ils à lire ?', help: 'Choisissez le plus proche.', 'choice-phonics': 'Méthode syllabique', 'choice-whole-words': 'Méthode globale', 'choice-both': 'Les deux' } });
    expect(await states('survey-question', 'fr', 'current')).toEqual([{ id: `${draft.id}.reading`, state: 'current' }]);

    // The question form changes one option's English label only.
    let s = (await surveyBySlug(t.db, 'outdated'))!;
    const q = s.questions[0]!;
    const edited = { ...q, choices: q.choices.map((c) => (c.key === 'both' ? { ...c, label: { ...c.label, en: 'A mix of both' } } : c)) };
    expect(await saveQuestion(t.db, who, s, edited, 'reading')).toEqual({ ok: true });
    expect(await states('survey-question', 'fr', 'outdated')).toEqual([{ id: `${draft.id}.reading`, state: 'outdated' }]);
    const form = (await t.app.inject({ url: task, headers: { cookie: secretariat } })).body;
    expect(form).toContain('A mix of both');
    expect(form.match(/tag-outdated/g)).toHaveLength(1); // only that option's field
    await submitForm(t, { page: task, action: task, cookie: secretariat, fields: { text: 'Comment les enfants apprennent-ils à lire ?', help: 'Choisissez le plus proche.', 'choice-phonics': 'Méthode syllabique', 'choice-whole-words': 'Méthode globale', 'choice-both': 'Un mélange des deux' } });
    expect(await states('survey-question', 'fr', 'outdated')).toEqual([]);

    // The settings form: the English title changes, the French one does not — outdated; both change — up to date.
    s = (await surveyBySlug(t.db, 'outdated'))!;
    const settings = { audience: s.audience, anonymous: s.anonymous, resultsPublic: s.resultsPublic, locales: ['en', 'fr'] as Locale[], incomeYear: s.incomeYear };
    await saveSettings(t.db, who, s, settings, { title: { en: 'Out of date', fr: 'Périmée' }, intro: s.intro, thanks: s.thanks });
    expect(await states('survey', 'fr', 'outdated')).toEqual([{ id: draft.id, state: 'outdated' }]);
    s = (await surveyBySlug(t.db, 'outdated'))!;
    await saveSettings(t.db, who, s, settings, { title: { en: 'Out of date', fr: 'Dépassée' }, intro: s.intro, thanks: s.thanks });
    expect(await states('survey', 'fr', 'outdated')).toEqual([]);
  });
});

describe('translating priority-setting on the translation screen', () => {
  it('translates a cycle with its decision and a theme’s reason, and a proposed theme in its proposer’s language; an edit of the cycle’s title marks its translation outdated', async () => {
    const now = Date.now();
    const cycle = (await addCycle(t.db, {
      slug: 'priorities-2030',
      title: { en: 'Priority themes for 2030' },
      intro: { en: 'Choose up to three themes.' },
      proposalsOpenAt: new Date(now - 40 * DAY),
      proposalsCloseAt: new Date(now - 30 * DAY),
      votingOpensAt: new Date(now - 20 * DAY),
      votingClosesAt: new Date(now - 10 * DAY),
    }))!;
    const themeId = await addTheme(t.db, cycle.id, { title: { fr: 'Lire dans sa langue' }, description: { fr: 'Enseigner d’abord dans la langue de la maison.' }, originalLocale: 'fr' });
    await t.db.update(priorityThemes).set({ adopted: true, reason: { en: 'First choice in every region.' } }).where(eq(priorityThemes.id, themeId));
    await t.db.update(priorityCycles).set({ decidedAt: new Date(now - DAY), decision: { en: 'One theme adopted.' } }).where(eq(priorityCycles.id, cycle.id));

    expect(await states('priority-cycle', 'ar')).toEqual([{ id: cycle.id, state: 'missing' }]);
    expect(await states('priority-theme', 'en')).toEqual([{ id: themeId, state: 'missing' }]);
    expect(await states('priority-theme', 'fr')).toEqual([]); // its original

    const task = `/en/admin/translations/priority-cycle/${cycle.id}/ar`;
    const page = await t.app.inject({ url: task, headers: { cookie: secretariat } });
    expect(page.body).toContain(`name="reason-${themeId}"`);
    expect(page.body).toContain('Reason for “Lire dans sa langue”');
    const saved = await submitForm(t, { page: task, action: task, cookie: secretariat, fields: { title: 'المواضيع ذات الأولوية لعام 2030', intro: 'اختر ما يصل إلى ثلاثة مواضيع.', decision: 'اعتُمد موضوع واحد.', [`reason-${themeId}`]: 'الخيار الأول في كل منطقة.' } });
    expect(saved.statusCode).toBe(303);
    expect(await states('priority-cycle', 'ar', 'current')).toEqual([{ id: cycle.id, state: 'current' }]);
    const [theme] = await t.db.select().from(priorityThemes).where(eq(priorityThemes.id, themeId));
    expect(theme!.reason).toEqual({ en: 'First choice in every region.', ar: 'الخيار الأول في كل منطقة.' });

    const themeTask = `/en/admin/translations/priority-theme/${themeId}/en`;
    await submitForm(t, { page: themeTask, action: themeTask, cookie: secretariat, fields: { title: 'Reading in one’s own language', description: 'Teaching first in the language of home.' } });
    const arabic = (await t.app.inject({ url: '/ar/priorities/priorities-2030' })).body;
    expect(arabic).toContain('اعتُمد موضوع واحد.');
    expect(arabic).toContain('الخيار الأول في كل منطقة.');
    expect((await t.app.inject({ url: '/en/priorities/priorities-2030' })).body).toContain('Reading in one’s own language');
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'priorities.translate'));
    expect(audits.map((a) => a.targetType).sort()).toEqual(['priority-cycle', 'priority-theme']);

    // The cycle form (before the decision) changes the English title: its Arabic translation is outdated.
    const open = (await addCycle(t.db, { slug: 'priorities-2031', title: { en: 'Priority themes for 2031' }, proposalsOpenAt: new Date(now - DAY), proposalsCloseAt: new Date(now + 10 * DAY), votingOpensAt: new Date(now + 20 * DAY), votingClosesAt: new Date(now + 30 * DAY) }))!;
    const openTask = `/en/admin/translations/priority-cycle/${open.id}/ar`;
    await submitForm(t, { page: openTask, action: openTask, cookie: secretariat, fields: { title: 'المواضيع ذات الأولوية لعام 2031' } });
    const fresh = (await t.db.select().from(priorityCycles).where(eq(priorityCycles.id, open.id)))[0]!;
    const iso = (d: Date) => d.toISOString().slice(0, 16);
    const input = { slug: undefined, title: 'Priorities for 2031', intro: undefined, method: open.method, approvalLimit: open.approvalLimit, weighting: open.weighting, proposalsOpenAt: iso(open.proposalsOpenAt), proposalsCloseAt: iso(open.proposalsCloseAt), votingOpensAt: iso(open.votingOpensAt), votingClosesAt: iso(open.votingClosesAt) };
    const dates = { proposalsOpenAt: open.proposalsOpenAt, proposalsCloseAt: open.proposalsCloseAt, votingOpensAt: open.votingOpensAt, votingClosesAt: open.votingClosesAt };
    expect(await saveCycle(t.db, await secretariatActor(), fresh, input, dates, 'en', new Date())).toEqual({ ok: true });
    expect((await states('priority-cycle', 'ar', 'outdated')).map((r) => r.id)).toEqual([open.id]);
  });

  it('refuses a member who is not of the Secretariat', async () => {
    const member = await signedIn(t, { email: 'voter@example.org', roles: ['member'] });
    const [cycle] = await t.db.select().from(priorityCycles).where(eq(priorityCycles.slug, 'priorities-2030'));
    expect((await t.app.inject({ url: `/en/admin/translations/priority-cycle/${cycle!.id}/fr`, headers: { cookie: member } })).statusCode).toBe(403);
    const kind = translatableKinds().find((k) => k.kind === 'priority-cycle')!;
    await expect(kind.save(t.db, await actorByEmail(t.db, 'voter@example.org'), cycle!.id, 'fr', { title: 'Piraté' })).rejects.toThrow(ForbiddenError);
  });
});
