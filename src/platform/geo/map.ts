import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type GeoContext, geoEqualEarth, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import iso from 'i18n-iso-countries/index.js';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Locale } from '../i18n/locales.js';
import { countryName } from './countries.js';

const WIDTH = 960;
/** Grey for countries without members. */
const NONE = '#e2e4e8';
/** Sequential blues, light to dark; the three darker ones contrast at least 3:1 with white. */
const BLUES = ['#9ecae1', '#4292c6', '#08519c', '#08306b'] as const;
/** Which blues to use when the counts only fill 1, 2, 3 or 4 classes: always the darker, well-separated ones. */
const SHADES = [[], [3], [1, 3], [1, 2, 3], [0, 1, 2, 3]] as const;
/** Natural Earth shapes that world-atlas gives no ISO numeric id. */
const UNNUMBERED: Record<string, string> = { Kosovo: 'XK', 'N. Cyprus': 'CY', Somaliland: 'SO' };

/** How far, in pixels of the 960-wide map, a simplified border may stray from Natural Earth's 1:110m one. */
const TOLERANCE = 1;

type Point = [number, number];
type Countries = FeatureCollection<Geometry, { name: string }>;
type World = Topology<{ countries: GeometryCollection<{ name: string }> }>;
interface ProjectedMap {
  height: number;
  shapes: { code: string; d: string }[];
}
let cache: ProjectedMap | undefined;

/** Distance from p to the segment a–b. */
function distance([x, y]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = dx || dy ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy))) : 0;
  return Math.hypot(ax + t * dx - x, ay + t * dy - y);
}

/** Douglas–Peucker on the projected points i..j of an arc, marking the points to keep. */
function simplify(xy: Point[], keep: boolean[], i: number, j: number): void {
  let far = -1;
  let max = TOLERANCE;
  for (let k = i + 1; k < j; k++) {
    const d = distance(xy[k], xy[i], xy[j]);
    if (d > max) [far, max] = [k, d];
  }
  if (far < 0) return;
  keep[far] = true;
  simplify(xy, keep, i, far);
  simplify(xy, keep, far, j);
}

/**
 * Simplifies the topology's arcs (shared borders) in projected pixels, keeping their end points,
 * so that neighbours still meet exactly. Returns the arcs as absolute longitude/latitude.
 */
function simplifyArcs(topology: World, project: (p: Point) => Point): Point[][] {
  const { scale, translate } = topology.transform!;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const points = arc.map(([dx, dy]): Point => {
      x += dx;
      y += dy;
      return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
    });
    const xy = points.map(project);
    const keep = points.map((_, i) => i === 0 || i === points.length - 1);
    // Split at the point farthest from the start, so closed rings (start = end) simplify too.
    const fromStart = xy.map(([px, py]) => Math.hypot(px - xy[0][0], py - xy[0][1]));
    const far = fromStart.indexOf(Math.max(...fromStart));
    keep[far] = true;
    simplify(xy, keep, 0, far);
    simplify(xy, keep, far, points.length - 1);
    return points.filter((_, i) => keep[i]);
  });
}

/** A d3-geo path context writing compact SVG path data: whole pixels, relative moves, no repeated points. */
class CompactPath implements GeoContext {
  d = '';
  private ring: Point[] = [];
  moveTo(x: number, y: number): void {
    this.ring = [[Math.round(x), Math.round(y)]];
  }
  lineTo(x: number, y: number): void {
    const [px, py] = this.ring[this.ring.length - 1];
    const [rx, ry] = [Math.round(x), Math.round(y)];
    if (rx !== px || ry !== py) this.ring.push([rx, ry]);
  }
  closePath(): void {
    const ring = this.ring;
    if (ring.length < 3) return; // too small to see at this scale
    let d = `M${ring[0][0]} ${ring[0][1]}l`;
    for (let i = 1; i < ring.length; i++) {
      const [dx, dy] = [ring[i][0] - ring[i - 1][0], ring[i][1] - ring[i - 1][1]];
      d += `${i > 1 && dx >= 0 ? ' ' : ''}${dx}${dy >= 0 ? ' ' : ''}${dy}`;
    }
    this.d += `${d}z`;
  }
  beginPath(): void {}
  arc(): void {}
}

