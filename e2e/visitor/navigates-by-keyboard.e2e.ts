import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../fixtures.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

/** Every control a person could use on the page (a table's box too: it scrolls), by a stable description. */
async function controls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const all = Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]'));
    return all
      .filter(
        (el) =>
          !(el as HTMLButtonElement).disabled &&
          el.getClientRects().length > 0 &&
          el.getAttribute('tabindex') !== '-1' && // e.g. the anti-robot field, hidden from people on purpose
          el.checkVisibility(), // not inside a closed <details> (the header's menus are closed but shown on a wide screen)
      )
      // A radio group is one Tab stop (arrow keys move inside it): count its first radio only.
      .filter((el, _i, list) => !(el instanceof HTMLInputElement && el.type === 'radio') || list.find((o) => o instanceof HTMLInputElement && o.type === 'radio' && o.name === el.name) === el)
      .map((el, i) => el.dataset.kbd ?? (el.dataset.kbd = `${el.tagName}#${i}`));
  });
}

/** Presses Tab until focus comes back round, returning what received focus in order. */
async function tabThrough(page: Page): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset?.kbd ?? document.activeElement?.tagName ?? '');
    if (id === 'BODY' || seen.includes(id)) break;
    seen.push(id);
  }
  return seen;
}

for (const path of ['/en', '/en/sign-in', '/ar/meetings/building-bridges-2024', '/fr/join', '/en/members']) {
  it(`keyboard only: Tab reaches every control on ${path}, skip link first`, async () => {
    const page = await (await e.context()).newPage();
    await page.goto(path);
    const expected = await controls(page);
    const reached = await tabThrough(page);
    expect(reached[0]).toBe(expected[0]); // the skip link
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBeTruthy();
    expect([...reached].sort()).toEqual([...expected].sort());
  });
}

it('keyboard only: arrow keys move through a radio group, Space chooses', async () => {
  const page = await (await e.context()).newPage();
  await page.goto('/en/join');
  await page.locator('#f-kind').focus();
  await page.keyboard.press('ArrowDown');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-kind-2');
  expect(await page.locator('#f-kind-2').isChecked()).toBe(true);
});

it('keyboard only: the skip link moves focus to the main content, and a form can be sent with Enter', async () => {
  const page = await (await e.context()).newPage();
  await page.goto('/en/sign-in');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  // Onward from main: the first field of the sign-in form, then its button.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-email');
  await page.keyboard.type('amina.diallo@steering.example');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('h1');
  expect(await page.locator('h1').textContent()).toBe('Check your e-mail');
});

it('keyboard only: the Secretariat reaches every control of the people page', async () => {
  const page = await (await e.signedInContext({ email: 'kbd@example.org', roles: ['secretariat'] })).newPage();
  await page.goto('/en/admin/users');
  const expected = await controls(page);
  const reached = await tabThrough(page);
  expect([...reached].sort()).toEqual([...expected].sort());
});
