import { desc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../policy.js';
import { recordAudit } from '../audit/service.js';
import { auditLog } from '../audit/schema.js';
import { getSetting, setSetting } from '../settings/service.js';
import type { FormState } from '../forms/validate.js';
import type { FileStore } from '../files/storage.js';
import { privacyPolicy } from './policy.js';
import { registeredPersonalData, type DataKind, type Retention } from './service.js';

/**
 * How long each kind of personal data is kept (docs/decisions/021). Modules declare their kinds
 * with a default period and the purge that ends it; the Secretariat may change each period within
 * its bounds (one setting, `privacy.retention`: kind → days); a nightly job deletes or anonymises
 * what is older, in bounded batches, and records how many rows of each kind went.
 */

export const RETENTION_SETTING = 'privacy.retention';
export const PURGE_JOB = 'privacy.purge';
export const PURGE_AUDIT = 'privacy.retention.purge';
/** Rows per transaction, and transactions per kind and night: what is left goes the next night. */
export const PURGE_BATCH = 500;
export const PURGE_MAX_BATCHES = 200;

const DAY_MS = 86_400_000;

export type TimedKind = DataKind & { retention: Retention };

/** Every kind with a period the Secretariat may change, with its module, in module order. */
export function timedKinds(): { module: string; kind: TimedKind }[] {
  return registeredPersonalData().flatMap((m) => (m.personalData.kinds ?? []).flatMap((k) => (k.retention ? [{ module: m.name, kind: k as TimedKind }] : [])));
}

/** The period of each kind now, in days: the Secretariat's, else the module's default (always within the kind's bounds). */
export async function retentionDays(db: Executor): Promise<Record<string, number>> {
  const saved = (await getSetting<Record<string, number>>(db, RETENTION_SETTING)) ?? {};
  const out: Record<string, number> = {};
  for (const { kind } of timedKinds()) {
    const r = kind.retention;
    const v = saved[kind.kind];
    out[kind.kind] = typeof v === 'number' && Number.isInteger(v) && v >= r.minDays && v <= r.maxDays ? v : r.defaultDays;
  }
  return out;
}

/** A kind's field on the settings form (its key has a dot, which a form field name had better not). */
export const retentionField = (kind: string) => kind.replace(/[^A-Za-z0-9]/g, '_');

export interface RetentionRow {
  module: string;
  kind: string;
  label: string;
  then: Retention['then'];
  days: number;
  defaultDays: number;
  minDays: number;
  maxDays: number;
}

export interface RetentionView {
  rows: RetentionRow[];
  /** The latest nightly purge: when, and rows per kind (none when nothing was ever purged). */
  lastPurge: { at: Date; counts: Record<string, number> } | null;
}

/** The Secretariat's retention page: each kind with its period now and its bounds, and what the last purge did. */
export async function retentionView(db: Executor, actor: MaybeActor): Promise<RetentionView> {
  requireRetentionAdmin(actor);
  const days = await retentionDays(db);
  const rows = timedKinds().map(({ module, kind }) => ({
    module,
    kind: kind.kind,
    label: kind.label,
    then: kind.retention.then,
    days: days[kind.kind]!,
    defaultDays: kind.retention.defaultDays,
    minDays: kind.retention.minDays,
    maxDays: kind.retention.maxDays,
  }));
  const [last] = await db.select({ at: auditLog.at, after: auditLog.after }).from(auditLog).where(eq(auditLog.action, PURGE_AUDIT)).orderBy(desc(auditLog.id)).limit(1);
  return { rows, lastPurge: last ? { at: last.at, counts: ((last.after as { counts?: Record<string, number> } | null)?.counts ?? {}) } : null };
}

/** Opens the retention pages (before anything else is read from the request). */
export function requireRetentionAdmin(actor: MaybeActor): void {
  authorize(privacyPolicy.manageRetention(actor), 'privacy.retention');
}

/** Reads the settings form: a whole number of days within each kind's bounds, or the form again with a message beside each wrong field. */
export function readRetentionForm(body: unknown): { ok: true; days: Record<string, number> } | { ok: false; state: FormState } {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  const errors: FormState['errors'] = [];
  const days: Record<string, number> = {};
  for (const { kind } of timedKinds()) {
    const field = retentionField(kind.kind);
    const typed = typeof raw[field] === 'string' ? (raw[field] as string).trim() : '';
    values[field] = typed;
    const n = /^\d{1,6}$/.test(typed) ? Number(typed) : NaN;
    const { minDays: min, maxDays: max } = kind.retention;
    if (!typed) errors.push({ field, key: 'form.errors.required' });
    else if (!(n >= min && n <= max)) errors.push({ field, key: 'privacy.retention.errors.range', values: { min, max } });
    else days[kind.kind] = n;
  }
  return errors.length ? { ok: false, state: { values, errors } } : { ok: true, days };
}

/** Saves the periods; audited (`privacy.retention`) with the periods that changed, before and after. Returns how many changed. */
export async function saveRetention(db: Db, actor: MaybeActor, days: Record<string, number>, ip?: string): Promise<number> {
  requireRetentionAdmin(actor);
  return db.transaction(async (tx) => {
    const now = await retentionDays(tx);
    const before: Record<string, number> = {};
    const after: Record<string, number> = {};
    for (const [kind, d] of Object.entries(days)) {
      if (!(kind in now) || now[kind] === d) continue;
      before[kind] = now[kind]!;
      after[kind] = d;
    }
    if (!Object.keys(after).length) return 0;
    await setSetting(tx, RETENTION_SETTING, { ...now, ...after });
    await recordAudit(tx, actor, { action: 'privacy.retention', targetType: 'setting', targetId: RETENTION_SETTING, before, after, ip });
    return Object.keys(after).length;
  });
}

/**
 * The nightly purge: for each kind, what is older than its period goes, a batch per transaction
 * (files removed after each commit), at most `maxBatches` batches a night. One audit record
 * (`privacy.retention.purge`, no actor) says how many rows of each kind went, when any did.
 * Returns the counts.
 */
export async function purgeExpiredData(db: Db, opts: { now?: Date; files?: Pick<FileStore, 'remove'>; batch?: number; maxBatches?: number } = {}): Promise<Record<string, number>> {
  const now = opts.now ?? new Date();
  const batch = opts.batch ?? PURGE_BATCH;
  const days = await retentionDays(db);
  const counts: Record<string, number> = {};
  for (const { kind } of timedKinds()) {
    const olderThan = new Date(now.getTime() - days[kind.kind]! * DAY_MS);
    let total = 0;
    for (let i = 0; i < (opts.maxBatches ?? PURGE_MAX_BATCHES); i++) {
      const files: string[] = [];
      const n = await db.transaction((tx) => kind.retention.purge(tx, olderThan, { limit: batch, removeFile: (key) => files.push(key) }));
      for (const key of files) await opts.files?.remove(key).catch(() => {});
      total += n;
      if (n < batch) break;
    }
    if (total) counts[kind.kind] = total;
  }
  if (Object.keys(counts).length) await recordAudit(db, null, { action: PURGE_AUDIT, targetType: 'retention', targetId: now.toISOString().slice(0, 10), after: { counts } });
  return counts;
}

/** One kind as the privacy page says it: what, why, and how long (a period in days, or a message key). */
export interface DeclaredKind {
  kind: string;
  label: string;
  purpose: string;
  days?: number;
  then?: Retention['then'];
  kept?: string;
}

/** What every module keeps about people, for the privacy page: kinds by module, each with its period now. */
export async function privacyDeclarations(db: Executor): Promise<{ module: string; kinds: DeclaredKind[] }[]> {
  const days = await retentionDays(db);
  return registeredPersonalData()
    .filter((m) => m.personalData.kinds?.length)
    .map((m) => ({
      module: m.name,
      kinds: m.personalData.kinds!.map((k) => ({ kind: k.kind, label: k.label, purpose: k.purpose, kept: k.kept, ...(k.retention ? { days: days[k.kind], then: k.retention.then } : {}) })),
    }));
}
