import { afterAll, beforeAll, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../fixtures.js';
import { openMeeting } from '../../src/modules/meetings/factories.js';
import { registrations, sideActivities } from '../../src/modules/meetings/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { translate } from '../../src/platform/i18n/messages.js';
import type { Locale } from '../../src/platform/i18n/locales.js';

let e: E2E;
const now = Date.now();
beforeAll(async () => {
  e = await startE2E();
  await openMeeting(e.t.db, {
    slug: 'annual-2027',
    title: { en: 'Building Bridges 2027', es: 'Tender puentes 2027' },
    description: { en: 'The annual meeting.' },
    venueName: { en: 'Headquarters, Paris' },
    venueAddress: '7 place de Fontenoy, 75007 Paris',
    startsAt: new Date(now + 90 * 86_400_000),
    endsAt: new Date(now + 91 * 86_400_000),
    capacity: 2,
    financingBudget: 20000,
    categories: [
      { slug: 'member', name: { en: 'Alliance member', es: 'Miembro de la Alianza' } },
      { slug: 'practitioner', name: { en: 'Invited practitioner', es: 'Profesional invitado' } },
    ],
    activities: [{ slug: 'school-visit', title: { en: 'School visit', es: 'Visita a una escuela' }, description: { en: '' }, startsAt: new Date(now + 92 * 86_400_000), endsAt: new Date(now + 92 * 86_400_000 + 3 * 3_600_000), membersOnly: true, capacity: 20 }],
  });
});
afterAll(() => e.close());

const manageLink = (text: string) => text.match(/http:\/\/\S+\/registration\/[\w-]+/)![0];

async function registerWithForm(page: Page, locale: Locale, p: { name: string; email: string; country: string; category: number }) {
  await page.goto(`/${locale}/meetings/annual-2027/register`);
  await page.locator('#f-name').fill(p.name);
  await page.locator('#f-email').fill(p.email);
  await page.locator('#f-country').selectOption(p.country);
  await page.locator(p.category === 1 ? '#f-category' : `#f-category-${p.category}`).check();
  await page.locator('#f-lunch').check();
  await page.locator('#f-consent').check();
  await page.locator('main form button[type="submit"]').click();
  // The page says to look in the inbox; the private link arrives by e-mail.
  await page.locator('h1', { hasText: translate(locale, 'meetings.register.sent.title') }).waitFor();
  const [mail] = (await e.t.db.select().from(outbox).where(eq(outbox.toAddress, p.email)).orderBy(desc(outbox.id))).filter((m) => m.template === 'meetings.registration');
  await page.goto(manageLink(mail!.text).replace(/^http:\/\/[^/]+/, ''));
}

it('a practitioner from a lower-middle-income country registers in Spanish with JavaScript off, asks for financing, and gets the confirmation with calendar file and QR code', async () => {
  const page = await (await e.context({ javaScriptEnabled: false, locale: 'es-PE' })).newPage();
  await page.goto('/es/meetings/annual-2027');
  await page.locator('a[href="/es/meetings/annual-2027/register"]').click();
  // A mistake first: the form comes back with what was typed.
  await page.locator('#f-name').fill('Rosa Quispe');
  await page.locator('main form button[type="submit"]').click();
  expect(await page.locator('.error-summary').count()).toBe(1);
  expect(await page.locator('#f-name').inputValue()).toBe('Rosa Quispe');
  await registerWithForm(page, 'es', { name: 'Rosa Quispe', email: 'rosa@example.org', country: 'BO', category: 2 });
  expect(await page.locator('html').getAttribute('lang')).toBe('es');

  // Financing: Bolivia is a lower-middle-income country.
  await page.locator('input[name="needs"][value="travel"]').check();
  await page.locator('#f-justification').fill('Vuelo desde La Paz.');
  await page.locator('#f-estimatedCost').fill('1400');
  await page.locator('form[action$="/financing"] button').click();
  await page.waitForURL(/notice=financing-requested/);

  const [mail, ack] = (await e.t.db.select().from(outbox).orderBy(outbox.id)).filter((m) => m.toAddress === 'rosa@example.org');
  // The request is acknowledged in Spanish.
  expect(ack!.template).toBe('meetings.financingRequested');
  expect(ack!.locale).toBe('es');
  expect(ack!.text).toContain('el viaje');
  expect(mail!.locale).toBe('es');
  expect(mail!.subject).toContain('Tender puentes 2027');
  expect(mail!.html).toContain('cid:check-in-qr');
  expect(mail!.attachments.map((a) => a.contentType)).toEqual(['image/png', 'text/calendar; charset=utf-8; method=PUBLISH']);
  expect(Buffer.from(mail!.attachments[1]!.content, 'base64').toString()).toContain('TZID=Europe/Paris');
});

it('a member adds the school visit; a non-member is refused it with a clear reason', async () => {
  // The demo alliance's members include wanjiru@clr.example.org.
  const member = await (await e.context()).newPage();
  await registerWithForm(member, 'en', { name: 'Wanjiru Kamau', email: 'wanjiru@clr.example.org', country: 'KE', category: 1 });
  await member.getByRole('button', { name: 'Join this activity' }).click();
  await member.waitForURL(/notice=activity-confirmed/);
  expect(await member.locator('#activities-heading + ul').textContent()).toContain('You have a place.');

  const outsider = await (await e.context()).newPage();
  const [visit] = await e.t.db.select().from(sideActivities).where(eq(sideActivities.slug, 'school-visit'));
  const rosa = (await e.t.db.select().from(registrations).where(eq(registrations.email, 'rosa@example.org')))[0]!;
  const rosaMail = (await e.t.db.select().from(outbox).where(eq(outbox.toAddress, 'rosa@example.org')).orderBy(desc(outbox.id))).find((m) => m.template === 'meetings.registration')!;
  await outsider.goto(manageLink(rosaMail.text).replace(/^http:\/\/[^/]+/, ''));
  expect(await outsider.locator('#activities-heading + ul').textContent()).toContain(translate('es', 'meetings.activities.refusal.members-only'));
  expect(await outsider.locator(`form[action$="/activities/${visit!.id}/join"]`).count()).toBe(0);
  expect(rosa.status).toBe('confirmed');
});

it('someone cancels, and the first person waiting is offered the place by e-mail and accepts', async () => {
  const waiting = await (await e.context()).newPage();
  await registerWithForm(waiting, 'fr', { name: 'Jean Dupont', email: 'jean@example.org', country: 'FR', category: 2 });
  expect(await waiting.locator('main').textContent()).toContain(translate('fr', 'meetings.statusLine.waiting', { position: 1 }));

  const canceller = await (await e.context()).newPage();
  const wanjiruMail = (await e.t.db.select().from(outbox).where(eq(outbox.toAddress, 'wanjiru@clr.example.org'))).find((m) => m.template === 'meetings.registration')!;
  await canceller.goto(manageLink(wanjiruMail.text).replace(/^http:\/\/[^/]+/, ''));
  await canceller.getByRole('link', { name: 'Cancel my registration' }).click();
  await canceller.getByRole('button', { name: 'Yes, cancel my registration' }).click();
  await canceller.waitForURL(/notice=cancelled/);

  const offer = (await e.lastMailTo('jean@example.org'))!;
  expect(offer.locale).toBe('fr');
  await waiting.goto(manageLink(offer.text).replace(/^http:\/\/[^/]+/, ''));
  await waiting.locator('form[action$="/accept"] button').click();
  await waiting.waitForURL(/notice=accepted/);
  const [jean] = await e.t.db.select().from(registrations).where(eq(registrations.email, 'jean@example.org'));
  expect(jean!.status).toBe('confirmed');
  const confirmation = (await e.lastMailTo('jean@example.org'))!;
  expect(confirmation.html).toContain('cid:check-in-qr');
});
