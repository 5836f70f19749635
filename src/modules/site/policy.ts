import type { MaybeActor } from '../../platform/policy.js';

/**
 * Who may do what with the site's own pages (home, about, privacy). Today they are public to
 * everyone; editing them comes with the Secretariat's page editor.
 */
export const sitePolicy = {
  /** The home, about and privacy pages. */
  view: (_a: MaybeActor) => true,
};
export type SiteAction = keyof typeof sitePolicy;
