import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startE2E, type E2E } from '../fixtures.js';
import { startWorker, type Worker } from '../../src/platform/worker.js';
import { sendNewsletterSlice } from '../../src/modules/communications/newsletter-sending.js';
import { subscriptions } from '../../src/modules/communications/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';

/**
 * The Secretariat writes an issue in the browser, previews it as a page and as the e-mail, narrows
 * the audience to French readers, sends it, and watches the progress page update by itself.
 */
let e: E2E;
let worker: Worker;
let timer: NodeJS.Timeout;
beforeAll(async () => {
  e = await startE2E();
  await e.t.db.insert(subscriptions).values([
    ...Array.from({ length: 25 }, (_, i) => ({ email: `lecteur${i}@example.org`, locale: 'fr', topics: ['news'], status: 'subscribed', source: 'import' })),
    ...Array.from({ length: 5 }, (_, i) => ({ email: `reader${i}@example.org`, locale: 'en', topics: ['news'], status: 'subscribed', source: 'import' })),
  ]);
  worker = startWorker({ db: e.t.db, mailFrom: 'news@alliance.example', baseUrl: e.base, secret: e.t.config.sessionSecret, handlers: {}, bulkMailers: [sendNewsletterSlice], log: console }, false);
});
afterAll(async () => {
  clearInterval(timer);
  await worker.stop();
  await e.close();
});

describe('the Secretariat sends an issue', () => {
  let issuePath: string;

  it('composes, previews, chooses an audience, sends and watches progress', async () => {
    const context = await e.signedInContext({ email: 'secretariat@alliance.example', roles: ['secretariat'] });
    const page = await context.newPage();
    await page.goto('/en/admin/newsletter');
    await page.getByLabel('Web address').fill('2026-12-french');
    await page.getByRole('button', { name: 'Create the issue' }).click();
    issuePath = new URL(page.url()).pathname;
    await page.getByLabel('Subject').fill('December news');
    await page.getByLabel('Text').fill('## The report\n\nOur **report** on foundational learning is out.');
    await page.getByRole('button', { name: 'Save this version' }).click();
    await expect.poll(() => page.getByText('This language’s version is saved.').isVisible()).toBe(true);

    const preview = await context.newPage();
    await preview.goto(`${issuePath}/preview?lang=en`);
    expect(await preview.locator('article h2').textContent()).toBe('The report');
    await preview.goto(`${issuePath}/email?lang=en`);
    expect(await preview.locator('h1').textContent()).toBe('December news');

    // The demo alliance has French-speaking members too: the count includes them.
    const french = (await e.t.db.select().from(subscriptions).where(and(eq(subscriptions.locale, 'fr'), eq(subscriptions.status, 'subscribed')))).length;
    expect(french).toBeGreaterThanOrEqual(25);
    await page.getByRole('group', { name: 'Reading in' }).getByLabel('French').check();
    await page.getByRole('button', { name: 'Save the audience and count' }).click();
    await expect.poll(() => page.locator('.count').textContent()).toBe(`${french} subscribers will receive this issue.`);

    await page.getByRole('button', { name: `Send to ${french} subscribers` }).click();
    expect(new URL(page.url()).pathname).toBe(`${issuePath}/progress`);
    // Sent now, it says so at once, with how far it has got.
    expect(await page.getByText('Sending has started: this page follows it.').isVisible()).toBe(true);
    expect(await page.locator('[data-field="status"]').textContent()).toBe(`Sending — 0 of ${french} delivered`);
    timer = setInterval(() => void worker.tick().catch(() => {}), 300);
    // The page follows the sending by itself (JavaScript polls; without it the page refreshes).
    await expect.poll(() => page.locator('[data-field="status"]').textContent(), { timeout: 20_000 }).toBe('Sent');
    expect(await page.locator('[data-field="sent"]').textContent()).toBe(String(french));
    const sent = await e.t.db.select().from(outbox).where(eq(outbox.template, 'bulk'));
    expect(sent).toHaveLength(french);
    expect(sent.filter((m) => m.toAddress.startsWith('lecteur'))).toHaveLength(25);
    expect(sent.filter((m) => m.toAddress.startsWith('reader'))).toHaveLength(0);
  });
});
