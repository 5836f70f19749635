/**
 * Bridges deployed as docs/deploy.md says: nginx in front (deploy/nginx/bridges.conf, the same
 * file with this test's ports, a certificate made now and paths in a temporary folder), two app
 * processes started as `npm start` starts one, on one fresh PostgreSQL database, TRUST_PROXY=true,
 * mail leaving through a real SMTP server. Everything goes through nginx over HTTPS and HTTP/2.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import { connect, createServer } from 'node:net';
import tls from 'node:tls';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { hiddenFields } from '../src/testing/app.js';
import { startSmtpSink, type SmtpSink } from '../src/testing/smtp.js';
import { ensureUser } from '../src/platform/auth/service.js';
import { MAX_UPLOAD_BYTES } from '../src/platform/files/storage.js';
import type { Actor } from '../src/platform/policy.js';
import { openMeeting } from '../src/modules/meetings/factories.js';
import { createIssue, getIssue, saveAudience, saveVersion, sendIssueNow, subscribeWithConsent } from '../src/modules/communications/service.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ci = process.env.CI === 'true' || process.env.CI === '1';
// With CI=true this always runs (and fails when nginx or PostgreSQL is missing).
const leftOut = !ci && (!NGINX || !process.env.TEST_DATABASE_URL);
if (leftOut) console.warn('\n[bridges] Deployment test left out: it needs nginx (apt-get install nginx) and TEST_DATABASE_URL.\n');

const PLACES = 8;
const PEOPLE = 24;
const SUBSCRIBERS = 12;
const METRICS_TOKEN = randomBytes(24).toString('hex');

interface Instance {
  port: number;
  log: string[];
}

let dir: string;
let dbName: string;
let database: Database;
let smtp: SmtpSink;
let instances: Instance[] = [];
const children: ChildProcess[] = []; // every process started, for the clean-up even after a failed start
let nginx: ChildProcess | undefined;
let port: number; // nginx, HTTPS
let ca: Buffer;
let meetingId: string;
let issueId: string;
let sec: Actor;
const clients: Client[] = [];

/** A port free now on loopback. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port: p } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return p;
}

/** One app process, started as `npm start` starts it (package.json's start script), on PORT=0. */
async function startInstance(env: Record<string, string>): Promise<Instance> {
  const [node, ...args] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
  expect(node).toBe('node');
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const log: string[] = [];
  const listening = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`An instance exited with ${code}:\n${log.join('\n')}`)));
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        log.push(line);
        const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
        if (m) resolve(Number(m[1]));
      });
    }
  });
  return { port: await listening, log };
}

