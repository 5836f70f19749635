import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../platform/i18n/locales.js';
import type { Author, Landing, MetaBlock } from './service.js';

/**
 * Citations, without a database: items in five languages written as BibTeX, RIS and CSL-JSON and
 * read back by citation-js; the APA reference in the six languages; and all of it with every way
 * out to the network shut (sockets, fetch, and the child process citation-js uses for a
 * synchronous download), so any attempt is recorded and fails.
 */

const require = createRequire(import.meta.url);
const net = require('node:net') as typeof import('node:net');
const childProcess = require('node:child_process') as Record<string, unknown>;
const attempts: string[] = [];
const saved = { connect: net.Socket.prototype.connect, fetch: globalThis.fetch, child: { ...childProcess } };

function shutTheNetwork() {
  net.Socket.prototype.connect = function (...args: unknown[]) {
    attempts.push(`socket ${JSON.stringify(args[0])}`);
    throw new Error('network disabled in this test');
  } as typeof net.Socket.prototype.connect;
  globalThis.fetch = (async (input: unknown) => {
    attempts.push(`fetch ${String(input)}`);
    throw new Error('network disabled in this test');
  }) as typeof fetch;
  for (const name of ['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork']) {
    childProcess[name] = (...args: unknown[]) => {
      attempts.push(`${name} ${String(args[0])}`);
      throw new Error('child processes disabled in this test');
    };
  }
}

// Shut before citation-js is loaded: it keeps its own reference to the child process function.
shutTheNetwork();
const { APA_STYLE, citeAs, cslItem, citationJs, formatCitation, splitName, CSL_LOCALES } = await import('./citations.js');

afterAll(() => {
  net.Socket.prototype.connect = saved.connect;
  globalThis.fetch = saved.fetch;
  Object.assign(childProcess, saved.child);
});

const BASE = 'https://bridges.example.org';
const block = (title: string, abstract: string, keywords: string[]): MetaBlock => ({ title, abstract, summary: '', keywords, recommendations: '' });

function page(p: { number: string; locale: Locale; meta: Partial<Record<Locale, MetaBlock>>; authors: string[]; version?: number; versions?: number; publishedAt?: string; original?: { number: string; locale: Locale } }): Landing {
  const count = p.versions ?? 1;
  const version = p.version ?? count;
  const authors: Author[] = p.authors.map((name) => ({ name, affiliation: 'Somewhere' }));
  const publishedAt = new Date(p.publishedAt ?? '2024-05-14T09:00:00Z');
  return {
    item: {
      id: '00000000-0000-4000-8000-000000000001',
      seriesId: '00000000-0000-4000-8000-000000000002',
      state: 'published',
      submittedBy: null,
      number: p.number,
      kind: 'brief',
      locale: p.locale,
      translationOf: p.original ? '00000000-0000-4000-8000-000000000003' : null,
      translationMethod: p.original ? 'human' : null,
      authors,
      meta: p.meta,
      body: 'Text.',
      pdfKey: null,
      pdfBytes: null,
      audiences: [],
      countries: [],
      sdgTargets: [],
      reportId: null,
      callId: null,
      round: 1,
      currentVersion: count,
      firstPublishedAt: publishedAt,
      updatedAt: publishedAt,
      createdAt: publishedAt,
    },
    series: { id: '00000000-0000-4000-8000-000000000002', slug: 'compendium-2024', kind: 'compendium', prefix: 'CI2024', title: { en: 'Compendium of Insights 2024', fr: 'Recueil des connaissances 2024' }, description: {}, originalLocale: 'en', workingGroupId: null },
    version: { id: '00000000-0000-4000-8000-000000000003', number: version, meta: p.meta, authors, body: 'Text.', pdfKey: null, pdfBytes: null, generatedPdfKey: null, generatedPdfBytes: null, note: '', publishedAt },
    versions: Array.from({ length: count }, (_, i) => ({ number: count - i, publishedAt, note: '' })),
    original: p.original ?? null,
    translations: [],
    availability: [],
  };
}

