/**
 * The embedded database (PGlite: PostgreSQL compiled to WebAssembly) in a thread of its own.
 *
 * PGlite runs on whichever thread opened it. On the main thread, its start (~0.5 s of WebAssembly
 * set-up and PostgreSQL's own start) came after the loading of Bridges' modules, and every query
 * it ran stopped every request in flight. In a thread of its own, it starts while the modules load,
 * on the machine's other core, and queries run beside the HTTP work. `EmbeddedPglite` offers the
 * part of PGlite's interface Bridges uses (query, exec, transaction, listen, dumpDataDir, close),
 * so Drizzle's PGlite driver works with it unchanged; the thread answers by calling PGlite's own
 * API (embedded-thread.ts), so PGlite's rules hold as before: one statement at a time, and a
 * query waits while a transaction is open.
 *
 * This module is light on purpose: the start imports it first and opens the database before it
 * loads the rest of Bridges (main.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { acquireLock, type Lock } from './lock.js';

/** What the thread is started with. */
export interface EmbeddedStart {
  dataDir?: string;
  /** A data archive (tar, gzipped or not) to start from; without one, a new database starts as a copy of the template. */
  loadDataDir?: Uint8Array;
}

export type EmbeddedRequest = { id: number } & (
  | { op: 'query'; tx?: number; text: string; params?: unknown[]; rowMode?: 'array' | 'object'; keepText?: number[] }
  | { op: 'exec'; tx?: number; text: string }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'listen'; channel: string }
  | { op: 'unlisten'; listenId: number }
  | { op: 'dump'; compression?: 'gzip' | 'none' | 'auto' }
  | { op: 'close' }
);

export type EmbeddedReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; stack?: string } & Record<string, unknown> }
  | { id: number; notice: string };

