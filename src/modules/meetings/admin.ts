import { and, count, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { fromLocal, toLocal } from '../../platform/forms/datetime.js';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { localize, withText, type I18nText } from '../../platform/i18n/content.js';
import { noteMeetingTexts } from './translations.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { asList, field } from '../../platform/forms/fields.js';
import { INCOME_GROUPS, INCOME_YEARS } from '../../platform/geo/countries.js';
import { hashToken } from '../../platform/auth/tokens.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { attendance, meetingSessions, meetings, participantCategories, registrations, sideActivities } from './schema.js';
import { categoriesOf, lockMeeting, offerFreedPlaces, scheduleReminders, type CategoryRow, type MeetingRow } from './registration.js';
import { questionsOf } from './questions.js';
import { financingOf } from './financing.js';
import { MEETING_STATUSES, SESSION_KINDS, type SessionView } from './service.js';
import { activityCounts, type ActivityRow } from './activities.js';
import { meetingPolicy } from './policy.js';

/**
 * The Secretariat's editing of a meeting: its settings, its programme and its participant
 * categories. Translatable texts are edited one language at a time: the language of the page.
 */

const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone').concat('UTC'));

/** Every rule of the meeting settings form. Times are checked against the chosen zone after parsing. */
export const meetingSettingsBody = z
  .object({
    slug: field.slug('meetings.errors.slug'),
    title: field.text({ max: 200 }),
    description: field.optionalText({ max: 5000 }),
    venueName: field.text({ max: 200 }),
    venueAddress: field.optionalText({ max: 500 }),
    timeZone: z.string({ message: 'meetings.errors.timeZone' }).refine((z) => TIME_ZONES.has(z), { message: 'meetings.errors.timeZone' }),
    startsAt: field.dateTime(),
    endsAt: field.dateTime(),
    status: field.choice(MEETING_STATUSES),
    allocation: field.choice(['fcfs', 'moderated']),
    capacity: field.optionalWholeNumber(0, 100_000, 'meetings.errors.capacity'),
    registrationOpensAt: field.optionalDateTime(),
    registrationClosesAt: field.optionalDateTime(),
    offerHours: field.wholeNumber(1, 720, 'meetings.errors.offerHours'),
    financingBudget: field.wholeNumber(0, 100_000_000, 'meetings.errors.budget'),
    financingCurrency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, { message: 'meetings.errors.currency' }),
    financingIncomeGroups: field.many(INCOME_GROUPS),
    /** Empty: the classification in force when registration opens. */
    financingIncomeYear: field.optionalChoice(INCOME_YEARS as [string, ...string[]]),
    financingClosesAt: field.optionalDateTime(),
    signatoryName: field.optionalText({ max: 200 }),
    signatoryTitle: field.optionalText({ max: 200 }),
  })
  .superRefine((v, ctx) => {
    const at = (s: string | undefined) => (s ? fromLocal(s, v.timeZone) : null);
    for (const key of ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt', 'financingClosesAt'] as const) {
      if (v[key] && !at(v[key])) ctx.addIssue({ code: 'custom', path: [key], message: 'form.errors.dateTime' });
    }
    const [starts, ends, opens, closes] = [at(v.startsAt), at(v.endsAt), at(v.registrationOpensAt), at(v.registrationClosesAt)];
    if (starts && ends && ends <= starts) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'meetings.errors.endBeforeStart' });
    if (opens && closes && closes <= opens) ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: 'meetings.errors.closeBeforeOpen' });
  });
export type MeetingSettings = z.infer<typeof meetingSettingsBody>;

