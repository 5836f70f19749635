import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeCheck, prepareAxe, startE2E, type E2E } from '../fixtures.js';
import { translate } from '../../src/platform/i18n/messages.js';

/**
 * The Secretariat, in Arabic, gives a partner's integration an API token: the form refuses a name
 * left empty, then shows the token once; the integration reads the API with it; the Secretariat
 * revokes it and the next request is refused. Without JavaScript; and every state of the page
 * passes axe (which needs JavaScript: the same steps, in a second browser profile).
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

const ar = (key: string, values?: Record<string, string | number>) => translate('ar', key, values);
const SECRETARIAT = { email: 'tokens@alliance.example', name: 'Tokens Secretariat', roles: ['secretariat'] };

/** The steps of the page, each followed by `after` (a check of the page as it is then). */
async function walk(page: Page, name: string, after: (state: string) => Promise<void>): Promise<string> {
  expect((await page.goto('/ar/admin/api-tokens'))?.status()).toBe(200);
  expect(await page.getByRole('heading', { level: 1, name: ar('api.tokens.title') }).isVisible()).toBe(true);
  await after('list');

  // A name left empty: the form again, its error summary first, the scope still ticked.
  await page.getByRole('button', { name: ar('api.tokens.create') }).click();
  expect(await page.locator('.error-summary').isVisible()).toBe(true);
  expect(await page.getByRole('checkbox', { name: ar('api.tokens.scope.readPublic') }).isChecked()).toBe(true);
  await after('with errors');

  const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  await page.getByRole('textbox', { name: ar('api.tokens.name') }).fill(name);
  await page.locator('#f-expires').fill(inAYear);
  await page.getByRole('button', { name: ar('api.tokens.create') }).click();
  const token = (await page.locator('#new-token').textContent())!.trim();
  expect(token).toMatch(/^bridges_/);
  expect(await page.getByText(ar('api.tokens.created.once')).isVisible()).toBe(true);
  await after('token shown');
  return token;
}

async function revoke(page: Page, name: string) {
  await page.goto('/ar/admin/api-tokens');
  await page.getByRole('button', { name: ar('api.tokens.revoke', { name }) }).click();
  expect(await page.getByText(ar('api.tokens.notice.revoked')).isVisible()).toBe(true);
}

it('makes a token, shown once, that the API accepts until it is revoked — in Arabic, without JavaScript', async () => {
  const page = await (await e.signedInContext(SECRETARIAT, { javaScriptEnabled: false })).newPage();
  const token = await walk(page, 'بوابة الشركاء', async () => {});
  const read = () => fetch(`${e.base}/api/v1/meetings`, { headers: { authorization: `Bearer ${token}` } });
  expect((await read()).status).toBe(200);

  // Shown once: the list names the token, never shows it again.
  await page.goto('/ar/admin/api-tokens');
  expect(await page.content()).not.toContain(token);
  await revoke(page, 'بوابة الشركاء');
  const refused = await read();
  expect(refused.status).toBe(401);
  expect((await refused.json()).error.code).toBe('token_revoked');
});

it('passes axe in every state: the list, the form with errors, the new token shown, a token revoked', async () => {
  const context = await e.signedInContext(SECRETARIAT);
  await prepareAxe(context);
  const page = await context.newPage();
  const violations: string[] = [];
  const axe = async (state: string) => void violations.push(...(await axeCheck(page)).violations.map((v) => `${state}: ${v}`));
  await walk(page, 'لوحة البيانات', axe);
  await revoke(page, 'لوحة البيانات');
  await axe('revoked');
  expect(violations).toEqual([]);
});
