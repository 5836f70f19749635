import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.js';
import { secondInstance, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { INCOME_GROUPS, UNESCO_REGIONS } from '../../platform/geo/countries.js';
import { STAKEHOLDER_GROUPS } from '../consultations/service.js';
import { surveyResponses, type Question } from './schema.js';
import { addResponses, addSurvey, question, random } from './factories.js';
import { resultCounts, type Tally } from './results.js';

/**
 * The counts behind a survey's results are kept between requests by each instance of the app, and
 * brought up to date from the database at every request: a response stored by any instance is in
 * the next page of every other, and what is kept is always exactly what counting every response
 * afresh gives.
 */
const DAY = 86_400_000;
const c = (key: string) => ({ key, label: { en: `Option ${key}` } });
const q = (p: Partial<Question> & Pick<Question, 'key' | 'type'>): Question => question({ page: 1, text: { en: `Question ${p.key}` }, ...p });

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
}, 120_000);
afterAll(() => t.close());

describe('results on two instances of the app', () => {
  it('show a response sent to one instance on the other at once', async () => {
    const at = '/en/surveys/two-instances';
    const s = (await addSurvey(t.db, {
      slug: 'two-instances',
      title: { en: 'Two instances' },
      questions: [q({ key: 'role', type: 'single', required: true, choices: [c('teacher'), c('researcher')] }), q({ key: 'areas', type: 'multiple', choices: [c('reading'), c('maths')] })],
      locales: ['en'],
      opensAt: new Date(Date.now() - DAY),
      closesAt: new Date(Date.now() + 10 * DAY),
    }))!;
    await addResponses(t.db, s, Array.from({ length: 12 }, () => ({ stakeholder: 'teacher', country: 'KE', answers: { role: 'teacher', areas: ['reading'] } })));
    // On PostgreSQL with connections of its own; on the embedded database (one process by design) the same one.
    const other = await secondInstance(t);
    try {
      const sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
      const results = () => t.app.inject({ url: `${at}/results?by=region`, headers: { cookie: sec } });
      expect((await results()).body).toContain('Responses: 12');
      // A member answers on the other instance.
      const b = { ...t, app: other.app };
      let cookie = await signedIn(t, { email: 'ama@school.example', roles: ['member'] });
      cookie = (await submitForm(b, { page: `${at}/about`, action: `${at}/about`, fields: { stakeholder: 'teacher', country: 'KE' }, cookie })).cookie;
      await submitForm(b, { page: `${at}/page/1`, action: `${at}/page/1`, fields: { role: 'teacher', areas: ['reading'], go: 'next' }, cookie });
      expect((await submitForm(b, { page: `${at}/review`, action: `${at}/submit`, fields: {}, cookie })).headers.location).toBe(`${at}?notice=sent`);
      const after = (await results()).body;
      expect(after).toContain('Responses: 13');
      expect(after).not.toContain('Responses: 12');
      // A second one, on this instance this time, and both pages count it.
      cookie = await signedIn(t, { email: 'leo@school.example', roles: ['member'] });
      cookie = (await submitForm(t, { page: `${at}/about`, action: `${at}/about`, fields: { stakeholder: 'researcher', country: 'FR' }, cookie })).cookie;
      await submitForm(t, { page: `${at}/page/1`, action: `${at}/page/1`, fields: { role: 'researcher', go: 'next' }, cookie });
      await submitForm(t, { page: `${at}/review`, action: `${at}/submit`, fields: {}, cookie });
      expect((await results()).body).toContain('Responses: 14');
      expect((await other.app.inject({ url: `${at}/results`, headers: { cookie: sec } })).body).toContain('Responses: 14');
    } finally {
      await other.close();
    }
  });
});

