import { hasRole, type MaybeActor } from '../../platform/policy.js';

export const meetingPolicy = {
  /** Drafts are seen by the Secretariat only; every other status is public. */
  view: (actor: MaybeActor, meeting: { status: string }) => meeting.status !== 'draft' || hasRole(actor, 'secretariat'),
};
