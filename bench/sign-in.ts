/**
 * Sign-in form: does its answer time tell whether an address has an account? Server-side time of
 * `POST /en/sign-in/link` (inject, no network) for addresses with an account and without, taken
 * alternately, with the job that mails the link run between requests as the worker would (it runs
 * after the answer). Prints the median and p90 of each and their difference.
 * Runs on PGlite, and on PostgreSQL when BENCH_DATABASE_URL is set (an empty database).
 */
import { loadConfig } from '../src/config.js';
import { migrate, openDatabase, type Database } from '../src/db/client.js';
import { allModules, buildApp } from '../src/server.js';
import { ensureUser } from '../src/platform/auth/service.js';
import { runDueJobs } from '../src/platform/jobs/queue.js';

const ROUNDS = Number(process.env.BENCH_SIGN_INS ?? 300);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;

async function run(label: string, database: Database) {
  await migrate(database);
  const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_ALLOWLIST: '127.0.0.1' });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const handlers = Object.assign({}, ...allModules().map((m) => m.jobs ?? {}));
  const page = await app.inject({ method: 'GET', url: '/en/sign-in' });
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const time = async (email: string) => {
    const t0 = performance.now();
    const res = await app.inject({ method: 'POST', url: '/en/sign-in/link', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, email }).toString() });
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`${email}: ${res.statusCode}`);
    await runDueJobs(database.db, handlers, { baseUrl: config.baseUrl });
    return ms;
  };
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const email = `person${i}@bench.example`;
    await ensureUser(database.db, { email, name: `Person ${i}` });
    if (i < 20) continue; // warm-up
    known.push(await time(email));
    unknown.push(await time(`nobody${i}@bench.example`));
  }
  console.log(
    `sign-in link request, ${label}: known address median ${median(known).toFixed(2)} ms (p90 ${p90(known).toFixed(2)}), unknown ${median(unknown).toFixed(2)} ms (p90 ${p90(unknown).toFixed(2)}), difference of medians ${(median(known) - median(unknown)).toFixed(2)} ms, ${known.length} each`,
  );
  await app.close();
  await database.close();
}

await run('PGlite', await openDatabase({}));
if (process.env.BENCH_DATABASE_URL) await run('PostgreSQL', await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL }));
