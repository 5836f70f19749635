import { describe, expect, it } from 'vitest';
import { drawLine, drawParagraph, newDocument, textWidth, toBuffer } from './index.js';
import { pdfPages, type PdfTextItem } from '../../testing/pdf.js';

type Item = PdfTextItem;

/** Text items of page 1 as pdf.js extracts them. */
const extract = async (buffer: Buffer): Promise<Item[]> => (await pdfPages(buffer))[0]!;

/** Draws with a fresh A4 document and returns what pdf.js reads back. */
async function render(draw: (doc: PDFKit.PDFDocument) => void): Promise<{ items: Item[]; buffer: Buffer }> {
  const doc = newDocument({ size: 'A4' });
  draw(doc);
  const buffer = await toBuffer(doc);
  return { items: await extract(buffer), buffer };
}

/**
 * The line as a reader sees it, left to right, for lines without numbers: pdf.js returns right-to-left items
 * in logical order, so those are reversed back. The control characters pdf.js yields for the dot glyphs of
 * Noto Sans Arabic (which have no Unicode value) are dropped.
 */
function visual(items: Item[]): string {
  return [...items]
    .sort((a, b) => a.x - b.x)
    .map((item) => (item.dir === 'rtl' ? Array.from(item.str).reverse().join('') : item.str))
    .join('')
    .replace(/\p{Cc}/gu, '');
}

/** Text per baseline, top line first, for left-to-right text. */
function lines(items: Item[]): string[] {
  const baselines = [...new Set(items.map((item) => item.y))].sort((a, b) => b - a);
  return baselines.map((y) =>
    items
      .filter((item) => item.y === y)
      .sort((a, b) => a.x - b.x)
      .map((item) => item.str)
      .join(''),
  );
}

/** A document used only to measure text. */
const ruler = newDocument();
const arabicLetters = (text: string) => text.replace(/[^\p{Script=Arabic}]/gu, '');
const right = (item: Item) => item.x + item.width;
const X = 50;
const WIDTH = 400;

