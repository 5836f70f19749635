import { and, asc, count, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { escapeLike, recordAudit } from '../../platform/audit/service.js';
import { claimSubmission } from '../../platform/forms/once.js';
import { issueLink } from '../../platform/links/service.js';
import { PRIORITY_BULK, queueMail } from '../../platform/mail/outbox.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { bulkMail } from './emails.js';
import type { IncomeGroup, UnescoRegion } from '../../platform/geo/countries.js';
import { attendance, financingRequests, meetings, participantCategories, registrations } from './schema.js';
import type { RegStatus } from './allocation.js';
import { meetingPolicy } from './policy.js';
import { placeConditions } from '../../platform/geo/filter.js';
import { incomeYearOf } from './financing.js';

type Meeting = typeof meetings.$inferSelect;

/** The meeting's days in its own time zone (1 = first day). */
export function meetingDays(m: Pick<Meeting, 'startsAt' | 'endsAt' | 'timeZone'>): Date[] {
  const key = new Intl.DateTimeFormat('en-CA', { timeZone: m.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days: Date[] = [];
  for (let t = m.startsAt.getTime(); t <= m.endsAt.getTime(); t += 86_400_000) {
    const d = new Date(t);
    if (!days.some((x) => key.format(x) === key.format(d))) days.push(d);
  }
  if (key.format(days.at(-1)!) !== key.format(m.endsAt)) days.push(m.endsAt);
  return days;
}

export interface RegistrationFilter {
  status?: RegStatus;
  category?: string;
  country?: string;
  region?: UnescoRegion;
  income?: IncomeGroup;
  /** The classification `income` is read in: the meeting's (set by the functions below). */
  incomeYear?: string;
  financing?: 'any' | 'requested' | 'approved' | 'partly' | 'declined' | 'withdrawn';
  q?: string;
}

function where(meetingId: string, f: RegistrationFilter): SQL {
  const w: SQL[] = [eq(registrations.meetingId, meetingId)];
  if (f.status) w.push(eq(registrations.status, f.status));
  if (f.category) w.push(sql`${registrations.categoryId} in (select id from ${participantCategories} where slug = ${f.category} and meeting_id = ${meetingId})`);
  w.push(...placeConditions(registrations.country, f));
  if (f.financing === 'any') w.push(sql`exists (select 1 from ${financingRequests} fr where fr.registration_id = ${registrations.id})`);
  else if (f.financing) w.push(sql`exists (select 1 from ${financingRequests} fr where fr.registration_id = ${registrations.id} and fr.status = ${f.financing})`);
  if (f.q) w.push(or(ilike(registrations.name, `%${escapeLike(f.q)}%`), ilike(registrations.organization, `%${escapeLike(f.q)}%`), ilike(registrations.email, `%${escapeLike(f.q)}%`))!);
  return and(...w)!;
}

/** An income group filter reads the groups in the meeting's classification year, as its financing does. */
async function inMeetingsIncomeYear(db: Executor, meetingId: string, f: RegistrationFilter): Promise<RegistrationFilter> {
  if (!f.income) return f;
  const [m] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  return m ? { ...f, incomeYear: incomeYearOf(m) } : f;
}

/** Registrations matching the filters, in allocation (commit) order. */
export async function filterRegistrations(db: Executor, actor: MaybeActor, meetingId: string, f: RegistrationFilter) {
  authorize(meetingPolicy.registrations(actor), 'meetings.registrations');
  return db.select().from(registrations).where(where(meetingId, await inMeetingsIncomeYear(db, meetingId, f))).orderBy(asc(registrations.seq));
}

/**
 * Registrations leaving the system — an export (CSV/XLSX) or a sheet of badges — with the meeting's
 * categories to name them. Audited with the filters and the number of rows: it is personal data.
 */
export async function exportRegistrations(
  db: Db,
  actor: MaybeActor,
  meeting: { id: string; slug: string },
  f: RegistrationFilter,
  what: { action: 'meetings.registrations.export' | 'meetings.badges'; format?: string; id?: string; ip?: string },
) {
  authorize(meetingPolicy.registrations(actor), 'meetings.registrations');
  return db.transaction(async (tx) => {
    const only = what.id ? eq(registrations.id, what.id) : undefined;
    const [rows, categories] = await Promise.all([
      tx.select().from(registrations).where(and(where(meeting.id, await inMeetingsIncomeYear(tx, meeting.id, f)), only)).orderBy(asc(registrations.seq)),
      tx.select().from(participantCategories).where(eq(participantCategories.meetingId, meeting.id)),
    ]);
    await recordAudit(tx, actor, { action: what.action, targetType: 'meeting', targetId: meeting.slug, after: { format: what.format, filter: f, id: what.id, rows: rows.length }, ip: what.ip });
    return { rows, categories };
  });
}

/** Lunches per day and dietary needs of confirmed participants, for the caterer. */
export async function cateringCounts(db: Executor, actor: MaybeActor, meeting: Meeting) {
  authorize(meetingPolicy.registrations(actor), 'meetings.catering');
  const confirmed = await db.select({ answers: registrations.answers }).from(registrations).where(and(eq(registrations.meetingId, meeting.id), eq(registrations.status, 'confirmed')));
  const days = meetingDays(meeting).map((_, i) => `day${i + 1}`);
  const lunches = days.map((d) => confirmed.filter((r) => ((r.answers.lunch as string[] | undefined) ?? []).includes(d)).length);
  const dietary = new Map<string, number>();
  for (const r of confirmed) {
    const need = String(r.answers.dietary ?? '').trim();
    if (need) dietary.set(need.toLowerCase(), (dietary.get(need.toLowerCase()) ?? 0) + 1);
  }
  return { participants: confirmed.length, lunches, dietary: [...dietary.entries()].sort((a, b) => b[1] - a[1]) };
}

/** Finds confirmed participants by check-in code (from the QR) or by name, with their attendance. */
export async function findForCheckIn(db: Executor, actor: MaybeActor, meetingId: string, q: { code?: string; name?: string }) {
  authorize(meetingPolicy.checkIn(actor), 'meetings.checkin');
  if (!q.code && !q.name) return [];
  const cond = q.code ? eq(registrations.checkInCode, q.code) : or(ilike(registrations.name, `%${escapeLike(q.name!)}%`), ilike(registrations.organization, `%${escapeLike(q.name!)}%`))!;
  const rows = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'confirmed'), cond))
    .orderBy(asc(registrations.name))
    .limit(20);
  const marks = rows.length ? await db.select().from(attendance).where(inArray(attendance.registrationId, rows.map((r) => r.id))) : [];
  return rows.map((r) => ({ reg: r, days: marks.filter((m) => m.registrationId === r.id).map((m) => m.day) }));
}

