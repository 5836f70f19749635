import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARES, checkEveryPage, checkStates, startAxeRun, type AxeRun } from './pages.js';

/** Every page of the route table in Arabic, and each page in one of Chinese, Russian and Spanish in turn; the states it does not reach in all four. */
let run: AxeRun;
beforeAll(async () => {
  run = await startAxeRun();
}, 120_000);
afterAll(() => run.close());

describe('axe, ar', () => {
  for (let share = 0; share < SHARES; share++) {
    it(`every page (share ${share + 1} of ${SHARES}): status 200, no violation`, { timeout: 180_000 }, async () => {
      expect(await checkEveryPage(run, () => 'ar', share)).toEqual([]);
    });
  }
});

describe('axe, zh, ru and es', () => {
  const others = ['zh', 'ru', 'es'] as const;
  for (let share = 0; share < SHARES; share++) {
    it(`every page in one of the three, in turn (share ${share + 1} of ${SHARES}): status 200, no violation`, { timeout: 180_000 }, async () => {
      expect(await checkEveryPage(run, (i) => others[i % 3]!, share)).toEqual([]);
    });
  }
});

for (const locale of ['ar', 'zh', 'ru', 'es'] as const) {
  it(`${locale}: forms shown again with errors, error pages, a closed registration, a sent issue`, { timeout: 120_000 }, async () => {
    expect(await checkStates(run, locale)).toEqual([]);
  });
}