/** Projects world-atlas' 1:110m countries once: one compact SVG path per alpha-2 code, Antarctica left out. */
function loadMap(): ProjectedMap {
  if (cache) return cache;
  const file = createRequire(import.meta.url).resolve('world-atlas/countries-110m.json');
  const topology = JSON.parse(readFileSync(file, 'utf8')) as World;
  const withoutAntarctica = (all: Countries): Countries => ({
    type: 'FeatureCollection',
    features: all.features.filter((f) => f.id !== '010'),
  });
  const projection = geoEqualEarth().fitWidth(WIDTH, withoutAntarctica(feature(topology, topology.objects.countries)));
  const arcs = simplifyArcs(topology, (p) => projection(p) ?? p);
  const simplified: World = { type: 'Topology', objects: topology.objects, arcs };
  const countries = withoutAntarctica(feature(simplified, simplified.objects.countries));
  const byCode = new Map<string, string>();
  for (const f of countries.features) {
    const code = f.id === undefined ? UNNUMBERED[f.properties.name] : iso.numericToAlpha2(f.id);
    const context = new CompactPath();
    geoPath(projection, context)(f);
    if (code && context.d) byCode.set(code, (byCode.get(code) ?? '') + context.d);
  }
  const [, [, bottom]] = geoPath(projection).bounds(countries);
  cache = { height: Math.ceil(bottom), shapes: [...byCode].map(([code, d]) => ({ code, d })) };
  return cache;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const countOf = (counts: Record<string, number>, code: string) => {
  const n = Object.hasOwn(counts, code) ? counts[code] : 0;
  return Number.isInteger(n) && n > 0 ? n : 0;
};

/** Upper bounds of the non-zero classes: up to four quantiles of the distinct positive counts. */
function classTops(counts: Record<string, number>): number[] {
  const values = [...new Set(Object.keys(counts).map((code) => countOf(counts, code)))].filter((n) => n > 0);
  values.sort((a, b) => a - b);
  if (values.length <= 4) return values;
  return [1, 2, 3, 4].map((k) => values[Math.ceil((k * values.length) / 4) - 1]);
}

/**
 * The map's classes, for an HTML legend: first the grey "0" class, then up to four ranges of member counts
 * with their fill and a label formatted for `locale` (e.g. "1–3").
 */
export function mapLegend(
  counts: Record<string, number>,
  locale: Locale,
): { from: number; to: number; fill: string; label: string }[] {
  const fmt = new Intl.NumberFormat(locale);
  const tops = classTops(counts);
  const shades = SHADES[tops.length];
  return [
    { from: 0, to: 0, fill: NONE, label: fmt.format(0) },
    ...tops.map((to, i) => {
      const from = i === 0 ? 1 : tops[i - 1] + 1;
      const label = from === to ? fmt.format(to) : `${fmt.format(from)}–${fmt.format(to)}`;
      return { from, to, fill: BLUES[shades[i]], label };
    }),
  ];
}

/**
 * An accessible inline SVG world map (Equal Earth projection) shading each country by its count of members.
 * Colours are presentation attributes, so it passes a CSP without inline styles. Countries too small for the
 * 1:110m map (e.g. Singapore, Malta) are not drawn: pair the map with a table of the same counts.
 */
export function renderWorldMap(opts: {
  counts: Record<string, number>;
  locale: Locale;
  title: string;
  description: string;
  id?: string;
}): string {
  const id = opts.id ?? 'world-map';
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new Error(`Invalid map id: ${id}`);
  const { height, shapes } = loadMap();
  const fmt = new Intl.NumberFormat(opts.locale);
  const tops = classTops(opts.counts);
  const shades = SHADES[tops.length];
  const paths = shapes.map(({ code, d }) => {
    const n = countOf(opts.counts, code);
    if (n === 0) return `<path class="m0" fill="${NONE}" d="${d}"/>`;
    const k = tops.findIndex((top) => n <= top);
    const title = escape(`${countryName(code, opts.locale)}: ${fmt.format(n)}`);
    return `<path class="m${k + 1}" fill="${BLUES[shades[k]]}" d="${d}"><title>${title}</title></path>`;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escape(opts.title)}</title><desc id="${id}-desc">${escape(opts.description)}</desc>` +
    `<g stroke="#fff" stroke-width="0.5" stroke-linejoin="round">${paths.join('')}</g></svg>`
  );
}
