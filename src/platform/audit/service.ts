import { and, desc, eq, gte, ilike, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog } from './schema.js';
import { authorize, platformPolicy, type MaybeActor } from '../policy.js';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  ip?: string;
}

/** Write an audit record in the caller's transaction, so it exists exactly when the change does. */
export async function recordAudit(tx: Executor, actor: MaybeActor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor?.id ?? null,
    actorEmail: actor?.email ?? '',
    action: entry.action,
    targetType: entry.targetType ?? '',
    targetId: entry.targetId ?? '',
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? '',
  });
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  targetType?: string;
  from?: Date;
  to?: Date;
  page: number;
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(db: Executor, actor: MaybeActor, f: AuditFilter) {
  authorize(platformPolicy.readAuditLog(actor), 'audit.read');
  const where: SQL[] = [];
  if (f.action) where.push(ilike(auditLog.action, `${escapeLike(f.action)}%`));
  if (f.actor) where.push(ilike(auditLog.actorEmail, `%${escapeLike(f.actor)}%`));
  if (f.targetType) where.push(eq(auditLog.targetType, f.targetType));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lt(auditLog.at, f.to));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [{ count }]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(cond)
      .orderBy(desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((f.page - 1) * AUDIT_PAGE_SIZE),
    db.select({ count: sql<number>`count(*)::int` }).from(auditLog).where(cond),
  ]);
  return { rows, total: count };
}

export async function auditTargetTypes(db: Executor): Promise<string[]> {
  const rows = await db.selectDistinct({ t: auditLog.targetType }).from(auditLog).orderBy(auditLog.targetType);
  return rows.map((r) => r.t).filter(Boolean);
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
