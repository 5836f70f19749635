import type { ModuleManifest } from '../../platform/module.js';
import { workingGroupRoutes } from './routes.js';
import { seedWorkingGroups } from './seed.js';
import { workingGroupPolicy } from './policy.js';
import { groupTranslations } from './service.js';
import { workingGroupsPersonalData } from './privacy.js';

export const workingGroupsModule: ModuleManifest = {
  name: 'workinggroups',
  routes: workingGroupRoutes,
  navigation: [
    { label: 'nav.workingGroups', href: '/working-groups', area: 'main', order: 20 },
    { label: 'workingGroups.admin.title', href: '/admin/working-groups', area: 'admin', order: 30, visible: workingGroupPolicy.administer },
  ],
  /** Scoped to a group (its id): a chair, a member. */
  roles: ['wg_chair', 'wg_member'],
  seed: seedWorkingGroups,
  translatable: [groupTranslations],
  personalData: workingGroupsPersonalData,
};
