import type { ModuleManifest } from '../../platform/module.js';
import { consultationRoutes } from './routes.js';
import { listConsultations } from './service.js';
import { consultationsPersonalData } from './privacy.js';
import { ConsultationsPanel } from './views.js';
import { seedConsultations } from './seed.js';
import { concludeOnFinal, leftOnReport } from './responses.js';
import { LeftPanel } from './answer-views.js';
import { REPLY_PURPOSE, consultationReplyHandler } from './by-email.js';
import { OUTCOME_MAIL_JOB, sendOutcomeMails } from './outcome-mail.js';
import { consultationsApi } from './api-routes.js';
import { consultationFigures } from './figures.js';
import { consultationsAnnualReport } from './annual-report.js';

export const consultationsModule: ModuleManifest = {
  name: 'consultations',
  routes: consultationRoutes,
  /** Consultations and their public outcome as JSON, under /api/v1. */
  apiRoutes: consultationsApi,
  seed: seedConsultations,
  /** Replies to the e-mails of a report's sections become comments on them. */
  inboundMail: { [REPLY_PURPOSE]: consultationReplyHandler },
  navigation: [{ label: 'nav.consultations', href: '/consultations', area: 'main', order: 25 }],
  /** A report's page and its group's page say which consultations are held on them. */
  panels: {
    'workinggroups.report': async (db, c, r) => String(ConsultationsPanel({ c, list: await listConsultations(db, { reportId: r.reportId }), heading: 'report' })) || null,
    'workinggroups.group': async (db, c, g) => String(ConsultationsPanel({ c, list: await listConsultations(db, { groupId: g.groupId }), heading: 'group' })) || null,
    /** The chairs' editor says what is left before the report can be final. */
    'workinggroups.editor': async (db, c, r) => String(LeftPanel({ c, list: await leftOnReport(db, r.reportId) })) || null,
  },
  /** Publishing the final version concludes the consultations on the report, or is refused while comments are unanswered. */
  on: { 'workinggroups.reportPublished': concludeOnFinal },
  /** "You said, we did": every commenter told what became of their comments, after the final version is published. */
  jobs: {
    [OUTCOME_MAIL_JOB]: async (payload, { db, baseUrl }) => {
      await sendOutcomeMails(db, String(payload.consultationId), baseUrl);
    },
  },
  figures: consultationFigures,
  /** The consultations closed in a year, in the Steering Committee's annual report. */
  annualReport: consultationsAnnualReport,
  personalData: consultationsPersonalData,
};
