import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeCheck, prepareAxe, startE2E, type E2E } from '../fixtures.js';
import { getConsultation } from '../../src/modules/consultations/service.js';

/**
 * A reader selects words in a paragraph of a report under consultation (public/consult.js): a
 * "Comment on this passage" button appears beside them and opens the paragraph's comment page with
 * the words quoted and carried as a text-quote selector (the words, and 32 characters either side).
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());
/** Errors thrown by the pages' scripts (a script that does not even parse shows up here). */
const errors: string[] = [];
afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

const REPORT = '/consultations/background-report-v1';
const WORDS = '0.3 to 0.6 standard deviations';
// The paragraph reads "Programmes that combine all three have improved reading by 0.3 to 0.6 standard deviations
// in a year, at a cost of a few dollars per child.[^1]": 32 characters either side of the words.
const PREFIX = ' three have improved reading by ';
const SUFFIX = ' in a year, at a cost of a few d';

/** A signed-in reader with a commenter profile (without one the comment page asks for it instead of showing the form). */
async function reader(): Promise<Page> {
  const context = await e.signedInContext({ email: 'reader@example.org', name: 'Reader' });
  await prepareAxe(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  // Generous: the whole suite runs beside this file on two cores.
  page.setDefaultTimeout(15_000);
  await page.goto('/en/consultations/profile');
  await page.locator('select[name="stakeholderGroup"]').selectOption('teacher');
  await page.locator('select[name="country"]').selectOption('KE');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/profile'));
  return page;
}

/** The id of the report block whose text has the words. */
function blockWithWords(page: Page): Promise<string> {
  return page.locator('article.commentable > .block', { hasText: WORDS }).first().getAttribute('id') as Promise<string>;
}

/** Where the words are drawn: the rectangle of each line they take. */
function wordRects(page: Page) {
  return page.evaluate((words) => {
    const block = [...document.querySelectorAll('article.commentable > .block')].find((b) => b.textContent!.includes(words))!;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.nodeValue!.indexOf(words);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + words.length);
      return [...r.getClientRects()].map((x) => ({ left: x.left, right: x.right, top: x.top, bottom: x.bottom }));
    }
    throw new Error('words not found');
  }, WORDS);
}

/**
 * Selects text as a keyboard or screen-reader user ends up with it: a selection made through the DOM
 * (Chromium fires selectionchange). From the start of `from` to the end of `to`, or with `to` null to
 * the end of the paragraph's <p> (over its footnote reference).
 */