/** The form's values for an existing meeting, in the language being edited. */
export function meetingFormValues(m: MeetingRow, locale: Locale): Record<string, string | string[]> {
  return {
    slug: m.slug,
    title: m.title[locale] ?? '',
    description: m.description[locale] ?? '',
    venueName: m.venueName[locale] ?? '',
    venueAddress: m.venueAddress,
    timeZone: m.timeZone,
    startsAt: toLocal(m.startsAt, m.timeZone),
    endsAt: toLocal(m.endsAt, m.timeZone),
    status: m.status,
    allocation: m.allocation,
    capacity: m.capacity === null ? '' : String(m.capacity),
    registrationOpensAt: toLocal(m.registrationOpensAt, m.timeZone),
    registrationClosesAt: toLocal(m.registrationClosesAt, m.timeZone),
    offerHours: String(m.offerHours),
    financingBudget: String(m.financingBudget),
    financingCurrency: m.financingCurrency,
    financingIncomeGroups: m.financingIncomeGroups,
    financingIncomeYear: m.financingIncomeYear ?? '',
    financingClosesAt: toLocal(m.financingClosesAt, m.timeZone),
    signatoryName: m.letterSignatoryName,
    signatoryTitle: m.letterSignatoryTitle[locale] ?? '',
  };
}

function columns(v: MeetingSettings, base: Pick<MeetingRow, 'title' | 'description' | 'venueName' | 'letterSignatoryTitle'>, locale: Locale) {
  const at = (s: string | undefined) => (s ? fromLocal(s, v.timeZone) : null);
  return {
    title: withText(base.title, locale, v.title),
    description: withText(base.description, locale, v.description),
    venueName: withText(base.venueName, locale, v.venueName),
    venueAddress: v.venueAddress ?? '',
    timeZone: v.timeZone,
    startsAt: at(v.startsAt)!,
    endsAt: at(v.endsAt)!,
    status: v.status,
    allocation: v.allocation,
    registrationOpensAt: at(v.registrationOpensAt),
    registrationClosesAt: at(v.registrationClosesAt),
    offerHours: v.offerHours,
    financingBudget: v.financingBudget,
    financingCurrency: v.financingCurrency,
    financingIncomeGroups: [...v.financingIncomeGroups],
    financingIncomeYear: v.financingIncomeYear ?? null,
    financingClosesAt: at(v.financingClosesAt),
    letterSignatoryName: v.signatoryName ?? '',
    letterSignatoryTitle: withText(base.letterSignatoryTitle, locale, v.signatoryTitle),
  };
}

export type SaveMeetingResult = { ok: true; slug: string } | { ok: false; field: 'slug'; message: string };

/** Creates a meeting from the settings form; the language of the page becomes its original language. Audited. */
export async function createMeetingFromForm(db: Db, actor: MaybeActor, v: MeetingSettings, locale: Locale): Promise<SaveMeetingResult> {
  requireMeetingEditor(actor);
  if (!v.slug) return { ok: false, field: 'slug', message: 'form.errors.required' };
  const slug = v.slug;
  return db.transaction(async (tx) => {
    const values = { ...columns(v, { title: {}, description: {}, venueName: {}, letterSignatoryTitle: {} }, locale), slug, originalLocale: locale, capacity: v.capacity ?? null };
    const [row] = await tx.insert(meetings).values(values).onConflictDoNothing({ target: meetings.slug }).returning();
    if (!row) return { ok: false as const, field: 'slug' as const, message: 'meetings.errors.slugTaken' };
    if (row.capacity !== null) await scheduleReminders(tx, row);
    await recordAudit(tx, actor, { action: 'meetings.create', targetType: 'meeting', targetId: slug, after: { title: v.title, startsAt: row.startsAt, status: row.status } });
    return { ok: true as const, slug };
  });
}

/**
 * Saves the settings of a meeting (capacity has its own form, because raising it offers places).
 * Moving the meeting moves its reminder e-mails. Audited with what changed.
 */
