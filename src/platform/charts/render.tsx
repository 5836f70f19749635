import type { TopLevelSpec } from 'vega-lite';
import type { PageContext } from '../http/page.js';
import { Table, esc } from '../ui/components.js';
import { formatNumber } from '../i18n/format.js';

/** The Bridges look for every chart: system fonts, the site's blue, readable sizes. */
const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  background: 'white',
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1b1b1b', titleColor: '#1b1b1b', gridColor: '#e2e4e8' },
  mark: { color: '#0b4f8a' },
  view: { stroke: null },
};

/**
 * A Vega-Lite spec drawn as SVG on the server (no script in the page). The SVG is a picture with
 * a title; the numbers are always in the table beside it.
 */
export async function chartSvg(spec: TopLevelSpec, title: string): Promise<string> {
  // Loaded on first use: Vega is large, and most processes never draw a chart.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile({ ...spec, config: CONFIG } as TopLevelSpec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  await view.finalize();
  const safeTitle = title.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return svg.replace('<svg ', `<svg role="img" aria-label="${safeTitle}" `).replace(/<svg([^>]*)>/, `<svg$1><title>${safeTitle}</title>`);
}

export interface Series {
  label: string;
  value: number;
}

/** A bar chart of labelled values, and the same values as a table with a caption. */
export async function barChart(c: Pick<PageContext, 'locale' | 't'>, o: { title: string; labelHeader: string; valueHeader: string; data: Series[]; horizontal?: boolean }): Promise<JSX.Element> {
  const spec: TopLevelSpec = {
    width: 320,
    height: o.horizontal ? Math.max(60, o.data.length * 24) : 160,
    data: { values: o.data },
    mark: { type: 'bar', tooltip: false },
    encoding: o.horizontal
      ? { y: { field: 'label', type: 'nominal', title: null, sort: null }, x: { field: 'value', type: 'quantitative', title: o.valueHeader } }
      : { x: { field: 'label', type: 'ordinal', title: null, sort: null, axis: { labelAngle: 0 } }, y: { field: 'value', type: 'quantitative', title: o.valueHeader } },
  };
  const svg = o.data.length ? await chartSvg(spec, o.title) : '';
  return (
    <figure class="chart">
      <figcaption class="chart-title" safe>
        {o.title}
      </figcaption>
      {svg as 'safe'}
      <Table caption={o.title} head={[o.labelHeader, o.valueHeader]} numeric={[1]} empty={c.t('admin.none')} rows={o.data.map((d) => [esc(d.label), esc(formatNumber(c.locale, d.value))])} />
    </figure>
  );
}
