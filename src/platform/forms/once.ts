import type { Executor } from '../../db/client.js';
import { formSubmissions } from './schema.js';

/**
 * Double-submit guard. Every rendered form carries a random `_once` key; the first submission
 * claims it inside the service transaction. A repeat (double click, reload, resend) is told so
 * and does not do the work twice.
 * Returns null for the first submission, a string for a repeat.
 */
export async function claimSubmission(tx: Executor, key: unknown): Promise<string | null> {
  if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(key)) return null;
  const inserted = await tx.insert(formSubmissions).values({ key }).onConflictDoNothing().returning({ key: formSubmissions.key });
  return inserted.length ? null : 'repeat';
}

