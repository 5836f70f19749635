import type { AnnualSection } from '../../platform/annual-report/contract.js';
import { DIMENSIONS } from '../../platform/figures/contract.js';
import { categoryName, cellText, shownText } from '../../platform/figures/words.js';
import { M49_SOURCE, incomeClassification } from '../../platform/geo/countries.js';
import { formatDate } from '../../platform/i18n/format.js';
import { direction, type Locale } from '../../platform/i18n/locales.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { WhoTakesPart } from '../figures/service.js';
import type { AnnualReportPdfInput, ReportBlock } from './pdf.js';

/** What the report of a year says, gathered by the service. */
export interface ReportData {
  year: number;
  /** The report's language. */
  locale: Locale;
  t: Translate;
  /** The organisation's name, in that language where it is written in it. */
  siteName: string;
  /** The published figures of who takes part (small numbers suppressed), as the public page shows them. */
  figures: WhoTakesPart;
  sections: AnnualSection[];
  /** The day the report is drawn up (its date of issue). */
  issuedAt: Date;
  /** The year is not over yet. */
  partial: boolean;
}

/** The years of the year-by-year table: the report's year and up to five before it. */
const YEARS_SHOWN = 6;

/** Whether anybody is counted in the figures of a year (a small number is somebody). */
export function countedIn(figures: WhoTakesPart, year: number): boolean {
  const y = figures.published.years.indexOf(year);
  return y >= 0 && figures.published.figures.some((f) => !(f.totals[y]!.kind === 'value' && (f.totals[y] as { value: number }).value === 0));
}

/** The figures of who took part: the year-by-year table, the year's three breakdowns, how they are counted. */
function figureBlocks(d: ReportData): ReportBlock[] {
  const { t, locale, year } = d;
  const p = d.figures.published;
  const y = p.years.indexOf(year);
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: t('annualReport.figures.title', { year }) }];
  if (!countedIn(d.figures, year)) return [...blocks, { kind: 'paragraph', text: t('annualReport.figures.nobody', { year }) }];
  blocks.push({ kind: 'paragraph', text: t('annualReport.figures.intro', { year }) });

  const shown = p.years.map((_, i) => i).filter((i) => p.years[i]! <= year).slice(-YEARS_SHOWN);
  blocks.push(
    { kind: 'heading', level: 3, text: t('figures.years.caption') },
    {
      kind: 'table',
      head: [t('figures.figure'), ...shown.map((i) => String(p.years[i]))],
      rows: p.figures.map((f) => [t(f.label), ...shown.map((i) => shownText(t, locale, f.totals[i]!, p.threshold))]),
    },
  );
  for (const dim of DIMENSIONS) {
    const categories = p.figures[0]?.by[dim].categories ?? [];
    blocks.push(
      { kind: 'heading', level: 3, text: t(`figures.by.${dim}`, { year }) },
      {
        kind: 'table',
        head: [t(`figures.dimension.${dim}`), ...p.figures.map((f) => t(f.label))],
        rows: [
          ...categories.map((cat, r) => [categoryName(t, locale, dim, cat), ...p.figures.map((f) => cellText(t, locale, f.by[dim].cells[r]![y]!, f.totals[y]!, p.threshold))]),
          [t('figures.total'), ...p.figures.map((f) => shownText(t, locale, f.totals[y]!, p.threshold))],
        ],
      },
    );
  }
  blocks.push({ kind: 'heading', level: 3, text: t('figures.how.title') });
  for (const f of p.figures) blocks.push({ kind: 'paragraph', text: t('annualReport.figures.definition', { figure: t(f.label), definition: t(f.definition) }), small: true });
  blocks.push(
    { kind: 'paragraph', text: t('figures.how.small', { n: p.threshold }), small: true },
    { kind: 'paragraph', text: t('figures.how.regions', { source: M49_SOURCE }), small: true },
    { kind: 'paragraph', text: t('figures.how.income', { year: p.incomeYear, source: incomeClassification(p.incomeYear).source }), small: true },
  );
  return blocks;
}

/** A module's section: its heading, what it says first, and its items (or that there were none). */
function sectionBlocks(d: ReportData, s: AnnualSection): ReportBlock[] {
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: d.t(s.title, s.params) }];
  if (!s.items.length) return s.empty ? [...blocks, { kind: 'paragraph', text: s.empty }] : [];
  if (s.intro) blocks.push({ kind: 'paragraph', text: s.intro, small: true });
  for (const i of s.items) {
    blocks.push({ kind: 'item', title: i.title, lang: i.fallback ? i.lang : undefined, note: i.fallback ? d.t('content.notTranslated') : undefined, date: i.date, lines: i.lines, link: i.link });
  }
  return blocks;
}

/** The report of a year as the PDF renderer draws it: every text written out in the report's language. */
export function reportPdfInput(d: ReportData): AnnualReportPdfInput {
  const { t, locale, year } = d;
  const heading = t('annualReport.pdf.heading', { year });
  const issued = formatDate(locale, d.issuedAt, 'UTC');
  return {
    locale,
    dir: direction(locale),
    title: t('annualReport.pdf.title', { name: d.siteName, year }),
    cover: { name: d.siteName, heading, lines: [t('annualReport.pdf.subtitle'), d.partial ? t('annualReport.pdf.partial', { year, date: issued }) : t('annualReport.pdf.issued', { date: issued })] },
    blocks: [...figureBlocks(d), ...d.sections.flatMap((s) => sectionBlocks(d, s))],
    footer: t('annualReport.pdf.footer', { name: d.siteName, year }),
    issuedAt: d.issuedAt,
  };
}
