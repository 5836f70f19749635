import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { I18nText } from '../../platform/i18n/content.js';
import { users } from '../../platform/auth/schema.js';

/**
 * Surveys of members (and of the public), and the priority-setting cycle in which the Steering
 * Committee sets next year's themes.
 *
 * Anonymity is a property of the schema, not of a query: a response (survey_responses) and a
 * ballot (priority_ballots, priority_comparisons) hold no column that names, or points to, a person,
 * and their dates are days, not instants. Who has taken part is kept apart (survey_participants,
 * priority_voters), with no column that points to what they answered. While a person is still
 * answering, their unfinished answers (survey_drafts) are theirs, so they can leave and come back;
 * the draft is deleted in the same transaction that stores the response. A survey that is not
 * anonymous says whose each response is in survey_identified, and only then.
 */

export const QUESTION_TYPES = ['short-text', 'long-text', 'single', 'multiple', 'rating', 'matrix', 'ranking', 'number', 'date'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** An option of a choice, a column of a matrix, an item to rank, or a row of a matrix. Its key is stable across years. */
export interface Choice {
  key: string;
  label: I18nText;
}

export const CONDITION_OPS = ['equals', 'not-equals', 'includes', 'excludes', 'answered', 'not-answered', 'at-least', 'at-most'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** A question is shown when every one of its conditions holds on answers given on earlier pages. */
export interface Condition {
  /** The key of a question on an earlier page (for a matrix, `question:row`). */
  question: string;
  op: ConditionOp;
  value?: string | number;
}

/**
 * One question. `key` is the question's stable identifier: the same key in next year's survey is
 * the same question, so answers can be compared year on year.
 */
export interface Question {
  key: string;
  /** The page it is on, from 1. */
  page: number;
  type: QuestionType;
  required: boolean;
  text: I18nText;
  help: I18nText;
  /** single, multiple, ranking: the options; matrix: the columns (one answer per row). */
  choices: Choice[];
  /** matrix: the rows. */
  rows: Choice[];
  /** single, multiple: an "Other, please say" option with a text box. */
  other: boolean;
  /** multiple: at most this many options (0: any number). */
  maxChoices: number;
  /** rating: the scale from min to max (e.g. 1 to 5), with labels for its ends. number: the allowed range. */
  min: number | null;
  max: number | null;
  minLabel: I18nText;
  maxLabel: I18nText;
  when: Condition[];
}

/** Who a survey is for: members of the Alliance, the members of one working group, the participants of one meeting, or anyone with an account (confirmed by e-mail). */
export const SURVEY_AUDIENCES = ['members', 'group', 'participants', 'public'] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];

/** How an answer reached the survey: answered online, or entered by the Secretariat from paper or at a meeting. */
export const RESPONSE_SOURCES = ['online', 'paper', 'event'] as const;
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];

export const surveys = pgTable('surveys', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  slug: text('slug').notNull().unique(),
  title: jsonb('title').$type<I18nText>().notNull().default({}),
  intro: jsonb('intro').$type<I18nText>().notNull().default({}),
  /** What respondents are told when they have answered, and in the "you said, we did" message. */
  thanks: jsonb('thanks').$type<I18nText>().notNull().default({}),
  originalLocale: text('original_locale').notNull().default('en'),
  /** The languages it is offered in: it cannot open until every text is written in each. */
  locales: text('locales').array().notNull().default(sql`'{}'::text[]`),
  audience: text('audience').$type<SurveyAudience>().notNull().default('members'),
  /** The working group (audience "group") or meeting (audience "participants"), by id. */
  audienceRef: uuid('audience_ref'),
  anonymous: boolean('anonymous').notNull().default(true),
  questions: jsonb('questions').$type<Question[]>().notNull().default([]),
  /** The World Bank income classification (fiscal year) respondents' countries are grouped by. */
  incomeYear: text('income_year').notNull(),
  /** Null while it is a draft; set when the Secretariat opens it (possibly for a later time). */
  opensAt: timestamp('opens_at', { withTimezone: true }),
  closesAt: timestamp('closes_at', { withTimezone: true }),
  /** Results are public once it closes, unless the Secretariat keeps them for members of the audience. */
  resultsPublic: boolean('results_public').notNull().default(true),
  /** The priority-setting cycle its results inform ("you said, we did" goes out when that cycle is decided). */
  cycleId: uuid('cycle_id'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A submitted response. No person, no instant: the day, how it came, and the three fixed dimensions results may be broken down by. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    source: text('source').$type<ResponseSource>().notNull().default('online'),
    locale: text('locale').notNull(),
    stakeholder: text('stakeholder'),
    region: text('region'),
    /** The UN M49 region (level 1), for the figures of who takes part. */
    m49Region: text('m49_region'),
    incomeGroup: text('income_group'),
    /** Question key (a matrix row: `key:row`; an "other" text: `key:other`) → the answer. */
    answers: jsonb('answers').$type<Answers>().notNull().default({}),
  },
  (t) => [index('survey_responses_survey').on(t.surveyId)],
);

export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

