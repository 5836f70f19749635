import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { getSiteSettings, saveSiteSettings, type SiteSettings } from '../../platform/settings/service.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { featuredMeeting, nextChangeAt } from '../meetings/service.js';
import { latestIssue } from '../communications/service.js';
import { withText, type I18nText } from '../../platform/i18n/content.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { field } from '../../platform/forms/fields.js';
import { noteTexts, type TranslatableKind } from '../../platform/translations/service.js';
import { sitePolicy } from './policy.js';
import { sitePages } from './schema.js';

/**
 * The site's own pages and settings. Three pages always exist — the home page's introduction,
 * About and Privacy — and the Secretariat may add others (/pages/<slug>). Each is written in one
 * language (its original) and translated into the others; a page's text in a language is Markdown.
 */

/** Pages every site has, at their own addresses; the others are served at /pages/<slug>. */
export const BUILT_IN_PAGES = ['home', 'about', 'privacy'] as const;
export const isBuiltIn = (slug: string) => (BUILT_IN_PAGES as readonly string[]).includes(slug);

export interface SitePage {
  slug: string;
  title: I18nText;
  body: I18nText;
  originalLocale: Locale;
  updatedAt: Date;
}

/** Where a page is read, after the locale. */
export const pageHref = (slug: string) => (slug === 'home' ? '/' : isBuiltIn(slug) ? `/${slug}` : `/pages/${slug}`);

const toPage = (r: typeof sitePages.$inferSelect): SitePage => ({ ...r, originalLocale: isLocale(r.originalLocale) ? r.originalLocale : 'en' });

async function pageRow(db: Executor, slug: string): Promise<SitePage | null> {
  const [row] = await db.select().from(sitePages).where(eq(sitePages.slug, slug));
  return row ? toPage(row) : null;
}

/** A page to read: null when there is none (built-in pages not written yet read as empty). */
export async function readPage(db: Executor, actor: MaybeActor, slug: string): Promise<SitePage | null> {
  authorize(sitePolicy.view(actor), 'site.view');
  const page = await pageRow(db, slug);
  if (page) return page;
  return isBuiltIn(slug) ? { slug, title: {}, body: {}, originalLocale: (await getSiteSettings(db)).originalLocale, updatedAt: new Date(0) } : null;
}

/** Everything the home page shows, gathered through the other modules' services. */
export async function homePage(db: Executor, actor: MaybeActor, locale: Locale, now = new Date()) {
  authorize(sitePolicy.view(actor), 'site.view');
  const [site, intro, groups, meeting, newsletter] = await Promise.all([getSiteSettings(db), readPage(db, actor, 'home'), listWorkingGroups(db, { active: true }), featuredMeeting(db, now), latestIssue(db, locale)]);
  // What the page says of its meeting (and which meeting it features) changes by the clock alone at this moment.
  const freshUntil = meeting ? nextChangeAt([meeting.meeting], now) : null;
  return { site, intro: intro!, groups, meeting, newsletter, freshUntil };
}

/** The Secretariat's list of pages, built-in ones first. */
export async function listPages(db: Executor, actor: MaybeActor): Promise<SitePage[]> {
  authorize(sitePolicy.editPages(actor), 'site.pages');
  const rows = (await db.select().from(sitePages).orderBy(asc(sitePages.createdAt), asc(sitePages.slug))).map(toPage);
  const settings = await getSiteSettings(db);
  const builtIn = BUILT_IN_PAGES.map((slug) => rows.find((r) => r.slug === slug) ?? { slug, title: {}, body: {}, originalLocale: settings.originalLocale, updatedAt: new Date(0) });
  return [...builtIn, ...rows.filter((r) => !isBuiltIn(r.slug))];
}

/** A page to edit, built-in pages included before their first save; null when there is none. */
export async function pageToEdit(db: Executor, actor: MaybeActor, slug: string): Promise<SitePage | null> {
  authorize(sitePolicy.editPages(actor), 'site.pages');
  return readPage(db, actor, slug);
}

export const pageBody = z.object({
  title: field.optionalText({ max: 200 }),
  body: field.optionalText({ max: 50_000 }),
});
export const newPageBody = z.object({
  slug: field.slug('site.pages.errors.slug'),
  title: field.text({ max: 200 }),
  body: field.optionalText({ max: 50_000 }),
});
export type PageTexts = z.output<typeof pageBody>;

