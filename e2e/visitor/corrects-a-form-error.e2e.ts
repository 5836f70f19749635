import { afterAll, beforeAll, expect, it } from 'vitest';
import { startE2E, type E2E } from '../fixtures.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

it('a visitor who mistypes an address sees the problem summarised, with what they typed kept', async () => {
  const page = await (await e.context()).newPage();
  await page.goto('/fr/sign-in');
  const field = page.locator('#f-email').first();
  await field.fill('ana.example.org');
  await field.press('Enter');
  await page.waitForSelector('.error-summary');
  expect(await page.title()).toMatch(/^[^–]+: /); // "Erreur : …" — the title says there is an error
  expect(await page.locator('#f-email').first().inputValue()).toBe('ana.example.org');
  expect(await page.locator('#f-email').first().getAttribute('aria-invalid')).toBe('true');
  // With JavaScript the summary takes focus; its link leads to the field.
  expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
  await page.locator('.error-summary a').first().click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-email');
});
