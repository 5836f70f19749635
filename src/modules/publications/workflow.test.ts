import { describe, expect, it } from 'vitest';
import { ACTIONS, FINAL_STATES, STATES, actionsFor, checkTransition, closesRound, type Action, type State } from './workflow.js';

/** The whole table, written out: from each state, the steps allowed and where they lead. Anything else is refused. */
const ALLOWED: Record<State, Partial<Record<Action, State>>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { 'desk-check': 'desk_check', decline: 'declined', withdraw: 'withdrawn' },
  desk_check: { 'send-to-review': 'in_review', 'request-revision': 'revision_requested', accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' },
  in_review: { 'request-revision': 'revision_requested', accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' },
  revision_requested: { revise: 'revised', decline: 'declined', withdraw: 'withdrawn' },
  revised: { 'send-to-review': 'in_review', accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' },
  accepted: { copyedit: 'copyediting', decline: 'declined', withdraw: 'withdrawn' },
  copyediting: { publish: 'published', decline: 'declined', withdraw: 'withdrawn' },
  published: {},
  declined: {},
  withdrawn: {},
};

describe('the editorial workflow', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      const to = ALLOWED[state][action];
      it(`${action} from ${state}: ${to ? `leads to ${to}` : 'refused'}`, () => {
        const r = checkTransition(action, state, 'a reason');
        expect(r).toEqual(to ? { ok: true, to } : { ok: false, reason: 'not-allowed-from-state' });
      });
    }
  }

  it('asks for a note with a request for revision and with a decline, not with other steps', () => {
    expect(checkTransition('request-revision', 'in_review', '  ')).toEqual({ ok: false, reason: 'note-required' });
    expect(checkTransition('decline', 'submitted')).toEqual({ ok: false, reason: 'note-required' });
    expect(checkTransition('accept', 'in_review')).toEqual({ ok: true, to: 'accepted' });
  });

  it('offers authors and editors only their own steps, and nothing once an item is published, declined or withdrawn', () => {
    expect(actionsFor('author', 'revision_requested')).toEqual(['revise', 'withdraw']);
    expect(actionsFor('editor', 'in_review')).toEqual(['request-revision', 'accept', 'decline']);
    for (const s of FINAL_STATES) expect([...actionsFor('author', s), ...actionsFor('editor', s)]).toEqual([]);
  });

  it('ends the review round with every decision and with a new round, not with the author’s own revision', () => {
    expect(ACTIONS.filter(closesRound)).toEqual(['send-to-review', 'request-revision', 'accept', 'decline', 'withdraw']);
  });
});
