import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LOCALES, type Locale } from './locales.js';
import { loadCatalog } from './messages.js';

/**
 * Counts read right in every language: a message that counts something chooses its words by ICU
 * plural categories, with every category the language gives a whole number (Arabic zero, one, two,
 * few, many; Russian one, few, many) and `other`; and a count that is plural in one language is
 * plural in all, so no translation says "1 membres sur 3 ont répondu". Forms chosen by a `select`
 * (yes/no, kinds) are kept in every language too.
 */

interface Choice {
  kind: 'plural' | 'select';
  options: Set<string>;
}

/** Every plural and select of a message by its argument, nested ones included (a plural inside a plural's option). */
function choicesOf(elements: MessageFormatElement[], out = new Map<string, Choice[]>()): Map<string, Choice[]> {
  for (const el of elements) {
    if ((el.type === TYPE.plural && el.pluralType !== 'ordinal') || el.type === TYPE.select) {
      const list = out.get(el.value) ?? [];
      list.push({ kind: el.type === TYPE.plural ? 'plural' : 'select', options: new Set(Object.keys(el.options)) });
      out.set(el.value, list);
    }
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) choicesOf(o.value, out);
    if (el.type === TYPE.tag) choicesOf(el.children, out);
  }
  return out;
}

/**
 * The categories a language gives the whole numbers a page counts (below a million: the rules repeat
 * every hundred), plus `other`, which ICU requires. French and Spanish also have `many`, for exact
 * millions only ("1 million de…"): a message without it falls back to `other`, which reads right.
 */
function neededCategories(locale: Locale): string[] {
  return [...wholeNumbers(locale).keys()];
}

/** Each category a language gives whole numbers, with those numbers (below 10,000), and `other`. */
function wholeNumbers(locale: Locale): Map<string, number[]> {
  const rules = new Intl.PluralRules(locale);
  const byCategory = new Map<string, number[]>([['other', []]]);
  for (let n = 0; n < 10_000; n++) {
    const c = rules.select(n);
    byCategory.set(c, [...(byCategory.get(c) ?? []), n]);
  }
  // Every category a whole number takes is one the language lists.
  for (const c of byCategory.keys()) expect(rules.resolvedOptions().pluralCategories).toContain(c);
  return byCategory;
}

/** A category is there, or every number it stands for has its exact form (`=0` for Arabic's zero, `=1` for English's one). */
const covers = (options: Set<string>, category: string, numbers: number[]) => options.has(category) || (category !== 'other' && numbers.length > 0 && numbers.every((n) => options.has(`=${n}`)));

const catalogs = Object.fromEntries(LOCALES.map((l) => [l, loadCatalog(l)])) as Record<Locale, Record<string, string>>;
const choices = Object.fromEntries(LOCALES.map((l) => [l, Object.fromEntries(Object.entries(catalogs[l]).map(([k, v]) => [k, choicesOf(parse(v))]))])) as Record<
  Locale,
  Record<string, Map<string, Choice[]>>
>;

describe('plural and select forms', () => {
  it('each language needs the categories its grammar has for whole numbers', () => {
    expect(neededCategories('ar').sort()).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    expect(neededCategories('ru').sort()).toEqual(['few', 'many', 'one', 'other']);
    expect(neededCategories('fr').sort()).toEqual(['one', 'other']);
    expect(neededCategories('zh')).toEqual(['other']);
  });

  for (const locale of LOCALES) {
    it(`${locale}: every plural has the categories ${locale} needs`, () => {
      const needed = wholeNumbers(locale);
      const missing: string[] = [];
      for (const [key, byArg] of Object.entries(choices[locale])) {
        for (const [arg, list] of byArg) {
          // A plural English itself only uses to show the number or none ("Hidden (#)", `=0` and `other`) inflects nothing.
          const inflects = (choices.en[key]?.get(arg) ?? []).some((c) => c.kind === 'plural' && [...c.options].some((o) => o !== 'other' && !o.startsWith('=')));
          if (!inflects) continue;
          for (const c of list) {
            if (c.kind !== 'plural') continue;
            const lacks = [...needed].filter(([cat, numbers]) => !covers(c.options, cat, numbers)).map(([cat]) => cat);
            if (lacks.length) missing.push(`${key} {${arg}}: no ${lacks.join(', ')}`);
          }
        }
      }
      expect(missing).toEqual([]);
    });

    it(`${locale}: a count that is plural in one language is plural here, and each select keeps the English choices`, () => {
      const wrong: string[] = [];
      for (const key of Object.keys(catalogs.en)) {
        const mine = choices[locale][key] ?? new Map<string, Choice[]>();
        // The arguments some language counts with a plural (or, in English, chooses by a select).
        for (const other of LOCALES) {
          for (const [arg, list] of choices[other][key] ?? []) {
            if (list.some((c) => c.kind === 'plural') && !(mine.get(arg) ?? []).some((c) => c.kind === 'plural')) {
              wrong.push(`${key} {${arg}}: plural in ${other}, not in ${locale}`);
            }
          }
        }
        for (const [arg, list] of choices.en[key] ?? []) {
          for (const c of list.filter((x) => x.kind === 'select')) {
            const here = (mine.get(arg) ?? []).filter((x) => x.kind === 'select');
            if (!here.length) wrong.push(`${key} {${arg}}: a select in en, not in ${locale}`);
            else if (!here.every((h) => [...c.options].every((o) => h.options.has(o)))) wrong.push(`${key} {${arg}}: not every choice of en`);
          }
        }
      }
      expect([...new Set(wrong)]).toEqual([]);
    });
  }
});
