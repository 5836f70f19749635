import type { TestProject } from 'vitest/node';
import { ensureTemplate } from '../db/template.js';
import { removeDemoArchive } from './demo.js';

/**
 * The embedded database's template (src/db/template.ts), made before the tests that open PGlite
 * when the build has not made it yet: each in-memory database then loads in about a second
 * instead of running initdb for five. Also names the run, for the demo seeded once per run
 * (src/testing/demo.ts), whose archive is removed at the end.
 */
export default async function setup(project: TestProject) {
  await ensureTemplate();
  const run = `run${process.pid}`;
  project.provide('demoRun', run);
  return () => removeDemoArchive(run);
}

declare module 'vitest' {
  export interface ProvidedContext {
    demoRun: string;
  }
}
