/**
 * Search across the published items, in the six languages.
 *
 * The index (`publication_search`) holds, per published item and per language of its texts, one
 * document built with that language's text search configuration — Arabic, English, French,
 * Russian and Spanish are stemmed by PostgreSQL's own configurations; Chinese, written without
 * spaces between words, is cut into words here (Intl.Segmenter) and indexed as they are ('simple').
 * The document weighs the title (A) over the keywords (B), the abstract and plain-language summary
 * (C), and the recommendations and full text (D). It is the item as readers see it: the current
 * version's texts in the item's own language, the describing texts added in the others.
 *
 * The index is kept in the transaction of each change that alters what is published
 * (`indexPublication`: publishing, a new version, a translation's texts); `rebuildSearchIndex` makes
 * it anew from the items (after the migration that added it: the demo seed and `npm run bridges --
 * search-index`).
 *
 * A search reads the query in every language at once: parsed with each language's configuration
 * (web search syntax: "quoted phrases", or, -excluded) and matched against that language's
 * documents, the Chinese query cut into words the same way. Each item is ranked by its best
 * language, which the page names, with a snippet of its abstract in that language.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import { parseBlocks } from '../../platform/documents/blocks.js';
import { publicationSearch, publicationSeries, publications, type Audience, type Meta, type MetaBlock } from './schema.js';
import { LIST_PAGE_SIZE, listedColumns, type ListedItem } from './service.js';
import { lazy } from '../../platform/lazy.js';

/** PostgreSQL's text search configuration of each language (Chinese is cut into words before it is indexed). */
const CONFIGS: Record<Locale, string> = { ar: 'arabic', en: 'english', es: 'spanish', fr: 'french', ru: 'russian', zh: 'simple' };
const config = (l: Locale) => sql.raw(`'${CONFIGS[l]}'::regconfig`);

/** The longest query read, in characters and in words: a query of many terms costs each language's index a lookup per term. */
export const SEARCH_MAX_CHARS = 200;
export const SEARCH_MAX_WORDS = 24;

/** Made on first use: Chinese word breaking loads a dictionary (megabytes) a start need not pay for. */
const chineseWords = lazy(() => new Intl.Segmenter('zh', { granularity: 'word' }));

/**
 * Chinese text with a space between each two words that touch ("教育政策" → "教育 政策"), so the
 * 'simple' configuration sees words; punctuation and any other script are left as they are. The same
 * for the documents and the queries, so both are cut alike.
 */
export function segmentChinese(text: string): string {
  let out = '';
  let wordBefore = false;
  for (const s of chineseWords().segment(text)) {
    if (s.isWordLike && wordBefore) out += ' ';
    out += s.segment;
    wordBefore = !!s.isWordLike;
  }
  return out;
}

/** The words of a query, lowercased, as the Chinese segmenter finds them (it knows every script's word breaks). */
const wordsOf = (text: string) => [...chineseWords().segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.toLocaleLowerCase());

/** The words of a Markdown text, without its markup: the full text as the index reads it. */
function plainText(markdown: string): string {
  if (!markdown.trim()) return '';
  return parseBlocks(markdown)
    .filter((b) => b.kind !== 'html' && b.kind !== 'code' && b.text)
    .map((b) => b.text)
    .join('\n');
}

/** One language's document: its weighted texts, as to_tsvector reads them. */
function documentOf(locale: Locale, block: MetaBlock | undefined, body: string): SQL | null {
  const parts: [string, 'A' | 'B' | 'C' | 'D'][] = [
    [block?.title ?? '', 'A'],
    [(block?.keywords ?? []).join(', '), 'B'],
    [[block?.abstract ?? '', block?.summary ?? ''].join('\n'), 'C'],
    [[block?.recommendations ?? '', plainText(body)].join('\n'), 'D'],
  ];
  const filled = parts.map(([text, w]) => [locale === 'zh' ? segmentChinese(text) : text, w] as const).filter(([text]) => text.trim());
  if (!filled.length) return null;
  return sql.join(
    filled.map(([text, w]) => sql`setweight(to_tsvector(${config(locale)}, ${text}), ${sql.raw(`'${w}'`)})`),
    sql` || `,
  );
}

/**
 * Brings one item's documents up to date, in the caller's transaction: one per language of its
 * texts while it is published (the body counts in the item's own language), none otherwise.
 */
