import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { I18nText } from '../i18n/content.js';
import type { Locale } from '../i18n/locales.js';
import { settings } from './schema.js';
import { currentVersion } from '../cache/versions.js';

/** The organisation Bridges runs for: its name and contact, set by the demo seed or the Secretariat. */
export interface SiteSettings {
  name: I18nText;
  shortName: I18nText;
  /** One line under the name on the home page. */
  tagline: I18nText;
  /** A line or two at the foot of every page (address, licence), in Markdown: links allowed. */
  footer: I18nText;
  /** The stored logo (a PNG, JPEG or WebP image's key in the file store), or empty. */
  logo: string;
  originalLocale: Locale;
  contactEmail: string;
  /** The zone used to show times that belong to no event (audit log, mailbox). */
  timeZone: string;
}

export const DEFAULT_SITE: SiteSettings = {
  name: { en: 'Bridges' },
  shortName: { en: 'Bridges' },
  tagline: { en: '' },
  footer: {},
  logo: '',
  originalLocale: 'en',
  contactEmail: '',
  timeZone: 'UTC',
};

const KEYS = Object.keys(DEFAULT_SITE) as (keyof SiteSettings)[];
const TTL_MS = 5_000;
const cache = new WeakMap<object, { at: number; version: number | undefined; value: SiteSettings }>();

/**
 * Read on every page, so kept per database handle: while the settings table's version is unchanged
 * where an app tracks versions (the page cache depends on it), else for TTL_MS (command line, jobs).
 * A read cache of display settings only: no rule depends on it.
 */
export async function getSiteSettings(db: Executor): Promise<SiteSettings> {
  const version = await currentVersion(db, 'settings');
  const hit = cache.get(db);
  if (hit && (version !== undefined ? hit.version === version : Date.now() - hit.at < TTL_MS)) return hit.value;
  const rows = await db.select().from(settings).where(inArray(settings.key, KEYS.map((k) => `site.${k}`)));
  const value = { ...DEFAULT_SITE };
  for (const r of rows) (value as Record<string, unknown>)[r.key.slice(5)] = r.value;
  cache.set(db, { at: Date.now(), version, value });
  return value;
}

export async function saveSiteSettings(db: Executor, patch: Partial<SiteSettings>): Promise<void> {
  for (const [k, v] of Object.entries(patch)) {
    await db
      .insert(settings)
      .values({ key: `site.${k}`, value: v })
      .onConflictDoUpdate({ target: settings.key, set: { value: v, updatedAt: sql`now()` } });
  }
  cache.delete(db);
}

export async function getSetting<T>(db: Executor, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}

export async function setSetting(db: Executor, key: string, value: unknown): Promise<void> {
  await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}
