/**
 * The editorial life of a publication (a brief for the Compendium, a working group's report), as
 * plain data and functions (no database), so the rules read in one place and are tested exhaustively.
 *
 *   draft ─submit─▶ submitted ─desk-check─▶ desk_check ─send-to-review─▶ in_review ─accept─▶ accepted
 *                                             │  ▲ accept                  │   ▲                  │ copyedit
 *                          request-revision   ▼  │                         │   │ send-to-review   ▼
 *                                      revision_requested ◀─request-revision─┘   │           copyediting
 *                                             │ revise                           │                │ publish
 *                                             ▼                                  │                ▼
 *                                          revised ──────────────────────────────┘            published
 *   (revised ─accept─▶ accepted too)
 *   any open state ─decline (editor, with a reason)─▶ declined;  ─withdraw (author)─▶ withdrawn
 *
 * A published item is changed by a new version (N+1), never by a transition.
 */
export const STATES = ['draft', 'submitted', 'desk_check', 'in_review', 'revision_requested', 'revised', 'accepted', 'copyediting', 'published', 'declined', 'withdrawn'] as const;
export type State = (typeof STATES)[number];
export const FINAL_STATES: readonly State[] = ['published', 'declined', 'withdrawn'];
export const OPEN_STATES: readonly State[] = STATES.filter((s) => !FINAL_STATES.includes(s));

export const ACTIONS = ['submit', 'desk-check', 'send-to-review', 'request-revision', 'revise', 'accept', 'copyedit', 'publish', 'decline', 'withdraw'] as const;
export type Action = (typeof ACTIONS)[number];

/** Who takes a step: the author (who submitted it) or an editor of the series. */
export type Role = 'author' | 'editor';

interface Transition {
  from: readonly State[];
  to: State;
  by: Role;
  /** A note is required (what to revise, why it is declined). */
  note?: boolean;
  /** The step ends the review round in progress: its open assignments are closed and reviewers told the outcome. */
  closesRound?: boolean;
}

export const TRANSITIONS: Record<Action, Transition> = {
  submit: { from: ['draft'], to: 'submitted', by: 'author' },
  'desk-check': { from: ['submitted'], to: 'desk_check', by: 'editor' },
  'send-to-review': { from: ['desk_check', 'revised'], to: 'in_review', by: 'editor' },
  'request-revision': { from: ['desk_check', 'in_review'], to: 'revision_requested', by: 'editor', note: true, closesRound: true },
  revise: { from: ['revision_requested'], to: 'revised', by: 'author' },
  accept: { from: ['desk_check', 'in_review', 'revised'], to: 'accepted', by: 'editor', closesRound: true },
  copyedit: { from: ['accepted'], to: 'copyediting', by: 'editor' },
  publish: { from: ['copyediting'], to: 'published', by: 'editor' },
  decline: { from: OPEN_STATES.filter((s) => s !== 'draft'), to: 'declined', by: 'editor', note: true, closesRound: true },
  withdraw: { from: OPEN_STATES, to: 'withdrawn', by: 'author', closesRound: true },
};

export type Refusal = 'not-allowed-from-state' | 'note-required';

/** May `action` happen to an item in `state`? The target state, or why not. */
export function checkTransition(action: Action, state: State, note = ''): { ok: true; to: State } | { ok: false; reason: Refusal } {
  const t = TRANSITIONS[action];
  if (!t.from.includes(state)) return { ok: false, reason: 'not-allowed-from-state' };
  if (t.note && !note.trim()) return { ok: false, reason: 'note-required' };
  return { ok: true, to: t.to };
}

/** The steps open to someone in this role on an item in this state, in the order of the workflow. */
export function actionsFor(role: Role, state: State): Action[] {
  return ACTIONS.filter((a) => TRANSITIONS[a].by === role && TRANSITIONS[a].from.includes(state));
}

/** The steps whose arrival answers the reviewers: a decision, or a new round. */
export const closesRound = (action: Action): boolean => !!TRANSITIONS[action].closesRound || action === 'send-to-review';

/** Where a review assignment stands: invited, then accepted or declined (or refused for a conflict), then done; closed when the round ends first. */
export const ASSIGNMENT_STATES = ['invited', 'accepted', 'declined', 'conflict', 'completed', 'closed'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];
/** An assignment still waiting on the reviewer: reminders go to these, and a round's end closes them. */
export const OPEN_ASSIGNMENTS: readonly AssignmentState[] = ['invited', 'accepted'];

export const RECOMMENDATIONS = ['accept', 'minor-revision', 'major-revision', 'decline'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
