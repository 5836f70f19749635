/**
 * The surveys module's door: the verbs its routes call and what other modules may use (a module
 * reaches another only through its service.ts). Writing a survey: authoring.ts; answering:
 * respond.ts; invitations and reminders: invitations.ts; the rules of questions and skip logic:
 * questions.ts; results: results.ts; setting priorities: priorities.ts; vote counting: voting.ts.
 */
import { keyWord } from '../../platform/i18n/messages.js';
import type { Answers, Question } from './schema.js';
import type { FieldError } from '../../platform/forms/validate.js';
import type { AnswerError } from './questions.js';
import { pagesOf, visibleQuestions } from './questions.js';

export * from './respond.js';
export * from './authoring.js';
export * from './priorities.js';
export * from './cycles.js';
export { sendYouSaid, youSaidMail, type YouSaidData } from './you-said.js';
export { surveyResults, isDimension, DIMENSIONS, GROUPS, type Dimension, type SurveyResults, type QuestionResult, type ResultTable } from './results.js';
export { readPage, visibleQuestions, missingRequired, missingTexts, checkQuestions, pagesOf, type AnswerError, type DefinitionProblem, type MissingText } from './questions.js';
export { surveyPolicy, priorityPolicy, isOpen, isClosed } from './policy.js';
export { surveyInviteBody, surveyInvitationPreview, inviteToSurvey, remindSurvey, invitationsView, invitationCap, INVITATION_CAP_SETTING, DEFAULT_INVITATION_CAP, type SurveyInviteInput, type InvitationPreview, type InvitationRefusal, type InvitationsView } from './invitations.js';
export { surveyTexts, exportSurveyTexts, textQuestions, textsQuery, TEXTS_PAGE_SIZE, TEXT_SEARCH_MAX, type SurveyTexts, type TextQuestion, type TextsQuery } from './texts.js';
export { QUESTION_TYPES, SURVEY_AUDIENCES, CONDITION_OPS, RESPONSE_SOURCES, VOTE_METHODS, WEIGHTINGS, type Question, type Answers, type SurveyAudience } from './schema.js';

/** The questions shown on one page, given the answers so far. */
export function visibleOnPage(questions: Question[], answers: Answers, page: number): Question[] {
  return visibleQuestions(questions, answers).filter((q) => q.page === page);
}

/** Where a page stands among the pages shown with the answers so far ("Page 2 of 4"): the count can change when an answer changes which pages are shown. */
export function pageStep(questions: Question[], answers: Answers, page: number): { index: number; count: number } {
  const shown = pagesOf(visibleQuestions(questions, answers));
  const index = shown.indexOf(page);
  return { index: index >= 0 ? index + 1 : 1, count: Math.max(shown.length, 1) };
}

/** The reasons a page's answers were refused, as the form shows them beside each field (`surveys.answerErrors.*`, with their arguments: a number's range). */
export const answerFieldErrors = (errors: readonly AnswerError[]): FieldError[] =>
  errors.map((e) => ({ field: e.key, key: `surveys.answerErrors.${keyWord(e.code)}`, ...(e.values ? { values: { ...e.values } } : {}) }));
