/**
 * Surveys made whole in one step, for the demo and for tests: a survey already written and opened,
 * and responses as if sent (anonymous, their day only). Nothing here checks a policy: callers are
 * the seed and the tests, never a route.
 */
import type { Executor } from '../../db/client.js';
import type { I18nText } from '../../platform/i18n/content.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import { CURRENT_INCOME_YEAR, incomeGroupOf, m49RegionOf, regionOf } from '../../platform/geo/countries.js';
import { priorityBallots, priorityCycles, priorityThemes, surveyResponses, surveys, type Answers, type Question, type ResponseSource, type SurveyAudience, type VoteMethod, type Weighting } from './schema.js';
import type { CycleRow } from './priorities.js';
import { dayOf, type SurveyRow } from './respond.js';

/** A question with every optional part at its default (optional, no help, no options, always shown). */
export const question = (p: Partial<Question> & Pick<Question, 'key' | 'page' | 'type' | 'text'>): Question => ({
  required: false,
  help: {},
  choices: [],
  rows: [],
  other: false,
  maxChoices: 0,
  min: null,
  max: null,
  minLabel: {},
  maxLabel: {},
  when: [],
  ...p,
});

export interface NewSurvey {
  slug: string;
  title: I18nText;
  intro?: I18nText;
  thanks?: I18nText;
  questions: Question[];
  audience?: SurveyAudience;
  audienceRef?: string | null;
  anonymous?: boolean;
  locales?: string[];
  opensAt?: Date | null;
  closesAt?: Date | null;
  originalLocale?: string;
  cycleId?: string | null;
}

/** Adds a survey (null when one with that slug exists: the seed runs once per database). */
export async function addSurvey(db: Executor, s: NewSurvey): Promise<SurveyRow | null> {
  const [row] = await db
    .insert(surveys)
    .values({
      slug: s.slug,
      title: s.title,
      intro: s.intro ?? {},
      thanks: s.thanks ?? {},
      questions: s.questions,
      audience: s.audience ?? 'members',
      audienceRef: s.audienceRef ?? null,
      anonymous: s.anonymous ?? true,
      locales: s.locales ?? [...LOCALES],
      opensAt: s.opensAt ?? null,
      closesAt: s.closesAt ?? null,
      originalLocale: s.originalLocale ?? 'en',
      incomeYear: CURRENT_INCOME_YEAR,
      cycleId: s.cycleId ?? null,
    })
    .onConflictDoNothing({ target: surveys.slug })
    .returning();
  return row ?? null;
}

/** Responses as if sent: their dimensions worked out from the country, as when a person sends one. */
export async function addResponses(
  db: Executor,
  survey: Pick<SurveyRow, 'id' | 'incomeYear'>,
  list: { stakeholder: string | null; country: string | null; answers: Answers; locale?: string; on?: Date; source?: ResponseSource }[],
): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    await db.insert(surveyResponses).values(
      list.slice(i, i + 500).map((r) => ({
        surveyId: survey.id,
        submittedOn: dayOf(r.on ?? new Date()),
        source: r.source ?? 'online',
        locale: r.locale ?? 'en',
        stakeholder: r.stakeholder,
        region: r.country ? regionOf(r.country) : null,
        m49Region: r.country ? m49RegionOf(r.country) : null,
        incomeGroup: r.country ? incomeGroupOf(r.country, survey.incomeYear) : null,
        answers: r.answers,
      })),
    );
  }
}

export interface NewCycle {
  slug: string;
  title: I18nText;
  intro?: I18nText;
  method?: VoteMethod;
  approvalLimit?: number;
  weighting?: Weighting;
  proposalsOpenAt: Date;
  proposalsCloseAt: Date;
  votingOpensAt: Date;
  votingClosesAt: Date;
  originalLocale?: string;
}

/** Adds a priority-setting cycle (null when one with that slug exists). */
export async function addCycle(db: Executor, c: NewCycle): Promise<CycleRow | null> {
  const [row] = await db
    .insert(priorityCycles)
    .values({ ...c, intro: c.intro ?? {}, originalLocale: c.originalLocale ?? 'en', incomeYear: CURRENT_INCOME_YEAR })
    .onConflictDoNothing({ target: priorityCycles.slug })
    .returning();
  return row ?? null;
}

/** Adds a proposed theme to a cycle; returns its id. */
export async function addTheme(db: Executor, cycleId: string, t: { title: I18nText; description?: I18nText; originalLocale?: string; createdAt?: Date }): Promise<string> {
  const [row] = await db
    .insert(priorityThemes)
    .values({ cycleId, title: t.title, description: t.description ?? {}, originalLocale: t.originalLocale ?? 'en', ...(t.createdAt ? { createdAt: t.createdAt } : {}) })
    .returning({ id: priorityThemes.id });
  return row!.id;
}

/** Ballots as if cast (no voter: ballots never name one), with the voters' dimensions from their country. */
export async function addBallots(db: Executor, cycle: Pick<CycleRow, 'id' | 'incomeYear'>, list: { choices: string[]; stakeholder: string | null; country: string | null; on?: Date }[]): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    await db.insert(priorityBallots).values(
      list.slice(i, i + 500).map((b) => ({
        cycleId: cycle.id,
        castOn: dayOf(b.on ?? new Date()),
        choices: b.choices,
        stakeholder: b.stakeholder,
        region: b.country ? regionOf(b.country) : null,
        incomeGroup: b.country ? incomeGroupOf(b.country, cycle.incomeYear) : null,
      })),
    );
  }
}

/** A small generator of repeatable numbers, so the demo's answers are the same on every machine. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
