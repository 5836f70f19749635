import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.js';
import { ensureUser, actorByEmail } from '../../platform/auth/service.js';
import { saveSiteSettings } from '../../platform/settings/service.js';
import { addCall, addSeries } from './factories.js';
import { addTranslation, callBySlug, itemByNumber, publishNewVersion, submitBrief, takeStep, type ItemView } from './service.js';
import { citationJs } from './citations.js';

/**
 * The citation downloads over HTTP: BibTeX, RIS and CSL-JSON of a published brief, of an older
 * version and of a translation, with their headers; 404 for anything else; and no request leaves
 * the server while they are made (every socket but the test database's is refused and recorded).
 */

const require = createRequire(import.meta.url);
const net = require('node:net') as typeof import('node:net');
const attempts: string[] = [];
const saved = { connect: net.Socket.prototype.connect, fetch: globalThis.fetch };
const dbPort = process.env.BRIDGES_TEST_DB === 'postgres' ? Number(new URL(process.env.TEST_DATABASE_URL!).port || 5432) : undefined;

function shutTheNetwork() {
  net.Socket.prototype.connect = function (this: import('node:net').Socket, ...args: unknown[]) {
    const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { port?: number | string; path?: string } | number | string | undefined;
    const port = typeof first === 'object' ? first?.port : first;
    if ((typeof first === 'object' && first?.path) || (dbPort !== undefined && Number(port) === dbPort)) return (saved.connect as (...a: unknown[]) => unknown).apply(this, args);
    attempts.push(`socket ${JSON.stringify(first)}`);
    throw new Error('network disabled in this test');
  } as typeof net.Socket.prototype.connect;
  globalThis.fetch = (async (input: unknown) => {
    attempts.push(`fetch ${String(input)}`);
    throw new Error('network disabled in this test');
  }) as typeof fetch;
}

let t: TestApp;
const get = (url: string) => t.app.inject({ method: 'GET', url });
const readBack = (text: string) => new (citationJs().Cite)(text).data[0] as Record<string, unknown>;

const brief = {
  locale: 'fr' as const,
  title: 'Lire dès la première année',
  abstract: 'Ce que la recherche dit de l’apprentissage de la lecture.',
  summary: 'Les enfants lisent mieux quand on leur enseigne les sons des lettres.',
  keywords: 'lecture, phonologie, alphabétisation',
  recommendations: 'Former les enseignants.',
  authors: 'Awa Ndiaye (Université Cheikh Anta Diop)\nأحمد الخطيب (جامعة القاهرة)\nLi Wei',
  body: '# Lire\n\nUn texte.',
  audiences: ['policymaker' as const],
};

beforeAll(async () => {
  t = await testApp();
  await saveSiteSettings(t.db, { name: { en: 'Global Alliance for Learning', fr: 'Alliance mondiale pour l’apprentissage' }, originalLocale: 'en' });
  const seriesId = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium of Insights 2024', fr: 'Recueil des connaissances 2024' } });
  await addCall(t.db, { seriesId, slug: 'call-2024', title: { en: 'Call for briefs 2024' } });
  await ensureUser(t.db, { email: 'editor@example.org', name: 'Editor', roles: [{ role: 'pub_editor', scope: seriesId }] });
  await ensureUser(t.db, { email: 'author@example.org', name: 'Author' });
  const editor = (await actorByEmail(t.db, 'editor@example.org'))!;
  const author = (await actorByEmail(t.db, 'author@example.org'))!;
  const ctx = { baseUrl: t.config.baseUrl };
  const call = (await callBySlug(t.db, 'call-2024'))!;
  expect(await submitBrief(t.db, author, call, brief, ctx)).toEqual({ ok: true, number: 'CI2024-01' });
  const item = (await itemByNumber(t.db, 'CI2024-01')) as ItemView;
  for (const step of ['desk-check', 'send-to-review', 'accept', 'copyedit', 'publish'] as const) expect((await takeStep(t.db, editor, item.id, step, '', ctx)).ok).toBe(true);
  // Version 2: new keywords.
  expect(await publishNewVersion(t.db, editor, item.id, 'fr', { ...brief, keywords: 'lecture', note: 'Chiffres de 2025.' })).toEqual({ ok: true, version: 2 });
  // An English translation, published.
  expect(await addTranslation(t.db, editor, item.id, { locale: 'en', method: 'machine-assisted', title: 'Reading from the first grade', abstract: 'What research says about learning to read.', summary: undefined, keywords: 'reading', recommendations: undefined, body: '# Reading' })).toEqual({ ok: true, number: 'CI2024-01-EN' });
  expect((await takeStep(t.db, editor, (await itemByNumber(t.db, 'CI2024-01-EN'))!.id, 'publish', '', ctx)).ok).toBe(true);
  // A second brief, submitted only.
  expect(await submitBrief(t.db, author, call, { ...brief, title: 'Pas encore publiée' }, ctx)).toEqual({ ok: true, number: 'CI2024-02' });
  shutTheNetwork();
});

afterAll(async () => {
  net.Socket.prototype.connect = saved.connect;
  globalThis.fetch = saved.fetch;
  await t?.close();
});

