import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { memoryPages, validateXML } from 'xmllint-wasm';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { testApp, testConfig, submitForm, type TestApp } from '../../testing/app.js';
import { allModules, buildApp } from '../../server.js';
import { ConfigError, loadConfig } from '../../config.js';
import { actorByEmail, createSession, ensureUser } from '../../platform/auth/service.js';
import { jobs } from '../../platform/jobs/schema.js';
import { runDueJobs } from '../../platform/jobs/queue.js';
import { auditLog } from '../../platform/audit/schema.js';
import type { Actor } from '../../platform/policy.js';
import { addReport, addSeries } from './factories.js';
import { publications, type Author } from './schema.js';
import { DOI_DEPOSIT_JOB, addTranslation, itemByNumber, takeStep, type DoiConfig, type ItemView } from './service.js';

const BASE = 'https://alliance.example';
const PREFIX = '10.99999';
const ORCID = '0000-0002-1825-0097';

let t: TestApp;
let editor: Actor;
let editorCookie: string;
let otherEditorCookie: string;
let memberCookie: string;
let seriesId: string;
let chairId: string;
const item = async (number: string) => (await itemByNumber(t.db, number)) as ItemView;

// ——— The schemas kept in ./xsd, every file of a folder under its path there (as the schemas import each other) ———

const XSD = fileURLToPath(new URL('./xsd/', import.meta.url));
const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
const schemaFiles = (folder: string) => walk(join(XSD, folder)).map((f) => ({ fileName: relative(join(XSD, folder), f), contents: readFileSync(f, 'utf8') }));
const SCHEMAS = {
  crossref: { folder: 'crossref', main: 'crossref5.3.1.xsd' },
  datacite: { folder: 'datacite', main: 'metadata.xsd' },
} as const;

/** Validates documents against one agency's schema: the errors of each, by its name. */
async function validate(agency: keyof typeof SCHEMAS, docs: Record<string, string>): Promise<Record<string, string[]>> {
  const { folder, main } = SCHEMAS[agency];
  const files = schemaFiles(folder);
  const names = Object.keys(docs);
  const r = await validateXML({
    xml: names.map((n) => ({ fileName: `${n}.xml`, contents: docs[n]! })),
    schema: files.filter((f) => f.fileName === main),
    preload: files.filter((f) => f.fileName !== main),
    maxMemoryPages: 1024 * memoryPages.MiB,
  });
  const out: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const e of r.errors) {
    // Each error names its document (by its location, or in the closing "x.xml fails to validate").
    const doc = /^(.*)\.xml$/.exec(e.loc?.fileName ?? '')?.[1] ?? /^(\S+)\.xml fails to validate$/.exec(e.rawMessage)?.[1];
    if (doc && out[doc]) out[doc].push(e.rawMessage);
    // Schema warnings (an import skipped because its namespace is already known) name no document.
    else if (!/warning/i.test(e.rawMessage)) throw new Error(`The ${agency} schema does not load: ${e.rawMessage}`);
  }
  expect(r.valid).toBe(names.every((n) => out[n]!.length === 0));
  return out;
}

/** A page's faults against the HTML standard, by the project's rules (.htmlvalidate.json). */
async function htmlFaults(html: string): Promise<string[]> {
  const report = await new HtmlValidate(new FileSystemConfigLoader()).validateString(html, fileURLToPath(new URL('../../../page.html', import.meta.url)));
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
}

// ——— Reading answers ——————————————————————————————————————————————————————————————————

const download = (cookie: string, key: string, format: string, app: FastifyInstance = t.app) => app.inject({ method: 'GET', url: `/en/admin/publications/${key}/doi/${format}`, headers: { cookie } });

