/**
 * A document (a working group's report) as a list of blocks — headings, paragraphs, lists, tables,
 * quotations — read from its Markdown, each with an identifier that stays the same from one version
 * to the next while the block is recognisably the same text. Comments, counts and comparisons hang
 * on these identifiers, so an edit elsewhere in the document never moves a comment (the trouble
 * with offset anchors), and a block that is reworded keeps its comments.
 */
import { randomBytes } from 'node:crypto';
import { marked, type Token, type Tokens } from 'marked';

export type BlockKind = 'heading' | 'paragraph' | 'list' | 'table' | 'blockquote' | 'code' | 'html' | 'hr';

export interface Block {
  kind: BlockKind;
  /** The block's own Markdown, as written. */
  markdown: string;
  /** Its words without markup: what is compared, matched and quoted. */
  text: string;
  /** 1–6 for headings. */
  level?: number;
}

export interface IdentifiedBlock extends Block {
  id: string;
}

const KINDS: Record<string, BlockKind> = { heading: 'heading', paragraph: 'paragraph', list: 'list', table: 'table', blockquote: 'blockquote', code: 'code', html: 'html', hr: 'hr' };

/** The words of some Markdown tokens, without markup: inline code and links keep their text, images their description. */
export function plainText(tokens: readonly Token[]): string {
  const parts: string[] = [];
  for (const t of tokens) {
    if (t.type === 'table') {
      const table = t as Tokens.Table;
      for (const row of [table.header, ...table.rows]) parts.push(row.map((cell) => plainText(cell.tokens)).join(' '));
    } else if (t.type === 'list') {
      for (const item of (t as Tokens.List).items) parts.push(plainText(item.tokens));
    } else if ('tokens' in t && Array.isArray(t.tokens) && t.tokens.length) {
      parts.push(plainText(t.tokens));
    } else if (t.type === 'image') {
      parts.push((t as Tokens.Image).text);
    } else if (t.type === 'br' || t.type === 'space') {
      parts.push(' ');
    } else if (t.type !== 'def' && 'text' in t && typeof t.text === 'string') {
      parts.push(t.text);
    }
  }
  // Block-level children are separated by a space; inline pieces are joined as they are.
  const separator = tokens.some((t) => KINDS[t.type] || t.type === 'list_item') ? ' ' : '';
  return parts.join(separator).replace(/\s+/g, ' ').trim();
}

/** The blocks of a Markdown document, in order (blank lines and link definitions are not blocks). */
export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const t of marked.lexer(markdown.replace(/\r\n?/g, '\n'))) {
    const kind = KINDS[t.type];
    if (!kind) continue;
    const raw = t.raw.replace(/\n+$/, '');
    blocks.push({ kind, markdown: raw, text: kind === 'code' || kind === 'html' ? ((t as Tokens.Code).text ?? raw).trim() : plainText([t]), ...(kind === 'heading' ? { level: (t as Tokens.Heading).depth } : {}) });
  }
  return blocks;
}

/** A new block identifier: short, random, safe in an address and as an HTML id. */
export function newBlockId(): string {
  return `b${randomBytes(5).toString('hex')}`;
}

const words = (s: string) => s.toLocaleLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** How alike two texts are, from 0 to 1: the Dice coefficient of their words (counted with repeats). */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.length && !wb.length) return a.trim() === b.trim() ? 1 : 0;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of wb) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(w, n - 1);
    }
  }
  return (2 * shared) / (wa.length + wb.length);
}

/** Below this a reworded block counts as a new block (and the old one as removed). */
export const SAME_BLOCK = 0.5;

/**
 * Gives the blocks of a new version their identifiers, carried over from the previous version:
 * first every block whose text is unchanged (the first unclaimed one of the same kind, the nearest
 * in order), then every reworded block to the most alike unclaimed block of the same kind, if alike
 * enough. Blocks that match nothing get new identifiers. Two blocks never share one.
 */
export function carryIds(previous: readonly IdentifiedBlock[], next: readonly Block[], makeId: () => string = newBlockId): IdentifiedBlock[] {
  const claimed = new Set<string>();
  const at = new Map(previous.map((p, i) => [p.id, i]));
  const distance = (p: IdentifiedBlock, i: number) => Math.abs(at.get(p.id)! - i);
  const ids: (string | undefined)[] = next.map(() => undefined);
  const candidates = (b: Block) => previous.filter((p) => p.kind === b.kind && !claimed.has(p.id));
  // Exact text first, so a moved paragraph keeps its identifier even when a reworded one is nearer.
  next.forEach((b, i) => {
    const same = candidates(b).filter((p) => p.text === b.text);
    if (!same.length) return;
    const nearest = same.reduce((best, p) => (distance(p, i) < distance(best, i) ? p : best));
    ids[i] = nearest.id;
    claimed.add(nearest.id);
  });
  // Then the most alike pairs, best first.
  const pairs: { i: number; p: IdentifiedBlock; score: number }[] = [];
  next.forEach((b, i) => {
    if (ids[i]) return;
    for (const p of candidates(b)) {
      const score = similarity(p.text, b.text);
      if (score >= SAME_BLOCK) pairs.push({ i, p, score });
    }
  });
  pairs.sort((x, y) => y.score - x.score || distance(x.p, x.i) - distance(y.p, y.i));
  for (const { i, p } of pairs) {
    if (ids[i] || claimed.has(p.id)) continue;
    ids[i] = p.id;
    claimed.add(p.id);
  }
  return next.map((b, i) => ({ ...b, id: ids[i] ?? makeId() }));
}
