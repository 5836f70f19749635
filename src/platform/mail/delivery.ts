import { eq, sql } from 'drizzle-orm';
import { connect, type Socket } from 'node:net';
import { lazyPackage } from '../lazy.js';
import type nodemailerType from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Db } from '../../db/client.js';
import { outbox } from './schema.js';
import { backoffSeconds, claimDue } from '../jobs/claim.js';
import { PRIORITY_BULK } from './outbox.js';

export const MAX_MAIL_ATTEMPTS = 8;

/** Loaded when the first mail is sent: without SMTP_URL an instance never needs it. */
const nodemailer = lazyPackage<typeof nodemailerType>('nodemailer');

/**
 * Opens the TCP connection to the mail server ourselves, to turn off Nagle's algorithm: nodemailer
 * writes the end of each message in small pieces, and with Nagle plus the server's delayed ACKs
 * every message waited ~40 ms (20 messages per second per connection instead of 500).
 * Without Nagle, each of those pieces would be a system call and a packet of its own (a third of
 * the newsletter's time went there), so what is written in one turn of the event loop goes out
 * together (cork, then uncork at the next turn). nodemailer still does STARTTLS or implicit TLS
 * over this socket.
 */
function noDelaySocket(options: { host?: string; port?: number }, callback: (err: Error | null, socket?: { connection: Socket }) => void) {
  const socket = connect(options.port ?? 587, options.host ?? 'localhost', () => callback(null, { connection: socket }));
  socket.setNoDelay(true);
  const write = socket.write;
  let corked = false;
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (!corked) {
      corked = true;
      this.cork();
      setImmediate(() => {
        corked = false;
        this.uncork();
      });
    }
    return write.apply(this, args);
  } as Socket['write'];
  socket.once('error', (err) => callback(err));
}

/**
 * How a message body is best encoded, by nodemailer's own rule (more Latin letters than other
 * characters: quoted-printable, else base64). nodemailer applies it to every message by scanning
 * the body; a bulk sender works it out once per text and passes it with each message.
 */
export function textEncodingFor(body: string): 'quoted-printable' | 'base64' {
  const latin = body.match(/[a-z]/gi)?.length ?? 0;
  const other = body.match(/[\x00-\x08\x0B\x0C\x0E-\x1F\u0080-\uFFFF]/g)?.length ?? 0;
  return other < latin ? 'quoted-printable' : 'base64';
}

/** nodemailer options from SMTP_URL (smtp[s]://user:pass@host:port?option=value), with our socket. */
function smtpOptions(smtpUrl: string, extra: Record<string, unknown> = {}) {
  const u = new URL(smtpUrl);
  const secure = u.protocol === 'smtps:';
  const query = Object.fromEntries([...u.searchParams].map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v]));
  return {
    host: u.hostname,
    port: Number(u.port) || (secure ? 465 : 587),
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    ...query,
    ...extra,
    getSocket: noDelaySocket,
  };
}

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer().createTransport(smtpOptions(smtpUrl));
}

/** One message ready to go: every part rendered, headers set. */
export interface Message {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** Set for bulk mail: the same message sent again after a crash carries the same id, so mailboxes show it once. */
  messageId?: string;
  /** The body's encoding when the sender knows it (textEncodingFor); else nodemailer works it out. */
  textEncoding?: 'quoted-printable' | 'base64';
  attachments?: { filename: string; contentType: string; content: string; cid?: string }[];
}

/** Hands one message to the SMTP server; resolves when the server accepted it (250), rejects with its answer. */
export async function sendMessage(transport: Transporter, from: string, m: Message): Promise<void> {
  await transport.sendMail({
    from,
    to: m.to,
    subject: m.subject,
    html: m.html,
    text: m.text,
    headers: m.headers,
    messageId: m.messageId,
    textEncoding: m.textEncoding,
    attachments: (m.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, 'base64'), cid: a.cid })),
  });
}

/** Sends bulk mail: `send` resolves when a message is accepted and rejects with the server's answer. */
export interface BulkMailContext {
  db: Db;
  baseUrl: string;
  /** The server's secret, for signed links in each message. */
  secret: string;
  /** This worker's id: the holder of a sending lease. */
  holder: string;
  mailFrom: string;
  send(m: Message): Promise<void>;
}
/** One bounded slice of bulk sending; null when there was nothing to send, else when to come back. */
export type BulkMailer = (ctx: BulkMailContext) => Promise<{ sent: number; waitMs: number } | null>;

/**
 * Where bulk mail goes: through a pool of SMTP connections when SMTP is configured; otherwise into
 * the outbox at bulk priority, where the Secretariat reads it at the Mailbox like all other mail.
 */
export function createBulkSender(db: Db, smtpUrl: string | undefined, from: string): { send: (m: Message) => Promise<void>; close: () => void } {
  if (!smtpUrl) {
    return {
      send: async (m) => {
        await db.insert(outbox).values({ toAddress: m.to, locale: '', template: 'bulk', subject: m.subject, html: m.html, text: m.text, headers: { ...m.headers, 'Message-ID': m.messageId ?? '' }, priority: PRIORITY_BULK });
      },
      close: () => {},
    };
  }
  const pool = nodemailer().createTransport(smtpOptions(smtpUrl, { pool: true, maxConnections: Number(new URL(smtpUrl).searchParams.get('maxConnections') ?? 5), maxMessages: Infinity }));
  return { send: (m) => sendMessage(pool, from, m), close: () => pool.close() };
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
      await sendMessage(transport, from, { to: m.to_address, subject: m.subject, html: m.html, text: m.text, headers: m.headers, attachments: m.attachments });
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
