import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import iso from 'i18n-iso-countries/index.js';
import { LOCALES, type Locale } from '../i18n/locales.js';

/** UNESCO's five regions for its regional activities. */
export const UNESCO_REGIONS = [
  'africa',
  'arab-states',
  'asia-pacific',
  'europe-north-america',
  'latin-america-caribbean',
] as const;
export type UnescoRegion = (typeof UNESCO_REGIONS)[number];

/** The five regions of the UN M49 standard (level 1), by their M49 codes: Africa, Americas, Asia, Europe, Oceania. */
export const M49_REGIONS = ['002', '019', '142', '150', '009'] as const;
export type M49Region = (typeof M49_REGIONS)[number];

/** The World Bank's four income groups, poorest first. */
export const INCOME_GROUPS = ['low', 'lower-middle', 'upper-middle', 'high'] as const;
export type IncomeGroup = (typeof INCOME_GROUPS)[number];

type Names = Record<Locale, string>;
interface RegionsFile {
  regions: Record<UnescoRegion, { names: Names }>;
  countries: Record<string, UnescoRegion>;
}
interface IncomeFile {
  source: string;
  fiscalYear: string;
  validFrom: string;
  validTo: string;
  groups: Record<IncomeGroup, { names: Names }>;
  countries: Record<string, IncomeGroup>;
}

const readJson = <T>(url: URL | string): T => JSON.parse(readFileSync(url, 'utf8')) as T;
const regionsFile = readJson<RegionsFile>(new URL('./data/unesco-regions.json', import.meta.url));
/** The World Bank classifications shipped, one file per fiscal year (each states its source and year), oldest first. */
const incomeFiles = ['world-bank-income-groups.json', 'world-bank-income-groups-fy2026.json']
  .map((name) => readJson<IncomeFile>(new URL(`./data/${name}`, import.meta.url)))
  .sort((a, b) => a.validFrom.localeCompare(b.validFrom));
const REGION = new Map(Object.entries(regionsFile.countries));
interface M49File {
  source: string;
  regions: Record<M49Region, { names: Names }>;
  countries: Record<string, M49Region>;
}
const m49File = readJson<M49File>(new URL('./data/un-m49-regions.json', import.meta.url));
const M49 = new Map(Object.entries(m49File.countries));
const INCOME_BY_YEAR = new Map(incomeFiles.map((f) => [f.fiscalYear, new Map(Object.entries(f.countries))]));

/** The fiscal years of the income classifications shipped ("FY2025", "FY2026", …), oldest first. */
export const INCOME_YEARS: readonly string[] = Object.freeze(incomeFiles.map((f) => f.fiscalYear));

export function isIncomeYear(year: unknown): year is string {
  return typeof year === 'string' && INCOME_BY_YEAR.has(year);
}

/**
 * The classification in force on a date: the newest shipped whose year had begun (1 July). A date
 * before every shipped year gets the oldest one shipped.
 */
export function incomeYearAt(date: Date): string {
  const day = date.toISOString().slice(0, 10);
  return incomeFiles.filter((f) => f.validFrom <= day).at(-1)?.fiscalYear ?? incomeFiles[0]!.fiscalYear;
}

/** The classification in force today: what income groups mean wherever no other year is asked for. */
export const CURRENT_INCOME_YEAR = incomeYearAt(new Date());
const incomeFile = incomeFiles.find((f) => f.fiscalYear === CURRENT_INCOME_YEAR)!;
const yearMap = (year: string) => INCOME_BY_YEAR.get(year) ?? INCOME_BY_YEAR.get(CURRENT_INCOME_YEAR)!;

const require = createRequire(import.meta.url);
for (const locale of LOCALES) iso.registerLocale(readJson(require.resolve(`i18n-iso-countries/langs/${locale}.json`)));

/** Every ISO 3166-1 alpha-2 code the app accepts as a country (those with a UNESCO region), sorted. */
export const COUNTRY_CODES: readonly string[] = Object.freeze([...REGION.keys()].sort());

/** Whether `code` is an accepted country code (upper-case alpha-2, e.g. "FR"). */
export function isCountryCode(code: unknown): code is string {
  return typeof code === 'string' && REGION.has(code);
}

/** The country's short name in `locale`, falling back to English, then to the code itself. */
export function countryName(code: string, locale: Locale): string {
  return iso.getName(code, locale) ?? iso.getName(code, 'en') ?? code;
}

const options = new Map<Locale, readonly { value: string; label: string }[]>();

/** Every accepted country as a select option, sorted by its name in `locale`. */
export function countryOptions(locale: Locale): { value: string; label: string }[] {
  let list = options.get(locale);
  if (!list) {
    const collator = new Intl.Collator(locale);
    list = COUNTRY_CODES.map((value) => Object.freeze({ value, label: countryName(value, locale) })).sort((a, b) =>
      collator.compare(a.label, b.label),
    );
    options.set(locale, list);
  }
  return [...list];
}

/** The country's UNESCO region, or null for an unknown code. */
export function regionOf(code: string): UnescoRegion | null {
  return REGION.get(code) ?? null;
}

/** The country's UN M49 region (level 1), or null for an unknown code. */
export function m49RegionOf(code: string): M49Region | null {
  return M49.get(code) ?? null;
}

/** The UN's name of the M49 region in `locale`. */
export function m49RegionName(region: M49Region, locale: Locale): string {
  return m49File.regions[region].names[locale];
}

/** Where the M49 regions come from, for pages to cite. */
export const M49_SOURCE: string = m49File.source;

/** UNESCO's official name of the region in `locale`. */
export function regionName(region: UnescoRegion, locale: Locale): string {
  return regionsFile.regions[region].names[locale];
}

/** The country's World Bank income group in a fiscal year's classification (by default the one in force), or null when the World Bank does not classify it (e.g. Venezuela). */
export function incomeGroupOf(code: string, year: string = CURRENT_INCOME_YEAR): IncomeGroup | null {
  return (yearMap(year).get(code) as IncomeGroup | undefined) ?? null;
}

/** The World Bank's name of the income group in `locale`. */
export function incomeGroupName(group: IncomeGroup, locale: Locale): string {
  return incomeFile.groups[group].names[locale];
}

/** Which World Bank classification the income groups come from by default (the one in force), for pages to cite. */
export const INCOME_CLASSIFICATION: Readonly<{ source: string; fiscalYear: string; validFrom: string }> = Object.freeze({
  source: incomeFile.source,
  fiscalYear: incomeFile.fiscalYear,
  validFrom: incomeFile.validFrom,
});

/** A shipped classification's source and dates, for pages to cite. */
export function incomeClassification(year: string): { source: string; fiscalYear: string; validFrom: string; validTo: string } {
  const f = incomeFiles.find((x) => x.fiscalYear === year) ?? incomeFile;
  return { source: f.source, fiscalYear: f.fiscalYear, validFrom: f.validFrom, validTo: f.validTo };
}

/** The accepted country codes in a UNESCO region, sorted. */
export function countriesInRegion(region: UnescoRegion): string[] {
  return COUNTRY_CODES.filter((code) => REGION.get(code) === region);
}

/** The accepted country codes in any of the given income groups (in a fiscal year's classification, by default the one in force), sorted. */
export function countriesInIncomeGroups(groups: readonly IncomeGroup[], year: string = CURRENT_INCOME_YEAR): string[] {
  const wanted = new Set<string>(groups);
  const income = yearMap(year);
  return COUNTRY_CODES.filter((code) => wanted.has(income.get(code) ?? ''));
}
