import { SMALL_NUMBER, isSmall } from '../figures/tables.js';
import type { Executor } from '../../db/client.js';
import type { Config } from '../../config.js';
import type { Locale } from '../i18n/locales.js';
import type { Translate } from '../i18n/messages.js';

/**
 * The Steering Committee's annual report, across modules. Each module says in its manifest
 * (`annualReport`) what it did in a year — the meetings held, the consultations closed, the items
 * published — as a section of plain lines already written out in the language asked; the platform
 * gathers the sections in module order, without importing any module, and the annual report module
 * draws them after the figures of who takes part.
 */

/** One thing done in the year: a meeting, a consultation, a publication. */
export interface AnnualItem {
  /** Its title, in the language asked where it is written in it, else in its original language. */
  title: string;
  /** The language the title (and the lines taken from the same texts) are in. */
  lang: Locale;
  /** True when the title is not in the language asked (not yet translated): the report says so. */
  fallback: boolean;
  /** When: a date or a range, written out in the language asked. */
  date?: string;
  /** A few lines in the language asked: where, how many, what came of it. */
  lines: string[];
  /** Where to read more: an absolute address (a page of the site in the language asked, or a DOI). */
  link?: string;
}

export interface AnnualSection {
  /** Message key of the section's heading ("Meetings held"). */
  title: string;
  /** Plain text values for the heading. */
  params?: Record<string, string | number>;
  /** A sentence or two before the items, already in the language asked (e.g. what is counted). */
  intro?: string;
  items: AnnualItem[];
  /** Said when there are no items (the section is then still shown); without it, a section with no items is left out. */
  empty?: string;
  /** The languages some of its items' texts are written in (not counting fallbacks): where a report in that language is worth offering. */
  languages: Locale[];
}

export interface AnnualReportContext {
  year: number;
  locale: Locale;
  t: Translate;
  /** For links (the site's address) and DOIs. */
  config: Pick<Config, 'baseUrl' | 'doi'>;
  now: Date;
}

/** A module's section of the report of a year, or null when it has nothing to say for it. Only what is public, or published figures. */
export type AnnualReportProvider = (db: Executor, ctx: AnnualReportContext) => Promise<AnnualSection | null>;

let providers: { module: string; section: AnnualReportProvider }[] = [];

/** Hands the platform every manifest's `annualReport` (adoptManifests does this). */
export function registerAnnualReport(manifests: readonly { name: string; annualReport?: AnnualReportProvider }[]): void {
  providers = manifests.flatMap((m) => (m.annualReport ? [{ module: m.name, section: m.annualReport }] : []));
}

/** Every module's section of the year, in module order; a module with nothing to say is left out. */
export async function annualSections(db: Executor, ctx: AnnualReportContext): Promise<(AnnualSection & { module: string })[]> {
  const out: (AnnualSection & { module: string })[] = [];
  for (const p of providers) {
    const section = await p.section(db, ctx);
    if (section && (section.items.length > 0 || section.empty)) out.push({ ...section, module: p.module });
  }
  return out;
}

/** The smallest number of people a section gives as a number (a meeting's participants), as the published figures do: fewer is said as "fewer than 5". */
export { SMALL_NUMBER, isSmall };
