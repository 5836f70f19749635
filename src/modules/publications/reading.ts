/**
 * What readers see of the published items, beyond the list and the landing page (service.ts): the
 * describing texts chosen text by text in the reader's language, and the stored PDF of a version.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import type { MaybeActor } from '../../platform/policy.js';
import { publicationPolicy } from './policy.js';
import { publicationVersions, publications, type Meta, type MetaBlock } from './schema.js';

/** One describing text and the language it is in; `fallback` when it is not in the reader's. */
export interface InLanguage<T> {
  value: T;
  lang: Locale;
  fallback: boolean;
}

export type Describing = { [K in keyof MetaBlock]: InLanguage<MetaBlock[K]> | null };

const filled = (v: string | string[] | undefined) => (Array.isArray(v) ? v.some((x) => x.trim()) : !!v?.trim());

/**
 * Each describing text (title, abstract, summary, keywords, recommendations) in the reader's
 * language when it is written in it, else in the item's own language, else in any: text by text, so
 * a translated title and abstract show even when the summary is still in the original only. Null
 * for a text written in no language.
 */
export function describingTexts(meta: Meta, locale: Locale, own: Locale): Describing {
  const order = [...new Set<Locale>([locale, own, ...LOCALES])];
  const pick = <K extends keyof MetaBlock>(key: K): InLanguage<MetaBlock[K]> | null => {
    for (const lang of order) {
      const value = meta[lang]?.[key];
      if (filled(value)) return { value: value!, lang, fallback: lang !== locale };
    }
    return null;
  };
  return { title: pick('title'), abstract: pick('abstract'), summary: pick('summary'), keywords: pick('keywords'), recommendations: pick('recommendations') };
}

/** Could this be an item's address key (its identifier, e.g. ci2024-03 or ci2024-03-fr)? Anything else is not looked up. */
export const isItemKey = (key: string): boolean => /^[a-z0-9][a-z0-9-]{0,59}$/i.test(key);

export interface PublishedPdf {
  /** The item's identifier (CI2024-03): the file is named after it. */
  number: string;
  version: number;
  /** Whether this is the item's newest version (its file may change with the next one; an older one's never does). */
  newest: boolean;
  /** Where the file store keeps it. */
  fileKey: string;
}

/**
 * The stored PDF of a published item's version — the newest, unless `version` names one — for its
 * download: one query. Null when the item, the version or the file does not exist, or the item is
 * not published (a 404, whoever asks).
 */
export async function publishedPdf(db: Executor, actor: MaybeActor, key: string, version?: number): Promise<PublishedPdf | null> {
  if (!isItemKey(key)) return null;
  const [row] = await db
    .select({
      number: publications.number,
      state: publications.state,
      currentVersion: publications.currentVersion,
      version: publicationVersions.number,
      fileKey: publicationVersions.pdfKey,
    })
    .from(publications)
    .innerJoin(publicationVersions, eq(publicationVersions.publicationId, publications.id))
    .where(and(eq(sql`lower(${publications.number})`, key.toLowerCase()), version === undefined ? eq(publicationVersions.number, publications.currentVersion) : eq(publicationVersions.number, version)));
  if (!row?.fileKey || !publicationPolicy.read(actor, row)) return null;
  return { number: row.number, version: row.version, newest: row.version === row.currentVersion, fileKey: row.fileKey };
}
