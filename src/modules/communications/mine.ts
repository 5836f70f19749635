import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { subscriptions } from './schema.js';
import { communicationsPolicy } from './policy.js';
import { subscriberToken } from './tokens.js';
import { NEWSLETTER_TOPICS, type NewsletterTopic } from './consent.js';

/** The subscription of the signed-in person's own address (their account's, so already proven theirs), if any. */
async function ownSubscription(db: Executor, actor: MaybeActor) {
  if (!actor || !communicationsPolicy.ownSubscription(actor)) return null;
  const [s] = await db.select({ id: subscriptions.id, status: subscriptions.status, topics: subscriptions.topics }).from(subscriptions).where(eq(subscriptions.email, actor.email));
  return s ?? null;
}

/** The newsletter subscription of the signed-in person's own address, if any: status and topics (My membership). */
export async function subscriptionOfAccount(db: Executor, actor: MaybeActor): Promise<{ status: string; topics: NewsletterTopic[] } | null> {
  const s = await ownSubscription(db, actor);
  return s ? { status: s.status, topics: NEWSLETTER_TOPICS.filter((t) => s.topics.includes(t)) } : null;
}

/**
 * The private preferences link of the signed-in person's own subscription (its token), or null when
 * their address is not on the list: "Change my newsletter preferences" from their own page.
 */
export async function preferencesTokenOfAccount(db: Executor, actor: MaybeActor, secret: string): Promise<string | null> {
  authorize(!!actor && communicationsPolicy.ownSubscription(actor), 'newsletter.own');
  const s = await ownSubscription(db, actor);
  return s ? subscriberToken(secret, s.id, 'manage') : null;
}
