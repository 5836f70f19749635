import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { eq, sql } from 'drizzle-orm';
import { testApp, type TestApp, queriesDuring } from '../../testing/app.js';
import { seedDemo } from '../../seed.js';
import { actorByEmail } from '../../platform/auth/service.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { Actor } from '../../platform/policy.js';
import { publicationSearch, publications } from './schema.js';
import {
  addTranslation,
  itemByNumber,
  publishNewVersion,
  rebuildSearchIndex,
  searchPublished,
  takeStep,
  LIST_PAGE_SIZE,
  SEARCH_MAX_CHARS,
  SEARCH_MAX_WORDS,
  type ItemView,
  type SearchHit,
} from './service.js';

/**
 * Search across the published items in the six languages, on the demo alliance: each language's
 * words found by their other forms (Arabic, French, Russian, Spanish stemming), Chinese cut into
 * words, only what is published (and as it is now), ranked and paged, and the list page's search
 * box with JavaScript off.
 */
let t: TestApp;
let editor: Actor;
beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.db, t.config);
  editor = (await actorByEmail(t.db, 'li.wei@steering.example'))!;
}, 300_000);
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const item = async (number: string) => (await itemByNumber(t.db, number)) as ItemView;

async function hits(q: string, page = 1): Promise<SearchHit[]> {
  const r = await searchPublished(t.db, { q, page });
  if (!r.ok) throw new Error(`search refused: ${r.problem}`);
  return r.items;
}
const numbers = async (q: string) => (await hits(q)).map((h) => h.number);
const marked = (h: SearchHit) => h.snippet.filter((p) => p.mark).map((p) => p.text);

/** Every text of every item (any state, any language), for checking that a word searched for is written nowhere as such. */
async function writtenAnywhere(word: string): Promise<string[]> {
  const rows = await t.db.select({ number: publications.number, meta: publications.meta, body: publications.body }).from(publications);
  return rows.filter((r) => `${JSON.stringify(r.meta)} ${r.body}`.toLowerCase().includes(word.toLowerCase())).map((r) => r.number);
}

