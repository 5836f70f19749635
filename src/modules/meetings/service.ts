import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { I18nText } from '../../platform/i18n/content.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { meetingSessions, meetings, participantCategories, sideActivities } from './schema.js';
import { hashToken } from '../../platform/auth/tokens.js';
import { scheduleReminders, usage } from './registration.js';
import { isSlug } from '../../platform/forms/fields.js';

export { nextChangeAt } from './allocation.js';
/** For other modules: the newsletter's audience of a meeting's participants. */
export { confirmedParticipantEmails } from './registration.js';
/** For the person's own pages (My membership): their registrations. */
export { registrationsOfAccount } from './mine.js';
import { meetingPolicy } from './policy.js';

export const MEETING_STATUSES = ['draft', 'open', 'closed', 'archived'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export type MeetingView = typeof meetings.$inferSelect;
export type SessionView = typeof meetingSessions.$inferSelect;
export const SESSION_KINDS = ['keynote', 'panel', 'consultation', 'break', 'side'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** The programme of a meeting, in time order. */
export async function programme(db: Executor, meetingId: string): Promise<SessionView[]> {
  return db.select().from(meetingSessions).where(eq(meetingSessions.meetingId, meetingId)).orderBy(asc(meetingSessions.startsAt), asc(meetingSessions.id));
}
export type SideActivityView = typeof sideActivities.$inferSelect;

/** Public meetings, newest first. */
/** The sessions of every meeting that belong to a working group (its slug), newest first, with their meeting. Public. */
export async function sessionsOfGroup(db: Executor, slug: string): Promise<{ session: SessionView; meeting: Pick<MeetingView, 'slug' | 'title' | 'originalLocale' | 'timeZone' | 'status'> }[]> {
  return db
    .select({ session: meetingSessions, meeting: { slug: meetings.slug, title: meetings.title, originalLocale: meetings.originalLocale, timeZone: meetings.timeZone, status: meetings.status } })
    .from(meetingSessions)
    .innerJoin(meetings, eq(meetings.id, meetingSessions.meetingId))
    .where(and(sql`${slug} = any(${meetingSessions.workingGroups})`, ne(meetings.status, 'draft')))
    .orderBy(desc(meetingSessions.startsAt));
}

/** A session as another module links to it (a publication discussed there): its title, time and meeting, for a link into the programme. */
export interface LinkedSession {
  id: string;
  kind: string;
  title: I18nText;
  startsAt: Date;
  endsAt: Date;
  meeting: Pick<MeetingView, 'slug' | 'title' | 'originalLocale' | 'timeZone' | 'status'>;
}

const linkedColumns = {
  id: meetingSessions.id,
  kind: meetingSessions.kind,
  title: meetingSessions.title,
  startsAt: meetingSessions.startsAt,
  endsAt: meetingSessions.endsAt,
  meeting: { slug: meetings.slug, title: meetings.title, originalLocale: meetings.originalLocale, timeZone: meetings.timeZone, status: meetings.status },
};
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Sessions by their ids, with their meeting, in time order: one query. Public: a draft meeting's sessions, and ids that name no session, are left out. */
export async function sessionsByIds(db: Executor, ids: readonly string[]): Promise<LinkedSession[]> {
  const wanted = ids.filter(isUuid);
  if (!wanted.length) return [];
  return db
    .select(linkedColumns)
    .from(meetingSessions)
    .innerJoin(meetings, eq(meetings.id, meetingSessions.meetingId))
    .where(and(inArray(meetingSessions.id, wanted), ne(meetings.status, 'draft')))
    .orderBy(asc(meetingSessions.startsAt), asc(meetingSessions.id));
}

/** The sessions another module may link to: those of every public meeting, breaks left out, the newest meeting first and each in time order: one query. */
export async function linkableSessions(db: Executor): Promise<LinkedSession[]> {
  return db
    .select(linkedColumns)
    .from(meetingSessions)
    .innerJoin(meetings, eq(meetings.id, meetingSessions.meetingId))
    .where(and(ne(meetings.status, 'draft'), ne(meetingSessions.kind, 'break')))
    .orderBy(desc(meetings.startsAt), asc(meetingSessions.startsAt), asc(meetingSessions.id));
}

export async function listMeetings(db: Executor): Promise<MeetingView[]> {
  return db.select().from(meetings).where(ne(meetings.status, 'draft')).orderBy(desc(meetings.startsAt));
}

/**
 * The meeting to show on the home page: the next one that has not ended, else the most recent.
 * `upcoming` tells the page which heading to use.
 */
export async function featuredMeeting(db: Executor, now = new Date()): Promise<{ meeting: MeetingView; upcoming: boolean } | null> {
  // One query: meetings not yet ended first (soonest first), then past ones (latest first).
  const notEnded = sql`${meetings.endsAt} >= ${now}`;
  const [row] = await db
    .select({ meeting: meetings, upcoming: sql<boolean>`${notEnded}` })
    .from(meetings)
    .where(ne(meetings.status, 'draft'))
    .orderBy(desc(notEnded), sql`case when ${notEnded} then ${meetings.startsAt} end asc`, desc(meetings.startsAt))
    .limit(1);
  return row ?? null;
}

export async function getMeeting(db: Executor, actor: MaybeActor, slug: string): Promise<{ meeting: MeetingView; activities: SideActivityView[] } | null> {
  if (!isSlug(slug)) return null;
  const [meeting] = await db.select().from(meetings).where(eq(meetings.slug, slug));
  if (!meeting || !meetingPolicy.view(actor, meeting)) return null;
  const activities = await db.select().from(sideActivities).where(eq(sideActivities.meetingId, meeting.id)).orderBy(asc(sideActivities.startsAt));
  return { meeting, activities };
}

/** Every meeting, drafts included, newest first, with its places taken: the Secretariat's list. */
export async function meetingsOverview(db: Executor, actor: MaybeActor): Promise<{ meeting: MeetingView; taken: number }[]> {
  authorize(meetingPolicy.administer(actor), 'meetings.admin');
  const all = await db.select().from(meetings).orderBy(desc(meetings.startsAt));
  return Promise.all(all.map(async (meeting) => ({ meeting, taken: (await usage(db, meeting.id, new Date())).total })));
}

/** The meeting named in a Secretariat page's URL (`params.slug`), any status (drafts included); refuses anyone else. */
export async function secretariatMeeting(db: Executor, actor: MaybeActor, params: unknown): Promise<MeetingView | null> {
  authorize(meetingPolicy.administer(actor), 'meetings.admin');
  const slug = String((params as { slug?: unknown } | undefined)?.slug ?? '');
  if (!isSlug(slug)) return null;
  const [meeting] = await db.select().from(meetings).where(eq(meetings.slug, slug));
  return meeting ?? null;
}

export interface NewMeeting {
  slug: string;
  title: I18nText;
  description: I18nText;
  originalLocale?: Locale;
  venueName: I18nText;
  venueAddress: string;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  status?: MeetingStatus;
  capacity?: number | null;
  allocation?: 'fcfs' | 'moderated';
  registrationOpensAt?: Date | null;
  registrationClosesAt?: Date | null;
  offerHours?: number;
  financingBudget?: number;
  financingCurrency?: string;
  financingIncomeGroups?: string[];
  /** The World Bank classification year of the income groups ("FY2026"); null or absent: the one in force when registration opens. */
  financingIncomeYear?: string | null;
  financingClosesAt?: Date | null;
  letterSignatoryName?: string;
  letterSignatoryTitle?: I18nText;
  sessions?: { kind: SessionKind; title: I18nText; description?: I18nText; startsAt: Date; endsAt: Date; room?: string; speakers?: string[]; chairs?: string[]; workingGroups?: string[] }[];
  categories?: { slug: string; name: I18nText; quota?: number | null; invitationCode?: string; colour?: string }[];
  activities?: { slug: string; title: I18nText; description: I18nText; startsAt: Date; endsAt: Date; membersOnly?: boolean; capacity?: number }[];
}

/** Creates a meeting with its side activities (skipped if the slug exists). Used by the demo seed and tests. */
export async function createMeeting(db: Executor, m: NewMeeting): Promise<string> {
  const { activities = [], categories = [], sessions = [], ...fields } = m;
  const [row] = await db
    .insert(meetings)
    .values({ ...fields, originalLocale: m.originalLocale ?? 'en', status: m.status ?? 'open' })
    .onConflictDoNothing({ target: meetings.slug })
    .returning({ id: meetings.id });
  if (!row) return (await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.slug, m.slug)))[0]!.id;
  if ((m.capacity ?? null) !== null && m.startsAt.getTime() > Date.now()) await scheduleReminders(db, { id: row.id, startsAt: m.startsAt });
  for (const a of activities) {
    await db.insert(sideActivities).values({ ...a, meetingId: row.id, membersOnly: a.membersOnly ?? false, capacity: a.capacity ?? null });
  }
  for (const session of sessions) {
    await db.insert(meetingSessions).values({ ...session, meetingId: row.id, description: session.description ?? {}, room: session.room ?? '', speakers: session.speakers ?? [], chairs: session.chairs ?? [], workingGroups: session.workingGroups ?? [] });
  }
  for (const [position, c] of categories.entries()) {
    await db.insert(participantCategories).values({
      meetingId: row.id,
      slug: c.slug,
      name: c.name,
      quota: c.quota ?? null,
      invitationCodeHash: c.invitationCode ? hashToken(c.invitationCode.trim().toUpperCase()) : null,
      colour: c.colour ?? '#0b4f8a',
      position,
    });
  }
  return row.id;
}
