import { and, count, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { authorize, type MaybeActor } from '../policy.js';
import { recordAudit } from '../audit/service.js';
import { auditLog } from '../audit/schema.js';
import { privacyPolicy } from './policy.js';
import { findPerson, registeredPersonalData } from './service.js';

/**
 * A person's data, everywhere, as one JSON document (docs/decisions/021): each module's `export`
 * gives the rows about the person from its own tables, read in one transaction. A person downloads
 * their own from their account page; the Secretariat makes one for a person on request. Both are
 * audited (`privacy.export`), which also counts a person's own downloads: a download reads every
 * module, so a person may make EXPORTS_PER_HOUR an hour, whichever instance they reach.
 */

export const EXPORT_AUDIT = 'privacy.export';
export const EXPORTS_PER_HOUR = 5;

export interface PersonExport {
  exportedAt: string;
  person: { name: string; email: string };
  /** Module → list name → rows. */
  data: Record<string, Record<string, unknown[]>>;
}

export type ExportResult = { ok: true; export: PersonExport } | { ok: false; reason: 'unknown' | 'too-many' };

async function exportFor(db: Db, actor: MaybeActor, userId: string, opts: { self: boolean; ip?: string; now?: Date }): Promise<ExportResult> {
  const modules = registeredPersonalData();
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    if (opts.self) {
      const since = new Date(now.getTime() - 3_600_000);
      const [{ n }] = await tx
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.action, EXPORT_AUDIT), eq(auditLog.actorId, actor!.id), eq(auditLog.targetId, userId), gt(auditLog.at, since)));
      if (n >= EXPORTS_PER_HOUR) return { ok: false, reason: 'too-many' } as const;
    }
    const person = await findPerson(tx, modules, { userId });
    if (!person) return { ok: false, reason: 'unknown' } as const;
    const data: PersonExport['data'] = {};
    let rows = 0;
    for (const m of modules) {
      if (!m.personalData.export) continue;
      const lists = await m.personalData.export(tx, person);
      data[m.name] = lists;
      for (const list of Object.values(lists)) rows += list.length;
    }
    const account = (data.privacy?.account?.[0] ?? {}) as { name?: string; email?: string };
    await recordAudit(tx, actor, { action: EXPORT_AUDIT, targetType: 'user', targetId: userId, after: { self: opts.self, rows }, ip: opts.ip });
    return { ok: true, export: { exportedAt: now.toISOString(), person: { name: account.name ?? '', email: account.email ?? '' }, data } } as const;
  });
}

/** The signed-in person's own data. The route takes no id: nobody can ask for someone else's here. */
export async function downloadOwnData(db: Db, actor: MaybeActor, opts: { ip?: string; now?: Date } = {}): Promise<ExportResult> {
  authorize(privacyPolicy.downloadOwnData(actor), 'privacy.download');
  return exportFor(db, actor, actor!.id, { ...opts, self: true });
}

/** A person's data, made by the Secretariat on their request. */
export async function exportPersonData(db: Db, actor: MaybeActor, userId: string, opts: { ip?: string; now?: Date } = {}): Promise<ExportResult> {
  authorize(privacyPolicy.exportPersonData(actor), 'privacy.export');
  if (!z.uuid().safeParse(userId).success) return { ok: false, reason: 'unknown' };
  return exportFor(db, actor, userId, { ...opts, self: false });
}

/** The file's name: the day it was made, and whose it is when the Secretariat made it. */
export function exportFileName(e: PersonExport, self: boolean): string {
  const day = e.exportedAt.slice(0, 10);
  if (self) return `my-data-${day}.json`;
  const who = e.person.email.split('@')[0]!.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40) || 'person';
  return `data-${who}-${day}.json`;
}
