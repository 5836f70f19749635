import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, lte, ne, or, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.js';
import { forUpdate } from '../../db/locks.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { hashToken } from '../../platform/auth/tokens.js';
import { issueLink, resolveLink } from '../../platform/links/service.js';
import { queueMail, unsolicitedMailAllowed } from '../../platform/mail/outbox.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { activitySignups, meetings, participantCategories, registrations, sideActivities } from './schema.js';
import { promoteNext } from './activities.js';
import { withdrawFinancing } from './financing.js';
import { availableFor, nextOffers, registrationWindow, type Limits, type RegStatus, type Usage } from './allocation.js';
import { CHECK_IN_CID, registrationMail } from './emails.js';
import { icsFile } from './ics.js';
import type { MailAttachment } from '../../platform/mail/schema.js';
import { meetingPolicy } from './policy.js';

export type MeetingRow = typeof meetings.$inferSelect;
export type RegistrationRow = typeof registrations.$inferSelect;

/** Statuses in which a registration holds, or waits for, a place. */
export const ACTIVE_STATUSES: readonly string[] = ['confirmed', 'offered', 'waiting', 'pending'];
export type CategoryRow = typeof participantCategories.$inferSelect;

const LINK_KIND = 'meetings.registration';
export const EXPIRE_OFFER_JOB = 'meetings.expireOffer';

/** Places taken in a meeting right now: confirmed, and offers not yet expired. Counted from the rows. */
export async function usage(tx: Executor, meetingId: string, now: Date): Promise<Usage> {
  const rows = await tx
    .select({ categoryId: registrations.categoryId, n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.meetingId, meetingId),
        or(eq(registrations.status, 'confirmed'), and(eq(registrations.status, 'offered'), gt(registrations.offerExpiresAt, now))),
      ),
    )
    .groupBy(registrations.categoryId);
  const byCategory: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    byCategory[r.categoryId] = r.n;
    total += r.n;
  }
  return { total, byCategory };
}

export async function limitsOf(tx: Executor, meeting: Pick<MeetingRow, 'id' | 'capacity'>): Promise<Limits> {
  const cats = await tx.select({ id: participantCategories.id, quota: participantCategories.quota }).from(participantCategories).where(eq(participantCategories.meetingId, meeting.id));
  return { capacity: meeting.capacity, quotas: Object.fromEntries(cats.map((c) => [c.id, c.quota])) };
}

/** Takes the meeting's row lock: every change to who holds a place goes through it, one at a time, across all app instances. */
export async function lockMeeting(tx: Executor, meetingId: string): Promise<MeetingRow | undefined> {
  const [m] = await forUpdate(tx.select().from(meetings).where(eq(meetings.id, meetingId)).$dynamic(), 'meeting');
  return m;
}

export interface Registrant {
  email: string;
  name: string;
  organization: string;
  country: string;
  locale: Locale;
  answers: Record<string, unknown>;
}

export type RegisterResult =
  | { ok: true; repeat: false; status: RegStatus; position: number | null; manageToken: string }
  /** The address was already registered: nothing about that registration is returned; its owner gets the link by e-mail. */
  | { ok: true; repeat: true }
  | { ok: false; reason: 'no-registration' | 'not-yet' | 'closed' | 'unknown-category' | 'invitation' };

/** The registration row, with the status the allocation gave it. */
async function insertRegistration(tx: Executor, meetingId: string, categoryId: string, status: RegStatus, who: Registrant, offerExpiresAt: Date | null = null) {
  const [row] = await tx
    .insert(registrations)
    .values({
      meetingId,
      categoryId,
      status,
      email: who.email,
      name: who.name,
      organization: who.organization,
      country: who.country,
      locale: who.locale,
      answers: who.answers,
      offerExpiresAt,
      confirmedAt: status === 'confirmed' ? sql`now()` : null,
      checkInCode: randomBytes(9).toString('base64url'),
    })
    .returning();
  return row!;
}

