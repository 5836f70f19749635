import type { ModuleManifest } from '../../platform/module.js';
import { consultationRoutes } from './routes.js';
import { erasePerson, listConsultations } from './service.js';
import { ConsultationsPanel } from './views.js';
import { seedConsultations } from './seed.js';
import { concludeOnFinal, leftOnReport } from './responses.js';
import { LeftPanel } from './answer-views.js';
import { REPLY_PURPOSE, consultationReplyHandler } from './by-email.js';
import { forgetOutcomeMails, OUTCOME_MAIL_JOB, sendOutcomeMails } from './outcome-mail.js';

export const consultationsModule: ModuleManifest = {
  name: 'consultations',
  routes: consultationRoutes,
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
  personalData: {
    erase: async (tx, person) => {
      await erasePerson(tx, person);
      if (person.userId) await forgetOutcomeMails(tx, person.userId);
    },
  },
};
