/**
 * Registration burst: 2,000 pre-registrations at concurrency 64 against 300 places, through HTTP
 * on loopback to Bridges in its own process — on PGlite, and on PostgreSQL when
 * BENCH_DATABASE_URL is set (an empty database). Prints throughput, p50/p99 latency, and checks
 * that exactly 300 are confirmed and 1,700 wait.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { migrate, openDatabase } from '../src/db/client.js';
import { openMeeting } from '../src/modules/meetings/factories.js';
import { registrations } from '../src/modules/meetings/schema.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const TOTAL = Number(process.env.BENCH_REGISTRATIONS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const PLACES = 300;

async function prepare(dbOpts: { dataDir?: string; databaseUrl?: string }) {
  const d = await openDatabase(dbOpts);
  await migrate(d);
  const id = await openMeeting(d.db, {
    slug: 'bench-meeting',
    title: { en: 'Bench meeting' },
    capacity: PLACES,
    categories: [{ slug: 'practitioner', name: { en: 'Practitioner' } }],
  });
  await d.close();
  return id;
}

async function run(label: string, env: Record<string, string>, dbOpts: { dataDir?: string; databaseUrl?: string }, port: number) {
  const meetingId = await prepare(dbOpts);
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: 'never', WORKER: 'off', RATE_LIMIT_ALLOWLIST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const form = await fetch(`${base}/en/meetings/bench-meeting/register`);
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < TOTAL; i = next++) {
        const s = performance.now();
        const res = await fetch(`${base}/en/meetings/bench-meeting/register`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, name: `Person ${i}`, email: `p${i}@bench.example`, country: 'KE', category: 'practitioner', consent: 'yes' }),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - s);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  const d = await openDatabase(dbOpts);
  const rows = await d.db.select({ status: registrations.status, n: count() }).from(registrations).where(eq(registrations.meetingId, meetingId)).groupBy(registrations.status);
  await d.close();
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  const ok = by.confirmed === PLACES && by.waiting === TOTAL - PLACES && statuses.get(200) === TOTAL;
  console.log(
    `registration burst ${label}: ${TOTAL} submissions at concurrency ${CONCURRENCY} for ${PLACES} places — ${(TOTAL / seconds).toFixed(0)} registrations/s, p50 ${pct(50)} ms, p99 ${pct(99)} ms; ` +
      `answers ${JSON.stringify(Object.fromEntries(statuses))}; confirmed ${by.confirmed ?? 0}, waiting ${by.waiting ?? 0} — counts ${ok ? 'correct' : 'WRONG'}`,
  );
  if (!ok) process.exitCode = 1;
}

const dir = mkdtempSync(join(tmpdir(), 'bridges-bench-reg-'));
try {
  await run('pglite', { DATA_DIR: join(dir, 'data') }, { dataDir: join(dir, 'data') }, 3911);
  if (process.env.BENCH_DATABASE_URL) await run('postgres', { DATABASE_URL: process.env.BENCH_DATABASE_URL }, { databaseUrl: process.env.BENCH_DATABASE_URL }, 3912);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
