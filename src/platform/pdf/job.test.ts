import { describe, expect, it } from 'vitest';
import { jobJson, parseJob } from './job.js';

describe('a PDF job as JSON', () => {
  it('keeps dates as dates, anywhere in the input, and a text that reads like a date as text', () => {
    const input = { issuedAt: new Date('2026-12-05T10:00:00Z'), text: '2026-12-05T10:00:00.000Z', rows: [{ at: new Date(0) }], note: { $date: 'not alone', more: 1 } };
    const { json, plain } = jobJson({ module: 'file:///m.js', kind: 'letter', input });
    expect(plain).toBe(true);
    const back = parseJob(json).input as typeof input;
    expect(back.issuedAt).toEqual(input.issuedAt);
    expect(back.rows[0]!.at).toEqual(new Date(0));
    expect(back.text).toBe(input.text);
    expect(back.note).toEqual(input.note);
  });

  it('says a job holding binary data cannot travel as JSON', () => {
    expect(jobJson({ module: 'file:///m.js', kind: 'k', input: { gate: new Int32Array(new SharedArrayBuffer(4)) } }).plain).toBe(false);
    expect(jobJson({ module: 'file:///m.js', kind: 'k', input: { logo: new Uint8Array([1, 2]) } }).plain).toBe(false);
  });
});
