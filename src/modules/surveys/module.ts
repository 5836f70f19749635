import type { ModuleManifest } from '../../platform/module.js';
import { surveyRoutes } from './routes.js';
import { priorityPolicy, surveyPolicy } from './service.js';
import { surveysPersonalData } from './privacy.js';
import { seedSurveys } from './seed.js';
import { sendYouSaid, YOU_SAID_JOB } from './service.js';
import { surveysTranslatable } from './translations.js';
import { surveyFigures } from './figures.js';

export const surveysModule: ModuleManifest = {
  name: 'surveys',
  routes: surveyRoutes,
  seed: seedSurveys,
  navigation: [
    { label: 'nav.surveys', href: '/surveys', area: 'main', order: 28 },
    { label: 'nav.surveys', href: '/admin/surveys', area: 'admin', order: 36, visible: surveyPolicy.administer },
    { label: 'nav.priorities', href: '/admin/priorities', area: 'admin', order: 37, visible: priorityPolicy.curate },
  ],
  /** A survey's texts, a draft's questions, and a priority-setting cycle's and its themes' texts, on the translation screen. */
  translatable: surveysTranslatable,
  /** "You said, we did": everyone who voted in a cycle or answered one of its surveys, told once the Steering Committee has decided. */
  jobs: {
    [YOU_SAID_JOB]: async (payload, { db, baseUrl }) => {
      await sendYouSaid(db, String(payload.cycleId), baseUrl);
    },
  },
  figures: surveyFigures,
  personalData: surveysPersonalData,
};
