import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, DataDirLockedError } from './lock.js';

describe('data folder lock', () => {
  it('lets one process hold the folder and tells a second one clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridges-lock-'));
    const lock = acquireLock(join(dir, '.lock'));
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => acquireLock(join(dir, '.lock'))).toThrow(DataDirLockedError);
    expect(() => acquireLock(join(dir, '.lock'))).toThrow(/in use by another Bridges process \(pid \d+\)/);
    lock.release();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
    acquireLock(join(dir, '.lock')).release();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridges-lock-'));
    writeFileSync(join(dir, '.lock'), '999999999');
    const lock = acquireLock(join(dir, '.lock'));
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});
