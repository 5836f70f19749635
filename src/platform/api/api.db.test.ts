/**
 * The public API as an integration meets it, on the demo alliance: the OpenAPI document (valid 3.1,
 * naming every /api/v1 route, made from the schemas that check the requests), lists a page at a
 * time, ETags and 304s, JSON errors, rate limits, CORS; and the Secretariat's tokens from the page
 * that makes them to the 401 of a revoked one. What each module's endpoints may show is tested
 * beside them (src/modules/<module>/api.db.test.ts).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { Validator } from '@seriousme/openapi-schema-validator';
import { hiddenFields, mergeCookies, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { routeTable } from '../../server.js';
import { translate } from '../i18n/messages.js';
import { auditLog } from '../audit/schema.js';
import { API_RATE_LIMIT, API_TOKEN_RATE_LIMIT } from '../http/limits.js';
import { hashToken } from '../auth/tokens.js';
import { apiTokens } from './schema.js';

let t: TestApp;
let secretariat: string;
let member: string;
let n = 0;
/** A new client address for each request, unless a test counts requests from one. */
const address = () => `10.77.${(n >> 8) & 255}.${n++ & 255}`;
const get = (url: string, headers: Record<string, string> = {}, remoteAddress = address()) => t.app.inject({ method: 'GET', url, headers, remoteAddress });
const local = (absolute: string) => absolute.replace(t.config.baseUrl, '');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await testApp({}, { demo: true });
  secretariat = await signedIn(t, { email: 'api-sec@example.org', name: 'Api Secretariat', roles: ['secretariat'] });
  member = await signedIn(t, { email: 'api-member@example.org', roles: ['member'] });
}, 120_000);
afterAll(() => t.close());

/** Makes a token on the Secretariat's page, as a browser without JavaScript sends the form. */
async function makeToken(fields: Record<string, string | string[]>, cookie = secretariat) {
  return submitForm(t, { page: '/en/admin/api-tokens', action: '/en/admin/api-tokens', fields, cookie, remoteAddress: address() });
}
const shownToken = (html: string) => /<code id="new-token">(bridges_[A-Za-z0-9_-]+)<\/code>/.exec(html)?.[1];

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1, resolves every reference, and describes every /api/v1 route', async () => {
    const res = await get('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();

    const routes = routeTable(t.app).filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'OPTIONS');
    expect(routes.length).toBeGreaterThanOrEqual(11);
    const missing = routes.filter((r) => !doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('says what the routes check, because it is made from the same schemas: a limit over its maximum is refused', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    const limit = doc.paths['/api/v1/meetings'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect((await get(`/api/v1/meetings?limit=${limit.schema.maximum}`)).statusCode).toBe(200);
    expect((await get(`/api/v1/meetings?limit=${limit.schema.maximum + 1}`)).statusCode).toBe(400);
    expect(doc.components.schemas.Meeting.properties.status.enum).toEqual(['open', 'closed', 'archived']);
  });
});

describe('lists, pages and caching', () => {
  it('gives a list a page at a time, with links to the next and previous pages', async () => {
    const first = await get('/api/v1/meetings?limit=1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('application/json');
    const one = first.json();
    expect(one).toMatchObject({ page: 1, limit: 1, links: { prev: null } });
    expect(one.total).toBeGreaterThanOrEqual(2);
    expect(one.data).toHaveLength(1);
    expect(first.headers.link).toBe(`<${one.links.next}>; rel="next"`);
    const second = (await get(local(one.links.next))).json();
    expect(second).toMatchObject({ page: 2, limit: 1 });
    expect(second.data[0].slug).not.toBe(one.data[0].slug);
    expect(local(second.links.prev)).toBe('/api/v1/meetings?page=1&limit=1');
    const beyond = (await get(`/api/v1/meetings?limit=1&page=${one.total + 1}`)).json();
    expect(beyond).toMatchObject({ data: [], total: one.total, links: { next: null } });
    // The filters stay in the links.
    const filtered = (await get('/api/v1/meetings?status=archived&limit=1')).json();
    expect(filtered.links.self).toContain('status=archived');
  });

  it('answers 304 to a reader who has the current version (If-None-Match), and 200 once it changed', async () => {
    const url = '/api/v1/meetings?limit=5';
    const first = await get(url);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await get(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get(url, { 'if-none-match': 'W/"something-else"' })).statusCode).toBe(200);
    await t.db.execute(sql`update meetings set venue_address = venue_address || ' (changed)'`);
    const changed = await get(url, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body).toContain('(changed)');
  });

  it('is open to other sites’ scripts, read-only and without cookies', async () => {
    for (const res of [await get('/api/v1/meetings'), await get('/api/v1/meetings/no-such-meeting'), await get('/api/v1/meetings?limit=x')]) {
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    }
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/meetings', headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' }, remoteAddress: address() });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('Authorization');
  });
});

