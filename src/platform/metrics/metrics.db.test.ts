import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp, testConfig, type TestApp } from '../../testing/app.js';
import { buildApp } from '../../server.js';
import { queueMail } from '../mail/outbox.js';
import { signInLinkMail } from '../auth/emails.js';
import { enqueueJob } from '../jobs/queue.js';
import { bearerMatches } from './plugin.js';

const TOKEN = 'metrics-token-0123456789abcdef-0123456789';

let t: TestApp; // metrics off (no METRICS_TOKEN)
let on: FastifyInstance; // the same app and database, with a token
beforeAll(async () => {
  t = await testApp();
  on = await buildApp({ config: testConfig({ METRICS_TOKEN: TOKEN }), database: t.database, logger: false });
  await on.ready();
});
afterAll(async () => {
  await on.close();
  await t.close();
});

type Samples = Map<string, number>;

/**
 * Parses the Prometheus text exposition format (version 0.0.4) strictly: every line is a HELP or
 * TYPE comment or a sample of a family whose TYPE came before; names, labels and values are well
 * formed. Returns each sample's value by its name and labels as written.
 */
function parseExposition(text: string): Samples {
  const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
  const sample = new RegExp(`^(${NAME})(\\{(?:${LABEL}(?:,${LABEL})*,?)?\\})? (\\S+)(?: -?\\d+)?$`);
  const types = new Map<string, string>();
  const samples: Samples = new Map();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      expect(types.has(type[1]!), `TYPE of ${type[1]} given twice`).toBe(false);
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (new RegExp(`^# HELP ${NAME} `).test(line)) continue;
    const m = sample.exec(line);
    expect(m, `not a sample: ${line}`).not.toBeNull();
    const [, name, labels = '', value] = m!;
    const family = types.has(name!) ? name! : name!.replace(/_(bucket|sum|count|total|created)$/, '');
    expect(types.has(family) || types.has(name!), `no TYPE for ${name}`).toBe(true);
    expect(value, `value of ${name}`).toMatch(/^([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?Inf|NaN|Nan)$/);
    samples.set(`${name}${labels}`, Number(value));
  }
  return samples;
}

async function scrape(): Promise<Samples> {
  const res = await on.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parseExposition(res.body);
}

describe('GET /metrics', () => {
  it('answers 404 when METRICS_TOKEN is not set, even to a bearer of some token', async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}`]) {
      const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe('Not found');
    }
  });

  it('with a token set, answers a missing or wrong token exactly as if it were off: nothing tells it exists', async () => {
    const off = await t.app.inject({ method: 'GET', url: '/metrics' });
    for (const authorization of [undefined, '', 'Bearer', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`, TOKEN, `Bearer ${TOKEN} x`]) {
      const res = await on.inject({ method: 'GET', url: '/metrics', headers: authorization === undefined ? {} : { authorization } });
      expect({ authorization, status: res.statusCode, body: res.body, type: res.headers['content-type'] }).toEqual({ authorization, status: off.statusCode, body: off.body, type: off.headers['content-type'] });
    }
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    // RFC 6750: one or more spaces after the scheme.
    expect(bearerMatches(`Bearer  ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches('Bearer ', '')).toBe(false);
    // A token too short to be secret stops Bridges at start, naming the variable.
    expect(() => testConfig({ METRICS_TOKEN: 'secret' })).toThrow(/METRICS_TOKEN="secret": must be 24 to 200 printable characters/);
  });

  it('with the token: Prometheus text, with this instance’s process figures and the shared queues', async () => {
    const s = await scrape();
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'bridges_database_up', 'bridges_jobs_queued', 'bridges_jobs_running', 'bridges_jobs_failed', 'bridges_outbox_depth', 'bridges_outbox_failed', 'bridges_outbox_oldest_due_seconds', 'bridges_newsletter_pending', 'bridges_newsletter_sent_last_minute', 'bridges_newsletter_sent_last_hour']) {
      expect(s.has(name), name).toBe(true);
    }
    expect(s.get('bridges_database_up')).toBe(1);
  });

  it('counts requests by route pattern and status class, with their latency; an unknown path is not a label of its own', async () => {
    const ok = 'bridges_http_requests_total{method="GET",route="/healthz",status="2xx"}';
    const timed = 'bridges_http_request_duration_seconds_count{method="GET",route="/healthz"}';
    const page = 'bridges_http_requests_total{method="GET",route="/:locale/sign-in",status="2xx"}';
    const missing = 'bridges_http_requests_total{method="GET",route="unmatched",status="4xx"}';
    const before = await scrape();
    expect((await on.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await on.inject({ method: 'GET', url: '/fr/sign-in' })).statusCode).toBe(200);
    expect((await on.inject({ method: 'GET', url: '/en/no-such-page-4711' })).statusCode).toBe(404);
    const after = await scrape();
    expect((after.get(ok) ?? 0) - (before.get(ok) ?? 0)).toBe(1);
    expect((after.get(timed) ?? 0) - (before.get(timed) ?? 0)).toBe(1);
    expect(after.get('bridges_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/healthz"}')).toBe(after.get(timed));
    expect((after.get(page) ?? 0) - (before.get(page) ?? 0)).toBe(1);
    expect((after.get(missing) ?? 0) - (before.get(missing) ?? 0)).toBe(1);
    expect([...after.keys()].some((k) => k.includes('no-such-page'))).toBe(false);
  });

  it('reads the outbox and the job queue from the database at each scrape, so every instance reports the same', async () => {
    const before = await scrape();
    await queueMail(t.db, { to: 'amina@example.org', locale: 'fr', template: signInLinkMail, data: { name: 'Amina', link: 'http://127.0.0.1:3000/fr/sign-in/link/abc', minutes: 20 } });
    await enqueueJob(t.db, 'test.metrics', {}, { runAt: new Date(Date.now() + 3_600_000) });
    const after = await scrape();
    expect(after.get('bridges_outbox_depth')! - before.get('bridges_outbox_depth')!).toBe(1);
    expect(after.get('bridges_outbox_oldest_due_seconds')).toBeGreaterThanOrEqual(0);
    expect(after.get('bridges_jobs_queued')! - before.get('bridges_jobs_queued')!).toBe(1);
  });
});
