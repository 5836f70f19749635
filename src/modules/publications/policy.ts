import { hasRole, type MaybeActor } from '../../platform/policy.js';
import type { State } from './workflow.js';

/** What the rules need to know of an item: its series, its state and who submitted it. */
export interface ItemRef {
  seriesId: string;
  state: State;
  submittedBy: string | null;
}

/** Edits a series: the Secretariat, and the series' editors (the scoped role pub_editor, the series' id as scope). */
const edits = (a: MaybeActor, seriesId: string) => hasRole(a, 'secretariat') || hasRole(a, 'pub_editor', seriesId);
const authorOf = (a: MaybeActor, item: Pick<ItemRef, 'submittedBy'>) => !!a && item.submittedBy === a.id;

/**
 * Who may do what with publications. What is published is public, every version of it. Authors
 * submit to an open call, follow their own items and answer requests for revision; editors run the
 * workflow, invite reviewers and publish; a reviewer sees the items they are assigned and nothing else.
 */
export const publicationPolicy = {
  /** Read a published item, its versions, citations and files. */
  read: (_a: MaybeActor, item: Pick<ItemRef, 'state'>) => item.state === 'published',
  /** Submit a brief to a call: anyone signed in, while the call is open. */
  submit: (a: MaybeActor, call: { opensAt: Date; closesAt: Date }, now: Date) => !!a && call.opensAt <= now && now < call.closesAt,
  /** Follow an item before it is published: its author and its editors (reviewers see it through their assignment). */
  follow: (a: MaybeActor, item: ItemRef) => authorOf(a, item) || edits(a, item.seriesId),
  /** The author's steps: submit, revise, withdraw; and change the working copy while it is theirs to change. */
  actAsAuthor: (a: MaybeActor, item: ItemRef) => authorOf(a, item),
  /** The editor's steps, reviewers, the working copy once submitted, new versions of a published item, translations. */
  edit: (a: MaybeActor, item: Pick<ItemRef, 'seriesId'>) => edits(a, item.seriesId),
  /** The editorial queue of every series, and the series and calls themselves. */
  manage: (a: MaybeActor) => hasRole(a, 'secretariat') || !!a?.roles.some((r) => r.role === 'pub_editor'),
  /** Answer an assignment and write the review: the reviewer it names, and only them. */
  review: (a: MaybeActor, assignment: { reviewerId: string }) => !!a && assignment.reviewerId === a.id,
};
export type PublicationAction = keyof typeof publicationPolicy;

/** Which series' items this person's editorial queue holds: every series (null) for the Secretariat, else those they edit. */
export const seriesInQueue = (a: MaybeActor): string[] | null => (hasRole(a, 'secretariat') ? null : (a?.roles.filter((r) => r.role === 'pub_editor').map((r) => r.scope) ?? []));
