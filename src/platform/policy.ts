import type { Locale } from './i18n/locales.js';

/** Platform-wide roles. Modules add scoped roles (e.g. `member`, `wg_chair` with a working group's id as scope). */
export const PLATFORM_ROLES = ['secretariat', 'steering'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export interface RoleGrant {
  role: string;
  scope: string;
}

/** The signed-in person as services see them. `null` is an anonymous visitor. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  locale: Locale | null;
  roles: RoleGrant[];
}

export type MaybeActor = Actor | null;

export function hasRole(actor: MaybeActor, role: string, scope = ''): boolean {
  return !!actor && actor.roles.some((r) => r.role === role && r.scope === scope);
}

/** Raised by services when a policy refuses; routes answer 403 (or send an anonymous visitor to sign in). */
export class ForbiddenError extends Error {
  constructor(public readonly action: string) {
    super(`Not allowed: ${action}`);
  }
}

export function authorize(allowed: boolean, action: string): void {
  if (!allowed) throw new ForbiddenError(action);
}

const isSecretariat = (a: MaybeActor) => hasRole(a, 'secretariat');

/** Who may do what on the platform itself. Each module has its own policy.ts of the same shape. */
export const platformPolicy = {
  /** The Secretariat's area (/admin and its link in the header). The Steering Committee has its own home (/steering). */
  viewAdmin: isSecretariat,
  readMailbox: isSecretariat,
  manageMailSettings: isSecretariat,
  readAuditLog: isSecretariat,
  manageUsers: isSecretariat,
  viewExports: isSecretariat,
  /** The translation screen: every translatable text, what is missing or outdated per language. */
  translate: isSecretariat,
  /** Erase a person's data everywhere (on their request). */
  erasePersonalData: isSecretariat,
  manageAccount: (a: MaybeActor) => a !== null,
  /** Sign in with the organisation's identity provider (OIDC_*): the Secretariat and the Steering Committee; everyone else uses e-mail links. */
  signInWithSso: (a: MaybeActor) => isSecretariat(a) || hasRole(a, 'steering'),
};
export type PlatformAction = keyof typeof platformPolicy;
