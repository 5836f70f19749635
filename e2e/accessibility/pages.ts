import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { newsletterIssues } from '../../src/modules/communications/schema.js';
import type { BrowserContext, Page } from 'playwright-core';
import { axeCheck, overflow, prepareAxe, startE2E, type E2E } from '../fixtures.js';
import { routeTable } from '../../src/server.js';
import { PERSONAS, TABLE, routeFixtures, urlFor, type Persona } from '../../src/testing/route-table.js';
import type { Locale } from '../../src/platform/i18n/locales.js';
import { startApplication } from '../../src/modules/membership/applications.js';
import { stepsFor } from '../../src/modules/membership/fields.js';

/**
 * Every page of the app for the accessibility tests, from the route table: each GET route that
 * answers a page, opened by the first person the table lets see it (public pages as an anonymous
 * visitor), with real parameters. New routes are included without changing the tests. Checked
 * first for their status (200), then with axe; axe's undecided checks ("incomplete") are listed.
 */
export interface AxeRun {
  e: E2E;
  pages: { route: string; who: Persona; path: string }[];
  context(who: Persona): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Not pages: the health check, the web app manifest, static files, the harvesting endpoint (XML, in no language), the public API (JSON, in no language), the redirect from the bare address, a mail's own HTML (sandboxed, shown in a frame of the Mailbox page). */
const NOT_PAGES = /^GET \/(healthz|manifest\.webmanifest|static\/\*|oai|api\/v1\/.+)?$|\/mailbox\/:id\/html$/;

/** A phone's screen (the narrowest the site is made for) and a desktop's. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** The run's pages, opened at one screen size (each file checks its pages at one: a desktop's, or a phone's). */
export async function startAxeRun(viewport: { width: number; height: number }): Promise<AxeRun> {
  const e = await startE2E();
  const { cookies, param } = await routeFixtures(e.t);
  const candidates = routeTable(e.t.app)
    .filter((r) => r.method === 'GET' && !NOT_PAGES.test(`GET ${r.url}`))
    .flatMap((r) => {
      const key = `GET ${r.url}`;
      const who = PERSONAS.find((p) => TABLE[key]?.[p] === 'ok');
      // Without the locale: each test puts its own in front.
      return who ? [{ route: key, who, path: urlFor(r.url, who, param).replace(/^\/en(?=\/|$)/, '') }] : [];
    });
  // Only what answers an HTML page (a download is not a page; its status is the route table's business).
  const pages: typeof candidates = [];
  for (const c of candidates) {
    const res = await e.t.app.inject({ method: 'GET', url: `/en${c.path}`, headers: { cookie: cookies[c.who] ?? '' } });
    const type = String(res.headers['content-type'] ?? '');
    if (type.startsWith('text/html') || (res.statusCode >= 300 && res.statusCode < 400)) pages.push(c);
  }
  // One route, many forms: every step of an application, an individual's and an institution's.
  const step = pages.find((p) => p.route === 'GET /:locale/apply/:token/:step')!;
  const institution = await startApplication(e.t.db, { kind: 'institution', email: 'axe-institution@example.org', locale: 'en', baseUrl: e.base });
  if (!('resumeToken' in institution)) throw new Error('no application');
  pages.push(
    ...stepsFor('individual').filter((s) => !step.path.endsWith(`/${s}`)).map((s) => ({ ...step, path: step.path.replace(/[^/]+$/, s) })),
    ...stepsFor('institution').filter((s) => !stepsFor('individual').includes(s)).map((s) => ({ ...step, path: `/apply/${institution.resumeToken}/${s}` })),
  );
  const contexts = new Map<Persona, BrowserContext>();
  return {
    e,
    pages,
    async context(who) {
      if (!contexts.has(who)) {
        const c = await e.context({ viewport });
        const cookie = cookies[who];
        if (cookie) {
          const [name, value] = cookie.split('=') as [string, string];
          await c.addCookies([{ name, value, url: e.base, httpOnly: true, sameSite: 'Lax' }]);
        }
        await prepareAxe(c);
        contexts.set(who, c);
      }
      return contexts.get(who)!;
    },
    close: () => e.close(),
  };
}

/** Opens a path and checks it: status 200 and an HTML page, nothing wider than the screen, then axe. Returns the problems; prints what axe could not decide. */
export async function checkPage(page: Page, path: string, incomplete: string[]): Promise<string[]> {
  const res = await page.goto(path);
  if (res?.status() !== 200) return [`${path}: HTTP ${res?.status()}`];
  if (!String(res.headers()['content-type']).startsWith('text/html')) return [];
  const o = await overflow(page);
  const wide = o.scrollWidth > o.width || o.wide.length ? [`${path}: wider than the screen (${o.width} px): ${o.scrollWidth} px; ${o.wide.join(', ')}`] : [];
  return [...wide, ...(await axeAt(page, path, incomplete))];
}

/** axe on the page as it is now: its violations, each named by `label`; what it could not decide goes to `incomplete`. */
async function axeAt(page: Page, label: string, incomplete: string[]): Promise<string[]> {
  const r = await axeCheck(page);
  incomplete.push(...r.incomplete.map((i) => `${label}: ${i}`));
  return r.violations.map((v) => `${label}: ${v}`);
}

/** How many tests share out the pages of one language's pass, each with its own time limit (each page in one of them). */
export const SHARES = 3;

/**
 * Which of the other four languages a page is checked in, by its place in the list: each page in
 * one of them, in turn (French, Chinese, Spanish, Russian), so every language meets every kind of
 * page. What a language changes on a page is its text, and its text is checked in all six by the
 * locale tests; the page's structure, colours and direction are checked on every page in English
 * (left to right) and in Arabic (right to left).
 */
export const OTHER_LANGUAGES = ['fr', 'zh', 'es', 'ru'] as const satisfies readonly Locale[];
export const otherLanguage = (index: number): Locale => OTHER_LANGUAGES[index % OTHER_LANGUAGES.length]!;

/**
 * Every page of the run in the language `localeOf` gives for its place in the list (none: the page
 * is left to another test); with `share`, only the pages whose place falls to that share (of SHARES).
 */
export async function checkEveryPage(run: AxeRun, localeOf: (index: number) => Locale | null, share?: number) {
  const found: string[] = [];
  const incomplete: string[] = [];
  const pages = new Map<Persona, Page>();
  for (const [i, p] of run.pages.entries()) {
    if (share !== undefined && i % SHARES !== share) continue;
    const locale = localeOf(i);
    if (!locale) continue;
    if (!pages.has(p.who)) pages.set(p.who, await (await run.context(p.who)).newPage());
    found.push(...(await checkPage(pages.get(p.who)!, `/${locale}${p.path}`, incomplete)));
  }
  for (const page of pages.values()) await page.close();
  if (incomplete.length) console.info(`axe could not decide ${incomplete.length} checks (to look at by hand):\n${incomplete.join('\n')}`);
  expect(run.pages.length, 'the route table gave pages').toBeGreaterThan(60);
  return found;
}

/** A form sent with mistakes, as the person sees it again: the error summary and the fields. */
async function formWithErrors(page: Page, path: string, fill: (page: Page) => Promise<void>, button: string, incomplete: string[]): Promise<string[]> {
  const res = await page.goto(path);
  if (res?.status() !== 200) return [`${path}: HTTP ${res?.status()}`];
  await fill(page);
  await page.locator(button).first().click();
  await page.waitForSelector('.error-summary');
  return axeAt(page, `${path} (with errors)`, incomplete);
}

/** The API token page as it shows a new token, the one time it does. */
async function tokenShown(page: Page, locale: Locale, incomplete: string[]): Promise<string[]> {
  const path = `/${locale}/admin/api-tokens`;
  const res = await page.goto(path);
  if (res?.status() !== 200) return [`${path}: HTTP ${res?.status()}`];
  await page.locator('#f-name').fill(`Axe ${locale}`);
  await page.locator('form[action$="/admin/api-tokens"] button').click();
  await page.waitForSelector('#new-token');
  return axeAt(page, `${path} (a new token shown)`, incomplete);
}

/** States a route list does not reach: forms shown again with errors, the error pages, a closed registration, a sent issue. */
export async function checkStates(run: AxeRun, locale: Locale): Promise<string[]> {
  const incomplete: string[] = [];
  const found: string[] = [];
  const pathOf = (route: string) => run.pages.find((p) => p.route === route)!.path;
  const anon = await (await run.context('anonymous')).newPage();
  const applicant = await (await run.context('applicant')).newPage();
  const member = await (await run.context('member')).newPage();
  const sec = await (await run.context('secretariat')).newPage();
  const submit = 'main form button[type="submit"]';
  found.push(...(await formWithErrors(anon, `/${locale}/sign-in`, (p) => p.locator('#f-email').first().fill('wrong'), 'form[action$="/sign-in/link"] button', incomplete)));
  found.push(...(await formWithErrors(anon, `/${locale}/subscribe`, async () => {}, submit, incomplete)));
  found.push(...(await formWithErrors(anon, `/${locale}/meetings/forum/register`, async () => {}, submit, incomplete)));
  found.push(...(await formWithErrors(applicant, `/${locale}${pathOf('GET /:locale/apply/:token/:step')}`, async () => {}, submit, incomplete)));
  found.push(...(await formWithErrors(sec, `/${locale}/admin/meetings/forum/programme`, async () => {}, 'main form button.primary', incomplete)));
  found.push(...(await formWithErrors(sec, `/${locale}/admin/mailbox`, (p) => p.locator('#f-limit').fill('0'), 'form[action$="/admin/mailbox/settings"] button', incomplete)));
  found.push(...(await formWithErrors(sec, `/${locale}/admin/api-tokens`, async () => {}, 'form[action$="/admin/api-tokens"] button', incomplete)));
  found.push(...(await tokenShown(sec, locale, incomplete)));
  const [sent] = await run.e.t.db.select({ id: newsletterIssues.id }).from(newsletterIssues).where(eq(newsletterIssues.status, 'sent'));
  for (const [page, path, status] of [
    [anon, `/${locale}/no-such-page`, 404],
    [member, `/${locale}/admin/users`, 403],
    [anon, `/${locale}/sign-in/link/${'A'.repeat(43)}`, 410],
    [anon, `/${locale}/meetings/building-bridges-2024/register`, 200],
    [sec, `/${locale}/admin/newsletter/${sent!.id}/progress`, 200],
  ] as const) {
    const res = await page.goto(path);
    if (res?.status() !== status) found.push(`${path}: HTTP ${res?.status()}, expected ${status}`);
    found.push(...(await axeAt(page, path, incomplete)));
  }
  for (const p of [anon, applicant, member, sec]) await p.close();
  if (incomplete.length) console.info(`axe could not decide ${incomplete.length} checks in ${locale} (to look at by hand):\n${[...new Set(incomplete)].join('\n')}`);
  return found;
}

/**
 * The tests of one accessibility file: every page in `main` at `viewport` (in SHARES tests, each
 * with its own time limit); the pages whose turn it is in one of `others`; the states the route
 * table does not reach, in all of them.
 */
export function axeFile(main: Locale, others: readonly Locale[], viewport: { width: number; height: number }): void {
  let run: AxeRun;
  beforeAll(async () => {
    run = await startAxeRun(viewport);
  }, 120_000);
  afterAll(() => run.close());

  describe(`axe, ${main}`, () => {
    for (let share = 0; share < SHARES; share++) {
      it(`every page (share ${share + 1} of ${SHARES}): status 200, nothing wider than the screen, no violation`, { timeout: 180_000 }, async () => {
        expect(await checkEveryPage(run, () => main, share)).toEqual([]);
      });
    }
  });

  describe(`axe, ${others.join(' and ')}`, () => {
    it(`the pages whose turn it is in ${others.join(' or ')}: status 200, nothing wider than the screen, no violation`, { timeout: 180_000 }, async () => {
      expect(await checkEveryPage(run, (i) => (others.includes(otherLanguage(i)) ? otherLanguage(i) : null))).toEqual([]);
    });
  });

  for (const locale of [main, ...others]) {
    it(`${locale}: forms shown again with errors, error pages, a closed registration, a sent issue`, { timeout: 120_000 }, async () => {
      expect(await checkStates(run, locale)).toEqual([]);
    });
  }
}
