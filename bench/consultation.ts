/**
 * Consultation pages with a big report: 200 paragraphs (and 20 section headings) and 10,000 comments.
 * Goals: the report page and a paragraph's comment page p95 ≤ 50 ms server-side, and each page's
 * weight ≤ 30 KB compressed.
 *
 * The data is inserted directly (comments in batches of 500), from a seeded generator: paragraphs of
 * 400–700 characters, comments of 200–800 characters in the six languages (words drawn by their
 * frequency in the UI catalogs, so the text compresses like prose, not like a repeated sentence:
 * the ratios are printed; the text changes a little when the catalogs do), ~2,500 commenters of every stakeholder group from many countries, ~10 %
 * replies, some quoting a passage or answering a guiding question, ~0.5 % hidden, a few flagged.
 * Comments fall unevenly on the paragraphs (a few get hundreds); the paragraph pages measured are a
 * typical one (the median count) and the busiest one. The report is long enough to be read a
 * section at a time: the report page has the summary, the contents and the first section; the
 * busiest paragraph's section page is measured too, and the whole report on one page (the link
 * for printing and searching, whose text alone is over the budget: its weight is printed, not judged).
 *
 * Server-side time: `inject` (no network), brotli accepted, one request at a time, the pages taken in
 * turn, en and ar alternately; p50/p95/p99 for an anonymous reader (the report page from the page
 * cache, and rendered with the cache off) and a signed-in reader with a commenter profile (rendered
 * every time, the comment form and a flag button per comment). Page weight: the HTML as the server
 * sends it (brotli, gzip), and with the CSS and JavaScript it loads compressed as bench/run.ts does.
 * The app is built in this process from src/ (as bench/directory.ts does) with NODE_ENV=production.
 * A last line gives the parts a page is made of, each timed alone (queries, Markdown, compression).
 * Runs on PGlite (a data folder, as `npm start`), and on PostgreSQL when BENCH_DATABASE_URL is set
 * (a fresh database is created there and dropped after). `npm run bench:consultation`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { withScratchDatabase } from './scratch-database.js';
import { migrate, openDatabase, type Database } from '../src/db/client.js';
import { buildApp } from '../src/server.js';
import { users } from '../src/platform/auth/schema.js';
import { createSession } from '../src/platform/auth/service.js';
import { COUNTRY_CODES, incomeGroupOf, regionOf } from '../src/platform/geo/countries.js';
import { selectorFor } from '../src/platform/documents/anchor.js';
import { LOCALES, type Locale } from '../src/platform/i18n/locales.js';
import { addReportVersion, addWorkingGroup } from '../src/modules/workinggroups/service.js';
import { addConsultation, commentCounts, commentsOn, getConsultation, readingOf, sectionIndexOf, STAKEHOLDER_GROUPS, type ConsultationPage } from '../src/modules/consultations/service.js';
import { renderBlocks } from '../src/platform/documents/markdown.js';
import { footnoteWords } from '../src/platform/ui/components.js';
import { translator } from '../src/platform/i18n/messages.js';
import { commenterProfiles, consultationComments, consultationFlags } from '../src/modules/consultations/schema.js';

const PARAGRAPHS = Number(process.env.BENCH_PARAGRAPHS ?? 200);
const SECTIONS = Number(process.env.BENCH_SECTIONS ?? 20);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 10_000);
const COMMENTERS = Number(process.env.BENCH_COMMENTERS ?? 2_500);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARM_UP = 20;
const GOAL_MS = 50;
const BUDGET = 30 * 1024;
const DAY = 86_400_000;

// ——— A seeded generator, so every run inserts the same report and comments ———

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = 20261204;
let rnd = mulberry32(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
function weighted<T>(items: readonly (readonly [T, number])[]): () => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  return () => {
    let x = rnd() * total;
    for (const [v, w] of items) if ((x -= w) < 0) return v;
    return items[items.length - 1]![0];
  };
}

/**
 * Words of a language with their frequencies, from the UI catalog (locales/<lang>.json): placeholders
 * and markup taken out, words cut by Intl.Segmenter. Text drawn from them word by word compresses
 * about as prose does (checked below), so page weights are not flattered by repetition.
 */
