/**
 * The route table: every route of every module (read from Fastify's own list), asked by eight kinds
 * of people — an anonymous visitor, an applicant (who holds the private link to their
 * application), the holder of a participant's and a subscriber's private links, a member, a
 * Steering Committee member, the Secretariat, a working group's chair and a member of that group —
 * with the answer each must get. A route that is
 * not in the table fails the test. State-changing requests carry a valid CSRF token, so a refusal
 * is a refusal ("You cannot see this page"), not an expired form; and the Secretariat's own posts
 * without a token get the expired-form page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiddenFields, mergeCookies, testApp, type TestApp } from './testing/app.js';
import { buildApp, routeTable } from './server.js';
import { modules } from './modules/index.js';
import { translate } from './platform/i18n/messages.js';
import { PERSONAS, PUBLIC_PAGE_ROUTES, SECRETARIAT_POST, TABLE, routeFixtures, urlFor, type Answer, type Persona } from './testing/route-table.js';

/** Requests that end what later ones need (a session, a membership, a registration): asked last. */
const LAST = ['/cancel', '/decline', '/withdraw', '/unsubscribe', '/leave', '/erase', '/close', '/sign-out-everywhere', '/sign-out'];

let t: TestApp;
const cookies: Partial<Record<Persona, string>> = {};
const csrf: Partial<Record<Persona, string>> = {};
let param: (route: string, name: string, who: Persona) => string;

beforeAll(async () => {
  t = await testApp({}, { demo: true });
  const fixtures = await routeFixtures(t);
  param = fixtures.param;
  for (const who of PERSONAS) {
    const page = await t.app.inject({ method: 'GET', url: fixtures.cookies[who] ? '/en/account' : '/en/sign-in', headers: { cookie: fixtures.cookies[who] ?? '' } });
    cookies[who] = mergeCookies(fixtures.cookies[who] ?? '', page);
    csrf[who] = hiddenFields(page.body)._csrf;
  }
}, 120_000);
afterAll(() => t.close());

/** Pages that answer a GET by sending the person on (for some or all of them); every other GET that is "ok" must be 200. */
const REDIRECTING = [
  'GET /',
  'GET /:locale/sign-in',
  'GET /:locale/membership',
  'GET /:locale/meetings/:slug/my-registration',
  'GET /:locale/newsletter/mine',
  'GET /:locale/working-groups/:slug/reports/:report/compare',
  'GET /:locale/consultations/:slug/invited/:key',
  'GET /:locale/consultations/profile',
  'GET /:locale/consultations/:slug/whole',
  'GET /:locale/publications/mine/:key/revise', // back to the submission when no revision is asked for
  'GET /:locale/surveys/:slug/about', // to the survey's page, which says why, for someone not asked
  'GET /:locale/surveys/:slug/page/:page', // to "About you" until it is answered
  'GET /:locale/surveys/:slug/review',
];

/** What an answer is, in the table's terms. */
function answerOf(key: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }): Answer | string {
  const s = res.statusCode;
  if (s === 302 && String(res.headers.location ?? '').includes('/sign-in?next=')) return 'in';
  if (key.startsWith('GET ') && s >= 300 && s < 400 && !REDIRECTING.includes(key)) return `a redirect to ${String(res.headers.location)}`;
  if (s === 403) return res.body.includes(translate('en', 'errors.forbidden.title')) ? 'no' : `403 (${res.body.includes(translate('en', 'errors.csrf.title')) ? 'expired form' : 'other'})`;
  if (s === 404) return '404';
  if (s === 410) return '410';
  if (s < 400 || s === 422) return 'ok';
  return String(s);
}

const entriesOf = (app: TestApp['app']) => routeTable(app).map((r) => `${r.method} ${r.url}`);
const entries = () => entriesOf(t.app);

describe('the route table', () => {
  it('has an expected answer for every route of every module, and no route it does not know', () => {
    expect(entries().filter((k) => !TABLE[k])).toEqual([]);
    expect(Object.keys(TABLE).filter((k) => !entries().includes(k))).toEqual([]);
  });

  it('fails when a module adds a route the table does not know (planted)', async () => {
    modules.push({ name: 'planted', routes: async (app) => void app.get('/planted-page', async () => 'x') });
    try {
      const planted = await buildApp({ config: t.config, database: t.database, logger: false });
      expect(entriesOf(planted).filter((k) => !TABLE[k])).toEqual(['GET /:locale/planted-page']);
      await planted.close();
    } finally {
      modules.pop();
    }
  });

  it('every person gets the answer the table says, on every route — GETs, then posts with a valid CSRF token (those that end things last)', async () => {
    const last = (k: string) => LAST.findIndex((end) => k.endsWith(end)) + 1;
    const keys = entries().sort((a, b) => Number(a.startsWith('POST')) - Number(b.startsWith('POST')) || last(a) - last(b));
    const wrong: string[] = [];
    let n = 0;
    for (const key of keys) {
      const [method, route] = key.split(' ') as ['GET' | 'POST', string];
      for (const who of PERSONAS) {
        const url = urlFor(route, who, param);
        const remoteAddress = `10.20.${(n >> 8) & 255}.${n++ & 255}`;
        const headers = { cookie: cookies[who] ?? '', ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
        const res = await t.app.inject({ method, url, headers, remoteAddress, payload: method === 'POST' ? new URLSearchParams({ _csrf: csrf[who]! }).toString() : undefined });
        const got = answerOf(key, res);
        if (got !== TABLE[key]![who]) wrong.push(`${key} as ${who}: expected ${TABLE[key]![who]}, got ${got} (${res.statusCode})`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('serves from the page cache only the routes marked as the same for everyone, and only to readers without a session', async () => {
    const marked = routeTable(t.app).filter((r) => r.publicPage).map((r) => `${r.method} ${r.url}`);
    expect(marked.sort()).toEqual([...PUBLIC_PAGE_ROUTES].sort());
    const wrong: string[] = [];
    for (const key of marked) {
      for (const who of PERSONAS) {
        const url = urlFor(key.slice(4), who, param);
        const [first, second] = [await t.app.inject({ url, headers: { cookie: cookies[who] ?? '' } }), await t.app.inject({ url, headers: { cookie: cookies[who] ?? '' } })];
        const session = (cookies[who] ?? '').includes('bridges_session=');
        const hit = second.headers['x-page-cache'] === 'hit';
        if (session && (hit || first.headers['x-page-cache'])) wrong.push(`${key} as ${who}: a reader with a session was answered through the cache`);
        if (!session && second.statusCode === 200 && !hit) wrong.push(`${key} as ${who}: not kept (${String(second.headers['x-page-cache'])})`);
        if (hit && (second.body !== first.body || /name="_csrf"|bridges_session/.test(second.body))) wrong.push(`${key} as ${who}: the kept page differs or carries a token`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a privileged post without a valid token is an expired form, not a refusal: the two are told apart', async () => {
    const secretariatPosts = entries().filter((k) => k.startsWith('POST') && TABLE[k] === SECRETARIAT_POST && !LAST.some((end) => k.endsWith(end)));
    const wrong: string[] = [];
    for (const key of secretariatPosts) {
      const route = key.slice(5);
      const url = urlFor(route, 'secretariat', param);
      const res = await t.app.inject({ method: 'POST', url, headers: { cookie: cookies.secretariat!, 'content-type': 'application/x-www-form-urlencoded' }, payload: '_csrf=forged' });
      if (res.statusCode !== 403 || !res.body.includes(translate('en', 'errors.csrf.title'))) wrong.push(`${key}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});
