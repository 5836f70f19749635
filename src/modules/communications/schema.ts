import { bigserial, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/i18n/locales.js';
import { sql } from 'drizzle-orm';

/**
 * Newsletter subscribers. One row per address; `status` is the current consent, `consentEvents`
 * keeps how it changed. Members are subscribed on approval with source "membership".
 */
export const subscriptions = pgTable('subscriptions', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  email: text('email').notNull().unique(),
  name: text('name').notNull().default(''),
  locale: text('locale').notNull().default('en'),
  topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
  /** pending (awaiting double opt-in) | subscribed | unsubscribed */
  status: text('status').notNull(),
  /** form | membership | import | admin */
  source: text('source').notNull(),
  /** ISO 3166 code when known (given on the form, or the member's country): for audiences by region or income group. */
  country: text('country'),
  /** When the address confirmed by its link (double opt-in); null for consent given elsewhere. */
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** Permanent SMTP refusals (5xx) in a row; at the limit (a setting) the address is marked undeliverable and no longer mailed. */
  hardBounces: integer('hard_bounces').notNull().default(0),
  undeliverableAt: timestamp('undeliverable_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every consent change: when, how, from where. */
export const consentEvents = pgTable(
  'consent_events',
  {
    id: serial('id').primaryKey(),
    subscriptionId: uuid('subscription_id').notNull().references(() => subscriptions.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** subscribed | unsubscribed | topics-changed | ... */
    change: text('change').notNull(),
    source: text('source').notNull(),
    detail: jsonb('detail'),
    /** The client address the change came from, when it came through the web. */
    ip: text('ip'),
  },
  (t) => [index('consent_events_sub_idx').on(t.subscriptionId)],
);

/** One language version of a newsletter issue: its subject and its body in Markdown. */
export interface IssueVersion {
  subject: string;
  body: string;
}

/** Who receives an issue; every field narrows the list (all subscribers when empty). */
export interface Audience {
  topics?: string[];
  locales?: string[];
  /** members: addresses of active members; others: everyone else. */
  membership?: 'members' | 'others';
  /** Confirmed participants of this meeting (its id). */
  meetingId?: string;
  /** Active members taking part in this working group (its slug). */
  workingGroupSlug?: string;
  regions?: string[];
  incomeGroups?: string[];
}

/**
 * Issues of the newsletter: one version per language, an audience, and the state of sending.
 * draft → scheduled → sending ⇄ paused → sent | cancelled.
 */
export const newsletterIssues = pgTable('newsletter_issues', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  slug: text('slug').notNull().unique(),
  versions: jsonb('versions').$type<Partial<Record<Locale, IssueVersion>>>().notNull().default({}),
  defaultLocale: text('default_locale').notNull().default('en'),
  audience: jsonb('audience').$type<Audience>().notNull().default({}),
  status: text('status').notNull().default('draft'),
  scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** Messages per second, and how many are claimed at a time. */
  rate: integer('rate').notNull().default(50),
  batchSize: integer('batch_size').notNull().default(100),
  /** Recipients fixed when sending starts. */
  recipients: integer('recipients').notNull().default(0),
  /** The instance sending the issue holds this lease (its random id) and renews it; another takes over when it lapses (a crash). */
  leaseHolder: text('lease_holder'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per recipient of an issue, created when sending starts (unique per issue and
 * subscriber, so starting twice adds no one twice). pending → sending → sent | failed | cancelled.
 */
export const newsletterDeliveries = pgTable(
  'newsletter_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    issueId: uuid('issue_id').notNull().references(() => newsletterIssues.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id').notNull().references(() => subscriptions.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    locale: text('locale').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('newsletter_deliveries_recipient_idx').on(t.issueId, t.subscriptionId), index('newsletter_deliveries_due_idx').on(t.issueId, t.status, t.runAt)],
);
