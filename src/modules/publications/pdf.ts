import type { Locale } from '../../platform/i18n/locales.js';
import { renderPdf, type PdfRenderers } from '../../platform/pdf/pool.js';

/**
 * A published version of a brief as a PDF, generated from its texts in its language: a tagged PDF
 * (a structure tree in reading order: Document > H1, P, H2, L > LI > Lbl + LBody, Table…), with the
 * document's language (/Lang) and title (shown as the window's title), and text that copies out
 * right in every script (see the PDF layer). Drawn in the PDF pool's workers from plain data
 * written out by the caller (pdf-input.ts), so this file loads nothing but the PDF layer; the same
 * input gives the same bytes (dated from the version's publication), and the pool keeps them.
 */

/** A block of the document, in reading order. */
export type BriefBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'rule' };

export interface BriefPdfInput {
  /** The language of every text in it: the document's /Lang. */
  locale: Locale;
  dir: 'ltr' | 'rtl';
  title: string;
  authors: { name: string; affiliation: string }[];
  /** Lines under the authors: the identifier and series, the version and its date. */
  lead: string[];
  /** The describing texts under their headings, the body, and how to cite it. */
  blocks: BriefBlock[];
  keywords: string[];
  /** Said at the foot of each page, before its number (the identifier). */
  footer: string;
  /** When the version was published: the file's dates. */
  issuedAt: Date;
}

const pdf = () => import('../../platform/pdf/index.js');
const GREY = '#505a5f';
const TEXT = 10.5;
/** Font size of a heading by level (H1 is the title). */
const HEADING: Record<number, number> = { 1: 20, 2: 14, 3: 12 };
/** Room for a list's label (bullet or number) before its text. */
const INDENT = 18;

export const renderers = { brief: drawBrief } satisfies PdfRenderers;

/** The PDF of a version, drawn in the pool (or taken from its cache). */
export function briefPdf(input: BriefPdfInput): Promise<Buffer> {
  return renderPdf({ module: import.meta.url, kind: 'brief', input });
}

