import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { withText, type I18nText } from '../../platform/i18n/content.js';
import { isLocale, LOCALES, type Locale } from '../../platform/i18n/locales.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { translationMarks } from '../../platform/translations/schema.js';
import { noteTexts, type TranslatableField, type TranslatableItem, type TranslatableKind } from '../../platform/translations/service.js';
import { priorityCycles, priorityThemes, surveys, type Question } from './schema.js';
import { priorityPolicy, surveyPolicy } from './policy.js';

/**
 * What of surveys and priority-setting the translation screen translates: a survey's title,
 * introduction and thank-you message; each question of a draft survey (its text, help, the labels of
 * a rating's ends, each option and each row of a grid); a priority-setting cycle's title and
 * introduction with the Steering Committee's decision and its reasons (written in the cycle's
 * language, as its pages say); and each proposed theme (in its proposer's language).
 *
 * A survey's questions are translated while it is a draft only, as they are edited: once it opens
 * they are fixed, so that every answer keeps meaning what it meant (authoring.ts). Its title and
 * messages, like a cycle's and a theme's texts, can be translated at any time. Each save is
 * authorized by the module's policy and audited; the editing verbs (authoring.ts, cycles.ts) call
 * the note… functions below so that a change of an original marks its translations outdated.
 */

type Texts = Record<string, I18nText>;

const line = (name: string, label: string, max: number, labelValues?: TranslatableField['labelValues']): TranslatableField => ({ name, label, form: 'line', max, ...(labelValues ? { labelValues } : {}) });
const text = (name: string, label: string, max: number, labelValues?: TranslatableField['labelValues']): TranslatableField => ({ name, label, form: 'text', max, ...(labelValues ? { labelValues } : {}) });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const localeOf = (l: string): Locale => (isLocale(l) ? l : 'en');
const clean = (s: string | undefined) => (s ?? '').trim();

/** The texts after saving one language's (blank removes that language's text); fields not sent stay as they were. */
function withLanguage(before: Texts, locale: Locale, input: Record<string, string | undefined>): Texts {
  return Object.fromEntries(Object.entries(before).map(([k, v]) => [k, k in input ? withText(v, locale, input[k]) : v]));
}

/** One language's texts of the fields saved, for the audit record. */
const pick = (texts: Texts, locale: Locale, fields: readonly string[]) => ({ locale, ...Object.fromEntries(fields.map((f) => [f, texts[f]?.[locale]])) });

/**
 * Notes a save that may have changed texts in several languages at once (the survey's settings form
 * has them all): the original first, so that translations not changed with it are marked as written
 * against its old text, then each other language whose text changed, marked up to date.
 */
async function note(tx: Executor, kind: string, item: string, original: string, before: Texts, after: Texts): Promise<void> {
  const ref = { kind, item, original: localeOf(original) };
  for (const l of [ref.original, ...LOCALES.filter((x) => x !== ref.original)]) {
    const changed = Object.fromEntries(Object.entries(after).filter(([f, v]) => clean(before[f]?.[l]) !== clean(v[l])));
    if (Object.keys(changed).length) await noteTexts(tx, ref, l, before, changed);
  }
}

// ——— Surveys ———

type SurveyRow = typeof surveys.$inferSelect;

const surveyTexts = (s: Pick<SurveyRow, 'title' | 'intro' | 'thanks'>): Texts => ({ title: s.title, intro: s.intro, thanks: s.thanks });

const surveyItem = (s: SurveyRow): TranslatableItem => ({
  id: s.id,
  name: s.title,
  original: localeOf(s.originalLocale),
  texts: surveyTexts(s),
  // A draft has no public page yet: the Secretariat's.
  href: s.opensAt ? `/surveys/${s.slug}` : `/admin/surveys/${s.slug}`,
});

/** Called by the settings form's verb in its transaction, with the survey before and its texts after. */
export async function noteSurveyTexts(tx: Executor, survey: Pick<SurveyRow, 'id' | 'originalLocale' | 'title' | 'intro' | 'thanks'>, after: Pick<SurveyRow, 'title' | 'intro' | 'thanks'>): Promise<void> {
  await note(tx, 'survey', survey.id, survey.originalLocale, surveyTexts(survey), surveyTexts(after));
}

