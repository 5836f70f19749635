import { hasRole, type MaybeActor } from '../policy.js';

const isSecretariat = (a: MaybeActor) => hasRole(a, 'secretariat');

/**
 * Who may do what with the public API. Reading it needs no one: it serves what the public pages
 * show. Its tokens (a higher rate limit for an integration) are the Secretariat's to give and take.
 */
export const apiPolicy = {
  /** Create, list and revoke API tokens (the token page of the Secretariat's area). */
  manageTokens: isSecretariat,
};
export type ApiAction = keyof typeof apiPolicy;
