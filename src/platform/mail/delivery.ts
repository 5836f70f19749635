import { eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/client.js';
import { outbox } from './schema.js';
import { backoffSeconds, claimDue } from '../jobs/claim.js';

export const MAX_MAIL_ATTEMPTS = 8;

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

type OutboxRow = {
  id: number;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: string; cid?: string }[];
  attempts: number;
};

/** True for SMTP answers that will not change on retry (5xx): the address or message is refused for good. */
export function isPermanentFailure(err: unknown): boolean {
  const code = (err as { responseCode?: number })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends the due mail once through SMTP. Temporary failures (4xx, connection errors) are retried
 * with backoff; permanent ones (5xx) and the last attempt mark the message failed.
 */
export async function deliverDueMail(db: Db, transport: Transporter, from: string, limit = 20): Promise<{ sent: number; failed: number; retried: number }> {
  const claimed = await claimDue<OutboxRow>(db, 'outbox', 'sending', limit, 120);
  const tally = { sent: 0, failed: 0, retried: 0 };
  for (const m of claimed) {
    try {
      await transport.sendMail({
        from,
        to: m.to_address,
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: m.headers,
        attachments: (m.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, 'base64'), cid: a.cid })),
      });
      await db.update(outbox).set({ status: 'sent', sentAt: sql`now()`, lockedUntil: null, lastError: null }).where(eq(outbox.id, m.id));
      tally.sent++;
    } catch (err) {
      const final = isPermanentFailure(err) || m.attempts >= MAX_MAIL_ATTEMPTS;
      await db
        .update(outbox)
        .set({
          status: final ? 'failed' : 'pending',
          lastError: String((err as Error)?.message ?? err).slice(0, 2000),
          runAt: sql`now() + make_interval(secs => ${backoffSeconds(m.attempts)})`,
          lockedUntil: null,
        })
        .where(eq(outbox.id, m.id));
      if (final) tally.failed++;
      else tally.retried++;
    }
  }
  return tally;
}
