import type * as CsvParse from 'csv-parse/sync';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { LOCALES, LOCALE_NAMES, isLocale, type Locale } from '../../platform/i18n/locales.js';
import { languageName } from '../../platform/i18n/format.js';
import { isCountryCode } from '../../platform/geo/countries.js';
import { detectMime } from '../../platform/files/storage.js';
import { claimSubmission } from '../../platform/forms/once.js';
import { recordAudit } from '../../platform/audit/service.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { consentEvents, subscriptions } from './schema.js';
import { lastWordUnsubscribed, NEWSLETTER_TOPICS, type ConsentSource, type NewsletterTopic } from './consent.js';
import { communicationsPolicy } from './policy.js';
import { lazy, lazyPackage } from '../../platform/lazy.js';

const csvParse = lazyPackage<typeof CsvParse>('csv-parse/sync');

/**
 * Importing subscribers whose consent was given elsewhere (a paper sign-up sheet, a previous
 * mailing tool). Two steps: a preview of every row with what will happen to it, then the import
 * itself, which reads the same file again and adds the valid rows in one transaction. Nobody who
 * unsubscribed is ever subscribed again by an import: their last word stands.
 *
 * The file: CSV text in UTF-8 (a BOM is fine), `,` or `;` between values (found from the header
 * row), a header row naming the columns in any order — email (required), name, language, topics
 * (separated by `;` or `|`), country (ISO code such as FR) — other columns are ignored.
 */

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;

/** A problem with the whole file: a message key and its values. */
export interface ImportFileError {
  key: string;
  values?: Record<string, string | number>;
}

/** One data row as written in the file. */
export interface RawRow {
  line: number;
  email: string;
  name: string;
  language: string;
  topics: string;
  country: string;
}

export type ReadResult = { ok: true; rows: RawRow[] } | { ok: false; error: ImportFileError };

const COLUMNS: Record<keyof Omit<RawRow, 'line'>, string[]> = {
  email: ['email', 'e-mail', 'email address', 'e-mail address', 'mail'],
  name: ['name', 'full name'],
  language: ['language', 'lang', 'locale'],
  topics: ['topics', 'topic'],
  country: ['country', 'country code'],
};

/** The separator used in the header row: the most frequent of `;`, `,` and tab outside quotes. */
function delimiterOf(text: string): string {
  const first = (text.split(/\r?\n/).find((l) => l.trim()) ?? '').replace(/"(?:[^"]|"")*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, first.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/** Reads an uploaded file as the CSV described above, or says what is wrong with it. */
export async function readSubscriberCsv(data: Buffer): Promise<ReadResult> {
  const fail = (key: string, values?: Record<string, string | number>): ReadResult => ({ ok: false, error: { key: `newsletter.import.errors.${key}`, values } });
  if (data.length > IMPORT_MAX_BYTES) return fail('tooLarge', { max: IMPORT_MAX_BYTES / 1024 / 1024 });
  if (data.length === 0) return fail('empty');
  const mime = await detectMime(data);
  if (mime && !mime.startsWith('text/')) return fail('notCsv');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return fail('notCsv');
  }
  if (text.includes('\u0000')) return fail('notCsv');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = csvParse().parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      info: true,
      relax_column_count: true,
      relax_quotes: false,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      to: IMPORT_MAX_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    return fail('unreadable', { line: Number((err as { lines?: number }).lines ?? 0) });
  }
  const header = (records[0]?.record ?? []).map((h) => h.trim().toLowerCase().replace(/[_\s]+/g, ' '));
  const index = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, header.findIndex((h) => names.includes(h))])) as Record<keyof typeof COLUMNS, number>;
  if (index.email < 0) return fail('noEmailColumn');
  const body = records.slice(1);
  if (body.length > IMPORT_MAX_ROWS) return fail('tooManyRows', { max: IMPORT_MAX_ROWS });
  if (body.length === 0) return fail('noRows');
  const cell = (r: string[], i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
  return {
    ok: true,
    rows: body.map(({ record, info }) => ({
      line: info.lines,
      email: cell(record, index.email),
      name: cell(record, index.name).slice(0, 200),
      language: cell(record, index.language),
      topics: cell(record, index.topics),
      country: cell(record, index.country),
    })),
  };
}

// ——— What will happen to each row ———

/**
 * Languages as people write them: code (fr, fr-CA, FR_fr), own name (Français), or name in any of
 * the six languages. Made with the first import (the names of six languages in six cost every
 * start the locale data of all six).
 */
