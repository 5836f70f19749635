import { Marked, type Token } from 'marked';
import { LRUCache } from 'lru-cache';
import { lazyPackage } from '../lazy.js';
import type sanitizeHtmlType from 'sanitize-html';
import { footnoteSyntax, lexMarkdown, type FootnoteRefToken, type FootnoteToken } from './blocks.js';
import { processCache } from '../cache/process.js';

/**
 * Markdown written by the Secretariat or a working group's chairs (a newsletter issue, a report),
 * as HTML for readers. It is trusted for formatting only: raw HTML in it is cut down to a short
 * allowlist, links to http(s) and mailto, images to http(s). A heading level 1 belongs to the
 * page, so the text's own headings start at 2.
 */
/** Loaded on the first text drawn (about 15 MB an instance that draws none never pays). */
const sanitizer = lazyPackage<typeof sanitizeHtmlType>('sanitize-html');
const sanitizeHtml = (html: string, options: sanitizeHtmlType.IOptions) => sanitizer()(html, options);

/** The only ids a text may carry: the footnotes' own (fn-…, fnref-…), never one of the page's. */
const FOOTNOTE_ID = /^fn(?:ref)?-[A-Za-z0-9_-]+$/;
/** A language tag (BCP 47's shape: letters, digits and hyphens); anything else is dropped. */
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
const DIRECTIONS = new Set(['ltr', 'rtl', 'auto']);
/** An element's attributes less an id that is not a footnote's, a `lang` that is not a language tag and a `dir` that is no direction. */
const safeIdAndLang = (attribs: sanitizeHtmlType.Attributes) =>
  Object.fromEntries(Object.entries(attribs).filter(([name, value]) => (name !== 'id' || FOOTNOTE_ID.test(value)) && (name !== 'lang' || LANGUAGE_TAG.test(value)) && (name !== 'dir' || DIRECTIONS.has(value))));

