import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PersonalData } from '../../platform/privacy/service.js';
import { erasedEmail, scrubColumns } from '../../platform/privacy/scrub.js';
import { consentEvents, newsletterDeliveries, subscriptions } from './schema.js';

/**
 * Communications' part of an erasure (docs/decisions/008-erasure.md). A subscription under one of
 * the person's addresses stays as an anonymous row — unsubscribed, no address, name, topics or
 * country — so its consent history stays as anonymous counts: every event keeps what changed,
 * how and when, and loses the client address (IP) and details; an "erased" event closes it.
 * Its newsletter deliveries keep their status (an issue's figures stay right) without the address
 * or the server's answer; those not yet sent are cancelled.
 */
export const communicationsPersonalData: PersonalData = {
  async identify(tx, person) {
    if (!person.emails.length) return {};
    const rows = await tx.select({ name: subscriptions.name }).from(subscriptions).where(inArray(sql`lower(${subscriptions.email})`, person.emails));
    return { names: rows.map((r) => r.name) };
  },

  async erase(tx, person, ctx) {
    const subs = person.emails.length ? await tx.select({ id: subscriptions.id }).from(subscriptions).where(inArray(sql`lower(${subscriptions.email})`, person.emails)) : [];
    for (const { id } of subs) {
      await tx
        .update(subscriptions)
        .set({ email: erasedEmail(id), name: '', status: 'unsubscribed', topics: [], country: null, updatedAt: sql`now()` })
        .where(eq(subscriptions.id, id));
      await tx.update(consentEvents).set({ ip: null, detail: null }).where(eq(consentEvents.subscriptionId, id));
      await tx.insert(consentEvents).values({ subscriptionId: id, change: 'erased', source: 'admin' });
      await tx.update(newsletterDeliveries).set({ email: erasedEmail(id), lastError: null }).where(eq(newsletterDeliveries.subscriptionId, id));
      await tx.update(newsletterDeliveries).set({ status: 'cancelled' }).where(and(eq(newsletterDeliveries.subscriptionId, id), eq(newsletterDeliveries.status, 'pending')));
    }
    // Their address in what the mail server answered about someone else's delivery, or in another subscription's consent details.
    await scrubColumns(tx, newsletterDeliveries, newsletterDeliveries.id, [newsletterDeliveries.lastError], person, ctx.pseudonym);
    await scrubColumns(tx, consentEvents, consentEvents.id, [consentEvents.detail], person, ctx.pseudonym);
  },
};
