/**
 * Shaping with HarfBuzz (compiled to WebAssembly) for the text layer (index.ts). fontkit, which
 * pdfkit shapes with, took ~95 µs for a short Latin word; HarfBuzz takes ~6 µs, and a long document
 * has tens of thousands of different words. The result is the font's glyph ids in visual order,
 * with their advances (kerning, ligatures, Arabic joining applied) and the characters each glyph
 * stands for, which index.ts puts in pdfkit's font subset and ToUnicode map.
 *
 * A piece is shaped left to right unless it is asked for right to left (a piece of Arabic letters,
 * in logical order); index.ts has already put the line's pieces in visual order.
 */
import * as hb from 'harfbuzzjs';

export interface Shape {
  /** The font's glyph ids, in drawing order. */
  glyphs: number[];
  /** Per glyph, in 1/1000 em: its advance in this text (kerning applied) and its own width in the font. */
  advances: number[];
  widths: number[];
  /** Per glyph, in 1/1000 em, where it is moved from the pen (combining marks); null when none is. */
  offsets: { x: number; y: number }[] | null;
  /**
   * Per glyph, the characters it stands for: a ligature several, a second glyph of one character
   * none (''). Right to left, only letters: a mark (an Arabic dot or vowel sign) stands for none.
   */
  characters: string[];
  /** The advances' sum, in 1/1000 em. */
  width: number;
}

interface LoadedFont {
  face: hb.Face;
  font: hb.Font;
  /** 1000 / units per em. */
  scale: number;
  shapes: Map<string, Shape>;
  rtl: Map<string, Shape>;
  /** Each glyph's own width, in 1/1000 em. */
  widths: Map<number, number>;
}

/**
 * A process keeps at most this many shapes per font and direction, for the next document (a letter's
 * names come back in the next letter). A document keeps what it drew of each piece itself (index.ts),
 * so within one, a piece is shaped again only if it is right to left and its shape was let go: a
 * long annex has ~45,000 different pieces, whose shapes held ~35 MB when all were kept.
 */
const MAX_SHAPES = 10_000;
const fonts = new Map<string, LoadedFont>();
let buffer: hb.Buffer | undefined;

/** The text shaped with the font (read by `file` the first time the name is used), left to right unless `rtl`; kept per font. */
export function shapeText<Name extends string>(name: Name, file: (name: Name) => Buffer, text: string, rtl = false): Shape {
  const loaded = fonts.get(name) ?? load(name, file(name));
  const shapes = rtl ? loaded.rtl : loaded.shapes;
  let shape = shapes.get(text);
  if (shape) return shape;
  if (shapes.size >= MAX_SHAPES) shapes.clear();
  shape = shapeNew(loaded, text, rtl);
  shapes.set(text, shape);
  return shape;
}

function load(name: string, data: Buffer): LoadedFont {
  // HarfBuzz copies the bytes into its own memory: handed the file's buffer as it is, not a copy of it (10 MB for a CJK font).
  const face = new hb.Face(new hb.Blob(data));
  const loaded = { face, font: new hb.Font(face), scale: 1000 / face.upem, shapes: new Map<string, Shape>(), rtl: new Map<string, Shape>(), widths: new Map<number, number>() };
  fonts.set(name, loaded);
  return loaded;
}

function shapeNew({ face, font, scale, widths: known }: LoadedFont, text: string, rtl: boolean): Shape {
  buffer ??= new hb.Buffer();
  buffer.reset();
  buffer.addText(text);
  buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  // A mark its own cluster, as a character of its own: q̃ is the glyph of q for "q" and a tilde for "̃"
  // (pdf.js counts a glyph whose text has a mark as zero width, and spaces out what follows).
  buffer.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
  buffer.guessSegmentProperties();
  hb.shape(font, buffer);
  const placed = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();
  const glyphs: number[] = [];
  const advances: number[] = [];
  const widths: number[] = [];
  const characters: string[] = [];
  let offsets: { x: number; y: number }[] | null = null;
  let width = 0;
  placed.forEach((glyph, i) => {
    const position = positions[i]!;
    glyphs.push(glyph.codepoint);
    const advance = position.xAdvance * scale;
    advances.push(advance);
    let own = known.get(glyph.codepoint);
    if (own === undefined) known.set(glyph.codepoint, (own = font.glyphHAdvance(glyph.codepoint) * scale));
    widths.push(own);
    width += advance;
    if ((position.xOffset || position.yOffset) && !offsets) offsets = placed.map(() => ({ x: 0, y: 0 }));
    if (offsets) offsets[i] = { x: position.xOffset * scale, y: position.yOffset * scale };
    characters.push(rtl ? lettersOf(glyph, i, placed, text, face) : charactersOf(glyph, i, placed, text));
  });
  return { glyphs, advances, widths, offsets, characters, width };
}

type Placed = { codepoint: number; cluster: number };

/** A cluster (a UTF-16 offset) stands for the characters up to the next cluster in the text. */
function clusterText(cluster: number, placed: Placed[], text: string): string {
  let end = text.length;
  for (const other of placed) if (other.cluster > cluster && other.cluster < end) end = other.cluster;
  return text.slice(cluster, end);
}

/** Left to right: the first glyph of a cluster stands for its characters, any other for none. */
function charactersOf(glyph: Placed, i: number, placed: Placed[], text: string): string {
  return placed[i - 1]?.cluster === glyph.cluster ? '' : clusterText(glyph.cluster, placed, text);
}

const MARK = /\p{M}/u;

/** Right to left: the first glyph of a cluster that is not a mark stands for its letters (not its marks); any other for none. */
function lettersOf(glyph: Placed, i: number, placed: Placed[], text: string, face: hb.Face): string {
  const isMark = (other: Placed) => face.getGlyphClass(other.codepoint) === hb.GlyphClass.MARK;
  if (isMark(glyph) || placed.slice(0, i).some((other) => other.cluster === glyph.cluster && !isMark(other))) return '';
  return clusterText(glyph.cluster, placed, text).replace(new RegExp(MARK, 'gu'), '');
}