const items = {
  en: page({ number: 'CI2024-04', locale: 'en', meta: { en: block('Retrieval practice & spaced review: 50% more {remembered}', 'Testing yourself\nhelps you remember.', ['memory', 'retrieval']) }, authors: ['Li Wei', 'Jane Smith', 'NDIAYE Awa'] }),
  fr: page({
    number: 'CI2024-01',
    locale: 'fr',
    versions: 2,
    meta: { fr: block('Lire dès la première année', 'Ce que dit la recherche.', ['lecture', 'décodage']), en: block('Reading from the first grade', 'What research says.', ['reading']) },
    authors: ['Awa Ndiaye', 'Pierre Martin', 'María José González Pérez'],
  }),
  ar: page({ number: 'CI2024-02', locale: 'ar', meta: { ar: block('النوم والتغذية والتعلّم في المدرسة', 'ملخّص البحث.', ['النوم', 'التغذية']) }, authors: ['أحمد الخطيب', 'فاطمة الزهراء بن علي'] }),
  zh: page({ number: 'CI2024-05', locale: 'zh', meta: { zh: block('从一年级开始阅读：明确教授字母与发音', '研究综述。', ['阅读', '解码']) }, authors: ['李伟', '王芳'] }),
  ru: page({ number: 'CI2024-06', locale: 'ru', meta: { ru: block('Чтение с первого класса', 'Обзор исследований.', ['чтение']) }, authors: ['Иван Иванович Петров', 'Анна Смирнова'] }),
};

type Parsed = { title?: string; author?: { literal?: string; given?: string; family?: string }[]; issued?: { 'date-parts': number[][] }; number?: string; URL?: string };
const nameOf = (n: { literal?: string; given?: string; family?: string }) => n.literal ?? [n.given, n.family].filter(Boolean).join(' ');
const readBack = (text: string): Parsed => {
  const { Cite } = citationJs();
  const parsed = new Cite(text).data as Parsed[];
  expect(parsed).toHaveLength(1);
  return parsed[0]!;
};

describe('an author’s name', () => {
  it('is split into family and given names only when that is safe, else kept as written', () => {
    expect(splitName('Awa Ndiaye')).toEqual({ family: 'Ndiaye', given: 'Awa' });
    expect(splitName('Jean-Pierre  Dupont')).toEqual({ family: 'Dupont', given: 'Jean-Pierre' });
    expect(splitName('Ndiaye, Awa')).toEqual({ family: 'Ndiaye', given: 'Awa' });
    expect(splitName('NDIAYE Awa')).toEqual({ family: 'NDIAYE', given: 'Awa' });
    expect(splitName('LI Wei')).toEqual({ family: 'LI', given: 'Wei' });
    expect(splitName('Иван Иванович Петров')).toEqual({ family: 'Петров', given: 'Иван Иванович' });
    expect(splitName('Петров Иван Иванович')).toEqual({ family: 'Петров', given: 'Иван Иванович' });
    expect(splitName('Анна Смирнова')).toEqual({ family: 'Смирнова', given: 'Анна' });
    expect(splitName('J. Smith')).toEqual({ family: 'Smith', given: 'J.' });
    // Kept whole: the order is unknown, the split is ambiguous, or the script has no such split.
    for (const name of ['Li Wei', 'Wei Li', 'Kim Min-jun', 'María José González Pérez', 'Ludwig van Beethoven', 'أحمد الخطيب', '李伟', 'Plato']) expect(splitName(name)).toEqual({ literal: name });
  });
});

