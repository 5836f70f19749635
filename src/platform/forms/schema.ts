import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per submitted form instance (the hidden `_once` field): a second submission of the
 * same rendered form (double click, reload after POST) finds the row and gets the first result.
 */
export const formSubmissions = pgTable('form_submissions', {
  key: text('key').primaryKey(),
  result: text('result').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