async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** deploy/nginx/bridges.conf with this test's ports and paths; each place changed must be found. */
function siteConfig(https: number, http: number, upstreams: number[]): string {
  let conf = readFileSync(join(ROOT, 'deploy/nginx/bridges.conf'), 'utf8');
  const swap = (pattern: RegExp, to: string) => {
    expect(conf, `deploy/nginx/bridges.conf no longer has ${pattern}`).toMatch(pattern);
    conf = conf.replace(pattern, to);
  };
  swap(/(upstream bridges_app \{\n)(\s*server 127\.0\.0\.1:\d+[^\n]*\n)+/, `$1${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;\n`).join('')}`);
  swap(/listen 443 ssl http2;/, `listen 127.0.0.1:${https} ssl http2;`);
  swap(/\n\s*listen \[::\]:443 ssl http2;/, '');
  swap(/listen 80;/, `listen 127.0.0.1:${http};`);
  swap(/\n\s*listen \[::\]:80;/, '');
  swap(/\/etc\/ssl\/bridges\/CHANGE-ME-fullchain\.pem/, join(dir, 'cert.pem'));
  swap(/\/etc\/ssl\/bridges\/CHANGE-ME-privkey\.pem/, join(dir, 'key.pem'));
  swap(/\/var\/cache\/nginx\/bridges/, join(dir, 'cache'));
  swap(/\/var\/log\/nginx\/bridges\.access\.log/, join(dir, 'access.log'));
  swap(/\/var\/log\/nginx\/bridges\.error\.log/, join(dir, 'error.log'));
  return conf;
}

interface Answer {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The instance nginx passed the request to (the test's own header). */
  upstream: string;
}

/** A reader: one HTTP/2 connection to nginx from its own loopback address, with its cookies. */
class Client {
  session: http2.ClientHttp2Session;
  cookies = new Map<string, string>();
  constructor(localAddress = '127.0.0.1') {
    this.session = http2.connect(`https://localhost:${port}`, {
      createConnection: () => tls.connect({ socket: connect({ host: '127.0.0.1', port, localAddress }), servername: 'localhost', ca, ALPNProtocols: ['h2'] }),
    });
    clients.push(this);
  }
  request(method: string, path: string, opts: { headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const req = this.session.request({ ':method': method, ':path': path, ...(cookie ? { cookie } : {}), ...opts.headers });
      const chunks: Buffer[] = [];
      let headers: http2.IncomingHttpHeaders = {};
      req.on('response', (h) => {
        headers = h;
        for (const c of ([] as string[]).concat(h['set-cookie'] ?? [])) {
          const [pair, ...attrs] = c.split(';');
          const [name, ...value] = pair!.trim().split('=');
          const gone = value.join('=') === '' || attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
          if (gone) this.cookies.delete(name!);
          else this.cookies.set(name!, value.join('='));
        }
      });
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: Number(headers[':status']), headers, body, text: body.toString('utf8'), upstream: String(headers['x-bridges-upstream'] ?? '') });
      });
      req.on('error', reject);
      req.end(opts.body);
    });
  }
  /** Loads a page and posts its form (to `action`) with the page's hidden fields and these. */
  async submit(page: string, action: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    const got = await this.request('GET', page);
    expect(got.status, `GET ${page}`).toBe(200);
    const body = new URLSearchParams({ ...hiddenFields(got.text, action), ...fields }).toString();
    return this.request('POST', action, { headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  }
}

/** Which instance (its port) an upstream address names. */
const portOf = (upstream: string) => Number(upstream.split(':').pop());

/** Lines of an instance's request log: incoming requests (method, url, remoteAddress). */
const requestsIn = (i: Instance) =>
  i.log.flatMap((l) => {
    if (!l.startsWith('{')) return [];
    const entry = JSON.parse(l) as { msg?: string; req?: { method: string; url: string; remoteAddress: string } };
    return entry.msg === 'incoming request' && entry.req ? [entry.req] : [];
  });

async function mailTo(email: string, subject?: RegExp, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = smtp.received.find((m) => m.to.includes(email) && (!subject || subject.test(m.mail.subject ?? '')));
    if (found) return found.mail;
    if (Date.now() > end) throw new Error(`No mail to ${email}`);
    await smtp.waitFor(smtp.received.length + 1, 100).catch(() => {});
  }
}

