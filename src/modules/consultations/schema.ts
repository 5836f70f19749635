import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { I18nText } from '../../platform/i18n/content.js';
import type { QuoteSelector } from '../../platform/documents/anchor.js';
import { users } from '../../platform/auth/schema.js';

/** Who may comment: anyone signed in, members of the Alliance, or whoever holds the invitation link. */
export const CONSULTATION_AUDIENCES = ['public', 'members', 'link'] as const;
export type ConsultationAudience = (typeof CONSULTATION_AUDIENCES)[number];

/** Pre-moderation: a comment is shown once a moderator approves it. Post: shown at once, hidden if need be. */
export const MODERATION = ['pre', 'post'] as const;
export type Moderation = (typeof MODERATION)[number];

/** A guiding question: on the whole report (blockId null) or on one section (the id of its heading). */
export interface GuidingQuestion {
  id: string;
  blockId: string | null;
  text: I18nText;
}

/**
 * A public consultation on one published version of a report. Comments are taken from `opensAt`
 * to `closesAt`, checked by the server on every write; the page stays readable, with its figures,
 * after it closes.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    slug: text('slug').notNull().unique(),
    /** The report and its version, of the working groups module (read through its service; reports are never deleted). */
    reportId: uuid('report_id').notNull(),
    versionId: uuid('version_id').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    audience: text('audience').$type<ConsultationAudience>().notNull().default('public'),
    /** The secret in the invitation link, for audience "link": made once, replaced on request. */
    linkKey: text('link_key').notNull(),
    moderation: text('moderation').$type<Moderation>().notNull().default('post'),
    /** A short plain-language summary of the report, per locale. */
    summary: jsonb('summary').$type<I18nText>().notNull().default({}),
    questions: jsonb('questions').$type<GuidingQuestion[]>().notNull().default([]),
    originalLocale: text('original_locale').notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** When the report's final version was published: the answers to the comments are frozen from then on, and public. */
    concludedAt: timestamp('concluded_at', { withTimezone: true }),
    /** That final version (of the working groups module). */
    finalVersionId: uuid('final_version_id'),
  },
  (t) => [index('consultations_report').on(t.reportId)],
);

