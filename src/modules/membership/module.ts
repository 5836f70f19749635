import type { ModuleManifest } from '../../platform/module.js';
import { membershipRoutes } from './routes/index.js';
import { membershipPolicy } from './policy.js';
import { seedMembership } from './seed.js';
import { membershipPersonalData } from './erasure.js';
import { membershipTodo } from './todo.js';
import { membershipApi } from './api-routes.js';
import { membershipFigures } from './figures.js';

export const membershipModule: ModuleManifest = {
  name: 'membership',
  routes: membershipRoutes,
  /** The member directory as JSON, under /api/v1: what the public directory shows, nothing more. */
  apiRoutes: membershipApi,
  navigation: [
    { label: 'nav.members', href: '/members', area: 'main', order: 15 },
    { label: 'nav.myMembership', href: '/membership', area: 'main', order: 85, visible: membershipPolicy.memberArea },
    { label: 'membership.mine.accountLink', href: '/membership', area: 'account', order: 10, visible: membershipPolicy.memberArea },
    { label: 'nav.steering', href: '/steering', area: 'main', order: 88, visible: membershipPolicy.steeringArea },
    { label: 'membership.queue.title', href: '/admin/applications', area: 'admin', order: 10, visible: membershipPolicy.reviewApplications },
    { label: 'membership.members.title', href: '/admin/members', area: 'admin', order: 11, visible: membershipPolicy.manageMembers },
  ],
  roles: ['member'],
  seed: seedMembership,
  personalData: membershipPersonalData,
  todo: membershipTodo,
  figures: membershipFigures,
  exports: [
    { name: 'members-csv', what: 'membership.members.title', label: 'membership.members.exportCsv', href: '/admin/members/export.csv' },
    { name: 'members-xlsx', what: 'membership.members.title', label: 'membership.members.exportXlsx', href: '/admin/members/export.xlsx' },
  ],
};
