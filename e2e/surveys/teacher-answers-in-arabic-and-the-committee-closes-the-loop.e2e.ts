import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { axeCheck, prepareAxe, startE2E, type E2E } from '../fixtures.js';
import { translate } from '../../src/platform/i18n/messages.js';
import { runDueJobs } from '../../src/platform/jobs/queue.js';
import { createTransport, deliverDueMail } from '../../src/platform/mail/delivery.js';
import { startSmtpSink, type SmtpSink } from '../../src/testing/smtp.js';
import { priorityCycles, priorityBallots, surveyResponses, surveys } from '../../src/modules/surveys/schema.js';
import { surveysModule } from '../../src/modules/surveys/module.js';
import { YOU_SAID_JOB } from '../../src/modules/surveys/service.js';
import { addSurvey, question } from '../../src/modules/surveys/factories.js';

/**
 * The demo's open survey of members ("The newsletter: what do you read?") informs the 2027 priority
 * vote. A teacher answers it in Arabic on a phone with JavaScript off: "About you", a page, leaves
 * for later, comes back, finishes and sends. A member votes on the priority themes. The vote
 * closes; the Steering Committee adopts themes with its reasons; both are told "you said, we did"
 * by e-mail (real SMTP, read back with mailparser), each in the language they took part in. A member
 * answers, in French with JavaScript off, a survey of the other kinds of question (short and long
 * text, a number, a matrix, a ranking): a required text left empty, a number out of range, a matrix
 * row left unanswered and two items ranked at the same place come back in French with what was typed
 * kept, and the response stored is what was typed and chosen. And every page of answering and
 * voting passes axe in English, French and Arabic.
 */
let e: E2E;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
  e = await startE2E();
  // This survey informs the 2027 cycle: its respondents are told what was decided.
  const [cycle] = await e.t.db.select().from(priorityCycles).where(eq(priorityCycles.slug, 'priorities-2027'));
  await e.t.db.update(surveys).set({ cycleId: cycle!.id }).where(eq(surveys.slug, 'newsletter-readers'));
});
afterAll(async () => {
  await e.close();
  await smtp.stop();
});

const SURVEY = 'newsletter-readers';
const next = (page: Page) => page.locator('button[value="next"]').click();

