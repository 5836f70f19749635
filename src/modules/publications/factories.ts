import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../platform/policy.js';
import type { I18nText } from '../../platform/i18n/content.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { callBySlug, itemByNumber, submitBrief, takeStep, type SubmissionInput } from './service.js';
import { publicationCalls, publicationEvents, publicationSeries, publications, type Audience, type Author, type Meta, type SeriesKind } from './schema.js';

const DAY = 86_400_000;

/** A series for the demo and for tests (the Secretariat's own screen for series comes later). */
export async function addSeries(db: Executor, s: { slug: string; kind?: SeriesKind; prefix: string; title: I18nText; description?: I18nText; originalLocale?: Locale; workingGroupId?: string }): Promise<string> {
  const [row] = await db
    .insert(publicationSeries)
    .values({ slug: s.slug, kind: s.kind ?? 'compendium', prefix: s.prefix, title: s.title, description: s.description ?? {}, originalLocale: s.originalLocale ?? 'en', workingGroupId: s.workingGroupId ?? null })
    .returning({ id: publicationSeries.id });
  return row!.id;
}

/** A call for briefs in a series, open from `opensInDays` (negative: already open) for `days` days. */
export async function addCall(db: Executor, c: { seriesId: string; slug: string; title: I18nText; theme?: I18nText; opensInDays?: number; days?: number; originalLocale?: Locale }): Promise<string> {
  const opensAt = new Date(Date.now() + (c.opensInDays ?? -1) * DAY);
  const [row] = await db
    .insert(publicationCalls)
    .values({ seriesId: c.seriesId, slug: c.slug, title: c.title, theme: c.theme ?? {}, originalLocale: c.originalLocale ?? 'en', opensAt, closesAt: new Date(opensAt.getTime() + (c.days ?? 60) * DAY) })
    .returning({ id: publicationCalls.id });
  return row!.id;
}

/**
 * A working group's report entering its series' workflow, as submitted by one of its chairs (the
 * demo seed and tests). Reports come from a working group, not from a call for briefs, so
 * `submitBrief` does not fit: the item is numbered in its series like a brief (FL-01, under the
 * series' row lock), logged draft → submitted, and left for the editors' desk check.
 */
export async function addReport(
  db: Db,
  r: { seriesId: string; submittedBy: string; locale: Locale; authors: Author[]; meta: Meta; body: string; audiences?: Audience[]; reportId?: string | null },
): Promise<{ id: string; number: string }> {
  return db.transaction(async (tx) => {
    const [series] = await tx.select({ prefix: publicationSeries.prefix }).from(publicationSeries).where(eq(publicationSeries.id, r.seriesId)).for('update');
    const [{ n }] = await tx.select({ n: count() }).from(publications).where(and(eq(publications.seriesId, r.seriesId), isNull(publications.translationOf)));
    const number = `${series!.prefix}-${String(n + 1).padStart(2, '0')}`;
    const [row] = await tx
      .insert(publications)
      .values({ seriesId: r.seriesId, number, kind: 'report', state: 'submitted', locale: r.locale, submittedBy: r.submittedBy, authors: r.authors, meta: r.meta, body: r.body, audiences: r.audiences ?? [], reportId: r.reportId ?? null })
      .returning({ id: publications.id });
    await tx.insert(publicationEvents).values({ publicationId: row!.id, action: 'submit', fromState: 'draft', toState: 'submitted', actorId: r.submittedBy });
    return { id: row!.id, number };
  });
}

/**
 * Submits a brief to a call and takes it through to publication with the real verbs, as its author
 * and the editors would; returns its number. Throws when any step is refused.
 */
export async function publishBrief(
  db: Db,
  who: { author: Actor; editor: Actor },
  callSlug: string,
  input: SubmissionInput,
  ctx: { baseUrl: string },
  file?: { key: string; bytes: number },
): Promise<string> {
  const call = await callBySlug(db, callSlug);
  if (!call) throw new Error(`no call ${callSlug}`);
  const r = await submitBrief(db, who.author, call, { ...input, pdf: file }, ctx);
  if (!r.ok) throw new Error(r.message);
  const item = (await itemByNumber(db, r.number))!;
  for (const step of ['desk-check', 'accept', 'copyedit', 'publish'] as const) {
    const done = await takeStep(db, who.editor, item.id, step, '', ctx);
    if (!done.ok) throw new Error(`${step} of ${r.number} refused`);
  }
  return r.number;
}
