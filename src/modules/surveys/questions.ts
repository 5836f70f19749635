import type { I18nText } from '../../platform/i18n/content.js';
import { asList, isRealDay } from '../../platform/forms/fields.js';
import { CONDITION_OPS, QUESTION_TYPES, type Answers, type Choice, type Condition, type ConditionOp, type Question } from './schema.js';

/**
 * A survey's questions as rules, with no database: which questions a respondent is shown given what
 * they have answered (skip logic, decided on the server so it works with JavaScript off), which page
 * comes next, what is submitted, whether a definition can be opened, and how one page of an HTML form
 * is read into answers.
 *
 * Answers are stored as schema.ts says: the question key → a string, a number or a list of keys; a
 * matrix row as `key:row` → the column key; an "Other, please say" text as `key:other`.
 */

/** A question, choice or row key: stable across years, so it must stay simple. */
export const KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const SHORT_TEXT_MAX = 300;
export const LONG_TEXT_MAX = 5000;
/** The value of the "Other, please say" option, and the suffix of the field (and answer) holding its text. */
export const OTHER = 'other';
/**
 * Keys a matrix row may not have. The ids of a row's radios are made from its key (the first is
 * `f-<question>-<row>`, where the error summary links), so a row called "hint" would take the id of
 * the question's hint (`f-<question>-hint`), and one called "error" that of a question's error line
 * (which a matrix does not show: its errors are its rows'). Options and items to rank are numbered.
 */
export const RESERVED_ROW_KEYS: readonly string[] = ['error', 'hint'];

/** Why a page's answers were refused, per field. A view turns each code into a message in the reader's language. */
export const ANSWER_ERRORS = ['required', 'invalid', 'too-long', 'not-a-choice', 'too-many', 'other-empty', 'not-a-number', 'out-of-range', 'not-a-date', 'ranking-positions'] as const;
export type AnswerErrorCode = (typeof ANSWER_ERRORS)[number];
/**
 * `key` is the form field at fault: the question key, `key:row` for a matrix row, `key:other` for an
 * "other" text. `values` are the message's arguments, when it names them (a number's range).
 */
export interface AnswerError {
  key: string;
  code: AnswerErrorCode;
  values?: NumberRange;
}

/**
 * The numbers a number question accepts, as its hint and its "out of range" message name them:
 * `bounds` says which ends it has (an ICU select in those messages), `min` and `max` are the ends.
 */
export interface NumberRange {
  bounds: 'both' | 'min' | 'max';
  min?: number;
  max?: number;
}

/** A number question's range; null when it accepts any number (or is not a number question). */
export function numberRange(q: Pick<Question, 'type' | 'min' | 'max'>): NumberRange | null {
  if (q.type !== 'number') return null;
  if (q.min !== null && q.max !== null) return { bounds: 'both', min: q.min, max: q.max };
  if (q.min !== null) return { bounds: 'min', min: q.min };
  if (q.max !== null) return { bounds: 'max', max: q.max };
  return null;
}

/** Why a definition cannot be opened. `at` names the choice, row or condition (by the question it refers to) at fault. */
export const DEFINITION_PROBLEMS = [
  'bad-key',
  'duplicate-key',
  'bad-type',
  'bad-page',
  'bad-choice-key',
  'duplicate-choice',
  'reserved-row-key',
  'too-few-choices',
  'no-rows',
  'bad-scale',
  'bad-range',
  'bad-max-choices',
  'condition-unknown',
  'condition-not-earlier',
  'condition-op',
  'condition-value',
] as const;
export type DefinitionProblemCode = (typeof DEFINITION_PROBLEMS)[number];
export interface DefinitionProblem {
  key: string;
  code: DefinitionProblemCode;
  at?: string;
}

/** A text a configured language still lacks: `where` is `title`, `intro`, or `<question>.text|help|minLabel|maxLabel`, `<question>.choices.<key>`, `<question>.rows.<key>`. */
export interface MissingText {
  locale: string;
  where: string;
}

