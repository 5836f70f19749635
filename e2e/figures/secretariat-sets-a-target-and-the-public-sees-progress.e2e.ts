import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { axeCheck, overflow, prepareAxe, smallestChartText, startE2E, type E2E } from '../fixtures.js';
import { translate } from '../../src/platform/i18n/messages.js';
import { m49RegionName } from '../../src/platform/geo/countries.js';
import { formatPercent } from '../../src/platform/i18n/format.js';

/**
 * On the demo alliance, with JavaScript off: the Secretariat sets the Steering Committee's target
 * that a fifth of survey responses come from Africa by next year; anyone then reads on the public
 * "Who takes part" page, in French, the target and the share reached — the share the page's own
 * table gives; the CSV offered there holds exactly the numbers of that table. The public page and
 * the dashboard pass axe in English, French and Arabic.
 */
let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e.close());

const nextYear = new Date().getUTCFullYear() + 1;
const thisYear = new Date().getUTCFullYear();

it('the Secretariat sets a target; the public page shows the progress its table gives; the CSV matches the table; axe passes', async () => {
  const person = { email: 'figures.e2e@secretariat.example', name: 'Figures', roles: ['secretariat'] };
  const desk = await e.signedInContext(person, { javaScriptEnabled: false });
  desk.setDefaultTimeout(10_000);
  const admin = await desk.newPage();
  await admin.goto('/en/admin/figures');
  // A mistake first: the form comes back with the message and what was typed.
  await admin.locator('#f-figure').selectOption('survey-responses');
  await admin.locator('#f-group').selectOption('region:002');
  await admin.locator('#f-percent').fill('120');
  await admin.locator('#f-byYear').fill(String(nextYear));
  await admin.locator('main form[action="/en/admin/figures/targets"] button[type="submit"]').click();
  expect(await admin.locator('.error-summary').textContent()).toContain(translate('en', 'figures.targets.errors.percent'));
  expect(await admin.locator('#f-percent').inputValue()).toBe('120');
  expect(await admin.locator('#f-group').inputValue()).toBe('region:002');
  await admin.locator('#f-percent').fill('20');
  await admin.locator('main form[action="/en/admin/figures/targets"] button[type="submit"]').click();
  await admin.waitForURL(/\/en\/admin\/figures\?notice=saved$/);
  // axe runs in the page: a context with JavaScript on.
  const checker = await e.signedInContext(person);
  await prepareAxe(checker);
  const axePage = await checker.newPage();
  for (const locale of ['en', 'fr', 'ar']) {
    await axePage.goto(`/${locale}/admin/figures`);
    expect((await axeCheck(axePage)).violations, `dashboard ${locale}`).toEqual([]);
  }

  const reader = await e.context({ javaScriptEnabled: false, locale: 'fr-FR' });
  reader.setDefaultTimeout(10_000);
  const page = await reader.newPage();
  await page.goto(`/fr/who-takes-part?year=${thisYear}`);
  const fr = (key: string, values?: Record<string, string | number>) => translate('fr', key, values);
  const africa = m49RegionName('002', 'fr');
  const target = page.locator('li.target', { hasText: fr('figures.targets.name', { figure: fr('figures.sources.survey-responses'), group: africa }) });
  expect(await target.textContent()).toContain(fr('figures.targets.aim', { target: formatPercent('fr', 0.2), year: nextYear }));
  // The share in the target line is the one in the table of regions.
  const table = page.locator('table', { has: page.locator('caption', { hasText: fr('figures.by.region', { year: thisYear }) }) });
  const head = (await table.locator('thead th').allTextContents()).map((s) => s.trim());
  const column = head.indexOf(fr('figures.sources.survey-responses'));
  const africaCell = (await table.locator('tbody tr', { hasText: africa }).locator('td').nth(column).textContent())!.trim();
  const [, count, share] = /^([\d\s\u202f\u00a0]+) \(([^)]+)\)$/.exec(africaCell) ?? [];
  expect(count, africaCell).toBeTruthy();
  expect(await target.textContent()).toContain(share!);
  const visitor = await e.context();
  await prepareAxe(visitor);
  const visitorPage = await visitor.newPage();
  for (const locale of ['en', 'fr', 'ar']) {
    await visitorPage.goto(`/${locale}/who-takes-part`);
    expect((await axeCheck(visitorPage)).violations, `public page ${locale}`).toEqual([]);
  }
  // On a phone: the charts' words stay readable (≥ 12 px as drawn), and nothing is wider than the screen.
  await visitorPage.setViewportSize({ width: 390, height: 844 });
  await visitorPage.goto('/ar/who-takes-part');
  expect(await visitorPage.locator('.chart svg').count()).toBe(3);
  expect(await smallestChartText(visitorPage)).toBeGreaterThanOrEqual(12);
  expect((await overflow(visitorPage)).wide).toEqual([]);

  // The CSV linked from the page holds the numbers of its tables.
  await page.goto(`/en/who-takes-part?year=${thisYear}`);
  const href = await page.locator(`main a[href*="who-takes-part.csv"]`).getAttribute('href');
  const csv = await (await reader.request.get(new URL(href!, e.base).toString())).text();
  const rows: string[][] = parse(csv.replace(/^\ufeff/, ''));
  const regions = page.locator('table', { has: page.locator('caption', { hasText: translate('en', 'figures.by.region', { year: thisYear }) }) });
  const figures = (await regions.locator('thead th').allTextContents()).map((s) => s.trim());
  let compared = 0;
  for (const tr of await regions.locator('tbody tr').all()) {
    const cells = (await tr.locator('td').allTextContents()).map((s) => s.trim());
    const group = cells[0]!;
    if (group === translate('en', 'figures.total')) continue;
    for (let i = 1; i < cells.length; i++) {
      const inCsv = rows.find((r) => r[0] === figures[i] && r[1] === translate('en', 'figures.dimension.region') && r[2] === group && r[3] === String(thisYear))?.[4];
      // The page adds the share to a number, and shows a number not shown as a dash.
      const onPage = cells[i]!.replace(/ \([^)]*\)$/, '').replace(/^–/, '');
      expect(inCsv, `${figures[i]} / ${group}`).toBe(onPage.replace(/,/g, ''));
      compared++;
    }
  }
  expect(compared).toBeGreaterThanOrEqual(30);
});