const ALLOWED: sanitizeHtmlType.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'blockquote', 'code', 'pre', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'span'],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'id', 'aria-label'],
    p: ['id'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['scope'],
    // A passage in another language keeps its language and direction (a quote in Arabic in a French text).
    '*': ['lang', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  transformTags: {
    h1: 'h2',
    a: (_tag, attribs) => ({ tagName: 'a', attribs: { ...safeIdAndLang(attribs), rel: 'noopener' } }),
    p: (_tag, attribs) => ({ tagName: 'p', attribs: safeIdAndLang(attribs) }),
    '*': (tagName, attribs) => ({ tagName, attribs: safeIdAndLang(attribs) }),
  },
  // An image whose address was refused (javascript:, data:) is dropped rather than left empty.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** What a screen reader says for a footnote's links, in the reader's language: e.g. n => `Footnote ${n}`, n => `Back to the text of note ${n}`. */
export interface FootnoteWords {
  reference: (n: number) => string;
  back: (n: number) => string;
}

/** The footnotes of one document: numbers in order of first reference, safe ids, and what is drawn so far. */
interface Notes {
  number: Map<string, number>;
  id: Map<string, string>;
  /** Labels referenced somewhere: only those notes get a back link. */
  cited: Set<string>;
  /** References drawn so far, by label (the k of fnref-LABEL-k). */
  drawn: Map<string, number>;
  /** Notes drawn so far: a label defined twice keeps its id on the first. */
  placed: Set<string>;
  words?: FootnoteWords;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const ariaLabel = (words: FootnoteWords | undefined, which: keyof FootnoteWords, n: number) => (words ? ` aria-label="${escapeHtml(words[which](n))}"` : '');

/** The document being drawn: set around each synchronous parse, read by the footnote renderers. */
let current: Notes | undefined;

const renderer = new Marked({
  gfm: true,
  breaks: false,
  extensions: [
    {
      ...footnoteSyntax[0]!,
      renderer(token) {
        const { label, tokens } = token as FootnoteToken;
        const notes = current!;
        const n = notes.number.get(label)!;
        const id = notes.placed.has(label) ? undefined : notes.id.get(label)!;
        notes.placed.add(label);
        let html = this.parser.parse(tokens).trim();
        const open = id ? `<p id="fn-${id}">` : '<p>';
        html = html.startsWith('<p>') ? `${open}${n}. ${html.slice(3)}` : `${open}${n}.</p>${html}`;
        if (id && notes.cited.has(label)) {
          const back = `<a href="#fnref-${id}-1"${ariaLabel(notes.words, 'back', n)}>↩</a>`;
          html = html.endsWith('</p>') ? `${html.slice(0, -4)} ${back}</p>` : `${html}<p>${back}</p>`;
        }
        return html + '\n';
      },
    },
    {
      ...footnoteSyntax[1]!,
      renderer(token) {
        const { label, raw } = token as FootnoteRefToken;
        const notes = current!;
        const n = notes.number.get(label);
        if (n === undefined) return escapeHtml(raw);
        const k = (notes.drawn.get(label) ?? 0) + 1;
        notes.drawn.set(label, k);
        const id = notes.id.get(label)!;
        return `<sup><a href="#fn-${id}" id="fnref-${id}-${k}"${ariaLabel(notes.words, 'reference', n)}>${n}</a></sup>`;
      },
    },
  ],
});

/** A label as an id: letters, digits, _ and - kept, any other character as _ and its code point. */
const safeId = (label: string) => label.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);

/** Numbers the notes of a document: cited ones in order of first reference, then the others in order of definition. */
function numberNotes(documentTokens: Token[][], words: FootnoteWords | undefined): Notes {
  const definitions: string[] = [];
  const references: string[] = [];
  for (const tokens of documentTokens) {
    renderer.walkTokens(tokens, (t) => {
      if (t.type === 'footnote') definitions.push((t as FootnoteToken).label);
      else if (t.type === 'footnoteRef') references.push((t as FootnoteRefToken).label);
    });
  }
  const known = new Set(definitions);
  const cited = new Set(references.filter((label) => known.has(label)));
  const notes: Notes = { number: new Map(), id: new Map(), cited, drawn: new Map(), placed: new Set(), words };
  const used = new Set<string>();
  for (const label of [...cited, ...definitions]) {
    if (notes.number.has(label)) continue;
    const n = notes.number.size + 1;
    notes.number.set(label, n);
    // Two labels that read alike as ids (é and _e9) are told apart by their number.
    let id = safeId(label);
    while (used.has(id)) id = `${id}-${n}`;
    used.add(id);
    notes.id.set(label, id);
  }
  return notes;
}

function draw<T>(documentTokens: Token[][], words: FootnoteWords | undefined, each: (tokens: Token[]) => T): T[] {
  current = numberNotes(documentTokens, words);
  try {
    return documentTokens.map(each);
  } finally {
    current = undefined;
  }
}

/**
 * A whole text as HTML (a newsletter issue, a report drawn at once). Footnotes are numbered in order of
 * first reference and drawn where they are written; `words` labels their links for screen readers.
 */
export function markdownToHtml(markdown: string, words?: FootnoteWords): string {
  const tokens = lexMarkdown(markdown);
  const [html] = draw([tokens], words, (t) => renderer.parser(t));
  return sanitizeHtml(html!, ALLOWED);
}

/**
 * A document's blocks as HTML, one string per block, for a page that draws each block in its own
 * element: a reference in one block links to its note in another, numbered across the whole document
 * (`<sup><a href="#fn-LABEL" id="fnref-LABEL-k">n</a></sup>`); a note starts with its number and ends
 * with a link back to its first reference. A reference to no note stays as written.
 */
export function renderBlocks(blocks: readonly { markdown: string }[], words: FootnoteWords, key?: string): string[] {
  const kept = key ? drawn.get(key) : undefined;
  if (kept) return kept;
  const html = draw(
    blocks.map((b) => lexMarkdown(b.markdown)),
    words,
    (tokens) => sanitizeHtml(renderer.parser(tokens), ALLOWED),
  );
  if (key) drawn.set(key, html);
  return html;
}

/**
 * Documents drawn already, by a key their caller makes to name exactly this text in this page
 * language (a published version's id, a translation's id and save time, and the page's language
 * for the footnote words): a report page and each of its paragraph pages draw the whole document
 * (footnotes are numbered across it), which costs milliseconds a published text need not pay twice.
 */
const drawn = processCache(new LRUCache<string, string[]>({ maxSize: 8 * 1024 * 1024, sizeCalculation: (html) => html.reduce((n, h) => n + h.length * 2, 0) || 1 }));

/**
 * For a page that shows part of a document (a section, a paragraph): the footnotes its references
 * link to that are not in the part, as positions in the document, in its order; `html` is the whole
 * document drawn by `renderBlocks`, `part` the positions shown.
 */
export function notesOutside(blocks: readonly { kind: string }[], html: readonly string[], part: readonly number[]): number[] {
  const wanted = new Set<string>();
  for (const i of part) for (const m of html[i]!.matchAll(/href="#fn-([^"]+)"/g)) wanted.add(m[1]!);
  const shown = new Set(part);
  return blocks.flatMap((b, i) => (b.kind === 'footnote' && !shown.has(i) && wanted.has(/id="fn-([^"]+)"/.exec(html[i]!)?.[1] ?? '') ? [i] : []));
}