describe('a CSL-JSON item from a landing page', () => {
  it('carries the identifier, the version, its address, the series, the date and the publisher', () => {
    const csl = cslItem(items.fr, 'fr', BASE, { publisher: 'Alliance mondiale' });
    expect(csl).toMatchObject({
      id: 'CI2024-01',
      'citation-key': 'CI2024-01',
      type: 'report',
      genre: 'Note d’orientation',
      title: 'Lire dès la première année',
      language: 'fr',
      issued: { 'date-parts': [[2024, 5, 14]] },
      publisher: 'Alliance mondiale',
      'collection-title': 'Recueil des connaissances 2024',
      number: 'CI2024-01',
      version: '2',
      URL: `${BASE}/fr/publications/ci2024-01`,
      keyword: 'lecture,décodage',
    });
    expect(csl.author).toEqual([{ family: 'Ndiaye', given: 'Awa' }, { family: 'Martin', given: 'Pierre' }, { literal: 'María José González Pérez' }]);
  });

  it('gives the title in the reader’s language when the item has it, else in its own, and says which', () => {
    expect(cslItem(items.fr, 'en', BASE)).toMatchObject({ title: 'Reading from the first grade', language: 'en', URL: `${BASE}/en/publications/ci2024-01`, 'collection-title': 'Compendium of Insights 2024' });
    expect(cslItem(items.fr, 'ru', BASE)).toMatchObject({ title: 'Lire dès la première année', language: 'fr', URL: `${BASE}/ru/publications/ci2024-01` });
  });

  it('cites an older version at its own address, with its own number', () => {
    const old = page({ number: 'CI2024-01', locale: 'fr', versions: 2, version: 1, meta: items.fr.version.meta, authors: ['Awa Ndiaye'] });
    expect(cslItem(old, 'fr', BASE)).toMatchObject({ version: '1', URL: `${BASE}/fr/publications/ci2024-01/v/1` });
  });

  it('names the original of a translation', () => {
    const translation = page({ number: 'CI2024-01-EN', locale: 'en', meta: { en: block('Reading from the first grade', 'x', []) }, authors: ['Awa Ndiaye'], original: { number: 'CI2024-01', locale: 'fr' } });
    expect(cslItem(translation, 'fr', BASE, { originalTitle: 'Lire dès la première année' })).toMatchObject({ 'original-title': 'Lire dès la première année', note: 'Traduction de CI2024-01', language: 'en' });
    expect(cslItem(items.fr, 'fr', BASE)).not.toHaveProperty('original-title');
  });
});

