import type * as Oidc from 'openid-client';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import type { OidcConfig } from '../../config.js';
import { recordAudit } from '../audit/service.js';
import { processCache } from '../cache/process.js';
import { isLocale, type Locale } from '../i18n/locales.js';
import { platformPolicy, type Actor } from '../policy.js';
import { ssoLinks, ssoRequests, users } from './schema.js';
import { actorByEmail, createSession, normalizeEmail, safeNext } from './service.js';
import { hashToken } from './tokens.js';

/**
 * Single sign-on with the organisation's OpenID Connect provider, for the Secretariat and the
 * Steering Committee (docs/decisions/018-single-sign-on.md). The protocol is openid-client's:
 * authorization code flow with PKCE, state and nonce. What is ours: the request kept in the
 * database and spent once, who may sign in this way, and the link between the provider's subject
 * and an account.
 */

/** How long a press of the button stays good for coming back from the provider. */
export const SSO_REQUEST_MINUTES = 10;
/** The cookie that ties the provider's answer to the browser that asked (holds the state, signed). */
export const SSO_COOKIE = 'bridges_sso';
/** Where the provider sends people back: one address for every language (register it at the provider). */
export const SSO_CALLBACK_PATH = '/sign-in/sso/callback';

export const SSO_REFUSALS = ['expired', 'provider', 'email', 'not-staff'] as const;
/**
 * Why a single sign-on did not open a session: the provider's answer was spent, late, forged or
 * from another browser (expired); the provider refused or could not be reached (provider); it
 * vouched for no e-mail address (email); the account is not one of the Secretariat's or the
 * Committee's, or there is none (not-staff).
 */
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export function ssoCallbackUrl(baseUrl: string): string {
  return `${baseUrl}${SSO_CALLBACK_PATH}`;
}

/** The protocol library, loaded on first use: a Bridges without single sign-on never needs it (~10 MB). */
const openid = () => import('openid-client');

/** The provider's metadata, discovered once per process (again after a failure). */
const discovered = processCache(new Map<string, Promise<Oidc.Configuration>>());

function providerOf(settings: OidcConfig): Promise<Oidc.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    // http:// is only accepted for an issuer on this machine (config.ts): a test provider.
    const insecure = settings.issuer.startsWith('http://');
    found = openid().then((oidc) =>
      oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        execute: insecure ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      }),
    );
    discovered.set(key, found);
    found.catch(() => discovered.get(key) === found && discovered.delete(key));
  }
  return found;
}

/** The provider's origins a sign-in form may post to (the button's redirect goes there): the issuer's, and its authorization endpoint's once known. */
export function ssoFormOrigins(settings: OidcConfig): string[] {
  const origins = new Set([new URL(settings.issuer).origin]);
  const endpoint = knownEndpoints.get(settings.issuer);
  if (endpoint) origins.add(endpoint);
  else void providerOf(settings).then((p) => rememberEndpoint(settings, p), () => {});
  return [...origins];
}
const knownEndpoints = processCache(new Map<string, string>());
function rememberEndpoint(settings: OidcConfig, provider: Oidc.Configuration) {
  const endpoint = provider.serverMetadata().authorization_endpoint;
  if (endpoint) knownEndpoints.set(settings.issuer, new URL(endpoint).origin);
}

async function refused(tx: Executor, issuer: string, outcome: string, ip: string | undefined, email = ''): Promise<void> {
  await recordAudit(tx, null, { action: 'auth.sso.refused', targetType: email ? 'user' : '', targetId: email, after: { issuer, outcome }, ip });
}

/**
 * The button: a request kept for SSO_REQUEST_MINUTES with its PKCE verifier and nonce, and the
 * provider's address to send the browser to. The state goes back to the browser in a cookie.
 */
export async function startSso(
  db: Db,
  settings: OidcConfig,
  input: { baseUrl: string; locale: Locale; next?: unknown; ip?: string },
): Promise<{ ok: true; url: string; state: string } | { ok: false; reason: 'provider' }> {
  let provider: Oidc.Configuration;
  try {
    provider = await providerOf(settings);
  } catch {
    await refused(db, settings.issuer, 'provider-unreachable', input.ip);
    return { ok: false, reason: 'provider' };
  }
  rememberEndpoint(settings, provider);
  const oidc = await openid();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await db.delete(ssoRequests).where(lt(ssoRequests.expiresAt, sql`now()`));
  await db.insert(ssoRequests).values({
    stateHash: hashToken(state),
    codeVerifier,
    nonce,
    locale: input.locale,
    next: safeNext(input.next),
    expiresAt: sql`now() + make_interval(mins => ${SSO_REQUEST_MINUTES})`,
  });
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: ssoCallbackUrl(input.baseUrl),
    scope: 'openid email',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ui_locales: input.locale,
  });
  return { ok: true, url: url.href, state };
}

export type SsoResult = { ok: true; session: string; next: string; locale: Locale } | { ok: false; reason: SsoRefusal; locale?: Locale };