/** A survey's title and messages in one language: the Secretariat, at any time (as on the settings form). */
async function saveSurveyTexts(db: Db, actor: MaybeActor, id: string, locale: Locale, input: Record<string, string | undefined>): Promise<void> {
  authorize(surveyPolicy.administer(actor), 'surveys.translate');
  if (!UUID.test(id)) return;
  await db.transaction(async (tx) => {
    const [survey] = await tx.select().from(surveys).where(eq(surveys.id, id)).for('update');
    // The original is written on the settings form.
    if (!survey || locale === survey.originalLocale) return;
    const before = surveyTexts(survey);
    const after = withLanguage(before, locale, input);
    await tx
      .update(surveys)
      .set({ title: after.title!, intro: after.intro!, thanks: after.thanks!, updatedAt: new Date() })
      .where(eq(surveys.id, id));
    await note(tx, 'survey', id, survey.originalLocale, before, after);
    await recordAudit(tx, actor, { action: 'surveys.translate', targetType: 'survey', targetId: survey.slug, before: pick(before, locale, Object.keys(input)), after: pick(after, locale, Object.keys(input)) });
  });
}

export const surveyTranslations: TranslatableKind = {
  kind: 'survey',
  label: 'surveys.translations.survey',
  fields: [line('title', 'surveys.admin.fields.title', 200), text('intro', 'surveys.admin.fields.intro', 4000), text('thanks', 'surveys.admin.fields.thanks', 4000)],
  list: async (db) => (await db.select().from(surveys).orderBy(desc(surveys.createdAt), asc(surveys.id))).map(surveyItem),
  get: async (db, id) => {
    if (!UUID.test(id)) return null;
    const [s] = await db.select().from(surveys).where(eq(surveys.id, id));
    return s ? surveyItem(s) : null;
  },
  mayTranslate: (actor) => surveyPolicy.administer(actor),
  save: saveSurveyTexts,
};

// ——— Questions ———

/** A question's item: its survey and its key (stable: the same key is the same question), as `<survey id>.<key>`. */
const questionId = (surveyId: string, key: string) => `${surveyId}.${key}`;
const QUESTION_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([a-z0-9][a-z0-9-]{0,39})$/;

/** A question's texts by field: its text and help, a rating's end labels, each option (a grid's columns) and each grid row, by key. */
function questionTexts(q: Question): Texts {
  return {
    text: q.text,
    help: q.help,
    minLabel: q.minLabel,
    maxLabel: q.maxLabel,
    ...Object.fromEntries(q.choices.map((c) => [`choice-${c.key}`, c.label])),
    ...Object.fromEntries(q.rows.map((r) => [`row-${r.key}`, r.label])),
  };
}

function withQuestionTexts(q: Question, t: Texts): Question {
  return {
    ...q,
    text: t.text ?? q.text,
    help: t.help ?? q.help,
    minLabel: t.minLabel ?? q.minLabel,
    maxLabel: t.maxLabel ?? q.maxLabel,
    choices: q.choices.map((c) => ({ ...c, label: t[`choice-${c.key}`] ?? c.label })),
    rows: q.rows.map((r) => ({ ...r, label: t[`row-${r.key}`] ?? r.label })),
  };
}

const QUESTION_FIELDS: TranslatableField[] = [
  text('text', 'surveys.admin.fields.text', 1000),
  text('help', 'surveys.admin.fields.help', 2000),
  line('minLabel', 'surveys.admin.fields.minLabel', 100),
  line('maxLabel', 'surveys.admin.fields.maxLabel', 100),
];

/** A question as the translation screen shows it; `opensAt` says whether its survey is still a draft (the policy asks). */
type QuestionItem = TranslatableItem & { opensAt: Date | null };

