import { and, asc, lte, sql } from 'drizzle-orm';
import type { AnnualItem, AnnualReportProvider } from '../../platform/annual-report/contract.js';
import { formatDate, formatDateRange, formatPercent } from '../../platform/i18n/format.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { translationsOf } from '../workinggroups/service.js';
import { consultations } from './schema.js';
import { commentCounts, getConsultation } from './service.js';
import { acceptance, outcomeOf } from './outcome.js';

/**
 * The consultations closed in the year: the report they were held on (its title in the language
 * asked where it is translated), when, how many comments, what came of them in a sentence, and the
 * public comment-and-response report (or, until the final version is published, the consultation).
 */
export const consultationsAnnualReport: AnnualReportProvider = async (db, { year, locale, t, config, now }) => {
  const rows = await db
    .select({ slug: consultations.slug })
    .from(consultations)
    .where(and(sql`extract(year from ${consultations.closesAt}) = ${year}`, lte(consultations.closesAt, now)))
    .orderBy(asc(consultations.closesAt), asc(consultations.slug));
  const pages = (await Promise.all(rows.map((r) => getConsultation(db, r.slug, null, locale)))).filter((p) => p !== null);
  const languages = new Set<Locale>(pages.map((p) => p.report.originalLocale));
  for (const tr of await translationsOf(
    db,
    pages.map((p) => p.version.id),
  ))
    languages.add(tr.locale);

  const items: AnnualItem[] = [];
  for (const page of pages) {
    const c = page.consultation;
    const base = `${config.baseUrl}/${locale}/consultations/${c.slug}`;
    const lines: string[] = [];
    if (c.concludedAt) {
      // Public once the final version is published: the figures of the comment-and-response report.
      const outcome = await outcomeOf(db, null, page, locale);
      lines.push(t('consultations.annualReport.comments', { comments: outcome.totals.comments, people: outcome.totals.people }));
      lines.push(
        outcome.totals.comments
          ? t('consultations.annualReport.concluded', { date: formatDate(locale, c.concludedAt, 'UTC'), share: formatPercent(locale, acceptance(outcome.totals)) })
          : t('consultations.annualReport.concludedNoComments', { date: formatDate(locale, c.concludedAt, 'UTC') }),
      );
    } else {
      const comments = [...(await commentCounts(db, c.id)).values()].reduce((a, b) => a + b, 0);
      lines.push(t('consultations.annualReport.published', { comments }));
      lines.push(t('consultations.annualReport.pending'));
    }
    items.push({
      title: page.text.title,
      lang: page.text.locale,
      fallback: page.text.locale !== locale,
      date: formatDateRange(locale, c.opensAt, c.closesAt, 'UTC'),
      lines,
      link: c.concludedAt ? `${base}/responses` : base,
    });
  }
  return {
    title: 'consultations.annualReport.title',
    params: { year },
    empty: t('consultations.annualReport.none', { year }),
    items,
    languages: [...languages],
  };
};