/**
 * The provider's answer. Spends the request (once: a replayed answer finds it used), has
 * openid-client check the code, PKCE, state, nonce and ID token, then opens a session — the same
 * as an e-mail link's — for an account of the Secretariat or the Committee: the one linked to the
 * provider's subject, or else the one with the verified e-mail address, which is then linked.
 * Every outcome is audited, without tokens.
 */
export async function finishSso(
  db: Db,
  settings: OidcConfig,
  input: { baseUrl: string; query: string; browserState: string | null; userAgent: string; ip?: string },
): Promise<SsoResult> {
  const params = new URLSearchParams(input.query);
  const state = params.get('state');
  const { issuer } = settings;
  // The answer must come back to the browser that pressed the button (its cookie holds the state).
  const stateHash = state ? hashToken(state) : '';
  if (!state || !input.browserState || stateHash !== hashToken(input.browserState)) {
    await refused(db, issuer, state ? 'state-not-this-browser' : 'no-state', input.ip);
    return { ok: false, reason: 'expired' };
  }
  const [request] = await db
    .update(ssoRequests)
    .set({ usedAt: sql`now()` })
    .where(and(eq(ssoRequests.stateHash, stateHash), isNull(ssoRequests.usedAt), gt(ssoRequests.expiresAt, sql`now()`)))
    .returning();
  if (!request) {
    await refused(db, issuer, 'state-spent-or-unknown', input.ip);
    return { ok: false, reason: 'expired' };
  }
  const locale: Locale = isLocale(request.locale) ? request.locale : 'en';
  const refuse = async (reason: SsoRefusal, outcome: string, tx: Executor = db, email = '') => {
    await refused(tx, issuer, outcome, input.ip, email);
    return { ok: false, reason, locale } as const;
  };

  let claims: Oidc.IDToken;
  try {
    const provider = await providerOf(settings);
    const current = new URL(ssoCallbackUrl(input.baseUrl));
    current.search = params.toString();
    const tokens = await (await openid()).authorizationCodeGrant(provider, current, {
      pkceCodeVerifier: request.codeVerifier,
      expectedState: state,
      expectedNonce: request.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims()!;
  } catch (err) {
    // The provider's own refusal (the person cancelled, access denied) or a response that failed a check: its code, never its text.
    const e = err as { error?: unknown; code?: unknown };
    const code = typeof e.error === 'string' ? e.error : typeof e.code === 'string' ? e.code : 'failed';
    return refuse('provider', `provider-refused:${code.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 60)}`);
  }

  if (typeof claims.email !== 'string' || !claims.email.includes('@')) return refuse('email', 'email-missing');
  const email = normalizeEmail(claims.email);
  if (claims.email_verified !== true) return refuse('email', 'email-not-verified', db, email);

  // This provider's subject: the link that decides, once made.
  const bySubject = and(eq(ssoLinks.issuer, claims.iss), eq(ssoLinks.subject, claims.sub));
  return db.transaction(async (tx) => {
    const [link] = await tx.select({ userId: ssoLinks.userId }).from(ssoLinks).where(bySubject);
    let userId = link?.userId;
    if (!userId) {
      // Not linked yet: the account with this verified address, unless it is linked to another subject of this provider.
      const [byEmail] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (!byEmail) return refuse('not-staff', 'no-account', tx, email);
      const [other] = await tx.select({ subject: ssoLinks.subject }).from(ssoLinks).where(and(eq(ssoLinks.issuer, claims.iss), eq(ssoLinks.userId, byEmail.id)));
      if (other) return refuse('not-staff', 'account-linked-to-another-subject', tx, email);
      userId = byEmail.id;
    }
    const [user] = await tx.select({ email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
    const actor: Actor | null = user && !user.disabledAt ? await actorByEmail(tx, user.email) : null;
    if (!actor) return refuse('not-staff', 'account-disabled', tx, user?.email ?? email);
    if (!platformPolicy.signInWithSso(actor)) return refuse('not-staff', 'not-secretariat-or-steering', tx, actor.email);
    if (link) {
      await tx.update(ssoLinks).set({ lastUsedAt: sql`now()` }).where(bySubject);
    } else {
      const linked = await tx.insert(ssoLinks).values({ issuer: claims.iss, subject: claims.sub, userId }).onConflictDoNothing().returning({ userId: ssoLinks.userId });
      if (!linked.length) {
        // Two answers at once: the first link stands, and this one counts only if it made the same.
        const [first] = await tx.select({ userId: ssoLinks.userId }).from(ssoLinks).where(bySubject);
        if (first?.userId !== userId) return refuse('not-staff', 'account-linked-to-another-subject', tx, actor.email);
      }
    }
    const session = await createSession(tx, actor.id, input.userAgent);
    await recordAudit(tx, actor, {
      action: 'auth.sso.signIn',
      targetType: 'user',
      targetId: actor.email,
      after: { issuer: claims.iss, outcome: link ? 'signed-in' : 'signed-in-and-linked' },
      ip: input.ip,
    });
    const home = platformPolicy.viewAdmin(actor) ? '/admin' : '/steering';
    return { ok: true, session, next: request.next || `/${locale}${home}`, locale } as const;
  });
}
