import { randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from 'helmet';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import csrf from '@fastify/csrf-protection';
import { constants as zlib } from 'node:zlib';
import type { Config } from '../../config.js';
import type { Database, Db } from '../../db/client.js';
import { ping } from '../../db/client.js';
import { DEFAULT_LOCALE, direction, fromAcceptLanguage, isLocale, LOCALES, type Locale } from '../i18n/locales.js';
import { htmlTranslator, translator, type Translate } from '../i18n/messages.js';
import { localize } from '../i18n/content.js';
import { actorFromSession, SESSION_DAYS, type SessionActor } from '../auth/service.js';
import { ssoFormOrigins } from '../auth/oidc.js';
import { ForbiddenError } from '../policy.js';
import { DEFAULT_SITE, getSiteSettings } from '../settings/service.js';
import type { NavEntry } from '../module.js';
import type { PageContext, RenderOptions } from './page.js';
import { describe } from '../documents/description.js';
import { loadAssets } from './assets.js';
import { webManifest } from './webapp.js';
import { MAX_UPLOAD_BYTES } from '../files/storage.js';
import { ErrorPage } from '../ui/error-page.js';
import { doNotStore, pageCache } from '../cache/pages.js';

export const SESSION_COOKIE = 'bridges_session';

/** A file from a multipart form. `truncated` means it was larger than the upload limit. */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
  truncated: boolean;
}

export function isUploadedFile(v: unknown): v is UploadedFile {
  return !!v && typeof v === 'object' && Buffer.isBuffer((v as UploadedFile).data) && typeof (v as UploadedFile).filename === 'string';
}
export const LOCALE_COOKIE = 'bridges_lang';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    actor: SessionActor | null;
    sessionToken: string | null;
  }
  interface FastifyReply {
    /** Renders a page (a view function of the page context) with a status, 200 by default, or with options (status, description). */
    render(view: (c: PageContext) => JSX.Element, status?: number | RenderOptions): Promise<FastifyReply>;
    /** Opens a session: sets the session cookie. */
    startSession(token: string): FastifyReply;
    endSession(): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Set to false for a state-changing route that must work without a CSRF token (e.g. RFC 8058 unsubscribe). */
    csrf?: boolean;
  }
}

