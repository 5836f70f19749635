/**
 * A Word report (.docx) as Markdown, for a working group's chair to check before saving: headings,
 * paragraphs, lists, emphasis, links, tables, footnotes and endnotes (as `[^n]` with `[^n]: …` at the
 * end) and images (stored through the caller, alt text kept). What cannot be kept is listed as
 * problems, each a message key under `documents.import.` with its values. mammoth reads the file into
 * plain HTML (its style map says which Word styles are which), turndown writes that HTML as Markdown.
 * Both are loaded on the first import.
 */
import { createRequire } from 'node:module';
import type TurndownService from 'turndown';

export interface ImportedImage {
  contentType: string;
  data: Buffer;
  alt: string;
}

export interface DocxImport {
  markdown: string;
  /** What could not be kept, for the chair to check: each a message key (under `documents.import.`) and values for it. */
  problems: { key: string; values?: Record<string, string | number> }[];
}

/** The largest Word file read (20 MB): a long report with its pictures fits. */
export const DOCX_MAX_BYTES = 20 * 1024 * 1024;
/** The most a file may unpack to: a file packed far beyond Word's ratio is refused before it is unpacked. */
const MAX_UNPACKED_BYTES = 10 * DOCX_MAX_BYTES;

/** A file that is not a Word document that can be read: not a zip, a zip without word/document.xml, too large, or broken inside. */
export class NotADocxError extends Error {
  constructor(
    readonly reason: 'notDocx' | 'tooLarge' | 'unreadable',
    options?: ErrorOptions,
  ) {
    super(`Not a readable Word file (${reason})`, options);
    this.name = 'NotADocxError';
  }
}

/** The files in a zip and their unpacked sizes, from its central directory; undefined when it is not a zip. */
function zipEntries(file: Buffer): { name: string; size: number }[] | undefined {
  try {
    return readCentralDirectory(file);
  } catch {
    return undefined; // a length that points past the end
  }
}

function readCentralDirectory(file: Buffer): { name: string; size: number }[] | undefined {
  const lowest = Math.max(0, file.length - 22 - 0xffff);
  for (let end = file.length - 22; end >= lowest; end--) {
    if (file.readUInt32LE(end) !== 0x06054b50) continue;
    const count = file.readUInt16LE(end + 10);
    let at = file.readUInt32LE(end + 16);
    const entries: { name: string; size: number }[] = [];
    for (let i = 0; i < count; i++) {
      if (at + 46 > file.length || file.readUInt32LE(at) !== 0x02014b50) return undefined;
      const nameLength = file.readUInt16LE(at + 28);
      const extraLength = file.readUInt16LE(at + 30);
      let size = file.readUInt32LE(at + 24);
      // ZIP64: the real size is in the extra field 0x0001.
      for (let x = at + 46 + nameLength; size === 0xffffffff && x + 4 <= at + 46 + nameLength + extraLength; x += 4 + file.readUInt16LE(x + 2)) {
        if (file.readUInt16LE(x) === 1 && x + 12 <= file.length) size = Number(file.readBigUInt64LE(x + 4));
      }
      entries.push({ name: file.toString('utf8', at + 46, at + 46 + nameLength), size });
      at += 46 + nameLength + extraLength + file.readUInt16LE(at + 32);
    }
    return entries;
  }
  return undefined;
}

/**
 * Headings first (a numbered heading is a heading, not a list item), then mammoth's own list rules,
 * so that Word's "List Paragraph" style maps to a paragraph only when it is not in a list. A report's
 * only level-1 heading is its title (Word's Title style): Word's Heading 1 is a section, level 2.
 */
const HEADINGS_AND_LISTS = [
  "p[style-name='Title'] => h1:fresh",
  ...[1, 2, 3, 4, 5, 6].map((level) => `p[style-name='heading ${level}'] => h${Math.min(level + 1, 6)}:fresh`),
  ...[1, 2, 3, 4, 5].flatMap((level) =>
    (['unordered', 'ordered'] as const).map((kind) => `p:${kind}-list(${level}) => ${'ul|ol > li > '.repeat(level - 1)}${kind === 'ordered' ? 'ol' : 'ul'} > li:fresh`),
  ),
];

