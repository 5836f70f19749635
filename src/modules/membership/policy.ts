import { hasRole, type MaybeActor } from '../../platform/policy.js';

const secretariat = (a: MaybeActor) => hasRole(a, 'secretariat');
const steering = (a: MaybeActor) => hasRole(a, 'steering');

/**
 * Who may do what in membership. The applicant acts through their private link (no account),
 * so their rights come from holding the link, checked in the service, not from a role.
 */
export const membershipPolicy = {
  /** The review queue and every application's details. */
  reviewApplications: secretariat,
  /** Move an application through its statuses, decide. */
  decideApplications: secretariat,
  /** See one application: the Secretariat always; the Steering Committee once it is recommended or decided after a recommendation. */
  viewApplication: (a: MaybeActor, app: { status: string; recommendedAt: Date | null }) =>
    secretariat(a) || (steering(a) && app.recommendedAt !== null),
  /** Record endorse / object / abstain. */
  voteOnApplication: (a: MaybeActor, app: { status: string }) => steering(a) && app.status === 'recommended',
  /** Write an internal note on an application (read by whoever may see the application; never by the applicant). */
  addInternalNote: secretariat,
  /** The list of applications awaiting the Committee. */
  steeringQueue: (a: MaybeActor) => steering(a) || secretariat(a),
  /** A Committee member's own home: what awaits their response, what they responded to, recent decisions. */
  steeringHome: steering,
  changeDecisionRule: secretariat,
  /** The members list (with non-public fields) and its exports. */
  manageMembers: secretariat,
  /** The member's area of the site ("My membership" in the navigation). */
  memberArea: (a: MaybeActor) => hasRole(a, 'member'),
  /** The Steering Committee's area of the site (its list of applications in the navigation). */
  steeringArea: steering,
  /** The memberships one belongs to (a signed-in person; none is an empty list). */
  ownMemberships: (a: MaybeActor) => a !== null,
  /** A member's own record: its people. */
  manageOwnMembership: (a: MaybeActor, people: readonly string[]) => !!a && people.includes(a.id),
};
export type MembershipAction = keyof typeof membershipPolicy;
