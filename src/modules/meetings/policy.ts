import { hasRole, type MaybeActor } from '../../platform/policy.js';

const secretariat = (a: MaybeActor) => hasRole(a, 'secretariat');

/**
 * Who may do what with meetings. A participant acts through the private link to their
 * registration (no account needed), checked in the services, not through a role; members-only
 * activities check membership records, not a role.
 */
export const meetingPolicy = {
  /** Drafts are seen by the Secretariat only; every other status is public. */
  view: (actor: MaybeActor, meeting: { status: string }) => meeting.status !== 'draft' || secretariat(actor),
  /** Reach one's own registration through one's account (matched by its e-mail address). */
  ownRegistration: (a: MaybeActor) => a !== null,
  /** Any of a meeting's Secretariat pages (the list of meetings, a meeting looked up by its address). */
  administer: secretariat,
  /** Create and change meetings: settings, programme, categories, side activities, questions, capacity. */
  edit: secretariat,
  /** The registrations: lists, filters, exports, badges, catering, the dashboard, e-mail to participants. */
  registrations: secretariat,
  /** Confirm or decline a registration of a moderated meeting; move one to another category. */
  moderate: secretariat,
  /** Decide travel financing against the budget. */
  financing: secretariat,
  /** Check participants in at the door. */
  checkIn: secretariat,
};
export type MeetingAction = keyof typeof meetingPolicy;
