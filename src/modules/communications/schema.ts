import { index, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
  },
  (t) => [index('consent_events_sub_idx').on(t.subscriptionId)],
);
