import type { ModuleManifest } from '../../platform/module.js';
import { surveyRoutes } from './routes.js';
import { eraseRespondent, surveyPolicy } from './service.js';
import { seedSurveys } from './seed.js';

export const surveysModule: ModuleManifest = {
  name: 'surveys',
  routes: surveyRoutes,
  seed: seedSurveys,
  navigation: [
    { label: 'nav.surveys', href: '/surveys', area: 'main', order: 28 },
    { label: 'nav.surveys', href: '/admin/surveys', area: 'admin', order: 36, visible: surveyPolicy.administer },
  ],
  personalData: {
    erase: async (tx, person) => {
      if (person.userId) await eraseRespondent(tx, person.userId);
    },
  },
};
