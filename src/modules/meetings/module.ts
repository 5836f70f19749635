import type { ModuleManifest } from '../../platform/module.js';
import { meetingRoutes } from './routes.js';
import { seedMeetings } from './seed.js';

export const meetingsModule: ModuleManifest = {
  name: 'meetings',
  routes: meetingRoutes,
  navigation: [{ label: 'nav.meetings', href: '/meetings', area: 'main', order: 30 }],
  seed: seedMeetings,
};