const namesOfLanguages = lazy(() => {
  const names = new Map<string, Locale>();
  for (const l of LOCALES) {
    names.set(l, l);
    names.set(LOCALE_NAMES[l].toLowerCase(), l);
    for (const reader of LOCALES) names.set(languageName(reader, l).toLowerCase(), l);
  }
  return names;
});
function languageOf(value: string): Locale | null {
  const v = value.trim().toLowerCase();
  const code = v.split(/[-_]/)[0]!;
  return namesOfLanguages().get(v) ?? (isLocale(code) ? code : null);
}

export type ImportProblemKey = 'badEmail' | 'duplicate' | 'unknownLanguage' | 'unknownTopic' | 'unknownCountry' | 'unsubscribed' | 'subscribed' | 'pending';

export interface ImportProblem {
  key: ImportProblemKey;
  /** The value in the file that was not understood. */
  value?: string;
  /** For a duplicate: the line of the first occurrence. */
  line?: number;
}

/** add: will be subscribed; skip: already subscribed or unsubscribed; error: cannot be imported. */
export type RowOutcome = 'add' | 'skip' | 'error';

export interface ImportRow {
  line: number;
  email: string;
  name: string;
  locale: Locale;
  topics: NewsletterTopic[];
  country: string | null;
  outcome: RowOutcome;
  problems: ImportProblem[];
  /** A pending subscription this row confirms. */
  existingId?: string;
}

export interface ImportPreview {
  rows: ImportRow[];
  counts: Record<RowOutcome, number> & { total: number };
  /** The language given to rows without a known one. */
  defaultLocale: Locale;
}

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
const CHUNK = 1000;
const chunks = <T,>(list: T[], size = CHUNK) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/**
 * Decides each row: its values as they will be stored, the problems found, and whether it will be
 * added. Unknown language, topics or country are reported and replaced (default language, known
 * topics only — all topics when none is given, no country); a bad e-mail or a second row for the
 * same address is an error; an address already subscribed, or whose owner unsubscribed, is skipped.
 * With `lock`, the existing subscriptions are locked until the transaction ends (the import itself).
 */
async function classify(tx: Executor, raw: RawRow[], defaultLocale: Locale, lock: boolean): Promise<ImportPreview> {
  const firstLine = new Map<string, number>();
  const rows: ImportRow[] = raw.map((r) => {
    const problems: ImportProblem[] = [];
    const email = emailSchema.safeParse(r.email);
    const language = r.language ? languageOf(r.language) : defaultLocale;
    if (!language) problems.push({ key: 'unknownLanguage', value: r.language });
    const given = r.topics.split(/[;|,]/).map((t) => t.trim()).filter(Boolean);
    const topics = new Set<NewsletterTopic>();
    for (const t of given) {
      const topic = NEWSLETTER_TOPICS.find((k) => k === t.toLowerCase().replace(/[\s_]+/g, '-'));
      if (topic) topics.add(topic);
      else problems.push({ key: 'unknownTopic', value: t });
    }
    const code = r.country.toUpperCase();
    if (r.country && !isCountryCode(code)) problems.push({ key: 'unknownCountry', value: r.country });
    let outcome: RowOutcome = 'add';
    if (!email.success) {
      problems.unshift({ key: 'badEmail', value: r.email });
      outcome = 'error';
    } else if (firstLine.has(email.data)) {
      problems.unshift({ key: 'duplicate', line: firstLine.get(email.data) });
      outcome = 'error';
    } else {
      firstLine.set(email.data, r.line);
    }
    return {
      line: r.line,
      email: email.success ? email.data : r.email,
      name: r.name,
      locale: language ?? defaultLocale,
      topics: given.length === 0 || topics.size === 0 ? [...NEWSLETTER_TOPICS] : NEWSLETTER_TOPICS.filter((t) => topics.has(t)),
      country: r.country && isCountryCode(code) ? code : null,
      outcome,
      problems,
    };
  });

  const candidates = rows.filter((r) => r.outcome === 'add');
  const existing = new Map<string, { id: string; status: string }>();
  for (const part of chunks(candidates.map((r) => r.email))) {
    const q = tx.select({ id: subscriptions.id, email: subscriptions.email, status: subscriptions.status }).from(subscriptions).where(inArray(subscriptions.email, part));
    for (const s of lock ? await q.for('update') : await q) existing.set(s.email, s);
  }
  const pending = [...existing.values()].filter((s) => s.status === 'pending').map((s) => s.id);
  const stillUnsubscribed = new Set<string>();
  for (const part of chunks(pending)) for (const id of await lastWordUnsubscribed(tx, part)) stillUnsubscribed.add(id);
  for (const r of candidates) {
    const s = existing.get(r.email);
    if (!s) continue;
    if (s.status === 'unsubscribed' || stillUnsubscribed.has(s.id)) {
      r.outcome = 'skip';
      r.problems.unshift({ key: 'unsubscribed' });
    } else if (s.status === 'subscribed') {
      r.outcome = 'skip';
      r.problems.unshift({ key: 'subscribed' });
    } else {
      r.existingId = s.id;
      r.problems.unshift({ key: 'pending' });
    }
  }
  const counts = { add: 0, skip: 0, error: 0, total: rows.length };
  for (const r of rows) counts[r.outcome]++;
  return { rows, counts, defaultLocale };
}

