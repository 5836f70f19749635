import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { signedIn, testApp, type TestApp } from '../../testing/app.js';
import { localize } from '../../platform/i18n/content.js';
import { translate } from '../../platform/i18n/messages.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { listMeetings } from '../meetings/service.js';
import { openMeeting, registerParticipant } from '../meetings/factories.js';
import { listPublished, metaFor } from '../publications/service.js';
import { listConsultations } from '../consultations/service.js';

/**
 * The Steering Committee's annual report, made from the demo alliance (its 2024 meeting; the
 * Compendium's briefs and a concluded consultation, published this year) and a meeting of a few
 * people added a few years back. Each PDF is read back by two readers that share no code with the
 * app: poppler's pdftotext (the text as copied) and pdf.js (the structure tree, the bookmarks).
 */
let t: TestApp;
let steering: string;
let secretariat: string;
let member: string;
/** Another member of the Committee: downloads are limited per person (20 a minute), and the checks of bad addresses ask many times. */
let another: string;
const thisYear = new Date().getUTCFullYear();
/** A year with one small meeting, its title in English only. */
const smallYear = thisYear - 5;
const SMALL_TITLE = 'Regional workshop on reading assessment';
const en = (key: string, values?: Record<string, string | number>) => translate('en', key, values);
const fr = (key: string, values?: Record<string, string | number>) => translate('fr', key, values);

const get = (url: string, cookie = steering) => t.app.inject({ method: 'GET', url, headers: { cookie } });

/** poppler's pdftotext, if installed: CI installs it, and there its tests must run. */
const poppler = spawnSync('pdftotext', ['-v']).status === 0;
const popplerRequired = process.env.CI === 'true';

/** The report's PDF as the Committee downloads it. */
async function download(year: number, lang: Locale): Promise<Buffer> {
  const res = await get(`/en/admin/annual-report/${year}.pdf?lang=${lang}`);
  expect(res.statusCode, `${year} ${lang}`).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['content-disposition']).toBe(`attachment; filename="annual-report-${year}-${lang}.pdf"`);
  return res.rawPayload;
}

/** Whitespace as one space, and the bidi controls pdftotext puts around runs of each direction dropped. */
const normalize = (text: string) => text.normalize('NFC').replace(/[\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
/** A table cell compared without its spaces: a wrapped cell's lines come back joined without one. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

function popplerText(bytes: Uint8Array): string {
  const out = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr}`);
  return normalize(out.stdout);
}

type Node = { role?: string; type?: string; id?: string; lang?: string; children?: Node[] };

/** With pdf.js: the catalog as a reader sees it, the bookmarks, and the structure tree's headings, tables (rows of cells) and links, in order. */
async function readWithPdfJs(bytes: Uint8Array) {
  const task = getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false });
  const doc = await task.promise;
  const [metadata, markInfo, outline] = await Promise.all([doc.getMetadata(), doc.getMarkInfo(), doc.getOutline()]);
  const headings: { role: string; text: string; lang?: string }[] = [];
  const tables: string[][][] = [];
  const roles = new Set<string>();
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const texts = new Map<string, string>();
    const open: string[] = [];
    for (const i of content.items) {
      if ('type' in i && i.type === 'beginMarkedContentProps') open.push(i.id ?? '');
      else if ('type' in i && i.type === 'beginMarkedContent') open.push('');
      else if ('type' in i && i.type === 'endMarkedContent') open.pop();
      else if ('str' in i) for (const id of open) if (id) texts.set(id, (texts.get(id) ?? '') + i.str);
    }
    const tree = (await page.getStructTree()) as Node | null;
    if (!tree) continue;
    const textOf = (node: Node): string => (node.type === 'content' ? (texts.get(node.id!) ?? '') : (node.children ?? []).map(textOf).join(' '));
    const walk = (node: Node) => {
      if (node.role) roles.add(node.role);
      if (node.role && /^H\d$/.test(node.role)) headings.push({ role: node.role, text: normalize(textOf(node)), lang: node.lang });
      if (node.role === 'Table') tables.push((node.children ?? []).filter((r) => r.role === 'TR').map((r) => (r.children ?? []).map((c) => normalize(textOf(c)))));
      for (const c of node.children ?? []) walk(c);
    };
    walk(tree);
  }
  await task.destroy();
  const titles = (items: { title: string; items: unknown[] }[]): string[] => items.flatMap((i) => [i.title, ...titles(i.items as { title: string; items: unknown[] }[])]);
  return { info: metadata.info as Record<string, unknown>, markInfo, outline: titles(outline ?? []), headings, tables, roles };
}

/** The rows of the table captioned `caption` on a page, as text, cell by cell (a "not shown" dash read as its words). */
function tableRows(html: string, caption: string): string[][] {
  const start = html.indexOf(`>${caption}</caption>`);
  if (start < 0) throw new Error(`no table "${caption}"`);
  const body = html.slice(start, html.indexOf('</table>', start));
  const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ');
  const text = (cell: string) => normalize(decode(cell.replace(/<span aria-hidden="true">–<\/span>/g, '').replace(/<[^>]+>/g, '')));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)));
}

