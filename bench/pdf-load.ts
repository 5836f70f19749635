/**
 * PDF letters under load: does the home page stay fast while anonymous clients loop on invitation
 * letters? Bridges runs in its own process on an empty embedded data folder with the demo seed,
 * with RATE_LIMIT_ALLOWLIST=127.0.0.1 so that the load is not simply refused (429). Everything goes
 * through HTTP, as a visitor and the demo Secretariat would: sign in with the link printed at first
 * start, create an open meeting and its category, register participants with a passport name, and
 * read their private links from the Mailbox.
 *
 * Then 8 client loops (in a worker thread, so that the probe's own event loop stays free) fetch
 * letters continuously while one sequential client measures the home page `/en`:
 *   - the same letter again and again (one link, `?lang=ar` and `?lang=en`): the security finding's case;
 *   - a different letter every time (64 other links × 6 languages): every one drawn;
 *   - the same letter again, as deployed: Bridges restarted without the allowlist, so the rate limits answer.
 * Prints one result line per figure: home page p50/p99 without load, then with each load, and letters/s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const PORT = 3931;
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const LOOPS = 8;
/** Links per loop in the second load: enough letters (8 × 8 × 6 = 384) that none is asked for twice within the run. */
const LINKS_PER_LOOP = 8;
const PEOPLE = 1 + LOOPS * LINKS_PER_LOOP;
const LANGS = ['ar', 'en', 'fr', 'es', 'ru', 'zh'];
const DAY = 86_400_000;

/** A visitor with a cookie jar. */
class Visitor {
  private readonly cookies = new Map<string, string>();

  async get(path: string): Promise<Response> {
    return this.keep(await fetch(`${BASE}${path}`, { headers: { cookie: this.cookie() }, redirect: 'manual' }));
  }

