/** What the benchmarks share: Bridges as `npm start` runs it (compiled, its own process) and its memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// @ts-expect-error a plain ES module without types
import { build, isFresh } from '../scripts/build.mjs';

/** The compiled entry point `npm start` runs, and the Node options it runs with (package.json). */
export const MAIN_JS = fileURLToPath(new URL('../dist/app/main.js', import.meta.url));
const START = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }).scripts.start;
export const NODE_OPTIONS = START.split(/\s+/).filter((a) => a.startsWith('--'));

/** Builds dist/ when it is missing or older than the sources, as `npm start` does. */
export async function ensureBuilt(): Promise<void> {
  if (!(isFresh as () => boolean)()) await (build as () => Promise<unknown>)();
}

/** Resident memory of a process now, and its peak so far (MB), from /proc. */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The processes a process started (a PDF drawing process of the server), from /proc. */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent's pid is the fourth field, after the command's name in parentheses (which may hold spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      /* ended meanwhile */
    }
  }
  return children;
}

/** Resident memory of a process and the processes it started (MB), now; a process that ended meanwhile counts as nothing. */
export function familyRssMb(pid: number): number {
  let total = 0;
  for (const p of [pid, ...childrenOf(pid)]) {
    try {
      total += memoryMb(p).rss;
    } catch {
      /* ended meanwhile */
    }
  }
  return total;
}

export interface Running {
  child: ChildProcess;
  base: string;
  readyMs: number;
}

/** Starts Bridges (compiled) with `env` and waits until /healthz answers; BENCH_SERVER_ARGS adds Node options (e.g. `--cpu-prof --cpu-prof-dir=DIR`). */
export async function startBridges(env: Record<string, string>, port: number): Promise<Running> {
  await ensureBuilt();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...NODE_OPTIONS, ...(process.env.BENCH_SERVER_ARGS?.split(" ").filter(Boolean) ?? []), MAIN_JS], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-that-is-long-enough-0123456789', BASE_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, base: `http://127.0.0.1:${port}`, readyMs: await ready(child, `http://127.0.0.1:${port}/healthz`, t0) };
}

export async function ready(child: ChildProcess, url: string, t0: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return performance.now() - t0;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
