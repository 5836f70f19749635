/**
 * Survey results at scale. Goals (from the issue): the results page of a survey with 5,000
 * responses p95 ≤ 100 ms server-side (inject, no network), overall and broken down; the export of
 * those 5,000 responses (CSV and XLSX) ≤ 3 s. The survey is the demo's thematic survey (a matrix, a
 * rating, several and single choices, a skip), answered 5,000 times across stakeholder groups,
 * regions and income groups. Runs on PGlite, and on PostgreSQL when BENCH_DATABASE_URL is set.
 */
import { loadConfig } from '../src/config.js';
import { migrate, openDatabase, type Database } from '../src/db/client.js';
import { buildApp } from '../src/server.js';
import { addResponses, addSurvey } from '../src/modules/surveys/factories.js';
import { THEMATIC_QUESTIONS, thematicAnswers } from '../src/modules/surveys/seed.js';
import { clearProcessCaches } from '../src/platform/cache/process.js';
import { withScratchDatabase } from './scratch-database.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const DAY = 86_400_000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const line = (s: number[], goal: number) => `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms — goal p95 ≤ ${goal} ms: ${percentile(s, 95) <= goal ? 'met' : 'MISSED'}`;

async function run(label: string, database: Database) {
  await migrate(database);
  const survey = (await addSurvey(database.db, { slug: 'bench-survey', title: { en: 'Bench survey' }, questions: THEMATIC_QUESTIONS, opensAt: new Date(Date.now() - 60 * DAY), closesAt: new Date(Date.now() - DAY) }))!;
  await addResponses(database.db, survey, thematicAnswers(5000).map((a) => ({ ...a, on: new Date(Date.now() - a.daysAgo * DAY) })));
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, logger: false });
  await app.ready();
  const pages = ['/en/surveys/bench-survey/results', '/fr/surveys/bench-survey/results?by=stakeholder', '/ar/surveys/bench-survey/results?by=region', '/es/surveys/bench-survey/results?by=income'];
  for (const url of pages) await app.inject({ url }); // warm-up (Vega loads on the first chart)
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const url = pages[i % pages.length]!;
    const t0 = performance.now();
    const res = await app.inject({ url, headers: { cookie: 'bridges_session=bench' } });
    times.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
  }
  console.log(`surveys ${label} results of 5,000 responses (overall and by each dimension), counts kept between requests: ${line(times.sort((a, b) => a - b), 100)} (${REQUESTS} requests)`);
  // Cold: a new response arrives before each request, so the counts are brought up to date (the new response read and counted, every table suppressed again) and the charts drawn again.
  const cold: number[] = [];
  const extra = thematicAnswers(40);
  for (let i = 0; i < 40; i++) {
    await addResponses(database.db, survey, [{ ...extra[i]!, source: 'paper' }]);
    const url = pages[i % pages.length]!;
    const t0 = performance.now();
    const res = await app.inject({ url, headers: { cookie: 'bridges_session=bench' } });
    cold.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
  }
  console.log(`surveys ${label} results of 5,000 responses, each request after a new response (counted again): ${line(cold.sort((a, b) => a - b), 100)} (40 requests)`);
  // A new instance, or one that has not shown this survey lately: every response read and counted, every chart drawn from its spec.
  const first: number[] = [];
  for (let i = 0; i < 12; i++) {
    clearProcessCaches();
    const url = pages[i % pages.length]!;
    const t0 = performance.now();
    const res = await app.inject({ url, headers: { cookie: 'bridges_session=bench' } });
    first.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
  }
  first.sort((a, b) => a - b);
  console.log(`surveys ${label} results of 5,000 responses, first request of an instance (all counted, charts drawn from their specs): p50 ${percentile(first, 50).toFixed(1)} ms, max ${first.at(-1)!.toFixed(1)} ms (12 requests, no goal)`);
  for (const format of ['csv', 'xlsx'] as const) {
    const t0 = performance.now();
    const res = await app.inject({ url: `/en/surveys/bench-survey/results.${format}?by=region` });
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`${format}: ${res.statusCode}`);
    console.log(`surveys ${label} export of 5,000 responses as ${format.toUpperCase()} by region: ${ms.toFixed(0)} ms, ${(res.rawPayload.length / 1024).toFixed(1)} KB — goal ≤ 3,000 ms: ${ms <= 3000 ? 'met' : 'MISSED'}`);
  }
  await app.close();
}

const pglite = await openDatabase({});
await run('pglite', pglite);
await pglite.close();
if (process.env.BENCH_DATABASE_URL) {
  await withScratchDatabase('bench_surveys', async (url) => {
    const pg = await openDatabase({ databaseUrl: url });
    try {
      await run('postgres', pg);
    } finally {
      await pg.close();
    }
  });
} else console.log('surveys PostgreSQL: left out (set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)');
