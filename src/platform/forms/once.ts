import type { Db, Executor } from '../../db/client.js';
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

export interface Repeat {
  repeat: true;
}

/**
 * A change made once per form: the form's one-time key (`_once`) is claimed in the change's own
 * transaction, so a double click or a resent form (a publication's step, an invitation, a new
 * version, a translation, a call) does it once, and the repeat is told so. A refusal after the claim keeps the
 * key used: the form comes back with a new one.
 */
export async function onceOnly<T extends object>(db: Db, onceKey: unknown, change: (db: Db) => Promise<T>): Promise<T | Repeat> {
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, onceKey)) !== null) return { repeat: true } as const;
    return change(tx as unknown as Db);
  });
}

export const isRepeat = (r: object): r is Repeat => 'repeat' in r && (r as Repeat).repeat === true;
