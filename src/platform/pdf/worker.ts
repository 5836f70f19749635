/** A PDF pool worker thread (see pool.ts): draws one job at a time and sends the bytes back without copying them. */
import { parentPort } from 'node:worker_threads';
import type { PdfJob, PdfRenderers, PdfWorkerMessage, PdfWorkerReply } from './pool.js';
import { parseJob } from './job.js';

const port = parentPort!;

/** The main thread's answer to the worker's asking for the next part. */
type PartAnswer = Exclude<PdfWorkerMessage, { job: unknown }>;

/** Settles the job's ask for its next part (see parts). */
let answerPart: ((message: PartAnswer) => void) | null = null;

// The message (a big document's text as JSON) is read here and not kept while the document is drawn.
port.on('message', (message: PdfWorkerMessage) => {
  if (!('job' in message)) return answerPart?.(message);
  let job: PdfJob;
  try {
    job = typeof message.job === 'string' ? parseJob(message.job) : message.job;
  } catch (err) {
    return send({ ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
  void draw(job, message.parts ? parts() : none());
});

/** The job's parts, each asked of the main thread when the renderer is ready for it. */
async function* parts(): AsyncGenerator<unknown> {
  for (;;) {
    const answer = await new Promise<PartAnswer>((resolve) => {
      answerPart = resolve;
      port.postMessage({ more: true } satisfies PdfWorkerReply);
    });
    answerPart = null;
    if ('failed' in answer) throw new Error(answer.failed);
    if (answer.part === null) return;
    yield JSON.parse(answer.part);
  }
}

async function* none(): AsyncGenerator<never> {}

async function draw({ module, kind, input }: PdfJob, body: AsyncIterable<unknown>): Promise<void> {
  let reply: PdfWorkerReply;
  try {
    const { renderers } = (await import(module)) as { renderers: PdfRenderers };
    const render = renderers[kind];
    if (!render) throw new Error(`${module} has no PDF renderer "${kind}"`);
    let bytes = await render(input as never, body as AsyncIterable<never>);
    // Only a whole ArrayBuffer can be handed over; a view into a larger one (a pooled Buffer) is copied first.
    if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) bytes = new Uint8Array(bytes);
    reply = { ok: true, bytes };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  send(reply);
}

function send(reply: PdfWorkerReply): void {
  port.postMessage(reply, 'ok' in reply && reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
}
