import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { LRUCache } from 'lru-cache';
import { processCache } from '../cache/process.js';
import type { PageContext } from '../http/page.js';
import { direction, type Locale } from '../i18n/locales.js';
import { Table, esc } from '../ui/components.js';
import { formatNumber } from '../i18n/format.js';

/**
 * Every chart is drawn exactly this wide (CSS pixels, labels included) and never scaled up: it fits
 * a 390 px phone's column as it is, so its 14 px labels stay 14 px; on a 320 px phone it shrinks to
 * about 12 px.
 */
export const CHART_WIDTH = 340;
/** The size of every label, tick and title in a chart, at 1:1. */
export const FONT_SIZE = 14;
const LINE = 18;
const BAR = 18;

/** The Bridges look for every chart: system fonts, the site's blue, readable sizes. */
const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif',
  background: 'white',
  axis: { labelFontSize: FONT_SIZE, titleFontSize: FONT_SIZE, labelColor: '#1b1b1b', titleColor: '#1b1b1b', gridColor: '#d8dadd', domainColor: '#505a5f', tickColor: '#505a5f', labelLimit: 0 },
  text: { fontSize: FONT_SIZE, color: '#1b1b1b', limit: 0 },
  mark: { color: '#0b4f8a' },
  view: { stroke: null },
};

/** Loaded on first use, once: Vega is large, and most processes never draw a chart. */
let vegaModules: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
const loadVega = () => (vegaModules ??= Promise.all([import('vega'), import('vega-lite')]));

/** A Vega view kept for the shape of its chart, to draw it again with other data (one drawing at a time). */
interface Drawing {
  view: View;
  /** The data set that holds the chart's values. */
  source: string;
  queue: Promise<unknown>;
}

/**
 * Views kept by the shape of their chart: its spec without its data. Compiling a spec, parsing it
 * and building its view take nine tenths of drawing a chart; the same view drawn again with other
 * values gives the same SVG as a new one (render.test.ts checks it). Only charts laid out by their
 * spec (autosize "none") are kept: a chart fitted to its content would be fitted from the last
 * drawing too.
 */
const drawings = processCache(new LRUCache<string, Drawing>({ max: 32, dispose: (d) => void d.queue.then(() => d.view.finalize()) }));

/**
 * A Vega-Lite spec drawn as SVG on the server (no script in the page). The SVG is a picture with
 * a title; the numbers are always in the table beside it.
 */
export async function chartSvg(spec: TopLevelSpec, title: string): Promise<string> {
  const [vega, { compile }] = await loadVega();
  const full = { ...spec, config: CONFIG } as TopLevelSpec;
  const { data, autosize } = spec as { data?: { values?: unknown }; autosize?: unknown };
  const values = data?.values;
  let svg: string | undefined;
  let compiled: ReturnType<typeof compile>['spec'] | undefined;
  const records = Array.isArray(values) && values.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
  if (records && (autosize === 'none' || (autosize as { type?: string } | undefined)?.type === 'none')) {
    const key = JSON.stringify({ ...full, data: { ...data, values: null } });
    let drawing = drawings.get(key);
    if (!drawing) {
      // Kept when the values are one data set of the compiled spec, as given.
      compiled = compile(full).spec;
      const sources = (compiled.data ?? []).filter((d) => 'values' in d);
      if (sources.length === 1 && JSON.stringify((sources[0] as { values?: unknown }).values) === JSON.stringify(values)) {
        drawings.set(key, (drawing = { view: new vega.View(vega.parse(compiled), { renderer: 'none' }), source: sources[0]!.name, queue: Promise.resolve() }));
      }
    }
    if (drawing) {
      const d = drawing;
      // Vega marks the objects it is given: each drawing gets copies.
      const drawn = d.queue.then(() => d.view.data(d.source, (values as object[]).map((v) => ({ ...v }))).toSVG());
      d.queue = drawn.catch(() => drawings.delete(key));
      svg = await drawn;
    }
  }
  if (svg === undefined) {
    const view = new vega.View(vega.parse(compiled ?? compile(full).spec), { renderer: 'none' });
    svg = await view.toSVG();
    await view.finalize();
  }
  const safeTitle = title.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  // Drawn left to right whatever the page's direction (a right-to-left chart is mirrored in its spec).
  return svg.replace('<svg ', `<svg role="img" aria-label="${safeTitle}" direction="ltr" `).replace(/<svg([^>]*)>/, `<svg$1><title>${safeTitle}</title>`);
}


