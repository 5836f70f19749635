import type Argon2 from 'argon2';
import { and, asc, count, desc, eq, gt, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { isLocale, type Locale } from '../i18n/locales.js';
import { queueMail, unsolicitedMailAllowed } from '../mail/outbox.js';
import { enqueueJob } from '../jobs/queue.js';
import { recordAudit } from '../audit/service.js';
import { authorize, platformPolicy, type Actor, type MaybeActor, PLATFORM_ROLES } from '../policy.js';
import { escapeLike } from '../audit/service.js';
import { sessions, signInTokens, userRoles, users } from './schema.js';
import { hashToken, newToken } from './tokens.js';
import { signInLinkMail } from './emails.js';
import { claimSubmission } from '../forms/once.js';
import { lazyPackage } from '../lazy.js';

/** Loaded with the first password checked or set (a native module most instances never need). */
const argon2 = lazyPackage<typeof Argon2>('argon2');

export const SIGN_IN_LINK_MINUTES = 20;
export const SESSION_DAYS = 30;
/** lastSeenAt is written at most this often, so reading a page does not write on every request. */
const TOUCH_EVERY_MS = 5 * 60_000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function signInLinkUrl(baseUrl: string, locale: Locale, token: string): string {
  return `${baseUrl}/${locale}/sign-in/link/${token}`;
}

/** Only local paths may be used as a redirect after sign-in: no other site, no control characters (they cannot go in a header), not too long. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.length <= 1000 && /^\/[a-z]{2}(\/[^/\\]|\/?$)/.test(next) && !next.startsWith('//') && !/[\u0000-\u001f\u007f]/.test(next) ? next : '';
}

// ---------- accounts ----------

export interface NewUser {
  email: string;
  name: string;
  locale?: Locale;
  roles?: { role: string; scope?: string }[];
}

/** Creates an account (or returns the existing one with that e-mail) and adds the given roles. */
export async function ensureUser(tx: Executor, u: NewUser): Promise<{ id: string; created: boolean }> {
  const email = normalizeEmail(u.email);
  const inserted = await tx
    .insert(users)
    .values({ email, name: u.name, locale: u.locale ?? null })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  const id = inserted[0]?.id ?? (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
  for (const r of u.roles ?? []) {
    await tx.insert(userRoles).values({ userId: id, role: r.role, scope: r.scope ?? '' }).onConflictDoNothing();
  }
  return { id, created: inserted.length > 0 };
}

async function issueSignInToken(tx: Executor, userId: string, next: string): Promise<string> {
  const token = newToken();
  await tx.insert(signInTokens).values({
    tokenHash: hashToken(token),
    userId,
    next,
    expiresAt: sql`now() + make_interval(mins => ${SIGN_IN_LINK_MINUTES})`,
  });
  return token;
}

export type LinkRequestResult = 'sent' | 'unknown' | 'limited';

/** The job that mails a requested sign-in link (name it in the platform's manifest). */
export const SIGN_IN_LINK_JOB = 'platform.signInLink';

/**
 * The sign-in form. Whoever's address it is, the request does the same work — one job written —
 * and the page shown is the same, so neither the answer nor its time tells who has an account.
 * The job (`sendSignInLink`) looks the address up and mails a link when there is one.
 */
export async function requestSignInLink(db: Db, input: { email: string; locale: Locale; next?: string; onceKey?: unknown }): Promise<void> {
  await db.transaction(async (tx) => {
    // A double click or a resent form must not mail a second link.
    if ((await claimSubmission(tx, input.onceKey)) !== null) return;
    await enqueueJob(tx, SIGN_IN_LINK_JOB, { email: normalizeEmail(input.email), locale: input.locale, next: safeNext(input.next) });
  });
}

/**
 * Mails a one-time sign-in link to an account's address (the job behind the sign-in form): none
 * for an unknown or disabled address, none over the address's hourly limit of unsolicited mail.
 */
export async function sendSignInLink(db: Db, input: { email: string; locale: Locale; next: string; baseUrl: string }): Promise<LinkRequestResult> {
  return db.transaction(async (tx) => {
    const email = normalizeEmail(input.email);
    const [user] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.email, email), isNull(users.disabledAt)))
      .for('update');
    if (!user) return 'unknown';
    if (!(await unsolicitedMailAllowed(tx, email))) return 'limited';
    const token = await issueSignInToken(tx, user.id, safeNext(input.next));
    await queueMail(tx, {
      to: email,
      locale: input.locale,
      template: signInLinkMail,
      data: { name: user.name, link: signInLinkUrl(input.baseUrl, input.locale, token), minutes: SIGN_IN_LINK_MINUTES },
      unsolicited: true,
    });
    return 'sent';
  });
}