/** Where a waiting person stands: 1 = next in line. */
export async function waitingPosition(tx: Executor, reg: Pick<RegistrationRow, 'meetingId' | 'seq'>): Promise<number> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.meetingId, reg.meetingId), eq(registrations.status, 'waiting'), lte(registrations.seq, reg.seq)));
  return n;
}

async function manageUrl(tx: Executor, reg: Pick<RegistrationRow, 'id' | 'locale'>, baseUrl: string, slug: string) {
  const token = await issueLink(tx, LINK_KIND, reg.id, 'manage');
  return { token, url: `${baseUrl}/${reg.locale}/meetings/${slug}/registration/${token}` };
}

/**
 * Pre-registers a person for a meeting. Under the meeting's row lock: first come, first served
 * while places last in the category and in total (else the waiting list), or pending for the
 * Secretariat when the meeting is moderated. The same e-mail address registers once per meeting:
 * the form proves nothing about who typed an address, so a second submission changes nothing and
 * learns nothing — the registration's owner gets its link by e-mail (within the address's hourly
 * limit of unsolicited mail). A cancelled registration does not count: its person registers again
 * as a newcomer would (a new registration, at the end of the line; the cancelled one stays).
 */
export async function register(
  db: Db,
  input: { meetingId: string; categorySlug: string; invitationCode?: string; who: Registrant; baseUrl: string; now?: Date },
): Promise<RegisterResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, input.meetingId);
    if (!meeting) return { ok: false, reason: 'no-registration' } as const;
    const window = registrationWindow(meeting, now);
    if (window !== 'open') return { ok: false, reason: window === 'none' ? 'no-registration' : window } as const;
    const [category] = await tx
      .select()
      .from(participantCategories)
      .where(and(eq(participantCategories.meetingId, meeting.id), eq(participantCategories.slug, input.categorySlug)));
    if (!category) return { ok: false, reason: 'unknown-category' } as const;
    if (category.invitationCodeHash && hashToken((input.invitationCode ?? '').trim().toUpperCase()) !== category.invitationCodeHash) {
      return { ok: false, reason: 'invitation' } as const;
    }

    const [existing] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.meetingId, meeting.id), eq(registrations.email, input.who.email), ne(registrations.status, 'cancelled')));
    if (existing) {
      if (await unsolicitedMailAllowed(tx, existing.email)) {
        const link = await manageUrl(tx, existing, input.baseUrl, meeting.slug);
        await queueMail(tx, { to: existing.email, locale: existing.locale as Locale, template: registrationMail, data: mailData(meeting, existing, link.url, 'again'), unsolicited: true });
      }
      return { ok: true, repeat: true } as const;
    }

    let status: RegStatus;
    if (meeting.allocation === 'moderated') status = 'pending';
    else status = availableFor(await limitsOf(tx, meeting), await usage(tx, meeting.id, now), category.id) > 0 ? 'confirmed' : 'waiting';
    const reg = await insertRegistration(tx, meeting.id, category.id, status, input.who);
    const position = status === 'waiting' ? await waitingPosition(tx, reg) : null;
    const link = await manageUrl(tx, reg, input.baseUrl, meeting.slug);
    const attachments = status === 'confirmed' ? await confirmationAttachments(meeting, reg, input.baseUrl) : [];
    await queueMail(tx, { to: reg.email, locale: reg.locale as Locale, template: registrationMail, data: mailData(meeting, reg, link.url, status, position), attachments, unsolicited: true });
    return { ok: true, repeat: false, status, position, manageToken: link.token } as const;
  });
}