describe('citation downloads', () => {
  it('BibTeX: a UTF-8 attachment named after the identifier, that reads back to the brief', async () => {
    const res = await get('/fr/publications/ci2024-01/cite/bib');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-bibtex; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="CI2024-01.bib"');
    expect(res.body).toMatch(/^@techreport\{CI2024-01,/);
    const back = readBack(res.body);
    expect(back).toMatchObject({ title: 'Lire dès la première année', number: 'CI2024-01', URL: `${t.config.baseUrl}/fr/publications/ci2024-01`, publisher: 'Alliance mondiale pour l’apprentissage', genre: 'Note d’orientation' });
    expect(back.author).toEqual([{ family: 'Ndiaye', given: 'Awa' }, { family: 'أحمد الخطيب' }, { family: 'Li Wei' }]);
    expect((back.issued as { 'date-parts': number[][] })['date-parts'][0]![0]).toBe(new Date().getUTCFullYear());
  });

  it('RIS: a report with its abstract, keywords and address', async () => {
    const res = await get('/fr/publications/ci2024-01/cite/ris');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-research-info-systems; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="CI2024-01.ris"');
    const lines = res.body.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['TY  - RPRT', 'TI  - Lire dès la première année', 'AU  - أحمد الخطيب', 'KW  - lecture', `UR  - ${t.config.baseUrl}/fr/publications/ci2024-01`, 'ER  - ']));
    expect(lines).not.toContain('KW  - phonologie'); // version 2's keywords
    expect(readBack(res.body)).toMatchObject({ title: 'Lire dès la première année', number: 'CI2024-01' });
  });

  it('CSL-JSON: the newest version, in the reader’s language when the brief has it, the Alliance as publisher', async () => {
    const res = await get('/fr/publications/ci2024-01/cite/csl-json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.citationstyles.csl+json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="CI2024-01.json"');
    const [item] = JSON.parse(res.body) as Record<string, unknown>[];
    expect(item).toMatchObject({ id: 'CI2024-01', type: 'report', version: '2', language: 'fr', title: 'Lire dès la première année', 'collection-title': 'Recueil des connaissances 2024', keyword: 'lecture' });
    // In English: the English describing texts the translation added, and the English names of the Alliance and the series.
    const [en] = JSON.parse((await get('/en/publications/ci2024-01/cite/csl-json')).body) as Record<string, unknown>[];
    expect(en).toMatchObject({ title: 'Reading from the first grade', language: 'en', publisher: 'Global Alliance for Learning', 'collection-title': 'Compendium of Insights 2024', URL: `${t.config.baseUrl}/en/publications/ci2024-01` });
    // In Arabic, which the brief has no texts in: its own French ones, said to be French.
    const [ar] = JSON.parse((await get('/ar/publications/CI2024-01/cite/csl-json')).body) as Record<string, unknown>[];
    expect(ar).toMatchObject({ title: 'Lire dès la première année', language: 'fr', URL: `${t.config.baseUrl}/ar/publications/ci2024-01` });
  });

  it('an older version cites its own number, keywords and address, in a file of its own name', async () => {
    const res = await get('/fr/publications/ci2024-01/v/1/cite/csl-json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="CI2024-01-v1.json"');
    const [item] = JSON.parse(res.body) as Record<string, unknown>[];
    expect(item).toMatchObject({ version: '1', URL: `${t.config.baseUrl}/fr/publications/ci2024-01/v/1`, keyword: 'lecture,phonologie,alphabétisation' });
    const bib = await get('/fr/publications/ci2024-01/v/1/cite/bib');
    expect(bib.headers['content-disposition']).toBe('attachment; filename="CI2024-01-v1.bib"');
    expect(readBack(bib.body)).toMatchObject({ URL: `${t.config.baseUrl}/fr/publications/ci2024-01/v/1` });
    // Version 2 asked for by number is the newest: the landing page's address.
    const [v2] = JSON.parse((await get('/fr/publications/ci2024-01/v/2/cite/csl-json')).body) as Record<string, unknown>[];
    expect(v2).toMatchObject({ version: '2', URL: `${t.config.baseUrl}/fr/publications/ci2024-01` });
  });

  it('a translation names its original', async () => {
    const [item] = JSON.parse((await get('/fr/publications/ci2024-01-en/cite/csl-json')).body) as Record<string, unknown>[];
    expect(item).toMatchObject({ id: 'CI2024-01-EN', title: 'Reading from the first grade', language: 'en', 'original-title': 'Lire dès la première année', note: 'Traduction assistée par machine de CI2024-01' });
  });

  it('answers 404 for an unknown format, an unknown or unpublished item, an unknown version', async () => {
    for (const url of [
      '/fr/publications/ci2024-01/cite/pdf',
      '/fr/publications/ci2024-01/cite/json',
      '/fr/publications/ci2024-99/cite/bib',
      '/fr/publications/ci2024-02/cite/bib',
      '/fr/publications/ci2024-02/v/1/cite/ris',
      '/fr/publications/ci2024-01/v/3/cite/bib',
      '/fr/publications/ci2024-01/v/0/cite/bib',
      '/fr/publications/ci2024-01/v/01/cite/bib',
      '/fr/publications/ci2024-01/v/one/cite/bib',
    ]) {
      const res = await get(url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
      expect(res.headers['content-disposition']).toBeUndefined();
    }
  });

  it('sent no request out of the server', () => {
    expect(attempts).toEqual([]);
  });
});
