import type { Locale } from '../../platform/i18n/locales.js';
import { renderPdf, type PdfRenderers } from '../../platform/pdf/pool.js';

/**
 * The Steering Committee's annual report as a PDF: a cover, then the figures of who took part and
 * each module's section. A tagged PDF (Document > H1, P, H2, H3, Table > TR > TH/TD, Link…) with
 * its language and title, the sections and their parts as the document's bookmarks, each text
 * written in another language than the report's (not yet translated) marked with its own /Lang.
 * Drawn in the PDF pool's workers from text already written out by the caller (pdf-input.ts), so
 * this file loads nothing but the PDF layer; the same input gives the same bytes (dated from its
 * day of issue), and the pool keeps them.
 */

/** A block of the report, in reading order. */
export type ReportBlock =
  /** A section (level 2, a bookmark) or a part of one (level 3, a bookmark under it). */
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; small?: boolean }
  /** A table: the first column names the rows (row headers), the others are numbers (aligned to the end). */
  | { kind: 'table'; head: string[]; rows: string[][] }
  /** One thing done in the year: its title (a heading), the language it is in when not the report's, when, a few lines, a link. */
  | { kind: 'item'; title: string; lang?: Locale; note?: string; date?: string; lines: string[]; link?: string };

export interface AnnualReportPdfInput {
  /** The report's language: its /Lang, the language of every text not marked otherwise. */
  locale: Locale;
  dir: 'ltr' | 'rtl';
  /** The file's title (shown as the window's title). */
  title: string;
  /** The cover: the organisation's name, the report's heading, a line or two under it. */
  cover: { name: string; heading: string; lines: string[] };
  blocks: ReportBlock[];
  /** Said at the foot of each page, before its number. */
  footer: string;
  /** The day of issue: the file's dates. */
  issuedAt: Date;
}

const pdf = () => import('../../platform/pdf/index.js');
const GREY = '#505a5f';
const LINK = '#1d4f91';
const RULE = '#b1b4b6';
const TEXT = 10;
const HEADING: Record<1 | 2 | 3, number> = { 1: 26, 2: 16, 3: 11.5 };
/** The share of a table's width its first column (the rows' names) takes. */
const FIRST_COLUMN = 0.32;

export const renderers = { annualReport: drawReport } satisfies PdfRenderers;

/** The report's PDF, drawn in the pool (or taken from its cache). */
export function annualReportPdf(input: AnnualReportPdfInput): Promise<Buffer> {
  return renderPdf({ module: import.meta.url, kind: 'annualReport', input });
}

