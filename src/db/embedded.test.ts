import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPglite, openEmbedded } from './embedded.js';

describe('the embedded database in its own thread', () => {
  let db: EmbeddedPglite;
  beforeAll(async () => {
    db = (await openEmbedded({})).client;
    await db.exec(`create table note (id int primary key, body text not null); create table tally (n int)`);
  }, 60_000);
  afterAll(() => db.close());

  it("keeps PostgreSQL's error fields, which the services read (code, constraint), across the thread", async () => {
    await db.query('insert into note values (1, $1)', ['first']);
    const err = await db.query('insert into note values (1, $1)', ['again']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: '23505', constraint: 'note_pkey', message: expect.stringContaining('duplicate key') });
    // The thread is still in service after an error.
    expect((await db.query<{ body: string }>('select body from note where id = 1')).rows).toEqual([{ body: 'first' }]);
  });

  it('rolls a transaction back when its function throws, and makes other queries wait while it is open', async () => {
    let outside: Promise<unknown> | undefined;
    const failed = await db
      .transaction(async (tx) => {
        await tx.query('insert into tally values (1)');
        // Sent while the transaction is open: run inside it, it would count the row that is rolled back.
        outside = db.query<{ n: number }>('select count(*)::int as n from tally');
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('changed my mind');
      })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ message: 'changed my mind' });
    expect(((await outside) as { rows: { n: number }[] }).rows).toEqual([{ n: 0 }]);

    expect(await db.transaction(async (tx) => (await tx.query<{ n: number }>('insert into tally values (7) returning n')).rows[0]!.n)).toBe(7);
    expect((await db.query<{ n: number }>('select n from tally')).rows).toEqual([{ n: 7 }]);
  });

  it('keeps the text of the types it is asked to (as Drizzle asks for dates), and refuses a parser it cannot send', async () => {
    const keep = { 1114: (text: string) => text };
    expect((await db.query<[string]>(`select timestamp '2026-12-05 10:00'`, [], { rowMode: 'array', parsers: keep })).rows).toEqual([['2026-12-05 10:00:00']]);
    expect((await db.query<{ t: Date }>(`select timestamp '2026-12-05 10:00' as t`)).rows[0]!.t).toBeInstanceOf(Date);
    await expect(db.query('select 1', [], { parsers: { 1114: (text: string) => new Date(text) } })).rejects.toThrow(/cannot be sent to its thread/);
  });

  it('passes notifications on until told to stop', async () => {
    const heard: string[] = [];
    const stop = await db.listen('bridges_test', (payload) => heard.push(payload));
    await db.query(`select pg_notify('bridges_test', 'one')`);
    await expect.poll(() => heard).toEqual(['one']);
    await stop();
    await db.query(`select pg_notify('bridges_test', 'two')`);
    await db.query('select 1');
    expect(heard).toEqual(['one']);
  });

  it('refuses work once closed, with a message that says so', async () => {
    const other = (await openEmbedded({})).client;
    await other.close();
    expect(other.closed).toBe(true);
    await expect(other.query('select 1')).rejects.toThrow('The embedded database is closed');
  }, 60_000);

  it('fails what is waiting and everything after when its thread dies, and says so once', async () => {
    const other = (await openEmbedded({})).client;
    const heard: Error[] = [];
    other.whenLost((err) => heard.push(err));
    const waiting = other.query('select pg_sleep(0.5)');
    // As a crash would: the thread ends without being closed.
    await (other as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(waiting).rejects.toThrow(/thread stopped/);
    await expect(other.query('select 1')).rejects.toThrow(/thread stopped/);
    expect(other.closed).toBe(true);
    expect(heard).toHaveLength(1);
  }, 60_000);

  it('keeps a command alive while it waits for an answer, and lets it end when idle (no close needed)', () => {
    const script = `import { openEmbedded } from ${JSON.stringify(fileURLToPath(new URL('./embedded.ts', import.meta.url)))};
      const { client } = await openEmbedded({});
      setTimeout(async () => console.log((await client.query('select 40 + 2 as n')).rows[0].n), 10);`;
    const file = join(mkdtempSync(join(tmpdir(), 'bridges-embedded-')), 'command.mts');
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('42');
    expect(run.status).toBe(0);
  }, 70_000);
});
