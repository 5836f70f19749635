import type { ModuleManifest } from '../../platform/module.js';
import { siteRoutes } from './routes.js';
import { seedSite } from './seed.js';
import { sitePolicy } from './policy.js';
import { pageTranslations, siteTranslations } from './service.js';

/** Home, About, Privacy and the pages the Secretariat adds; the site's name, logo and footer. */
export const siteModule: ModuleManifest = {
  name: 'site',
  routes: siteRoutes,
  navigation: [
    { label: 'nav.home', href: '/', area: 'main', order: 0 },
    { label: 'nav.about', href: '/about', area: 'main', order: 10 },
    { label: 'site.pages.title', href: '/admin/pages', area: 'admin', visible: sitePolicy.editPages, order: 70 },
    { label: 'site.settings.title', href: '/admin/settings', area: 'admin', visible: sitePolicy.editSettings, order: 71 },
  ],
  seed: seedSite,
  translatable: [siteTranslations, pageTranslations],
};
