import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { memoryPages, validateXML } from 'xmllint-wasm';
import { testApp, type TestApp } from '../../testing/app.js';
import { ensureUser, actorByEmail } from '../../platform/auth/service.js';
import type { Actor } from '../../platform/policy.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { Db } from '../../db/client.js';
import { addWorkingGroup } from '../workinggroups/service.js';
import { addCall, addSeries } from './factories.js';
import { publications } from './schema.js';
import { oaiRoutes } from './oai-routes.js';
import { publicationsModule } from './module.js';
import { addTranslation, callBySlug, itemByNumber, oaiArguments, oaiResponse, submitBrief, takeStep, type ItemView } from './service.js';

let t: TestApp;
let oai: FastifyInstance;
let emptyRepository: Record<'identify' | 'sets' | 'bySet' | 'records', string>;
let editor: Actor;
let author: Actor;
const BASE = 'https://alliance.example';
const PAGE = 40;
const ctx = () => ({ baseUrl: t.config.baseUrl });
const item = async (number: string) => (await itemByNumber(t.db, number)) as ItemView;

// ——— Validation against the schemas kept in ./xsd ——————————————————————————————————————————

const xsd = (name: string) => ({ fileName: name, contents: readFileSync(new URL(`./xsd/${name}`, import.meta.url), 'utf8') });
/** OAI-PMH.xsd asks its metadata to be validated strictly: a schema that knows both OAI-PMH and oai_dc. */
const HARVEST_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="OAI-PMH.xsd"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="oai_dc.xsd"/>
</xs:schema>`;

/** Every response the tests received, with what was asked: all are validated at the end, in one go (a validator starts slowly). */
const seen: { request: string; body: string }[] = [];

/** Every response valid against OAI-PMH.xsd, and every oai_dc record in them valid against oai_dc.xsd alone; a failure names the request. */
async function expectValid(docs: { request: string; body: string }[]) {
  expect(docs.length).toBeGreaterThan(0);
  const options = { preload: ['OAI-PMH.xsd', 'oai_dc.xsd', 'simpledc20021212.xsd', 'xml.xsd'].map(xsd), maxMemoryPages: 1024 * memoryPages.MiB };
  const whole = await validateXML({ ...options, xml: docs.map((d, i) => ({ fileName: `response-${i}.xml`, contents: d.body })), schema: [{ fileName: 'harvest.xsd', contents: HARVEST_XSD }] });
  const named = (file: string | undefined) => docs[Number(/-(\d+)\.xml$/.exec(file ?? '')?.[1])]?.request;
  expect(whole.errors.map((e) => `${named(e.loc?.fileName)}: ${e.rawMessage}`)).toEqual([]);
  expect(whole.valid).toBe(true);
  const records = docs.flatMap((d) => (d.body.match(/<oai_dc:dc [\s\S]*?<\/oai_dc:dc>/g) ?? []).map((body) => ({ request: d.request, body })));
  const dc = await validateXML({ ...options, xml: records.map((r, i) => ({ fileName: `dc-${i}.xml`, contents: `<?xml version="1.0" encoding="UTF-8"?>\n${r.body}` })), schema: [xsd('oai_dc.xsd')] });
  expect(dc.errors.map((e) => `${records[Number(/-(\d+)\.xml$/.exec(e.loc?.fileName ?? '')?.[1])]?.request}: ${e.rawMessage}`)).toEqual([]);
  expect(dc.valid).toBe(true);
}

// ——— Reading responses ————————————————————————————————————————————————————————————————

async function get(query: string, app = oai): Promise<string> {
  const res = await app.inject({ method: 'GET', url: `/oai${query ? `?${query}` : ''}` });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  seen.push({ request: `GET ${query}`, body: res.body });
  return res.body;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const errors = (body: string) => [...body.matchAll(/<error code="([^"]+)">/g)].map((m) => m[1]);
const identifiers = (body: string) => [...body.matchAll(/<header><identifier>([^<]+)<\/identifier>/g)].map((m) => m[1]!.replace(`oai:alliance.example:`, ''));
const values = (body: string, tag: string) => [...body.matchAll(new RegExp(`<${tag}(?: xml:lang="([^"]+)")?>([^<]*)</${tag}>`, 'g'))].map((m) => (m[1] ? `${m[1]}: ${decode(m[2]!)}` : decode(m[2]!)));
const requestOf = (body: string) => /<request([^>]*)>([^<]*)<\/request>/.exec(body)!;

