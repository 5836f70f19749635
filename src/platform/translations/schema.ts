import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What each translation was written against: for one field of one item (a page's body, a working
 * group's summary) in one language, a fingerprint of the original's text when that translation was
 * last saved. A translation whose original has changed since is outdated. A translation with no
 * mark was written together with its original (the demo, a form that saved both) and is current
 * until the original changes.
 */
export const translationMarks = pgTable(
  'translation_marks',
  {
    kind: text('kind').notNull(),
    item: text('item').notNull(),
    field: text('field').notNull(),
    locale: text('locale').notNull(),
    sourceHash: text('source_hash').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.item, t.field, t.locale] })],
);
