import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** `npm start` as package.json has it: the compiled app (built first when stale), with its Node options. */
const PACKAGE = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
const START = PACKAGE.scripts.start.split(/\s+/).slice(1).map((a) => (a.startsWith('scripts/') ? fileURLToPath(new URL(`../${a}`, import.meta.url)) : a));

describe('npm start', () => {
  it('runs the compiled app: starts on an empty folder with the demo alliance, prints a sign-in link that works, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridges-start-'));
    const port = 41000 + Math.floor(Math.random() * 2000);
    const child = spawn(process.execPath, START, {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: join(dir, 'data'), PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let link = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Bridges did not start within 25 s')), 25_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = line.match(/http:\/\/127\.0\.0\.1:\d+\/en\/sign-in\/link\/[\w-]+/);
        if (m) link = m[0];
        if (line.includes('Bridges is running')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`Bridges exited with ${code}`)));
    });
    expect(link).toContain(`:${port}/en/sign-in/link/`);
    expect(existsSync(fileURLToPath(new URL('../dist/app/main.js', import.meta.url)))).toBe(true);
    expect(existsSync(join(dir, 'data', '.lock'))).toBe(true);

    const home = await fetch(`http://127.0.0.1:${port}/en`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Global Alliance on the Science of Learning for Education');
    const confirm = await fetch(link);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('secretariat@alliance.example');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dir, 'data', '.lock'))).toBe(false);
  });

  it('is what the systemd units run (the same Node options, or a deployment drifts from what was measured)', () => {
    for (const unit of ['bridges.service', 'bridges@.service']) {
      const text = readFileSync(new URL(`../deploy/systemd/${unit}`, import.meta.url), 'utf8');
      expect(text).toContain(`\nExecStart=/usr/bin/${PACKAGE.scripts.start}\n`);
    }
  });
});
