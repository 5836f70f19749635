import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../policy.js';
import { recordAudit } from '../audit/service.js';
import { claimSubmission } from '../forms/once.js';
import { field } from '../forms/fields.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { users } from '../auth/schema.js';
import { apiTokens } from './schema.js';
import { apiPolicy } from './policy.js';

export { apiPolicy } from './policy.js';

/**
 * What a token may be used for. There is one scope today: reading the public endpoints under the
 * token holders' own, higher rate limit. Bridges keeps no contact detail that members agreed to
 * share with partners only, so there is no scope for one (a `read:members` scope would come with
 * such a field, and with endpoints that need it).
 */
export const API_SCOPES = ['read:public'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Every token starts so: a reader (or a secret scanner) can tell what it is. */
export const TOKEN_PREFIX = 'bridges_';
/** How long a token's last use may be out of date: a busy integration does not write at every request. */
const LAST_USED_EVERY_MS = 60_000;

const today = () => new Date().toISOString().slice(0, 10);

/** The token form: a name to recognise it by, its scopes, and the day it stops working (none: it lasts until revoked). */
export const tokenBody = z.object({
  name: field.text({ max: 100 }),
  scopes: field.many(API_SCOPES).refine((s) => s.length > 0, { message: 'api.tokens.errors.scopes' }),
  expires: field.optionalDate().refine((d) => !d || d > today(), { message: 'api.tokens.errors.expiryPast' }),
});
export type TokenInput = z.output<typeof tokenBody>;

/** Manage tokens: only the Secretariat (the token page's routes call this first). */
export function requireTokenAdmin(actor: MaybeActor): void {
  authorize(apiPolicy.manageTokens(actor), 'api.tokens');
}

export type CreateResult = { ok: true; id: string; token: string } | { ok: false; repeat: true };

/**
 * A new token for an integration. The token is returned once, to be shown once; the database keeps
 * only its SHA-256. A form sent twice (double click, reload) makes no second token.
 */
export async function createApiToken(db: Db, actor: MaybeActor, input: TokenInput, opts: { ip?: string; onceKey?: unknown } = {}): Promise<CreateResult> {
  requireTokenAdmin(actor);
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, opts.onceKey)) !== null) return { ok: false, repeat: true } as const;
    const token = `${TOKEN_PREFIX}${newToken()}`;
    const expiresAt = input.expires ? new Date(`${input.expires}T00:00:00Z`) : null;
    const [row] = await tx
      .insert(apiTokens)
      .values({ name: input.name, tokenHash: hashToken(token), scopes: [...input.scopes], createdBy: actor!.id, expiresAt })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, actor, { action: 'api.token.create', targetType: 'api_token', targetId: row!.id, after: { name: input.name, scopes: input.scopes, expiresAt }, ip: opts.ip });
    return { ok: true, id: row!.id, token } as const;
  });
}

export interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Every token, newest first, revoked and expired ones too (never the token itself: it is not kept). */
export async function listApiTokens(db: Executor, actor: MaybeActor): Promise<TokenRow[]> {
  requireTokenAdmin(actor);
  const creator = alias(users, 'creator');
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      createdBy: creator.name,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(creator, eq(creator.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes a token at once: its next request is refused (401). 'unchanged' when it was revoked already or does not exist. */
export async function revokeApiToken(db: Db, actor: MaybeActor, id: string, ip?: string): Promise<'revoked' | 'unchanged'> {
  requireTokenAdmin(actor);
  if (!z.uuid().safeParse(id).success) return 'unchanged';
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for('update');
    if (!row || row.revokedAt) return 'unchanged';
    const now = new Date();
    await tx.update(apiTokens).set({ revokedAt: now, revokedBy: actor!.id }).where(eq(apiTokens.id, id));
    await recordAudit(tx, actor, { action: 'api.token.revoke', targetType: 'api_token', targetId: id, before: { name: row.name, scopes: row.scopes }, after: { revokedAt: now }, ip });
    return 'revoked' as const;
  });
}

export type TokenCheck = { ok: true; id: string; name: string; scopes: string[] } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

/**
 * Who holds the token sent with an API request, looked up by its SHA-256 (equal hashes: nothing to
 * compare again); refused when revoked or past its expiry. Notes its use, at most once a minute.
 */
export async function tokenHolder(db: Db, presented: string, now = new Date()): Promise<TokenCheck> {
  if (!presented.startsWith(TOKEN_PREFIX) || presented.length > 200) return { ok: false, reason: 'unknown' };
  const hash = hashToken(presented);
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hash));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revokedAt) return { ok: false, reason: 'revoked' };
  if (row.expiresAt && row.expiresAt <= now) return { ok: false, reason: 'expired' };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { ok: true, id: row.id, name: row.name, scopes: row.scopes };
}
