import { z } from 'zod';
import { field } from '../../platform/forms/fields.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import { isCountryCode } from '../../platform/geo/countries.js';

/** The answers of an application, as the steps collect them. */
export const KINDS = ['institution', 'individual'] as const;
export type Kind = (typeof KINDS)[number];

export const ORG_TYPES = [
  'university',
  'research-institution',
  'network',
  'think-tank',
  'civil-society',
  'ngo',
  'intergovernmental',
  'foundation',
  'funder',
  'association',
  'academic-society',
  'publisher',
  'other',
] as const;

export const INDIVIDUAL_ROLES = [
  'researcher',
  'academic',
  'teacher-educator',
  'teacher',
  'curriculum-developer',
  'assessment-expert',
  'policymaker',
  'other',
] as const;

/** The areas of the Terms of Reference an applicant's mandate, expertise and track record are weighed against. */
export const TOR_AREAS = [
  'brokering',
  'knowledge-translation',
  'research-on-learning',
  'pedagogy',
  'teaching-learning',
  'quality',
  'learning-outcomes',
  'other-education',
] as const;

export const WORK_LANGUAGES = [...LOCALES, 'pt', 'other'] as const;

/** Fields a member may show in the public directory (the name always shows when listed). */
export const PUBLIC_FIELDS = ['category', 'country', 'countriesOfOperation', 'website', 'affiliation', 'areas', 'workingGroups', 'languages', 'summary'] as const;

export const TEXT_LIMIT = 1500;
export const MAX_REPRESENTATIVES = 3;

export interface Representative {
  name: string;
  title: string;
  email: string;
}

export interface ApplicationData {
  orgName?: string;
  acronym?: string;
  orgType?: (typeof ORG_TYPES)[number];
  orgTypeOther?: string;
  website?: string;
  countriesOfOperation?: string[];
  representatives?: Representative[];
  name?: string;
  role?: (typeof INDIVIDUAL_ROLES)[number];
  roleOther?: string;
  representsGovernment?: 'yes' | 'no';
  government?: string;
  affiliation?: string;
  country?: string;
  mandate?: string;
  expertise?: string;
  trackRecord?: string;
  areas?: string[];
  areasOther?: string;
  workingGroups?: string[];
  languages?: string[];
  languagesOther?: string;
  consentTor?: 'yes';
  consentPrivacy?: 'yes';
  listed?: 'yes' | 'no';
  publicFields?: string[];
}

const country = () => z.string({ message: 'form.errors.choose' }).refine((c) => isCountryCode(c), { message: 'form.errors.choose' });
const countries = () =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(country()).max(250));

const representative = (required: boolean) =>
  z
    .object({ name: z.string().trim().max(200, { message: 'form.errors.tooLong' }), title: z.string().trim().max(200, { message: 'form.errors.tooLong' }), email: z.string().trim().toLowerCase().max(254, { message: 'form.errors.tooLong' }) })
    .superRefine((r, ctx) => {
      const any = r.name || r.title || r.email;
      if (!required && !any) return;
      if (!r.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'form.errors.required' });
      if (!r.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'form.errors.required' });
      else if (!z.email().safeParse(r.email).success) ctx.addIssue({ code: 'custom', path: ['email'], message: 'form.errors.email' });
    });

/**
 * One topic per step. Each step has its fields' rules; `stepsFor` gives a kind's order. Made once
 * per list of working groups (building zod schemas costs more than checking a form with them).
 */
export function stepSchemas(workingGroupSlugs: readonly string[]): StepSchemas {
  const key = workingGroupSlugs.join('\n');
  if (made?.key !== key) made = { key, schemas: makeStepSchemas(workingGroupSlugs) };
  return made.schemas;
}
type StepSchemas = ReturnType<typeof makeStepSchemas>;
let made: { key: string; schemas: StepSchemas } | undefined;

