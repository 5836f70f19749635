import { AsyncLocalStorage } from 'node:async_hooks';
import * as schema from './schema.js';

/**
 * The SQL a piece of work sends, collected while it runs: the page cache uses it to learn which
 * tables a page was drawn from (platform/cache/pages.ts). Outside a recording this costs one lookup.
 */
const recording = new AsyncLocalStorage<string[]>();

export function recordQueries<T>(into: string[], fn: () => T): T {
  return recording.run(into, fn);
}

/** Runs `fn` with its queries left out of any recording (bookkeeping that is not part of the work recorded). */
export function unrecorded<T>(fn: () => T): T {
  return recording.exit(fn);
}

/** Drizzle's options for every handle: the schema, and the logger that feeds recordQueries. */
export const drizzleOptions = {
  schema,
  logger: {
    logQuery(query: string) {
      recording.getStore()?.push(query);
    },
  },
};