function select(page: Page, from: string, to: string | null = from) {
  return page.evaluate(
    ([from, to]) => {
      const block = [...document.querySelectorAll('article.commentable > .block')].find((b) => b.textContent!.includes(from!))!;
      const text = [...block.querySelector('p')!.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.nodeValue!.includes(from!))!;
      const r = document.createRange();
      r.setStart(text, text.nodeValue!.indexOf(from!));
      if (to === null) r.setEnd(block.querySelector('p')!, block.querySelector('p')!.childNodes.length);
      else r.setEnd(text, text.nodeValue!.indexOf(to) + to.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
    },
    [from, to] as const,
  );
}

/** The comment form's quote and the selector it carries (null where the form has none). */
function quoted(page: Page) {
  return page.locator('section.comment-form').evaluate((form) => ({
    label: form.querySelector('.label-like')?.textContent ?? null,
    quote: form.querySelector('blockquote.quote')?.textContent?.trim() ?? null,
    exact: form.querySelector<HTMLInputElement>('input[name="exact"]')?.value ?? null,
    prefix: form.querySelector<HTMLInputElement>('input[name="prefix"]')?.value ?? null,
    suffix: form.querySelector<HTMLInputElement>('input[name="suffix"]')?.value ?? null,
  }));
}

it('a reader drags the mouse over words in a paragraph and comments on that passage', async () => {
  const page = await reader();
  await page.goto(`/en${REPORT}`);
  const blockId = await blockWithWords(page);
  const button = page.getByRole('button', { name: 'Comment on this passage' });
  expect(await button.count()).toBe(0);

  // From just inside the first character to just inside the last: the drag selects exactly the words.
  await page.locator('article.commentable > .block', { hasText: WORDS }).first().scrollIntoViewIfNeeded();
  const rects = await wordRects(page);
  const [first, last] = [rects[0]!, rects[rects.length - 1]!];
  await page.mouse.move(first.left + 1, (first.top + first.bottom) / 2);
  await page.mouse.down();
  await page.mouse.move((first.left + last.right) / 2, (last.top + last.bottom) / 2, { steps: 5 });
  await page.mouse.move(last.right - 1, (last.top + last.bottom) / 2, { steps: 5 });
  await page.mouse.up();
  expect(await page.evaluate(() => getSelection()!.toString())).toBe(WORDS);

  await button.waitFor();
  expect(await button.getAttribute('type')).toBe('button');
  expect(await button.getAttribute('lang')).toBe('en');
  // Beside the words: just below their last line, and inside the window.
  const box = (await button.boundingBox())!;
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  expect(box.y).toBeGreaterThanOrEqual(last.bottom);
  expect(box.y).toBeLessThan(last.bottom + 30);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  // The live region tells screen-reader users it is there.
  await page.waitForFunction(() => [...document.querySelectorAll('[aria-live="polite"]')].some((r) => r.textContent === 'Comment on this passage'));

  await button.click();
  await page.waitForURL(`**/en${REPORT}/p/${blockId}?**`);
  expect(new URL(page.url()).hash).toBe('#comment-form');
  expect(await quoted(page)).toEqual({ label: 'On this passage:', quote: WORDS, exact: WORDS, prefix: PREFIX, suffix: SUFFIX });
});

it('a reader selects words with the keyboard, reaches the button with Tab and Escape hides it', async () => {
  const page = await reader();
  await page.goto(`/en${REPORT}`);
  const button = page.getByRole('button', { name: 'Comment on this passage' });
  await select(page, WORDS);
  await button.waitFor();
  await page.keyboard.press('Escape');
  await button.waitFor({ state: 'detached' });
  // Selecting again brings it back; Tab is the way to it, Enter presses it. This time to the end of the
  // paragraph, over its footnote reference: the note's number is not part of the text.
  await page.evaluate(() => getSelection()!.removeAllRanges());
  await button.waitFor({ state: 'detached' });
  await select(page, 'at a cost', null);
  await button.waitFor();
  await page.keyboard.press('Tab');
  expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/en${REPORT}/p/**`);
  expect(await quoted(page)).toEqual({ label: 'On this passage:', quote: 'at a cost of a few dollars per child.', exact: 'at a cost of a few dollars per child.', prefix: ' standard deviations in a year, ', suffix: '' });
});

it('no button for words from two paragraphs', async () => {
  const page = await reader();
  await page.goto(`/en${REPORT}`);
  await page.evaluate((words) => {
    const blocks = [...document.querySelectorAll('article.commentable > .block')];
    const i = blocks.findIndex((b) => b.textContent!.includes(words));
    const r = document.createRange();
    r.setStart(blocks[i - 1]!.querySelector('p')!.firstChild!, 5);
    r.setEnd(blocks[i]!.querySelector('p')!.firstChild!, 10);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(r);
  }, WORDS);
  await page.waitForTimeout(400);
  expect(await page.getByRole('button', { name: 'Comment on this passage' }).count()).toBe(0);
});

it('the words of each whole block (paragraph, heading, list, footnote) are the server\'s plain text of it', async () => {
  const page = await reader();
  await page.goto(`/en${REPORT}`);
  // The comment pages are not opened: the address the button goes to is kept, and the browser stays.
  const opened: URL[] = [];
  await page.route('**/p/**', (route) => {
    opened.push(new URL(route.request().url()));
    return route.fulfill({ status: 204 });
  });
  const ids = await page.locator('article.commentable > .block').evaluateAll((bs) => bs.map((b) => b.id));
  for (const id of ids) {
    // All of the block but its guiding questions and its comment link.
    await page.evaluate((id) => {
      const block = document.getElementById(id)!;
      const r = document.createRange();
      r.setStart(block, 0);
      r.setEnd(block, [...block.childNodes].findIndex((n) => n instanceof Element && n.matches('aside.questions, p.block-comments')));
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
    }, id);
    // The button has moved into this block (the script answers a selection once it pauses) before it is clicked.
    const here = page.locator(`[id="${id}"] > .passage-button`);
    await here.waitFor();
    // The event itself, not a pointer at its coordinates: under load the page may still be settling (the drag test clicks with the mouse).
    await here.dispatchEvent('click');
    await expect.poll(() => opened.length, { timeout: 15_000 }).toBe(ids.indexOf(id) + 1);
  }
  const blocks = (await getConsultation(e.t.db, 'background-report-v1'))!.version.blocks;
  const kinds = new Set(ids.map((id) => blocks.find((b) => b.id === id)!.kind));
  expect([...kinds].sort()).toEqual(['footnote', 'heading', 'list', 'paragraph']);
  expect(opened.map((u) => [u.pathname, u.searchParams.get('exact'), u.searchParams.get('prefix'), u.searchParams.get('suffix')])).toEqual(
    ids.map((id) => [`/en${REPORT}/p/${id}`, blocks.find((b) => b.id === id)!.text, '', '']),
  );
});

it('in Arabic the button is labelled in Arabic, reads right to left, and opens the passage', async () => {
  const page = await reader();
  await page.goto(`/ar${REPORT}`);
  expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  const blockId = await blockWithWords(page);
  await select(page, WORDS);
  const button = page.getByRole('button', { name: 'علّق على هذا المقطع' });
  await button.waitFor();
  expect(await button.getAttribute('lang')).toBe('ar');
  expect(await button.getAttribute('dir')).toBe('rtl');
  expect((await axeCheck(page)).violations).toEqual([]);
  const box = (await button.boundingBox())!;
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  // axe walks the page and may move the selection: select the words again before clicking.
  await select(page, WORDS);
  await button.waitFor();
  await button.dispatchEvent('click');
  await page.waitForURL(`**/ar${REPORT}/p/${blockId}?**`);
  expect(await quoted(page)).toEqual({ label: 'على هذا المقطع:', quote: WORDS, exact: WORDS, prefix: PREFIX, suffix: SUFFIX });
});

it('in right-to-left text the button sits at the end the words run towards, the left', async () => {
  // The demo reports are in English and French: an Arabic report is stood in for by laying this one out right to left.
  const page = await reader();
  await page.goto(`/ar${REPORT}`);
  await page.locator('article.commentable').evaluate((a) => a.setAttribute('dir', 'rtl'));
  await page.locator('article.commentable > .block', { hasText: WORDS }).first().scrollIntoViewIfNeeded();
  await select(page, WORDS);
  const button = page.getByRole('button', { name: 'علّق على هذا المقطع' });
  await button.waitFor();
  const rects = await page.evaluate(() => [...getSelection()!.getRangeAt(0).getClientRects()].map((r) => ({ left: r.left, bottom: r.bottom })));
  const last = rects[rects.length - 1]!;
  const box = (await button.boundingBox())!;
  expect(Math.abs(box.x + box.width - last.left)).toBeLessThan(2);
  expect(box.y).toBeGreaterThanOrEqual(last.bottom);
  expect(box.y).toBeLessThan(last.bottom + 30);
});

it('without JavaScript every paragraph keeps its link to comment on it', async () => {
  const page = await (await e.context({ javaScriptEnabled: false })).newPage();
  await page.goto(`/en${REPORT}`);
  const links = await page.locator('article.commentable > .block').evaluateAll((bs) => bs.map((b) => [b.id, b.querySelector('p.block-comments a')?.getAttribute('href')]));
  expect(links.length > 5 ? links : 'no paragraphs').toEqual(links.map(([id]) => [id, `/en${REPORT}/p/${id}`]));
});
