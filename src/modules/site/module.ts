import type { ModuleManifest } from '../../platform/module.js';
import { siteRoutes } from './routes.js';
import { seedSite } from './seed.js';

/** Home, about, privacy — and the Join / Subscribe entry points. */
export const siteModule: ModuleManifest = {
  name: 'site',
  routes: siteRoutes,
  navigation: [
    { label: 'nav.home', href: '/', area: 'main', order: 0 },
    { label: 'nav.about', href: '/about', area: 'main', order: 10 },
  ],
  seed: seedSite,
};
