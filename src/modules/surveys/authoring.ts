/**
 * Writing a survey (the Secretariat): its settings and texts in each of its languages, its
 * questions one by one, then opening it — refused while any language is incomplete or any question
 * is malformed — and closing it. Once open, its questions are fixed: answers already given must keep
 * meaning what they meant (texts may still be corrected while it is a draft only).
 */
import { keyWord } from '../../platform/i18n/messages.js';
import { count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { claimSubmission } from '../../platform/forms/once.js';
import { field, asList } from '../../platform/forms/fields.js';
import type { FieldError } from '../../platform/forms/validate.js';
import { withText, type I18nText } from '../../platform/i18n/content.js';
import { isLocale, LOCALES, type Locale } from '../../platform/i18n/locales.js';
import { CURRENT_INCOME_YEAR, isIncomeYear } from '../../platform/geo/countries.js';
import { CONDITION_OPS, QUESTION_TYPES, SURVEY_AUDIENCES, surveyDrafts, surveyResponses, surveys, type Choice, type Condition, type Question } from './schema.js';
import { surveyPolicy } from './policy.js';
import { checkQuestions, missingTexts } from './questions.js';
import type { SurveyRow } from './respond.js';
import { noteQuestionTexts, noteSurveyTexts } from './translations.js';

export const newSurveyBody = z.object({
  slug: field.slug('surveys.errors.slug'),
  title: field.text({ max: 200 }),
  originalLocale: field.choice(LOCALES),
});

/** The settings form: who it is for, anonymity, languages, and the texts in each language. Texts are read per language beside it (textsOf). */
export const settingsBody = z.object({
  audience: field.choice(SURVEY_AUDIENCES),
  audienceRef: z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ message: 'form.errors.choose' }).optional()),
  anonymous: field.ticked(),
  resultsPublic: field.ticked(),
  locales: z.preprocess(asList, z.array(z.enum(LOCALES, { message: 'form.errors.choose' })).min(1, { message: 'surveys.errors.noLocale' })),
  incomeYear: z.string().refine(isIncomeYear, { message: 'form.errors.choose' }),
});
export type SettingsInput = z.output<typeof settingsBody>;

/** The texts of a survey in each language of the form: `title.<locale>`, `intro.<locale>`, `thanks.<locale>`. */
export function surveyTextsOf(body: Record<string, unknown>, s: Pick<SurveyRow, 'title' | 'intro' | 'thanks'>, locales: readonly Locale[]): { title: I18nText; intro: I18nText; thanks: I18nText; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const read = (name: string, value: I18nText, max: number): I18nText => {
    let next = value;
    for (const l of locales) {
      const raw = body[`${name}.${l}`];
      if (raw === undefined) continue;
      const text = String(raw).trim();
      if (text.length > max) errors.push({ field: `${name}.${l}`, key: 'form.errors.tooLong', values: { max } });
      next = withText(next, l, text.slice(0, max));
    }
    return next;
  };
  return { title: read('title', s.title, 200), intro: read('intro', s.intro, 4000), thanks: read('thanks', s.thanks, 4000), errors };
}

export async function createSurvey(db: Db, actor: MaybeActor, input: z.output<typeof newSurveyBody>, onceKey: unknown): Promise<{ ok: true; slug: string } | { ok: false; error: FieldError } | { ok: false; repeat: true }> {
  authorize(surveyPolicy.administer(actor), 'surveys.create');
  const slug = input.slug ?? slugFrom(input.title);
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, onceKey)) !== null) return { ok: false as const, repeat: true as const };
    const [row] = await tx
      .insert(surveys)
      .values({ slug, title: { [input.originalLocale]: input.title }, originalLocale: input.originalLocale, locales: [...LOCALES], incomeYear: CURRENT_INCOME_YEAR, createdBy: actor!.id })
      .onConflictDoNothing({ target: surveys.slug })
      .returning({ slug: surveys.slug });
    if (!row) return { ok: false as const, error: { field: 'slug', key: 'surveys.errors.slugTaken' } };
    await recordAudit(tx, actor, { action: 'surveys.create', targetType: 'survey', targetId: slug });
    return { ok: true as const, slug };
  });
}

/** A slug from a title: Latin letters and digits, else a dated fallback (a title in Arabic or Chinese). */
export function slugFrom(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s.length >= 3 ? s : `survey-${Date.now().toString(36)}`;
}

