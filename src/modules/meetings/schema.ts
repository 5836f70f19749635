import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { I18nText } from '../../platform/i18n/content.js';

/** A meeting of the Alliance (the annual meeting, ...). Times are stored in UTC and shown in `timeZone`. */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    slug: text('slug').notNull().unique(),
    title: jsonb('title').$type<I18nText>().notNull(),
    description: jsonb('description').$type<I18nText>().notNull(),
    originalLocale: text('original_locale').notNull().default('en'),
    venueName: jsonb('venue_name').$type<I18nText>().notNull(),
    venueAddress: text('venue_address').notNull().default(''),
    timeZone: text('time_zone').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** draft | open | closed | archived */
    status: text('status').notNull().default('draft'),
    /** Places in total (null: no registration). Categories may cap their own share inside it. */
    capacity: integer('capacity'),
    /** fcfs: confirmed on submission while places last, else the waiting list; moderated: the Secretariat confirms. */
    allocation: text('allocation').notNull().default('fcfs'),
    registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }),
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    /** Hours a person offered a freed place has to accept it. */
    offerHours: integer('offer_hours').notNull().default(72),
    /** Travel financing: the budget (whole currency units), its currency, who is eligible by World Bank income group, and until when. */
    financingBudget: integer('financing_budget').notNull().default(0),
    financingCurrency: text('financing_currency').notNull().default('USD'),
    financingIncomeGroups: text('financing_income_groups').array().notNull().default(sql`'{low,lower-middle}'::text[]`),
    /** Which World Bank classification (fiscal year, e.g. "FY2026") the eligible income groups are read in; null: the one in force when registration opens. */
    financingIncomeYear: text('financing_income_year'),
    financingClosesAt: timestamp('financing_closes_at', { withTimezone: true }),
    /** Who signs the invitation letters for visas: a name, and a title in each language. */
    letterSignatoryName: text('letter_signatory_name').notNull().default(''),
    letterSignatoryTitle: jsonb('letter_signatory_title').$type<I18nText>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meetings_starts_idx').on(t.startsAt)],
);

/** Activities beside a meeting, e.g. the school visit, possibly open to members only. */
export const sideActivities = pgTable('side_activities', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  slug: text('slug').notNull(),
  title: jsonb('title').$type<I18nText>().notNull(),
  description: jsonb('description').$type<I18nText>().notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  membersOnly: boolean('members_only').notNull().default(false),
  capacity: integer('capacity'),
});

/** Participant categories of a meeting (member, invited practitioner, delegation, press, ...). */
export const participantCategories = pgTable(
  'meeting_categories',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: jsonb('name').$type<I18nText>().notNull(),
    /** At most this many places for the category (inside the meeting's capacity); null: no own cap. */
    quota: integer('quota'),
    /** SHA-256 of the invitation code the category requires; null: open to all. */
    invitationCodeHash: text('invitation_code_hash'),
    colour: text('colour').notNull().default('#0b4f8a'),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('meeting_categories_slug_idx').on(t.meetingId, t.slug)],
);

/**
 * Registrations. Availability is always computed from these rows (confirmed + open offers), never
 * from a counter. `seq` is the commit order of allocation: the waiting list's order.
 */
export const registrations = pgTable(
  'meeting_registrations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id').notNull().references(() => participantCategories.id),
    /** confirmed | waiting | offered | pending (moderated) | cancelled | declined | expired */
    status: text('status').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    organization: text('organization').notNull().default(''),
    country: text('country').notNull(),
    locale: text('locale').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    /** Shown as a QR code on the confirmation, scanned at check-in. */
    checkInCode: text('check_in_code').notNull().unique(),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    // One registration per address and meeting, not counting cancelled ones: a person who cancelled may register again (a new row; the cancelled one stays as it was).
    uniqueIndex('meeting_registrations_email_idx').on(t.meetingId, t.email).where(sql`${t.status} <> 'cancelled'`),
    index('meeting_registrations_status_idx').on(t.meetingId, t.status, t.seq),
  ],
);

/** The programme: sessions with times (UTC, shown in the meeting's zone), room, speakers and chairs. */
export const meetingSessions = pgTable(
  'meeting_sessions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    /** keynote | panel | consultation | break | side */
    kind: text('kind').notNull(),
    title: jsonb('title').$type<I18nText>().notNull(),
    description: jsonb('description').$type<I18nText>().notNull().default({}),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    room: text('room').notNull().default(''),
    speakers: text('speakers').array().notNull().default(sql`'{}'::text[]`),
    chairs: text('chairs').array().notNull().default(sql`'{}'::text[]`),
    /** The working groups (their slugs) the session belongs to: it is listed on their pages. */
    workingGroups: text('working_groups').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('meeting_sessions_meeting_idx').on(t.meetingId, t.startsAt)],
);

/** Sign-ups of confirmed participants to a side activity, in commit order (its own waiting list). */
export const activitySignups = pgTable(
  'meeting_activity_signups',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    activityId: uuid('activity_id').notNull().references(() => sideActivities.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id').notNull().references(() => registrations.id, { onDelete: 'cascade' }),
    /** confirmed | waiting | cancelled */
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_activity_signups_idx').on(t.activityId, t.registrationId)],
);

/** Requests for travel financing by confirmed participants from eligible countries, and the Secretariat's decisions. */
export const financingRequests = pgTable('meeting_financing_requests', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  registrationId: uuid('registration_id').notNull().unique().references(() => registrations.id, { onDelete: 'cascade' }),
  travel: boolean('travel').notNull(),
  accommodation: boolean('accommodation').notNull(),
  justification: text('justification').notNull(),
  estimatedCost: integer('estimated_cost').notNull(),
  /** requested | approved | partly | declined | withdrawn (the registration was cancelled) */
  status: text('status').notNull().default('requested'),
  approvedAmount: integer('approved_amount').notNull().default(0),
  decisionNote: text('decision_note').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
});

/** Attendance, per participant and meeting day, marked at check-in by the Secretariat. */
export const attendance = pgTable(
  'meeting_attendance',
  {
    registrationId: uuid('registration_id').notNull().references(() => registrations.id, { onDelete: 'cascade' }),
    day: integer('day').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    byUserId: uuid('by_user_id'),
  },
  (t) => [uniqueIndex('meeting_attendance_idx').on(t.registrationId, t.day)],
);

/** Questions the Secretariat adds to a meeting's registration form: free text, one choice, or yes/no. */
export const meetingQuestions = pgTable('meeting_questions', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  /** text | choice | yesno */
  kind: text('kind').notNull(),
  label: jsonb('label').$type<I18nText>().notNull(),
  options: jsonb('options').$type<I18nText[]>().notNull().default([]),
  required: boolean('required').notNull().default(false),
  position: integer('position').notNull().default(0),
});
