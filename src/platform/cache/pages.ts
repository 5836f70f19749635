import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { openRecording } from '../../db/reads.js';
import type { Database, Db } from '../../db/client.js';
import { UNVERSIONED_TABLES } from '../../db/content.js';
import { ContentVersions, trackVersions, type Known } from './versions.js';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Public pages from memory.
 *
 * A route that shows the same thing to every anonymous reader says so with `config: { publicPage: true }`.
 * For such a request without a session, the first answer is kept — raw, brotli and gzip — keyed by
 * its URL: path with language, and the query parameters the route declares (`publicPage: { query }`)
 * that the reader gave, in one order. Any other parameter (`?utm_source=…`, `?x=1`, `?x=2`…) is
 * dropped from the request before the page sees it, so a stranger cannot fill the cache with copies
 * of one page. Kept with it: the tables it was drawn from (every query the page sent, see
 * db/reads.ts) and their versions at the time. The next reader gets the kept bytes
 * while those versions hold (platform/cache/versions.ts) and the page is younger than its lifetime.
 *
 * Never kept: an answer to a signed-in reader (a session cookie), a page that made a form token or a
 * one-time key, an answer that sets a cookie other than the language one, a page drawn from a table
 * that has no version (sessions, private links, ...: db/content.ts), an answer other than 200.
 */

/**
 * How a public page says it is one: `true` when it reads nothing of the query string, or the
 * schema of the query parameters it reads (parsed with `safeParse`; unknown parameters dropped).
 */
export type PublicPage = true | { query: { safeParse(input: unknown): { success: boolean; data?: unknown } } };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The page is the same for every anonymous reader: it may be served from the page cache. */
    publicPage?: PublicPage;
  }
  interface FastifyRequest {
    pageCache?: PageCacheState;
  }
  interface FastifyReply {
    /** This answer depends on the clock: keep it in the page cache no later than `at`. */
    freshUntil(at: Date | null | undefined): FastifyReply;
  }
}

interface PageCacheState {
  key: string;
  known: Known;
  queries: string[];
  /** Ends the recording of `queries` (db/reads.ts): the page is drawn. */
  stopRecording(): void;
  /** Why this answer must not be kept (a form token, ...), if it must not. */
  noStore?: string;
  until?: number;
}

interface Entry {
  type: string;
  raw: Buffer;
  /** Compressed when a reader first asks for that encoding. */
  br?: Buffer;
  gzip?: Buffer;
  etag: string;
  lastModified: string;
  deps: [table: string, version: number][];
}

/** How long a kept page lives at most: pages say "in 3 days" and list what is upcoming. */
export const PAGE_LIFETIME_MS = 60_000;
/** How long a shared proxy may keep a public page. */
const PROXY_SECONDS = 15;
const SESSION_COOKIE = 'bridges_session';

export interface PageCacheOptions {
  db: Db;
  database: Pick<Database, 'listen' | 'writes'>;
  maxBytes: number;
  checkMs: number;
  /** The language cookie the page may set (kept pages still set it per reader). */
  localeCookie: string;
  /** Sets the language cookie to the page's language (as a rendered page does). */
  setLocaleCookie(reply: FastifyReply): void;
}

/** The answer must not be kept (it carries something of this reader's): call before it is sent. */
export function doNotStore(req: FastifyRequest, why: string): void {
  if (req.pageCache) req.pageCache.noStore = why;
}

/** The pattern that finds the database's tables in SQL, made once per list of tables. */
let pattern: { tables: readonly string[]; re: RegExp } | undefined;

/** The tables a piece of work read: the names of the database's tables (`known.tables`) found in the SQL it sent. */
export function tablesNamed(known: Pick<Known, 'tables'>, queries: readonly string[], into = new Set<string>()): Set<string> {
  if (pattern?.tables !== known.tables) {
    const names = [...known.tables].sort((a, b) => b.length - a.length).map((t) => t.replace(/[^a-z0-9_]/gi, ''));
    pattern = { tables: known.tables, re: new RegExp(`\\b(${names.join('|')})\\b`, 'g') };
  }
  for (const q of queries) for (const m of q.matchAll(pattern.re)) into.add(m[1]!);
  return into;
}

