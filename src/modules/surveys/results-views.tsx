import type { PageContext } from '../../platform/http/page.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Table, esc } from '../../platform/ui/components.js';
import { barSpec, chartSvg } from '../../platform/charts/render.js';
import type { Shown } from '../../platform/charts/suppress.js';
import { formatNumber } from '../../platform/i18n/format.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { localize } from '../../platform/i18n/content.js';
import { LRUCache } from 'lru-cache';
import { processCache } from '../../platform/cache/process.js';
import { incomeGroupName, regionName, type IncomeGroup, type UnescoRegion } from '../../platform/geo/countries.js';
import { DIMENSIONS, type Dimension, type QuestionResult, type ResultTable, type SurveyResults, type SurveyRow } from './service.js';
import type { Question } from './schema.js';

/** A published number as a reader sees it: the count, "< 5", or "hidden". */
export const shownText = (t: Translate, locale: Locale, s: Shown): string => (s.kind === 'value' ? formatNumber(locale, s.value) : s.kind === 'small' ? t('surveys.results.small') : t('surveys.results.hidden'));

export function groupName(t: Translate, locale: Locale, dim: Dimension, group: string): string {
  if (group === 'unknown') return t('surveys.results.unknown');
  if (dim === 'stakeholder') return t(`consultations.groups.${group}`);
  if (dim === 'region') return regionName(group as UnescoRegion, locale);
  return incomeGroupName(group as IncomeGroup, locale);
}

/** An option's label in the reader's language: a choice's, "Other", or a rating's step. */
type Words = Pick<PageContext, 't' | 'locale'>;
const textOf = (c: Words, s: Pick<SurveyRow, 'originalLocale'>, value: Parameters<typeof localize>[0]) => localize(value, c.locale, s.originalLocale as Locale).text;

export function optionName(c: Words, s: Pick<SurveyRow, 'originalLocale'>, q: Question, option: string): string {
  if (q.type === 'rating') return formatNumber(c.locale, Number(option));
  if (option === 'other' && !q.choices.some((x) => x.key === 'other')) return c.t('surveys.respond.other');
  return textOf(c, s, q.choices.find((x) => x.key === option)?.label ?? {}) || option;
}

const lineTitle = (c: Words, s: SurveyRow, q: Question, table: ResultTable) => {
  const text = textOf(c, s, q.text);
  const row = table.row ? q.rows.find((r) => r.key === table.row) : undefined;
  return row ? `${text} — ${textOf(c, s, row.label)}` : text;
};

const drawn = processCache(new LRUCache<string, Map<string, string>>({ max: 64 }));

/**
 * The charts of the results without a breakdown, drawn before the page (Vega is asynchronous): one
 * per counted line, of the counts shown — a suppressed count is in the table only.
 */
export async function resultCharts(c: Words, s: SurveyRow, results: SurveyResults): Promise<Map<string, string>> {
  if (results.by) return new Map();
  // Drawn once per state of the counts and language (Vega takes tens of milliseconds a chart).
  const key = `${results.version}:${c.locale}`;
  const cached = drawn.get(key);
  if (cached) return cached;
  const charts = new Map<string, string>();
  for (const r of results.questions) {
    for (const table of r.tables) {
      if (table.withheld) continue;
      const data = table.options.flatMap((o, i) => {
        const v = table.totals[i]!;
        return v.kind === 'value' ? [{ label: optionName(c, s, r.question, o), value: v.value }] : [];
      });
      const title = lineTitle(c, s, r.question, table);
      if (data.length) charts.set(`${r.question.key}:${table.row ?? ''}`, await chartSvg(barSpec(c.locale, { title, labelHeader: c.t('surveys.results.option'), valueHeader: c.t('surveys.results.count'), data, horizontal: true }), title));
    }
  }
  drawn.set(key, charts);
  return charts;
}

/** A chart of the counts shown (suppressed ones are in the table only), and the table beside it. */
function CountsBlock({ c, s, q, table, by, groups, svg }: { c: PageContext; s: SurveyRow; q: Question; table: ResultTable; by: Dimension | null; groups: string[]; svg?: string }) {
  const title = lineTitle(c, s, q, table);
  if (table.withheld) return <p class="notice" safe>{c.t('surveys.results.withheld')}</p>;
  const head = by ? [c.t('surveys.results.option'), ...groups.map((g) => groupName(c.t, c.locale, by, g)), c.t('surveys.results.all')] : [c.t('surveys.results.option'), c.t('surveys.results.count')];
  const rows = table.options.map((o, i) => [esc(optionName(c, s, q, o)), ...(by ? table.cells[i]!.map((x) => esc(shownText(c.t, c.locale, x))) : []), esc(shownText(c.t, c.locale, table.totals[i]!))]);
  if (by && table.answered) rows.push([esc(c.t('surveys.results.answered')), ...table.answered.map((x) => esc(shownText(c.t, c.locale, x))), esc(shownText(c.t, c.locale, table.all))]);
  return (
    <figure class="chart">
      <figcaption class="chart-title" safe>
        {title}
      </figcaption>
      {(svg ?? '') as 'safe'}
      <Table caption={title} hideCaption head={head} numeric={head.map((_, i) => i).slice(1)} rows={rows} />
    </figure>
  );
}