/** A sign-in link for the command line (create-admin): printed, not mailed. */
export async function createSignInLink(db: Executor, userId: string, baseUrl: string, locale: Locale): Promise<string> {
  return signInLinkUrl(baseUrl, locale, await issueSignInToken(db, userId, ''));
}

/** Looks at a link without using it: a mail scanner's GET must not sign anyone in or spend the link. */
export async function peekSignInLink(db: Executor, token: string): Promise<{ email: string } | null> {
  const [row] = await db
    .select({ email: users.email })
    .from(signInTokens)
    .innerJoin(users, eq(users.id, signInTokens.userId))
    .where(and(eq(signInTokens.tokenHash, hashToken(token)), isNull(signInTokens.usedAt), gt(signInTokens.expiresAt, sql`now()`), isNull(users.disabledAt)));
  return row ?? null;
}

/** Uses a link once (one atomic UPDATE, so two presses cannot both succeed) and opens a session. */
export async function consumeSignInLink(db: Db, token: string, userAgent: string): Promise<{ session: string; next: string } | null> {
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(signInTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(signInTokens.tokenHash, hashToken(token)), isNull(signInTokens.usedAt), gt(signInTokens.expiresAt, sql`now()`)))
      .returning({ userId: signInTokens.userId, next: signInTokens.next });
    if (!used) return null;
    const [user] = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, used.userId));
    if (!user || user.disabledAt) return null;
    return { session: await createSession(tx, used.userId, userAgent), next: used.next };
  });
}

// ---------- passwords (optional) ----------

/** A hash of a random password: verifying against it takes as long as a real check when the account does not exist. */
let dummyHash: Promise<string> | undefined;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export async function signInWithPassword(db: Db, email: string, password: string, userAgent: string): Promise<string | null> {
  const [user] = await db
    .select({ id: users.id, hash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, normalizeEmail(email)), isNull(users.disabledAt)));
  if (!user?.hash) {
    dummyHash ??= argon2().hash(newToken(), { type: argon2().argon2id });
    await argon2().verify(await dummyHash, password).catch(() => false);
    return null;
  }
  if (!(await argon2().verify(user.hash, password).catch(() => false))) return null;
  return createSession(db, user.id, userAgent);
}

export async function setPassword(db: Executor, actor: MaybeActor, password: string): Promise<void> {
  authorize(platformPolicy.manageAccount(actor), 'account.password');
  const hash = await argon2().hash(password, { type: argon2().argon2id });
  await db.update(users).set({ passwordHash: hash }).where(eq(users.id, actor!.id));
}

export async function removePassword(db: Executor, actor: MaybeActor): Promise<void> {
  authorize(platformPolicy.manageAccount(actor), 'account.password');
  await db.update(users).set({ passwordHash: null }).where(eq(users.id, actor!.id));
}

export async function hasPassword(db: Executor, actor: Actor): Promise<boolean> {
  const [u] = await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  return !!u?.h;
}

// ---------- sessions ----------