beforeAll(async () => {
  t = await testApp({}, { demo: true });
  // A small meeting a few years back, titled in English only: two people took part.
  const startsAt = new Date(Date.UTC(smallYear, 4, 12, 8));
  const small = await openMeeting(t.db, { slug: 'reading-workshop', title: { en: SMALL_TITLE }, venueName: { en: 'Accra' }, timeZone: 'Africa/Accra', startsAt, endsAt: new Date(startsAt.getTime() + 8 * 3_600_000) });
  await registerParticipant(t.db, small, { email: 'a@example.org', name: 'A', country: 'GH', locale: 'en' });
  await registerParticipant(t.db, small, { email: 'b@example.org', name: 'B', country: 'GH', locale: 'en' });
  steering = await signedIn(t, { email: 'report@steering.example', roles: ['steering'] });
  secretariat = await signedIn(t, { email: 'report@secretariat.example', roles: ['secretariat'] });
  member = await signedIn(t, { email: 'report@member.example', roles: ['member'] });
  another = await signedIn(t, { email: 'another@steering.example', roles: ['steering'] });
}, 120_000);
afterAll(() => t.close());

describe('the list of years', () => {
  it('lists each year with something to report, with English and French always and the other languages its texts are written in', async () => {
    const res = await get('/fr/admin/annual-report');
    expect(res.statusCode).toBe(200);
    const link = (year: number, lang: Locale) => `href="/fr/admin/annual-report/${year}.pdf?lang=${lang}"`;
    // The 2024 meeting's texts are in the six languages.
    for (const lang of ['en', 'fr', 'es', 'ar', 'zh', 'ru'] as const) expect(res.body).toContain(link(2024, lang));
    // The small meeting's only in English: English and French.
    expect(res.body).toContain(link(smallYear, 'en'));
    expect(res.body).toContain(link(smallYear, 'fr'));
    expect(res.body).not.toContain(link(smallYear, 'es'));
    expect(res.body).toContain(fr('annualReport.years.section', { section: fr('meetings.annualReport.title', { year: smallYear }), n: 1 }));
  });
});

