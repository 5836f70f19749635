import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { escapeHtml } from '@kitajs/html';
import { testApp, signedIn, type TestApp, queriesDuring } from '../../testing/app.js';
import { ensureUser, actorByEmail } from '../../platform/auth/service.js';
import { fileStore } from '../../platform/files/storage.js';
import type { Actor } from '../../platform/policy.js';
import { addCall, addSeries, publishBrief as submitAndPublish } from './factories.js';
import { addTranslation, apaCitation, callBySlug, itemByNumber, landing, listPublished, publishNewVersion, submitBrief, takeStep, LIST_PAGE_SIZE, type ItemView, type SubmissionInput } from './service.js';

/**
 * What a reader sees of publications: the list with its filters and pages, an item's landing page
 * (its texts each in its own language, downloads, the language matrix, versions, citation), an older
 * version at its own address, the text-only view and the PDF; nothing of what is not published.
 */
let t: TestApp;
let editor: Actor;
let author: Actor;
let pdf: Buffer;
const ctx = () => ({ baseUrl: t.config.baseUrl });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const item = async (number: string) => (await itemByNumber(t.db, number)) as ItemView;

/**
 * How many statements the app sends to the database while `fn` runs: the database handle's query
 * logger (db/reads.ts), wrapped for the time. (The recording of db/reads.ts follows one piece of
 * work, but does not reach into a request made with inject.)
 */
const countQueries = async (fn: () => Promise<unknown>) => (await queriesDuring(t.db, fn)).length;

