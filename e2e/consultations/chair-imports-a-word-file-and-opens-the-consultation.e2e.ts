import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CommentRangeEnd, CommentRangeStart, CommentReference, Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { axeCheck, prepareAxe, startE2E, type E2E } from '../fixtures.js';
import { translate } from '../../src/platform/i18n/messages.js';

/**
 * The chair of Foundational Learning (Awa Ndiaye) starts a report from a Word file: headings, a
 * paragraph with a footnote, a list, a table, and a reviewer's comment left in. The import shows the
 * Markdown in the form to review and says what could not be kept (the comment); she gives the report
 * its address, creates it, publishes it as the pre-final draft and opens a consultation on version 1
 * with a summary and a guiding question on the whole report. Readers see the report with its
 * headings, footnote and table, and the summary — in English, and in French, where the untranslated
 * report and summary keep their English language attribute.
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

const CHAIR = 'direction@ifse.example.org';
const GROUP = 'foundational-learning';
const en = (key: string, values?: Record<string, string | number>) => translate('en', key, values);

const TITLE = 'Teaching in the language children speak';
const FINDING = 'Children first taught to read in their home language read twice as fast by the end of grade 3';
const NOTE = 'Evaluations in Ethiopia, Kenya, Niger, Peru, the Philippines and Senegal, 2015 to 2023.';
const SUMMARY = 'Children learn to read faster in a language they know. Tell us how schools in your country manage the move to the language of instruction.';
const QUESTION = 'Which language do children in your schools first learn to read in?';

/** The Word file: a title, two levels of headings, a paragraph with a footnote, a bulleted list, a table, and a reviewer's comment. */
function wordFile(): Promise<Buffer> {
  const p = (...children: (string | TextRun | FootnoteReferenceRun | CommentRangeStart | CommentRangeEnd)[]) => new Paragraph({ children: children.map((c) => (typeof c === 'string' ? new TextRun(c) : c)) });
  const cell = (text: string) => new TableCell({ children: [p(text)] });
  return Packer.toBuffer(
    new Document({
      footnotes: { 1: { children: [p(NOTE)] } },
      comments: { children: [{ id: 0, author: 'Reviewer', children: [p('Which year is the cost from?')] }] },
      sections: [
        {
          children: [
            new Paragraph({ text: TITLE, heading: HeadingLevel.TITLE }),
            new Paragraph({ text: '1. What we found', heading: HeadingLevel.HEADING_1 }),
            p(`${FINDING}.`, new FootnoteReferenceRun(1)),
            new Paragraph({ text: 'What it takes', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: 'Books in the home language', bullet: { level: 0 } }),
            new Paragraph({ text: 'Teachers who speak it', bullet: { level: 0 } }),
            new Paragraph({ text: 'A plan for moving to the second language', bullet: { level: 0 } }),
            new Paragraph({ text: '2. What it costs', heading: HeadingLevel.HEADING_1 }),
            p(new CommentRangeStart(0), 'The extra cost is small.', new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })),
            new Table({
              rows: [
                new TableRow({ tableHeader: true, children: [cell('Country'), cell('Cost per child (USD)')] }),
                new TableRow({ children: [cell('Niger'), cell('4')] }),
                new TableRow({ children: [cell('Peru'), cell('9')] }),
              ],
            }),
          ],
        },
      ],
    }),
  );
}

async function expectAxeClean(page: Page, what: string) {
  const r = await axeCheck(page);
  if (r.incomplete.length) console.info(`axe could not decide on ${what}: ${r.incomplete.join(', ')}`);
  expect(r.violations, `axe on ${what} (${page.url()})`).toEqual([]);
}

