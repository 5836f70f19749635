import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { field } from './fields.js';
import { validate } from './validate.js';

const schema = z.object({ name: field.text({ max: 5 }), email: field.email(), password: field.password(), day: field.optionalDate(), topics: field.many(['a', 'b']) });

describe('form validation', () => {
  it('returns typed data when valid', () => {
    const v = validate(schema, { name: ' Ana ', email: ' Ana@Example.org ', password: 'x', topics: 'a' });
    expect(v).toEqual({ ok: true, data: { name: 'Ana', email: 'ana@example.org', password: 'x', day: undefined, topics: ['a'] } });
  });
  it('gives one message key per field and keeps what was typed, except passwords', () => {
    const v = validate(schema, { name: 'Too long', email: 'not-an-email', password: 'secret', day: '2024-02-30', _csrf: 't' });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.state.errors).toEqual([
      { field: 'name', key: 'form.errors.tooLong', values: { max: 5 } },
      { field: 'email', key: 'form.errors.email', values: {} },
      { field: 'day', key: 'form.errors.date', values: {} },
    ]);
    expect(v.state.values).toEqual({ name: 'Too long', email: 'not-an-email', day: '2024-02-30' });
  });
  it('says a missing field is required', () => {
    const v = validate(schema, {});
    expect(v.ok ? [] : v.state.errors.map((e) => [e.field, e.key])).toEqual([
      ['name', 'form.errors.required'],
      ['email', 'form.errors.required'],
      ['password', 'form.errors.required'],
    ]);
  });
});
