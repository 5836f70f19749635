import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import type { I18nText } from '../i18n/content.js';
import { LOCALES, type Locale } from '../i18n/locales.js';
import { languageName } from '../i18n/format.js';
import { authorize, platformPolicy, type MaybeActor } from '../policy.js';
import { translationMarks } from './schema.js';
import { translatableKinds } from '../catalog.js';
import type { TodoProvider } from '../todo.js';

/**
 * One place to translate everything a site shows that people wrote (pages, working groups, meetings,
 * their sessions and categories, questions, newsletter issues). Each module says what it lets
 * people translate (a TranslatableKind in its manifest); this service works out, for every item
 * and language, whether the translation is missing, outdated (its original changed since it was
 * saved) or current, and hands a translation to the module's own verb to save (which checks the
 * module's policy and writes the audit record).
 */

/** A field of an item: a line, a few paragraphs, or Markdown (previewed before saving). */
export interface TranslatableField {
  name: string;
  /** Message key of the field's label. */
  label: string;
  /** Values for the label's message (e.g. which option of a list). */
  labelValues?: Record<string, string | number>;
  form: 'line' | 'text' | 'markdown';
  max: number;
}

/** One thing to translate: its texts by field, each with one text per language. */
export interface TranslatableItem {
  id: string;
  /** What the item is called (a page's title, a group's name), to list it. */
  name: I18nText;
  original: Locale;
  texts: Record<string, I18nText>;
  /** Where the item is seen or edited, after the locale. */
  href?: string;
  /** The item's own fields when they vary from item to item (a question's options); else its kind's. */
  fields?: readonly TranslatableField[];
}

/** The fields of one item: its own when it has them, else its kind's. */
export const fieldsOf = (kind: TranslatableKind, item: TranslatableItem): readonly TranslatableField[] => item.fields ?? kind.fields;

export interface TranslatableKind {
  /** Short, stable, in URLs: page, site, working-group, meeting, session, … */
  kind: string;
  /** Message key of the kind's name (plural, for the filter). */
  label: string;
  fields: readonly TranslatableField[];
  list(db: Executor): Promise<TranslatableItem[]>;
  get(db: Executor, id: string): Promise<TranslatableItem | null>;
  /** The module's policy: may this person translate this item? */
  mayTranslate(actor: MaybeActor, item: TranslatableItem): boolean;
  /** Saves one language's texts (blank removes that language's text); the module authorizes and audits. */
  save(db: Db, actor: MaybeActor, id: string, locale: Locale, texts: Record<string, string | undefined>): Promise<void>;
}

export type TranslationState = 'missing' | 'outdated' | 'current';
export const TRANSLATION_STATES = ['missing', 'outdated', 'current'] as const satisfies readonly TranslationState[];

type Texts = Record<string, I18nText>;

const clean = (s: string | undefined) => (s ?? '').trim();
/** A fingerprint of an original's text. */
export const fingerprint = (s: string | undefined) => createHash('sha256').update(clean(s)).digest('base64url').slice(0, 16);

/**
 * Called by a module in the transaction that saves an item's texts in one language, with the texts
 * before and after. A change of the original leaves each translation that had no mark marked with
 * the original it was written against (so it shows as outdated); a saved translation is marked
 * with the original it now matches. `before` is the item as it was (its text fields are read).
 */
export async function noteTexts(tx: Executor, ref: { kind: string; item: string; original: Locale }, locale: Locale, before: object, after: Texts): Promise<void> {
  const old = before as Partial<Texts>;
  for (const [field, value] of Object.entries(after)) {
    if (locale === ref.original) {
      const was = clean(old[field]?.[locale]);
      if (was === clean(value[locale])) continue;
      const others = LOCALES.filter((l) => l !== locale && clean(value[l]));
      if (!others.length) continue;
      await tx
        .insert(translationMarks)
        .values(others.map((l) => ({ kind: ref.kind, item: ref.item, field, locale: l, sourceHash: fingerprint(was) })))
        .onConflictDoNothing();
    } else if (clean(value[locale])) {
      const sourceHash = fingerprint(value[ref.original]);
      await tx
        .insert(translationMarks)
        .values({ kind: ref.kind, item: ref.item, field, locale, sourceHash })
        .onConflictDoUpdate({ target: [translationMarks.kind, translationMarks.item, translationMarks.field, translationMarks.locale], set: { sourceHash, updatedAt: sql`now()` } });
    } else {
      await tx.delete(translationMarks).where(and(eq(translationMarks.kind, ref.kind), eq(translationMarks.item, ref.item), eq(translationMarks.field, field), eq(translationMarks.locale, locale)));
    }
  }
}

/** The marks of some items of one kind, by item, field and language. */
async function marksOf(db: Executor, kind: string, items: readonly string[]): Promise<Map<string, string>> {
  if (!items.length) return new Map();
  const rows = await db
    .select({ item: translationMarks.item, field: translationMarks.field, locale: translationMarks.locale, hash: translationMarks.sourceHash })
    .from(translationMarks)
    .where(and(eq(translationMarks.kind, kind), inArray(translationMarks.item, [...items])));
  return new Map(rows.map((r) => [`${r.item}\n${r.field}\n${r.locale}`, r.hash]));
}

