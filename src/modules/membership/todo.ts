import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { TodoGroup, TodoProvider } from '../../platform/todo.js';
import { applications } from './schema.js';
import { decisionSettings, applicationReference } from './applications.js';
import { membershipPolicy } from './policy.js';
import { committeeDeadline, type Status } from './status.js';

/** The stages where an application waits for someone, in the order the Secretariat meets them. */
const WAITING: readonly Status[] = ['submitted', 'screening', 'info_requested', 'recommended'];

/** How many Committee deadlines the home page lists by name (the soonest). */
const DEADLINES_SHOWN = 5;

/**
 * Applications waiting, per stage, and the Steering Committee's deadlines (soonest first; a past
 * one means the Committee's time is up and the Secretariat decides).
 */
export const membershipTodo: TodoProvider = async (db: Executor, actor) => {
  if (!membershipPolicy.reviewApplications(actor)) return [];
  const [perStatus, recommended, settings] = await Promise.all([
    db.select({ status: applications.status, n: count() }).from(applications).where(inArray(applications.status, [...WAITING])).groupBy(applications.status),
    db
      .select({ id: applications.id, number: applications.number, name: applications.displayName, recommendedAt: applications.recommendedAt })
      .from(applications)
      .where(eq(applications.status, 'recommended'))
      .orderBy(asc(applications.recommendedAt))
      .limit(DEADLINES_SHOWN),
    decisionSettings(db),
  ]);
  const n = (s: Status) => perStatus.find((r) => r.status === s)?.n ?? 0;
  const group: TodoGroup = {
    title: 'todo.membership.title',
    order: 10,
    items: [
      ...WAITING.map((s) => ({ label: `todo.membership.${s}`, count: n(s), href: `/admin/applications?status=${s}` })),
      ...recommended.map((a) => ({
        label: 'todo.membership.deadline',
        count: 1,
        bare: true,
        href: `/admin/applications/${a.id}`,
        params: { reference: applicationReference(a.number), name: a.name },
        due: committeeDeadline(a.recommendedAt!, settings.days),
      })),
    ],
  };
  return [group];
};
