import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { Banner, Table, esc } from '../../platform/ui/components.js';
import { Button, Form, Select, TextInput } from '../../platform/ui/form.js';
import type { FormState } from '../../platform/forms/validate.js';
import { formatList, formatNumber, formatPercent } from '../../platform/i18n/format.js';
import { M49_SOURCE, incomeClassification } from '../../platform/geo/countries.js';
import { DIMENSIONS, type Dimension } from '../../platform/figures/contract.js';
import { categoryName as groupWord, cellText, shownText } from '../../platform/figures/words.js';
import type { Published, PublishedFigure } from '../../platform/figures/tables.js';
import type { Shown } from '../../platform/charts/suppress.js';
import { SharesChart } from '../../platform/charts/shares.js';
import { TARGET_GROUPS, groupKey, type TargetGroup, type TargetProgress, type WhoTakesPart } from './service.js';

type Words = Pick<PageContext, 't' | 'locale'>;

/** The name of one group of a breakdown, in the reader's language. */
export const categoryName = (c: Words, dimension: Dimension, category: string): string => groupWord(c.t, c.locale, dimension, category);

/** The groups of a target, named together ("Low income and Lower middle income"). */
export const groupName = (c: Words, g: TargetGroup): string =>
  formatList(
    c.locale,
    g.groups.map((x) => categoryName(c, g.dimension, x)),
  );

/** A dash in a table, read out as what it means. */
function Dash({ c, label }: { c: Words; label: string }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span class="visually-hidden" safe>
        {label}
      </span>
    </>
  );
}

const nobodyIn = (f: PublishedFigure, y: number) => f.totals[y]?.kind === 'value' && (f.totals[y] as { value: number }).value === 0;

/** A cell of a table: the count and its share of the year's total when both are published. */
function Cell({ c, s, total, threshold }: { c: Words; s: Shown; total: Shown; threshold: number }) {
  if (s.kind === 'hidden') return <Dash c={c} label={c.t('figures.hidden')} />;
  return <span safe>{cellText(c.t, c.locale, s, total, threshold)}</span>;
}

const figureName = (c: Words, f: Pick<PublishedFigure, 'label'>) => c.t(f.label);

/** The year-by-year totals of every figure. */
function YearsTable({ c, p }: { c: PageContext; p: Published }) {
  return (
    <Table
      caption={c.t('figures.years.caption')}
      head={[c.t('figures.figure'), ...p.years.map(String)]}
      numeric={p.years.map((_, i) => i + 1)}
      rows={p.figures.map((f) => [esc(figureName(c, f)), ...f.totals.map((s) => esc(shownText(c.t, c.locale, s, p.threshold)))])}
    />
  );
}

/** One breakdown of every figure in the year shown: a chart of shares and its table. */
function Breakdown({ c, p, d, y }: { c: PageContext; p: Published; d: Dimension; y: number }) {
  const year = p.years[y]!;
  const categories = p.figures[0]?.by[d].categories ?? [];
  const title = c.t(`figures.by.${d}`, { year });
  const chart = {
      title: c.t(`figures.chart.${d}`),
      parts: categories.map((cat) => categoryName(c, d, cat)),
      notShown: c.t('figures.notShownPart'),
      empty: c.t('figures.nobody'),
      bars: p.figures.map((f) => {
        const total = f.totals[y]!;
        const parts = total.kind === 'value' && total.value > 0 ? f.by[d].cells.map((row) => (row[y]!.kind === 'value' ? (100 * (row[y] as { value: number }).value) / total.value : null)) : [];
        return { label: figureName(c, f), parts: total.kind === 'small' ? categories.map(() => null) : parts };
      }),
  };
  return (
    <section>
      <h2 safe>{title}</h2>
      <SharesChart c={c} o={chart} />
      <Table
        caption={c.t('figures.tableOf', { title })}
        hideCaption
        head={[c.t(`figures.dimension.${d}`), ...p.figures.map((f) => figureName(c, f))]}
        numeric={p.figures.map((_, i) => i + 1)}
        rows={[
          ...categories.map((cat, r) => [esc(categoryName(c, d, cat)), ...p.figures.map((f) => <Cell c={c} s={f.by[d].cells[r]![y]!} total={f.totals[y]!} threshold={p.threshold} />)]),
          [esc(c.t('figures.total')), ...p.figures.map((f) => esc(shownText(c.t, c.locale, f.totals[y]!, p.threshold)))],
        ]}
      />
    </section>
  );
}

/** The latest year a target's share is published for, with the share. */
export function latestReached(t: TargetProgress, years: readonly number[]) {
  for (let y = years.length - 1; y >= 0; y--) if (t.reached[y]) return { year: years[y]!, ...t.reached[y]! };
  return null;
}