/** What a confirmed participant gets with the e-mail: the check-in QR code and the meeting as a calendar file. */
async function confirmationAttachments(meeting: MeetingRow, reg: RegistrationRow, baseUrl: string): Promise<MailAttachment[]> {
  const { default: QRCode } = await import('qrcode'); // loaded on the first confirmation
  const qr = await QRCode.toBuffer(`BRIDGES-CHECKIN:${reg.checkInCode}`, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const ics = icsFile({
    name: meeting.slug,
    timeZone: meeting.timeZone,
    locale: reg.locale as Locale,
    originalLocale: meeting.originalLocale,
    events: [{ uid: `meeting-${meeting.id}@${new URL(baseUrl).host}`, title: meeting.title, description: meeting.description, startsAt: meeting.startsAt, endsAt: meeting.endsAt, location: meeting.venueAddress, url: `${baseUrl}/${reg.locale}/meetings/${meeting.slug}` }],
  });
  return [
    { filename: 'check-in.png', contentType: 'image/png', content: qr.toString('base64'), cid: CHECK_IN_CID },
    { filename: `${meeting.slug}.ics`, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: Buffer.from(ics).toString('base64') },
  ];
}

function mailData(meeting: MeetingRow, reg: RegistrationRow, link: string, event: string, position: number | null = null) {
  return {
    event,
    name: reg.name,
    meetingTitle: meeting.title,
    originalLocale: meeting.originalLocale,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    timeZone: meeting.timeZone,
    link,
    position,
    offerExpiresAt: reg.offerExpiresAt?.toISOString() ?? null,
    checkIn: event === 'confirmed',
    checkInCode: event === 'confirmed' ? reg.checkInCode : undefined,
  };
}

/**
 * Offers every freed place to the next people in line (one at a time down the list), each with a
 * deadline; an expiry job is queued for each offer. Call under the meeting's lock.
 */
export async function offerFreedPlaces(tx: Executor, meeting: MeetingRow, now: Date, baseUrl: string): Promise<number> {
  if (meeting.allocation !== 'fcfs' || meeting.capacity === null) return 0;
  const waiting = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.meetingId, meeting.id), eq(registrations.status, 'waiting')))
    .orderBy(asc(registrations.seq));
  const offers = nextOffers(waiting, await limitsOf(tx, meeting), await usage(tx, meeting.id, now));
  const expires = new Date(now.getTime() + meeting.offerHours * 3_600_000);
  for (const reg of offers) {
    await tx.update(registrations).set({ status: 'offered', offerExpiresAt: expires }).where(eq(registrations.id, reg.id));
    const link = await manageUrl(tx, reg, baseUrl, meeting.slug);
    await queueMail(tx, { to: reg.email, locale: reg.locale as Locale, template: registrationMail, data: mailData(meeting, { ...reg, offerExpiresAt: expires }, link.url, 'offered') });
    await enqueueJob(tx, EXPIRE_OFFER_JOB, { registrationId: reg.id }, { runAt: expires });
  }
  return offers.length;
}

export async function registrationByLink(db: Executor, token: string) {
  const id = await resolveLink(db, token, LINK_KIND, 'manage');
  if (!id) return null;
  const [row] = await db
    .select({ reg: registrations, meeting: meetings, category: participantCategories })
    .from(registrations)
    .innerJoin(meetings, eq(meetings.id, registrations.meetingId))
    .innerJoin(participantCategories, eq(participantCategories.id, registrations.categoryId))
    .where(eq(registrations.id, id));
  if (!row) return null;
  return { ...row, position: row.reg.status === 'waiting' ? await waitingPosition(db, row.reg) : null };
}

type ChangeResult = 'ok' | 'not-allowed' | 'expired' | 'full';

/** Runs a change to one registration under its meeting's lock, re-reading the row inside the lock. */
async function withLockedRegistration(db: Db, registrationId: string, fn: (tx: Executor, reg: RegistrationRow, meeting: MeetingRow) => Promise<ChangeResult>): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const [first] = await tx.select({ meetingId: registrations.meetingId }).from(registrations).where(eq(registrations.id, registrationId));
    if (!first) return 'not-allowed';
    const meeting = (await lockMeeting(tx, first.meetingId))!;
    const [reg] = await tx.select().from(registrations).where(eq(registrations.id, registrationId));
    return fn(tx, reg!, meeting);
  });
}

