/**
 * PDFs are drawn in processes of their own, never on the event loop: drawing a letter takes 0.1 to
 * 2 s of CPU (shaping, font subsetting; the first one loads the fonts), and every other request of
 * the server would wait that long. A process, not a worker thread: what a long document needs while
 * it is drawn (pdfkit's state, the fonts, HarfBuzz's memory: ~150 MB for the 10,000-comment annex)
 * is counted apart from the server's and all given back when the process ends (a thread's was only
 * partly), and the drawing runs with V8 settings for a small heap, not the server's.
 *
 * - A job names a renderer module by its URL and a kind. The module exports `renderers`; the
 *   drawing process imports it and calls `renderers[kind](input)`. The job travels as one JSON
 *   string (job.ts), its key in the cache too: plain data and Dates, no functions or class instances.
 * - A bounded pool: one process per core but one, at least one and at most two, started on the
 *   first job and unref'd while idle, so they never keep the server alive; a process idle for 30 s
 *   ends. The core left over is the event loop's: on two cores, a second drawing about doubled the
 *   home page's p99 while letters were being drawn, for a few more letters per second
 *   (BENCHMARKS.md, "PDF letters under load").
 * - A long document's body may come in parts, asked for by the drawing process as it draws (PdfParts).
 * - At most `maxWaiting` jobs wait for a worker; beyond that the caller gets a `PdfBusyError`, which
 *   the error page answers as 503 with Retry-After.
 * - A renderer draws the same bytes from the same input (it dates the file from its input), so the
 *   result is cached by a SHA-256 of the job, in a small LRU bounded by bytes, and identical jobs
 *   in flight share one render. The cache is per process, which is fine for a cache.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';
import { jobJson } from './job.js';

export interface PdfJob {
  /** URL of the module that exports `renderers` (its `import.meta.url`). */
  module: string;
  kind: string;
  input: unknown;
}

/**
 * What a renderer module exports: one drawing function per kind of document, from plain data to
 * the PDF's bytes; with the job's parts when it was given some (see PdfParts), else none.
 */
export type PdfRenderers = Record<string, (input: never, parts: AsyncIterable<never>) => Promise<Uint8Array>>;

/**
 * A long document's body, handed to the worker a part at a time as it draws, never whole: a part
 * (plain data) each time the worker asks, until `next()` returns null. A 10,000-comment annex as one
 * job was its text three times over at once (the main thread's objects, its JSON, the worker's
 * copy); as parts, a few hundred comments at a time. A job with parts is neither cached nor shared
 * by the pool: its caller keeps what it made (the parts are not part of the job's key).
 */
export interface PdfParts {
  next(): unknown;
}

/** A message from the server to a drawing process (a worker): a job (as JSON, see job.ts, or as is), or the next of its parts (as JSON; null when there are no more). */
export type PdfWorkerMessage = { job: string | PdfJob; parts: boolean } | { part: string | null } | { failed: string };

/**
 * A worker's message: a block of the document's bytes as they are written (see output.ts), its
 * answer to the job (the bytes not sent as blocks), or its asking for the job's next part.
 */
export type PdfWorkerReply = { block: Uint8Array } | { ok: true; bytes: Uint8Array } | { ok: false; message: string } | { more: true };

export interface PdfPoolOptions {
  /** Drawing processes; default the available cores but one, from 1 to 2. */
  size?: number;
  /** Jobs that may wait for a worker before new ones are refused; default 16. */
  maxWaiting?: number;
  /** Bytes of PDFs kept in the cache; default 32 MB. */
  cacheBytes?: number;
  /** How long a worker with nothing to draw is kept before it ends, giving its memory back; default 30 s. */
  idleMs?: number;
}

/**
 * The drawing process's Node options: an old generation of 512 MB at most (what the longest document,
 * thousands of pages, needs live, with room), a small young generation and a heap grown by small
 * steps (a long document's garbage is collected as it goes instead of growing the process by
 * hundreds of megabytes), and HarfBuzz's WebAssembly compiled once, by the baseline compiler. For
 * the 10,000-comment annex: peak RSS 229 MB with Node's defaults, 165 MB with these; a young
 * generation of 2 MB took longer (8.7–9.0 s against 6.1–6.9 s), one of 16 MB held more (193 MB).
 */
const DRAWING_OPTIONS = ['--max-old-space-size=512', '--max-semi-space-size=4', '--heap-growing-percent=20', '--liftoff-only'];

/**
 * What a drawing process is given of the server's environment: nothing secret (no database address,
 * session secret or mail password), so that a flaw in a font or PDF library, reached through a
 * document's text, finds nothing there to take. The time zone and language settings are kept.
 */
