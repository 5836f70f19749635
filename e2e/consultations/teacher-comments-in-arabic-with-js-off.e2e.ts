import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeCheck, prepareAxe, startE2E, type E2E } from '../fixtures.js';
import { translate } from '../../src/platform/i18n/messages.js';

/**
 * A teacher in Chad with no account comments in Arabic, JavaScript off, on the Foundational Learning
 * consultation: from a paragraph of section 3 (language of instruction) she takes part with her name
 * and address, signs in from the e-mail, fills her profile, makes a mistake (an empty comment), then
 * answers the section's guiding question in Arabic. The comment appears under the paragraph with the
 * question it answers, in Arabic, and the paragraph's count on the report goes up by one.
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

const ar = (key: string, values?: Record<string, string | number>) => translate('ar', key, values);
const REPORT = '/ar/consultations/background-report-v1';
/** The first words of the paragraph of section 3, "3. Language of instruction". */
const PARAGRAPH = 'Children learn to read faster in a language they speak';
const QUESTION = 'Which languages do children in your schools speak at home, and in which language do they learn to read?';
const EMAIL = 'khadidja.mahamat@ecole-abeche.example.org';
const COMMENT = 'في مدرستي في أبشي يتكلم الأطفال العربية التشادية والمبا في البيت، ويتعلمون القراءة بالعربية الفصحى ثم بالفرنسية. نحتاج إلى كتب قراءة قصيرة باللغتين.';

/**
 * axe on the page exactly as the reader without JavaScript sees it now: no violation (WCAG 2.2 AA).
 * axe cannot run in a page with JavaScript off (its timers never fire, so `axeCheck` never returns):
 * the page's HTML is shown, at its own address, in a page of a second context that has JavaScript,
 * where the stylesheets load from the app as usual. Forms shown again with errors (answers to a POST)
 * are checked as they are, which reloading their address could not do.
 */