describe('drawLine', () => {
  it.each(['Jane Doe, Université de Genève', 'Иван Петров', 'Ελένη Παπαδοπούλου', '王小明 北京师范大学'])('draws %s so that it reads back the same', async (text) => {
    const { items } = await render((doc) => drawLine(doc, text, { x: X, y: 100, width: WIDTH, size: 14 }));
    expect(items.map((item) => item.str).join('')).toBe(text);
    expect(items[0].x).toBeCloseTo(X, 1);
  });

  it('right-aligns an Arabic name in a right-to-left line and keeps its words in order', async () => {
    const name = 'أمينة حداد';
    const { items } = await render((doc) => drawLine(doc, name, { x: X, y: 100, width: WIDTH, size: 14, direction: 'rtl', align: 'start' }));
    expect(items).toHaveLength(1);
    // pdf.js overstates the width of Arabic items (it counts the advance of the dot glyphs), so the right
    // edge is checked through the left one and the measured width.
    expect(items[0].x).toBeCloseTo(X + WIDTH - textWidth(ruler, name, { size: 14 }), 1);
    // pdf.js reads the glyphs back in logical order: first name first.
    expect(arabicLetters(items[0].str)).toBe(arabicLetters(name));
  });

  it('detects the direction of an Arabic text by default', async () => {
    const name = 'أمينة حداد';
    const { items } = await render((doc) => drawLine(doc, name, { x: X, y: 100, width: WIDTH, size: 14 }));
    expect(items[0].x).toBeCloseTo(X + WIDTH - textWidth(ruler, name, { size: 14 }), 1);
  });

  it('puts a Latin word in parentheses to the left of the Arabic words, with the brackets facing it', async () => {
    // Per UAX #9 the brackets take the paragraph direction (rule N0), "Maroc" stays left to right inside,
    // and both brackets are mirrored: read left to right, the line is "(Maroc)" then the Arabic words.
    const text = 'وزارة التربية (Maroc)';
    const { items } = await render((doc) => drawLine(doc, text, { x: X, y: 100, width: WIDTH, size: 14, direction: 'rtl' }));
    const maroc = items.find((item) => item.str.includes('Maroc'));
    const arabic = items.find((item) => arabicLetters(item.str) !== '');
    expect(maroc!.x).toBeLessThan(arabic!.x);
    expect(visual(items)).toMatch(/^\(Maroc\)\s*\p{Script=Arabic}/u);
    // Right-aligned as a whole: the line starts where its measured width ends at the right margin.
    expect(Math.min(...items.map((item) => item.x))).toBeCloseTo(X + WIDTH - textWidth(ruler, text, { size: 14, direction: 'rtl' }), 1);
  });

  it('keeps the digits of a number in reading order inside Arabic text', async () => {
    // Read right to left: "عام", then ٢٠٢٤ and "و", then 2024 at the far left; each number reads left to right.
    const { items } = await render((doc) => drawLine(doc, 'عام ٢٠٢٤ و 2024', { x: X, y: 100, width: WIDTH, size: 14, direction: 'rtl' }));
    const latin = items.find((item) => item.str === '2024');
    const arabic = items.find((item) => item.dir === 'rtl');
    expect(latin!.x).toBeLessThan(arabic!.x);
    // pdf.js turns the glyphs back into logical order with its own bidi pass, which keeps digits left to right.
    expect(arabic!.str).toContain('٢٠٢٤');
  });

  it('shares one baseline between Latin, Chinese and Arabic runs', async () => {
    const { items } = await render((doc) => drawLine(doc, 'Bridges 北京 أمينة', { x: X, y: 100, width: WIDTH, size: 14 }));
    // Only items with letters: the Arabic dots come out as items of their own, raised above the baseline.
    const words = items.filter((item) => /\p{L}/u.test(item.str));
    expect(words.length).toBeGreaterThanOrEqual(3);
    for (const item of words) expect(item.y).toBeCloseTo(words[0].y, 3);
  });

  it('centres and end-aligns', async () => {
    const { items } = await render((doc) => {
      drawLine(doc, 'Centre', { x: X, y: 100, width: WIDTH, size: 14, align: 'center' });
      drawLine(doc, 'End', { x: X, y: 200, width: WIDTH, size: 14, align: 'end' });
    });
    const [centre, end] = items;
    expect(centre.x + centre.width / 2).toBeCloseTo(X + WIDTH / 2, 0);
    expect(right(end)).toBeCloseTo(X + WIDTH, 0);
  });

  it('shrinks a name that is a little too long for a badge line', async () => {
    const name = 'Maria Fernanda Rodríguez';
    const width = textWidth(ruler, name, { size: 18, bold: true }) * 0.8;
    const { items } = await render((doc) => drawLine(doc, name, { x: X, y: 100, width, size: 18, bold: true }));
    expect(items[0].str).toBe(name);
    expect(items[0].size).toBeCloseTo(18 * 0.8, 1);
    expect(right(items[0])).toBeLessThanOrEqual(X + width + 0.5);
  });

  it('cuts a name far too long for a badge line with an ellipsis, within the width', async () => {
    const name = 'Dr. Maximilian Alexander Ferdinand von Habsburg-Lothringen und Hohenberg';
    const width = 150;
    const { items } = await render((doc) => drawLine(doc, name, { x: X, y: 100, width, size: 18, bold: true }));
    expect(items).toHaveLength(1);
    expect(items[0].str).toMatch(/^Dr\. Maximilian.*…$/);
    expect(items[0].size).toBeCloseTo(18 * 0.6, 5);
    expect(right(items[0])).toBeLessThanOrEqual(X + width + 0.5);
  });

  it('cuts a right-to-left line at its logical end, which is on the left', async () => {
    const text = 'وزارة التربية الوطنية والتعليم الأولي والرياضة في المملكة المغربية';
    const width = 120;
    const { items } = await render((doc) => drawLine(doc, text, { x: X, y: 100, width, size: 14, direction: 'rtl' }));
    expect(visual(items).startsWith('…')).toBe(true);
    expect(items[0].size).toBeCloseTo(14 * 0.6, 5);
    // The side where an overflow would show is the left one (see above for the right edge).
    for (const item of items) expect(item.x).toBeGreaterThanOrEqual(X - 0.5);
  });
});

