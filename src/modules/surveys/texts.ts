/**
 * What respondents wrote in text boxes, for the Secretariat to read (policy `readTexts`): the
 * answers to one short-text or long-text question, or the "Other, please say" texts of one choice
 * question, a page at a time, searched, and downloaded as CSV.
 *
 * Anonymity (decision 017) holds here too. An answer is shown alone: no stakeholder group, region,
 * income group, language, day or response goes with it. Responses have no instant, so there is no
 * "newest first"; each question's answers come in an order of their own — a hash of the response
 * and the question — the same on every visit (paging is stable), but unrelated from one question to
 * the next, so the tenth answer here and the tenth answer there say nothing of being written by the
 * same person. Blank answers are left out.
 *
 * Reading the page is the Secretariat's work and, like its other lists, is not audited; a download
 * takes the texts out of the system and is audited (who, which survey and question, what search,
 * how many rows), as every export of personal data is.
 */
import { and, asc, count, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { escapeLike, recordAudit } from '../../platform/audit/service.js';
import { field, isSlug } from '../../platform/forms/fields.js';
import { surveyResponses, surveys, type Question } from './schema.js';
import { surveyPolicy } from './policy.js';
import { OTHER } from './questions.js';
import type { SurveyRow } from './respond.js';

/** Answers shown on one page. */
export const TEXTS_PAGE_SIZE = 50;
/** The longest search looked for (a text answer is at most 5,000 characters; a search is a few words). */
export const TEXT_SEARCH_MAX = 200;

/** A question people answer in words: a text question, or a choice question's "Other, please say" box (`other`). */
export interface TextQuestion {
  key: string;
  other: boolean;
  question: Question;
}

/** The questions of a survey that take written answers, in the survey's order. */
export function textQuestions(questions: readonly Question[]): TextQuestion[] {
  return questions.flatMap((q): TextQuestion[] => {
    if (q.type === 'short-text' || q.type === 'long-text') return [{ key: q.key, other: false, question: q }];
    if ((q.type === 'single' || q.type === 'multiple') && q.other) return [{ key: q.key, other: true, question: q }];
    return [];
  });
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The page's query string: which question, what to search for, which page. Anything malformed is read as not given. */
export const textsQuery = z.object({
  question: z.preprocess(blankToUndefined, z.string().optional()).catch(undefined),
  q: z.preprocess(blankToUndefined, z.string().trim().optional()).catch(undefined),
  page: field.page(),
});
export type TextsQuery = z.output<typeof textsQuery>;

export interface SurveyTexts {
  survey: SurveyRow;
  /** Every question with written answers (to choose from). */
  questions: TextQuestion[];
  /** The question shown: the one asked for, else the first; null when the survey has none, or the one asked for is not one of them. */
  chosen: TextQuestion | null;
  /** A question asked for that takes no written answers (or does not exist). */
  unknown: string | null;
  /** The search as typed (trimmed); `searchTooLong` when it is longer than TEXT_SEARCH_MAX (then nothing is looked up). */
  q: string;
  searchTooLong: boolean;
  /** The page shown (a page past the last is read as the last), the number of answers found, and this page's texts. */
  page: number;
  total: number;
  texts: string[];
}

/** The stored answer a text question's answers are under: the question's key, or `key:other`. */
const answerKey = (t: TextQuestion) => (t.other ? `${t.key}:${OTHER}` : t.key);

/** The conditions for a non-blank written answer to this question, containing the search (case aside) when there is one. */
function answered(surveyId: string, t: TextQuestion, q: string): { where: SQL; text: SQL<string>; order: SQL } {
  const key = answerKey(t);
  const text = sql<string>`(${surveyResponses.answers} ->> ${key}::text)`;
  const conditions: SQL[] = [
    eq(surveyResponses.surveyId, surveyId),
    sql`jsonb_typeof(${surveyResponses.answers} -> ${key}::text) = 'string'`,
    sql`${text} ~ '[^[:space:]]'`,
  ];
  if (q) conditions.push(ilike(text, `%${escapeLike(q)}%`));
  // An order of this question's own (see the file's comment): stable, and unrelated to any other question's.
  const order = sql`md5(${surveyResponses.id}::text || ${key}::text)`;
  return { where: and(...conditions)!, text, order };
}

async function surveyOf(db: Executor, slug: string): Promise<SurveyRow | null> {
  if (!isSlug(slug)) return null;
  const [s] = await db.select().from(surveys).where(eq(surveys.slug, slug));
  return s ?? null;
}

function choose(survey: SurveyRow, asked: string | undefined): { questions: TextQuestion[]; chosen: TextQuestion | null; unknown: string | null } {
  const questions = textQuestions(survey.questions);
  if (asked === undefined) return { questions, chosen: questions[0] ?? null, unknown: null };
  const chosen = questions.find((t) => t.key === asked) ?? null;
  // Named back to the reader as asked, cut short when long (a key is at most 40 characters).
  return { questions, chosen, unknown: chosen ? null : asked.length > 60 ? `${asked.slice(0, 60)}…` : asked };
}

/**
 * One page of a survey's written answers to one question, for the Secretariat. Null when there is
 * no such survey. A question that takes no written answers is named in `unknown` (the route says
 * so); a search too long is named in `searchTooLong`; a page number past the last shows the last.
 */
export async function surveyTexts(db: Executor, actor: MaybeActor, slug: string, query: TextsQuery): Promise<SurveyTexts | null> {
  authorize(surveyPolicy.readTexts(actor), 'surveys.texts');
  const survey = await surveyOf(db, slug);
  if (!survey) return null;
  const { questions, chosen, unknown } = choose(survey, query.question);
  const q = query.q ?? '';
  const searchTooLong = q.length > TEXT_SEARCH_MAX;
  const none = { survey, questions, chosen, unknown, q, searchTooLong, page: 1, total: 0, texts: [] };
  if (!chosen || searchTooLong) return none;
  const { where, text, order } = answered(survey.id, chosen, q);
  const [found] = await db.select({ n: count() }).from(surveyResponses).where(where);
  const total = found?.n ?? 0;
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / TEXTS_PAGE_SIZE)));
  const rows = total
    ? await db
        .select({ text })
        .from(surveyResponses)
        .where(where)
        .orderBy(order, asc(surveyResponses.id))
        .limit(TEXTS_PAGE_SIZE)
        .offset((page - 1) * TEXTS_PAGE_SIZE)
    : [];
  return { ...none, page, total, texts: rows.map((r) => r.text) };
}

