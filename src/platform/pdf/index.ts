/**
 * PDF text layer: draws names and text in the six UN languages (Latin, Cyrillic and Greek, Arabic, Chinese)
 * with pdfkit (the document, fonts embedded as subsets) and the Noto Sans fonts. Text is shaped by
 * HarfBuzz (shaper.ts) and written here as text operators; pdfkit's own text() is not used.
 *
 * Why bidi by hand: a shaper lays out each string it is given in one direction only; it never
 * reorders a line that mixes directions, e.g. "وزارة التربية (Maroc)". So every line goes through the Unicode Bidirectional Algorithm (bidi-js) here:
 *  1. resolve an embedding level per character (paragraph direction 'ltr', 'rtl' or 'auto');
 *  2. pick a font per character by script (Arabic, CJK, everything else Latin; neutrals such as spaces
 *     and punctuation take the font of their neighbours) and cut the line into runs of the same level
 *     and font;
 *  3. reorder the runs visually (rule L2) and draw them left to right, each with its own font.
 * Inside a right-to-left run, mirrorable characters are swapped ("(" becomes ")", rule L4). A piece
 * whose first letter of one script is of a right-to-left script is shaped right to left, which
 * reverses it, so Arabic runs are handed over in logical order; a run is reversed here only where its
 * level and the shaper disagree: a right-to-left run without right-to-left letters (spaces, brackets),
 * or Arabic-Indic digits, which read left to right.
 *
 * Pieces, not lines, are shaped, and each is kept once shaped: a word with its spaces, a CJK
 * character; Arabic runs word by word, the words in visual order (Arabic does not join across a
 * space). A long document has a million words but some tens of thousands of different ones. A line
 * is as wide as its pieces, so a paragraph drawn left to right is broken into lines by adding up
 * its pieces' widths (shapedLines), and its lines are drawn from those pieces.
 *
 * Text that copies out right. A reader turns glyphs back into text through the font's ToUnicode map,
 * one entry per glyph, and rebuilds a right-to-left line by reversing what it finds from left to
 * right. Latin, Cyrillic and Chinese glyphs map one to one, but shaped Arabic does not: Noto Sans
 * Arabic draws many letters as a dotless form plus dots (ز is the glyph of ر and a dot), and one
 * dotless glyph serves several letters (ب ت ث ن ي in the middle of a word), so with one entry per
 * glyph, most of them would copy out as another letter. So runs of Arabic letters are drawn glyph
 * by glyph:
 *  - each glyph as a copy in the font subset for each letter it is drawn for, so that the ToUnicode
 *    map gives every copy its own letter (the shaper's clusters say which letters a glyph is drawn
 *    for, and the font's glyph classes which glyphs are marks);
 *  - the dots, which stand for no letter, after all the letters of the line, in marked content with
 *    an empty /ActualText, so that readers that honour it (Acrobat, poppler: pdftotext, Evince,
 *    Okular) take no text from them; pdf.js, which ignores /ActualText, drops them by their map
 *    entry, WORD JOINER (U+2060), a format character. Drawn among the letters, they would split
 *    words for poppler (a dot sits above or below the baseline), and marked content there would
 *    split a line into pieces that pdf.js then copies in visual order.
 * The vowel marks (fatha, shadda, tanween…) are drawn with the dots, as no text: the copied text has
 * the letters without them, as Arabic is mostly written. Readers disagree on where a mark goes:
 * pdf.js wants it before its letter in drawing order and counts any glyph whose text has one as
 * zero width; poppler starts a new word at any raised glyph; either way words came out split.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import bidiFactory from 'bidi-js';
import PDFDocument from 'pdfkit';
import { Output } from './output.js';
import { shapeText, type Shape } from './shaper.js';

export type Direction = 'ltr' | 'rtl';
/** Horizontal alignment relative to the paragraph direction: 'start' is left for ltr and right for rtl. */
export type Align = 'start' | 'center' | 'end';

export interface FontOptions {
  size: number;
  bold?: boolean;
  /** Paragraph direction; 'auto' (the default) takes it from the first strong letter. */
  direction?: Direction | 'auto';
}

export interface LineOptions extends FontOptions {
  x: number;
  /** Top of the line box. The baseline sits at y + 1.069 × size whatever the scripts and any shrinking. */
  y: number;
  width: number;
  /** Default 'start'. */
  align?: Align;
  /** Fill colour of the text; default the document's current one. */
  color?: string;
}

export interface ParagraphOptions extends LineOptions {
  /** Extra space between lines, in points (default 0); lines are 1.5 × size apart without it. */
  lineGap?: number;
}

type Script = 'latin' | 'arabic' | 'cjk';

