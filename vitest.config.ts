import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import LongestFirst from './src/testing/sequencer.js';

/**
 * One `npm test`, four projects:
 *  - unit      *.test.ts without a database
 *  - pglite    *.db.test.ts on the embedded database
 *  - postgres  the same *.db.test.ts on a PostgreSQL server (TEST_DATABASE_URL), a fresh database per file
 *  - e2e       e2e/**\/*.e2e.ts in Chromium (/usr/bin/chromium)
 * With CI=true the postgres and e2e projects always run and fail when their prerequisites are missing.
 * Without CI they are left out, loudly, when PostgreSQL or Chromium is not configured.
 */
const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const withPostgres = ci || !!process.env.TEST_DATABASE_URL;
const withBrowser = ci || existsSync(chromium);
const warn = !process.env.BRIDGES_TEST_WARNED;
process.env.BRIDGES_TEST_WARNED = '1';
if (warn && !withPostgres) console.warn('\n[bridges] PostgreSQL tests left out: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them.\n');
if (warn && !withBrowser) console.warn(`\n[bridges] Browser tests left out: ${chromium} not found (apt-get install chromium).\n`);

/**
 * With a PostgreSQL server at hand, the modules' own database tests run on it alone: PGlite is the
 * same PostgreSQL compiled to WebAssembly, and the business code has no path of its own for it
 * (only src/db/client.ts does). The embedded database still runs the platform's tests, the
 * whole-app tests (every route for every person, every public page, erasure, security…), each
 * demo seed, and every browser test (docs/decisions/015-one-engine-per-module-test.md).
 * Without a server, every database test runs on PGlite.
 */
const PGLITE_WHEN_SERVER = ['src/*.db.test.ts', 'src/db/**/*.db.test.ts', 'src/platform/**/*.db.test.ts', 'src/modules/*/seed.db.test.ts'];
/** Whole-app tests that prove nothing more on a second engine: the fuzzer's bad input (every route) runs on the server. */
const SERVER_ONLY = ['src/fuzz.db.test.ts'];

const db = (name: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    include: name === 'pglite' && withPostgres ? PGLITE_WHEN_SERVER : ['src/**/*.db.test.ts'],
    exclude: name === 'pglite' && withPostgres ? SERVER_ONLY : [],
    env: { BRIDGES_TEST_DB: name },
    globalSetup: name === 'postgres' ? ['src/testing/postgres-setup.ts'] : ['src/testing/template-setup.ts'],
  },
});

export default defineConfig({
  test: {
    reporters: ['default', './src/testing/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One process per worker for all the files of a project: modules are loaded once (2–4 s a file
    // otherwise), and the embedded database is started once per worker and emptied between files
    // (src/testing/app.ts). Caches a module keeps in its process are emptied by each new app
    // (src/platform/cache/process.ts).
    poolOptions: { forks: { isolate: false } },
    // Two workers, both kept for the whole run (a worker left idle may be ended by the pool while
    // projects switch: with three workers, one run ended on "Terminating worker thread"; three
    // workers were no faster on two cores either).
    maxWorkers: 2,
    minWorkers: 2,
    sequence: { groupOrder: 0, sequencer: LongestFirst },
    projects: [
      { extends: true as const, test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.db.test.ts'], globalSetup: ['src/testing/template-setup.ts'] } },
      db('pglite'),
      ...(withPostgres ? [db('postgres')] : []),
      ...(withBrowser
        ? [{ extends: true as const, test: { name: 'e2e', include: ['e2e/**/*.e2e.ts'], testTimeout: 60_000, globalSetup: ['src/testing/template-setup.ts'] } }]
        : []),
    ],
  },
});