function makeStepSchemas(workingGroupSlugs: readonly string[]) {
  const wgs = workingGroupSlugs.length ? (workingGroupSlugs as [string, ...string[]]) : (['none'] as [string]);
  return {
    organisation: z
      .object({
        orgName: field.text({ max: 300 }),
        acronym: field.optionalText({ max: 30 }),
        orgType: field.choice(ORG_TYPES),
        orgTypeOther: field.optionalText({ max: 200 }),
        website: field.optionalUrl(),
      })
      .refine((d) => d.orgType !== 'other' || !!d.orgTypeOther, { path: ['orgTypeOther'], message: 'form.errors.required' }),
    'about-you': z
      .object({
        name: field.text({ max: 200 }),
        role: field.choice(INDIVIDUAL_ROLES),
        roleOther: field.optionalText({ max: 200 }),
        representsGovernment: field.optionalChoice(['yes', 'no']),
        government: z.preprocess((v) => (v === '' ? undefined : v), country().optional()),
        affiliation: field.optionalText({ max: 300 }),
      })
      .refine((d) => d.role !== 'other' || !!d.roleOther, { path: ['roleOther'], message: 'form.errors.required' })
      .refine((d) => d.role !== 'policymaker' || !!d.representsGovernment, { path: ['representsGovernment'], message: 'form.errors.choose' })
      .refine((d) => d.representsGovernment !== 'yes' || d.role !== 'policymaker' || !!d.government, { path: ['government'], message: 'form.errors.choose' })
      .transform((d) => (d.role === 'policymaker' ? d : { ...d, representsGovernment: undefined, government: undefined })),
    location: z.object({ country: country(), countriesOfOperation: countries().optional() }),
    representatives: z
      .object({
        representatives: z.tuple([representative(true), representative(false), representative(false)]),
      })
      .transform((d) => ({ representatives: d.representatives.filter((r) => r.name || r.email) })),
    criteria: z
      .object({
        mandate: field.text({ max: TEXT_LIMIT }),
        expertise: field.text({ max: TEXT_LIMIT }),
        trackRecord: field.text({ max: TEXT_LIMIT }),
        areas: field.many(TOR_AREAS).refine((a) => a.length > 0, { message: 'membership.errors.chooseArea' }),
        areasOther: field.optionalText({ max: 300 }),
      })
      .refine((d) => !d.areas.includes('other-education') || !!d.areasOther, { path: ['areasOther'], message: 'form.errors.required' }),
    participation: z.object({
      workingGroups: field.many(wgs),
      languages: field.many(WORK_LANGUAGES).refine((a) => a.length > 0, { message: 'membership.errors.chooseLanguage' }),
      languagesOther: field.optionalText({ max: 200 }),
    }),
    document: z.object({}),
    consent: z.object({
      consentTor: field.mustAgree(),
      consentPrivacy: field.mustAgree(),
      listed: field.choice(['yes', 'no']),
      publicFields: field.many(PUBLIC_FIELDS),
    }),
    review: z.object({}),
  };
}

export type StepName = keyof ReturnType<typeof stepSchemas>;

const STEPS: Record<Kind, StepName[]> = {
  institution: ['organisation', 'location', 'representatives', 'criteria', 'participation', 'document', 'consent', 'review'],
  individual: ['about-you', 'location', 'criteria', 'participation', 'document', 'consent', 'review'],
};

export function stepsFor(kind: Kind): StepName[] {
  return STEPS[kind];
}

export function isStep(kind: Kind, step: string): step is StepName {
  return (STEPS[kind] as string[]).includes(step);
}

/** The form fields of a step as the browser sends them (representatives as rep1Name, rep1Title, ...). */
export function stepInput(step: StepName, body: Record<string, unknown>): Record<string, unknown> {
  if (step !== 'representatives') return body;
  return {
    representatives: [1, 2, 3].map((i) => ({
      name: String(body[`rep${i}Name`] ?? ''),
      title: String(body[`rep${i}Title`] ?? ''),
      email: String(body[`rep${i}Email`] ?? ''),
    })),
  };
}

/** The stored answers of a step as form values (the inverse of stepInput). */
export function stepValues(step: StepName, data: ApplicationData): Record<string, unknown> {
  if (step !== 'representatives') return data as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  (data.representatives ?? []).forEach((r, i) => {
    values[`rep${i + 1}Name`] = r.name;
    values[`rep${i + 1}Title`] = r.title;
    values[`rep${i + 1}Email`] = r.email;
  });
  return values;
}

/** Maps a validation path (representatives.1.email) to the form field that shows it (rep2Email). */
export function fieldName(path: string): string {
  const m = path.match(/^representatives\.(\d)\.(name|title|email)$/);
  return m ? `rep${Number(m[1]) + 1}${m[2]![0]!.toUpperCase()}${m[2]!.slice(1)}` : path;
}

/** The steps whose answers are missing or no longer valid: an application is complete when this is empty. */
export function incompleteSteps(kind: Kind, data: ApplicationData, workingGroupSlugs: readonly string[]): StepName[] {
  const schemas = stepSchemas(workingGroupSlugs);
  return stepsFor(kind).filter((s) => !schemas[s].safeParse(stepInput(s, stepValues(s, data) as Record<string, unknown>)).success);
}
