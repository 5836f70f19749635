/** Reading PDFs back in tests, with pdf.js: what a reader of the document would see. */

import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfTextItem {
  str: string;
  dir: string;
  x: number;
  /** Baseline, in PDF coordinates (from the bottom of the page). */
  y: number;
  width: number;
  size: number;
}

/** The text items of every page, as pdf.js extracts them, without its empty end-of-line markers. */
export async function pdfPages(buffer: Buffer | Uint8Array): Promise<PdfTextItem[][]> {
  const task = getDocument({ data: new Uint8Array(buffer), disableFontFace: true, useSystemFonts: false });
  const doc = await task.promise;
  const pages: PdfTextItem[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items.flatMap((item) => {
        if (!('str' in item) || item.str === '') return [];
        const [size, , , , x, y] = item.transform as number[];
        return [{ str: item.str, dir: item.dir, x: x!, y: y!, width: item.width, size: size! }];
      }),
    );
  }
  await task.destroy();
  return pages;
}

/** Each page's text in reading order, lines joined by spaces (enough to find a name or a sentence). */
export async function pdfText(buffer: Buffer | Uint8Array): Promise<string[]> {
  return (await pdfPages(buffer)).map((items) =>
    [...items]
      .sort((a, b) => b.y - a.y || a.x - b.x)
      .map((i) => i.str)
      .join(' ')
      .replace(/\s+/g, ' '),
  );
}
