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