export async function updateMeeting(db: Db, actor: MaybeActor, meetingId: string, v: MeetingSettings, locale: Locale): Promise<SaveMeetingResult> {
  requireMeetingEditor(actor);
  return db.transaction(async (tx) => {
    const before = (await lockMeeting(tx, meetingId))!;
    const next = columns(v, before, locale);
    await tx.update(meetings).set(next).where(eq(meetings.id, meetingId));
    await noteMeetingTexts(tx, 'meeting', meetingId, before.originalLocale, locale, before, next);
    if (before.capacity !== null && next.startsAt.getTime() !== before.startsAt.getTime()) await scheduleReminders(tx, { id: meetingId, startsAt: next.startsAt }, { move: true });
    const changed = Object.keys(next).filter((k) => JSON.stringify(next[k as keyof typeof next]) !== JSON.stringify(before[k as keyof MeetingRow]));
    await recordAudit(tx, actor, {
      action: 'meetings.update',
      targetType: 'meeting',
      targetId: before.slug,
      before: Object.fromEntries(changed.map((k) => [k, before[k as keyof MeetingRow]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k as keyof typeof next]])),
    });
    return { ok: true as const, slug: before.slug };
  });
}

// ——— Programme ———

/** The working groups a session can belong to, for the programme's form: open ones, named in the page's language. */
export async function sessionGroupChoices(db: Executor, locale: Locale): Promise<{ value: string; label: string }[]> {
  return (await listWorkingGroups(db, { active: true })).map((g) => ({ value: g.slug, label: localize(g.name, locale, g.originalLocale).text }));
}

/** Of the slugs given, those of working groups that exist (a form could send anything). */
async function knownGroups(db: Executor, slugs: string[]): Promise<string[]> {
  if (!slugs.length) return [];
  const known = new Set((await listWorkingGroups(db)).map((g) => g.slug));
  return [...new Set(slugs)].filter((slug) => known.has(slug));
}

export const sessionBody = z
  .object({
    kind: field.choice(SESSION_KINDS),
    title: field.text({ max: 300 }),
    description: field.optionalText({ max: 3000 }),
    startsAt: field.dateTime(),
    endsAt: field.dateTime(),
    room: field.optionalText({ max: 200 }),
    speakers: z.string().max(3000).optional(),
    chairs: z.string().max(1000).optional(),
    /** The working groups the session belongs to (their slugs; checked against the groups there are when saved). */
    workingGroups: z.preprocess(asList, z.array(z.string().max(80)).max(20)),
  })
  .transform((s) => ({ ...s, speakers: lines(s.speakers), chairs: lines(s.chairs) }));
export type SessionInput = z.infer<typeof sessionBody>;