interface Token {
  value: string;
  completeListSize: number;
  cursor: number;
}
function tokenOf(body: string): Token | null {
  const m = /<resumptionToken completeListSize="(\d+)" cursor="(\d+)"(?:\/>|>([^<]*)<\/resumptionToken>)/.exec(body);
  if (!m) {
    expect(body).not.toContain('<resumptionToken');
    return null;
  }
  return { completeListSize: Number(m[1]), cursor: Number(m[2]), value: m[3] ?? '' };
}

/** Follows the resumption tokens of a list from its first request: every page, in order. */
async function harvest(verb: string, args: string): Promise<{ pages: string[]; ids: string[]; tokens: (Token | null)[] }> {
  const pages = [await get(`verb=${verb}&${args}`)];
  const tokens = [tokenOf(pages[0]!)];
  while (tokens.at(-1)?.value) {
    pages.push(await get(`verb=${verb}&resumptionToken=${encodeURIComponent(tokens.at(-1)!.value)}`));
    tokens.push(tokenOf(pages.at(-1)!));
    expect(pages.length).toBeLessThan(50);
  }
  return { pages, ids: pages.flatMap(identifiers), tokens };
}

// ——— The repository ——————————————————————————————————————————————————————————————————————

const brief = (locale: Locale, title: string, abstract: string) => ({
  locale,
  title,
  abstract,
  summary: undefined,
  keywords: 'lecture, phonologie',
  recommendations: undefined,
  authors: 'Awa Ndiaye (Université Cheikh Anta Diop)\nPierre Martin',
  body: '# Text',
  audiences: ['policymaker' as const],
});

async function submit(b: ReturnType<typeof brief>, publish: boolean): Promise<string> {
  const r = await submitBrief(t.db, author, (await callBySlug(t.db, 'call-2024'))!, b, ctx());
  if (!r.ok) throw new Error(r.message);
  if (publish) for (const step of ['desk-check', 'accept', 'copyedit', 'publish'] as const) expect((await takeStep(t.db, editor, (await item(r.number)).id, step, '', ctx())).ok).toBe(true);
  return r.number;
}

/** The hour of 2023 a working group's report was last changed: report i (from 0) at 2023-01-01 + i hours, half a second past. */
const hour = (i: number) => new Date(Date.UTC(2023, 0, 1) + i * 3_600_000 + 500);
const REPORTS = 250;
const fl = (i: number) => `FL-${String(i + 1).padStart(3, '0')}`;

async function harvester(db: Db, pageSize = PAGE, batchSize = 7): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(oaiRoutes, { db, config: t.config, pageSize, batchSize });
  await app.ready();
  return app;
}

beforeAll(async () => {
  t = await testApp({ BASE_URL: BASE });
  // The endpoint as the module's rootRoutes will serve it, with a small page to page through.
  oai = await harvester(t.db);
  // What a harvester gets before anything exists.
  emptyRepository = {
    identify: await get('verb=Identify'),
    sets: await get('verb=ListSets'),
    bySet: await get('verb=ListRecords&metadataPrefix=oai_dc&set=anything'),
    records: await get('verb=ListRecords&metadataPrefix=oai_dc'),
  };
  const compendium = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium of Insights 2024', fr: 'Recueil d’analyses 2024' }, description: { en: 'Briefs of 2024.' } });
  await addCall(t.db, { seriesId: compendium, slug: 'call-2024', title: { en: 'Call for briefs 2024' } });
  await ensureUser(t.db, { email: 'editor@example.org', name: 'Editor', roles: [{ role: 'pub_editor', scope: compendium }] });
  await ensureUser(t.db, { email: 'author@example.org', name: 'Author' });
  editor = (await actorByEmail(t.db, 'editor@example.org'))!;
  author = (await actorByEmail(t.db, 'author@example.org'))!;

  await submit(brief('fr', 'Lire dès la première année', 'Ce que la recherche dit de la lecture.'), true); // CI2024-01
  const tr = await addTranslation(t.db, editor, (await item('CI2024-01')).id, { locale: 'en', method: 'human', title: 'Reading from the first grade', abstract: 'What research says about reading.', summary: undefined, keywords: 'reading', recommendations: undefined, body: '# Reading' });
  expect(tr).toEqual({ ok: true, number: 'CI2024-01-EN' });
  expect((await takeStep(t.db, editor, (await item('CI2024-01-EN')).id, 'publish', '', ctx())).ok).toBe(true);
  await submit(brief('en', 'Numbers & <words>', 'Counting "before" reading.'), true); // CI2024-02
  await submit(brief('en', 'Not yet public', 'Still in review.'), false); // CI2024-03, submitted

  // A working group's reports: a series of its own, with 250 published reports.
  const group = await addWorkingGroup(t.db, { slug: 'foundational-learning', name: { en: 'Foundational Learning' }, summary: { en: 'Reading and numbers.' } });
  const reports = await addSeries(t.db, { slug: 'fl-reports', kind: 'reports', prefix: 'FL', title: { en: 'Foundational Learning reports', es: 'Informes de aprendizaje básico' }, workingGroupId: group });
  await t.db.insert(publications).values(
    Array.from({ length: REPORTS }, (_, i) => ({
      seriesId: reports,
      number: fl(i),
      kind: 'report' as const,
      state: 'published' as const,
      locale: 'en' as const,
      authors: [{ name: `Author ${i + 1}`, affiliation: '' }],
      meta: { en: { title: `Report ${i + 1}`, abstract: `What report ${i + 1} found.`, summary: '', keywords: [], recommendations: '' } },
      currentVersion: 1,
      firstPublishedAt: hour(i),
      updatedAt: hour(i),
    })),
  );
  await addSeries(t.db, { slug: 'empty-series', prefix: 'EMPTY', title: { en: 'Nothing yet' } });
});
afterAll(async () => {
  await oai?.close();
  await t.close();
});

