import type { ModuleManifest } from '../../platform/module.js';
import { publicationRoutes } from './routes.js';
import { REMINDER_JOB, remindReviewers } from './service.js';
import { seedPublications } from './seed.js';

export const publicationsModule: ModuleManifest = {
  name: 'publications',
  routes: publicationRoutes,
  seed: seedPublications,
  roles: ['pub_editor'],
  navigation: [
    { label: 'nav.publications', href: '/publications', area: 'main', order: 27 },
    { label: 'nav.publicationsQueue', href: '/admin/publications', area: 'admin', order: 35 },
  ],
  dailyJobs: [REMINDER_JOB],
  /** One reminder to each reviewer whose assignment falls due within three days. */
  jobs: {
    [REMINDER_JOB]: async (_payload, { db, baseUrl }) => {
      await remindReviewers(db, baseUrl);
    },
  },
};