let axeContext: BrowserContext | undefined;
async function expectAxeClean(page: Page, what: string) {
  // A click that follows a link returns once the navigation has begun: the page is taken once it has loaded.
  await page.waitForLoadState();
  const html = await page.content();
  const address = page.url().split('#')[0]!;
  if (!axeContext) {
    axeContext = await e.context();
    await prepareAxe(axeContext);
  }
  const twin = await axeContext.newPage();
  await twin.route((u) => u.href.split('#')[0] === address, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await twin.goto(address);
  const r = await axeCheck(twin);
  await twin.close();
  if (r.incomplete.length) console.info(`axe could not decide on ${what}: ${r.incomplete.join(', ')}`);
  expect(r.violations, `axe on ${what} (${address})`).toEqual([]);
}

/** The paragraph of section 3 on the report page, and its "comment on this paragraph" link. */
const paragraph = (page: Page) => page.locator('article.commentable > .block', { hasText: PARAGRAPH });

it('a teacher from Chad takes part, answers the section’s guiding question in Arabic, without JavaScript', async () => {
  const context = await e.context({ javaScriptEnabled: false, locale: 'ar-TD' });
  // A step that cannot happen fails in seconds, saying which.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();

  // The report, in the Arabic interface: the paragraph has two comments so far.
  await page.goto(REPORT);
  expect(await page.locator('html').getAttribute('lang')).toBe('ar');
  expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  await expectAxeClean(page, 'the report page in Arabic');
  const link = paragraph(page).locator('.block-comments a');
  expect((await link.textContent())!.trim()).toBe(ar('consultations.commentsOn', { n: 2 }));
  await link.click();

  // The paragraph's page: the paragraph quoted, the section's question, and a way to take part.
  expect(page.url()).toMatch(/\/ar\/consultations\/background-report-v1\/p\/[\w-]+$/);
  const paragraphPage = new URL(page.url()).pathname;
  expect(await page.locator('blockquote.quoted-block').textContent()).toContain(PARAGRAPH);
  expect(await page.locator('section.questions').textContent()).toContain(QUESTION);
  await page.getByRole('link', { name: ar('consultations.takePart'), exact: true }).click();

  // Taking part: a name and an address; the sign-in link comes by e-mail.
  expect(new URL(page.url()).pathname).toBe('/ar/consultations/take-part');
  await expectAxeClean(page, 'the take-part form in Arabic');
  await page.getByLabel(ar('consultations.takePartForm.name')).fill('خديجة محمد');
  await page.getByLabel(ar('consultations.takePartForm.email')).fill(EMAIL);
  await page.getByRole('button', { name: ar('consultations.takePartForm.submit') }).click();
  expect(await page.locator('main').textContent()).toContain(ar('consultations.takePartForm.sent'));

  const mail = await e.lastMailTo(EMAIL);
  expect(mail?.locale).toBe('ar');
  const signIn = mail!.text.match(/http:\/\/127\.0\.0\.1:\d+\/ar\/sign-in\/link\/\S+/)![0];
  await page.goto(signIn);
  await page.getByRole('button', { name: ar('auth.confirm.button') }).click();

  // Back on the paragraph, signed in: the profile is asked once, before the first comment.
  expect(new URL(page.url()).pathname).toBe(paragraphPage);
  await page.getByRole('link', { name: ar('consultations.profileLink') }).click();
  expect(new URL(page.url()).pathname).toBe('/ar/consultations/profile');
  await expectAxeClean(page, 'the profile form in Arabic');
  await page.getByLabel(ar('consultations.profile.group')).selectOption({ label: ar('consultations.groups.teacher') });
  await page.getByLabel(ar('consultations.profile.country')).selectOption('TD');
  await page.getByRole('button', { name: ar('consultations.profile.save') }).click();

  // The comment form, on the paragraph's page.
  expect(new URL(page.url()).pathname).toBe(paragraphPage);
  await expectAxeClean(page, 'the paragraph page with the comment form, in Arabic');
  const body = page.getByLabel(ar('consultations.fields.body'));
  const language = page.getByLabel(ar('consultations.fields.locale'));
  const question = page.getByLabel(ar('consultations.fields.question'));
  expect(await language.inputValue()).toBe('ar');

  // A mistake: sent empty, after choosing French and the question. The form comes back with a clear
  // message in Arabic, and what was chosen still chosen.
  await language.selectOption('fr');
  await question.selectOption({ label: QUESTION });
  await page.getByRole('button', { name: ar('consultations.send') }).click();
  const summary = page.locator('.error-summary');
  expect(await summary.count()).toBe(1);
  expect(await summary.textContent()).toContain(`${ar('consultations.fields.body')}: ${ar('form.errors.required')}`);
  expect(await page.locator('.field.has-error .field-error').textContent()).toContain(ar('form.errors.required'));
  expect(await body.getAttribute('aria-invalid')).toBe('true');
  expect(await language.inputValue()).toBe('fr');
  expect(await question.locator('option:checked').textContent()).toBe(QUESTION);
  await expectAxeClean(page, 'the comment form with an error, in Arabic');

  // She writes in Arabic after all.
  await language.selectOption('ar');
  await body.fill(COMMENT);
  await page.getByRole('button', { name: ar('consultations.send') }).click();
  expect(page.url()).toContain('notice=posted');
  expect(await page.getByRole('status').first().textContent()).toContain(ar('consultations.notices.posted'));

  // The comment is under the paragraph: her name, her group and country, the question it answers, in Arabic.
  const mine = page.locator('ol.comments > li.comment', { hasText: COMMENT });
  expect(await mine.count()).toBe(1);
  const author = (await mine.locator('.comment-author').textContent())!;
  expect(author).toContain('خديجة محمد');
  expect(author).toContain(ar('consultations.groups.teacher'));
  expect(author).toContain('تشاد');
  const answering = mine.locator('p.hint', { hasText: ar('consultations.answering') });
  expect(await answering.count(), 'the comment says which question it answers').toBe(1);
  expect(await answering.textContent()).toContain(QUESTION);
  // The question has no Arabic text: shown in English, marked as such.
  expect(await answering.locator('[lang="en"]').textContent()).toBe(QUESTION);
  const text = mine.locator('.comment-body');
  expect((await text.textContent())!.trim()).toBe(COMMENT);
  expect(await text.evaluate((el) => el.closest('[lang]')!.getAttribute('lang'))).toBe('ar');
  expect(await text.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

  // On the report, the paragraph's count went up by one.
  await page.goto(REPORT);
  expect((await paragraph(page).locator('.block-comments a').textContent())!.trim()).toBe(ar('consultations.commentsOn', { n: 3 }));

  // The same paragraph page, with the form, in English and French: the Arabic comment keeps its language and direction.
  for (const locale of ['en', 'fr'] as const) {
    await page.goto(paragraphPage.replace(/^\/ar\//, `/${locale}/`));
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    expect(await page.getByRole('button', { name: translate(locale, 'consultations.send') }).count()).toBe(1);
    const shown = page.locator('ol.comments > li.comment', { hasText: COMMENT }).locator('.comment-body');
    expect(await shown.getAttribute('lang')).toBe('ar');
    expect(await shown.getAttribute('dir')).toBe('rtl');
    await expectAxeClean(page, `the paragraph page with the comment form, in ${locale}`);
  }
});
