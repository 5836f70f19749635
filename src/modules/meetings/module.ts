import type { ModuleManifest } from '../../platform/module.js';
import { meetingPolicy } from './policy.js';
import { meetingRoutes } from './routes.js';
import { registrationRoutes } from './registration-routes.js';
import { operationsRoutes } from './operations-routes.js';
import { meetingAdminRoutes } from './admin-routes.js';
import { seedMeetings } from './seed.js';
import { meetingsPersonalData } from './erasure.js';
import { EXPIRE_OFFER_JOB, REMINDER_JOB, expireOffer, sendReminders } from './registration.js';
import { registrationsOfAccount, sessionsOfGroup } from './service.js';
import { GroupSessionsPanel, MyRegistrationsPanel } from './views/panels.js';
import { meetingTranslations } from './translations.js';
import { meetingsTodo } from './todo.js';
import { meetingsApi } from './api-routes.js';
import { meetingFigures } from './figures.js';
import { meetingsAnnualReport } from './annual-report.js';

export const meetingsModule: ModuleManifest = {
  name: 'meetings',
  routes: async (app, opts) => {
    await app.register(meetingRoutes, opts);
    await app.register(registrationRoutes, opts);
    await app.register(operationsRoutes, opts);
    await app.register(meetingAdminRoutes, opts);
  },
  navigation: [
    { label: 'nav.meetings', href: '/meetings', area: 'main', order: 30 },
    { label: 'meetings.admin.listTitle', href: '/admin/meetings', area: 'admin', order: 20, visible: meetingPolicy.administer },
  ],
  seed: seedMeetings,
  /** Meetings and their programmes as JSON, under /api/v1. */
  apiRoutes: meetingsApi,
  translatable: meetingTranslations,
  todo: meetingsTodo,
  figures: meetingFigures,
  /** The meetings held in a year, in the Steering Committee's annual report. */
  annualReport: meetingsAnnualReport,
  /** A working group's page lists the sessions it takes part in. */
  panels: {
    'workinggroups.group': async (db, c, g) => String(GroupSessionsPanel({ c, sessions: await sessionsOfGroup(db, g.groupSlug) })) || null,
    /** A member's own page lists the meetings the person registered for. */
    'membership.mine': async (db, c) => String(MyRegistrationsPanel({ c, rows: await registrationsOfAccount(db, c.actor) })),
  },
  personalData: meetingsPersonalData,
  jobs: {
    [EXPIRE_OFFER_JOB]: async (payload, { db, now, baseUrl }) => {
      await expireOffer(db, String(payload.registrationId), baseUrl, now);
    },
    [REMINDER_JOB]: async (payload, { db, baseUrl }) => {
      await sendReminders(db, String(payload.meetingId), baseUrl);
    },
  },
};
