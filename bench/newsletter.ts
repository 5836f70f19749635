/**
 * Newsletter sending at scale: 100,000 recipients sent by Bridges (src/main.ts, its own process,
 * worker on) through SMTP to a local sink on loopback — on PGlite, and on PostgreSQL when
 * BENCH_DATABASE_URL is set (an empty database). Prints messages per second (first to last
 * message accepted by the sink) and the app process's resident memory (peak, and at 25/50/75/100 %
 * of the send, to see whether it stays flat). Goal: ≥ 1,000 msg/s on PostgreSQL, RSS ≤ 150 MB and flat.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { count, eq } from 'drizzle-orm';
import { migrate, openDatabase } from '../src/db/client.js';
import { newsletterDeliveries, newsletterIssues, subscriptions } from '../src/modules/communications/schema.js';
import { ensureBuilt, MAIN_JS, NODE_OPTIONS } from './app.js';

const SINK = fileURLToPath(new URL('../src/testing/smtp-sink.ts', import.meta.url));
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const RATE = Number(process.env.BENCH_RATE ?? 5000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);

const BODY = `## This month

The **annual meeting** report is out, with the working groups' recommendations. [Read the report](https://alliance.example/report).

- Foundational learning: consultation opens on 1 December
- Technologies for learning: the pre-final draft is online
- New members from 12 countries

![The meeting](https://alliance.example/images/meeting.jpg)

Thank you for being part of the Alliance.`;

async function prepare(dbOpts: { dataDir?: string; databaseUrl?: string }) {
  const d = await openDatabase(dbOpts);
  await migrate(d);
  await d.exec(`insert into subscriptions (email, name, locale, topics, status, source)
    select 'reader' || g || '@bench.example', 'Reader ' || g, (array['en','fr','es','ar','zh','ru'])[1 + g % 6], '{news}', 'subscribed', 'import'
    from generate_series(1, ${RECIPIENTS}) g`);
  await d.db.insert(newsletterIssues).values({
    slug: 'bench',
    versions: { en: { subject: 'Alliance news', body: BODY }, fr: { subject: 'Nouvelles de l’Alliance', body: BODY }, es: { subject: 'Noticias de la Alianza', body: BODY } },
    defaultLocale: 'en',
    status: 'scheduled',
    scheduledAt: new Date(),
    rate: RATE,
    batchSize: BATCH,
  });
  const [{ n }] = await d.db.select({ n: count() }).from(subscriptions);
  await d.close();
  return n;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

async function run(label: string, env: Record<string, string>, dbOpts: { dataDir?: string; databaseUrl?: string }, port: number) {
  const subscribers = await prepare(dbOpts);
  const sink = spawn(process.execPath, ['--import', 'tsx', SINK], { env: { ...process.env, SMTP_QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: sink.stdout! });
  let accepted = 0;
  const smtpPort = await new Promise<number>((resolve) =>
    lines.on('line', (line) => {
      if (line.startsWith('LISTENING ')) resolve(Number(line.slice(10)));
      if (line.startsWith('ACCEPTED ')) accepted = Number(line.slice(9));
    }),
  );
  await ensureBuilt();
  // As `npm start` runs it: compiled, with its Node options.
  const app = spawn(process.execPath, [...NODE_OPTIONS, MAIN_JS], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: 'never', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'Alliance <news@bench.example>', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let peak = 0;
  let first = 0;
  const marks: string[] = [];
  let next = 0.25;
  const start = Date.now();
  while (accepted < subscribers) {
    sink.kill('SIGUSR2');
    await new Promise((r) => setTimeout(r, 200));
    if (app.exitCode !== null) throw new Error(`${label}: the app stopped (${app.exitCode})`);
    const rss = rssMb(app.pid!);
    peak = Math.max(peak, rss);
    if (accepted > 0 && !first) first = Date.now();
    while (accepted >= subscribers * next && next <= 1) {
      marks.push(`${Math.round(next * 100)} %: ${rss.toFixed(0)} MB`);
      next += 0.25;
    }
    if (Date.now() - start > 30 * 60_000) throw new Error(`${label}: only ${accepted} messages after 30 minutes`);
  }
  const seconds = (Date.now() - first) / 1000;
  app.kill('SIGTERM');
  await new Promise((r) => app.once('exit', r));
  sink.kill('SIGTERM');
  const d = await openDatabase(dbOpts);
  const rows = await d.db.select({ status: newsletterDeliveries.status, n: count() }).from(newsletterDeliveries).groupBy(newsletterDeliveries.status);
  const [issue] = await d.db.select().from(newsletterIssues).where(eq(newsletterIssues.slug, 'bench'));
  await d.close();
  const rate = subscribers / seconds;
  console.log(
    `newsletter ${label}: ${subscribers.toLocaleString('en')} recipients in ${seconds.toFixed(1)} s = ${rate.toFixed(0)} msg/s (goal ≥ 1000 ${rate >= 1000 ? 'met' : 'MISSED'}); ` +
      `app RSS peak ${peak.toFixed(0)} MB (goal ≤ 150 ${peak <= 150 ? 'met' : 'MISSED'}), ${marks.join(', ')}; ` +
      `deliveries ${rows.map((r) => `${r.status} ${r.n}`).join(', ')}; issue ${issue!.status}; sink accepted ${accepted}`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'bridges-bench-newsletter-'));
try {
  if (process.env.BENCH_ONLY !== 'postgres') await run('PGlite', { DATA_DIR: dir }, { dataDir: dir }, 3311);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.BENCH_DATABASE_URL) await run('PostgreSQL', { DATABASE_URL: process.env.BENCH_DATABASE_URL }, { databaseUrl: process.env.BENCH_DATABASE_URL }, 3312);
