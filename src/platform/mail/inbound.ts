import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, count, eq, gte, inArray, sql } from 'drizzle-orm';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import EmailReplyParser from 'email-reply-parser';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Tx } from '../../db/client.js';
import type { Locale } from '../i18n/locales.js';
import { inboundMail } from './schema.js';
import { queueMail } from './outbox.js';
import { replyEmptyMail, replyExpiredMail } from './inbound-emails.js';
import { checkPurposes, isReplyRecipient, readReplyAddress, type ReplyAddressStatus } from './reply-tokens.js';

/**
 * Replies by e-mail. People answer an e-mail sent with a reply address (reply-tokens.ts); the
 * organisation's mail server passes those messages on to this listener, which reads each one,
 * keeps the reply's own text and hands it to the module that made the address (its handler, by
 * the address's purpose), in one database transaction with a row in `inbound_mail`.
 *
 * What the sender's mail server hears:
 *   250  taken in: handed to the handler, or answered by e-mail (expired address, no text), or a
 *        second delivery of a message already taken in, or an automatic reply (ignored);
 *   550  unknown address, or a genuine address replied to from another address: refused without
 *        an e-mail back, as the sender may be forged (no mail to strangers);
 *   552  larger than the limit; 554 not readable as a message;
 *   452  a second recipient in one message: each reply address gets its own copy;
 *   451  try again later: the sender's hourly limit is reached (their server retries, so nothing
 *        they wrote is lost and we send no mail about it), or the handler failed.
 * Addresses other than reply+…@domain are refused (550) before the message is sent.
 */

/** A reply as its handler receives it. */
export interface InboundReply {
  /** The reference the reply address was made for. */
  ref: string;
  /** The sender, lower-cased: the address the reply address was made for. */
  from: string;
  /** The recipient's language, from the reply address. */
  locale: Locale;
  /** The reply's own text: quoted text and signature removed, trimmed; never empty. */
  text: string;
  subject: string;
  /** Files attached to the reply, which are not read: the handler can say so in its confirmation. */
  attachmentsIgnored: number;
  /** The message's Message-ID (or a hash of the message when it had none). */
  messageId: string;
  /** The site's address, for links in the e-mail the handler writes back. */
  baseUrl: string;
}

/** What a handler made of a reply: ok (detail: e.g. the comment's id), or refused with the reason (the handler sends its own explanation). */
export type InboundResult = { ok: true; detail?: string } | { ok: false; reason: string };

/**
 * What a module registers for one purpose of reply addresses (its manifest's `inboundMail`). It
 * runs in the transaction that records the message, and queues its own confirmation e-mail in it.
 * Throwing rolls everything back and the sender's server is asked to try again later. With
 * `webUrl` (set with Object.assign on the function), the e-mail about an expired address points
 * to the page where the person can comment instead of the site's home page.
 */
export interface InboundHandler {
  (tx: Tx, reply: InboundReply): Promise<InboundResult>;
  webUrl?: (tx: Tx, target: { ref: string; locale: Locale; baseUrl: string }) => Promise<string | null | undefined>;
}

/** The handlers of every module by purpose; throws when two modules claim the same purpose. */
export function inboundHandlersOf(manifests: readonly { name: string; inboundMail?: Record<string, InboundHandler> }[]): Record<string, InboundHandler> {
  const handlers: Record<string, InboundHandler> = {};
  const owner = new Map<string, string>();
  for (const m of manifests) {
    for (const [purpose, handler] of Object.entries(m.inboundMail ?? {})) {
      if (owner.has(purpose)) throw new Error(`Modules ${owner.get(purpose)} and ${m.name} both handle replies for "${purpose}"`);
      owner.set(purpose, m.name);
      handlers[purpose] = handler;
    }
  }
  return handlers;
}

