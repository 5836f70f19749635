import { asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { deletePicked, type PersonalData } from '../../platform/privacy/service.js';
import { scrubColumns } from '../../platform/privacy/scrub.js';
import { commenterProfiles, consultationComments, consultationFlags, consultationInvitations, consultationOutcomeMails, consultationReaderLanguages, consultationSectionMails, consultations } from './schema.js';
import { erasePerson } from './service.js';
import { forgetOutcomeMails } from './outcome-mail.js';

/**
 * What consultations keep about people (docs/decisions/008 and 021): commenters' profiles and
 * comments (on erasure a comment keeps its words, without a name; mentions of the person in anyone's
 * comment become the pseudonym), flags, invitations, the sections mailed for replies by e-mail, and
 * who was told what became of their comments.
 */
export const consultationsPersonalData: PersonalData = {
  kinds: [
    { kind: 'consultations.profile', label: 'privacy.kinds.commenterProfile', purpose: 'privacy.purposes.commenterProfile', kept: 'privacy.kept.untilErased' },
    { kind: 'consultations.comments', label: 'privacy.kinds.comments', purpose: 'privacy.purposes.comments', kept: 'privacy.kept.comments' },
    {
      kind: 'consultations.invitations',
      label: 'privacy.kinds.consultationInvitations',
      purpose: 'privacy.purposes.consultationInvitations',
      retention: {
        defaultDays: 730,
        minDays: 30,
        maxDays: 3650,
        then: 'deleted',
        // Counted from the consultation's close: while it is open, they keep anyone from being invited twice.
        async purge(tx, olderThan, { limit }) {
          const batch = tx
            .select({ consultationId: consultationInvitations.consultationId, email: consultationInvitations.email })
            .from(consultationInvitations)
            .innerJoin(consultations, eq(consultations.id, consultationInvitations.consultationId))
            .where(lt(consultations.closesAt, olderThan))
            .limit(limit);
          return deletePicked(tx, consultationInvitations, [consultationInvitations.consultationId, consultationInvitations.email], batch);
        },
      },
    },
    {
      kind: 'consultations.sectionMails',
      label: 'privacy.kinds.sectionMails',
      purpose: 'privacy.purposes.sectionMails',
      retention: {
        defaultDays: 365,
        minDays: 30,
        maxDays: 3650,
        then: 'deleted',
        // Counted from the consultation's close: a reply after it is refused anyway.
        async purge(tx, olderThan, { limit }) {
          const batch = tx
            .select({ id: consultationSectionMails.id })
            .from(consultationSectionMails)
            .innerJoin(consultations, eq(consultations.id, consultationSectionMails.consultationId))
            .where(lt(consultations.closesAt, olderThan))
            .limit(limit);
          return deletePicked(tx, consultationSectionMails, consultationSectionMails.id, batch);
        },
      },
    },
  ],

  async erase(tx, person, ctx) {
    await erasePerson(tx, person);
    if (person.userId) await forgetOutcomeMails(tx, person.userId);
    // Mentions of them in others' comments, moderators' reasons and flags become the pseudonym (their own comments lost their name above).
    await scrubColumns(tx, consultationComments, consultationComments.id, [consultationComments.body, consultationComments.hiddenReason], person, ctx.pseudonym);
    await scrubColumns(tx, consultationFlags, [consultationFlags.commentId, consultationFlags.userId], [consultationFlags.reason], person, ctx.pseudonym);
  },

  /** Their profile, comments, flags, reading languages, invitations (by address), sections mailed and outcome mails. */
  async export(tx, person): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    if (person.userId) {
      const id = person.userId;
      out.commenterProfile = await tx
        .select({
          stakeholderGroup: commenterProfiles.stakeholderGroup,
          country: commenterProfiles.country,
          organization: commenterProfiles.organization,
          onBehalf: commenterProfiles.onBehalf,
          shownAs: commenterProfiles.display,
          toldWhatBecameOfComments: commenterProfiles.outcomeMail,
          updatedAt: commenterProfiles.updatedAt,
        })
        .from(commenterProfiles)
        .where(eq(commenterProfiles.userId, id));
      out.comments = await tx
        .select({
          consultation: consultations.slug,
          section: consultationComments.blockId,
          question: consultationComments.questionId,
          body: consultationComments.body,
          language: consultationComments.locale,
          state: consultationComments.state,
          hiddenReason: consultationComments.hiddenReason,
          via: consultationComments.source,
          name: consultationComments.authorName,
          organization: consultationComments.organization,
          stakeholderGroup: consultationComments.stakeholderGroup,
          country: consultationComments.country,
          onBehalf: consultationComments.onBehalf,
          shownAs: consultationComments.display,
          postedAt: consultationComments.createdAt,
        })
        .from(consultationComments)
        .innerJoin(consultations, eq(consultations.id, consultationComments.consultationId))
        .where(eq(consultationComments.userId, id))
        .orderBy(asc(consultationComments.createdAt));
      out.flags = await tx.select({ comment: consultationFlags.commentId, reason: consultationFlags.reason, at: consultationFlags.createdAt }).from(consultationFlags).where(eq(consultationFlags.userId, id));
      out.readingLanguages = await tx.select({ languages: consultationReaderLanguages.locales, updatedAt: consultationReaderLanguages.updatedAt }).from(consultationReaderLanguages).where(eq(consultationReaderLanguages.userId, id));
      out.sectionsMailed = await tx
        .select({ consultation: consultations.slug, section: consultationSectionMails.blockId, sentAt: consultationSectionMails.sentAt })
        .from(consultationSectionMails)
        .innerJoin(consultations, eq(consultations.id, consultationSectionMails.consultationId))
        .where(eq(consultationSectionMails.userId, id));
      out.outcomeMails = await tx
        .select({ consultation: consultations.slug, sentAt: consultationOutcomeMails.sentAt })
        .from(consultationOutcomeMails)
        .innerJoin(consultations, eq(consultations.id, consultationOutcomeMails.consultationId))
        .where(eq(consultationOutcomeMails.userId, id));
    }
    if (person.emails.length) {
      out.invitations = await tx
        .select({ consultation: consultations.slug, email: consultationInvitations.email, invitedAt: consultationInvitations.invitedAt })
        .from(consultationInvitations)
        .innerJoin(consultations, eq(consultations.id, consultationInvitations.consultationId))
        .where(inArray(sql`lower(${consultationInvitations.email})`, person.emails));
    }
    return out;
  },
};