const DRAWING_ENVIRONMENT = ['PATH', 'TZ', 'LANG', 'LC_ALL', 'NODE_ENV', 'TMPDIR'];

/** How long an idle worker is kept: letters drawn one after another reuse it (and its fonts, loaded in ~0.3 s); a quiet server gives its memory back. */
const IDLE_MS = 30_000;

/** When a refused caller may try again: a full queue takes a few seconds to draw (half a minute with cold fonts). */
const RETRY_AFTER_SECONDS = 10;

/** Too many PDFs wait to be drawn: try again later. */
export class PdfBusyError extends Error {
  readonly statusCode = 503;
  readonly code = 'BRIDGES_PDF_BUSY';
  /** Sent with the answer by the error handler. */
  readonly headers = { 'retry-after': String(RETRY_AFTER_SECONDS) };
  constructor() {
    super('Too many PDFs are waiting to be drawn');
  }
}

/** The drawing process's entry: compiled JavaScript when a build put it beside this file, else the TypeScript source through tsx. */
const COMPILED_ENTRY = fileURLToPath(new URL('./worker.js', import.meta.url));
const SOURCE_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

interface Task {
  /** The job as JSON (see job.ts), or the job itself when it holds binary data. */
  job: string | PdfJob;
  parts?: PdfParts;
  /** The document's bytes received so far. */
  blocks: Buffer[];
  resolve(bytes: Buffer): void;
  reject(error: Error): void;
}

interface Slot {
  worker: ChildProcess;
  task: Task | null;
  /** Ends the process when it has had nothing to draw for a while. */
  idle?: NodeJS.Timeout;
}

export class PdfPool {
  /** Documents drawn by the workers, and answers served from the cache. */
  readonly stats = { rendered: 0, cached: 0 };
  private readonly size: number;
  private readonly maxWaiting: number;
  private readonly cacheBytes: number;
  private readonly idleMs: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private readonly inFlight = new Map<string, Promise<Buffer>>();
  /** Map order is the LRU order: a hit is moved to the end, the first entry goes first. */
  private readonly cache = new Map<string, Buffer>();
  private cachedBytes = 0;
  private closed = false;

  constructor(options: PdfPoolOptions = {}) {
    this.size = options.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
    this.maxWaiting = options.maxWaiting ?? 16;
    this.cacheBytes = options.cacheBytes ?? 32 * 1024 * 1024;
    this.idleMs = options.idleMs ?? IDLE_MS;
  }

  /** The PDF of a job: from the cache, from the same job already being drawn, or drawn by a worker; a job with parts is always drawn (see PdfParts). */
  render(job: PdfJob, parts?: PdfParts): Promise<Buffer> {
    const { json, plain } = jobJson(job);
    const message = plain ? json : job;
    if (parts) return this.admit(() => this.enqueue(message, parts));
    const key = createHash('sha256').update(json).digest('hex');
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      this.stats.cached++;
      return Promise.resolve(hit);
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    return this.admit(() => this.track(key, this.enqueue(message)));
  }

