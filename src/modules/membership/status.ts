/**
 * The life of a membership application, as plain data and functions (no database), so the rules
 * can be read in one place and tested exhaustively.
 *
 *   draft ──submit──▶ submitted ──screen──▶ screening ──recommend──▶ recommended ──▶ approved | declined
 *                                            │   ▲                        (per the decision rule)
 *                              request info  ▼   │ applicant amends
 *                                       info_requested
 *   screening ──decline──▶ declined (not eligible);  screening ──approve──▶ approved (Secretariat-alone rule only)
 *   any open status ──withdraw (applicant)──▶ withdrawn
 */
export const STATUSES = ['draft', 'submitted', 'screening', 'info_requested', 'recommended', 'approved', 'declined', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly Status[] = ['draft', 'submitted', 'screening', 'info_requested', 'recommended'];
export const FINAL_STATUSES: readonly Status[] = ['approved', 'declined', 'withdrawn'];

export type Actor = 'applicant' | 'secretariat';
export type Action = 'submit' | 'screen' | 'request-info' | 'amend' | 'recommend' | 'approve' | 'decline' | 'withdraw';

export const DECISION_RULES = ['secretariat', 'steering-majority'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];

export interface DecisionSettings {
  rule: DecisionRule;
  /** Days the Steering Committee has to respond once an application is recommended. */
  days: number;
}

export const DEFAULT_DECISION: DecisionSettings = { rule: 'steering-majority', days: 14 };

interface Transition {
  from: readonly Status[];
  to: Status;
  by: Actor;
  /** A note is required (the request, the reason). */
  note?: boolean;
}

export const TRANSITIONS: Record<Action, Transition> = {
  submit: { from: ['draft'], to: 'submitted', by: 'applicant' },
  screen: { from: ['submitted'], to: 'screening', by: 'secretariat' },
  'request-info': { from: ['submitted', 'screening'], to: 'info_requested', by: 'secretariat', note: true },
  amend: { from: ['info_requested'], to: 'screening', by: 'applicant' },
  recommend: { from: ['submitted', 'screening'], to: 'recommended', by: 'secretariat' },
  approve: { from: ['screening', 'recommended'], to: 'approved', by: 'secretariat' },
  decline: { from: ['submitted', 'screening', 'recommended'], to: 'declined', by: 'secretariat', note: true },
  withdraw: { from: OPEN_STATUSES, to: 'withdrawn', by: 'applicant' },
};

export type Vote = (typeof VOTES)[number];
export const VOTES = ['endorse', 'object', 'abstain'] as const;

/**
 * What the Steering Committee's responses say, under the majority rule: `pending` while the
 * response window is open and someone has not answered; then `approve` if endorsements
 * outnumber objections, `decline` if objections outnumber endorsements, `tie` otherwise
 * (abstentions and silence do not count; the Secretariat then decides).
 */
export function steeringOutcome(
  votes: readonly Vote[],
  committeeSize: number,
  recommendedAt: Date,
  now: Date,
  days: number,
): 'pending' | 'approve' | 'decline' | 'tie' {
  const windowOpen = now.getTime() < recommendedAt.getTime() + days * 86_400_000;
  if (windowOpen && votes.length < committeeSize) return 'pending';
  const endorse = votes.filter((v) => v === 'endorse').length;
  const object = votes.filter((v) => v === 'object').length;
  return endorse > object ? 'approve' : object > endorse ? 'decline' : 'tie';
}

export type Refusal = 'not-allowed-from-status' | 'note-required' | 'awaiting-steering' | 'steering-disagrees' | 'needs-recommendation';

/**
 * May `action` happen now? Checks the status, the note, and — for decisions on a recommended
 * application under the majority rule — the Steering Committee's outcome.
 */
export function checkTransition(
  action: Action,
  status: Status,
  opts: { note?: string; settings: DecisionSettings; outcome?: ReturnType<typeof steeringOutcome> },
): { ok: true; to: Status } | { ok: false; reason: Refusal } {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) return { ok: false, reason: 'not-allowed-from-status' };
  if (t.note && !opts.note?.trim()) return { ok: false, reason: 'note-required' };
  if (opts.settings.rule === 'steering-majority' && (action === 'approve' || action === 'decline')) {
    if (action === 'approve' && status !== 'recommended') return { ok: false, reason: 'needs-recommendation' };
    if (status === 'recommended') {
      const outcome = opts.outcome ?? 'pending';
      if (outcome === 'pending') return { ok: false, reason: 'awaiting-steering' };
      if ((action === 'approve' && outcome === 'decline') || (action === 'decline' && outcome === 'approve')) return { ok: false, reason: 'steering-disagrees' };
    }
  }
  return { ok: true, to: t.to };
}

/** The actions open to an actor on an application in this status (for showing buttons). */
export function actionsFor(by: Actor, status: Status): Action[] {
  return (Object.entries(TRANSITIONS) as [Action, Transition][]).filter(([, t]) => t.by === by && t.from.includes(status)).map(([a]) => a);
}
