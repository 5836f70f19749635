import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import iso from 'i18n-iso-countries/index.js';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/locales.js';
import {
  COUNTRY_CODES,
  CURRENT_INCOME_YEAR,
  INCOME_CLASSIFICATION,
  INCOME_GROUPS,
  INCOME_YEARS,
  incomeClassification,
  incomeYearAt,
  UNESCO_REGIONS,
  countriesInIncomeGroups,
  countriesInRegion,
  countryName,
  countryOptions,
  incomeGroupName,
  incomeGroupOf,
  isCountryCode,
  regionName,
  regionOf,
  m49RegionOf,
  m49RegionName,
  M49_REGIONS,
} from './countries.js';
import { mapLegend, renderWorldMap } from './map.js';

/** The 193 member states of the United Nations. */
const UN_MEMBERS = `AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD
  CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT GN GW GY
  HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM
  MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST SA
  SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN
  YE ZM ZW`.split(/\s+/);

const incomeFile = JSON.parse(readFileSync(new URL('./data/world-bank-income-groups.json', import.meta.url), 'utf8')) as {
  countries: Record<string, string>;
};
const regionsFile = JSON.parse(readFileSync(new URL('./data/unesco-regions.json', import.meta.url), 'utf8')) as {
  countries: Record<string, string>;
};

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('UN M49 regions', () => {
  it('gives every accepted country one of the five regions, by geography', () => {
    expect(COUNTRY_CODES.filter((code) => !m49RegionOf(code))).toEqual([]);
    expect(m49RegionOf('EG')).toBe('002');
    expect(m49RegionOf('NG')).toBe('002');
    expect(m49RegionOf('US')).toBe('019');
    expect(m49RegionOf('BR')).toBe('019');
    for (const code of ['TR', 'CY', 'IL', 'KZ', 'VN', 'TW']) expect(m49RegionOf(code), code).toBe('142');
    for (const code of ['RU', 'FR', 'XK']) expect(m49RegionOf(code), code).toBe('150');
    expect(m49RegionOf('AU')).toBe('009');
    expect(m49RegionOf('ZZ')).toBeNull();
  });

  it('names each region in the six languages', () => {
    for (const r of M49_REGIONS) for (const l of LOCALES) expect(m49RegionName(r, l), `${r} ${l}`).toMatch(/\S/);
    expect(m49RegionName('019', 'fr')).toBe('Amériques');
  });
});

describe('UNESCO regions', () => {
  it('gives every UN member state a region', () => {
    expect(new Set(UN_MEMBERS).size).toBe(193);
    expect(UN_MEMBERS.filter((code) => !isCountryCode(code) || !regionOf(code))).toEqual([]);
  });

  it('covers every territory i18n-iso-countries knows except Antarctica, and nothing else', () => {
    const known = Object.keys(iso.getAlpha2Codes());
    expect(known.filter((code) => !isCountryCode(code))).toEqual(['AQ']);
    expect(COUNTRY_CODES.filter((code) => !known.includes(code))).toEqual([]);
    const regions = new Set<string>(UNESCO_REGIONS);
    expect(Object.values(regionsFile.countries).filter((r) => !regions.has(r))).toEqual([]);
  });

  it('follows UNESCO rather than plain geography', () => {
    expect(regionOf('FR')).toBe('europe-north-america');
    expect(regionOf('EG')).toBe('arab-states');
    expect(regionOf('BR')).toBe('latin-america-caribbean');
    expect(regionOf('VN')).toBe('asia-pacific');
    expect(regionOf('NG')).toBe('africa');
    for (const code of ['DJ', 'MR', 'SO', 'SD', 'PS']) expect(regionOf(code), code).toBe('arab-states');
    for (const code of ['IL', 'TR', 'CY', 'RU', 'GE', 'US', 'CA']) expect(regionOf(code), code).toBe('europe-north-america');
    for (const code of ['KZ', 'UZ', 'IR', 'AF', 'AU']) expect(regionOf(code), code).toBe('asia-pacific');
    expect(regionOf('ZZ')).toBeNull();
  });

  it('lists the countries of a region', () => {
    const arab = countriesInRegion('arab-states');
    expect(arab).toContain('EG');
    expect(arab).not.toContain('IL');
    expect(UNESCO_REGIONS.flatMap((r) => countriesInRegion(r)).sort()).toEqual([...COUNTRY_CODES]);
  });
});

