import { and, asc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { revokeLinks } from '../../platform/links/service.js';
import type { PersonalData, PersonRef } from '../../platform/privacy/service.js';
import { ERASED_NAME, erasedEmail, likePatterns, scrubColumns } from '../../platform/privacy/scrub.js';
import { applicationEvents, applicationNotes, applications, applicationVotes, memberPeople, members } from './schema.js';
import type { ApplicationData } from './fields.js';
import { memberNumber } from './members.js';

/**
 * Membership's personal data (docs/decisions/021: kinds, retention of drafts never submitted, a
 * person's export) and its part of an erasure (docs/decisions/008-erasure.md):
 *  - an application the person made (by its address): an individual's answers go except the
 *    categories counted in statistics (role, country, areas, working groups, languages), with its
 *    document, notes (the history's messages, the answers kept with requests for information, and
 *    the reviewers' internal notes) and name; an institution's keeps the organisation but loses this contact;
 *  - a representative listed in any application is taken off the list;
 *  - an individual member's record is anonymised and ended; an institution keeps its record and
 *    loses this representative (even the last one);
 *  - their votes stay (the decision stands), their name goes from the history and from internal
 *    notes they wrote; mentions of them in notes, kept answers, comments, descriptions and
 *    duplicate labels become the pseudonym.
 */
const KEPT_ANSWERS = ['role', 'country', 'areas', 'workingGroups', 'languages'] as const;

const isTheirs = (person: PersonRef, email: string | undefined) => !!email && person.emails.includes(email.trim().toLowerCase());

/** Applications that carry one of the person's addresses, as the applicant or as a listed representative. */
async function applicationsWith(tx: Executor, person: PersonRef) {
  if (!person.emails.length) return [];
  const listed = likePatterns({ emails: person.emails, names: [] }).map((p) => ilike(sql`${applications.data}->>'representatives'`, p));
  return tx
    .select()
    .from(applications)
    .where(or(inArray(sql`lower(${applications.email})`, person.emails), ...listed));
}

async function individualMembershipsOf(tx: Executor, userId: string) {
  return tx
    .select({ member: members, application: applications })
    .from(memberPeople)
    .innerJoin(members, eq(members.id, memberPeople.memberId))
    .leftJoin(applications, eq(applications.id, members.applicationId))
    .where(and(eq(memberPeople.userId, userId), eq(members.kind, 'individual')));
}

export const membershipPersonalData: PersonalData = {
  kinds: [
    { kind: 'membership.applications', label: 'privacy.kinds.applications', purpose: 'privacy.purposes.applications', kept: 'privacy.kept.untilErased' },
    {
      kind: 'membership.drafts',
      label: 'privacy.kinds.applicationDrafts',
      purpose: 'privacy.purposes.applicationDrafts',
      retention: {
        defaultDays: 365,
        minDays: 30,
        maxDays: 3650,
        then: 'deleted',
        // An application never submitted, untouched since `olderThan`: deleted with its history, notes, document and private links.
        async purge(tx, olderThan, { limit, removeFile }) {
          const rows = await tx
            .select({ id: applications.id, documentKey: applications.documentKey })
            .from(applications)
            .where(and(eq(applications.status, 'draft'), lt(applications.updatedAt, olderThan)))
            .orderBy(asc(applications.updatedAt))
            .limit(limit);
          if (!rows.length) return 0;
          const ids = rows.map((r) => r.id);
          await revokeLinks(tx, 'membership.application', ids);
          await tx.delete(applications).where(inArray(applications.id, ids));
          for (const r of rows) if (r.documentKey) removeFile(r.documentKey);
          return rows.length;
        },
      },
    },
    { kind: 'membership.members', label: 'privacy.kinds.members', purpose: 'privacy.purposes.members', kept: 'privacy.kept.untilErased' },
  ],

  /**
   * Their applications (by address; of an institution's, only their own entry among its
   * representatives) with the messages exchanged, applications that list them as a representative,
   * their memberships and their votes on others' applications. Not the Secretariat's internal
   * notes (docs/decisions/013) nor who at the Secretariat acted.
   */
  async export(tx, person): Promise<Record<string, unknown[]>> {
    const mine = (r: { email: string }) => isTheirs(person, r.email);
    const apps = await applicationsWith(tx, person);
    const own = apps.filter((a) => isTheirs(person, a.email));
    const listed = apps.filter((a) => !isTheirs(person, a.email) && (a.data.representatives ?? []).some(mine));
    const history = own.length
      ? await tx.select().from(applicationEvents).where(inArray(applicationEvents.applicationId, own.map((a) => a.id))).orderBy(asc(applicationEvents.id))
      : [];
    const numberOf = (id: string) => apps.find((a) => a.id === id)?.number;
    const out: Record<string, unknown[]> = {
      applications: own.map((a) => ({
        number: a.number,
        kind: a.kind,
        status: a.status,
        email: a.email,
        language: a.locale,
        answers: { ...a.data, ...(a.data.representatives ? { representatives: a.data.representatives.filter(mine) } : {}) },
        document: a.documentName,
        requestForInformation: a.infoRequest,
        decisionNote: a.decisionNote,
        createdAt: a.createdAt,
        submittedAt: a.submittedAt,
        decidedAt: a.decidedAt,
      })),
      applicationHistory: history.map((e) => ({ application: numberOf(e.applicationId), at: e.at, from: e.fromStatus, to: e.toStatus, message: e.note })),
      listedAsRepresentative: listed.map((a) => ({ application: a.number, organization: a.data.orgName ?? a.displayName, status: a.status, you: (a.data.representatives ?? []).filter(mine) })),
    };
    if (person.userId) {
      const memberships = await tx
        .select({ member: members, title: memberPeople.title, primaryContact: memberPeople.primaryContact })
        .from(memberPeople)
        .innerJoin(members, eq(members.id, memberPeople.memberId))
        .where(eq(memberPeople.userId, person.userId));
      out.memberships = memberships.map(({ member: m, title, primaryContact }) => ({
        number: memberNumber(m.number),
        kind: m.kind,
        name: m.name,
        status: m.status,
        category: m.category,
        country: m.country,
        website: m.website,
        affiliation: m.affiliation,
        summary: m.summary,
        listedInDirectory: m.listed,
        shownInDirectory: m.publicFields,
        joinedOn: m.joinedOn,
        endedOn: m.endedOn,
        yourTitle: title,
        primaryContact,
      }));
      out.votesCast = await tx
        .select({ application: applications.number, vote: applicationVotes.vote, comment: applicationVotes.comment, at: applicationVotes.at })
        .from(applicationVotes)
        .innerJoin(applications, eq(applications.id, applicationVotes.applicationId))
        .where(eq(applicationVotes.userId, person.userId))
        .orderBy(asc(applicationVotes.at));
    }
    return out;
  },

  async identify(tx, person) {
    const emails: string[] = [];
    const names: string[] = [];
    for (const app of await applicationsWith(tx, person)) {
      if (app.kind === 'individual' && isTheirs(person, app.email) && app.data.name) names.push(app.data.name);
      for (const r of app.data.representatives ?? []) if (isTheirs(person, r.email)) names.push(r.name);
    }
    if (person.userId) {
      for (const { member, application } of await individualMembershipsOf(tx, person.userId)) {
        names.push(member.name);
        if (application) emails.push(application.email);
      }
    }
    return { emails, names };
  },

  async erase(tx, person, ctx) {
    const own: string[] = [];
    for (const app of await applicationsWith(tx, person)) {
      const theirs = isTheirs(person, app.email);
      const individual = app.kind === 'individual' && theirs;
      const data: ApplicationData = individual
        ? (Object.fromEntries(KEPT_ANSWERS.filter((k) => app.data[k] !== undefined).map((k) => [k, app.data[k]])) as ApplicationData)
        : { ...app.data, ...(app.data.representatives ? { representatives: app.data.representatives.filter((r) => !isTheirs(person, r.email)) } : {}) };
      if (theirs) own.push(app.id);
      if (individual && app.documentKey) ctx.removeFile(app.documentKey);
      await tx
        .update(applications)
        .set({
          data,
          ...(theirs ? { email: erasedEmail(app.id) } : {}),
          ...(individual ? { displayName: ERASED_NAME, infoRequest: null, decisionNote: null, duplicates: [], documentKey: null, documentName: null, documentSize: null } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(applications.id, app.id));
      if (individual) {
        await tx.update(applicationEvents).set({ note: '', answers: null }).where(eq(applicationEvents.applicationId, app.id));
        await tx.delete(applicationNotes).where(eq(applicationNotes.applicationId, app.id));
      }
    }
    await revokeLinks(tx, 'membership.application', own);

    if (person.userId) {
      for (const { member } of await individualMembershipsOf(tx, person.userId)) {
        await tx
          .update(members)
          .set({
            name: ERASED_NAME,
            acronym: '',
            website: '',
            affiliation: '',
            summary: '',
            listed: false,
            publicFields: [],
            status: 'ended',
            statusReason: '',
            endedOn: sql`coalesce(${members.endedOn}, current_date)`,
            updatedAt: sql`now()`,
          })
          .where(eq(members.id, member.id));
      }
      await tx.delete(memberPeople).where(eq(memberPeople.userId, person.userId));
      await tx.update(applicationEvents).set({ actorName: ERASED_NAME }).where(eq(applicationEvents.actorId, person.userId));
      await tx.update(applicationNotes).set({ actorName: ERASED_NAME }).where(eq(applicationNotes.actorId, person.userId));
    }

    // Mentions in what others wrote or own. The applicant's own name field of another application
    // (a namesake, found by a different address) is left alone.
    await scrubColumns(tx, applications, applications.id, [applications.data, applications.infoRequest, applications.decisionNote, applications.duplicates], person, ctx.pseudonym, { skipKeys: ['name', 'representatives'] });
    await scrubColumns(tx, applicationEvents, applicationEvents.id, [applicationEvents.note, applicationEvents.answers], person, ctx.pseudonym); // kept answers: representatives too (the live list drops them)
    await scrubColumns(tx, applicationNotes, applicationNotes.id, [applicationNotes.body], person, ctx.pseudonym);
    await scrubColumns(tx, applicationVotes, [applicationVotes.applicationId, applicationVotes.userId], [applicationVotes.comment], person, ctx.pseudonym);
    await scrubColumns(tx, members, members.id, [members.summary], person, ctx.pseudonym);
  },
};