describe('the counts an instance keeps', () => {
  const QUESTIONS: Question[] = [
    q({ key: 'role', type: 'single', required: true, choices: [c('teacher'), c('researcher'), c('ministry')], other: true }),
    q({ key: 'areas', type: 'multiple', choices: [c('reading'), c('maths'), c('science'), c('arts')], other: true }),
    q({ key: 'use', type: 'rating', required: true, min: 1, max: 5 }),
    q({ key: 'grid', type: 'matrix', rows: [c('news'), c('meeting')], choices: [c('yes'), c('no')] }),
    q({ key: 'order', type: 'ranking', choices: [c('a'), c('b'), c('c')] }),
    q({ key: 'hours', type: 'number' }),
    q({ key: 'note', type: 'long-text' }),
  ];
  const rnd = random(17);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const response = () => {
    const answers: Record<string, unknown> = { role: pick(['teacher', 'teacher', 'researcher', 'ministry', 'other']), use: pick([1, 2, 3, 3, 4, 5]) };
    if (answers.role === 'other') answers['role:other'] = 'A school inspector';
    if (rnd() < 0.8) answers.areas = ['reading', 'maths', 'science', 'arts'].filter(() => rnd() < 0.4);
    for (const row of ['news', 'meeting']) if (rnd() < 0.7) answers[`grid:${row}`] = pick(['yes', 'no', 'yes']);
    if (rnd() < 0.6) answers.order = ['a', 'b', 'c'].sort(() => rnd() - 0.5);
    if (rnd() < 0.7) answers.hours = pick([0.5, 1, 2, 2.5, 4, 7.25, 12]);
    if (rnd() < 0.3) answers.note = 'Phonics first.';
    return { surveyId: '', submittedOn: '2027-01-04', locale: 'en', stakeholder: rnd() < 0.1 ? null : pick(STAKEHOLDER_GROUPS.slice(0, 4)), region: rnd() < 0.1 ? null : pick(UNESCO_REGIONS), incomeGroup: rnd() < 0.1 ? null : pick(INCOME_GROUPS), answers: answers as never };
  };
  /** A tally without the name of its state (each instance names its own). */
  const state = (x: Tally) => ({ ids: x.ids, n: x.n, raw: x.raw, numberAnswers: x.numberAnswers, published: x.published });

  let other: Database;
  beforeAll(async () => {
    other = t.database.url ? await openDatabase({ databaseUrl: t.database.url }) : t.database;
  });
  afterAll(async () => {
    if (other !== t.database) await other.close();
  });

  it('are, after each new response stored by either instance, exactly what counting every response afresh gives — and what the database counts', async () => {
    const s = (await addSurvey(t.db, { slug: 'kept-counts', title: { en: 'Kept counts' }, questions: QUESTIONS, opensAt: new Date(Date.now() - 20 * DAY), closesAt: new Date(Date.now() - DAY) }))!;
    // Two instances, each with its own memory.
    const a = resultCounts();
    const b = resultCounts();
    let total = 0;
    for (const [i, step] of [3, 1, 1, 2, 1, 60, 1, 1, 150, 1].entries()) {
      // Stored through one instance's connections or the other's.
      await (i % 2 ? other.db : t.db).insert(surveyResponses).values(Array.from({ length: step }, () => ({ ...response(), surveyId: s.id })));
      total += step;
      const [x, y, fresh] = [await a(t.db, s), await b(other.db, s), await resultCounts()(t.db, s)];
      expect(x.n).toBe(total);
      expect(state(x)).toEqual(state(fresh));
      expect(state(y)).toEqual(state(fresh));
    }
    // The database's own counts, by grouped queries.
    const raw = (await a(t.db, s)).raw;
    const rows = async <T,>(query: ReturnType<typeof sql>) => ((await t.db.execute(query)) as unknown as { rows: T[] }).rows;
    for (const r of await rows<{ v: string; region: string | null; n: number }>(sql`select answers->>'role' as v, region, count(*)::int as n from ${surveyResponses} where survey_id = ${s.id} group by 1, 2`)) {
      expect(raw.chosen.get(`role|${r.v}|region|${r.region ?? 'unknown'}`)).toBe(r.n);
    }
    for (const r of await rows<{ v: string; n: number }>(sql`select v, count(*)::int as n from ${surveyResponses}, jsonb_array_elements_text(answers->'areas') v where survey_id = ${s.id} group by 1`)) {
      expect(raw.chosen.get(`areas|${r.v}|*`)).toBe(r.n);
    }
    for (const r of await rows<{ v: string; n: number }>(sql`select answers->'order'->>0 as v, count(*)::int as n from ${surveyResponses} where survey_id = ${s.id} and answers ? 'order' group by 1`)) {
      expect(raw.chosen.get(`order|${r.v}|*`)).toBe(r.n);
    }
    const [numbers] = await rows<{ n: number; mean: number; median: number }>(
      sql`select count(*)::int as n, avg((answers->>'hours')::numeric)::float8 as mean, percentile_cont(0.5) within group (order by (answers->>'hours')::numeric)::float8 as median from ${surveyResponses} where survey_id = ${s.id} and answers ? 'hours'`,
    );
    expect(raw.numbers.get('hours')).toMatchObject({ n: numbers!.n, median: numbers!.median });
    expect(raw.numbers.get('hours')!.mean).toBeCloseTo(numbers!.mean, 9);
    expect(raw.sizes.get('*')).toBe(total);
  });

  it('are counted again when a response they counted is gone', async () => {
    const s = (await addSurvey(t.db, { slug: 'kept-counts-removed', title: { en: 'Removed' }, questions: QUESTIONS, opensAt: new Date(Date.now() - 20 * DAY), closesAt: new Date(Date.now() - DAY) }))!;
    await t.db.insert(surveyResponses).values(Array.from({ length: 30 }, () => ({ ...response(), surveyId: s.id })));
    const a = resultCounts();
    expect((await a(t.db, s)).n).toBe(30);
    const [gone] = await t.db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.surveyId, s.id)).limit(1);
    await other.db.delete(surveyResponses).where(eq(surveyResponses.id, gone!.id));
    let after = await a(t.db, s);
    expect(after.n).toBe(29);
    expect(after.ids.flat()).not.toContain(gone!.id);
    expect(state(after)).toEqual(state(await resultCounts()(t.db, s)));
    // One gone and one more, in another bucket: as many responses as before, other counts.
    const [next] = await t.db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.surveyId, s.id)).limit(1);
    let id = randomUUID();
    while (id.slice(-2) === next!.id.slice(-2)) id = randomUUID();
    await other.db.delete(surveyResponses).where(eq(surveyResponses.id, next!.id));
    await other.db.insert(surveyResponses).values({ ...response(), id, surveyId: s.id });
    after = await a(t.db, s);
    expect(after.n).toBe(29);
    expect(after.ids.flat()).toContain(id);
    expect(state(after)).toEqual(state(await resultCounts()(t.db, s)));
  });
});
