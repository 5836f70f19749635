/**
 * "Who takes part" at scale. Goal (from the issue): the page, over 10,000 members, 5,000 meeting
 * participants, 10,000 consultation comments and 5,000 survey answers, p95 ≤ 100 ms server-side
 * (inject, no network). The page itself is not kept (the newsletter's reach is read from its
 * deliveries, a table without a version): every request suppresses every table and draws three
 * charts; the counts are kept while their tables keep their versions. Measured three ways: nothing
 * changed; a new member before each request; every cache emptied before each request.
 * The comments are bench/consultation.ts's (≈2,500 commenters); members and participants come from
 * countries across every region and income group, over five years; the survey answers are the
 * demo's thematic survey's. Runs on PGlite, and on PostgreSQL when BENCH_DATABASE_URL is set.
 * `npx tsx bench/figures.ts`.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { migrate, openDatabase, type Database } from '../src/db/client.js';
import { buildApp } from '../src/server.js';
import { COUNTRY_CODES } from '../src/platform/geo/countries.js';
import { members } from '../src/modules/membership/schema.js';
import { ORG_TYPES } from '../src/modules/membership/fields.js';
import { openMeeting } from '../src/modules/meetings/factories.js';
import { participantCategories, registrations } from '../src/modules/meetings/schema.js';
import { addResponses, addSurvey } from '../src/modules/surveys/factories.js';
import { THEMATIC_QUESTIONS, thematicAnswers } from '../src/modules/surveys/seed.js';
import { fill } from './consultation.js';
import { clearProcessCaches } from '../src/platform/cache/process.js';
import { withScratchDatabase } from './scratch-database.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const DAY = 86_400_000;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

let seed = 11;
const rnd = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

export async function fillFigures(database: Database) {
  const db = database.db;
  await fill(database);
  const year = new Date().getUTCFullYear();
  const rows = Array.from({ length: 10_000 }, (_, i) => ({
    kind: 'institution',
    name: `Member ${i}`,
    category: pick(ORG_TYPES),
    country: pick(COUNTRY_CODES),
    joinedOn: `${year - Math.floor(rnd() * 5)}-0${1 + Math.floor(rnd() * 9)}-15`,
    endedOn: rnd() < 0.1 ? `${year}-01-31` : null,
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(members).values(rows.slice(i, i + 1000));
  // 5,000 participants over five meetings, one a year.
  for (let m = 0; m < 5; m++) {
    const startsAt = new Date(Date.UTC(year - m, 5, 10));
    const meetingId = await openMeeting(db, { slug: `bench-meeting-${m}`, capacity: 2000, startsAt, endsAt: new Date(startsAt.getTime() + DAY) });
    const [category] = await db.select().from(participantCategories).where(eq(participantCategories.meetingId, meetingId));
    const regs = Array.from({ length: 1000 }, (_, i) => ({ meetingId, categoryId: category!.id, status: 'confirmed', email: `p${m}-${i}@bench.example`, name: `P ${i}`, country: pick(COUNTRY_CODES), locale: 'en', checkInCode: randomBytes(9).toString('base64url') }));
    for (let i = 0; i < regs.length; i += 500) await db.insert(registrations).values(regs.slice(i, i + 500));
  }
  const survey = (await addSurvey(db, { slug: 'bench-survey', title: { en: 'Bench survey' }, questions: THEMATIC_QUESTIONS, opensAt: new Date(Date.now() - 60 * DAY), closesAt: new Date(Date.now() - DAY) }))!;
  await addResponses(db, survey, thematicAnswers(5000).map((a) => ({ ...a, on: new Date(Date.now() - a.daysAgo * DAY) })));
  await db.execute(sql`analyze`);
}

async function run(label: string, database: Database) {
  await migrate(database);
  await fillFigures(database);
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, logger: false });
  await app.ready();
  const year = new Date().getUTCFullYear();
  const pages = [`/en/who-takes-part`, `/fr/who-takes-part?year=${year - 1}`, `/ar/who-takes-part?income=FY2025`, `/zh/who-takes-part?year=${year - 3}`];
  for (const url of pages) await app.inject({ url }); // warm-up (Vega loads on the first chart)
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const url = pages[i % pages.length]!;
    const t0 = performance.now();
    const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
    times.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    bytes = Math.max(bytes, res.rawPayload.length);
  }
  const report = (what: string, list: number[]) => {
    list.sort((a, b) => a - b);
    const p95 = percentile(list, 95);
    console.log(`figures ${label} "Who takes part" over 10,000 members, 5,000 participants, 10,000 comments, 5,000 survey answers, ${what}: p50 ${percentile(list, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms — goal p95 ≤ 100 ms: ${p95 <= 100 ? 'met' : 'MISSED'} (${list.length} requests)`);
  };
  report(`nothing changed (counts kept; page ≤ ${(bytes / 1024).toFixed(1)} KB compressed)`, times);
  // A new member before each request: the members are counted again, the rest kept.
  const changed: number[] = [];
  for (let i = 0; i < 40; i++) {
    await database.db.insert(members).values({ kind: 'individual', name: `New ${i}`, category: 'researcher', country: pick(COUNTRY_CODES), joinedOn: `${year}-06-01` });
    const t0 = performance.now();
    const res = await app.inject({ url: pages[i % pages.length]! });
    changed.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${res.statusCode}`);
  }
  report('after a new member each time (members counted again)', changed);
  // A new instance: every figure counted from its tables.
  const cold: number[] = [];
  for (let i = 0; i < 40; i++) {
    clearProcessCaches();
    const t0 = performance.now();
    const res = await app.inject({ url: pages[i % pages.length]! });
    cold.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${res.statusCode}`);
  }
  report('everything counted again each time', cold);
  const t0 = performance.now();
  const csv = await app.inject({ url: '/en/who-takes-part.xlsx' });
  if (csv.statusCode !== 200) throw new Error(`xlsx: ${csv.statusCode}`);
  console.log(`figures ${label} the same as XLSX: ${(performance.now() - t0).toFixed(0)} ms`);
  await app.close();
}

if (process.argv[1]?.endsWith('figures.ts')) await main();

async function main() {
const pglite = await openDatabase({});
await run('pglite', pglite);
await pglite.close();
if (process.env.BENCH_DATABASE_URL) {
  await withScratchDatabase('bench_figures', async (url) => {
    const pg = await openDatabase({ databaseUrl: url });
    try {
      await run('postgres', pg);
    } finally {
      await pg.close();
    }
  });
}
}
