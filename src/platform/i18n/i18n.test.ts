import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, direction } from './locales.js';
import { translate } from './messages.js';
import { localize } from './content.js';
import { formatDateRange, formatDateTime } from './format.js';

describe('locale negotiation', () => {
  it('takes the best supported language by quality', () => {
    expect(fromAcceptLanguage('de-DE,de;q=0.9,fr-CA;q=0.8,en;q=0.5')).toBe('fr');
    expect(fromAcceptLanguage('zh-Hans-CN')).toBe('zh');
    expect(fromAcceptLanguage('en;q=0.2, ar;q=0.9')).toBe('ar');
  });
  it('returns nothing when no language is supported', () => {
    expect(fromAcceptLanguage('de, ja;q=0.5')).toBeUndefined();
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
  });
  it('writes Arabic right to left', () => {
    expect(direction('ar')).toBe('rtl');
    expect(direction('fr')).toBe('ltr');
  });
});

describe('messages', () => {
  it('formats plurals per language', () => {
    expect(translate('en', 'admin.users.caption', { total: 1 })).toBe('1 person');
    expect(translate('en', 'admin.users.caption', { total: 3 })).toBe('3 people');
  });
  it('shows the key rather than failing when a message is missing', () => {
    expect(translate('fr', 'no.such.key')).toBe('no.such.key');
  });
});

describe('translatable content', () => {
  it('uses the reader’s language when translated', () => {
    expect(localize({ en: 'Meeting', fr: 'Réunion' }, 'fr', 'en')).toEqual({ text: 'Réunion', lang: 'fr', fallback: false });
  });
  it('falls back to the original language, flagged as untranslated', () => {
    expect(localize({ en: 'Meeting', fr: 'Réunion' }, 'ru', 'en')).toEqual({ text: 'Meeting', lang: 'en', fallback: true });
  });
  it('falls back to any language when the original is empty', () => {
    expect(localize({ fr: 'Réunion' }, 'ru', 'en')).toEqual({ text: 'Réunion', lang: 'fr', fallback: true });
  });
});

describe('dates in a time zone', () => {
  const start = new Date('2024-12-02T08:00:00Z');
  it('shows a UTC instant in the event’s zone', () => {
    expect(formatDateTime('en', start, 'Europe/Paris')).toMatch(/9:00\s?AM/);
    expect(formatDateTime('en', start, 'Asia/Tokyo')).toMatch(/5:00\s?PM/);
  });
  it('writes a date range in the reader’s language', () => {
    expect(formatDateRange('fr', start, new Date('2024-12-03T17:00:00Z'), 'Europe/Paris')).toMatch(/2.+3 décembre 2024/);
  });
});
