import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { forUpdate } from '../../db/locks.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { withText } from '../../platform/i18n/content.js';
import { noteMeetingTexts } from './translations.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { isActiveMemberEmail } from '../membership/service.js';
import { activitySignups, meetings, registrations, sideActivities } from './schema.js';
import { activityMail } from './emails.js';
import { meetingPolicy } from './policy.js';

export type ActivityRow = typeof sideActivities.$inferSelect;

export type ActivityRefusal = 'not-confirmed' | 'members-only' | 'closed' | 'unknown';

/** Can this registration join the activity? Eligibility is checked against records, not declarations. */
export async function activityEligibility(db: Executor, reg: { status: string; email: string }, activity: ActivityRow, meeting: { registrationClosesAt: Date | null }, now: Date): Promise<ActivityRefusal | null> {
  if (reg.status !== 'confirmed') return 'not-confirmed';
  if (meeting.registrationClosesAt && now >= meeting.registrationClosesAt) return 'closed';
  if (activity.membersOnly && !(await isActiveMemberEmail(db, reg.email))) return 'members-only';
  return null;
}

/** The activities of a meeting with a registration's sign-up status and, if any, why it cannot join. */
export async function activitiesFor(db: Executor, reg: { id: string; meetingId: string; status: string; email: string }, meeting: { registrationClosesAt: Date | null }, now = new Date()) {
  const list = await db.select().from(sideActivities).where(eq(sideActivities.meetingId, reg.meetingId)).orderBy(asc(sideActivities.startsAt));
  const signups = list.length
    ? await db.select().from(activitySignups).where(and(eq(activitySignups.registrationId, reg.id), inArray(activitySignups.activityId, list.map((a) => a.id))))
    : [];
  return Promise.all(
    list.map(async (activity) => {
      const signup = signups.find((s) => s.activityId === activity.id && s.status !== 'cancelled');
      return { activity, signup: signup ?? null, refusal: signup ? null : await activityEligibility(db, reg, activity, meeting, now) };
    }),
  );
}

/**
 * Signs a confirmed participant up for a side activity, under the activity's row lock: confirmed
 * while its places last, else on its waiting list.
 */
export async function joinActivity(db: Db, registrationId: string, activityId: string, now = new Date()): Promise<{ ok: true; status: 'confirmed' | 'waiting' } | { ok: false; reason: ActivityRefusal }> {
  return db.transaction(async (tx) => {
    const [activity] = await forUpdate(tx.select().from(sideActivities).where(eq(sideActivities.id, activityId)).$dynamic(), 'activity');
    const [reg] = await tx.select().from(registrations).where(eq(registrations.id, registrationId));
    if (!activity || !reg || reg.meetingId !== activity.meetingId) return { ok: false, reason: 'unknown' } as const;
    const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, reg.meetingId));
    const refusal = await activityEligibility(tx, reg, activity, meeting!, now);
    if (refusal) return { ok: false, reason: refusal } as const;
    const [{ n }] = await tx.select({ n: count() }).from(activitySignups).where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.status, 'confirmed')));
    const status = activity.capacity === null || n < activity.capacity ? 'confirmed' : 'waiting';
    await tx
      .insert(activitySignups)
      .values({ activityId, registrationId, status })
      .onConflictDoUpdate({ target: [activitySignups.activityId, activitySignups.registrationId], set: { status } });
    await queueMail(tx, { to: reg.email, locale: reg.locale as Locale, template: activityMail, data: { name: reg.name, activity: activity.title, originalLocale: meeting!.originalLocale, status, startsAt: activity.startsAt.toISOString(), timeZone: meeting!.timeZone } });
    return { ok: true, status } as const;
  });
}

/** Leaves an activity; the first person on its waiting list takes the place and is told by e-mail. */
export async function leaveActivity(db: Db, registrationId: string, activityId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [activity] = await tx.select().from(sideActivities).where(eq(sideActivities.id, activityId)).for('update');
    if (!activity) return false;
    const [mine] = await tx.select().from(activitySignups).where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.registrationId, registrationId)));
    if (!mine || mine.status === 'cancelled') return false;
    await tx.update(activitySignups).set({ status: 'cancelled' }).where(eq(activitySignups.id, mine.id));
    if (mine.status === 'confirmed') await promoteNext(tx, activity);
    return true;
  });
}

