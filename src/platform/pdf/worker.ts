/** A PDF pool worker thread (see pool.ts): draws one job at a time and sends the bytes back without copying them. */
import { parentPort } from 'node:worker_threads';
import type { PdfJob, PdfRenderers, PdfWorkerReply } from './pool.js';
import { parseJob } from './job.js';

const port = parentPort!;

port.on('message', async (job: string | PdfJob) => {
  let reply: PdfWorkerReply;
  try {
    const { module, kind, input } = typeof job === 'string' ? parseJob(job) : job;
    const { renderers } = (await import(module)) as { renderers: PdfRenderers };
    const render = renderers[kind];
    if (!render) throw new Error(`${module} has no PDF renderer "${kind}"`);
    let bytes = await render(input as never);
    // Only a whole ArrayBuffer can be handed over; a view into a larger one (a pooled Buffer) is copied first.
    if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) bytes = new Uint8Array(bytes);
    reply = { ok: true, bytes };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
});
