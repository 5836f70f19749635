import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { desc, eq } from 'drizzle-orm';
import { loadConfig, type Config } from '../config.js';
import { embeddedHandle, migrate, openDatabase, type Database } from '../db/client.js';
import { allModules, buildApp } from '../server.js';
import { createSession, ensureUser, SIGN_IN_LINK_JOB } from '../platform/auth/service.js';
import { runDueJobs } from '../platform/jobs/queue.js';
import { outbox } from '../platform/mail/schema.js';
import { translate } from '../platform/i18n/messages.js';
import { demoArchive, embeddedDemo, rebase, serverCopy } from './demo.js';

let counter = 0;

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or — in the postgres project —
 * a new database on the TEST_DATABASE_URL server (a copy of the run's migrated template), dropped
 * on close. With `demo`, a copy of the demo alliance (src/testing/demo.ts).
 */
export async function testDatabase(opts: { demo?: boolean } = {}): Promise<Database & { url?: string }> {
  if (process.env.BRIDGES_TEST_DB !== 'postgres') return opts.demo ? embeddedDemo(await demoArchive(inject('demoRun'), testConfig())) : embeddedDatabase();
  const base = process.env.TEST_DATABASE_URL!;
  const name = `bridges_test_${inject('pgRun')}_${process.pid}_${++counter}`;
  const run = `bridges_test_${inject('pgRun')}`;
  await serverCopy(base, opts.demo ? `${run}_demo` : `${run}_migrated`, name, opts.demo ? testConfig() : undefined);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/**
 * The embedded database of this test worker. Starting PGlite costs about two seconds (WebAssembly),
 * so each worker starts it once, migrated, and every test file after the first gets it emptied
 * (every table truncated, identities restarted) with a fresh Drizzle handle — as good as new. A file
 * that asks for a second database while its first is in use gets one of its own.
 */
let worker: { database: Database; inUse: boolean } | undefined;

async function embeddedDatabase(): Promise<Database> {
  if (worker?.inUse !== false) {
    const database = await openDatabase({});
    await migrate(database);
    if (worker) return database; // the worker's one is in use: this file's second database
    worker = { database, inUse: false };
  }
  const w = worker;
  w.inUse = true;
  const tables = (await w.database.pglite!.query<{ t: string }>(`select quote_ident(tablename) as t from pg_tables where schemaname = 'public'`)).rows.map((r) => r.t);
  await w.database.exec(`truncate ${tables.join(', ')} restart identity cascade`);
  return { ...w.database, db: await embeddedHandle(w.database.pglite!, w.database.writes), close: async () => void (w.inUse = false) };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '3000',
    SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789',
    FILES_DIR: mkdtempSync(join(tmpdir(), 'bridges-files-')),
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  database: Database & { url?: string };
  db: Database['db'];
  config: Config;
  close(): Promise<void>;
}

/**
 * Builds the app on a fresh database. Call close() in afterAll. With `log`, every log line (info and
 * up) is added to it. With `demo`, the database holds the demo alliance (seeded once per run:
 * src/testing/demo.ts), its links moved to this app's base address.
 */
export async function testApp(env: Record<string, string> = {}, opts: { log?: string[]; demo?: boolean } = {}): Promise<TestApp> {
  const database = await testDatabase({ demo: opts.demo });
  const config = testConfig(env);
  if (opts.demo) await rebase(database, testConfig().baseUrl, config.baseUrl);
  const log = opts.log;
  const logger = log ? { level: 'info', stream: { write: (line: string) => void log.push(line) } } : process.env.DEBUG_LOG ? { level: 'error' } : false;
  const app = await buildApp({ config, database, logger });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/**
 * Another instance of the app on the same database, as behind a load balancer: on PostgreSQL with
 * its own connections; on the embedded database (one process by design) the same one.
 */
export async function secondInstance(t: TestApp): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const database = t.database.url ? await openDatabase({ databaseUrl: t.database.url }) : undefined;
  const app = await buildApp({ config: t.config, database: database ?? t.database, logger: false });
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      await database?.close();
    },
  };
}

/** A person with the given roles, signed in: returns the Cookie header to send. */
export async function signedIn(t: TestApp, person: { email: string; name?: string; roles?: string[] }): Promise<string> {
  const { id } = await ensureUser(t.db, {
    email: person.email,
    name: person.name ?? person.email.split('@')[0]!,
    roles: (person.roles ?? []).map((role) => ({ role })),
  });
  const token = await createSession(t.db, id, 'test');
  return `bridges_session=${token}`;
}

/** Cookies from a response, merged into an existing Cookie header. */
export function mergeCookies(cookie: string, res: LightMyRequestResponse): string {
  const jar = new Map(
    cookie
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => [p.split('=')[0]!, p] as const),
  );
  for (const c of res.cookies) {
    if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
    else jar.set(c.name, `${c.name}=${c.value}`);
  }
  return [...jar.values()].join('; ');
}