describe('errors, in JSON', () => {
  it('refuses a bad query with 400, naming each parameter, in the language asked for', async () => {
    for (const [query, parameters] of [
      ['limit=500', ['limit']],
      ['page=0', ['page']],
      ['page=two', ['page']],
      ['status=draft', ['status']],
      ['colour=blue', ['colour']],
    ] as const) {
      const res = await get(`/api/v1/meetings?${query}`, { 'accept-language': 'fr' });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.json();
      expect(body.error).toMatchObject({ status: 400, code: 'bad_query', message: translate('fr', 'api.errors.badQuery', { parameters: parameters.join(', ') }) });
      expect(body.error.details.map((d: { parameter: string }) => d.parameter)).toEqual(parameters);
    }
    const long = await get(`/api/v1/meetings?status=${'x'.repeat(2100)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('bad_request');
  });

  it('is read-only: anything but a read is refused with 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: '/api/v1/meetings', remoteAddress: address() });
      expect(res.statusCode, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
      expect(res.json().error).toEqual({ status: 405, code: 'method_not_allowed', message: translate('en', 'api.errors.readOnly') });
    }
  });

  it('answers 404 in JSON for an address that is not there', async () => {
    for (const url of ['/api/v1/no-such-thing', '/api/v1/meetings/no-such-meeting', '/api/v1/meetings/no-such-meeting/programme']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toEqual({ error: { status: 404, code: 'not_found', message: translate('en', 'api.errors.notFound') } });
    }
  });

  it('limits each address (429, with Retry-After); a token holder reads on its own, higher limit', async () => {
    const [made, from] = [await makeToken({ name: 'Rate test', scopes: 'read:public' }), '10.99.0.1'];
    const token = shownToken(made.body)!;
    for (let i = 0; i < API_RATE_LIMIT.max; i++) {
      const res = await get('/api/v1/openapi.json', {}, from);
      if (res.statusCode !== 200) throw new Error(`request ${i + 1} answered ${res.statusCode}`);
    }
    const over = await get('/api/v1/openapi.json', {}, from);
    expect(over.statusCode).toBe(429);
    expect(over.json().error).toMatchObject({ status: 429, code: 'rate_limited', message: translate('en', 'api.errors.rateLimited') });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    const holder = await get('/api/v1/openapi.json', bearer(token), from);
    expect(holder.statusCode).toBe(200);
    expect(holder.headers['x-ratelimit-limit']).toBe(String(API_TOKEN_RATE_LIMIT.max));
    // A bad token from the same address is counted as the address: refused, but never let past the limit.
    expect((await get('/api/v1/openapi.json', bearer('bridges_guessed'), from)).statusCode).toBe(429);
  });
});

describe('API tokens', () => {
  it('the Secretariat makes a token: shown once, kept only as a hash, audited; it works and its last use shows', async () => {
    const page = await get('/en/admin/api-tokens', { cookie: secretariat });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/en/admin/api-tokens"');
    expect(page.body).toMatch(/name="_csrf" value="[^"]+"/);

    const made = await makeToken({ name: 'Partner portal', scopes: 'read:public', expires: '' });
    expect(made.statusCode).toBe(200);
    expect(made.headers['cache-control']).toBe('no-store');
    const token = shownToken(made.body)!;
    expect(token).toMatch(/^bridges_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.name, 'Partner portal'));
    expect(row).toMatchObject({ tokenHash: hashToken(token), scopes: ['read:public'], lastUsedAt: null, expiresAt: null, revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(token.slice(8));
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, row!.id));
    expect(audit).toMatchObject({ action: 'api.token.create', actorEmail: 'api-sec@example.org', after: { name: 'Partner portal', scopes: ['read:public'] } });

    // Shown once: the list names it, never shows it again.
    const list = await get('/en/admin/api-tokens', { cookie: secretariat });
    expect(list.body).toContain('Partner portal');
    expect(list.body).not.toContain(token);
    expect(list.body).toContain(translate('en', 'api.tokens.never'));

    const used = await get('/api/v1/meetings', bearer(token));
    expect(used.statusCode).toBe(200);
    expect(used.headers['x-ratelimit-limit']).toBe(String(API_TOKEN_RATE_LIMIT.max));
    const [after] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, row!.id));
    expect(after!.lastUsedAt).not.toBeNull();
    expect((await get('/en/admin/api-tokens', { cookie: secretariat })).body).not.toContain(translate('en', 'api.tokens.never'));
  });

  it('a revoked token is refused with 401 at its next request, and the revocation is audited', async () => {
    const token = shownToken((await makeToken({ name: 'To revoke', scopes: 'read:public' })).body)!;
    expect((await get('/api/v1/members', bearer(token))).statusCode).toBe(200);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.name, 'To revoke'));
    const revoked = await submitForm(t, { page: '/en/admin/api-tokens', action: `/en/admin/api-tokens/${row!.id}/revoke`, fields: {}, cookie: secretariat });
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/en/admin/api-tokens?notice=revoked');
    const refused = await get('/api/v1/members', { ...bearer(token), 'accept-language': 'es' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual({ error: { status: 401, code: 'token_revoked', message: translate('es', 'api.errors.token.revoked') } });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'api.token.revoke'));
    expect(audit).toMatchObject({ targetId: row!.id, actorEmail: 'api-sec@example.org' });
    // Revoking again changes nothing, and the page says so.
    const twice = await submitForm(t, { page: '/en/admin/api-tokens', action: `/en/admin/api-tokens/${row!.id}/revoke`, fields: {}, cookie: secretariat, forge: true });
    expect(twice.headers.location).toBe('/en/admin/api-tokens?notice=unchanged');
  });

  it('an expired token is refused with 401; an unknown or malformed one too', async () => {
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    const token = shownToken((await makeToken({ name: 'Short-lived', scopes: 'read:public', expires: inAYear })).body)!;
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.name, 'Short-lived'));
    expect(row!.expiresAt!.toISOString()).toBe(`${inAYear}T00:00:00.000Z`);
    expect((await get('/api/v1/meetings', bearer(token))).statusCode).toBe(200);
    await t.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, row!.id));
    const expired = await get('/api/v1/meetings', bearer(token));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toMatchObject({ code: 'token_expired', message: translate('en', 'api.errors.token.expired') });
    for (const authorization of [`Bearer ${token.slice(0, -1)}x`, 'Bearer bridges_nothing', `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer']) {
      const res = await get('/api/v1/meetings', { authorization });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
  });

  it('shows the form again with its errors and what was typed (422); a form sent twice makes one token', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const bad = await makeToken({ name: 'Kept name', expires: yesterday });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('class="error-summary"');
    expect(bad.body).toContain(translate('en', 'api.tokens.errors.scopes'));
    expect(bad.body).toContain(translate('en', 'api.tokens.errors.expiryPast'));
    expect(bad.body).toContain('value="Kept name"');
    expect(shownToken(bad.body)).toBeUndefined();

    const page = await get('/en/admin/api-tokens', { cookie: secretariat });
    const hidden = hiddenFields(page.body, '/en/admin/api-tokens');
    const cookie = mergeCookies(secretariat, page);
    const send = () =>
      t.app.inject({ method: 'POST', url: '/en/admin/api-tokens', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...hidden, name: 'Twice', scopes: 'read:public' }).toString() });
    expect((await send()).statusCode).toBe(200);
    const repeat = await send();
    expect(repeat.statusCode).toBe(303);
    expect(repeat.headers.location).toBe('/en/admin/api-tokens?notice=repeat');
    expect(await t.db.select().from(apiTokens).where(eq(apiTokens.name, 'Twice'))).toHaveLength(1);
  });

  it('is valid HTML in each of its states, left to right and right to left', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const file = join(fileURLToPath(new URL('../../../', import.meta.url)), 'page.html');
    const found: string[] = [];
    for (const locale of ['en', 'ar']) {
      const list = await get(`/${locale}/admin/api-tokens?notice=revoked`, { cookie: secretariat });
      const errors = await submitForm(t, { page: `/${locale}/admin/api-tokens`, action: `/${locale}/admin/api-tokens`, fields: { name: '' }, cookie: secretariat });
      const made = await submitForm(t, { page: `/${locale}/admin/api-tokens`, action: `/${locale}/admin/api-tokens`, fields: { name: `Valid ${locale}`, scopes: 'read:public' }, cookie: secretariat });
      expect([list.statusCode, errors.statusCode, made.statusCode]).toEqual([200, 422, 200]);
      for (const [state, html] of [['list', list.body], ['errors', errors.body], ['made', made.body]]) {
        const report = await validator.validateString(html!, file);
        found.push(...report.results.flatMap((r) => r.messages).map((m) => `${locale} ${state}: ${m.ruleId}: ${m.message}`));
      }
    }
    expect(found).toEqual([]);
  });

  it('no one but the Secretariat lists, makes or revokes tokens (403), and a refused attempt changes nothing', async () => {
    expect((await get('/en/admin/api-tokens', { cookie: member })).statusCode).toBe(403);
    const anonymous = await get('/en/admin/api-tokens');
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/en/sign-in?next=');
    const before = await t.db.select().from(apiTokens);
    const make = await submitForm(t, { page: '/en/account', action: '/en/admin/api-tokens', fields: { name: 'Sneaky', scopes: 'read:public' }, cookie: member, forge: true });
    expect(make.statusCode).toBe(403);
    expect(shownToken(make.body)).toBeUndefined();
    const live = before.find((r) => !r.revokedAt && (!r.expiresAt || r.expiresAt > new Date()))!;
    const revoke = await submitForm(t, { page: '/en/account', action: `/en/admin/api-tokens/${live.id}/revoke`, fields: {}, cookie: member, forge: true });
    expect(revoke.statusCode).toBe(403);
    const after = await t.db.select().from(apiTokens);
    expect(after.map((r) => [r.id, r.revokedAt])).toEqual(before.map((r) => [r.id, r.revokedAt]));
    // The API itself is the same for everyone: a Secretariat session shows nothing more there.
    expect((await get('/api/v1/meetings', { cookie: secretariat })).body).toBe((await get('/api/v1/meetings')).body);
  });
});
