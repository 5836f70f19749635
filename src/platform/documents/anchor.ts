/**
 * Where a comment on a passage stands in a later version: a text-quote selector (the exact words
 * chosen, a few words before and after, and the block they were in — the way Hypothesis anchors
 * annotations) found again in the new blocks. Exactly in its block; approximately in its block
 * after an edit (Myers' bit-parallel approximate matching, `approx-string-match`); in another block
 * when the words moved; or nowhere — an orphan, shown apart with its quote, never silently lost.
 */
import type * as ApproxStringMatch from 'approx-string-match';
import type { IdentifiedBlock } from './blocks.js';
import { lazyPackage } from '../lazy.js';

const approxStringMatch = lazyPackage<typeof ApproxStringMatch>('approx-string-match');

export interface QuoteSelector {
  blockId: string;
  exact: string;
  prefix: string;
  suffix: string;
}

export type Anchoring =
  | { status: 'exact' | 'fuzzy' | 'moved'; blockId: string; start: number; end: number }
  | { status: 'orphan' };

/** Words of context kept on each side of a quote. */
export const CONTEXT_CHARS = 32;

/** The selector for characters start–end of a block's text, with its context. */
export function selectorFor(block: { id: string; text: string }, start: number, end: number): QuoteSelector {
  return { blockId: block.id, exact: block.text.slice(start, end), prefix: block.text.slice(Math.max(0, start - CONTEXT_CHARS), start), suffix: block.text.slice(end, end + CONTEXT_CHARS) };
}

/** How well the text around a found quote agrees with the selector's context: 0 (not at all) to 1. */
function contextScore(text: string, start: number, end: number, s: QuoteSelector): number {
  const before = text.slice(Math.max(0, start - s.prefix.length), start);
  const after = text.slice(end, end + s.suffix.length);
  const agree = (a: string, b: string) => {
    if (!b) return 1;
    let n = 0;
    // Characters that agree, from the quote outwards.
    while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    return n / b.length;
  };
  const agreeAfter = (a: string, b: string) => {
    if (!b) return 1;
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n / b.length;
  };
  return (agree(before, s.prefix) + agreeAfter(after, s.suffix)) / 2;
}

type Found = { start: number; end: number; errors: number; context: number };

/** Every place in `text` where the quote stands exactly. */
function exactMatches(text: string, s: QuoteSelector): Found[] {
  const found: Found[] = [];
  if (!s.exact) return found;
  for (let i = text.indexOf(s.exact); i !== -1; i = text.indexOf(s.exact, i + 1)) found.push({ start: i, end: i + s.exact.length, errors: 0, context: contextScore(text, i, i + s.exact.length, s) });
  return found;
}

/** The places where the quote stands with at most a quarter of its characters changed. */
function approximateMatches(text: string, s: QuoteSelector): Found[] {
  if (s.exact.length < 8) return []; // a few letters match anything
  const maxErrors = Math.floor(s.exact.length / 4);
  return approxStringMatch().default(text, s.exact, maxErrors).map((m) => ({ start: m.start, end: m.end, errors: m.errors, context: contextScore(text, m.start, m.end, s) }));
}

/** The best of several places: fewest errors, then the context that agrees most, then the first. */
function best(found: Found[]): Found | undefined {
  return [...found].sort((a, b) => a.errors - b.errors || b.context - a.context || a.start - b.start)[0];
}

/** Finds a selector's quote in a version's blocks. */
export function anchorQuote(s: QuoteSelector, blocks: readonly IdentifiedBlock[]): Anchoring {
  const own = blocks.find((b) => b.id === s.blockId);
  if (own) {
    const exact = best(exactMatches(own.text, s));
    if (exact) return { status: 'exact', blockId: own.id, start: exact.start, end: exact.end };
    const fuzzy = best(approximateMatches(own.text, s));
    if (fuzzy) return { status: 'fuzzy', blockId: own.id, start: fuzzy.start, end: fuzzy.end };
  }
  // The words may have moved to another block (a paragraph split, or moved under another heading).
  let moved: (Found & { blockId: string }) | undefined;
  for (const b of blocks) {
    if (b.id === s.blockId) continue;
    const f = best(exactMatches(b.text, s)) ?? best(approximateMatches(b.text, s));
    if (f && (!moved || f.errors < moved.errors || (f.errors === moved.errors && f.context > moved.context))) moved = { ...f, blockId: b.id };
  }
  return moved ? { status: 'moved', blockId: moved.blockId, start: moved.start, end: moved.end } : { status: 'orphan' };
}
