import type { MaybeActor } from '../../platform/policy.js';

/**
 * Who may do what with working groups. Today a group's page (name, summary) is public to everyone;
 * membership of groups, chairs and the Secretariat's administration come with their pages.
 */
export const workingGroupPolicy = {
  /** A working group's public page. */
  view: (_a: MaybeActor) => true,
};
export type WorkingGroupAction = keyof typeof workingGroupPolicy;
