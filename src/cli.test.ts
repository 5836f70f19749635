import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { runCli } from './cli.js';
import { loadConfig } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { databaseFileStore } from './platform/files/storage.js';
import { users, userRoles } from './platform/auth/schema.js';
import { workingGroups } from './modules/workinggroups/schema.js';
import { buildApp } from './server.js';
import { PNG } from './testing/files.js';


const config = (dir: string) => loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });

async function withDatabase<T>(dir: string, fn: (d: Database) => Promise<T>): Promise<T> {
  const d = await openDatabase({ dataDir: dir });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

describe('command line (embedded database)', () => {
  it('creates a Secretariat account and prints a sign-in link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridges-cli-'));
    const out = await runCli(['create-admin', 'Chief@Example.org', '--name', 'Chief'], config(dir));
    expect(out).toMatch(/http:\/\/127\.0\.0\.1:3000\/en\/sign-in\/link\/[\w-]{40,}/);
    const d = await openDatabase({ dataDir: dir });
    try {
      const [u] = await d.db.select().from(users).where(eq(users.email, 'chief@example.org'));
      expect(u!.name).toBe('Chief');
      expect(await d.db.select().from(userRoles).where(eq(userRoles.userId, u!.id))).toEqual([expect.objectContaining({ role: 'secretariat' })]);
    } finally {
      await d.close();
    }
  });

  it('refuses a bad command with a clear message', async () => {
    await expect(runCli(['create-admin', 'not-an-address'], config('/nonexistent'))).rejects.toThrow(/needs an e-mail address/);
    await expect(runCli(['frobnicate'], config('/nonexistent'))).rejects.toThrow(/Unknown command: frobnicate/);
  });

  it('backs up and restores the embedded database (round trip)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridges-cli-'));
    await runCli(['seed-demo'], config(dir));
    const stored = await withDatabase(dir, (d) => databaseFileStore(d.db).put(Buffer.from('%PDF-1.4 a supporting document')));
    const image = await withDatabase(dir, (d) => databaseFileStore(d.db).put(PNG));
    const file = join(dir, 'backup', 'bridges.tar.gz');
    expect(await runCli(['backup', file], config(dir))).toContain('Backup written');
    expect(existsSync(file)).toBe(true);

    const other = mkdtempSync(join(tmpdir(), 'bridges-cli-'));
    await runCli(['migrate'], config(other)); // an empty database to be replaced
    expect(await runCli(['restore', file], config(other))).toContain('Restored');
    const d = await openDatabase({ dataDir: other });
    try {
      const groups = await d.db.select().from(workingGroups);
      expect(groups.map((g) => g.slug).sort()).toEqual(['foundational-learning', 'technologies-for-learning']);
      // Uploaded files live in the database: the backup carries them, and Bridges on the new folder serves them.
      expect((await databaseFileStore(d.db).get(stored))?.toString()).toBe('%PDF-1.4 a supporting document');
      const app = await buildApp({ config: loadConfig({ DATA_DIR: other, LOG_LEVEL: 'silent', FILES_DIR: join(other, 'no-files-here') }), database: d, logger: false });
      try {
        const res = await app.inject({ url: `/en/newsletter/images/${image}` });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('image/png');
        expect(res.rawPayload.equals(PNG)).toBe(true);
      } finally {
        await app.close();
      }
    } finally {
      await d.close();
    }
  }, 60_000);

  it('a second process on the same data folder stops with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridges-cli-'));
    const held = await openDatabase({ dataDir: dir });
    try {
      const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
      const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'migrate'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dir }, encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/data folder is in use by another Bridges process \(pid \d+\)/);
    } finally {
      await held.close();
    }
  });
});
