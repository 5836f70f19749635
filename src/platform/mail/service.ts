import { and, desc, eq, ilike, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { authorize, platformPolicy, type MaybeActor } from '../policy.js';
import { escapeLike, recordAudit } from '../audit/service.js';
import { setSetting } from '../settings/service.js';
import { inboundMail, outbox } from './schema.js';
import { UNSOLICITED_LIMIT_SETTING, unsolicitedLimit } from './outbox.js';

export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export const MAILBOX_PAGE_SIZE = 50;

export interface MailboxFilter {
  status?: (typeof MAIL_STATUSES)[number];
  to?: string;
  page: number;
}

/** The Secretariat's view of the outbox: what was sent, what waits, what failed. */
export async function listMailbox(db: Executor, actor: MaybeActor, f: MailboxFilter) {
  authorize(platformPolicy.readMailbox(actor), 'mailbox.read');
  const where: SQL[] = [];
  if (f.status) where.push(eq(outbox.status, f.status));
  if (f.to) where.push(ilike(outbox.toAddress, `%${escapeLike(f.to)}%`));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [{ count }]] = await Promise.all([
    db
      .select({
        id: outbox.id,
        toAddress: outbox.toAddress,
        subject: outbox.subject,
        template: outbox.template,
        status: outbox.status,
        attempts: outbox.attempts,
        createdAt: outbox.createdAt,
        sentAt: outbox.sentAt,
        lastError: outbox.lastError,
      })
      .from(outbox)
      .where(cond)
      .orderBy(desc(outbox.id))
      .limit(MAILBOX_PAGE_SIZE)
      .offset((f.page - 1) * MAILBOX_PAGE_SIZE),
    db.select({ count: sql<number>`count(*)::int` }).from(outbox).where(cond),
  ]);
  return { rows, total: count };
}

export async function readMail(db: Executor, actor: MaybeActor, id: number) {
  authorize(platformPolicy.readMailbox(actor), 'mailbox.read');
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row ?? null;
}

/** The Secretariat sets how many e-mails anyone can cause to one address per hour (sign-in links, confirmations). Audited. */
export async function setUnsolicitedLimit(db: Db, actor: MaybeActor, limit: number, ip?: string): Promise<void> {
  authorize(platformPolicy.manageMailSettings(actor), 'mail.settings');
  await db.transaction(async (tx) => {
    const before = await unsolicitedLimit(tx);
    await setSetting(tx, UNSOLICITED_LIMIT_SETTING, limit);
    await recordAudit(tx, actor, { action: 'mail.settings', targetType: 'setting', targetId: UNSOLICITED_LIMIT_SETTING, before: { limit: before }, after: { limit }, ip });
  });
}

/** How long the record of a received message is kept: long enough to see a second delivery and to count a sender's messages, no longer (it holds an address). */
export const INBOUND_RECORD_DAYS = 30;

/** Drops the records of messages received more than INBOUND_RECORD_DAYS ago (the daily clean-up). */
export async function purgeInboundMailRecords(db: Executor, now = new Date()): Promise<number> {
  const rows = await db.delete(inboundMail).where(lt(inboundMail.receivedAt, new Date(now.getTime() - INBOUND_RECORD_DAYS * 86_400_000))).returning({ id: inboundMail.id });
  return rows.length;
}
