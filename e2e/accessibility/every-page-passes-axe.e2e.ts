import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { AXE_TAGS, startE2E, type E2E } from '../fixtures.js';
import { ACCOUNT_PAGES, ADMIN_PAGES, PUBLIC_PAGES } from '../../src/testing/pages.js';


let e: E2E;
const secretariat = () => e.signedInContext({ email: 'axe-secretariat@example.org', name: 'Axe Tester', roles: ['secretariat'] });
beforeAll(async () => {
  e = await startE2E();
  // Some mail, so the Mailbox and the audit log have rows to show.
  const page = await (await e.context()).newPage();
  await page.goto('/en/sign-in');
  await page.locator('#f-email').first().fill('axe-secretariat@example.org');
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.close();
});
afterAll(() => e.close());

async function violations(page: Page, url: string) {
  const res = await page.goto(url);
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return { status: res?.status(), found: result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`) };
}

for (const locale of ['en', 'fr', 'ar']) {
  describe(`axe, ${locale}`, () => {
    it('public pages, a 404 page and the design-system examples have no violations', { timeout: 180_000 }, async () => {
      const page = await (await e.context()).newPage();
      for (const path of [...PUBLIC_PAGES, '/design-system', '/no-such-page']) {
        const { found } = await violations(page, `/${locale}${path}`);
        expect(found, `/${locale}${path}`).toEqual([]);
      }
      await page.close();
    });

    it('a form shown again with errors has no violations', async () => {
      const page = await (await e.context()).newPage();
      await page.goto(`/${locale}/sign-in`);
      await page.locator('#f-email').first().fill('wrong');
      await page.locator('form[action$="/sign-in/link"] button').click();
      await page.waitForSelector('.error-summary');
      const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      expect(result.violations.map((v) => v.id)).toEqual([]);
      await page.close();
    });

    it('account and Secretariat pages have no violations', async () => {
      const context = await secretariat();
      const page = await context.newPage();
      const list = await e.t.app.inject({ method: 'GET', url: '/en/admin/mailbox', headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
      const mailId = list.body.match(/\/admin\/mailbox\/(\d+)/)?.[1];
      for (const path of [...ACCOUNT_PAGES, ...ADMIN_PAGES, `/admin/mailbox/${mailId}`]) {
        const { status, found } = await violations(page, `/${locale}${path}`);
        expect(status, path).toBe(200);
        expect(found, `/${locale}${path}`).toEqual([]);
      }
      await page.close();
    });
  });
}
