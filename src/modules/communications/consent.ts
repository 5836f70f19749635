import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { consentEvents, subscriptions } from './schema.js';

export const NEWSLETTER_TOPICS = ['news', 'meetings', 'working-groups', 'publications'] as const;
export type NewsletterTopic = (typeof NEWSLETTER_TOPICS)[number];
export const CONSENT_SOURCES = ['form', 'membership', 'import', 'admin'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];
export const SUBSCRIPTION_STATUSES = ['pending', 'subscribed', 'unsubscribed'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** The consent changes that decide whether a person wants the newsletter (the others only adjust it). */
const DECISIVE_CHANGES = ['subscribed', 'confirmed', 'resubscribed', 'imported', 'unsubscribed'];

/**
 * The ids, among `ids`, whose last decision was to unsubscribe. A person who unsubscribed and then
 * typed their address in the form again is `pending` until they confirm: until then their
 * "unsubscribe" still stands, and consent given elsewhere (membership, an import) does not override it.
 */
export async function lastWordUnsubscribed(tx: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .selectDistinctOn([consentEvents.subscriptionId], { id: consentEvents.subscriptionId, change: consentEvents.change })
    .from(consentEvents)
    .where(and(inArray(consentEvents.subscriptionId, ids), inArray(consentEvents.change, DECISIVE_CHANGES)))
    .orderBy(consentEvents.subscriptionId, desc(consentEvents.at), desc(consentEvents.id));
  return new Set(rows.filter((r) => r.change === 'unsubscribed').map((r) => r.id));
}

/**
 * Subscribes an address without double opt-in, for consent given elsewhere (a member's
 * application, an import with proof). An address that unsubscribed before is left unsubscribed:
 * their last word stands. Returns the subscription's status afterwards.
 */
export async function subscribeWithConsent(
  tx: Executor,
  s: { email: string; name: string; locale: Locale; source: ConsentSource; country?: string; detail?: Record<string, unknown> },
): Promise<string> {
  const email = s.email.trim().toLowerCase();
  const [existing] = await tx.select().from(subscriptions).where(eq(subscriptions.email, email)).for('update');
  if (existing?.status === 'unsubscribed' || existing?.status === 'subscribed') return existing.status;
  if (existing && (await lastWordUnsubscribed(tx, [existing.id])).has(existing.id)) return existing.status;
  const id =
    existing?.id ??
    (
      await tx
        .insert(subscriptions)
        .values({ email, name: s.name, locale: s.locale, topics: [...NEWSLETTER_TOPICS], status: 'subscribed', source: s.source, country: s.country ?? null })
        .returning({ id: subscriptions.id })
    )[0]!.id;
  if (existing) await tx.update(subscriptions).set({ status: 'subscribed', source: s.source, country: existing.country ?? s.country ?? null, updatedAt: sql`now()` }).where(eq(subscriptions.id, id));
  await tx.insert(consentEvents).values({ subscriptionId: id, change: 'subscribed', source: s.source, detail: s.detail ?? null });
  return 'subscribed';
}
