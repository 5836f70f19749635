import { describe, expect, it } from 'vitest';
import { identifierPattern, likePatterns, mentions, scrubJson, scrubText } from './scrub.js';

const re = (names: string[], emails: string[] = []) => identifierPattern({ emails, names })!;

describe('finding a person in text', () => {
  it('finds names as whole words, in any case, and addresses anywhere', () => {
    const r = re(['Ana Li'], ['ana.li@example.org']);
    expect(mentions(r, 'Dear ANA LI, welcome')).toBe(true);
    expect(mentions(r, 'Banana Lima')).toBe(false);
    expect(mentions(r, 'write to <ana.li@example.org>')).toBe(true);
    expect(mentions(r, 'anaXli@example.org')).toBe(false); // the dot is a dot
  });

  it('finds names written without spaces inside a sentence (Chinese), and Cyrillic or Arabic names as words', () => {
    expect(mentions(re(['王芳']), '尊敬的王芳女士')).toBe(true);
    expect(mentions(re(['Иван Петров']), 'Уважаемый Иван Петров!')).toBe(true);
    expect(mentions(re(['Иван Петров']), 'Иван Петровский')).toBe(false);
    expect(mentions(re(['فاطمة الزهراء']), 'مرحبا فاطمة الزهراء،')).toBe(true);
  });

  it('finds a name as HTML escapes it, and in SQL through the pieces around the escaped characters', () => {
    expect(mentions(re(["Seán O'Brien"]), '<p>Dear Seán O&#39;Brien</p>')).toBe(true);
    expect(likePatterns({ emails: [], names: ["Seán O'Brien"] })).toEqual(["%Seán O'Brien%", '%Seán O%Brien%', "%SEÁN O'BRIEN%", '%SEÁN O%BRIEN%', "%seán o'brien%", '%seán o%brien%']);
  });

  it('replaces every mention, the longest first, in text and in JSON values (not keys, not skipped keys)', () => {
    const r = re(['Ana', 'Ana Pereira'], ['ana@example.org']);
    expect(scrubText('Ana Pereira (ana@example.org) and Ana', r, 'erased:1')).toBe('erased:1 (erased:1) and erased:1');
    expect(scrubJson({ note: 'by Ana', Ana: 1, list: ['Ana Pereira', 2], name: 'Ana' }, r, 'X', ['name'])).toEqual({ note: 'by X', Ana: 1, list: ['X', 2], name: 'Ana' });
  });

  it('has nothing to find without identifiers', () => {
    expect(identifierPattern({ emails: [], names: [] })).toBeNull();
  });
});
