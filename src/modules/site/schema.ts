import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { I18nText } from '../../platform/i18n/content.js';

/**
 * The site's own pages, written by the Secretariat in Markdown, one text per language: the home
 * page's introduction, About, Privacy, and any page it adds (served at /pages/<slug>).
 */
export const sitePages = pgTable('site_pages', {
  slug: text('slug').primaryKey(),
  title: jsonb('title').$type<I18nText>().notNull().default({}),
  body: jsonb('body').$type<I18nText>().notNull().default({}),
  originalLocale: text('original_locale').notNull().default('en'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