/** The largest message taken in (the SIZE the listener announces): a reply's text is small, and attachments are not read. */
export const DEFAULT_INBOUND_MAX_BYTES = 512 * 1024;
/** How many replies one address may send in an hour before its messages are deferred (451). */
export const DEFAULT_REPLIES_PER_SENDER_PER_HOUR = 20;
/** The most characters of a reply's text searched for quotes and signatures: the search slows down sharply on long, crafted text. */
const MAX_TEXT_CHARS = 100_000;

/** What the listener needs: the database, the handlers by purpose, the secret and domain of reply addresses, where to listen. */
export interface InboundSmtpOptions {
  db: Db;
  handlers: Record<string, InboundHandler>;
  /** The server's secret, which signed the reply addresses. */
  secret: string;
  /** The domain of reply addresses; also the name the listener gives itself. */
  domain: string;
  /** The site's address: where the e-mail about an expired address sends people when the handler gives no page. */
  baseUrl: string;
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  maxBytes?: number;
  perSenderPerHour?: number;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
}

/** A running listener. */
export interface InboundSmtp {
  /** The port it listens on. */
  port: number;
  /** Stops taking connections and waits for the messages being handled. */
  stop(): Promise<void>;
}

/** What to answer the sending server when its message has been read. */
interface Answer {
  code: number;
  text: string;
}

const ANSWERS = {
  accepted: { code: 250, text: 'OK: thank you, your reply was received' },
  duplicate: { code: 250, text: 'OK: this message was already received' },
  unknown: { code: 550, text: 'Sorry, this reply address is not known here. Please comment on the website instead.' },
  wrongSender: { code: 550, text: 'Sorry, replies to this address are accepted only from the address the e-mail was sent to.' },
  unreadable: { code: 554, text: 'Sorry, this message could not be read.' },
  rateLimited: { code: 451, text: 'Too many replies from this address in the last hour; please try again later.' },
  failed: { code: 451, text: 'Sorry, your reply could not be handled just now; please try again later.' },
} satisfies Record<string, Answer>;

/** Outcomes counted against a sender's hourly limit: every message from a genuine address that was acted on or answered. */
const COUNTED_OUTCOMES = ['accepted', 'expired', 'empty', 'refused'];

/**
 * Starts the listener for replies by e-mail. It has no sign-in and no TLS of its own: it is meant
 * to sit on a private network behind the organisation's mail server, which receives mail from the
 * Internet (with TLS, spam and sender checks) and passes on what is addressed to reply+…@domain.
 * Do not expose its port to the Internet.
 */
