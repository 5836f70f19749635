/**
 * The embedded database's thread (see embedded.ts): PGlite opened here, and every request of the
 * main thread answered by calling PGlite's own API, so its rules hold as they would in-process
 * (a query waits while a transaction is open; a transaction's statements go to it alone).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { EmbeddedReply, EmbeddedRequest, EmbeddedStart } from './embedded.js';
import { fromTemplate, pgliteStartParams } from './template.js';

const port = parentPort!;
const start = workerData as EmbeddedStart;

/** Ends a transaction without committing it (the main thread's function threw). */
const ROLLBACK = Symbol('rollback');

interface OpenTransaction {
  tx: Transaction;
  end(commit: boolean): void;
  /** Settles when PGlite has committed or rolled back. */
  settled: Promise<void>;
}

const transactions = new Map<number, OpenTransaction>();
const listening = new Map<number, () => Promise<void>>();
const parsersByTypes = new Map<string, Record<number, (text: string) => string>>();

/** PGlite's parsers for values kept as PostgreSQL's text (the main thread names the types). */
function keepingText(types: number[] | undefined) {
  if (!types?.length) return undefined;
  const key = types.join(',');
  let parsers = parsersByTypes.get(key);
  if (!parsers) parsersByTypes.set(key, (parsers = Object.fromEntries(types.map((t) => [t, (text: string) => text]))));
  return parsers;
}

function send(reply: EmbeddedReply, transfer?: ArrayBuffer[]): void {
  port.postMessage(reply, transfer);
}

/** An error as plain data: PostgreSQL's fields (code, constraint, detail…) survive the trip, which an Error's cloning would drop. */
function failure(id: number, err: unknown): EmbeddedReply {
  if (!(err instanceof Error)) return { id, ok: false, error: { name: 'Error', message: String(err) } };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) fields[k] = v;
  return { id, ok: false, error: { ...fields, name: err.name, message: err.message, stack: err.stack } };
}

async function answer(db: PGlite, request: EmbeddedRequest): Promise<void> {
  const { id } = request;
  try {
    switch (request.op) {
      case 'query': {
        const on = request.tx === undefined ? db : transactions.get(request.tx)!.tx;
        const result = await on.query(request.text, request.params, { rowMode: request.rowMode, parsers: keepingText(request.keepText) });
        return send({ id, ok: true, value: { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows } });
      }
      case 'exec': {
        await (request.tx === undefined ? db : transactions.get(request.tx)!.tx).exec(request.text);
        return send({ id, ok: true, value: null });
      }
      case 'begin': {
        let opened = false;
        let end!: (commit: boolean) => void;
        const ended = new Promise<boolean>((resolve) => (end = resolve));
        const settled = db
          .transaction(async (tx) => {
            transactions.set(id, { tx, end, settled });
            opened = true;
            send({ id, ok: true, value: null });
            if (!(await ended)) throw ROLLBACK;
          })
          .then(
            () => undefined,
            (err: unknown) => {
              if (!opened) send(failure(id, err));
              else if (err !== ROLLBACK) throw err;
            },
          );
        return;
      }
      case 'end': {
        const open = transactions.get(request.tx)!;
        transactions.delete(request.tx);
        open.end(request.commit);
        await open.settled;
        return send({ id, ok: true, value: null });
      }
      case 'listen': {
        const listenId = id;
        listening.set(listenId, await db.listen(request.channel, (payload) => send({ id: listenId, notice: payload })));
        return send({ id, ok: true, value: null });
      }
      case 'unlisten': {
        const stop = listening.get(request.listenId);
        listening.delete(request.listenId);
        if (stop && !db.closed) await stop();
        return send({ id, ok: true, value: null });
      }
      case 'dump': {
        const bytes = await (await db.dumpDataDir(request.compression)).arrayBuffer();
        return send({ id, ok: true, value: bytes }, [bytes]);
      }
      case 'close': {
        if (!db.closed) await db.close();
        return send({ id, ok: true, value: null });
      }
    }
  } catch (err) {
    send(failure(id, err));
  }
}

try {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({
    dataDir: start.dataDir,
    loadDataDir: start.loadDataDir ? new Blob([start.loadDataDir as Uint8Array<ArrayBuffer>]) : fromTemplate(start.dataDir),
    startParams: pgliteStartParams(PGlite.defaultStartParams),
  });
  port.on('message', (request: EmbeddedRequest) => void answer(db, request));
  send({ id: 0, ok: true, value: null });
} catch (err) {
  send(failure(0, err));
}
