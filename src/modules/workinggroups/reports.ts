/**
 * A working group's reports and their versions. A chair (or the Secretariat) starts a report in
 * Markdown and saves it as often as needed: the newest version, while a draft, changes in place;
 * publishing it as the pre-final text (put to consultation) or the final one freezes it, and the
 * next save starts a new draft. Each save reads the Markdown into blocks whose identifiers carry
 * over from the version before, so comments stay on their paragraphs. Drafts are read by the
 * group's people and the Secretariat; published versions by everyone.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { forUpdate } from '../../db/locks.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { emit, Refusal } from '../../platform/events.js';
import { field } from '../../platform/forms/fields.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { carryIds, parseBlocks, type IdentifiedBlock } from '../../platform/documents/blocks.js';
import { alignTranslation } from '../../platform/documents/translate.js';
import { docxToMarkdown, NotADocxError, type DocxImport } from '../../platform/documents/docx.js';
import type { FileStore } from '../../platform/files/storage.js';
import { reportTranslations, reportVersions, reports, workingGroups, type ReportStage } from './schema.js';
import { workingGroupPolicy, type GroupRef } from './policy.js';

export interface ReportView {
  id: string;
  groupId: string;
  slug: string;
  originalLocale: Locale;
}

export interface VersionView {
  id: string;
  reportId: string;
  number: number;
  stage: ReportStage;
  title: string;
  markdown: string;
  blocks: IdentifiedBlock[];
  note: string;
  updatedAt: Date;
  publishedAt: Date | null;
}

/** A report in a list: its newest version the reader may see. */
export interface ReportSummary extends ReportView {
  latest: Pick<VersionView, 'number' | 'stage' | 'title' | 'updatedAt' | 'publishedAt'>;
}

export const reportBody = z.object({
  title: field.text({ max: 300 }),
  markdown: field.text({ max: 400_000 }),
  note: field.optionalText({ max: 2000 }),
});
export const newReportBody = reportBody.extend({ slug: field.slug('workingGroups.reports.errors.slug') });

/** Words of a report's address that are pages of their own (the new-report form, the Word import). */
const RESERVED_SLUGS = new Set(['new', 'import']);

const versionColumns = {
  id: reportVersions.id,
  reportId: reportVersions.reportId,
  number: reportVersions.number,
  stage: reportVersions.stage,
  title: reportVersions.title,
  markdown: reportVersions.markdown,
  blocks: reportVersions.blocks,
  note: reportVersions.note,
  updatedAt: reportVersions.updatedAt,
  publishedAt: reportVersions.publishedAt,
};

const asReport = (r: { id: string; groupId: string; slug: string; originalLocale: string }): ReportView => ({ ...r, originalLocale: isLocale(r.originalLocale) ? r.originalLocale : 'en' });

/** The group's reports with the newest version each reader may see (a report with only drafts is not listed for the public). */
export async function reportsOf(db: Executor, actor: MaybeActor, group: GroupRef): Promise<ReportSummary[]> {
  const drafts = workingGroupPolicy.readDrafts(actor, group);
  const rows = await db
    .selectDistinctOn([reports.createdAt, reports.id], { id: reports.id, groupId: reports.groupId, slug: reports.slug, originalLocale: reports.originalLocale, number: reportVersions.number, stage: reportVersions.stage, title: reportVersions.title, updatedAt: reportVersions.updatedAt, publishedAt: reportVersions.publishedAt })
    .from(reports)
    .innerJoin(reportVersions, eq(reportVersions.reportId, reports.id))
    .where(and(eq(reports.groupId, group.id), drafts ? undefined : isNotNull(reportVersions.publishedAt)))
    .orderBy(desc(reports.createdAt), reports.id, desc(reportVersions.number));
  return rows.map(({ number, stage, title, updatedAt, publishedAt, ...r }) => ({ ...asReport(r), latest: { number, stage, title, updatedAt, publishedAt } }));
}

/** A report of the group by its slug, with the versions the reader may see (oldest first); null when there is none for them. */
export async function reportOf(db: Executor, actor: MaybeActor, group: GroupRef, slug: string): Promise<{ report: ReportView; versions: VersionView[] } | null> {
  const [report] = await db.select().from(reports).where(and(eq(reports.groupId, group.id), eq(reports.slug, slug)));
  if (!report) return null;
  const drafts = workingGroupPolicy.readDrafts(actor, group);
  const versions = await db
    .select(versionColumns)
    .from(reportVersions)
    .where(and(eq(reportVersions.reportId, report.id), drafts ? undefined : isNotNull(reportVersions.publishedAt)))
    .orderBy(asc(reportVersions.number));
  return versions.length ? { report: asReport(report), versions } : null;
}

