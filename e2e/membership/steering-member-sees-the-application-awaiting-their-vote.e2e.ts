import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { axeCheck, prepareAxe, startE2E, type E2E } from '../fixtures.js';
import { applications, applicationVotes } from '../../src/modules/membership/schema.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

// The demo: the Pacific Education Research Foundation is recommended to the Committee; Amina Diallo
// has answered, Li Wei has not.
const APPLICANT = 'Pacific Education Research Foundation';

it('a Steering Committee member signs in, finds on their home the application awaiting their vote, opens it and votes', async () => {
  const context = await e.signedInContext({ email: 'li.wei@steering.example', roles: ['steering'] });
  await prepareAxe(context);
  const page = await context.newPage();

  // The header leads to the Committee's home, not to the Secretariat's.
  await page.goto('/en');
  const header = page.locator('header');
  expect(await header.getByRole('link', { name: 'Secretariat', exact: true }).count()).toBe(0);
  await header.getByRole('link', { name: 'Steering Committee' }).click();
  await page.waitForURL(/\/en\/steering$/);
  expect(await page.locator('h1').textContent()).toBe('Steering Committee');
  expect((await axeCheck(page)).violations).toEqual([]);

  // Awaiting their response, with its deadline.
  const awaiting = page.locator('section[aria-labelledby="awaiting-heading"]');
  const row = awaiting.locator('tr', { hasText: APPLICANT });
  expect(await row.count()).toBe(1);
  expect(await row.locator('td').last().textContent()).toMatch(/\d{4}/); // "Respond by" a date
  expect(await page.locator('section[aria-labelledby="responded-heading"]').textContent()).not.toContain(APPLICANT);

  // They open it, read it, and endorse it with a comment.
  await row.getByRole('link').click();
  await page.waitForURL(/\/en\/steering\/applications\/[\w-]+$/);
  expect(await page.locator('main').textContent()).toContain('A strong fit for the Foundational Learning group.'); // Amina Diallo's response
  expect((await axeCheck(page)).violations).toEqual([]);
  await page.locator('input[name="vote"][value="endorse"]').check();
  await page.locator('#f-comment').fill('Their regional reach fills a gap.');
  await page.getByRole('button', { name: 'Save my response' }).click();
  await page.waitForURL(/notice=voted/);
  expect(await page.locator('.banner').textContent()).toContain('Your response has been saved.');

  const [app] = await e.t.db.select().from(applications).where(eq(applications.displayName, APPLICANT));
  const votes = await e.t.db.select().from(applicationVotes).where(eq(applicationVotes.applicationId, app!.id));
  expect(votes.map((v) => v.comment)).toContain('Their regional reach fills a gap.');

  // Back home: answered, no longer awaiting.
  await page.getByRole('link', { name: 'Back' }).click();
  await page.waitForURL(/\/en\/steering$/);
  expect(await page.locator('section[aria-labelledby="awaiting-heading"]').textContent()).not.toContain(APPLICANT);
  const responded = page.locator('section[aria-labelledby="responded-heading"] tr', { hasText: APPLICANT });
  expect(await responded.textContent()).toContain('Endorse');

  // The Secretariat's area stays closed to them.
  const admin = await page.goto('/en/admin');
  expect(admin?.status()).toBe(403);
});
