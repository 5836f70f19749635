/**
 * Surveys made whole in one step, for the demo and for tests: a survey already written and opened,
 * and responses as if sent (anonymous, their day only). Nothing here checks a policy: callers are
 * the seed and the tests, never a route.
 */
import type { Executor } from '../../db/client.js';
import type { I18nText } from '../../platform/i18n/content.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import { CURRENT_INCOME_YEAR, incomeGroupOf, regionOf } from '../../platform/geo/countries.js';
import { surveyResponses, surveys, type Answers, type Question, type ResponseSource, type SurveyAudience } from './schema.js';
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
        incomeGroup: r.country ? incomeGroupOf(r.country, survey.incomeYear) : null,
        answers: r.answers,
      })),
    );
  }
}
