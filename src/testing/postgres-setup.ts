import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Checks the PostgreSQL server before the postgres project runs, and afterwards drops every
 * database this run created (each test file makes its own, named bridges_test_<run>_<n>).
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error('CI=true: the PostgreSQL tests must run, but TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test).');
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`Cannot reach the PostgreSQL server at TEST_DATABASE_URL: ${(err as Error).message}`);
  }
  await client.end();
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  project.provide('pgRun', run);
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`bridges_test_${run}_%`]);
    for (const r of rows) await c.query(`drop database if exists "${r.datname}" with (force)`);
    await c.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgRun: string;
  }
}