function questionItem(s: SurveyRow, q: Question): QuestionItem {
  const grid = q.type === 'matrix';
  return {
    id: questionId(s.id, q.key),
    name: q.text,
    original: localeOf(s.originalLocale),
    texts: questionTexts(q),
    href: s.opensAt ? `/surveys/${s.slug}` : `/admin/surveys/${s.slug}`,
    fields: [
      ...QUESTION_FIELDS,
      ...q.choices.map((c, i) => line(`choice-${c.key}`, grid ? 'surveys.translations.column' : 'surveys.translations.option', 500, { n: i + 1 })),
      ...q.rows.map((r, i) => line(`row-${r.key}`, 'surveys.translations.row', 500, { n: i + 1 })),
    ],
    opensAt: s.opensAt,
  };
}

/**
 * Called by the question form's verb in its transaction: the question before (null for a new one)
 * and after. A question whose key changed keeps its translations' marks; a new one starts with none.
 */
export async function noteQuestionTexts(tx: Executor, survey: Pick<SurveyRow, 'id' | 'originalLocale'>, before: Question | null, after: Question): Promise<void> {
  const id = questionId(survey.id, after.key);
  if (!before) {
    await tx.delete(translationMarks).where(and(eq(translationMarks.kind, 'survey-question'), eq(translationMarks.item, id)));
    return;
  }
  if (before.key !== after.key) {
    await tx.delete(translationMarks).where(and(eq(translationMarks.kind, 'survey-question'), eq(translationMarks.item, id)));
    await tx
      .update(translationMarks)
      .set({ item: id })
      .where(and(eq(translationMarks.kind, 'survey-question'), eq(translationMarks.item, questionId(survey.id, before.key))));
  }
  await note(tx, 'survey-question', id, survey.originalLocale, questionTexts(before), questionTexts(after));
}

/** A question's texts in one language: the Secretariat, while the survey is a draft (its questions are fixed once it opens). */
async function saveQuestionTexts(db: Db, actor: MaybeActor, id: string, locale: Locale, input: Record<string, string | undefined>): Promise<void> {
  authorize(surveyPolicy.administer(actor), 'surveys.translate');
  const m = QUESTION_ID.exec(id);
  if (!m) return;
  const [, surveyId, key] = m;
  await db.transaction(async (tx) => {
    const [survey] = await tx.select().from(surveys).where(eq(surveys.id, surveyId!)).for('update');
    if (!survey) return;
    authorize(surveyPolicy.translateQuestions(actor, survey), 'surveys.translate');
    const q = survey.questions.find((x) => x.key === key);
    if (!q || locale === survey.originalLocale) return;
    const before = questionTexts(q);
    const after = withLanguage(before, locale, input);
    const questions = survey.questions.map((x) => (x.key === key ? withQuestionTexts(x, after) : x));
    await tx.update(surveys).set({ questions, updatedAt: new Date() }).where(eq(surveys.id, survey.id));
    await note(tx, 'survey-question', id, survey.originalLocale, before, after);
    await recordAudit(tx, actor, { action: 'surveys.translate', targetType: 'survey', targetId: `${survey.slug}/${key}`, before: pick(before, locale, Object.keys(input)), after: pick(after, locale, Object.keys(input)) });
  });
}

export const surveyQuestionTranslations: TranslatableKind = {
  kind: 'survey-question',
  label: 'surveys.translations.question',
  fields: QUESTION_FIELDS,
  // Only drafts' questions are work to do: an open or closed survey's are fixed.
  list: async (db) => (await db.select().from(surveys).where(isNull(surveys.opensAt)).orderBy(desc(surveys.createdAt), asc(surveys.id))).flatMap((s) => s.questions.map((q) => questionItem(s, q))),
  get: async (db, id) => {
    const m = QUESTION_ID.exec(id);
    if (!m) return null;
    const [s] = await db.select().from(surveys).where(eq(surveys.id, m[1]!));
    const q = s?.questions.find((x) => x.key === m[2]);
    return s && q ? questionItem(s, q) : null;
  },
  mayTranslate: (actor, item) => surveyPolicy.translateQuestions(actor, { opensAt: 'opensAt' in item ? (item as QuestionItem).opensAt : new Date(0) }),
  save: saveQuestionTexts,
};

// ——— Priority-setting cycles ———

type CycleRow = typeof priorityCycles.$inferSelect;
type ThemeRow = typeof priorityThemes.$inferSelect;