/** A report with every version (drafts too) and their translations, for its chairs' editing page. */
export async function reportForEditing(db: Executor, actor: MaybeActor, group: GroupRef, slug: string): Promise<{ report: ReportView; versions: VersionView[]; translations: TranslationSummary[] } | null> {
  authorize(workingGroupPolicy.writeReports(actor, group), 'workinggroups.reports.write');
  const found = await reportOf(db, actor, group, slug);
  return found ? { ...found, translations: await translationsOf(db, found.versions.map((v) => v.id)) } : null;
}

/** May the actor start and edit the group's reports? Asked before a form is shown. */
export function requireReportWriter(actor: MaybeActor, group: GroupRef): void {
  authorize(workingGroupPolicy.writeReports(actor, group), 'workinggroups.reports.write');
}

/**
 * A Word file read into Markdown for the chair to review (nothing is saved): its images are kept
 * in the file store, and served at `imageUrl(key)`. A file that cannot be read gives the reason:
 * not a Word document, too large, or damaged.
 */
export async function importWordFile(actor: MaybeActor, group: GroupRef, bytes: Buffer, files: FileStore, imageUrl: (key: string) => string): Promise<DocxImport | { failed: NotADocxError['reason'] }> {
  authorize(workingGroupPolicy.writeReports(actor, group), 'workinggroups.reports.write');
  try {
    return await docxToMarkdown(bytes, async (img) => imageUrl(await files.put(img.data)));
  } catch (e) {
    if (e instanceof NotADocxError) return { failed: e.reason };
    throw e;
  }
}

/** A published version by its id, with its report and group: what a consultation is held on. Null for a draft or an unknown id. */
export async function publishedVersion(db: Executor, versionId: string): Promise<{ group: { id: string; slug: string; closedAt: Date | null }; report: ReportView; version: VersionView } | null> {
  const [row] = await db
    .select({ version: versionColumns, report: { id: reports.id, groupId: reports.groupId, slug: reports.slug, originalLocale: reports.originalLocale }, group: { id: workingGroups.id, slug: workingGroups.slug, closedAt: workingGroups.closedAt } })
    .from(reportVersions)
    .innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .innerJoin(workingGroups, eq(workingGroups.id, reports.groupId))
    .where(and(eq(reportVersions.id, versionId), isNotNull(reportVersions.publishedAt)));
  return row ? { group: row.group, report: asReport(row.report), version: row.version } : null;
}

/** The query for a report's newest version (its callers may lock it: `forUpdate`). */
const newestQuery = (db: Executor, reportId: string) => db.select(versionColumns).from(reportVersions).where(eq(reportVersions.reportId, reportId)).orderBy(desc(reportVersions.number)).limit(1).$dynamic();

/**
 * The report's newest version, draft or published — for another module that answers comments on
 * an earlier version against the next one (the caller checks its own rule first: a draft is not
 * public).
 */
export async function newestVersion(db: Executor, reportId: string): Promise<VersionView | null> {
  const [row] = await newestQuery(db, reportId);
  return row ?? null;
}

/** A first version's row: its text read into blocks, each with a new identifier. */
const firstVersion = (reportId: string, v: { title: string; markdown: string; note?: string }) => ({ reportId, number: 1, title: v.title, markdown: v.markdown, blocks: carryIds([], parseBlocks(v.markdown)), note: v.note ?? '' });

/** Starts a report: its first version, a draft, in the writer's language. */
export async function createReport(db: Db, actor: MaybeActor, group: GroupRef & { slug: string }, input: z.output<typeof newReportBody>, locale: Locale): Promise<{ ok: true; slug: string } | { ok: false; field: string; message: string }> {
  authorize(workingGroupPolicy.writeReports(actor, group), 'workinggroups.reports.write');
  if (!input.slug) return { ok: false, field: 'slug', message: 'form.errors.required' };
  if (RESERVED_SLUGS.has(input.slug)) return { ok: false, field: 'slug', message: 'workingGroups.reports.errors.slugTaken' };
  const slug = input.slug;
  return db.transaction(async (tx) => {
    const [report] = await tx.insert(reports).values({ groupId: group.id, slug, originalLocale: locale, createdBy: actor!.id }).onConflictDoNothing().returning({ id: reports.id });
    if (!report) return { ok: false, field: 'slug', message: 'workingGroups.reports.errors.slugTaken' } as const;
    await tx.insert(reportVersions).values({ ...firstVersion(report.id, input), createdBy: actor!.id });
    await recordAudit(tx, actor, { action: 'workinggroups.report.create', targetType: 'report', targetId: `${group.slug}/${slug}`, after: { title: input.title } });
    return { ok: true, slug } as const;
  });
}

