import { AsyncLocalStorage } from 'node:async_hooks';
import * as schema from './schema.js';

/**
 * The SQL a piece of work sends, collected while it runs: the page cache uses it to learn which
 * tables a page was drawn from (platform/cache/pages.ts). Outside a recording this costs one lookup.
 *
 * The store is enabled only while a recording is open: on Node 20 an enabled AsyncLocalStorage
 * runs an async hook for every promise the process makes, which a page served from memory (no
 * recording) would pay for nothing.
 */
const recording = new AsyncLocalStorage<string[]>();
let open = 0;

/**
 * Runs `fn` with the SQL it sends — and the work it starts sends — pushed to `into`, until the
 * returned function is called (once the work is over; calling it again does nothing).
 */
export function openRecording(into: string[], fn: () => void): () => void {
  open++;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    if (--open === 0) recording.disable();
  };
  try {
    recording.run(into, fn);
  } catch (err) {
    close();
    throw err;
  }
  return close;
}

/** The SQL `fn` sends, pushed to `into` while it runs. */
export async function recordQueries<T>(into: string[], fn: () => Promise<T>): Promise<T> {
  let work!: Promise<T>;
  const close = openRecording(into, () => {
    work = fn();
  });
  try {
    return await work;
  } finally {
    close();
  }
}

/** Runs `fn` with its queries left out of any recording (bookkeeping that is not part of the work recorded). */
export function unrecorded<T>(fn: () => T): T {
  return recording.exit(fn);
}

/** Listeners told of every statement that may change data, sent through one database's handles, with the table it names when it plainly names one. */
export type WriteListeners = Set<(table: string | undefined) => void>;

const WRITE = /^\s*(insert|update|delete|truncate|merge)\b/i;
const TARGET = /^\s*(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?|merge\s+into)\s+(?:only\s+)?"?(\w+)"?/i;

/**
 * Drizzle's options for a handle: the schema, and the logger that feeds recordQueries and tells
 * `writes` of each statement that may change data (the page cache reads the versions again).
 */
export function drizzleOptions(writes: WriteListeners) {
  return {
    schema,
    logger: {
      logQuery(query: string) {
        recording.getStore()?.push(query);
        if (writes.size && WRITE.test(query)) {
          const table = TARGET.exec(query)?.[1];
          for (const listener of writes) listener(table);
        }
      },
    },
  };
}
