import { hasRole, type MaybeActor } from '../policy.js';

const isSecretariat = (a: MaybeActor) => hasRole(a, 'secretariat');

/**
 * Who may do what with people's data as a whole (docs/decisions/021): each person downloads their
 * own; the Secretariat makes a person's download on their request, and sets how long each kind of
 * data is kept. Erasure is platformPolicy.erasePersonalData.
 */
export const privacyPolicy = {
  /** Download one's own data (the account page): anyone signed in, for themselves only. */
  downloadOwnData: (a: MaybeActor) => a !== null,
  /** Make the download of another person's data, on their request (the Secretariat's people page). */
  exportPersonData: isSecretariat,
  /** See and change how long each kind of personal data is kept. */
  manageRetention: isSecretariat,
};
export type PrivacyAction = keyof typeof privacyPolicy;
