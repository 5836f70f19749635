import { z } from 'zod';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { field } from '../forms/fields.js';
import { PUBLIC_FORM_RATE_LIMIT } from '../http/limits.js';
import { validate, formError } from '../forms/validate.js';
import { LOCALES } from '../i18n/locales.js';
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  consumeSignInLink,
  hasPassword,
  listSessions,
  peekSignInLink,
  removePassword,
  requestSignInLink,
  safeNext,
  setPassword,
  requireAccount,
  setPreferredLocale,
  signInWithPassword,
  signOut,
  signOutEverywhere,
} from './service.js';
import { AccountPage, ConfirmLinkPage, LinkInvalidPage, LinkSentPage, SignInPage, SsoRefusedPage } from './views.js';
import { SSO_CALLBACK_PATH, SSO_COOKIE, SSO_REFUSALS, SSO_REQUEST_MINUTES, finishSso, startSso, type SsoRefusal } from './oidc.js';
import { ErrorPage } from '../ui/error-page.js';


const linkSchema = z.object({ email: field.email(), next: z.string().optional() });
const passwordSignInSchema = z.object({ email: field.email(), password: field.password(), next: z.string().optional() });
const newPasswordSchema = z
  .object({
    password: z
      .string({ message: 'form.errors.required' })
      .min(1, { message: 'form.errors.required' })
      .min(PASSWORD_MIN, { message: 'form.errors.tooShort' })
      .max(PASSWORD_MAX, { message: 'form.errors.tooLong' }),
    confirm: z.string().optional(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'account.errors.mismatch' });
const localeSchema = z.object({ locale: field.choice(LOCALES) });

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

export const authRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  // With single sign-on the sign-in pages' forms may go to the provider (see the HTTP platform's CSP).
  const sso = config.oidc?.label;

  app.get('/sign-in', async (req, reply) => {
    if (req.actor) return reply.redirect(`/${req.locale}/account`);
    const next = safeNext((req.query as Record<string, unknown>).next);
    return reply.render((c) => <SignInPage c={c} next={next} sso={sso} />);
  });

  // Single sign-on (OIDC_*): for the Secretariat and the Steering Committee. Without it, no such pages.
  app.post('/sign-in/sso', { config: { rateLimit: PUBLIC_FORM_RATE_LIMIT } }, async (req, reply) => {
    if (!config.oidc) return reply.callNotFound();
    const body = req.body as Record<string, unknown>;
    const started = await startSso(db, config.oidc, { baseUrl: config.baseUrl, locale: req.locale, next: body?.next, ip: req.ip });
    if (!started.ok) return reply.redirect(`/${req.locale}/sign-in/sso/refused?reason=${started.reason}`, 303);
    const cookie = { signed: true, httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: SSO_CALLBACK_PATH, maxAge: SSO_REQUEST_MINUTES * 60 } as const;
    return reply.setCookie(SSO_COOKIE, started.state, cookie).redirect(started.url, 303);
  });

  app.get('/sign-in/sso/refused', async (req, reply) => {
    if (!config.oidc) return reply.callNotFound();
    const asked = (req.query as Record<string, unknown>).reason;
    const reason: SsoRefusal = SSO_REFUSALS.find((r) => r === asked) ?? 'provider';
    const provider = config.oidc.label;
    return reply.render((c) => <SsoRefusedPage c={c} reason={reason} provider={provider} />, reason === 'not-staff' || reason === 'email' ? 403 : 400);
  });

  app.post('/sign-in/link', { config: { rateLimit: PUBLIC_FORM_RATE_LIMIT } }, async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    const v = validate(linkSchema, body);
    if (!v.ok) return reply.render((c) => <SignInPage c={c} linkForm={v.state} next={safeNext(body?.next)} sso={sso} />, 422);
    await requestSignInLink(db, { email: v.data.email, locale: req.locale, next: v.data.next, onceKey: body._once });
    return reply.render((c) => <LinkSentPage c={c} email={v.data.email} />);
  });

  app.get('/sign-in/link/:token', async (req, reply) => {
    const p = tokenParams.safeParse(req.params);
    const found = p.success ? await peekSignInLink(db, p.data.token) : null;
    if (!found) return reply.render((c) => <LinkInvalidPage c={c} />, 410);
    return reply.header('referrer-policy', 'no-referrer').render((c) => <ConfirmLinkPage c={c} email={found.email} token={p.data!.token} />);
  });

  app.post('/sign-in/link/:token', async (req, reply) => {
    const p = tokenParams.safeParse(req.params);
    const result = p.success ? await consumeSignInLink(db, p.data.token, String(req.headers['user-agent'] ?? '')) : null;
    if (!result) return reply.render((c) => <LinkInvalidPage c={c} />, 410);
    return reply.startSession(result.session).redirect(result.next || `/${req.locale}/account`, 303);
  });

  app.post('/sign-in/password', { config: { rateLimit: PUBLIC_FORM_RATE_LIMIT } }, async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    const next = safeNext(body?.next);
    const v = validate(passwordSignInSchema, body);
    if (!v.ok) return reply.render((c) => <SignInPage c={c} passwordForm={v.state} next={next} sso={sso} />, 422);
    const session = await signInWithPassword(db, v.data.email, v.data.password, String(req.headers['user-agent'] ?? ''));
    if (!session) return reply.render((c) => <SignInPage c={c} passwordForm={formError(body, 'password', 'auth.errors.wrongPassword')} next={next} sso={sso} />, 422);
    return reply.startSession(session).redirect(next || `/${req.locale}/account`, 303);
  });

  app.post('/sign-out', async (req, reply) => {
    if (req.sessionToken) await signOut(db, req.sessionToken);
    return reply.endSession().redirect(`/${req.locale}`, 303);
  });

  async function accountData(req: FastifyRequest) {
    const sessions = await listSessions(db, req.actor); // a signed-in person only
    const actor = req.actor!;
    const saved = (req.query as Record<string, unknown>).saved;
    return {
      email: actor.email,
      name: actor.name,
      preferredLocale: actor.locale,
      hasPassword: await hasPassword(db, actor),
      sessions: sessions.map((s) => ({ ...s, current: s.idHash === actor.sessionHash })),
      saved: typeof saved === 'string' && /^(language|password|passwordRemoved)$/.test(saved) ? saved : undefined,
    };
  }

  app.get('/account', async (req, reply) => {
    const data = await accountData(req);
    return reply.render((c) => <AccountPage c={c} data={data} />);
  });

  app.post('/account/language', async (req, reply) => {
    requireAccount(req.actor);
    const v = validate(localeSchema, req.body);
    if (!v.ok) return reply.redirect(`/${req.locale}/account`, 303);
    await setPreferredLocale(db, req.actor, v.data.locale);
    return reply.redirect(`/${v.data.locale}/account?saved=language`, 303);
  });

  app.post('/account/password', async (req, reply) => {
    const v = validate(newPasswordSchema, req.body);
    if (!v.ok) {
      const data = await accountData(req);
      return reply.render((c) => <AccountPage c={c} data={data} passwordForm={v.state} />, 422);
    }
    await setPassword(db, req.actor, v.data.password);
    return reply.redirect(`/${req.locale}/account?saved=password`, 303);
  });

  app.post('/account/password/remove', async (req, reply) => {
    await removePassword(db, req.actor);
    return reply.redirect(`/${req.locale}/account?saved=passwordRemoved`, 303);
  });

  app.post('/account/sign-out-everywhere', async (req, reply) => {
    await signOutEverywhere(db, req.actor);
    return reply.endSession().redirect(`/${req.locale}/sign-in`, 303);
  });
};

/**
 * Where the single sign-on provider sends people back: one address without a language, as a
 * provider registers it (BASE_URL/sign-in/sso/callback). It always sends the browser on — to the
 * page asked for, or to a page in the person's language that says why not — so the provider's
 * code and state never stay in the address bar or in a page's links.
 */
export const authRootRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get(SSO_CALLBACK_PATH, { config: { rateLimit: PUBLIC_FORM_RATE_LIMIT } }, async (req, reply) => {
    if (!config.oidc) return reply.render((c) => <ErrorPage c={c} status={404} />, 404);
    const raw = req.cookies[SSO_COOKIE];
    const cookie = raw ? req.unsignCookie(raw) : undefined;
    const result = await finishSso(db, config.oidc, {
      baseUrl: config.baseUrl,
      query: req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '',
      browserState: cookie?.valid ? cookie.value : null,
      userAgent: String(req.headers['user-agent'] ?? ''),
      ip: req.ip,
    });
    reply.clearCookie(SSO_COOKIE, { path: SSO_CALLBACK_PATH });
    if (!result.ok) return reply.redirect(`/${result.locale ?? req.locale}/sign-in/sso/refused?reason=${result.reason}`, 303);
    return reply.startSession(result.session).redirect(result.next, 303);
  });
};