describe.skipIf(leftOut)('Bridges deployed behind nginx: two instances, one PostgreSQL', () => {
  beforeAll(async () => {
    if (!NGINX) throw new Error('nginx is needed for the deployment test (apt-get install nginx).');
    dir = mkdtempSync(join(tmpdir(), 'bridges-deploy-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'pipe' });
    ca = readFileSync(join(dir, 'cert.pem'));
    port = await freePort();
    const httpPort = await freePort();

    dbName = `bridges_deploy_${Date.now().toString(36)}_${process.pid}`;
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`create database "${dbName}"`);
    await admin.end();
    const url = new URL(SERVER);
    url.pathname = `/${dbName}`;

    // The compiled app, built once here if a source changed since (two starts must not both build it).
    const builder = (await import('../scripts/build.mjs' as string)) as { isFresh(): boolean; build(): Promise<unknown> };
    if (!builder.isFresh()) await builder.build();

    smtp = await startSmtpSink();
    const env = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      BASE_URL: `https://localhost:${port}`,
      DATABASE_URL: url.toString(),
      SESSION_SECRET: randomBytes(32).toString('base64'),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Alliance <news@alliance.example>',
      TRUST_PROXY: 'true',
      SEED_DEMO: 'never',
      LOG_LEVEL: 'info',
      METRICS_TOKEN,
    };
    // Both at once on the empty database: the migrations run once, under the advisory lock.
    instances = await Promise.all([startInstance({ ...env, DATA_DIR: join(dir, 'a') }), startInstance({ ...env, DATA_DIR: join(dir, 'b') })]);

    writeFileSync(join(dir, 'bridges.conf'), siteConfig(port, httpPort, instances.map((i) => i.port)));
    const paths = ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((p) => `  ${p === 'body' ? 'client_body' : p}_temp_path ${join(dir, p)};`).join('\n');
    writeFileSync(
      join(dir, 'nginx.conf'),
      `${userInfo().uid === 0 ? 'user root;\n' : ''}worker_processes 1;\ndaemon off;\npid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'error.log')} warn;\nevents { worker_connections 256; }\nhttp {\n${paths}\n  access_log off;\n  # The test's own: which instance answered.\n  add_header X-Bridges-Upstream $upstream_addr always;\n  include ${join(dir, 'bridges.conf')};\n}\n`,
    );
    const args = ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')];
    execFileSync(NGINX, [...args, '-t'], { stdio: 'pipe' });
    nginx = spawn(NGINX, args, { stdio: 'ignore' });
    children.push(nginx);

    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    const { id } = await ensureUser(database.db, { email: 'secretariat@deploy.example', name: 'Secretariat', roles: [{ role: 'secretariat' }] });
    sec = { id, email: 'secretariat@deploy.example', name: 'Secretariat', locale: null, roles: [{ role: 'secretariat', scope: '' }] };
    meetingId = await openMeeting(database.db, { slug: 'deploy', capacity: PLACES });
    for (let i = 0; i < SUBSCRIBERS; i++) await subscribeWithConsent(database.db, { email: `reader${i}@deploy.example`, name: `Reader ${i}`, locale: 'en', source: 'admin' });
    const created = await createIssue(database.db, sec, { slug: 'deploy-news', defaultLocale: 'en' });
    if (!created.ok) throw new Error(created.reason);
    issueId = created.id;
    await saveVersion(database.db, sec, (await getIssue(database.db, sec, issueId))!, 'en', { subject: 'Deployment news', body: 'Two instances, one newsletter.' });
    await saveAudience(database.db, sec, (await getIssue(database.db, sec, issueId))!, {}, { rate: 1000, batchSize: 4 });

    // nginx answers once its port is open.
    for (let tries = 0; ; tries++) {
      const ok = await new Promise<boolean>((r) => {
        const s = connect({ host: '127.0.0.1', port });
        s.once('connect', () => (s.destroy(), r(true)));
        s.once('error', () => r(false));
      });
      if (ok) break;
      if (tries > 50) throw new Error(`nginx did not start:\n${readFileSync(join(dir, 'error.log'), 'utf8')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.session.close();
    await stop(nginx);
    await Promise.all(children.map(stop));
    await smtp?.stop();
    await database?.close();
    if (dbName) {
      const admin = new pg.Client({ connectionString: SERVER });
      await admin.connect();
      await admin.query(`drop database if exists "${dbName}" with (force)`);
      await admin.end();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('both instances started at once on the empty database, each migration applied once; nginx speaks HTTP/2 and compresses nothing itself', async () => {
    const { rows } = (await database.db.execute(sql`select count(*)::int as n, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number; distinct: number }[] };
    expect(rows[0]!.n).toBe(rows[0]!.distinct);
    expect(rows[0]!.n).toBeGreaterThan(10);

    const reader = new Client();
    const page = await reader.request('GET', '/en/sign-in', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(reader.session.alpnProtocol).toBe('h2');
    expect(page.status).toBe(200);
    // Compressed once, by the app: one encoding, and the bytes are the page.
    expect(page.headers['content-encoding']).toBe('br');
    const html = brotliDecompressSync(page.body).toString('utf8');
    expect(html).toContain('<h1');
    // A static file: immutable for a year, and kept by nginx (its cache folder is no longer empty).
    const css = /href="(\/static\/[^"]+\.css)"/.exec(html)![1]!;
    const asset = await reader.request('GET', css, { headers: { 'accept-encoding': 'gzip' } });
    expect([asset.status, asset.headers['cache-control'], asset.headers['content-encoding']]).toEqual([200, 'public, max-age=31536000, immutable', 'gzip']);
    expect(readdirSync(join(dir, 'cache'), { recursive: true }).length).toBeGreaterThan(0);
    // The metrics are per instance and not for the public: nginx does not pass them on.
    expect((await reader.request('GET', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
  });

  it(`${PEOPLE} people register at once for ${PLACES} places, through both instances: ${PLACES} confirmed, the rest waiting, nobody twice; each seen at their own address`, async () => {
    const people = Array.from({ length: PEOPLE }, (_, i) => ({ address: `127.0.1.${i + 1}`, email: `person${i}@deploy.example` }));
    const answers = await Promise.all(
      people.map(async (p, i) => {
        const reader = new Client(p.address);
        const page = await reader.request('GET', '/en/meetings/deploy/register');
        expect(page.status).toBe(200);
        const fields = new URLSearchParams({ ...hiddenFields(page.text, '/en/meetings/deploy/register'), name: `Person ${i}`, email: p.email, country: 'KE', category: 'practitioner', consent: 'yes' }).toString();
        // A forged X-Forwarded-For is replaced by nginx; every fourth person presses the button twice.
        const post = () => reader.request('POST', '/en/meetings/deploy/register', { headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.7' }, body: fields });
        return Promise.all(i % 4 === 0 ? [post(), post()] : [post()]);
      }),
    );
    expect(answers.flat().map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    expect(new Set(answers.flat().map((a) => portOf(a.upstream)))).toEqual(new Set(instances.map((i) => i.port)));

    const { rows } = (await database.db.execute(sql`select email, status from meeting_registrations where meeting_id = ${meetingId}`)) as unknown as { rows: { email: string; status: string }[] };
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(PLACES);
    expect(rows.filter((r) => r.status === 'waiting')).toHaveLength(PEOPLE - PLACES);
    expect(new Set(rows.map((r) => r.email)).size).toBe(rows.length);
    expect(rows).toHaveLength(PEOPLE);

    // Each instance logged posts, each at the reader's own address (X-Forwarded-For, as nginx set it).
    for (const instance of instances) {
      const posts = requestsIn(instance).filter((r) => r.method === 'POST' && r.url === '/en/meetings/deploy/register');
      expect(posts.length).toBeGreaterThan(0);
      expect(posts.every((r) => people.some((p) => p.address === r.remoteAddress))).toBe(true);
    }
  });

  let signedIn: Client;

  it('the Secretariat signs in with the link from the e-mail; the session works on both instances', async () => {
    signedIn = new Client();
    const sent = await signedIn.submit('/en/sign-in', '/en/sign-in/link', { email: 'secretariat@deploy.example' });
    expect(sent.status).toBe(200);
    const mail = await mailTo('secretariat@deploy.example');
    const link = new URL(new RegExp(`https://localhost:${port}/en/sign-in/link/[\\w-]+`).exec(mail.text ?? '')![0]);
    const done = await signedIn.submit(link.pathname, link.pathname, {});
    expect(done.status).toBe(303);
    expect(signedIn.cookies.has('bridges_session')).toBe(true);
    const pages = await Promise.all(Array.from({ length: 4 }, () => signedIn.request('GET', '/en/account')));
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200]);
    expect(pages.every((p) => p.text.includes('secretariat@deploy.example'))).toBe(true);
    expect(new Set(pages.map((p) => portOf(p.upstream)))).toEqual(new Set(instances.map((i) => i.port)));
  });

  it('a file of nearly the upload limit, uploaded through one instance, is read back whole through the other', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const file = Buffer.concat([png, randomBytes(MAX_UPLOAD_BYTES - 4096 - png.length)]);
    const action = `/en/admin/newsletter/${issueId}/image`;
    const form = await signedIn.request('GET', `/en/admin/newsletter/${issueId}`);
    const boundary = `----bridges${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${hiddenFields(form.text, action)._csrf}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="large.png"\r\nContent-Type: image/png\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await signedIn.request('POST', action, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
    expect(up.status).toBe(303);
    const key = new URL(String(up.headers.location), 'https://x').searchParams.get('image');
    expect(key).toBeTruthy();
    let back: Answer | undefined;
    for (let i = 0; i < 4 && (!back || back.upstream === up.upstream); i++) back = await new Client().request('GET', `/en/newsletter/images/${key}`);
    expect(back!.upstream).not.toBe(up.upstream);
    expect(back!.status).toBe(200);
    expect(createHash('sha256').update(back!.body).digest('hex')).toBe(createHash('sha256').update(file).digest('hex'));
  });

  it('a newsletter goes out once to each subscriber, though both instances run workers; both report the same figures, and both show it in the archive they keep in memory', async () => {
    // The public archive, from each instance's page cache: kept (a hit the second time), without the issue.
    const archive = (i: Instance) => fetch(`http://127.0.0.1:${i.port}/en/newsletter`).then(async (res) => ({ cache: res.headers.get('x-page-cache'), body: await res.text() }));
    // (A worker's write elsewhere may make a read a miss: read until the page is kept.)
    for (const i of instances) {
      let kept = await archive(i);
      for (let tries = 0; kept.cache !== 'hit' && tries < 20; tries++) {
        await new Promise((res) => setTimeout(res, 50));
        kept = await archive(i);
      }
      expect([kept.cache, kept.body.includes('Deployment news')]).toEqual(['hit', false]);
    }
    const r = await sendIssueNow(database.db, sec, (await getIssue(database.db, sec, issueId))!);
    expect(r).toEqual({ ok: true, recipients: SUBSCRIBERS });
    const copies = () => smtp.received.filter((m) => m.mail.subject === 'Deployment news').flatMap((m) => m.to);
    for (let i = 0; copies().length < SUBSCRIBERS || (await getIssue(database.db, sec, issueId))!.status !== 'sent'; i++) {
      if (i > 100) throw new Error(`the issue was not sent: ${copies().length} of ${SUBSCRIBERS} messages`);
      await new Promise((res) => setTimeout(res, 100));
    }
    // A second copy, had a second worker sent one, would be on its way by now.
    await new Promise((res) => setTimeout(res, 300));
    expect(copies().sort()).toEqual(Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i}@deploy.example`).sort());

    // Each instance, asked directly (as Prometheus does), reports the same shared figures.
    const figures = await Promise.all(
      instances.map(async (i) => {
        const res = await fetch(`http://127.0.0.1:${i.port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
        expect(res.status).toBe(200);
        return (await res.text()).split('\n').filter((l) => /^bridges_newsletter_sent_last_hour /.test(l));
      }),
    );
    expect(figures[0]).toEqual([`bridges_newsletter_sent_last_hour ${SUBSCRIBERS}`]);
    expect(figures[1]).toEqual(figures[0]);

    // The issue was sent by whichever worker claimed it: each instance's kept archive page gives way to one with the issue.
    for (const i of instances) {
      let seen = await archive(i);
      for (let tries = 0; !seen.body.includes('Deployment news') && tries < 30; tries++) {
        await new Promise((res) => setTimeout(res, 100));
        seen = await archive(i);
      }
      expect(seen.body, `instance on ${i.port}`).toContain('Deployment news');
    }
  });
});
