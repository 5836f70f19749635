import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client.js';
import { fromTemplate, hasTemplate } from './template.js';

describe('the embedded database template', () => {
  it('starts a new data folder as a copy of the template, with the small settings, and keeps its data across starts', async () => {
    expect(hasTemplate()).toBe(true); // made by the build, or by the tests' global setup
    const dataDir = join(mkdtempSync(join(tmpdir(), 'bridges-template-')), 'data');
    const first = await openDatabase({ dataDir });
    try {
      expect((await first.pglite!.query<{ shared_buffers: string }>('show shared_buffers')).rows[0]!.shared_buffers).toBe('16MB');
      await first.exec(`create table kept (note text); insert into kept values ('written before the restart')`);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir });
    try {
      expect((await again.pglite!.query<{ note: string }>('select note from kept')).rows).toEqual([{ note: 'written before the restart' }]);
    } finally {
      await again.close();
    }
  });

  it('never replaces a folder that holds anything, and replaces what an interrupted copy left', () => {
    const root = mkdtempSync(join(tmpdir(), 'bridges-template-'));
    const busy = join(root, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'not a database, but not ours to delete');
    fromTemplate(busy);
    expect(readFileSync(join(busy, 'notes.txt'), 'utf8')).toMatch(/not ours/);
    expect(existsSync(join(busy, 'PG_VERSION'))).toBe(false);

    const fresh = join(root, 'fresh');
    mkdirSync(`${fresh}.new`);
    writeFileSync(join(`${fresh}.new`, 'half'), 'an interrupted copy');
    fromTemplate(fresh);
    expect(existsSync(join(fresh, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(fresh, 'half'))).toBe(false);
    expect(existsSync(`${fresh}.new`)).toBe(false);
  });
});