/**
 * Saves a page's title and text in one language (blank removes that language's text; the page then
 * shows another language's, marked as not translated). Audited with the text before and after.
 */
export async function savePageTexts(db: Db, actor: MaybeActor, slug: string, locale: Locale, input: PageTexts): Promise<boolean> {
  authorize(sitePolicy.editPages(actor), 'site.pages');
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(sitePages).where(eq(sitePages.slug, slug)).for('update');
    if (!locked && !isBuiltIn(slug)) return false;
    const before: Pick<SitePage, 'title' | 'body' | 'originalLocale'> = locked ? toPage(locked) : { title: {}, body: {}, originalLocale: locale };
    const after = { title: withText(before.title, locale, input.title), body: withText(before.body, locale, input.body) };
    if (locked) await tx.update(sitePages).set({ ...after, updatedAt: sql`now()` }).where(eq(sitePages.slug, slug));
    else await tx.insert(sitePages).values({ slug, ...after, originalLocale: locale });
    await noteTexts(tx, { kind: 'page', item: slug, original: before.originalLocale }, locale, before, after);
    await recordAudit(tx, actor, { action: 'site.page.save', targetType: 'page', targetId: slug, before: { locale, title: before.title[locale], body: before.body[locale] }, after: { locale, ...input } });
    return true;
  });
}

/** Adds a page in the Secretariat's language (its original). */
export async function createPage(db: Db, actor: MaybeActor, input: z.output<typeof newPageBody>, locale: Locale): Promise<{ ok: true; slug: string } | { ok: false; field: string; message: string }> {
  authorize(sitePolicy.editPages(actor), 'site.pages');
  if (!input.slug) return { ok: false, field: 'slug', message: 'form.errors.required' };
  const slug = input.slug;
  if (isBuiltIn(slug)) return { ok: false, field: 'slug', message: 'site.pages.errors.slugTaken' };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sitePages)
      .values({ slug, title: { [locale]: input.title }, body: input.body ? { [locale]: input.body } : {}, originalLocale: locale })
      .onConflictDoNothing({ target: sitePages.slug })
      .returning({ slug: sitePages.slug });
    if (!row) return { ok: false, field: 'slug', message: 'site.pages.errors.slugTaken' } as const;
    await recordAudit(tx, actor, { action: 'site.page.create', targetType: 'page', targetId: slug, after: { locale, title: input.title, body: input.body } });
    return { ok: true, slug } as const;
  });
}

/** Removes a page the Secretariat added (the built-in ones stay); its texts are kept in the audit record. */
export async function deletePage(db: Db, actor: MaybeActor, slug: string): Promise<boolean> {
  authorize(sitePolicy.editPages(actor), 'site.pages');
  if (isBuiltIn(slug)) return false;
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(sitePages).where(eq(sitePages.slug, slug)).returning();
    if (!gone) return false;
    await recordAudit(tx, actor, { action: 'site.page.delete', targetType: 'page', targetId: slug, before: { title: gone.title, body: gone.body } });
    return true;
  });
}

// ——— Settings ———

const TEXT_SETTINGS = ['name', 'shortName', 'tagline', 'footer'] as const;
type TextSetting = (typeof TEXT_SETTINGS)[number];

export const settingsBody = z.object({
  name: field.text({ max: 200 }),
  shortName: field.text({ max: 60 }),
  tagline: field.optionalText({ max: 300 }),
  footer: field.optionalText({ max: 1000 }),
  contactEmail: z.preprocess((v) => (typeof v === 'string' && !v.trim() ? undefined : v), field.email().optional()),
  timeZone: z
    .string()
    .trim()
    .refine((z) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: z });
        return z.length > 0;
      } catch {
        return false;
      }
    }, { message: 'site.settings.errors.timeZone' }),
});
export type SettingsInput = z.output<typeof settingsBody>;

/** The settings to edit. */
export async function settingsToEdit(db: Executor, actor: MaybeActor): Promise<SiteSettings> {
  authorize(sitePolicy.editSettings(actor), 'site.settings');
  return getSiteSettings(db);
}