describe('search in six languages', () => {
  it('finds the Chinese “教育政策” (education policy) as two words in a brief’s Chinese abstract, marked in its snippet', async () => {
    const found = await hits('教育政策');
    const reading = found.find((h) => h.number === 'CI2024-01');
    expect(reading?.matched).toBe('zh');
    expect(marked(reading!).join('')).toContain('教育政策');
    // Words, not characters: "育政" straddles the two words and is no word of the text.
    expect(await numbers('育政')).toEqual([]);
    // One of the two words alone finds it too.
    expect(await numbers('政策')).toContain('CI2024-01');
  });

  it('finds an Arabic brief by inflected forms written nowhere in it: a plural with a preposition and the article, a noun with a suffix', async () => {
    for (const [form, stored] of [
      ['بالوجبات', 'الوجبات'], // “with the meals” → the meals
      ['مدارسهم', 'المدارس'], // “their schools” → the schools
    ]) {
      expect(await writtenAnywhere(form!), form).toEqual([]);
      expect((await writtenAnywhere(stored!)).length, stored).toBeGreaterThan(0);
      const found = await hits(form!);
      expect(found.map((h) => [h.number, h.matched]), form).toContainEqual(['CI2024-04', 'ar']);
    }
  });

  it('stems French, Russian and Spanish words: a form written nowhere finds the brief that has another', async () => {
    const cases: [string, string, Locale][] = [
      ['enseignées', 'CI2024-01', 'fr'], // enseigner, enseigne, enseignement…
      ['памятью', 'CI2024-02', 'ru'], // память, памяти
      ['aprendizajes', 'CI2024-01', 'es'], // aprendizaje
    ];
    for (const [form, number, locale] of cases) {
      expect(await writtenAnywhere(form), form).toEqual([]);
      const found = (await hits(form)).find((h) => h.number === number);
      expect(found?.matched, form).toBe(locale);
    }
  });

  it('never finds what is not published: briefs in review, waiting for a revision or just submitted, and reports not yet published', async () => {
    // “lectura dialogada” is the subject of a brief waiting for its revision, and nowhere in what is published.
    expect(await writtenAnywhere('lectura dialogada')).toEqual(['CI2027-02']);
    expect(await numbers('lectura dialogada')).toEqual([]);
    const states = await t.db.select({ state: publications.state }).from(publicationSearch).innerJoin(publications, eq(publications.id, publicationSearch.publicationId));
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states.map((s) => s.state))).toEqual(new Set(['published']));
    for (const q of ['structured pedagogy', 'teacher guides', 'foundational learning']) for (const n of await numbers(q)) expect(n, q).toMatch(/^CI2024-/);
  });

  it('finds translations as items of their own, and names the language that matched', async () => {
    const found = await hits('sommeil');
    expect(found.map((h) => [h.number, h.matched])).toEqual(expect.arrayContaining([['CI2024-04-FR', 'fr'], ['CI2024-04', 'fr']]));
    // The original lists the languages it is translated into, as the list does.
    expect(found.find((h) => h.number === 'CI2024-04')!.translations).toEqual(['fr']);
  });

  it('keeps the list’s filters', async () => {
    const inSeries = async (series: string) => {
      const r = await searchPublished(t.db, { q: 'sleep', series, page: 1 });
      return r.ok ? r.items.map((h) => h.number) : [];
    };
    expect(await inSeries('compendium-2024')).toContain('CI2024-04');
    expect(await inSeries('foundational-learning-reports')).toEqual([]);
    const researchers = await searchPublished(t.db, { q: 'sleep', audience: 'researcher', page: 1 });
    expect(researchers.ok && researchers.items.map((h) => h.number)).not.toContain('CI2024-04'); // written for policymakers and practitioners
  });

  it('ranks a match in the title above one in the full text only', async () => {
    // “numeracy” is in the title of CI2024-03 and in the text of others.
    const found = await hits('numeracy');
    expect(found[0]!.number).toBe('CI2024-03');
  });

  it('keeps the index with what is published: a new version’s words replace the old, in the same transaction', async () => {
    const retrieval = await item('CI2024-02');
    const en = retrieval.meta.en!;
    expect(await numbers('flashcards')).toContain('CI2024-02');
    const body = retrieval.body.replace(/flashcards/g, 'index cards').concat('\n\nTeachers in Kumasi call the routine “tortoise reviews”.');
    const v = await publishNewVersion(t.db, editor, retrieval.id, 'en', { title: en.title, abstract: en.abstract, summary: en.summary, keywords: en.keywords.join(', '), recommendations: en.recommendations, authors: retrieval.authors.map((a) => `${a.name} (${a.affiliation})`).join('\n'), body, audiences: retrieval.audiences, note: 'Says “index cards”.' });
    expect(v.ok).toBe(true);
    expect(await numbers('flashcards')).not.toContain('CI2024-02');
    expect(await numbers('tortoises')).toContain('CI2024-02');
    // The texts in its other languages are still found.
    expect(await numbers('памятью')).toContain('CI2024-02');
  });

  it('finds a translation once it is published, not while it is being copy-edited', async () => {
    const numeracy = await item('CI2024-03');
    const r = await addTranslation(t.db, editor, numeracy.id, {
      locale: 'ru',
      method: 'human',
      title: 'Считаем играя: математика до школы',
      abstract: 'Основы математики закладываются до начальной школы: осмысленный счёт, сравнение количеств, числовая прямая.',
      summary: undefined,
      keywords: 'счёт, игра',
      recommendations: undefined,
      body: '## Настольные игры\n\nДети, которые играют в настольные игры с пронумерованными клетками, лучше понимают числовую прямую.',
    });
    expect(r.ok).toBe(true);
    // The original's Russian texts are searched at once; the translation's full text only once published.
    expect(await numbers('количествами')).toEqual(['CI2024-03']);
    expect(await numbers('настольными играми')).toEqual([]);
    const step = await takeStep(t.db, editor, (await item('CI2024-03-RU')).id, 'publish', '', { baseUrl: t.config.baseUrl });
    expect(step.ok).toBe(true);
    expect((await hits('настольными играми')).map((h) => [h.number, h.matched])).toEqual([['CI2024-03-RU', 'ru']]);
  });

  it('tells a query that is too long or has no word, and never fails on one', async () => {
    expect(await searchPublished(t.db, { q: 'a'.repeat(SEARCH_MAX_CHARS + 1), page: 1 })).toEqual({ ok: false, problem: 'tooLong' });
    expect(await searchPublished(t.db, { q: Array.from({ length: SEARCH_MAX_WORDS + 1 }, (_, i) => `w${i}`).join(' '), page: 1 })).toEqual({ ok: false, problem: 'tooLong' });
    expect(await searchPublished(t.db, { q: ' ?! — ', page: 1 })).toEqual({ ok: false, problem: 'noWords' });
    // Only stop words, or web search syntax of every kind: answered, never an error.
    for (const q of ['the of and', '"unclosed', 'sleep or or', '- sleep', '-sleep', '!!(a & b)', "'; drop table publications; --", 'sleep \\', '<script>', 'sleep\0', '\uE000sleep\uE001']) expect((await searchPublished(t.db, { q, page: 1 })).ok, q).toBe(true);
  });
});

