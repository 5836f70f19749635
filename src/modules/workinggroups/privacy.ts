import { and, asc, eq, lt, ne, or, sql } from 'drizzle-orm';
import { deletePicked, type PersonalData } from '../../platform/privacy/service.js';
import { identifierPattern, likePatterns, mentions, scrubColumns } from '../../platform/privacy/scrub.js';
import { reportTranslations, workingGroupPeople, workingGroupRequests, workingGroups } from './schema.js';
import { erasePerson } from './service.js';

/**
 * What working groups keep about people (docs/decisions/008 and 021): who belongs to which group
 * (with their role, affiliation and whether they are named on its page) and requests to join. On
 * erasure both go with the scoped roles; a translation credited to them loses the credit, and
 * mentions in others' requests become the pseudonym. The reports they wrote stay: they are the group's.
 */
export const workingGroupsPersonalData: PersonalData = {
  kinds: [
    { kind: 'workinggroups.people', label: 'privacy.kinds.groupPeople', purpose: 'privacy.purposes.groupPeople', kept: 'privacy.kept.untilErased' },
    {
      kind: 'workinggroups.requests',
      label: 'privacy.kinds.groupRequests',
      purpose: 'privacy.purposes.groupRequests',
      retention: {
        defaultDays: 365,
        minDays: 30,
        maxDays: 3650,
        then: 'deleted',
        // Counted from the decision (or the request, if it was withdrawn without one); a request waiting for a chair stays.
        async purge(tx, olderThan, { limit }) {
          const batch = tx
            .select({ id: workingGroupRequests.id })
            .from(workingGroupRequests)
            .where(and(ne(workingGroupRequests.status, 'pending'), lt(sql`coalesce(${workingGroupRequests.decidedAt}, ${workingGroupRequests.createdAt})`, olderThan)))
            .orderBy(asc(workingGroupRequests.createdAt))
            .limit(limit);
          return deletePicked(tx, workingGroupRequests, workingGroupRequests.id, batch);
        },
      },
    },
  ],

  async erase(tx, person, ctx) {
    if (person.userId) await erasePerson(tx, person.userId);
    const re = identifierPattern(person);
    if (re) {
      const likes = likePatterns(person);
      const credited = await tx
        .select({ id: reportTranslations.id, translator: reportTranslations.translator })
        .from(reportTranslations)
        .where(or(...likes.map((p) => sql`${reportTranslations.translator} ilike ${p}`)));
      for (const t of credited) if (mentions(re, t.translator)) await tx.update(reportTranslations).set({ translator: '' }).where(eq(reportTranslations.id, t.id));
    }
    await scrubColumns(tx, workingGroupRequests, workingGroupRequests.id, [workingGroupRequests.message, workingGroupRequests.affiliation], person, ctx.pseudonym);
  },

  /** The groups they belong to and their requests to join. */
  async export(tx, person): Promise<Record<string, unknown[]>> {
    if (!person.userId) return {};
    const id = person.userId;
    return {
      groups: await tx
        .select({ group: workingGroups.slug, role: workingGroupPeople.role, namedOnGroupPage: workingGroupPeople.listed, affiliation: workingGroupPeople.affiliation, joinedAt: workingGroupPeople.joinedAt })
        .from(workingGroupPeople)
        .innerJoin(workingGroups, eq(workingGroups.id, workingGroupPeople.groupId))
        .where(eq(workingGroupPeople.userId, id)),
      requestsToJoin: await tx
        .select({
          group: workingGroups.slug,
          message: workingGroupRequests.message,
          affiliation: workingGroupRequests.affiliation,
          namedOnGroupPage: workingGroupRequests.listed,
          status: workingGroupRequests.status,
          askedAt: workingGroupRequests.createdAt,
          decidedAt: workingGroupRequests.decidedAt,
        })
        .from(workingGroupRequests)
        .innerJoin(workingGroups, eq(workingGroups.id, workingGroupRequests.groupId))
        .where(eq(workingGroupRequests.userId, id))
        .orderBy(asc(workingGroupRequests.createdAt)),
    };
  },
};