interface Vocabulary {
  words: string[];
  cumulative: number[];
  /** The catalog's text, to compare compression ratios with. */
  sample: string;
}
function vocabulary(locale: Locale): Vocabulary {
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(JSON.parse(readFileSync(new URL(`../locales/${locale}.json`, import.meta.url), 'utf8')));
  const clean = strings.map((s) => {
    let t = s.replace(/<[^>]*>/g, ' ');
    for (let before = ''; before !== t; ) [before, t] = [t, t.replace(/\{[^{}]*\}/g, ' ')];
    return t.replace(/[{}#]/g, ' ').replace(/\s+/g, ' ').trim();
  });
  const counts = new Map<string, number>();
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  for (const s of clean) for (const seg of segmenter.segment(s)) if (seg.isWordLike && !/\d/.test(seg.segment)) counts.set(seg.segment, (counts.get(seg.segment) ?? 0) + 1);
  const words = [...counts.keys()];
  let sum = 0;
  const cumulative = words.map((w) => (sum += counts.get(w)!));
  return { words, cumulative, sample: clean.filter((s) => s.length > 40).join(' ') };
}
const VOCAB = Object.fromEntries(LOCALES.map((l) => [l, vocabulary(l)])) as Record<Locale, Vocabulary>;

function word(v: Vocabulary): string {
  const x = rnd() * v.cumulative[v.cumulative.length - 1]!;
  let lo = 0;
  let hi = v.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return v.words[lo]!;
}

function sentence(locale: Locale): string {
  const v = VOCAB[locale];
  const n = int(6, 20);
  const ws = Array.from({ length: n }, () => word(v));
  if (locale === 'zh') return `${ws.slice(0, n >> 1).join('')}，${ws.slice(n >> 1).join('')}。`;
  const comma = locale === 'ar' ? '،' : ',';
  if (n > 10) ws[int(3, n - 4)] += comma;
  const s = ws.join(' ');
  return `${s.charAt(0).toLocaleUpperCase(locale)}${s.slice(1)}.`;
}

/** Prose of `min`–`max` characters in a language: whole sentences. */
function prose(locale: Locale, min: number, max: number): string {
  const target = int(min, max);
  let out = '';
  const sep = locale === 'zh' ? '' : ' ';
  while (out.length < target) {
    const s = sentence(locale);
    if (out.length >= min && out.length + s.length + 1 > max) break;
    out = out ? `${out}${sep}${s}` : s;
  }
  return out.length > max ? `${out.slice(0, max - 1).trimEnd()}.` : out;
}

// ——— The report, its consultation and the comments ———

function reportMarkdown(): { markdown: string; paragraphs: number; headings: number } {
  const parts = ['# Learning in the early grades: a review of the evidence'];
  let p = 0;
  for (let s = 0; s < SECTIONS; s++) {
    parts.push(`## ${s + 1}. ${prose('en', 20, 60).replace(/\.$/, '')}`);
    const inSection = Math.round(((s + 1) * PARAGRAPHS) / SECTIONS) - p;
    for (let i = 0; i < inSection; i++, p++) {
      let text = prose('en', 400, 700);
      // Some emphasis and a link now and then, as in a real report.
      if (p % 7 === 3) text = text.replace(/^(\S+ \S+ \S+)/, '**$1**');
      if (p % 11 === 5) text += ' See [the annex](https://example.org/annex).';
      parts.push(text);
    }
  }
  return { markdown: parts.join('\n\n'), paragraphs: p, headings: SECTIONS + 1 };
}

const FIRST = ['Amina', 'Kwame', 'Lucía', 'Wei', 'Olga', 'Rahul', 'Fatima', 'João', 'Nadia', 'Samuel', 'Mei', 'Ahmed', 'Grace', 'Pierre', 'Ana', 'Yusuf', 'Chiara', 'Dmitri', 'Aisha', 'Tomás', 'Priya', 'Hassan', 'Elena', 'Kofi', 'Sofía', 'Ibrahim', 'Lin', 'Marie', 'Juan', 'Zainab', 'Oleksandr', 'Ngozi', 'Carlos', 'Leila', 'Hiroshi', 'Esther', 'Mohammed', 'Camille', 'Diego', 'Halima'];
const LAST = ['Mensah', 'Herrera', 'Zhang', 'Ivanova', 'Sharma', 'Al-Hassan', 'Silva', 'Okafor', 'Dubois', 'García', 'Khan', 'Nguyen', 'Haddad', 'Petrov', 'Banda', 'Rossi', 'Diallo', 'Kim', 'Mwangi', 'Pereira', 'Yilmaz', 'Benali', 'Santos', 'Chen', 'Ndiaye', 'Kowalski', 'Rahman', 'López', 'Sato', 'Asante', 'Moreau', 'Abdullah', 'Quispe', 'Wang', 'Kariuki', 'Martin', 'Osei', 'Hussein', 'Fernández', 'Tran'];
const ORG_KINDS = ['Ministry of Education', 'University of', 'Institute for Learning,', 'Teachers’ Union of', 'Education Coalition of', 'National Assessment Centre,', 'Reading Association of', 'Foundation for Schools,'];

export interface Seeded {
  page: ConsultationPage;
  slug: string;
  typical: { blockId: string; comments: number };
  busiest: { blockId: string; comments: number };
  reader: string;
  spread: string;
  textRatios: string;
}

export async function fill(database: Database): Promise<Seeded> {
  const db = database.db;
  rnd = mulberry32(SEED); // the same report and comments on every database
  const groupId = await addWorkingGroup(db, { slug: 'foundational-learning', name: { en: 'Foundational Learning' }, summary: { en: 'Literacy and numeracy in the first years of school.' } });
  const report = reportMarkdown();
  await addReportVersion(db, groupId, 'early-grades', { title: 'Learning in the early grades: a review of the evidence', markdown: report.markdown, stage: 'prefinal' });
  const now = Date.now();
  const opensAt = new Date(now - 10 * DAY);
  const page = (await addConsultation(db, {
    group: 'foundational-learning',
    report: 'early-grades',
    number: 1,
    opensAt,
    closesAt: new Date(now + 21 * DAY),
    summary: { en: prose('en', 300, 450), fr: prose('fr', 300, 450), ar: prose('ar', 250, 400) },
    questions: [{ section: null, text: { en: 'What evidence from your country should the report add?', ar: 'ما الأدلة من بلدك التي ينبغي أن يضيفها التقرير؟' } }],
  }))!;
  const blocks = page.version.blocks;
  if (blocks.filter((b) => b.kind === 'paragraph').length !== report.paragraphs || blocks.filter((b) => b.kind === 'heading').length !== report.headings) {
    throw new Error(`the report was read as ${blocks.length} blocks, not ${report.paragraphs} paragraphs and ${report.headings} headings`);
  }
  const paragraphs = blocks.filter((b) => b.kind === 'paragraph');
  const headings = blocks.filter((b) => b.kind === 'heading' && b.level === 2);

  // Commenters and their profiles.
  const countryRank = [...COUNTRY_CODES].sort(() => rnd() - 0.5);
  const country = weighted(countryRank.map((c, i) => [c, 1 / (i + 4)] as const));
  const groupOf = weighted(STAKEHOLDER_GROUPS.map((g, i) => [g, [30, 12, 25, 8, 6, 4, 3, 6, 8, 3, 4, 2][i] ?? 2] as const));
  const writes = weighted<Locale>([['en', 45], ['fr', 20], ['es', 15], ['ar', 8], ['ru', 6], ['zh', 6]]);
  const people = Array.from({ length: COMMENTERS }, (_, i) => {
    const c = country();
    const org = rnd() < 0.4 ? `${pick(ORG_KINDS)} ${c}` : '';
    return { id: randomUUID(), email: `commenter${i}@bench.example`, name: `${pick(FIRST)} ${pick(LAST)}`, locale: writes(), group: groupOf(), country: c, organization: org, onBehalf: org && rnd() < 0.35 ? ('organization' as const) : ('self' as const), display: rnd() < 0.2 ? ('group' as const) : ('name' as const) };
  });
  for (let i = 0; i < people.length; i += 500) {
    const batch = people.slice(i, i + 500);
    await db.insert(users).values(batch.map((p) => ({ id: p.id, email: p.email, name: p.name, locale: p.locale })));
    await db.insert(commenterProfiles).values(batch.map((p) => ({ userId: p.id, stakeholderGroup: p.group, country: p.country, organization: p.organization, onBehalf: p.onBehalf, display: p.display })));
  }
  // Some people write a lot; most once or twice.
  const who = weighted(people.map((p, i) => [p, 1 / (i + 20)] as const));

  // How many comments each paragraph gets: a long tail (a few paragraphs draw hundreds).
  const general = Math.round(COMMENTS * 0.02);
  const onHeadings = Math.round(COMMENTS * 0.01);
  const onParagraphs = COMMENTS - general - onHeadings;
  const rank = paragraphs.map((b) => b).sort(() => rnd() - 0.5);
  const whichParagraph = weighted(rank.map((b, i) => [b.id, 1 / (i + 8) ** 1.3] as const));
  const targets: (string | null)[] = [];
  for (let i = 0; i < onParagraphs; i++) targets.push(whichParagraph());
  for (let i = 0; i < onHeadings; i++) targets.push(pick(headings).id);
  for (let i = 0; i < general; i++) targets.push(null);

  const byBlock = new Map<string | null, { id: string; at: number }[]>();
  const rows: (typeof consultationComments.$inferInsert)[] = [];
  const flagged: string[] = [];
  for (const blockId of targets) {
    const block = blockId ? blocks.find((b) => b.id === blockId)! : null;
    const earlier = byBlock.get(blockId) ?? [];
    const p = who();
    const locale = rnd() < 0.75 ? p.locale : writes();
    const isReply = earlier.length > 0 && rnd() < 0.1;
    const parent = isReply ? pick(earlier) : undefined;
    const at = parent ? Math.min(now - 60_000, parent.at + int(1, 48) * 3_600_000) : opensAt.getTime() + Math.floor(rnd() * 10 * DAY);
    const id = randomUUID();
    let quote = null;
    if (block && block.kind === 'paragraph' && !parent && rnd() < 0.12) {
      const start = int(0, Math.max(0, block.text.length - 160));
      quote = selectorFor(block, start, start + int(40, 150));
    }
    const hidden = rnd() < 0.005;
    if (!hidden && rnd() < 0.004) flagged.push(id);
    rows.push({
      id,
      consultationId: page.consultation.id,
      userId: p.id,
      blockId,
      quote,
      quoteLocale: quote ? 'en' : null,
      questionId: !parent && !block && rnd() < 0.3 ? 'q1' : null,
      parentId: parent?.id ?? null,
      body: prose(locale, 200, 800),
      locale,
      state: hidden ? 'hidden' : 'published',
      source: blockId && block?.kind === 'heading' ? 'email' : 'web',
      hiddenReason: hidden ? 'Advertising: the code of conduct asks for comments on the report.' : null,
      moderatedAt: hidden ? new Date(at + 3_600_000) : null,
      authorName: p.name,
      organization: p.organization,
      stakeholderGroup: p.group,
      country: p.country,
      region: regionOf(p.country),
      incomeGroup: incomeGroupOf(p.country),
      onBehalf: p.onBehalf,
      display: p.display,
      createdAt: new Date(at),
    });
    if (!parent && !hidden) earlier.push({ id, at });
    byBlock.set(blockId, earlier);
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(consultationComments).values(rows.slice(i, i + 500));
  if (flagged.length) await db.insert(consultationFlags).values(flagged.map((commentId) => ({ commentId, userId: pick(people).id, reason: 'Not about the report' })));

  // The paragraphs measured: the median one and the busiest one (published comments, replies included).
  const published = new Map<string, number>();
  for (const r of rows) if (r.blockId && r.state === 'published') published.set(r.blockId, (published.get(r.blockId) ?? 0) + 1);
  const counts = paragraphs.map((b) => ({ blockId: b.id, comments: published.get(b.id) ?? 0 })).sort((a, b) => a.comments - b.comments);
  const typical = counts[Math.floor(counts.length / 2)]!;
  const busiest = counts[counts.length - 1]!;
  const q = (f: number) => counts[Math.min(counts.length - 1, Math.floor(f * counts.length))]!.comments;
  const spread = `comments per paragraph: min ${counts[0]!.comments}, median ${q(0.5)}, p90 ${q(0.9)}, top five ${counts.slice(-5).reverse().map((c) => c.comments).join(', ')}; ${counts.filter((c) => c.comments >= 100).length} paragraphs with 100 or more`;

  // Does the generated text compress like prose? Ratio gzip/raw of the comments against the catalog's sentences, per language.
  const ratio = (s: string) => gzipSync(Buffer.from(s), { level: 6 }).length / Buffer.byteLength(s);
  const textRatios = LOCALES.map((l) => {
    const generated = rows.filter((r) => r.locale === l).slice(0, 200).map((r) => r.body).join('\n');
    return `${l} ${ratio(generated).toFixed(2)} (catalog ${ratio(VOCAB[l].sample.slice(0, generated.length)).toFixed(2)})`;
  }).join(', ');

  // The signed-in reader: someone with a commenter profile who has written nothing here yet (so the form is shown, and a flag button on every comment).
  const [reader] = await db.insert(users).values({ email: 'reader@bench.example', name: 'Bench Reader', locale: 'en' }).returning({ id: users.id });
  await db.insert(commenterProfiles).values({ userId: reader!.id, stakeholderGroup: 'teacher', country: 'KE' });
  const token = await createSession(db, reader!.id, 'bench');
  return { page, slug: page.consultation.slug, typical, busiest, reader: `bridges_session=${token}`, spread, textRatios };
}

// ——— Measuring ———

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Cell {
  label: string;
  app: FastifyInstance;
  path: string;
  session?: string;
  /** The answer must come from the page cache (after the first). */
  cached?: boolean;
  hits?: number;
  times: number[];
}

async function get(app: FastifyInstance, url: string, locale: string, session: string | undefined, encoding: string) {
  const cookie = [`bridges_lang=${locale}`, session].filter(Boolean).join('; ');
  return app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding, cookie } });
}