/**
 * Cancels a registration, with all it holds: a place is offered to the next person at once, the
 * side-activity places go to those waiting for them, and a financing request is withdrawn (an
 * amount granted returns to the budget).
 */
export async function cancelRegistration(db: Db, registrationId: string, baseUrl: string, now = new Date()): Promise<ChangeResult> {
  return withLockedRegistration(db, registrationId, async (tx, reg, meeting) => {
    if (!ACTIVE_STATUSES.includes(reg.status)) return 'not-allowed';
    await tx.update(registrations).set({ status: 'cancelled', cancelledAt: sql`now()`, offerExpiresAt: null }).where(eq(registrations.id, reg.id));
    // Activities in a fixed order, each under its own lock after the meeting's (as erasure takes them).
    const signups = await tx
      .select()
      .from(activitySignups)
      .where(and(eq(activitySignups.registrationId, reg.id), inArray(activitySignups.status, ['confirmed', 'waiting'])))
      .orderBy(asc(activitySignups.activityId));
    for (const signup of signups) {
      const [activity] = await forUpdate(tx.select().from(sideActivities).where(eq(sideActivities.id, signup.activityId)).$dynamic(), 'activity');
      await tx.update(activitySignups).set({ status: 'cancelled' }).where(eq(activitySignups.id, signup.id));
      if (signup.status === 'confirmed') await promoteNext(tx, activity!);
    }
    await withdrawFinancing(tx, reg.id);
    if (reg.status === 'confirmed' || reg.status === 'offered') await offerFreedPlaces(tx, meeting, now, baseUrl);
    return 'ok';
  });
}

/** Accepts an offered place before its deadline. */
export async function acceptOffer(db: Db, registrationId: string, baseUrl: string, now = new Date()): Promise<ChangeResult> {
  return withLockedRegistration(db, registrationId, async (tx, reg, meeting) => {
    if (reg.status !== 'offered') return 'not-allowed';
    if (!reg.offerExpiresAt || reg.offerExpiresAt <= now) return 'expired';
    await tx.update(registrations).set({ status: 'confirmed', confirmedAt: sql`now()`, offerExpiresAt: null }).where(eq(registrations.id, reg.id));
    const link = await manageUrl(tx, reg, baseUrl, meeting.slug);
    await queueMail(tx, {
      to: reg.email,
      locale: reg.locale as Locale,
      template: registrationMail,
      data: mailData(meeting, reg, link.url, 'confirmed'),
      attachments: await confirmationAttachments(meeting, reg, baseUrl),
    });
    return 'ok';
  });
}

/** Declines an offered place: it passes on to the next person. */
export async function declineOffer(db: Db, registrationId: string, baseUrl: string, now = new Date()): Promise<ChangeResult> {
  return withLockedRegistration(db, registrationId, async (tx, reg, meeting) => {
    if (reg.status !== 'offered') return 'not-allowed';
    await tx.update(registrations).set({ status: 'declined', offerExpiresAt: null }).where(eq(registrations.id, reg.id));
    await offerFreedPlaces(tx, meeting, now, baseUrl);
    return 'ok';
  });
}

/** The expiry job: an offer not accepted in time lapses and passes on. Does nothing if it was accepted or declined. */
export async function expireOffer(db: Db, registrationId: string, baseUrl: string, now = new Date()): Promise<ChangeResult> {
  return withLockedRegistration(db, registrationId, async (tx, reg, meeting) => {
    if (reg.status !== 'offered' || !reg.offerExpiresAt || reg.offerExpiresAt > now) return 'not-allowed';
    await tx.update(registrations).set({ status: 'expired', offerExpiresAt: null }).where(eq(registrations.id, reg.id));
    await offerFreedPlaces(tx, meeting, now, baseUrl);
    return 'ok';
  });
}