describe('the list page’s search box', () => {
  it('searches with a plain GET form (JavaScript off), keeps the words in the box, and shows each hit with the language it matched in and a marked snippet', async () => {
    const res = await get(`/en/publications?q=${encodeURIComponent('教育政策')}`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toMatch(/<form method="get" action="\/en\/publications"/);
    expect(html).toMatch(/<label[^>]*for="f-q"[^>]*>Search<\/label>/);
    expect(html).toMatch(/<input id="f-q" name="q" type="search" value="教育政策"/);
    expect(html).toContain('href="/en/publications/ci2024-01"');
    expect(html).toMatch(/<p role="status">\d+ publications? match(es)? “<bdi>教育政策<\/bdi>”\.<\/p>/);
    expect(html).toContain('Found in Chinese:');
    expect(html).toMatch(/<p class="snippet" lang="zh" dir="ltr">(<span>[^<]*<\/span>)?<mark>教育政策<\/mark>/);
  });

  it('shows an Arabic snippet right to left, in the Arabic page and in another', async () => {
    for (const locale of ['ar', 'fr']) {
      const html = (await get(`/${locale}/publications?q=${encodeURIComponent('بالوجبات')}`)).body;
      expect(html, locale).toContain(`href="/${locale}/publications/ci2024-04"`);
      expect(html, locale).toMatch(/<p class="snippet" lang="ar" dir="rtl">/);
    }
  });

  it('escapes every text of a snippet: only its marks are HTML', async () => {
    const edtech = await item('CI2024-05');
    const en = edtech.meta.en!;
    const abstract = `Tablets <img src=x onerror=alert(1)> & radios: ${en.abstract}`;
    const v = await publishNewVersion(t.db, editor, edtech.id, 'en', { title: en.title, abstract, summary: en.summary, keywords: en.keywords.join(', '), recommendations: en.recommendations, authors: edtech.authors.map((a) => a.name).join('\n'), body: edtech.body, audiences: edtech.audiences, note: 'Tablets.' });
    expect(v.ok).toBe(true);
    const html = (await get('/en/publications?q=tablets')).body;
    expect(html).toContain('<mark>Tablets</mark>');
    expect(html).not.toContain('<img src=x');
    expect(html).toMatch(/&amp; radios/);
  });

  it('is valid HTML: results in Chinese and Arabic, and a query refused', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    for (const path of [`/en/publications?q=${encodeURIComponent('教育政策')}`, `/ar/publications?q=${encodeURIComponent('بالوجبات')}`, `/ru/publications?q=${encodeURIComponent('?!')}`]) {
      const html = (await get(path)).body;
      const report = await validator.validateString(html, join(root, 'page.html'));
      expect(report.results.flatMap((r) => r.messages).map((m) => `${path} ${m.ruleId}: ${m.message}`)).toEqual([]);
    }
  });

  it('says when a query is too long or has no word to look for, beside the box, with the words kept', async () => {
    const long = 'reading '.repeat(30).trim();
    const res = await get(`/en/publications?q=${encodeURIComponent(long)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Your search is too long. Use at most ${SEARCH_MAX_CHARS} characters and ${SEARCH_MAX_WORDS} words.`);
    expect(res.body).toContain(`value="${long}"`);
    expect(res.body).toMatch(/aria-invalid="true"/);
    const fr = await get(`/fr/publications?q=${encodeURIComponent('?!')}`);
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain('Votre recherche ne contient aucun mot à chercher.');
    // A character no database text may hold is refused as bad input, never a server error.
    expect((await get('/en/publications?q=sleep%00')).statusCode).toBeLessThan(500);
    // A blank box is the list.
    expect((await get('/en/publications?q=%20')).body).toContain('Available in:');
  });
});

