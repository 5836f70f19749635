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

/**
 * The demo's open survey of members ("The newsletter: what do you read?") informs the 2027 priority
 * vote. A teacher answers it in Arabic on a phone with JavaScript off: "About you", a page, leaves
 * for later, comes back, finishes and sends. A member votes on the priority themes. The vote
 * closes; the Steering Committee adopts themes with its reasons; both are told "you said, we did"
 * by e-mail (real SMTP, read back with mailparser), each in the language they took part in. And
 * every page of answering and voting passes axe in English, French and Arabic.
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

it('every page of answering and voting passes axe in English, French and Arabic', async () => {
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
  expect(problems).toEqual([]);
}, 180_000);
