import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { desc, eq } from 'drizzle-orm';
import { runDeferredMail, testApp, signedIn, type TestApp } from '../src/testing/app.js';
import { rebase } from '../src/testing/demo.js';
import { outbox } from '../src/platform/mail/schema.js';
import { looksLikeToken } from '../src/platform/http/log.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The app on a fresh copy of the demo alliance (seeded once per run), listening on loopback, and one Chromium for the file. */
export interface E2E {
  t: TestApp;
  base: string;
  browser: Browser;
  /** A new browser context (a fresh profile) per test. */
  context(opts?: BrowserContextOptions): Promise<BrowserContext>;
  /** A context in which the person (created with these roles) is already signed in. */
  signedInContext(person: { email: string; name?: string; roles?: string[] }, opts?: BrowserContextOptions): Promise<BrowserContext>;
  /** The newest e-mail to an address, from the outbox. */
  lastMailTo(email: string): Promise<{ subject: string; text: string; html: string; locale: string; template: string } | undefined>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed for browser tests: ${CHROMIUM} not found (apt-get install chromium).`);
  const log: string[] = [];
  const t = await testApp({}, { log, demo: true });
  const sessions: string[] = [];
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  // Links in e-mails must point at this server: the config is read per request, and the demo's links are moved here.
  await rebase(t.database, t.config.baseUrl, base);
  t.config.baseUrl = base;

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      // Headless Chromium still makes each window's address-bar menus (pages of its own, in a process
      // of their own: ~160 MB, and a third of a core while they start), though no test can see them;
      // without them a new context opens in ~0.3 s instead of ~0.5. Chromium adds these to the
      // features Playwright turns off.
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
    ],
  });
  const contexts: BrowserContext[] = [];
  const context = async (opts: BrowserContextOptions = {}) => {
    const c = await browser.newContext({ baseURL: base, ...opts });
    contexts.push(c);
    return c;
  };
  return {
    t,
    base,
    browser,
    context,
    async signedInContext(person, opts) {
      const cookie = await signedIn(t, person);
      sessions.push(cookie.split('=')[1]!);
      const c = await context(opts);
      const [name, value] = cookie.split('=') as [string, string];
      await c.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Lax' }]);
      return c;
    },
    async lastMailTo(email) {
      await runDeferredMail(t);
      const [m] = await t.db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(desc(outbox.id)).limit(1);
      return m;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      // Every secret handed out during the run — private links in e-mails, session cookies — must be absent from the log.
      const leaked = secretsIn(log.join(''), [...(await issuedTokens(t)), ...sessions]);
      await t.close();
      if (!log.some((l) => l.includes('incoming request'))) throw new Error('The request log of this run is empty: the check for secrets in it proves nothing.');
      if (leaked.length) throw new Error(`Secrets found in the request log: ${leaked.join(', ')}`);
    },
  };
}

/** The tokens of every private link mailed during the run (the path segments of links in the outbox that look like secrets). */
async function issuedTokens(t: TestApp): Promise<string[]> {
  const found = new Set<string>();
  for (const m of await t.db.select({ text: outbox.text, html: outbox.html }).from(outbox)) {
    for (const [url] of `${m.text}\n${m.html}`.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
      for (const seg of new URL(url).pathname.split('/')) if (looksLikeToken(seg)) found.add(seg);
    }
  }
  return [...found];
}

export function secretsIn(log: string, secrets: string[]): string[] {
  return secrets.filter((s) => log.includes(s)).map((s) => `${s.slice(0, 6)}…`);
}

/** The WCAG 2.2 AA rule sets axe runs on every page. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const require = createRequire(import.meta.url);
/** axe-core itself, put into every page of a context before the page's own scripts (much faster than injecting it for each check). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const withAxe = new WeakSet<BrowserContext>();

export interface AxeResult {
  violations: string[];
  /** Checks axe could not decide (to look at by hand): rule id and where. */
  incomplete: string[];
}

/** Runs axe (WCAG 2.2 AA rules) on the page as it is now, in the page. */
export async function axeCheck(page: Page): Promise<AxeResult> {
  const r = await page.evaluate(
    (tags) => (window as unknown as { axe: { run(c: Document, o: unknown): Promise<{ violations: AxeItem[]; incomplete: AxeItem[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] }),
    AXE_TAGS,
  );
  const line = (v: AxeItem) => `${v.id} (${v.impact ?? 'n/a'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`;
  return { violations: r.violations.map(line), incomplete: r.incomplete.map((v) => `${v.id} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'})`) };
}
type AxeItem = { id: string; impact?: string | null; nodes: { target: string[] }[] };

/** Makes every new page of the context ready for `axeCheck`. */
export async function prepareAxe(context: BrowserContext): Promise<void> {
  if (withAxe.has(context)) return;
  await context.addInitScript({ content: AXE_SOURCE });
  withAxe.add(context);
}

/** What does not fit the screen: the page scrolling sideways, or any element wider than the window (outside a box that scrolls on its own). */
export async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollsInside = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().width > width + 0.5 && !scrollsInside(el))
      .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide };
  });
}

/** The smallest text drawn in a chart, in CSS pixels as shown (an SVG drawn wider than its box is scaled down, and its text with it). */
export async function smallestChartText(page: Page): Promise<number> {
  return page.evaluate(() => {
    let smallest = Infinity;
    for (const svg of document.querySelectorAll<SVGSVGElement>('.chart svg')) {
      const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
      for (const text of svg.querySelectorAll('text')) smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
    }
    return smallest;
  });
}