export async function indexPublication(tx: Executor, publicationId: string): Promise<void> {
  const [item] = await tx.select({ state: publications.state, locale: publications.locale, meta: publications.meta, body: publications.body }).from(publications).where(eq(publications.id, publicationId));
  const rows = item?.state === 'published' ? documentsOf(item) : [];
  await tx.delete(publicationSearch).where(and(eq(publicationSearch.publicationId, publicationId), rows.length ? sql`${publicationSearch.locale} not in (${sql.join(rows.map((r) => sql`${r.locale}`), sql`, `)})` : undefined));
  if (!rows.length) return;
  await tx.execute(sql`insert into ${publicationSearch} (publication_id, locale, document)
    values ${sql.join(rows.map((r) => sql`(${publicationId}, ${r.locale}, ${r.document})`), sql`, `)}
    on conflict (publication_id, locale) do update set document = excluded.document`);
}

function documentsOf(item: { locale: Locale; meta: Meta; body: string }): { locale: Locale; document: SQL }[] {
  return LOCALES.flatMap((l) => {
    const document = documentOf(l, item.meta[l], l === item.locale ? item.body : '');
    return document ? [{ locale: l, document }] : [];
  });
}

/** Makes the whole index anew from the published items (each in its own transaction); returns how many were indexed. */
export async function rebuildSearchIndex(db: Db): Promise<number> {
  const published = await db.select({ id: publications.id }).from(publications).where(eq(publications.state, 'published'));
  await db.delete(publicationSearch).where(sql`not exists (select 1 from ${publications} p where p.id = ${publicationSearch.publicationId} and p.state = 'published')`);
  for (const { id } of published) await db.transaction((tx) => indexPublication(tx, id));
  return published.length;
}

// ——— Searching ———————————————————————————————————————————————————————————————————————————

/** A piece of a snippet: text, marked where it matches the query. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

export interface SearchHit extends ListedItem {
  /** The language whose texts matched best: the snippet is in it. */
  matched: Locale;
  /** Words of its abstract (else summary) in that language, the matching ones marked. */
  snippet: SnippetPart[];
}

export type SearchProblem = 'tooLong' | 'noWords';
export type SearchResult = { ok: true; items: SearchHit[]; total: number } | { ok: false; problem: SearchProblem };

/** Is this query one we read? Too long (characters or words), or without a word to look for, is told to the reader. */
export function checkQuery(q: string): SearchProblem | null {
  if (q.length > SEARCH_MAX_CHARS) return 'tooLong';
  // "or" joins words (web search syntax): it is no word looked for.
  const words = wordsOf(q).filter((w) => w !== 'or');
  if (!words.length) return 'noWords';
  return words.length > SEARCH_MAX_WORDS ? 'tooLong' : null;
}

/** What ts_headline puts around a match: two characters of Unicode's private use area, taken out of the text first. */
const START = '\uE000';
const STOP = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/** The query in one language, as a tsquery. */
const queryIn = (l: Locale, q: string) => sql`websearch_to_tsquery(${config(l)}, ${l === 'zh' ? segmentChinese(q) : q})`;

/**
 * Published items, originals and translations, whose texts match the query in any language and
 * that pass the list's filters, best first (ts_rank_cd of the best language; then newest), a page
 * at a time, each with the language that matched and a snippet in it. Two queries whatever the
 * number of items: the page (with the snippets of its items only), then the translations of its
 * originals.
 */