export async function createSession(tx: Executor, userId: string, userAgent: string): Promise<string> {
  const token = newToken();
  await tx.insert(sessions).values({
    idHash: hashToken(token),
    userId,
    userAgent: userAgent.slice(0, 300),
    expiresAt: sql`now() + make_interval(days => ${SESSION_DAYS})`,
  });
  return token;
}

export interface SessionActor extends Actor {
  sessionHash: string;
}

/** The person behind a session cookie, or null when it is unknown, expired or revoked. */
export async function actorFromSession(db: Executor, token: string): Promise<SessionActor | null> {
  const idHash = hashToken(token);
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      lastSeenAt: sessions.lastSeenAt,
      role: userRoles.role,
      scope: userRoles.scope,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, sql`now()`), isNull(users.disabledAt)));
  const first = rows[0];
  if (!first) return null;
  if (Date.now() - first.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.idHash, idHash));
  }
  return { ...toActor(rows), sessionHash: idHash };
}

export async function signOut(db: Executor, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashToken(token)));
}

/** Revokes every session of the person, on every device, including this one. */
export async function signOutEverywhere(db: Executor, actor: MaybeActor): Promise<number> {
  authorize(platformPolicy.manageAccount(actor), 'account.sessions');
  const gone = await db.delete(sessions).where(eq(sessions.userId, actor!.id)).returning({ h: sessions.idHash });
  return gone.length;
}

export async function listSessions(db: Executor, actor: MaybeActor) {
  authorize(platformPolicy.manageAccount(actor), 'account.sessions');
  return db
    .select({ idHash: sessions.idHash, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, actor!.id), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Opens a signed-in person's own account pages (before anything else is read from the request). */
export function requireAccount(actor: MaybeActor): void {
  authorize(platformPolicy.manageAccount(actor), 'account');
}

export async function setPreferredLocale(db: Executor, actor: MaybeActor, locale: Locale): Promise<void> {
  authorize(platformPolicy.manageAccount(actor), 'account.locale');
  await db.update(users).set({ locale }).where(eq(users.id, actor!.id));
}

/** Removes expired sessions and sign-in links (a daily job). */
export async function purgeExpiredCredentials(db: Executor): Promise<void> {
  await db.delete(sessions).where(sql`${sessions.expiresAt} < now()`);
  await db.delete(signInTokens).where(sql`${signInTokens.expiresAt} < now() - interval '1 day'`);
}

// ---------- user administration (Secretariat) ----------

export const USERS_PAGE_SIZE = 50;

/** Opens the Secretariat's people pages (before anything else is read from the request). */
export function requireUserAdmin(actor: MaybeActor): void {
  authorize(platformPolicy.manageUsers(actor), 'users.manage');
}

export async function listUsers(db: Executor, actor: MaybeActor, f: { q?: string; role?: string; page: number }) {
  authorize(platformPolicy.manageUsers(actor), 'users.list');
  const conds = [];
  if (f.q) conds.push(or(ilike(users.email, `%${escapeLike(f.q)}%`), ilike(users.name, `%${escapeLike(f.q)}%`)));
  if (f.role) conds.push(sql`exists (select 1 from ${userRoles} r where r.user_id = ${users.id} and r.role = ${f.role})`);
  const cond = conds.length ? and(...conds) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        createdAt: users.createdAt,
        disabledAt: users.disabledAt,
        roles: sql<string[]>`coalesce((select array_agg(r.role order by r.role) from ${userRoles} r where r.user_id = ${users.id} and r.scope = ''), '{}')`,
      })
      .from(users)
      .where(cond)
      .orderBy(asc(users.email))
      .limit(USERS_PAGE_SIZE)
      .offset((f.page - 1) * USERS_PAGE_SIZE),
    db.select({ total: count() }).from(users).where(cond),
  ]);
  return { rows, total };
}

async function platformRoles(tx: Executor, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.scope, '')))
    .orderBy(userRoles.role);
  return rows.map((r) => r.role);
}