/**
 * Saves the site's texts in one language (name, short name, tagline, footer; a blank optional text
 * removes that language's) with its contact address and time zone, and the logo when one is given
 * (a stored image's key) or removed. Audited, before and after.
 */
export async function saveSettings(db: Db, actor: MaybeActor, locale: Locale, input: SettingsInput, logo?: { key: string } | 'remove'): Promise<void> {
  authorize(sitePolicy.editSettings(actor), 'site.settings');
  await db.transaction(async (tx) => {
    const before = await getSiteSettings(tx);
    const texts = Object.fromEntries(TEXT_SETTINGS.map((k) => [k, withText(before[k], locale, input[k])])) as Record<TextSetting, I18nText>;
    const patch: Partial<SiteSettings> = { ...texts, contactEmail: input.contactEmail ?? '', timeZone: input.timeZone };
    if (logo) patch.logo = logo === 'remove' ? '' : logo.key;
    await saveSiteSettings(tx, patch);
    await noteTexts(tx, { kind: 'site', item: 'site', original: before.originalLocale }, locale, before, texts);
    const pick = (s: Partial<SiteSettings>) => ({ ...Object.fromEntries(TEXT_SETTINGS.map((k) => [k, s[k]?.[locale]])), contactEmail: s.contactEmail, timeZone: s.timeZone, logo: s.logo });
    await recordAudit(tx, actor, { action: 'site.settings', targetType: 'site', targetId: 'site', before: { locale, ...pick(before) }, after: { locale, ...pick({ ...before, ...patch }) } });
  });
}

// ——— What the translation screen may translate ———

/** The site's pages, for the translation screen. */
export const pageTranslations: TranslatableKind = {
  kind: 'page',
  label: 'site.pages.title',
  fields: [
    { name: 'title', label: 'site.pages.fields.title', form: 'line', max: 200 },
    { name: 'body', label: 'site.pages.fields.body', form: 'markdown', max: 50_000 },
  ],
  list: async (db) => (await db.select().from(sitePages).orderBy(asc(sitePages.createdAt))).map(toPage).map(pageItem),
  get: async (db, id) => {
    const page = await pageRow(db, id);
    return page ? pageItem(page) : null;
  },
  mayTranslate: (actor) => sitePolicy.editPages(actor),
  save: async (db, actor, id, locale, texts) => {
    await savePageTexts(db, actor, id, locale, { title: texts.title, body: texts.body });
  },
};

function pageItem(p: SitePage) {
  return { id: p.slug, name: Object.keys(p.title).length ? p.title : { [p.originalLocale]: p.slug }, original: p.originalLocale, texts: { title: p.title, body: p.body }, href: pageHref(p.slug) };
}

/** The site's own texts (name, short name, tagline, footer), for the translation screen. */
export const siteTranslations: TranslatableKind = {
  kind: 'site',
  label: 'site.settings.title',
  fields: [
    { name: 'name', label: 'site.settings.fields.name', form: 'line', max: 200 },
    { name: 'shortName', label: 'site.settings.fields.shortName', form: 'line', max: 60 },
    { name: 'tagline', label: 'site.settings.fields.tagline', form: 'line', max: 300 },
    { name: 'footer', label: 'site.settings.fields.footer', form: 'markdown', max: 1000 },
  ],
  list: async (db) => [siteItem(await getSiteSettings(db))],
  get: async (db, id) => (id === 'site' ? siteItem(await getSiteSettings(db)) : null),
  mayTranslate: (actor) => sitePolicy.editSettings(actor),
  save: async (db, actor, _id, locale, texts) => {
    const s = await getSiteSettings(db);
    // The name and short name cannot be blank: a blank translation keeps the one there.
    const keep = (k: 'name' | 'shortName') => texts[k] || s[k][locale] || s[k][s.originalLocale] || '';
    await saveSettings(db, actor, locale, { name: keep('name'), shortName: keep('shortName'), tagline: texts.tagline, footer: texts.footer, contactEmail: s.contactEmail || undefined, timeZone: s.timeZone });
  },
};

const siteItem = (s: SiteSettings) => ({ id: 'site', name: s.shortName, original: s.originalLocale, texts: { name: s.name, shortName: s.shortName, tagline: s.tagline, footer: s.footer }, href: '/admin/settings' });
