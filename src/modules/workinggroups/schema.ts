import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { I18nText } from '../../platform/i18n/content.js';
import type { IdentifiedBlock } from '../../platform/documents/blocks.js';
import { users } from '../../platform/auth/schema.js';

/** The Alliance's thematic working groups. A closed group keeps its pages and documents; it takes no new members. */
export const workingGroups = pgTable('working_groups', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  slug: text('slug').notNull().unique(),
  name: jsonb('name').$type<I18nText>().notNull(),
  summary: jsonb('summary').$type<I18nText>().notNull(),
  /** What the Steering Committee asked the group to do: a few paragraphs, per locale. */
  mandate: jsonb('mandate').$type<I18nText>().notNull().default({}),
  originalLocale: text('original_locale').notNull().default('en'),
  position: integer('position').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});

export const WG_ROLES = ['chair', 'member'] as const;
export type WorkingGroupRole = (typeof WG_ROLES)[number];

/**
 * The people of a group: its chairs (named by the Secretariat) and members (accepted by a chair).
 * Each row goes with a scoped role in user_roles (wg_chair or wg_member, the group's id as scope),
 * written in the same transaction, which is what the policies read. `listed`: the person agreed to
 * be named on the group's public page (chairs are always named: the Secretariat names them publicly).
 */
export const workingGroupPeople = pgTable(
  'working_group_people',
  {
    groupId: uuid('group_id').notNull().references(() => workingGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<WorkingGroupRole>().notNull(),
    listed: boolean('listed').notNull().default(false),
    /** Shown beside the name when listed (the organisation they work for), as the person gave it. */
    affiliation: text('affiliation').notNull().default(''),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('working_group_people_once').on(t.groupId, t.userId), index('working_group_people_user').on(t.userId)],
);

export const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A member of the Alliance asking to join a group; a chair (or the Secretariat) accepts or declines. */
export const workingGroupRequests = pgTable(
  'working_group_requests',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => workingGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** Why they want to join: what they would bring. */
    message: text('message').notNull().default(''),
    affiliation: text('affiliation').notNull().default(''),
    listed: boolean('listed').notNull().default(false),
    status: text('status').$type<RequestStatus>().notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  },
  // One open request per person and group: a second click finds the first.
  (t) => [uniqueIndex('working_group_requests_open').on(t.groupId, t.userId).where(sql`status = 'pending'`), index('working_group_requests_user').on(t.userId)],
);

export const REPORT_STAGES = ['draft', 'prefinal', 'final'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

/** A working group's report: its versions follow one another, from drafts to the pre-final text put to consultation and the final one. */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull().references(() => workingGroups.id),
    slug: text('slug').notNull(),
    originalLocale: text('original_locale').notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [unique('reports_slug_in_group').on(t.groupId, t.slug)],
);

/**
 * One version of a report, numbered from 1. The newest may be a draft, changed in place by its
 * chairs; a published version (pre-final or final) never changes: the next edit starts a new
 * draft. `blocks` is the Markdown read into blocks whose identifiers carry over from the version
 * before (src/platform/documents/blocks.ts): what comments and comparisons hang on.
 */
export const reportVersions = pgTable(
  'report_versions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    reportId: uuid('report_id').notNull().references(() => reports.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    stage: text('stage').$type<ReportStage>().notNull().default('draft'),
    title: text('title').notNull(),
    markdown: text('markdown').notNull(),
    blocks: jsonb('blocks').$type<IdentifiedBlock[]>().notNull(),
    /** What changed since the version before, in the chairs' words. */
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [unique('report_versions_number').on(t.reportId, t.number)],
);

/**
 * A translation of one version of a report into another language. Its Markdown is read into the
 * same number of blocks as the version's, in the same order, and each block takes the identifier
 * of the original block it translates: comments, counts and links to a paragraph are the same in
 * every language. A translation belongs to the version it translates; a new version starts
 * without one (readers are told which version a translation is of).
 */
export const reportTranslations = pgTable(
  'report_translations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    versionId: uuid('version_id').notNull().references(() => reportVersions.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    markdown: text('markdown').notNull(),
    blocks: jsonb('blocks').$type<IdentifiedBlock[]>().notNull(),
    /** Who translated it (shown to readers), in their own words. */
    translator: text('translator').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [unique('report_translations_once').on(t.versionId, t.locale)],
);
