import { afterAll, beforeAll, expect, it } from 'vitest';
import { startE2E, type E2E } from '../fixtures.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

it('a visitor switches the language to Arabic and the page reads right to left', async () => {
  const page = await (await e.context({ locale: 'en-GB' })).newPage();
  await page.goto('/');
  expect(new URL(page.url()).pathname).toBe('/en');
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'العربية' }).click();
  await page.waitForURL('**/ar');
  expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  expect(await page.locator('html').getAttribute('lang')).toBe('ar');
  expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
  // The site name sits at the right-hand edge of the header in Arabic.
  const box = await page.locator('.site-name').boundingBox();
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  expect(box!.x + box!.width).toBeGreaterThan(width / 2);
  // The choice is remembered for addresses without a language.
  await page.goto('/about');
  expect(new URL(page.url()).pathname).toBe('/ar/about');
});
