/** Every table of Bridges, for Drizzle and drizzle-kit. Each table lives in one schema.ts; this file only gathers them. */
export * from '../platform/auth/schema.js';
export * from '../platform/mail/schema.js';
export * from '../platform/jobs/schema.js';
export * from '../platform/audit/schema.js';
export * from '../platform/settings/schema.js';
export * from '../platform/forms/schema.js';
export * from '../platform/links/schema.js';
export * from '../modules/workinggroups/schema.js';
export * from '../modules/meetings/schema.js';
export * from '../modules/communications/schema.js';
export * from '../modules/membership/schema.js';
export * from '../platform/cache/schema.js';
export * from '../platform/files/schema.js';
export * from '../modules/consultations/schema.js';
export * from '../modules/site/schema.js';
export * from '../platform/translations/schema.js';
export * from '../modules/surveys/schema.js';
