import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/policy.js';
import { EVERYONE, NOBODY, SECRETARIAT, policyTable, type Row } from '../../testing/policy.js';
import { inAudience, priorityPolicy, surveyPolicy, type CycleRef, type SurveyRef } from './policy.js';

const NOW = new Date('2026-12-05T12:00:00Z');
const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
const OPEN: SurveyRef = { audience: 'members', audienceRef: null, opensAt: at(-1), closesAt: at(10), resultsPublic: true };
const CLOSED: SurveyRef = { ...OPEN, opensAt: at(-20), closesAt: at(-1) };
const MEMBERS: Row = { ...NOBODY, member: true, steering: true };

/** Surveys: the Secretariat runs them; members answer an open members' survey; results are public once it is closed (the table asks of an open one). */
policyTable(
  'surveys policy',
  surveyPolicy,
  { administer: SECRETARIAT, answer: MEMBERS, seeResults: SECRETARIAT, readTexts: SECRETARIAT, translateQuestions: SECRETARIAT },
  { answer: [OPEN, NOW, false], seeResults: [OPEN, NOW, false], translateQuestions: [{ ...OPEN, opensAt: null }] },
);

describe('surveys: when and for whom', () => {
  const member: Actor = { id: 'm', email: 'm@example.org', name: 'M', locale: null, roles: [{ role: 'member', scope: '' }] };
  const chairOfG1: Actor = { ...member, roles: [{ role: 'wg_chair', scope: 'g1' }] };
  it('takes answers only between opening and closing, and never from a draft', () => {
    expect(surveyPolicy.answer(member, OPEN, NOW, false)).toBe(true);
    expect(surveyPolicy.answer(member, CLOSED, NOW, false)).toBe(false);
    expect(surveyPolicy.answer(member, { ...OPEN, opensAt: at(1) }, NOW, false)).toBe(false);
    expect(surveyPolicy.answer(member, { ...OPEN, opensAt: null }, NOW, false)).toBe(false);
  });
  it('lets the Secretariat translate questions while the survey is a draft, and not once it has opened (or is scheduled to)', () => {
    const secretariat: Actor = { ...member, roles: [{ role: 'secretariat', scope: '' }] };
    expect(surveyPolicy.translateQuestions(secretariat, { opensAt: null })).toBe(true);
    expect(surveyPolicy.translateQuestions(secretariat, OPEN)).toBe(false);
    expect(surveyPolicy.translateQuestions(secretariat, { opensAt: at(5) })).toBe(false);
    expect(surveyPolicy.translateQuestions(secretariat, CLOSED)).toBe(false);
  });
  it('shows results to everyone once closed, or to the audience only when they are kept', () => {
    expect(surveyPolicy.seeResults(null, CLOSED, NOW, false)).toBe(true);
    expect(surveyPolicy.seeResults(null, { ...CLOSED, resultsPublic: false }, NOW, false)).toBe(false);
    expect(surveyPolicy.seeResults(member, { ...CLOSED, resultsPublic: false }, NOW, false)).toBe(true);
  });
  it('reaches a working group’s people, or a meeting’s confirmed participants, and no one else', () => {
    expect(inAudience(chairOfG1, { audience: 'group', audienceRef: 'g1' }, false)).toBe(true);
    expect(inAudience(chairOfG1, { audience: 'group', audienceRef: 'g2' }, false)).toBe(false);
    expect(inAudience(member, { audience: 'group', audienceRef: 'g1' }, false)).toBe(false);
    expect(inAudience(member, { audience: 'participants', audienceRef: 'm1' }, true)).toBe(true);
    expect(inAudience(member, { audience: 'participants', audienceRef: 'm1' }, false)).toBe(false);
    expect(inAudience(null, { audience: 'public', audienceRef: null }, false)).toBe(false);
  });
});

const VOTING: CycleRef = { proposalsOpenAt: at(-30), proposalsCloseAt: at(-10), votingOpensAt: at(-5), votingClosesAt: at(5), decidedAt: null };
const PROPOSING: CycleRef = { ...VOTING, proposalsCloseAt: at(2), votingOpensAt: at(3), votingClosesAt: at(10) };

/** Priorities, asked during the vote (propose: during the call): nobody sees a running total, not even the Secretariat. */
policyTable(
  'priorities policy',
  priorityPolicy,
  { curate: SECRETARIAT, propose: MEMBERS, vote: MEMBERS, seeTally: NOBODY, prepareDecision: { ...NOBODY, steering: true, secretariat: true }, decide: NOBODY },
  { propose: [PROPOSING, NOW], vote: [VOTING, NOW], seeTally: [VOTING, NOW], decide: [VOTING, NOW] },
);

describe('priorities: after the vote', () => {
  const CLOSED_VOTE: CycleRef = { ...VOTING, votingClosesAt: at(-1) };
  const steering: Actor = { id: 's', email: 's@example.org', name: 'S', locale: null, roles: [{ role: 'steering', scope: '' }] };
  it('shows the tally to everyone once the vote has closed', () => {
    expect(Object.values({ ...EVERYONE }).length).toBe(5);
    expect(priorityPolicy.seeTally(null, CLOSED_VOTE, NOW)).toBe(true);
  });
  it('lets the Steering Committee decide once, after the vote', () => {
    expect(priorityPolicy.decide(steering, CLOSED_VOTE, NOW)).toBe(true);
    expect(priorityPolicy.decide(steering, { ...CLOSED_VOTE, decidedAt: at(-1) }, NOW)).toBe(false);
    expect(priorityPolicy.vote(steering, CLOSED_VOTE, NOW)).toBe(false);
  });
});