/** Settings and texts; the languages and audience may change only while it is a draft. */
export async function saveSettings(db: Db, actor: MaybeActor, survey: SurveyRow, input: SettingsInput, texts: { title: I18nText; intro: I18nText; thanks: I18nText }): Promise<void> {
  authorize(surveyPolicy.administer(actor), 'surveys.edit');
  const draft = !survey.opensAt;
  const locales = input.locales.includes(survey.originalLocale as Locale) ? input.locales : [survey.originalLocale as Locale, ...input.locales];
  const change = {
    ...texts,
    ...(draft ? { audience: input.audience, audienceRef: needsRef(input.audience) ? (input.audienceRef ?? null) : null, anonymous: input.anonymous, locales, incomeYear: input.incomeYear } : {}),
    resultsPublic: input.resultsPublic,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await tx.update(surveys).set(change).where(eq(surveys.id, survey.id));
    await noteSurveyTexts(tx, survey, texts);
    await recordAudit(tx, actor, { action: 'surveys.settings', targetType: 'survey', targetId: survey.slug, before: { audience: survey.audience, anonymous: survey.anonymous, resultsPublic: survey.resultsPublic }, after: { audience: change.audience ?? survey.audience, anonymous: change.anonymous ?? survey.anonymous, resultsPublic: change.resultsPublic } });
  });
}

export const needsRef = (audience: string) => audience === 'group' || audience === 'participants';

const KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * A question from its form. Texts per language as `text.<l>`, `help.<l>`, the options one per line
 * as `choices.<l>` (the same number of lines in each language), the matrix rows as `rows.<l>`; the
 * options' and rows' keys one per line (`choiceKeys`, `rowKeys`), made from the original labels when
 * left empty; up to three conditions `when.<i>.question`, `.op`, `.value`.
 */
export function questionFromForm(body: Record<string, unknown>, survey: Pick<SurveyRow, 'locales' | 'originalLocale'>): { question: Question; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const str = (name: string) => (body[name] === undefined ? '' : String(body[name]).trim());
  const locales = survey.locales.filter(isLocale);
  const original = survey.originalLocale as Locale;
  const type = str('type');
  if (!(QUESTION_TYPES as readonly string[]).includes(type)) errors.push({ field: 'type', key: 'form.errors.choose' });
  const key = str('key').toLowerCase();
  if (!KEY.test(key)) errors.push({ field: 'key', key: 'surveys.errors.key' });
  const page = Number(str('page') || '1');
  if (!Number.isInteger(page) || page < 1 || page > 50) errors.push({ field: 'page', key: 'surveys.errors.page' });
  const texts = (name: string, max: number): I18nText => {
    const out: I18nText = {};
    for (const l of locales) {
      const t = str(`${name}.${l}`);
      if (t.length > max) errors.push({ field: `${name}.${l}`, key: 'form.errors.tooLong', values: { max } });
      else if (t) out[l] = t;
    }
    return out;
  };
  const lines = (s: string) => s.split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
  const choiceList = (name: 'choices' | 'rows', keysField: string): Choice[] => {
    const labels = Object.fromEntries(locales.map((l) => [l, lines(str(`${name}.${l}`))])) as Record<Locale, string[]>;
    const count = labels[original]?.length ?? 0;
    let keys = lines(str(keysField)).map((k) => k.toLowerCase());
    if (!keys.length) keys = (labels[original] ?? []).map((label, i) => slugFrom(label).slice(0, 40).replace(/-+$/, '') || `${name === 'rows' ? 'row' : 'option'}-${i + 1}`);
    if (keys.length !== count) errors.push({ field: keysField, key: 'surveys.errors.keysCount', values: { count } });
    for (const l of locales) if (labels[l]!.length && labels[l]!.length !== count) errors.push({ field: `${name}.${l}`, key: 'surveys.errors.linesCount', values: { count } });
    if (keys.some((k) => !KEY.test(k))) errors.push({ field: keysField, key: 'surveys.errors.key' });
    return keys.slice(0, count).map((k, i) => ({ key: k, label: Object.fromEntries(locales.filter((l) => labels[l]![i]).map((l) => [l, labels[l]![i]!])) }));
  };
  const number = (name: string): number | null => {
    const s = str(name);
    if (!s) return null;
    const n = Number(s);
    if (!Number.isFinite(n)) errors.push({ field: name, key: 'surveys.errors.number' });
    return Number.isFinite(n) ? n : null;
  };
  const when: Condition[] = [];
  for (let i = 1; i <= 3; i++) {
    const q = str(`when.${i}.question`);
    if (!q) continue;
    const op = str(`when.${i}.op`);
    if (!(CONDITION_OPS as readonly string[]).includes(op)) {
      errors.push({ field: `when.${i}.op`, key: 'form.errors.choose' });
      continue;
    }
    const raw = str(`when.${i}.value`);
    const value = raw === '' ? undefined : /^-?\d+(\.\d+)?$/.test(raw) && (op === 'at-least' || op === 'at-most') ? Number(raw) : raw;
    when.push({ question: q, op: op as Condition['op'], ...(value === undefined ? {} : { value }) });
  }
  const question: Question = {
    key,
    page: Number.isInteger(page) ? page : 1,
    type: (type || 'short-text') as Question['type'],
    required: asList(body.required).includes('yes'),
    text: texts('text', 1000),
    help: texts('help', 2000),
    choices: ['single', 'multiple', 'ranking', 'matrix'].includes(type) ? choiceList('choices', 'choiceKeys') : [],
    rows: type === 'matrix' ? choiceList('rows', 'rowKeys') : [],
    other: (type === 'single' || type === 'multiple') && asList(body.other).includes('yes'),
    maxChoices: type === 'multiple' ? Math.max(0, Math.floor(number('maxChoices') ?? 0)) : 0,
    min: type === 'rating' || type === 'number' ? number('min') : null,
    max: type === 'rating' || type === 'number' ? number('max') : null,
    minLabel: type === 'rating' ? texts('minLabel', 100) : {},
    maxLabel: type === 'rating' ? texts('maxLabel', 100) : {},
    when,
  };
  if (!question.text[original]) errors.push({ field: `text.${original}`, key: 'form.errors.required' });
  return { question, errors };
}

