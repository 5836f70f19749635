import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Private links: a 256-bit token (only its SHA-256 stored) that opens one thing for whoever holds
 * it, without an account — an application to join, a meeting registration. Each e-mail gets its
 * own link; earlier links stay valid.
 */
export const privateLinks = pgTable(
  'private_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    /** What the link opens, e.g. "membership.application". */
    kind: text('kind').notNull(),
    subjectId: text('subject_id').notNull(),
    /** What the link allows, e.g. "resume", "confirm", "manage". */
    purpose: text('purpose').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('private_links_subject_idx').on(t.kind, t.subjectId)],
);