/** A theme's reason (the decision's, or why it was set aside) is a field of its cycle, written in the cycle's language. */
const reasonField = (themeId: string) => `reason-${themeId}`;
const CYCLE_FIELDS: TranslatableField[] = [
  line('title', 'surveys.cycles.fields.title', 200),
  text('intro', 'surveys.cycles.fields.intro', 4000),
  text('decision', 'surveys.cycles.fields.decision', 4000),
  text('nextSteps', 'surveys.cycles.fields.nextSteps', 4000),
];

type Reasoned = Pick<ThemeRow, 'id' | 'title' | 'originalLocale' | 'reason'>;

const cycleTexts = (c: Pick<CycleRow, 'title' | 'intro' | 'decision' | 'nextSteps'>, themes: readonly Reasoned[]): Texts => ({
  title: c.title,
  intro: c.intro,
  decision: c.decision,
  nextSteps: c.nextSteps,
  ...Object.fromEntries(themes.map((t) => [reasonField(t.id), t.reason])),
});

function cycleItem(c: CycleRow, themes: readonly Reasoned[]): TranslatableItem {
  const original = localeOf(c.originalLocale);
  const themeName = (t: Reasoned) => clean(t.title[original]) || clean(t.title[localeOf(t.originalLocale)]) || Object.values(t.title).find((v) => clean(v)) || '';
  return {
    id: c.id,
    name: c.title,
    original,
    texts: cycleTexts(c, themes),
    href: `/priorities/${c.slug}`,
    fields: [...CYCLE_FIELDS, ...themes.map((t) => text(reasonField(t.id), 'surveys.translations.reason', 1000, { theme: themeName(t) }))],
  };
}

/** The themes of some cycles that have a reason, by cycle. */
async function reasonedThemes(db: Executor, cycleIds: readonly string[]): Promise<Map<string, Reasoned[]>> {
  const out = new Map<string, Reasoned[]>();
  if (!cycleIds.length) return out;
  const rows = await db
    .select({ id: priorityThemes.id, cycleId: priorityThemes.cycleId, title: priorityThemes.title, originalLocale: priorityThemes.originalLocale, reason: priorityThemes.reason })
    .from(priorityThemes)
    .where(and(inArray(priorityThemes.cycleId, [...cycleIds]), sql`${priorityThemes.reason} <> '{}'::jsonb`))
    .orderBy(asc(priorityThemes.createdAt), asc(priorityThemes.id));
  for (const r of rows) out.set(r.cycleId, [...(out.get(r.cycleId) ?? []), r]);
  return out;
}

/** Called by the cycle form's verb in its transaction, with the cycle before and its texts after. */
export async function noteCycleTexts(tx: Executor, cycle: Pick<CycleRow, 'id' | 'originalLocale' | 'title' | 'intro'>, after: Pick<CycleRow, 'title' | 'intro'>): Promise<void> {
  await note(tx, 'priority-cycle', cycle.id, cycle.originalLocale, { title: cycle.title, intro: cycle.intro }, { title: after.title, intro: after.intro });
}

/** A cycle's texts, its decision's and its reasons in one language: the Secretariat, at any stage (a translation changes neither the ballot nor the decision). */
async function saveCycleTexts(db: Db, actor: MaybeActor, id: string, locale: Locale, input: Record<string, string | undefined>): Promise<void> {
  authorize(priorityPolicy.curate(actor), 'priorities.translate');
  if (!UUID.test(id)) return;
  await db.transaction(async (tx) => {
    const [cycle] = await tx.select().from(priorityCycles).where(eq(priorityCycles.id, id)).for('update');
    if (!cycle || locale === cycle.originalLocale) return;
    const themes = (await reasonedThemes(tx, [id])).get(id) ?? [];
    const before = cycleTexts(cycle, themes);
    const after = withLanguage(before, locale, input);
    await tx
      .update(priorityCycles)
      .set({ title: after.title!, intro: after.intro!, decision: after.decision!, nextSteps: after.nextSteps! })
      .where(eq(priorityCycles.id, id));
    for (const t of themes) {
      const f = reasonField(t.id);
      if (f in input) await tx.update(priorityThemes).set({ reason: after[f]! }).where(eq(priorityThemes.id, t.id));
    }
    await note(tx, 'priority-cycle', id, cycle.originalLocale, before, after);
    await recordAudit(tx, actor, { action: 'priorities.translate', targetType: 'priority-cycle', targetId: cycle.slug, before: pick(before, locale, Object.keys(input)), after: pick(after, locale, Object.keys(input)) });
  });
}

