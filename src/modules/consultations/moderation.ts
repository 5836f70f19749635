import type { CommentState } from './schema.js';

/** What a moderator does to a comment: approve a waiting one, hide one (with a reason), restore a hidden one, keep a flagged one as it is. */
export const MODERATION_ACTIONS = ['approve', 'hide', 'restore', 'keep'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** Each action's moves: from which states, to which. Nothing else moves (a second click finds nothing to do). */
const MOVES: Record<ModerationAction, Partial<Record<CommentState, CommentState>>> = {
  approve: { pending: 'published' },
  hide: { pending: 'hidden', published: 'hidden' },
  restore: { hidden: 'published' },
  keep: { published: 'published' },
};

/** The state a comment moves to, or null when the action does not apply to it. */
export function nextState(action: ModerationAction, state: CommentState): CommentState | null {
  return MOVES[action][state] ?? null;
}

/** The states an action applies to. */
export const statesFor = (action: ModerationAction): CommentState[] => Object.keys(MOVES[action]) as CommentState[];

/** The one state an action moves a comment to. */
export const targetOf = (action: ModerationAction): CommentState => nextState(action, statesFor(action)[0]!)!;