export interface QueryResult<T> {
  rows: T[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

export interface QueryOptions {
  rowMode?: 'array' | 'object';
  /**
   * Parsers by type id. Only "keep PostgreSQL's text" can cross to the thread (what Drizzle asks
   * for dates, times and intervals); any other parser is refused.
   */
  parsers?: Record<number, (text: string, typeId: number) => unknown>;
}

/** A transaction's handle: its statements go to the transaction alone. */
export interface EmbeddedTransaction {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  exec(script: string): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The thread's entry: compiled JavaScript when a build put it beside this file; otherwise the
 * TypeScript source through a small bootstrap that registers tsx in the thread (Node 20 does not
 * apply the process's loader to a worker's entry file).
 */
const COMPILED_ENTRY = new URL('./embedded-thread.js', import.meta.url);
const SOURCE_ENTRY = new URL('./embedded-thread-source.mjs', import.meta.url);

export class EmbeddedPglite {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly notices = new Map<number, (payload: string) => void>();
  private nextId = 1;
  private isClosed = false;
  private failure: Error | undefined;
  private readonly onLost = new Set<(err: Error) => void>();

  private constructor(start: EmbeddedStart, ready: Pending) {
    const entry = existsSync(fileURLToPath(COMPILED_ENTRY)) ? COMPILED_ENTRY : SOURCE_ENTRY;
    this.worker = new Worker(entry, { workerData: start, transferList: start.loadDataDir ? [start.loadDataDir.buffer as ArrayBuffer] : [] });
    this.pending.set(0, ready);
    this.worker.on('message', (reply: EmbeddedReply) => this.receive(reply));
    this.worker.on('error', (err) => this.lost(err));
    this.worker.on('exit', (code) => this.lost(new Error(`The embedded database's thread stopped (exit code ${code})`)));
  }

  /** Starts the thread and opens PGlite in it; resolves once the database answers. */
  static open(start: EmbeddedStart): Promise<EmbeddedPglite> {
    return new Promise((resolve, reject) => {
      const db: EmbeddedPglite = new EmbeddedPglite(start, { resolve: () => resolve(db), reject });
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * Calls `listener` if the thread fails or stops without being closed (PGlite aborted, memory
   * ran out): from then on every query fails. In-process, such a failure ended the process; the
   * server asks for that again (main.ts), so that whatever supervises it starts it anew.
   */
  whenLost(listener: (err: Error) => void): void {
    this.onLost.add(listener);
  }

  async query<T>(text: string, params?: unknown[], options?: QueryOptions, tx?: number): Promise<QueryResult<T>> {
    return this.call({ id: this.nextId++, op: 'query', tx, text, params, rowMode: options?.rowMode, keepText: textTypes(options?.parsers) }) as Promise<QueryResult<T>>;
  }

  async exec(script: string, tx?: number): Promise<void> {
    await this.call({ id: this.nextId++, op: 'exec', tx, text: script });
  }

  /**
   * Runs `fn` in a transaction: committed when it returns, rolled back when it throws (the error is
   * thrown on). Other queries wait meanwhile, as PGlite's own transactions make them.
   */
  async transaction<T>(fn: (tx: EmbeddedTransaction) => Promise<T>): Promise<T> {
    const id = this.nextId++;
    await this.call({ id, op: 'begin' });
    const tx: EmbeddedTransaction = {
      query: (text, params, options) => this.query(text, params, options, id),
      exec: (script) => this.exec(script, id),
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      await this.call({ id: this.nextId++, op: 'end', tx: id, commit: false });
      throw err;
    }
    await this.call({ id: this.nextId++, op: 'end', tx: id, commit: true });
    return result;
  }

  /** Calls `onNotice` with the payload of each NOTIFY on `channel`; returns a function that stops listening. */
  async listen(channel: string, onNotice: (payload: string) => void): Promise<() => Promise<void>> {
    const listenId = this.nextId++;
    this.notices.set(listenId, onNotice);
    try {
      await this.call({ id: listenId, op: 'listen', channel });
    } catch (err) {
      this.notices.delete(listenId);
      throw err;
    }
    return async () => {
      this.notices.delete(listenId);
      if (!this.isClosed) await this.call({ id: this.nextId++, op: 'unlisten', listenId });
    };
  }

  /** The data folder as an archive (PGlite's dumpDataDir). */
  async dumpDataDir(compression?: 'gzip' | 'none' | 'auto'): Promise<Blob> {
    return new Blob([(await this.call({ id: this.nextId++, op: 'dump', compression })) as ArrayBuffer]);
  }

  /** Closes PGlite (its files written and shut down cleanly) and ends the thread. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    try {
      await this.call({ id: this.nextId++, op: 'close' });
    } finally {
      this.isClosed = true;
      await this.worker.terminate();
    }
  }

  /** Sends a request (its id taken from nextId) and waits for its answer. */
  private call(request: EmbeddedRequest): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.isClosed) return Promise.reject(new Error('The embedded database is closed'));
    const { id } = request;
    return new Promise((resolve, reject) => {
      // The thread keeps the process alive only while an answer is awaited, as a query in flight would.
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  private receive(reply: EmbeddedReply): void {
    if ('notice' in reply) {
      this.notices.get(reply.id)?.(reply.notice);
      return;
    }
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.settle(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  /** The thread failed or stopped: every request waiting, and every one after, fails with why. */
  private lost(err: Error): void {
    if (this.failure || (this.isClosed && this.pending.size === 0)) return;
    this.failure ??= err;
    this.isClosed = true;
    for (const [id, waiting] of this.pending) {
      this.settle(id);
      waiting.reject(err);
    }
    for (const listener of this.onLost) listener(err);
  }
}

/** The type ids whose text is kept as it is; a parser that does anything else cannot cross to the thread. */
function textTypes(parsers: QueryOptions['parsers']): number[] | undefined {
  if (!parsers) return undefined;
  const types: number[] = [];
  for (const [type, parse] of Object.entries(parsers)) {
    if (parse('2000-01-01', Number(type)) !== '2000-01-01') {
      throw new Error(`The embedded database keeps values as text or parses them itself; a parser for type ${type} cannot be sent to its thread`);
    }
    types.push(Number(type));
  }
  return types;
}

/** Opening an embedded database: its folder locked, a new folder made from the template. */
export interface Embedded {
  client: EmbeddedPglite;
  lock?: Lock;
}

/**
 * Opens the embedded database: in DATA_DIR/pglite (locked by DATA_DIR/.lock) or in memory. A new
 * database starts as a copy of the template (template.ts). Fails with DataDirLockedError when
 * another process holds the folder.
 */
export async function openEmbedded(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<Embedded> {
  let lock: Lock | undefined;
  let dataPath: string | undefined;
  if (opts.dataDir) {
    const dir = resolve(opts.dataDir);
    mkdirSync(dir, { recursive: true });
    lock = acquireLock(join(dir, '.lock'));
    dataPath = join(dir, 'pglite');
  }
  try {
    // A new database starts from the template, copied in the thread (a third of a second the main thread spends loading Bridges meanwhile).
    const loadDataDir = opts.loadDataDir ? new Uint8Array(await opts.loadDataDir.arrayBuffer()) : undefined;
    const client = await EmbeddedPglite.open({ dataDir: dataPath, loadDataDir });
    return { client, lock };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