async function drawBrief(input: BriefPdfInput): Promise<Buffer> {
  const { asArtifact, drawLine, drawParagraph, flowParagraph, inStructure, paragraphHeight, taggedA4, toBuffer } = await pdf();
  const direction = input.dir;
  const rtl = direction === 'rtl';
  const { doc, root, x, width, flow } = taggedA4({ locale: input.locale, info: { Title: input.title, Author: input.authors.map((a) => a.name).join(', '), Keywords: input.keywords.join(', '), CreationDate: input.issuedAt, ModDate: input.issuedAt }, footer: input.footer, direction });
  const lineHeight = (size: number) => size * 1.5;
  const element = (role: string, parent: PDFKit.PDFStructureElement = root) => {
    const el = doc.struct(role);
    parent.add(el);
    return el;
  };
  /** Goes on to a new page when less than `room` is left on this one (a heading is not left alone at a page's foot). */
  const keep = (room: number) => {
    if (flow.y + room > flow.bottom) {
      doc.addPage();
      flow.y = flow.top;
    }
  };
  /** A text as one structure element, wrapped over as many lines and pages as it needs. */
  const text = (role: string, value: string, opts: { size?: number; bold?: boolean; color?: string; indent?: number; after?: number; parent?: PDFKit.PDFStructureElement } = {}) => {
    const el = element(role, opts.parent);
    const indent = opts.indent ?? 0;
    const size = opts.size ?? TEXT;
    flowParagraph(flow, value, { x: rtl ? x : x + indent, width: width - indent, size, bold: opts.bold, color: opts.color, direction, lineGap: size * 0.15, tag: el });
    el.end();
    flow.y += opts.after ?? size * 0.6;
  };
  const heading = (level: number, value: string) => {
    const size = HEADING[level] ?? TEXT + 0.5;
    keep(lineHeight(size) + 3 * lineHeight(TEXT));
    flow.y += level === 1 ? 0 : size * 0.6;
    // The sections are the document's bookmarks too.
    if (level === 2) doc.outline.addItem(value);
    text(`H${Math.min(Math.max(level, 1), 6)}`, value, { size, bold: true, after: size * 0.4 });
  };
  const rule = () => {
    keep(12);
    asArtifact(doc, () => doc.save().moveTo(x, flow.y + 4).lineTo(x + width, flow.y + 4).lineWidth(0.5).strokeColor('#b1b4b6').stroke().restore());
    flow.y += 12;
  };

  heading(1, input.title);
  // Each author's name, and their affiliation on the line below (not in brackets, which a reader of right-to-left text copies mirrored).
  for (const author of input.authors) {
    const el = element('P');
    flowParagraph(flow, author.name, { x, width, size: TEXT, direction, tag: el });
    if (author.affiliation) flowParagraph(flow, author.affiliation, { x, width, size: 9, color: GREY, direction, tag: el });
    el.end();
    flow.y += 4;
  }
  flow.y += 6;
  for (const line of input.lead) text('P', line, { size: 9, color: GREY, after: 1 });
  flow.y += 4;
  rule();

  for (const block of input.blocks) {
    switch (block.kind) {
      case 'heading':
        heading(block.level, block.text);
        break;
      case 'paragraph':
        text('P', block.text);
        break;
      case 'quote': {
        const quote = element('BlockQuote');
        text('P', block.text, { parent: quote, indent: INDENT, color: GREY });
        quote.end();
        break;
      }
      case 'list': {
        const list = element('L');
        block.items.forEach((item, i) => {
          keep(lineHeight(TEXT));
          const li = element('LI', list);
          const label = element('Lbl', li);
          inStructure(doc, label, () => drawLine(doc, block.ordered ? `${block.start + i}.` : '•', { x: rtl ? x + width - INDENT : x, y: flow.y, width: INDENT - 4, size: TEXT, direction }));
          label.end();
          text('LBody', item, { parent: li, indent: INDENT, after: 3 });
          li.end();
        });
        list.end();
        flow.y += 3;
        break;
      }
      case 'table': {
        const table = element('Table');
        const columns = Math.max(1, block.head.length, ...block.rows.map((r) => r.length));
        const column = width / columns;
        const row = (cells: string[], header: boolean) => {
          const style = { size: 9, bold: header, direction, width: column - 6 };
          const height = Math.max(lineHeight(9), ...cells.map((cell) => (cell ? paragraphHeight(doc, cell, style) : 0)));
          const tr = element('TR', table);
          if (height > flow.bottom - flow.top) {
            // A row taller than a page: its cells one below the other, each over as many pages as it needs.
            for (let i = 0; i < columns; i++) {
              const cell = element(header ? 'TH' : 'TD', tr);
              if (cells[i]) flowParagraph(flow, cells[i]!, { ...style, x, width, tag: cell });
              cell.end();
            }
          } else {
            keep(height + 4);
            for (let i = 0; i < columns; i++) {
              const cell = element(header ? 'TH' : 'TD', tr);
              const value = cells[i] ?? '';
              const left = rtl ? x + width - (i + 1) * column : x + i * column;
              if (value) inStructure(doc, cell, () => drawParagraph(doc, value, { ...style, x: left + 3, y: flow.y }));
              cell.end();
            }
            flow.y += height;
          }
          tr.end();
          flow.y += 2;
          asArtifact(doc, () => doc.save().moveTo(x, flow.y).lineTo(x + width, flow.y).lineWidth(header ? 0.8 : 0.3).strokeColor('#b1b4b6').stroke().restore());
          flow.y += 3;
        };
        if (block.head.some(Boolean)) row(block.head, true);
        for (const r of block.rows) row(r, false);
        table.end();
        flow.y += 6;
        break;
      }
      case 'rule':
        rule();
        break;
    }
  }
  root.end();
  return toBuffer(doc);
}
