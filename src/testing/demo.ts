import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrate, openDatabase, type Database } from '../db/client.js';
import { seedDemo } from '../seed.js';
import { allModules } from '../server.js';
import { adoptManifests } from '../platform/manifests.js';
import type { Config } from '../config.js';

/**
 * The demo alliance, seeded once per test run and copied for each test that needs it.
 *
 * Seeding the demo runs every module's seed through the real services: about ten seconds. Thirty
 * test files start from it (every browser test and the whole-app tests), so the first of them in a
 * run seeds it once — into an archive of the embedded database, or a template database on the
 * PostgreSQL server — while the others wait, and each file gets its own copy in a second or less:
 * PGlite loads the archive (`loadDataDir`), PostgreSQL copies the template (`CREATE DATABASE …
 * TEMPLATE`). The seed itself still runs, through the real services, in every run that needs it.
 *
 * The demo is seeded with the tests' configuration, so its links (mails in the outbox, the sent
 * newsletter) name the tests' base address; a test whose server has another address (a browser
 * test listens on a free port) moves them with `rebase`.
 */

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/bridges/', import.meta.url));

/**
 * The archive of this run's seeded embedded database, made by the first test file that asks for it
 * while the others wait (a lock folder: mkdir is atomic across processes). `run` names the run.
 */
export async function demoArchive(run: string, config: Config): Promise<string> {
  const path = join(CACHE, `demo-${run}.tar.gz`);
  const lock = `${path}.lock`;
  mkdirSync(CACHE, { recursive: true });
  for (;;) {
    if (existsSync(path)) return path;
    try {
      mkdirSync(lock);
    } catch {
      // Another file is seeding it; a lock left by a process that died is taken over after two minutes.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (!existsSync(path)) {
        const database = await openDatabase({});
        try {
          await seed(database, config);
          const archive = Buffer.from(await (await database.pglite!.dumpDataDir('gzip')).arrayBuffer());
          // Written under another name and renamed: a reader never sees half an archive.
          writeFileSync(`${path}.tmp`, archive);
          renameSync(`${path}.tmp`, path);
        } finally {
          await database.close();
        }
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** The demo's seed, as the command line runs it: the modules' manifests adopted first (events, catalog…). */
async function seed(database: Database, config: Config): Promise<void> {
  adoptManifests(allModules());
  await migrate(database);
  await seedDemo(database.db, config);
}

/** Removes the run's archive (at the end of the run). */
export function removeDemoArchive(run: string): void {
  rmSync(join(CACHE, `demo-${run}.tar.gz`), { force: true });
}

/** An embedded database holding the demo, loaded from the run's archive. */
export async function embeddedDemo(archive: string): Promise<Database> {
  return openDatabase({ loadDataDir: new Blob([readFileSync(archive)]) });
}

/**
 * A new database on the server copied from one of the run's template databases — migrated, and
 * with `demo` also seeded — which the first caller makes while the others wait (an advisory lock
 * on the server). Copying takes a fraction of a second; applying the migrations about one.
 */
export async function serverCopy(serverUrl: string, template: string, name: string, demo: Config | undefined): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (!rowCount) await makeTemplate(serverUrl, template, demo);
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [template]).catch(() => {});
    await admin.end();
  }
}

/** Makes a template database on the server: migrated, and seeded with the demo when `demo` is given. Its connections are closed on return. */
async function makeTemplate(serverUrl: string, name: string, demo: Config | undefined): Promise<void> {
  // Made under another name and renamed when complete: a seed that fails leaves no half template.
  const making = `${name}_making`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${making}" with (force)`);
    await admin.query(`create database "${making}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${making}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    try {
      if (demo) await seed(database, demo);
      else await migrate(database);
    } finally {
      await database.close();
    }
    await admin.query(`alter database "${making}" rename to "${name}"`);
  } finally {
    await admin.end();
  }
}

/**
 * Moves the demo's links from one base address to another: every text and JSON value in the
 * database that holds `from` gets `to` instead (the seeds write links into mails and newsletters).
 */
export async function rebase(database: Database, from: string, to: string): Promise<void> {
  if (from === to) return;
  const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? [])) as T[];
  const columns = rowsOf<{ t: string; c: string; type: string }>(
    await database.db.execute(
      sql`select table_name as t, column_name as c, data_type as type from information_schema.columns
          where table_schema = 'public' and data_type in ('text', 'jsonb', 'character varying')`,
    ),
  );
  // Which columns hold the address at all, in one query; then one update for each of those (a handful).
  const holds = (t: string, c: string) => sql`select ${t} as t, ${c} as c from ${sql.identifier(t)} where strpos(${sql.identifier(c)}::text, ${from}) > 0 limit 1`;
  const found = columns.length
    ? rowsOf<{ t: string; c: string }>(await database.db.execute(sql.join(columns.map((x) => sql`(${holds(x.t, x.c)})`), sql` union all `)))
    : [];
  for (const { t, c } of found) {
    const col = sql.identifier(c);
    const value = columns.find((x) => x.t === t && x.c === c)!.type === 'jsonb' ? sql`replace(${col}::text, ${from}, ${to})::jsonb` : sql`replace(${col}, ${from}, ${to})`;
    await database.db.execute(sql`update ${sql.identifier(t)} set ${col} = ${value} where strpos(${col}::text, ${from}) > 0`);
  }
}
