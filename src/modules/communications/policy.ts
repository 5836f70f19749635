import { hasRole, type MaybeActor } from '../../platform/policy.js';

const secretariat = (a: MaybeActor) => hasRole(a, 'secretariat');

/**
 * Who may do what in communications. A subscriber acts through the signed links in their e-mails
 * (tokens.ts: what each link allows), not through a role; the public archive is open to all.
 */
export const communicationsPolicy = {
  /** The list of subscribers, a subscriber's record and history, exports, imports, unsubscribing someone. */
  manageSubscribers: secretariat,
  /** Writing, previewing, sending and following the newsletter's issues; its sending settings. */
  manageIssues: secretariat,
  /** A person signed in sees and manages the subscription of their account's own address (My membership). */
  ownSubscription: (a: MaybeActor) => a !== null,
};
export type CommunicationsAction = keyof typeof communicationsPolicy;
