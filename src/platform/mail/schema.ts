import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
  cid?: string;
}

/**
 * The durable outbox: every e-mail is rendered and written here in the same transaction as the
 * change that causes it, then delivered by the worker. Lower `priority` numbers go first, so
 * transactional mail is never held up behind a bulk send.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: serial('id').primaryKey(),
    toAddress: text('to_address').notNull(),
    locale: text('locale').notNull(),
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    /** Files sent with the message (base64), e.g. a calendar file; `cid` makes one an inline image. */
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    priority: integer('priority').notNull().default(10),
    /** Caused by a form anyone can fill in with this address: counted against the address's hourly limit. */
    unsolicited: boolean('unsolicited').notNull().default(false),
    /** pending → sending → sent | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.priority, t.runAt), index('outbox_to_idx').on(t.toAddress)],
);

/**
 * Every message the app's own mail listener received: who sent it, what its reply address's
 * token was for, and what became of it. One row per message, so a message delivered twice (the
 * same Message-ID) is acted on once, a sender's messages can be counted for the rate limit, and
 * nothing received is dropped without a trace. No message text is kept here: what a message
 * posts (a comment) lives with its module.
 */
export const inboundMail = pgTable(
  'inbound_mail',
  {
    id: serial('id').primaryKey(),
    /** The message's Message-ID header (or a hash of it when it had none): unique, so a second delivery is seen. */
    messageId: text('message_id').notNull().unique(),
    /** Lower-cased envelope or From address. */
    fromAddress: text('from_address').notNull(),
    /** The purpose of the reply token (e.g. "consultation"), when the token was genuine. */
    purpose: text('purpose'),
    /** accepted | unknown-token | wrong-sender | expired | rate-limited | empty | refused */
    outcome: text('outcome').notNull(),
    /** What the handler made of it (e.g. the comment's id), or why it was refused. */
    detail: text('detail').notNull().default(''),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inbound_mail_from_idx').on(t.fromAddress, t.receivedAt)],
);
