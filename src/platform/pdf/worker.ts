/** A PDF pool worker thread (see pool.ts): draws one job at a time and sends the bytes back without copying them. */
import { parentPort } from 'node:worker_threads';
import type { PdfJob, PdfRenderers, PdfWorkerReply } from './pool.js';
import { parseJob } from './job.js';

const port = parentPort!;

// The message (a big document's text as JSON) is read here and not kept while the document is drawn.
port.on('message', (message: string | PdfJob) => {
  let job: PdfJob;
  try {
    job = typeof message === 'string' ? parseJob(message) : message;
  } catch (err) {
    return send({ ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
  void draw(job);
});

async function draw({ module, kind, input }: PdfJob): Promise<void> {
  let reply: PdfWorkerReply;
  try {
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
  send(reply);
}

function send(reply: PdfWorkerReply): void {
  port.postMessage(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
}