export async function startInboundSmtp(opts: InboundSmtpOptions): Promise<InboundSmtp> {
  checkPurposes(Object.keys(opts.handlers));
  const maxBytes = opts.maxBytes ?? DEFAULT_INBOUND_MAX_BYTES;
  const inFlight = new Set<Promise<unknown>>();
  const server = new SMTPServer({
    name: opts.domain,
    banner: 'Bridges: replies by e-mail',
    size: maxBytes,
    rejectOversized: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 5_000,
    onRcptTo(address, session, callback) {
      if (!isReplyRecipient(address.address, opts.domain)) return callback(smtpError(550, 'No such mailbox here'));
      // One reply address per message: each is its own reply. The sending server sends the message again for the next one.
      if (session.envelope.rcptTo.length > 0) return callback(smtpError(452, 'One recipient per message, please; send again for the next'));
      callback();
    },
    onData(stream, session, callback) {
      readAll(stream, (raw) => {
        if (stream.sizeExceeded) return callback(smtpError(552, `Sorry, this message is larger than ${Math.round(maxBytes / 1024)} KB; please reply without attachments`));
        const work = receive(opts, raw, session).then(
          (a) => (a.code === 250 ? callback(null, a.text) : callback(smtpError(a.code, a.text))),
          (err) => {
            opts.log.error({ err }, 'inbound mail: a message could not be handled');
            callback(smtpError(ANSWERS.failed.code, ANSWERS.failed.text));
          },
        );
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      });
    },
  });
  // Without a listener, a client's broken connection would be thrown as an uncaught error.
  server.on('error', (err) => opts.log.warn({ err }, 'inbound mail: connection error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Collects the message, keeping nothing past the size limit (the data is still read to its end). */
function readAll(stream: SMTPServerDataStream, done: (raw: Buffer) => void): void {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => {
    if (!stream.sizeExceeded) chunks.push(chunk);
  });
  stream.on('end', () => done(Buffer.concat(chunks)));
}

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

/** Reads one message and acts on it in one transaction; resolves with the answer for the sending server. */
async function receive(opts: InboundSmtpOptions, raw: Buffer, session: SMTPServerSession): Promise<Answer> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (err) {
    opts.log.warn({ err }, 'inbound mail: a message could not be parsed');
    return ANSWERS.unreadable;
  }
  const recipient = session.envelope.rcptTo[0]?.address ?? '';
  const sender = senderOf(mail, session);
  const read = readReplyAddress(opts.secret, recipient, sender.address, new Date(), Object.keys(opts.handlers));
  const token: ReplyAddressStatus = sender.mismatch && read.status !== 'unknown' ? { status: 'wrong-sender', purpose: read.purpose } : read;
  const purpose = token.status === 'unknown' ? null : token.purpose;
  const messageId = messageIdOf(mail, raw);

  return opts.db.transaction(async (tx) => {
    const id = await claim(tx, messageId, sender.address, purpose);
    if (id === null) return ANSWERS.duplicate;
    const settle = async (outcome: string, answer: Answer, detail = '') => {
      await tx.update(inboundMail).set({ outcome, detail }).where(eq(inboundMail.id, id));
      opts.log.info({ messageId, purpose, outcome }, 'inbound mail');
      return answer;
    };

    if (token.status === 'unknown') return settle('unknown-token', ANSWERS.unknown);
    if (token.status === 'wrong-sender') return settle('wrong-sender', ANSWERS.wrongSender);
    // Out-of-office notices and other automatic mail are not replies, and answering them could start a loop.
    if (isAutomatic(mail)) return settle('refused', ANSWERS.accepted, 'automatic reply');
    if (!(await underHourlyLimit(tx, sender.address, opts.perSenderPerHour ?? DEFAULT_REPLIES_PER_SENDER_PER_HOUR))) return settle('rate-limited', ANSWERS.rateLimited);

    const handler = opts.handlers[token.purpose]!;
    const attachmentsIgnored = mail.attachments.filter((a) => !a.related).length;
    // Mail back goes only to the address the reply address was made for (the seal matched it), within that address's hourly limit.
    const back = { to: sender.address, locale: token.locale, headers: answerHeaders(mail), unsolicited: true } as const;
    if (token.status === 'expired') {
      const url = (await handler.webUrl?.(tx, { ref: token.ref, locale: token.locale, baseUrl: opts.baseUrl })) || `${opts.baseUrl}/${token.locale}`;
      const sent = await queueMail(tx, { ...back, template: replyExpiredMail, data: { url } });
      return settle('expired', ANSWERS.accepted, sent ? '' : 'no e-mail: hourly limit reached');
    }
    const text = visibleText(await bodyText(mail));
    if (!text) {
      const sent = await queueMail(tx, { ...back, template: replyEmptyMail, data: { attachmentsIgnored } });
      return settle('empty', ANSWERS.accepted, sent ? '' : 'no e-mail: hourly limit reached');
    }
    const result = await handler(tx, { ref: token.ref, from: sender.address, locale: token.locale, text, subject: mail.subject ?? '', attachmentsIgnored, messageId, baseUrl: opts.baseUrl });
    return result.ok ? settle('accepted', ANSWERS.accepted, result.detail ?? '') : settle('refused', ANSWERS.accepted, result.reason);
  });
}

/**
 * The sender: the From header's address, lower-cased (the envelope's when there is no From). A
 * From that differs from the envelope sender is a mismatch, treated as a wrong sender.
 */
function senderOf(mail: ParsedMail, session: SMTPServerSession): { address: string; mismatch: boolean } {
  const header = (mail.from?.value[0]?.address ?? '').trim().toLowerCase();
  const envelope = (session.envelope.mailFrom ? session.envelope.mailFrom.address : '').trim().toLowerCase();
  return { address: header || envelope, mismatch: !!header && !!envelope && header !== envelope };
}

/** The Message-ID header, or a hash of the message without one (or with one too long to index). */
function messageIdOf(mail: ParsedMail, raw: Buffer): string {
  const id = mail.messageId?.trim();
  if (id && id.length <= 250) return id;
  return `sha256:${createHash('sha256')
    .update(id || raw)
    .digest('hex')}`;
}

/**
 * Records the message, or returns null when it was taken in before (a second delivery). A message
 * deferred by the hourly limit is taken again when its server retries.
 */
async function claim(tx: Tx, messageId: string, from: string, purpose: string | null): Promise<number | null> {
  // "received" is a placeholder, always replaced by the outcome before the transaction commits.
  const [row] = await tx
    .insert(inboundMail)
    .values({ messageId, fromAddress: from, purpose, outcome: 'received' })
    .onConflictDoUpdate({ target: inboundMail.messageId, set: { fromAddress: from, purpose, outcome: 'received', detail: '', receivedAt: sql`now()` }, setWhere: eq(inboundMail.outcome, 'rate-limited') })
    .returning({ id: inboundMail.id });
  return row?.id ?? null;
}

/**
 * May this sender have one more reply acted on this hour? Counted in the database, so every
 * instance shares the count, under a lock on the address for the transaction, so two messages at
 * once cannot both take the last place.
 */
async function underHourlyLimit(tx: Tx, from: string, limit: number): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(724301003, hashtext(${from}))`);
  const [{ n }] = await tx
    .select({ n: count() })
    .from(inboundMail)
    .where(and(eq(inboundMail.fromAddress, from), inArray(inboundMail.outcome, COUNTED_OUTCOMES), gte(inboundMail.receivedAt, sql`now() - interval '1 hour'`)));
  return n < limit;
}

/** Automatic mail by its headers (RFC 3834 Auto-Submitted, and the older ones still in use). */
function isAutomatic(mail: ParsedMail): boolean {
  const header = (name: string) => String(mail.headers.get(name) ?? '').trim().toLowerCase();
  const auto = header('auto-submitted');
  return (auto !== '' && auto !== 'no') || /^(auto_reply|bulk|junk|list)$/.test(header('precedence')) || mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond');
}

/** Our answers are automatic replies (so no one auto-answers them back) and thread under the person's message. */
function answerHeaders(mail: ParsedMail): Record<string, string> {
  const id = mail.messageId?.trim();
  return { 'Auto-Submitted': 'auto-replied', ...(id && id.length <= 250 ? { 'In-Reply-To': id, References: id } : {}) };
}

/**
 * The message's text: its plain text part, or its HTML made into text. The parser converts HTML
 * only when it is the whole message; HTML beside attachments is converted by parsing it alone.
 */
async function bodyText(mail: ParsedMail): Promise<string> {
  if (mail.text) return mail.text;
  if (typeof mail.html !== 'string' || !mail.html) return '';
  const alone = await simpleParser(Buffer.from(`Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${mail.html}`, 'utf8'), { skipTextToHtml: true });
  return alone.text ?? '';
}

/** What the person wrote: without the message they replied to, their signature, or surrounding blank lines. */
function visibleText(text: string): string {
  const plain = text.replace(/\r\n?/g, '\n').slice(0, MAX_TEXT_CHARS);
  return new EmailReplyParser().read(plain).getVisibleText().trim();
}

