import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order the suite's files start in. Each project's files run as one group on the workers (one
 * process per worker for the whole group: modules load once), and a group ends only when its last
 * file does. So the longest files go first — the browser tests, whose every-page accessibility
 * passes take minutes each — and the short ones fill the gaps at the end: the longest-first rule,
 * with a file's size standing in for its time (a clean checkout has no timings of earlier runs).
 */
const PROJECTS = ['e2e', 'postgres', 'pglite', 'unit'];
const weight = (spec: TestSpecification) => (spec.moduleId.includes('/accessibility/') ? 1e9 : statSync(spec.moduleId).size);

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (s: TestSpecification) => {
      const i = PROJECTS.indexOf(s.project.name);
      return i < 0 ? PROJECTS.length : i;
    };
    return [...files].sort((a, b) => rank(a) - rank(b) || weight(b) - weight(a));
  }
}
