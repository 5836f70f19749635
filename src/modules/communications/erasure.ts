import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { PersonalData } from '../../platform/privacy/service.js';
import { erasedEmail, scrubColumns } from '../../platform/privacy/scrub.js';
import { consentEvents, newsletterDeliveries, newsletterIssues, subscriptions } from './schema.js';

/**
 * Communications' personal data: its kinds and retention, a person's export, and its part of an
 * erasure (docs/decisions/008-erasure.md, 021-privacy-across-modules.md). A subscription under one of
 * the person's addresses stays as an anonymous row — unsubscribed, no address, name, topics or
 * country — so its consent history stays as anonymous counts: every event keeps what changed,
 * how and when, and loses the client address (IP) and details; an "erased" event closes it.
 * Its newsletter deliveries keep their status (an issue's figures stay right) without the address
 * or the server's answer; those not yet sent are cancelled.
 */
export const communicationsPersonalData: PersonalData = {
  kinds: [
    { kind: 'communications.subscriptions', label: 'privacy.kinds.subscriptions', purpose: 'privacy.purposes.subscriptions', kept: 'privacy.kept.untilErased' },
    {
      kind: 'communications.unconfirmed',
      label: 'privacy.kinds.unconfirmed',
      purpose: 'privacy.purposes.unconfirmed',
      retention: {
        defaultDays: 30,
        minDays: 1,
        maxDays: 365,
        then: 'deleted',
        // A sign-up never confirmed, asked for before `olderThan`: an address that was subscribed before (other consent events, deliveries) keeps its history.
        async purge(tx, olderThan, { limit }) {
          const rows = await tx
            .select({ id: subscriptions.id })
            .from(subscriptions)
            .where(
              and(
                eq(subscriptions.status, 'pending'),
                isNull(subscriptions.confirmedAt),
                lt(subscriptions.updatedAt, olderThan),
                sql`not exists (select 1 from ${consentEvents} e where e.subscription_id = ${subscriptions.id} and e.change <> 'requested')`,
                sql`not exists (select 1 from ${newsletterDeliveries} d where d.subscription_id = ${subscriptions.id})`,
              ),
            )
            .orderBy(asc(subscriptions.updatedAt))
            .limit(limit);
          if (rows.length) await tx.delete(subscriptions).where(inArray(subscriptions.id, rows.map((r) => r.id)));
          return rows.length;
        },
      },
    },
    { kind: 'communications.deliveries', label: 'privacy.kinds.deliveries', purpose: 'privacy.purposes.deliveries', kept: 'privacy.kept.withSubscription' },
  ],

  /** Their subscription under any of their addresses, its consent history (not who at the Secretariat imported it) and the issues sent to it. */
  async export(tx, person): Promise<Record<string, unknown[]>> {
    if (!person.emails.length) return {};
    const subs = await tx.select().from(subscriptions).where(inArray(sql`lower(${subscriptions.email})`, person.emails)).orderBy(asc(subscriptions.createdAt));
    const ids = subs.map((s) => s.id);
    const events = ids.length ? await tx.select().from(consentEvents).where(inArray(consentEvents.subscriptionId, ids)).orderBy(asc(consentEvents.id)) : [];
    const sent = ids.length
      ? await tx
          .select({ issue: newsletterIssues.slug, to: newsletterDeliveries.email, status: newsletterDeliveries.status, sentAt: newsletterDeliveries.sentAt })
          .from(newsletterDeliveries)
          .innerJoin(newsletterIssues, eq(newsletterIssues.id, newsletterDeliveries.issueId))
          .where(inArray(newsletterDeliveries.subscriptionId, ids))
          .orderBy(asc(newsletterDeliveries.id))
      : [];
    const byStaff = (source: string) => source === 'import' || source === 'admin';
    return {
      subscriptions: subs.map((s) => ({ email: s.email, name: s.name, language: s.locale, topics: s.topics, status: s.status, source: s.source, country: s.country, confirmedAt: s.confirmedAt, undeliverableAt: s.undeliverableAt, createdAt: s.createdAt, updatedAt: s.updatedAt })),
      consentHistory: events.map((e) => {
        const { by: _by, ...detail } = (e.detail ?? {}) as Record<string, unknown>;
        return { email: subs.find((s) => s.id === e.subscriptionId)!.email, at: e.at, change: e.change, source: e.source, detail: e.detail ? detail : null, fromAddress: byStaff(e.source) ? null : e.ip };
      }),
      newslettersSent: sent,
    };
  },

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
