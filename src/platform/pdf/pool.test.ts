import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { PdfBusyError, PdfPool, type PdfPoolOptions } from './pool.js';
import { gate, type renderers } from '../../testing/pdf-renderers.js';

const RENDERERS = new URL('../../testing/pdf-renderers.ts', import.meta.url).href;

let pool: PdfPool;
afterEach(() => pool?.close());

const open = (options: PdfPoolOptions = {}) => (pool = new PdfPool(options));
const job = <K extends keyof typeof renderers>(kind: K, input: Parameters<(typeof renderers)[K]>[0]) => ({ module: RENDERERS, kind, input });

describe('PDF pool', () => {
  it('draws in a process of its own, not in the one that serves requests', async () => {
    const bytes = await open().render(job('process', { label: 'where' }));
    expect(Number(bytes.toString())).toBeGreaterThan(0);
    expect(Number(bytes.toString())).not.toBe(process.pid);
  });

  it("gives the drawing process none of the server's secrets, only its time zone and language settings", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { SESSION_SECRET: 'a-session-secret-of-forty-characters-0123', DATABASE_URL: 'postgres://bridges:password@db/bridges', SMTP_URL: 'smtp://user:password@mail', TZ: 'Africa/Nairobi' });
    try {
      const names = (await open().render(job('environment', { label: 'secrets' }))).toString().split('\n');
      expect(names).toContain('TZ');
      expect(names).not.toContain('SESSION_SECRET');
      expect(names).not.toContain('DATABASE_URL');
      expect(names).not.toContain('SMTP_URL');
    } finally {
      process.env = saved;
    }
  });

  it('keeps the event loop running while a document is being drawn', async () => {
    // The job blocks its thread until this thread's timer has ticked three times: drawn on this
    // thread, the timer could not tick and the job would time out.
    const g = gate();
    let ticks = 0;
    const timer = setInterval(() => {
      if (++ticks === 3) g.release();
    }, 10);
    try {
      expect((await open().render(job('blocked', { label: 'loop', gate: g.path }))).toString()).toBe('released');
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThanOrEqual(3);
  });

  it('draws identical jobs once: the same job at the same time shares one drawing, later ones come from the cache', async () => {
    open();
    const same = job('process', { label: 'same' });
    const [a, b] = await Promise.all([pool.render(same), pool.render(same)]);
    const c = await pool.render(same);
    expect(b.equals(a)).toBe(true);
    expect(c.equals(a)).toBe(true);
    expect(pool.stats).toEqual({ rendered: 1, cached: 1 });
    await pool.render(job('process', { label: 'other' }));
    expect(pool.stats.rendered).toBe(2);
  });

  it("hands a long document's bytes over as they are written, every block in its place", async () => {
    // 3 MB: blocks of 64 KB, 128 KB, … 1 MB sent as they fill, the rest with the answer.
    const size = 3_000_000;
    const bytes = await open().render(job('written', { label: 'long', size }));
    expect(bytes.length).toBe(size);
    expect(bytes.every((byte, i) => byte === i % 256)).toBe(true);
  });

  it('keeps no more bytes in the cache than allowed, dropping the least recently used', async () => {
    open({ cacheBytes: 1000 });
    const first = job('sized', { label: 'first', size: 600 });
    const second = job('sized', { label: 'second', size: 600 });
    await pool.render(first);
    await pool.render(second); // 1200 bytes: the first leaves the cache
    await pool.render(second);
    await pool.render(first);
    expect(pool.stats).toEqual({ rendered: 3, cached: 1 });
  });

  it('refuses a job while the workers are busy and the queue is full, asking to come back later (503, Retry-After)', async () => {
    open({ size: 1, maxWaiting: 1 });
    const g = gate();
    const drawing = pool.render(job('blocked', { label: 'running', gate: g.path }));
    const waiting = pool.render(job('blocked', { label: 'waiting', gate: g.path }));
    const refused = await pool.render(job('process', { label: 'one too many' })).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(PdfBusyError);
    expect(refused).toMatchObject({ statusCode: 503, headers: { 'retry-after': '10' } });
    g.release();
    expect((await drawing).toString()).toBe('released');
    expect((await waiting).toString()).toBe('released');
    // With the queue empty again, jobs are taken.
    await expect(pool.render(job('process', { label: 'after' }))).resolves.toBeInstanceOf(Buffer);
  });

  it('lets a process end once its documents are drawn, without closing the pool', () => {
    // A script that draws one document and stops there: an idle worker must not keep it running,
    // and the pending document must (else the script would end before it is drawn).
    const poolModule = new URL('./pool.ts', import.meta.url).href;
    const script = `import(${JSON.stringify(poolModule)}).then((m) => m.renderPdf(${JSON.stringify(job('process', { label: 'script' }))})).then((bytes) => console.log('drawn by process', String(bytes)))`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(child.signal).toBeNull(); // not stopped by the timeout
    expect(child.stdout).toMatch(/drawn by process \d+/);
    expect(child.status).toBe(0);
  });

  it('hands a long document its body a part at a time, as the worker asks, and draws it anew each time', async () => {
    open({ size: 1 });
    let made = 0;
    const parts = (count: number) => ({ next: () => (made < count ? `part ${++made}` : null) });
    expect((await pool.render(job('parts', { label: 'body' }), parts(3))).toString()).toBe('part 1\npart 2\npart 3');
    // Not kept by the pool: the parts are not part of the job's key, the caller keeps the file.
    made = 0;
    expect((await pool.render(job('parts', { label: 'body' }), parts(2))).toString()).toBe('part 1\npart 2');
    expect(pool.stats).toEqual({ rendered: 2, cached: 0 });
  });

  it('fails a drawing whose parts cannot be made, with the reason, and goes on drawing', async () => {
    open({ size: 1 });
    const failing = { next: () => { throw new Error('the report changed'); } };
    await expect(pool.render(job('parts', { label: 'failing' }), failing)).rejects.toThrow(/the report changed/);
    await expect(pool.render(job('process', { label: 'next' }))).resolves.toBeInstanceOf(Buffer);
  });

  it('lets an idle worker go, giving its memory back, and starts another for the next job', async () => {
    // A worker that drew a long document holds its heap, the fonts and HarfBuzz's memory until it ends.
    open({ size: 1, idleMs: 150 });
    const first = (await pool.render(job('process', { label: 'one' }))).toString();
    const soon = (await pool.render(job('process', { label: 'two' }))).toString();
    expect(soon).toBe(first); // still at work: the same process
    await new Promise((resolve) => setTimeout(resolve, 600));
    const later = (await pool.render(job('process', { label: 'three' }))).toString();
    expect(later).not.toBe(first);
  });

  it('gives a failed drawing to its caller, and goes on drawing', async () => {
    open({ size: 1 });
    await expect(pool.render(job('broken', { label: 'fails' }))).rejects.toThrow(/the drawing failed/);
    await expect(pool.render(job('process', { label: 'next' }))).resolves.toBeInstanceOf(Buffer);
  });
});
