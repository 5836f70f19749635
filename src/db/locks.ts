/**
 * The row locks that keep Bridges' rules under concurrency, by name. A concurrency test switches
 * one off to show that the rule breaks without it (on PostgreSQL, where requests really run side
 * by side); nothing else ever changes them.
 */
export const rowLocks = {
  /** The meeting's row: who holds a place, moderated confirmations, the financing budget. */
  meeting: true,
  /** A side activity's row: its places and waiting list. */
  activity: true,
  /** A working group's row: its texts, edited in one language at a time. */
  workingGroup: true,
  /** A request to join a working group: decided once, by one chair. */
  workingGroupRequest: true,
  /** A report's newest version: saved or published by one chair at a time. */
  report: true,
  /** A commenter's profile row: their comments are counted against the rate limit one at a time. */
  commenter: true,
  /** A consultation's row: answers to its comments are given one at a time, and frozen when the final report is published. */
  consultation: true,
  /** A publication's row: one step of its workflow, one review assignment, one new version at a time. */
  publication: true,
};

/** `select … for update` when the named lock is on (always, outside those tests). */
export function forUpdate<Q extends { for(strength: 'update'): Q }>(query: Q, lock: keyof typeof rowLocks): Q {
  return rowLocks[lock] ? query.for('update') : query;
}
