import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AnnualItem, AnnualReportProvider } from '../../platform/annual-report/contract.js';
import { localize } from '../../platform/i18n/content.js';
import { formatDate, formatList, languageName } from '../../platform/i18n/format.js';
import { LOCALES, isLocale, type Locale } from '../../platform/i18n/locales.js';
import { publicationSeries, publications } from './schema.js';
import { doiLink, doiOf, itemKey, metaFor } from './service.js';

/**
 * The items first published in the year (originals: a translation is said with its original):
 * identifier and series, title in the language asked where its describing texts are written in it,
 * authors, the languages of its translations, and its DOI (with a DOI prefix) or its page.
 */
export const publicationsAnnualReport: AnnualReportProvider = async (db, { year, locale, t, config }) => {
  const rows = await db
    .select({
      id: publications.id,
      number: publications.number,
      locale: publications.locale,
      meta: publications.meta,
      authors: publications.authors,
      firstPublishedAt: publications.firstPublishedAt,
      seriesTitle: publicationSeries.title,
      seriesOriginal: publicationSeries.originalLocale,
    })
    .from(publications)
    .innerJoin(publicationSeries, eq(publicationSeries.id, publications.seriesId))
    .where(and(eq(publications.state, 'published'), isNull(publications.translationOf), sql`extract(year from ${publications.firstPublishedAt}) = ${year}`))
    .orderBy(asc(publications.firstPublishedAt), asc(publications.number));
  const translations = rows.length
    ? await db
        .select({ of: publications.translationOf, locale: publications.locale })
        .from(publications)
        .where(
          and(
            inArray(
              publications.translationOf,
              rows.map((r) => r.id),
            ),
            eq(publications.state, 'published'),
          ),
        )
        .orderBy(asc(publications.locale))
    : [];

  const languages = new Set<Locale>();
  const items = rows.map((r): AnnualItem => {
    const own: Locale = isLocale(r.locale) ? r.locale : 'en';
    const translated = translations.filter((x) => x.of === r.id && isLocale(x.locale)).map((x) => x.locale as Locale);
    for (const l of [own, ...LOCALES.filter((l) => !!r.meta[l]?.title.trim()), ...translated]) languages.add(l);
    const meta = metaFor(r.meta, locale, own);
    const series = localize(r.seriesTitle, locale, isLocale(r.seriesOriginal) ? r.seriesOriginal : 'en').text;
    const doi = doiOf(config.doi, { number: r.number, state: 'published' });
    const lines = [
      t('publications.annualReport.identifier', { number: r.number, series }),
      r.authors.length ? t('publications.annualReport.authors', { authors: formatList(locale, r.authors.map((a) => a.name)) }) : '',
      translated.length ? t('publications.annualReport.translations', { languages: formatList(locale, translated.map((l) => languageName(locale, l))) }) : '',
      doi ? t('publications.annualReport.doi', { doi }) : '',
    ].filter(Boolean);
    return {
      title: meta.block.title || r.number,
      lang: meta.lang,
      fallback: meta.fallback,
      date: r.firstPublishedAt ? formatDate(locale, r.firstPublishedAt, 'UTC') : undefined,
      lines,
      link: doi ? doiLink(doi) : `${config.baseUrl}/${locale}/publications/${itemKey(r.number)}`,
    };
  });
  return {
    title: 'publications.annualReport.title',
    params: { year },
    empty: t('publications.annualReport.none', { year }),
    items,
    languages: [...languages],
  };
};
