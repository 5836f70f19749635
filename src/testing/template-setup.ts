import { ensureTemplate } from '../db/template.js';

/**
 * The embedded database's template (src/db/template.ts), made before the tests that open PGlite
 * when the build has not made it yet: each in-memory database then loads in about a second
 * instead of running initdb for five.
 */
export default async function setup() {
  await ensureTemplate();
}
