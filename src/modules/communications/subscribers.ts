import { and, asc, count, eq, inArray, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import type { Config } from '../../config.js';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../../platform/i18n/locales.js';
import { field } from '../../platform/forms/fields.js';
import { claimSubmission } from '../../platform/forms/once.js';
import { isCountryCode } from '../../platform/geo/countries.js';
import { PRIORITY_TRANSACTIONAL, queueMail, unsolicitedMailAllowed } from '../../platform/mail/outbox.js';
import { escapeLike, recordAudit } from '../../platform/audit/service.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { communicationsPolicy } from './policy.js';
import { consentEvents, subscriptions } from './schema.js';
import { CONSENT_SOURCES, NEWSLETTER_TOPICS, SUBSCRIPTION_STATUSES, type ConsentSource, type NewsletterTopic, type SubscriptionStatus } from './consent.js';
import { subscriberToken, verifySubscriberToken, type SubscriberLinkPurpose } from './tokens.js';
import { alreadySubscribedMail, confirmMail } from './emails.js';

/**
 * The newsletter's subscribers: double opt-in from the public form, the private link in every
 * e-mail (confirm, preferences, unsubscribe, resubscribe), and the Secretariat's list. Every
 * change of consent is a row in `consentEvents` (when, what, how, from which address).
 *
 * Sources of consent events: form (the subscribe form), link (a subscriber's private link),
 * one-click (RFC 8058 unsubscribe POST sent by a mail provider), admin, import, membership,
 * bounce (the sender marking an address undeliverable).
 */

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type ConsentEventRow = typeof consentEvents.$inferSelect;


/** Where a change came from, when it came through the web. */
export interface Origin {
  ip?: string;
}

async function addEvent(tx: Executor, subscriptionId: string, change: string, source: string, origin: Origin, detail: Record<string, unknown> | null = null) {
  await tx.insert(consentEvents).values({ subscriptionId, change, source, detail, ip: origin.ip ?? null });
}

const topicOrder = (topics: readonly string[]) => NEWSLETTER_TOPICS.filter((t) => topics.includes(t));
const localeOf = (s: { locale: string }): Locale => (isLocale(s.locale) ? s.locale : DEFAULT_LOCALE);

// ——— Private links ———

export interface SubscriberLinks {
  token: string;
  /** Confirms a pending subscription in one step (GET). */
  confirm: string;
  /** Language and topics; an unsubscribe button. */
  preferences: string;
  /** GET shows one button; POST unsubscribes. In the e-mail's body: the page also offers to subscribe again. */
  unsubscribe: string;
  /** For `List-Unsubscribe` (RFC 8058 one-click POST, no cookie, no CSRF token): a link that can only unsubscribe. */
  oneClick: string;
}

/**
 * The absolute links of one subscriber, in their language: what the newsletter sender puts in
 * every issue (preferences, unsubscribe) and in `List-Unsubscribe` (one-click). The tokens are the
 * subscription's id signed with `config.sessionSecret` for a purpose (see tokens.ts).
 */
export function unsubscribeUrls(baseUrl: string, secret: string, s: { id: string; locale: string }): SubscriberLinks {
  const token = subscriberToken(secret, s.id, 'manage');
  const base = `${baseUrl.replace(/\/+$/, '')}/${localeOf(s)}/newsletter`;
  return {
    token,
    confirm: `${base}/confirm/${token}`,
    preferences: `${base}/preferences/${token}`,
    unsubscribe: `${base}/unsubscribe/${token}`,
    oneClick: `${base}/unsubscribe/${subscriberToken(secret, s.id, 'unsubscribe')}`,
  };
}

/** The bare address of a sender such as `Bridges <no-reply@bridges.example>` → no-reply@bridges.example. */
export function mailboxAddress(mailFrom: string): string {
  const angle = /<\s*([^<>\s]+@[^<>\s]+)\s*>/.exec(mailFrom);
  if (angle) return angle[1]!;
  const bare = /[^\s<>"',;]+@[^\s<>"',;]+/.exec(mailFrom);
  return bare ? bare[0] : mailFrom.trim();
}

/**
 * The headers of a newsletter e-mail that let mail programs offer "Unsubscribe" (RFC 2369) in one
 * click (RFC 8058): the https link, which answers a POST of `List-Unsubscribe=One-Click` and can do
 * nothing else, and a mailto: to the sender's address. Note: Bridges has no mailbox processor —
 * mail sent to that address is not read automatically; the one-click https link is what providers use.
 */
export function listUnsubscribeHeaders(config: Pick<Config, 'baseUrl' | 'sessionSecret' | 'mailFrom'>, s: { id: string; locale: string }): Record<string, string> {
  const links = unsubscribeUrls(config.baseUrl, config.sessionSecret, s);
  return {
    'List-Unsubscribe': `<${links.oneClick}>, <mailto:${mailboxAddress(config.mailFrom)}?subject=unsubscribe>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/**
 * The subscription behind a private link, and what the link allows; null when the token is forged,
 * the subscription erased, or the link does not allow `need` (an unsubscribe-only link opens no
 * preferences).
 */
export async function subscriptionByToken(db: Executor, secret: string, token: string, need: SubscriberLinkPurpose = 'manage'): Promise<{ sub: SubscriptionRow; purpose: SubscriberLinkPurpose } | null> {
  const found = verifySubscriberToken(secret, token);
  if (!found || (need === 'manage' && found.purpose !== 'manage')) return null;
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, found.id));
  return row ? { sub: row, purpose: found.purpose } : null;
}

// ——— The public form (double opt-in) ———

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const topicsField = (message: string) => field.many(NEWSLETTER_TOPICS).refine((t) => t.length > 0, { message });

export const subscribeBody = z.object({
  email: field.email(),
  name: field.text({ max: 200 }),
  language: field.choice(LOCALES),
  topics: topicsField('newsletter.subscribe.errors.topics'),
  country: z.preprocess(blank, z.string().trim().toUpperCase().refine(isCountryCode, { message: 'form.errors.choose' }).optional()),
  consent: field.mustAgree(),
});
export type SubscribeInput = z.infer<typeof subscribeBody>;

export const preferencesBody = z.object({
  language: field.choice(LOCALES),
  topics: topicsField('newsletter.preferences.errors.topics'),
});
export type PreferencesInput = z.infer<typeof preferencesBody>;

export type SubscribeOutcome = 'confirmation-sent' | 'already-subscribed' | 'repeat' | 'throttled';

/**
 * The subscribe form. A new address, or one that unsubscribed or never confirmed, becomes
 * `pending` and receives the confirmation link in the chosen language. An address already
 * subscribed is not changed (the form proves nothing about who typed it): its owner receives
 * their preferences link instead. The page shown afterwards is the same in every case.
 */
export async function requestSubscription(db: Db, input: SubscribeInput, ctx: { baseUrl: string; secret: string; ip?: string; onceKey?: unknown }): Promise<SubscribeOutcome> {
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, ctx.onceKey)) !== null) return 'repeat';
    const email = input.email.trim().toLowerCase();
    const wanted = { name: input.name, locale: input.language, topics: topicOrder(input.topics), country: input.country ?? null };
    const detail: Record<string, unknown> = { locale: wanted.locale, topics: wanted.topics, country: wanted.country };
    const [created] = await tx
      .insert(subscriptions)
      .values({ email, ...wanted, status: 'pending', source: 'form' })
      .onConflictDoNothing({ target: subscriptions.email })
      .returning();
    let row = created;
    if (!row) {
      const [existing] = await tx.select().from(subscriptions).where(eq(subscriptions.email, email)).for('update');
      // The form cannot be used to flood an inbox: an address gets only so many such e-mails an hour.
      if (!existing || !(await unsolicitedMailAllowed(tx, email))) return 'throttled';
      if (existing.status === 'subscribed') {
        const links = unsubscribeUrls(ctx.baseUrl, ctx.secret, existing);
        await queueMail(tx, { to: email, locale: localeOf(existing), template: alreadySubscribedMail, data: { name: existing.name, link: links.preferences }, priority: PRIORITY_TRANSACTIONAL, unsolicited: true });
        return 'already-subscribed';
      }
      [row] = await tx
        .update(subscriptions)
        .set({ ...wanted, status: 'pending', source: 'form', updatedAt: sql`now()` })
        .where(eq(subscriptions.id, existing.id))
        .returning();
      detail.previous = existing.status;
    }
    await addEvent(tx, row!.id, 'requested', 'form', { ip: ctx.ip }, detail);
    const links = unsubscribeUrls(ctx.baseUrl, ctx.secret, row!);
    await queueMail(tx, { to: email, locale: localeOf(row!), template: confirmMail, data: { name: row!.name, link: links.confirm }, priority: PRIORITY_TRANSACTIONAL, unsolicited: true });
    return 'confirmation-sent';
  });
}

/**
 * The confirmation link, in one step (GET: a click, or a mail scanner opening it). Moves only
 * pending → subscribed; any other state is left as it is, so a second click changes nothing and an
 * address that unsubscribed since stays unsubscribed. Returns the subscription afterwards.
 */
export async function confirmSubscription(db: Db, id: string, origin: Origin): Promise<SubscriptionRow | null> {
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(subscriptions)
      .set({ status: 'subscribed', confirmedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(subscriptions.id, id), eq(subscriptions.status, 'pending')))
      .returning();
    if (done) {
      await addEvent(tx, id, 'confirmed', 'link', origin);
      return done;
    }
    const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.id, id));
    return row ?? null;
  });
}

export type PreferencesOutcome = 'saved' | 'unchanged' | 'unsubscribed' | 'unknown';

/** Language and topics, from the private preferences page. Each change is its own consent event. */
export async function updatePreferences(db: Db, id: string, p: PreferencesInput, origin: Origin): Promise<PreferencesOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.id, id)).for('update');
    if (!row) return 'unknown';
    if (row.status === 'unsubscribed') return 'unsubscribed';
    const topics = topicOrder(p.topics);
    const before = topicOrder(row.topics);
    const topicsChanged = topics.join() !== before.join();
    const languageChanged = p.language !== row.locale;
    if (!topicsChanged && !languageChanged) return 'unchanged';
    await tx.update(subscriptions).set({ topics, locale: p.language, updatedAt: sql`now()` }).where(eq(subscriptions.id, id));
    if (topicsChanged) await addEvent(tx, id, 'topics-changed', 'link', origin, { from: before, to: topics });
    if (languageChanged) await addEvent(tx, id, 'language-changed', 'link', origin, { from: row.locale, to: p.language });
    return 'saved';
  });
}

/** How an unsubscribe arrived: the page's button, a mail provider's one-click POST, the Secretariat. */
export type UnsubscribeSource = 'link' | 'one-click' | 'admin';

async function markUnsubscribed(tx: Executor, id: string, source: UnsubscribeSource, origin: Origin, detail: Record<string, unknown> | null = null) {
  const [done] = await tx
    .update(subscriptions)
    .set({ status: 'unsubscribed', updatedAt: sql`now()` })
    .where(and(eq(subscriptions.id, id), ne(subscriptions.status, 'unsubscribed')))
    .returning();
  if (done) await addEvent(tx, id, 'unsubscribed', source, origin, detail);
  return done ?? null;
}

/**
 * Unsubscribes at once, from the private link (the page's button, or RFC 8058 one-click).
 * Idempotent: unsubscribing twice records one event. Returns the subscription afterwards.
 */
export async function unsubscribeByLink(db: Db, id: string, source: 'link' | 'one-click', origin: Origin): Promise<SubscriptionRow | null> {
  return db.transaction(async (tx) => {
    const done = await markUnsubscribed(tx, id, source, origin);
    if (done) return done;
    const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.id, id));
    return row ?? null;
  });
}

/**
 * "Subscribe again", from the private link after unsubscribing: subscribed at once (holding the
 * link proves the address). A pending subscription is confirmed the same way.
 */
export async function resubscribe(db: Db, id: string, origin: Origin): Promise<SubscriptionRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.id, id)).for('update');
    if (!row || row.status === 'subscribed') return row ?? null;
    const [done] = await tx
      .update(subscriptions)
      .set({ status: 'subscribed', updatedAt: sql`now()`, ...(row.status === 'pending' ? { confirmedAt: sql`now()` } : {}) })
      .where(eq(subscriptions.id, id))
      .returning();
    await addEvent(tx, id, row.status === 'pending' ? 'confirmed' : 'resubscribed', 'link', origin);
    return done!;
  });
}

// ——— Delivery results (used by the newsletter sender) ———

/**
 * A permanent refusal (SMTP 5xx) of a newsletter to this subscriber. At `limit` refusals in a row
 * the address is marked undeliverable (no longer mailed) with an 'undeliverable' consent event.
 * Runs in the caller's transaction when given one.
 */
export async function recordHardBounce(db: Executor, subscriptionId: string, limit: number): Promise<{ hardBounces: number; undeliverable: boolean } | null> {
  const [row] = await db
    .update(subscriptions)
    .set({ hardBounces: sql`${subscriptions.hardBounces} + 1`, updatedAt: sql`now()` })
    .where(eq(subscriptions.id, subscriptionId))
    .returning({ hardBounces: subscriptions.hardBounces, undeliverableAt: subscriptions.undeliverableAt });
  if (!row) return null;
  if (row.undeliverableAt) return { hardBounces: row.hardBounces, undeliverable: true };
  if (row.hardBounces < limit) return { hardBounces: row.hardBounces, undeliverable: false };
  const [marked] = await db
    .update(subscriptions)
    .set({ undeliverableAt: sql`now()` })
    .where(and(eq(subscriptions.id, subscriptionId), isNull(subscriptions.undeliverableAt)))
    .returning({ id: subscriptions.id });
  if (marked) await addEvent(db, subscriptionId, 'undeliverable', 'bounce', {}, { hardBounces: row.hardBounces, limit });
  return { hardBounces: row.hardBounces, undeliverable: true };
}

/** Newsletters accepted by the mail server: the count of refusals "in a row" starts again for those addresses. */
export async function recordDelivered(db: Executor, subscriptionIds: string[]): Promise<void> {
  if (!subscriptionIds.length) return;
  await db
    .update(subscriptions)
    .set({ hardBounces: 0 })
    .where(and(inArray(subscriptions.id, subscriptionIds), sql`${subscriptions.hardBounces} > 0`, isNull(subscriptions.undeliverableAt)));
}

// ——— The Secretariat ———

export const SUBSCRIBER_STATUS_FILTERS = [...SUBSCRIPTION_STATUSES, 'undeliverable'] as const;

export interface SubscriberFilter {
  /** A status, or "undeliverable" (marked after hard bounces, whatever the status). */
  status?: (typeof SUBSCRIBER_STATUS_FILTERS)[number];
  topic?: NewsletterTopic;
  locale?: Locale;
  source?: ConsentSource;
  /** Part of the e-mail address or the name. */
  q?: string;
}

export const SUBSCRIBERS_PAGE_SIZE = 50;

/** The filter form's rules (a query string: anything unknown is ignored, never an error). */
export const subscriberFilterQuery = z.object({
  status: field.optionalChoice(SUBSCRIBER_STATUS_FILTERS).catch(undefined),
  topic: field.optionalChoice(NEWSLETTER_TOPICS).catch(undefined),
  language: field.optionalChoice(LOCALES).catch(undefined),
  source: field.optionalChoice(CONSENT_SOURCES).catch(undefined),
  q: z.preprocess(blank, z.string().trim().max(200).optional()).catch(undefined),
  page: field.page(),
});

export function filterFromQuery(f: z.infer<typeof subscriberFilterQuery>): SubscriberFilter {
  return { status: f.status, topic: f.topic, locale: f.language, source: f.source, q: f.q };
}

function subscribersWhere(f: SubscriberFilter): SQL | undefined {
  const where: SQL[] = [];
  if (f.status === 'undeliverable') where.push(isNotNull(subscriptions.undeliverableAt));
  else if (f.status) where.push(eq(subscriptions.status, f.status));
  if (f.topic) where.push(sql`${f.topic} = any(${subscriptions.topics})`);
  if (f.locale) where.push(eq(subscriptions.locale, f.locale));
  if (f.source) where.push(eq(subscriptions.source, f.source));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    where.push(or(sql`${subscriptions.email} ilike ${like}`, sql`${subscriptions.name} ilike ${like}`)!);
  }
  return where.length ? and(...where) : undefined;
}

export async function listSubscribers(db: Executor, actor: MaybeActor, f: SubscriberFilter & { page: number }) {
  authorize(communicationsPolicy.manageSubscribers(actor), 'newsletter.subscribers');
  const cond = subscribersWhere(f);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(subscriptions).where(cond).orderBy(asc(subscriptions.email)).limit(SUBSCRIBERS_PAGE_SIZE).offset((f.page - 1) * SUBSCRIBERS_PAGE_SIZE),
    db.select({ total: count() }).from(subscriptions).where(cond),
  ]);
  return { rows, total };
}

export type SubscriberCounts = Record<SubscriptionStatus | 'undeliverable' | 'all', number>;

/** How many addresses are in each state, over the whole list. */
export async function subscriberCounts(db: Executor, actor: MaybeActor): Promise<SubscriberCounts> {
  authorize(communicationsPolicy.manageSubscribers(actor), 'newsletter.subscribers');
  const [byStatus, [{ undeliverable }]] = await Promise.all([
    db.select({ status: subscriptions.status, n: count() }).from(subscriptions).groupBy(subscriptions.status),
    db.select({ undeliverable: count() }).from(subscriptions).where(isNotNull(subscriptions.undeliverableAt)),
  ]);
  const counts: SubscriberCounts = { all: 0, pending: 0, subscribed: 0, unsubscribed: 0, undeliverable };
  for (const r of byStatus) {
    if ((SUBSCRIPTION_STATUSES as readonly string[]).includes(r.status)) counts[r.status as SubscriptionStatus] = r.n;
    counts.all += r.n;
  }
  return counts;
}

/** One subscriber and their whole consent history, oldest first. */
export async function getSubscriber(db: Executor, actor: MaybeActor, id: string): Promise<{ subscription: SubscriptionRow; events: ConsentEventRow[] } | null> {
  authorize(communicationsPolicy.manageSubscribers(actor), 'newsletter.subscribers');
  const [subscription] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  if (!subscription) return null;
  const events = await db.select().from(consentEvents).where(eq(consentEvents.subscriptionId, id)).orderBy(asc(consentEvents.at), asc(consentEvents.id));
  return { subscription, events };
}

/** Every subscriber matching the filters, for CSV/XLSX. Audited with the filters and the number of rows: personal data leaves the system. */
export async function exportSubscribers(db: Db, actor: MaybeActor, f: SubscriberFilter, format: 'csv' | 'xlsx', ip?: string): Promise<SubscriptionRow[]> {
  authorize(communicationsPolicy.manageSubscribers(actor), 'newsletter.subscribers.export');
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(subscriptions).where(subscribersWhere(f)).orderBy(asc(subscriptions.email));
    const filters = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
    await recordAudit(tx, actor, { action: 'newsletter.subscribers.export', targetType: 'subscription', targetId: '*', after: { format, filters, rows: rows.length }, ip });
    return rows;
  });
}

export type AdminOutcome = 'ok' | 'unchanged' | 'unknown';

/** The Secretariat unsubscribes someone (e.g. at their request by letter). Audited; consent event source "admin". */
export async function unsubscribeByAdmin(db: Db, actor: MaybeActor, id: string, ip?: string): Promise<AdminOutcome> {
  authorize(communicationsPolicy.manageSubscribers(actor), 'newsletter.subscribers.unsubscribe');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.id, id)).for('update');
    if (!row) return 'unknown';
    const done = await markUnsubscribed(tx, id, 'admin', { ip }, { by: actor!.email });
    if (!done) return 'unchanged';
    await recordAudit(tx, actor, { action: 'newsletter.subscriber.unsubscribe', targetType: 'subscription', targetId: row.email, before: { status: row.status }, after: { status: 'unsubscribed' }, ip });
    return 'ok';
  });
}

/** Clears the "undeliverable" mark (e.g. the mailbox was full and works again): the address is mailed again. Audited. */
export async function clearBounceMark(db: Db, actor: MaybeActor, id: string, ip?: string): Promise<AdminOutcome> {
  authorize(communicationsPolicy.manageSubscribers(actor), 'newsletter.subscribers.clearBounce');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.id, id)).for('update');
    if (!row) return 'unknown';
    if (!row.undeliverableAt && row.hardBounces === 0) return 'unchanged';
    await tx.update(subscriptions).set({ hardBounces: 0, undeliverableAt: null, updatedAt: sql`now()` }).where(eq(subscriptions.id, id));
    await addEvent(tx, id, 'bounce-cleared', 'admin', { ip }, { by: actor!.email, hardBounces: row.hardBounces, undeliverableAt: row.undeliverableAt });
    await recordAudit(tx, actor, {
      action: 'newsletter.subscriber.clearBounce',
      targetType: 'subscription',
      targetId: row.email,
      before: { hardBounces: row.hardBounces, undeliverableAt: row.undeliverableAt },
      after: { hardBounces: 0, undeliverableAt: null },
      ip,
    });
    return 'ok';
  });
}

/** Opens the Secretariat's subscriber pages (before anything else is read from the request). */
export function requireSubscriberAccess(actor: MaybeActor): void {
  authorize(communicationsPolicy.manageSubscribers(actor), 'newsletter.subscribers');
}
