import type { ModuleManifest } from '../../platform/module.js';
import { loadDepositConfig } from '../../config.js';
import { jobFileStore } from '../../platform/files/storage.js';
import { publicationRoutes } from './routes.js';
import { DOI_DEPOSIT_JOB, depositDoi, PDF_JOB, publicationPolicy, REMINDER_JOB, remindReviewers, storeGeneratedPdf } from './service.js';
import { seedPublications } from './seed.js';
import { publicationsTodo } from './todo.js';
import { oaiRoutes } from './oai-routes.js';
import { publicationsApi } from './api-routes.js';
import { publicationsPersonalData } from './privacy.js';
import { publicationsAnnualReport } from './annual-report.js';

export const publicationsModule: ModuleManifest = {
  name: 'publications',
  routes: publicationRoutes,
  /** OAI-PMH at /oai: harvesters keep one address, in no language. */
  rootRoutes: oaiRoutes,
  /** Published publications as JSON, under /api/v1. */
  apiRoutes: publicationsApi,
  seed: seedPublications,
  roles: ['pub_editor'],
  todo: publicationsTodo,
  personalData: publicationsPersonalData,
  /** The items published in a year, in the Steering Committee's annual report. */
  annualReport: publicationsAnnualReport,
  navigation: [
    { label: 'nav.publications', href: '/publications', area: 'main', order: 27 },
    { label: 'nav.publicationsQueue', href: '/admin/publications', area: 'admin', order: 35, visible: publicationPolicy.manage },
    { label: 'nav.publicationsQueue', href: '/admin/publications', area: 'account', order: 39, visible: publicationPolicy.manage },
    { label: 'publications.author.accountLink', href: '/publications/mine', area: 'account', order: 40 },
    { label: 'publications.review.accountLink', href: '/publications/reviews', area: 'account', order: 41 },
  ],
  dailyJobs: [REMINDER_JOB],
  /** One reminder to each reviewer whose assignment falls due within three days. */
  jobs: {
    [REMINDER_JOB]: async (_payload, { db, baseUrl }) => {
      await remindReviewers(db, baseUrl);
    },
    /** A published item's DOI metadata to the registration agency (queued by publishing, when DOI_DEPOSIT_URL is set). Its settings are read from the environment the app was started with. */
    [DOI_DEPOSIT_JOB]: async (payload, { db, baseUrl }) => {
      await depositDoi(db, String(payload.itemId), { ...loadDepositConfig(), baseUrl });
    },
    /** A published version's PDF, drawn from its texts and kept in the files store the app was started with (queued by publishing it). */
    [PDF_JOB]: async (payload, { db, baseUrl }) => {
      await storeGeneratedPdf(db, jobFileStore(db), String(payload.versionId), baseUrl);
    },
  },
};