/** The problems checkQuestions finds in a list, as messages beside the question form's fields. */
function definitionErrors(questions: Question[], key: string): FieldError[] {
  return checkQuestions(questions)
    .filter((p) => p.key === key)
    .map((p) => ({ field: fieldOfProblem(p.code), key: `surveys.problems.${keyWord(p.code)}` }));
}
function fieldOfProblem(code: string): string {
  if (code.includes('condition')) return 'when.1.question';
  if (code.includes('choice') || code.includes('option')) return 'choiceKeys';
  if (code.includes('row')) return 'rowKeys';
  if (code.includes('scale') || code.includes('range')) return 'min';
  if (code.includes('page')) return 'page';
  return 'key';
}

/**
 * Adds a question or replaces one (`replacing` is the key it had). Refused once the survey has
 * opened, and when the list it would make is malformed (a duplicate key, a condition on a later
 * page, too few options…): the form comes back with each problem beside its field.
 */
export async function saveQuestion(db: Db, actor: MaybeActor, survey: SurveyRow, question: Question, replacing: string | null): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
  authorize(surveyPolicy.administer(actor), 'surveys.edit');
  if (survey.opensAt) return { ok: false, errors: [{ field: 'key', key: 'surveys.errors.frozen' }] };
  const others = survey.questions.filter((q) => q.key !== replacing);
  if (others.some((q) => q.key === question.key)) return { ok: false, errors: [{ field: 'key', key: 'surveys.errors.keyTaken' }] };
  const at = replacing ? survey.questions.findIndex((q) => q.key === replacing) : -1;
  const list = at >= 0 ? [...others.slice(0, at), question, ...others.slice(at)] : [...others, question];
  const ordered = [...list].sort((a, b) => a.page - b.page);
  const errors = definitionErrors(ordered, question.key);
  if (errors.length) return { ok: false, errors };
  await db.transaction(async (tx) => {
    await tx.update(surveys).set({ questions: ordered, updatedAt: new Date() }).where(eq(surveys.id, survey.id));
    await noteQuestionTexts(tx, survey, at >= 0 ? survey.questions[at]! : null, question);
    await recordAudit(tx, actor, { action: 'surveys.question', targetType: 'survey', targetId: survey.slug, after: { key: question.key, replacing } });
  });
  return { ok: true };
}

/** Removes a question from a draft (refused when another question's condition depends on it). */
export async function removeQuestion(db: Db, actor: MaybeActor, survey: SurveyRow, key: string): Promise<{ ok: true } | { ok: false; reason: 'frozen' | 'depended-on' }> {
  authorize(surveyPolicy.administer(actor), 'surveys.edit');
  if (survey.opensAt) return { ok: false, reason: 'frozen' };
  if (survey.questions.some((q) => q.when.some((c) => c.question.split(':')[0] === key))) return { ok: false, reason: 'depended-on' };
  await db.transaction(async (tx) => {
    await tx.update(surveys).set({ questions: survey.questions.filter((q) => q.key !== key), updatedAt: new Date() }).where(eq(surveys.id, survey.id));
    await recordAudit(tx, actor, { action: 'surveys.question.remove', targetType: 'survey', targetId: survey.slug, before: { key } });
  });
  return { ok: true };
}