const lines = (text: string | undefined) => (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

export function sessionFormValues(s: SessionView, m: Pick<MeetingRow, 'timeZone'>, locale: Locale): Record<string, string | string[]> {
  return {
    kind: s.kind,
    title: s.title[locale] ?? '',
    description: s.description[locale] ?? '',
    startsAt: toLocal(s.startsAt, m.timeZone),
    endsAt: toLocal(s.endsAt, m.timeZone),
    room: s.room,
    speakers: s.speakers.join('\n'),
    chairs: s.chairs.join('\n'),
    workingGroups: s.workingGroups,
  };
}

export type Times = { startsAt: Date; endsAt: Date } | { field: 'startsAt' | 'endsAt'; message: string };

/** Reads a start and an end typed in the meeting's zone: both real, the end after the start. */
export function timesIn(s: { startsAt: string; endsAt: string }, timeZone: string): Times {
  const startsAt = fromLocal(s.startsAt, timeZone);
  const endsAt = fromLocal(s.endsAt, timeZone);
  if (!startsAt) return { field: 'startsAt', message: 'form.errors.dateTime' };
  if (!endsAt) return { field: 'endsAt', message: 'form.errors.dateTime' };
  if (endsAt <= startsAt) return { field: 'endsAt', message: 'meetings.errors.endBeforeStart' };
  return { startsAt, endsAt };
}

/** A session's times, which must also fall within the meeting's days. */
export function sessionTimes(s: SessionInput, m: Pick<MeetingRow, 'timeZone' | 'startsAt' | 'endsAt'>): Times {
  const times = timesIn(s, m.timeZone);
  if ('field' in times) return times;
  const firstDay = DateTime.fromJSDate(m.startsAt, { zone: m.timeZone }).startOf('day');
  const lastDay = DateTime.fromJSDate(m.endsAt, { zone: m.timeZone }).endOf('day');
  if (times.startsAt < firstDay.toJSDate() || times.endsAt > lastDay.toJSDate()) return { field: 'startsAt', message: 'meetings.errors.outsideMeeting' };
  return times;
}

/** Adds a session, or changes one of this meeting's. Audited. Returns false when the session is not the meeting's. */
export async function saveSession(db: Db, actor: MaybeActor, meeting: MeetingRow, sessionId: string | null, s: SessionInput, times: { startsAt: Date; endsAt: Date }, locale: Locale): Promise<boolean> {
  requireMeetingEditor(actor);
  return db.transaction(async (tx) => {
    const [before] = sessionId ? await tx.select().from(meetingSessions).where(and(eq(meetingSessions.id, sessionId), eq(meetingSessions.meetingId, meeting.id))) : [];
    if (sessionId && !before) return false;
    const values = {
      kind: s.kind,
      title: withText(before?.title ?? {}, locale, s.title),
      description: withText(before?.description ?? {}, locale, s.description),
      ...times,
      room: s.room ?? '',
      speakers: s.speakers,
      chairs: s.chairs,
      workingGroups: await knownGroups(tx, s.workingGroups),
    };
    if (before) {
      await tx.update(meetingSessions).set(values).where(eq(meetingSessions.id, before.id));
      await noteMeetingTexts(tx, 'session', before.id, meeting.originalLocale, locale, before, values);
    } else await tx.insert(meetingSessions).values({ ...values, meetingId: meeting.id });
    await recordAudit(tx, actor, { action: before ? 'meetings.session.update' : 'meetings.session.add', targetType: 'meeting', targetId: meeting.slug, before: before ? { title: before.title, startsAt: before.startsAt } : undefined, after: { title: s.title, startsAt: times.startsAt } });
    return true;
  });
}

export async function removeSession(db: Db, actor: MaybeActor, meeting: MeetingRow, sessionId: string): Promise<boolean> {
  requireMeetingEditor(actor);
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(meetingSessions).where(and(eq(meetingSessions.id, sessionId), eq(meetingSessions.meetingId, meeting.id))).returning();
    if (gone) await recordAudit(tx, actor, { action: 'meetings.session.remove', targetType: 'meeting', targetId: meeting.slug, before: { title: gone.title, startsAt: gone.startsAt } });
    return !!gone;
  });
}

// ——— Participant categories ———

export const categoryBody = z.object({
  slug: field.slug('meetings.errors.slug', 1),
  name: field.text({ max: 200 }),
  quota: field.optionalWholeNumber(0, 100_000, 'meetings.errors.capacity'),
  colour: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, { message: 'meetings.errors.colour' }),
  /** code: keep the current one; new: set `invitationCode`; none: open to all. */
  codeAction: field.choice(['keep', 'new', 'none']),
  invitationCode: field.optionalText({ max: 100 }),
}).refine((c) => c.codeAction !== 'new' || (c.invitationCode?.length ?? 0) >= 4, { path: ['invitationCode'], message: 'meetings.errors.code' });
export type CategoryInput = z.infer<typeof categoryBody>;

export const normaliseCode = (code: string) => code.trim().toUpperCase();

export function categoryFormValues(c: CategoryRow, locale: Locale): Record<string, string> {
  return { slug: c.slug, name: c.name[locale] ?? '', quota: c.quota === null ? '' : String(c.quota), colour: c.colour, codeAction: 'keep', invitationCode: '' };
}

export type SaveCategoryResult = 'ok' | 'slug-taken' | 'slug-required' | 'unknown';

