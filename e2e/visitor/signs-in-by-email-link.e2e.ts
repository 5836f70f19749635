import { afterAll, beforeAll, expect, it } from 'vitest';
import { startE2E, type E2E } from '../fixtures.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/seed.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

it('the Secretariat signs in with a link from the e-mail, confirming with a button', async () => {
  const page = await (await e.context()).newPage();
  await page.goto('/en/sign-in');
  await page.getByLabel('E-mail address').first().fill(DEMO_SECRETARIAT_EMAIL);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  expect(await page.locator('h1').textContent()).toBe('Check your e-mail');

  const mail = await e.lastMailTo(DEMO_SECRETARIAT_EMAIL);
  const link = mail!.text.match(/http:\/\/127\.0\.0\.1:\d+\/en\/sign-in\/link\/[\w-]+/)![0];
  await page.goto(link);
  expect(await page.locator('h1').textContent()).toBe('Sign in to your account');
  expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ name: 'bridges_session' }));
  await page.getByRole('button', { name: 'Continue and sign in' }).click();
  await page.waitForURL('**/en/account');
  expect(await page.locator('h1').textContent()).toBe('Your account');
  expect(await page.locator('main').textContent()).toContain(DEMO_SECRETARIAT_EMAIL);
  // The Secretariat sees its area in the navigation.
  expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secretariat' }).count()).toBe(1);
});
