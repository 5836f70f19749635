import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { deletePicked, type PersonalData } from '../../platform/privacy/service.js';
import { scrubColumns } from '../../platform/privacy/scrub.js';
import { priorityCycles, priorityThemes, priorityVoters, surveyDrafts, surveyIdentified, surveyInvitations, surveyParticipants, surveyResponses, surveys } from './schema.js';
import { eraseRespondent } from './respond.js';

/**
 * What surveys and priority votes keep about people (docs/decisions/017 and 021). An anonymous
 * response or ballot names no one, so it is neither exported nor erased: only the marks that the
 * person took part are theirs. A survey that is not anonymous keeps whose response it is.
 */
export const surveysPersonalData: PersonalData = {
  kinds: [
    {
      kind: 'surveys.drafts',
      label: 'privacy.kinds.surveyDrafts',
      purpose: 'privacy.purposes.surveyDrafts',
      retention: {
        defaultDays: 180,
        minDays: 7,
        maxDays: 730,
        then: 'deleted',
        async purge(tx, olderThan, { limit }) {
          const batch = tx.select({ surveyId: surveyDrafts.surveyId, userId: surveyDrafts.userId }).from(surveyDrafts).where(lt(surveyDrafts.updatedAt, olderThan)).orderBy(asc(surveyDrafts.updatedAt)).limit(limit);
          return deletePicked(tx, surveyDrafts, [surveyDrafts.surveyId, surveyDrafts.userId], batch);
        },
      },
    },
    { kind: 'surveys.participation', label: 'privacy.kinds.surveyParticipation', purpose: 'privacy.purposes.surveyParticipation', kept: 'privacy.kept.untilErased' },
    { kind: 'surveys.identified', label: 'privacy.kinds.surveyIdentified', purpose: 'privacy.purposes.surveyIdentified', kept: 'privacy.kept.untilErased' },
    {
      kind: 'surveys.invitations',
      label: 'privacy.kinds.surveyInvitations',
      purpose: 'privacy.purposes.surveyInvitations',
      retention: {
        // At least a year and a day: the yearly cap on invitations counts the past year's.
        defaultDays: 730,
        minDays: 366,
        maxDays: 3650,
        then: 'deleted',
        async purge(tx, olderThan, { limit }) {
          const batch = tx
            .select({ surveyId: surveyInvitations.surveyId, email: surveyInvitations.email })
            .from(surveyInvitations)
            .where(and(lt(surveyInvitations.invitedAt, olderThan), or(isNull(surveyInvitations.remindedAt), lt(surveyInvitations.remindedAt, olderThan))))
            .limit(limit);
          return deletePicked(tx, surveyInvitations, [surveyInvitations.surveyId, surveyInvitations.email], batch);
        },
      },
    },
  ],

  async erase(tx, person, ctx) {
    // Answers stay counted; a mention of them in an answer (their own, in a survey that was not anonymous, or anyone's) or in a proposed theme becomes the pseudonym.
    await scrubColumns(tx, surveyResponses, surveyResponses.id, [surveyResponses.answers], person, ctx.pseudonym);
    await scrubColumns(tx, priorityThemes, priorityThemes.id, [priorityThemes.title, priorityThemes.description], person, ctx.pseudonym);
    await eraseRespondent(tx, person);
  },

  /** Their unfinished answers, their responses to surveys that are not anonymous, where they took part or voted (not how), invitations to their addresses, and the themes they proposed. */
  async export(tx, person): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    if (person.userId) {
      const id = person.userId;
      out.unfinishedAnswers = await tx
        .select({ survey: surveys.slug, page: surveyDrafts.page, language: surveyDrafts.locale, stakeholder: surveyDrafts.stakeholder, country: surveyDrafts.country, answers: surveyDrafts.answers, savedAt: surveyDrafts.updatedAt })
        .from(surveyDrafts)
        .innerJoin(surveys, eq(surveys.id, surveyDrafts.surveyId))
        .where(eq(surveyDrafts.userId, id));
      out.namedResponses = await tx
        .select({ survey: surveys.slug, submittedOn: surveyResponses.submittedOn, language: surveyResponses.locale, stakeholder: surveyResponses.stakeholder, region: surveyResponses.region, answers: surveyResponses.answers })
        .from(surveyIdentified)
        .innerJoin(surveyResponses, eq(surveyResponses.id, surveyIdentified.responseId))
        .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
        .where(eq(surveyIdentified.userId, id));
      out.tookPart = await tx
        .select({ survey: surveys.slug, respondedOn: surveyParticipants.respondedOn, language: surveyParticipants.locale, toldOutcomeAt: surveyParticipants.toldAt })
        .from(surveyParticipants)
        .innerJoin(surveys, eq(surveys.id, surveyParticipants.surveyId))
        .where(eq(surveyParticipants.userId, id));
      out.voted = await tx
        .select({ cycle: priorityCycles.slug, votedOn: priorityVoters.votedOn, language: priorityVoters.locale, toldOutcomeAt: priorityVoters.toldAt })
        .from(priorityVoters)
        .innerJoin(priorityCycles, eq(priorityCycles.id, priorityVoters.cycleId))
        .where(eq(priorityVoters.userId, id));
      out.themesProposed = await tx
        .select({ cycle: priorityCycles.slug, title: priorityThemes.title, description: priorityThemes.description, state: priorityThemes.state, proposedAt: priorityThemes.createdAt })
        .from(priorityThemes)
        .innerJoin(priorityCycles, eq(priorityCycles.id, priorityThemes.cycleId))
        .where(eq(priorityThemes.proposedBy, id));
    }
    if (person.emails.length) {
      out.invitations = await tx
        .select({ survey: surveys.slug, email: surveyInvitations.email, invitedAt: surveyInvitations.invitedAt, remindedAt: surveyInvitations.remindedAt })
        .from(surveyInvitations)
        .innerJoin(surveys, eq(surveys.id, surveyInvitations.surveyId))
        .where(inArray(sql`lower(${surveyInvitations.email})`, person.emails));
    }
    return out;
  },
};
