/**
 * The embedded database's settings and its template.
 *
 * PGlite is PostgreSQL compiled to WebAssembly, in this process. Two of its costs are paid on
 * every machine and are avoidable:
 *
 * - Its settings are a server's. It gets 128 MB of shared buffers, and it clears them at every
 *   start. Bridges runs it with the small settings below: 16 MB of buffers is more than a
 *   small alliance's data, and the operating system caches the files anyway. A start on existing
 *   data takes about 0.5 s and 160 MB instead of 1.2 s and 280 MB.
 * - Creating an empty cluster (initdb) takes 5–9 s and about 800 MB, and applying the migrations
 *   to it another second, once per new folder and once per in-memory database. The result is the
 *   same every time, so it is made once, when Bridges is built (`npm ci` runs the build), and kept
 *   in node_modules/.cache: as a folder that a new data folder starts as a copy of, and as an
 *   archive that an in-memory database is loaded from. This is what PostgreSQL itself does with
 *   `template1`. Without a template (not built yet), PGlite runs initdb as before.
 *
 * The template's name holds PGlite's version, these settings and a hash of the migrations, so an
 * upgrade or a new migration makes a new one (the next build, or the tests' global setup).
 */
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed migrations (applied by db/client.ts; part of the template's name here). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** PostgreSQL settings of the embedded database (`-c name=value` at start). */
export const PGLITE_SETTINGS = ['shared_buffers=16MB', 'wal_buffers=1MB', 'max_connections=5'];

export function pgliteStartParams(defaults: readonly string[]): string[] {
  return [...defaults, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])];
}

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/bridges/', import.meta.url));

function pgliteVersion(): string {
  const pkg = fileURLToPath(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url));
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

let key: string | undefined;
/** Where the template of this PGlite version, these settings and these migrations lives: a folder and an archive. */
export function templatePaths(): { dir: string; archive: string } {
  if (!key) {
    const h = createHash('sha256').update(PGLITE_SETTINGS.join('\n'));
    const files = [...readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort(), 'meta/_journal.json'];
    for (const f of files) h.update(f).update(readFileSync(join(MIGRATIONS_FOLDER, f)));
    key = `pglite-${pgliteVersion()}-${h.digest('hex').slice(0, 12)}`;
  }
  return { dir: join(CACHE, key), archive: join(CACHE, `${key}.tar.gz`) };
}

/** True when the template is there (both parts: the archive is written last). */
export function hasTemplate(): boolean {
  const t = templatePaths();
  return existsSync(join(t.dir, 'PG_VERSION')) && existsSync(t.archive);
}

/**
 * Makes the template when it is missing: an empty cluster created with PGlite's own initdb and
 * shut down cleanly. Written under temporary names and renamed, so a build stopped half-way leaves
 * no half template. Returns false when it was already there.
 */
let making: Promise<boolean> | undefined;
export function ensureTemplate(): Promise<boolean> {
  if (hasTemplate()) return Promise.resolve(false);
  return (making ??= makeTemplate().finally(() => (making = undefined)));
}

async function makeTemplate(): Promise<boolean> {
  const t = templatePaths();
  const tmp = `${t.dir}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
  mkdirSync(CACHE, { recursive: true });
  try {
    // A data folder of its own (tmp/pglite), made as any other: PGlite's initdb, then migrations.
    // (Imported here, not above: db/client.ts imports this module, and light readers of the
    // settings, such as the PGlite memory bench, need not load the database client.)
    const { migrate, openDatabase } = await import('./client.js');
    const database = await openDatabase({ dataDir: tmp });
    let archive: Buffer;
    try {
      await migrate(database);
      archive = Buffer.from(await (await database.pglite!.dumpDataDir('gzip')).arrayBuffer());
    } finally {
      await database.close();
    }
    if (hasTemplate()) return false; // another process made it meanwhile
    // Templates of other versions, settings or migrations are of no more use.
    for (const old of readdirSync(CACHE)) if (/^pglite-/.test(old) && !old.includes('.tmp-')) rmSync(join(CACHE, old), { recursive: true, force: true });
    renameSync(join(tmp, 'pglite'), t.dir);
    writeFileSync(`${tmp}.tar.gz`, archive);
    renameSync(`${tmp}.tar.gz`, t.archive);
    return true;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(`${tmp}.tar.gz`, { force: true });
  }
}

/**
 * Prepares a new embedded database from the template when there is one: a data folder without a
 * cluster (missing or empty) becomes a copy of the template folder (copied beside it and renamed,
 * so an interrupted copy is never taken for a cluster); an in-memory database gets the archive.
 */
export function fromTemplate(dataPath: string | undefined): Blob | undefined {
  // A folder with a cluster (or anything PGlite will judge) is opened as it is: the usual start.
  if (dataPath && existsSync(dataPath) && readdirSync(dataPath).length > 0) return undefined;
  if (!hasTemplate()) return undefined;
  const t = templatePaths();
  if (!dataPath) return new Blob([readFileSync(t.archive)]);
  const tmp = `${dataPath}.new`;
  rmSync(tmp, { recursive: true, force: true });
  cpSync(t.dir, tmp, { recursive: true });
  rmSync(dataPath, { recursive: true, force: true }); // an empty folder
  renameSync(tmp, dataPath);
  return undefined;
}
