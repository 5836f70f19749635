/**
 * Caches a module keeps in its process across requests (texts drawn once, figures counted once),
 * each keyed by ids and content versions of one database. Registered here so that a new app — in
 * the tests, a new database in the same process — starts with all of them empty: the same ids and
 * version numbers can name other content in another database (a copy of the demo, a database
 * emptied and filled again). In production a process builds one app, so this costs nothing.
 */
const caches = new Set<{ clear(): void }>();

/** Registers a cache of this process (returned as is). */
export function processCache<T extends { clear(): void }>(cache: T): T {
  caches.add(cache);
  return cache;
}

/** Empties every registered cache (called when an app is built). */
export function clearProcessCaches(): void {
  for (const c of caches) c.clear();
}
