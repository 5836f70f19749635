import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema.js';
import { drizzleOptions, type WriteListeners } from './reads.js';
import { syncContentTriggers } from './content.js';
import { MIGRATIONS_FOLDER } from './template.js';
import { openEmbedded, type Embedded, type EmbeddedPglite } from './embedded.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Run a plain SQL script (several statements, no parameters). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /**
   * Calls `onNotice` for each NOTIFY on `channel` (payload as text); returns a function that stops
   * listening. On the server this holds one connection of its own, opened again after it is lost
   * (`onLost` is called then: notices may have been missed).
   */
  listen(channel: string, onNotice: (payload: string) => void, onLost?: () => void): Promise<() => Promise<void>>;
  /** Called before each statement of this process that may change data (see db/reads.ts). */
  writes: WriteListeners;
  /** Set for the embedded database only: PGlite, in its thread. */
  pglite?: EmbeddedPglite;
}


export interface OpenOptions {
  databaseUrl?: string;
  /** The data folder: the embedded database lives in DATA_DIR/pglite, locked by DATA_DIR/.lock. */
  dataDir?: string;
  /** An existing PGlite data archive to start from (restore). */
  loadDataDir?: Blob;
  /** Pool size for the PostgreSQL server. */
  poolSize?: number;
  /** The embedded database, already being opened (main.ts opens it before loading the rest of Bridges). */
  embedded?: Promise<Embedded>;
}

/** Opens the PostgreSQL server when a URL is given, else the embedded PGlite database (in memory without a folder). */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // Each driver is loaded only when used (the other would only lengthen the start).
    const [{ default: pg }, { drizzle: drizzlePg }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection can be closed by the server (restart, failover, admin): the pool drops it
    // and opens another on demand. Without a listener, that error would crash the process.
    pool.on('error', (err) => console.warn(`PostgreSQL connection lost (${(err as { code?: string }).code ?? err.message}); it will be replaced.`));
    const writes: WriteListeners = new Set();
    const db = drizzlePg(pool, drizzleOptions(writes)) as unknown as Db;
    return {
      db,
      writes,
      driver: 'postgres',
      exec: async (script) => {
        await pool.query(script);
      },
      close: () => pool.end(),
      listen: (channel, onNotice, onLost) => listenOnServer(pg, opts.databaseUrl!, channel, onNotice, onLost),
    };
  }

  const { client, lock } = await (opts.embedded ?? openEmbedded(opts));
  const writes: WriteListeners = new Set();
  const db = await embeddedHandle(client, writes);
  return {
    db,
    writes,
    driver: 'pglite',
    pglite: client,
    exec: async (script) => {
      await client.exec(script);
    },
    listen: async (channel, onNotice) => {
      const stop = await client.listen(channel, onNotice);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** A Drizzle handle on the embedded database (Drizzle's PGlite driver: the thread's client offers the part of PGlite's interface it uses). */
export async function embeddedHandle(client: EmbeddedPglite, writes: WriteListeners): Promise<Db> {
  const { drizzle } = await import('drizzle-orm/pglite');
  return drizzle(client as unknown as PGlite, drizzleOptions(writes)) as unknown as Db;
}

/** LISTEN on a connection of its own, opened again (after a second) whenever it is lost. */
async function listenOnServer(pg: typeof import('pg').default, url: string, channel: string, onNotice: (payload: string) => void, onLost?: () => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const again = () => {
    if (stopped) return;
    retry = setTimeout(() => void connect().catch(again), 1000);
    retry.unref();
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel) onNotice(n.payload ?? '');
    });
    c.on('error', () => {
      if (client !== c) return;
      client = undefined;
      c.end().catch(() => {});
      onLost?.();
      again();
    });
    await c.connect();
    try {
      await c.query(`listen "${channel.replace(/"/g, '""')}"`);
    } catch (err) {
      await c.end().catch(() => {});
      throw err;
    }
    if (stopped) await c.end();
    else client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => {});
  };
}

/** Applies the committed migrations. On the server, an advisory lock keeps two starting instances from racing. */
export async function migrate(database: Database): Promise<void> {
  if (database.driver === 'pglite') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    await syncContentTriggers(database);
    return;
  }
  // The migrator opens its own transaction; hold a session lock on one dedicated connection meanwhile.
  const [{ drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([import('drizzle-orm/node-postgres'), import('drizzle-orm/node-postgres/migrator')]);
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const conn = await pool.connect();
  try {
    await conn.query('select pg_advisory_lock(724301001)');
    await migratePg(drizzlePg(conn), { migrationsFolder: MIGRATIONS_FOLDER });
    await syncContentTriggers({ db: drizzlePg(conn) as unknown as Db, exec: async (s) => void (await conn.query(s)) });
  } finally {
    await conn.query('select pg_advisory_unlock(724301001)').catch(() => {});
    conn.release();
  }
}

/** True when the database answers. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
