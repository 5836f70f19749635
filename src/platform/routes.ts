import type { ModuleManifest } from './module.js';
import { authRootRoutes, authRoutes } from './auth/routes.js';
import { adminRoutes, adminNav } from './admin/routes.js';
import { purgeExpiredCredentials, sendSignInLink, SIGN_IN_LINK_JOB } from './auth/service.js';
import { purgeInboundMailRecords } from './mail/service.js';
import { isLocale } from './i18n/locales.js';
import { purgeFinishedJobs } from './jobs/queue.js';
import { examplesRoutes } from './ui/examples.js';
import { translationRoutes, translationsNav } from './translations/routes.js';
import { apiTokenRoutes, apiTokensNav } from './api/routes.js';
import { privacyManifest } from './privacy/module.js';

/** The platform's own pages (sign-in, account, Secretariat tools), loaded like a module. */
export const platformModules: ModuleManifest[] = [
  {
    name: 'platform',
    routes: async (app, { db, config }) => {
      await app.register(authRoutes, { db, config });
      await app.register(adminRoutes, { db, config });
      await app.register(translationRoutes, { db });
      await app.register(apiTokenRoutes, { db, config });
      // The design-system examples page is for developers and tests, not for a production site.
      if (config.env !== 'production') await app.register(examplesRoutes);
    },
    // The single sign-on provider's way back (one address for every language).
    rootRoutes: authRootRoutes,
    navigation: [...adminNav, ...translationsNav, ...apiTokensNav],
    roles: ['secretariat', 'steering'],
    jobs: {
      'platform.purgeExpired': async (_payload, { db }) => {
        await purgeExpiredCredentials(db);
        await purgeFinishedJobs(db);
        await purgeInboundMailRecords(db);
      },
      [SIGN_IN_LINK_JOB]: async (p, { db, baseUrl }) => {
        await sendSignInLink(db, { email: String(p.email), locale: isLocale(p.locale) ? p.locale : 'en', next: String(p.next ?? ''), baseUrl });
      },
    },
  },
  // People's data across the site: download, retention, the nightly purge (docs/decisions/021).
  privacyManifest,
];
