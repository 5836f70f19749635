import { hasRole, type MaybeActor } from '../../platform/policy.js';

const secretariat = (a: MaybeActor) => hasRole(a, 'secretariat');

/**
 * Who may do what with the site's own pages (home, About, Privacy, the pages the Secretariat adds)
 * and its settings (name, logo, contact, footer). Everyone reads them; the Secretariat writes them.
 */
export const sitePolicy = {
  /** The home, About and Privacy pages and the pages the Secretariat adds. */
  view: (_a: MaybeActor) => true,
  /** Write, translate, add and remove the site's pages. */
  editPages: secretariat,
  /** The site's name, short name, tagline, logo, contact address, footer and time zone. */
  editSettings: secretariat,
};
export type SiteAction = keyof typeof sitePolicy;
