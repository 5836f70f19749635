/**
 * The Steering Committee's annual report: for each year, the published figures of who took part
 * (read through the figures module, small numbers suppressed as on its public page) and what every
 * module says it did in the year (src/platform/annual-report/), as a PDF in the language asked.
 * Every verb checks its rule in policy.ts.
 */
import type { Executor } from '../../db/client.js';
import type { Config } from '../../config.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { annualSections, type AnnualSection } from '../../platform/annual-report/contract.js';
import { localize } from '../../platform/i18n/content.js';
import { LOCALES, isLocale, type Locale } from '../../platform/i18n/locales.js';
import { translator, type Translate } from '../../platform/i18n/messages.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { YEARS_BACK, whoTakesPart } from '../figures/service.js';
import { annualReportPolicy } from './policy.js';
import { countedIn, reportPdfInput } from './pdf-input.js';
import { annualReportPdf } from './pdf.js';

export { annualReportPolicy } from './policy.js';

/** The languages a report is always offered in; others where some of the year's texts are written in them. */
export const ALWAYS_OFFERED: readonly Locale[] = ['en', 'fr'];

/** A year that has something to report, as the list shows it. */
export interface ReportYear {
  year: number;
  /** The year is not over: its report covers it so far. */
  partial: boolean;
  /** Somebody was counted in the figures of who takes part. */
  counted: boolean;
  /** Each module's section: its heading (in the reader's language) and how many things it lists. */
  sections: { title: string; count: number }[];
  /** The languages the report is offered in: English and French, then those some texts are written in. */
  languages: Locale[];
}

interface Context {
  config: Pick<Config, 'baseUrl' | 'doi'>;
  now?: Date;
}

/** The years a report may be made of: this one and those before it, as far back as the figures go. */
const yearsOf = (now: Date) => Array.from({ length: YEARS_BACK }, (_, i) => now.getUTCFullYear() - i);

const offered = (sections: readonly AnnualSection[]): Locale[] => [...ALWAYS_OFFERED, ...LOCALES.filter((l) => !ALWAYS_OFFERED.includes(l) && sections.some((s) => s.languages.includes(l)))];

/** Every module's section of a year in a language. */
const sectionsOf = (db: Executor, year: number, locale: Locale, t: Translate, ctx: Required<Context>) => annualSections(db, { year, locale, t, config: ctx.config, now: ctx.now });

/** The years that have something to report (figures or things done), newest first, with the languages each report is offered in. */
export async function reportYears(db: Executor, actor: MaybeActor, locale: Locale, ctx: Context): Promise<ReportYear[]> {
  authorize(annualReportPolicy.view(actor), 'annualReport.view');
  const now = ctx.now ?? new Date();
  const t = translator(locale);
  const figures = await whoTakesPart(db, { income: undefined }, now);
  const out: ReportYear[] = [];
  for (const year of yearsOf(now)) {
    const sections = await sectionsOf(db, year, locale, t, { config: ctx.config, now });
    const counted = countedIn(figures, year);
    if (!counted && !sections.some((s) => s.items.length > 0)) continue;
    out.push({ year, partial: year === now.getUTCFullYear(), counted, sections: sections.map((s) => ({ title: t(s.title, s.params), count: s.items.length })), languages: offered(sections) });
  }
  return out;
}

/**
 * The report of a year as a PDF, in `lang` (a language it is offered in; without one, the reader's
 * language where offered, else English). Null when the year or the language is not one a report is
 * offered for: a year out of range or with nothing to report, a language no text is written in.
 */
export async function annualReport(db: Executor, actor: MaybeActor, query: { year: string; lang?: string; locale: Locale }, ctx: Context): Promise<{ pdf: Buffer; year: number; lang: Locale } | null> {
  authorize(annualReportPolicy.view(actor), 'annualReport.view');
  const now = ctx.now ?? new Date();
  if (!/^\d{4}$/.test(query.year)) return null;
  const year = Number(query.year);
  if (!yearsOf(now).includes(year)) return null;
  const asked = query.lang;
  if (asked !== undefined && !isLocale(asked)) return null;
  let lang: Locale = asked ?? query.locale;
  let sections = await sectionsOf(db, year, lang, translator(lang), { config: ctx.config, now });
  if (!offered(sections).includes(lang)) {
    // A language asked for that is not offered is no report; without one, a reader whose language is not offered gets English.
    if (asked !== undefined) return null;
    lang = 'en';
    sections = await sectionsOf(db, year, lang, translator(lang), { config: ctx.config, now });
  }
  const figures = await whoTakesPart(db, { year, income: undefined }, now);
  if (!countedIn(figures, year) && !sections.some((s) => s.items.length > 0)) return null;
  const site = await getSiteSettings(db);
  // Dated from its day (midnight UTC): the same data the same day gives the same file, which the PDF pool keeps.
  const issuedAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const input = reportPdfInput({
    year,
    locale: lang,
    t: translator(lang),
    siteName: localize(site.name, lang, site.originalLocale).text,
    figures,
    sections,
    issuedAt,
    partial: year === now.getUTCFullYear(),
  });
  return { pdf: await annualReportPdf(input), year, lang };
}
