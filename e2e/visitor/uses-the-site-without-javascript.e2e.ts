import { afterAll, beforeAll, expect, it } from 'vitest';
import { startE2E, type E2E } from '../fixtures.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

it('a visitor with JavaScript off browses, changes language, gets a form error and signs in', async () => {
  const page = await (await e.context({ javaScriptEnabled: false })).newPage();
  await page.goto('/en');
  await page.getByRole('link', { name: /^Building Bridges \d{4}: from evidence to every classroom$/ }).click();
  expect(await page.locator('h1').textContent()).toMatch(/^Building Bridges \d{4}: from evidence to every classroom$/);
  await page.getByRole('link', { name: 'Français' }).click();
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');

  await page.goto('/en/sign-in');
  await page.locator('#f-email').first().fill('not an address');
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  expect(await page.locator('.error-summary').count()).toBe(1);
  expect(await page.locator('#f-email').first().inputValue()).toBe('not an address');

  await page.locator('#f-email').first().fill('li.wei@steering.example');
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  const mail = await e.lastMailTo('li.wei@steering.example');
  await page.goto(mail!.text.match(/http:\/\/\S+\/sign-in\/link\/[\w-]+/)![0]);
  await page.getByRole('button', { name: 'Continue and sign in' }).click();
  await page.waitForURL('**/en/account');
  expect(await page.locator('main').textContent()).toContain('Li Wei');

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/en$/);
  expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
});