/** The Secretariat changes the capacity; places it adds go to the waiting list at once. Audited. */
export async function setCapacity(db: Db, actor: MaybeActor, meetingId: string, capacity: number, baseUrl: string, now = new Date()): Promise<number> {
  authorize(meetingPolicy.edit(actor), 'meetings.capacity');
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) return 0;
    await tx.update(meetings).set({ capacity }).where(eq(meetings.id, meetingId));
    await recordAudit(tx, actor, { action: 'meetings.capacity', targetType: 'meeting', targetId: meeting.slug, before: { capacity: meeting.capacity }, after: { capacity } });
    return offerFreedPlaces(tx, { ...meeting, capacity }, now, baseUrl);
  });
}

/** Counts for the Secretariat: each status, and the places taken. */
export async function registrationCounts(db: Executor, meetingId: string, now = new Date()) {
  const rows = await db.select({ status: registrations.status, n: count() }).from(registrations).where(eq(registrations.meetingId, meetingId)).groupBy(registrations.status);
  return { byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<RegStatus, number>>, taken: (await usage(db, meetingId, now)).total };
}

/** The e-mail addresses of a meeting's confirmed participants, as a subquery (newsletter audiences). */
export function confirmedParticipantEmails(meetingId: string) {
  return new QueryBuilder()
    .select({ email: registrations.email })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'confirmed')));
}

export async function categoriesOf(db: Executor, meetingId: string): Promise<CategoryRow[]> {
  return db.select().from(participantCategories).where(eq(participantCategories.meetingId, meetingId)).orderBy(asc(participantCategories.position));
}

export const REMINDER_JOB = 'meetings.sendReminders';
export const REMINDER_DAYS_BEFORE = 3;

/**
 * Schedules the reminder e-mails of a meeting (once per meeting: the job's key is unique). With
 * `move`, a meeting that moved has its reminders moved too (people already reminded are not again).
 */
export async function scheduleReminders(tx: Executor, meeting: Pick<MeetingRow, 'id' | 'startsAt'>, opts: { move?: boolean } = {}): Promise<void> {
  const runAt = new Date(meeting.startsAt.getTime() - REMINDER_DAYS_BEFORE * 86_400_000);
  await enqueueJob(tx, REMINDER_JOB, { meetingId: meeting.id }, { runAt, uniqueKey: `${REMINDER_JOB}:${meeting.id}`, replace: opts.move });
}

/** The reminder job: every confirmed participant not yet reminded gets one e-mail with the link to their registration. */
export async function sendReminders(db: Db, meetingId: string, baseUrl: string): Promise<number> {
  return db.transaction(async (tx) => {
    const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId));
    if (!meeting) return 0;
    const due = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'confirmed'), sql`${registrations.remindedAt} is null`))
      .for('update', { skipLocked: true });
    for (const reg of due) {
      const link = await manageUrl(tx, reg, baseUrl, meeting.slug);
      await queueMail(tx, { to: reg.email, locale: reg.locale as Locale, template: registrationMail, data: mailData(meeting, reg, link.url, 'reminder') });
      await tx.update(registrations).set({ remindedAt: sql`now()` }).where(eq(registrations.id, reg.id));
    }
    return due.length;
  });
}

/** The Secretariat confirms (if places remain) or declines a registration in a moderated meeting. */
export async function moderateRegistration(db: Db, actor: MaybeActor, registrationId: string, decision: 'confirm' | 'decline', baseUrl: string, now = new Date()): Promise<'ok' | 'full' | 'not-allowed'> {
  authorize(meetingPolicy.moderate(actor), 'meetings.moderate');
  return withLockedRegistration(db, registrationId, async (tx, reg, meeting) => {
    if (reg.status !== 'pending') return 'not-allowed';
    if (decision === 'confirm' && availableFor(await limitsOf(tx, meeting), await usage(tx, meeting.id, now), reg.categoryId) <= 0) return 'full';
    const status = decision === 'confirm' ? 'confirmed' : 'declined';
    await tx.update(registrations).set({ status, confirmedAt: decision === 'confirm' ? sql`now()` : null }).where(eq(registrations.id, reg.id));
    await recordAudit(tx, actor, { action: `meetings.registration.${decision}`, targetType: 'registration', targetId: reg.email, before: { status: 'pending' }, after: { status } });
    const link = await manageUrl(tx, reg, baseUrl, meeting.slug);
    await queueMail(tx, {
      to: reg.email,
      locale: reg.locale as Locale,
      template: registrationMail,
      data: mailData(meeting, reg, link.url, status === 'confirmed' ? 'confirmed' : 'moderationDeclined'),
      attachments: status === 'confirmed' ? await confirmationAttachments(meeting, { ...reg, status }, baseUrl) : [],
    });
    return 'ok';
  }) as Promise<'ok' | 'full' | 'not-allowed'>;
}

