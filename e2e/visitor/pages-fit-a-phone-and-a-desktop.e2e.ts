import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { axeCheck, overflow, prepareAxe, smallestChartText, startE2E, type E2E } from '../fixtures.js';
import { meetings } from '../../src/modules/meetings/schema.js';
import { registerParticipant } from '../../src/modules/meetings/factories.js';

/**
 * Screenshots of every page shot here, for people to look at (git-ignored), when SCREENSHOTS=1:
 * they check nothing, and a full-page shot now and then fails in Chromium under load
 * ("Unable to capture screenshot") for reasons of its own.
 */
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
const SHOOT = process.env.SCREENSHOTS === '1';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let e: E2E;
let secretariat: BrowserContext;
let visitor: BrowserContext;
let slug: string;

beforeAll(async () => {
  e = await startE2E();
  mkdirSync(SHOTS, { recursive: true });
  // The demo's upcoming meeting, with a few people registered so that its charts and check-in have something to show.
  const next = (await e.t.db.select().from(meetings).where(like(meetings.slug, 'building-bridges-20%'))).sort((a, b) => +b.startsAt - +a.startsAt)[0]!;
  slug = next.slug;
  const people = [
    { email: 'fits.amina@example.org', name: 'Amina Sow Diallo', country: 'SN', category: 'practitioner' },
    { email: 'fits.wanjiru@example.org', name: 'Wanjiru Kamau Mbugua', country: 'KE', category: 'practitioner' },
    { email: 'fits.lucia@example.org', name: 'Lucía Fernández Ortiz', country: 'CO', category: 'member' },
    { email: 'fits.lan@example.org', name: 'Nguyễn Thị Lan Anh', country: 'VN', category: 'member' },
    { email: 'fits.omar@example.org', name: 'Omar Haddad Saleh', country: 'JO', category: 'partner' },
  ];
  for (const p of people) await registerParticipant(e.t.db, next.id, { email: p.email, name: p.name, country: p.country, locale: 'en' }, p.category);
  secretariat = await e.signedInContext({ email: 'secretariat@alliance.example', roles: ['secretariat'] });
  visitor = await e.context();
  await prepareAxe(secretariat);
  await prepareAxe(visitor);
});
afterAll(() => e.close());

async function shoot(page: Page, name: string, size: { width: number; height: number }) {
  if (!SHOOT) return;
  await page.screenshot({ path: join(SHOTS, `${name}-${size.width}.png`), fullPage: true });
}

const pages = (l: string) => [
  { name: `${l}-home`, path: `/${l}`, signedIn: false },
  { name: `${l}-register`, path: `/${l}/meetings/${slug}/register`, signedIn: false },
  { name: `${l}-check-in`, path: `/${l}/admin/meetings/${slug}/check-in?day=1&q=a`, signedIn: true },
  { name: `${l}-dashboard`, path: `/${l}/admin/meetings/${slug}/dashboard`, signedIn: true },
  // A table whose column of buttons has a header for screen readers only.
  { name: `${l}-categories`, path: `/${l}/admin/meetings/${slug}/categories`, signedIn: true },
  { name: `${l}-secretariat-home`, path: `/${l}/admin`, signedIn: true },
];

// Every page of the route table is also checked for width, in English on a desktop and in Arabic on a phone, by the accessibility files.
describe.each(['en', 'ar'])('in %s', (l) => {
  it.each([PHONE, DESKTOP])('every page fits a screen %o, with nothing wider than it', async (size) => {
    for (const p of pages(l)) {
      const page = await (p.signedIn ? secretariat : visitor).newPage();
      await page.setViewportSize(size);
      const res = await page.goto(p.path);
      expect(res!.status(), p.path).toBe(200);
      await shoot(page, p.name, size);
      const o = await overflow(page);
      expect(o.scrollWidth, `${p.path} at ${size.width} px scrolls sideways`).toBeLessThanOrEqual(o.width);
      expect(o.wide, `${p.path} at ${size.width} px`).toEqual([]);
      if (size === PHONE) {
        const header = await page.locator('.site-header').boundingBox();
        expect(header!.height, `${p.path}: header height`).toBeLessThanOrEqual(120);
        expect((await axeCheck(page)).violations, p.path).toEqual([]);
      }
      if (p.name.endsWith('dashboard')) expect(await smallestChartText(page), 'chart text in px').toBeGreaterThanOrEqual(12);
      await page.close();
    }
  });
});

