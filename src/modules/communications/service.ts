import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { consentEvents, subscriptions } from './schema.js';

export const NEWSLETTER_TOPICS = ['news', 'meetings', 'working-groups', 'publications'] as const;
export type NewsletterTopic = (typeof NEWSLETTER_TOPICS)[number];
export const CONSENT_SOURCES = ['form', 'membership', 'import', 'admin'] as const;

/**
 * Subscribes an address without double opt-in, for consent given elsewhere (a member's
 * application, an import with proof). An address that unsubscribed before is left unsubscribed:
 * their last word stands. Returns the subscription's status afterwards.
 */
export async function subscribeWithConsent(
  tx: Executor,
  s: { email: string; name: string; locale: Locale; source: (typeof CONSENT_SOURCES)[number]; detail?: Record<string, unknown> },
): Promise<string> {
  const email = s.email.trim().toLowerCase();
  const [existing] = await tx.select().from(subscriptions).where(eq(subscriptions.email, email)).for('update');
  if (existing?.status === 'unsubscribed' || existing?.status === 'subscribed') return existing.status;
  const id =
    existing?.id ??
    (
      await tx
        .insert(subscriptions)
        .values({ email, name: s.name, locale: s.locale, topics: [...NEWSLETTER_TOPICS], status: 'subscribed', source: s.source })
        .returning({ id: subscriptions.id })
    )[0]!.id;
  if (existing) await tx.update(subscriptions).set({ status: 'subscribed', source: s.source, updatedAt: sql`now()` }).where(eq(subscriptions.id, id));
  await tx.insert(consentEvents).values({ subscriptionId: id, change: 'subscribed', source: s.source, detail: s.detail ?? null });
  return 'subscribed';
}

/** Removes a person's subscription data (erasure); the consent history goes with it. */
export async function eraseSubscription(tx: Executor, email: string): Promise<void> {
  await tx.delete(subscriptions).where(eq(subscriptions.email, email.trim().toLowerCase()));
}
