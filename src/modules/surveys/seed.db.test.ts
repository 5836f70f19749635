import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp, type TestApp } from '../../testing/app.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import { surveyResponses } from './schema.js';
import { checkQuestions, cycleView, missingTexts, surveyBySlug, surveyResults, surveyState } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({}, { demo: true });
}, 300_000);
afterAll(() => t.close());

describe('the demo’s surveys', () => {
  it('ships the closed survey on common thematic areas, complete in six languages, with a few hundred answers across groups, some from a meeting', async () => {
    const s = (await surveyBySlug(t.db, 'common-thematic-areas'))!;
    expect(surveyState(s, new Date())).toBe('closed');
    expect(missingTexts(s, [...LOCALES])).toEqual([]);
    expect(checkQuestions(s.questions)).toEqual([]);
    const rows = await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(new Set(rows.map((r) => r.stakeholder)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(rows.map((r) => r.region)).size).toBe(5);
    expect(new Set(rows.map((r) => r.incomeGroup)).size).toBe(4);
    expect(rows.filter((r) => r.source === 'event').length).toBeGreaterThan(0);
    // Its results are public, broken down by region with every region shown.
    const results = await surveyResults(t.db, null, s, 'region', new Date());
    expect(results.groups).toEqual(['africa', 'arab-states', 'asia-pacific', 'europe-north-america', 'latin-america-caribbean']);
    expect(results.total).toEqual({ kind: 'value', value: rows.length });
  });

  it('ships an open survey for members to try, complete in six languages', async () => {
    const s = (await surveyBySlug(t.db, 'newsletter-readers'))!;
    expect(surveyState(s, new Date())).toBe('open');
    expect(missingTexts(s, [...LOCALES])).toEqual([]);
    expect(checkQuestions(s.questions)).toEqual([]);
  });
});

describe('the demo’s priority themes', () => {
  it('ships last year’s decided cycle, every ballot within its rules, and this year’s vote open', async () => {
    const past = (await cycleView(t.db, null, 'priorities-2026', new Date()))!;
    expect(past.stage).toBe('decided');
    expect(past.tally!.invalid).toBe(0);
    expect(past.tally!.counted).toBe(140);
    expect(past.candidates.filter((c) => c.adopted).length).toBe(2);
    const next = (await cycleView(t.db, null, 'priorities-2027', new Date()))!;
    expect(next.stage).toBe('voting');
    expect(next.tally).toBeNull();
    expect(next.others.map((o) => o.state).sort()).toEqual(['merged', 'merged', 'set-aside']);
  });
});