/** A weak entity tag of an answer's bytes. */
export const etagOf = (bytes: Buffer | string): string => `W/"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;

/** Whether an If-None-Match header names this entity tag (weakly: W/ aside; `*` names any). */
export function weakMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === bare;
  });
}

export async function pageCache(app: FastifyInstance, opts: PageCacheOptions): Promise<void> {
  app.decorateReply('freshUntil', function (this: FastifyReply, at: Date | null | undefined) {
    const s = this.request.pageCache;
    if (s && at) s.until = Math.min(s.until ?? Infinity, at.getTime());
    return this;
  });
  // Content versions are tracked even without the page cache: other caches (a report's data, figures' counts) are kept by them.
  const versions = new ContentVersions(opts.db, opts.checkMs);
  trackVersions(opts.db, versions);
  await versions.listen(opts.database);
  app.addHook('onClose', () => versions.close());
  if (opts.maxBytes <= 0) return;

  const entries = new LRUCache<string, Entry>({ maxSize: opts.maxBytes, sizeCalculation: (e) => e.raw.length + (e.br?.length ?? 0) + (e.gzip?.length ?? 0) + 256 });

  const valid = (e: Entry, known: Known) => e.deps.every(([t, v]) => known.version(t) === v);

  /** The body in the encoding the reader accepts, compressed once and kept (the entry's size counted again). */
  async function encoded(key: string, e: Entry, accept: string): Promise<{ encoding?: 'br' | 'gzip'; body: Buffer }> {
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined;
    if (!encoding) return { body: e.raw };
    if (!e[encoding]) {
      e[encoding] = encoding === 'br' ? await brotli(e.raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: e.raw.length } }) : await gz(e.raw, { level: 6 });
      const ttl = entries.getRemainingTTL(key);
      if (entries.peek(key) === e && ttl > 0) entries.set(key, e, { ttl });
    }
    return { encoding, body: e[encoding]! };
  }

  async function send(req: FastifyRequest, reply: FastifyReply, key: string, e: Entry, state: 'hit' | 'miss') {
    const setsLocale = req.cookies[opts.localeCookie] !== req.locale;
    if (setsLocale && state === 'hit') opts.setLocaleCookie(reply);
    reply
      .header('content-type', e.type)
      .header('etag', e.etag)
      .header('last-modified', e.lastModified)
      // A reply that sets a cookie is this reader's: no shared proxy keeps it.
      .header('cache-control', setsLocale ? 'private, no-cache' : `public, max-age=0, s-maxage=${PROXY_SECONDS}`)
      .header('vary', 'Accept-Encoding, Cookie')
      .header('x-page-cache', state);
    const ifNone = req.headers['if-none-match'];
    const since = req.headers['if-modified-since'];
    if (weakMatch(ifNone, e.etag) || (!ifNone && since && Date.parse(since) >= Date.parse(e.lastModified))) {
      reply.code(304);
      return '';
    }
    const { encoding, body } = await encoded(key, e, String(req.headers['accept-encoding'] ?? ''));
    if (encoding) reply.header('content-encoding', encoding);
    return body;
  }

  // This process's writes mark the versions stale before they run (db/reads.ts); a request that may
  // have written marks them again once answered — after its commit, which a read started in between missed.
  app.addHook('onResponse', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') versions.markStale();
  });

  app.addHook('onRequest', (req, reply, done) => {
    const publicPage = req.routeOptions.config?.publicPage;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !publicPage || req.cookies[SESSION_COOKIE] !== undefined) return done();
    const canonical = canonicalUrl(req, publicPage);
    if (!canonical) return done(); // a query its schema refuses: the page answers it, uncached
    const key = canonical.url;
    req.raw.url = key;
    req.query = canonical.query;
    versions.fresh().then(
      async (known) => {
        const e = entries.get(key);
        if (e && valid(e, known)) return void reply.send(await send(req, reply, key, e, 'hit'));
        const state: PageCacheState = { key, known, queries: [], stopRecording: () => {} };
        req.pageCache = state;
        // Recorded until the page is drawn (onSend below), or until its answer is over if it never gets there.
        state.stopRecording = openRecording(state.queries, done);
        reply.raw.once('close', () => state.stopRecording());
      },
      // The versions cannot be read (database down): answer as if there were no cache.
      () => done(),
    ).catch(done);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const s = req.pageCache;
    if (!s) return payload;
    s.stopRecording();
    if (reply.statusCode !== 200 || s.noStore || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
    const cookies = [reply.getHeader('set-cookie') ?? []].flat().map(String);
    if (cookies.some((c) => !c.startsWith(`${opts.localeCookie}=`))) return payload;
    const tables = tablesNamed(s.known, s.queries, new Set<string>(['settings'])); // every page carries the site's name (a read cache, so no query)
    if ([...tables].some((t) => UNVERSIONED_TABLES.has(t))) return payload;
    const lifetime = Date.now() + PAGE_LIFETIME_MS;
    const until = Math.min(lifetime, s.until ?? Infinity);
    if (until <= Date.now()) return payload;

    const raw = Buffer.from(payload);
    const deps = [...tables].map((t) => [t, s.known.version(t)] as [string, number]);
    const changed = Math.max(0, ...[...tables].map((t) => s.known.changedAt(t)));
    const e: Entry = {
      type: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'),
      raw,
      etag: etagOf(raw),
      lastModified: new Date(changed || Date.now()).toUTCString(),
      deps,
    };
    entries.set(s.key, e, { ttl: until - Date.now() });
    return send(req, reply, s.key, e, 'miss');
  });
}

/** The URL a public page is kept under — its path, and the declared parameters the reader gave, sorted — with that query; null when they do not parse. */
function canonicalUrl(req: FastifyRequest, publicPage: PublicPage): { url: string; query: Record<string, string> } | null {
  const path = req.url.split('?')[0]!;
  if (publicPage === true) return { url: path, query: {} };
  const given = (req.query ?? {}) as Record<string, unknown>;
  const parsed = publicPage.query.safeParse(given);
  if (!parsed.success) return null;
  // What the reader gave and the schema accepts; a default the schema fills in is not part of the URL.
  const kept = Object.entries((parsed.data ?? {}) as Record<string, unknown>)
    .filter(([k, v]) => Object.hasOwn(given, k) && v !== undefined && v !== '' && typeof v !== 'object')
    .map(([k, v]) => [k, String(v)] as [string, string])
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return { url: kept.length ? `${path}?${new URLSearchParams(kept).toString()}` : path, query: Object.fromEntries(kept) };
}