/** Each field's state in one language: missing (the original has text, the translation none), outdated, or current. */
export function fieldStates(item: TranslatableItem, locale: Locale, marks: ReadonlyMap<string, string>): Record<string, TranslationState | null> {
  const out: Record<string, TranslationState | null> = {};
  for (const [field, value] of Object.entries(item.texts)) {
    const source = clean(value[item.original]);
    if (!source) out[field] = null;
    else if (!clean(value[locale])) out[field] = 'missing';
    else {
      const mark = marks.get(`${item.id}\n${field}\n${locale}`);
      out[field] = mark !== undefined && mark !== fingerprint(source) ? 'outdated' : 'current';
    }
  }
  return out;
}

/** An item's state in one language: missing when any field is, else outdated when any field is; null for its own original language or when it has no text at all. */
export function itemState(item: TranslatableItem, locale: Locale, marks: ReadonlyMap<string, string>): TranslationState | null {
  if (locale === item.original) return null;
  const states = Object.values(fieldStates(item, locale, marks));
  if (states.includes('missing')) return 'missing';
  if (states.includes('outdated')) return 'outdated';
  return states.includes('current') ? 'current' : null;
}

export interface TranslationRow {
  kind: TranslatableKind;
  item: TranslatableItem;
  locale: Locale;
  state: TranslationState;
}

export type LanguageCounts = Record<Locale, Record<TranslationState, number>>;

/** Every item of every kind in every language other than its original, with its state, and the counts by language. */
async function everyTranslation(db: Executor, kinds: readonly TranslatableKind[]): Promise<{ rows: TranslationRow[]; counts: LanguageCounts }> {
  const counts = Object.fromEntries(LOCALES.map((l) => [l, { missing: 0, outdated: 0, current: 0 }])) as LanguageCounts;
  const rows: TranslationRow[] = [];
  for (const kind of kinds) {
    const items = await kind.list(db);
    const marks = await marksOf(db, kind.kind, items.map((i) => i.id));
    for (const item of items) {
      for (const locale of LOCALES) {
        const state = itemState(item, locale, marks);
        if (!state) continue;
        counts[locale][state]++;
        rows.push({ kind, item, locale, state });
      }
    }
  }
  return { rows, counts };
}

export const TRANSLATIONS_PAGE_SIZE = 50;

/** The translation screen's list: what is missing, outdated or current, by language and kind. */
export async function translationOverview(
  db: Executor,
  actor: MaybeActor,
  kinds: readonly TranslatableKind[],
  filter: { locale?: Locale; kind?: string; state?: TranslationState; page: number },
): Promise<{ rows: TranslationRow[]; total: number; counts: LanguageCounts }> {
  authorize(platformPolicy.translate(actor), 'translations.list');
  const { rows, counts } = await everyTranslation(db, kinds);
  const kept = rows.filter((r) => (!filter.locale || r.locale === filter.locale) && (!filter.kind || r.kind.kind === filter.kind) && (filter.state ? r.state === filter.state : r.state !== 'current'));
  const start = (filter.page - 1) * TRANSLATIONS_PAGE_SIZE;
  return { rows: kept.slice(start, start + TRANSLATIONS_PAGE_SIZE), total: kept.length, counts };
}

/** How many translations are missing or outdated in each language (the Secretariat's home). */
export async function translationCounts(db: Executor, actor: MaybeActor, kinds: readonly TranslatableKind[]): Promise<LanguageCounts> {
  authorize(platformPolicy.translate(actor), 'translations.list');
  return (await everyTranslation(db, kinds)).counts;
}

/** The Secretariat's home: per language, how many texts are missing or outdated, linked to the translation screen filtered to it. */
export const translationsTodo: TodoProvider = async (db, actor, { locale }) => {
  if (!platformPolicy.translate(actor)) return [];
  const { counts } = await everyTranslation(db, translatableKinds());
  return [
    {
      title: 'todo.translations.title',
      order: 90,
      items: LOCALES.map((l) => ({
        label: 'todo.translations.language',
        bare: true,
        count: counts[l].missing + counts[l].outdated,
        params: { language: languageName(locale, l), missing: counts[l].missing, outdated: counts[l].outdated },
        href: `/admin/translations?language=${l}`,
      })),
    },
  ];
};

export interface TranslationTask {
  kind: TranslatableKind;
  item: TranslatableItem;
  locale: Locale;
  /** Each field's state in the language translated into. */
  states: Record<string, TranslationState | null>;
  /** The item's state in every language, for the links to the others. */
  languages: { locale: Locale; state: TranslationState | null }[];
}

/** One item side by side with its translation into one language; null when there is no such item. */
export async function translationTask(db: Executor, actor: MaybeActor, kind: TranslatableKind, id: string, locale: Locale): Promise<TranslationTask | null> {
  const item = await kind.get(db, id);
  if (!item) return null;
  authorize(kind.mayTranslate(actor, item), 'translations.translate');
  const marks = await marksOf(db, kind.kind, [item.id]);
  return { kind, item, locale, states: fieldStates(item, locale, marks), languages: LOCALES.map((l) => ({ locale: l, state: itemState(item, l, marks) })) };
}