export interface HttpOptions {
  config: Config;
  db: Db;
  /** For the page cache to hear of changes: this process's writes, and other instances' notices. */
  database: Pick<Database, 'listen' | 'writes'>;
  nav: NavEntry[];
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Characters after the "?" of a URL: far more than any filter or search form makes. */
export const MAX_QUERY_LENGTH = 2000;

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 4 || !value || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

/** The locale for a request whose URL does not carry one: saved preference, then cookie, then Accept-Language. */
export function negotiateLocale(req: FastifyRequest): Locale {
  if (req.actor?.locale) return req.actor.locale;
  const cookieLocale = req.cookies?.[LOCALE_COOKIE];
  if (isLocale(cookieLocale)) return cookieLocale;
  return fromAcceptLanguage(req.headers['accept-language']) ?? DEFAULT_LOCALE;
}

/** The sign-in pages, in any language: with single sign-on they hold its button. */
const SIGN_IN_PAGE = new RegExp(`^/(?:${LOCALES.join('|')})/sign-in(?:[/?]|$)`);

/**
 * With single sign-on, the sign-in pages' button posts to /sign-in/sso, which sends the browser on
 * to the provider: those pages' forms may go to its origins; no other page's. (A directive's
 * function is asked for each request, before its route.)
 */
function ssoFormAction(config: Config): ((req: { url?: string }) => string)[] {
  const settings = config.oidc;
  if (!settings) return [];
  return [(req) => (SIGN_IN_PAGE.test(req.url ?? '') ? ssoFormOrigins(settings).join(' ') : '')];
}

/**
 * Platform HTTP concerns, registered once for the whole app: cookies, bodies, security headers,
 * compression, rate limits, CSRF, the signed-in actor, the locale, page rendering, errors and
 * static assets.
 */
export const httpPlatform = fp<HttpOptions>(async (app, { config, db, database, nav }) => {
  const secure = config.secureCookies;

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody, { bodyLimit: 1_000_000 });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    // Files arrive as { filename, mimetype, data, truncated }; a file over the limit is cut and
    // flagged, so the route can show the form again with a clear message instead of failing.
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 5, fields: 200 },
    async onFile(part) {
      const data = await part.toBuffer();
      const file: UploadedFile = { filename: part.filename, mimetype: part.mimetype, data, truncated: part.file.truncated };
      (part as unknown as { value: UploadedFile }).value = file;
    },
  });
  // Security headers, with helmet's middleware made once (@fastify/helmet made it again for every
  // request: a tenth of a cached page's time).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'", ...ssoFormAction(config)],
        frameAncestors: ["'none'"],
        frameSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  await app.register(compress, {
    global: true,
    threshold: 512,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(rateLimit, {
    global: false,
    allowList: config.rateLimitAllowList,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests', retryAfter: ctx.after }),
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'bridges_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/' },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body?._csrf;
      return (typeof fromBody === 'string' ? fromBody : undefined) ?? (req.headers['x-csrf-token'] as string | undefined);
    },
  });

  const assets = loadAssets();
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('t', null as unknown as Translate);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);

  // Who is asking, and in which language. Static files and the health check need neither.
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/static/') || req.url === '/healthz' || req.url.startsWith('/manifest.webmanifest')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.sessionToken = token;
      req.actor = await actorFromSession(db, token);
    }
    const first = req.url.split(/[/?#]/)[1];
    req.locale = isLocale(first) ? first : negotiateLocale(req);
    req.t = translator(req.locale);
    // No page takes a query string this long: refuse it before any work (and before it is copied anywhere).
    const query = req.url.indexOf('?');
    if (query >= 0 && req.url.length - query > MAX_QUERY_LENGTH) {
      throw Object.assign(new Error('Query string too long'), { statusCode: 400, code: 'BRIDGES_QUERY_TOO_LONG' });
    }
    // Module routes live under /:locale; an unknown first segment is not a page.
    if (req.routeOptions.url?.startsWith('/:locale') && !isLocale(first)) return reply.callNotFound();
  });

  // Public pages from memory, for readers without a session (platform/cache/pages.ts).
  const setLocaleCookie = (reply: FastifyReply) =>
    reply.setCookie(LOCALE_COOKIE, reply.request.locale, { path: '/', sameSite: 'lax', secure, maxAge: 365 * 24 * 3600, httpOnly: true });
  await pageCache(app, { db, database, maxBytes: config.pageCacheBytes, checkMs: config.pageCacheCheckMs, localeCookie: LOCALE_COOKIE, setLocaleCookie });

  // PostgreSQL cannot store a NUL character in text: refuse such input as a bad request, before any query sees it.
  app.addHook('preValidation', async (req) => {
    if (hasNul(req.query) || hasNul(req.body) || hasNul(req.params)) {
      throw Object.assign(new Error('NUL character in input'), { statusCode: 400, code: 'BRIDGES_NUL_INPUT' });
    }
  });

  // CSRF after the body is parsed (preValidation), for every state-changing request unless a route opts out.
  app.addHook('preValidation', (req, reply, done) => {
    if (!UNSAFE.has(req.method) || req.routeOptions.config?.csrf === false) return done();
    app.csrfProtection(req, reply, done);
  });

  app.decorateReply('startSession', function (this: FastifyReply, token: string) {
    return this.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_DAYS * 24 * 3600 });
  });
  app.decorateReply('endSession', function (this: FastifyReply) {
    return this.clearCookie(SESSION_COOKIE, { path: '/' });
  });

  app.decorateReply('render', async function (this: FastifyReply, view: (c: PageContext) => JSX.Element, statusOrOptions: number | RenderOptions = 200) {
    const options = typeof statusOrOptions === 'number' ? { status: statusOrOptions } : statusOrOptions;
    const status = options.status ?? 200;
    const req = this.request;
    // An error page must still render when the database is what failed.
    const site = await getSiteSettings(db).catch(() => DEFAULT_SITE);
    const locale = req.locale;
    const afterLocale = req.url.replace(/^\/[a-z]{2}(?=\/|$|\?)/, '') || '/';
    let csrfToken: string | undefined;
    const c: PageContext = {
      locale,
      dir: direction(locale),
      t: req.t ?? translator(locale),
      th: htmlTranslator(locale),
      path: afterLocale.startsWith('/') ? afterLocale : `/${afterLocale}`,
      actor: req.actor,
      siteName: localize(site.shortName, locale, site.originalLocale).text,
      footer: localize(site.footer, locale, site.originalLocale),
      logo: site.logo ? `/${locale}/site/logo/${site.logo}` : undefined,
      csrf: () => {
        doNotStore(req, 'form token');
        return (csrfToken ??= this.generateCsrf());
      },
      once: () => {
        doNotStore(req, 'one-time key');
        return randomBytes(18).toString('base64url');
      },
      asset: (name) => assets.byName.get(name)?.url ?? `/static/${name}`,
      href: (path) => `/${locale}${path === '/' ? '' : path}`,
      nav,
      text: (value, original) => localize(value, locale, isLocale(original) ? original : site.originalLocale),
      timeZone: site.timeZone,
      description: '',
      baseUrl: config.baseUrl,
      status,
      alternates: options.alternates,
    };
    const own = typeof options.description === 'function' ? options.description(c) : options.description;
    c.description =
      describe(own, locale) || describe(localize(site.tagline, locale, site.originalLocale).text, locale) || localize(site.name, locale, site.originalLocale).text;
    const html = await view(c);
    // Remember the language the person reads in, for URLs without a locale.
    if (req.cookies[LOCALE_COOKIE] !== locale) setLocaleCookie(this);
    return this.code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache, private')
      .header('vary', 'Cookie, Accept-Language')
      .send(html);
  });

  app.get('/static/*', { compress: false }, (req, reply) => {
    const asset = assets.byUrl.get(req.url.split('?')[0]!);
    if (!asset) return reply.code(404).type('text/plain').send('Not found');
    const accept = String(req.headers['accept-encoding'] ?? '');
    reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'Accept-Encoding');
    if (/\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(asset.br);
    if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  });

  // The web app manifest, in the language asked for (?lang=, as each page links it) or the site's own.
  app.get('/manifest.webmanifest', async (req, reply) => {
    const site = await getSiteSettings(db);
    const lang = (req.query as Record<string, unknown>).lang;
    const manifest = webManifest(site, isLocale(lang) ? lang : site.originalLocale, (name) => assets.byName.get(name)?.url ?? `/static/${name}`);
    return reply.header('content-type', 'application/manifest+json; charset=utf-8').header('cache-control', 'public, max-age=3600').send(JSON.stringify(manifest));
  });

  app.get('/healthz', async (_req, reply) => {
    const ok = await ping(db);
    return reply.code(ok ? 200 : 503).header('cache-control', 'no-store').send({ status: ok ? 'ok' : 'database unreachable' });
  });

  app.get('/', async (req, reply) => reply.redirect(`/${negotiateLocale(req)}`));

  // Paths without a locale go to the same path in the reader's language; anything else is a real 404.
  app.setNotFoundHandler(async (req, reply) => {
    const first = req.url.split(/[/?#]/)[1];
    if ((req.method === 'GET' || req.method === 'HEAD') && !isLocale(first) && !req.url.startsWith('/static/')) {
      return reply.redirect(`/${negotiateLocale(req)}${req.url}`);
    }
    return reply.render((c) => ErrorPage({ c, status: 404 }), 404);
  });

  app.setErrorHandler(async (err, req, reply) => {
    if (!req.t) {
      req.locale = DEFAULT_LOCALE;
      req.t = translator(DEFAULT_LOCALE);
    }
    if (err instanceof ForbiddenError) {
      if (!req.actor && req.method === 'GET') {
        return reply.redirect(`/${req.locale}/sign-in?next=${encodeURIComponent(req.url)}`);
      }
      return reply.render((c) => ErrorPage({ c, status: 403 }), 403);
    }
    const e = err as { statusCode?: number; code?: string; headers?: Record<string, string> };
    const tooLarge = e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_PARTS_LIMIT' || e.code === 'FST_FILES_LIMIT';
    // 503: the server is busy (e.g. too many PDFs waiting to be drawn); the error says when to come back.
    const busy = e.statusCode === 503;
    const status = tooLarge ? 413 : busy ? 503 : e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
    if (status === 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: e.code, status }, 'request refused');
    const kind = e.code?.startsWith('FST_CSRF') ? 'csrf' : status === 429 ? 'rate' : busy ? 'busy' : tooLarge ? 'tooLarge' : undefined;
    if (reply.sent) return;
    if (busy && e.headers) reply.headers(e.headers);
    return reply.render((c) => ErrorPage({ c, status, kind }), status);
  });
});

export type PageReply = FastifyReply;
