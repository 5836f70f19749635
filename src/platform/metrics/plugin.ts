import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Gauge, Registry } from 'prom-client';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { readSharedFigures, type SharedFigures } from './shared.js';
import { bearerToken } from '../http/params.js';

export interface MetricsOptions {
  config: Pick<Config, 'metricsToken'>;
  db: Db;
}

/** Latency buckets (seconds): a page from memory takes a millisecond, a PDF or an export a few seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Where a request matched no route (an unknown path): one label, not one per address asked. */
const UNMATCHED = 'unmatched';

/** True when the Authorization header carries the token; the comparison takes the same time whatever it holds. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = bearerToken(header) ?? '';
  // Hashes of both: equal lengths for timingSafeEqual, and the token's length is not revealed either.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}

/**
 * GET /metrics in Prometheus text format, for an operator's monitoring (docs/deploy.md).
 * Off unless METRICS_TOKEN is set, and then only with `Authorization: Bearer <token>`; otherwise
 * the same 404 as for any unknown address, so a stranger cannot tell whether it is on.
 *
 * Two kinds of figures:
 *  - this process's own: requests by route pattern and status class, their latency, memory, CPU,
 *    event loop (each instance is scraped on its own address);
 *  - the shared queues, read from the database at each scrape, so every instance reports the same
 *    truth: jobs waiting, running and failed, the mail outbox's depth, the newsletter's sending.
 */
export const metricsPlugin = fp<MetricsOptions>(async (app, { config, db }) => {
  const token = config.metricsToken;
  const notFound = (reply: FastifyReply) => reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found');

  if (!token) {
    app.get('/metrics', async (_req, reply) => notFound(reply));
    return;
  }

  // Loaded only when metrics are on (a Bridges without METRICS_TOKEN never needs it).
  const { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } = await import('prom-client');
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'bridges_http_requests_total', help: 'HTTP requests answered by this instance, by route pattern and status class.', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({ name: 'bridges_http_request_duration_seconds', help: 'Time to answer an HTTP request in this instance, by route pattern.', labelNames: ['method', 'route'], buckets: BUCKETS, registers: [registry] });
  const shared = sharedGauges(registry, Gauge);

  app.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = req.routeOptions.url ?? UNMATCHED;
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    requests.inc({ method, route, status: `${Math.floor(reply.statusCode / 100)}xx` });
    latency.observe({ method, route }, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', async (req, reply) => {
    if (!bearerMatches(req.headers.authorization, token)) return notFound(reply);
    shared.set(await readSharedFigures(db).catch((err: unknown) => {
      req.log.warn({ err }, 'metrics: the database could not be read');
      return null;
    }));
    return reply.header('cache-control', 'no-store').type(registry.contentType).send(await registry.metrics());
  });
});

/** The gauges of figures every instance shares (read from the database at each scrape). */
function sharedGauges(registry: Registry, Gauge: typeof import('prom-client').Gauge) {
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  const up = gauge('bridges_database_up', '1 when this instance could read the shared figures from the database at this scrape, else 0.');
  const gauges: Record<keyof SharedFigures, Gauge> = {
    jobsQueued: gauge('bridges_jobs_queued', 'Background jobs waiting to run (due or later), all instances.'),
    jobsRunning: gauge('bridges_jobs_running', 'Background jobs being run now, all instances.'),
    jobsFailed: gauge('bridges_jobs_failed', 'Background jobs that failed for good (kept one day), all instances.'),
    outboxDepth: gauge('bridges_outbox_depth', 'E-mails in the outbox not sent yet (waiting or being sent), all instances.'),
    outboxFailed: gauge('bridges_outbox_failed', 'E-mails in the outbox the mail server refused for good.'),
    outboxOldestSeconds: gauge('bridges_outbox_oldest_due_seconds', 'Age of the oldest e-mail due and not sent (0 when none): grows while delivery is stalled.'),
    newsletterPending: gauge('bridges_newsletter_pending', 'Newsletter messages still to send, in issues sending or paused.'),
    newsletterSentLastMinute: gauge('bridges_newsletter_sent_last_minute', 'Newsletter messages the mail server accepted in the last minute, all instances.'),
    newsletterSentLastHour: gauge('bridges_newsletter_sent_last_hour', 'Newsletter messages the mail server accepted in the last hour, all instances.'),
  };
  return {
    set(figures: SharedFigures | null) {
      up.set(figures ? 1 : 0);
      for (const [key, g] of Object.entries(gauges) as [keyof SharedFigures, Gauge][]) {
        // Without a fresh reading, no figure rather than an old one.
        if (figures) g.set(figures[key]);
        else g.reset();
      }
    },
  };
}
