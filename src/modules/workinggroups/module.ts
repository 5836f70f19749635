import type { ModuleManifest } from '../../platform/module.js';
import { workingGroupRoutes } from './routes.js';
import { seedWorkingGroups } from './seed.js';

export const workingGroupsModule: ModuleManifest = {
  name: 'workinggroups',
  routes: workingGroupRoutes,
  navigation: [{ label: 'nav.workingGroups', href: '/working-groups', area: 'main', order: 20 }],
  roles: ['wg_chair', 'wg_member'],
  seed: seedWorkingGroups,
};
