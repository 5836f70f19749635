import { asc, eq } from 'drizzle-orm';
import { alias, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.js';
import { withText, type I18nText } from '../../platform/i18n/content.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { noteTexts, type TranslatableField, type TranslatableKind } from '../../platform/translations/service.js';
import { meetingQuestions, meetingSessions, meetings, participantCategories, sideActivities } from './schema.js';
import { meetingPolicy } from './policy.js';

/**
 * What of a meeting the translation screen translates: the meeting itself, its programme's sessions,
 * its participant categories, side activities and registration questions. Each is written in the
 * meeting's original language and translated field by field by the meeting's editors (the
 * Secretariat); every saved translation is audited.
 */

type Part = 'meeting' | 'session' | 'category' | 'activity' | 'question';

interface PartTable {
  table: PgTable;
  id: PgColumn;
  /** The meeting a row belongs to (a meeting belongs to itself). */
  meetingId: PgColumn;
  /** The text columns, by field name. */
  texts: Record<string, PgColumn>;
  /** A column holding a list of texts (a question's options), translated one by one as the fields option1, option2, … */
  list?: { key: string; column: PgColumn };
  fields: TranslatableField[];
  /** The field that names a row in the translation screen's list. */
  name: string;
  label: string;
  href: (meetingSlug: string) => string;
}

const line = (name: string, label: string, max = 300): TranslatableField => ({ name, label, form: 'line', max });
const text = (name: string, label: string, max = 5000): TranslatableField => ({ name, label, form: 'text', max });

const PARTS: Record<Part, PartTable> = {
  meeting: {
    table: meetings,
    id: meetings.id,
    meetingId: meetings.id,
    texts: { title: meetings.title, description: meetings.description, venueName: meetings.venueName, letterSignatoryTitle: meetings.letterSignatoryTitle },
    fields: [line('title', 'meetings.edit.fields.title'), text('description', 'meetings.edit.fields.description'), line('venueName', 'meetings.edit.fields.venueName'), line('letterSignatoryTitle', 'meetings.edit.fields.signatoryTitle')],
    name: 'title',
    label: 'meetings.translations.meeting',
    href: (slug) => `/meetings/${slug}`,
  },
  session: {
    table: meetingSessions,
    id: meetingSessions.id,
    meetingId: meetingSessions.meetingId,
    texts: { title: meetingSessions.title, description: meetingSessions.description },
    fields: [line('title', 'meetings.programmeAdmin.fields.title'), text('description', 'meetings.programmeAdmin.fields.description')],
    name: 'title',
    label: 'meetings.translations.session',
    href: (slug) => `/meetings/${slug}/agenda`,
  },
  category: {
    table: participantCategories,
    id: participantCategories.id,
    meetingId: participantCategories.meetingId,
    texts: { name: participantCategories.name },
    fields: [line('name', 'meetings.categoriesAdmin.fields.name')],
    name: 'name',
    label: 'meetings.translations.category',
    href: (slug) => `/meetings/${slug}/register`,
  },
  activity: {
    table: sideActivities,
    id: sideActivities.id,
    meetingId: sideActivities.meetingId,
    texts: { title: sideActivities.title, description: sideActivities.description },
    fields: [line('title', 'meetings.activitiesAdmin.fields.title'), text('description', 'meetings.activitiesAdmin.fields.description')],
    name: 'title',
    label: 'meetings.translations.activity',
    href: (slug) => `/meetings/${slug}`,
  },
  question: {
    table: meetingQuestions,
    id: meetingQuestions.id,
    meetingId: meetingQuestions.meetingId,
    texts: { label: meetingQuestions.label },
    list: { key: 'options', column: meetingQuestions.options },
    fields: [line('label', 'meetings.questions.label', 500)],
    name: 'label',
    label: 'meetings.translations.question',
    href: (slug) => `/meetings/${slug}/register`,
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface TextRow {
  id: string;
  meetingSlug: string;
  original: Locale;
  texts: Record<string, I18nText>;
  /** How many texts the row's list has (its options). */
  listLength: number;
}

/** The field name of a list's item, counted from 1 as people count. */
const listField = (i: number) => `option${i + 1}`;

/** A part's rows with their texts and their meeting's slug and original language; one row when `id` is given. */
async function rowsOf(db: Executor, part: Part, id?: string): Promise<TextRow[]> {
  const p = PARTS[part];
  const m = alias(meetings, 'owner');
  const rows = (await db
    .select({ id: p.id, slug: m.slug, original: m.originalLocale, ...p.texts, ...(p.list ? { list: p.list.column } : {}) })
    .from(p.table)
    .innerJoin(m, eq(m.id, p.meetingId))
    .where(id ? eq(p.id, id) : undefined)
    .orderBy(asc(m.startsAt), asc(p.id))) as unknown as (Record<string, I18nText> & { id: string; slug: string; original: string; list?: I18nText[] })[];
  return rows.map((r) => ({
    id: r.id,
    meetingSlug: r.slug,
    original: isLocale(r.original) ? r.original : 'en',
    texts: { ...Object.fromEntries(Object.keys(p.texts).map((k) => [k, (r[k] ?? {}) as I18nText])), ...Object.fromEntries((r.list ?? []).map((t, i) => [listField(i), t])) },
    listLength: r.list?.length ?? 0,
  }));
}

/** Saves one language's texts of one row (blank removes that language's text), audited, its translations marked. */
async function saveTexts(db: Db, part: Part, actor: MaybeActor, id: string, locale: Locale, input: Record<string, string | undefined>): Promise<void> {
  authorize(meetingPolicy.edit(actor), 'meetings.edit');
  const p = PARTS[part];
  await db.transaction(async (tx) => {
    const [before] = await rowsOf(tx, part, id);
    if (!before) return;
    const after = Object.fromEntries(Object.keys(before.texts).map((k) => [k, k in input ? withText(before.texts[k] ?? {}, locale, input[k]) : (before.texts[k] ?? {})]));
    // `set` takes the table's property names, which are the field names.
    const columns: Record<string, unknown> = Object.fromEntries(Object.keys(p.texts).map((k) => [k, after[k]]));
    if (p.list) columns[p.list.key] = Array.from({ length: before.listLength }, (_, i) => after[listField(i)] ?? {});
    await tx
      .update(p.table)
      .set(columns as never)
      .where(eq(p.id, id));
    await noteTexts(tx, { kind: `meeting-${part}`, item: id, original: before.original }, locale, before.texts, after);
    const pick = (texts: Record<string, I18nText>) => ({ locale, ...Object.fromEntries(Object.keys(input).map((k) => [k, texts[k]?.[locale]])) });
    await recordAudit(tx, actor, { action: 'meetings.translate', targetType: 'meeting', targetId: `${before.meetingSlug}/${part}/${id}`, before: pick(before.texts), after: pick(after) });
  });
}

function kindOf(part: Part): TranslatableKind {
  const p = PARTS[part];
  const item = (r: TextRow) => ({
    id: r.id,
    name: r.texts[p.name] ?? {},
    original: r.original,
    texts: r.texts,
    href: p.href(r.meetingSlug),
    ...(p.list ? { fields: [...p.fields, ...Array.from({ length: r.listLength }, (_, i) => ({ ...line(listField(i), 'meetings.translations.option', 200), labelValues: { n: i + 1 } }))] } : {}),
  });
  return {
    kind: `meeting-${part}`,
    label: p.label,
    fields: p.fields,
    list: async (db) => (await rowsOf(db, part)).map(item),
    get: async (db, id) => {
      if (!UUID.test(id)) return null;
      const [row] = await rowsOf(db, part, id);
      return row ? item(row) : null;
    },
    mayTranslate: (actor) => meetingPolicy.edit(actor),
    save: (db, actor, id, locale, texts) => saveTexts(db, part, actor, id, locale, texts),
  };
}

/** The meetings' translatable texts, for the translation screen. */
export const meetingTranslations: TranslatableKind[] = (['meeting', 'session', 'category', 'activity', 'question'] as const).map(kindOf);

/**
 * Called by the editing verbs (settings, a session, a category, an activity) in their transaction:
 * the texts of one row before and after a save in `locale`, so that an edit of the original marks
 * its translations outdated and a translation saved on the form is up to date.
 */
export async function noteMeetingTexts(tx: Executor, part: Part, id: string, original: string, locale: Locale, before: object, after: object): Promise<void> {
  const texts = Object.fromEntries(Object.keys(PARTS[part].texts).map((k) => [k, ((after as Record<string, unknown>)[k] ?? {}) as I18nText]));
  await noteTexts(tx, { kind: `meeting-${part}`, item: id, original: isLocale(original) ? original : 'en' }, locale, before, texts);
}
