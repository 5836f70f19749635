import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE, SHARES, checkEveryPage, checkStates, otherLanguage, startAxeRun, type AxeRun } from './pages.js';

/**
 * Every page of the route table in Arabic (right to left); the pages whose turn it is in Chinese or Russian (each
 * page is checked in one of the other four languages, the sibling file takes the other two); the
 * states the route table does not reach, in all three languages. All on a phone's screen, 390 px wide (where tables scroll sideways and menus fold); the
 * sibling file checks the other screen size.
 */
let run: AxeRun;
beforeAll(async () => {
  run = await startAxeRun(PHONE);
}, 120_000);
afterAll(() => run.close());

describe('axe, ar', () => {
  for (let share = 0; share < SHARES; share++) {
    it(`every page (share ${share + 1} of ${SHARES}): status 200, no violation`, { timeout: 180_000 }, async () => {
      expect(await checkEveryPage(run, () => 'ar', share)).toEqual([]);
    });
  }
});

describe('axe, zh and ru', () => {
  it('the pages whose turn it is in zh or ru: status 200, no violation', { timeout: 180_000 }, async () => {
    expect(await checkEveryPage(run, (i) => (['zh', 'ru'].includes(otherLanguage(i)) ? otherLanguage(i) : null))).toEqual([]);
  });
});

for (const locale of ['ar', 'zh', 'ru'] as const) {
  it(`${locale}: forms shown again with errors, error pages, a closed registration, a sent issue`, { timeout: 120_000 }, async () => {
    expect(await checkStates(run, locale)).toEqual([]);
  });
}