/**
 * Adds a category or changes one, under the meeting's lock: a raised quota offers its new places to
 * the waiting list at once; a lowered one never takes a place from anyone already confirmed. Audited
 * (the invitation code itself is never recorded).
 */
export async function saveCategory(db: Db, actor: MaybeActor, meetingId: string, categoryId: string | null, c: CategoryInput, locale: Locale, baseUrl: string, now = new Date()): Promise<SaveCategoryResult> {
  requireMeetingEditor(actor);
  return db.transaction(async (tx) => {
    const meeting = (await lockMeeting(tx, meetingId))!;
    const [before] = categoryId ? await tx.select().from(participantCategories).where(and(eq(participantCategories.id, categoryId), eq(participantCategories.meetingId, meetingId))) : [];
    if (categoryId && !before) return 'unknown';
    const slug = before?.slug ?? c.slug;
    if (!slug) return 'slug-required';
    const invitationCodeHash = c.codeAction === 'keep' ? (before?.invitationCodeHash ?? null) : c.codeAction === 'new' ? hashToken(normaliseCode(c.invitationCode!)) : null;
    const values = { name: withText(before?.name ?? {}, locale, c.name), quota: c.quota ?? null, colour: c.colour.toLowerCase(), invitationCodeHash };
    if (before) {
      await tx.update(participantCategories).set(values).where(eq(participantCategories.id, before.id));
      await noteMeetingTexts(tx, 'category', before.id, meeting.originalLocale, locale, before, values);
    } else {
      const [{ n }] = await tx.select({ n: count() }).from(participantCategories).where(eq(participantCategories.meetingId, meetingId));
      const [row] = await tx.insert(participantCategories).values({ ...values, meetingId, slug, position: n }).onConflictDoNothing().returning({ id: participantCategories.id });
      if (!row) return 'slug-taken';
    }
    const summary = (x: { quota: number | null; colour: string; invitationCodeHash: string | null; name: I18nText }) => ({ name: x.name, quota: x.quota, colour: x.colour, invitationCode: x.invitationCodeHash ? 'required' : 'none' });
    await recordAudit(tx, actor, { action: before ? 'meetings.category.update' : 'meetings.category.add', targetType: 'meeting', targetId: `${meeting.slug}/${slug}`, before: before ? summary(before) : undefined, after: summary(values) });
    if (before && (before.quota ?? Infinity) < (values.quota ?? Infinity)) await offerFreedPlaces(tx, meeting, now, baseUrl);
    return 'ok';
  });
}

/** Removes a category nobody has registered in (registrations keep their category for the record). */
export async function removeCategory(db: Db, actor: MaybeActor, meeting: MeetingRow, categoryId: string): Promise<'ok' | 'in-use' | 'unknown'> {
  requireMeetingEditor(actor);
  return db.transaction(async (tx) => {
    const [cat] = await tx.select().from(participantCategories).where(and(eq(participantCategories.id, categoryId), eq(participantCategories.meetingId, meeting.id)));
    if (!cat) return 'unknown';
    const [{ n }] = await tx.select({ n: count() }).from(registrations).where(eq(registrations.categoryId, categoryId));
    if (n > 0) return 'in-use';
    await tx.delete(participantCategories).where(eq(participantCategories.id, categoryId));
    await recordAudit(tx, actor, { action: 'meetings.category.remove', targetType: 'meeting', targetId: `${meeting.slug}/${cat.slug}`, before: { name: cat.name, quota: cat.quota } });
    return 'ok';
  });
}

// ——— Side activities ———

export const activityBody = z.object({
  slug: field.slug('meetings.errors.slug', 1),
  title: field.text({ max: 200 }),
  description: field.optionalText({ max: 3000 }),
  startsAt: field.dateTime(),
  endsAt: field.dateTime(),
  membersOnly: field.many(['yes']),
  capacity: field.optionalWholeNumber(0, 100_000, 'meetings.errors.capacity'),
});