async function assetsOf(app: FastifyInstance, html: string) {
  const assets = [...new Set([...html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]!))];
  let br = 0;
  let gz = 0;
  for (const a of assets) {
    const body = (await app.inject({ method: 'GET', url: a })).rawPayload;
    br += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return { br, gz, files: assets.length };
}

async function run(label: string, database: Database) {
  const t0 = performance.now();
  await migrate(database);
  const seeded = await fill(database);
  console.log(`consultation ${label}: data inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s — ${PARAGRAPHS} paragraphs, ${SECTIONS} sections, ${COMMENTS} comments by ${COMMENTERS} people; ${seeded.spread}`);
  console.log(`consultation ${label}: gzip ratio of the generated comments (of the UI catalog's own sentences): ${seeded.textRatios}`);

  const env = { NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-secret-that-is-long-enough-0123456789', BASE_URL: 'http://127.0.0.1:3000', RATE_LIMIT_ALLOWLIST: '127.0.0.1', WORKER: 'off' };
  const app = await buildApp({ config: loadConfig(env), database, logger: false });
  await app.ready();
  const uncached = await buildApp({ config: loadConfig({ ...env, PAGE_CACHE_MB: '0' }), database, logger: false });
  await uncached.ready();

  const report = `/consultations/${seeded.slug}`;
  const typical = `${report}/p/${seeded.typical.blockId}`;
  const busiest = `${report}/p/${seeded.busiest.blockId}`;
  // The report is long enough to be read a section at a time: its page has the first section, the busiest paragraph's section has its own page.
  const reading = readingOf(seeded.page.text);
  if (!reading.split) throw new Error('the bench report should be read a section at a time');
  const section = `${report}/s/${reading.sections[sectionIndexOf(reading, seeded.busiest.blockId)]!.id}`;
  const whole = `${report}/whole`;
  const cells: Cell[] = [
    { label: 'report page, anonymous, page cache', app, path: report, cached: true, times: [] },
    { label: 'report page, anonymous, cache off', app: uncached, path: report, times: [] },
    { label: 'report page, signed in', app, path: report, session: seeded.reader, times: [] },
    { label: 'section page (busiest paragraph’s), anonymous', app: uncached, path: section, times: [] },
    { label: 'section page (busiest paragraph’s), signed in', app, path: section, session: seeded.reader, times: [] },
    { label: 'whole report on one page, cache off', app: uncached, path: whole, times: [] },
    { label: `paragraph page, typical (${seeded.typical.comments} comments), anonymous`, app, path: typical, times: [] },
    { label: `paragraph page, typical (${seeded.typical.comments} comments), signed in`, app, path: typical, session: seeded.reader, times: [] },
    { label: `paragraph page, busiest (${seeded.busiest.comments} comments), anonymous`, app, path: busiest, times: [] },
    { label: `paragraph page, busiest (${seeded.busiest.comments} comments), signed in`, app, path: busiest, session: seeded.reader, times: [] },
  ];
  // One request at a time, every page in turn (so a slow minute of the machine falls on all alike), en and ar alternately.
  for (let i = 0; i < WARM_UP + REQUESTS; i++) {
    const locale = i % 2 ? 'ar' : 'en';
    for (const cell of cells) {
      const start = performance.now();
      const res = await get(cell.app, `/${locale}${cell.path}`, locale, cell.session, 'br');
      const ms = performance.now() - start;
      if (res.statusCode !== 200) throw new Error(`${cell.path} (${cell.label}): ${res.statusCode}`);
      // A kept page lives a minute (PAGE_LIFETIME_MS) and goes at the next comment: a few misses are expected.
      const state = res.headers['x-page-cache'];
      if (!cell.cached && state !== undefined) throw new Error(`${cell.label}: x-page-cache ${String(state)}`);
      if (i >= WARM_UP) {
        cell.times.push(ms);
        if (cell.cached && state === 'hit') cell.hits = (cell.hits ?? 0) + 1;
      }
    }
  }
  for (const cell of cells) {
    const s = cell.times.sort((a, b) => a - b);
    const p95 = percentile(s, 95);
    console.log(
      `consultation ${label} ${cell.label}: p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms (${s.length} requests, en/ar${cell.cached ? `, ${cell.hits ?? 0} from the cache` : ''}) — goal p95 ≤ ${GOAL_MS} ms: ${p95 <= GOAL_MS ? 'met' : 'MISSED'}`,
    );
  }

  // Page weight, as the server sends each page (its own brotli and gzip), with and without the CSS and JS it loads.
  const weights: [string, string, string | undefined][] = [
    ['report page: summary, contents, first section', report, undefined],
    ['section page', section, undefined],
    ['whole report on one page — for printing and searching, no budget', whole, undefined],
    ['paragraph page, typical', typical, undefined],
    ['paragraph page, busiest', busiest, undefined],
    ['paragraph page, typical, signed in', typical, seeded.reader],
    ['paragraph page, busiest, signed in', busiest, seeded.reader],
  ];
  for (const [name, path, session] of weights) {
    for (const locale of ['en', 'ar']) {
      const raw = await get(uncached, `/${locale}${path}`, locale, session, 'identity');
      const br = await get(uncached, `/${locale}${path}`, locale, session, 'br');
      const gz = await get(uncached, `/${locale}${path}`, locale, session, 'gzip');
      if (br.headers['content-encoding'] !== 'br' || gz.headers['content-encoding'] !== 'gzip') throw new Error(`${path}: not compressed`);
      const assets = await assetsOf(uncached, raw.body);
      const brTotal = br.rawPayload.length + assets.br;
      const gzTotal = gz.rawPayload.length + assets.gz;
      console.log(
        `consultation ${label} size /${locale}${path.replace(seeded.slug, '…')} (${name}): html ${raw.rawPayload.length} B raw, ${br.rawPayload.length} B brotli, ${gz.rawPayload.length} B gzip; ` +
          `html+css+js (${assets.files} files) ${brTotal} B brotli, ${gzTotal} B gzip${path === whole ? '' : ` — budget ${BUDGET} B: ${Math.max(brTotal, gzTotal) <= BUDGET ? 'within' : 'OVER'}`}`,
      );
    }
  }

  // Where a page's time goes: the parts the pages call, each alone, median of 40 (after 5 warm-up calls).
  const median = async (f: () => unknown) => {
    for (let i = 0; i < 5; i++) await f();
    const t: number[] = [];
    for (let i = 0; i < 40; i++) {
      const start = performance.now();
      await f();
      t.push(performance.now() - start);
    }
    return `${t.sort((a, b) => a - b)[20]!.toFixed(1)} ms`;
  };
  const db = database.db;
  const held = seeded.page;
  const words = footnoteWords({ t: translator('en') });
  const html = async (path: string) => (await get(uncached, `/en${path}`, 'en', undefined, 'identity')).rawPayload;
  const [reportHtml, busiestHtml] = [await html(report), await html(busiest)];
  const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  console.log(
    `consultation ${label} parts (median): getConsultation ${await median(() => getConsultation(db, seeded.slug))}, ` +
      `commentCounts ${await median(() => commentCounts(db, held.consultation.id))}, ` +
      `commentsOn typical ${await median(() => commentsOn(db, null, held, seeded.typical.blockId))}, busiest ${await median(() => commentsOn(db, null, held, seeded.busiest.blockId))}, ` +
      `renderBlocks of all ${held.version.blocks.length} blocks ${await median(() => renderBlocks(held.version.blocks, words))}, ` +
      `brotli q5 of the report page ${await median(() => brotli(reportHtml))}, of the busiest paragraph page ${await median(() => brotli(busiestHtml))}`,
  );
  await uncached.close();
  await app.close();
}

async function main() {
  console.log(`# consultation pages — node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), ${REQUESTS} requests per page and reader after ${WARM_UP} warm-up rounds`);
  const dir = mkdtempSync(join(tmpdir(), 'bridges-bench-consultation-'));
  try {
    const embedded = await openDatabase({ dataDir: join(dir, 'data') });
    try {
      await run('pglite', embedded);
    } finally {
      await embedded.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (process.env.BENCH_DATABASE_URL) {
    await withScratchDatabase('bridges_bench_consultation', async (url) => {
      const server = await openDatabase({ databaseUrl: url });
      try {
        await run('postgres', server);
      } finally {
        await server.close();
      }
    });
  } else {
    console.log('consultation PostgreSQL: left out (set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)');
  }
}

// Run when started as a script (`tsx bench/consultation.ts`); `fill` can be imported to look into the pages.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