  /** The job queued, unless the pool is closed, or every worker is busy and the queue is full. */
  private admit(queue: () => Promise<Buffer>): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('The PDF pool is closed'));
    const freeWorker = this.slots.length < this.size || this.slots.some((slot) => !slot.task);
    if (!freeWorker && this.waiting.length >= this.maxWaiting) return Promise.reject(new PdfBusyError());
    return queue();
  }

  /**
   * The job handed to a worker when one is free. Written apart from render, as is track: a promise's
   * callbacks keep their function's variables alive, and the job (a big document's text, tens of
   * megabytes) is not to be kept while it is drawn.
   */
  private enqueue(job: string | PdfJob, parts?: PdfParts): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      this.waiting.push({ job, parts, blocks: [], resolve, reject });
      this.dispatch();
    });
  }

  /** A drawing under its key while it lasts, and its PDF kept after. */
  private track(key: string, drawing: Promise<Buffer>): Promise<Buffer> {
    const promise = drawing
      .then((bytes) => {
        this.remember(key, bytes);
        return bytes;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Stops the workers; jobs not yet drawn are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('The PDF pool is closed'));
    await Promise.all(this.slots.map((slot) => end(slot.worker)));
    this.cache.clear();
    this.cachedBytes = 0;
  }

  /** Gives waiting jobs to idle workers, starting workers up to the pool's size. */
  private dispatch(): void {
    while (this.waiting.length > 0) {
      const slot = this.slots.find((s) => !s.task) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      slot.task = this.waiting.shift()!;
      clearTimeout(slot.idle);
      // A worker keeps the server alive while it draws (as any pending work would), not while idle.
      hold(slot.worker, true);
      slot.worker.send({ job: slot.task.job, parts: !!slot.task.parts } satisfies PdfWorkerMessage);
      // The worker has its copy.
      slot.task.job = '';
    }
  }

  private spawn(): Slot {
    const env = Object.fromEntries(DRAWING_ENVIRONMENT.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])));
    // Binary data (a drawn PDF, a job holding images) crosses the channel as such, not as JSON.
    const options: ForkOptions = { env, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] };
    const worker = existsSync(COMPILED_ENTRY)
      ? fork(COMPILED_ENTRY, { ...options, execArgv: DRAWING_OPTIONS })
      : fork(SOURCE_ENTRY, { ...options, execArgv: [...DRAWING_OPTIONS, '--import', 'tsx'] });
    const slot: Slot = { worker, task: null };
    worker.on('message', (reply: PdfWorkerReply) => {
      if ('more' in reply) return this.sendPart(slot);
      if ('block' in reply) return void slot.task?.blocks.push(buffer(reply.block));
      const task = slot.task;
      slot.task = null;
      hold(worker, false);
      if (reply.ok) {
        this.stats.rendered++;
        task?.resolve(task.blocks.length === 0 ? buffer(reply.bytes) : Buffer.concat([...task.blocks.splice(0), buffer(reply.bytes)]));
      } else {
        task?.reject(new Error(`PDF renderer failed: ${reply.message}`));
      }
      this.dispatch();
      if (!slot.task) slot.idle = setTimeout(() => this.retire(slot), this.idleMs).unref();
    });
    // A worker that dies (an uncaught error, out of memory, killed) fails its job and leaves the pool;
    // a new one is started for the jobs still waiting.
    worker.on('error', (error) => this.drop(slot, error));
    worker.on('exit', (code, signal) => this.drop(slot, new Error(`PDF worker stopped (${signal ?? `exit code ${code}`})`)));
    hold(worker, false);
    this.slots.push(slot);
    return slot;
  }

  /** The worker asks for its job's next part: it is made now, and sent as JSON (null when there are no more). */
  private sendPart(slot: Slot): void {
    let message: PdfWorkerMessage;
    try {
      const part = slot.task?.parts?.next() ?? null;
      message = { part: part === null ? null : JSON.stringify(part) };
    } catch (err) {
      // The drawing stops with the caller's error (the worker fails the job when told).
      message = { failed: err instanceof Error ? err.message : String(err) };
    }
    slot.worker.send(message);
  }

  /** Ends an idle worker: its heap, fonts and HarfBuzz's memory go with it. */
  private retire(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index === -1 || slot.task) return;
    this.slots.splice(index, 1);
    void end(slot.worker);
  }

  private drop(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    slot.task?.reject(error);
    slot.task = null;
    if (!this.closed) this.dispatch();
  }

  private remember(key: string, bytes: Buffer): void {
    if (this.closed || bytes.length > this.cacheBytes) return;
    this.cache.set(key, bytes);
    this.cachedBytes += bytes.length;
    for (const [oldKey, old] of this.cache) {
      if (this.cachedBytes <= this.cacheBytes) break;
      this.cache.delete(oldKey);
      this.cachedBytes -= old.length;
    }
  }
}

/** The bytes as a Buffer, without copying them. */
const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Whether a worker (its process and its channel) keeps the server's event loop alive. */
function hold(worker: ChildProcess, held: boolean): void {
  if (held) {
    worker.ref();
    worker.channel?.ref();
  } else {
    worker.unref();
    worker.channel?.unref();
  }
}

/** Ends a worker's process, once it has exited. */
function end(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.kill();
  });
}

let shared: PdfPool | undefined;
let sharedOptions: PdfPoolOptions = {};

/** The process's pool, created on first use. */
export function pdfPool(): PdfPool {
  return (shared ??= new PdfPool(sharedOptions));
}

/** Draws a PDF in the process's pool (see the header comment). */
export function renderPdf(job: PdfJob, parts?: PdfParts): Promise<Buffer> {
  return pdfPool().render(job, parts);
}

/** Stops the process's pool (the app calls this when it closes); a later PDF starts a new one. */
export async function closePdfPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}

/** Options for the process's pool from now on, e.g. a short queue in a test; stops the current pool. */
export async function configurePdfPool(options: PdfPoolOptions): Promise<void> {
  await closePdfPool();
  sharedOptions = options;
}
