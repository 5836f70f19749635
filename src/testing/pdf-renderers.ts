/** Stand-in PDF renderers for the pool's tests (src/platform/pdf/pool.test.ts): each shows one thing about where and how a job runs. */
import { threadId } from 'node:worker_threads';
import type { PdfRenderers } from '../platform/pdf/pool.js';

export const renderers = {
  /** The id of the thread that drew it. */
  async thread(_: { label: string }) {
    return Buffer.from(String(threadId));
  },
  /** Blocks its thread until `gate[0]` is set (or 5 s pass), as a long drawing would. */
  async blocked({ gate }: { label: string; gate: Int32Array }) {
    Atomics.wait(gate, 0, 0, 5_000);
    return Buffer.from(Atomics.load(gate, 0) === 1 ? 'released' : 'timed out');
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