export type RoleChange = { ok: true; changed: boolean } | { ok: false; reason: 'unknown-user' | 'last-secretariat' };

/** Grants or revokes a platform role. Audited. The last Secretariat account cannot lose its role. */
export async function changePlatformRole(
  db: Db,
  actor: MaybeActor,
  input: { userId: string; role: (typeof PLATFORM_ROLES)[number]; grant: boolean; ip?: string },
): Promise<RoleChange> {
  authorize(platformPolicy.manageUsers(actor), 'users.role');
  return db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!target) return { ok: false, reason: 'unknown-user' } as const;
    const before = await platformRoles(tx, target.id);
    if (input.grant) {
      await tx.insert(userRoles).values({ userId: target.id, role: input.role, scope: '' }).onConflictDoNothing();
    } else {
      if (input.role === 'secretariat' && before.includes('secretariat')) {
        // Lock the Secretariat's role rows so two revocations cannot both pass this check.
        const holders = await tx.select({ u: userRoles.userId }).from(userRoles).where(and(eq(userRoles.role, 'secretariat'), eq(userRoles.scope, ''))).for('update');
        if (holders.length <= 1) return { ok: false, reason: 'last-secretariat' } as const;
      }
      await tx.delete(userRoles).where(and(eq(userRoles.userId, target.id), eq(userRoles.role, input.role), eq(userRoles.scope, '')));
    }
    const after = await platformRoles(tx, target.id);
    const changed = before.join() !== after.join();
    if (changed) {
      await recordAudit(tx, actor, {
        action: input.grant ? 'user.role.grant' : 'user.role.revoke',
        targetType: 'user',
        targetId: target.email,
        before: { roles: before },
        after: { roles: after },
        ip: input.ip,
      });
    }
    return { ok: true, changed } as const;
  });
}

/** The Secretariat invites someone: an account is created and a sign-in link mailed. Audited. */
export async function inviteUser(
  db: Db,
  actor: MaybeActor,
  input: { email: string; name: string; locale: Locale; role?: (typeof PLATFORM_ROLES)[number]; baseUrl: string; ip?: string; onceKey?: unknown },
): Promise<{ created: boolean; repeat?: boolean }> {
  authorize(platformPolicy.manageUsers(actor), 'users.invite');
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, input.onceKey)) !== null) return { created: false, repeat: true };
    const { id, created } = await ensureUser(tx, {
      email: input.email,
      name: input.name,
      locale: input.locale,
      roles: input.role ? [{ role: input.role }] : [],
    });
    const token = await issueSignInToken(tx, id, '');
    await queueMail(tx, {
      to: normalizeEmail(input.email),
      locale: input.locale,
      template: signInLinkMail,
      data: { name: input.name, link: signInLinkUrl(input.baseUrl, input.locale, token), minutes: SIGN_IN_LINK_MINUTES },
    });
    await recordAudit(tx, actor, {
      action: 'user.invite',
      targetType: 'user',
      targetId: normalizeEmail(input.email),
      after: { name: input.name, roles: input.role ? [input.role] : [], created },
      ip: input.ip,
    });
    return { created };
  });
}

/** The actor for an account (for the command line, seeds and jobs that act on someone's behalf). */
export async function actorByEmail(db: Executor, email: string): Promise<Actor | null> {
  const rows = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, role: userRoles.role, scope: userRoles.scope })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.email, normalizeEmail(email)));
  return rows.length ? toActor(rows) : null;
}

/** One actor from a user's rows joined with their roles (one row per role, or one with null role). */
function toActor(rows: { id: string; email: string; name: string; locale: string | null; role: string | null; scope: string | null }[]): Actor {
  const first = rows[0]!;
  return {
    id: first.id,
    email: first.email,
    name: first.name,
    locale: isLocale(first.locale) ? first.locale : null,
    roles: rows.filter((r) => r.role !== null).map((r) => ({ role: r.role!, scope: r.scope ?? '' })),
  };
}
