import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { privateLinks } from './schema.js';

/** A new private link to a thing; returns the token to put in a URL (it is not stored). */
export async function issueLink(tx: Executor, kind: string, subjectId: string, purpose: string): Promise<string> {
  const token = newToken();
  await tx.insert(privateLinks).values({ tokenHash: hashToken(token), kind, subjectId, purpose });
  return token;
}

/** The id of the thing a token opens for that purpose, or null. */
export async function resolveLink(db: Executor, token: string, kind: string, purpose: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({ id: privateLinks.subjectId })
    .from(privateLinks)
    .where(and(eq(privateLinks.tokenHash, hashToken(token)), eq(privateLinks.kind, kind), eq(privateLinks.purpose, purpose)));
  return row?.id ?? null;
}

/** Deletes every private link to these things (erasure): whoever holds one can no longer open them. */
export async function revokeLinks(tx: Executor, kind: string, subjectIds: string[]): Promise<void> {
  if (subjectIds.length) await tx.delete(privateLinks).where(and(eq(privateLinks.kind, kind), inArray(privateLinks.subjectId, subjectIds)));
}
