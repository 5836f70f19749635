/**
 * npm run bench — Bridges' figures, printed one result per line:
 *   1. cold start on the embedded database (first start: migrations + demo seed; second start: existing data)
 *   2. requests/s and latency of the home and sign-in pages (autocannon on loopback, app in its own process)
 *   3. compressed bytes (brotli and gzip) of each public page's HTML + CSS + JS, against the 30 KB budget
 * Optional: BENCH_DATABASE_URL=postgres://... also measures the pages on a PostgreSQL server.
 * Results are recorded in BENCHMARKS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import autocannon from 'autocannon';
import { PUBLIC_PAGES } from '../src/testing/pages.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BUDGET = 30 * 1024;

interface Running {
  child: ChildProcess;
  base: string;
  readyMs: number;
}

async function start(env: Record<string, string>, port: number): Promise<Running> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Bridges exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return { child, base, readyMs: performance.now() - t0 };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stop(r: Running) {
  const exited = new Promise((resolve) => r.child.once('exit', resolve));
  r.child.kill('SIGTERM');
  await exited;
}

async function load(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { 'accept-encoding': 'br' } });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
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
  const env = { DATA_DIR: join(dir, 'data') };
  console.log(`# Bridges bench — node ${process.version}, ${DURATION}s × ${CONNECTIONS} connections per page`);
  try {
    const first = await start(env, 3901);
    console.log(`cold start (embedded, empty folder: migrate + demo seed): ${Math.round(first.readyMs)} ms`);
    await stop(first);
    const second = await start(env, 3901);
    console.log(`cold start (embedded, existing data): ${Math.round(second.readyMs)} ms`);
    for (const path of ['/en', '/en/sign-in']) {
      await load(`${second.base}${path}`); // warm-up is part of the first run; measure the second
      const r = await load(`${second.base}${path}`);
      console.log(`http pglite ${path}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`);
    }
    for (const line of await sizes(second.base)) console.log(line);
    await stop(second);

    if (process.env.BENCH_DATABASE_URL) {
      const pg = await start({ DATABASE_URL: process.env.BENCH_DATABASE_URL }, 3902);
      console.log(`start (PostgreSQL server): ${Math.round(pg.readyMs)} ms`);
      for (const path of ['/en', '/en/sign-in']) {
        await load(`${pg.base}${path}`);
        const r = await load(`${pg.base}${path}`);
        console.log(`http postgres ${path}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`);
      }
      await stop(pg);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
