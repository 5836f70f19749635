import type { TopLevelSpec } from 'vega-lite';
import type { PageContext } from '../http/page.js';
import { direction, type Locale } from '../i18n/locales.js';
import { formatPercent } from '../i18n/format.js';
import { CHART_WIDTH, FONT_SIZE, chartSvg, wrapLabel } from './render.js';

const LINE = 18;
const BAR = 22;

/** Colours of the parts of a bar (the same as .swatch-0… in bridges.css), told apart by people with the common colour-vision deficiencies (Okabe–Ito, darkened); the last is for what is not shown. */
export const PART_COLOURS = ['#0b4f8a', '#c45200', '#00795c', '#a8437f', '#5b3f99', '#7a6000', '#3a7fb8', '#6b7075'] as const;
export const NOT_SHOWN_COLOUR = '#d8dadd';

export interface ShareBar {
  label: string;
  /** Percentages of the whole, in the order of the parts; null where the number is not published. Empty: nobody counted. */
  parts: (number | null)[];
}

export interface SharesChartOptions {
  title: string;
  /** The names of the parts, in order, each drawn in its colour (PART_COLOURS). */
  parts: string[];
  bars: ShareBar[];
  /** The name of the grey part: what is not published. */
  notShown: string;
  /** Said in place of a bar when nobody was counted. */
  empty: string;
}

/**
 * Bars of 100 %, one per series, each split into its parts (e.g. one bar per activity, split by
 * region): each series' name on its own lines above its bar, at 14 px, never cut short; the part
 * not published (small numbers) in grey at the end; mirrored right to left.
 */
export function sharesSpec(locale: Locale, o: SharesChartOptions): TopLevelSpec {
  const rtl = direction(locale) === 'rtl';
  const pad = { left: 10, right: 10, top: 4, bottom: 32 };
  const inner = CHART_WIDTH - pad.left - pad.right;
  const labels: { lines: string[]; y: number }[] = [];
  const segments: { x: number; x2: number; y: number; y2: number; colour: string }[] = [];
  let y = 0;
  for (const bar of o.bars) {
    const lines = wrapLabel(bar.label, inner * 0.9).map((l) => (rtl ? `\u2067${l}\u2069` : l));
    labels.push({ lines, y });
    const top = y + lines.length * LINE + 2;
    if (bar.parts.length === 0) {
      labels.push({ lines: [o.empty], y: top });
      y = top + LINE + 12;
      continue;
    }
    let at = 0;
    bar.parts.forEach((share, i) => {
      if (share === null || share <= 0) return;
      segments.push({ x: at, x2: at + share, y: top, y2: top + BAR, colour: PART_COLOURS[i % PART_COLOURS.length]! });
      at += share;
    });
    if (at < 99.95) segments.push({ x: at, x2: 100, y: top, y2: top + BAR, colour: NOT_SHOWN_COLOUR });
    y = top + BAR + 14;
  }
  const height = Math.max(y - 10, 20);
  const yScale = { domain: [0, height], range: [0, height], nice: false, zero: false };
  const xScale = { domain: [0, 100], range: rtl ? [inner, 0] : [0, inner], nice: false };
  const ticks = [0, 25, 50, 75, 100];
  const labelExpr = ticks.map((v) => `datum.value === ${v} ? ${JSON.stringify(formatPercent(locale, v / 100))} : `).join('') + "''";
  // One data set (the chart layer keeps a drawing per shape and draws it again with new values): the labels and the parts, told apart by `kind`.
  const values = [...labels.map((l) => ({ kind: 'label', ...l, x: 0, x2: 0, y2: 0, colour: '' })), ...segments.map((s) => ({ kind: 'part', lines: [] as string[], ...s }))];
  return {
    width: inner,
    height,
    autosize: { type: 'none' },
    padding: pad,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'label'" }],
        mark: { type: 'text', align: rtl ? 'right' : 'left', baseline: 'top', lineHeight: LINE, fontWeight: 'bold' },
        encoding: { x: { value: rtl ? inner : 0 }, y: { field: 'y', type: 'quantitative', scale: yScale, axis: null }, text: { field: 'lines' } },
      },
      {
        transform: [{ filter: "datum.kind === 'part'" }],
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale, axis: { values: ticks, labelExpr, title: null, grid: true, labelOverlap: false, labelFontSize: FONT_SIZE } },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', scale: yScale, axis: null },
          y2: { field: 'y2' },
          color: { field: 'colour', type: 'nominal', scale: null, legend: null },
        },
      },
    ],
  } as TopLevelSpec;
}

/** The chart under its title, with its key as a list (the numbers are in the table the caller puts beside it). */
export async function SharesChart({ c, o }: { c: Pick<PageContext, 'locale'>; o: SharesChartOptions }): Promise<string> {
  const svg = await chartSvg(sharesSpec(c.locale, o), o.title);
  return await (
    <figure class="chart">
      <figcaption class="chart-title" safe>
        {o.title}
      </figcaption>
      {svg as 'safe'}
      <ul class="chart-key">
        {o.parts.map((p, i) => (
          <li>
            <span class={`swatch swatch-${i % PART_COLOURS.length}`} aria-hidden="true"></span>
            <span safe>{p}</span>
          </li>
        ))}
        <li>
          <span class="swatch swatch-none" aria-hidden="true"></span>
          <span safe>{o.notShown}</span>
        </li>
      </ul>
    </figure>
  );
}