async function xmlOf(key: string, format: 'crossref' | 'datacite'): Promise<string> {
  const res = await download(editorCookie, key, format);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
  expect(res.headers['content-disposition']).toBe(`attachment; filename="${key.toUpperCase()}-${format}.xml"`);
  return res.body;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** Each element's text, with the attributes named (`attr` = "value"). */
const all = (xml: string, tag: string, attr?: string) =>
  [...xml.matchAll(new RegExp(`<${tag}((?:\\s[^>]*)?)>([^<]*)</${tag}>`, 'g'))].map((m) => {
    const a = attr ? new RegExp(`${attr}="([^"]*)"`).exec(m[1]!)?.[1] : undefined;
    return attr ? `${a ?? '-'}: ${decode(m[2]!)}` : decode(m[2]!);
  });

// ——— A published report, translated ——————————————————————————————————————————————————

const block = (title: string, abstract: string, keywords: string[] = []) => ({ title, abstract, summary: '', keywords, recommendations: '' });

async function publishReport(title: string, ctx: { baseUrl: string; doi?: DoiConfig } = { baseUrl: BASE }): Promise<string> {
  const authors = [{ name: 'Awa Ndiaye', affiliation: 'Université Cheikh Anta Diop', orcid: ORCID }, { name: 'Pierre Martin', affiliation: '' }] as Author[];
  const r = await addReport(t.db, { seriesId, submittedBy: chairId, locale: 'en', authors, meta: { en: block(title, 'What the group found & why.\n\nA second paragraph.', ['reading', 'early grades']) }, body: '# Findings' });
  for (const step of ['desk-check', 'accept', 'copyedit', 'publish'] as const) expect((await takeStep(t.db, editor, r.id, step, '', ctx)).ok).toBe(true);
  return r.number;
}

async function cookieOf(email: string, roles: { role: string; scope?: string }[] = []): Promise<string> {
  const { id } = await ensureUser(t.db, { email, name: email.split('@')[0]!, roles });
  return `bridges_session=${await createSession(t.db, id, 'test')}`;
}

/** A registration agency on loopback that keeps every request it receives, and answers with `status`. */
interface Agency {
  url: string;
  received: { method: string; url: string; contentType: string; authorization: string; body: Buffer }[];
  status: number;
  close(): Promise<void>;
}
async function startAgency(): Promise<Agency> {
  const received: Agency['received'] = [];
  const agency = { received, status: 200 } as Agency;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', contentType: String(req.headers['content-type'] ?? ''), authorization: String(req.headers.authorization ?? ''), body: Buffer.concat(chunks) });
      res.writeHead(agency.status, { 'content-type': 'text/html' }).end(agency.status === 200 ? '<html><body><h2>SUCCESS</h2><p>Your batch submission was successfully received.</p></body></html>' : '<h2>FAILURE</h2> Login failed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  agency.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/servlet/deposit`;
  agency.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return agency;
}

/** The deposit settings, as the environment gives them to the app and to the worker (which reads them when it runs a job). */
const depositEnv = (agency: Agency) => ({ DOI_PREFIX: PREFIX, DOI_DEPOSIT_URL: agency.url, DOI_DEPOSIT_USER: 'alliance', DOI_DEPOSIT_PASSWORD: 'secret-password' });
async function withEnv<T>(env: Record<string, string>, f: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await f();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
/** A multipart request's fields, as the agency reads them. */
const formOf = (sent: Agency['received'][number]) => new Response(new Uint8Array(sent.body), { headers: { 'content-type': sent.contentType } }).formData();
const fileOf = async (sent: Agency['received'][number]) => ((await formOf(sent)).get('fname') as File).text();
const handlers = () => Object.assign({}, ...allModules().map((m) => m.jobs ?? {}));
const runDeposits = () => runDueJobs(t.db, handlers(), { baseUrl: BASE, only: [DOI_DEPOSIT_JOB] });
const depositJobs = () => t.db.select().from(jobs).where(eq(jobs.name, DOI_DEPOSIT_JOB));
const depositAudits = (number: string) =>
  t.db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'publications.doi-deposit'), eq(auditLog.targetId, number)))
    .orderBy(auditLog.id);