describe('OAI-PMH: the repository and its records', () => {
  it('Identify: name, base URL, earliest datestamp, seconds granularity, no deleted records — by GET and by POST', async () => {
    const body = await get('verb=Identify');
    const posted = await oai.inject({ method: 'POST', url: '/oai', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'verb=Identify' });
    expect(posted.statusCode).toBe(200);
    seen.push({ request: 'POST verb=Identify', body: posted.body });
    const strip = (s: string) => s.replace(/<responseDate>[^<]+<\/responseDate>/, '');
    expect(strip(posted.body)).toBe(strip(body));
    expect(requestOf(body)[1]).toBe(' verb="Identify"');
    expect(requestOf(body)[2]).toBe(`${BASE}/oai`);
    expect(values(body, 'repositoryName')).toEqual(['Bridges: publications']);
    expect(values(body, 'baseURL')).toEqual([`${BASE}/oai`]);
    expect(values(body, 'protocolVersion')).toEqual(['2.0']);
    expect(values(body, 'adminEmail')).toEqual(['no-reply@bridges.invalid']);
    // The first report changed at 2023-01-01T00:00:00.5Z: datestamps are to the second.
    expect(values(body, 'earliestDatestamp')).toEqual(['2023-01-01T00:00:00Z']);
    expect(values(body, 'deletedRecord')).toEqual(['no']);
    expect(values(body, 'granularity')).toEqual(['YYYY-MM-DDThh:mm:ssZ']);
    expect(values(body, 'responseDate')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('ListMetadataFormats and ListSets: oai_dc for every record; a set per series, a working group’s series being its set', async () => {
    const formats = await get('verb=ListMetadataFormats');
    const ofRecord = await get('verb=ListMetadataFormats&identifier=oai:alliance.example:CI2024-01');
    const sets = await get('verb=ListSets');
    for (const b of [formats, ofRecord]) {
      expect(values(b, 'metadataPrefix')).toEqual(['oai_dc']);
      expect(values(b, 'schema')).toEqual(['http://www.openarchives.org/OAI/2.0/oai_dc.xsd']);
      expect(values(b, 'metadataNamespace')).toEqual(['http://www.openarchives.org/OAI/2.0/oai_dc/']);
    }
    expect(values(sets, 'setSpec')).toEqual(['compendium-2024', 'empty-series', 'fl-reports']);
    expect(values(sets, 'setName')).toEqual(['Compendium of Insights 2024', 'Nothing yet', 'Foundational Learning reports']);
    const group = sets.slice(sets.indexOf('<setSpec>fl-reports</setSpec>'));
    expect(values(group, 'dc:title')).toEqual(['en: Foundational Learning reports', 'es: Informes de aprendizaje básico']);
    expect(values(group, 'dc:creator')).toEqual(['Foundational Learning']);
    expect(values(group, 'dc:relation')).toEqual([`${BASE}/en/working-groups/foundational-learning`]);
    expect(sets).not.toContain('<resumptionToken');
  });

  it('GetRecord: Dublin Core with a title and description per language, creators, the landing page, language and linked translations', async () => {
    const original = await get('verb=GetRecord&identifier=oai:alliance.example:CI2024-01&metadataPrefix=oai_dc');
    const translation = await get('verb=GetRecord&identifier=oai:alliance.example:CI2024-01-EN&metadataPrefix=oai_dc');
    const escaped = await get('verb=GetRecord&identifier=oai:alliance.example:CI2024-02&metadataPrefix=oai_dc');
    expect(requestOf(original)[1]).toBe(' verb="GetRecord" identifier="oai:alliance.example:CI2024-01" metadataPrefix="oai_dc"');
    expect(identifiers(original)).toEqual(['CI2024-01']);
    expect(values(original, 'datestamp')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(values(original, 'setSpec')).toEqual(['compendium-2024']);
    // The original is described in French (its own language, first) and in English (its translation's texts).
    expect(values(original, 'dc:title')).toEqual(['fr: Lire dès la première année', 'en: Reading from the first grade']);
    expect(values(original, 'dc:description')).toEqual(['fr: Ce que la recherche dit de la lecture.', 'en: What research says about reading.']);
    expect(values(original, 'dc:subject')).toEqual(['fr: lecture', 'fr: phonologie', 'en: reading']);
    expect(values(original, 'dc:creator')).toEqual(['Awa Ndiaye', 'Pierre Martin']);
    expect(values(original, 'dc:publisher')).toEqual(['Bridges']);
    expect(values(original, 'dc:date')[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(values(original, 'dc:type')).toEqual(['Text']);
    expect(values(original, 'dc:identifier')).toEqual([`${BASE}/fr/publications/ci2024-01`]);
    expect(values(original, 'dc:language')).toEqual(['fr']);
    expect(values(original, 'dc:relation')).toEqual([`${BASE}/en/publications/ci2024-01-en`]);
    // The translation: a record of its own, in English, pointing to its original.
    expect(values(translation, 'dc:title')).toEqual(['en: Reading from the first grade']);
    expect(values(translation, 'dc:language')).toEqual(['en']);
    expect(values(translation, 'dc:identifier')).toEqual([`${BASE}/en/publications/ci2024-01-en`]);
    expect(values(translation, 'dc:relation')).toEqual([`${BASE}/fr/publications/ci2024-01`]);
    expect(values(escaped, 'dc:title')).toEqual(['en: Numbers & <words>']);
    expect(escaped).toContain('Numbers &amp; &lt;words&gt;');
  });

  it('never shows an item that is not published', async () => {
    const record = await get('verb=GetRecord&identifier=oai:alliance.example:CI2024-03&metadataPrefix=oai_dc');
    const formats = await get('verb=ListMetadataFormats&identifier=oai:alliance.example:CI2024-03');
    expect(errors(record)).toEqual(['idDoesNotExist']);
    expect(errors(formats)).toEqual(['idDoesNotExist']);
    const all = await harvest('ListIdentifiers', 'metadataPrefix=oai_dc&set=compendium-2024');
    expect(all.ids).toEqual(['CI2024-01', 'CI2024-01-EN', 'CI2024-02'].sort());
    expect(all.pages.join('')).not.toContain('CI2024-03');
  });
});

describe('OAI-PMH: harvesting page by page', () => {
  it('ListIdentifiers over 250 records: the tokens chain, each record once, the last page with an empty token', async () => {
    const { pages, ids, tokens } = await harvest('ListIdentifiers', 'metadataPrefix=oai_dc&set=fl-reports');
    expect(pages).toHaveLength(Math.ceil(REPORTS / PAGE));
    expect(ids).toEqual(Array.from({ length: REPORTS }, (_, i) => fl(i)));
    expect(tokens.map((tk) => tk?.cursor)).toEqual(pages.map((_, i) => i * PAGE));
    expect(tokens.every((tk) => tk?.completeListSize === REPORTS)).toBe(true);
    // Every page but the last carries a token; the last an empty one.
    expect(tokens.slice(0, -1).every((tk) => tk!.value.length > 0)).toBe(true);
    expect(tokens.at(-1)).toEqual({ value: '', completeListSize: REPORTS, cursor: 240 });
    expect(pages.at(-1)).toContain(`<resumptionToken completeListSize="${REPORTS}" cursor="240"/>`);
    // A resumed request repeats its token as its only argument.
    expect(requestOf(pages[1]!)[1]).toBe(` verb="ListIdentifiers" resumptionToken="${tokens[0]!.value}"`);
  });

  it('ListRecords over everything published: every record once, in datestamp order, nothing submitted', async () => {
    const { pages, ids, tokens } = await harvest('ListRecords', 'metadataPrefix=oai_dc');
    expect(ids).toHaveLength(REPORTS + 3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, REPORTS)).toEqual(Array.from({ length: REPORTS }, (_, i) => fl(i)));
    expect(ids.slice(REPORTS).sort()).toEqual(['CI2024-01', 'CI2024-01-EN', 'CI2024-02']);
    expect(tokens.at(-1)).toEqual({ value: '', completeListSize: REPORTS + 3, cursor: 240 });
    const datestamps = pages.flatMap((p) => values(p, 'datestamp'));
    expect([...datestamps].sort()).toEqual(datestamps);
  });

  it('a list that fits one page has no token; one that ends exactly on a page ends with an empty one', async () => {
    // Reports 0–39 changed from 00:00:00.5 to 15:00:00.5 on 2 January: `until` to the second includes the last.
    const whole = await get('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2023-01-01T00:00:00Z&until=2023-01-02T15:00:00Z');
    expect(identifiers(whole)).toHaveLength(PAGE);
    expect(tokenOf(whole)).toBeNull();
    const two = await harvest('ListIdentifiers', 'metadataPrefix=oai_dc&from=2023-01-01T00:00:00Z&until=2023-01-04T07:00:00Z');
    expect(two.ids).toEqual(Array.from({ length: 2 * PAGE }, (_, i) => fl(i)));
    expect(two.tokens.map((tk) => tk && { ...tk, value: !!tk.value })).toEqual([
      { value: true, completeListSize: 2 * PAGE, cursor: 0 },
      { value: false, completeListSize: 2 * PAGE, cursor: PAGE },
    ]);
  });

  it('from and until, by day or to the second, inclusive; with a set', async () => {
    const days = await harvest('ListIdentifiers', 'metadataPrefix=oai_dc&set=fl-reports&from=2023-01-02&until=2023-01-03');
    expect(days.ids).toEqual(Array.from({ length: 48 }, (_, i) => fl(24 + i)));
    const seconds = await get('verb=ListRecords&metadataPrefix=oai_dc&from=2023-01-01T05:00:00Z&until=2023-01-01T09:00:00Z');
    expect(identifiers(seconds)).toEqual([fl(5), fl(6), fl(7), fl(8), fl(9)]);
    const later = await get('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2023-01-01T09:00:01Z&until=2023-01-01T10:00:00Z');
    expect(identifiers(later)).toEqual([fl(10)]);
    const otherSet = await get('verb=ListIdentifiers&metadataPrefix=oai_dc&set=compendium-2024&until=2023-12-31');
    expect(errors(otherSet)).toEqual(['noRecordsMatch']);
  });

  it('a harvest that resumes after records were published meanwhile skips none and repeats none of the old ones', async () => {
    const first = await get('verb=ListIdentifiers&metadataPrefix=oai_dc&set=fl-reports');
    // A report published now (its datestamp is the latest) while the harvester is on page one.
    await t.db.insert(publications).values({ seriesId: (await item('FL-001')).seriesId, number: 'FL-251', kind: 'report', state: 'published', locale: 'en', meta: { en: { title: 'Late', abstract: '', summary: '', keywords: [], recommendations: '' } }, currentVersion: 1, firstPublishedAt: new Date() });
    let token = tokenOf(first)!.value;
    const ids = identifiers(first);
    while (token) {
      const page = await get(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`);
      ids.push(...identifiers(page));
      token = tokenOf(page)?.value ?? '';
    }
    expect(ids).toEqual([...Array.from({ length: REPORTS }, (_, i) => fl(i)), 'FL-251']);
    await t.db.delete(publications).where(sql`${publications.number} = 'FL-251'`);
  });

  it('writes a long list as it reads it, one batch at a time', async () => {
    const chunks: string[] = [];
    const response = await oaiResponse({ db: t.db, baseUrl: BASE, mailFrom: t.config.mailFrom, pageSize: 1000, batchSize: 10 }, oaiArguments('verb=ListRecords&metadataPrefix=oai_dc&set=fl-reports'));
    for await (const chunk of response) chunks.push(chunk);
    // The opening, a chunk per batch of 10, the closing: no chunk holds more than a batch.
    expect(chunks).toHaveLength(1 + REPORTS / 10 + 1);
    expect(Math.max(...chunks.map((c) => (c.match(/<record>/g) ?? []).length))).toBe(10);
    const whole = chunks.join('');
    expect(identifiers(whole)).toHaveLength(REPORTS);
    expect(tokenOf(whole)).toBeNull();
    seen.push({ request: 'ListRecords in one response of 250', body: whole });
  });
});

describe('OAI-PMH: errors, each the protocol’s', () => {
  it('badVerb and badArgument, answered with the base URL alone', async () => {
    const cases: [string, string[]][] = [
      ['', ['badVerb']],
      ['verb=Harvest', ['badVerb']],
      ['verb=Identify&verb=ListSets', ['badVerb']],
      ['verb=Identify&metadataPrefix=oai_dc', ['badArgument']],
      ['verb=ListRecords', ['badArgument']],
      ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', ['badArgument']],
      ['verb=ListIdentifiers&metadataPrefix=oai_dc&resumptionToken=abc', ['badArgument']],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2023-02-30', ['badArgument']],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2023-01-01&until=2023-01-02T00:00:00Z', ['badArgument']],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2023-01-03&until=2023-01-02', ['badArgument']],
      ['verb=ListRecords&metadataPrefix=oai_dc&set=not%20a%20set', ['badArgument']],
      ['verb=GetRecord&identifier=oai:alliance.example:CI2024-01', ['badArgument']],
      ['verb=ListSets&set=fl-reports', ['badArgument']],
      ['verb=GetRecord&identifier=&metadataPrefix=oai_dc', ['badArgument']],
    ];
    const bodies = await Promise.all(cases.map(([q]) => get(q)));
    cases.forEach(([q, codes], i) => {
      // One error per problem found: all of the one code expected.
      expect(new Set(errors(bodies[i]!)), q).toEqual(new Set(codes));
      expect(requestOf(bodies[i]!)[1], q).toBe('');
      expect(requestOf(bodies[i]!)[2]).toBe(`${BASE}/oai`);
    });
  });

  it('badResumptionToken, cannotDisseminateFormat, idDoesNotExist, noRecordsMatch', async () => {
    const page = await get('verb=ListIdentifiers&metadataPrefix=oai_dc&set=fl-reports');
    const token = tokenOf(page)!.value;
    const forged = Buffer.from(JSON.stringify({ v: 1, k: 'i', m: 'oai_dc', d: 'yesterday', n: 'FL-001', c: 40 })).toString('base64url');
    const cases: [string, string[]][] = [
      ['verb=ListRecords&resumptionToken=not-a-token', ['badResumptionToken']],
      [`verb=ListRecords&resumptionToken=${token}`, ['badResumptionToken']], // a ListIdentifiers token
      [`verb=ListIdentifiers&resumptionToken=${forged}`, ['badResumptionToken']],
      ['verb=ListSets&resumptionToken=abc', ['badResumptionToken']],
      ['verb=ListRecords&metadataPrefix=marc21', ['cannotDisseminateFormat']],
      ['verb=ListIdentifiers&metadataPrefix=marc21', ['cannotDisseminateFormat']],
      ['verb=GetRecord&identifier=oai:alliance.example:CI2024-01&metadataPrefix=marc21', ['cannotDisseminateFormat']],
      ['verb=GetRecord&identifier=oai:alliance.example:NOPE-1&metadataPrefix=oai_dc', ['idDoesNotExist']],
      ['verb=GetRecord&identifier=oai:elsewhere.example:CI2024-01&metadataPrefix=oai_dc', ['idDoesNotExist']],
      ['verb=GetRecord&identifier=CI2024-01&metadataPrefix=oai_dc', ['idDoesNotExist']],
      ['verb=ListMetadataFormats&identifier=oai:alliance.example:NOPE-1', ['idDoesNotExist']],
      ['verb=GetRecord&identifier=oai:alliance.example:NOPE-1&metadataPrefix=marc21', ['idDoesNotExist', 'cannotDisseminateFormat']],
      ['verb=ListRecords&metadataPrefix=oai_dc&set=empty-series', ['noRecordsMatch']],
      ['verb=ListRecords&metadataPrefix=oai_dc&set=no-such-set', ['noRecordsMatch']],
      ['verb=ListIdentifiers&metadataPrefix=oai_dc&from=2030-01-01', ['noRecordsMatch']],
    ];
    const bodies = await Promise.all(cases.map(([q]) => get(q)));
    cases.forEach(([q, codes], i) => {
      expect(errors(bodies[i]!), q).toEqual(codes);
      // The request is repeated with its arguments.
      expect(requestOf(bodies[i]!)[1], q).toContain(`verb="${/verb=(\w+)/.exec(q)![1]}"`);
    });
  });

  it('by POST: the same answers, a repeated argument refused, a token followed', async () => {
    const post = async (payload: string) => {
      const res = await oai.inject({ method: 'POST', url: '/oai', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
      seen.push({ request: `POST ${payload}`, body: res.body });
      return res;
    };
    const first = await post('verb=ListIdentifiers&metadataPrefix=oai_dc&set=fl-reports');
    expect(first.statusCode).toBe(200);
    expect(identifiers(first.body)).toEqual(Array.from({ length: PAGE }, (_, i) => fl(i)));
    const next = await post(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(tokenOf(first.body)!.value)}`);
    expect(identifiers(next.body)[0]).toBe(fl(PAGE));
    const repeated = await post('verb=ListIdentifiers&metadataPrefix=oai_dc&set=fl-reports&set=compendium-2024');
    expect(errors(repeated.body)).toEqual(['badArgument']);
  });

  it('noSetHierarchy while there is no series yet; noRecordsMatch while nothing is published (noMetadataFormats never: every record has oai_dc)', () => {
    const { identify, sets, bySet, records } = emptyRepository;
    expect(values(identify, 'earliestDatestamp')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(errors(identify)).toEqual([]);
    expect(errors(sets)).toEqual(['noSetHierarchy']);
    expect(errors(bySet)).toEqual(['noSetHierarchy']);
    expect(errors(records)).toEqual(['noRecordsMatch']);
  });
});

describe('OAI-PMH: datestamps', () => {
  it('an original’s datestamp follows the last change of its translations, to the second', async () => {
    const original = await item('CI2024-01');
    await t.db.execute(sql`update ${publications} set updated_at = '2020-05-01T00:00:00Z' where id = ${original.id}`);
    await t.db.execute(sql`update ${publications} set updated_at = '2024-06-01T10:00:00.7Z' where translation_of = ${original.id}`);
    const record = await get('verb=GetRecord&identifier=oai:alliance.example:CI2024-01&metadataPrefix=oai_dc');
    expect(values(record, 'datestamp')).toEqual(['2024-06-01T10:00:00Z']);
    const both = await get('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-06-01T10:00:00Z&until=2024-06-01T10:00:00Z');
    expect(identifiers(both)).toEqual(['CI2024-01', 'CI2024-01-EN']);
  });

  it('the app serves the endpoint at its root, without a language, once the module declares it', async (c) => {
    if (!publicationsModule.rootRoutes) return c.skip(); // the manifest does not declare it yet
    const res = await t.app.inject({ method: 'GET', url: '/oai?verb=Identify' });
    expect(res.statusCode).toBe(200);
    const posted = await t.app.inject({ method: 'POST', url: '/oai', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'verb=ListSets' });
    expect(posted.statusCode).toBe(200);
    seen.push({ request: 'app GET verb=Identify', body: res.body }, { request: 'app POST verb=ListSets', body: posted.body });
  });
});

describe('OAI-PMH: the schemas', () => {
  it('every response above is valid against OAI-PMH.xsd, and every record in it against oai_dc.xsd', async () => {
    // Every verb answered, and every error code that can arise (noMetadataFormats cannot: see oaiResponse).
    expect(new Set(seen.flatMap((r) => /<request verb="(\w+)"/.exec(r.body)?.[1] ?? []))).toEqual(new Set(['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords']));
    expect(new Set(seen.flatMap((r) => errors(r.body)))).toEqual(new Set(['badArgument', 'badResumptionToken', 'badVerb', 'cannotDisseminateFormat', 'idDoesNotExist', 'noRecordsMatch', 'noSetHierarchy']));
    await expectValid(seen);
  });
});
