import type { FastifyReply } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { mergeCookies, secondInstance, signedIn, submitForm, testApp, type TestApp } from './testing/app.js';
import { buildApp } from './server.js';
import { modules } from './modules/index.js';
import { meetings } from './modules/meetings/schema.js';
import { openMeeting } from './modules/meetings/factories.js';
import { saveSiteSettings } from './platform/settings/service.js';
import { settings } from './platform/settings/schema.js';
import { storedFiles } from './platform/files/schema.js';
import { startWorker } from './platform/worker.js';

/**
 * The page cache on its production setting: an instance checks what changed at most once a second,
 * and hears of changes at once through the version trigger's notices.
 */
let t: TestApp;
let sec: string;
const MEETING = '/en/meetings/building-bridges-2024';

beforeAll(async () => {
  t = await testApp({}, { demo: true });
  sec = await signedIn(t, { email: 'cache-sec@example.org', name: 'Ines Secretariat', roles: ['secretariat'] });
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}, app = t.app) => app.inject({ method: 'GET', url, headers });

/** Asks until the page shows `text` (or a second and a half has passed): how long another instance takes to hear of a change. */
async function until(app: TestApp['app'], url: string, text: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await get(url, {}, app);
    if (res.body.includes(text)) return Date.now() - started;
    if (Date.now() - started > 1500) throw new Error(`${url} still does not show ${text}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('public pages from memory', () => {
  it('keeps the page raw, brotli and gzip; the same bytes every time, with ETag, Last-Modified and a short public lifetime', async () => {
    const first = await get('/fr/working-groups');
    expect(first.statusCode).toBe(200);
    const br = await get('/fr/working-groups', { 'accept-encoding': 'br' });
    const gz = await get('/fr/working-groups', { 'accept-encoding': 'gzip', cookie: 'bridges_lang=fr' });
    expect(br.headers['x-page-cache']).toBe('hit');
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(first.body);
    expect(first.body).toContain('Apprentissages fondamentaux');
    expect(gz.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(gz.headers.etag).toBe(first.headers.etag);
    expect(new Date(String(gz.headers['last-modified'])).getTime()).toBeLessThanOrEqual(Date.now());
    // A reader who already has the language cookie gets a page a shared proxy may keep briefly.
    expect(gz.headers['cache-control']).toBe('public, max-age=0, s-maxage=15');
    expect(gz.headers['set-cookie']).toBeUndefined();
    expect(String(gz.headers.vary)).toContain('Cookie');
    // One who does not gets the language cookie, on a page no proxy keeps.
    expect(br.headers['set-cookie']).toContain('bridges_lang=fr');
    expect(br.headers['cache-control']).toBe('private, no-cache');
    expect(br.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers 304 while the page is the same, and the new page once it changed', async () => {
    const page = await get('/en/working-groups');
    const again = await get('/en/working-groups', { 'if-none-match': String(page.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const since = await get('/en/working-groups', { 'if-modified-since': String(page.headers['last-modified']) });
    expect(since.statusCode).toBe(304);
    // A write of this process, outside any request (a job, a script): the very next request shows it.
    await t.db.execute(sql`update working_groups set name = jsonb_set(name, '{en}', '"Foundational Learning for All"') where slug = 'foundational-learning'`);
    expect((await get('/en/working-groups')).body).toContain('Foundational Learning for All');
    const changed = await get('/en/working-groups', { 'if-none-match': String(page.headers.etag) });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('Foundational Learning for All');
  });

  it('never answers a signed-in reader from the cache, nor keeps what they were shown', async () => {
    await get('/en/meetings');
    const mine = await get('/en/meetings', { cookie: sec });
    expect(mine.headers['x-page-cache']).toBeUndefined();
    expect(mine.headers['cache-control']).toBe('no-cache, private');
    expect(mine.body).toContain('Ines Secretariat');
    // The Secretariat sees drafts and its own menu; the next anonymous reader sees neither.
    const anonymous = await get('/en/meetings');
    expect(anonymous.headers['x-page-cache']).toBe('hit');
    expect(anonymous.body).not.toContain('Ines Secretariat');
    // Any session cookie, even one that no longer signs anyone in, goes past the cache.
    expect((await get('/en/meetings', { cookie: 'bridges_session=expired' })).headers['x-page-cache']).toBeUndefined();
  });

  it('never keeps a page with a form token or a one-time key, nor one drawn from a table without versions (planted routes)', async () => {
    modules.push({
      name: 'planted',
      routes: async (app: TestApp['app'], { db }: { db: TestApp['db'] }) => {
        app.get('/planted-form', { config: { publicPage: true } }, (_req: unknown, reply: FastifyReply) => reply.render((c) => `<main><h1>Form</h1><input name="_csrf" value="${c.csrf()}"></main>`));
        app.get('/planted-key', { config: { publicPage: true } }, (_req: unknown, reply: FastifyReply) => reply.render((c) => `<main><h1>Key</h1><input name="once" value="${c.once()}"></main>`));
        app.get('/planted-sessions', { config: { publicPage: true } }, async (_req: unknown, reply: FastifyReply) => {
          const { n } = ((await db.execute(sql`select count(*)::int as n from sessions`)) as unknown as { rows: { n: number }[] }).rows[0]!;
          return reply.render(() => `<main><h1>${n} sessions</h1></main>`);
        });
        app.get('/planted-plain', { config: { publicPage: true } }, (_req: unknown, reply: FastifyReply) => reply.render(() => '<main><h1>Plain</h1></main>'));
      },
    } as never);
    const app = await buildApp({ config: t.config, database: t.database, logger: false });
    modules.pop();
    try {
      for (const path of ['/en/planted-form', '/en/planted-key', '/en/planted-sessions']) {
        // A returning reader (their form cookie already set, so the answer sets none) ...
        const first = await get(path, {}, app);
        const cookie = mergeCookies('', first);
        const mine = await get(path, { cookie }, app);
        expect(mine.headers['set-cookie'], path).toBeUndefined();
        // ... and the next reader: never the first one's token.
        const other = await get(path, { cookie: 'bridges_lang=en' }, app);
        expect(other.statusCode, path).toBe(200);
        expect(other.headers['x-page-cache'], path).toBeUndefined();
        expect(other.headers['cache-control'], path).toBe('no-cache, private');
        if (path !== '/en/planted-sessions') expect(other.body, path).not.toBe(mine.body);
      }
      // The control: the same route without any of these is kept.
      await get('/en/planted-plain', {}, app);
      expect((await get('/en/planted-plain', {}, app)).headers['x-page-cache']).toBe('hit');
    } finally {
      await app.close();
    }
  });

  it('a page that changes by the clock is kept no later than that moment: registration opens on time', async () => {
    await openMeeting(t.db, { slug: 'opens-soon', registrationOpensAt: new Date(Date.now() + 1200) });
    const before = await get('/en/meetings/opens-soon', { cookie: 'bridges_lang=en' });
    expect(before.body).not.toContain('href="/en/meetings/opens-soon/register"');
    expect((await get('/en/meetings/opens-soon', { cookie: 'bridges_lang=en' })).headers['x-page-cache']).toBe('hit');
    await new Promise((r) => setTimeout(r, 1300));
    const after = await get('/en/meetings/opens-soon', { cookie: 'bridges_lang=en' });
    expect(after.body).toContain('href="/en/meetings/opens-soon/register"');
  });

  it('the home page features another meeting the moment its meeting ends', async () => {
    const now = Date.now();
    await openMeeting(t.db, { slug: 'ends-soon', title: { en: 'Ends Soon Forum' }, startsAt: new Date(now - 400 * 86_400_000), endsAt: new Date(now + 1200) });
    const before = await get('/en/', { cookie: 'bridges_lang=en' });
    expect(before.body).toContain('Ends Soon Forum');
    expect((await get('/en/', { cookie: 'bridges_lang=en' })).headers['x-page-cache']).toBe('hit');
    await new Promise((r) => setTimeout(r, 1300));
    expect((await get('/en/', { cookie: 'bridges_lang=en' })).body).not.toContain('Ends Soon Forum');
  });

  it('keeps the newsletter archive in memory while the worker goes round with nothing to send', async () => {
    // The worker's rounds, as main.ts wires them: every module's bulk mailer (the newsletter's asks for an issue to send).
    const bulkMailers = modules.flatMap((m) => (m.bulkMail ? [m.bulkMail] : []));
    const worker = startWorker({ db: t.db, mailFrom: 'news@alliance.example', baseUrl: t.config.baseUrl, secret: t.config.sessionSecret, handlers: {}, bulkMailers, log: t.app.log }, false);
    try {
      await get('/en/newsletter');
      expect((await get('/en/newsletter')).headers['x-page-cache']).toBe('hit');
      await worker.tick();
      await worker.tick();
      expect((await get('/en/newsletter')).headers['x-page-cache']).toBe('hit');
    } finally {
      await worker.stop();
    }
  });

  it('hears this process’s writes with the table each names (writes to busy tables without versions are not worth a look)', async () => {
    const heard: (string | undefined)[] = [];
    const listener = (table: string | undefined) => void heard.push(table);
    t.database.writes.add(listener);
    try {
      await t.db.execute(sql`update working_groups set position = position where false`);
      await t.db.delete(storedFiles).where(eq(storedFiles.key, 'none'));
      await t.db.insert(settings).values({ key: 'page-cache.test', value: 1 }).onConflictDoNothing();
      await t.db.select().from(meetings).limit(1);
    } finally {
      t.database.writes.delete(listener);
    }
    expect(heard).toEqual(['working_groups', 'stored_files', 'settings']);
  });

  it('keys by path, language and query', async () => {
    const en = await get('/en/members?q=Nairobi');
    const fr = await get('/fr/members?q=Nairobi');
    const all = await get('/en/members');
    expect(fr.body).not.toBe(en.body);
    expect(all.body).not.toBe(en.body);
    expect((await get('/en/members?q=Nairobi')).body).toBe(en.body);
  });

  it('keeps one copy of a page whatever else the query string says, and never shows a stranger what someone else typed there', async () => {
    const home = await get('/en/?utm_source=newsletter');
    for (let i = 0; i < 5; i++) {
      const flood = await get(`/en/?x=${i}&note=%3Cb%3Eplanted${i}%3C%2Fb%3E`);
      expect(flood.headers['x-page-cache']).toBe('hit'); // the same kept page, not five new ones
      expect(flood.body).toBe(home.body);
      expect(flood.body).not.toContain('planted');
    }
    expect(home.body).not.toContain('utm_source');
    // A page with a query of its own keys by the parameters it reads, in one order, and drops the rest.
    const a = await get('/en/members?q=Nairobi&kind=institution&x=1');
    const b = await get('/en/members?kind=institution&q=Nairobi&y=2');
    expect(b.headers['x-page-cache']).toBe('hit');
    expect(b.body).toBe(a.body);
    expect(a.body).not.toContain('x=1');
  });

  it('an edit shows on the next request of the instance that made it, and on another instance as soon as it hears of it', async () => {
    const b = await secondInstance(t);
    try {
      for (const app of [t.app, b.app]) {
        await get(MEETING, {}, app);
        expect((await get(MEETING, {}, app)).headers['x-page-cache']).toBe('hit');
      }
      const [m] = await t.db.select().from(meetings).where(eq(meetings.slug, 'building-bridges-2024'));
      const title = (m!.title as Record<string, string>).en!;
      const edit = await t.app.inject({ method: 'GET', url: `/en/admin/meetings/building-bridges-2024/edit`, headers: { cookie: sec } });
      const fields = Object.fromEntries([...edit.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((x) => [x[1]!, x[2]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"')]));
      delete fields._csrf;
      const res = await submitForm(t, {
        page: '/en/admin/meetings/building-bridges-2024/edit',
        action: '/en/admin/meetings/building-bridges-2024/edit',
        cookie: sec,
        fields: { ...fields, title: `${title} — edited`, status: m!.status, allocation: m!.allocation, timeZone: m!.timeZone, financingIncomeGroups: (m!.financingIncomeGroups as string[] | null) ?? [] },
      });
      expect(res.statusCode).toBe(303);
      const mine = await get(MEETING, {}, t.app);
      expect(mine.body).toContain(`${title} — edited`);
      expect(mine.headers['x-page-cache']).toBe('miss');
      const waited = await until(b.app, MEETING, `${title} — edited`);
      expect(waited).toBeLessThan(500); // notices, not the once-a-second check
      // And a change no instance made (a script, a migration) is seen by both.
      await saveSiteSettings(t.db, { shortName: { en: 'GASLE' } });
      for (const app of [t.app, b.app]) await until(app, '/en/about', 'GASLE');
    } finally {
      await b.close();
    }
  });
});
