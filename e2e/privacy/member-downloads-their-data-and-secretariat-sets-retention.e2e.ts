import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, overflow, prepareAxe, startE2E, type E2E } from '../fixtures.js';

/**
 * A member downloads everything the site holds about them from their account page, with
 * JavaScript off; the Secretariat changes how long a kind of data is kept, mistypes a period and
 * corrects it; readers find the privacy page's list of what is kept in Arabic and Chinese, on a
 * phone. Every page on the way passes axe.
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

describe('privacy across the site', () => {
  it('a member downloads their data from their account page, without JavaScript', async () => {
    const context = await e.signedInContext({ email: 'wanjiru@clr.example.org' }, { javaScriptEnabled: false, acceptDownloads: true });
    await prepareAxe(context);
    const page = await context.newPage();
    await page.goto('/en/account');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const json = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(json.person.email).toBe('wanjiru@clr.example.org');
    expect(json.data.membership.memberships.length).toBeGreaterThan(0);
  });

  it('the Secretariat corrects a period out of bounds and saves it', async () => {
    const context = await e.signedInContext({ email: 'secretariat@alliance.example', roles: ['secretariat'] });
    await prepareAxe(context);
    const page = await context.newPage();
    await page.goto('/en/admin');
    await page.getByRole('link', { name: 'Privacy and retention' }).first().click();
    expect((await axeCheck(page)).violations).toEqual([]);
    const field = page.getByLabel('Newsletter sign-ups never confirmed');
    await field.fill('0');
    await page.getByRole('button', { name: 'Save periods' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').textContent()).toContain('Enter a whole number of days from 1 to 365');
    expect((await axeCheck(page)).violations).toEqual([]);
    await page.getByRole('link', { name: /Newsletter sign-ups never confirmed/ }).click();
    await page.getByLabel('Newsletter sign-ups never confirmed').fill('14');
    await page.getByRole('button', { name: 'Save periods' }).click();
    await expect.poll(() => page.getByText('The retention periods have been saved.').isVisible()).toBe(true);
    // The pages that lead to a person's data: the account page, the people page with a download per person.
    for (const path of ['/ar/admin/privacy', '/fr/account', '/ru/admin/users']) {
      await page.goto(path);
      expect((await axeCheck(page)).violations, path).toEqual([]);
    }
  });

  it('readers find what is kept, why and how long, in Arabic and Chinese, on a phone', async () => {
    const context = await e.context({ viewport: { width: 390, height: 844 } });
    await prepareAxe(context);
    const page = await context.newPage();
    for (const [locale, period] of [
      ['ar', 'يومًا'],
      ['zh', '14 天'],
    ] as const) {
      await page.goto(`/${locale}/privacy`);
      expect(await page.locator('[data-kind="communications.unconfirmed"]').count()).toBe(1);
      expect(await page.locator('main').textContent()).toContain(period);
      expect((await axeCheck(page)).violations).toEqual([]);
      const o = await overflow(page);
      expect(o.scrollWidth).toBeLessThanOrEqual(o.width);
      expect(o.wide).toEqual([]);
    }
  });
});