export type OpenRefusal = { ok: false; missing: ReturnType<typeof missingTexts>; problems: ReturnType<typeof checkQuestions>; empty: boolean; dates: boolean };

/**
 * Opens the survey from `opensAt` (now or later) until `closesAt`. Refused while it has no question,
 * a question is malformed, or any text is missing in one of its languages — the page lists each gap.
 */
export async function openSurvey(db: Db, actor: MaybeActor, survey: SurveyRow, opensAt: Date, closesAt: Date): Promise<{ ok: true } | OpenRefusal> {
  authorize(surveyPolicy.administer(actor), 'surveys.open');
  const missing = missingTexts(survey, survey.locales);
  const problems = checkQuestions(survey.questions);
  const empty = survey.questions.length === 0;
  const dates = !(opensAt < closesAt);
  if (missing.length || problems.length || empty || dates || survey.opensAt) return { ok: false, missing, problems, empty, dates };
  await db.transaction(async (tx) => {
    await tx.update(surveys).set({ opensAt, closesAt, updatedAt: new Date() }).where(eq(surveys.id, survey.id));
    await recordAudit(tx, actor, { action: 'surveys.open', targetType: 'survey', targetId: survey.slug, after: { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() } });
  });
  return { ok: true };
}

/** Closes an open survey now, or moves its closing time (never before now, never for a draft). */
export async function setClosing(db: Db, actor: MaybeActor, survey: SurveyRow, closesAt: Date, now: Date): Promise<boolean> {
  authorize(surveyPolicy.administer(actor), 'surveys.close');
  if (!survey.opensAt || closesAt < now || closesAt <= survey.opensAt) return false;
  await db.transaction(async (tx) => {
    await tx.update(surveys).set({ closesAt, updatedAt: now }).where(eq(surveys.id, survey.id));
    await recordAudit(tx, actor, { action: 'surveys.close', targetType: 'survey', targetId: survey.slug, before: { closesAt: survey.closesAt?.toISOString() }, after: { closesAt: closesAt.toISOString() } });
  });
  return true;
}

export interface AdminSurvey {
  survey: SurveyRow;
  responses: number;
  /** Responses entered from paper or at a meeting. */
  entered: number;
  drafts: number;
}

/** Every survey with its counts, newest first: the Secretariat's list. */
export async function surveysForSecretariat(db: Executor, actor: MaybeActor): Promise<AdminSurvey[]> {
  authorize(surveyPolicy.administer(actor), 'surveys.list');
  const [rows, counts, drafts] = await Promise.all([
    db.select().from(surveys).orderBy(desc(surveys.createdAt)),
    db.select({ id: surveyResponses.surveyId, source: surveyResponses.source, n: count() }).from(surveyResponses).groupBy(surveyResponses.surveyId, surveyResponses.source),
    db.select({ id: surveyDrafts.surveyId, n: count() }).from(surveyDrafts).groupBy(surveyDrafts.surveyId),
  ]);
  return rows.map((survey) => {
    const mine = counts.filter((c) => c.id === survey.id);
    return {
      survey,
      responses: mine.reduce((a, c) => a + c.n, 0),
      entered: mine.filter((c) => c.source !== 'online').reduce((a, c) => a + c.n, 0),
      drafts: drafts.find((d) => d.id === survey.id)?.n ?? 0,
    };
  });
}

/** One survey for the Secretariat, drafts included. */
export async function surveyForSecretariat(db: Executor, actor: MaybeActor, slug: string): Promise<AdminSurvey | null> {
  authorize(surveyPolicy.administer(actor), 'surveys.edit');
  const [survey] = /^[a-z0-9-]{1,80}$/.test(slug) ? await db.select().from(surveys).where(eq(surveys.slug, slug)) : [];
  if (!survey) return null;
  const [counts, [d]] = await Promise.all([
    db.select({ source: surveyResponses.source, n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id)).groupBy(surveyResponses.source),
    db.select({ n: count() }).from(surveyDrafts).where(eq(surveyDrafts.surveyId, survey.id)),
  ]);
  return { survey, responses: counts.reduce((a, c) => a + c.n, 0), entered: counts.filter((c) => c.source !== 'online').reduce((a, c) => a + c.n, 0), drafts: d?.n ?? 0 };
}
