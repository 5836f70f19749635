import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Pagination, SummaryList, Table, esc, footnoteWords } from '../../platform/ui/components.js';
import { Button, Form, Select, TextInput } from '../../platform/ui/form.js';
import { listHref } from '../../platform/admin/views.js';
import { formatDate, formatList, languageName } from '../../platform/i18n/format.js';
import { LOCALES, direction, type Locale } from '../../platform/i18n/locales.js';
import { EntryTags, ProvenanceSection, TagFilters, tagRows } from './provenance-views.js';
import { markdownToHtml } from '../../platform/documents/markdown.js';
import { bdi, markup } from '../../platform/i18n/markup.js';
import { AUDIENCES, SEARCH_MAX_CHARS, SEARCH_MAX_WORDS, describingTexts, doiLink, itemKey, type SearchHit, type SearchProblem, type Audience, type Author, type Availability, type InLanguage, type Landing, type ListedItem, type Provenance, type SeriesView } from './service.js';

// ——— Shared pieces ——————————————————————————————————————————————————————————————————————

const base = (number: string) => `/publications/${itemKey(number)}`;

/** A language's attributes on the element holding a text in it: its `lang`, and its direction (rtl for Arabic). */
const inLang = (lang: Locale) => ({ lang, dir: direction(lang) });

/** A file's size for people, in the reader's language: "1.2 MB", "340 kB" (at least 1 kB). */
export function fileSize(locale: Locale, bytes: number): string {
  if (bytes >= 1_000_000) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1_000_000);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1000)));
}

/** How a language's full text came to be, as a word of the select messages (no hyphen). */
const methodWord = (m: Availability['method']) => (m === 'machine-assisted' ? 'machine' : (m ?? 'none'));

/**
 * A notice on the page (a newer version, the original of a translation): the platform's banner look,
 * as a native landmark (a <section> named by its title), which the HTML rules prefer to a role.
 */
function Notice({ id, title, children }: { id: string; title: string; children: JSX.Element }) {
  return (
    <section class="banner info" aria-labelledby={id}>
      <p class="banner-title" id={id} safe>
        {title}
      </p>
      {children as 'safe'}
    </section>
  );
}

const NotTranslated = ({ c }: { c: PageContext }) => (
  <p class="untranslated" safe>
    {c.t('content.notTranslated')}
  </p>
);

/**
 * The authors' names as one phrase in the reader's language ("A, B and C"), each name isolated on its
 * own, so Latin names in an Arabic sentence keep their order and the words between them stay Arabic.
 */
const authorNames = (c: PageContext, authors: Author[]) =>
  markup(
    new Intl.ListFormat(c.locale, { type: 'conjunction' })
      .formatToParts(authors.map((a) => a.name))
      .map((p) => (p.type === 'element' ? bdi(p.value).html : esc(p.value)))
      .join(''),
  );

