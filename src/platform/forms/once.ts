import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { formSubmissions } from './schema.js';

/**
 * Double-submit guard. Every rendered form carries a random `_once` key; the first submission
 * claims it inside the service transaction and records where it led. A repeat (double click,
 * reload, resend) gets that result back instead of doing the work twice.
 * Returns null for the first submission, or the first submission's result for a repeat.
 */
export async function claimSubmission(tx: Executor, key: unknown): Promise<string | null> {
  if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(key)) return null;
  const inserted = await tx.insert(formSubmissions).values({ key }).onConflictDoNothing().returning({ key: formSubmissions.key });
  if (inserted.length) return null;
  const [row] = await tx.select({ result: formSubmissions.result }).from(formSubmissions).where(eq(formSubmissions.key, key));
  return row?.result ?? '';
}

export async function recordSubmissionResult(tx: Executor, key: unknown, result: string): Promise<void> {
  if (typeof key !== 'string') return;
  await tx.update(formSubmissions).set({ result }).where(eq(formSubmissions.key, key));
}