function QuestionBlock({ c, s, r, by, groups, charts }: { c: PageContext; s: SurveyRow; r: QuestionResult; by: Dimension | null; groups: string[]; charts: Map<string, string> }) {
  const q = r.question;
  const text = c.text(q.text, s.originalLocale).text;
  return (
    <section class="result" aria-labelledby={`q-${q.key}`}>
      <h2 id={`q-${q.key}`} safe>
        {text}
      </h2>
      <p class="hint" safe>
        {`${c.t('surveys.results.answeredBy', { n: shownText(c.t, c.locale, r.answered) })}${q.type === 'multiple' ? ` ${c.t('surveys.results.multipleNote')}` : ''}`}
      </p>
      {q.type === 'ranking' && r.meanPlace ? (
        <p safe>
          {c.t('surveys.results.meanPlaces', {
            list: Object.entries(r.meanPlace)
              .sort((a, b) => a[1] - b[1])
              .map(([o, m]) => `${optionName(c, s, q, o)} (${new Intl.NumberFormat(c.locale, { maximumFractionDigits: 1 }).format(m)})`)
              .join(c.t('form.separator')),
          })}
        </p>
      ) : (
        ''
      )}
      {q.type === 'number' ? (
        <p safe>{r.numbers ? c.t('surveys.results.numbers', { median: formatNumber(c.locale, r.numbers.median), mean: new Intl.NumberFormat(c.locale, { maximumFractionDigits: 1 }).format(r.numbers.mean) }) : c.t('surveys.results.tooFew')}</p>
      ) : (
        ''
      )}
      {q.type === 'short-text' || q.type === 'long-text' || q.type === 'date' ? <p safe>{c.t('surveys.results.textsPrivate')}</p> : ''}
      {r.tables.map((t) => (
        <CountsBlock c={c} s={s} q={q} table={t} by={by} groups={groups} svg={charts.get(`${q.key}:${t.row ?? ''}`)} />
      ))}
    </section>
  );
}

export function ResultsPage({ c, s, results, charts }: { c: PageContext; s: SurveyRow; results: SurveyResults; charts: Map<string, string> }) {
  const title = c.t('surveys.results.title', { title: c.text(s.title, s.originalLocale).text });
  const by = results.by;
  const base = `/surveys/${s.slug}/results`;
  const query = by ? `?by=${by}` : '';
  return (
    <Layout c={c} title={title}>
      <BackLink href={c.href(`/surveys/${s.slug}`)} label={c.text(s.title, s.originalLocale).text} />
      <h1 safe>{title}</h1>
      <p safe>{c.t('surveys.results.respondents', { n: shownText(c.t, c.locale, results.total) })}</p>
      <p class="hint" safe>
        {c.t('surveys.results.suppressionNote')}
      </p>
      {by === 'income' ? (
        <p class="hint" safe>
          {c.t('surveys.results.incomeYear', { year: s.incomeYear })}
        </p>
      ) : (
        ''
      )}
      <nav aria-label={c.t('surveys.results.breakdown')} class="tabs">
        <ul>
          {[null, ...DIMENSIONS].map((d) => (
            <li>
              <a href={c.href(d ? `${base}?by=${d}` : base)} aria-current={d === by ? 'page' : undefined} safe>
                {c.t(`surveys.results.by.${d ?? 'none'}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p>
        <a href={c.href(`${base}.csv${query}`)} safe>
          {c.t('surveys.results.csv')}
        </a>
        {' · '}
        <a href={c.href(`${base}.xlsx${query}`)} safe>
          {c.t('surveys.results.xlsx')}
        </a>
      </p>
      {by ? (
        <Table
          caption={c.t('surveys.results.respondentsBy', { by: c.t(`surveys.results.by.${by}`) })}
          head={[c.t(`surveys.results.dimension.${by}`), c.t('surveys.results.count')]}
          numeric={[1]}
          rows={[...results.groups.map((g, i) => [esc(groupName(c.t, c.locale, by, g)), esc(shownText(c.t, c.locale, results.respondents[i]!))]), [esc(c.t('surveys.results.all')), esc(shownText(c.t, c.locale, results.total))]]}
        />
      ) : (
        ''
      )}
      <>{results.questions.map((r) => (
        <QuestionBlock c={c} s={s} r={r} by={by} groups={results.groups} charts={charts} />
      ))}</>
    </Layout>
  );
}

/**
 * The results as one table to download: a row per group (all groups first), a column per option of
 * every counted question ("question: option"), the labels in the reader's language, suppression as
 * on the page.
 */
export function resultsSheet(c: Words, s: SurveyRow, results: SurveyResults): { head: string[]; rows: (string | number)[][] } {
  const cell = (x: Shown): string | number => (x.kind === 'value' ? x.value : shownText(c.t, c.locale, x));
  const columns: { title: string; values: (string | number)[] }[] = [];
  const by = results.by;
  columns.push({ title: c.t('surveys.results.respondentsColumn'), values: [cell(results.total), ...(by ? results.respondents.map(cell) : [])] });
  for (const r of results.questions) {
    const q = r.question;
    for (const t of r.tables) {
      const line = t.row ? `${q.key}:${t.row}` : q.key;
      t.options.forEach((o, i) => {
        columns.push({ title: `${line}: ${optionName(c, s, q, o)}`, values: t.withheld ? [] : [cell(t.totals[i]!), ...(by ? t.cells[i]!.map(cell) : [])] });
      });
    }
  }
  const groups = [c.t('surveys.results.all'), ...(by ? results.groups.map((g) => groupName(c.t, c.locale, by, g)) : [])];
  return {
    head: [by ? c.t(`surveys.results.dimension.${by}`) : c.t('surveys.results.group'), ...columns.map((x) => x.title)],
    rows: groups.map((g, i) => [g, ...columns.map((x) => x.values[i] ?? c.t('surveys.results.hidden'))]),
  };
}
