/**
 * The comment-and-response report of a consultation with 10,000 comments (the report and comments of
 * bench/consultation.ts: 200 paragraphs, ~2,500 commenters, six languages), every comment answered —
 * most alone, some in groups of 2–10 making the same point — with responses in English (a third in
 * French too) and, for accepted comments, changed paragraphs of the final version; the final version
 * published. Goal: generating the report ≤ 5 s and ≤ 200 MB RSS.
 *
 * The data is inserted by this process; then Bridges is started on it as `npm start` runs it
 * (compiled, its own process, its Node options, NODE_ENV=production, no background worker) and
 * measured cold (nothing made yet), in this order, each asked for over HTTP as a reader asks: the
 * report's data (read and put in order: the part every form shares, made once per state of the
 * answers) with the first HTML page, the CSV, the XLSX and the PDF (drawn in a process of the PDF
 * pool, fed the comments in parts); each format's time is the cold data plus its own (a download
 * told "being prepared" is asked for again until it comes); then a page further on and a file
 * asked for again (served as made). RSS: the server's after it started, after each step, and its
 * peak (VmHWM); the drawing process's peak; the two together at most (sampled); the server's once
 * the idle drawing process has ended. Then, in
 * this process, the "you said, we did" e-mails to every commenter (the job, rendering each e-mail into the outbox).
 * Runs on PGlite (a data folder, as `npm start`) and on PostgreSQL when BENCH_DATABASE_URL is set.
 * `npm run bench:outcome`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { migrate, openDatabase, type Database } from '../src/db/client.js';
import { addReportVersion, newestVersion } from '../src/modules/workinggroups/service.js';
import { consultationComments as cc, consultationResponses, consultations, DISPOSITIONS } from '../src/modules/consultations/schema.js';
import { sendOutcomeMails } from '../src/modules/consultations/outcome-mail.js';
import { fill } from './consultation.js';
import { childrenOf, familyRssMb, memoryMb, startBridges, stop } from './app.js';
import { withScratchDatabase } from './scratch-database.js';

const GOAL_MS = 5_000;
const GOAL_MB = 200;

let seed = 7;
const rnd = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

/** Answers every comment to answer, publishes a final version (a few paragraphs changed) and concludes the consultation. */
async function answerAll(database: Database, page: Awaited<ReturnType<typeof fill>>['page']) {
  const db = database.db;
  const c = page.consultation;
  // The final version: every tenth paragraph changed (its identifier kept).
  const markdown = page.version.blocks.map((b, i) => (b.kind === 'paragraph' && i % 10 === 0 ? `${b.markdown} The final version adds a sentence here.` : b.markdown)).join('\n\n');
  const [group] = await db.execute(sql`select group_id from reports where id = ${page.report.id}`).then((r) => (r as unknown as { rows: { group_id: string }[] }).rows);
  await addReportVersion(db, group!.group_id, page.report.slug, { title: page.version.title, markdown, stage: 'final', number: 2 });
  const final = (await newestVersion(db, page.report.id))!;
  const changedIds = final.blocks.filter((b, i) => b.kind === 'paragraph' && i % 10 === 0).map((b) => b.id);

  const rows = await db.select({ id: cc.id, blockId: cc.blockId }).from(cc).where(and(eq(cc.consultationId, c.id), eq(cc.state, 'published'), isNull(cc.parentId))).orderBy(cc.blockId, cc.createdAt);
  const responses: (typeof consultationResponses.$inferInsert)[] = [];
  const links: [string, string][] = [];
  for (let i = 0; i < rows.length; ) {
    const size = rnd() < 0.7 ? 1 : 2 + Math.floor(rnd() * 9);
    const members = rows.slice(i, i + size).filter((r) => r.blockId === rows[i]!.blockId);
    i += members.length;
    const disposition = DISPOSITIONS[Math.floor(rnd() * DISPOSITIONS.length)]!;
    const id = randomUUID();
    const changed = disposition === 'accepted' && rnd() < 0.5 ? [changedIds[Math.floor(rnd() * changedIds.length)]!] : [];
    const en = `The working group ${disposition === 'accepted' ? 'agrees and changed the text accordingly' : 'thanks you for this comment and explains its choice'}: the evidence reviewed covers ${3 + Math.floor(rnd() * 40)} studies in ${2 + Math.floor(rnd() * 20)} countries, and the recommendation stays focused on the early grades.`;
    responses.push({ id, consultationId: c.id, disposition, response: rnd() < 0.33 ? { en, fr: `Le groupe de travail vous remercie : ${en}` } : { en }, originalLocale: 'en', changedVersionId: changed.length ? final.id : null, changedBlocks: changed });
    for (const m of members) links.push([m.id, id]);
  }
  for (let i = 0; i < responses.length; i += 500) await db.insert(consultationResponses).values(responses.slice(i, i + 500));
  for (let i = 0; i < links.length; i += 500) {
    const values = sql.join(links.slice(i, i + 500).map(([cid, rid]) => sql`(${cid}::uuid, ${rid}::uuid)`), sql`, `);
    await db.execute(sql`update consultation_comments c set response_id = v.rid from (values ${values}) as v(cid, rid) where c.id = v.cid`);
  }
  await db.update(consultations).set({ concludedAt: new Date(), finalVersionId: final.id, closesAt: new Date(Date.now() - 1000) }).where(eq(consultations.id, c.id));
  return { comments: rows.length, answers: responses.length };
}

