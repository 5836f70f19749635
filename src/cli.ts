import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.js';
import { migrate, openDatabase, type Database } from './db/client.js';
import { DataDirLockedError } from './db/lock.js';
import { seedDemo } from './seed.js';
import { createSignInLink, ensureUser, normalizeEmail } from './platform/auth/service.js';
import { recordAudit } from './platform/audit/service.js';
import { adoptManifests } from './platform/manifests.js';
import { allModules } from './server.js';
import { rebuildSearchIndex } from './modules/publications/service.js';

const USAGE = `Usage: npm run bridges -- <command>

Commands:
  migrate                 apply database migrations
  seed-demo               load the demo alliance (idempotent)
  search-index            make the publications' search index anew from the published items
  create-admin <email>    create (or promote) a Secretariat account and print a one-time sign-in link
                          [--name "Full Name"]
  backup <file>           write the embedded database to a file (stop Bridges first)
  restore <file>          replace the embedded database with a backup (stop Bridges first;
                          the current data folder is kept beside it as pglite.before-restore-<time>)
`;

export class CliError extends Error {}

async function withDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Runs one command; returns what to print. Exported for tests. */
export async function runCli(args: string[], config: Config): Promise<string> {
  const [command, ...rest] = args;
  // Services called from here (the demo seed, now or later) find every module's eraser as in the app.
  adoptManifests(allModules());
  switch (command) {
    case 'migrate':
      await withDatabase(config, async () => {});
      return 'Migrations applied.';

    case 'seed-demo':
      await withDatabase(config, (d) => seedDemo(d.db, config));
      return 'Demo data loaded.';

    case 'search-index': {
      const n = await withDatabase(config, (d) => rebuildSearchIndex(d.db));
      return `Search index made anew: ${n} published ${n === 1 ? 'item' : 'items'}.`;
    }

    case 'create-admin': {
      const email = rest.find((a) => !a.startsWith('--'));
      if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new CliError('create-admin needs an e-mail address, e.g. create-admin ana@example.org');
      const nameAt = rest.indexOf('--name');
      const name = nameAt >= 0 ? (rest[nameAt + 1] ?? '') : normalizeEmail(email).split('@')[0]!;
      const link = await withDatabase(config, async (d) => {
        const { id } = await ensureUser(d.db, { email, name, roles: [{ role: 'secretariat' }] });
        await recordAudit(d.db, null, { action: 'user.role.grant', targetType: 'user', targetId: normalizeEmail(email), after: { roles: ['secretariat'] }, ip: 'cli' });
        return createSignInLink(d.db, id, config.baseUrl, 'en');
      });
      return `Secretariat account ready for ${normalizeEmail(email)}. One-time sign-in link (valid 20 minutes):\n\n  ${link}\n`;
    }

    case 'backup': {
      const file = rest[0];
      if (!file) throw new CliError('backup needs a file name, e.g. backup bridges-2026-11-23.tar.gz');
      if (config.databaseUrl) throw new CliError('backup is for the embedded database. With DATABASE_URL, use pg_dump.');
      const bytes = await withDatabase(config, async (d) => {
        const blob = await d.pglite!.dumpDataDir('gzip');
        return Buffer.from(await blob.arrayBuffer());
      });
      mkdirSync(dirname(resolve(file)), { recursive: true });
      writeFileSync(file, bytes);
      return `Backup written to ${file} (${bytes.length} bytes).`;
    }

    case 'restore': {
      const file = rest[0];
      if (!file) throw new CliError('restore needs a backup file, e.g. restore bridges-2026-11-23.tar.gz');
      if (config.databaseUrl) throw new CliError('restore is for the embedded database. With DATABASE_URL, use pg_restore.');
      if (!existsSync(file)) throw new CliError(`No such file: ${file}`);
      const archive = new Blob([readFileSync(file)]);
      const dataDir = resolve(config.dataDir);
      const target = join(dataDir, 'pglite');
      // Take the lock first (open without data), so a running Bridges is never restored under its feet.
      const probe = await openDatabase({ dataDir });
      await probe.close();
      const kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      if (existsSync(target)) renameSync(target, kept);
      try {
        const restored = await openDatabase({ dataDir, loadDataDir: archive });
        try {
          await migrate(restored);
        } finally {
          await restored.close();
        }
      } catch (err) {
        if (existsSync(kept)) {
          const { rmSync } = await import('node:fs');
          rmSync(target, { recursive: true, force: true });
          renameSync(kept, target);
        }
        throw new CliError(`The backup could not be restored (${(err as Error).message}); the data folder is unchanged.`);
      }
      return `Restored ${file}. The previous data is kept in ${kept}.`;
    }

    default:
      throw new CliError(command ? `Unknown command: ${command}\n\n${USAGE}` : USAGE);
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]).replace(/\.ts$/, '') === resolve(new URL(import.meta.url).pathname).replace(/\.ts$/, '');
if (isMain) {
  (async () => {
    try {
      const out = await runCli(process.argv.slice(2), loadConfig());
      console.log(out);
    } catch (err) {
      if (err instanceof ConfigError || err instanceof CliError || err instanceof DataDirLockedError) {
        console.error(err.message);
        process.exit(2);
      }
      console.error(err);
      process.exit(1);
    }
  })();
}
