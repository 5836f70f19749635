import { describe, expect, it } from 'vitest';
import { STATUSES, TRANSITIONS, actionsFor, actionsNow, applicantStage, checkTransition, steeringOutcome, type Action, type Status, type Vote } from './status.js';

const secretariatAlone = { rule: 'secretariat' as const, days: 14 };
const majority = { rule: 'steering-majority' as const, days: 14 };

describe('application status machine', () => {
  /** Every (action, status) pair: allowed exactly where the table says, refused elsewhere. */
  const allowed: Record<Action, Status[]> = {
    submit: ['draft'],
    screen: ['submitted'],
    'request-info': ['submitted', 'screening'],
    amend: ['info_requested'],
    recommend: ['submitted', 'screening'],
    approve: ['screening', 'recommended'],
    decline: ['submitted', 'screening', 'recommended'],
    withdraw: ['draft', 'submitted', 'screening', 'info_requested', 'recommended'],
  };
  for (const [action, from] of Object.entries(allowed) as [Action, Status[]][]) {
    for (const status of STATUSES) {
      const ok = from.includes(status);
      it(`${action} from ${status} is ${ok ? 'allowed' : 'refused'} (Secretariat-alone rule)`, () => {
        const r = checkTransition(action, status, { note: 'because', settings: secretariatAlone });
        expect(r.ok).toBe(ok);
        if (ok && r.ok) expect(r.to).toBe(TRANSITIONS[action].to);
        if (!ok && !r.ok) expect(r.reason).toBe('not-allowed-from-status');
      });
    }
  }

  it('nothing leaves a final status', () => {
    for (const status of ['approved', 'declined', 'withdrawn'] as Status[]) {
      expect(actionsFor('secretariat', status)).toEqual([]);
      expect(actionsFor('applicant', status)).toEqual([]);
    }
  });

  it('requires a note to request information or to decline', () => {
    expect(checkTransition('request-info', 'screening', { note: '  ', settings: secretariatAlone })).toEqual({ ok: false, reason: 'note-required' });
    expect(checkTransition('decline', 'screening', { settings: secretariatAlone })).toEqual({ ok: false, reason: 'note-required' });
    expect(checkTransition('approve', 'screening', { settings: secretariatAlone })).toEqual({ ok: true, to: 'approved' });
  });

  it('under the majority rule, approval needs a recommendation and the Committee’s outcome', () => {
    expect(checkTransition('approve', 'screening', { settings: majority })).toEqual({ ok: false, reason: 'needs-recommendation' });
    expect(checkTransition('decline', 'screening', { note: 'not eligible', settings: majority })).toEqual({ ok: true, to: 'declined' });
    expect(checkTransition('approve', 'recommended', { settings: majority, outcome: 'pending' })).toEqual({ ok: false, reason: 'awaiting-steering' });
    expect(checkTransition('approve', 'recommended', { settings: majority, outcome: 'decline' })).toEqual({ ok: false, reason: 'steering-disagrees' });
    expect(checkTransition('decline', 'recommended', { note: 'x', settings: majority, outcome: 'approve' })).toEqual({ ok: false, reason: 'steering-disagrees' });
    expect(checkTransition('approve', 'recommended', { settings: majority, outcome: 'approve' })).toEqual({ ok: true, to: 'approved' });
    expect(checkTransition('approve', 'recommended', { settings: majority, outcome: 'tie' })).toEqual({ ok: true, to: 'approved' });
    expect(checkTransition('decline', 'recommended', { note: 'x', settings: majority, outcome: 'tie' })).toEqual({ ok: true, to: 'declined' });
  });
});

