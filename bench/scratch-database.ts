import pg from 'pg';

/**
 * A fresh database on the PostgreSQL server of BENCH_DATABASE_URL for one bench (`prefix` and the
 * time name it), handed to `use` by its URL and dropped after, whatever happens.
 */
export async function withScratchDatabase<T>(prefix: string, use: (url: string) => Promise<T>): Promise<T> {
  const name = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(process.env.BENCH_DATABASE_URL!);
  url.pathname = `/${name}`;
  try {
    return await use(url.toString());
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