it('a teacher answers in Arabic on a phone with JavaScript off, leaves and resumes; a member votes; the Committee decides and both are told', async () => {
  const phone = { javaScriptEnabled: false, locale: 'ar-EG', viewport: { width: 390, height: 844 }, isMobile: true };
  const teacher = await (await e.signedInContext({ email: 'samira.teacher@example.org', name: 'سميرة', roles: ['member'] }, phone)).newPage();
  await teacher.goto(`/ar/surveys/${SURVEY}`);
  expect(await teacher.locator('html').getAttribute('dir')).toBe('rtl');
  expect(await teacher.locator('h1').textContent()).toBe('النشرة الإخبارية: ماذا تقرأ؟');
  await teacher.locator('main a.button-link').click();
  // "About you": sent without a country first — the form comes back with the choice kept.
  await teacher.locator('#f-stakeholder-3').check();
  await teacher.locator('main form button[type="submit"]').click();
  expect(await teacher.locator('.error-summary').count()).toBe(1);
  expect(await teacher.locator('#f-stakeholder-3').isChecked()).toBe(true);
  await teacher.locator('#f-country').selectOption('EG');
  await teacher.locator('main form button[type="submit"]').click();
  await teacher.waitForURL(/\/page\/1$/);
  await teacher.locator('#f-newsletter-read-2').check();
  await next(teacher);
  await teacher.waitForURL(/\/page\/2$/);
  await teacher.locator('#f-newsletter-useful-4').check();
  await teacher.locator('#f-newsletter-topics-2').check();
  // She leaves: her answers so far are kept.
  await teacher.locator('button[value="later"]').click();
  await teacher.waitForURL(new RegExp(`/ar/surveys/${SURVEY}\\?notice=saved$`));
  await teacher.goto('/ar/surveys');
  await teacher.goto(`/ar/surveys/${SURVEY}`);
  await teacher.locator(`main a[href="/ar/surveys/${SURVEY}/page/2"]`).click();
  expect(await teacher.locator('#f-newsletter-useful-4').isChecked()).toBe(true);
  expect(await teacher.locator('#f-newsletter-topics-2').isChecked()).toBe(true);
  await next(teacher);
  await teacher.waitForURL(/\/page\/3$/);
  await teacher.locator('#f-newsletter-since').fill('2024-05-01');
  await next(teacher);
  await teacher.waitForURL(/\/review$/);
  expect(await teacher.locator('main').innerText()).toContain('الممارسات الصفية');
  await teacher.locator('main form button[type="submit"]').click();
  await teacher.waitForURL(/notice=sent$/);
  expect(await teacher.locator('main').innerText()).toContain(translate('ar', 'surveys.respond.sent'));
  const [survey] = await e.t.db.select().from(surveys).where(eq(surveys.slug, SURVEY));
  const responses = await e.t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey!.id));
  expect(responses.map((r) => [r.answers, r.locale, r.stakeholder, r.region])).toEqual([[{ 'newsletter-read': 'sometimes', 'newsletter-useful': 4, 'newsletter-topics': ['practice'], 'newsletter-since': '2024-05-01' }, 'ar', 'teacher', 'arab-states']]);

  // A member votes on next year's themes, with JavaScript off: three approvals at most.
  const member = await (await e.signedInContext({ email: 'voter.member@example.org', name: 'Ana Voter', roles: ['member'] }, { javaScriptEnabled: false })).newPage();
  await member.goto('/en/priorities/priorities-2027/vote');
  await member.locator('#f-stakeholder').check();
  await member.locator('#f-country').selectOption('BR');
  const boxes = member.locator('input[name="themes"]');
  for (let i = 0; i < 4; i++) await boxes.nth(i).check();
  await member.locator('main form button[type="submit"]').click();
  expect(await member.locator('.error-summary').count()).toBe(1);
  await boxes.nth(3).uncheck();
  const ballotsBefore = (await e.t.db.select().from(priorityBallots)).length;
  await member.locator('main form button[type="submit"]').click();
  expect(await member.locator('main').innerText()).toContain(translate('en', 'priorities.vote.voted'));
  expect((await e.t.db.select().from(priorityBallots)).length).toBe(ballotsBefore + 1);
  // The ballot passes axe in English, French and Arabic while the vote is open.
  const checker = await e.signedInContext({ email: 'axe.voter@example.org', roles: ['member'] });
  await prepareAxe(checker);
  const ballot = await checker.newPage();
  const ballotProblems: string[] = [];
  for (const locale of ['en', 'fr', 'ar']) {
    const res = await ballot.goto(`/${locale}/priorities/priorities-2027/vote`);
    expect(res?.status()).toBe(200);
    ballotProblems.push(...(await axeCheck(ballot)).violations.map((v) => `${locale} vote: ${v}`));
  }
  expect(ballotProblems).toEqual([]);

  // The vote closes (its closing time moved to the past), and the Steering Committee decides.
  await e.t.db.update(priorityCycles).set({ votingClosesAt: new Date(Date.now() - 60_000) }).where(eq(priorityCycles.slug, 'priorities-2027'));
  const committee = await (await e.signedInContext({ email: 'amina.diallo@steering.example' })).newPage();
  await committee.goto('/en/admin/priorities/priorities-2027/decide');
  const themes = await committee.locator('fieldset.language-block').count();
  expect(themes).toBe(7);
  for (let i = 0; i < themes; i++) {
    const block = committee.locator('fieldset.language-block').nth(i);
    await block.locator('input[type="radio"]').nth(i < 2 ? 0 : 1).check();
    await block.locator('textarea').fill(i < 2 ? 'Chosen by members in every region.' : 'Fewer members chose it this year.');
  }
  await committee.locator('fieldset.language-block').first().locator('select').first().selectOption({ index: 1 });
  await committee.locator('#f-decision').fill('The Steering Committee adopts two themes for 2027.');
  await committee.locator('#f-nextSteps').fill('The working groups present their plans at the annual meeting.');
  await committee.locator('main form button[type="submit"]').click();
  await committee.waitForURL(/\/en\/priorities\/priorities-2027/);
  expect(await committee.locator('main').innerText()).toContain('The Steering Committee adopts two themes for 2027.');

  // "You said, we did": queued by the decision, delivered over SMTP.
  const transport = createTransport(smtp.url);
  let earlier = 0;
  for (let sent = 1; sent; earlier += sent) ({ sent } = await deliverDueMail(e.t.db, transport, 'Alliance <alliance@alliance.example>', 100));
  await smtp.waitFor(earlier);
  await runDueJobs(e.t.db, surveysModule.jobs!, { baseUrl: e.base, only: [YOU_SAID_JOB] });
  expect(await deliverDueMail(e.t.db, transport, 'Alliance <alliance@alliance.example>', 100)).toEqual({ sent: 2, failed: 0, retried: 0 });
  await smtp.waitFor(earlier + 2);
  const told = smtp.received.slice(earlier);
  const samira = told.find((m) => m.to.includes('samira.teacher@example.org'))!.mail;
  expect(samira.subject).toBe(translate('ar', 'surveys.youSaid.subject', { cycle: 'المواضيع ذات الأولوية لعام 2027' }));
  expect(samira.text).toContain('The Steering Committee adopts two themes for 2027.');
  expect(samira.text).toContain(`${e.base}/ar/priorities/priorities-2027`);
  const ana = told.find((m) => m.to.includes('voter.member@example.org'))!.mail;
  expect(ana.subject).toBe(translate('en', 'surveys.youSaid.subject', { cycle: 'Priority themes for 2027' }));
  expect(ana.text).toContain('Chosen by members in every region.');
}, 180_000);

