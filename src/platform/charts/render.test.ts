import { describe, expect, it } from 'vitest';
import { barChart, barSpec, chartSvg, countTicks, CHART_WIDTH, wrapLabel, type BarChartOptions } from './render.js';
import type { Locale } from '../i18n/locales.js';
import type { TopLevelSpec } from 'vega-lite';

const CATEGORIES = [
  { label: 'Alliance member', value: 1 },
  { label: 'Invited practitioner (teacher, school leader, teacher educator, curriculum developer, assessment expert)', value: 0 },
  { label: 'Lower-middle income', value: 1 },
  { label: 'Member State delegation / policymaker', value: 0 },
];

async function draw(locale: Locale, o: Partial<BarChartOptions> & Pick<BarChartOptions, 'data'>) {
  return chartSvg(barSpec(locale, { title: 'Registrations by category', labelHeader: 'Category', valueHeader: 'Registrations', ...o }), 'Registrations by category');
}

/** The text drawn in one kind of mark of the SVG ("axis-label", "mark"...), each text element's lines joined by a space. */
function texts(svg: string, role: string): string[] {
  const group = svg.match(new RegExp(`<g class="mark-text role-${role}[" ][^>]*>(.*?)</g>`, 'gs')) ?? [];
  return group.flatMap((g) => [...g.matchAll(/<text[^>]*>(.*?)<\/text>/gs)].map((m) => m[1]!.replace(/<tspan[^>]*>/g, ' ').replace(/<\/tspan>/g, '').replace(/[\u2067\u2069]/g, '').replace(/&amp;/g, '&').trim()));
}

describe('axis ticks of counts', () => {
  it('are whole numbers from 0, evenly spaced, reaching the largest count, six at most', () => {
    for (let max = 0; max <= 2000; max += max < 30 ? 1 : 37) {
      const ticks = countTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.every(Number.isInteger), `max ${max}: ${ticks}`).toBe(true);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(new Set(ticks.slice(1).map((t, i) => t - ticks[i]!)).size).toBe(1);
    }
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
  });

  it('are drawn as whole numbers when every count is small (no 0.5 of a person)', async () => {
    for (const horizontal of [true, false]) {
      const labels = texts(await draw('en', { data: CATEGORIES, horizontal }), 'axis-label').filter((l) => /\d/.test(l));
      expect(labels).toEqual(['0', '1']);
    }
    const none = texts(await draw('en', { data: CATEGORIES.map((d) => ({ ...d, value: 0 })), horizontal: true }), 'axis-label');
    expect(none.every((l) => /^\d+$/.test(l))).toBe(true);
    expect(texts(await draw('fr', { data: [{ label: 'Budget', value: 60000 }], horizontal: true, amounts: true }), 'axis-label')).toContain('60\u202f000');
  });
});

describe('labels', () => {
  it('are wrapped into lines that fit the chart, never cut short', () => {
    for (const text of [CATEGORIES[1]!.label, 'Supercalifragilisticexpialidociousandthensomemoreletters', '受邀从业者（教师、学校领导、教师教育者、课程开发者、评估专家）']) {
      const lines = wrapLabel(text, 200);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
    expect(wrapLabel('Press', 200)).toEqual(['Press']);
  });

  it('are drawn whole in a chart of bars across, in every direction, at 14 px, in a chart that fits a phone', async () => {
    for (const locale of ['en', 'ar'] as const) {
      const svg = await draw(locale, { data: CATEGORIES, horizontal: true });
      expect(svg).not.toContain('…');
      expect(texts(svg, 'mark')).toEqual(expect.arrayContaining(CATEGORIES.map((d) => d.label)));
      expect(Number(svg.match(/<svg[^>]* width="(\d+)"/)![1])).toBeLessThanOrEqual(CHART_WIDTH);
      expect([...svg.matchAll(/font-size="(\d+)px"/g)].every((m) => Number(m[1]) >= 14)).toBe(true);
    }
  });

  it('are not cut short under columns either', async () => {
    const svg = await draw('en', { data: [{ label: '2027-01-05', value: 3 }, { label: '2027-01-06', value: 1 }] });
    expect(svg).not.toContain('…');
    expect(texts(svg, 'axis-label')).toEqual(expect.arrayContaining(['2027-01-05', '2027-01-06']));
  });
});

describe('a chart drawn again', () => {
  it('with other values, on the view kept for its shape, is the SVG a new view draws — in every direction, one drawing after another or many at once', async () => {
    // `usermeta` is ignored by Vega and Vega-Lite: a spec with it has a view of its own, drawn anew.
    const anew = (spec: TopLevelSpec, n: number) => chartSvg({ ...spec, usermeta: { anew: n } } as TopLevelSpec, 'Registrations by category');
    const labels = CATEGORIES.map((d) => d.label);
    // Same labels and the same largest count: the same shape, other values.
    const specs = (locale: Locale, amounts: boolean) =>
      Array.from({ length: 6 }, (_, i) => barSpec(locale, { title: 'Registrations by category', labelHeader: 'Category', valueHeader: 'Registrations', amounts, horizontal: true, data: labels.map((label, j) => ({ label, value: j === i % 4 ? 199 : i === 3 && j === 1 ? 0 : 100 + ((i * 37 + j * 11) % 99) })) }));
    let n = 0;
    for (const locale of ['en', 'ar', 'zh'] as const) {
      for (const amounts of [false, true]) {
        const drawn: string[] = [];
        for (const spec of specs(locale, amounts)) {
          const svg = await chartSvg(spec, 'Registrations by category');
          expect(svg).toBe(await anew(spec, n++));
          drawn.push(svg);
        }
        expect(new Set(drawn).size).toBe(drawn.length);
      }
    }
    const together = specs('fr', false);
    const svgs = await Promise.all(together.map((spec) => chartSvg(spec, 'Registrations by category')));
    for (const [i, spec] of together.entries()) expect(svgs[i]).toBe(await anew(spec, n++));
  });
});

describe('a chart on a page', () => {
  it('shows its title once, and its numbers in a table to open beneath it', async () => {
    const html = String(await barChart({ locale: 'en', t: (k: string) => (k === 'charts.showTable' ? 'Show the numbers' : k) } as never, { title: 'Registrations by region', labelHeader: 'Region', valueHeader: 'Registrations', data: [{ label: 'Africa', value: 2 }], horizontal: true }));
    expect(html.match(/<figcaption[^>]*>Registrations by region<\/figcaption>/g)).toHaveLength(1);
    expect(html).toMatch(/<details class="chart-data"><summary><span>Show the numbers<\/span><span class="visually-hidden">: Registrations by region<\/span><\/summary>.*<caption>Registrations by region<\/caption>.*Africa<\/td><td class="num">2</s);
  });
});
