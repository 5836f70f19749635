import { asc, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { TodoProvider } from '../../platform/todo.js';
import { newsletterIssues } from './schema.js';
import { communicationsPolicy } from './policy.js';

/** Issues not finished yet: drafts, those scheduled (with their time), sending and paused. */
const OPEN = ['sending', 'paused', 'scheduled', 'draft'] as const;

/** How many open issues the home page names (the oldest first within each state). */
const SHOWN = 10;

export const newsletterTodo: TodoProvider = async (db: Executor, actor, { locale }) => {
  if (!communicationsPolicy.manageIssues(actor)) return [];
  const rows = await db
    .select({ id: newsletterIssues.id, slug: newsletterIssues.slug, status: newsletterIssues.status, versions: newsletterIssues.versions, defaultLocale: newsletterIssues.defaultLocale, scheduledAt: newsletterIssues.scheduledAt })
    .from(newsletterIssues)
    .where(inArray(newsletterIssues.status, [...OPEN]))
    .orderBy(asc(newsletterIssues.createdAt));
  rows.sort((a, b) => OPEN.indexOf(a.status as (typeof OPEN)[number]) - OPEN.indexOf(b.status as (typeof OPEN)[number]));
  return [
    {
      title: 'todo.newsletter.title',
      order: 25,
      items: rows.slice(0, SHOWN).map((r) => ({
        label: `todo.newsletter.${r.status}`,
        count: 1,
        bare: true,
        href: `/admin/newsletter/${r.id}`,
        params: { subject: (r.versions[locale] ?? r.versions[r.defaultLocale as Locale])?.subject || r.slug },
        due: r.status === 'scheduled' ? (r.scheduledAt ?? undefined) : undefined,
      })),
      ...(rows.length > SHOWN ? [{ label: 'todo.more', count: rows.length - SHOWN, href: '/admin/newsletter' }] : []),
    },
  ];
};