describe('scale', () => {
  it('answers a page in two queries, ranks and pages many hits, and a query of many terms costs well under a second', async () => {
    // 150 more published briefs (copies of one, numbered apart), indexed by making the whole index anew.
    await t.db.execute(sql`insert into ${publications} (series_id, number, kind, state, locale, meta, body, authors, audiences, current_version, first_published_at)
      select series_id, 'BULK-' || g, kind, 'published', locale, meta, body, authors, audiences, 1, now() - make_interval(days => g)
      from ${publications}, generate_series(1, 150) g where number = 'CI2024-04'`);
    const indexed = await rebuildSearchIndex(t.db);
    expect(indexed).toBeGreaterThan(150);

    const searched: Awaited<ReturnType<typeof searchPublished>>[] = [];
    const statements = await queriesDuring(t.db, async () => void searched.push(await searchPublished(t.db, { q: 'sommeil', page: 1 })));
    const first = searched[0]!;
    expect(statements).toHaveLength(2);
    if (!first.ok) throw new Error('refused');
    expect(first.total).toBeGreaterThan(150);
    expect(first.items).toHaveLength(LIST_PAGE_SIZE);
    const pages = [first.items];
    for (let p = 2; p <= Math.ceil(first.total / LIST_PAGE_SIZE); p++) {
      const r = await searchPublished(t.db, { q: 'sommeil', page: p });
      if (r.ok) pages.push(r.items);
    }
    const all = pages.flat().map((h) => h.number);
    expect(all).toHaveLength(first.total);
    expect(new Set(all).size).toBe(all.length);
    // The page's links to the next pages keep the words.
    const html = (await get('/en/publications?q=sommeil')).body;
    expect(html).toMatch(/href="\/en\/publications\?q=sommeil&(amp;)?page=2"/);
    expect(html.match(/<li><h2>/g)).toHaveLength(LIST_PAGE_SIZE);

    // The most a query may hold: as many of the index's commonest words as fit, or'ed, then and'ed, in the six languages.
    const common = ['sleep', 'sommeil', 'النوم', 'attention', 'الانتباه', 'school', 'meals', 'repas', 'children', 'enfants', 'learning', 'memory', 'mémoire', 'التغذية', 'pupils', 'élèves', 'brief', 'evidence', 'ministries', 'family', 'breaks', 'minutes', 'nutrition', 'iron'];
    const fit = (joiner: string) => common.reduce((q, w) => (q && `${q}${joiner}${w}`.length > SEARCH_MAX_CHARS ? q : q ? `${q}${joiner}${w}` : w), '');
    let ms = 0;
    for (const [q, least] of [[fit(' or '), 150], [common.slice(0, SEARCH_MAX_WORDS).join(' '), 0]] as const) {
      const started = performance.now();
      const r = await searchPublished(t.db, { q, page: 2 });
      ms = Math.max(ms, performance.now() - started);
      expect(r.ok && r.total >= least, q).toBe(true);
    }
    expect(ms).toBeLessThan(1000);
  });
});