/**
 * Every written answer to one question (matching the search, when there is one), in the page's
 * order, for a CSV download: audited, as texts leaving the system. Null when there is no such
 * survey, no such text question, or the search is too long.
 */
export async function exportSurveyTexts(
  db: Db,
  actor: MaybeActor,
  slug: string,
  query: Pick<TextsQuery, 'question' | 'q'>,
  ip: string,
): Promise<{ survey: SurveyRow; chosen: TextQuestion; texts: string[] } | null> {
  authorize(surveyPolicy.readTexts(actor), 'surveys.texts');
  const survey = await surveyOf(db, slug);
  if (!survey) return null;
  const { chosen } = choose(survey, query.question);
  const q = query.q ?? '';
  if (!chosen || q.length > TEXT_SEARCH_MAX) return null;
  return db.transaction(async (tx) => {
    const { where, text, order } = answered(survey.id, chosen, q);
    const rows = await tx.select({ text }).from(surveyResponses).where(where).orderBy(order, asc(surveyResponses.id));
    await recordAudit(tx, actor, { action: 'surveys.texts.export', targetType: 'survey', targetId: survey.slug, after: { format: 'csv', question: chosen.key, other: chosen.other, q: q || null, rows: rows.length }, ip });
    return { survey, chosen, texts: rows.map((r) => r.text) };
  });
}