/** Who has responded: the only trace of a person's taking part in an anonymous survey (the day only). */
export const surveyParticipants = pgTable(
  'survey_participants',
  {
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    respondedOn: date('responded_on', { mode: 'string' }).notNull(),
    /** The language they answered in, for the "you said, we did" message. */
    locale: text('locale').notNull(),
    /** When they were sent "you said, we did" (once). */
    toldAt: timestamp('told_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] }), index('survey_participants_user').on(t.userId)],
);

/** Whose response it is, for a survey that is not anonymous (never written for an anonymous one). */
export const surveyIdentified = pgTable('survey_identified', {
  responseId: uuid('response_id')
    .primaryKey()
    .references(() => surveyResponses.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
});

/** A response being written: saved page by page, so a respondent can leave and resume; deleted when they submit. */
export const surveyDrafts = pgTable(
  'survey_drafts',
  {
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    page: integer('page').notNull().default(0),
    locale: text('locale').notNull(),
    stakeholder: text('stakeholder'),
    country: text('country'),
    answers: jsonb('answers').$type<Answers>().notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] })],
);

/** Each invitation and reminder sent, so a person is invited once and reminded once, and the yearly cap can be kept. */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.email] }), index('survey_invitations_email').on(t.email, t.invitedAt)],
);

/** How members vote on candidate themes: approve up to k, rank them (Borda), or compare them two at a time (Bradley–Terry). */
export const VOTE_METHODS = ['approval', 'borda', 'pairwise'] as const;
export type VoteMethod = (typeof VOTE_METHODS)[number];

/** Every voter counts the same, or every stakeholder group counts the same (each voter weighted by 1 / the size of their group). */
export const WEIGHTINGS = ['people', 'groups'] as const;
export type Weighting = (typeof WEIGHTINGS)[number];

/**
 * A priority-setting cycle: an open call for candidate themes, the Secretariat merging duplicates,
 * a vote of members, and the Steering Committee's decision with its reasons.
 */
export const priorityCycles = pgTable('priority_cycles', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  slug: text('slug').notNull().unique(),
  title: jsonb('title').$type<I18nText>().notNull().default({}),
  intro: jsonb('intro').$type<I18nText>().notNull().default({}),
  originalLocale: text('original_locale').notNull().default('en'),
  incomeYear: text('income_year').notNull(),
  method: text('method').$type<VoteMethod>().notNull().default('approval'),
  /** approval: how many themes each voter may approve. */
  approvalLimit: integer('approval_limit').notNull().default(3),
  weighting: text('weighting').$type<Weighting>().notNull().default('people'),
  proposalsOpenAt: timestamp('proposals_open_at', { withTimezone: true }).notNull(),
  proposalsCloseAt: timestamp('proposals_close_at', { withTimezone: true }).notNull(),
  votingOpensAt: timestamp('voting_opens_at', { withTimezone: true }).notNull(),
  votingClosesAt: timestamp('voting_closes_at', { withTimezone: true }).notNull(),
  /** The Steering Committee's decision: what it says, and what happens next. Published when decidedAt is set. */
  decision: jsonb('decision').$type<I18nText>().notNull().default({}),
  nextSteps: jsonb('next_steps').$type<I18nText>().notNull().default({}),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A proposed theme stays; a duplicate is merged into another; the Secretariat may set one aside with a reason. Candidates are the proposed themes not merged or set aside. */
export const THEME_STATES = ['proposed', 'merged', 'set-aside'] as const;
export type ThemeState = (typeof THEME_STATES)[number];

export const priorityThemes = pgTable(
  'priority_themes',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => priorityCycles.id, { onDelete: 'cascade' }),
    title: jsonb('title').$type<I18nText>().notNull().default({}),
    description: jsonb('description').$type<I18nText>().notNull().default({}),
    originalLocale: text('original_locale').notNull().default('en'),
    state: text('state').$type<ThemeState>().notNull().default('proposed'),
    mergedInto: uuid('merged_into'),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The Steering Committee's decision on it, with its reasons, and where the work goes: a working group and consultations (by id). */
    adopted: boolean('adopted'),
    reason: jsonb('reason').$type<I18nText>().notNull().default({}),
    groupId: uuid('group_id'),
    consultationIds: uuid('consultation_ids').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [index('priority_themes_cycle').on(t.cycleId)],
);

/** A ballot: the approved themes, or the themes in order (ranked first to last). No voter, the day only. */
export const priorityBallots = pgTable(
  'priority_ballots',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => priorityCycles.id, { onDelete: 'cascade' }),
    castOn: date('cast_on', { mode: 'string' }).notNull(),
    stakeholder: text('stakeholder'),
    region: text('region'),
    incomeGroup: text('income_group'),
    choices: uuid('choices').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [index('priority_ballots_cycle').on(t.cycleId)],
);

/** One comparison of two themes (pairwise votes): which was preferred. No voter, the day only. */
export const priorityComparisons = pgTable(
  'priority_comparisons',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => priorityCycles.id, { onDelete: 'cascade' }),
    castOn: date('cast_on', { mode: 'string' }).notNull(),
    stakeholder: text('stakeholder'),
    winner: uuid('winner').notNull(),
    loser: uuid('loser').notNull(),
  },
  (t) => [index('priority_comparisons_cycle').on(t.cycleId)],
);

/** Who has voted (and, for pairwise votes, which pairs they have been shown, not what they chose). */
export const priorityVoters = pgTable(
  'priority_voters',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => priorityCycles.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    votedOn: date('voted_on', { mode: 'string' }).notNull(),
    locale: text('locale').notNull(),
    /** pairwise: the pairs compared, as sorted "a|b" keys, so no pair is shown twice. */
    pairs: text('pairs').array().notNull().default(sql`'{}'::text[]`),
    toldAt: timestamp('told_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.userId] })],
);

