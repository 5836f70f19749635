import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { validateXML } from 'xmllint-wasm';
import { testApp, type TestApp } from '../../testing/app.js';
import { ensureUser, actorByEmail } from '../../platform/auth/service.js';
import type { Actor } from '../../platform/policy.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { addCall, addSeries } from './factories.js';
import { addTranslation, callBySlug, itemByNumber, publishNewVersion, saveWorkingCopy, submitBrief, takeStep, type ItemView } from './service.js';

let t: TestApp;
let editor: Actor;
let author: Actor;
const BASE = 'https://alliance.example';
const ctx = () => ({ baseUrl: t.config.baseUrl });
const item = async (number: string) => (await itemByNumber(t.db, number)) as ItemView;

const brief = (locale: Locale, title: string, abstract: string) => ({
  locale,
  title,
  abstract,
  summary: undefined,
  keywords: 'literacy',
  recommendations: undefined,
  authors: 'Awa Ndiaye (Université Cheikh Anta Diop)\nPierre Martin',
  body: '# Text\n\nA body.',
  audiences: ['policymaker' as const],
});

/** Submits a brief to the open call; `publish` takes it through the editors' steps to publication. */
async function submit(b: ReturnType<typeof brief>, opts: { publish?: boolean; alsoIn?: { locale: Locale; title: string; abstract: string } } = {}): Promise<string> {
  const r = await submitBrief(t.db, author, (await callBySlug(t.db, 'call-2024'))!, b, ctx());
  if (!r.ok) throw new Error(r.message);
  const it = await item(r.number);
  if (!opts.publish) return r.number;
  for (const step of ['desk-check', 'accept', 'copyedit'] as const) expect((await takeStep(t.db, editor, it.id, step, '', ctx())).ok).toBe(true);
  if (opts.alsoIn) {
    const { locale, title, abstract } = opts.alsoIn;
    await saveWorkingCopy(t.db, editor, it.id, locale, { title, abstract, summary: undefined, keywords: undefined, recommendations: undefined, authors: b.authors, body: b.body, audiences: b.audiences });
  }
  expect((await takeStep(t.db, editor, it.id, 'publish', '', ctx())).ok).toBe(true);
  return r.number;
}

interface Feed {
  raw: string;
  contentType: string;
  doc: ReturnType<typeof parseDocument>;
  entries: Element[];
}

const one = (root: Element | ReturnType<typeof parseDocument>, tag: string) => DomUtils.getElementsByTagName(tag, root, true, 1)[0];
const text = (root: Element | ReturnType<typeof parseDocument>, tag: string) => {
  const e = one(root, tag);
  return e ? DomUtils.textContent(e) : undefined;
};
/** Entity references decoded as an XML parser would (htmlparser2 leaves them in xmlMode text). */
const decoded = (s: string | undefined) => s?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');
const entryNumbers = (f: Feed) => f.entries.map((e) => decoded(DomUtils.getAttributeValue(DomUtils.getElementsByTagName('link', e.children, false)[0]!, 'href'))!.split('/').pop()!.toUpperCase());

async function feed(locale: Locale): Promise<Feed> {
  const res = await t.app.inject({ method: 'GET', url: `/${locale}/publications/feed.atom` });
  expect(res.statusCode).toBe(200);
  const doc = parseDocument(res.body, { xmlMode: true, decodeEntities: false });
  return { raw: res.body, contentType: String(res.headers['content-type']), doc, entries: DomUtils.getElementsByTagName('entry', doc) };
}