describe('the report of a year', () => {
  it.each([2024, thisYear])('gives the figures of who took part in %i as the public page publishes them: the year-by-year table and the three breakdowns', async (year) => {
    const page = (await get(`/en/who-takes-part?year=${year}`, '')).body;
    const read = await readWithPdfJs(await download(year, 'en'));
    const [byYear, ...breakdowns] = read.tables;
    expect(read.tables).toHaveLength(4);

    // Year by year: every figure's row, for each year the report shows, is the page's.
    const pageYears = tableRows(page, en('figures.years.caption'));
    expect(byYear![0]).toEqual([en('figures.figure'), ...byYear![0]!.slice(1)]);
    expect(byYear![0]!.at(-1)).toBe(String(year));
    for (const row of byYear!.slice(1)) {
      const onPage = pageYears.find((r) => r[0] === row[0])!;
      expect(onPage, row[0]).toBeDefined();
      byYear![0]!.slice(1).forEach((y, i) => expect(row[i + 1], `${row[0]} ${y}`).toBe(onPage[pageYears[0]!.indexOf(y)]));
    }

    // The three breakdowns of the year: the page's tables, cell for cell (suppressed cells as the page says them).
    for (const [i, d] of (['stakeholder', 'region', 'income'] as const).entries()) {
      const onPage = tableRows(page, en('figures.tableOf', { title: en(`figures.by.${d}`, { year }) }));
      expect(breakdowns[i]!.map((r) => r.map(squeeze)), d).toEqual(onPage.map((r) => r.map(squeeze)));
    }
    expect(read.headings.map((h) => h.text)).toEqual(expect.arrayContaining([en('annualReport.figures.title', { year }), en('figures.by.region', { year })]));
  });

  it.skipIf(!poppler && !popplerRequired)('says the meetings held, in English and in French, with a link to each', async () => {
    const [meeting] = (await listMeetings(t.db)).filter((m) => m.startsAt.getUTCFullYear() === 2024);
    const english = popplerText(await download(2024, 'en'));
    const french = popplerText(await download(2024, 'fr'));
    expect(english).toContain(normalize(localize(meeting!.title, 'en', 'en').text));
    expect(french).toContain(normalize(localize(meeting!.title, 'fr', 'en').text));
    expect(localize(meeting!.title, 'fr', 'en').fallback).toBe(false);
    expect(english).toContain(`${t.config.baseUrl}/en/meetings/${meeting!.slug}`);
    expect(french).toContain(`${t.config.baseUrl}/fr/meetings/${meeting!.slug}`);
    expect(french).toContain(normalize(fr('meetings.annualReport.title', { year: 2024 })));
    expect(french).toContain(normalize(fr('annualReport.pdf.heading', { year: 2024 })));
  });

  it.skipIf(!poppler && !popplerRequired)('lists what was published, each title in the report’s language where written in it, and the consultations closed with their comment-and-response report', async () => {
    const { items } = await listPublished(t.db, { page: 1 });
    const published = items.filter((i) => i.firstPublishedAt.getUTCFullYear() === thisYear);
    expect(published.length).toBeGreaterThan(0);
    const english = popplerText(await download(thisYear, 'en'));
    const french = popplerText(await download(thisYear, 'fr'));
    for (const item of published) {
      expect(english).toContain(item.number);
      expect(english).toContain(normalize(metaFor(item.meta, 'en', item.locale).block.title));
      expect(french).toContain(normalize(metaFor(item.meta, 'fr', item.locale).block.title));
      expect(english).toContain(normalize(item.authors[0]!.name));
    }
    const closed = (await listConsultations(t.db)).filter((c) => c.concludedAt && c.closesAt.getUTCFullYear() === thisYear && c.closesAt < new Date());
    for (const c of closed) expect(english).toContain(`${t.config.baseUrl}/en/consultations/${c.slug}/responses`);
  });

  it.skipIf(!poppler && !popplerRequired)('says how many took part in a small meeting only as “fewer than 5”, and gives a title not yet translated in its own language, marked', async () => {
    const bytes = await download(smallYear, 'fr');
    const text = popplerText(bytes);
    expect(text).toContain(SMALL_TITLE);
    expect(text).toContain(fr('content.notTranslated'));
    expect(text).toContain(fr('meetings.annualReport.participantsSmall', { n: 5 }));
    expect(text).not.toContain(fr('meetings.annualReport.participants', { n: 2 }));
    // Its heading says the language it is written in.
    const read = await readWithPdfJs(bytes);
    expect(read.headings.find((h) => h.text === SMALL_TITLE)).toMatchObject({ role: 'H3', lang: 'en' });
  });

  it('is a tagged PDF: marked, a structure tree of headings, tables and links, its language and title, the sections as bookmarks', async () => {
    const bytes = await download(2024, 'fr');
    const read = await readWithPdfJs(bytes);
    expect(read.markInfo).toMatchObject({ Marked: true });
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(read.info.Language).toBe('fr');
    expect(read.info.Title).toBe(fr('annualReport.pdf.title', { name: read.info.Author as string, year: 2024 }));
    for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'Link']) expect(read.roles, role).toContain(role);
    expect(read.headings[0]).toEqual({ role: 'H1', text: fr('annualReport.pdf.heading', { year: 2024 }), lang: undefined });
    // The figures first, then each module's section in the order of the modules.
    const sections = read.headings.filter((h) => h.role === 'H2').map((h) => h.text);
    expect(sections).toEqual([fr('annualReport.figures.title', { year: 2024 }), fr('meetings.annualReport.title', { year: 2024 }), fr('consultations.annualReport.title', { year: 2024 }), fr('publications.annualReport.title', { year: 2024 })]);
    for (const s of sections) expect(read.outline).toContain(s);
    expect(read.outline).toContain(fr('figures.by.income', { year: 2024 }));
  });
});

describe('who may download it, and what is not a report', () => {
  it('is for the Steering Committee and the Secretariat: anyone else is sent to sign in or refused', async () => {
    for (const url of ['/en/admin/annual-report', '/en/admin/annual-report/2024.pdf']) {
      const anonymous = await get(url, '');
      expect(anonymous.statusCode).toBe(302);
      expect(anonymous.headers.location).toContain('/sign-in?next=');
      expect((await get(url, member)).statusCode).toBe(403);
      expect((await get(url, steering)).statusCode).toBe(200);
      expect((await get(url, secretariat)).statusCode).toBe(200);
    }
  });

  it('answers 404, never 500, for a year or a language no report is offered for', async () => {
    const listed = (await get('/en/admin/annual-report')).body;
    const nothing = Array.from({ length: 10 }, (_, i) => thisYear - i).find((y) => !listed.includes(`/${y}.pdf`));
    const bad = [
      '/en/admin/annual-report/abcd.pdf',
      '/en/admin/annual-report/20.24.pdf',
      '/en/admin/annual-report/1999.pdf',
      `/en/admin/annual-report/${thisYear + 1}.pdf`,
      '/en/admin/annual-report/2024.pdf?lang=xx',
      '/en/admin/annual-report/2024.pdf?lang=',
      `/en/admin/annual-report/${smallYear}.pdf?lang=es`,
      ...(nothing ? [`/en/admin/annual-report/${nothing}.pdf`] : []),
    ];
    for (const url of bad) expect((await get(url, another)).statusCode, url).toBe(404);
    // Without a language, the reader's where offered, else English.
    const spanish = await get(`/es/admin/annual-report/${smallYear}.pdf`, another);
    expect(spanish.statusCode).toBe(200);
    expect(spanish.headers['content-disposition']).toContain(`annual-report-${smallYear}-en.pdf`);
  });
});
