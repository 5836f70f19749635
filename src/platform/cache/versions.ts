import { sql } from 'drizzle-orm';
import type { Database, Db, Executor } from '../../db/client.js';
import { unrecorded } from '../../db/reads.js';
import { UNVERSIONED_TABLES } from '../../db/content.js';
import { contentVersions } from './schema.js';

/** What an instance knows of the content at one moment: each table's version and when it last changed. */
export interface Known {
  version(table: string): number;
  changedAt(table: string): number;
  /** Every table of the database (for telling which tables a query names). */
  tables: readonly string[];
}

export const CONTENT_CHANNEL = 'bridges_content';

/**
 * This instance's view of content_versions. It is read again when it is older than `checkMs`,
 * when the database says a table changed (NOTIFY, sent by the version trigger at commit), and
 * after every request of this instance that may have changed something — so a reader never sees
 * a page older than what they just saved, and other instances catch up within milliseconds
 * (at most `checkMs` if a notice is lost).
 */
export class ContentVersions {
  private known: Known | undefined;
  private readAt = 0;
  private stale = true;
  private reading: Promise<Known> | undefined;
  private allTables: string[] | undefined;
  private stopListening: (() => Promise<void>) | undefined;

  constructor(
    private readonly db: Db,
    private readonly checkMs: number,
  ) {}

  /**
   * Starts hearing of changes: this process's own writes on the database's handles (at once, so
   * whoever saved something sees it on their next request) and the version trigger's notices
   * (other instances; not needed when every request checks).
   */
  async listen(database: Pick<Database, 'listen' | 'writes'>): Promise<void> {
    const stale = () => this.markStale();
    // Writes to tables without a version (mail, jobs, sessions, deliveries: many a second while a newsletter goes out) change no page.
    const written = (table: string | undefined) => {
      if (!table || !UNVERSIONED_TABLES.has(table)) this.markStale();
    };
    database.writes.add(written);
    const stopNotices = this.checkMs === 0 ? undefined : await database.listen(CONTENT_CHANNEL, stale, stale);
    this.stopListening = async () => {
      database.writes.delete(written);
      await stopNotices?.();
    };
  }

  async close(): Promise<void> {
    await this.stopListening?.();
  }

  /** Something may have changed: the next fresh() reads the versions again (not joining a read already under way). */
  markStale(): void {
    this.stale = true;
    this.reading = undefined;
  }

  /** The versions, read again first if they may be out of date. */
  fresh(): Promise<Known> {
    if (this.known && !this.stale && performance.now() - this.readAt < this.checkMs) return Promise.resolve(this.known);
    if (this.reading) return this.reading;
    const reading = unrecorded(() => this.read()).finally(() => {
      if (this.reading === reading) this.reading = undefined;
    });
    this.reading = reading;
    return reading;
  }

  private async read(): Promise<Known> {
    this.stale = false;
    const startedAt = performance.now();
    this.allTables ??= ((await this.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public'`)) as unknown as { rows: { name: string }[] }).rows.map((r) => r.name);
    const rows = await this.db.select().from(contentVersions);
    const versions = new Map(rows.map((r) => [r.tableName, r] as const));
    const known: Known = {
      version: (t) => versions.get(t)?.version ?? 0,
      changedAt: (t) => versions.get(t)?.changedAt.getTime() ?? 0,
      tables: this.allTables,
    };
    this.known = known;
    this.readAt = startedAt;
    return known;
  }
}

const trackers = new WeakMap<object, ContentVersions>();

export function trackVersions(db: Db, versions: ContentVersions): void {
  trackers.set(db, versions);
}

/** Every table's version as this instance knows it, for read caches that find out what they read (the figures): undefined when no app tracks versions on this handle. */
export async function knownVersions(db: Executor): Promise<Known | undefined> {
  return trackers.get(db)?.fresh();
}

/**
 * A table's current version as this instance knows it, for read caches beside the page cache
 * (site settings): undefined when no app tracks versions on this handle.
 */
export async function currentVersion(db: Executor, table: string): Promise<number | undefined> {
  const tracker = trackers.get(db);
  return tracker ? (await tracker.fresh()).version(table) : undefined;
}

