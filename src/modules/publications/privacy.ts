import { and, asc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { PersonalData, PersonRef } from '../../platform/privacy/service.js';
import { scrubColumns } from '../../platform/privacy/scrub.js';
import { publicationEvents, publications, reviewAssignments, type Author } from './schema.js';
import { OPEN_ASSIGNMENTS } from './workflow.js';

/**
 * What publications keep about people, and how it ends (docs/decisions/021):
 *  - a published work keeps its authors' names, in every version: it is cited, and a citation must
 *    keep pointing at what was published (the privacy page says so);
 *  - a brief the person submitted that was never published is deleted, with its file, history and
 *    reviews: it is theirs to take back; a working group's report they submitted stays (it is the
 *    group's) without their name among its authors, as do other unpublished items that list them;
 *  - their reviews stay with the item's record, anonymous (the account behind them is anonymised);
 *    an invitation still open is declined. Mentions of them in reviews and in the editorial history
 *    become the pseudonym.
 */

const sameName = (person: PersonRef) => {
  const names = new Set(person.names.map((n) => n.trim().toLowerCase()));
  return (a: Author) => names.has(a.name.trim().toLowerCase());
};

/** The last step of an item, or its last save: when a declined or withdrawn brief was set aside. */
const lastChange = sql`coalesce((select max(e.at) from ${publicationEvents} e where e.publication_id = ${publications.id}), ${publications.updatedAt})`;

async function deleteItems(tx: Executor, rows: { id: string; pdfKey: string | null }[], removeFile: (key: string) => void): Promise<void> {
  if (!rows.length) return;
  await tx.delete(publications).where(inArray(publications.id, rows.map((r) => r.id)));
  for (const r of rows) if (r.pdfKey) removeFile(r.pdfKey);
}

export const publicationsPersonalData: PersonalData = {
  kinds: [
    { kind: 'publications.submissions', label: 'privacy.kinds.submissions', purpose: 'privacy.purposes.submissions', kept: 'privacy.kept.publications' },
    {
      kind: 'publications.setAside',
      label: 'privacy.kinds.setAside',
      purpose: 'privacy.purposes.setAside',
      retention: {
        defaultDays: 1095,
        minDays: 180,
        maxDays: 3650,
        then: 'deleted',
        // Briefs declined or withdrawn and never published, counted from that step.
        async purge(tx, olderThan, { limit, removeFile }) {
          const rows = await tx
            .select({ id: publications.id, pdfKey: publications.pdfKey })
            .from(publications)
            .where(and(eq(publications.kind, 'brief'), eq(publications.currentVersion, 0), inArray(publications.state, ['declined', 'withdrawn']), lt(lastChange, olderThan)))
            .orderBy(asc(publications.createdAt))
            .limit(limit);
          await deleteItems(tx, rows, removeFile);
          return rows.length;
        },
      },
    },
    { kind: 'publications.reviews', label: 'privacy.kinds.reviews', purpose: 'privacy.purposes.reviews', kept: 'privacy.kept.reviews' },
  ],

  async erase(tx, person, ctx) {
    const theirName = sameName(person);
    if (person.userId) {
      const own = await tx
        .select({ id: publications.id, pdfKey: publications.pdfKey })
        .from(publications)
        .where(and(eq(publications.submittedBy, person.userId), eq(publications.kind, 'brief'), eq(publications.currentVersion, 0)));
      await deleteItems(tx, own, ctx.removeFile);
      await tx
        .update(reviewAssignments)
        .set({ state: 'declined', respondedAt: ctx.now })
        .where(and(eq(reviewAssignments.reviewerId, person.userId), inArray(reviewAssignments.state, [...OPEN_ASSIGNMENTS])));
    }
    // Unpublished items that list them among the authors lose that entry (a published one keeps it).
    if (person.names.length) {
      const listed = await tx.select({ id: publications.id, authors: publications.authors }).from(publications).where(and(eq(publications.currentVersion, 0), ne(sql`${publications.authors}::text`, '[]')));
      for (const item of listed) {
        const authors = item.authors.filter((a) => !theirName(a));
        if (authors.length !== item.authors.length) await tx.update(publications).set({ authors }).where(eq(publications.id, item.id));
      }
    }
    await scrubColumns(tx, reviewAssignments, reviewAssignments.id, [reviewAssignments.conflict, reviewAssignments.toAuthor, reviewAssignments.toEditor], person, ctx.pseudonym);
    await scrubColumns(tx, publicationEvents, publicationEvents.id, [publicationEvents.note], person, ctx.pseudonym);
  },

  /** What they submitted (with their own entries among its authors), the reviews they were asked for, and the editorial steps they took. */
  async export(tx, person): Promise<Record<string, unknown[]>> {
    if (!person.userId) return {};
    const id = person.userId;
    const theirName = sameName(person);
    const items = await tx.select().from(publications).where(eq(publications.submittedBy, id)).orderBy(asc(publications.createdAt));
    return {
      submissions: items.map((p) => ({
        number: p.number,
        kind: p.kind,
        state: p.state,
        language: p.locale,
        title: p.meta[p.locale]?.title ?? Object.values(p.meta)[0]?.title ?? '',
        youAsAuthor: p.authors.filter(theirName),
        submittedAt: p.createdAt,
        firstPublishedAt: p.firstPublishedAt,
        versionsPublished: p.currentVersion,
      })),
      reviews: await tx
        .select({
          item: publications.number,
          round: reviewAssignments.round,
          state: reviewAssignments.state,
          invitedAt: reviewAssignments.invitedAt,
          dueAt: reviewAssignments.dueAt,
          respondedAt: reviewAssignments.respondedAt,
          conflictOfInterest: reviewAssignments.conflict,
          recommendation: reviewAssignments.recommendation,
          toAuthor: reviewAssignments.toAuthor,
          toEditor: reviewAssignments.toEditor,
          completedAt: reviewAssignments.completedAt,
        })
        .from(reviewAssignments)
        .innerJoin(publications, eq(publications.id, reviewAssignments.publicationId))
        .where(eq(reviewAssignments.reviewerId, id))
        .orderBy(asc(reviewAssignments.invitedAt)),
      editorialSteps: await tx
        .select({ item: publications.number, action: publicationEvents.action, from: publicationEvents.fromState, to: publicationEvents.toState, note: publicationEvents.note, at: publicationEvents.at })
        .from(publicationEvents)
        .innerJoin(publications, eq(publications.id, publicationEvents.publicationId))
        .where(eq(publicationEvents.actorId, id))
        .orderBy(asc(publicationEvents.at)),
    };
  },
};
