import { parseBlocks } from './blocks.js';

/** About what search engines and link previews show of a page's description. */
export const DESCRIPTION_LENGTH = 160;

const segmenters = new Map<string, Intl.Segmenter>();
const wordsOf = (locale: string) => {
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'word' })));
  return s;
};

/**
 * A page's description (`<meta name="description">`) drawn from its own text: the words of its
 * first paragraph without markup (of its first block with words when it has no paragraph), cut at
 * a word boundary to at most `max` characters, an ellipsis marking the cut. Words are found by the
 * language's own rules, so Chinese, written without spaces, is cut between words too. Empty when
 * the text has no words.
 */
export function describe(markdown: string | undefined, locale = 'en', max = DESCRIPTION_LENGTH): string {
  if (!markdown?.trim()) return '';
  const blocks = parseBlocks(markdown).filter((b) => b.kind !== 'footnote' && b.kind !== 'code' && b.kind !== 'html' && b.text);
  const text = (blocks.find((b) => b.kind === 'paragraph') ?? blocks[0])?.text.replace(/\s+/g, ' ').trim() ?? '';
  return truncate(text, locale, max);
}

/** `text` cut at the last word boundary that leaves room for "…" within `max` characters (the whole text when it fits). */
export function truncate(text: string, locale: string, max: number): string {
  if (text.length <= max) return text;
  let cut = 0;
  for (const { index, segment, isWordLike } of wordsOf(locale).segment(text)) {
    const end = index + segment.length;
    if (end > max - 1) break;
    if (isWordLike) cut = end;
  }
  // One word longer than the whole allowance: cut inside it rather than show nothing.
  if (cut === 0) return `${Array.from(text).slice(0, max - 1).join('')}…`;
  return `${text.slice(0, cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}
