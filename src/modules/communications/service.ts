/**
 * The communications module's door: the verbs its routes call and what other modules may use
 * (a module reaches another only through its service.ts). Consent and the constants of the
 * newsletter: consent.ts; subscribers: subscribers.ts; issues: newsletter-issues.ts.
 */
export * from './consent.js';
export * from './subscribers.js';
export * from './subscriber-import.js';
export * from './newsletter-issues.js';
export { versionFor } from './newsletter-render.js';
export { subscriptionOfAccount, preferencesTokenOfAccount } from './mine.js';
