/**
 * What an item is tagged with, beyond its texts: the readers it is written for, the countries it
 * speaks of (ISO 3166 alpha-2, those the app knows), and the targets of Sustainable Development
 * Goal 4 it serves. The lists, their form fields (a value the lists do not hold is refused with a
 * message in the person's language, never stored) and their names for a page.
 */
import { z } from 'zod';
import { asList } from '../../platform/forms/fields.js';
import { countryName, isCountryCode } from '../../platform/geo/countries.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { AUDIENCES, type Audience } from './schema.js';

/** The ten targets of SDG 4: seven outcomes (4.1–4.7) and three means of implementation (4.a–4.c). */
export const SDG4_TARGETS = ['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.a', '4.b', '4.c'] as const;
export type Sdg4Target = (typeof SDG4_TARGETS)[number];

export const isSdgTarget = (v: unknown): v is Sdg4Target => typeof v === 'string' && (SDG4_TARGETS as readonly string[]).includes(v);
export const isAudience = (v: unknown): v is Audience => typeof v === 'string' && (AUDIENCES as readonly string[]).includes(v);

/** The message key of a target's short name (the number as each language writes it, and the name): 4.a → publications.sdg.t4_a. */
export const sdgTargetKey = (target: Sdg4Target) => `publications.sdg.t${target.replace('.', '_')}`;

/** A target's short name in the reader's language, e.g. "4.1 Primary and secondary education". */
export const sdgTargetName = (t: (key: string) => string, target: Sdg4Target) => t(sdgTargetKey(target));

/** The country's name in the reader's language. */
export const countryLabel = (code: string, locale: Locale) => countryName(code, locale);

/** The targets in their own order (4.1 … 4.7, 4.a … 4.c), each once. */
export const inTargetOrder = (targets: readonly string[]): Sdg4Target[] => SDG4_TARGETS.filter((x) => targets.includes(x));

/**
 * A list field (checkboxes, a multiple select): absent is none, each value checked by `known`, each
 * kept once in the order given. One message for the field when any value is not known: the form
 * comes back with it beside the field (not beside the n-th value, which the page has no place for).
 */
function listOf<T extends string>(known: (v: unknown) => v is T, message: string, max: number, normalize: (v: string) => string = (v) => v) {
  return z.preprocess(
    (v) => asList(v).map((x) => (typeof x === 'string' ? normalize(x.trim()) : x)),
    z
      .array(z.unknown())
      .superRefine((values, ctx) => {
        if (values.length > max || !values.every(known)) ctx.addIssue({ code: 'custom', message });
      })
      .transform((values) => [...new Set(values as T[])]),
  );
}

/** Countries, by code (a lower-case code is read as its upper case). */
export const countriesField = () => listOf(isCountryCode, 'publications.tags.errors.country', 250, (v) => v.toUpperCase());
export const sdgTargetsField = () => listOf(isSdgTarget, 'publications.tags.errors.sdgTarget', SDG4_TARGETS.length, (v) => v.toLowerCase());
export const audiencesField = () => listOf(isAudience, 'publications.tags.errors.audience', AUDIENCES.length);

/** What an author gives with a submission or a revision, besides the audiences: countries and SDG 4 targets. */
export const authorTagFields = { countries: countriesField().optional(), sdgTargets: sdgTargetsField().optional() };

/** Session ids as a form sends them (checkboxes): each must be an id; whether the session exists is the service's to check. */
export const sessionIdsField = () => listOf((v: unknown): v is string => typeof v === 'string' && z.uuid().safeParse(v).success, 'publications.tags.errors.session', 50, (v) => v.toLowerCase());

/** The editors' form of an item's tags (and, for a report, the sessions where it was discussed). */
export const tagsBody = z.object({
  audiences: audiencesField(),
  countries: countriesField(),
  sdgTargets: sdgTargetsField(),
  sessionIds: sessionIdsField(),
});
export type TagsInput = z.output<typeof tagsBody>;
