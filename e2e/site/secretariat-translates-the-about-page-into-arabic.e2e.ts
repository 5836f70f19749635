import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../fixtures.js';

/**
 * The Secretariat, its interface in English, rewrites the About page's English original; the
 * translation screen then lists the Arabic About page as outdated; the Secretariat translates it
 * beside the original, and Arabic readers see the new text as Arabic, with no "not translated" mark.
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

describe('the Secretariat translates the About page into Arabic', () => {
  it('edits the original, finds the Arabic outdated, translates it side by side, and the public Arabic page shows it', async () => {
    const context = await e.signedInContext({ email: 'secretariat@alliance.example', roles: ['secretariat'] });
    const page = await context.newPage();

    await page.goto('/en/admin/pages');
    await page.getByRole('link', { name: 'About the Alliance' }).click();
    const body = page.getByLabel('Text (Markdown)');
    await body.fill(`${await body.inputValue()}\n\n## Join us\n\nInstitutions and individuals apply online; the Steering Committee decides within two months.`);
    await page.getByRole('button', { name: 'Preview' }).click();
    expect(await page.locator('.preview h2').last().textContent()).toBe('Join us');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('The page is saved.').isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Translations' }).click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await page.getByRole('button', { name: 'Show' }).click();
    const row = page.getByRole('row').filter({ hasText: 'About the Alliance' });
    expect(await row.getByText('Outdated').isVisible()).toBe(true);
    await row.getByRole('link', { name: 'About the Alliance' }).click();

    // The English original beside the Arabic text area, which is written right to left.
    expect(await page.locator('.original').filter({ hasText: 'Join us' }).count()).toBe(1);
    const arabic = page.getByLabel('Text (Markdown) in Arabic');
    expect(await arabic.getAttribute('dir')).toBe('rtl');
    await arabic.fill(`${await arabic.inputValue()}\n\n## انضموا إلينا\n\nتقدّم المؤسسات والأفراد طلباتهم عبر الإنترنت، وتبتّ اللجنة التوجيهية فيها خلال شهرين.`);
    await page.getByRole('button', { name: 'Save the translation' }).click();
    await expect.poll(() => page.getByText('The translation is saved.').isVisible()).toBe(true);
    expect(await page.getByRole('row').filter({ hasText: 'About the Alliance' }).count()).toBe(0); // nothing left to do for it in Arabic

    const reader = await (await e.context()).newPage();
    await reader.goto('/ar/about');
    expect(await reader.locator('main h2').last().textContent()).toBe('انضموا إلينا');
    expect(await reader.locator('main').textContent()).toContain('خلال شهرين');
    expect(await reader.getByText('(لم تُترجم بعد)').count()).toBe(0);
    expect(await reader.locator('main [lang="en"]').count()).toBe(0);
  });
});
