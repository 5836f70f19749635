import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { I18nText } from '../../platform/i18n/content.js';

/** The Alliance's thematic working groups. */
export const workingGroups = pgTable('working_groups', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  slug: text('slug').notNull().unique(),
  name: jsonb('name').$type<I18nText>().notNull(),
  summary: jsonb('summary').$type<I18nText>().notNull(),
  originalLocale: text('original_locale').notNull().default('en'),
  position: integer('position').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
