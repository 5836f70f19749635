import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LOCALES } from './locales.js';
import { loadCatalog } from './messages.js';

/** The argument names a message uses, e.g. {name} and {total, plural, ...} → name, total. */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(el.value);
      for (const opt of Object.values(el.options)) argumentsOf(opt.value, out);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, out);
  }
  return out;
}

const english = loadCatalog('en');

describe('locale catalogs', () => {
  for (const locale of LOCALES) {
    const catalog = loadCatalog(locale);
    it(`${locale} has every key of en and no other`, () => {
      expect(Object.keys(catalog).filter((k) => !(k in english))).toEqual([]);
      expect(Object.keys(english).filter((k) => !(k in catalog))).toEqual([]);
    });
    it(`${locale} messages parse as ICU and use the same placeholders as en`, () => {
      const broken: string[] = [];
      for (const [key, source] of Object.entries(catalog)) {
        let args: Set<string>;
        try {
          args = argumentsOf(parse(source, { requiresOtherClause: true }));
        } catch (err) {
          broken.push(`${key}: ${(err as Error).message}`);
          continue;
        }
        const expected = argumentsOf(parse(english[key] ?? ''));
        if ([...expected].sort().join() !== [...args].sort().join()) broken.push(`${key}: {${[...args]}} instead of {${[...expected]}}`);
        if (!source.trim()) broken.push(`${key}: empty`);
      }
      expect(broken).toEqual([]);
    });
  }
});
