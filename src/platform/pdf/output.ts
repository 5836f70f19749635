/**
 * A document's bytes, gathered as pdfkit writes them. pdfkit writes each object as a piece of its
 * own; left in its stream until the end, the 10,000-comment annex's 26,000 pieces held ~33 MB for
 * 10.7 MB of bytes. Here they are copied into blocks: the first 64 KB (a letter fits), each next
 * one twice the last, up to 1 MB.
 *
 * In a drawing process (pool.ts), each full block of the job's document is handed over as soon as
 * it is full (`handBlocksTo`), and the document's bytes at its end are only the rest: the annex's
 * file was held there three times over at its end (its blocks, the blocks joined, the message
 * carrying them), ~33 MB at the drawing's peak.
 */
const FIRST_BLOCK = 1 << 16;
const LARGEST_BLOCK = 1 << 20;

/** Where the next document's full blocks go (see handBlocksTo). */
let nextSink: ((block: Buffer) => void) | null = null;

/**
 * Hands the full blocks of the next document made (one per job: a second one in the same job keeps
 * its own) to `sink` as they fill, in order; null stops it.
 */
export function handBlocksTo(sink: ((block: Buffer) => void) | null): void {
  nextSink = sink;
}

export class Output {
  private readonly blocks: Buffer[] = [];
  private readonly sink = nextSink;
  private block = Buffer.allocUnsafeSlow(0);
  private used = 0;
  private made = 0;

  constructor() {
    nextSink = null;
  }

  add(chunk: Buffer): void {
    if (this.used + chunk.length > this.block.length) {
      this.flush();
      this.block = Buffer.allocUnsafeSlow(Math.max(Math.min(LARGEST_BLOCK, FIRST_BLOCK * 2 ** this.made++), chunk.length));
    }
    chunk.copy(this.block, this.used);
    this.used += chunk.length;
  }

  /** The bytes written and not handed over, in one buffer: all of them, unless a sink took the full blocks. */
  bytes(): Buffer {
    this.flush(false);
    return this.blocks.length === 1 ? this.blocks[0]! : Buffer.concat(this.blocks.splice(0));
  }

  private flush(full = true): void {
    if (this.used === 0) return;
    const written = this.block.subarray(0, this.used);
    if (full && this.sink) this.sink(written);
    else this.blocks.push(written);
    this.block = Buffer.allocUnsafeSlow(0);
    this.used = 0;
  }
}
