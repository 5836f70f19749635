import { z } from 'zod';
import { endpoint, i18nText, listOf, listQuery, locale, texts, type ApiRoutes } from '../../platform/api/schemas.js';
import { fromPages, paged } from '../../platform/api/paging.js';
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import {
  AUDIENCES,
  CITATION_FORMATS,
  LIST_PAGE_SIZE,
  SDG4_TARGETS,
  TRANSLATION_METHODS,
  doiLink,
  doiOf,
  isItemKey,
  itemKey,
  landing,
  listPublished,
  type Author,
  type ListedItem,
  type Meta,
} from './service.js';

const describing = z
  .object({ title: z.string(), abstract: z.string(), summary: z.string().describe('In plain language.'), keywords: z.array(z.string()), recommendations: z.string().describe('One per line.') })
  .meta({ id: 'DescribingTexts' });
const describingByLanguage = z.partialRecord(z.enum(LOCALES), describing).describe('The describing texts in each language they exist in, by language code.');
const author = z.object({ name: z.string(), affiliation: z.string() });

const publicationSummary = z
  .object({
    number: z.string().describe('The public identifier, e.g. CI2024-03.'),
    kind: z.enum(['brief', 'report']),
    locale: locale.describe('The language of its full text.'),
    series: z.object({ slug: z.string(), title: i18nText }),
    texts: describingByLanguage,
    authors: z.array(author),
    audiences: z.array(z.enum(AUDIENCES)),
    countries: z.array(z.string()),
    sdgTargets: z.array(z.string()),
    firstPublishedAt: z.date(),
    currentVersion: z.number().int(),
    translations: z.array(locale).describe('The languages its full text is translated into (published translations).'),
    links: z.object({ page: z.string(), api: z.string() }),
  })
  .meta({ id: 'PublicationSummary' });

const publication = z
  .object({
    number: z.string(),
    kind: z.enum(['brief', 'report']),
    locale,
    series: z.object({ slug: z.string(), title: i18nText }),
    texts: describingByLanguage,
    authors: z.array(author),
    audiences: z.array(z.enum(AUDIENCES)),
    countries: z.array(z.string()),
    sdgTargets: z.array(z.string()),
    doi: z.string().nullable(),
    firstPublishedAt: z.date(),
    version: z.object({ number: z.number().int(), publishedAt: z.date(), note: z.string() }).describe('The version these texts are of.'),
    versions: z.array(z.object({ number: z.number().int(), publishedAt: z.date(), note: z.string() })).describe('Every published version, the newest first.'),
    original: z.object({ number: z.string(), locale }).nullable().describe('The original, when this is a translation.'),
    translations: z.array(z.object({ number: z.string(), locale, method: z.enum(TRANSLATION_METHODS).nullable() })),
    availability: z.array(
      z.object({ locale, summary: z.boolean(), fullText: z.boolean(), pdf: z.boolean(), method: z.enum(['original', ...TRANSLATION_METHODS]).nullable(), number: z.string().nullable() }),
    ),
    links: z.object({ page: z.string(), text: z.string(), pdf: z.string(), citations: z.partialRecord(z.enum(CITATION_FORMATS), z.string()) }),
  })
  .meta({ id: 'Publication' });

/** Only the languages whose describing texts have a title (as the pages read them). */
function describingTexts(meta: Meta) {
  const out: z.output<typeof describingByLanguage> = {};
  for (const l of LOCALES) {
    const b = meta[l];
    if (b?.title.trim()) out[l] = { title: b.title, abstract: b.abstract, summary: b.summary, keywords: b.keywords, recommendations: b.recommendations };
  }
  return out;
}
const authorsOf = (list: Author[]) => list.map((a) => ({ name: a.name, affiliation: a.affiliation }));

/** Published publications as their public pages show them (public-views.tsx): the list and each landing page. */
export const publicationsApi: ApiRoutes = async (app, { db, config }) => {
  const base = config.baseUrl;
  const pageOf = (number: string, l: Locale) => `${base}/${l}/publications/${itemKey(number)}`;
  const summaryOf = (i: ListedItem) => ({
    number: i.number,
    kind: i.kind,
    locale: i.locale,
    series: { slug: i.seriesSlug, title: texts(i.seriesTitle) },
    texts: describingTexts(i.meta),
    authors: authorsOf(i.authors),
    audiences: i.audiences,
    countries: i.countries ?? [],
    sdgTargets: i.sdgTargets ?? [],
    firstPublishedAt: i.firstPublishedAt,
    currentVersion: i.currentVersion,
    translations: i.translations,
    links: { page: pageOf(i.number, i.locale), api: `${base}/api/v1/publications/${itemKey(i.number)}` },
  });

  app.get(
    '/publications',
    {
      schema: endpoint({
        operationId: 'listPublications',
        tag: 'publications',
        summary: 'Published publications (originals), the newest first',
        query: listQuery({
          series: z.string().regex(/^[a-z0-9-]{1,80}$/).optional().describe("A series' slug."),
          audience: z.enum(AUDIENCES).optional(),
          country: z.string().regex(/^[A-Z]{2}$/).optional().describe('ISO 3166-1 alpha-2 code, in capitals.'),
          sdg: z.enum(SDG4_TARGETS).optional().describe('An SDG 4 target, e.g. 4.1.'),
        }),
        response: listOf(publicationSummary),
      }),
    },
    async (req, reply) => {
      const { series, audience, country, sdg } = req.query;
      const { rows, total } = await fromPages(
        async (page) => {
          const r = await listPublished(db, { series, audience, country, sdgTarget: sdg, page });
          return { rows: r.items, total: r.total };
        },
        LIST_PAGE_SIZE,
        req.query,
      );
      return paged(req, reply, base, req.query, rows.map(summaryOf), total);
    },
  );

  app.get(
    '/publications/:key',
    {
      schema: endpoint({
        operationId: 'getPublication',
        tag: 'publications',
        summary: 'A published publication, its versions and its languages',
        params: z.object({ key: z.string().describe('Its identifier, in any case (ci2024-03).') }),
        query: z.strictObject({ version: z.coerce.number().int().min(1).max(999_999).optional().describe('An older published version (the newest when absent).') }),
        response: publication,
      }),
    },
    async (req, reply) => {
      const key = req.params.key;
      const page = isItemKey(key) ? await landing(db, null, key, req.query.version) : null;
      if (!page) return reply.callNotFound();
      const { item, version } = page;
      const doi = doiOf(config.doi, item);
      // The addresses of this version (the newest has the item's own): its uploaded PDF, else the one drawn from its texts, as the page links them.
      const at = `${pageOf(item.number, item.locale as Locale)}${req.query.version ? `/v/${version.number}` : ''}`;
      return {
        number: item.number,
        kind: item.kind,
        locale: item.locale,
        series: { slug: page.series.slug, title: texts(page.series.title) },
        texts: describingTexts(version.meta),
        authors: authorsOf(version.authors),
        audiences: item.audiences,
        countries: item.countries,
        sdgTargets: item.sdgTargets,
        doi: doi ? doiLink(doi) : null,
        firstPublishedAt: item.firstPublishedAt ?? version.publishedAt,
        version: { number: version.number, publishedAt: version.publishedAt, note: version.note },
        versions: page.versions,
        original: page.original,
        translations: page.translations,
        availability: page.availability,
        links: {
          page: at,
          text: `${pageOf(item.number, item.locale)}/text`,
          pdf: `${at}/${version.pdfKey ? 'file' : 'pdf'}`,
          citations: Object.fromEntries(CITATION_FORMATS.map((f) => [f, `${at}/cite/${f}`])),
        },
      };
    },
  );
};
