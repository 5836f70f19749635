/**
 * Publications at scale. Goals (from the issue): the list of 500 publications and a landing page
 * p95 ≤ 50 ms server-side (inject, no network); OAI-PMH ListRecords of 5,000 records streamed with
 * flat memory (the heap while 1,000 and 5,000 records stream, over a real socket, read and dropped).
 * Runs on PGlite, and on PostgreSQL when BENCH_DATABASE_URL is set (a fresh database, dropped after).
 */
import http from 'node:http';
import Fastify from 'fastify';
import { loadConfig } from '../src/config.js';
import { migrate, openDatabase, type Database } from '../src/db/client.js';
import { buildApp } from '../src/server.js';
import { addSeries } from '../src/modules/publications/factories.js';
import { publications, publicationVersions, type Meta } from '../src/modules/publications/schema.js';
import { oaiRoutes } from '../src/modules/publications/oai-routes.js';
import { withScratchDatabase } from './scratch-database.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const LANGS = ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const;
const WORDS = 'learning reading teachers evidence classroom numeracy practice policy children school language guide coaching review memory attention'.split(' ');

const text = (i: number, n: number) => Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');
const body = (i: number) =>
  Array.from({ length: 6 }, (_, s) => `## Section ${s + 1}\n\n${text(i + s, 80)}.\n\n- ${text(i, 8)}\n- ${text(i + 1, 9)}\n`).join('\n');

/** `count` published originals in one series, each described in three languages, version 1, a fifth of them with a published translation. */
async function fill(database: Database, seriesId: string, from: number, count: number) {
  for (let start = from; start < from + count; start += 250) {
    const n = Math.min(250, from + count - start);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = start + k;
      const meta: Meta = {};
      for (const l of [LANGS[i % 6]!, 'en', 'fr'] as const) meta[l] = { title: `${l} ${text(i, 8)} ${i}`, abstract: text(i, 90), summary: text(i + 2, 40), keywords: [WORDS[i % WORDS.length]!, WORDS[(i + 5) % WORDS.length]!], recommendations: text(i + 3, 30) };
      return {
        seriesId,
        number: `BX-${String(i).padStart(5, '0')}`,
        state: 'published' as const,
        locale: LANGS[i % 6]!,
        authors: [{ name: `Author ${i}`, affiliation: 'Institute' }, { name: `Coauthor ${i}`, affiliation: '' }],
        meta,
        body: body(i),
        currentVersion: 1,
        firstPublishedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000),
        updatedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000),
      };
    });
    const inserted = await database.db.insert(publications).values(rows).returning({ id: publications.id, number: publications.number, meta: publications.meta, authors: publications.authors, body: publications.body });
    await database.db.insert(publicationVersions).values(inserted.map((r) => ({ publicationId: r.id, number: 1, meta: r.meta, authors: r.authors, body: r.body })));
    const translated = inserted.filter((_, k) => (start + k) % 5 === 0);
    if (translated.length) {
      const copies = await database.db
        .insert(publications)
        .values(translated.map((r) => ({ seriesId, number: `${r.number}-EN`, state: 'published' as const, locale: 'en' as const, translationOf: r.id, translationMethod: 'human' as const, meta: { en: r.meta.en! }, body: r.body, currentVersion: 1, firstPublishedAt: new Date(), authors: r.authors })))
        .returning({ id: publications.id, meta: publications.meta, authors: publications.authors, body: publications.body });
      await database.db.insert(publicationVersions).values(copies.map((r) => ({ publicationId: r.id, number: 1, meta: r.meta, authors: r.authors, body: r.body })));
    }
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const line = (label: string, s: number[]) => `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms — goal p95 ≤ 50 ms: ${percentile(s, 95) <= 50 ? 'met' : 'MISSED'} (${label})`;

/** Streams one ListRecords response over a socket, reading and dropping it; the heap's peak above where it started, sampled every 5 ms. */
async function harvest(port: number): Promise<{ records: number; bytes: number; ms: number; heapMb: number }> {
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const t0 = performance.now();
  let bytes = 0;
  let records = 0;
  let tail = '';
  await new Promise<void>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/oai?verb=ListRecords&metadataPrefix=oai_dc' }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          bytes += Buffer.byteLength(chunk);
          const seen = (tail + chunk).split('<record>').length - 1;
          records += seen;
          tail = chunk.slice(-8);
        });
        res.on('end', resolve);
        res.on('error', reject);
      })
      .on('error', reject);
  });
  clearInterval(timer);
  return { records, bytes, ms: performance.now() - t0, heapMb: (peak - base) / 1048576 };
}

async function run(label: string, database: Database) {
  await migrate(database);
  const seriesId = await addSeries(database.db, { slug: 'bench-series', prefix: 'BX', title: { en: 'Bench series' } });
  await fill(database, seriesId, 0, 500);
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const lists = ['/en/publications', '/fr/publications?page=5', '/ar/publications?page=10', '/en/publications?audience=policymaker'];
  const pages = Array.from({ length: 20 }, (_, i) => `/${LANGS[i % 6]}/publications/bx-${String(i * 23).padStart(5, '0')}`);
  const times = { list: [] as number[], landing: [] as number[] };
  for (const url of [...lists, ...pages]) await app.inject({ url }); // warm-up
  for (let i = 0; i < REQUESTS; i++) {
    for (const [kind, url] of [['list', lists[i % lists.length]!], ['landing', pages[i % pages.length]!]] as const) {
      // With a session cookie (an unknown one: an anonymous reader) the page cache stands aside: the page is drawn every time.
      const t0 = performance.now();
      const res = await app.inject({ url, headers: { cookie: 'bridges_session=bench' } });
      times[kind].push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    }
  }
  console.log(`publications ${label} list of 500: ${line(`${REQUESTS} requests`, times.list.sort((a, b) => a - b))}`);
  console.log(`publications ${label} landing page: ${line(`${REQUESTS} requests`, times.landing.sort((a, b) => a - b))}`);
  await app.close();

  // OAI-PMH: one response holding every record (page size 5,000), at 1,000 and at 5,000 records.
  for (const [total, target] of [[1000, 1000], [5000, 5000]] as const) {
    const have = total === 1000 ? 500 : 1000;
    await fill(database, seriesId, have, target - have);
    const oai = Fastify({ logger: false });
    await oai.register(oaiRoutes, { db: database.db, config, pageSize: 5000 });
    await oai.listen({ host: '127.0.0.1', port: 0 });
    const port = (oai.server.address() as { port: number }).port;
    const r = await harvest(port);
    console.log(`publications ${label} OAI-PMH ListRecords, ${total} originals (+${total / 5} translations): ${r.records} records, ${(r.bytes / 1048576).toFixed(1)} MB in ${(r.ms / 1000).toFixed(1)} s, heap peak +${r.heapMb.toFixed(1)} MB while streaming`);
    await oai.close();
  }
}

const pglite = await openDatabase({});
await run('pglite', pglite);
await pglite.close();
if (process.env.BENCH_DATABASE_URL) {
  await withScratchDatabase('bench_publications', async (url) => {
    const pg = await openDatabase({ databaseUrl: url });
    try {
      await run('postgres', pg);
    } finally {
      await pg.close();
    }
  });
} else console.log('publications PostgreSQL: left out (set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)');