/** The six fonts registered on every document, by the name callers may pass to `doc.font()`. */
const FONT_FILES = {
  latin: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  'latin-bold': '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  'arabic-bold': '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  cjk: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  'cjk-bold': '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

/** Noto Sans ascender (1069/1000 em): distance from the top of a line box to the baseline all fonts share. */
const ASCENT = 1.069;
/** Line height of drawParagraph, in em: room for Arabic descenders and CJK. */
const LINE_HEIGHT = 1.5;
/** drawLine shrinks an over-long text down to this fraction of the size before cutting it. */
const MIN_SCALE = 0.6;
const ELLIPSIS = '…';

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const CJK_LETTERS = '\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF\\u{20000}-\\u{3FFFF}';
const CJK = new RegExp(`[${CJK_LETTERS}]`, 'u');
/** The pieces a run is shaped in, each kept once shaped: a word with the spaces after it, or one CJK character with any after it. */
const SHAPED_PIECE = new RegExp(`[${CJK_LETTERS}][ \\t]*|[^ \\t${CJK_LETTERS}]+[ \\t]*|[ \\t]+`, 'gu');
/** How a piece's direction is picked: from its first character that belongs to one script (not Common or Inherited). */
const SCRIPT_SPECIFIC = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
/** Right-to-left letters (Hebrew to NKo, their presentation forms, the SMP's right-to-left blocks) and the bidi controls. */
const RTL_OR_CONTROL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200F\u202A-\u202E\u2066-\u2069\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
/** Anything that is not a letter, mark or digit: spaces and punctuation. */
const NEUTRAL = /[^\p{L}\p{M}\p{N}]/u;
/** CJK punctuation that must not start a line, and brackets that must not end one. */
const CJK_NO_BREAK_BEFORE = /[、。，．！？：；）」』】〕〉》]/u;
const CJK_NO_BREAK_AFTER = /[（「『【〔〈《]/u;

const bidi = bidiFactory();
const require = createRequire(import.meta.url);
const fontBuffers = new Map<FontName, Buffer>();

/** Each font file is read once per process, on first use (the CJK fonts are 10 MB each). */
function fontBuffer(name: FontName): Buffer {
  let buffer = fontBuffers.get(name);
  if (!buffer) {
    buffer = readFileSync(require.resolve(FONT_FILES[name]));
    fontBuffers.set(name, buffer);
  }
  return buffer;
}

/**
 * A new document with the six fonts registered; pdfkit embeds only the glyphs used, as subsets. A
 * font's file is read when a document first uses it: a letter in English never reads the CJK fonts
 * (10 MB each), and the 10,000-comment annex never reads the bold CJK one.
 */
export function newDocument(options: PDFKit.PDFDocumentOptions = {}): PDFKit.PDFDocument {
  const doc = new PDFDocument({ ...options, info: { ...options.info, Producer: 'Bridges' } });
  const registered = (doc as unknown as DocumentInternals)._registeredFonts;
  for (const name of Object.keys(FONT_FILES) as FontName[]) {
    Object.defineProperty(registered, name, { enumerable: true, get: () => ({ src: fontBuffer(name) }) });
  }
  // The first page, unless the caller adds it (autoFirstPage: false).
  const first = (doc as unknown as Partial<DocumentInternals>).page;
  if (first) deflateFaster(first.content);
  doc.on('pageAdded', () => deflateFaster((doc as unknown as DocumentInternals).page.content));
  const output = new Output();
  written.set(doc, output);
  doc.on('data', (chunk: Buffer) => output.add(chunk));
  // What pdfkit wrote already is read now: from then on each piece goes to `output` as it is written.
  // (Left to the stream, flowing starts on the next tick, which a document drawn in one go never reaches.)
  while (doc.read() !== null);
  return doc;
}

const written = new WeakMap<PDFKit.PDFDocument, Output>();

/**
 * zlib's level for pages' content. pdfkit's (zlib's default, 6) took an eighth of a long document's
 * time: the 10,000-comment annex draws in 5.1 s at level 1 against 5.7 s, for 11.2 MB against 9.9 MB.
 */
const CONTENT_DEFLATE_LEVEL = 1;

/**
 * A page's content stream gathered as text and turned into bytes once, when pdfkit ends the page, then
 * deflated at CONTENT_DEFLATE_LEVEL instead of by pdfkit at its own level. pdfkit turns each
 * operator into bytes as it comes (a small buffer each, a character at a time): for the
 * 10,000-comment annex, millions of buffers for the collector. Operators are Latin-1 text (a glyph's
 * bytes too, see glyphBytes); bytes written as such keep their place after the text before them.
 */
function deflateFaster(content: ContentStream): void {
  content.compress = false;
  const write = content.write.bind(content);
  let text = '';
  const flush = () => {
    if (text === '') return;
    write(Buffer.from(text, 'latin1'));
    text = '';
  };
  content.write = (chunk) => {
    if (typeof chunk === 'string') text += `${chunk}\n`;
    else {
      flush();
      write(chunk);
    }
  };
  const end = content.end.bind(content);
  content.end = () => {
    flush();
    if (content.buffer.length > 0) {
      content.buffer = [deflateSync(Buffer.concat(content.buffer), { level: CONTENT_DEFLATE_LEVEL })];
      content.data.Filter = 'FlateDecode';
    }
    end();
  };
}

/** Ends the document and resolves with its bytes. */
export function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const output = written.get(doc);
    if (!output) throw new Error('toBuffer takes a document made by newDocument');
    doc.on('end', () => resolve(output.bytes()));
    doc.on('error', reject);
    doc.end();
  });
}

/** Width in points of one line of text as drawLine would draw it at this size (without shrinking). */
export function textWidth(doc: PDFKit.PDFDocument, text: string, opts: FontOptions): number {
  const direction = resolveDirection(text, opts.direction);
  return sum(measure(doc, visualRuns(text, direction, opts.bold), opts.size).map((run) => run.width));
}

/**
 * Draws one line. A text wider than `width` is shrunk down to 60 % of `size`, then cut with "…",
 * so it never overflows. Line breaks in the text are drawn as spaces.
 */
export function drawLine(doc: PDFKit.PDFDocument, text: string, opts: LineOptions): void {
  const line = text.replace(/[\r\n\t]+/g, ' ');
  const direction = resolveDirection(line, opts.direction);
  // Most lines fit as they are: their runs are laid out and measured once.
  const natural = measure(doc, visualRuns(line, direction, opts.bold), opts.size);
  const fits = sum(natural.map((run) => run.width)) <= opts.width;
  const fitted = fits ? { text: line, size: opts.size } : fitLine(doc, line, { ...opts, direction });
  const runs = fits ? natural : measure(doc, visualRuns(fitted.text, direction, opts.bold), fitted.size);
  const free = opts.width - sum(runs.map((run) => run.width));
  drawRuns(doc, runs, opts.x + alignOffset(opts.align ?? 'start', direction, free), opts.y + ASCENT * opts.size, fitted.size, opts.color);
}

/** A line's runs as measure or shapedLines made them, left to right, each with its width in points. */
interface DrawnRun {
  font: FontName;
  width: number;
  /** Its shaped pieces, and their TJ array when known. */
  pieces?: Encoded[];
  array?: string | null;
  /** A run of right-to-left letters: its pieces' shapes, drawn glyph by glyph. */
  spelled?: Shape[];
}

