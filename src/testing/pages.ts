/** Every public page of the demo alliance (after the locale), for page, size and accessibility tests. */
export const PUBLIC_PAGES = [
  '',
  '/about',
  '/privacy',
  '/join',
  '/subscribe',
  '/newsletter',
  '/newsletter/2024-12',
  '/working-groups',
  '/working-groups/foundational-learning',
  '/meetings',
  '/meetings/building-bridges-2024',
  '/meetings/building-bridges-2024/agenda',
  '/meetings/building-bridges-2024/register',
  '/sign-in',
  '/members',
  '/members/map',
];

/** Pages for a signed-in person and for the Secretariat. */
export const ACCOUNT_PAGES = ['/account'];
export const ADMIN_PAGES = ['/admin', '/admin/users', '/admin/users/invite', '/admin/mailbox', '/admin/audit'];

/** Module pages of the Secretariat and the Steering Committee (pages with ids are added by each test). */
export const MODULE_ADMIN_PAGES = ['/admin/applications', '/admin/members', '/admin/membership/settings', '/admin/meetings', '/admin/subscribers', '/admin/subscribers/import', '/admin/newsletter'];
export const STEERING_PAGES = ['/steering/applications'];
