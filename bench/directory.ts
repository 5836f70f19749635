/**
 * Directory with 5,000 members: server-side time to render the public directory page (inject,
 * no network), p50/p95/p99 over repeated requests with a mix of filters and pages. Goal: p95 ≤ 50 ms.
 * Runs on PGlite, and on PostgreSQL when BENCH_DATABASE_URL is set (an empty database).
 */
import { loadConfig } from '../src/config.js';
import { migrate, openDatabase, type Database } from '../src/db/client.js';
import { buildApp } from '../src/server.js';
import { seedWorkingGroups } from '../src/modules/workinggroups/seed.js';
import { members } from '../src/modules/membership/schema.js';
import { COUNTRY_CODES } from '../src/platform/geo/countries.js';
import { ORG_TYPES, INDIVIDUAL_ROLES, TOR_AREAS, PUBLIC_FIELDS } from '../src/modules/membership/fields.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const pick = <T>(a: readonly T[], i: number) => a[i % a.length]!;

async function fill(database: Database) {
  await seedWorkingGroups({ db: database.db, config: loadConfig({}) });
  const rows = Array.from({ length: MEMBERS }, (_, i) => {
    const kind = i % 3 === 0 ? 'individual' : 'institution';
    return {
      kind,
      name: `${kind === 'institution' ? 'Institute' : 'Researcher'} ${String(i).padStart(5, '0')} ${pick(['Alpha', 'Beta', 'Gamma', 'Delta', 'Sigma'], i)}`,
      acronym: kind === 'institution' ? `I${i}` : '',
      category: kind === 'institution' ? pick(ORG_TYPES, i) : pick(INDIVIDUAL_ROLES, i),
      country: pick(COUNTRY_CODES, i * 7),
      countriesOfOperation: [pick(COUNTRY_CODES, i), pick(COUNTRY_CODES, i + 3)],
      website: `https://member${i}.example.org`,
      areas: [pick(TOR_AREAS, i), pick(TOR_AREAS, i + 2)],
      workingGroups: i % 2 ? ['foundational-learning'] : ['technologies-for-learning'],
      languages: ['en', pick(['fr', 'es', 'ar', 'ru', 'zh'], i)],
      summary: 'Research and knowledge translation on learning.',
      listed: i % 10 !== 0,
      publicFields: [...PUBLIC_FIELDS],
      joinedOn: '2025-01-01',
    };
  });
  for (let i = 0; i < rows.length; i += 500) await database.db.insert(members).values(rows.slice(i, i + 500));
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(label: string, database: Database) {
  await migrate(database);
  await fill(database);
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, logger: false });
  await app.ready();
  const urls = ['/en/members', '/en/members?page=50', '/fr/members?region=africa', '/en/members?kind=institution&area=pedagogy', '/ar/members?q=gamma', '/en/members?wg=foundational-learning&page=3', '/en/members/map'];
  for (const url of urls) await app.inject({ method: 'GET', url }); // warm-up
  const times: Record<string, number[]> = {};
  for (let i = 0; i < REQUESTS; i++) {
    const url = urls[i % urls.length]!;
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url });
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    (times[url.startsWith('/en/members/map') ? 'map' : 'directory'] ??= []).push(ms);
  }
  for (const [page, list] of Object.entries(times)) {
    const s = list.sort((a, b) => a - b);
    console.log(
      `directory ${label} ${page} (${MEMBERS} members, ${s.length} requests): p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms — goal p95 ≤ 50 ms: ${percentile(s, 95) <= 50 ? 'met' : 'MISSED'}`,
    );
  }
  await app.close();
}

const pglite = await openDatabase({});
await run('pglite', pglite);
await pglite.close();
if (process.env.BENCH_DATABASE_URL) {
  const pg = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL });
  await run('postgres', pg);
  await pg.close();
}
