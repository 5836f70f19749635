import { hasRole, type MaybeActor } from '../../platform/policy.js';

const secretariat = (a: MaybeActor) => hasRole(a, 'secretariat');

/** What the rules need to know of a group: its id (the scope of its roles) and whether it is closed. */
export interface GroupRef {
  id: string;
  closedAt: Date | null;
}

/** Chairs a group: the scoped role wg_chair, the group's id as scope. */
export const isChair = (a: MaybeActor, g: GroupRef) => hasRole(a, 'wg_chair', g.id);
/** A member of the Alliance (only they may join groups). */
export const isAllianceMember = (a: MaybeActor) => hasRole(a, 'member');
/** Belongs to a group, as a chair or a member. */
export const belongsTo = (a: MaybeActor, g: GroupRef) => isChair(a, g) || hasRole(a, 'wg_member', g.id);

/**
 * Who may do what with working groups. A group's pages (mandate, chairs, listed members, documents)
 * are public, closed groups too. Members of the Alliance ask to join an open group; its chairs
 * accept or decline, remove members, and edit its texts; the Secretariat creates groups, names and
 * removes chairs, closes and reopens them, and may do everything a chair may.
 */
export const workingGroupPolicy = {
  /** A working group's public page, and the list of groups. */
  view: (_a: MaybeActor) => true,
  /** Create groups; the Secretariat's list of groups. */
  administer: secretariat,
  /** Name or remove a group's chairs; close or reopen it. */
  governGroup: (a: MaybeActor, _g: GroupRef) => secretariat(a),
  /** Ask to join an open group: a member of the Alliance who is not in it yet. */
  askToJoin: (a: MaybeActor, g: GroupRef) => isAllianceMember(a) && g.closedAt === null && !belongsTo(a, g),
  /** Leave a group one is a member of (a chair steps down through the Secretariat). */
  leave: (a: MaybeActor, g: GroupRef) => hasRole(a, 'wg_member', g.id) && !isChair(a, g),
  /** The group's page for its chairs: requests to join, its people, its texts. */
  manage: (a: MaybeActor, g: GroupRef) => isChair(a, g) || secretariat(a),
  /** Accept or decline a request to join; remove a member. Not once the group is closed. */
  decideMembership: (a: MaybeActor, g: GroupRef) => (isChair(a, g) || secretariat(a)) && g.closedAt === null,
  /** Start reports, save their drafts, publish versions (pre-final, final). Not once the group is closed. */
  writeReports: (a: MaybeActor, g: GroupRef) => (isChair(a, g) || secretariat(a)) && g.closedAt === null,
  /** Write and correct the translations of the group's published report versions. Not once the group is closed. */
  translateReports: (a: MaybeActor, g: GroupRef) => (isChair(a, g) || secretariat(a)) && g.closedAt === null,
  /** Read the drafts of the group's reports: its people and the Secretariat (published versions are public). */
  readDrafts: (a: MaybeActor, g: GroupRef) => belongsTo(a, g) || secretariat(a),
  /** Edit the group's name, summary and mandate, in any language. */
  editTexts: (a: MaybeActor, g: GroupRef) => isChair(a, g) || secretariat(a),
};
export type WorkingGroupAction = keyof typeof workingGroupPolicy;