/**
 * Saves the report's text: into the newest version while it is a draft, else as a new draft
 * (number + 1). Block identifiers carry over from the newest version either way.
 */
export async function saveReport(db: Db, actor: MaybeActor, group: GroupRef & { slug: string }, report: ReportView, input: z.output<typeof reportBody>): Promise<{ number: number }> {
  authorize(workingGroupPolicy.writeReports(actor, group), 'workinggroups.reports.write');
  return db.transaction(async (tx) => {
    const [latest] = await forUpdate(newestQuery(tx, report.id), 'report');
    const blocks = carryIds(latest?.blocks ?? [], parseBlocks(input.markdown));
    const values = { title: input.title, markdown: input.markdown, blocks, note: input.note ?? '' };
    let number: number;
    if (latest && latest.stage === 'draft') {
      number = latest.number;
      await tx.update(reportVersions).set({ ...values, updatedAt: sql`now()` }).where(eq(reportVersions.id, latest.id));
    } else {
      number = (latest?.number ?? 0) + 1;
      await tx.insert(reportVersions).values({ reportId: report.id, number, ...values, createdBy: actor!.id });
    }
    await recordAudit(tx, actor, { action: 'workinggroups.report.save', targetType: 'report', targetId: `${group.slug}/${report.slug}`, after: { number, title: input.title } });
    return { number };
  });
}

declare module '../../platform/events.js' {
  interface Events {
    /**
     * A version of a report is being published (pre-final or final), in the publishing transaction:
     * other modules react (a consultation on the report concludes), or refuse it with a `Refusal`
     * (its comments are not all answered yet), which undoes the publishing.
     */
    'workinggroups.reportPublished': { groupId: string; groupSlug: string; reportId: string; reportSlug: string; versionId: string; number: number; stage: Exclude<ReportStage, 'draft'>; title: string };
  }
}

export type PublishResult = { ok: true } | { ok: false; reason: 'not-draft' } | { ok: false; reason: 'refused'; message: string; values: Record<string, string | number> };

/**
 * Publishes the newest version, a draft, as the pre-final text or the final one. Not when the
 * newest is not a draft, nor when another module refuses it (e.g. comments still unanswered).
 */
export async function publishReport(db: Db, actor: MaybeActor, group: GroupRef & { slug: string }, report: ReportView, stage: Exclude<ReportStage, 'draft'>): Promise<PublishResult> {
  authorize(workingGroupPolicy.writeReports(actor, group), 'workinggroups.reports.publish');
  try {
    return await db.transaction(async (tx) => {
      const [latest] = await forUpdate(newestQuery(tx, report.id), 'report');
      if (!latest || latest.stage !== 'draft') return { ok: false, reason: 'not-draft' } as const;
      await tx.update(reportVersions).set({ stage, publishedAt: sql`now()` }).where(eq(reportVersions.id, latest.id));
      await recordAudit(tx, actor, { action: `workinggroups.report.${stage}`, targetType: 'report', targetId: `${group.slug}/${report.slug}`, after: { number: latest.number } });
      await emit(tx, 'workinggroups.reportPublished', { groupId: group.id, groupSlug: group.slug, reportId: report.id, reportSlug: report.slug, versionId: latest.id, number: latest.number, stage, title: latest.title });
      return { ok: true } as const;
    });
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, reason: 'refused', message: err.key, values: err.values };
    throw err;
  }
}

/**
 * A published version of a report, for the demo seed: the first (which makes the report), or the
 * one after the newest (number). Left as it is when that version exists already.
 */
export async function addReportVersion(db: Executor, groupId: string, slug: string, v: { title: string; markdown: string; note?: string; stage: 'prefinal' | 'final'; number?: number; publishedAt?: Date }): Promise<void> {
  const publishedAt = v.publishedAt ?? sql`now()`;
  const [created] = await db.insert(reports).values({ groupId, slug }).onConflictDoNothing().returning({ id: reports.id });
  if ((v.number ?? 1) === 1) {
    if (created) await db.insert(reportVersions).values({ ...firstVersion(created.id, v), stage: v.stage, publishedAt });
    return;
  }
  // A later version follows the one before it (its blocks keep their identifiers), once.
  const [report] = await db.select({ id: reports.id }).from(reports).where(and(eq(reports.groupId, groupId), eq(reports.slug, slug)));
  const latest = await newestVersion(db, report!.id);
  if (latest?.number !== v.number! - 1) return;
  await db.insert(reportVersions).values({ reportId: report!.id, number: v.number!, title: v.title, markdown: v.markdown, blocks: carryIds(latest.blocks, parseBlocks(v.markdown)), note: v.note ?? '', stage: v.stage, publishedAt });
}

