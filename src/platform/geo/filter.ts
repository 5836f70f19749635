import { eq, inArray, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { countriesInIncomeGroups, countriesInRegion, type IncomeGroup, type UnescoRegion } from './countries.js';

/** Who-takes-part filters every list offers: a country, a UNESCO region, a World Bank income group. */
export interface PlaceFilter {
  country?: string;
  region?: UnescoRegion;
  income?: IncomeGroup;
  /** The World Bank classification `income` is read in (a fiscal year, e.g. "FY2026"); by default the one in force. */
  incomeYear?: string;
}

/** The conditions on a country column for the filters chosen (none when nothing is chosen). */
export function placeConditions(column: AnyPgColumn, f: PlaceFilter): SQL[] {
  const where: SQL[] = [];
  if (f.country) where.push(eq(column, f.country));
  if (f.region) where.push(inArray(column, countriesInRegion(f.region)));
  if (f.income) where.push(inArray(column, countriesInIncomeGroups([f.income], f.incomeYear)));
  return where;
}