/** Marks a confirmed participant present on a day (once; marking again changes nothing). */
export async function checkIn(db: Db, actor: MaybeActor, meetingId: string, registrationId: string, day: number): Promise<'ok' | 'already' | 'unknown'> {
  authorize(meetingPolicy.checkIn(actor), 'meetings.checkin');
  const [reg] = await db.select().from(registrations).where(and(eq(registrations.id, registrationId), eq(registrations.meetingId, meetingId), eq(registrations.status, 'confirmed')));
  if (!reg) return 'unknown';
  const inserted = await db.insert(attendance).values({ registrationId, day, byUserId: actor!.id }).onConflictDoNothing().returning();
  return inserted.length ? 'ok' : 'already';
}

/** Present per day, against the confirmed total. */
export async function attendanceCounts(db: Executor, meetingId: string) {
  const rows = await db
    .select({ day: attendance.day, n: count() })
    .from(attendance)
    .innerJoin(registrations, eq(registrations.id, attendance.registrationId))
    .where(eq(registrations.meetingId, meetingId))
    .groupBy(attendance.day);
  const [{ confirmed }] = await db.select({ confirmed: count() }).from(registrations).where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'confirmed')));
  return { confirmed, byDay: Object.fromEntries(rows.map((r) => [r.day, r.n])) as Record<number, number> };
}

/** Figures for the meeting's dashboard, from the registration rows. */
export async function dashboardFigures(db: Executor, actor: MaybeActor, meeting: Meeting) {
  authorize(meetingPolicy.registrations(actor), 'meetings.dashboard');
  const rows = await db
    .select({ createdAt: registrations.createdAt, status: registrations.status, country: registrations.country, categoryId: registrations.categoryId })
    .from(registrations)
    .where(eq(registrations.meetingId, meeting.id));
  const active = rows.filter((r) => r.status !== 'cancelled');
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: meeting.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const tally = <K extends string>(keys: K[]) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const requested = await db
    .select({ estimated: sql<number>`coalesce(sum(${financingRequests.estimatedCost}), 0)::int` })
    .from(financingRequests)
    .innerJoin(registrations, eq(registrations.id, financingRequests.registrationId))
    .where(and(eq(registrations.meetingId, meeting.id), ne(financingRequests.status, 'withdrawn')));
  return {
    perDay: [...tally(active.map((r) => day.format(r.createdAt))).entries()].sort((a, b) => a[0].localeCompare(b[0])),
    byCategory: tally(active.map((r) => r.categoryId)),
    byCountry: active.map((r) => r.country),
    waiting: rows.filter((r) => r.status === 'waiting').length,
    financingRequested: requested[0]?.estimated ?? 0,
  };
}

/**
 * E-mails every registration matching the filters (through the outbox, as bulk mail so
 * transactional mail goes first), each with the link to their own registration. Audited.
 */
export async function emailRegistrations(
  db: Db,
  actor: MaybeActor,
  meeting: Meeting,
  input: { filter: RegistrationFilter; subject: string; body: string; baseUrl: string; onceKey?: unknown; ip?: string },
): Promise<number> {
  authorize(meetingPolicy.registrations(actor), 'meetings.email');
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, input.onceKey)) !== null) return 0;
    const rows = await tx.select().from(registrations).where(where(meeting.id, await inMeetingsIncomeYear(tx, meeting.id, input.filter))).orderBy(asc(registrations.seq));
    for (const reg of rows) {
      const token = await issueLink(tx, 'meetings.registration', reg.id, 'manage');
      await queueMail(tx, {
        to: reg.email,
        locale: reg.locale as Locale,
        template: bulkMail,
        data: { name: reg.name, subject: input.subject, body: input.body, link: `${input.baseUrl}/${reg.locale}/meetings/${meeting.slug}/registration/${token}` },
        priority: PRIORITY_BULK,
      });
    }
    await recordAudit(tx, actor, { action: 'meetings.registrations.email', targetType: 'meeting', targetId: meeting.slug, after: { filter: input.filter, subject: input.subject, recipients: rows.length }, ip: input.ip });
    return rows.length;
  });
}