export function activityFormValues(a: ActivityRow, m: Pick<MeetingRow, 'timeZone'>, locale: Locale): Record<string, string | string[]> {
  return {
    slug: a.slug,
    title: a.title[locale] ?? '',
    description: a.description[locale] ?? '',
    startsAt: toLocal(a.startsAt, m.timeZone),
    endsAt: toLocal(a.endsAt, m.timeZone),
    membersOnly: a.membersOnly ? ['yes'] : [],
    capacity: a.capacity === null ? '' : String(a.capacity),
  };
}

// ——— What the Secretariat's pages read (each checks the policy) ———

/** Opens the Secretariat's meeting editing (before anything else is read from the request). */
export function requireMeetingEditor(actor: MaybeActor): void {
  authorize(meetingPolicy.edit(actor), 'meetings.edit');
}

/** The values a new meeting's form starts with. */
export async function newMeetingValues(db: Executor, actor: MaybeActor): Promise<Record<string, string | string[]>> {
  requireMeetingEditor(actor);
  const site = await getSiteSettings(db);
  return { timeZone: site.timeZone === 'UTC' ? 'Europe/Paris' : site.timeZone, status: 'draft', allocation: 'fcfs', offerHours: '72', financingBudget: '0', financingCurrency: 'USD', financingIncomeGroups: ['low', 'lower-middle'] };
}

/** One session of the meeting's programme (null: not this meeting's). */
export async function sessionOf(db: Executor, actor: MaybeActor, meetingId: string, id: string): Promise<SessionView | null> {
  requireMeetingEditor(actor);
  const [session] = await db.select().from(meetingSessions).where(and(eq(meetingSessions.id, id), eq(meetingSessions.meetingId, meetingId)));
  return session ?? null;
}

/** One participant category of the meeting (null: not this meeting's). */
export async function categoryOf(db: Executor, actor: MaybeActor, meetingId: string, id: string): Promise<CategoryRow | null> {
  requireMeetingEditor(actor);
  const [category] = await db.select().from(participantCategories).where(and(eq(participantCategories.id, id), eq(participantCategories.meetingId, meetingId)));
  return category ?? null;
}

/** The meeting's side activities, in time order, with their places taken and waiting. */
export async function activitiesOf(db: Executor, actor: MaybeActor, meetingId: string) {
  requireMeetingEditor(actor);
  const [activities, counts] = await Promise.all([db.select().from(sideActivities).where(eq(sideActivities.meetingId, meetingId)).orderBy(sideActivities.startsAt), activityCounts(db, meetingId)]);
  return { activities, counts };
}

/** One side activity of the meeting (null: not this meeting's). */
export async function activityOf(db: Executor, actor: MaybeActor, meetingId: string, id: string): Promise<ActivityRow | null> {
  requireMeetingEditor(actor);
  const [activity] = await db.select().from(sideActivities).where(and(eq(sideActivities.id, id), eq(sideActivities.meetingId, meetingId)));
  return activity ?? null;
}

/** One registration as the Secretariat sees it: answers, the meeting's categories and questions, financing, days attended. */
export async function registrationRecord(db: Executor, actor: MaybeActor, meetingId: string, id: string) {
  authorize(meetingPolicy.registrations(actor), 'meetings.registrations');
  const [reg] = await db.select().from(registrations).where(and(eq(registrations.id, id), eq(registrations.meetingId, meetingId)));
  if (!reg) return null;
  const [categories, questions, financing, days] = await Promise.all([
    categoriesOf(db, meetingId),
    questionsOf(db, meetingId),
    financingOf(db, reg.id),
    db.select({ day: attendance.day }).from(attendance).where(eq(attendance.registrationId, reg.id)).orderBy(attendance.day),
  ]);
  return { reg, categories, questions, financing, days: days.map((d) => d.day) };
}
