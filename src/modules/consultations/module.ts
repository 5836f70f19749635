import type { ModuleManifest } from '../../platform/module.js';
import { consultationRoutes } from './routes.js';
import { erasePerson } from './service.js';

export const consultationsModule: ModuleManifest = {
  name: 'consultations',
  routes: consultationRoutes,
  navigation: [{ label: 'nav.consultations', href: '/consultations', area: 'main', order: 25 }],
  personalData: {
    async erase(tx, person) {
      if (person.userId) await erasePerson(tx, person.userId);
    },
  },
};
