import { hasRole, type MaybeActor } from '../../platform/policy.js';
import type { SurveyAudience } from './schema.js';

const secretariat = (a: MaybeActor) => hasRole(a, 'secretariat');
const steering = (a: MaybeActor) => hasRole(a, 'steering');
/** A member of the Alliance, for votes on priorities: members and the Steering Committee. */
const member = (a: MaybeActor) => hasRole(a, 'member') || steering(a);

/** What the rules need to know of a survey. */
export interface SurveyRef {
  audience: SurveyAudience;
  audienceRef: string | null;
  opensAt: Date | null;
  closesAt: Date | null;
  resultsPublic: boolean;
}

/** Taking answers at `now`: opened (opensAt set and passed), and not yet closed. */
export const isOpen = (s: Pick<SurveyRef, 'opensAt' | 'closesAt'>, now: Date) => !!s.opensAt && s.opensAt <= now && (!s.closesAt || now < s.closesAt);
/** Closed: opened once and its closing time has passed. */
export const isClosed = (s: Pick<SurveyRef, 'opensAt' | 'closesAt'>, now: Date) => !!s.opensAt && !!s.closesAt && s.closesAt <= now && s.opensAt <= s.closesAt;

/**
 * Whether this person is in the survey's audience. `participant` says whether they are a confirmed
 * participant of the survey's meeting (audience "participants"), read by the service.
 */
export function inAudience(a: MaybeActor, s: Pick<SurveyRef, 'audience' | 'audienceRef'>, participant: boolean): boolean {
  if (!a) return false;
  switch (s.audience) {
    case 'public':
      return true;
    case 'members':
      return member(a);
    case 'group':
      return !!s.audienceRef && (hasRole(a, 'wg_member', s.audienceRef) || hasRole(a, 'wg_chair', s.audienceRef));
    case 'participants':
      return participant;
  }
}

/**
 * Who may do what with surveys. The Secretariat writes, opens, closes and invites; enters answers
 * collected on paper or at a meeting; reads every result, text answers included, at any time. A
 * person in the audience answers while the survey is open. Results (counts, never text answers) are
 * public once the survey closes — or, when the Secretariat keeps them for the audience, shown to
 * the audience only.
 */
export const surveyPolicy = {
  /** Create, edit, open, close, invite, remind; see who has been invited; enter paper answers; download results at any time. */
  administer: secretariat,
  /** Answer: signed in, in the audience, while it is open. */
  answer: (a: MaybeActor, s: SurveyRef, now: Date, participant: boolean) => inAudience(a, s, participant) && isOpen(s, now),
  /** See the results (counts, charts, breakdowns, downloads): the Secretariat at any time; after closing, everyone or the audience. */
  seeResults: (a: MaybeActor, s: SurveyRef, now: Date, participant: boolean) => secretariat(a) || (isClosed(s, now) && (s.resultsPublic || inAudience(a, s, participant))),
  /** Read what people wrote in text boxes: the Secretariat only (a sentence can say who wrote it). */
  readTexts: secretariat,
  /** Translate its questions (text, help, options, grid rows) on the translation screen: the Secretariat, while it is a draft — once it opens, its questions are fixed in every language, as on the question form. */
  translateQuestions: (a: MaybeActor, s: Pick<SurveyRef, 'opensAt'>) => secretariat(a) && !s.opensAt,
};
export type SurveyAction = keyof typeof surveyPolicy;

/** What the rules need to know of a priority-setting cycle. */
export interface CycleRef {
  proposalsOpenAt: Date;
  proposalsCloseAt: Date;
  votingOpensAt: Date;
  votingClosesAt: Date;
  decidedAt: Date | null;
}

const within = (from: Date, to: Date, now: Date) => from <= now && now < to;

/**
 * Who may do what in setting priorities. Members propose themes during the call and vote during the
 * vote; the Secretariat merges duplicates and sets proposals aside; nobody — the Secretariat
 * included — sees a running total before the vote closes; the Steering Committee (or the
 * Secretariat on its behalf) records the decision, which is then public.
 */
export const priorityPolicy = {
  /** Set up a cycle and change its dates and texts; merge duplicates; set a proposal aside. */
  curate: secretariat,
  /** Propose a candidate theme: a member, while the call is open. */
  propose: (a: MaybeActor, c: CycleRef, now: Date) => member(a) && within(c.proposalsOpenAt, c.proposalsCloseAt, now),
  /** Vote: a member, while the vote is open. */
  vote: (a: MaybeActor, c: CycleRef, now: Date) => member(a) && within(c.votingOpensAt, c.votingClosesAt, now),
  /** See the tally: only once the vote has closed (running totals are hidden from everyone, so no one can steer the vote by them). */
  seeTally: (_a: MaybeActor, c: CycleRef, now: Date) => c.votingClosesAt <= now,
  /** Open the decision page of a cycle (it says when the decision can be recorded): the Steering Committee and the Secretariat. */
  prepareDecision: (a: MaybeActor) => steering(a) || secretariat(a),
  /** Record the decision on each theme, with its reasons: the Steering Committee, or the Secretariat for it, once the vote has closed and before it is published. */
  decide: (a: MaybeActor, c: CycleRef, now: Date) => (steering(a) || secretariat(a)) && c.votingClosesAt <= now && !c.decidedAt,
};
export type PriorityAction = keyof typeof priorityPolicy;