it('on a phone, check-in starts with the search field, and the results are cards right under it', async () => {
  const page = await secretariat.newPage();
  await page.setViewportSize(PHONE);
  await page.goto(`/en/admin/meetings/${slug}/check-in?day=1&q=Mbugua`);
  const search = await page.getByRole('searchbox', { name: 'Name or organization' }).boundingBox();
  expect(search!.y + search!.height).toBeLessThanOrEqual(PHONE.height);
  const mark = page.getByRole('button', { name: /^Mark Wanjiru Kamau Mbugua present on day 1$/ });
  const box = await mark.boundingBox();
  expect(box!.y).toBeGreaterThan(search!.y);
  expect(box!.width).toBeGreaterThan(PHONE.width * 0.8); // a full-width button, for a thumb
  await mark.click();
  await page.waitForURL(/notice=ok/);
  expect(await page.getByRole('status').first().textContent()).toContain('Marked present');
  await page.close();
});

it('the dashboard leads with its key figures, and each chart has one title and its numbers to open', async () => {
  const page = await secretariat.newPage();
  await page.setViewportSize(PHONE);
  await page.goto(`/en/admin/meetings/${slug}/dashboard`);
  const figures = await page.locator('.headline').innerText();
  expect(Number(figures.match(/Confirmed places\s+([\d,]+) of [\d,]+/)![1]!.replace(/,/g, ''))).toBeGreaterThanOrEqual(5);
  expect(figures).toMatch(/On the waiting list\s+\d+/);
  expect(figures).toMatch(/Lunches\s+Day 1: \d+\s+Day 2: \d+/);
  expect(figures).toMatch(/Travel financing committed, of the budget\s+\$[\d,]+ of \$[\d,]+/);
  const headline = await page.locator('.headline').boundingBox();
  const firstChart = await page.locator('.chart').first().boundingBox();
  expect(headline!.y).toBeLessThan(firstChart!.y);
  // One visible title per chart; its table opens beneath it.
  const region = page.locator('.chart', { has: page.locator('figcaption', { hasText: 'Registrations by region' }) });
  expect(await page.getByText('Registrations by region', { exact: true }).evaluateAll((els) => els.filter((el) => !el.closest('svg') && el.getBoundingClientRect().height > 1).length)).toBe(1); // the table's caption is there for screen readers only
  expect(await region.locator('table').isVisible()).toBe(false);
  await region.getByText('Show the numbers').click();
  expect(await region.getByRole('table', { name: 'Registrations by region' }).isVisible()).toBe(true);
  // Full names, not "Invited practitioner (teacher, sch…".
  const categories = await page
    .locator('.chart')
    .nth(1)
    .locator('svg text')
    .evaluateAll((texts) => texts.map((t) => (t.querySelector('tspan') ? [...t.querySelectorAll('tspan')].map((l) => l.textContent).join(' ') : t.textContent)).join('\n'));
  expect(categories).not.toContain('…');
  expect(categories.replace(/[ \u2067\u2069]+/g, ' ')).toContain('Invited practitioner (teacher, school leader, teacher educator, curriculum developer, assessment expert)');
  await page.close();
});

it('the figures of a consultation draw their charts at a readable size on a phone', async () => {
  const page = await visitor.newPage();
  await page.setViewportSize(PHONE);
  await page.goto('/ar/consultations/background-report-v1/figures');
  await shoot(page, 'ar-consultation-figures', PHONE);
  expect(await page.locator('.chart svg').count()).toBe(3);
  expect(await smallestChartText(page)).toBeGreaterThanOrEqual(12);
  const o = await overflow(page);
  expect(o.scrollWidth).toBeLessThanOrEqual(o.width);
  expect(o.wide).toEqual([]);
  await page.close();
});

it('the header folds into a language menu and a menu on a phone, without JavaScript, and shows everything on a desktop', async () => {
  const context = await e.context({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.setViewportSize(PHONE);
  await page.goto('/en');
  const meetingsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' });
  expect(await meetingsLink.isVisible()).toBe(false);
  await page.locator('summary', { hasText: 'Menu' }).click();
  expect(await meetingsLink.isVisible()).toBe(true);
  await page.locator('summary', { hasText: 'English' }).click();
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).click();
  await page.waitForURL('**/fr');
  await shoot(page, 'fr-home-menu', PHONE);

  await page.setViewportSize(DESKTOP);
  await page.goto('/en');
  expect(await meetingsLink.isVisible()).toBe(true);
  expect(await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).isVisible()).toBe(true);
  expect(await page.locator('.site-header summary').evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().height > 0).length)).toBe(0);
  await page.close();
});
