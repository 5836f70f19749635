import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp, signedIn, type TestApp } from '../../testing/app.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import { newsletterDeliveries, newsletterIssues, subscriptions } from './schema.js';
import { seedNewsletter } from './seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedNewsletter({ db: t.db, config: t.config });
});
afterAll(() => t.close());

describe('the demo newsletter', () => {
  it('has its sent issue in the six languages', async () => {
    const [issue] = await t.db.select().from(newsletterIssues).where(eq(newsletterIssues.slug, '2024-12'));
    for (const l of LOCALES) {
      expect(issue!.versions[l]?.subject.trim(), l).toBeTruthy();
      expect(issue!.versions[l]?.body, l).toContain(`${t.config.baseUrl}/${l}/meetings/building-bridges-2024/agenda`);
    }
  });

  it('its sent issue was delivered to the readers subscribed then, and its page counts them', async () => {
    const [issue] = await t.db.select().from(newsletterIssues).where(eq(newsletterIssues.slug, '2024-12'));
    const readers = await t.db.select().from(subscriptions);
    const deliveries = await t.db.select().from(newsletterDeliveries).where(eq(newsletterDeliveries.issueId, issue!.id));
    expect(readers.length).toBeGreaterThanOrEqual(10);
    expect(new Set(readers.map((r) => r.locale))).toEqual(new Set(LOCALES));
    expect(deliveries.map((d) => d.email).sort()).toEqual(readers.map((r) => r.email).sort());
    expect(deliveries.every((d) => d.status === 'sent' && d.sentAt! >= issue!.startedAt! && d.sentAt! <= issue!.finishedAt!)).toBe(true);
    expect(readers.every((r) => r.status === 'subscribed' && r.createdAt < issue!.startedAt!)).toBe(true);
    expect(issue!.recipients).toBe(readers.length);

    const cookie = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
    const page = await t.app.inject({ method: 'GET', url: `/en/admin/newsletter/${issue!.id}`, headers: { cookie } });
    expect(page.body).toMatch(new RegExp(`<dt>Recipients</dt>\\s*<dd>${readers.length}</dd>`));
    expect(page.body).toMatch(new RegExp(`<dt>Sent</dt>\\s*<dd>${readers.length}</dd>`));
  });

  it('loads once: a second run adds nobody and no delivery', async () => {
    const before = (await t.db.select().from(newsletterDeliveries)).length;
    await seedNewsletter({ db: t.db, config: t.config });
    expect((await t.db.select().from(newsletterDeliveries)).length).toBe(before);
    expect((await t.db.select().from(subscriptions)).length).toBe(before);
  });
});