export type PreviewResult = { ok: true; preview: ImportPreview } | { ok: false; error: ImportFileError };

/** Step 1: reads the file and shows what would happen, changing nothing. */
export async function previewImport(db: Db, actor: MaybeActor, data: Buffer): Promise<PreviewResult> {
  authorize(communicationsPolicy.manageSubscribers(actor), 'newsletter.subscribers.import');
  const read = await readSubscriberCsv(data);
  if (!read.ok) return read;
  const site = await getSiteSettings(db);
  return { ok: true, preview: await classify(db, read.rows, site.originalLocale, false) };
}

export interface ImportOptions {
  source: ConsentSource;
  /** Where and how consent was given (required): kept in every consent event. */
  note: string;
  fileName: string;
  ip?: string;
  /** The confirm form's double-submit key. */
  onceKey?: unknown;
}

export type ImportResult =
  | { ok: true; repeat: true }
  | { ok: true; repeat: false; added: number; skipped: number; errors: number }
  | { ok: false; error: ImportFileError };

/**
 * Step 2: reads the same file again and, in one transaction, subscribes every row that can be
 * added (consent source as chosen, no confirmation e-mail, an 'imported' consent event with the
 * note, the file name and who imported). Audited with the counts.
 */
export async function importSubscribers(db: Db, actor: MaybeActor, data: Buffer, o: ImportOptions): Promise<ImportResult> {
  authorize(communicationsPolicy.manageSubscribers(actor), 'newsletter.subscribers.import');
  const read = await readSubscriberCsv(data);
  if (!read.ok) return read;
  const site = await getSiteSettings(db);
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, o.onceKey)) !== null) return { ok: true as const, repeat: true as const };
    const { rows, counts } = await classify(tx, read.rows, site.originalLocale, true);
    const toAdd = rows.filter((r) => r.outcome === 'add');
    const ids: string[] = [];
    for (const part of chunks(toAdd.filter((r) => !r.existingId), 500)) {
      const inserted = await tx
        .insert(subscriptions)
        .values(part.map((r) => ({ email: r.email, name: r.name, locale: r.locale, topics: r.topics, country: r.country, status: 'subscribed', source: o.source })))
        .onConflictDoNothing({ target: subscriptions.email })
        .returning({ id: subscriptions.id });
      ids.push(...inserted.map((r) => r.id));
    }
    for (const part of chunks(toAdd.filter((r) => r.existingId).map((r) => r.existingId!))) {
      const confirmed = await tx
        .update(subscriptions)
        .set({ status: 'subscribed', source: o.source, updatedAt: sql`now()` })
        .where(and(inArray(subscriptions.id, part), eq(subscriptions.status, 'pending')))
        .returning({ id: subscriptions.id });
      ids.push(...confirmed.map((r) => r.id));
    }
    const detail = { note: o.note, file: o.fileName, by: actor!.email };
    for (const part of chunks(ids, 500)) {
      await tx.insert(consentEvents).values(part.map((id) => ({ subscriptionId: id, change: 'imported', source: o.source, detail, ip: o.ip ?? null })));
    }
    const result = { added: ids.length, skipped: counts.skip + (toAdd.length - ids.length), errors: counts.error };
    await recordAudit(tx, actor, { action: 'newsletter.subscribers.import', targetType: 'subscription', targetId: '*', after: { file: o.fileName, source: o.source, note: o.note, rows: counts.total, ...result }, ip: o.ip });
    return { ok: true as const, repeat: false as const, ...result };
  });
}