/** A fresh private link to the signed-in person's own registration for a meeting (matched by their account's e-mail). */
/** Of one person's registrations for a meeting: the one in force first, then the latest cancelled (from which they may register again). */
export const IN_FORCE_FIRST = [sql`${registrations.status} = 'cancelled'`, desc(registrations.seq)];

export async function linkForAccount(db: Executor, actor: MaybeActor, meetingId: string): Promise<string | null> {
  authorize(meetingPolicy.ownRegistration(actor), 'meetings.own');
  if (!actor) return null;
  // The registration in force; else the latest cancelled one (from which the person may register again).
  const [reg] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.email, actor.email)))
    .orderBy(...IN_FORCE_FIRST)
    .limit(1);
  return reg ? issueLink(db, LINK_KIND, reg.id, 'manage') : null;
}

export interface RegistrationDetails {
  organization: string;
  passportName: string;
  languages: string[];
  accessibility: string;
  lunch: string[];
  dietary: string;
}

/** Changes the practical details of a registration that is still active, until registration closes. The place itself is not affected. */
export async function updateRegistrationDetails(db: Db, registrationId: string, details: RegistrationDetails, now = new Date()): Promise<ChangeResult> {
  return withLockedRegistration(db, registrationId, async (tx, reg, meeting) => {
    if (!['confirmed', 'waiting', 'offered', 'pending'].includes(reg.status)) return 'not-allowed';
    if (meeting.registrationClosesAt && now >= meeting.registrationClosesAt) return 'not-allowed';
    const { organization, ...answers } = details;
    await tx.update(registrations).set({ organization, answers: { ...reg.answers, ...answers } }).where(eq(registrations.id, reg.id));
    return 'ok';
  });
}

/**
 * The Secretariat moves a registration to another category (no invitation code needed). A held
 * place moves with it only if the new category's quota has room; the place it leaves in the old
 * category's quota goes to the waiting list at once. Audited.
 */
export async function changeCategory(db: Db, actor: MaybeActor, registrationId: string, categoryId: string, baseUrl: string, now = new Date()): Promise<ChangeResult> {
  authorize(meetingPolicy.moderate(actor), 'meetings.moderate');
  return withLockedRegistration(db, registrationId, async (tx, reg, meeting) => {
    if (!ACTIVE_STATUSES.includes(reg.status) || reg.categoryId === categoryId) return 'not-allowed';
    const [target] = await tx.select().from(participantCategories).where(and(eq(participantCategories.id, categoryId), eq(participantCategories.meetingId, meeting.id)));
    if (!target) return 'not-allowed';
    const current = await usage(tx, meeting.id, now);
    const holds = reg.status === 'confirmed' || (reg.status === 'offered' && !!reg.offerExpiresAt && reg.offerExpiresAt > now);
    if (holds && target.quota !== null && (current.byCategory[target.id] ?? 0) >= target.quota) return 'full';
    await tx.update(registrations).set({ categoryId }).where(eq(registrations.id, reg.id));
    await recordAudit(tx, actor, { action: 'meetings.registration.category', targetType: 'registration', targetId: reg.email, before: { category: reg.categoryId }, after: { category: categoryId } });
    await offerFreedPlaces(tx, meeting, now, baseUrl);
    return 'ok';
  });
}
