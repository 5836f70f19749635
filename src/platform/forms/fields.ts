import { z } from 'zod';
import { LOCAL_DATETIME } from './datetime.js';

/**
 * Field rules shared by every form. Messages are locale keys; `validate` turns them into
 * errors shown in the reader's language.
 */
/** 2024-02-29 is a day; 2024-02-30 and 2024-13-45 are not. */
export function isRealDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A field sent as several values (checkboxes, a repeated name) as a list: absent is none, one value is a list of one. */
export const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const field = {
  text: (opts: { max: number; min?: number }) =>
    z
      .string({ message: 'form.errors.required' })
      .trim()
      .min(Math.max(1, opts.min ?? 1), { message: (opts.min ?? 1) > 1 ? 'form.errors.tooShort' : 'form.errors.required' })
      .max(opts.max, { message: 'form.errors.tooLong' }),

  optionalText: (opts: { max: number }) =>
    z.preprocess(blankToUndefined, z.string().trim().max(opts.max, { message: 'form.errors.tooLong' }).optional()),

  email: () =>
    z
      .string({ message: 'form.errors.required' })
      .trim()
      .toLowerCase()
      .min(1, { message: 'form.errors.required' })
      .max(254, { message: 'form.errors.tooLong' })
      .pipe(z.email({ message: 'form.errors.email' })),

  password: () =>
    z
      .string({ message: 'form.errors.required' })
      .min(1, { message: 'form.errors.required' }),

  choice: <const T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { message: 'form.errors.choose' }),

  optionalChoice: <const T extends readonly [string, ...string[]]>(values: T) =>
    z.preprocess(blankToUndefined, z.enum(values, { message: 'form.errors.choose' }).optional()),

  /** A group of checkboxes: absent means none ticked. */
  many: <const T extends readonly [string, ...string[]]>(values: T) =>
    z.preprocess(asList, z.array(z.enum(values, { message: 'form.errors.choose' }))),

  /** A single optional checkbox (value "yes"): true when ticked, false when left empty. */
  ticked: () => z.preprocess((v) => asList(v).includes('yes'), z.boolean()),

  /** A single checkbox that must be ticked (consent). */
  mustAgree: () => z.literal('yes', { message: 'form.errors.mustAgree' }),

  /** yyyy-mm-dd from <input type=date>, checked to be a real day. */
  date: () =>
    z
      .string({ message: 'form.errors.required' })
      .trim()
      .min(1, { message: 'form.errors.required' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'form.errors.date' })
      .refine(isRealDay, { message: 'form.errors.date' }),

  optionalDate: () =>
    z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'form.errors.date' })
        .refine(isRealDay, { message: 'form.errors.date' })
        .optional(),
    ),

  /** A whole number from min to max; one message for every way it can be wrong. */
  wholeNumber: (min: number, max: number, message: string) => z.coerce.number({ message }).int({ message }).min(min, { message }).max(max, { message }),

  optionalWholeNumber: (min: number, max: number, message: string) => z.preprocess(blankToUndefined, field.wholeNumber(min, max, message).optional()),

  /** yyyy-mm-ddThh:mm from <input type=datetime-local>; the caller reads it in a time zone (forms/datetime.ts). */
  dateTime: () => z.string({ message: 'form.errors.required' }).trim().regex(LOCAL_DATETIME, { message: 'form.errors.dateTime' }),

  optionalDateTime: () => z.preprocess(blankToUndefined, field.dateTime().optional()),

  /** The last part of a web address: lower-case letters, digits and inner hyphens, `min` to 80 characters. Blank is allowed (the caller decides if it is needed). */
  slug: (message: string, min = 3) =>
    z.preprocess(blankToUndefined, z.string().trim().toLowerCase().regex(new RegExp(`^[a-z0-9](?:[a-z0-9-]{${Math.max(0, min - 2)},78}[a-z0-9])${min <= 1 ? '?' : ''}$`), { message }).optional()),

  /**
   * A web address for a link others will follow: only http: and https: (never javascript:, data:,
   * …); "www.example.org" is read as https://www.example.org. Blank is allowed.
   */
  optionalUrl: (max = 300) =>
    z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(max, { message: 'form.errors.tooLong' })
        .transform((u) => (/^[a-z][a-z0-9+.-]*:/i.test(u) ? u : `https://${u}`))
        .pipe(z.url({ protocol: /^https?$/, hostname: /^[^\s]*\.[^\s]+$/, message: 'form.errors.url' }))
        .optional(),
    ),

  page: () => z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100000).default(1)).catch(1),
};

/** Could this be a slug from an address (a meeting's, a group's)? Anything else is not looked up. */
export const isSlug = (s: string): boolean => /^[a-z0-9-]{1,80}$/.test(s);

/** The only link schemes Bridges puts in an href that a person typed (a safety net for data stored before the field rule). */
export function isWebUrl(u: unknown): u is string {
  return typeof u === 'string' && /^https?:\/\/[^\s]+$/i.test(u);
}