/** Draws a line's runs from x on the baseline, in the colour given (else the document's), the dots of its Arabic letters last (see drawDots). */
function drawRuns(doc: PDFKit.PDFDocument, runs: DrawnRun[], x: number, baseline: number, size: number, color?: string): void {
  if (color) doc.save().fillColor(color);
  const dots: Dot[] = [];
  for (const run of runs) {
    useFont(doc, run.font, size);
    if (run.pieces) drawShaped(doc, { pieces: run.pieces, array: run.array ?? null }, x, baseline);
    let at = x;
    for (const shape of run.spelled ?? []) {
      drawGlyphs(doc, shape, at, baseline, dots);
      at += (shape.width * size) / 1000;
    }
    x += run.width;
  }
  drawDots(doc, dots);
  if (color) doc.restore();
}

/**
 * Draws wrapped text: breaks at spaces and between two CJK characters, and at every '\n'.
 * Returns the y just below the last line. Each line goes through drawLine, so a single word
 * wider than `width` is shrunk or cut rather than overflowing.
 */
export function drawParagraph(doc: PDFKit.PDFDocument, text: string, opts: ParagraphOptions): number {
  // Each hard line is one bidi paragraph: its direction holds for all the lines it wraps into.
  const lines = text.split(/\r?\n/).flatMap((paragraph) => {
    const direction = resolveDirection(paragraph, opts.direction);
    return brokenParagraph(doc, paragraph, { ...opts, direction }).map((line) => ({ line, direction }));
  });
  const gap = opts.lineGap ?? 0;
  const step = LINE_HEIGHT * opts.size + gap;
  lines.forEach(({ line, direction }, index) => drawBrokenLine(doc, line, { ...opts, y: opts.y + index * step, direction }));
  return opts.y + lines.length * step - gap;
}

/** Where text flows down a document's pages: the y of the next line, and each page's top and bottom margins. */
export interface Flow {
  doc: PDFKit.PDFDocument;
  y: number;
  top: number;
  bottom: number;
}

export interface FlowOptions extends Omit<ParagraphOptions, 'y'> {
  /** In a tagged document, the structure element the text belongs to: each line is marked content of it, so a paragraph may run over pages. */
  tag?: PDFKit.PDFStructureElement;
}

/**
 * Draws wrapped text as drawParagraph does, going on to a new page whenever the next line would
 * pass the page's bottom (a long text runs over as many pages as it needs); moves the flow below it.
 */
export function flowParagraph(flow: Flow, text: string, opts: FlowOptions): void {
  const gap = opts.lineGap ?? 0;
  const step = LINE_HEIGHT * opts.size + gap;
  for (const paragraph of text.split(/\r?\n/)) {
    const direction = resolveDirection(paragraph, opts.direction);
    const at = { ...opts, y: flow.y, direction };
    const lines = brokenParagraph(flow.doc, paragraph, at);
    let line: ShapedLine | string = '';
    const draw = () => drawBrokenLine(flow.doc, line, at);
    for (line of lines) {
      if (flow.y + LINE_HEIGHT * opts.size > flow.bottom) {
        flow.doc.addPage();
        flow.y = flow.top;
      }
      at.y = flow.y;
      if (opts.tag) inStructure(flow.doc, opts.tag, draw);
      else draw();
      flow.y += step;
    }
  }
  flow.y -= gap;
}

/** A line of brokenParagraph drawn: from its shaped pieces, or as text by drawLine. */
function drawBrokenLine(doc: PDFKit.PDFDocument, line: ShapedLine | string, opts: LineOptions & { direction: Direction }): void {
  if (typeof line === 'string') drawLine(doc, line, opts);
  else drawShapedLine(doc, line, opts);
}

/** A paragraph broken into lines: shaped, when it is drawn left to right (see shapedLines), else as text for drawLine. */
function brokenParagraph(doc: PDFKit.PDFDocument, paragraph: string, opts: FontOptions & { width: number }): (ShapedLine | string)[] {
  const fonts = leftToRightFonts(paragraph, opts);
  return fonts ? shapedLines(doc, paragraph, fonts, opts) : wrapByPieces(doc, paragraph, opts);
}

/** The height flowParagraph or drawParagraph gives a text at this width (without page breaks): to keep a block on one page. */
export function paragraphHeight(doc: PDFKit.PDFDocument, text: string, opts: Omit<ParagraphOptions, 'x' | 'y'>): number {
  const gap = opts.lineGap ?? 0;
  const lines = text.split(/\r?\n/).reduce((count, paragraph) => count + wrap(doc, paragraph, { ...opts, direction: resolveDirection(paragraph, opts.direction) }).length, 0);
  return lines * (LINE_HEIGHT * opts.size + gap) - gap;
}

/**
 * In a tagged document: what `draw` puts on the page (one page) is marked content of the structure
 * element, which must already be in the tree (added to the document or to an element that is).
 */
export function inStructure<T>(doc: PDFKit.PDFDocument, element: PDFKit.PDFStructureElement, draw: () => T): T {
  const content = doc.markStructureContent(roleOf(element));
  const result = draw();
  doc.endMarkedContent();
  element.add(content);
  return result;
}

