/** A PDF drawing process of the pool (see pool.ts): draws one job at a time and sends the bytes back over its channel. */
import type { PdfJob, PdfRenderers, PdfWorkerMessage, PdfWorkerReply } from './pool.js';
import { parseJob } from './job.js';
import { handBlocksTo } from './output.js';

/** The server's answer to the process's asking for the next part. */
type PartAnswer = Exclude<PdfWorkerMessage, { job: unknown }>;

/** Settles the job's ask for its next part (see parts). */
let answerPart: ((message: PartAnswer) => void) | null = null;

// The message (a big document's text as JSON) is read here and not kept while the document is drawn.
process.on('message', (message: PdfWorkerMessage) => {
  if (!('job' in message)) return answerPart?.(message);
  let job: PdfJob;
  try {
    job = typeof message.job === 'string' ? parseJob(message.job) : message.job;
  } catch (err) {
    return send({ ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
  void draw(job, message.parts ? parts() : none());
});

// The server went away (it ended, or was killed): nothing is left to draw for.
process.on('disconnect', () => process.exit(0));

/**
 * The job's parts, asked of the server one ahead, the first as the job arrives: the next part is
 * made there (on the server's core) while this one is drawn here. Asked only when the renderer
 * wanted it, the 10,000-comment annex waited 0.74–0.81 s in all for its 36 parts; one ahead,
 * 0.25–0.49 s, and 0.28–0.34 s with the first asked as the job arrives (made while the fonts load).
 */
function parts(): AsyncIterable<unknown> {
  let next = ask();
  return (async function* () {
    for (;;) {
      const answer = await next;
      if ('failed' in answer) throw new Error(answer.failed);
      if (answer.part === null) return;
      next = ask();
      yield JSON.parse(answer.part);
    }
  })();
}

/** The server's answer to asking for the next part. */
function ask(): Promise<PartAnswer> {
  return new Promise<PartAnswer>((resolve) => {
    answerPart = (answer) => {
      answerPart = null;
      resolve(answer);
    };
    send({ more: true });
  });
}

async function* none(): AsyncGenerator<never> {}

async function draw({ module, kind, input }: PdfJob, body: AsyncIterable<unknown>): Promise<void> {
  let reply: PdfWorkerReply;
  try {
    const { renderers } = (await import(module)) as { renderers: PdfRenderers };
    const render = renderers[kind];
    if (!render) throw new Error(`${module} has no PDF renderer "${kind}"`);
    // The document's bytes go to the server as they are written, a block at a time; the renderer's result is the rest.
    handBlocksTo((block) => send({ block }));
    reply = { ok: true, bytes: await render(input as never, body as AsyncIterable<never>) };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  } finally {
    handBlocksTo(null);
  }
  send(reply);
}

function send(reply: PdfWorkerReply): void {
  process.send!(reply);
}