/** A small real PDF (one blank page), padded with a comment line to `size` bytes. */
function realPdf(size: number): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  const build = (pad: number) => {
    let out = `%PDF-1.4\n%${'x'.repeat(pad)}\n`;
    const offsets: number[] = [];
    objects.forEach((o, i) => {
      offsets.push(Buffer.byteLength(out));
      out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = Buffer.byteLength(out);
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(out, 'latin1');
  };
  const bare = build(0).length;
  return build(size - bare);
}

const brief = (over: Partial<SubmissionInput> = {}): SubmissionInput => ({
  locale: 'fr',
  title: 'Lire dès la première année',
  abstract: 'Ce que la recherche dit de l’apprentissage de la lecture.',
  summary: 'Les enfants lisent mieux quand on leur enseigne les sons des lettres.',
  keywords: 'lecture, phonologie',
  recommendations: 'Former les enseignants.\nÉvaluer tôt.',
  authors: 'Awa Ndiaye (Université Cheikh Anta Diop)\nPierre Martin',
  body: '# Lire\n\nUn texte.',
  audiences: ['policymaker'],
  ...over,
});

const publishBrief = (callSlug: string, input: SubmissionInput, file?: { key: string; bytes: number }) => submitAndPublish(t.db, { author, editor }, callSlug, input, ctx(), file);

beforeAll(async () => {
  t = await testApp();
  const compendium = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium of Insights 2024', fr: 'Recueil d’éclairages 2024' } });
  const reports = await addSeries(t.db, { slug: 'wg-reports', kind: 'reports', prefix: 'WGR', title: { en: 'Working group reports' } });
  await addCall(t.db, { seriesId: compendium, slug: 'call-2024', title: { en: 'Call for briefs 2024' } });
  await addCall(t.db, { seriesId: reports, slug: 'reports-call', title: { en: 'Reports' } });
  await ensureUser(t.db, { email: 'editor@example.org', name: 'Editor', roles: [{ role: 'secretariat' }] });
  await ensureUser(t.db, { email: 'author@example.org', name: 'Author' });
  editor = (await actorByEmail(t.db, 'editor@example.org'))!;
  author = (await actorByEmail(t.db, 'author@example.org'))!;

  // CI2024-01: French, with a PDF; version 2 adds a picture; translated into English (machine-assisted) and Arabic (by people).
  pdf = realPdf(1_234_567);
  const key = await fileStore(t.db, t.config).put(pdf);
  const first = await publishBrief('call-2024', brief(), { key, bytes: pdf.length });
  const original = await item(first);
  const v2 = await publishNewVersion(t.db, editor, original.id, 'fr', {
    ...brief(),
    keywords: 'lecture, phonologie',
    recommendations: 'Former les enseignants.\nÉvaluer tôt.',
    summary: 'Résumé revu.',
    body: '# Lire\n\nUn texte revu.\n\n![Un graphique des scores](https://example.org/scores.png)',
    note: 'Chiffres de 2025.',
  });
  expect(v2).toEqual({ ok: true, version: 2 });
  await addTranslation(t.db, editor, original.id, { locale: 'en', method: 'machine-assisted', title: 'Reading from the first grade', abstract: 'What research says about learning to read.', summary: 'Children read better when taught letter sounds.', keywords: 'reading', recommendations: undefined, body: '# Reading\n\nA text.' });
  await addTranslation(t.db, editor, original.id, { locale: 'ar', method: 'human', title: 'القراءة منذ الصف الأول', abstract: 'ما تقوله الأبحاث عن تعلّم القراءة.', summary: 'يقرأ الأطفال أفضل عندما يتعلّمون أصوات الحروف.', keywords: 'القراءة', recommendations: 'تدريب المعلمين.', body: '# القراءة\n\nنص.' });
  for (const n of ['CI2024-01-EN', 'CI2024-01-AR']) expect((await takeStep(t.db, editor, (await item(n)).id, 'publish', '', ctx())).ok).toBe(true);

  // CI2024-02: English, for researchers, no PDF. CI2024-03: submitted with a PDF, never published. WGR-01: a report, for practitioners.
  await publishBrief('call-2024', brief({ locale: 'en', title: 'Counting with the fingers', abstract: 'Finger counting helps.', summary: '', recommendations: '', keywords: '', authors: 'Li Wei (Beijing Normal University)', body: 'Fingers.', audiences: ['researcher'] }));
  const call = (await callBySlug(t.db, 'call-2024'))!;
  expect(await submitBrief(t.db, author, call, { ...brief({ title: 'Un brouillon soumis' }), pdf: { key, bytes: pdf.length } }, ctx())).toMatchObject({ ok: true, number: 'CI2024-03' });
  await publishBrief('reports-call', brief({ locale: 'en', title: 'Teachers and evidence', abstract: 'How teachers use evidence.', audiences: ['practitioner'] }));
}, 120_000);
afterAll(() => t.close());

describe('the list of publications', () => {
  it('shows the published originals, newest first, each with its authors, series, date and languages; nothing unpublished, no translation as an entry of its own', async () => {
    const res = await get('/en/publications');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<h1>Publications</h1>');
    const at = (s: string) => html.indexOf(s);
    expect(at('Teachers and evidence')).toBeGreaterThan(0);
    expect(at('Teachers and evidence')).toBeLessThan(at('Counting with the fingers'));
    expect(at('Counting with the fingers')).toBeLessThan(at('Reading from the first grade'));
    expect(html).not.toContain('Un brouillon soumis');
    expect(html).not.toContain('href="/en/publications/ci2024-01-en"');
    expect(html).toContain('href="/en/publications/ci2024-01"');
    expect(html).toContain('3 publications');
    // Authors, series in the reader's language, languages it can be read in.
    expect(html).toContain('By <bdi><bdi>Awa Ndiaye</bdi> and <bdi>Pierre Martin</bdi></bdi>');
    expect(html).toContain('Compendium of Insights 2024');
    expect(html).toContain('Available in: Arabic, English, and French');
    // A link to the calls for briefs, since one is open.
    expect(html).toContain('href="/en/publications/calls"');
  });

  it('shows a title not translated into the reader’s language in its own, marked with lang and dir and the “not yet translated” hint', async () => {
    const html = (await get('/fr/publications')).body;
    expect(html).toContain('<bdi lang="en" dir="ltr">Counting with the fingers</bdi> <span class="untranslated">(pas encore traduit)</span>');
    // The French original is in French: no hint.
    expect(html).toMatch(/<a href="\/fr\/publications\/ci2024-01"><bdi>Lire dès la première année<\/bdi><\/a>/);
    expect(html).toContain('Recueil d’éclairages 2024');
    const ar = await get('/ar/publications');
    expect(ar.statusCode).toBe(200);
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain('>القراءة منذ الصف الأول</bdi>');
    expect(ar.body).toContain('<bdi lang="en" dir="ltr">Counting with the fingers</bdi>');
    // Each Latin name isolated on its own, the Arabic “and” between them.
    expect(ar.body).toContain('تأليف <bdi><bdi>Awa Ndiaye</bdi> و<bdi>Pierre Martin</bdi></bdi>');
  });

  it('filters by series and by audience with a plain GET form; a value it does not know is ignored', async () => {
    const form = (await get('/en/publications')).body;
    expect(form).toMatch(/<form method="get" action="\/en\/publications"/);
    expect(form).toMatch(/<label[^>]*for="f-series"[^>]*>Series<\/label>/);
    expect(form).toMatch(/<label[^>]*for="f-audience"[^>]*>Written for<\/label>/);
    const reports = (await get('/en/publications?series=wg-reports')).body;
    expect(reports).toContain('Teachers and evidence');
    expect(reports).not.toContain('Counting with the fingers');
    expect(reports).toContain('1 publication<');
    expect(reports).toMatch(/<option value="wg-reports" selected>/);
    const researchers = (await get('/en/publications?audience=researcher')).body;
    expect(researchers).toContain('Counting with the fingers');
    expect(researchers).not.toContain('Teachers and evidence');
    expect(researchers).not.toContain('Reading from the first grade');
    const none = (await get('/en/publications?series=wg-reports&audience=researcher')).body;
    expect(none).toContain('No publication matches these filters.');
    const unknown = await get('/en/publications?audience=astronaut&series=%3Cscript%3E');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('3 publications');
  });
});

describe('an item’s landing page', () => {
  it('shows title, authors with affiliations, series, identifier, version and date, with the abstract as its description', async () => {
    const res = await get('/en/publications/ci2024-01');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<h1><bdi>Reading from the first grade</bdi></h1>');
    expect(html).toContain('<li><bdi>Awa Ndiaye</bdi> <span class="hint"><bdi>(Université Cheikh Anta Diop)</bdi></span></li>');
    expect(html).toContain('<li><bdi>Pierre Martin</bdi></li>');
    expect(html).toContain('<dt>Identifier</dt><dd><bdi>CI2024-01</bdi></dd>');
    expect(html).toContain('Compendium of Insights 2024');
    expect(html).toMatch(/<dt>Version<\/dt><dd>Version 2, [^<]*\d{4}<\/dd>/);
    expect(html).toContain('<meta name="description" content="What research says about learning to read."');
  });

  it('gives each describing text the language it is in (Arabic right to left), and the body its own language', async () => {
    const en = (await get('/en/publications/ci2024-01')).body;
    expect(en).toMatch(/<h2 id="abstract">Abstract<\/h2><div class="describing" lang="en" dir="ltr"><p class="pre-line">What research says about learning to read.<\/p>/);
    // No English recommendations yet: the French ones, marked.
    expect(en).toMatch(/<h2 id="recommendations">Policy recommendations<\/h2><p class="untranslated">\(not yet translated\)<\/p><div class="describing" lang="fr" dir="ltr"><ul><li>Former les enseignants.<\/li><li>Évaluer tôt.<\/li><\/ul>/);
    expect(en).toMatch(/<div class="prose" lang="fr" dir="ltr"><h2[^>]*>Lire<\/h2>\s*<p>Un texte revu.<\/p>/);
    const ar = await get('/ar/publications/ci2024-01');
    expect(ar.statusCode).toBe(200);
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toMatch(/<div class="describing" lang="ar" dir="rtl"><p class="pre-line">ما تقوله الأبحاث عن تعلّم القراءة.<\/p>/);
    expect(ar.body).toContain('<div class="prose" lang="fr" dir="ltr">');
    // The full text exists in Arabic too: the Arabic reader is pointed to it.
    expect(ar.body).toContain('href="/ar/publications/ci2024-01-ar"');
  });

  it('links the PDF with its size in the reader’s language, and the text-only view', async () => {
    const en = (await get('/en/publications/ci2024-01')).body;
    expect(en).toContain('<a href="/en/publications/ci2024-01/file" type="application/pdf">Download the PDF</a> <span class="hint">(PDF, 1.2 MB)</span>');
    expect(en).toContain('href="/en/publications/ci2024-01/text"');
    expect((await get('/fr/publications/ci2024-01')).body).toMatch(/\(PDF, 1,2\s?Mo\)/);
    // No PDF, no link.
    expect((await get('/en/publications/ci2024-02')).body).not.toContain('/file"');
  });

  it('has a matrix of what exists in each of the six languages, each linked to the record holding it', async () => {
    const html = (await get('/en/publications/ci2024-01')).body;
    const table = html.slice(html.indexOf('<h2 id="languages">'), html.indexOf('</table>'));
    const row = (name: string) => table.slice(table.indexOf(name) - 120, table.indexOf('</tr>', table.indexOf(name)));
    expect(table.match(/<tr>/g)).toHaveLength(7); // the head and six languages
    expect(row('>English<')).toContain('<a href="/en/publications/ci2024-01-en" hreflang="en">English</a>');
    // A record without an uploaded PDF has one generated from its texts.
    expect(row('>English<')).toMatch(/<td>Yes<\/td><td>Yes<\/td><td>Yes<\/td><td>Machine-assisted<\/td>/);
    expect(row('>French<')).toContain('<a href="/fr/publications/ci2024-01" hreflang="fr">French</a>');
    expect(row('>French<')).toMatch(/<td>Yes<\/td><td>Yes<\/td><td>Yes<\/td><td>Original<\/td>/);
    expect(row('>Arabic<')).toMatch(/<td>Yes<\/td><td>Yes<\/td><td>Yes<\/td><td>By people<\/td>/);
    expect(row('>Chinese<')).toMatch(/<td>Chinese<\/td><td>No<\/td><td>No<\/td><td>No<\/td><td>—<\/td>/);
  });

  it('names each language’s record for search engines (hreflang, absolute), lists the versions and shows how to cite it', async () => {
    const html = (await get('/en/publications/ci2024-01')).body;
    const base = t.config.baseUrl;
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="${base}/en/publications/ci2024-01-en"/>`);
    expect(html).toContain(`<link rel="alternate" hreflang="ar" href="${base}/ar/publications/ci2024-01-ar"/>`);
    // One address per language: the translation's replaces this page's English one; a language with no record keeps this page.
    for (const l of ['en', 'fr', 'ar', 'es']) expect(html.match(new RegExp(`<link rel="alternate" hreflang="${l}"`, 'g')), l).toHaveLength(1);
    expect(html).toContain(`<link rel="alternate" hreflang="es" href="${base}/es/publications/ci2024-01"/>`);
    expect(html).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(html).toMatch(/<a href="\/en\/publications\/ci2024-01\/v\/1">Version 1, /);
    expect(html).toMatch(/<a href="\/en\/publications\/ci2024-01\/v\/2" aria-current="true">Version 2, /);
    expect(html).toContain('<bdi>Chiffres de 2025.</bdi>');
    const page = (await landing(t.db, null, 'ci2024-01'))!;
    const citation = /<p class="citation" dir="auto">(.*?)<\/p>/.exec(html)![1]!;
    expect(citation.replace(/<[^>]+>/g, '')).toBe(escapeHtml(await apaCitation(t.db, page, 'en', base)));
    expect(citation).toContain(`<a href="${base}/en/publications/ci2024-01">`);
    for (const format of ['bib', 'ris', 'csl-json']) expect(html).toContain(`href="/en/publications/ci2024-01/cite/${format}"`);
  });

  it('shows a translation with a link to its original, and the original among its language links', async () => {
    const res = await get('/en/publications/ci2024-01-en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('A machine-assisted translation of the original in French');
    expect(res.body).toContain('<a href="/fr/publications/ci2024-01" hreflang="fr">Read the original (<bdi>CI2024-01</bdi>)</a>');
    expect(res.body).toContain(`<link rel="alternate" hreflang="fr" href="${t.config.baseUrl}/fr/publications/ci2024-01"/>`);
    expect(res.body).toContain('<div class="prose" lang="en" dir="ltr">');
  });

  it('is the same page for every anonymous reader: kept in the page cache', async () => {
    await get('/es/publications/ci2024-01');
    expect((await get('/es/publications/ci2024-01')).headers['x-page-cache']).toBe('hit');
  });

  it('answers 404 for an item submitted but not published, a guessed identifier, and each of their pages', async () => {
    for (const path of ['ci2024-03', 'ci2099-99', 'ci2024-03/text', 'ci2024-03/file', 'ci2024-03/v/1', 'calls-for-nothing', 'ci2024-01/v/3', 'ci2024-01/v/abc', 'ci2024-01/v/01', 'ci2024-02/file', 'ci2024-01/v/9/file']) {
      expect((await get(`/en/publications/${path}`)).statusCode, path).toBe(404);
    }
    // An identifier in capitals goes to its lowercase address.
    const upper = await get('/en/publications/CI2024-01');
    expect(upper.statusCode).toBe(301);
    expect(upper.headers.location).toBe('/en/publications/ci2024-01');
  });
});

describe('older versions, the text-only view and the PDF', () => {
  it('shows an older version at its own address with a banner to the newest; the newest there has none', async () => {
    const v1 = await get('/en/publications/ci2024-01/v/1');
    expect(v1.statusCode).toBe(200);
    expect(v1.body).toContain('A newer version (2) exists');
    expect(v1.body).toContain('<a href="/en/publications/ci2024-01">Read the newest version</a>');
    expect(v1.body).toContain('<p>Un texte.</p>');
    expect(v1.body).not.toContain('Un texte revu.');
    expect(v1.body).toContain('href="/en/publications/ci2024-01/v/1/file"');
    const v2 = await get('/en/publications/ci2024-01/v/2');
    expect(v2.statusCode).toBe(200);
    expect(v2.body).not.toContain('A newer version');
    expect(v2.body).toContain('Un texte revu.');
  });

  it('gives the newest version as text only: its texts and body, no picture, style sheet or script', async () => {
    const res = await get('/en/publications/ci2024-01/text');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('<h1><bdi>Reading from the first grade</bdi></h1>');
    expect(html).toContain('By <bdi><bdi>Awa Ndiaye</bdi> and <bdi>Pierre Martin</bdi></bdi>');
    expect(html).toContain('What research says about learning to read.');
    expect(html).toContain('Children read better when taught letter sounds.');
    expect(html).toContain('<li>Former les enseignants.</li>');
    expect(html).toContain('Un texte revu.');
    expect(html).toContain('[Un graphique des scores]');
    expect(html).not.toMatch(/<img|<script|<link rel="stylesheet"|<svg/);
    expect(html).toContain('<a href="/en/publications/ci2024-01">');
    expect(Buffer.byteLength(html)).toBeLessThan(4000);
    const ar = await get('/ar/publications/ci2024-01/text');
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain('<div lang="ar" dir="rtl"><p class="pre-line">ما تقوله الأبحاث عن تعلّم القراءة.</p></div>');
  });

  it('sends the stored PDF of the newest version, named after the identifier, with its length; an older version’s too', async () => {
    const res = await get('/en/publications/ci2024-01/file');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(pdf.length));
    expect(res.headers['content-disposition']).toBe('attachment; filename="CI2024-01.pdf"');
    expect(res.rawPayload.equals(pdf)).toBe(true);
    const v1 = await get('/fr/publications/ci2024-01/v/1/file');
    expect(v1.statusCode).toBe(200);
    expect(v1.headers['content-disposition']).toBe('attachment; filename="CI2024-01-v1.pdf"');
  });
});

describe('the pages’ markup', () => {
  it('is valid HTML by the project’s rules, left to right and right to left', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    for (const path of ['/en/publications', '/ar/publications', '/en/publications/ci2024-01', '/ar/publications/ci2024-01', '/fr/publications/ci2024-01-en', '/en/publications/ci2024-01/v/1', '/en/publications/ci2024-01/text', '/ar/publications/ci2024-01/text']) {
      const html = (await get(path)).body;
      const report = await validator.validateString(html, join(root, 'page.html'));
      expect(report.results.flatMap((r) => r.messages).map((m) => `${path} ${m.ruleId}: ${m.message} — …${html.slice(Math.max(0, m.offset - 60), m.offset + 60)}…`)).toEqual([]);
    }
  });
});

describe('a long list', () => {
  it('reads a page of the list in two queries and the page in as many whatever the number of items, and pages through them', async () => {
    const listQueries = () => countQueries(() => listPublished(t.db, { page: 1 }));
    // Signed in: past the page cache, every query the page sends is counted.
    const cookie = await signedIn(t, { email: 'reader@example.org' });
    const pageQueries = () =>
      countQueries(async () => {
        expect((await get('/en/publications', { cookie })).statusCode).toBe(200);
      });
    expect(await listQueries()).toBe(2);
    // The first request after a change also reads what the platform then keeps (the versions of the site's settings): not counted.
    await pageQueries();
    const before = await pageQueries();
    expect(before).toBeGreaterThan(2);

    for (let i = 0; i < LIST_PAGE_SIZE; i++) await publishBrief('call-2024', brief({ title: `Note numéro ${i + 1}`, body: 'Texte.' }));
    expect(await listQueries()).toBe(2);
    await pageQueries();
    expect(await pageQueries()).toBe(before);

    const first = (await get('/en/publications')).body;
    expect(first).toContain(`${LIST_PAGE_SIZE + 3} publications`);
    expect(first).toContain('href="/en/publications?page=2"');
    expect(first).toContain('Note numéro 50');
    expect(first).not.toContain('Teachers and evidence');
    const second = (await get('/en/publications?page=2')).body;
    expect(second).toContain('Reading from the first grade');
    expect(second).toContain('Showing 51–53 of 53');
    const filtered = (await get('/en/publications?audience=policymaker')).body;
    expect(filtered).toContain('<a href="/en/publications?audience=policymaker&page=2" rel="next">Next page</a>');
  }, 120_000);
});