/** Every document parses as XML (xmllint): no unescaped character, no broken element. */
async function expectWellFormed(docs: string[]) {
  const r = await validateXML({ xml: docs.map((contents, i) => ({ fileName: `feed-${i}.xml`, contents })), normalization: 'format' });
  expect(r.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(r.valid).toBe(true);
}

beforeAll(async () => {
  t = await testApp({ BASE_URL: BASE });
  const seriesId = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium of Insights 2024', fr: 'Recueil d’analyses 2024' } });
  await addCall(t.db, { seriesId, slug: 'call-2024', title: { en: 'Call for briefs 2024' } });
  await ensureUser(t.db, { email: 'editor@example.org', name: 'Editor', roles: [{ role: 'pub_editor', scope: seriesId }] });
  await ensureUser(t.db, { email: 'author@example.org', name: 'Author' });
  editor = (await actorByEmail(t.db, 'editor@example.org'))!;
  author = (await actorByEmail(t.db, 'author@example.org'))!;

  // CI2024-01: French, published, then translated into English (a record of its own, published).
  await submit(brief('fr', 'Lire dès la première année', 'Ce que la recherche dit de l’apprentissage de la lecture.'), { publish: true });
  const original = await item('CI2024-01');
  const tr = await addTranslation(t.db, editor, original.id, { locale: 'en', method: 'human', title: 'Reading from the first grade', abstract: 'What research says about learning to read.', summary: undefined, keywords: undefined, recommendations: undefined, body: '# Reading' });
  expect(tr).toEqual({ ok: true, number: 'CI2024-01-EN' });
  expect((await takeStep(t.db, editor, (await item('CI2024-01-EN')).id, 'publish', '', ctx())).ok).toBe(true);
  // CI2024-02: English, with describing texts in Spanish too (no Spanish full text); its title needs escaping.
  await submit(brief('en', 'Numbers & <words>: "why" \u0001first', 'Counting <before> reading & writing.'), {
    publish: true,
    alsoIn: { locale: 'es', title: 'Los números antes que las palabras', abstract: 'Contar antes de leer.' },
  });
  // CI2024-03: submitted, never published.
  await submit(brief('en', 'Not yet public', 'Still in review.'));
});
afterAll(() => t.close());

describe('the Atom feed of publications, one per language', () => {
  it('is well-formed Atom with the site’s name, absolute self and alternate links, in each language', async () => {
    const feeds = await Promise.all((['en', 'fr', 'es', 'ar', 'zh', 'ru'] as const).map(feed));
    await expectWellFormed(feeds.map((f) => f.raw));
    const [en, fr, , ar] = feeds as [Feed, Feed, Feed, Feed];
    expect(en.contentType).toBe('application/atom+xml; charset=utf-8');
    const root = one(en.doc, 'feed')!;
    expect(DomUtils.getAttributeValue(root, 'xmlns')).toBe('http://www.w3.org/2005/Atom');
    expect(DomUtils.getAttributeValue(root, 'xml:lang')).toBe('en');
    expect(text(root, 'title')).toBe('Bridges: publications');
    expect(text(fr.doc, 'title')).toBe('Bridges : publications');
    expect(text(ar.doc, 'title')).toBe('Bridges: المنشورات');
    expect(text(root, 'id')).toBe(`${BASE}/en/publications/feed.atom`);
    const links = DomUtils.getElementsByTagName('link', root.children, false).map((l) => [l.attribs.rel, l.attribs.type, l.attribs.href]);
    expect(links).toEqual([
      ['self', 'application/atom+xml', `${BASE}/en/publications/feed.atom`],
      ['alternate', 'text/html', `${BASE}/en/publications`],
    ]);
    expect(text(root, 'updated')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // Nothing is published in Arabic: the feed is empty, and still valid.
    expect(ar.entries).toEqual([]);
  });

  it('lists in each language the works readable or described in it, once each; never a submitted item', async () => {
    // English: the English original, and the English translation — not the French original it stands for.
    expect(entryNumbers(await feed('en')).sort()).toEqual(['CI2024-01-EN', 'CI2024-02']);
    expect(entryNumbers(await feed('fr'))).toEqual(['CI2024-01']);
    // Spanish: the English original described in Spanish, linked to its page in Spanish.
    const es = await feed('es');
    expect(entryNumbers(es)).toEqual(['CI2024-02']);
    const entry = es.entries[0]!;
    expect(text(entry, 'title')).toBe('Los números antes que las palabras');
    expect(one(entry, 'title')!.attribs['xml:lang']).toBe('es');
    expect(text(entry, 'summary')).toBe('Contar antes de leer.');
    expect(one(entry, 'summary')!.attribs['xml:lang']).toBe('es');
    expect(one(entry, 'link')!.attribs).toMatchObject({ rel: 'alternate', type: 'text/html', href: `${BASE}/es/publications/ci2024-02` });
    for (const l of ['en', 'fr', 'es', 'ar', 'zh', 'ru'] as const) expect((await feed(l)).raw).not.toContain('Not yet public');
  });

  it('gives each entry a stable id, its authors, dates, series and abstract, escaped', async () => {
    const en = await feed('en');
    const id = `urn:uuid:${(await item('CI2024-02')).id}`;
    const entry = en.entries.find((e) => text(e, 'id') === id)!;
    expect(entry).toBeDefined();
    // & < > " are escaped, and the control character XML cannot carry is dropped.
    expect(en.raw).toContain('Numbers &amp; &lt;words&gt;: "why" first');
    expect(decoded(text(entry, 'title'))).toBe('Numbers & <words>: "why" first');
    expect(decoded(text(entry, 'summary'))).toBe('Counting <before> reading & writing.');
    expect(DomUtils.getElementsByTagName('name', entry).map((n) => DomUtils.textContent(n))).toEqual(['Awa Ndiaye', 'Pierre Martin']);
    expect(one(entry, 'category')!.attribs).toEqual({ term: 'compendium-2024', label: 'Compendium of Insights 2024' });
    expect(text(entry, 'published')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(text(entry, 'updated')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // The translation is an entry of its own.
    const translation = en.entries.find((e) => text(e, 'title') === 'Reading from the first grade')!;
    expect(text(translation, 'id')).toBe(`urn:uuid:${(await item('CI2024-01-EN')).id}`);
    expect(one(translation, 'link')!.attribs.href).toBe(`${BASE}/en/publications/ci2024-01-en`);
  });

  it('keeps an entry’s id across versions; its update time moves, its publication time does not', async () => {
    const fr = await feed('fr');
    const before = { id: text(fr.entries[0]!, 'id'), published: text(fr.entries[0]!, 'published'), updated: text(fr.entries[0]!, 'updated') };
    const original = await item('CI2024-01');
    // A second later at least, so the datestamp (to the second) shows the change.
    await new Promise((r) => setTimeout(r, 1100));
    const b = brief('fr', 'Lire dès la première année (révisé)', 'Un résumé revu.');
    expect(await publishNewVersion(t.db, editor, original.id, 'fr', { ...b, note: 'Chiffres de 2025.' })).toEqual({ ok: true, version: 2 });
    const after = (await feed('fr')).entries[0]!;
    expect(text(after, 'id')).toBe(before.id);
    expect(text(after, 'published')).toBe(before.published);
    expect(text(after, 'updated')! > before.updated!).toBe(true);
    expect(text(after, 'title')).toBe('Lire dès la première année (révisé)');
  });

  it('shows an item as soon as it is published (the cached feed is not served stale)', async () => {
    expect(entryNumbers(await feed('en')).sort()).toEqual(['CI2024-01-EN', 'CI2024-02']);
    const number = await submit(brief('en', 'Fresh brief', 'Just out.'));
    expect(entryNumbers(await feed('en'))).not.toContain(number);
    const fresh = await item(number);
    for (const step of ['desk-check', 'accept', 'copyedit', 'publish'] as const) expect((await takeStep(t.db, editor, fresh.id, step, '', ctx())).ok).toBe(true);
    const en = await feed('en');
    // Most recently changed first.
    expect(entryNumbers(en)[0]).toBe(number);
    expect(text(one(en.doc, 'feed')!, 'updated')).toBe(text(en.entries[0]!, 'updated'));
  });
});
