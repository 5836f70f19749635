import { z } from 'zod';
import { hasMessage } from '../i18n/messages.js';

export interface FieldError {
  field: string;
  /** A message key in locales/, e.g. form.errors.required */
  key: string;
  values?: Record<string, string | number>;
}

/** What a form page needs to show itself again: the values as typed and the errors beside the fields. */
export interface FormState {
  values: Record<string, unknown>;
  errors: FieldError[];
}

export const emptyForm = (values: Record<string, unknown> = {}): FormState => ({ values, errors: [] });

export type Validated<T> = { ok: true; data: T } | { ok: false; state: FormState };

/** Passwords are never sent back to the browser in a re-shown form. */
export function keepTyped(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !/password/i.test(k) && !k.startsWith('_')));
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const field = issue.path.map(String).join('.') || '_form';
  const key = hasMessage(issue.message) ? issue.message : 'form.errors.invalid';
  const values: Record<string, string | number> = {};
  if ('minimum' in issue) values.min = Number(issue.minimum);
  if ('maximum' in issue) values.max = Number(issue.maximum);
  return { field, key, values };
}

/** Validates a submitted form with its zod schema; on failure returns the state to re-show (HTTP 422). */
export function validate<S extends z.ZodType>(schema: S, body: unknown): Validated<z.output<S>> {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const seen = new Set<string>();
  const errors = parsed.error.issues.map(toFieldError).filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
  return { ok: false, state: { values: keepTyped(raw), errors } };
}

/** An error found by a service after validation (e.g. "wrong password"), shown like any other. */
export function formError(body: unknown, field: string, key: string, values?: Record<string, string | number>): FormState {
  return { values: keepTyped((body ?? {}) as Record<string, unknown>), errors: [{ field, key, values }] };
}
