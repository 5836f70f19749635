import type { Locale } from '../../platform/i18n/locales.js';
import { renderPdf, type PdfParts, type PdfRenderers } from '../../platform/pdf/pool.js';

/**
 * The comment-and-response report as a PDF, the annex to a final report. Drawn in the PDF pool's
 * workers from text already written out in the reader's language (the caller translates), so this
 * file loads nothing but the PDF layer. The same input gives the same bytes (its date is the
 * consultation's conclusion), and the pool keeps them.
 */
export interface OutcomePdfInput {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  title: string;
  /** Lines under the title: when it was concluded, how many comments, where it is online. */
  lead: string[];
  /** The day the file is dated (the consultation's conclusion, or today for a preview). */
  issuedAt: Date;
  /** Figures tables; one with a note is said in a sentence instead (every group too small to be shown apart). */
  tables: { caption: string; head: string[]; rows: string[][]; note?: string }[];
  /** Said at the foot of each page. */
  footer: string;
}

/** A comment in the annex, in the report's order, with the name of the section it is on (a heading where the section changes). */
export interface OutcomePdfItem {
  section: string;
  who: string;
  quote: string;
  body: string;
  disposition: string;
  response: string;
  changed: string[];
}

const pdf = () => import('../../platform/pdf/index.js');
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const GREY = '#505a5f';

export const renderers = { outcome: drawOutcome } satisfies PdfRenderers;

/** The annex of its input and comments (handed to the worker a part at a time: a part is an array of OutcomePdfItem). */
export function outcomePdf(input: OutcomePdfInput, items: PdfParts): Promise<Buffer> {
  return renderPdf({ module: import.meta.url, kind: 'outcome', input }, items);
}

async function drawOutcome(input: OutcomePdfInput, parts: AsyncIterable<OutcomePdfItem[]>): Promise<Buffer> {
  const { drawLine, flowParagraph, newDocument, toBuffer } = await pdf();
  const doc = newDocument({ size: 'A4', margin: MARGIN, lang: input.locale, info: { Title: input.title, CreationDate: input.issuedAt, ModDate: input.issuedAt } });
  const x = MARGIN;
  const width = A4.width - 2 * MARGIN;
  const flow = { doc, y: MARGIN, top: MARGIN, bottom: A4.height - MARGIN - 14 };
  const direction = input.dir;
  // Each page's foot, drawn as the page starts: a page is written out (and its memory freed) once the next begins.
  let pages = 0;
  const foot = () => drawLine(doc, `${input.footer} · ${++pages}`, { x, y: A4.height - MARGIN + 6, width, size: 7.5, color: GREY, align: 'center', direction });
  foot();
  doc.on('pageAdded', foot);
  const para = (text: string, size: number, opts: { bold?: boolean; color?: string; indent?: number; after?: number; auto?: boolean } = {}) => {
    if (!text) return;
    const indent = opts.indent ?? 0;
    flowParagraph(flow, text, { x: direction === 'rtl' ? x : x + indent, width: width - indent, size, bold: opts.bold, color: opts.color, direction: opts.auto ? 'auto' : direction, lineGap: 1.5 });
    flow.y += opts.after ?? 4;
  };
  /** Goes on to a new page when less than `room` is left on this one (a heading is not left alone at a page's foot). */
  const keep = (room: number) => {
    if (flow.y + room > flow.bottom) {
      doc.addPage();
      flow.y = flow.top;
    }
  };

  para(input.title, 17, { bold: true, after: 8 });
  for (const line of input.lead) para(line, 10, { after: 3 });
  flow.y += 10;

  for (const table of input.tables) {
    if (table.note) {
      keep(30);
      para(`${table.caption}: ${table.note}`, 10, { after: 10 });
      continue;
    }
    keep(60);
    para(table.caption, 11, { bold: true, after: 4 });
    const first = width * 0.4;
    const rest = (width - first) / Math.max(1, table.head.length - 1);
    const row = (cells: string[], bold: boolean) => {
      keep(16);
      cells.forEach((cell, i) => {
        const w = i === 0 ? first : rest;
        const offset = i === 0 ? 0 : first + (i - 1) * rest;
        drawLine(doc, cell, { x: direction === 'rtl' ? x + width - offset - w : x + offset, y: flow.y, width: w - 4, size: 8.5, bold, align: i === 0 ? 'start' : 'end', direction });
      });
      flow.y += 14;
    };
    row(table.head, true);
    for (const r of table.rows) row(r, false);
    flow.y += 10;
  }

  // The comments come a part at a time (a long annex's text is never in memory whole); a section's heading comes before its first.
  let section: string | null = null;
  for await (const part of parts) {
    for (const item of part) {
      if (item.section !== section) {
        section = item.section;
        keep(90);
        flow.y += 6;
        para(section, 13, { bold: true, after: 6, auto: true });
      }
      keep(60);
      doc.save().moveTo(x, flow.y).lineTo(x + width, flow.y).lineWidth(0.4).strokeColor('#b1b4b6').stroke().restore();
      flow.y += 5;
      para(item.who, 8.5, { bold: true, color: GREY, after: 2, auto: true });
      para(item.quote ? `“${item.quote}”` : '', 9, { color: GREY, indent: 12, after: 2, auto: true });
      para(item.body, 9.5, { after: 4, auto: true });
      para(item.disposition, 9, { bold: true, indent: 12, after: 1 });
      para(item.response, 9, { indent: 12, after: 2, auto: true });
      for (const ch of item.changed) para(ch, 8, { color: GREY, indent: 12, after: 1, auto: true });
      flow.y += 6;
    }
  }

  return toBuffer(doc);
}