  /** Posts a form as a browser does: the page's hidden fields (CSRF token, double-submit key), then `fields`. */
  async submit(page: string, action: string, fields: Record<string, string>): Promise<Response> {
    const html = await (await this.get(page)).text();
    const form = [...html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)].find((f) => f[1]!.includes(`action="${action}"`));
    if (!form) throw new Error(`No form to ${action} on ${page}`);
    const hidden = Object.fromEntries([...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const res = await fetch(`${BASE}${action}`, {
      method: 'POST',
      headers: { cookie: this.cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...hidden, ...fields }),
      redirect: 'manual',
    });
    if (res.status >= 400) throw new Error(`POST ${action} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return this.keep(res);
  }

  private keep(res: Response): Response {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      if (value) this.cookies.set(name!, value);
      else this.cookies.delete(name!);
    }
    return res;
  }

  private cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Bridges on a data folder, once /healthz answers. On an empty folder it loads the demo and prints
 * the demo Secretariat's sign-in link: `signInPath`.
 */
async function start(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; signInPath?: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Bridges exited with ${child.exitCode}`);
    if (await fetch(`${BASE}/healthz`).then((r) => r.ok, () => false)) return { child, signInPath: out.match(/\/en\/sign-in\/link\/[\w-]+/)?.[0] };
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const local = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 16); // wall-clock "YYYY-MM-DDTHH:mm" (UTC is fine here)

/** An open meeting with one category, PEOPLE confirmed participants with a passport name: their private links. */
async function prepare(signInPath: string): Promise<string[]> {
  const secretariat = new Visitor();
  await secretariat.submit(signInPath, signInPath, {});
  await secretariat.submit('/en/admin/meetings/new', '/en/admin/meetings/new', {
    slug: 'pdf-bench',
    title: 'Building Bridges: regional forum',
    venueName: 'Headquarters, Paris',
    venueAddress: '7 place de Fontenoy, 75007 Paris, France',
    timeZone: 'Europe/Paris',
    startsAt: local(60 * DAY),
    endsAt: local(61 * DAY),
    status: 'open',
    allocation: 'fcfs',
    capacity: '100',
    registrationOpensAt: local(-DAY),
    registrationClosesAt: local(30 * DAY),
    offerHours: '72',
    financingBudget: '0',
    financingCurrency: 'USD',
    signatoryName: 'Élise Moreau',
    signatoryTitle: 'Head of the Alliance Secretariat',
  });
  const categories = '/en/admin/meetings/pdf-bench/categories';
  await secretariat.submit(categories, categories, { slug: 'participant', name: 'Participant', colour: '#0b4f8a', codeAction: 'none' });
  const links: string[] = [];
  for (let i = 1; i <= PEOPLE; i++) {
    const email = `p${i}@bench.example`;
    const register = '/en/meetings/pdf-bench/register';
    await new Visitor().submit(register, register, { name: `Wanjiru Kamau ${i}`, email, organization: 'Ministry of Education', country: 'KE', passportName: `KAMAU Wanjiru ${i}`, category: 'participant', consent: 'yes' });
    const list = await (await secretariat.get(`/en/admin/mailbox?to=${encodeURIComponent(email)}`)).text();
    const mailId = list.match(/\/en\/admin\/mailbox\/(\d+)/)?.[1];
    const mail = await (await secretariat.get(`/en/admin/mailbox/${mailId}`)).text();
    const link = mail.match(/\/\w{2}\/meetings\/pdf-bench\/registration\/[\w-]+/)?.[0];
    if (!link) throw new Error(`No private link in the e-mail to ${email}`);
    links.push(link.replace(/^\/\w{2}\//, '/en/'));
  }
  const check = await fetch(`${BASE}${links[0]}/letter.pdf?lang=ar`);
  if (check.status !== 200 || check.headers.get('content-type') !== 'application/pdf') throw new Error(`The letter answered ${check.status}`);
  return links;
}

/** The home page fetched one request after another for `seconds`: p50 and p99 in ms. */
async function probe(seconds: number): Promise<{ p50: number; p99: number; n: number }> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    const res = await fetch(`${BASE}/en`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/en answered ${res.status}`);
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!);
  return { p50: at(0.5), p99: at(0.99), n: latencies.length };
}

/** The client loops, in a worker thread: loop i fetches urls[i][0], urls[i][1], … in turn (wrapping) until told to stop. */
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
let running = true;
parentPort.on('message', () => (running = false));
const statuses = {};
Promise.all(workerData.map(async (urls) => {
  for (let i = 0; running; i++) {
    const res = await fetch(urls[i % urls.length]);
    await res.arrayBuffer();
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  }
})).then(() => parentPort.postMessage(statuses));
`;

/** Runs the loops while probing the home page. */
async function underLoad(label: string, urls: string[][]) {
  const worker = new Worker(LOAD, { eval: true, workerData: urls });
  const done = new Promise<Record<string, number>>((resolve) => worker.once('message', resolve));
  await new Promise((r) => setTimeout(r, 2000)); // the loops under way
  const t0 = performance.now();
  const home = await probe(SECONDS);
  worker.postMessage('stop');
  const statuses = await done;
  const seconds = (performance.now() - t0 + 2000) / 1000;
  await worker.terminate();
  console.log(`home page /en with ${LOOPS} letter loops (${label}): p50 ${home.p50} ms, p99 ${home.p99} ms (${home.n} requests)`);
  console.log(`letters served (${label}): ${((statuses[200] ?? 0) / seconds).toFixed(1)} letters/s; answers ${JSON.stringify(statuses)}`);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bridges-bench-pdf-'));
  const dataDir = join(dir, 'data');
  let { child, signInPath } = await start(dataDir, { RATE_LIMIT_ALLOWLIST: '127.0.0.1' });
  try {
    if (!signInPath) throw new Error('No sign-in link printed at first start');
    const links = await prepare(signInPath);
    console.log(`# PDF letters under load — node ${process.version}, ${SECONDS} s per figure, ${LOOPS} client loops`);
    await probe(3); // warm-up
    const idle = await probe(SECONDS);
    console.log(`home page /en without load: p50 ${idle.p50} ms, p99 ${idle.p99} ms (${idle.n} requests)`);
    const letter = (link: string, lang: string) => `${BASE}${link}/letter.pdf?lang=${lang}`;
    await underLoad('the same letter, ?lang=ar and ?lang=en', Array.from({ length: LOOPS }, (_, i) => [letter(links[0]!, i % 2 ? 'en' : 'ar')]));
    // Loop i takes links of its own (not the first one's), in every language.
    const distinct = Array.from({ length: LOOPS }, (_, i) => links.slice(1 + i * LINKS_PER_LOOP, 1 + (i + 1) * LINKS_PER_LOOP).flatMap((link) => LANGS.map((lang) => letter(link, lang))));
    await underLoad(`a different letter every time, ${LOOPS * LINKS_PER_LOOP * LANGS.length} distinct`, distinct);
    // As deployed: the same loops on the same letter, without the allowlist (the rate limits answer 429).
    await stop(child);
    ({ child } = await start(dataDir));
    await probe(3);
    await underLoad('the same letter, ?lang=ar and ?lang=en, with the rate limits', Array.from({ length: LOOPS }, (_, i) => [letter(links[0]!, i % 2 ? 'en' : 'ar')]));
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
