/**
 * npm run bench — Bridges' figures, printed one result per line (recorded in BENCHMARKS.md):
 *   1. the ceiling: Fastify's hello world on this machine (requests/s, p99, memory)
 *   2. the embedded database: first start on an empty folder (migrations + demo), start on existing
 *      data (time to the first answer, peak memory), PGlite's own share of the memory
 *   3. requests/s and latency of the home page (a public page, served from memory) and of the sign-in
 *      page (a form: rendered every time), with the home page's share of the hello world's rate
 *   4. the same on a PostgreSQL server when BENCH_DATABASE_URL is set (a fresh database is created
 *      and dropped), with the idle memory of an instance
 *   5. compressed bytes (brotli and gzip) of each public page's HTML + CSS + JS, against the 30 KB budget
 * Bridges runs as `npm start` runs it: compiled (dist/), in its own process, NODE_ENV=production.
 * The load comes from autocannon in this process, on the same two cores.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import autocannon from 'autocannon';
import { withScratchDatabase } from './scratch-database.js';
import { PUBLIC_PAGES } from '../src/testing/pages.js';
import { memoryMb, ready, startBridges, stop } from './app.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const BUDGET = 30 * 1024;
const HELLO = fileURLToPath(new URL('./hello-world.mjs', import.meta.url));
const PGLITE_ALONE = fileURLToPath(new URL('./pglite-alone.mjs', import.meta.url));
/** A returning reader: their language cookie already set, brotli accepted, no session. */
const READER = { 'accept-encoding': 'br', cookie: 'bridges_lang=en' };

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string> = {}, duration = DURATION): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** A short warm-up, then the measured run. */
async function measure(url: string, headers: Record<string, string> = {}): Promise<Load> {
  await load(url, headers, 6);
  return load(url, headers);
}

const show = (r: Load) => `${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`;
const mb = (n: number) => `${Math.round(n)} MB`;

async function helloWorld(): Promise<Load> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [HELLO], { env: { PATH: process.env.PATH, PORT: '3909' }, stdio: ['ignore', 'ignore', 'inherit'] });
  await ready(child, 'http://127.0.0.1:3909/', t0);
  const r = await measure('http://127.0.0.1:3909/');
  console.log(`hello world (Fastify ${(await import('fastify/package.json', { with: { type: 'json' } })).default.version}): ${show(r)}; RSS ${mb(memoryMb(child.pid!).rss)}`);
  await stop(child);
  return r;
}

function ratio(label: string, home: Load, hello: Load) {
  const share = (100 * home.rps) / hello.rps;
  console.log(
    `home page ${label} vs hello world: ${share.toFixed(1)} % of its rate (goal ≥ 25 %: ${share >= 25 ? 'met' : 'MISSED'}), ` +
      `p99 ${home.p99} ms at ${CONNECTIONS} connections (goal ≤ 20 ms: ${home.p99 <= 20 ? 'met' : 'MISSED'})`,
  );
}

async function pages(label: string, base: string, pid: number, hello: Load) {
  const home = await measure(`${base}/en`, READER);
  console.log(`http ${label} /en (public page, from memory): ${show(home)}`);
  const signIn = await measure(`${base}/en/sign-in`, READER);
  console.log(`http ${label} /en/sign-in (a form, rendered each time): ${show(signIn)}`);
  console.log(`memory ${label} after the load: RSS ${mb(memoryMb(pid).rss)}, peak ${mb(memoryMb(pid).peak)}`);
  ratio(label, home, hello);
}

async function sizes(base: string) {
  const lines: string[] = [];
  const home = await (await fetch(`${base}/en`)).text();
  const assets = [...home.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]!);
  let assetBr = 0;
  let assetGz = 0;
  for (const a of assets) {
    const body = Buffer.from(await (await fetch(`${base}${a}`)).arrayBuffer());
    assetBr += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    assetGz += gzipSync(body, { level: 9 }).length;
  }
  let worst = 0;
  for (const locale of ['en', 'ar', 'zh']) {
    for (const path of PUBLIC_PAGES) {
      const html = Buffer.from(await (await fetch(`${base}/${locale}${path}`)).arrayBuffer());
      // The same compression the server applies to pages (brotli quality 5), and gzip for older clients.
      const br = brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length + assetBr;
      const gz = gzipSync(html, { level: 6 }).length + assetGz;
      worst = Math.max(worst, gz);
      lines.push(`size /${locale}${path || ''}: html ${html.length} B raw; html+css+js ${br} B brotli, ${gz} B gzip ${gz <= BUDGET ? 'ok' : 'OVER BUDGET'}`);
    }
  }
  lines.push(`size css+js: ${assetBr} B brotli, ${assetGz} B gzip (${assets.length} files)`);
  lines.push(`size worst page (gzip, html+css+js): ${worst} B of ${BUDGET} B budget — ${worst <= BUDGET ? 'within budget' : 'OVER BUDGET'}`);
  return lines;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bridges-bench-'));
  const env = { DATA_DIR: join(dir, 'data'), RATE_LIMIT_ALLOWLIST: '127.0.0.1' };
  console.log(`# Bridges bench — node ${process.version}, ${DURATION}s × ${CONNECTIONS} connections per page (after a 6 s warm-up)`);
  try {
    const hello = await helloWorld();

    const first = await startBridges(env, 3901);
    const firstMem = memoryMb(first.child.pid!);
    console.log(`first start (embedded, empty folder: migrate + demo seed): ${Math.round(first.readyMs)} ms, peak RSS ${mb(firstMem.peak)} (goals ≤ 4000 ms, ≤ 400 MB)`);
    await stop(first.child);
    const second = await startBridges(env, 3901);
    const secondMem = memoryMb(second.child.pid!);
    console.log(`start (embedded, existing data): ${Math.round(second.readyMs)} ms (goal ≤ 1000 ms), RSS ${mb(secondMem.rss)}, peak ${mb(secondMem.peak)}`);
    await pages('pglite', second.base, second.child.pid!, hello);
    for (const line of await sizes(second.base)) console.log(line);
    await stop(second.child);
    const alone = await new Promise<string>((resolve, reject) => {
      const c = spawn(process.execPath, [PGLITE_ALONE, join(dir, 'data', 'pglite')], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      c.stdout!.on('data', (d) => (out += d));
      c.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`pglite-alone exited with ${code}`))));
    });
    const pgliteMem = JSON.parse(alone) as { rss: number; peak: number };
    console.log(`PGlite alone on the same folder (open + one query): RSS ${mb(pgliteMem.rss)}, peak ${mb(pgliteMem.peak)} — its share of the embedded start's ${mb(secondMem.peak)} peak`);

    if (process.env.BENCH_DATABASE_URL) {
      await withScratchDatabase('bridges_bench', async (url) => {
        const pgEnv = { ...env, DATABASE_URL: url };
        const fresh = await startBridges(pgEnv, 3902);
        console.log(`first start (PostgreSQL server, empty database: migrate + demo seed): ${Math.round(fresh.readyMs)} ms`);
        await stop(fresh.child);
        const run = await startBridges(pgEnv, 3902);
        await new Promise((r) => setTimeout(r, 3000));
        const idle = memoryMb(run.child.pid!);
        console.log(`start (PostgreSQL server, existing data): ${Math.round(run.readyMs)} ms; idle RSS ${mb(idle.rss)} (goal ≤ 120 MB: ${idle.rss <= 120 ? 'met' : 'MISSED'})`);
        await pages('postgres', run.base, run.child.pid!, hello);
        await stop(run.child);
      });
    } else {
      console.log('PostgreSQL: left out (set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
