import type { ModuleManifest } from '../module.js';
import { jobFileStore } from '../files/storage.js';
import { platformPersonalData } from './platform-data.js';
import { PURGE_JOB, purgeExpiredData } from './retention.js';
import { privacyNav, privacyRoutes } from './routes.js';

/**
 * People's data across the site (docs/decisions/021): the platform's own declarations (accounts,
 * e-mails, the audit log) beside the modules', a person's download, the retention settings and
 * the nightly purge.
 */
export const privacyManifest: ModuleManifest = {
  name: 'privacy',
  routes: privacyRoutes,
  navigation: privacyNav,
  personalData: platformPersonalData,
  dailyJobs: [PURGE_JOB],
  jobs: {
    [PURGE_JOB]: async (_payload, { db, now }) => {
      await purgeExpiredData(db, { now, files: jobFileStore(db) });
    },
  },
};
