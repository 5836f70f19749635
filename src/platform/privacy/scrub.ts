import { and, getTableColumns, eq, ilike, notLike, or, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { escapeLike } from '../audit/service.js';
import type { PersonRef } from './service.js';

/**
 * Finding a person in stored text, for the erasers (the platform's and each module's): e-mail
 * addresses anywhere, names as whole words (in scripts written without spaces — Chinese,
 * Japanese, Korean, Thai — anywhere), case-insensitively, also HTML-escaped as in e-mail bodies.
 */

/** What a whole field that held the erased person's name says afterwards. */
export const ERASED_NAME = '—';

/** The address an erased row keeps (unique per row, never deliverable: .invalid is reserved). */
const ERASED_DOMAIN = 'erased.invalid';
export const erasedEmail = (id: string) => `erased-${id}@${ERASED_DOMAIN}`;
export const isErasedEmail = (email: string) => email.endsWith(`@${ERASED_DOMAIN}`);
/** SQL: an address column that is not an erased person's. */
export const notErased = (column: PgColumn) => notLike(column, `%@${ERASED_DOMAIN}`);

const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;|&#34;|&#x22;', "'": '&#39;|&#x27;|&apos;' };
const reChar = (ch: string) => {
  const plain = ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return HTML[ch] ? `(?:${plain}|${HTML[ch]})` : plain;
};

/** One expression for all of the person's identifiers (longest first, so a full name wins over a part of it), or null when there are none. */
export function identifierPattern(person: PersonRef): RegExp | null {
  const parts = [
    ...person.emails.map((e) => ({ len: e.length, re: [...e].map(reChar).join('') })),
    ...person.names.map((n) => {
      const body = [...n].map(reChar).join('');
      return { len: n.length, re: NO_SPACES.test(n) ? body : `(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])` };
    }),
  ].sort((a, b) => b.len - a.len);
  return parts.length ? new RegExp(parts.map((p) => p.re).join('|'), 'giu') : null;
}

/**
 * ILIKE patterns that find candidate rows in SQL (the expression above then decides): each
 * identifier, also in capitals and in small letters (a server whose ctype is plain C folds only
 * ASCII letters in ILIKE), and for names with characters JSON or HTML escape, its pieces between them.
 */
export function likePatterns(person: PersonRef): string[] {
  const out = new Set<string>();
  for (const s of [...person.emails, ...person.names.flatMap((n) => [n, n.toUpperCase(), n.toLowerCase()])]) {
    out.add(`%${escapeLike(s)}%`);
    if (/['"&<>\\]/.test(s)) out.add(`%${s.split(/['"&<>\\]+/).map(escapeLike).join('%')}%`);
  }
  return [...out];
}

export function mentions(re: RegExp, text: string): boolean {
  return text.search(re) >= 0;
}

export function scrubText(text: string, re: RegExp, replacement: string): string {
  return text.replace(re, () => replacement);
}

/** A JSON value with the identifiers replaced in every string value (keys are left alone; so are the values of `skipKeys`). */
export function scrubJson(value: unknown, re: RegExp, replacement: string, skipKeys: readonly string[] = []): unknown {
  if (typeof value === 'string') return scrubText(value, re, replacement);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, re, replacement, skipKeys));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, skipKeys.includes(k) ? v : scrubJson(v, re, replacement, skipKeys)]));
  }
  return value;
}

/**
 * Replaces the person's identifiers in some text, JSON and text-array columns of a table, in the
 * rows that mention them: in text and JSON by `replacement` (the erasure's pseudonym); in a list
 * of names (text[]) an entry that is only the identifier is dropped. Returns the rows changed.
 */
export async function scrubColumns(
  tx: Executor,
  table: PgTable,
  /** The primary key: one column, or the columns of a composite key. */
  key: PgColumn | PgColumn[],
  columns: PgColumn[],
  person: PersonRef,
  replacement: string,
  opts: { skipKeys?: readonly string[] } = {},
): Promise<number> {
  const re = identifierPattern(person);
  const likes = likePatterns(person);
  if (!re || !columns.length) return 0;
  const names = Object.entries(getTableColumns(table));
  const prop = (c: PgColumn) => names.find(([, col]) => col === c)![0];
  const keys = Array.isArray(key) ? key : [key];
  const fields: Record<string, PgColumn> = Object.fromEntries(keys.map((k, i) => [`$key${i}`, k]));
  for (const c of columns) fields[prop(c)] = c;
  const rows = (await tx
    .select(fields)
    .from(table as never)
    .where(or(...columns.flatMap((c) => likes.map((p) => ilike(sql`${c}::text`, p)))))) as Record<string, unknown>[];
  let changed = 0;
  for (const row of rows) {
    const set: Record<string, unknown> = {};
    for (const c of columns) {
      const name = prop(c);
      const v = row[name];
      if (v === null || v === undefined) continue;
      const next =
        c.dataType === 'array'
          ? (v as string[]).filter((s) => scrubText(s, re, '').trim() !== '' || !mentions(re, s)).map((s) => scrubText(s, re, replacement))
          : c.dataType === 'json'
            ? scrubJson(v, re, replacement, opts.skipKeys)
            : scrubText(String(v), re, replacement);
      if (JSON.stringify(next) !== JSON.stringify(v)) set[name] = next;
    }
    if (Object.keys(set).length) {
      await tx.update(table).set(set as never).where(and(...keys.map((k, i) => eq(k, row[`$key${i}`]))));
      changed++;
    }
  }
  return changed;
}