async function drawReport(input: AnnualReportPdfInput): Promise<Buffer> {
  const { A4, asArtifact, drawLine, drawParagraph, flowParagraph, inStructure, paragraphHeight, taggedA4, textWidth, toBuffer } = await pdf();
  const direction = input.dir;
  const rtl = direction === 'rtl';
  const { doc, root, x, width, flow } = taggedA4({ locale: input.locale, info: { Title: input.title, Author: input.cover.name, CreationDate: input.issuedAt, ModDate: input.issuedAt }, footer: input.footer, direction });
  const lineHeight = (size: number) => size * 1.5;
  // pdfkit writes a header cell's scope (/A << /O /Table /Scope … >>), which its types leave out.
  const element = (role: string, parent: PDFKit.PDFStructureElement = root, options: { lang?: string; scope?: 'Column' | 'Row' } = {}) => {
    const el = doc.struct(role, options as PDFKit.Mixins.StructureElementOptions);
    parent.add(el);
    return el;
  };
  /** Goes on to a new page when less than `room` is left on this one; true when it did. */
  const keep = (room: number) => {
    if (flow.y + room <= flow.bottom) return false;
    doc.addPage();
    flow.y = flow.top;
    return true;
  };
  /** A text as one structure element, wrapped over as many lines and pages as it needs. */
  const text = (role: string, value: string, opts: { size?: number; bold?: boolean; color?: string; after?: number; parent?: PDFKit.PDFStructureElement; lang?: Locale; auto?: boolean } = {}) => {
    const el = element(role, opts.parent, opts.lang ? { lang: opts.lang } : {});
    const size = opts.size ?? TEXT;
    flowParagraph(flow, value, { x, width, size, bold: opts.bold, color: opts.color, direction: opts.auto ? 'auto' : direction, lineGap: size * 0.15, tag: el });
    el.end();
    flow.y += opts.after ?? size * 0.6;
    return el;
  };
  const rule = (y: number, weight = 0.4) => asArtifact(doc, () => doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(weight).strokeColor(RULE).stroke().restore());

  // ——— The cover ———
  flow.y = A4.height * 0.28;
  text('P', input.cover.name, { size: 14, color: GREY, after: 14, auto: true });
  text('H1', input.cover.heading, { size: HEADING[1], bold: true, after: 16 });
  for (const line of input.cover.lines) text('P', line, { size: 11, color: GREY, after: 4 });
  doc.addPage();
  flow.y = flow.top;

  // ——— The sections ———
  let section: PDFKit.PDFOutline | null = null;
  /** A heading, kept on one page with the start of what follows it (a whole table, when it is one). */
  const heading = (level: 2 | 3, value: string, next?: ReportBlock) => {
    const size = HEADING[level];
    keep(lineHeight(size) + size * 0.45 + (next?.kind === 'table' ? tableHeight(next) : 4 * lineHeight(TEXT)));
    if (level === 2 && flow.y > flow.top) flow.y += size * 0.8;
    // The sections and their parts are the document's bookmarks.
    if (level === 2) section = doc.outline.addItem(value);
    else (section ?? doc.outline).addItem(value);
    text(`H${level}`, value, { size, bold: true, after: size * 0.45 });
  };

  /** A table's columns: the first (the rows' names) wider, the others alike. */
  const columnsOf = (block: Extract<ReportBlock, { kind: 'table' }>) => {
    const columns = Math.max(1, block.head.length);
    const first = columns === 1 ? width : width * FIRST_COLUMN;
    const rest = columns === 1 ? 0 : (width - first) / (columns - 1);
    const styleOf = (i: number, header: boolean) => ({ size: 8.5, bold: header || i === 0, direction, width: (i === 0 ? first : rest) - 6, align: i === 0 ? ('start' as const) : ('end' as const) });
    // A number's cell is one line (shrunk to fit, never wrapped); the head and the rows' names wrap.
    const wraps = (i: number, header: boolean) => header || i === 0;
    const heightOf = (cells: string[], header: boolean) => Math.max(lineHeight(8.5), ...cells.map((cell, i) => (cell && wraps(i, header) ? paragraphHeight(doc, cell, styleOf(i, header)) : 0)));
    return { columns, first, rest, styleOf, heightOf, wraps };
  };
  /** The height a table takes, when it fits on a page (it is then kept on one); else the room for its head and a few rows. */
  const tableHeight = (block: Extract<ReportBlock, { kind: 'table' }>) => {
    const { heightOf } = columnsOf(block);
    const whole = [block.head, ...block.rows].reduce((sum, r, i) => sum + heightOf(r, i === 0) + 5, 0);
    return whole <= flow.bottom - flow.top ? whole : heightOf(block.head, true) + 3 * lineHeight(8.5);
  };

  const table = (block: Extract<ReportBlock, { kind: 'table' }>) => {
    const el = element('Table');
    const { columns, first, rest, styleOf, heightOf, wraps } = columnsOf(block);
    const left = (i: number) => {
      const offset = i === 0 ? 0 : first + (i - 1) * rest;
      const w = i === 0 ? first : rest;
      return rtl ? x + width - offset - w : x + offset;
    };
    const drawCells = (cells: string[], header: boolean, tag?: PDFKit.PDFStructureElement) => {
      for (let i = 0; i < columns; i++) {
        const value = cells[i] ?? '';
        const style = { ...styleOf(i, header), x: left(i) + 3, y: flow.y };
        const draw = () => value && (wraps(i, header) ? drawParagraph(doc, value, style) : drawLine(doc, value, style));
        if (!tag) {
          draw();
          continue;
        }
        const cell = element(header || i === 0 ? 'TH' : 'TD', tag, header ? { scope: 'Column' } : i === 0 ? { scope: 'Row' } : {});
        inStructure(doc, cell, draw);
        cell.end();
      }
    };
    const row = (cells: string[], header: boolean, tag: PDFKit.PDFStructureElement) => {
      const height = heightOf(cells, header);
      // On a new page the table's head is drawn again, as an artifact (the structure has it once).
      if (keep(height + 4) && !header && block.head.length) {
        asArtifact(doc, () => drawCells(block.head, true));
        flow.y += heightOf(block.head, true) + 2;
        rule(flow.y, 0.8);
        flow.y += 3;
      }
      drawCells(cells, header, tag);
      flow.y += height + 2;
      rule(flow.y, header ? 0.8 : 0.3);
      flow.y += 3;
    };
    keep(tableHeight(block));
    if (block.head.length) {
      const tr = element('TR', el);
      row(block.head, true, tr);
      tr.end();
    }
    for (const r of block.rows) {
      const tr = element('TR', el);
      row(r, false, tr);
      tr.end();
    }
    el.end();
    flow.y += 8;
  };

  const item = (block: Extract<ReportBlock, { kind: 'item' }>) => {
    keep(lineHeight(HEADING[3]) + (block.lines.length + 2) * lineHeight(9.5));
    flow.y += 4;
    text('H3', block.title, { size: HEADING[3], bold: true, after: 2, lang: block.lang, auto: !!block.lang });
    if (block.note) text('P', block.note, { size: 8.5, color: GREY, after: 2 });
    if (block.date) text('P', block.date, { size: 9, color: GREY, after: 2 });
    for (const line of block.lines) text('P', line, { size: 9.5, after: 2 });
    if (block.link) {
      const url = block.link;
      keep(lineHeight(9));
      const p = element('P');
      const link = element('Link', p);
      const w = Math.min(width, textWidth(doc, url, { size: 9, direction: 'ltr' }));
      const y = flow.y;
      inStructure(doc, link, () => drawLine(doc, url, { x, y, width, size: 9, color: LINK, direction: 'ltr', align: rtl ? 'end' : 'start' }));
      // The annotation belongs to the Link element (an object reference in the structure), as the text it covers does.
      doc.link(rtl ? x + width - w : x, y, w, lineHeight(9), url, { structParent: link } as PDFKit.Mixins.AnnotationOption);
      link.end();
      p.end();
      flow.y += lineHeight(9);
    }
    flow.y += 6;
  };

  input.blocks.forEach((block, i) => {
    switch (block.kind) {
      case 'heading':
        heading(block.level, block.text, input.blocks[i + 1]);
        break;
      case 'paragraph':
        text('P', block.text, block.small ? { size: 8.5, color: GREY, after: 4 } : { after: 6 });
        break;
      case 'table':
        table(block);
        break;
      case 'item':
        item(block);
        break;
    }
  });
  root.end();
  return toBuffer(doc);
}
