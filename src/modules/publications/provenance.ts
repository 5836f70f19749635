/**
 * Where a publication comes from, and what it is tagged with. A working group's report in its
 * series points to the group's report (in the working groups module) and, through it, to the
 * consultations held on it and their comment-and-response reports (consultations module); an editor
 * names the meeting sessions where it was discussed (meetings module). Those modules are read through
 * their services only, and a reader is shown only what is public there: a group, a published version
 * of its report, a consultation's page, its comment-and-response report once the final report is
 * published, a session of a meeting that is not a draft.
 *
 * The verbs: an editor sets an item's tags (audiences, countries, SDG 4 targets) and, for a report,
 * its sessions; the published list is filtered by tag.
 *
 * Re-exported by service.ts: values of service.ts are used here only inside functions (never at
 * load time), so the two files may load in either order.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { forUpdate } from '../../db/locks.js';
import type { I18nText } from '../../platform/i18n/content.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { authorize, ForbiddenError, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { listWorkingGroups, reportsOf } from '../workinggroups/service.js';
import { commentCounts, consultationPolicy, listConsultations } from '../consultations/service.js';
import { linkableSessions, sessionsByIds, type LinkedSession } from '../meetings/service.js';
import { publicationPolicy } from './policy.js';
import { publications } from './schema.js';
import { inTargetOrder, type TagsInput } from './tags.js';
import { itemById, type ItemView, type SeriesView } from './service.js';

export type { LinkedSession } from '../meetings/service.js';

/** A consultation held on the report, as a reader sees it in the list of where the publication comes from. */
export interface SourceConsultation {
  slug: string;
  /** The report's version it is held on. */
  version: number;
  state: 'upcoming' | 'open' | 'closed';
  opensAt: Date;
  closesAt: Date;
  /** Comments published on it (those waiting or hidden are not counted). */
  comments: number;
  /** Its comment-and-response report is public (the report's final version is published): the page links to it. */
  responses: boolean;
}

export interface Provenance {
  /** The working group whose report this is. */
  group: { slug: string; name: I18nText; originalLocale: Locale } | null;
  /** The group's report, when a version of it is published: its newest published version. */
  report: { slug: string; title: string; locale: Locale; version: number } | null;
  consultations: SourceConsultation[];
  /** The meeting sessions where it was discussed, in time order (public meetings only). */
  sessions: LinkedSession[];
  /** When the page changes by the clock alone: a consultation opens or closes. */
  changesAt: Date | null;
}

const NOTHING: Provenance = { group: null, report: null, consultations: [], sessions: [], changesAt: null };

export const hasProvenance = (p: Provenance) => !!(p.group || p.report || p.consultations.length || p.sessions.length);

/**
 * Where an item comes from, as its public page shows it (the same for every reader: what is public
 * in the other modules). A translation shows its original's. Nothing is read for an item that names
 * no working group, report or session.
 */
export async function provenanceOf(db: Executor, item: Pick<ItemView, 'translationOf' | 'reportId' | 'sessionIds'>, series: Pick<SeriesView, 'workingGroupId'>, now = new Date()): Promise<Provenance> {
  const source = item.translationOf ? ((await itemById(db, item.translationOf)) ?? item) : item;
  const reportId = source.reportId;
  const sessionIds = source.sessionIds ?? [];
  if (!reportId && !series.workingGroupId && !sessionIds.length) return NOTHING;
  const [held, sessions, groups] = await Promise.all([
    reportId ? listConsultations(db, { reportId }) : Promise.resolve([]),
    sessionIds.length ? sessionsByIds(db, sessionIds) : Promise.resolve([]),
    listWorkingGroups(db),
  ]);
  const groupId = series.workingGroupId ?? held[0]?.groupId ?? null;
  const group = groups.find((g) => g.id === groupId) ?? null;
  const report = group && reportId ? (await reportsOf(db, null, group)).find((r) => r.id === reportId && r.latest.publishedAt) : undefined;
  const shown = held.filter(() => consultationPolicy.view(null));
  const counts = await Promise.all(shown.map((c) => commentCounts(db, c.id)));
  const consultations: SourceConsultation[] = shown
    .map((c, i) => ({
      slug: c.slug,
      version: c.number,
      state: now < c.opensAt ? ('upcoming' as const) : now < c.closesAt ? ('open' as const) : ('closed' as const),
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      comments: [...counts[i]!.values()].reduce((a, b) => a + b, 0),
      responses: consultationPolicy.seeResponses(null, c),
    }))
    .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
  const times = consultations.flatMap((c) => [c.opensAt, c.closesAt]).filter((d) => d > now);
  return {
    group: group ? { slug: group.slug, name: group.name, originalLocale: group.originalLocale } : null,
    report: report ? { slug: report.slug, title: report.latest.title, locale: report.originalLocale, version: report.latest.number } : null,
    consultations,
    sessions,
    changesAt: times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null,
  };
}