/** Object keys are read only when the object holds them itself: a question may be called "constructor". */
const own = (o: Record<string, unknown>, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

const isAnswered = (v: unknown): boolean => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

const chose = (v: unknown, key: string): boolean => v === key || (Array.isArray(v) && v.includes(key));

// ——— Skip logic ———

function sameValue(ref: Question, v: unknown, value: Condition['value']): boolean {
  if (!isAnswered(v) || value === undefined) return false;
  return ref.type === 'number' || ref.type === 'rating' ? Number(v) === Number(value) : v === String(value);
}

/**
 * Whether a condition holds on the answers. The negative ops are the exact negation of the positive
 * ones, so "not teacher" holds when the question was skipped: conditions only combine with "and", so
 * this way both readings can be written ("not teacher" alone, or with "answered").
 */
function holds(c: Condition, ref: Question, answers: Answers): boolean {
  const v = own(answers, c.question);
  switch (c.op) {
    case 'answered':
      return isAnswered(v);
    case 'not-answered':
      return !isAnswered(v);
    case 'equals':
      return sameValue(ref, v, c.value);
    case 'not-equals':
      return !sameValue(ref, v, c.value);
    case 'includes':
      return Array.isArray(v) && v.includes(String(c.value));
    case 'excludes':
      return !(Array.isArray(v) && v.includes(String(c.value)));
    case 'at-least':
      return typeof v === 'number' && v >= Number(c.value);
    case 'at-most':
      return typeof v === 'number' && v <= Number(c.value);
  }
}

/**
 * The questions shown given the answers (in the order given). A question is shown when each of its
 * conditions holds; a condition on a question that is not shown never holds, whatever the op (the
 * respondent never saw it, so an answer kept in their draft, or its absence, says nothing), and so
 * hiding a question hides what depends on it. Pages are decided in order, which is all a cascade
 * needs because conditions only look at earlier pages.
 */
export function visibleQuestions(questions: Question[], answers: Answers): Question[] {
  const byKey = new Map<string, Question>();
  for (const q of questions) if (!byKey.has(q.key)) byKey.set(q.key, q);
  const shown = new Set<Question>();
  for (const q of [...questions].sort((a, b) => a.page - b.page)) {
    const ok = q.when.every((c) => {
      const ref = byKey.get(c.question.split(':')[0]);
      return ref !== undefined && ref.page < q.page && shown.has(ref) && holds(c, ref, answers);
    });
    if (ok) shown.add(q);
  }
  return questions.filter((q) => shown.has(q));
}

/** The page numbers, in order, each once. */
export function pagesOf(questions: Question[]): number[] {
  return [...new Set(questions.map((q) => q.page))].sort((a, b) => a - b);
}

/** The first page after `from` with a question shown (so a respondent never sees an empty page); null when there is none. From 0, the first page. */
export function nextPage(questions: Question[], answers: Answers, from: number): number | null {
  return pagesOf(visibleQuestions(questions, answers)).find((p) => p > from) ?? null;
}

/** The last page before `from` with a question shown; null when there is none. */
export function previousPage(questions: Question[], answers: Answers, from: number): number | null {
  return (
    pagesOf(visibleQuestions(questions, answers))
      .reverse()
      .find((p) => p < from) ?? null
  );
}

/** The answer entries a question owns. */
function entriesOf(q: Question): string[] {
  if (q.type === 'matrix') return q.rows.map((r) => `${q.key}:${r.key}`);
  if (q.type === 'single' || q.type === 'multiple') return [q.key, `${q.key}:${OTHER}`];
  return [q.key];
}

/**
 * What is submitted and counted: the answers of the questions shown, and nothing else (not a hidden
 * question's answer, not an "other" text once another option was chosen instead). The draft keeps
 * them all, so a respondent who changes an answer back finds what they had written.
 */
export function submittedAnswers(questions: Question[], answers: Answers): Answers {
  const out: Answers = {};
  for (const q of visibleQuestions(questions, answers)) {
    for (const entry of entriesOf(q)) {
      if (entry === `${q.key}:${OTHER}` && !chose(own(answers, q.key), OTHER)) continue;
      const v = own(answers, entry);
      if (isAnswered(v)) out[entry] = v as Answers[string];
    }
  }
  return out;
}

/**
 * The draft once a page has been answered: the entries of that page's questions shown are replaced
 * by the page's answers (an answer cleared is removed); the entries of its hidden questions, and of
 * every other page, are kept.
 */
export function withPage(questions: Question[], draft: Answers, page: number, pageAnswers: Answers): Answers {
  const next: Answers = { ...draft };
  for (const q of visibleQuestions(questions, draft)) if (q.page === page) for (const entry of entriesOf(q)) delete next[entry];
  return { ...next, ...pageAnswers };
}

/** The fields of a required question still to answer: each unanswered row of a matrix, or the question. */
function unanswered(q: Question, answers: Answers): string[] {
  if (q.type === 'matrix') return q.rows.map((r) => `${q.key}:${r.key}`).filter((f) => !isAnswered(own(answers, f)));
  return isAnswered(own(answers, q.key)) ? [] : [q.key];
}

/** The required questions shown (on one page, or on any) that have no answer. */
export function missingRequired(questions: Question[], answers: Answers, page?: number): AnswerError[] {
  return visibleQuestions(questions, answers)
    .filter((q) => q.required && (page === undefined || q.page === page))
    .flatMap((q) => unanswered(q, answers).map((key) => ({ key, code: 'required' as const })));
}

// ——— Definitions ———

const WITH_CHOICES: ReadonlySet<string> = new Set(['single', 'multiple', 'ranking', 'matrix']);

/** The values a single or multiple question accepts: its choices, and "other" when it offers one. */
const choiceKeys = (q: Question): string[] => [...q.choices.map((c) => c.key), ...((q.type === 'single' || q.type === 'multiple') && q.other ? [OTHER] : [])];

/** The ops that make sense on a question (on a matrix, only on one of its rows). */
function opsFor(ref: Question, row: boolean): readonly ConditionOp[] {
  if (ref.type === 'matrix') return row ? ['equals', 'not-equals', 'answered', 'not-answered'] : [];
  if (row) return [];
  switch (ref.type) {
    case 'single':
      return ['equals', 'not-equals', 'answered', 'not-answered'];
    case 'multiple':
      return ['includes', 'excludes', 'answered', 'not-answered'];
    case 'number':
    case 'rating':
      return ['equals', 'not-equals', 'at-least', 'at-most', 'answered', 'not-answered'];
    default:
      return ['answered', 'not-answered'];
  }
}

function fitsValue(ref: Question, c: Condition): boolean {
  if (c.op === 'answered' || c.op === 'not-answered') return true;
  if (ref.type === 'number' || ref.type === 'rating') {
    if (typeof c.value !== 'number' || !Number.isFinite(c.value)) return false;
    return ref.type === 'number' || (ref.min !== null && ref.max !== null && c.value >= ref.min && c.value <= ref.max);
  }
  const allowed = ref.type === 'matrix' ? ref.choices.map((column) => column.key) : choiceKeys(ref);
  return typeof c.value === 'string' && allowed.includes(c.value);
}

function checkKeys(q: Question, list: Choice[], reserved: string[], problems: DefinitionProblem[]): void {
  const seen = new Set(reserved);
  for (const c of list) {
    if (!KEY.test(c.key)) problems.push({ key: q.key, code: 'bad-choice-key', at: c.key });
    else if (seen.has(c.key)) problems.push({ key: q.key, code: 'duplicate-choice', at: c.key });
    seen.add(c.key);
  }
}

/** A scale a respondent can read at a glance: whole numbers, at most eleven points. */
const isScale = (min: number | null, max: number | null): boolean => min !== null && max !== null && Number.isInteger(min) && Number.isInteger(max) && min < max && max - min <= 10;

/**
 * What stops a definition from being opened, as codes a view translates: keys, choices and rows
 * (unique, simple, a row's not one of RESERVED_ROW_KEYS), pages, scales and ranges, and conditions that refer to a question on an earlier
 * page with an op and a value that fit it. None: it can be opened.
 */
export function checkQuestions(questions: Question[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const byKey = new Map<string, Question>();
  for (const q of questions) {
    if (!KEY.test(q.key)) problems.push({ key: q.key, code: 'bad-key' });
    else if (byKey.has(q.key)) problems.push({ key: q.key, code: 'duplicate-key' });
    else byKey.set(q.key, q);
  }
  for (const q of questions) {
    if (!(QUESTION_TYPES as readonly string[]).includes(q.type)) problems.push({ key: q.key, code: 'bad-type' });
    if (!Number.isInteger(q.page) || q.page < 1) problems.push({ key: q.key, code: 'bad-page' });
    if (WITH_CHOICES.has(q.type)) {
      // "other" is the value of the "Other, please say" option, so no choice of such a question may be called that.
      checkKeys(q, q.choices, (q.type === 'single' || q.type === 'multiple') && q.other ? [OTHER] : [], problems);
      if (q.choices.length < 2) problems.push({ key: q.key, code: 'too-few-choices' });
    }
    if (q.type === 'matrix') {
      checkKeys(q, q.rows, [], problems);
      for (const r of q.rows) if (RESERVED_ROW_KEYS.includes(r.key)) problems.push({ key: q.key, code: 'reserved-row-key', at: r.key });
      if (q.rows.length < 1) problems.push({ key: q.key, code: 'no-rows' });
    }
    if (q.type === 'rating' && !isScale(q.min, q.max)) problems.push({ key: q.key, code: 'bad-scale' });
    if (q.type === 'number' && [q.min, q.max].some((n) => n !== null && !Number.isFinite(n))) problems.push({ key: q.key, code: 'bad-range' });
    else if (q.type === 'number' && q.min !== null && q.max !== null && q.min > q.max) problems.push({ key: q.key, code: 'bad-range' });
    if (q.type === 'multiple' && !(Number.isInteger(q.maxChoices) && q.maxChoices >= 0)) problems.push({ key: q.key, code: 'bad-max-choices' });
    for (const c of q.when) {
      const [refKey, row, ...rest] = c.question.split(':');
      const ref = byKey.get(refKey);
      const at = c.question;
      if (!ref || rest.length > 0 || (row !== undefined && !ref.rows.some((r) => r.key === row))) problems.push({ key: q.key, code: 'condition-unknown', at });
      else if (!(ref.page < q.page)) problems.push({ key: q.key, code: 'condition-not-earlier', at });
      else if (!(CONDITION_OPS as readonly string[]).includes(c.op) || !opsFor(ref, row !== undefined).includes(c.op)) problems.push({ key: q.key, code: 'condition-op', at });
      else if (!fitsValue(ref, c)) problems.push({ key: q.key, code: 'condition-value', at });
    }
  }
  return problems;
}

// ——— Languages ———

/**
 * The texts each configured language still lacks (blank counts as missing). The title, each
 * question's text and each choice and row label must be written in every language; the intro, a help
 * text and a rating's end labels are optional, but once written in one language they are needed in all.
 */
export function missingTexts(survey: { title: I18nText; intro: I18nText; questions: Question[] }, locales: readonly string[]): MissingText[] {
  const texts: { where: string; text: I18nText; needed: boolean }[] = [
    { where: 'title', text: survey.title, needed: true },
    { where: 'intro', text: survey.intro, needed: false },
  ];
  for (const q of survey.questions) {
    texts.push({ where: `${q.key}.text`, text: q.text, needed: true }, { where: `${q.key}.help`, text: q.help, needed: false });
    if (WITH_CHOICES.has(q.type)) for (const c of q.choices) texts.push({ where: `${q.key}.choices.${c.key}`, text: c.label, needed: true });
    if (q.type === 'matrix') for (const r of q.rows) texts.push({ where: `${q.key}.rows.${r.key}`, text: r.label, needed: true });
    if (q.type === 'rating') texts.push({ where: `${q.key}.minLabel`, text: q.minLabel, needed: false }, { where: `${q.key}.maxLabel`, text: q.maxLabel, needed: false });
  }
  const inLocale = (t: I18nText | undefined, locale: string) => Boolean((own(t ?? {}, locale) as string | undefined)?.trim());
  const written = (t: I18nText | undefined) => Object.values(t ?? {}).some((v) => Boolean(v?.trim()));
  return locales.flatMap((locale) => texts.filter((t) => (t.needed || written(t.text)) && !inLocale(t.text, locale)).map(({ where }) => ({ locale, where })));
}

// ——— Reading a page from a form ———

/** A field's one value, trimmed (line breaks as \n); undefined when blank or absent; null when it is not one string, which our forms never send. */
function one(body: Record<string, unknown>, name: string): string | undefined | null {
  const v = own(body, name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return null;
  const t = v.replace(/\r\n?/g, '\n').trim();
  return t === '' ? undefined : t;
}

/** Characters, not UTF-16 units: never stricter than the browser's own maxlength. */
const length = (s: string) => [...s].length;

/**
 * A number as people type it in any of the six languages: digits with at most one decimal separator,
 * a point or a comma ("2,5" and "2.5" are both two and a half), and an optional leading minus.
 * Full-width digits and signs (typed with a Chinese input method) and Arabic-Indic digits with the
 * Arabic decimal separator are read as such. Thousands separators are refused rather than guessed
 * ("1 234" is not a number); note that "1,234" is therefore read as 1.234, and a view should say
 * which form is expected.
 */
export function parseDecimal(typed: string): number | null {
  const s = typed
    .normalize('NFKC')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/\u066B/g, '.')
    .trim();
  if (!/^-?\d+(?:[.,]\d+)?$/.test(s)) return null;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

const RANKING_POSITION = /^\d+$/;

/** Reads one question's fields into `into`; returns the errors (none: `into` holds its answers, if any). */
function readQuestion(q: Question, body: Record<string, unknown>, into: Answers): AnswerError[] {
  const fail = (code: AnswerErrorCode, key = q.key): AnswerError[] => [{ key, code }];
  const otherKey = `${q.key}:${OTHER}`;
  const readOther = (): AnswerError[] => {
    const text = one(body, otherKey);
    if (text === null) return fail('invalid', otherKey);
    if (text === undefined) return fail('other-empty', otherKey);
    if (length(text) > SHORT_TEXT_MAX) return fail('too-long', otherKey);
    into[otherKey] = text;
    return [];
  };
  switch (q.type) {
    case 'short-text':
    case 'long-text': {
      const v = one(body, q.key);
      if (v === null) return fail('invalid');
      if (v === undefined) return [];
      if (length(v) > (q.type === 'short-text' ? SHORT_TEXT_MAX : LONG_TEXT_MAX)) return fail('too-long');
      into[q.key] = v;
      return [];
    }
    case 'date': {
      const v = one(body, q.key);
      if (v === null) return fail('invalid');
      if (v === undefined) return [];
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !isRealDay(v)) return fail('not-a-date');
      into[q.key] = v;
      return [];
    }
    case 'number': {
      const v = one(body, q.key);
      if (v === null) return fail('invalid');
      if (v === undefined) return [];
      const n = parseDecimal(v);
      if (n === null) return fail('not-a-number');
      if ((q.min !== null && n < q.min) || (q.max !== null && n > q.max)) return [{ key: q.key, code: 'out-of-range', values: numberRange(q)! }];
      into[q.key] = n;
      return [];
    }
    case 'rating': {
      const v = one(body, q.key);
      if (v === null) return fail('invalid');
      if (v === undefined) return [];
      const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
      if (!(Number.isInteger(n) && (q.min === null || n >= q.min) && (q.max === null || n <= q.max))) return fail('not-a-choice');
      into[q.key] = n;
      return [];
    }
    case 'single': {
      const v = one(body, q.key);
      const text = q.other ? one(body, otherKey) : undefined;
      if (v === null) return fail('invalid');
      // With JavaScript off nothing ticks "Other" for a respondent who types in its box: typing is choosing it.
      const choice = v ?? (text ? OTHER : undefined);
      if (choice === undefined) return [];
      if (!choiceKeys(q).includes(choice)) return fail('not-a-choice');
      into[q.key] = choice;
      return choice === OTHER ? readOther() : [];
    }
    case 'multiple': {
      const raw = asList(own(body, q.key));
      if (raw.some((v) => typeof v !== 'string')) return fail('invalid');
      const picked = new Set((raw as string[]).map((v) => v.trim()).filter(Boolean));
      if (q.other && one(body, otherKey)) picked.add(OTHER);
      const allowed = choiceKeys(q);
      if ([...picked].some((v) => !allowed.includes(v))) return fail('not-a-choice');
      if (q.maxChoices > 0 && picked.size > q.maxChoices) return fail('too-many');
      if (picked.size === 0) return [];
      // Stored in the order of the options, whatever order the browser sent them in.
      into[q.key] = allowed.filter((k) => picked.has(k));
      return picked.has(OTHER) ? readOther() : [];
    }
    case 'matrix': {
      const columns = q.choices.map((c) => c.key);
      const errors: AnswerError[] = [];
      for (const r of q.rows) {
        const field = `${q.key}:${r.key}`;
        const v = one(body, field);
        if (v === null) errors.push({ key: field, code: 'invalid' });
        else if (v !== undefined && !columns.includes(v)) errors.push({ key: field, code: 'not-a-choice' });
        else if (v !== undefined) into[field] = v;
      }
      return errors;
    }
    case 'ranking': {
      const typed = q.choices.map((c) => one(body, `${q.key}:${c.key}`));
      if (typed.every((p) => p === undefined)) return [];
      const n = q.choices.length;
      const positions = typed.map((p) => (typeof p === 'string' && RANKING_POSITION.test(p) ? Number(p) : NaN));
      if (positions.some((p) => !(p >= 1 && p <= n)) || new Set(positions).size !== n) return fail('ranking-positions');
      into[q.key] = q.choices.map((c, i) => ({ key: c.key, at: positions[i] })).sort((a, b) => a.at - b.at).map((c) => c.key);
      return [];
    }
  }
}

/**
 * Reads one page of an HTML form (JavaScript off) into answers for that page's questions shown,
 * given the answers so far (`draft`, which decide what is shown). Field names: the question key (a
 * multiple choice repeats it); `key:other` for the "other" text; `key:row` for each matrix row;
 * `key:choice` for each item to rank, holding its position from 1. Strings are trimmed and blanks
 * dropped. A question with an error contributes no answer, so a forged value is never stored; the
 * view shows the form again as typed.
 */
export function readPage(questions: Question[], page: number, body: Record<string, unknown>, draft: Answers): { answers: Answers; errors: AnswerError[] } {
  const answers: Answers = {};
  const errors: AnswerError[] = [];
  for (const q of visibleQuestions(questions, draft)) {
    if (q.page !== page) continue;
    const got: Answers = {};
    const wrong = readQuestion(q, body, got);
    if (wrong.length > 0) {
      errors.push(...wrong);
      continue;
    }
    if (q.required) errors.push(...unanswered(q, got).map((key) => ({ key, code: 'required' as const })));
    Object.assign(answers, got);
  }
  return { answers, errors };
}
