/** Stand-in PDF renderers for the pool's tests (src/platform/pdf/pool.test.ts): each shows one thing about where and how a job runs. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfRenderers } from '../platform/pdf/pool.js';
import { Output } from '../platform/pdf/output.js';

/** A gate for the `blocked` renderer, in another process: a file's name, opened by writing the file. */
export function gate(): { path: string; release(): void } {
  const path = join(mkdtempSync(join(tmpdir(), 'bridges-gate-')), 'open');
  return { path, release: () => writeFileSync(path, '') };
}

export const renderers = {
  /** The id of the process that drew it. */
  async process(_: { label: string }) {
    return Buffer.from(String(process.pid));
  },
  /** The names of the environment variables its process was given. */
  async environment(_: { label: string }) {
    return Buffer.from(Object.keys(process.env).sort().join('\n'));
  },
  /** Blocks its process's only thread until the gate's file exists (or 5 s pass), as a long drawing would. */
  async blocked({ gate }: { label: string; gate: string }) {
    const sleep = new Int32Array(new SharedArrayBuffer(4));
    const until = Date.now() + 5_000;
    while (!existsSync(gate) && Date.now() < until) Atomics.wait(sleep, 0, 0, 5);
    return Buffer.from(existsSync(gate) ? 'released' : 'timed out');
  },
  /** `size` bytes counting up (0, 1, … 255, 0, …), written as a document's are, 1,000 at a time. */
  async written({ size }: { label: string; size: number }) {
    const output = new Output();
    for (let at = 0; at < size; at += 1_000) output.add(Buffer.from(Array.from({ length: Math.min(1_000, size - at) }, (_, i) => (at + i) % 256)));
    return output.bytes();
  },
  /** `size` bytes. */
  async sized({ size }: { label: string; size: number }) {
    return new Uint8Array(size);
  },
  /** The job's parts as they came, one per line. */
  async parts(_: { label: string }, parts: AsyncIterable<string>) {
    const lines: string[] = [];
    for await (const part of parts) lines.push(part);
    return Buffer.from(lines.join('\n'));
  },
  async broken(_: { label: string }): Promise<Uint8Array> {
    throw new Error('the drawing failed');
  },
} satisfies PdfRenderers;