/** Fills a database with the consultation and its answers (in this process, whose memory then holds all it inserted). */
async function prepare(label: string, database: Database) {
  const t0 = performance.now();
  await migrate(database);
  const seeded = await fill(database);
  const answered = await answerAll(database, seeded.page);
  console.log(`outcome ${label}: data inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s — ${answered.comments} comments to answer, ${answered.answers} answers`);
}

/** Bridges, started as `npm start` runs it on the filled database, asked for the report and its files over HTTP. */
async function measure(label: string, open: () => Promise<Database>, where: Record<string, string>) {
  // The database is closed while the server runs (it holds an embedded data folder's lock).
  let database = await open();
  const [c] = await database.db.select({ id: consultations.id, slug: consultations.slug }).from(consultations);
  await database.close();
  const bridges = await startBridges({ ...where, SEED_DEMO: 'never', WORKER: 'off', PAGE_CACHE_MB: '0', RATE_LIMIT_ALLOWLIST: '127.0.0.1', LOG_LEVEL: 'silent' }, 3917);
  try {
    const pid = bridges.child.pid!;
    const base = `${bridges.base}/en/consultations/${c!.slug}/responses`;
    const before = Math.round(memoryMb(pid).rss);
    const step = async (what: string, url: string) => {
      const t = performance.now();
      let res = await fetch(url);
      // A file that takes long to make is "being prepared" (202): the reader asks again until it comes.
      while (res.status === 202) {
        await new Promise((r) => setTimeout(r, 50));
        res = await fetch(url);
      }
      const bytes = (await res.arrayBuffer()).byteLength;
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      return { what, ms, bytes, rss: Math.round(memoryMb(pid).rss) };
    };
    // The server and its PDF drawing process together, sampled as the report is made.
    let together = 0;
    const sampler = setInterval(() => (together = Math.max(together, familyRssMb(pid))), 20);
    const steps = [await step('first HTML page (data made cold)', base), await step('CSV', `${base}.csv`), await step('XLSX', `${base}.xlsx`), await step('PDF', `${base}.pdf`), await step('HTML page 50', `${base}?page=50`), await step('PDF again', `${base}.pdf`)];
    clearInterval(sampler);
    const data = steps[0]!.ms;
    for (const s of steps) console.log(`outcome ${label}: ${s.what} ${Math.round(s.ms)} ms, ${Math.round(s.bytes / 1024)} KB, RSS ${s.rss} MB`);
    // The drawing process lives on for 30 s after its last document: its peak is read before it ends.
    const drawing = Math.round(Math.max(0, ...childrenOf(pid).map((p) => memoryMb(p).peak)));
    console.log(`outcome ${label}: the PDF drawing process's peak RSS ${drawing} MB (goal ≤ ${GOAL_MB} MB: ${drawing > 0 && drawing <= GOAL_MB ? 'met' : 'MISSED'}); the server and it together at most ${Math.round(together)} MB (sampled every 20 ms)`);
    // A format from nothing: the data (made by the first request) and the file.
    const cold = (name: string) => data + (steps.find((s) => s.what === name)?.ms ?? 0);
    const worst = Math.max(cold('CSV'), cold('XLSX'), cold('PDF'), data);
    const top = Math.round(memoryMb(pid).peak);
    // An idle PDF drawing process ends after 30 s (platform/pdf/pool.ts).
    await new Promise((resolve) => setTimeout(resolve, 32_000));
    console.log(`outcome ${label}: RSS ${Math.round(memoryMb(pid).rss)} MB once the idle PDF drawing process has ended (30 s after its last document; ${childrenOf(pid).length} left)`);
    console.log(
      `outcome ${label}: from nothing — HTML ${Math.round(data)} ms, CSV ${Math.round(cold('CSV'))} ms, XLSX ${Math.round(cold('XLSX'))} ms, PDF ${Math.round(cold('PDF'))} ms (goal ≤ ${GOAL_MS} ms: ${worst <= GOAL_MS ? 'met' : 'MISSED'}); ` +
        `the server's RSS ${before} MB started, peak ${top} MB (goal ≤ ${GOAL_MB} MB: ${top <= GOAL_MB ? 'met' : 'MISSED'})`,
    );
  } finally {
    await stop(bridges.child);
  }
  database = await open();
  const tm = performance.now();
  const told = await sendOutcomeMails(database.db, c!.id, 'http://127.0.0.1:3000').finally(() => database.close());
  console.log(`outcome ${label}: "you said, we did" to ${told} commenters in ${((performance.now() - tm) / 1000).toFixed(1)} s (each e-mail rendered into the outbox, in the bench's process)`);
}

async function main() {
  console.log(`# comment-and-response report — node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'})`);
  const dir = mkdtempSync(join(tmpdir(), 'bridges-bench-outcome-'));
  try {
    const dataDir = join(dir, 'data');
    const embedded = await openDatabase({ dataDir });
    try {
      await prepare('pglite', embedded);
    } finally {
      await embedded.close();
    }
    await measure('pglite', () => openDatabase({ dataDir }), { DATA_DIR: dataDir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_DATABASE_URL) {
    await withScratchDatabase('bridges_bench_outcome', async (url) => {
      const server = await openDatabase({ databaseUrl: url });
      try {
        await prepare('postgres', server);
      } finally {
        await server.close();
      }
      await measure('postgres', () => openDatabase({ databaseUrl: url }), { DATABASE_URL: url });
    });
  } else console.log('outcome PostgreSQL: left out (set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
