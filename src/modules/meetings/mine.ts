import { and, desc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { MaybeActor } from '../../platform/policy.js';
import { meetings, registrations } from './schema.js';
import { meetingPolicy } from './policy.js';
import { IN_FORCE_FIRST } from './registration.js';

/**
 * The meetings the person signed in registered for, under their account's address (latest meeting
 * first), with the registration's state, one per meeting: for their own pages (My membership). Nobody else's.
 */
export async function registrationsOfAccount(db: Executor, actor: MaybeActor) {
  if (!actor || !meetingPolicy.ownRegistration(actor)) return [];
  const rows = await db
    .select({
      status: registrations.status,
      meeting: { slug: meetings.slug, title: meetings.title, originalLocale: meetings.originalLocale, startsAt: meetings.startsAt, endsAt: meetings.endsAt, timeZone: meetings.timeZone },
    })
    .from(registrations)
    .innerJoin(meetings, eq(meetings.id, registrations.meetingId))
    .where(and(eq(registrations.email, actor.email), ne(meetings.status, 'draft')))
    .orderBy(desc(meetings.startsAt), ...IN_FORCE_FIRST);
  // One line per meeting: the registration in force, else the latest cancelled one.
  return rows.filter((r, i) => rows.findIndex((x) => x.meeting.slug === r.meeting.slug) === i);
}
