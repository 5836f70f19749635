import { and, count, eq, gt, inArray, min } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { localize } from '../../platform/i18n/content.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { TodoGroup, TodoProvider } from '../../platform/todo.js';
import { financingRequests, meetings, registrations } from './schema.js';
import { meetingPolicy } from './policy.js';

/** Registrations that wait for the Secretariat (pending: a moderated category) or for a place (waiting, offered). */
const WAITING = ['pending', 'waiting', 'offered'] as const;

/**
 * Per meeting still to come or under way (open or closed, not archived, not ended): registrations to approve, the waiting
 * list and its open offers (with the soonest offer's end), financing requests to decide.
 */
export const meetingsTodo: TodoProvider = async (db: Executor, actor, { locale, now }) => {
  if (!meetingPolicy.administer(actor)) return [];
  const running = await db
    .select({ id: meetings.id, slug: meetings.slug, title: meetings.title, originalLocale: meetings.originalLocale })
    .from(meetings)
    .where(and(inArray(meetings.status, ['open', 'closed']), gt(meetings.endsAt, now)));
  if (!running.length) return [];
  const ids = running.map((m) => m.id);
  const [regs, financing] = await Promise.all([
    db
      .select({ meetingId: registrations.meetingId, status: registrations.status, n: count(), soonest: min(registrations.offerExpiresAt) })
      .from(registrations)
      .where(and(inArray(registrations.meetingId, ids), inArray(registrations.status, [...WAITING])))
      .groupBy(registrations.meetingId, registrations.status),
    db
      .select({ meetingId: registrations.meetingId, n: count() })
      .from(financingRequests)
      .innerJoin(registrations, eq(registrations.id, financingRequests.registrationId))
      .where(and(inArray(registrations.meetingId, ids), eq(financingRequests.status, 'requested')))
      .groupBy(registrations.meetingId),
  ]);
  return running.map((m): TodoGroup => {
    const reg = (s: (typeof WAITING)[number]) => regs.find((r) => r.meetingId === m.id && r.status === s);
    const base = `/admin/meetings/${m.slug}`;
    const offered = reg('offered');
    return {
      title: 'todo.meetings.title',
      order: 20,
      params: { meeting: localize(m.title, locale, m.originalLocale as Locale).text },
      items: [
        { label: 'todo.meetings.pending', count: reg('pending')?.n ?? 0, href: `${base}/registrations?status=pending` },
        { label: 'todo.meetings.financing', count: financing.find((f) => f.meetingId === m.id)?.n ?? 0, href: `${base}/financing` },
        { label: 'todo.meetings.waiting', count: reg('waiting')?.n ?? 0, href: `${base}/registrations?status=waiting` },
        { label: 'todo.meetings.offered', count: offered?.n ?? 0, href: `${base}/registrations?status=offered`, due: offered?.soonest ?? undefined },
      ],
    };
  });
};