/**
 * Whole-number ticks from 0 for an axis of counts: steps of 1, 2 or 5 times a power of ten, at
 * most `most` ticks, the last at or above `max` (never 0.5 of a person).
 */
export function countTicks(max: number, most = 6): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let p = 1; ; p *= 10) {
    const s = [1, 2, 5].map((m) => m * p).find((m) => Math.ceil(top / m) + 1 <= most);
    if (s) {
      step = s;
      break;
    }
  }
  return Array.from({ length: Math.ceil(top / step) + 1 }, (_, i) => i * step);
}

/** A rough width of text in a system sans-serif, on the wide side so that what is measured fits. */
function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0x20000 && cp <= 0x3fffd))) em += 1;
    else if (/[\sil.,:;'|!()[\]]/.test(ch)) em += 0.33;
    else if (/[A-ZMWmw@%]/.test(ch)) em += 0.78;
    else em += 0.6;
  }
  return em * size;
}

/**
 * A label cut into lines no wider than `width` pixels, at spaces (and between characters of
 * scripts written without spaces). Nothing is dropped: a word longer than a line is split, not cut.
 */
export function wrapLabel(text: string, width: number, size = FONT_SIZE): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (piece: string, sep: string) => {
    if (!line) line = piece;
    else if (textWidth(line + sep + piece, size) <= width) line += sep + piece;
    else {
      lines.push(line);
      line = piece;
    }
    // A piece wider than a whole line is split where it must be.
    while (textWidth(line, size) > width && [...line].length > 1) {
      const chars = [...line];
      let n = chars.length - 1;
      while (n > 1 && textWidth(chars.slice(0, n).join(''), size) > width) n--;
      lines.push(chars.slice(0, n).join(''));
      line = chars.slice(n).join('');
    }
  };
  for (const word of text.trim().split(/\s+/)) {
    // Chinese and Japanese break between characters; keep runs of other letters whole.
    const pieces = word.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uff60][\u3000-\u303f\uff0c\uff1a\uff1b\uff01\uff1f]*|[^\u2e80-\u9fff\uf900-\ufaff\uff00-\uff60]+/g) ?? [word];
    pieces.forEach((piece, i) => push(piece, i === 0 ? ' ' : ''));
  }
  if (line) lines.push(line);
  return lines;
}

export interface Series {
  label: string;
  value: number;
}

export interface BarChartOptions {
  title: string;
  labelHeader: string;
  valueHeader: string;
  data: Series[];
  /** Bars across, each under its full label (long names); otherwise columns (days). */
  horizontal?: boolean;
  /** Amounts rather than counts of people or things: the axis may step by more than one. Counts step by whole numbers either way. */
  amounts?: boolean;
}

