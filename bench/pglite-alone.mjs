// PGlite's share of Bridges' memory: the embedded database alone, opened on a data folder with the
// settings Bridges gives it (dist/db/template.js, built by the bench first), one query.
import { PGlite } from '@electric-sql/pglite';
import { pgliteStartParams } from '../dist/db/template.js';

const db = await PGlite.create({ dataDir: process.argv[2], startParams: pgliteStartParams(PGlite.defaultStartParams) });
await db.query('select count(*) from meetings');
const status = (await import('node:fs')).readFileSync('/proc/self/status', 'utf8');
const mb = (name) => Math.round(Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)[1]) / 1024);
console.log(JSON.stringify({ rss: mb('VmRSS'), peak: mb('VmHWM') }));
await db.close();