/** What readers of the consultation page see of the report: headings, the footnote, the table, the summary. */
async function expectReport(page: Page) {
  const report = page.locator('article.report');
  expect(await page.locator('h1').textContent()).toBe(TITLE);
  // Word's Heading 1 and Heading 2 (Markdown ## and ###) stay two levels apart under the page's h1.
  expect(await report.locator('h2').allTextContents(), 'sections are h2').toEqual(['1. What we found', '2. What it costs']);
  expect(await report.locator('h3').allTextContents(), 'the sub-section is an h3').toEqual(['What it takes']);
  expect(await report.locator('li').allTextContents()).toEqual(['Books in the home language', 'Teachers who speak it', 'A plan for moving to the second language']);
  expect(await report.locator('table th').allTextContents()).toEqual(['Country', 'Cost per child (USD)']);
  expect(await report.locator('table td').allTextContents()).toEqual(['Niger', '4', 'Peru', '9']);
  // The footnote: a numbered reference in the paragraph that leads to the note, and the note's text.
  const ref = report.locator('.block', { hasText: FINDING }).locator('sup a');
  expect(await ref.textContent()).toBe('1');
  const target = (await ref.getAttribute('href'))!;
  expect(target).toMatch(/^#fn-/);
  expect(await page.locator(target).textContent()).toContain(NOTE);
  expect(await page.locator('.summary-box').textContent()).toContain(SUMMARY);
}

it('the chair imports a Word file, publishes it as the pre-final draft and opens a consultation; readers see it in English and French', async () => {
  const context = await e.signedInContext({ email: CHAIR });
  await prepareAxe(context);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();

  // The new-report form, then the Word file read into it.
  await page.goto(`/en/working-groups/${GROUP}/reports/new`);
  expect(await page.locator('h1').textContent()).toBe(en('workingGroups.reports.newTitle'));
  await expectAxeClean(page, 'the new-report form');
  await page.getByLabel(en('workingGroups.reports.import.file')).setInputFiles({ name: 'mother-tongue.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await wordFile() });
  await page.getByRole('button', { name: en('workingGroups.reports.import.submit') }).click();

  // The Markdown to review, the title taken from the file, and what could not be kept: the reviewer's comment.
  const problems = page.locator('.banner.warning');
  expect(await problems.locator('.banner-title').textContent()).toBe(en('workingGroups.reports.import.problems', { n: 1 }));
  expect(await problems.locator('li').allTextContents()).toEqual([translate('en', 'documents.import.comments', { n: 1 })]);
  expect(await page.getByLabel(en('workingGroups.reports.fields.title')).inputValue()).toBe(TITLE);
  const markdown = await page.getByLabel(en('workingGroups.reports.fields.markdown')).inputValue();
  expect(markdown).toContain(`# ${TITLE}\n`);
  // (The import escapes a heading's number, "1\\.", so that it is not read as a list: the same heading.)
  // Word's Title is the only level-1 heading; its Heading 1 and Heading 2 are sections and sub-sections, one level down.
  expect(markdown).toMatch(/\n## 1\\?\. What we found\n/);
  expect(markdown).toContain('\n### What it takes\n');
  expect(markdown).toContain(`${FINDING}.[^1]`);
  expect(markdown).toContain('- Books in the home language\n- Teachers who speak it\n- A plan for moving to the second language');
  expect(markdown.replace(/ +\|/g, ' |')).toContain('| Country | Cost per child (USD) |\n| --- | --- |\n| Niger | 4 |\n| Peru | 9 |');
  expect(markdown).toContain(`[^1]: ${NOTE}`);
  expect(markdown).not.toContain('Which year is the cost from?');
  await expectAxeClean(page, 'the new-report form with the imported file');

  // Her address for the report, and the report is created as a draft.
  await page.getByLabel(en('workingGroups.reports.fields.slug')).fill('mother-tongue');
  await page.getByRole('button', { name: en('workingGroups.reports.create') }).click();
  expect(new URL(page.url()).pathname).toBe(`/en/working-groups/${GROUP}/reports/mother-tongue/edit`);
  expect(await page.getByRole('status').first().textContent()).toContain(en('workingGroups.reports.notices.created'));
  await expectAxeClean(page, 'the report editor with the draft');

  // Published as the pre-final draft.
  await page.getByRole('button', { name: en('workingGroups.reports.publish.prefinal') }).click();
  expect(await page.getByRole('status').first().textContent()).toContain(en('workingGroups.reports.notices.prefinal'));

  // From the report's page, she opens a consultation on version 1.
  await page.goto(`/en/working-groups/${GROUP}/reports/mother-tongue`);
  await page.getByRole('link', { name: en('workingGroups.reports.openConsultation', { n: 1 }) }).click();
  expect(new URL(page.url()).pathname).toBe(`/en/consultations/new/${GROUP}/mother-tongue/1`);
  expect(await page.locator('h1').textContent()).toBe(en('consultations.settings.openTitle', { title: TITLE }));
  await expectAxeClean(page, 'the form to open a consultation');
  await page.getByLabel(en('consultations.settings.summary')).fill(SUMMARY);
  await page.getByLabel(en('consultations.settings.questionsGeneral')).fill(QUESTION);
  await page.getByRole('button', { name: en('consultations.settings.save') }).click();

  // The consultation's page, as the chair sees it.
  expect(new URL(page.url()).pathname).toBe('/en/consultations/mother-tongue-v1');
  await expectReport(page);
  expect(await page.locator('.summary-box li').allTextContents()).toEqual([QUESTION]);
  await expectAxeClean(page, 'the consultation page (chair)');

  // Its settings, from the consultation's page.
  await page.getByRole('link', { name: en('consultations.settings.link'), exact: true }).click();
  expect(new URL(page.url()).pathname).toBe('/en/consultations/mother-tongue-v1/settings');
  expect(await page.getByLabel(en('consultations.settings.summary')).inputValue()).toBe(SUMMARY);
  expect(await page.getByLabel(en('consultations.settings.questionsGeneral')).inputValue()).toBe(QUESTION);
  await expectAxeClean(page, 'the settings form');

  // An anonymous reader, in English, then in French: the report is not translated, so the French page
  // shows the original with its language attribute, and the summary marked as not yet translated.
  const reader = await (await e.context()).newPage();
  await prepareAxe(reader.context());
  await reader.goto('/en/consultations');
  await reader.getByRole('link', { name: TITLE }).click();
  expect(new URL(reader.url()).pathname).toBe('/en/consultations/mother-tongue-v1');
  await expectReport(reader);
  await expectAxeClean(reader, 'the consultation page (reader, en)');

  await reader.goto('/fr/consultations/mother-tongue-v1');
  expect(await reader.locator('html').getAttribute('lang')).toBe('fr');
  await expectReport(reader);
  expect(await reader.locator('h1').getAttribute('lang')).toBe('en');
  expect(await reader.locator('article.report').getAttribute('lang')).toBe('en');
  const summary = reader.locator('.summary-box [lang="en"]', { hasText: SUMMARY });
  expect(await summary.count()).toBe(1);
  expect(await reader.locator('.summary-box').textContent()).toContain(translate('fr', 'content.notTranslated'));
  // The page's own words are French: the link to each paragraph's comments.
  expect(await reader.locator('.block', { hasText: FINDING }).locator('.block-comments a').textContent()).toBe(translate('fr', 'consultations.commentOn'));
  await expectAxeClean(reader, 'the consultation page (reader, fr)');
});