describe('drawParagraph', () => {
  const text =
    'The alliance brings together researchers, policymakers and practitioners from every region of the world ' +
    'to share evidence, compare policies and build lasting partnerships between universities and ministries.';

  it('wraps a long text at spaces within the width and returns the y below the last line', async () => {
    const width = 200;
    const size = 10;
    let bottom = 0;
    const { items } = await render((doc) => {
      bottom = drawParagraph(doc, text, { x: X, y: 100, width, size });
    });
    const drawn = lines(items);
    expect(drawn.length).toBeGreaterThanOrEqual(4);
    for (const item of items) expect(right(item)).toBeLessThanOrEqual(X + width + 1);
    expect(drawn.join(' ')).toBe(text);
    expect(bottom - 100).toBeCloseTo(drawn.length * size * 1.5, 5);
  });

  it('honours hard line breaks and the line gap', async () => {
    let bottom = 0;
    const { items } = await render((doc) => {
      bottom = drawParagraph(doc, 'First\nSecond\n\nFourth', { x: X, y: 100, width: WIDTH, size: 10, lineGap: 2 });
    });
    expect(lines(items)).toEqual(['First', 'Second', 'Fourth']);
    expect(items[0].y - items[1].y).toBeCloseTo(17, 5);
    expect(items[1].y - items[2].y).toBeCloseTo(34, 5);
    expect(bottom).toBeCloseTo(100 + 4 * 15 + 3 * 2, 5);
  });

  it('wraps Chinese between characters', async () => {
    const chinese = '北京师范大学是中华人民共和国教育部直属的全国重点大学，是一所以教师教育、教育科学和文理基础学科为主要特色的著名学府。';
    const width = 150;
    const { items } = await render((doc) => drawParagraph(doc, chinese, { x: X, y: 100, width, size: 12 }));
    const drawn = lines(items);
    expect(drawn.length).toBeGreaterThanOrEqual(3);
    for (const item of items) expect(right(item)).toBeLessThanOrEqual(X + width + 1);
    expect(drawn.join('')).toBe(chinese);
  });

  it('never starts a Chinese line with a comma', async () => {
    // Ten characters of 1 em fill the width exactly, so the comma would open the second line.
    const chinese = '一二三四五六七八九十，一二三四五六七八九十。';
    const { items } = await render((doc) => drawParagraph(doc, chinese, { x: X, y: 100, width: 100.5, size: 10 }));
    expect(lines(items).slice(0, 2)).toEqual(['一二三四五六七八九', '十，一二三四五六七八']);
  });

  it('aligns the lines of a right-to-left paragraph on the right', async () => {
    const width = 200;
    const { items } = await render((doc) => drawParagraph(doc, text, { x: X, y: 100, width, size: 10, direction: 'rtl' }));
    const baselines = new Set(items.map((item) => item.y));
    expect(baselines.size).toBeGreaterThanOrEqual(4);
    for (const y of baselines) expect(Math.max(...items.filter((item) => item.y === y).map(right))).toBeCloseTo(X + width, 0);
  });

  it('wraps an Arabic paragraph within the width', async () => {
    const arabic = 'وزارة التربية الوطنية والتعليم الأولي والرياضة في المملكة المغربية مسؤولة عن التعليم المدرسي';
    const width = 200;
    const { items } = await render((doc) => drawParagraph(doc, arabic, { x: X, y: 100, width, size: 12, direction: 'rtl' }));
    const words = items.filter((item) => /\p{L}/u.test(item.str));
    expect(new Set(words.map((item) => item.y)).size).toBeGreaterThanOrEqual(2);
    for (const item of words) {
      expect(item.x).toBeGreaterThanOrEqual(X - 0.5);
      expect(item.x).toBeLessThan(X + width);
    }
  });
});

describe('documents', () => {
  it('embeds only the glyphs used, so a Chinese line stays small', async () => {
    const { buffer } = await render((doc) => drawLine(doc, '王小明 北京师范大学', { x: X, y: 100, width: WIDTH, size: 14, bold: true }));
    expect(buffer.length).toBeLessThan(200_000);
  });
});