/** Word's usual styles beyond mammoth's own map (headings, lists, footnotes). A Word table of contents is left out: the report page makes its own. */
const STYLE_MAP = [
  ...HEADINGS_AND_LISTS,
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Caption'] => p:fresh",
  "p[style-name='List Paragraph'] => p:fresh",
  "p[style-name='No Spacing'] => p:fresh",
  "p[style-name='Normal (Web)'] => p:fresh",
  "p[style-name='Body Text'] => p:fresh",
  "p[style-name^='Body Text '] => p:fresh",
  "p[style-name='Text Body'] => p:fresh",
  "p[style-name='Source Code'] => pre:separator('\\n')",
  "p[style-name='HTML Preformatted'] => pre:separator('\\n')",
  "p[style-name='Plain Text'] => pre:separator('\\n')",
  "p[style-name^='toc '] => !",
  "p[style-name='TOC Heading'] => !",
  "p[style-name^='Contents '] => !",
  "p[style-name='Contents Heading'] => !",
  "r[style-name='Emphasis'] => em",
  "r[style-name='Intense Emphasis'] => em",
  "r[style-name='HTML Code'] => code",
  "r[style-name='Source Text'] => code",
];

/** Image types a browser shows; others (EMF, WMF, TIFF) are left out and listed. */
const SHOWN_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml']);

interface WordElement {
  type?: string;
  styleName?: string;
  children?: WordElement[];
}

/** What the document holds that is left out without a message from mammoth: table of contents paragraphs and comments. */
function leftOut(element: WordElement, found = { contents: 0, comments: 0 }): { contents: number; comments: number } {
  if (element.type === 'paragraph' && /^(?:toc |contents )|^(?:toc|contents) heading$/i.test(element.styleName ?? '')) found.contents++;
  if (element.type === 'commentReference') found.comments++;
  for (const child of element.children ?? []) leftOut(child, found);
  return found;
}

/**
 * Escapes only what would otherwise be read as Markdown: emphasis and strike-through that could open,
 * code spans, links and footnote references, HTML tags and entities, and at a line's start lists,
 * headings, quotations, fences and rules. Full stops, hyphens in words, brackets around a number and
 * underscores inside words stay as written.
 */
