/**
 * A document (a working group's report) as a list of blocks — headings, paragraphs, lists, tables,
 * quotations — read from its Markdown, each with an identifier that stays the same from one version
 * to the next while the block is recognisably the same text. Comments, counts and comparisons hang
 * on these identifiers, so an edit elsewhere in the document never moves a comment (the trouble
 * with offset anchors), and a block that is reworded keeps its comments.
 */
import { randomBytes } from 'node:crypto';
import { Marked, type Token, type TokenizerExtension, type Tokens } from 'marked';

export type BlockKind = 'heading' | 'paragraph' | 'list' | 'table' | 'blockquote' | 'code' | 'html' | 'hr' | 'footnote';

export interface Block {
  kind: BlockKind;
  /** The block's own Markdown, as written. */
  markdown: string;
  /** Its words without markup: what is compared, matched and quoted. */
  text: string;
  /** 1–6 for headings. */
  level?: number;
  /** A footnote's label, as written: `1` for `[^1]: …`. */
  label?: string;
}

export interface IdentifiedBlock extends Block {
  id: string;
}

const KINDS: Record<string, BlockKind> = { heading: 'heading', paragraph: 'paragraph', list: 'list', table: 'table', blockquote: 'blockquote', code: 'code', html: 'html', hr: 'hr', footnote: 'footnote' };

/** A footnote definition `[^label]: text`, its token: `tokens` are the note's blocks. */
export interface FootnoteToken extends Tokens.Generic {
  type: 'footnote';
  label: string;
  tokens: Token[];
}

/** A footnote reference `[^label]` in running text. Whether the note exists is the renderer's business. */
export interface FootnoteRefToken extends Tokens.Generic {
  type: 'footnoteRef';
  label: string;
}

const LABEL = String.raw`\[\^([^\s[\]]+)\]`;
const DEFINITION = new RegExp(String.raw`^ {0,3}${LABEL}:[ \t]*`);
const DEFINITION_AT_LINE = new RegExp(String.raw`(?:^|\n) {0,3}${LABEL}:`);
const REFERENCE = new RegExp(`^${LABEL}`);
const INDENTED = /^(?: {4}|\t)/;
/** Lines that start a block of their own, so they do not continue a footnote's paragraph lazily. */
const BLOCK_START = new RegExp(String.raw`^ {0,3}(?:[-+*][ \t]|\d{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|\x60{3}|~{3}|\||${LABEL}:|(?:[-*_][ \t]*){3,}$)`);

/**
 * Footnotes as pandoc and GitHub write them: a definition `[^label]: text` is a block of its own (it may
 * interrupt a paragraph), continued by lines indented four spaces (more paragraphs, after blank lines) or
 * by lazy lines of its first paragraph; a reference `[^label]` is an inline token. Shared by the block
 * reader and the renderer (markdown.ts) so both see the same notes.
 */
export const footnoteSyntax: TokenizerExtension[] = [
  {
    name: 'footnote',
    level: 'block',
    start(src) {
      const m = DEFINITION_AT_LINE.exec(src);
      return m ? m.index + (m[0].startsWith('\n') ? 1 : 0) : undefined;
    },
    tokenizer(src) {
      const head = DEFINITION.exec(src);
      if (!head) return undefined;
      const lines = src.split('\n');
      const content = [lines[0]!.slice(head[0].length)];
      let used = 1;
      let open = content[0]!.trim() !== ''; // a paragraph that lazy lines continue
      while (used < lines.length) {
        const line = lines[used]!;
        if (INDENTED.test(line)) {
          content.push(line.replace(INDENTED, ''));
          open = true;
          used++;
        } else if (!line.trim()) {
          let next = used;
          while (next < lines.length && !lines[next]!.trim()) next++;
          if (next >= lines.length || !INDENTED.test(lines[next]!)) break;
          for (; used < next; used++) content.push('');
          open = false;
        } else if (open && !BLOCK_START.test(line)) {
          content.push(line.trimStart());
          used++;
        } else break;
      }
      const raw = lines.slice(0, used).join('\n') + (used < lines.length ? '\n' : '');
      const token: FootnoteToken = { type: 'footnote', raw, label: head[1]!, tokens: [] };
      this.lexer.blockTokens(content.join('\n'), token.tokens);
      return token;
    },
  },
  {
    name: 'footnoteRef',
    level: 'inline',
    start(src) {
      const at = src.indexOf('[^');
      return at < 0 ? undefined : at;
    },
    tokenizer(src) {
      const m = REFERENCE.exec(src);
      if (!m) return undefined;
      const token: FootnoteRefToken = { type: 'footnoteRef', raw: m[0], label: m[1]! };
      return token;
    },
  },
];

/** Reads Markdown as the report pages do: GitHub's dialect with footnotes. */
const reader = new Marked({ gfm: true, extensions: footnoteSyntax });

/** The tokens of some Markdown, footnotes included. */
export function lexMarkdown(markdown: string): Token[] {
  return reader.lexer(markdown.replace(/\r\n?/g, '\n'));
}

/**
 * The words of some Markdown tokens, without markup: inline code and links keep their text, images their
 * description. A footnote reference is dropped (its words are in the note's own block), so quoting and
 * comparing see only what the writer wrote in the sentence.
 */
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
    } else if (t.type === 'br' || t.type === 'space' || (t.type === 'html' && /^<br\s*\/?>$/i.test(t.raw))) {
      parts.push(' ');
    } else if (t.type !== 'def' && 'text' in t && typeof t.text === 'string') {
      parts.push(t.text);
    }
  }
  // Block-level children are separated by a space; inline pieces are joined as they are.
  const separator = tokens.some((t) => KINDS[t.type] || t.type === 'list_item') ? ' ' : '';
  return parts.join(separator).replace(/\s+/g, ' ').trim();
}

/** The blocks of a Markdown document, in order (blank lines and link definitions are not blocks; a footnote is one). */
export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const t of lexMarkdown(markdown)) {
    const kind = KINDS[t.type];
    if (!kind) continue;
    const raw = t.raw.replace(/\n+$/, '');
    blocks.push({
      kind,
      markdown: raw,
      text: kind === 'code' || kind === 'html' ? ((t as Tokens.Code).text ?? raw).trim() : plainText([t]),
      ...(kind === 'heading' ? { level: (t as Tokens.Heading).depth } : {}),
      ...(kind === 'footnote' ? { label: (t as FootnoteToken).label } : {}),
    });
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
