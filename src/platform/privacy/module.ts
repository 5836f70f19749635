import type { ModuleManifest } from '../module.js';
import type { Db } from '../../db/client.js';
import { loadConfig } from '../../config.js';
import { fileStore } from '../files/storage.js';
import { platformPersonalData } from './platform-data.js';
import { PURGE_JOB, purgeExpiredData } from './retention.js';
import { privacyNav, privacyRoutes } from './routes.js';

/**
 * The files store the app was started with, for the nightly job (a job is given no Config): only
 * the files settings are read from the environment (loadConfig checked them at start).
 */
const jobFiles = (db: Db) => fileStore(db, loadConfig(Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(FILES_STORE|FILES_DIR|DATA_DIR|S3_\w+)$/.test(k)))));

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
      await purgeExpiredData(db, { now, files: jobFiles(db) });
    },
  },
};