describe('the actions a reviewer is offered', () => {
  it('while the Committee is responding, neither approval nor decline is offered, and the page can say why', () => {
    expect(actionsNow('secretariat', 'recommended', { settings: majority, outcome: 'pending' })).toEqual({
      open: [],
      held: [
        { action: 'approve', reason: 'awaiting-steering' },
        { action: 'decline', reason: 'awaiting-steering' },
      ],
    });
    expect(actionsNow('secretariat', 'recommended', { settings: majority, outcome: 'approve' })).toEqual({ open: ['approve'], held: [{ action: 'decline', reason: 'steering-disagrees' }] });
    expect(actionsNow('secretariat', 'screening', { settings: majority }).open).toEqual(['request-info', 'recommend', 'decline']);
    expect(actionsNow('secretariat', 'screening', { settings: secretariatAlone }).open).toEqual(['request-info', 'recommend', 'approve', 'decline']);
  });

  it('offers exactly what the service then accepts: every status, rule and Committee outcome', () => {
    for (const settings of [majority, secretariatAlone]) {
      for (const status of STATUSES) {
        for (const outcome of [undefined, 'pending', 'approve', 'decline', 'tie'] as const) {
          const { open, held } = actionsNow('secretariat', status, { settings, outcome });
          for (const action of open) expect(checkTransition(action, status, { note: 'because', settings, outcome }).ok, `${action} from ${status}`).toBe(true);
          for (const { action, reason } of held) expect(checkTransition(action, status, { note: 'because', settings, outcome }), `${action} from ${status}`).toEqual({ ok: false, reason });
          expect([...open, ...held.map((h) => h.action)].sort()).toEqual(actionsFor('secretariat', status).sort());
        }
      }
    }
  });
});

describe('what the applicant is told happens next', () => {
  const app = (status: Status, over: { confirmed?: boolean; submitRequested?: boolean } = {}) => ({
    status,
    emailConfirmedAt: over.confirmed ? new Date() : null,
    submitRequestedAt: over.submitRequested ? new Date() : null,
  });
  it('a draft: finish it, or — sent before the address was confirmed — confirm the address', () => {
    expect(applicantStage(app('draft'))).toBe('complete');
    expect(applicantStage(app('draft', { confirmed: true }))).toBe('complete');
    expect(applicantStage(app('draft', { submitRequested: true }))).toBe('confirm-email');
  });
  it('then each stage of the review, and the decision', () => {
    expect(applicantStage(app('submitted', { confirmed: true }))).toBe('screening');
    expect(applicantStage(app('screening', { confirmed: true }))).toBe('screening');
    expect(applicantStage(app('info_requested', { confirmed: true }))).toBe('more-information');
    expect(applicantStage(app('recommended', { confirmed: true }))).toBe('steering');
    for (const s of ['approved', 'declined', 'withdrawn'] as const) expect(applicantStage(app(s, { confirmed: true }))).toBe(s);
  });
});

describe('Steering Committee decision rule', () => {
  const day = 86_400_000;
  const at = new Date('2026-01-01T00:00:00Z');
  const within = new Date(at.getTime() + 3 * day);
  const after = new Date(at.getTime() + 15 * day);
  const outcome = (votes: Vote[], now: Date, size = 3) => steeringOutcome(votes, size, at, now, 14);

  it('waits while the window is open and not everyone has answered', () => {
    expect(outcome([], within)).toBe('pending');
    expect(outcome(['endorse', 'endorse'], within)).toBe('pending');
  });
  it('decides as soon as everyone has answered', () => {
    expect(outcome(['endorse', 'endorse', 'object'], within)).toBe('approve');
    expect(outcome(['object', 'object', 'endorse'], within)).toBe('decline');
  });
  it('counts only the responses received when the window closes', () => {
    expect(outcome(['endorse'], after)).toBe('approve');
    expect(outcome(['object'], after)).toBe('decline');
    expect(outcome([], after)).toBe('tie');
  });
  it('does not count abstentions; a tie leaves the decision to the Secretariat', () => {
    expect(outcome(['endorse', 'object', 'abstain'], within)).toBe('tie');
    expect(outcome(['abstain', 'abstain', 'endorse'], within)).toBe('approve');
  });
  it('the window ends exactly N days after the recommendation', () => {
    expect(steeringOutcome(['endorse'], 3, at, new Date(at.getTime() + 14 * day - 1), 14)).toBe('pending');
    expect(steeringOutcome(['endorse'], 3, at, new Date(at.getTime() + 14 * day), 14)).toBe('approve');
  });
});
