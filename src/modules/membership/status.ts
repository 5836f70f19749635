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
  const windowOpen = now.getTime() < committeeDeadline(recommendedAt, days).getTime();
  if (windowOpen && votes.length < committeeSize) return 'pending';
  const endorse = votes.filter((v) => v === 'endorse').length;
  const object = votes.filter((v) => v === 'object').length;
  return endorse > object ? 'approve' : object > endorse ? 'decline' : 'tie';
}

/** When the Steering Committee's time to respond to a recommended application ends. */
export function committeeDeadline(recommendedAt: Date, days: number): Date {
  return new Date(recommendedAt.getTime() + days * 86_400_000);
}

export type Refusal = 'not-allowed-from-status' | 'note-required' | 'awaiting-steering' | 'steering-disagrees' | 'needs-recommendation';

/**
 * Why `action` cannot happen now, leaving aside the note (written with the request), or null if it
 * can: the status, and — for decisions on a recommended application under the majority rule — the
 * Steering Committee's outcome. The one rule behind both the buttons a reviewer is offered
 * (`actionsNow`) and the check of a request (`checkTransition`).
 */
export function refusalFor(
  action: Action,
  status: Status,
  opts: { settings: DecisionSettings; outcome?: ReturnType<typeof steeringOutcome> },
): Exclude<Refusal, 'note-required'> | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) return 'not-allowed-from-status';
  if (opts.settings.rule === 'steering-majority' && (action === 'approve' || action === 'decline')) {
    if (action === 'approve' && status !== 'recommended') return 'needs-recommendation';
    if (status === 'recommended') {
      const outcome = opts.outcome ?? 'pending';
      if (outcome === 'pending') return 'awaiting-steering';
      if ((action === 'approve' && outcome === 'decline') || (action === 'decline' && outcome === 'approve')) return 'steering-disagrees';
    }
  }
  return null;
}

/** May `action` happen now? `refusalFor`, then the note the action requires. */
export function checkTransition(
  action: Action,
  status: Status,
  opts: { note?: string; settings: DecisionSettings; outcome?: ReturnType<typeof steeringOutcome> },
): { ok: true; to: Status } | { ok: false; reason: Refusal } {
  const refusal = refusalFor(action, status, opts);
  if (refusal) return { ok: false, reason: refusal };
  if (TRANSITIONS[action].note && !opts.note?.trim()) return { ok: false, reason: 'note-required' };
  return { ok: true, to: TRANSITIONS[action].to };
}

/** The actions open to an actor on an application in this status (whatever the decision rule says). */
export function actionsFor(by: Actor, status: Status): Action[] {
  return (Object.entries(TRANSITIONS) as [Action, Transition][]).filter(([, t]) => t.by === by && t.from.includes(status)).map(([a]) => a);
}

/**
 * The actions an actor can take now (the buttons to show), and those the status allows but the
 * decision rule holds back for the moment, with why.
 */
export function actionsNow(
  by: Actor,
  status: Status,
  opts: { settings: DecisionSettings; outcome?: ReturnType<typeof steeringOutcome> },
): { open: Action[]; held: { action: Action; reason: Refusal }[] } {
  const open: Action[] = [];
  const held: { action: Action; reason: Refusal }[] = [];
  for (const action of actionsFor(by, status)) {
    const reason = refusalFor(action, status, opts);
    if (reason) held.push({ action, reason });
    else open.push(action);
  }
  return { open, held };
}

/**
 * Where an application stands for its applicant, and so what happens next: finish it, confirm the
 * address (it was sent and waits for that), the Secretariat screens it, more information is asked,
 * the Steering Committee has it, or it is decided.
 */
export const STAGES = ['complete', 'confirm-email', 'screening', 'more-information', 'steering', 'approved', 'declined', 'withdrawn'] as const;
export type Stage = (typeof STAGES)[number];

export function applicantStage(app: { status: string; emailConfirmedAt: Date | null; submitRequestedAt: Date | null }): Stage {
  switch (app.status as Status) {
    case 'draft':
      return app.submitRequestedAt && !app.emailConfirmedAt ? 'confirm-email' : 'complete';
    case 'submitted':
    case 'screening':
      return 'screening';
    case 'info_requested':
      return 'more-information';
    case 'recommended':
      return 'steering';
    case 'approved':
    case 'declined':
    case 'withdrawn':
      return app.status as Stage;
  }
  return 'complete';
}
