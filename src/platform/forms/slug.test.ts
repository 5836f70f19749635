import { describe, expect, it } from 'vitest';
import { field } from './fields.js';

describe('field.slug', () => {
  it('takes lower-case letters, digits and inner hyphens, lower-casing what was typed', () => {
    expect(field.slug('bad').parse(' Annual-Meeting-2026 ')).toBe('annual-meeting-2026');
    expect(field.slug('bad').parse('')).toBeUndefined();
  });
  it('refuses spaces, outer hyphens, other letters and lengths out of range', () => {
    for (const s of ['two words', '-start', 'end-', 'réunion', 'ab', 'a'.repeat(81)]) expect(field.slug('bad').safeParse(s).success, s).toBe(false);
    expect(field.slug('bad', 1).safeParse('a').success).toBe(true);
    expect(field.slug('bad', 1).safeParse('a'.repeat(80)).success).toBe(true);
  });
});
