import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, eq, like, ne } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { axeCheck, prepareAxe, startE2E, type E2E } from '../fixtures.js';
import { financingRequests, meetings, registrations } from '../../src/modules/meetings/schema.js';
import { translate } from '../../src/platform/i18n/messages.js';

let e: E2E;
let slug: string;
let title: string;
beforeAll(async () => {
  e = await startE2E();
  // The demo's upcoming annual meeting (building-bridges-<year>), open for registration.
  const [m] = await e.t.db
    .select()
    .from(meetings)
    .where(and(like(meetings.slug, 'building-bridges-%'), ne(meetings.slug, 'building-bridges-2024')));
  slug = m!.slug;
  title = m!.title.en!;
});
afterAll(() => e.close());

const EMAIL = 'achieng@example.org';
const t = (key: string, values?: Parameters<typeof translate>[2]) => translate('en', key, values);
const pathOf = (url: string) => url.replace(/^http:\/\/[^/]+/, '');
const manageLink = (text: string) => pathOf(text.match(/http:\/\/\S+\/registration\/[\w-]+/)![0]);
const rowsOf = () => e.t.db.select().from(registrations).where(eq(registrations.email, EMAIL)).orderBy(asc(registrations.seq));

/** Fills in the registration form as a practitioner from Kenya, interested in the first session, and sends it. */
async function fillForm(page: Page) {
  await page.locator('#f-name').fill('Achieng Otieno');
  await page.locator('#f-email').fill(EMAIL);
  await page.locator('#f-country').selectOption('KE');
  await page.locator('#f-category-2').check(); // Invited practitioner
  await page.locator('input[name="sessions"]').first().check();
  await page.locator('#f-consent').check();
  await page.locator('main form button[type="submit"]').click();
  await page.locator('h1', { hasText: t('meetings.register.sent.title') }).waitFor();
}

it('a participant registers for the upcoming meeting with JavaScript off, cancels after confirming on its own page, and registers again', async () => {
  const page = await (await e.context({ javaScriptEnabled: false })).newPage();

  // Registers: the page says to look in the inbox; the confirmation carries the check-in code in its text part.
  await page.goto(`/en/meetings/${slug}/register`);
  await fillForm(page);
  const [first] = await rowsOf();
  expect(first!.status).toBe('confirmed');
  const confirmation = (await e.lastMailTo(EMAIL))!;
  expect(confirmation.subject).toBe(t('meetings.mail.confirmed.subject', { meeting: title }));
  expect(confirmation.text).toContain(t('meetings.mail.checkInCode', { code: first!.checkInCode }));

  // Opens the link, asks for travel financing (Kenya is a lower-middle-income country) and is told by e-mail.
  await page.goto(manageLink(confirmation.text));
  await page.locator('main', { hasText: t('meetings.statusLine.confirmed') }).waitFor();
  await page.locator('input[name="needs"][value="travel"]').check();
  await page.locator('#f-justification').fill('Flight from Kisumu.');
  await page.locator('#f-estimatedCost').fill('300');
  await page.locator('form[action$="/financing"] button').click();
  await page.waitForURL(/notice=financing-requested/);
  const ack = (await e.lastMailTo(EMAIL))!;
  expect(ack.template).toBe('meetings.financingRequested');
  expect(ack.subject).toBe(t('meetings.mail.financing.requested.subject', { meeting: title }));
  expect(ack.text).toContain('travel');
  expect(ack.text).toContain('$300');
  expect(ack.text).toMatch(/Requests can be made until .+\. The Secretariat decides after that/);
  const managePath = new URL(page.url()).pathname;

  // "Cancel my registration" leads to a page that asks first, and shows what goes with the registration.
  await page.getByRole('link', { name: t('meetings.manage.cancel') }).click();
  await page.waitForURL(`**${managePath}/cancel`);
  expect(await page.locator('h1').textContent()).toBe(t('meetings.cancel.title', { meeting: title }));
  const summary = (await page.locator('main').textContent())!;
  expect(summary).toContain(title);
  expect(summary).toContain('Opening and keynote'); // the session chosen on the form
  expect(summary).toContain(t('meetings.financing.statuses.requested'));
  expect(summary).toContain(t('meetings.cancel.place'));
  expect(summary).toContain(t('meetings.cancel.financing'));

  // Keeping the registration changes nothing.
  await page.getByRole('link', { name: t('meetings.cancel.keep') }).last().click();
  await page.waitForURL(`**${managePath}`);
  expect((await rowsOf())[0]!.status).toBe('confirmed');

  // Confirming cancels: the page says so and offers to register again, registration being open.
  await page.getByRole('link', { name: t('meetings.manage.cancel') }).click();
  await page.getByRole('button', { name: t('meetings.cancel.confirm') }).click();
  await page.waitForURL(/notice=cancelled/);
  expect(await page.locator('.banner').first().textContent()).toContain(t('meetings.manage.notices.cancelled'));
  expect(await page.getByRole('link', { name: t('meetings.manage.registerAgain') }).count()).toBe(1);
  expect(await page.getByRole('link', { name: t('meetings.manage.cancel') }).count()).toBe(0);
  expect((await rowsOf())[0]!.status).toBe('cancelled');
  const [withdrawn] = await e.t.db.select().from(financingRequests).where(eq(financingRequests.registrationId, first!.id));
  expect(withdrawn!.status).toBe('withdrawn');

  // Registers again, as a newcomer would: a new registration with its own check-in code, the old one kept as cancelled.
  await page.getByRole('link', { name: t('meetings.manage.registerAgain') }).click();
  await page.waitForURL(`**/en/meetings/${slug}/register`);
  await fillForm(page);
  const [old, again] = await rowsOf();
  expect(old!.status).toBe('cancelled');
  expect(again!.status).toBe('confirmed');
  expect(again!.checkInCode).not.toBe(old!.checkInCode);
  const second = (await e.lastMailTo(EMAIL))!;
  expect(second.subject).toBe(t('meetings.mail.confirmed.subject', { meeting: title }));
  expect(second.text).toContain(t('meetings.mail.checkInCode', { code: again!.checkInCode }));
  await page.goto(manageLink(second.text));
  expect(await page.locator('main').textContent()).toContain(t('meetings.statusLine.confirmed'));
  expect(await page.getByRole('link', { name: t('meetings.manage.cancel') }).count()).toBe(1);
  // The old link still shows the cancelled registration as it was.
  await page.goto(managePath);
  expect(await page.locator('main').textContent()).toContain(t('meetings.statusLine.cancelled'));
});

it('the cancellation page and the cancelled registration pass axe', async () => {
  const context = await e.context();
  await prepareAxe(context);
  const page = await context.newPage();
  const [current] = (await rowsOf()).filter((r) => r.status === 'confirmed');
  expect(current).toBeDefined();
  const mail = (await e.lastMailTo(EMAIL))!;
  await page.goto(`${manageLink(mail.text)}/cancel`);
  expect((await axeCheck(page)).violations).toEqual([]);
  await page.getByRole('button', { name: t('meetings.cancel.confirm') }).click();
  await page.waitForURL(/notice=cancelled/);
  expect((await axeCheck(page)).violations).toEqual([]);
});
