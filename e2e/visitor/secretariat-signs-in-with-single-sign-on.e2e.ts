import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, axeCheck, prepareAxe } from '../fixtures.js';
import { testApp, type TestApp } from '../../src/testing/app.js';
import { startTestProvider, type TestProvider } from '../../src/testing/oidc-provider.js';
import { ensureUser } from '../../src/platform/auth/service.js';
import { ssoCallbackUrl } from '../../src/platform/auth/oidc.js';

// The app configured for a real OpenID Connect provider on another loopback port; one Chromium, JavaScript off.
let provider: TestProvider;
let t: TestApp;
let base: string;
let browser: Browser;
beforeAll(async () => {
  provider = await startTestProvider();
  t = await testApp(provider.env);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  t.config.baseUrl = base;
  provider.serve(ssoCallbackUrl(base));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await provider?.close();
});

it('a Secretariat member presses the button, signs in at the provider and lands signed in on the Secretariat home', async () => {
  await ensureUser(t.db, { email: 'nadia@alliance.example', name: 'Nadia Haddad', roles: [{ role: 'secretariat' }] });
  provider.accounts.set('nadia-7', { email: 'nadia@alliance.example', emailVerified: true });
  const context = await browser.newContext({ baseURL: base, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/sign-in');
  await page.getByRole('button', { name: 'Sign in with Alliance Login' }).click();

  // The provider's own sign-in page.
  await page.waitForURL(`${provider.issuer}/**`);
  await page.locator('input[name="login"]').fill('nadia-7');
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();

  await page.waitForURL(`${base}/en/admin`);
  expect(await page.locator('h1').textContent()).toBe('Secretariat');
  expect(await context.cookies(base)).toContainEqual(expect.objectContaining({ name: 'bridges_session', httpOnly: true }));
  await context.close();
});

it('the sign-in page with the button and the page for someone refused pass axe', async () => {
  const context = await browser.newContext({ baseURL: base });
  await prepareAxe(context);
  const page = await context.newPage();
  for (const path of ['/en/sign-in', '/ar/sign-in/sso/refused?reason=not-staff']) {
    await page.goto(path);
    expect({ path, violations: (await axeCheck(page)).violations }).toEqual({ path, violations: [] });
  }
  await context.close();
});