/** The Vega-Lite spec of a bar chart: labels at 14 px, never cut short, whole-number ticks, mirrored right to left. */
export function barSpec(locale: Locale, o: BarChartOptions): TopLevelSpec {
  const rtl = direction(locale) === 'rtl';
  const max = Math.max(0, ...o.data.map((d) => d.value));
  const ticks = countTicks(max, o.amounts ? 4 : 6);
  const top = ticks[ticks.length - 1]!;
  // Tick labels in the reader's digits and separators, the same as in the table.
  const labelExpr = ticks.map((v) => `datum.value === ${v} ? ${JSON.stringify(formatNumber(locale, v))} : `).join('') + "''";
  const valueAxis = { values: ticks, labelExpr, title: o.valueHeader, grid: true, labelOverlap: false };
  if (!o.horizontal) {
    return {
      width: CHART_WIDTH,
      height: 180,
      autosize: { type: 'fit', contains: 'padding' },
      padding: { left: 5, right: 5, top: 12, bottom: 5 },
      data: { values: o.data },
      mark: { type: 'bar', tooltip: false },
      encoding: {
        x: { field: 'label', type: 'ordinal', title: null, sort: null, scale: { reverse: rtl }, axis: { labelAngle: 0, labelOverlap: 'greedy', labelLimit: 0 } },
        // The chart's title says what is counted: no turned title beside the axis.
        y: { field: 'value', type: 'quantitative', scale: { domain: [0, top], nice: false }, axis: { ...valueAxis, title: null, orient: rtl ? 'right' : 'left' } },
      },
    };
  }
  // Across: each label on its own lines, the full width of the chart, and its bar below it.
  const pad = { left: 10, right: 10, top: 4, bottom: 48 };
  const inner = CHART_WIDTH - pad.left - pad.right;
  const valueSpace = Math.max(...o.data.map((d) => textWidth(formatNumber(locale, d.value), FONT_SIZE)), 10) + 8;
  let y = 0;
  const rows = o.data.map((d) => {
    // Labels are bold: wrapped a little short of the width, so that a wide font still fits. In a right-to-left language each line is isolated as right-to-left text (the drawing itself is left to right).
    const lines = wrapLabel(d.label, inner * 0.9).map((l) => (rtl ? `\u2067${l}\u2069` : l));
    const row = { lines, value: d.value, shown: formatNumber(locale, d.value), labelY: y, barTop: y + lines.length * LINE + 2, barBottom: y + lines.length * LINE + 2 + BAR };
    y = row.barBottom + 12;
    return row;
  });
  const height = Math.max(y - 8, 20);
  const yScale = { domain: [0, height], range: [0, height], nice: false, zero: false };
  const xScale = { domain: [0, top], range: rtl ? [inner, valueSpace] : [0, inner - valueSpace], nice: false };
  return {
    width: inner,
    height,
    autosize: { type: 'none' },
    padding: pad,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'text', align: rtl ? 'right' : 'left', baseline: 'top', lineHeight: LINE, fontWeight: 'bold' },
        encoding: { x: { value: rtl ? inner : 0 }, y: { field: 'labelY', type: 'quantitative', scale: yScale, axis: null }, text: { field: 'lines' } },
      },
      {
        mark: { type: 'bar', tooltip: false },
        encoding: {
          x: { field: 'value', type: 'quantitative', scale: xScale, axis: valueAxis },
          x2: { datum: 0 },
          y: { field: 'barTop', type: 'quantitative', scale: yScale, axis: null },
          y2: { field: 'barBottom' },
        },
      },
      {
        mark: { type: 'text', align: rtl ? 'right' : 'left', baseline: 'middle', dx: rtl ? -4 : 4, dy: BAR / 2 },
        encoding: { x: { field: 'value', type: 'quantitative', scale: xScale }, y: { field: 'barTop', type: 'quantitative', scale: yScale }, text: { field: 'shown' } },
      },
    ],
  } as TopLevelSpec;
}

/** A bar chart of labelled values under its one title, and the same values as a table to open beneath it. */
export async function barChart(c: Pick<PageContext, 'locale' | 't'>, o: BarChartOptions): Promise<JSX.Element> {
  const svg = o.data.length ? await chartSvg(barSpec(c.locale, o), o.title) : '';
  return (
    <figure class="chart">
      <figcaption class="chart-title" safe>
        {o.title}
      </figcaption>
      {svg as 'safe'}
      {o.data.length ? (
        <details class="chart-data">
          <summary>
            <span safe>{c.t('charts.showTable')}</span>
            <span class="visually-hidden" safe>{`: ${o.title}`}</span>
          </summary>
          <Table caption={o.title} head={[o.labelHeader, o.valueHeader]} numeric={[1]} rows={o.data.map((d) => [esc(d.label), esc(formatNumber(c.locale, d.value))])} />
        </details>
      ) : (
        <p class="hint" safe>
          {c.t('admin.none')}
        </p>
      )}
    </figure>
  );
}
