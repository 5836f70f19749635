import { describe, expect, it } from 'vitest';
import { drizzleOptions, openRecording, recordQueries, unrecorded } from './reads.js';

/** A statement as drizzle's logger sees it. */
const send = (() => {
  const { logger } = drizzleOptions(new Set());
  return (sql: string) => logger.logQuery(sql);
})();
const later = () => new Promise((r) => setTimeout(r, 5));

// The page cache learns which tables a page was drawn from by these recordings: a query missed
// means a page kept after its content changed.
describe('recorded queries', () => {
  it('records the work a recording starts, while others open and close around it, and again once all have closed', async () => {
    const a: string[] = [];
    const b: string[] = [];
    let doneA!: Promise<void>;
    let doneB!: Promise<void>;
    const closeA = openRecording(a, () => {
      doneA = later().then(() => send('select 1 from "a"'));
    });
    const closeB = openRecording(b, () => {
      doneB = later()
        .then(later)
        .then(() => send('select 1 from "b"'));
    });
    await doneA;
    closeA();
    send('select 1 from "nobody"');
    await doneB;
    closeB();
    closeB(); // a second close changes nothing
    expect(a).toEqual(['select 1 from "a"']);
    expect(b).toEqual(['select 1 from "b"']);

    const c: string[] = [];
    await recordQueries(c, async () => {
      await later();
      send('select 1 from "c"');
      await unrecorded(async () => send('select 1 from "bookkeeping"'));
    });
    send('select 1 from "after"');
    expect(c).toEqual(['select 1 from "c"']);
  });
});
