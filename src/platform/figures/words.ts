import type { Shown } from '../charts/suppress.js';
import { incomeGroupName, m49RegionName, type IncomeGroup, type M49Region } from '../geo/countries.js';
import { formatNumber, formatPercent } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';
import type { Translate } from '../i18n/messages.js';
import { NOT_STATED, type Dimension } from './contract.js';

/** How the published figures are written, the same on the page, in its downloads and in the annual report. */

/** The name of one group of a breakdown, in the reader's language. */
export function categoryName(t: Translate, locale: Locale, dimension: Dimension, category: string): string {
  if (category === NOT_STATED) return t(`figures.notStated.${dimension}`);
  if (dimension === 'region') return m49RegionName(category as M49Region, locale);
  if (dimension === 'income') return incomeGroupName(category as IncomeGroup, locale);
  return t(`figures.stakeholder.${category}`);
}

/** A published number as text: the count, "fewer than 5", or "not shown". */
export function shownText(t: Translate, locale: Locale, s: Shown, threshold: number): string {
  return s.kind === 'value' ? formatNumber(locale, s.value) : s.kind === 'small' ? t('figures.small', { n: threshold }) : t('figures.hidden');
}

/** A cell of a breakdown: the count and its share of the year's total when both are published ("40 (73 %)"). */
export function cellText(t: Translate, locale: Locale, s: Shown, total: Shown, threshold: number): string {
  const text = shownText(t, locale, s, threshold);
  if (s.kind !== 'value' || total.kind !== 'value' || total.value === 0) return text;
  return `${text} (${formatPercent(locale, s.value / total.value)})`;
}
