import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { I18nText } from '../../platform/i18n/content.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { users } from '../../platform/auth/schema.js';
import type { AssignmentState, Recommendation, State } from './workflow.js';

/** A series: the Compendium of Insights of a year, or a working group's reports. Its prefix starts every identifier in it. */
export const SERIES_KINDS = ['compendium', 'reports'] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

export const publicationSeries = pgTable('publication_series', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  slug: text('slug').notNull().unique(),
  kind: text('kind').$type<SeriesKind>().notNull(),
  /** Starts the identifiers of the series' items, e.g. "CI2024" → CI2024-03. */
  prefix: text('prefix').notNull().unique(),
  title: jsonb('title').$type<I18nText>().notNull(),
  description: jsonb('description').$type<I18nText>().notNull().default({}),
  originalLocale: text('original_locale').$type<Locale>().notNull().default('en'),
  /** The working group whose reports these are (of the working groups module, read through its service). */
  workingGroupId: uuid('working_group_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A call for briefs: a theme, and the deadline up to which authors submit to the series. */
export const publicationCalls = pgTable('publication_calls', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  seriesId: uuid('series_id').notNull().references(() => publicationSeries.id, { onDelete: 'cascade' }),
  slug: text('slug').notNull().unique(),
  title: jsonb('title').$type<I18nText>().notNull(),
  theme: jsonb('theme').$type<I18nText>().notNull().default({}),
  originalLocale: text('original_locale').$type<Locale>().notNull().default('en'),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
});

/** The describing texts of an item in one language: each is shown with its own `lang`. */
export interface MetaBlock {
  title: string;
  abstract: string;
  /** In plain language, for readers outside research. */
  summary: string;
  keywords: string[];
  /** The brief's policy recommendations, one per line. */
  recommendations: string;
}
export type Meta = Partial<Record<Locale, MetaBlock>>;

export interface Author {
  name: string;
  affiliation: string;
}

export const AUDIENCES = ['policymaker', 'practitioner', 'researcher'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const TRANSLATION_METHODS = ['human', 'machine-assisted'] as const;
export type TranslationMethod = (typeof TRANSLATION_METHODS)[number];

/**
 * A brief or a report: its editorial state, its describing texts in the languages they exist in,
 * and its working copy (Markdown body or uploaded PDF) until it is published; each publication
 * freezes the working copy as a numbered version. A translation of the full text is a record of
 * its own (`translationOf` the original), with its own identifier and its own versions.
 */
export const publications = pgTable(
  'publications',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    seriesId: uuid('series_id').notNull().references(() => publicationSeries.id),
    callId: uuid('call_id').references(() => publicationCalls.id, { onDelete: 'set null' }),
    /** The public identifier, e.g. CI2024-03, or CI2024-03-FR for its French translation; lowercased in addresses. */
    number: text('number').notNull().unique(),
    kind: text('kind').$type<'brief' | 'report'>().notNull().default('brief'),
    state: text('state').$type<State>().notNull().default('draft'),
    /** The language of the full text. */
    locale: text('locale').$type<Locale>().notNull(),
    translationOf: uuid('translation_of'),
    translationMethod: text('translation_method').$type<TranslationMethod>(),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    authors: jsonb('authors').$type<Author[]>().notNull().default([]),
    meta: jsonb('meta').$type<Meta>().notNull().default({}),
    body: text('body').notNull().default(''),
    pdfKey: text('pdf_key'),
    pdfBytes: integer('pdf_bytes'),
    audiences: jsonb('audiences').$type<Audience[]>().notNull().default([]),
    /** ISO 3166 alpha-2 codes of the countries it speaks of. */
    countries: jsonb('countries').$type<string[]>().notNull().default([]),
    /** SDG 4 targets, e.g. "4.1", "4.c". */
    sdgTargets: jsonb('sdg_targets').$type<string[]>().notNull().default([]),
    /** Provenance of a report, in other modules (read through their services): the working group's report its consultations were held on… */
    reportId: uuid('report_id'),
    /** …and the meeting sessions where it was discussed (ids of the meetings module's sessions). */
    sessionIds: jsonb('session_ids').$type<string[]>().notNull().default([]),
    /** The review round in progress or last held (0: none yet). */
    round: integer('round').notNull().default(0),
    /** The latest published version (0: never published). */
    currentVersion: integer('current_version').notNull().default(0),
    firstPublishedAt: timestamp('first_published_at', { withTimezone: true }),
    /** When the working copy was last saved: the Atom feed's and OAI-PMH's datestamp of the item. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('publications_series_state').on(t.seriesId, t.state), index('publications_translation_of').on(t.translationOf)],
);

/** A published version, frozen: its texts and files stay at their address when a newer one is published. */
export const publicationVersions = pgTable(
  'publication_versions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    publicationId: uuid('publication_id').notNull().references(() => publications.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    meta: jsonb('meta').$type<Meta>().notNull(),
    authors: jsonb('authors').$type<Author[]>().notNull(),
    body: text('body').notNull(),
    pdfKey: text('pdf_key'),
    pdfBytes: integer('pdf_bytes'),
    /** Without an uploaded PDF: the one generated from its texts once published (a job draws it), in the files store, and its size. */
    generatedPdfKey: text('generated_pdf_key'),
    generatedPdfBytes: integer('generated_pdf_bytes'),
    /** What changed from the version before (empty for the first). */
    note: text('note').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [unique('publication_versions_number').on(t.publicationId, t.number)],
);

/** Every step of the workflow: who, when, from and to which state, with the note given. */
export const publicationEvents = pgTable(
  'publication_events',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    publicationId: uuid('publication_id').notNull().references(() => publications.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromState: text('from_state').$type<State>().notNull(),
    toState: text('to_state').$type<State>().notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('publication_events_item').on(t.publicationId, t.at)],
);

/**
 * A reviewer asked to review an item in one round. The reviewer answers the invitation (accept,
 * decline, or declare a conflict of interest, which bars them from the item), then recommends,
 * with comments for the author and for the editor. A decision or a new round closes the assignments
 * still open; reviewers are told the outcome (`outcomeSentAt`).
 */
export const reviewAssignments = pgTable(
  'publication_review_assignments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    publicationId: uuid('publication_id').notNull().references(() => publications.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    reviewerId: uuid('reviewer_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    state: text('state').$type<AssignmentState>().notNull().default('invited'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    conflict: text('conflict').notNull().default(''),
    recommendation: text('recommendation').$type<Recommendation>(),
    toAuthor: text('to_author').notNull().default(''),
    toEditor: text('to_editor').notNull().default(''),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    outcomeSentAt: timestamp('outcome_sent_at', { withTimezone: true }),
  },
  (t) => [unique('publication_review_once').on(t.publicationId, t.round, t.reviewerId), index('publication_review_reviewer').on(t.reviewerId)],
);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * What search finds: per published item (its current version) and per language of its texts, one
 * document weighted title > keywords > abstract and summary > recommendations and body, built with
 * that language's text search configuration (Chinese pre-segmented into words and indexed 'simple').
 */
export const publicationSearch = pgTable(
  'publication_search',
  {
    publicationId: uuid('publication_id').notNull().references(() => publications.id, { onDelete: 'cascade' }),
    locale: text('locale').$type<Locale>().notNull(),
    document: tsvector('document').notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.locale] }), index('publication_search_document').using('gin', t.document)],
);
