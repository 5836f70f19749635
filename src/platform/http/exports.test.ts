import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { neutralizeCell, tableFile } from './exports.js';

/** The whole table written at once, as one string: what the batches must add up to. */
const toCsv = (head: string[], rows: (string | number)[][]) => `\ufeff${stringify([head, ...rows].map((r) => r.map(neutralizeCell)))}`;

describe('table files', () => {
  it('writes a long CSV a batch at a time, with the same bytes as the whole table at once, every row read back as written', async () => {
    const head = ['#', 'Comment', 'Name'];
    // 2,500 rows cross two batch boundaries; quotes, commas, line breaks, scripts and a formula in the cells.
    const rows = Array.from({ length: 2_500 }, (_, n) => [n + 1, n % 7 === 0 ? `He said "yes", then\nleft — قال نعم 他说是` : `row ${n}`, n % 11 === 0 ? '=HYPERLINK("x")' : 'Ana']);
    function* lazily() {
      yield* rows;
    }
    const bytes = await tableFile('csv', head, lazily(), 'ignored');
    expect(bytes.toString('utf8')).toBe(toCsv(head, rows));
    const read = parse(bytes.toString('utf8').replace(/^\ufeff/, '')) as string[][];
    expect(read).toHaveLength(1 + 2_500);
    expect(read[1 + 7]).toEqual(['8', `He said "yes", then\nleft — قال نعم 他说是`, 'Ana']);
    expect(read[1 + 11]![2]).toBe(`'=HYPERLINK("x")`);
  });
});