function escapeText(text: string): string {
  return (
    text
      .replace(/\\(?=[!-/:-@[-`{-~]|$)/g, '\\\\')
      .replace(/`/g, '\\`')
      .replace(/\*(?=\S)/g, '\\*')
      .replace(/(?<![\p{L}\p{N}])_(?=\S)/gu, '\\_')
      .replace(/~(?=\S)/g, '\\~')
      .replace(/\[(?=\^|[^\]]*\][([:])/g, '\\[')
      .replace(/<(?=[A-Za-z/!?])/g, '\\<')
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
      // At the start of a line (a text node's start is where turndown may begin one).
      .replace(/^([-+*])(?=[ \t]|$)/, '\\$1')
      .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2')
      .replace(/^(#{1,6})(?=[ \t]|$)/, '\\$1')
      .replace(/^>/, '\\>')
      .replace(/^=+[ \t]*$/, '\\$&')
      .replace(/^-(?=(?:[ \t]*-){2,}[ \t]*$)/, '\\-')
  );
}

/** Superscript digits and signs as their Unicode characters (m², 10⁶); other superscript text stays plain. */
const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾' };

const isNoteRef = (node: HTMLElement) => node.nodeName === 'A' && /^(?:foot|end)note-ref-\d+$/.test(node.getAttribute('id') ?? '') && (node.getAttribute('href') ?? '').startsWith('#');
const isNoteBackLink = (node: HTMLElement) => node.nodeName === 'A' && /^#(?:foot|end)note-ref-\d+$/.test(node.getAttribute('href') ?? '');
const isNote = (node: HTMLElement) => node.nodeName === 'LI' && /^(?:foot|end)note-\d+$/.test(node.getAttribute('id') ?? '') && node.parentNode?.nodeName === 'OL';

const parentTable = (node: Node): HTMLTableElement | undefined => {
  for (let p = node.parentNode; p; p = p.parentNode) if (p.nodeName === 'TABLE') return p as HTMLTableElement;
  return undefined;
};
const cellsOf = (table: HTMLTableElement) => Array.from(table.rows).flatMap((row) => Array.from(row.childNodes).filter((c): c is HTMLTableCellElement => c.nodeName === 'TD' || c.nodeName === 'TH'));
const has = (node: Element, tags: string[]) => tags.some((t) => node.getElementsByTagName(t).length > 0);

/** An address as a Markdown link destination: spaces and brackets percent-encoded. */
const destination = (url: string) => url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** A table that GFM cannot hold: merged cells, a table inside or around it, or lists, headings and other blocks in its cells. Asked for every cell, so remembered. */
const complexity = new WeakMap<HTMLTableElement, boolean>();
function isComplexTable(table: HTMLTableElement): boolean {
  let complex = complexity.get(table);
  if (complex === undefined) complexity.set(table, (complex = measureComplexity(table)));
  return complex;
}
function measureComplexity(table: HTMLTableElement): boolean {
  return (
    !!parentTable(table) ||
    has(table, ['table', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'blockquote', 'pre']) ||
    cellsOf(table).some((c) => Number(c.getAttribute('colspan') ?? 1) > 1 || Number(c.getAttribute('rowspan') ?? 1) > 1)
  );
}

/** Lines without trailing spaces and at most one blank line in a row (code blocks left as they are). */
function tidy(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^ *(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      out.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && !line.trim().slice(marker.length)) fence = undefined;
      continue;
    }
    if (marker) fence = marker;
    const trimmed = line.trimEnd();
    if (!trimmed && !out[out.length - 1]) continue;
    out.push(trimmed);
  }
  return out.join('\n').trim();
}

interface Conversion {
  /** Word's note ids (footnote-2, endnote-1) to Markdown labels, numbered in order of reference. */
  labels: Map<string, string>;
  complexTables: number;
}

function makeTurndown(Turndown: typeof TurndownService, gfm: TurndownService.Plugin, state: Conversion): TurndownService {
  const td = new Turndown({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '*', strongDelimiter: '**', br: '\\', hr: '---' });
  td.use(gfm);
  td.escape = escapeText;
  const label = (noteId: string) => {
    const id = noteId.replace('-ref-', '-');
    if (!state.labels.has(id)) state.labels.set(id, String(state.labels.size + 1));
    return state.labels.get(id)!;
  };
  // Rules added later win over earlier ones (and over the GFM plugin's).
  td.addRule('listItem', {
    filter: 'li',
    replacement(content, node) {
      const parent = node.parentNode as HTMLElement;
      const start = Number(parent.getAttribute?.('start') ?? 1);
      const prefix = parent.nodeName === 'OL' ? `${start + Array.prototype.indexOf.call(parent.children, node)}. ` : '- ';
      const paragraph = /\n$/.test(content);
      const body = content.replace(/^\n+/, '').replace(/\n+$/, '') + (paragraph ? '\n' : '');
      return prefix + body.replace(/\n/g, `\n${' '.repeat(prefix.length)}`) + (node.nextSibling ? '\n' : '');
    },
  });
  td.addRule('image', {
    filter: 'img',
    replacement(_content, node) {
      const src = (node as HTMLElement).getAttribute('src') ?? '';
      const alt = ((node as HTMLElement).getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim().replace(/[\\[\]]/g, '\\$&');
      return src ? `![${alt}](${destination(src)})` : '';
    },
  });
  td.addRule('link', {
    filter: (node) => node.nodeName === 'A' && !!node.getAttribute('href'),
    replacement(content, node) {
      const href = (node as HTMLElement).getAttribute('href')!;
      // A link inside the document (a Word bookmark, a table of contents) points nowhere on the page: its text stays.
      if (href.startsWith('#') || !content.trim()) return content;
      // Brackets that do not pair would end the link text early: they are escaped.
      const words = node.textContent ?? '';
      const paired = words.split('[').length === words.split(']').length || has(node as HTMLElement, ['img']);
      return `[${paired ? content : content.replace(/(?<!\\)[[\]]/g, '\\$&')}](${destination(href)})`;
    },
  });
  td.addRule('preformatted', {
    filter: (node) => node.nodeName === 'PRE' && node.firstChild?.nodeName !== 'CODE',
    replacement(_content, node) {
      const code = node.textContent ?? '';
      const fence = '`'.repeat(Math.max(3, ...(code.match(/`+/g) ?? []).map((run) => run.length + 1)));
      return `\n\n${fence}\n${code.replace(/\n$/, '')}\n${fence}\n\n`;
    },
  });
  td.addRule('superscript', {
    filter: (node) => node.nodeName === 'SUP' && !Array.from(node.childNodes).some((c) => isNoteRef(c as HTMLElement)),
    replacement: (content) => (/^[0-9+\-−=()]+$/.test(content) ? [...content].map((c) => SUPERSCRIPT[c]).join('') : content),
  });
  td.addRule('noteReference', {
    filter: (node) => isNoteRef(node),
    replacement: (_content, node) => `[^${label((node as HTMLElement).getAttribute('id')!)}]`,
  });
  td.addRule('noteBackLink', { filter: (node) => isNoteBackLink(node), replacement: () => '' });
  td.addRule('note', {
    filter: (node) => isNote(node),
    replacement(content, node) {
      const lines = content.trim().split('\n').map((line, i) => (i === 0 || !line.trim() ? line : `    ${line}`));
      return `\n\n[^${label((node as HTMLElement).getAttribute('id')!)}]: ${lines.join('\n')}\n\n`;
    },
  });
  td.addRule('notes', {
    filter: (node) => node.nodeName === 'OL' && node.children.length > 0 && Array.from(node.children).every((li) => isNote(li as HTMLElement)),
    replacement: (content) => `\n\n${content}\n\n`,
  });
  // Tables: the first row is the header; a table GFM cannot hold is kept as its cells' paragraphs.
  const gfmTable = (node: Node) => {
    const table = parentTable(node);
    return !!table && !isComplexTable(table) && cellsOf(table).length > 1;
  };
  td.addRule('tableCell', {
    filter: (node) => (node.nodeName === 'TD' || node.nodeName === 'TH') && gfmTable(node),
    replacement(content, node) {
      const first = Array.prototype.indexOf.call(node.parentNode!.childNodes, node) === 0;
      // A cell's paragraphs are lines of one cell; a | in it is escaped, each one.
      const text = content.trim().replace(/\s*\n\s*/g, '<br>').replace(/\|/g, '\\|');
      return `${first ? '| ' : ' '}${text.padEnd(3)} |`;
    },
  });
  td.addRule('headerRow', {
    filter(node) {
      if (node.nodeName !== 'TR' || !gfmTable(node) || parentTable(node)!.rows[0] !== node) return false;
      return !(node.parentNode?.nodeName === 'THEAD' || Array.from(node.childNodes).every((c) => c.nodeName === 'TH'));
    },
    replacement(content, node) {
      const table = parentTable(node)!;
      const columns = Math.max(...Array.from(table.rows).map((r) => r.childNodes.length));
      return `\n${content}\n|${' --- |'.repeat(columns)}`;
    },
  });
  td.addRule('extraHeaderRow', {
    filter: (node) => node.nodeName === 'TR' && node.parentNode?.nodeName === 'THEAD' && (node.parentNode as HTMLElement).firstElementChild !== node && !isComplexTable(parentTable(node)!),
    replacement: (content) => `\n${content}`,
  });
  td.addRule('complexTablePart', {
    filter: (node) => ['TD', 'TH', 'TR', 'THEAD', 'TBODY', 'TFOOT'].includes(node.nodeName) && !!parentTable(node) && isComplexTable(parentTable(node)!),
    replacement: (content) => `\n\n${content}\n\n`,
  });
  td.addRule('complexTable', {
    filter: (node) => node.nodeName === 'TABLE' && isComplexTable(node as HTMLTableElement),
    replacement(content, node) {
      if (!parentTable(node)) state.complexTables++;
      return `\n\n${content}\n\n`;
    },
  });
  return td;
}

type Problem = DocxImport['problems'][number];

/** mammoth's messages as problems; the text of one we do not know is passed on as its detail. */
function problemFor(message: { type: string; message: string; error?: unknown }): Problem {
  const style = /^Unrecognised (?:paragraph|run) style: '(.*)' \(Style ID: (.*)\)$/.exec(message.message);
  if (style) return { key: 'unknownStyle', values: { style: style[1] && style[1] !== 'undefined' ? style[1] : style[2]! } };
  const detail = message.error instanceof Error ? message.error.message : message.message;
  return { key: 'unsupported', values: { detail } };
}

/**
 * A Word file as Markdown, with what could not be kept. storeImage saves an embedded image and returns
 * the URL to put in the Markdown (its errors are thrown from here). Throws NotADocxError for a file that
 * is not a Word document, is larger than DOCX_MAX_BYTES, or cannot be read.
 */
export async function docxToMarkdown(file: Buffer, storeImage: (img: ImportedImage) => Promise<string>): Promise<DocxImport> {
  if (file.length > DOCX_MAX_BYTES) throw new NotADocxError('tooLarge');
  const entries = zipEntries(file);
  if (!entries?.some((e) => e.name === 'word/document.xml')) throw new NotADocxError('notDocx');
  if (entries.reduce((sum, e) => sum + e.size, 0) > MAX_UNPACKED_BYTES) throw new NotADocxError('tooLarge');

  const { default: mammoth } = await import('mammoth');
  const { default: Turndown } = await import('turndown');
  const { gfm } = createRequire(import.meta.url)('@joplin/turndown-plugin-gfm') as { gfm: TurndownService.Plugin };

  const problems: Problem[] = [];
  const seen = new Map<string, Problem>();
  const add = (p: Problem, n = 1) => {
    const key = `${p.key}\0${JSON.stringify(p.values ?? {})}`;
    const known = seen.get(key);
    if (known) known.values!.n = Number(known.values!.n) + n;
    else {
      const problem = { key: p.key, values: { ...p.values, n } };
      seen.set(key, problem);
      problems.push(problem);
    }
  };

  let withoutAlt = 0;
  let omitted = { contents: 0, comments: 0 };
  let storeError: { error: unknown } | undefined;
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: file },
      {
        styleMap: STYLE_MAP,
        transformDocument: (document: WordElement) => {
          omitted = leftOut(document);
          return document;
        },
        convertImage: mammoth.images.imgElement(async (image) => {
          const alt = ((image as { altText?: string }).altText ?? '').trim();
          if (!SHOWN_IMAGES.has(image.contentType)) {
            add({ key: 'imageFormat', values: { type: image.contentType } });
            return { src: '' };
          }
          if (!alt) withoutAlt++;
          // An image that cannot be read is mammoth's message; one that cannot be stored is the caller's error.
          const data = await image.readAsBuffer();
          try {
            return { src: await storeImage({ contentType: image.contentType, data, alt }) };
          } catch (error) {
            storeError ??= { error };
            throw error;
          }
        }),
      },
    );
    html = result.value;
    // Images of a type a browser does not show are counted above, by this module's list rather than mammoth's.
    for (const m of result.messages) if (!/^Image of type /.test(m.message)) add(problemFor(m));
  } catch (error) {
    if (storeError) throw storeError.error;
    throw new NotADocxError('unreadable', { cause: error });
  }
  if (storeError) throw storeError.error;

  const state: Conversion = { labels: new Map(), complexTables: 0 };
  const markdown = tidy(makeTurndown(Turndown, gfm, state).turndown(html));
  if (withoutAlt) add({ key: 'imageWithoutAlt' }, withoutAlt);
  if (state.complexTables) add({ key: 'complexTable' }, state.complexTables);
  if (omitted.contents) add({ key: 'tableOfContents' }, omitted.contents);
  if (omitted.comments) add({ key: 'comments' }, omitted.comments);
  return { markdown, problems };
}