/** A title in the language it is in, with the "not yet translated" hint when that is not the reader's. */
function Title({ c, title, fallbackNumber }: { c: PageContext; title: InLanguage<string> | null; fallbackNumber: string }) {
  if (!title) return <bdi safe>{fallbackNumber}</bdi>;
  return (
    <>
      <bdi {...(title.fallback ? inLang(title.lang) : {})} safe>
        {title.value}
      </bdi>
      {title.fallback ? (
        <>
          {' '}
          <span class="untranslated" safe>
            {c.t('content.notTranslated')}
          </span>
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** Paragraphs of a plain text (blank lines between them), line breaks kept. */
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (
      <p class="pre-line" safe>
        {p}
      </p>
    ));

/** The recommendations, one per line, as a list. */
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter(Boolean);

/** One describing text under its heading: in the language it is in (`lang`, `dir`), marked when it is not the reader's. */
function Describing({ c, id, heading, text, children }: { c: PageContext; id: string; heading: string; text: InLanguage<unknown> | null; children: JSX.Element | JSX.Element[] }) {
  if (!text) return '';
  return (
    <section aria-labelledby={id}>
      <h2 id={id} safe>
        {heading}
      </h2>
      {text.fallback ? <NotTranslated c={c} /> : ''}
      <div class="describing" {...inLang(text.lang)}>
        {children as 'safe'}
      </div>
    </section>
  );
}

// ——— The list ——————————————————————————————————————————————————————————————————————————

export interface ListQuery {
  /** The words searched for (a search's results instead of the list). */
  q?: string;
  series?: string;
  audience?: Audience;
  /** Tags: a country's code, an SDG 4 target. */
  country?: string;
  sdg?: string;
}

/** Where a search found an item: the language whose texts matched, and words of them, the matches marked (all else escaped). */
function Found({ c, hit }: { c: PageContext; hit: SearchHit }) {
  return (
    <>
      <p safe>{c.t('publications.search.matched', { language: languageName(c.locale, hit.matched) })}</p>
      <p class="snippet" {...inLang(hit.matched)}>
        {hit.snippet.map((part) => (part.mark ? <mark safe>{part.text}</mark> : <span safe>{part.text}</span>))}
      </p>
    </>
  );
}

function Entry({ c, item }: { c: PageContext; item: ListedItem | SearchHit }) {
  const texts = describingTexts(item.meta, c.locale, item.locale);
  const series = c.text(item.seriesTitle, item.seriesOriginal);
  const languages = [item.locale, ...item.translations.filter((l) => l !== item.locale)].sort((a, b) => LOCALES.indexOf(a) - LOCALES.indexOf(b));
  return (
    <li>
      <h2>
        <a href={c.href(base(item.number))}>
          <Title c={c} title={texts.title} fallbackNumber={item.number} />
        </a>
      </h2>
      {item.authors.length ? <p>{c.th('publications.read.by', { authors: authorNames(c, item.authors) })}</p> : ''}
      <p class="hint">
        <bdi safe>{item.number}</bdi>
        {' · '}
        <bdi {...(series.fallback ? inLang(series.lang) : {})} safe>
          {series.text}
        </bdi>
        {' · '}
        <time datetime={item.firstPublishedAt.toISOString()} safe>
          {formatDate(c.locale, item.firstPublishedAt, c.timeZone)}
        </time>
      </p>
      <p safe>{c.t('publications.read.list.languages', { languages: formatList(c.locale, languages.map((l) => languageName(c.locale, l))) })}</p>
      <EntryTags c={c} item={item} />
      {'snippet' in item ? <Found c={c} hit={item} /> : ''}
    </li>
  );
}

export function PublicationsPage(props: { c: PageContext; items: (ListedItem | SearchHit)[]; total: number; page: number; pageSize: number; query: ListQuery; series: SeriesView[]; callsOpen: boolean; problem?: SearchProblem; inUse?: { countries: string[]; sdgTargets: string[] } }) {
  const { c, items, query } = props;
  const title = c.t('publications.read.list.title');
  const problem = props.problem ? [{ field: 'q', key: `publications.search.${props.problem}`, values: { chars: SEARCH_MAX_CHARS, words: SEARCH_MAX_WORDS } }] : [];
  const values = { values: { q: query.q ?? '', series: query.series ?? '', audience: query.audience ?? '' }, errors: problem };
  return (
    <Layout c={c} title={title} head={<FeedLink c={c} />}>
      <h1 safe>{title}</h1>
      <p safe>{c.t('publications.read.list.intro')}</p>
      {props.callsOpen ? (
        <p>
          <a href={c.href('/publications/calls')} safe>
            {c.t('publications.read.list.calls')}
          </a>
        </p>
      ) : (
        ''
      )}
      <Form c={c} action={c.href('/publications')} method="get" class="filters" label={c.t('publications.search.form')}>
        <TextInput c={c} name="q" type="search" label={c.t('publications.search.label')} hint={c.t('publications.search.hint')} form={values} />
        <Select
          c={c}
          name="series"
          label={c.t('publications.read.series')}
          placeholder={c.t('admin.any')}
          options={props.series.map((s) => {
            const t = c.text(s.title, s.originalLocale);
            return { value: s.slug, label: t.text || s.prefix, lang: t.fallback ? t.lang : undefined };
          })}
          form={values}
        />
        <Select c={c} name="audience" label={c.t('publications.read.audienceLabel')} placeholder={c.t('admin.any')} options={AUDIENCES.map((a) => ({ value: a, label: c.t('publications.read.audience', { audience: a }) }))} form={values} />
        <TagFilters c={c} inUse={props.inUse ?? { countries: [], sdgTargets: [] }} query={query} />
        <Button variant="secondary" label={c.t('publications.search.submit')} />
      </Form>
      <p role="status">{props.problem ? '' : query.q ? c.th('publications.search.found', { total: props.total, q: query.q }) : c.th('publications.read.list.found', { total: props.total })}</p>
      {items.length ? (
        <ul class="card-list publications">
          {items.map((item) => (
            <Entry c={c} item={item} />
          ))}
        </ul>
      ) : (
        ''
      )}
      <Pagination c={c} page={props.page} pageSize={props.pageSize} total={props.total} href={(p) => listHref(c, '/publications', { q: query.q, series: query.series, audience: query.audience, country: query.country, sdg: query.sdg }, { page: p > 1 ? String(p) : undefined })} />
    </Layout>
  );
}

// ——— An item's page ————————————————————————————————————————————————————————————————————

/**
 * Where each language's version of an item is read, absolute, for search engines: the original and
 * each published translation at their own address, in their own language.
 */
/**
 * Per language, the record that holds the full text in it when that is not this one (a translation, or
 * the original): a reader of that language is pointed there (the page's hreflang links).
 */
export function alternatesOf(page: Landing): Partial<Record<Locale, string>> {
  return Object.fromEntries(page.availability.filter((a) => a.number && itemKey(a.number) !== itemKey(page.item.number)).map((a) => [a.locale, base(a.number!)]));
}

/** The Atom feed of the publications in the reader's language, for feed readers (in the page's head). */
export const FeedLink = ({ c }: { c: PageContext }) => <link rel="alternate" type="application/atom+xml" title={c.t('publications.feed.title', { site: c.siteName })} href={c.href('/publications/feed.atom')} />;

/** "Version 2, 3 March 2025" */
const versionLine = (c: PageContext, v: { number: number; publishedAt: Date }) => c.t('publications.read.versionLine', { n: v.number, date: formatDate(c.locale, v.publishedAt, c.timeZone) });

function AvailabilityTable({ c, page }: { c: PageContext; page: Landing }) {
  const original = page.original?.number ?? page.item.number;
  const yesNo = (b: boolean) => esc(c.t(b ? 'publications.read.yes' : 'publications.read.no'));
  const rows = page.availability.map((a) => {
    const name = languageName(c.locale, a.locale);
    // The record holding the full text in that language; a summary alone is read on the original's page in that language.
    const target = a.number ?? (a.summary ? original : null);
    const current = target && itemKey(target) === itemKey(page.item.number) && a.locale === c.locale;
    const language = !target ? (
      esc(name)
    ) : current ? (
      <span aria-current="page" safe>
        {name}
      </span>
    ) : (
      <a href={`/${a.locale}${base(target)}`} hreflang={a.locale} safe>
        {name}
      </a>
    );
    return [language, yesNo(a.summary), yesNo(a.fullText), yesNo(a.pdf), esc(c.t('publications.read.method', { method: methodWord(a.method) }))];
  });
  return (
    <section aria-labelledby="languages">
      <h2 id="languages" safe>
        {c.t('publications.read.availability.title')}
      </h2>
      <Table
        caption={c.t('publications.read.availability.caption')}
        hideCaption
        head={[c.t('publications.read.availability.language'), c.t('publications.read.availability.summary'), c.t('publications.read.availability.fullText'), c.t('publications.read.availability.pdf'), c.t('publications.read.availability.method')]}
        rows={rows}
      />
    </section>
  );
}

function Versions({ c, page, shown }: { c: PageContext; page: Landing; shown: number }) {
  const key = base(page.item.number);
  return (
    <section aria-labelledby="versions">
      <h2 id="versions" safe>
        {c.t('publications.read.versions')}
      </h2>
      <ul class="versions-list">
        {page.versions.map((v) => (
          <li>
            <a href={c.href(`${key}/v/${v.number}`)} aria-current={v.number === shown ? 'true' : undefined} safe>
              {versionLine(c, v)}
            </a>
            {v.number === shown ? (
              <>
                {' '}
                <span class="hint" safe>
                  {c.t('publications.read.shownHere')}
                </span>
              </>
            ) : (
              ''
            )}
            {v.note ? (
              <>
                {' — '}
                <bdi safe>{v.note}</bdi>
              </>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The reference as HTML: its addresses as links that may break after each slash (a long one would widen a phone's page). */
function citationHtml(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"]*[^\s<>".,;:)])/)
    .map((part, i) => (i % 2 ? `<a href="${esc(part)}">${esc(part).replace(/(?<!\/)\/(?!\/)/g, '/<wbr/>')}</a>` : esc(part)))
    .join('');
}

function Cite({ c, page, citation }: { c: PageContext; page: Landing; citation: string }) {
  const key = base(page.item.number);
  const formats = [
    ['bib', 'BibTeX'],
    ['ris', 'RIS'],
    ['csl-json', 'CSL-JSON'],
  ] as const;
  return (
    <section aria-labelledby="cite" id="cite-this">
      <h2 id="cite" safe>
        {c.t('publications.read.cite')}
      </h2>
      <p class="citation" dir="auto">
        {citationHtml(citation) as 'safe'}
      </p>
      <p>
        <span safe>{c.t('publications.read.citeFormats')}</span>{' '}
        {formats.map(([path, label], i) => (
          <>
            {i > 0 ? ' · ' : ''}
            <a href={c.href(`${key}/cite/${path}`)}>{label}</a>
          </>
        ))}
      </p>
    </section>
  );
}

/**
 * An item's page: the newest published version (the landing page), or an older one at its own
 * address with a banner to the newest. Title, authors, identifier and version; the describing texts
 * each in the language it is in; downloads; what exists in each language; the versions; how to cite
 * it; the full text.
 */
export function LandingPage({ c, page, citation, newest, provenance, doi }: { c: PageContext; page: Landing; citation: string; newest: boolean; provenance?: Provenance; doi?: string | null }) {
  const { item, version, series } = page;
  const texts = describingTexts(version.meta, c.locale, item.locale);
  const key = base(item.number);
  const latest = page.versions[0]!;
  const seriesTitle = c.text(series.title, series.originalLocale);
  const audiences = item.audiences.map((a) => c.t('publications.read.audience', { audience: a }));
  // The full text in the reader's language, when it is another record than this one.
  const inMine = page.availability.find((a) => a.locale === c.locale && a.fullText && a.number && itemKey(a.number) !== itemKey(item.number));
  const pdfHref = c.href(newest ? `${key}/file` : `${key}/v/${version.number}/file`);
  // The version's PDF: the one uploaded, else the one generated from its texts (its size once its job has drawn it).
  const download = version.pdfKey ? { href: pdfHref, bytes: version.pdfBytes } : { href: c.href(newest ? `${key}/pdf` : `${key}/v/${version.number}/pdf`), bytes: version.generatedPdfBytes };
  const title = texts.title?.value ?? item.number;
  return (
    <Layout c={c} title={title} before={<BackLink href={c.href('/publications')} label={c.t('publications.read.list.title')} />} head={<FeedLink c={c} />}>
      <article class="report publication">
        {version.number !== latest.number ? (
          <Notice id="newer" title={c.t('publications.read.newer', { n: latest.number })}>
            <p>
              <a href={c.href(key)} safe>
                {c.t('publications.read.readNewest')}
              </a>
            </p>
          </Notice>
        ) : (
          ''
        )}
        <h1 {...(texts.title?.fallback ? inLang(texts.title.lang) : {})}>
          <bdi safe>{title}</bdi>
        </h1>
        {texts.title?.fallback ? <NotTranslated c={c} /> : ''}
        {version.authors.length ? (
          <ul class="authors">
            {version.authors.map((a) => (
              <li>
                <bdi safe>{a.name}</bdi>
                {a.affiliation ? (
                  <>
                    {' '}
                    {/* The brackets inside the isolate: a Latin affiliation on an Arabic page keeps them around it. */}
                    <span class="hint">
                      <bdi safe>{`(${a.affiliation})`}</bdi>
                    </span>
                  </>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        ) : (
          ''
        )}
        <SummaryList
          rows={[
            [c.t('publications.read.identifier'), <bdi safe>{item.number}</bdi>],
            ...(doi
              ? [
                  [
                    c.t('publications.read.doi'),
                    <a href={doiLink(doi)} dir="ltr">
                      <bdi safe>{doiLink(doi)}</bdi>
                    </a>,
                  ] as [string, JSX.Element],
                ]
              : []),
            [
              c.t('publications.read.series'),
              <bdi {...(seriesTitle.fallback ? inLang(seriesTitle.lang) : {})} safe>
                {seriesTitle.text || series.prefix}
              </bdi>,
            ],
            [c.t('publications.read.version'), esc(versionLine(c, version))],
            ...(item.firstPublishedAt && page.versions.length > 1 ? [[c.t('publications.read.firstPublished'), esc(formatDate(c.locale, item.firstPublishedAt, c.timeZone))] as [string, JSX.Element]] : []),
            [c.t('publications.read.language'), esc(languageName(c.locale, item.locale))],
            ...(audiences.length ? [[c.t('publications.read.audienceLabel'), esc(formatList(c.locale, audiences))] as [string, JSX.Element]] : []),
            ...tagRows(c, item),
          ]}
        />
        {page.original ? (
          <Notice id="original" title={c.t('publications.read.translationOf', { method: methodWord(item.translationMethod), language: languageName(c.locale, page.original.locale) })}>
            <p>
              <a href={`/${page.original.locale}${base(page.original.number)}`} hreflang={page.original.locale}>
                {c.th('publications.read.readOriginal', { number: page.original.number })}
              </a>
            </p>
          </Notice>
        ) : (
          ''
        )}
        {inMine ? (
          <Notice id="also-in" title={c.t('publications.read.alsoIn', { language: languageName(c.locale, c.locale) })}>
            <p>
              <a href={c.href(base(inMine.number!))} safe>
                {c.t('publications.read.readIn', { language: languageName(c.locale, c.locale) })}
              </a>
            </p>
          </Notice>
        ) : (
          ''
        )}
        <ul class="downloads">
          {download ? (
            <li>
              <a href={download.href} type="application/pdf" safe>
                {c.t('publications.read.pdf')}
              </a>
              {download.bytes ? (
                <>
                  {' '}
                  <span class="hint" safe>{`(${c.t('publications.read.pdfSize', { size: fileSize(c.locale, download.bytes) })})`}</span>
                </>
              ) : (
                ''
              )}
            </li>
          ) : (
            ''
          )}
          {newest ? (
            <li>
              <a href={c.href(`${key}/text`)} safe>
                {c.t('publications.read.textOnly')}
              </a>
            </li>
          ) : (
            ''
          )}
          <li>
            <a href="#cite-this" safe>
              {c.t('publications.read.cite')}
            </a>
          </li>
        </ul>
        <Describing c={c} id="abstract" heading={c.t('publications.read.abstract')} text={texts.abstract}>
          {paragraphs(texts.abstract?.value ?? '')}
        </Describing>
        <Describing c={c} id="summary" heading={c.t('publications.read.summary')} text={texts.summary}>
          {paragraphs(texts.summary?.value ?? '')}
        </Describing>
        <Describing c={c} id="recommendations" heading={c.t('publications.read.recommendations')} text={texts.recommendations}>
          <ul>
            {lines(texts.recommendations?.value ?? '').map((l) => (
              <li safe>{l}</li>
            ))}
          </ul>
        </Describing>
        <Describing c={c} id="keywords" heading={c.t('publications.read.keywords')} text={texts.keywords}>
          <ul class="keywords">
            {(texts.keywords?.value ?? []).map((k) => (
              <li safe>{k}</li>
            ))}
          </ul>
        </Describing>
        {provenance ? <ProvenanceSection c={c} provenance={provenance} /> : ''}
        <AvailabilityTable c={c} page={page} />
        <Versions c={c} page={page} shown={version.number} />
        <Cite c={c} page={page} citation={citation} />
        {version.body.trim() ? (
          <section aria-labelledby="full-text">
            <h2 id="full-text" safe>
              {c.t('publications.read.fullText')}
            </h2>
            <div class="prose" {...inLang(item.locale)}>
              {markdownToHtml(version.body, footnoteWords(c)) as 'safe'}
            </div>
          </section>
        ) : version.pdfKey ? (
          <p>
            <a href={pdfHref} safe>
              {c.t('publications.read.pdfOnly')}
            </a>
          </p>
        ) : (
          ''
        )}
      </article>
    </Layout>
  );
}

// ——— The text-only view ———————————————————————————————————————————————————————————————

/** The body as HTML without its pictures: each image becomes its description in brackets. */
function withoutImages(html: string): string {
  return html.replace(/<img\b[^>]*>/g, (tag) => {
    const alt = /\salt="([^"]*)"/.exec(tag)?.[1]?.trim();
    return alt ? `[${alt}]` : '';
  });
}

/**
 * The newest version as text only, for slow connections: a page of its own — no style sheet, script,
 * icon, picture or chart — so it arrives in one request. Title, authors, abstract, summary,
 * recommendations and the body, each in the language it is in, and a link to the full page.
 */
export function TextOnlyPage({ c, page }: { c: PageContext; page: Landing }) {
  const { item, version } = page;
  const texts = describingTexts(version.meta, c.locale, item.locale);
  const title = texts.title?.value ?? item.number;
  const key = base(item.number);
  const block = (id: string, heading: string, text: InLanguage<string> | null, body: (v: string) => JSX.Element | JSX.Element[]) =>
    text ? (
      <>
        <h2 id={id} safe>
          {heading}
        </h2>
        {text.fallback ? <NotTranslated c={c} /> : ''}
        <div {...inLang(text.lang)}>{body(text.value) as 'safe'}</div>
      </>
    ) : (
      ''
    );
  return (
    <>
      {'<!doctype html>'}
      <html lang={c.locale} dir={c.dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${title} – ${c.siteName}`}</title>
          <meta name="description" content={c.description} />
          {/* The full page is where search engines should send readers. */}
          <link rel="canonical" href={`${c.baseUrl}/${c.locale}${key}`} />
        </head>
        <body>
          <header>
            <p>
              <a href={c.href(key)} safe>
                {c.t('publications.read.fullPage')}
              </a>
            </p>
          </header>
          <main>
            <h1 {...(texts.title?.fallback ? inLang(texts.title.lang) : {})}>
              <bdi safe>{title}</bdi>
            </h1>
            {version.authors.length ? <p>{c.th('publications.read.by', { authors: authorNames(c, version.authors) })}</p> : ''}
            <p>
              <bdi safe>{item.number}</bdi>
              {' · '}
              <span safe>{versionLine(c, version)}</span>
            </p>
            {block('abstract', c.t('publications.read.abstract'), texts.abstract, paragraphs)}
            {block('summary', c.t('publications.read.summary'), texts.summary, paragraphs)}
            {block('recommendations', c.t('publications.read.recommendations'), texts.recommendations, (v) => (
              <ul>
                {lines(v).map((l) => (
                  <li safe>{l}</li>
                ))}
              </ul>
            ))}
            {version.body.trim() ? (
              <>
                <h2 id="full-text" safe>
                  {c.t('publications.read.fullText')}
                </h2>
                <div {...inLang(item.locale)}>{withoutImages(markdownToHtml(version.body, footnoteWords(c))) as 'safe'}</div>
              </>
            ) : (
              ''
            )}
          </main>
          <footer>
            <p safe>{c.siteName}</p>
          </footer>
        </body>
      </html>
    </>
  );
}