export async function searchPublished(db: Executor, filter: { q: string; series?: string; audience?: Audience; country?: string; sdgTarget?: string; page: number }): Promise<SearchResult> {
  // A NUL is no character PostgreSQL takes in a text: a space instead.
  const q = filter.q.replace(/\0/g, ' ').trim();
  const problem = checkQuery(q);
  if (problem) return { ok: false, problem };

  const perLanguage = sql.join(
    LOCALES.map(
      (l) => sql`select ${publicationSearch.publicationId} as publication_id, ${publicationSearch.locale} as locale, ts_rank_cd(${publicationSearch.document}, ${queryIn(l, q)}, 1) as rank
        from ${publicationSearch} where ${publicationSearch.locale} = ${l} and ${publicationSearch.document} @@ ${queryIn(l, q)}`,
    ),
    sql` union all `,
  );
  const hits = sql`(select distinct on (publication_id) publication_id, locale, rank from (${perLanguage}) as m order by publication_id, rank desc, locale) as hits`;
  const page = db
    .select({
      id: sql<string>`${publications.id}`.as('hit_id'),
      matched: sql<Locale>`hits.locale`.as('matched'),
      rank: sql<number>`hits.rank`.as('rank'),
      total: sql<number>`count(*) over ()`.as('total'),
    })
    .from(publications)
    .innerJoin(hits, sql`hits.publication_id = ${publications.id}`)
    .innerJoin(publicationSeries, eq(publicationSeries.id, publications.seriesId))
    .where(
      and(
        eq(publications.state, 'published'),
        filter.series ? eq(publicationSeries.slug, filter.series) : undefined,
        filter.audience ? sql`${publications.audiences} @> ${JSON.stringify([filter.audience])}::jsonb` : undefined,
        filter.country ? sql`${publications.countries} @> ${JSON.stringify([filter.country])}::jsonb` : undefined,
        filter.sdgTarget ? sql`${publications.sdgTargets} @> ${JSON.stringify([filter.sdgTarget])}::jsonb` : undefined,
      ),
    )
    .orderBy(sql`hits.rank desc`, desc(publications.firstPublishedAt), asc(publications.number))
    .limit(LIST_PAGE_SIZE)
    .offset((Math.max(1, filter.page) - 1) * LIST_PAGE_SIZE)
    .as('page');

  // The snippet's text: the abstract in the language that matched (the summary when it has none), without the marks' characters.
  const source = sql`translate(coalesce(nullif(${publications.meta} -> ${page.matched} ->> 'abstract', ''), ${publications.meta} -> ${page.matched} ->> 'summary', ''), ${START + STOP}, '')`;
  const headline = sql<string>`case ${page.matched} ${sql.join(
    LOCALES.map((l) => (l === 'zh' ? sql`when 'zh' then ${source}` : sql`when ${l} then ts_headline(${config(l)}, ${source}, ${queryIn(l, q)}, ${HEADLINE_OPTIONS})`)),
    sql` `,
  )} end`;
  const rows = await db
    .select({
      ...listedColumns,
      translationOf: publications.translationOf,
      matched: page.matched,
      total: sql<number>`${page.total}`.mapWith(Number),
      headline,
    })
    .from(page)
    .innerJoin(publications, eq(publications.id, page.id))
    .innerJoin(publicationSeries, eq(publicationSeries.id, publications.seriesId))
    .orderBy(sql`${page.rank} desc`, desc(publications.firstPublishedAt), asc(publications.number));

  const originals = rows.filter((r) => !r.translationOf).map((r) => r.id);
  const translations = originals.length
    ? await db
        .select({ of: publications.translationOf, locale: publications.locale })
        .from(publications)
        .where(and(inArray(publications.translationOf, originals), eq(publications.state, 'published')))
    : [];
  const words = wordsOf(q);
  return {
    ok: true,
    total: rows[0]?.total ?? 0,
    items: rows.map(({ total: _t, headline: h, translationOf: _o, ...r }) => ({
      ...r,
      firstPublishedAt: r.firstPublishedAt!,
      translations: translations.filter((t) => t.of === r.id).map((t) => t.locale),
      snippet: r.matched === 'zh' ? chineseSnippet(h ?? '', words) : headlineParts(h ?? ''),
    })),
  };
}

/** ts_headline's answer as parts: the text between its marks is marked. */
function headlineParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [i, piece] of headline.split(new RegExp(`${START}|${STOP}`)).entries()) if (piece) parts.push({ text: piece, mark: i % 2 === 1 });
  return parts;
}

/** About how many characters of Chinese a snippet shows (Chinese says in 90 characters what English says in 35 words). */
const CHINESE_SNIPPET = 90;

/**
 * A Chinese snippet, made here (PostgreSQL's parser does not cut Chinese into words): the words of
 * the text around the first that matches the query, each match marked — words as the segmenter cuts
 * them, so 教育 does not mark the 教 of another word.
 */
function chineseSnippet(text: string, queryWords: string[]): SnippetPart[] {
  const segments = [...chineseWords().segment(text)];
  const wanted = new Set(queryWords);
  const first = Math.max(0, segments.findIndex((s) => s.isWordLike && wanted.has(s.segment.toLocaleLowerCase())));
  // Back up to about a third of the allowance before the match, at a word's start.
  let from = first;
  let before = 0;
  while (from > 0 && before + segments[from - 1]!.segment.length <= CHINESE_SNIPPET / 3) before += segments[--from]!.segment.length;
  const parts: SnippetPart[] = from > 0 ? [{ text: '…', mark: false }] : [];
  let length = 0;
  let to = from;
  for (; to < segments.length && length < CHINESE_SNIPPET; to++) {
    const s = segments[to]!;
    const mark = !!s.isWordLike && wanted.has(s.segment.toLocaleLowerCase());
    const last = parts.at(-1);
    if (last && last.mark === mark) last.text += s.segment;
    else parts.push({ text: s.segment, mark });
    length += s.segment.length;
  }
  if (to < segments.length) parts.push({ text: '…', mark: false });
  return parts.filter((p) => p.text);
}