/** Gives the first person waiting for the activity the freed place and tells them. Returns false when nobody was waiting. */
export async function promoteNext(tx: Executor, activity: ActivityRow): Promise<boolean> {
  const [next] = await tx
    .select({ signup: activitySignups, reg: registrations })
    .from(activitySignups)
    .innerJoin(registrations, eq(registrations.id, activitySignups.registrationId))
    .where(and(eq(activitySignups.activityId, activity.id), eq(activitySignups.status, 'waiting'), eq(registrations.status, 'confirmed')))
    .orderBy(asc(activitySignups.seq))
    .limit(1);
  if (!next) return false;
  await tx.update(activitySignups).set({ status: 'confirmed' }).where(eq(activitySignups.id, next.signup.id));
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, activity.meetingId));
  await queueMail(tx, { to: next.reg.email, locale: next.reg.locale as Locale, template: activityMail, data: { name: next.reg.name, activity: activity.title, originalLocale: meeting!.originalLocale, status: 'confirmed', startsAt: activity.startsAt.toISOString(), timeZone: meeting!.timeZone } });
  return true;
}

export interface ActivityInput {
  slug?: string;
  title: string;
  description?: string;
  membersOnly: boolean;
  capacity?: number;
}

/**
 * The Secretariat adds a side activity or changes one, under the activity's lock: places a raised
 * capacity adds go to its waiting list at once. Texts are set in `locale`. Audited.
 */
export async function saveActivity(
  db: Db,
  actor: MaybeActor,
  meeting: { id: string; slug: string; originalLocale: string },
  activityId: string | null,
  a: ActivityInput,
  times: { startsAt: Date; endsAt: Date },
  locale: Locale,
): Promise<'ok' | 'slug-taken' | 'slug-required' | 'unknown'> {
  authorize(meetingPolicy.edit(actor), 'meetings.edit');
  return db.transaction(async (tx) => {
    const [before] = activityId ? await tx.select().from(sideActivities).where(and(eq(sideActivities.id, activityId), eq(sideActivities.meetingId, meeting.id))).for('update') : [];
    if (activityId && !before) return 'unknown';
    const slug = before?.slug ?? a.slug;
    if (!slug) return 'slug-required';
    const values = { title: withText(before?.title ?? {}, locale, a.title), description: withText(before?.description ?? {}, locale, a.description), membersOnly: a.membersOnly, capacity: a.capacity ?? null, ...times };
    let saved: ActivityRow;
    if (before) {
      [saved] = (await tx.update(sideActivities).set(values).where(eq(sideActivities.id, before.id)).returning()) as [ActivityRow];
      await noteMeetingTexts(tx, 'activity', before.id, meeting.originalLocale, locale, before, values);
    } else {
      if ((await tx.select({ id: sideActivities.id }).from(sideActivities).where(and(eq(sideActivities.meetingId, meeting.id), eq(sideActivities.slug, slug)))).length) return 'slug-taken';
      [saved] = (await tx.insert(sideActivities).values({ ...values, slug, meetingId: meeting.id }).returning()) as [ActivityRow];
    }
    await recordAudit(tx, actor, { action: before ? 'meetings.activity.update' : 'meetings.activity.add', targetType: 'meeting', targetId: `${meeting.slug}/${slug}`, before: before ? { title: before.title, capacity: before.capacity, membersOnly: before.membersOnly } : undefined, after: { title: values.title, capacity: values.capacity, membersOnly: values.membersOnly } });
    const [{ n }] = await tx.select({ n: count() }).from(activitySignups).where(and(eq(activitySignups.activityId, saved.id), eq(activitySignups.status, 'confirmed')));
    for (let free = saved.capacity === null ? Infinity : saved.capacity - n; free > 0 && (await promoteNext(tx, saved)); free--);
    return 'ok';
  });
}

/** Sign-ups per activity of a meeting: confirmed and waiting. */
export async function activityCounts(db: Executor, meetingId: string): Promise<Record<string, { confirmed: number; waiting: number }>> {
  const rows = await db
    .select({ id: activitySignups.activityId, status: activitySignups.status, n: count() })
    .from(activitySignups)
    .innerJoin(sideActivities, eq(sideActivities.id, activitySignups.activityId))
    .where(eq(sideActivities.meetingId, meetingId))
    .groupBy(activitySignups.activityId, activitySignups.status);
  const out: Record<string, { confirmed: number; waiting: number }> = {};
  for (const r of rows) {
    const c = (out[r.id] ??= { confirmed: 0, waiting: 0 });
    if (r.status === 'confirmed' || r.status === 'waiting') c[r.status] = r.n;
  }
  return out;
}
