import type { ModuleManifest } from '../../platform/module.js';
import { consultationRoutes } from './routes.js';
import { erasePerson } from './service.js';
import { seedConsultations } from './seed.js';
import { REPLY_PURPOSE, consultationReplyHandler } from './by-email.js';

export const consultationsModule: ModuleManifest = {
  name: 'consultations',
  routes: consultationRoutes,
  seed: seedConsultations,
  /** Replies to the e-mails of a report's sections become comments on them. */
  inboundMail: { [REPLY_PURPOSE]: consultationReplyHandler },
  navigation: [{ label: 'nav.consultations', href: '/consultations', area: 'main', order: 25 }],
  personalData: {
    erase: (tx, person) => erasePerson(tx, person),
  },
};
