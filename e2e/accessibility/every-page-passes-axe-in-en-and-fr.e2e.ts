import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARES, checkEveryPage, checkStates, startAxeRun, type AxeRun } from './pages.js';

/** Every page of the route table, and the states it does not reach, in English and French (the other languages: the sibling file, run beside this one). */
let run: AxeRun;
beforeAll(async () => {
  run = await startAxeRun();
}, 120_000);
afterAll(() => run.close());

for (const locale of ['en', 'fr'] as const) {
  describe(`axe, ${locale}`, () => {
    for (let share = 0; share < SHARES; share++) {
      it(`every page (share ${share + 1} of ${SHARES}): status 200, no violation`, { timeout: 180_000 }, async () => {
        expect(await checkEveryPage(run, () => locale, share)).toEqual([]);
      });
    }
    it('forms shown again with errors, error pages, a closed registration, a sent issue', { timeout: 120_000 }, async () => {
      expect(await checkStates(run, locale)).toEqual([]);
    });
  });
}
