import type { FastifyBaseLogger } from 'fastify';
import { ConfigError, loadConfig, type Config } from './config.js';
import type { Db } from './db/client.js';
import { openEmbedded } from './db/embedded.js';
import { DataDirLockedError } from './db/lock.js';
import type { ModuleManifest } from './platform/module.js';

/**
 * Starts Bridges: configuration, database, migrations, demo data on first start, HTTP, worker.
 * The embedded database starts opening (in its thread) before the rest of Bridges is loaded: the
 * two take about half a second each, and run side by side.
 */
async function main() {
  const started = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }

  const embedded = config.databaseUrl ? undefined : openEmbedded({ dataDir: config.dataDir });
  embedded?.catch(() => {}); // its failure is met below, once the modules are loaded
  const [{ migrate, openDatabase }, { buildApp, allModules }, { seedDemo, DEMO_SECRETARIAT_EMAIL }, { createSignInLink }, { startWorker }, { fileStore, moveFolderFiles }] = await Promise.all([
    import('./db/client.js'),
    import('./server.js'),
    import('./seed.js'),
    import('./platform/auth/service.js'),
    import('./platform/worker.js'),
    import('./platform/files/storage.js'),
  ]);

  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, embedded });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(`Bridges cannot start: ${err.message}`);
      process.exit(3);
    }
    throw err;
  }
  // A failed embedded database fails every request from then on: better to stop, and be started again.
  database.pglite?.whenLost((err) => {
    console.error(`The embedded database stopped (${err.message}); Bridges stops too.`);
    process.exit(1);
  });
  await migrate(database);
  if (config.filesStore !== 'folder') {
    const moved = await moveFolderFiles(fileStore(database.db, config), config.filesDir);
    if (moved) console.log(`Moved ${moved} uploaded files from ${config.filesDir} into the ${config.filesStore === 's3' ? 'S3 bucket' : 'database'}.`);
  }

  const app = await buildApp({ config, database });
  const log = app.log;

  if (config.seedDemo) {
    const secretariatId = await seedDemo(database.db, config, { onlyIfEmpty: true, workerRuns: config.worker });
    if (secretariatId) {
      const link = await createSignInLink(database.db, secretariatId, config.baseUrl, 'en');
      console.log(
        `\nDemo data loaded: the Global Alliance on the Science of Learning for Education.\n` +
          `Sign in as the demo Secretariat (${DEMO_SECRETARIAT_EMAIL}) with this one-time link:\n\n  ${link}\n\n` +
          `For another link later: npm run bridges -- create-admin ${DEMO_SECRETARIAT_EMAIL}\n`,
      );
    }
  }

  const handlers = Object.assign({}, ...allModules().map((m) => m.jobs ?? {}));
  const bulkMailers = allModules().flatMap((m) => (m.bulkMail ? [m.bulkMail] : []));
  const worker = config.worker ? startWorker({ db: database.db, smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, baseUrl: config.baseUrl, secret: config.sessionSecret, handlers, dailyJobs: allModules().flatMap((m) => m.dailyJobs ?? []), bulkMailers, log }) : undefined;
  const inbound = config.worker && config.inboundSmtpPort !== undefined ? await startInbound(config, database.db, allModules(), log) : undefined;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close(); // stops accepting, waits for requests in flight
      await worker?.stop();
      await inbound?.stop();
      await database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  log.info(
    { url: config.baseUrl, database: database.driver, startupMs: Math.round(performance.now() - started), smtp: !!config.smtpUrl },
    `Bridges is running at ${config.baseUrl}`,
  );
}

/**
 * The listener for replies by e-mail, with every module's handlers. Loaded only when configured:
 * its mail parsing libraries are not needed otherwise.
 */
async function startInbound(config: Config, db: Db, modules: ModuleManifest[], log: FastifyBaseLogger) {
  const { inboundHandlersOf, startInboundSmtp } = await import('./platform/mail/inbound.js');
  const listener = await startInboundSmtp({
    db,
    handlers: inboundHandlersOf(modules),
    secret: config.sessionSecret,
    domain: config.inboundMailDomain,
    baseUrl: config.baseUrl,
    host: config.inboundSmtpHost,
    port: config.inboundSmtpPort!,
    log,
  });
  log.info({ host: config.inboundSmtpHost, port: listener.port, domain: config.inboundMailDomain }, `Replies by e-mail are received on port ${listener.port} for reply+…@${config.inboundMailDomain}`);
  return listener;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