describe('BibTeX, RIS and CSL-JSON', () => {
  for (const [lang, landing] of Object.entries(items) as [Locale, Landing][]) {
    it(`round-trip through citation-js for an item in ${lang}: title, authors, year, identifier and address`, () => {
      const csl = cslItem(landing, lang, BASE, { publisher: 'Global Alliance' });
      const expected = {
        title: landing.version.meta[lang]!.title,
        authors: csl.author.map(nameOf),
        year: 2024,
        number: landing.item.number,
        url: `${BASE}/${lang}/publications/${landing.item.number.toLowerCase()}${landing.version.number < landing.versions.length ? `/v/${landing.version.number}` : ''}`,
      };
      for (const format of ['bib', 'ris', 'csl-json'] as const) {
        const back = readBack(formatCitation(csl, format));
        expect({ format, title: back.title, authors: back.author?.map(nameOf), year: back.issued?.['date-parts'][0]![0], number: back.number, url: back.URL }).toEqual({ format, ...expected });
      }
      // The names read back are the names as the authors gave them (a capitalised family name comes last).
      expect(expected.authors).toEqual(landing.version.authors.map((a) => a.name.replace(/^(NDIAYE) (Awa)$/, '$2 $1')));
    });
  }

  it('write BibTeX as UTF-8 with the identifier as key and LaTeX’s special characters escaped', () => {
    const bib = formatCitation(cslItem(items.en, 'en', BASE), 'bib');
    expect(bib).toMatch(/^@techreport\{CI2024-04,/);
    expect(bib).toContain('Retrieval practice \\& spaced review: 50\\% more \\{remembered\\}');
    const ar = formatCitation(cslItem(items.ar, 'ar', BASE), 'bib');
    expect(ar).toContain('النوم والتغذية والتعلّم في المدرسة');
    expect(ar).toContain('{أحمد الخطيب}');
  });

  it('write RIS as a report, one line per field', () => {
    const ris = formatCitation(cslItem(items.en, 'en', BASE), 'ris');
    expect(ris.split('\n')).toEqual(expect.arrayContaining(['TY  - RPRT', 'AB  - Testing yourself helps you remember.', 'KW  - memory', 'KW  - retrieval', 'ER  - ']));
  });
});

describe('the APA reference', () => {
  const apa = (landing: Landing, locale: Locale) => citeAs(landing, locale, BASE, { publisher: 'Global Alliance' });

  it('follows APA 7 for a report in English', () => {
    expect(apa(items.fr, 'en')).toBe(`Ndiaye, A., Martin, P., & María José González Pérez. (2024). Reading from the first grade (Policy Brief CI2024-01; Version 2, Compendium of Insights 2024). Global Alliance. ${BASE}/en/publications/ci2024-01`);
    expect(apa(items.en, 'en')).toContain('Li Wei, Smith, J., & NDIAYE, A. (2024).');
  });

  // Each language's words: the genre from our catalogue, the version label from the CSL locale file of that language.
  const words: Record<Locale, string[]> = {
    en: ['Policy Brief CI2024-01', 'Version 2'],
    fr: ['Note d’orientation CI2024-01', 'Version 2', 'Recueil des connaissances 2024'],
    es: ['Nota de políticas CI2024-01', 'Versión 2'],
    ar: ['موجز سياسات CI2024-01', 'إصدار 2'],
    zh: ['政策简报 CI2024-01', '版 2'],
    ru: ['Аналитическая записка CI2024-01', 'Версия 2'],
  };
  for (const [locale, expected] of Object.entries(words) as [Locale, string[]][]) {
    it(`is written in ${locale}, with the year, the title and the address of that language`, () => {
      const text = apa(items.fr, locale);
      for (const w of expected) expect(text).toContain(w);
      expect(text).toContain('(2024).');
      expect(text).toContain(locale === 'en' ? 'Reading from the first grade' : 'Lire dès la première année');
      expect(text).toContain(`${BASE}/${locale}/publications/ci2024-01`);
    });
  }

  it('keeps Arabic, Chinese and Russian titles and names intact', () => {
    expect(apa(items.ar, 'ar')).toContain('أحمد الخطيب & فاطمة الزهراء بن علي. (2024). النوم والتغذية والتعلّم في المدرسة (موجز سياسات CI2024-02; إصدار 1');
    expect(apa(items.zh, 'zh')).toContain('李伟 & 王芳. (2024). 从一年级开始阅读：明确教授字母与发音 (政策简报 CI2024-05; 版 1');
    expect(apa(items.ru, 'ru')).toContain('Петров, И. И., & Смирнова, А. (2024). Чтение с первого класса (Аналитическая записка CI2024-06; Версия 1');
  });

  it('is APA 7, formatted with plugin-csl’s style less its sorting, which changes nothing for one reference', () => {
    const { Cite, plugins } = citationJs();
    const styles = plugins.config.get('@csl').styles!;
    expect(styles.get('apa')).toContain('<title>APA Style 7th edition</title>');
    expect(styles.get(APA_STYLE)).not.toContain('<sort>');
    const csl = { ...cslItem(items.fr, 'en', BASE, { publisher: 'Global Alliance' }), number: 'CI2024\\-01' };
    const format = (template: string) => new Cite([csl]).format('bibliography', { format: 'text', template, lang: 'en-US' });
    expect(format(APA_STYLE)).toBe(format('apa'));
  });

  it('uses the CSL locale files shipped with the module, for every language', () => {
    const registered = citationJs().plugins.config.get('@csl').locales!;
    for (const tag of Object.values(CSL_LOCALES)) expect(registered.get(tag)).toBe(readFileSync(new URL(`./csl/locales-${tag}.xml`, import.meta.url), 'utf8'));
  });
});

describe('no network', () => {
  beforeAll(() => {
    for (const [lang, landing] of Object.entries(items) as [Locale, Landing][]) {
      for (const format of ['bib', 'ris', 'csl-json'] as const) readBack(formatCitation(cslItem(landing, lang, BASE), format));
      for (const locale of Object.keys(CSL_LOCALES) as Locale[]) citeAs(landing, locale, BASE);
    }
  });

  it('was tried by anything above, and the guard does catch citation-js reaching out', async () => {
    expect(attempts).toEqual([]);
    // The guard works: citation-js's own downloader (synchronous, in a child process), fetch and sockets are refused and recorded.
    expect(() => citationJs().util.fetchFile('https://example.org/refs.bib')).toThrow();
    await expect(fetch('https://example.org/')).rejects.toThrow('network disabled');
    expect(() => net.connect(80, 'example.org')).toThrow('network disabled');
    expect(attempts).toEqual([expect.stringMatching(/^execFileSync /), 'fetch https://example.org/', expect.stringMatching(/^socket /)]);
  });
});
