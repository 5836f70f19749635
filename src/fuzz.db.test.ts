/**
 * Property: whatever the query string or the form body, no route answers 5xx — as an anonymous
 * visitor or as the Secretariat (who reaches the most code), with real ids and private links of the
 * demo alliance in the path as well as junk. Input that cannot be parsed is a 4xx page, never a
 * crash. Walks every route of the app (new routes are included without changing this file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { hiddenFields, mergeCookies, signedIn, testApp, type TestApp } from './testing/app.js';
import { routeTable, type RouteEntry } from './server.js';
import { looksLikeToken } from './platform/http/log.js';

let t: TestApp;
const personas: { name: string; cookie: string; csrf: string }[] = [];
/** Real values for each path parameter, found in the demo data; junk is added to each. */
const values: Record<string, string[]> = {};

async function rows(query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  return ((await t.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

beforeAll(async () => {
  t = await testApp({}, { demo: true });
  const ids = async (table: string) => (await rows(sql.raw(`select id::text as id from ${table} limit 3`))).map((r) => String(r.id));
  const tokens = new Set<string>();
  for (const m of await rows(sql`select text from outbox`)) for (const seg of String(m.text).split(/[/\s?]/)) if (looksLikeToken(seg)) tokens.add(seg);
  const junk = ['x', '0', '-1', '..', '%2e%2e', 'a'.repeat(120), '00000000-0000-0000-0000-000000000000', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'];
  Object.assign(values, {
    locale: ['en', 'ar'],
    slug: [...(await rows(sql`select slug from meetings union all select slug from newsletter_issues union all select slug from working_groups`)).map((r) => String(r.slug)), ...junk],
    token: [...tokens, ...junk],
    id: [
      ...(await ids('members')),
      ...(await ids('membership_applications')),
      ...(await ids('subscriptions')),
      ...(await ids('newsletter_issues')),
      ...(await ids('meeting_registrations')),
      ...(await ids('meeting_financing_requests')),
      ...(await ids('meeting_questions')),
      ...(await ids('users')),
      ...(await ids('outbox')),
      ...junk,
    ],
    activityId: [...(await ids('side_activities')), ...junk],
    format: ['csv', 'xlsx', 'json', ...junk],
  });
  for (const [name, cookie] of [
    ['anonymous', ''],
    ['Secretariat', await signedIn(t, { email: 'fuzz-sec@example.org', name: 'Fuzz', roles: ['secretariat'] })],
  ] as const) {
    const page = await t.app.inject({ method: 'GET', url: cookie ? '/en/account' : '/en/sign-in', headers: { cookie } });
    personas.push({ name, cookie: mergeCookies(cookie, page), csrf: hiddenFields(page.body)._csrf! });
  }
}, 120_000);
afterAll(() => t.close());

const KEYS = ['q', 'page', 'status', 'kind', 'type', 'country', 'region', 'income', 'wg', 'area', 'topic', 'topics', 'language', 'languages', 'source', 'sort', 'notice', 'lang', 'next', 'to', 'day', 'code', 'id', 'email', 'name', 'category', 'decision', 'amount', 'capacity', 'title', 'body', 'subject', 'consent', '_once', '__proto__', 'constructor', 'toString'];
const NASTY = ['', ' ', '0', '-1', '1.5', '1e309', 'NaN', '99999999999999999999', '2024-02-30', '2024-13-45T25:61', 'null', '[]', '{}', '%', '%zz', '%E0%A4%A', '\r\nSet-Cookie: x=1', '../../etc/passwd', '<script>alert(1)</script>', "' or 1=1 --", '\uD800', '🙂'.repeat(50), 'x'.repeat(1900), 'yes', 'on', 'csv'];
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(...NASTY));
/** Pairs of names and values; often every name comes twice (checkboxes do; a crafted link may). */
const pairs = fc
  .array(fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...KEYS), weight: 4 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 }), text), { minLength: 1, maxLength: 8 })
  .chain((p) => fc.constantFrom(p, [...p, ...p.map(([k]) => [k, 'second'] as [string, string])]));
/** As a browser sends it: a lone surrogate becomes U+FFFD. */
const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
const encode = (p: readonly (readonly [string, string])[]) => p.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
/** Sometimes the query string is not even well formed. */
const rawTail = fc.constantFrom('', '', '', '&', '&&=', '=x', '%', '&q=%zz', '&q=%E0%A4%A');

const fill = (r: RouteEntry, pick: (name: string) => string) => r.url.replace(/:([A-Za-z]+)/g, (_, name: string) => enc(pick(name)));
const choose = (name: string, seed: number) => {
  const pool = values[name] ?? ['x', 'yes', 'confirm', 'join', 'remove', 'decline'];
  return pool[seed % pool.length]!;
};

describe('no 5xx from any query string or form body, on any route', () => {
  it('walks every route of the app', () => {
    expect(routeTable(t.app).length).toBeGreaterThan(100);
  });

  it('GET: random, repeated, malformed and over-long query strings', async () => {
    const routes = routeTable(t.app).filter((r) => r.method === 'GET' && !r.url.startsWith('/static'));
    let n = 0;
    for (const route of routes) {
      for (const persona of personas) {
        await fc.assert(
          fc.asyncProperty(pairs, rawTail, fc.nat(), async (p, tail, seed) => {
            const url = `${fill(route, (name) => choose(name, seed))}?${encode(p)}${tail}`;
            const res = await t.app.inject({ method: 'GET', url, headers: { cookie: persona.cookie }, remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}` });
            if (res.statusCode >= 500) throw new Error(`${persona.name} GET ${url.slice(0, 300)} → ${res.statusCode}`);
          }),
          { numRuns: 20 },
        );
      }
    }
  }, 300_000);

  it('POST: random form bodies with a valid CSRF token', async () => {
    // Signing out ends the personas' sessions: those routes go last.
    const routes = routeTable(t.app)
      .filter((r) => r.method === 'POST')
      .sort((a, b) => Number(/sign-out/.test(a.url)) - Number(/sign-out/.test(b.url)));
    let n = 0;
    for (const route of routes) {
      for (const persona of personas) {
        await fc.assert(
          fc.asyncProperty(pairs, fc.nat(), async (p, seed) => {
            const url = fill(route, (name) => choose(name, seed));
            const body = `${encode([['_csrf', persona.csrf], ...p])}`;
            const res = await t.app.inject({
              method: 'POST',
              url,
              headers: { cookie: persona.cookie, 'content-type': 'application/x-www-form-urlencoded' },
              payload: body,
              remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}`,
            });
            if (res.statusCode >= 500) throw new Error(`${persona.name} POST ${url} ${body.slice(0, 300)} → ${res.statusCode}`);
          }),
          { numRuns: 8 },
        );
      }
    }
  }, 300_000);
});