/** A target, its progress in words, and a bar: the share reached, the mark the target. */
function TargetLine({ c, t, years }: { c: PageContext; t: TargetProgress; years: readonly number[] }) {
  const latest = latestReached(t, years);
  const share = latest ? Math.min(100, latest.share * 100) : 0;
  const rtl = c.dir === 'rtl';
  return (
    <li class="target">
      <p>
        <strong safe>{c.t('figures.targets.name', { figure: figureName(c, t.figure), group: groupName(c, t.group) })}</strong>
        <br />
        <span safe>{c.t('figures.targets.aim', { target: formatPercent(c.locale, t.target.percent / 100), year: t.target.byYear })}</span>
        <br />
        <span safe>
          {latest
            ? c.t('figures.targets.reached', { share: formatPercent(c.locale, latest.share), year: latest.year, count: formatNumber(c.locale, latest.count), total: formatNumber(c.locale, latest.total) })
            : c.t('figures.targets.notYet')}
        </span>
      </p>
      <svg class="target-bar" viewBox="0 0 100 8" preserveAspectRatio="none" width="100%" height="16" aria-hidden="true" focusable="false">
        <g transform={rtl ? 'translate(100 0) scale(-1 1)' : undefined}>
          <rect width="100" height="8" fill="#eef0f2" />
          <rect width={String(share)} height="8" fill="#0b4f8a" />
          <rect x={String(Math.min(99.4, t.target.percent))} width="0.6" height="8" fill="#1b1b1b" />
        </g>
      </svg>
    </li>
  );
}

/** The year and classification chooser (a GET form: works without JavaScript). */
function Chooser({ c, v, form, action }: { c: PageContext; v: WhoTakesPart; form: FormState; action: string }) {
  return (
    <Form c={c} action={action} method="get" class="filters" label={c.t('figures.choose')}>
      <Select c={c} name="year" label={c.t('figures.year')} form={form} options={[...v.published.years].reverse().map((y) => ({ value: String(y), label: String(y) }))} />
      <Select
        c={c}
        name="income"
        label={c.t('figures.incomeYear')}
        form={form}
        options={[...v.incomeYears].reverse().map((y) => ({ value: y, label: c.t('figures.incomeYearOption', { year: y, from: incomeClassification(y).validFrom.slice(0, 4) }) }))}
      />
      <Button label={c.t('figures.show')} variant="secondary" />
    </Form>
  );
}

const query = (v: WhoTakesPart) => `?year=${v.year}&income=${v.published.incomeYear}`;