describe('World Bank income groups (FY2025)', () => {
  it('cites its source', () => {
    expect(incomeClassification('FY2025')).toEqual({
      source: 'World Bank, World Development Indicators: country classifications by income level',
      fiscalYear: 'FY2025',
      validFrom: '2024-07-01',
      validTo: '2025-06-30',
    });
  });

  it('classifies well-known cases, including the FY2025 moves', () => {
    const expected = {
      FR: 'high', IN: 'lower-middle', BR: 'upper-middle', AF: 'low', NG: 'lower-middle', ET: 'low', CN: 'upper-middle',
      RU: 'high', BG: 'high', PW: 'high', DZ: 'upper-middle', IR: 'upper-middle', MN: 'upper-middle', UA: 'upper-middle',
      PS: 'lower-middle', NA: 'upper-middle', GY: 'high', XK: 'upper-middle', JE: 'high', GG: 'high',
    };
    for (const [code, group] of Object.entries(expected)) expect(incomeGroupOf(code, 'FY2025'), code).toBe(group);
    expect(incomeGroupOf('VE', 'FY2025')).toBeNull();
    expect(incomeGroupOf('RE', 'FY2025')).toBeNull();
  });

  it('has 217 economies: 26 low, 51 lower-middle, 54 upper-middle, 86 high (Channel Islands as GG and JE)', () => {
    const sizes = INCOME_GROUPS.map((g) => countriesInIncomeGroups([g], 'FY2025').length);
    expect(sizes).toEqual([26, 51, 54, 87]);
    expect(countriesInIncomeGroups([...INCOME_GROUPS], 'FY2025')).toHaveLength(218);
    expect(countriesInIncomeGroups(['low', 'lower-middle'], 'FY2025')).toEqual(expect.arrayContaining(['AF', 'IN']));
    expect(countriesInIncomeGroups([], 'FY2025')).toEqual([]);
  });

  it('only uses alpha-2 codes that i18n-iso-countries knows and that have a region', () => {
    for (const code of Object.keys(incomeFile.countries)) {
      expect(iso.isValid(code), code).toBe(true);
      expect(isCountryCode(code), code).toBe(true);
    }
  });
});

describe('World Bank income groups (FY2026), beside FY2025', () => {
  const fy2026 = JSON.parse(readFileSync(new URL('./data/world-bank-income-groups-fy2026.json', import.meta.url), 'utf8')) as { source: string; fiscalYear: string; notes: string[]; countries: Record<string, string> };

  it('ships both years, each file stating its source and fiscal year; FY2026 says how it was made', () => {
    expect(INCOME_YEARS).toEqual(['FY2025', 'FY2026']);
    expect(incomeClassification('FY2026')).toEqual({ source: incomeClassification('FY2025').source, fiscalYear: 'FY2026', validFrom: '2025-07-01', validTo: '2026-06-30' });
    expect(fy2026.notes.join(' ')).toContain('2024 gross national income');
    expect(fy2026.notes.join(' ')).toMatch(/copy of the FY2025 file .* exactly four moves/);
  });

  it('applies exactly the four known moves to FY2025, nothing else', () => {
    expect(incomeGroupOf('CR', 'FY2026')).toBe('high');
    expect(incomeGroupOf('CV', 'FY2026')).toBe('upper-middle');
    expect(incomeGroupOf('WS', 'FY2026')).toBe('upper-middle');
    expect(incomeGroupOf('NA', 'FY2026')).toBe('lower-middle');
    const changed = COUNTRY_CODES.filter((code) => incomeGroupOf(code, 'FY2025') !== incomeGroupOf(code, 'FY2026'));
    expect(changed).toEqual(['CR', 'CV', 'NA', 'WS']);
    expect(Object.keys(fy2026.countries)).toHaveLength(Object.keys(incomeFile.countries).length);
    expect(INCOME_GROUPS.map((g) => countriesInIncomeGroups([g], 'FY2026').length)).toEqual([26, 50, 54, 88]);
  });

  it('knows which classification was in force on a date: each begins on 1 July; before the oldest shipped, the oldest', () => {
    expect(incomeYearAt(new Date('2025-06-30T23:59:59Z'))).toBe('FY2025');
    expect(incomeYearAt(new Date('2025-07-01T00:00:00Z'))).toBe('FY2026');
    expect(incomeYearAt(new Date('2027-01-01T00:00:00Z'))).toBe('FY2026');
    expect(incomeYearAt(new Date('2024-01-01T00:00:00Z'))).toBe('FY2025');
    // Without a year, the one in force today, and the figures cite that one.
    expect(CURRENT_INCOME_YEAR).toBe(incomeYearAt(new Date()));
    expect(INCOME_CLASSIFICATION.fiscalYear).toBe(CURRENT_INCOME_YEAR);
    expect(incomeGroupOf('CR')).toBe(incomeGroupOf('CR', CURRENT_INCOME_YEAR));
  });
});