export const STAKEHOLDER_GROUPS = [
  'researcher',
  'policymaker',
  'teacher',
  'school-leader',
  'teacher-educator',
  'curriculum-developer',
  'assessment-expert',
  'development-partner',
  'civil-society',
  'private-sector',
  'student',
  'other',
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

/** Whether a comment is the person's own view or their organisation's. */
export const ON_BEHALF = ['self', 'organization'] as const;
export type OnBehalf = (typeof ON_BEHALF)[number];

/** What others see of a commenter: their name (and organisation), or only their stakeholder group and country. */
export const DISPLAY = ['name', 'group'] as const;
export type Display = (typeof DISPLAY)[number];

/** A commenter's profile, asked once and used for every consultation (they may change it). */
export const commenterProfiles = pgTable('commenter_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  stakeholderGroup: text('stakeholder_group').$type<StakeholderGroup>().notNull(),
  /** ISO 3166-1 alpha-2; the region and income group are read from it. */
  country: text('country').notNull(),
  organization: text('organization').notNull().default(''),
  onBehalf: text('on_behalf').$type<OnBehalf>().notNull().default('self'),
  display: text('display').$type<Display>().notNull().default('name'),
  /** Whether they are told by e-mail what became of their comments when a report is published ("you said, we did"). */
  outcomeMail: boolean('outcome_mail').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What the working group made of a comment. */
export const DISPOSITIONS = ['accepted', 'partly-accepted', 'noted', 'not-accepted', 'out-of-scope'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * The working group's answer to one comment or to a group of comments that make the same point:
 * its disposition, a response (per locale, optional translations), and the paragraphs of the next
 * version that changed because of it. Revised freely until the final version is published, then
 * frozen. Each comment links to its answer (consultation_comments.response_id).
 */
export const consultationResponses = pgTable(
  'consultation_responses',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    disposition: text('disposition').$type<Disposition>().notNull(),
    response: jsonb('response').$type<I18nText>().notNull().default({}),
    originalLocale: text('original_locale').notNull().default('en'),
    /** The version (of the working groups module) whose paragraphs changed, and their identifiers. */
    changedVersionId: uuid('changed_version_id'),
    changedBlocks: jsonb('changed_blocks').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('consultation_responses_consultation').on(t.consultationId)],
);

/** The languages a person answering comments reads (so comments in others are marked for a colleague). */
export const consultationReaderLanguages = pgTable('consultation_reader_languages', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  locales: jsonb('locales').$type<string[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const COMMENT_STATES = ['pending', 'published', 'hidden'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];

/**
 * A comment: on a paragraph (blockId, with the exact passage when the commenter selected one), on
 * the whole report (blockId null), answering a guiding question (questionId), or replying to
 * another comment (parentId). The commenter's profile is copied in when they write, so the
 * figures and the name shown stay as they were. Nothing is deleted by a moderator: a hidden
 * comment keeps its text and the reason, which its author sees.
 */
export const consultationComments = pgTable(
  'consultation_comments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    blockId: text('block_id'),
    quote: jsonb('quote').$type<QuoteSelector>(),
    /** The language of the text the passage was quoted from (the original or a translation). */
    quoteLocale: text('quote_locale'),
    questionId: text('question_id'),
    parentId: uuid('parent_id'),
    body: text('body').notNull(),
    /** The language the comment is written in, as the commenter said. */
    locale: text('locale').notNull(),
    state: text('state').$type<CommentState>().notNull(),
    /** web | email */
    source: text('source').notNull().default('web'),
    authorName: text('author_name').notNull().default(''),
    organization: text('organization').notNull().default(''),
    stakeholderGroup: text('stakeholder_group').$type<StakeholderGroup>().notNull(),
    country: text('country').notNull(),
    region: text('region'),
    incomeGroup: text('income_group'),
    onBehalf: text('on_behalf').$type<OnBehalf>().notNull().default('self'),
    display: text('display').$type<Display>().notNull().default('name'),
    hiddenReason: text('hidden_reason'),
    /** The working group's answer to it (one answer may stand for several comments that make the same point). */
    responseId: uuid('response_id').references(() => consultationResponses.id, { onDelete: 'set null' }),
    /** A colleague asked to answer it (e.g. because they read its language). */
    assignedTo: uuid('assigned_to').references(() => users.id, { onDelete: 'set null' }),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    moderatedBy: uuid('moderated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consultation_comments_block').on(t.consultationId, t.blockId, t.state),
    index('consultation_comments_user').on(t.userId),
    index('consultation_comments_parent').on(t.parentId),
    index('consultation_comments_response').on(t.responseId),
  ],
);

/** A reader's flag on a comment (once per reader), for the moderators. */
export const consultationFlags = pgTable(
  'consultation_flags',
  {
    commentId: uuid('comment_id')
      .notNull()
      .references(() => consultationComments.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);

/**
 * One section of a report sent by e-mail to a participant who asked for it so: the mail's reply
 * address carries this row's id (signed, tied to their address), and a reply posts a comment on
 * the section: on its heading's block, which stands for the whole section.
 */
export const consultationSectionMails = pgTable(
  'consultation_section_mails',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The identifier of the section's heading (or of the first block, for text before any heading). */
    blockId: text('block_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultation_section_mails_user').on(t.userId)],
);

/**
 * Who was invited to a consultation, once per address: a second invitation to an audience that
 * overlaps the first reaches only those not invited yet.
 */
export const consultationInvitations = pgTable(
  'consultation_invitations',
  {
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.email] })],
);

/**
 * Who was told what became of their comments when the report's final version was published ("you
 * said, we did"), once per person and consultation: the mails go out in batches, and a batch sent
 * again after a failure reaches only those not told yet.
 */
export const consultationOutcomeMails = pgTable(
  'consultation_outcome_mails',
  {
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.userId] }), index('consultation_outcome_mails_user').on(t.userId)],
);