export const cycleTranslations: TranslatableKind = {
  kind: 'priority-cycle',
  label: 'surveys.translations.cycle',
  fields: CYCLE_FIELDS,
  list: async (db) => {
    const cycles = await db.select().from(priorityCycles).orderBy(desc(priorityCycles.proposalsOpenAt), asc(priorityCycles.id));
    const themes = await reasonedThemes(db, cycles.map((c) => c.id));
    return cycles.map((c) => cycleItem(c, themes.get(c.id) ?? []));
  },
  get: async (db, id) => {
    if (!UUID.test(id)) return null;
    const [c] = await db.select().from(priorityCycles).where(eq(priorityCycles.id, id));
    return c ? cycleItem(c, (await reasonedThemes(db, [id])).get(id) ?? []) : null;
  },
  mayTranslate: (actor) => priorityPolicy.curate(actor),
  save: saveCycleTexts,
};

// ——— Proposed themes ———

const THEME_FIELDS: TranslatableField[] = [line('title', 'surveys.translations.themeTitle', 120), text('description', 'surveys.translations.themeDescription', 1000)];

const themeItem = (t: Pick<ThemeRow, 'id' | 'title' | 'description' | 'originalLocale'>, cycleSlug: string): TranslatableItem => ({
  id: t.id,
  name: t.title,
  original: localeOf(t.originalLocale),
  texts: { title: t.title, description: t.description },
  href: `/priorities/${cycleSlug}`,
});

async function themeRows(db: Executor, id?: string) {
  return db
    .select({ id: priorityThemes.id, title: priorityThemes.title, description: priorityThemes.description, originalLocale: priorityThemes.originalLocale, slug: priorityCycles.slug })
    .from(priorityThemes)
    .innerJoin(priorityCycles, eq(priorityCycles.id, priorityThemes.cycleId))
    .where(id ? eq(priorityThemes.id, id) : undefined)
    .orderBy(desc(priorityCycles.proposalsOpenAt), asc(priorityThemes.createdAt), asc(priorityThemes.id));
}

/** A proposed theme's title and description in one language (its proposer wrote the original): the Secretariat, at any stage. */
async function saveThemeTexts(db: Db, actor: MaybeActor, id: string, locale: Locale, input: Record<string, string | undefined>): Promise<void> {
  authorize(priorityPolicy.curate(actor), 'priorities.translate');
  if (!UUID.test(id)) return;
  await db.transaction(async (tx) => {
    const [theme] = await tx.select().from(priorityThemes).where(eq(priorityThemes.id, id)).for('update');
    if (!theme || locale === theme.originalLocale) return;
    const before = { title: theme.title, description: theme.description };
    const after = withLanguage(before, locale, input);
    await tx.update(priorityThemes).set({ title: after.title!, description: after.description! }).where(eq(priorityThemes.id, id));
    await note(tx, 'priority-theme', id, theme.originalLocale, before, after);
    await recordAudit(tx, actor, { action: 'priorities.translate', targetType: 'priority-theme', targetId: id, before: pick(before, locale, Object.keys(input)), after: pick(after, locale, Object.keys(input)) });
  });
}

export const themeTranslations: TranslatableKind = {
  kind: 'priority-theme',
  label: 'surveys.translations.theme',
  fields: THEME_FIELDS,
  list: async (db) => (await themeRows(db)).map((t) => themeItem(t, t.slug)),
  get: async (db, id) => {
    if (!UUID.test(id)) return null;
    const [t] = await themeRows(db, id);
    return t ? themeItem(t, t.slug) : null;
  },
  mayTranslate: (actor) => priorityPolicy.curate(actor),
  save: saveThemeTexts,
};

/** The surveys module's translatable texts, for the translation screen. */
export const surveysTranslatable: TranslatableKind[] = [surveyTranslations, surveyQuestionTranslations, cycleTranslations, themeTranslations];