/** The error summary of a French page: its title and heading in French, and each of its links leading to a field of the page. */
async function errorSummaryOf(page: Page): Promise<string> {
  expect(await page.title()).toMatch(new RegExp(`^${translate('fr', 'form.errorTitle', { title: '' })}`));
  const summary = page.locator('.error-summary');
  expect(await summary.count()).toBe(1);
  expect(await summary.locator('h2').innerText()).toBe(translate('fr', 'form.problem'));
  const links = summary.locator('a');
  for (let i = 0; i < (await links.count()); i++) {
    const href = (await links.nth(i).getAttribute('href'))!;
    expect(await page.locator(`main ${href}`).count(), href).toBe(1);
  }
  return summary.innerText();
}

it('a member answers texts, a number, a matrix and a ranking in French with JavaScript off; mistakes come back in French with what was typed kept; the response is stored as typed', async () => {
  const both = (en: string, fr: string) => ({ en, fr });
  const slug = 'classroom-practice';
  const survey = (await addSurvey(e.t.db, {
    slug,
    title: both('Your classroom practice', 'Votre pratique en classe'),
    locales: ['en', 'fr'],
    opensAt: new Date(Date.now() - 60_000),
    closesAt: new Date(Date.now() + 7 * 24 * 3600_000),
    questions: [
      question({ key: 'role', page: 1, type: 'short-text', required: true, text: both('What do you teach?', 'Qu’enseignez-vous ?') }),
      question({ key: 'lesson', page: 1, type: 'long-text', text: both('A lesson that worked', 'Une leçon qui a marché') }),
      question({ key: 'hours', page: 1, type: 'number', required: true, min: 0, max: 60, text: both('Hours you teach a week', 'Heures de cours par semaine') }),
      question({
        key: 'use',
        page: 2,
        type: 'matrix',
        required: true,
        text: both('How often do you use the guides?', 'À quelle fréquence utilisez-vous les guides ?'),
        rows: [
          { key: 'reading', label: both('Reading', 'Lecture') },
          { key: 'maths', label: both('Mathematics', 'Mathématiques') },
        ],
        choices: [
          { key: 'never', label: both('Never', 'Jamais') },
          { key: 'sometimes', label: both('Sometimes', 'Parfois') },
          { key: 'often', label: both('Often', 'Souvent') },
        ],
      }),
      question({
        key: 'needs',
        page: 2,
        type: 'ranking',
        required: true,
        text: both('What do you need most?', 'De quoi avez-vous le plus besoin ?'),
        choices: [
          { key: 'training', label: both('Training', 'Formation') },
          { key: 'materials', label: both('Materials', 'Matériel') },
          { key: 'time', label: both('Time to prepare', 'Temps de préparation') },
        ],
      }),
    ],
  }))!;
  const luc = await (await e.signedInContext({ email: 'luc.enseignant@example.org', name: 'Luc', roles: ['member'] }, { javaScriptEnabled: false, locale: 'fr-FR' })).newPage();
  await luc.goto(`/fr/surveys/${slug}`);
  await luc.locator('main a.button-link').click();
  await luc.locator('#f-stakeholder-3').check();
  await luc.locator('#f-country').selectOption('SN');
  await luc.locator('main form button[type="submit"]').click();
  await luc.waitForURL(/\/page\/1$/);

  // Page 1 sent with the required text left empty and more hours than a week can hold.
  const lesson = 'Lecture à voix haute, puis questions par deux.\nLes élèves ont tous participé.';
  await luc.locator('#f-lesson').fill(lesson);
  await luc.locator('#f-hours').fill('72');
  await next(luc);
  const first = await errorSummaryOf(luc);
  // The number's range is said beside the field, and its message names it.
  const range = { bounds: 'both', min: 0, max: 60 };
  expect(translate('fr', 'surveys.answerErrors.outOfRange', range)).toBe('Saisissez un nombre compris entre 0 et 60.');
  expect(await luc.locator('#f-hours-range').innerText()).toBe('Un nombre compris entre 0 et 60.');
  expect(await luc.locator('#f-hours').getAttribute('aria-describedby')).toBe('f-hours-range f-hours-error');
  expect(first).toContain(translate('fr', 'surveys.answerErrors.required'));
  expect(first).toContain(translate('fr', 'form.labelled', { label: 'Heures de cours par semaine', value: translate('fr', 'surveys.answerErrors.outOfRange', range) }));
  expect(await luc.locator('#f-role-error').innerText()).toContain(translate('fr', 'surveys.answerErrors.required'));
  expect(await luc.locator('#f-hours-error').innerText()).toContain(translate('fr', 'surveys.answerErrors.outOfRange', range));
  expect(await luc.locator('#f-lesson').inputValue()).toBe(lesson);
  expect(await luc.locator('#f-hours').inputValue()).toBe('72');
  await luc.locator('#f-role').fill('Professeur des écoles, CM2');
  // A decimal comma, as written in French.
  await luc.locator('#f-hours').fill('22,5');
  await next(luc);
  await luc.waitForURL(/\/page\/2$/);

  // Page 2 sent with a matrix row unanswered and two items at the same place (the items' lists are numbered
  // as options are: the first has the question's id).
  await luc.locator('#f-use-reading-3').check();
  await luc.locator('#f-needs').selectOption('1');
  await luc.locator('#f-needs-2').selectOption('1');
  await luc.locator('#f-needs-3').selectOption('3');
  await next(luc);
  const second = await errorSummaryOf(luc);
  const required = translate('fr', 'surveys.answerErrors.required');
  // The summary names the question and the row, and leads to the row's first radio.
  expect(second).toContain(translate('fr', 'form.labelled', { label: translate('fr', 'surveys.respond.rowLabel', { question: 'À quelle fréquence utilisez-vous les guides ?', row: 'Mathématiques' }), value: required }));
  expect(await luc.locator('.error-summary a[href="#f-use-maths"]').count()).toBe(1);
  expect(await luc.locator('#f-use-maths').getAttribute('name')).toBe('use:maths');
  expect(second).toContain(translate('fr', 'surveys.answerErrors.rankingPositions'));
  // The row's message is shown once, in the row's group, which it describes.
  expect(await luc.locator('main form .field-error', { hasText: required }).count()).toBe(1);
  expect(await luc.locator('fieldset.matrix-row:has(#f-use-maths) #f-use-maths-error').innerText()).toContain(required);
  expect(await luc.locator('fieldset.matrix-row:has(#f-use-maths)').getAttribute('aria-describedby')).toBe('f-use-maths-error');
  expect(await luc.locator('#f-use-reading-3').isChecked()).toBe(true);
  expect([await luc.locator('#f-needs').inputValue(), await luc.locator('#f-needs-2').inputValue(), await luc.locator('#f-needs-3').inputValue()]).toEqual(['1', '1', '3']);
  await luc.locator('#f-use-maths-2').check();
  await luc.locator('#f-needs').selectOption('2');
  await next(luc);
  await luc.waitForURL(/\/review$/);
  const review = await luc.locator('main').innerText();
  expect(review).toContain('Professeur des écoles, CM2');
  expect(review).toContain('22,5');
  // French puts a (non-breaking) space before a colon and a semicolon.
  expect(review).toContain('Mathématiques\u00a0: Parfois');
  expect(review).toContain('1. Matériel\u00a0; 2. Formation\u00a0; 3. Temps de préparation');
  await luc.locator('main form button[type="submit"]').click();
  await luc.waitForURL(/notice=sent$/);
  expect(await luc.locator('main').innerText()).toContain(translate('fr', 'surveys.respond.sent'));

  const responses = await e.t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id));
  expect(responses.map((r) => [r.answers, r.locale, r.stakeholder])).toEqual([
    [{ role: 'Professeur des écoles, CM2', lesson, hours: 22.5, 'use:reading': 'often', 'use:maths': 'sometimes', needs: ['materials', 'training', 'time'] }, 'fr', 'teacher'],
  ]);
}, 120_000);

