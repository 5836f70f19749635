/**
 * How a PDF job travels to a drawing process (pool.ts): as one JSON string, far faster to hand over
 * than its objects (a 10,000-comment annex: ~10 ms against ~170 ms of structured cloning, then its
 * parsing). A job holding binary data (a typed array) travels as is, by the channel's own (V8's)
 * serialization; shared memory cannot reach another process.
 */
import type { PdfJob } from './pool.js';

/** A job as JSON, its dates kept as dates ({"$date": ISO}: no text of a document is an object), and whether JSON carries all of it. */
export function jobJson(job: PdfJob): { json: string; plain: boolean } {
  let plain = true;
  const json = JSON.stringify(job, function (this: Record<string, unknown>, key, value) {
    const own = this[key];
    if (ArrayBuffer.isView(own) || own instanceof ArrayBuffer || own instanceof SharedArrayBuffer) plain = false;
    return own instanceof Date ? { $date: value as string } : value;
  });
  return { json, plain };
}

/** A job from jobJson. */
export function parseJob(json: string): PdfJob {
  return JSON.parse(json, (_key, value) => (value !== null && typeof value === 'object' && Object.keys(value).length === 1 && typeof value.$date === 'string' ? new Date(value.$date) : value)) as PdfJob;
}
