/**
 * The membership module's verbs, for its routes and for other modules (a module talks to
 * another only through this file). Applications: applications.ts; members: members.ts.
 */
export * from './applications.js';
export * from './members.js';
export { STATUSES, VOTES, DECISION_RULES, actionsFor, type Status, type Vote, type Action, type DecisionSettings } from './status.js';
declare module '../../platform/panels.js' {
  interface PanelSlots {
    /** A member's own page ("My membership"), after their directory entry and profile: what other modules hold for the person signed in (registrations, newsletter). */
    'membership.mine': { memberId: string };
  }
}

export { KINDS, ORG_TYPES, INDIVIDUAL_ROLES, TOR_AREAS, WORK_LANGUAGES, PUBLIC_FIELDS, stepsFor, type Kind, type StepName, type ApplicationData } from './fields.js';
