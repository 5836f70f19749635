import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startE2E, type E2E } from '../fixtures.js';
import { consentEvents, subscriptions } from '../../src/modules/communications/schema.js';
import { translate } from '../../src/platform/i18n/messages.js';

/**
 * A reader subscribes in Russian with JavaScript off, confirms from the e-mail in one step,
 * changes their topics, and unsubscribes in one click from the link in a newsletter.
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

const ru = (key: string) => translate('ru', key);

it('subscribe, confirm, change topics, unsubscribe in one click — in Russian, without JavaScript', async () => {
  const page = await (await e.context({ javaScriptEnabled: false })).newPage();
  await page.goto('/ru/subscribe');
  await page.locator('#f-email').fill('olga@example.org');
  await page.locator('#f-name').fill('Ольга Смирнова');
  await page.locator('#f-language').selectOption('ru');
  await page.getByRole('checkbox', { name: ru('newsletter.topics.news') }).check();
  await page.getByRole('checkbox', { name: ru('newsletter.topics.meetings') }).check();
  await page.locator('input[name="consent"]').check();
  await page.getByRole('button', { name: ru('newsletter.subscribe.submit') }).click();
  expect(page.url()).not.toContain('/subscribe?');

  // The confirmation e-mail is in Russian; its link confirms in one step.
  const mail = await e.lastMailTo('olga@example.org');
  expect(mail!.locale).toBe('ru');
  const confirm = mail!.text.match(/http:\/\/\S+\/newsletter\/confirm\/\S+/)![0];
  await page.goto(confirm);
  const [sub] = await e.t.db.select().from(subscriptions).where(eq(subscriptions.email, 'olga@example.org'));
  expect(sub!.status).toBe('subscribed');
  expect(sub!.topics.sort()).toEqual(['meetings', 'news']);

  // Preferences: add publications, drop meetings.
  await page.getByRole('link', { name: ru('newsletter.confirm.preferences') }).click();
  await page.getByRole('checkbox', { name: ru('newsletter.topics.meetings') }).uncheck();
  await page.getByRole('checkbox', { name: ru('newsletter.topics.publications') }).check();
  await page.getByRole('button', { name: ru('newsletter.preferences.save') }).click();
  const [changed] = await e.t.db.select().from(subscriptions).where(eq(subscriptions.email, 'olga@example.org'));
  expect(changed!.topics.sort()).toEqual(['news', 'publications']);

  // The unsubscribe link of a newsletter opens a page with a single button; one click unsubscribes.
  const unsubscribe = confirm.replace('/confirm/', '/unsubscribe/');
  await page.goto(unsubscribe);
  expect((await e.t.db.select().from(subscriptions).where(eq(subscriptions.email, 'olga@example.org')))[0]!.status).toBe('subscribed');
  await page.getByRole('button', { name: ru('newsletter.unsubscribe.button') }).click();
  const [gone] = await e.t.db.select().from(subscriptions).where(eq(subscriptions.email, 'olga@example.org'));
  expect(gone!.status).toBe('unsubscribed');
  expect(await page.getByRole('button', { name: ru('newsletter.unsubscribe.resubscribe') }).isVisible()).toBe(true);
  const history = await e.t.db.select().from(consentEvents).where(eq(consentEvents.subscriptionId, gone!.id));
  expect(history.map((h) => h.change)).toEqual(expect.arrayContaining(['requested', 'confirmed', 'topics-changed', 'unsubscribed']));
});