// ——— Translations ———

export interface TranslationSummary {
  versionId: string;
  locale: Locale;
  title: string;
  translator: string;
  updatedAt: Date;
}
export interface TranslationView extends TranslationSummary {
  markdown: string;
  blocks: IdentifiedBlock[];
}

export const translationBody = z.object({
  title: field.text({ max: 300 }),
  markdown: field.text({ max: 400_000 }),
  translator: field.optionalText({ max: 200 }),
});

/** The translations of some versions (their texts left out), for the version list and the language links. */
export async function translationsOf(db: Executor, versionIds: string[]): Promise<TranslationSummary[]> {
  if (!versionIds.length) return [];
  const rows = await db
    .select({ versionId: reportTranslations.versionId, locale: reportTranslations.locale, title: reportTranslations.title, translator: reportTranslations.translator, updatedAt: reportTranslations.updatedAt })
    .from(reportTranslations)
    .where(inArray(reportTranslations.versionId, versionIds))
    .orderBy(asc(reportTranslations.locale));
  return rows.flatMap((r) => (isLocale(r.locale) ? [{ ...r, locale: r.locale }] : []));
}

/** One version's translation into a language, whole; null when there is none. */
export async function translationOf(db: Executor, versionId: string, locale: Locale): Promise<TranslationView | null> {
  const [row] = await db.select().from(reportTranslations).where(and(eq(reportTranslations.versionId, versionId), eq(reportTranslations.locale, locale)));
  return row ? { versionId: row.versionId, locale, title: row.title, translator: row.translator, updatedAt: row.updatedAt, markdown: row.markdown, blocks: row.blocks } : null;
}

export type TranslationResult = { ok: true } | { ok: false; field: string; message: string; values?: Record<string, string | number> };

/**
 * Writes (or corrects) the translation of a published version into another language. Its blocks
 * must line up with the version's, one for one (see platform/documents/translate.ts); when they do
 * not, nothing is stored and the translator is told where they part.
 */
export async function saveTranslation(db: Db, actor: MaybeActor, group: GroupRef & { slug: string }, report: ReportView, version: VersionView, locale: Locale, input: z.output<typeof translationBody>): Promise<TranslationResult> {
  authorize(workingGroupPolicy.translateReports(actor, group) && version.publishedAt !== null && locale !== report.originalLocale, 'workinggroups.reports.translate');
  const aligned = alignTranslation(version.blocks, parseBlocks(input.markdown));
  if (!aligned.ok) return { ok: false, field: 'markdown', message: `workingGroups.translate.errors.${aligned.problem}`, values: { at: aligned.at, original: aligned.original, expected: aligned.expected, got: aligned.got } };
  const values = { title: input.title, markdown: input.markdown, blocks: aligned.blocks, translator: input.translator ?? '', updatedBy: actor!.id, updatedAt: sql`now()` };
  await db.transaction(async (tx) => {
    await tx
      .insert(reportTranslations)
      .values({ versionId: version.id, locale, ...values })
      .onConflictDoUpdate({ target: [reportTranslations.versionId, reportTranslations.locale], set: values });
    await recordAudit(tx, actor, { action: 'workinggroups.report.translate', targetType: 'report', targetId: `${group.slug}/${report.slug}`, after: { number: version.number, locale } });
  });
  return { ok: true };
}

/** A translation for the demo seed, lined up with its version (left as it is when there is one). */
export async function addReportTranslation(db: Executor, groupId: string, slug: string, number: number, locale: Locale, t: { title: string; markdown: string; translator?: string }): Promise<void> {
  const [version] = await db
    .select({ id: reportVersions.id, blocks: reportVersions.blocks })
    .from(reportVersions)
    .innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .where(and(eq(reports.groupId, groupId), eq(reports.slug, slug), eq(reportVersions.number, number)));
  if (!version) return;
  const aligned = alignTranslation(version.blocks, parseBlocks(t.markdown));
  if (!aligned.ok) throw new Error(`The ${locale} translation of ${slug} does not line up with version ${number}: ${aligned.problem} at block ${aligned.at}`);
  await db.insert(reportTranslations).values({ versionId: version.id, locale, title: t.title, markdown: t.markdown, blocks: aligned.blocks, translator: t.translator ?? '' }).onConflictDoNothing();
}
