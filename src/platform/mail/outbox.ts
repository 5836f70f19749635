import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { getSetting } from '../settings/service.js';
import { isolatingTranslator, type Translate } from '../i18n/messages.js';
import type { Locale } from '../i18n/locales.js';
import { outbox, type MailAttachment } from './schema.js';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
}

/** An e-mail template: renders both parts in the recipient's language from the same catalogs as the pages. */
export interface MailTemplate<D> {
  name: string;
  render(t: Translate, data: D, locale: Locale): RenderedMail;
}

export const PRIORITY_TRANSACTIONAL = 0;
export const PRIORITY_BULK = 50;

export interface QueueMail<D> {
  to: string;
  locale: Locale;
  template: MailTemplate<D>;
  data: D;
  headers?: Record<string, string>;
  /** Files made by the caller (a calendar file, a QR code), added to the template's own. */
  attachments?: MailAttachment[];
  priority?: number;
  /**
   * Set when anyone can cause this e-mail by filling in a form with an address (a sign-in link,
   * a confirmation, "you are already registered"): counted against the address's hourly limit,
   * and not queued over it. Mail about something the Secretariat or the system did is not.
   */
  unsolicited?: boolean;
}

/** The setting (settings table) for how many unsolicited e-mails one address may receive per hour. */
export const UNSOLICITED_LIMIT_SETTING = 'mail.unsolicitedPerAddressPerHour';
export const DEFAULT_UNSOLICITED_LIMIT = 10;

export async function unsolicitedLimit(db: Executor): Promise<number> {
  const n = await getSetting<number>(db, UNSOLICITED_LIMIT_SETTING);
  return Number.isInteger(n) && n! >= 1 ? n! : DEFAULT_UNSOLICITED_LIMIT;
}

/**
 * May one more unsolicited e-mail go to this address in this transaction? Counted in the outbox
 * (so every instance of the app shares the count) over the last hour, under a transaction-scoped
 * advisory lock on the address, so two requests at once cannot both take the last place.
 * A caller asks first when it would otherwise do work for nothing (make a sign-in token); the
 * "yes" is kept for that transaction, and the queueMail that follows uses it instead of counting
 * again (the lock is still held: it lasts until the transaction ends).
 */
export async function unsolicitedMailAllowed(tx: Executor, to: string): Promise<boolean> {
  const address = normalized(to);
  const allowed = await underLimit(tx, address);
  if (allowed) {
    const checked = checkedIn.get(tx) ?? new Set<string>();
    checked.add(address);
    checkedIn.set(tx, checked);
  }
  return allowed;
}

/** Addresses a transaction has been told "yes" for and not yet queued mail to. */
const checkedIn = new WeakMap<Executor, Set<string>>();

const normalized = (to: string) => to.trim().toLowerCase();

async function underLimit(tx: Executor, address: string): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(724301002, hashtext(${address}))`);
  const [{ n }] = await tx
    .select({ n: count() })
    .from(outbox)
    .where(and(eq(outbox.toAddress, address), eq(outbox.unsolicited, true), gte(outbox.createdAt, sql`now() - interval '1 hour'`)));
  return n < (await unsolicitedLimit(tx));
}

/** Spends the transaction's earlier "yes" for this address, or counts now. */
async function mayQueueUnsolicited(tx: Executor, to: string): Promise<boolean> {
  const address = normalized(to);
  if (checkedIn.get(tx)?.delete(address)) return true;
  return underLimit(tx, address);
}

/**
 * Renders an e-mail and writes it to the outbox in the caller's transaction. The worker delivers
 * it after the transaction commits; if the transaction rolls back, no mail exists. Returns false
 * when an unsolicited e-mail was not queued because its address reached the hourly limit.
 */
export async function queueMail<D>(tx: Executor, mail: QueueMail<D>): Promise<boolean> {
  if (mail.unsolicited && !(await mayQueueUnsolicited(tx, mail.to))) return false;
  // Names, titles and addresses written the other way from the mail's language are isolated (FSI … PDI).
  const rendered = mail.template.render(isolatingTranslator(mail.locale), mail.data, mail.locale);
  await tx.insert(outbox).values({
    toAddress: mail.to,
    locale: mail.locale,
    template: mail.template.name,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: mail.headers ?? {},
    attachments: [...(rendered.attachments ?? []), ...(mail.attachments ?? [])],
    priority: mail.priority ?? PRIORITY_TRANSACTIONAL,
    unsolicited: mail.unsolicited ?? false,
  });
  return true;
}
