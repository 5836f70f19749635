import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
