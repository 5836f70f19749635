import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/client.js';
import { randomUUID } from 'node:crypto';
import { createBulkSender, createTransport, deliverDueMail, type BulkMailer } from './mail/delivery.js';
import { enqueueJob, runDueJobs, type JobHandler } from './jobs/queue.js';

export interface WorkerOptions {
  db: Db;
  smtpUrl?: string;
  mailFrom: string;
  baseUrl: string;
  handlers: Record<string, JobHandler>;
  /** Jobs of the modules to run once a day (across all instances), besides the platform's clean-up. */
  dailyJobs?: string[];
  /** Bulk senders (the newsletter), run after the transactional outbox each round. */
  bulkMailers?: BulkMailer[];
  /** The server's secret, for signed links in bulk mail. */
  secret?: string;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** How often to look for due work when idle. */
  intervalMs?: number;
}

export interface Worker {
  /** Runs one round now (tests call this instead of waiting). */
  tick(): Promise<{ mail: number; jobs: number; bulk: number }>;
  stop(): Promise<void>;
}

/**
 * The in-process worker: delivers the outbox through SMTP (when SMTP_URL is set; otherwise mail
 * waits in the outbox, readable at the admin Mailbox) and runs due jobs. Every instance of the
 * app may run one: rows are claimed with SKIP LOCKED. A daily clean-up job is scheduled once per
 * day across all instances by its unique key.
 */
export function startWorker(opts: WorkerOptions, autoStart = true): Worker {
  const transport: Transporter | undefined = opts.smtpUrl ? createTransport(opts.smtpUrl) : undefined;
  const bulk = opts.bulkMailers?.length ? createBulkSender(opts.db, opts.smtpUrl, opts.mailFrom) : undefined;
  const holder = randomUUID();
  let bulkWaitMs: number | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let scheduledDay = '';

  async function tick() {
    const day = new Date().toISOString().slice(0, 10);
    if (day !== scheduledDay) {
      for (const name of ['platform.purgeExpired', ...(opts.dailyJobs ?? [])]) await enqueueJob(opts.db, name, {}, { uniqueKey: `${name}:${day}` });
      scheduledDay = day;
    }
    let mail = 0;
    if (transport) {
      const r = await deliverDueMail(opts.db, transport, opts.mailFrom);
      mail = r.sent + r.failed + r.retried;
      if (r.failed) opts.log.warn({ failed: r.failed }, 'mail failed permanently');
    }
    const jobs = await runDueJobs(opts.db, opts.handlers, { baseUrl: opts.baseUrl });
    // Transactional mail went first; now one slice of bulk mail, so a newsletter never holds it up for long.
    let sent = 0;
    bulkWaitMs = null;
    for (const mailer of bulk ? opts.bulkMailers! : []) {
      const r = await mailer({ db: opts.db, baseUrl: opts.baseUrl, secret: opts.secret ?? '', holder, mailFrom: opts.mailFrom, send: bulk!.send });
      if (r) {
        sent += r.sent;
        bulkWaitMs = Math.min(bulkWaitMs ?? Infinity, r.waitMs);
      }
    }
    return { mail, jobs, bulk: sent };
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .then((r) => schedule(r.mail || r.jobs ? 0 : Math.min(bulkWaitMs ?? Infinity, opts.intervalMs ?? 1000)))
        .catch((err) => {
          opts.log.error({ err }, 'worker round failed');
          schedule(5000);
        });
    }, delay);
  }
  if (autoStart) schedule(0);

  return {
    tick: () => tick(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => {});
      transport?.close();
      bulk?.close();
    },
  };
}
