import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../fixtures.js';

/**
 * A demo member, from their account page, opens My membership: the preview shows what the public
 * sees of them; they change their affiliation and make it public, and the public directory shows
 * it; then they choose not to be listed, and the directory no longer shows them.
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

describe('a member edits their directory entry', () => {
  it('previews it, changes a public field, and the public directory shows the change; unlisted, it shows them no more', async () => {
    const context = await e.signedInContext({ email: 'nguyen.lan@example.org', roles: ['member'] });
    const page = await context.newPage();

    await page.goto('/en/account');
    await page.getByRole('link', { name: /^My membership:/ }).click();
    const preview = page.locator('.directory-preview');
    expect(await preview.getByRole('heading', { name: 'Nguyen Thi Lan' }).isVisible()).toBe(true);
    expect(await preview.textContent()).not.toContain('University of Education, Hanoi');

    await page.getByRole('textbox', { name: 'Affiliation' }).fill('University of Education, Hanoi');
    await page.getByRole('checkbox', { name: 'Affiliation' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Your profile has been saved.').isVisible()).toBe(true);
    expect(await page.locator('.directory-preview').textContent()).toContain('University of Education, Hanoi');

    await page.getByRole('link', { name: 'See your entry in the members directory' }).click();
    const card = page.locator('.directory > li').filter({ hasText: 'Nguyen Thi Lan' });
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain('University of Education, Hanoi');

    await page.goBack();
    await page.getByRole('radio', { name: 'Do not list us in the public directory' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Your profile has been saved.').isVisible()).toBe(true);
    expect(await page.locator('.directory-preview').count()).toBe(0);
    expect(await page.getByText('You are not listed in the public members directory').isVisible()).toBe(true);

    await page.goto('/en/members?q=Nguyen');
    expect(await page.locator('.directory > li').filter({ hasText: 'Nguyen Thi Lan' }).count()).toBe(0);
    await context.close();
  });
});