/** In a tagged document: what `draw` puts on the page is an artifact (a page's running foot, a rule), not part of the text. */
export function asArtifact(doc: PDFKit.PDFDocument, draw: () => void, type: 'Pagination' | 'Layout' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

/** A structure element's type (P, H1, LBody…), the tag of its marked content. */
function roleOf(element: PDFKit.PDFStructureElement): string {
  return (element as unknown as { dictionary: { data: { S: string } } }).dictionary.data.S;
}

interface Run {
  text: string;
  font: FontName;
  level: number;
}

/** The line as runs of one level and one font, in visual order (left to right), ready to draw. */
function visualRuns(text: string, direction: Direction, bold = false): Run[] {
  // A left-to-right line with no right-to-left letter and no bidi control is all level 0: nothing to resolve, mirror or reorder.
  const plain = direction === 'ltr' && !RTL_OR_CONTROL.test(text);
  // …and without Arabic or CJK letters, one run in the Latin font.
  if (plain && !ARABIC.test(text) && !CJK.test(text)) return text === '' ? [] : [{ text, font: fontName('latin', bold), level: 0 }];
  const levels = plain ? new Uint8Array(text.length) : bidi.getEmbeddingLevels(text, direction).levels;
  const mirrored = plain ? new Map<number, string>() : bidi.getMirroredCharactersMap(text, levels);
  const scripts = scriptsOf(text);
  const runs: Run[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = mirrored.get(i) ?? text[i];
    const font = fontName(scripts[i], bold);
    const last = runs.at(-1);
    if (last && last.level === levels[i] && last.font === font) last.text += char;
    else runs.push({ text: char, font, level: levels[i] });
  }
  return reorder(runs).map((run) => (isOdd(run.level) !== shapedRightToLeft(run.text) ? { ...run, text: reverse(run.text) } : run));
}

/** Rule L2: from the highest level down to the lowest odd level, reverse every maximal sequence of runs at that level or higher. */
function reorder(runs: Run[]): Run[] {
  const result = [...runs];
  const levels = runs.map((run) => run.level);
  const oddLevels = levels.filter(isOdd);
  if (oddLevels.length === 0) return result;
  for (let level = Math.max(...levels); level >= Math.min(...oddLevels); level--) {
    for (let start = 0; start < result.length; start++) {
      if (result[start].level < level) continue;
      let end = start;
      while (end + 1 < result.length && result[end + 1].level >= level) end++;
      result.splice(start, end - start + 1, ...result.slice(start, end + 1).reverse());
      start = end;
    }
  }
  return result;
}

/** Script per UTF-16 code unit; neutrals take the script of the previous non-neutral character, else the next, else Latin. */
function scriptsOf(text: string): Script[] {
  // Without Arabic or CJK letters every character is drawn with the Latin font (neutrals take their neighbours').
  if (!ARABIC.test(text) && !CJK.test(text)) return new Array<Script>(text.length).fill('latin');
  const scripts: (Script | null)[] = [];
  for (const char of text) {
    const script = ARABIC.test(char) ? 'arabic' : CJK.test(char) ? 'cjk' : NEUTRAL.test(char) ? null : 'latin';
    for (let unit = 0; unit < char.length; unit++) scripts.push(script);
  }
  let previous: Script = scripts.find((script) => script !== null) ?? 'latin';
  return scripts.map((script) => (previous = script ?? previous));
}

function fontName(script: Script, bold: boolean): FontName {
  return bold ? `${script}-bold` : script;
}

/** Whether a piece is shaped right to left: when its first character of a specific script is of a right-to-left script. */
function shapedRightToLeft(text: string): boolean {
  const first = SCRIPT_SPECIFIC.exec(text);
  return first !== null && RTL_SCRIPT.test(first[0]);
}

/**
 * The pieces a run of right-to-left letters is drawn in, left to right, each shaped on its own: a
 * right-to-left run (in logical order, which the shaper reverses) word by word, the words in visual
 * order — a word is shaped once per process, and Arabic letters do not join across a space; any
 * other run whole.
 */
function piecesOf(run: Pick<Run, 'text' | 'level'>): string[] {
  if (!(isOdd(run.level) && shapedRightToLeft(run.text)) || !run.text.includes(' ')) return [run.text];
  return run.text.split(/( +)/).filter(Boolean).reverse();
}

/** A piece of a run of right-to-left letters shaped: right to left where its first letter of one script is of a right-to-left script. */
function rtlShape(font: FontName, piece: string): Shape {
  return shapeText(font, fontBuffer, piece, shapedRightToLeft(piece));
}

/** Whether a run is drawn glyph by glyph (see the header comment): a run of right-to-left letters, whose glyphs need not be one per letter. */
const spelledOut = (run: Pick<Run, 'text'>) => RTL_SCRIPT.test(run.text);

/** What a glyph that stands for no character (an Arabic dot) says in the ToUnicode map: WORD JOINER, which readers drop. */
const NO_TEXT = '\u2060';

/** The parts of pdfkit's embedded font the layer draws with (not in its types). */
interface EmbeddedFont {
  id: string;
  subset: { glyphs: number[]; mapping: Record<number, number>; includeGlyph(glyph: number): number };
  /** Per subset glyph: the code points the ToUnicode map gives it, and its width (1000 units per em). */
  unicode: (number[] | undefined)[];
  widths: (number | undefined)[];
  ref(): unknown;
}

/** A page's content stream, as pdfkit keeps it until the page ends. */
interface ContentStream {
  compress: boolean;
  buffer: Uint8Array[];
  data: { Filter?: string };
  /** A string is written as Latin-1 bytes and a line's end. */
  write(chunk: string | Uint8Array): void;
  end(): void;
}

interface DocumentInternals {
  /** registerFont's record, read by `font(name)` (the only place pdfkit reads it). */
  _registeredFonts: Record<string, { src: Buffer; family?: string }>;
  _font: EmbeddedFont;
  _fontSize: number;
  page: { fonts: Record<string, unknown>; height: number; content: ContentStream };
  /** Operators, as Latin-1 text, a line's end added (see deflateFaster). */
  addContent(data: string): void;
}

/** A shaped glyph: the font's glyph id, the characters it stands for, its width in 1/1000 em. */
interface Glyph {
  id: number;
  characters: string;
  width: number;
}

/** Sets the font and size, as `doc.font(name).fontSize(size)`. */
function useFont(doc: PDFKit.PDFDocument, name: FontName, size: number): void {
  doc.font(name).fontSize(size);
}

/** Per font: the subset glyph drawn for a glyph standing for some characters ("glyph:characters"). */
const glyphCopies = new WeakMap<EmbeddedFont, Map<string, number>>();

/**
 * The subset glyph for a font glyph that stands for these characters: the glyph itself the first
 * time, a copy of it when it already stands for other characters, so that each copy has its own
 * entry in the ToUnicode map.
 */
function subsetGlyph(font: EmbeddedFont, glyph: Glyph, characters: string): number {
  const copies = glyphCopies.get(font) ?? glyphCopies.set(font, new Map()).get(font)!;
  const key = `${glyph.id}:${characters}`;
  let gid = copies.get(key);
  if (gid !== undefined) return gid;
  const first = font.subset.mapping[glyph.id];
  if (first === undefined || font.unicode[first] === undefined || String.fromCodePoint(...font.unicode[first]!) === characters) {
    gid = font.subset.includeGlyph(glyph.id);
  } else {
    // A glyph listed twice is written twice into the subset (fontkit's TrueType subset writes its list as it is).
    font.subset.glyphs.push(glyph.id);
    gid = font.subset.glyphs.length - 1;
  }
  font.unicode[gid] ??= codePointsOf(characters);
  font.widths[gid] ??= glyph.width;
  copies.set(key, gid);
  return gid;
}

const codePointsOf = (characters: string) => Array.from(characters, (char) => char.codePointAt(0)!);

/** Glyphs that stand for no character (Arabic dots), drawn at the end of their line (see drawDots); x and y in pdfkit's user space. */
interface Dot {
  font: EmbeddedFont;
  size: number;
  gid: number;
  x: number;
  y: number;
}

/**
 * A shaped piece of right-to-left letters as a document's font draws it: its letters (each subset
 * glyph the copy that says its letters, see subsetGlyph) and its dots, placed in 1/1000 em from the
 * piece's left end and baseline (y up); the letters as a TJ array when none is raised.
 */
interface Spelled {
  letters: { gid: number; width: number; x: number; y: number }[];
  dots: { gid: number; x: number; y: number }[];
  array: string | null;
}

/**
 * Per document font, the pieces of right-to-left letters already spelled out, by shape: kept while
 * the shaper keeps the shape (shaper.ts keeps a bounded number); spelled again from a new shape of
 * the same piece, with the same subset glyphs (subsetGlyph keeps them per font).
 */
const spelledPieces = new WeakMap<EmbeddedFont, WeakMap<Shape, Spelled>>();

function spelled(font: EmbeddedFont, shape: Shape): Spelled {
  const known = spelledPieces.get(font) ?? spelledPieces.set(font, new WeakMap()).get(font)!;
  let result = known.get(shape);
  if (result) return result;
  result = { letters: [], dots: [], array: null };
  let pen = 0;
  shape.glyphs.forEach((id, i) => {
    const offset = shape.offsets?.[i] ?? { x: 0, y: 0 };
    const glyph = { id, characters: shape.characters[i]!, width: shape.widths[i]! };
    const at = { x: pen + offset.x, y: offset.y };
    pen += shape.advances[i]!;
    // Dots, and vowel marks: drawn at the end of the line, as no text (see the header comment).
    if (NO_LETTER.test(glyph.characters)) result!.dots.push({ gid: subsetGlyph(font, glyph, NO_TEXT), ...at });
    else result!.letters.push({ gid: subsetGlyph(font, glyph, glyph.characters), width: glyph.width, ...at });
  });
  if (result.letters.length > 0 && result.letters.every((letter) => letter.y === 0)) result.array = placedArray(result.letters, result.letters[0]!.x);
  known.set(shape, result);
  return result;
}

/**
 * Draws a shaped piece of a run of right-to-left letters with the current font and size, its left
 * end at x: its letters (see spelled), its dots kept in `dots` for the end of the line (see drawDots).
 */
function drawGlyphs(doc: PDFKit.PDFDocument, shape: Shape, x: number, baseline: number, dots: Dot[]): void {
  const internals = doc as unknown as DocumentInternals;
  const font = internals._font;
  const size = internals._fontSize;
  if (shape.glyphs.length === 0) return;
  if (internals.page.fonts[font.id] == null) internals.page.fonts[font.id] = font.ref();
  const scale = size / 1000;
  const piece = spelled(font, shape);
  for (const dot of piece.dots) dots.push({ font, size, gid: dot.gid, x: x + dot.x * scale, y: baseline - dot.y * scale });
  if (piece.letters.length === 0) return;
  // The text matrix turns pdfkit's user space (y going down) back for the glyphs.
  const at = (letter: { x: number; y: number }) => `1 0 0 -1 ${pdfNumber(x + letter.x * scale)} ${pdfNumber(baseline - letter.y * scale)} Tm`;
  const ops =
    piece.array !== null
      ? `${at(piece.letters[0]!)}\n[${piece.array}] TJ`
      : piece.letters.map((letter) => `${at(letter)} <${hex4(letter.gid)}> Tj`).join('\n');
  internals.addContent(`BT\n/${font.id} ${pdfNumber(size)} Tf\n${ops}\nET`);
}

/** Draws a line's dots after its letters, in marked content with an empty /ActualText (see the header comment). */
function drawDots(doc: PDFKit.PDFDocument, dots: Dot[]): void {
  if (dots.length === 0) return;
  const internals = doc as unknown as DocumentInternals;
  let ops = 'BT\n';
  let current: Pick<Dot, 'font' | 'size'> | null = null;
  for (const dot of dots) {
    if (dot.font !== current?.font || dot.size !== current.size) ops += `/${dot.font.id} ${pdfNumber(dot.size)} Tf\n`;
    current = dot;
    ops += `1 0 0 -1 ${pdfNumber(dot.x)} ${pdfNumber(dot.y)} Tm <${hex4(dot.gid)}> Tj\n`;
  }
  // Written out here: pdfkit leaves an empty /ActualText out.
  internals.addContent(`/Span <</ActualText ()>> BDC\n${ops}ET\nEMC`);
}

/** Characters that are no letter: none, or marks only. */
const NO_LETTER = /^\p{M}*$/u;

function hex4(gid: number): string {
  return gid.toString(16).padStart(4, '0');
}

/** A number as PDF writes it: no exponent, at most three decimals. */
function pdfNumber(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Each run with its width at this size, and its pieces shaped, ready to draw: a run of right-to-left letters as shapes (drawn glyph by glyph), any other encoded. */
function measure(doc: PDFKit.PDFDocument, runs: Run[], size: number): (Run & DrawnRun)[] {
  return runs.map((run) => {
    useFont(doc, run.font, size);
    if (spelledOut(run)) {
      const spelled = piecesOf(run).map((piece) => rtlShape(run.font, piece));
      return { ...run, width: (sum(spelled.map((shape) => shape.width)) * size) / 1000, spelled };
    }
    const encoded = encoder(doc, run.font);
    const pieces = (run.text.match(SHAPED_PIECE) ?? []).map(encoded);
    return { ...run, width: (sum(pieces.map((piece) => piece.width)) * size) / 1000, pieces };
  });
}

/** A piece shaped by HarfBuzz and put in a document's font subset: what a text operator draws of it, and its advance in 1/1000 em. */
interface Encoded {
  font: FontName;
  /** The piece in a TJ array (glyphs and kerning), or null when a glyph is moved off the pen: then drawn glyph by glyph, as `glyphs`. */
  tj: string | null;
  glyphs: { hex: string; advance: number; x: number; y: number }[] | null;
  width: number;
}

/** Per document font, the pieces already encoded (a word comes back on many lines). */
const encodings = new WeakMap<EmbeddedFont, Map<string, Encoded>>();

/** Encodes pieces in the document's current font, which is `name`. */
function encoder(doc: PDFKit.PDFDocument, name: FontName): (piece: string) => Encoded {
  const font = (doc as unknown as DocumentInternals)._font;
  const known = encodings.get(font) ?? encodings.set(font, new Map()).get(font)!;
  return function encodedPiece(piece) {
    return known.get(piece) ?? encode(font, name, piece, known);
  };
}

function encode(font: EmbeddedFont, name: FontName, piece: string, known: Map<string, Encoded>): Encoded {
  const shape = shapeText(name, fontBuffer, piece);
  const gids = shape.glyphs.map((id, i) => {
    const gid = font.subset.includeGlyph(id);
    font.widths[gid] ??= shape.widths[i]!;
    font.unicode[gid] ??= codePointsOf(shape.characters[i] || NO_TEXT);
    return gid;
  });
  const result: Encoded = { font: name, tj: null, glyphs: null, width: shape.width };
  const offsets = shape.offsets;
  if (offsets?.some((offset) => offset.y !== 0)) {
    // A glyph raised or lowered (a mark over another): every glyph placed on its own.
    result.glyphs = gids.map((gid, i) => ({ hex: hex4(gid), advance: shape.advances[i]!, x: offsets[i]!.x, y: offsets[i]!.y }));
  } else {
    let pen = 0;
    const placed = gids.map((gid, i) => {
      const glyph = { gid, x: pen + (offsets?.[i]!.x ?? 0), width: shape.widths[i]! };
      pen += shape.advances[i]!;
      return glyph;
    });
    // The pen left at the piece's end, where the next piece starts.
    result.tj = placedArray(placed, 0, shape.width);
  }
  known.set(piece, result);
  return result;
}

/**
 * Glyphs placed on the baseline (x and widths in 1/1000 em) as a TJ array starting at `origin`: in
 * it a number moves the next glyph back by that many 1/1000 em — where the glyph before left the
 * pen (its own width) less this one's place. With `end`, the pen is left there after the last.
 */
function placedArray(glyphs: { gid: number; x: number; width: number }[], origin: number, end?: number): string {
  let array = '';
  let bytes = '';
  let pen = origin;
  const moveTo = (x: number) => {
    if (Math.abs(pen - x) < 0.005) return;
    array += `${bytes ? `(${bytes})` : ''}${pdfNumber(pen - x)}`;
    bytes = '';
  };
  for (const glyph of glyphs) {
    moveTo(glyph.x);
    bytes += glyphBytes(glyph.gid);
    pen = glyph.x + glyph.width;
  }
  if (end !== undefined) moveTo(end);
  return `${array}${bytes ? `(${bytes})` : ''}`;
}

/**
 * A glyph id as the two bytes of a PDF literal string (pdfkit writes content as Latin-1), escaped
 * where the syntax needs it: half the size of hexadecimal, and so half the content to compress.
 */
function glyphBytes(gid: number): string {
  return String.fromCharCode(gid >> 8, gid & 0xff).replace(/[()\\\r]/g, (byte) => (byte === '\r' ? '\\r' : `\\${byte}`));
}

/**
 * Draws shaped pieces with the current font and size, their left end at x: one text object, kerned
 * in TJ arrays. Its text matrix turns pdfkit's user space (y going down) back for the glyphs, so
 * positions are pdfkit's.
 */
function drawShaped(doc: PDFKit.PDFDocument, run: Pick<ShapedRun, 'pieces' | 'array'>, x: number, baseline: number): void {
  const internals = doc as unknown as DocumentInternals;
  const font = internals._font;
  const size = internals._fontSize;
  if (internals.page.fonts[font.id] == null) internals.page.fonts[font.id] = font.ref();
  const scale = size / 1000;
  const at = (left: number, y: number) => `1 0 0 -1 ${pdfNumber(left)} ${pdfNumber(y)} Tm`;
  let ops = `BT\n/${font.id} ${pdfNumber(size)} Tf\n${at(x, baseline)}\n`;
  if (run.array !== null) return internals.addContent(`${ops}[${run.array}] TJ\nET`);
  const { pieces } = run;
  let array = '';
  let pen = x;
  for (const piece of pieces) {
    if (piece.tj !== null) {
      array += piece.tj;
      pen += piece.width * scale;
      continue;
    }
    if (array) ops += `[${array}] TJ\n`;
    array = '';
    for (const glyph of piece.glyphs ?? []) {
      ops += `${at(pen + glyph.x * scale, baseline - glyph.y * scale)} <${glyph.hex}> Tj\n`;
      pen += glyph.advance * scale;
    }
    ops += `${at(pen, baseline)}\n`;
  }
  if (array) ops += `[${array}] TJ\n`;
  internals.addContent(`${ops}ET`);
}

/** The text and size at which the line fits: shrunk first, cut with an ellipsis at the minimum size. */
function fitLine(doc: PDFKit.PDFDocument, text: string, opts: LineOptions & { direction: Direction }): { text: string; size: number } {
  const natural = textWidth(doc, text, opts);
  if (natural <= opts.width) return { text, size: opts.size };
  // Width is proportional to size; round down to 1/100 pt so that the result surely fits.
  const shrunk = Math.floor(((opts.size * opts.width) / natural) * 100) / 100;
  const minSize = opts.size * MIN_SCALE;
  if (shrunk >= minSize) return { text, size: shrunk };
  return { text: ellipsize(doc, text, { ...opts, size: minSize }), size: minSize };
}

/** The longest start of the text (whole graphemes) that fits with "…" appended; '' if not even "…" fits. */
function ellipsize(doc: PDFKit.PDFDocument, text: string, opts: FontOptions & { width: number }): string {
  const graphemes = Array.from(new Intl.Segmenter().segment(text), (part) => part.segment);
  const cut = (count: number) => graphemes.slice(0, count).join('').trimEnd() + ELLIPSIS;
  const fits = (count: number) => textWidth(doc, cut(count), opts) <= opts.width;
  if (!fits(0)) return '';
  let low = 0;
  let high = graphemes.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return cut(low);
}

/** Pieces' widths already measured, per document (words come back on many lines). */
const pieceWidths = new WeakMap<PDFKit.PDFDocument, Map<string, number>>();

function pieceWidth(doc: PDFKit.PDFDocument, piece: string, opts: FontOptions): number {
  const known = pieceWidths.get(doc) ?? pieceWidths.set(doc, new Map()).get(doc)!;
  const key = `${opts.size}|${opts.bold ? 1 : 0}|${opts.direction ?? 'auto'}|${piece}`;
  let width = known.get(key);
  if (width === undefined) known.set(key, (width = textWidth(doc, piece, opts)));
  return width;
}

/** Greedy line breaking, as many pieces per line as fit in the width: a paragraph's lines as text (see brokenParagraph). */
function wrap(doc: PDFKit.PDFDocument, paragraph: string, opts: FontOptions & { width: number }): string[] {
  return brokenParagraph(doc, paragraph, opts).map((line) => (typeof line === 'string' ? line : line.text));
}

/** Greedy line breaking for any paragraph, by its pieces' widths (each measured as drawLine would draw it alone). */
function wrapByPieces(doc: PDFKit.PDFDocument, paragraph: string, opts: FontOptions & { width: number }): string[] {
  // A line is as wide as its pieces, but for the font of a neutral character (a space, a bracket) at
  // a piece's edge, which may take another neighbour's in the line: a line a fraction of a point too
  // wide is shrunk by that much by drawLine.
  const lines: string[] = [];
  let line = '';
  let sum = 0;
  for (const piece of breakPieces(paragraph)) {
    const candidate = line + piece;
    const width = pieceWidth(doc, piece, opts);
    // Without its spaces, as it would end the line: measured only when the piece with them would not fit.
    if (line.trim() !== '' && sum + width > opts.width && sum + pieceWidth(doc, piece.trimEnd(), opts) > opts.width) {
      lines.push(line.trimEnd());
      line = piece;
      sum = width;
    } else {
      line = candidate;
      sum += width;
    }
  }
  lines.push(line.trimEnd());
  return lines;
}

/**
 * The font of a paragraph that is drawn left to right and shaped piece by piece — no right-to-left
 * letter or bidi control, spaced by spaces and tabs only — or, in several fonts, the font of each of
 * its characters (UTF-16 units); null for any other paragraph. Then a line is exactly as wide as its
 * pieces (see shapedLines).
 */
function leftToRightFonts(paragraph: string, opts: FontOptions): FontName | FontName[] | null {
  if (RTL_OR_CONTROL.test(paragraph) || OTHER_SPACE.test(paragraph) || resolveDirection(paragraph, opts.direction) !== 'ltr') return null;
  // Without Arabic or CJK letters every character is drawn with the Latin font (as scriptsOf has it).
  if (!ARABIC.test(paragraph) && !CJK.test(paragraph)) return fontName('latin', opts.bold ?? false);
  return scriptsOf(paragraph).map((script) => fontName(script, opts.bold ?? false));
}

const OTHER_SPACE = /[^\S \t]/u;
const INK = /\S/u;

/** A line of a left-to-right paragraph, as its shaped pieces in runs of one font (see shapedLines); its width in points. */
interface ShapedLine {
  text: string;
  runs: ShapedRun[];
  width: number;
}

/** Pieces of a line in one font, drawn as one text object; `array` is their TJ array when no glyph of theirs is moved off the pen. */
type ShapedRun = Required<Pick<DrawnRun, 'font' | 'width' | 'pieces' | 'array'>>;

/** A line's pieces as runs of one font (widths in points at this size). */
function runsOf(pieces: Encoded[], size: number): ShapedRun[] {
  const runs: ShapedRun[] = [];
  let run: ShapedRun | undefined;
  for (const piece of pieces) {
    if (run?.font !== piece.font) runs.push((run = { font: piece.font, pieces: [], width: 0, array: '' }));
    run.pieces.push(piece);
    run.width += (piece.width * size) / 1000;
    run.array = run.array === null || piece.tj === null ? null : run.array + piece.tj;
  }
  return runs;
}

/**
 * Greedy line breaking for a left-to-right paragraph (fonts from leftToRightFonts): a line is drawn
 * as its shaped pieces, in runs of one font, and a break falls between two pieces, so its width is
 * the sum of theirs — no line is laid out whole to know whether it fits, and lines come out ready
 * to draw.
 */
function shapedLines(doc: PDFKit.PDFDocument, paragraph: string, fonts: FontName | FontName[], opts: FontOptions & { width: number }): ShapedLine[] {
  const encoders = new Map<FontName, (piece: string) => Encoded>();
  const encoderOf = (font: FontName) => {
    let encoded = encoders.get(font);
    if (!encoded) {
      useFont(doc, font, opts.size);
      encoders.set(font, (encoded = encoder(doc, font)));
    }
    return encoded;
  };
  // In one font without CJK, a piece between two break opportunities is shaped whole (SHAPED_PIECE would not cut it).
  const single = typeof fonts === 'string' ? encoderOf(fonts) : undefined;
  /** Appends the shaped pieces of the paragraph's text from `offset` (in runs of one font, each CJK character on its own) to `out`; their width in 1/1000 em. */
  const shape = function shapeText(text: string, offset: number, out: Encoded[]): number {
    if (single) {
      const piece = single(text);
      out.push(piece);
      return piece.width;
    }
    let width = 0;
    for (let start = 0; start < text.length; ) {
      const font = fonts[offset + start] as FontName;
      let end = start + 1;
      while (end < text.length && fonts[offset + end] === font) end++;
      for (const part of text.slice(start, end).match(SHAPED_PIECE) ?? []) {
        const piece = encoderOf(font)(part);
        out.push(piece);
        width += piece.width;
      }
      start = end;
    }
    return width;
  };
  const limit = (opts.width * 1000) / opts.size;
  const lines: ShapedLine[] = [];
  // The line so far: where it starts in the paragraph, its pieces and width (1/1000 em), whether it has more than spaces.
  let lineStart = 0;
  let pieces: Encoded[] = [];
  let width = 0;
  let inked = false;
  // Its last break piece, which ends it without its spaces: where it starts, its first shaped piece, the width before it.
  let lastStart = 0;
  let lastPieces = 0;
  let widthBefore = 0;
  let offset = 0;
  const endLine = () => {
    const trimmed = paragraph.slice(lastStart, offset).trimEnd();
    pieces.length = lastPieces;
    const total = widthBefore + shape(trimmed, lastStart, pieces);
    lines.push({ text: paragraph.slice(lineStart, lastStart) + trimmed, runs: runsOf(pieces, opts.size), width: (total * opts.size) / 1000 });
  };
  const spare: Encoded[] = [];
  for (const text of breakPieces(paragraph)) {
    let start = pieces.length;
    const added = shape(text, offset, pieces);
    // Without its spaces, as it would end the line: shaped only when the piece with them would not fit.
    if (inked && width + added > limit) {
      spare.length = 0;
      if (width + shape(text.trimEnd(), offset, spare) > limit) {
        const moved = pieces.splice(start);
        endLine();
        lineStart = offset;
        pieces = moved;
        width = 0;
        inked = false;
        start = 0;
      }
    }
    lastStart = offset;
    lastPieces = start;
    widthBefore = width;
    width += added;
    inked ||= INK.test(text);
    offset += text.length;
  }
  endLine();
  return lines;
}

/** Draws a line shaped by shapedLines, as drawLine would draw its text: each run of one font in one text object. */
function drawShapedLine(doc: PDFKit.PDFDocument, line: ShapedLine, opts: LineOptions & { direction: Direction }): void {
  if (line.width > opts.width) return drawLine(doc, line.text, opts);
  if (line.text === '') return;
  drawRuns(doc, line.runs, opts.x + alignOffset(opts.align ?? 'start', opts.direction, opts.width - line.width), opts.y + ASCENT * opts.size, opts.size, opts.color);
}

/** Splits at every break opportunity: after spaces, and between two CJK characters. Pieces keep their trailing spaces. */
function breakPieces(text: string): string[] {
  if (!CJK.test(text)) return text.match(/\S+\s*|\s+/gu) ?? [];
  const pieces: string[] = [];
  let piece = '';
  let previous = '';
  for (const char of text) {
    const afterSpace = /\s/u.test(previous) && !/\s/u.test(char);
    const betweenCjk =
      CJK.test(previous) && CJK.test(char) && !CJK_NO_BREAK_AFTER.test(previous) && !CJK_NO_BREAK_BEFORE.test(char);
    if (piece !== '' && (afterSpace || betweenCjk)) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
    previous = char;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

function resolveDirection(text: string, direction: Direction | 'auto' = 'auto'): Direction {
  if (direction !== 'auto') return direction;
  // With no right-to-left letter and no bidi control, the first strong letter (if any) is left to right.
  if (!RTL_OR_CONTROL.test(text)) return 'ltr';
  const [paragraph] = bidi.getEmbeddingLevels(text, 'auto').paragraphs;
  return paragraph && isOdd(paragraph.level) ? 'rtl' : 'ltr';
}

function alignOffset(align: Align, direction: Direction, free: number): number {
  if (align === 'center') return free / 2;
  const right = (align === 'end') === (direction === 'ltr');
  return right ? free : 0;
}

function isOdd(level: number): boolean {
  return level % 2 === 1;
}

function reverse(text: string): string {
  return Array.from(text).reverse().join('');
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** An A4 page, in points, and the margin of Bridges' documents. */
export const A4 = { width: 595.28, height: 841.89 };
export const PAGE_MARGIN = 56;

/**
 * A tagged A4 document (PDF 1.7, its language and title set), with each page's foot — "footer · n",
 * an artifact, not part of the text, drawn as the page starts — and its structure's root; text flows
 * from `x` over `width`, between the margins.
 */
export function taggedA4(o: { locale: string; info: PDFKit.DocumentInfo; footer: string; direction: Direction }): { doc: PDFKit.PDFDocument; root: PDFKit.PDFStructureElement; x: number; width: number; flow: Flow } {
  const doc = newDocument({ size: 'A4', margin: PAGE_MARGIN, pdfVersion: '1.7', tagged: true, lang: o.locale, displayTitle: true, info: o.info });
  const x = PAGE_MARGIN;
  const width = A4.width - 2 * PAGE_MARGIN;
  const flow: Flow = { doc, y: PAGE_MARGIN, top: PAGE_MARGIN, bottom: A4.height - PAGE_MARGIN - 16 };
  let pages = 0;
  const foot = () => asArtifact(doc, () => drawLine(doc, `${o.footer} · ${++pages}`, { x, y: A4.height - PAGE_MARGIN + 4, width, size: 8, color: '#505a5f', align: 'center', direction: o.direction }), 'Pagination');
  foot();
  doc.on('pageAdded', foot);
  const root = doc.struct('Document');
  doc.addStructure(root);
  return { doc, root, x, width, flow };
}