beforeAll(async () => {
  t = await testApp({ BASE_URL: BASE, DOI_PREFIX: PREFIX });
  seriesId = await addSeries(t.db, { slug: 'fl-reports', kind: 'reports', prefix: 'FL', title: { en: 'Foundational Learning reports', fr: 'Rapports sur les apprentissages fondamentaux' } });
  const other = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium of Insights 2024' } });
  editorCookie = await cookieOf('editor@example.org', [{ role: 'pub_editor', scope: seriesId }]);
  otherEditorCookie = await cookieOf('other-editor@example.org', [{ role: 'pub_editor', scope: other }]);
  memberCookie = await cookieOf('member@example.org');
  editor = (await actorByEmail(t.db, 'editor@example.org'))!;
  chairId = (await ensureUser(t.db, { email: 'chair@example.org', name: 'Chair' })).id;

  expect(await publishReport('Reading <before> counting')).toBe('FL-01'); // published, translated below
  const tr = await addTranslation(t.db, editor, (await item('FL-01')).id, { locale: 'fr', method: 'human', title: 'Lire avant de compter', abstract: 'Ce que le groupe a trouvé.', summary: undefined, keywords: 'lecture', recommendations: undefined, body: '# Résultats' });
  expect(tr).toEqual({ ok: true, number: 'FL-01-FR' });
  expect((await takeStep(t.db, editor, (await item('FL-01-FR')).id, 'publish', '', { baseUrl: BASE })).ok).toBe(true);
  // The original's describing texts in a third language, added once published.
  const original = await item('FL-01');
  await t.db.update(publications).set({ meta: { ...original.meta, es: block('Leer antes de contar', 'Lo que encontró el grupo.', ['lectura']) } }).where(eq(publications.id, original.id));
  await addReport(t.db, { seriesId, submittedBy: chairId, locale: 'en', authors: [], meta: { en: block('Not yet published', 'In review.') }, body: 'x' }); // FL-02, submitted
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('DOI metadata of a published report', () => {
  it('Crossref and DataCite XML of the report and of its translation validate against the schemas; a broken document does not', async () => {
    const docs = {
      crossref: { original: await xmlOf('fl-01', 'crossref'), translation: await xmlOf('fl-01-fr', 'crossref') },
      datacite: { original: await xmlOf('fl-01', 'datacite'), translation: await xmlOf('fl-01-fr', 'datacite') },
    };
    expect(await validate('crossref', docs.crossref)).toEqual({ original: [], translation: [] });
    expect(await validate('datacite', docs.datacite)).toEqual({ original: [], translation: [] });

    // The validators are not vacuous: documents a step away from those are refused, each for its fault.
    const broken = await validate('crossref', {
      noTitle: docs.crossref.original.replace(/<titles>[\s\S]*?<\/titles>/, ''),
      badDoi: docs.crossref.original.replace(/<doi>[^<]*<\/doi>/, '<doi>not-a-doi</doi>'),
      badRelation: docs.crossref.original.replace('relationship-type="hasTranslation"', 'relationship-type="translates"'),
    });
    expect(broken.noTitle!.join('\n')).toMatch(/titles/);
    expect(broken.badDoi!.join('\n')).toMatch(/not-a-doi/);
    expect(broken.badRelation!.join('\n')).toMatch(/translates/);
    const brokenDc = await validate('datacite', {
      badType: docs.datacite.original.replace('resourceTypeGeneral="Report">', 'resourceTypeGeneral="Pamphlet">'),
      noYear: docs.datacite.original.replace(/<publicationYear>\d+<\/publicationYear>/, ''),
    });
    expect(brokenDc.badType!.join('\n')).toMatch(/Pamphlet/);
    expect(brokenDc.noYear!.join('\n')).toMatch(/publicationYear/);
  });

  it('DataCite: a Report, with its title and abstract in every language (xml:lang), its creators with ORCID, and the translation linked both ways', async () => {
    const original = await xmlOf('fl-01', 'datacite');
    expect(all(original, 'identifier', 'identifierType')).toEqual(['DOI: 10.99999/fl-01']);
    expect(all(original, 'resourceType', 'resourceTypeGeneral')).toEqual(['Report: Report']);
    expect(all(original, 'title', 'xml:lang')).toEqual(['en: Reading <before> counting', 'fr: Lire avant de compter', 'es: Leer antes de contar']);
    expect(all(original, 'title', 'titleType')).toEqual(['-: Reading <before> counting', 'TranslatedTitle: Lire avant de compter', 'TranslatedTitle: Leer antes de contar']);
    expect(all(original, 'description', 'xml:lang')).toEqual([
      'en: What the group found & why.\n\nA second paragraph.',
      'fr: Ce que le groupe a trouvé.',
      'es: Lo que encontró el grupo.',
      'en: Foundational Learning reports',
    ]);
    expect(all(original, 'creatorName')).toEqual(['Awa Ndiaye', 'Pierre Martin']);
    expect(all(original, 'familyName')).toEqual(['Ndiaye', 'Martin']);
    expect(all(original, 'nameIdentifier', 'nameIdentifierScheme')).toEqual([`ORCID: https://orcid.org/${ORCID}`]);
    expect(all(original, 'affiliation')).toEqual(['Université Cheikh Anta Diop']);
    expect(all(original, 'publicationYear')).toEqual([String(new Date().getUTCFullYear())]);
    expect(all(original, 'language')).toEqual(['en']);
    expect(all(original, 'publisher')).toEqual(['Bridges']);
    expect(all(original, 'relatedIdentifier', 'relationType')).toEqual(['HasTranslation: 10.99999/fl-01-fr']);

    const translation = await xmlOf('fl-01-fr', 'datacite');
    expect(all(translation, 'identifier')).toEqual(['10.99999/fl-01-fr']);
    expect(all(translation, 'language')).toEqual(['fr']);
    expect(all(translation, 'title', 'xml:lang')).toEqual(['fr: Lire avant de compter', 'en: Reading <before> counting', 'es: Leer antes de contar']);
    expect(all(translation, 'relatedIdentifier', 'relationType')).toEqual(['IsTranslationOf: 10.99999/fl-01']);
  });

  it('Crossref: a report-paper with its contributors (ORCID), abstracts in every language, the landing page, and the translation linked both ways', async () => {
    const original = await xmlOf('fl-01', 'crossref');
    expect(original).toContain('<report-paper><report-paper_metadata language="en">');
    expect(all(original, 'surname')).toEqual(['Ndiaye', 'Martin']);
    expect(all(original, 'given_name')).toEqual(['Awa', 'Pierre']);
    expect(all(original, 'ORCID')).toEqual([`https://orcid.org/${ORCID}`]);
    expect(all(original, 'title')).toEqual(['Reading <before> counting']);
    expect([...original.matchAll(/<jats:abstract xml:lang="(\w+)">/g)].map((m) => m[1])).toEqual(['en', 'fr', 'es']);
    expect(all(original, 'jats:p')).toEqual(['What the group found & why.', 'A second paragraph.', 'Ce que le groupe a trouvé.', 'Lo que encontró el grupo.']);
    expect(all(original, 'rel:intra_work_relation', 'relationship-type')).toEqual(['hasTranslation: 10.99999/fl-01-fr']);
    expect(all(original, 'doi')).toEqual(['10.99999/fl-01']);
    expect(all(original, 'resource')).toEqual([`${BASE}/en/publications/fl-01`]);
    expect(all(original, 'identifier', 'id_type')).toEqual(['report-number: FL-01']);
    expect(all(original, 'year')).toEqual([String(new Date().getUTCFullYear())]);

    const translation = await xmlOf('fl-01-fr', 'crossref');
    expect(translation).toContain('<report-paper_metadata language="fr">');
    expect(all(translation, 'title')).toEqual(['Lire avant de compter']);
    expect(all(translation, 'original_language_title', 'language')).toEqual(['en: Reading <before> counting']);
    expect(all(translation, 'rel:intra_work_relation', 'relationship-type')).toEqual(['isTranslationOf: 10.99999/fl-01']);
    expect(all(translation, 'resource')).toEqual([`${BASE}/fr/publications/fl-01-fr`]);
  });

  it('is for the editors of the series only: refused to visitors, members and an editor of another series; a 404 before publication and for an unknown format', async () => {
    for (const format of ['crossref', 'datacite']) {
      const visitor = await download('', 'fl-01', format);
      expect(visitor.statusCode).toBe(302);
      expect(visitor.headers.location).toContain('/sign-in?next=');
      expect((await download(memberCookie, 'fl-01', format)).statusCode).toBe(403);
      const other = await download(otherEditorCookie, 'fl-01', format);
      expect(other.statusCode).toBe(403);
      expect(other.body).not.toContain('10.99999');
      expect((await download(editorCookie, 'fl-02', format)).statusCode).toBe(404); // not published: no DOI yet
    }
    expect((await download(editorCookie, 'fl-01', 'marc')).statusCode).toBe(404);
    expect((await download(editorCookie, 'fl-99', 'crossref')).statusCode).toBe(404);

    // The item's page shows its DOI and both files to its editors; before publication, the DOI it will have.
    const page = await t.app.inject({ method: 'GET', url: '/en/admin/publications/fl-01', headers: { cookie: editorCookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="https://doi.org/10.99999/fl-01"');
    expect(page.body).toContain('href="/en/admin/publications/fl-01/doi/crossref"');
    expect(page.body).toContain('href="/en/admin/publications/fl-01/doi/datacite"');
    expect(page.body).toContain('Automatic deposit is not set up');
    const before = await t.app.inject({ method: 'GET', url: '/fr/admin/publications/fl-02', headers: { cookie: editorCookie } });
    expect(before.body).toContain('Une fois publiée, elle aura le DOI');
    expect(before.body).not.toContain('/doi/crossref');
  });

  it('the landing page of a published item shows its DOI to every reader', async () => {
    for (const [url, doi] of [['/en/publications/fl-01', '10.99999/fl-01'], ['/ar/publications/fl-01-fr', '10.99999/fl-01-fr']] as const) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<a href="https://doi.org/${doi}" dir="ltr"><bdi>https://doi.org/${doi}</bdi></a>`);
    }
  });

  it('without a DOI prefix there are no DOIs: the files are a 404 and the page has no DOI section', async () => {
    const app = await buildApp({ config: testConfig({ BASE_URL: BASE }), database: t.database, logger: false });
    try {
      expect((await download(editorCookie, 'fl-01', 'crossref', app)).statusCode).toBe(404);
      const page = await app.inject({ method: 'GET', url: '/en/admin/publications/fl-01', headers: { cookie: editorCookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('doi.org');
      const landing = await app.inject({ method: 'GET', url: '/en/publications/fl-01' });
      expect(landing.statusCode).toBe(200);
      expect(landing.body).not.toContain('doi.org');
    } finally {
      await app.close();
    }
  });
});

describe('depositing', () => {
  it('is off by default: publishing queues no job and sends nothing', async () => {
    const agency = await startAgency();
    try {
      await withEnv(depositEnv(agency), async () => {
        // Published from the item's page, as in a browser, on the app of this file (a DOI prefix, no deposit address).
        const r = await addReport(t.db, { seriesId, submittedBy: chairId, locale: 'en', authors: [], meta: { en: block('Published without deposit', 'Not sent.') }, body: 'x' });
        for (const step of ['desk-check', 'accept', 'copyedit'] as const) expect((await takeStep(t.db, editor, r.id, step, '', { baseUrl: BASE })).ok).toBe(true);
        const key = r.number.toLowerCase();
        const res = await submitForm(t, { page: `/en/admin/publications/${key}`, action: `/en/admin/publications/${key}/steps/publish`, fields: { note: '' }, cookie: editorCookie });
        expect(res.statusCode).toBe(303);
        expect((await item(r.number)).state).toBe('published');
        expect(await depositJobs()).toEqual([]);
        expect(await runDeposits()).toBe(0);
      });
      expect(agency.received).toEqual([]);
    } finally {
      await agency.close();
    }
  });

  it('with a deposit address: publishing sends the Crossref XML once to the agency, and the editors see what it answered', async () => {
    const agency = await startAgency();
    const env = depositEnv(agency);
    const config = testConfig({ BASE_URL: BASE, ...env });
    const app = await buildApp({ config, database: t.database, logger: false });
    try {
      const r = await addReport(t.db, { seriesId, submittedBy: chairId, locale: 'en', authors: [{ name: 'Lan Nguyen', affiliation: '' }], meta: { en: block('Deposited on publication', 'Sent to the agency.') }, body: 'x' });
      for (const step of ['desk-check', 'accept', 'copyedit'] as const) expect((await takeStep(t.db, editor, r.id, step, '', { baseUrl: BASE })).ok).toBe(true);
      const key = r.number.toLowerCase();
      // The editor publishes from the item's page, as in a browser.
      const res = await submitForm({ ...t, app }, { page: `/en/admin/publications/${key}`, action: `/en/admin/publications/${key}/steps/publish`, fields: { note: '' }, cookie: editorCookie });
      expect(res.statusCode).toBe(303);
      expect((await item(r.number)).state).toBe('published');
      expect((await depositJobs()).map((j) => j.payload)).toEqual([{ itemId: r.id }]);
      expect(agency.received).toEqual([]); // queued, not sent in the request

      await withEnv(env, async () => expect(await runDeposits()).toBe(1));
      expect(agency.received).toHaveLength(1);
      const [sent] = agency.received;
      expect(sent!.method).toBe('POST');
      expect(sent!.url).toBe('/servlet/deposit');
      expect(sent!.contentType).toMatch(/^multipart\/form-data; boundary=/);
      const form = await formOf(sent!);
      expect(form.get('operation')).toBe('doMDUpload');
      expect(form.get('login_id')).toBe('alliance');
      expect(form.get('login_passwd')).toBe('secret-password');
      const file = form.get('fname') as File;
      expect(file.name).toBe(`${key}.xml`);
      const xml = await file.text();
      expect(all(xml, 'doi')).toEqual([`10.99999/${key}`]);
      expect(all(xml, 'title')).toEqual(['Deposited on publication']);
      expect(await validate('crossref', { deposited: xml })).toEqual({ deposited: [] });

      // Audited, never with the password; the item's page lists it.
      const audits = (await depositAudits(r.number)).map((a) => a.after as Record<string, unknown>);
      expect(audits.map((a) => a.outcome)).toEqual(['queued', 'accepted']);
      expect(audits[1]).toMatchObject({ agency: 'crossref', status: 200, doi: `10.99999/${key}`, message: 'SUCCESS Your batch submission was successfully received.' });
      expect(JSON.stringify(audits)).not.toContain('secret-password');
      const page = await app.inject({ method: 'GET', url: `/en/admin/publications/${key}`, headers: { cookie: editorCookie } });
      expect(page.body).toContain('Publishing sends its metadata to Crossref automatically');
      expect(page.body).toContain('Received by Crossref (HTTP 200)');
      expect(await htmlFaults(page.body)).toEqual([]);
      expect((await depositJobs()).map((j) => j.status)).toEqual(['done']);
      await withEnv(env, async () => expect(await runDeposits()).toBe(0)); // sent once
      expect(agency.received).toHaveLength(1);

      // A refusal (bad login) is shown as such and not sent again; publishing a translation deposits it and its original again.
      agency.status = 403;
      const tr = await addTranslation(t.db, editor, r.id, { locale: 'es', method: 'human', title: 'Depositado al publicarse', abstract: 'Enviado a la agencia.', summary: undefined, keywords: undefined, recommendations: undefined, body: 'x' });
      expect(tr.ok).toBe(true);
      expect((await takeStep(t.db, editor, (await item(`${r.number}-ES`)).id, 'publish', '', { baseUrl: BASE, doi: config.doi })).ok).toBe(true);
      await withEnv(env, async () => expect(await runDeposits()).toBe(2));
      expect(agency.received).toHaveLength(3);
      const refused = await app.inject({ method: 'GET', url: `/en/admin/publications/${key}-es`, headers: { cookie: editorCookie } });
      expect(refused.body).toContain('Refused by Crossref (HTTP 403); it will not be sent again');
      const files = await Promise.all(agency.received.slice(1).map(fileOf));
      expect(files.flatMap((x) => all(x, 'rel:intra_work_relation', 'relationship-type')).sort()).toEqual([`hasTranslation: 10.99999/${key}-es`, `isTranslationOf: 10.99999/${key}`]);
    } finally {
      await app.close();
      await agency.close();
    }
  });

  it('to DataCite: publishing sends the DataCite XML once, as a findable DOI of its REST API', async () => {
    const agency = await startAgency();
    const env = { ...depositEnv(agency), DOI_AGENCY: 'datacite', DOI_DEPOSIT_URL: agency.url.replace('/servlet/deposit', '/dois') };
    try {
      const number = await publishReport('Deposited with DataCite', { baseUrl: BASE, doi: testConfig(env).doi });
      const key = number.toLowerCase();
      await withEnv(env, async () => expect(await runDeposits()).toBe(1));
      expect(agency.received).toHaveLength(1);
      const [sent] = agency.received;
      expect(sent!.method).toBe('PUT');
      expect(sent!.url).toBe(`/dois/10.99999/${key}`);
      expect(sent!.authorization).toBe(`Basic ${Buffer.from('alliance:secret-password').toString('base64')}`);
      expect(sent!.contentType).toBe('application/vnd.api+json');
      const { data } = JSON.parse(sent!.body.toString('utf8'));
      expect(data).toMatchObject({ id: `10.99999/${key}`, type: 'dois', attributes: { doi: `10.99999/${key}`, event: 'publish', url: `${BASE}/en/publications/${key}` } });
      const xml = Buffer.from(data.attributes.xml, 'base64').toString('utf8');
      expect(all(xml, 'title', 'xml:lang')).toEqual(['en: Deposited with DataCite']);
      expect(await validate('datacite', { deposited: xml })).toEqual({ deposited: [] });
      expect((await depositAudits(number)).map((a) => (a.after as { outcome: string }).outcome)).toEqual(['queued', 'accepted']);
    } finally {
      await agency.close();
    }
  });

  it('the configuration: a deposit address needs a prefix and the account, and a prefix must be one', () => {
    expect(() => loadConfig({ DOI_DEPOSIT_URL: 'https://doi.crossref.org/servlet/deposit' })).toThrow(ConfigError);
    try {
      loadConfig({ DOI_DEPOSIT_URL: 'https://doi.crossref.org/servlet/deposit' });
    } catch (e) {
      expect((e as Error).message).toMatch(/DOI_PREFIX="": is required when DOI_DEPOSIT_URL is set/);
      expect((e as Error).message).toMatch(/DOI_DEPOSIT_USER="": is required/);
      expect((e as Error).message).toMatch(/DOI_DEPOSIT_PASSWORD="": is required/);
    }
    expect(() => loadConfig({ DOI_PREFIX: '11.1234' })).toThrow(/DOI_PREFIX="11.1234": must be a DOI prefix such as 10.12345/);
    expect(loadConfig({}).doi).toBeUndefined();
    expect(loadConfig({ DOI_PREFIX: '10.5555' }).doi).toEqual({ prefix: '10.5555', agency: 'crossref', deposit: undefined });
  });
});