describe('names', () => {
  it('names every region and income group in all six languages', () => {
    for (const locale of LOCALES) {
      for (const r of UNESCO_REGIONS) expect(regionName(r, locale).trim(), `${r} ${locale}`).not.toBe('');
      for (const g of INCOME_GROUPS) expect(incomeGroupName(g, locale).trim(), `${g} ${locale}`).not.toBe('');
    }
    expect(regionName('asia-pacific', 'en')).toBe('Asia and the Pacific');
    expect(regionName('arab-states', 'fr')).toBe('États arabes');
    expect(incomeGroupName('upper-middle', 'en')).toBe('Upper-middle income');
  });

  it('names countries in Arabic and Chinese, falling back to the code', () => {
    expect(countryName('EG', 'ar')).toBe('مصر');
    expect(countryName('FR', 'zh')).toBe('法国');
    expect(countryName('DE', 'ru')).toBe('Германия');
    expect(countryName('ZZ', 'fr')).toBe('ZZ');
  });

  it('accepts only known upper-case codes', () => {
    expect(isCountryCode('FR')).toBe(true);
    expect(isCountryCode('XK')).toBe(true);
    for (const bad of ['fr', 'AQ', 'ZZ', '__proto__', 'constructor', 42, null, undefined]) {
      expect(isCountryCode(bad)).toBe(false);
    }
  });

  it('sorts the country options with the locale’s collation', () => {
    const options = countryOptions('fr');
    expect(options.map((o) => o.value).sort()).toEqual([...COUNTRY_CODES]);
    const collator = new Intl.Collator('fr');
    for (let i = 1; i < options.length; i++) {
      expect(collator.compare(options[i - 1].label, options[i].label)).toBeLessThanOrEqual(0);
    }
    const at = (label: string) => options.findIndex((o) => o.label === label);
    // É sorts with E, not after Z as a code-point sort would put it.
    expect(at('Égypte')).toBeGreaterThan(at('Dominique'));
    expect(at('Équateur')).toBeLessThan(at('Espagne'));
    expect(at('États-Unis')).toBeLessThan(at('Finlande'));
    options.pop(); // the caller's copy, not the cache
    expect(countryOptions('fr')).toHaveLength(COUNTRY_CODES.length);
  });
});

describe('world map', () => {
  const everyCountry = Object.fromEntries(COUNTRY_CODES.map((code, i) => [code, ((i * 7919) % 2000) + 1]));

  it('is an accessible SVG with escaped text', () => {
    const svg = renderWorldMap({
      counts: { FR: 3 },
      locale: 'en',
      title: 'Members <by> "country" & region',
      description: 'Where our members are',
      id: 'members',
    });
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*>/);
    expect(svg).toContain('aria-labelledby="members-title members-desc"');
    expect(svg).toContain('<title id="members-title">Members &lt;by&gt; &quot;country&quot; &amp; region</title>');
    expect(svg).toContain('<desc id="members-desc">Where our members are</desc>');
    expect(svg).toContain('<title>France: 3</title>');
    expect(svg).not.toMatch(/<style|style=/);
    expect(() => renderWorldMap({ counts: {}, locale: 'en', title: 't', description: 'd', id: 'a"b' })).toThrow();
  });

  it('fills countries with members differently from the others', () => {
    const svg = renderWorldMap({ counts: { FR: 3 }, locale: 'en', title: 't', description: 'd' });
    const fills = [...svg.matchAll(/<path class="m(\d)" fill="(#[0-9a-f]{6})"/g)].map(([, cls, fill]) => ({ cls, fill }));
    const france = svg.match(/fill="(#[0-9a-f]{6})" d="[^"]*"><title>France: 3/)?.[1];
    expect(france).toBeDefined();
    expect(fills.filter((f) => f.fill === france)).toHaveLength(1);
    expect(new Set(fills.filter((f) => f.cls === '0').map((f) => f.fill))).toEqual(new Set(['#e2e4e8']));
    expect(fills.length).toBeGreaterThan(150);
  });

  it('titles countries in the page language with localised numbers, including Kosovo', () => {
    const svg = renderWorldMap({ counts: { EG: 1234, XK: 2 }, locale: 'ar', title: 'خريطة', description: 'الأعضاء' });
    expect(svg).toContain(`<title>مصر: ${new Intl.NumberFormat('ar').format(1234)}</title>`);
    expect(svg).toContain(`<title>كوسوفو: ${new Intl.NumberFormat('ar').format(2)}</title>`);
  });

  it('stays under 40 KB raw and 14 KB gzipped with every country filled, in every language', () => {
    for (const locale of LOCALES) {
      const svg = renderWorldMap({ counts: everyCountry, locale, title: 'Members by country', description: 'A map' });
      const raw = Buffer.byteLength(svg);
      expect(raw, locale).toBeLessThan(40_000);
      expect(gzipSync(svg).length, locale).toBeLessThan(14_000);
    }
  });

  it('has a legend of a grey zero class and up to four blue classes', () => {
    expect(mapLegend({ FR: 3 }, 'en')).toEqual([
      { from: 0, to: 0, fill: '#e2e4e8', label: '0' },
      { from: 1, to: 3, fill: '#08306b', label: '1–3' },
    ]);
    const legend = mapLegend(everyCountry, 'en');
    expect(legend).toHaveLength(5);
    expect(legend.map((c) => c.from)).toEqual([0, 1, legend[1].to + 1, legend[2].to + 1, legend[3].to + 1]);
    expect(legend[4].to).toBe(Math.max(...Object.values(everyCountry)));
    expect(new Set(legend.map((c) => c.fill)).size).toBe(5);
    for (const c of legend.slice(2)) expect(contrast(c.fill, '#ffffff'), c.fill).toBeGreaterThanOrEqual(3);
    // Every fill the map uses is in its legend.
    const svg = renderWorldMap({ counts: everyCountry, locale: 'en', title: 't', description: 'd' });
    const used = new Set([...svg.matchAll(/fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
    expect([...used].every((f) => legend.some((c) => c.fill === f))).toBe(true);
  });
});