/** The hidden form fields of the first form posting to `action` (or the first POST form) on a page. */
export function hiddenFields(html: string, action?: string): Record<string, string> {
  const forms = [...html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => /method="post"/.test(f[1]!) && (!action || f[1]!.includes(`action="${action}"`)));
  if (!form) throw new Error(`No POST form${action ? ` to ${action}` : ''} on the page`);
  const fields: Record<string, string> = {};
  for (const m of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  return fields;
}

/**
 * Submits a form as a browser would: loads `page`, takes the form's hidden fields (CSRF token,
 * double-submit key) and cookies, then POSTs `fields` to `action`.
 */
export async function submitForm(
  t: TestApp,
  opts: {
    page: string;
    action: string;
    fields: Record<string, string | string[]>;
    cookie?: string;
    headers?: Record<string, string>;
    /** Post to an action the page has no form for (a forged request), with the page's CSRF token. */
    forge?: boolean;
    /** The client's address (rate limits count per address). */
    remoteAddress?: string;
  },
): Promise<LightMyRequestResponse & { cookie: string }> {
  const page = await t.app.inject({ method: 'GET', url: opts.page, headers: { cookie: opts.cookie ?? '', ...opts.headers }, remoteAddress: opts.remoteAddress });
  if (page.statusCode !== 200) throw new Error(`GET ${opts.page} answered ${page.statusCode}`);
  const cookie = mergeCookies(opts.cookie ?? '', page);
  const body = new URLSearchParams();
  const hidden = opts.forge ? { _csrf: hiddenFields(page.body)._csrf ?? '' } : hiddenFields(page.body, opts.action);
  for (const [k, v] of Object.entries({ ...hidden, ...opts.fields })) {
    for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  }
  const res = await t.app.inject({
    method: 'POST',
    url: opts.action,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...opts.headers },
    payload: body.toString(),
    remoteAddress: opts.remoteAddress,
  });
  // A failure of the server or of the form itself (its token refused) is never what a test meant to post.
  if (res.statusCode >= 500) throw new Error(`POST ${opts.action} answered ${res.statusCode}`);
  if (res.statusCode === 403 && res.body.includes(translate('en', 'errors.csrf.title'))) throw new Error(`POST ${opts.action}: the form's token was refused`);
  return Object.assign(res, { cookie: mergeCookies(cookie, res) });
}

/** Mail a request leaves for after its answer (the sign-in link): sent now, as the worker would. */
export async function runDeferredMail(t: Pick<TestApp, 'db' | 'config'>): Promise<void> {
  const handlers = Object.assign({}, ...allModules().map((m) => m.jobs ?? {}));
  while ((await runDueJobs(t.db, handlers, { baseUrl: t.config.baseUrl, only: [SIGN_IN_LINK_JOB] })) > 0);
}

/** The newest e-mails in the outbox to an address (deferred mail sent first). */
export async function mailsTo(t: TestApp, to: string) {
  await runDeferredMail(t);
  return t.db.select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(desc(outbox.id));
}

/** The path of the private link in the newest e-mail to an address whose link matches `pattern` (as its owner would click it). */
export async function linkMailedTo(t: TestApp, to: string, pattern: RegExp): Promise<string> {
  const mail = (await mailsTo(t, to)).find((m) => pattern.test(m.text));
  if (!mail) throw new Error(`No e-mail to ${to} with a link matching ${pattern}`);
  return new URL(linkIn(mail.text, pattern)).pathname;
}

/** The private link to a meeting registration, from the newest e-mail about it. */
export const registrationLinkOf = (t: TestApp, email: string) => linkMailedTo(t, email, /https?:\/\/\S+\/registration\/[\w-]+/);

export function linkIn(text: string, pattern: RegExp): string {
  const m = text.match(pattern);
  if (!m) throw new Error(`No link matching ${pattern} in:\n${text}`);
  return m[0];
}

/**
 * The statements the app sends through a database handle while `fn` runs (the handle's query logger,
 * db/reads.ts, wrapped for the time): for tests that a page costs a constant number of queries.
 */
export async function queriesDuring(db: Database['db'], fn: () => Promise<unknown>): Promise<string[]> {
  const logger = (db as unknown as { session: { logger: { logQuery(query: string, params: unknown[]): void } } }).session.logger;
  const original = logger.logQuery;
  const statements: string[] = [];
  logger.logQuery = function (query, params) {
    statements.push(query);
    return original.call(this, query, params);
  };
  try {
    await fn();
  } finally {
    logger.logQuery = original;
  }
  return statements;
}