it('every page of answering and voting passes axe in English, French and Arabic, and the Secretariat\'s survey and priority pages in French', async () => {
  const context = await e.signedInContext({ email: 'axe.member@example.org', roles: ['member'] });
  await prepareAxe(context);
  const page = await context.newPage();
  const problems: string[] = [];
  for (const locale of ['en', 'fr', 'ar']) {
    for (const path of [`/surveys`, `/surveys/${SURVEY}`, `/surveys/${SURVEY}/about`]) {
      await page.goto(`/${locale}${path}`);
      const r = await axeCheck(page);
      problems.push(...r.violations.map((v) => `${locale}${path}: ${v}`));
    }
  }
  // One pass through the pages with a draft (about → page 1 → 2 → 3 → review), checked in each language.
  await page.goto(`/en/surveys/${SURVEY}/about`);
  await page.locator('#f-stakeholder').check();
  await page.locator('#f-country').selectOption('FR');
  await page.locator('main form button[type="submit"]').click();
  await page.waitForURL(/\/page\/1$/);
  await page.locator('#f-newsletter-read').check();
  await next(page);
  await page.waitForURL(/\/page\/2$/);
  await page.locator('#f-newsletter-useful-5').check();
  await next(page);
  await page.waitForURL(/\/page\/3$/);
  await next(page);
  await page.waitForURL(/\/review$/);
  for (const locale of ['en', 'fr', 'ar']) {
    for (const path of [`/surveys/${SURVEY}/page/1`, `/surveys/${SURVEY}/page/2`, `/surveys/${SURVEY}/page/3`, `/surveys/${SURVEY}/review`, '/priorities', '/priorities/priorities-2026', '/priorities/priorities-2027']) {
      await page.goto(`/${locale}${path}`);
      const r = await axeCheck(page);
      problems.push(...r.violations.map((v) => `${locale}${path}: ${v}`));
    }
  }
  // The Secretariat's survey and priority pages in French (every page is checked in English and Arabic by the accessibility files).
  const sec = await e.signedInContext({ email: 'axe.secretariat@example.org', roles: ['secretariat'] });
  await prepareAxe(sec);
  const secPage = await sec.newPage();
  const closed = '/surveys/common-thematic-areas';
  for (const path of [
    '/admin/surveys',
    `/admin${closed}`,
    `/admin${closed}/settings`,
    `/admin${closed}/questions/new`,
    `/admin${closed}/enter`,
    `/admin${closed}/invite`,
    `/admin${closed}/texts`,
    `${closed}/results`,
    `${closed}/results?by=region`,
    `/admin/surveys/${SURVEY}`,
    '/admin/priorities',
    '/admin/priorities/priorities-2027',
    '/admin/priorities/priorities-2026',
  ]) {
    const res = await secPage.goto(`/fr${path}`);
    if (res?.status() !== 200) problems.push(`fr${path}: HTTP ${res?.status()}`);
    const r = await axeCheck(secPage);
    problems.push(...r.violations.map((v) => `fr${path}: ${v}`));
  }
  expect(problems).toEqual([]);
}, 180_000);
