import { boolean, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.js';
import type { ApplicationData } from './fields.js';

/**
 * Membership applications, from the first step (draft) to a decision. The answers live in `data`;
 * the columns beside it are copies of what the queue filters and sorts on.
 */
export const applications = pgTable(
  'membership_applications',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    number: serial('number').notNull().unique(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('draft'),
    email: text('email').notNull(),
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
    locale: text('locale').notNull(),
    data: jsonb('data').$type<ApplicationData>().notNull().default({}),
    /** Copies of answers for filtering and sorting. */
    displayName: text('display_name').notNull().default(''),
    country: text('country'),
    orgType: text('org_type'),
    workingGroups: text('working_groups').array().notNull().default(sql`'{}'::text[]`),
    documentKey: text('document_key'),
    documentName: text('document_name'),
    documentSize: integer('document_size'),
    /** The applicant pressed "submit" before confirming their address: submitted on confirmation. */
    submitRequestedAt: timestamp('submit_requested_at', { withTimezone: true }),
    /** Other applications or members this one may duplicate, found at submission. */
    duplicates: jsonb('duplicates').$type<{ type: 'application' | 'member'; id: string; label: string; reason: 'email' | 'organisation' }[]>().notNull().default([]),
    infoRequest: text('info_request'),
    decisionNote: text('decision_note'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    recommendedAt: timestamp('recommended_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('membership_applications_status_idx').on(t.status, t.submittedAt), index('membership_applications_email_idx').on(t.email)],
);

/** The history of an application: every transition, who made it, when, with a note. */
export const applicationEvents = pgTable(
  'membership_application_events',
  {
    id: serial('id').primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** null when the applicant acted through their private link. */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorName: text('actor_name').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note').notNull().default(''),
    /** The answers at that moment, kept for a request for information and the applicant's amendment, to show what changed between them. */
    answers: jsonb('answers').$type<AnswersSnapshot>(),
  },
  (t) => [index('membership_application_events_app_idx').on(t.applicationId, t.at)],
);

export interface AnswersSnapshot {
  data: ApplicationData;
  documentName: string | null;
}

/**
 * Internal notes on an application, by the Secretariat: read by the Secretariat and the Steering
 * Committee, never shown or sent to the applicant (kept apart from the history, whose notes are
 * messages to the applicant). Erased with an individual's application (docs/decisions/013-internal-notes.md).
 */
export const applicationNotes = pgTable(
  'membership_application_notes',
  {
    id: serial('id').primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorName: text('actor_name').notNull(),
    /** The status of the application when the note was written. */
    status: text('status').notNull(),
    body: text('body').notNull(),
  },
  (t) => [index('membership_application_notes_app_idx').on(t.applicationId, t.at)],
);

/** Steering Committee responses to a recommended application. */
export const applicationVotes = pgTable(
  'membership_application_votes',
  {
    applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    vote: text('vote').notNull(),
    comment: text('comment').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.userId] })],
);

/** Members of the Alliance: an institution (with representatives) or an individual. */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    number: serial('number').notNull().unique(),
    kind: text('kind').notNull(),
    /** active | suspended | ended */
    status: text('status').notNull().default('active'),
    name: text('name').notNull(),
    acronym: text('acronym').notNull().default(''),
    /** Organisation type (institutions) or role (individuals). */
    category: text('category').notNull(),
    country: text('country').notNull(),
    countriesOfOperation: text('countries_of_operation').array().notNull().default(sql`'{}'::text[]`),
    website: text('website').notNull().default(''),
    affiliation: text('affiliation').notNull().default(''),
    areas: text('areas').array().notNull().default(sql`'{}'::text[]`),
    workingGroups: text('working_groups').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    summary: text('summary').notNull().default(''),
    /** Listed in the public directory, and which fields show there. */
    listed: boolean('listed').notNull().default(false),
    publicFields: text('public_fields').array().notNull().default(sql`'{}'::text[]`),
    joinedOn: date('joined_on').notNull(),
    endedOn: date('ended_on'),
    statusReason: text('status_reason').notNull().default(''),
    applicationId: uuid('application_id').references(() => applications.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('members_directory_idx').on(t.status, t.listed, t.name), index('members_country_idx').on(t.country)],
);

/** The people of a member: an institution's representatives, or the individual member. */
export const memberPeople = pgTable(
  'member_people',
  {
    memberId: uuid('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull().default(''),
    primaryContact: boolean('primary_contact').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.userId] }), index('member_people_user_idx').on(t.userId)],
);
