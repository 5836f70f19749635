import type { ModuleManifest } from './module.js';
import { authRoutes } from './auth/routes.js';
import { adminRoutes, adminNav } from './admin/routes.js';
import { purgeExpiredCredentials } from './auth/service.js';
import { examplesRoutes } from './ui/examples.js';

/** The platform's own pages (sign-in, account, Secretariat tools), loaded like a module. */
export const platformModules: ModuleManifest[] = [
  {
    name: 'platform',
    routes: async (app, { db, config }) => {
      await app.register(authRoutes, { db, config });
      await app.register(adminRoutes, { db, config });
      // The design-system examples page is for developers and tests, not for a production site.
      if (config.env !== 'production') await app.register(examplesRoutes);
    },
    navigation: adminNav,
    roles: ['secretariat', 'steering'],
    jobs: {
      'platform.purgeExpired': async (_payload, { db }) => purgeExpiredCredentials(db),
    },
  },
];
