import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, SHARES, checkEveryPage, checkStates, otherLanguage, startAxeRun, type AxeRun } from './pages.js';

/**
 * Every page of the route table in English (left to right); the pages whose turn it is in French or Spanish (each
 * page is checked in one of the other four languages, the sibling file takes the other two); the
 * states the route table does not reach, in all three languages. All on a desktop's screen, 1280 px wide; the
 * sibling file checks the other screen size.
 */
let run: AxeRun;
beforeAll(async () => {
  run = await startAxeRun(DESKTOP);
}, 120_000);
afterAll(() => run.close());

describe('axe, en', () => {
  for (let share = 0; share < SHARES; share++) {
    it(`every page (share ${share + 1} of ${SHARES}): status 200, no violation`, { timeout: 180_000 }, async () => {
      expect(await checkEveryPage(run, () => 'en', share)).toEqual([]);
    });
  }
});

describe('axe, fr and es', () => {
  it('the pages whose turn it is in fr or es: status 200, no violation', { timeout: 180_000 }, async () => {
    expect(await checkEveryPage(run, (i) => (['fr', 'es'].includes(otherLanguage(i)) ? otherLanguage(i) : null))).toEqual([]);
  });
});

for (const locale of ['en', 'fr', 'es'] as const) {
  it(`${locale}: forms shown again with errors, error pages, a closed registration, a sent issue`, { timeout: 120_000 }, async () => {
    expect(await checkStates(run, locale)).toEqual([]);
  });
}
