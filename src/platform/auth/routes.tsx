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
import { AccountPage, ConfirmLinkPage, LinkInvalidPage, LinkSentPage, SignInPage } from './views.js';


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
  app.get('/sign-in', async (req, reply) => {
    if (req.actor) return reply.redirect(`/${req.locale}/account`);
    const next = safeNext((req.query as Record<string, unknown>).next);
    return reply.render((c) => <SignInPage c={c} next={next} />);
  });

  app.post('/sign-in/link', { config: { rateLimit: PUBLIC_FORM_RATE_LIMIT } }, async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    const v = validate(linkSchema, body);
    if (!v.ok) return reply.render((c) => <SignInPage c={c} linkForm={v.state} next={safeNext(body?.next)} />, 422);
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
    if (!v.ok) return reply.render((c) => <SignInPage c={c} passwordForm={v.state} next={next} />, 422);
    const session = await signInWithPassword(db, v.data.email, v.data.password, String(req.headers['user-agent'] ?? ''));
    if (!session) return reply.render((c) => <SignInPage c={c} passwordForm={formError(body, 'password', 'auth.errors.wrongPassword')} next={next} />, 422);
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