/** "Who takes part": every module's figures side by side, year by year, with the targets. Public. */
export function WhoTakesPartPage({ c, v, form }: { c: PageContext; v: WhoTakesPart; form: FormState }) {
  const p = v.published;
  const title = c.t('figures.title');
  const atTheTime = p.figures.filter((f) => f.incomeAtTheTime);
  return (
    <Layout c={c} title={title}>
      <h1 safe>{title}</h1>
      <p safe>
        {c.t('figures.intro')}
      </p>
      <Chooser c={c} v={v} form={form} action={c.href('/who-takes-part')} />
      {v.targets.length ? (
        <section>
          <h2 safe>{c.t('figures.targets.title')}</h2>
          <p safe>{c.t('figures.targets.intro')}</p>
          <ul class="target-list">
            {v.targets.map((t) => (
              <TargetLine c={c} t={t} years={p.years} />
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <section>
        <h2 safe>{c.t('figures.years.title')}</h2>
        <YearsTable c={c} p={p} />
      </section>
      <>
        {DIMENSIONS.map((d) => (
          <Breakdown c={c} p={p} d={d} y={v.yearIndex} />
        ))}
      </>
      <section>
        <h2 safe>{c.t('figures.how.title')}</h2>
        <dl class="figure-definitions">
          {p.figures.map((f) => (
            <>
              <dt safe>{figureName(c, f)}</dt>
              <dd safe>{c.t(f.definition)}</dd>
            </>
          ))}
        </dl>
        <p safe>{c.t('figures.how.small', { n: p.threshold })}</p>
        <p safe>{c.t('figures.how.regions', { source: M49_SOURCE })}</p>
        <p safe>{c.t('figures.how.income', { year: p.incomeYear, source: incomeClassification(p.incomeYear).source })}</p>
        {atTheTime.length ? <p safe>{c.t('figures.how.atTheTime', { figures: formatList(c.locale, atTheTime.map((f) => figureName(c, f))) })}</p> : ''}
        <p>
          <a href={c.href(`/who-takes-part.csv${query(v)}`)} safe>
            {c.t('figures.csv')}
          </a>
          {' · '}
          <a href={c.href(`/who-takes-part.xlsx${query(v)}`)} safe>
            {c.t('figures.xlsx')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

/** The figures as rows of a download: figure, breakdown, group, year, count as published. */
export function figureRows(c: Words, p: Published): { head: string[]; rows: string[][] } {
  const rows: string[][] = [];
  for (const f of p.figures) {
    p.years.forEach((year, y) => rows.push([figureName(c, f), c.t('figures.total'), '', String(year), shownText(c.t, c.locale, f.totals[y]!, p.threshold)]));
    for (const d of DIMENSIONS) {
      f.by[d].categories.forEach((cat, r) =>
        p.years.forEach((year, y) => rows.push([figureName(c, f), c.t(`figures.dimension.${d}`), categoryName(c, d, cat), String(year), shownText(c.t, c.locale, f.by[d].cells[r]![y]!, p.threshold)])),
      );
    }
  }
  return { head: [c.t('figures.figure'), c.t('figures.breakdown'), c.t('figures.group'), c.t('figures.year'), c.t('figures.count')], rows };
}

export const TARGET_NOTICES = /^(saved|removed)$/;

/** The Secretariat's and the Steering Committee's page: every target, its progress year by year, and (the Secretariat) the form to set one. */
export function FiguresDashboardPage({ c, v, form, chosen, canSet, notice }: { c: PageContext; v: WhoTakesPart; form: FormState; chosen: FormState; canSet: boolean; notice?: string }) {
  const p = v.published;
  const title = c.t('figures.dashboard.title');
  const labels = { figure: c.t('figures.figure'), group: c.t('figures.group'), percent: c.t('figures.targets.percent'), byYear: c.t('figures.targets.byYear') };
  return (
    <Layout c={c} title={title} admin form={form} labels={labels}>
      <h1 safe>{title}</h1>
      {notice ? <Banner kind="success" title={c.t(`figures.dashboard.notice.${notice}`)} /> : ''}
      <p>
        <span safe>{c.t('figures.dashboard.intro')}</span>{' '}
        <a href={c.href(`/who-takes-part${query(v)}`)} safe>
          {c.t('figures.dashboard.public')}
        </a>
      </p>
      <h2 safe>{c.t('figures.targets.title')}</h2>
      <Table
        caption={c.t('figures.targets.title')}
        hideCaption
        empty={c.t('figures.targets.none')}
        head={[c.t('figures.figure'), c.t('figures.group'), c.t('figures.targets.target'), ...p.years.map(String), ...(canSet ? [c.t('figures.targets.actions')] : [])]}
        hiddenHead={canSet ? [3 + p.years.length] : []}
        numeric={[2, ...p.years.map((_, i) => 3 + i)]}
        rows={v.targets.map((t) => [
          esc(figureName(c, t.figure)),
          esc(groupName(c, t.group)),
          esc(c.t('figures.targets.aimShort', { target: formatPercent(c.locale, t.target.percent / 100), year: t.target.byYear })),
          ...t.reached.map((r, y) => (r ? esc(formatPercent(c.locale, r.share)) : <Dash c={c} label={nobodyIn(t.figure, y) ? c.t('figures.nobody') : c.t('figures.hidden')} />)),
          ...(canSet
            ? [
                <Form c={c} action={c.href(`/admin/figures/targets/${t.target.id}/delete`)} class="inline">
                  <button type="submit" class="button warning">
                    <span safe>{c.t('figures.targets.removeShort')}</span>
                    <span class="visually-hidden" safe>
                      {`: ${figureName(c, t.figure)}, ${groupName(c, t.group)}`}
                    </span>
                  </button>
                </Form>,
              ]
            : []),
        ])}
      />
      {canSet ? (
        <>
          <h2 id="set-target" safe>
            {c.t('figures.targets.set')}
          </h2>
          <p safe>{c.t('figures.targets.setHint')}</p>
          <Form c={c} action={c.href('/admin/figures/targets')} label={c.t('figures.targets.set')}>
            <Select c={c} name="figure" label={labels.figure} form={form} placeholder="—" options={p.figures.map((f) => ({ value: f.key, label: figureName(c, f) }))} />
            <Select c={c} name="group" label={labels.group} form={form} placeholder="—" options={TARGET_GROUPS.map((g) => ({ value: groupKey(g), label: `${c.t(`figures.dimension.${g.dimension}`)}: ${groupName(c, g)}` }))} />
            <TextInput c={c} name="percent" type="number" inputmode="numeric" label={labels.percent} hint={c.t('figures.targets.percentHint')} form={form} width="short" />
            <TextInput c={c} name="byYear" type="number" inputmode="numeric" label={labels.byYear} form={form} width="short" />
            <Button label={c.t('figures.targets.save')} />
          </Form>
        </>
      ) : (
        ''
      )}
      <h2 safe>{c.t('figures.years.title')}</h2>
      <Chooser c={c} v={v} form={chosen} action={c.href('/admin/figures')} />
      <YearsTable c={c} p={p} />
      <>
        {DIMENSIONS.map((d) => (
          <Breakdown c={c} p={p} d={d} y={v.yearIndex} />
        ))}
      </>
    </Layout>
  );
}