// ——— Tags in the list ——————————————————————————————————————————————————————————————————————

/** The countries and SDG 4 targets that published originals are tagged with: the list's filters offer these. One query. */
export async function tagsInUse(db: Executor): Promise<{ countries: string[]; sdgTargets: string[] }> {
  const rows = await db
    .select({ kind: sql<string>`t.kind`, value: sql<string>`t.value` })
    .from(
      sql`(select distinct 'country' as kind, jsonb_array_elements_text(${publications.countries}) as value from ${publications} where ${publications.state} = 'published' and ${publications.translationOf} is null
        union select distinct 'sdg', jsonb_array_elements_text(${publications.sdgTargets}) from ${publications} where ${publications.state} = 'published' and ${publications.translationOf} is null) t`,
    );
  return {
    countries: rows.filter((r) => r.kind === 'country').map((r) => r.value).sort(),
    sdgTargets: inTargetOrder(rows.filter((r) => r.kind === 'sdg').map((r) => r.value)),
  };
}

// ——— The editors' form ———————————————————————————————————————————————————————————————————————

export interface TagsForm {
  item: ItemView;
  /** The sessions an editor may choose from (a report's only), and those chosen already even if no longer offered. */
  sessions: LinkedSession[];
}

/** What the editors' form of an item's tags needs: the item (its editor's rule checked by the caller's read) and, for a report, the sessions to choose from. */
export async function tagsForm(db: Executor, actor: MaybeActor, item: ItemView): Promise<TagsForm> {
  authorize(publicationPolicy.edit(actor, item), 'publications.tags');
  return { item, sessions: item.kind === 'report' ? await linkableSessions(db) : [] };
}

export type SaveTagsResult = { ok: true } | { ok: false; field: string; message: string };

/**
 * An editor sets an item's tags — audiences, countries, SDG 4 targets — and, for a report, the
 * meeting sessions where it was discussed (each must be a session of a public meeting). Also once
 * published: tags describe the work, they are not part of a version. An original's tags are its
 * translations' too. Not for a declined or withdrawn item. Audited, before and after.
 */
export async function saveTags(db: Db, actor: MaybeActor, itemId: string, input: TagsInput): Promise<SaveTagsResult> {
  return db.transaction(async (tx) => {
    const [item] = await forUpdate(
      tx
        .select({ id: publications.id, number: publications.number, kind: publications.kind, seriesId: publications.seriesId, state: publications.state, translationOf: publications.translationOf, audiences: publications.audiences, countries: publications.countries, sdgTargets: publications.sdgTargets, sessionIds: publications.sessionIds })
        .from(publications)
        .where(eq(publications.id, itemId))
        .$dynamic(),
      'publication',
    );
    if (!item) throw new ForbiddenError('publications.tags');
    authorize(publicationPolicy.edit(actor, item), 'publications.tags');
    if (item.state === 'declined' || item.state === 'withdrawn') return { ok: false, field: 'audiences', message: 'publications.tags.errors.closed' } as const;
    let sessionIds: string[] = [];
    if (item.kind === 'report' && input.sessionIds.length) {
      const known = new Set((await linkableSessions(tx)).map((s) => s.id));
      if (!input.sessionIds.every((id) => known.has(id))) return { ok: false, field: 'sessionIds', message: 'publications.tags.errors.session' } as const;
      sessionIds = input.sessionIds;
    } else if (input.sessionIds.length) {
      return { ok: false, field: 'sessionIds', message: 'publications.tags.errors.sessionBrief' } as const;
    }
    const tags = { audiences: input.audiences, countries: input.countries, sdgTargets: inTargetOrder(input.sdgTargets) };
    await tx.update(publications).set({ ...tags, sessionIds, updatedAt: new Date() }).where(eq(publications.id, item.id));
    // The item's translations carry its tags (the list and the feeds read them from each record).
    if (!item.translationOf) await tx.update(publications).set(tags).where(eq(publications.translationOf, item.id));
    await recordAudit(tx, actor, {
      action: 'publications.tags',
      targetType: 'publication',
      targetId: item.number,
      before: { audiences: item.audiences, countries: item.countries, sdgTargets: item.sdgTargets, sessionIds: item.sessionIds },
      after: { ...tags, sessionIds },
    });
    return { ok: true } as const;
  });
}

/** The locale a stored text is in, or English for an unknown one. */
export const localeOr = (l: string): Locale => (isLocale(l) ? l : 'en');
