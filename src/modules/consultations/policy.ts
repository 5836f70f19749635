import { hasRole, type MaybeActor } from '../../platform/policy.js';
import type { ConsultationAudience } from './schema.js';

const secretariat = (a: MaybeActor) => hasRole(a, 'secretariat');

/** What the rules need to know of a consultation: the group whose report it is, who may comment, and when. */
export interface ConsultationRef {
  groupId: string;
  audience: ConsultationAudience;
  opensAt: Date;
  closesAt: Date;
}

/** A chair of the group whose report is put to consultation (the working groups' scoped role). */
const chairs = (a: MaybeActor, c: Pick<ConsultationRef, 'groupId'>) => hasRole(a, 'wg_chair', c.groupId);
/** Runs a consultation: its group's chairs and the Secretariat. */
const runs = (a: MaybeActor, c: Pick<ConsultationRef, 'groupId'>) => chairs(a, c) || secretariat(a);

/** Is the consultation taking comments at `now`? From its opening, up to (not including) its closing time. */
export const isOpen = (c: Pick<ConsultationRef, 'opensAt' | 'closesAt'>, now: Date) => c.opensAt <= now && now < c.closesAt;

/** May this person take part given the audience: anyone signed in; members of the Alliance; or whoever came by the invitation link. */
export function inAudience(a: MaybeActor, c: Pick<ConsultationRef, 'audience' | 'groupId'>, hasLink: boolean): boolean {
  if (!a) return false;
  if (runs(a, c)) return true;
  if (c.audience === 'public') return true;
  if (c.audience === 'members') return hasRole(a, 'member') || hasRole(a, 'wg_member', c.groupId) || hasRole(a, 'steering');
  return hasLink;
}

/**
 * Who may do what in consultations. Reading a consultation, its comments and its figures is public
 * (what is hidden stays hidden but for its author and the moderators). Commenting needs an account,
 * a place in the audience, and the window open — checked by the server at the moment of writing.
 * The group's chairs and the Secretariat open a consultation on a published version, change its
 * settings and moderate it; the Secretariat sends invitations.
 */
export const consultationPolicy = {
  /** A consultation's pages: the report with its counts, a paragraph with its comments, the figures. */
  view: (_a: MaybeActor) => true,
  /** Open a consultation on a report of the group (`groupId`). */
  open: (a: MaybeActor, c: Pick<ConsultationRef, 'groupId'>) => runs(a, c),
  /** Change the consultation's settings (window, audience, questions, summary) and see its invitation link. */
  administer: (a: MaybeActor, c: Pick<ConsultationRef, 'groupId'>) => runs(a, c),
  /** Approve, hide and restore comments; see flags and comments waiting for approval. */
  moderate: (a: MaybeActor, c: Pick<ConsultationRef, 'groupId'>) => runs(a, c),
  /** Invite audiences through the outbox. */
  invite: (a: MaybeActor, _c: Pick<ConsultationRef, 'groupId'>) => secretariat(a),
  /** Write a comment, a reply or an answer: signed in, in the audience, while the consultation is open. */
  comment: (a: MaybeActor, c: ConsultationRef, now: Date, hasLink: boolean) => inAudience(a, c, hasLink) && isOpen(c, now),
  /** Flag someone else's comment for the moderators. */
  flag: (a: MaybeActor, comment: { userId: string | null }) => !!a && comment.userId !== a.id,
  /** See a comment that is waiting or hidden: its author (who also sees why) and the moderators. */
  seeUnpublished: (a: MaybeActor, c: Pick<ConsultationRef, 'groupId'>, comment: { userId: string | null }) => (!!a && comment.userId === a.id) || runs(a, c),
  /** Keep a commenter profile: anyone signed in. */
  keepProfile: (a: MaybeActor) => !!a,
  /** See every comment to answer, filtered (triage): those who run it, and the group's members, to whom comments may be handed. */
  triage: (a: MaybeActor, c: Pick<ConsultationRef, 'groupId'>) => runs(a, c) || hasRole(a, 'wg_member', c.groupId),
  /** Answer any comment (a disposition and a response, alone or as a group), and hand comments to a colleague: those who run it. */
  respond: (a: MaybeActor, c: Pick<ConsultationRef, 'groupId'>) => runs(a, c),
  /** Answer the comments handed to you: each one must be yours to answer. */
  respondAssigned: (a: MaybeActor, comments: readonly { assignedTo: string | null }[]) => !!a && comments.length > 0 && comments.every((x) => x.assignedTo === a.id),
  /** Read the comment-and-response report: everyone once the final report is published; before, those who run it. */
  seeResponses: (a: MaybeActor, c: Pick<ConsultationRef, 'groupId'> & { concludedAt: Date | null }) => c.concludedAt !== null || runs(a, c),
};
export type ConsultationAction = keyof typeof consultationPolicy;
