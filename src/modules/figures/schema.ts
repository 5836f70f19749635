import { integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.js';

/**
 * A target the Steering Committee sets for who takes part: e.g. 40 % of meeting participants from
 * low- and lower-middle-income countries by 2027. One target per figure and group of a breakdown:
 * setting it again changes it.
 */
export const figureTargets = pgTable(
  'figure_targets',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** The key of a figure a module declares (src/platform/figures/contract.ts). */
    figure: text('figure').notNull(),
    /** stakeholder | region | income */
    dimension: text('dimension').notNull(),
    /** The groups of the breakdown the share is of, in the breakdown's order, joined by "+": "low+lower-middle". */
    groups: text('groups').notNull(),
    /** The share aimed at, a whole percentage of everyone counted in the figure's year. */
    percent: integer('percent').notNull(),
    /** The year by which the share should be reached. */
    byYear: integer('by_year').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('figure_targets_group').on(t.figure, t.dimension, t.groups)],
);

export type FigureTarget = typeof figureTargets.$inferSelect;
