import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per table whose content public pages show: a number that grows whenever the table
 * changes, written by a trigger in the same transaction as the change (see platform/cache/versions.ts).
 * Every instance reads these to know which of its cached pages still hold.
 */
export const contentVersions = pgTable('content_versions', {
  tableName: text('table_name').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});
