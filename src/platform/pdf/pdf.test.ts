import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { asArtifact, drawLine, drawParagraph, flowParagraph, newDocument, textWidth, toBuffer } from './index.js';
import { pdfPages, pdfText, type PdfTextItem } from '../../testing/pdf.js';

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

/** poppler's pdftotext, when installed (CI installs it, and there these tests must run): a second reader, which honours /ActualText. */
const poppler = spawnSync('pdftotext', ['-v']).status === 0;
const withPoppler = poppler || process.env.CI === 'true';
const pdftotext = (buffer: Buffer) => spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: buffer, encoding: 'utf8' }).stdout;
/** One space for any whitespace, and without the bidi controls pdftotext puts around runs. */
const squeeze = (text: string) => text.replace(/[\u202A-\u202E]/g, '').replace(/\s+/g, ' ').trim();
/** pdftotext takes punctuation in right-to-left text for left to right and may move the space beside it to its other side ("الأولى ،لا"): such spaces are left out. */
const popplerSpacing = (text: string) => text.replace(/\s*([.:،؛,])\s*/g, '$1');

describe('text that copies out right', () => {
  // ز and ة are drawn as ر and ه with dots; ت ي ب ن ث share one dotless form in the middle of a word.
  const arabic = 'وزارة التربية الوطنية تثبت يبحث بنيت عليكم الأولى، لا بد';

  it('gives back Arabic letter for letter, in reading order, with pdf.js (which reads the ToUnicode map)', async () => {
    const { buffer } = await render((doc) => drawParagraph(doc, arabic, { x: X, y: 100, width: WIDTH, size: 12, direction: 'rtl' }));
    const [text] = await pdfText(buffer);
    expect(text).toBe(arabic);
  });

  it.skipIf(!withPoppler)('gives back Arabic letter for letter, in reading order, with poppler’s pdftotext', async () => {
    const { buffer } = await render((doc) => drawParagraph(doc, arabic, { x: X, y: 100, width: WIDTH, size: 12, direction: 'rtl' }));
    expect(popplerSpacing(squeeze(pdftotext(buffer)))).toBe(popplerSpacing(arabic));
  });

  it('copies the letters of vocalised Arabic without the vowel marks, which it draws, and no word split', async () => {
    const { buffer } = await render((doc) => drawParagraph(doc, 'تضمّ كتابٌ يتعلّمون جيدًا', { x: X, y: 100, width: WIDTH, size: 12, direction: 'rtl' }));
    expect((await pdfText(buffer))[0]).toBe('تضم كتاب يتعلمون جيدا');
    if (withPoppler) expect(squeeze(pdftotext(buffer))).toBe('تضم كتاب يتعلمون جيدا');
  });

  it('places a combining mark the font has no letter with on its letter, and copies the letter with its mark', async () => {
    const text = 'Nguyễn q̃uy';
    const { buffer, items } = await render((doc) => drawLine(doc, text, { x: X, y: 100, width: WIDTH, size: 14 }));
    expect((await pdfText(buffer))[0]!.normalize('NFC')).toBe(text.normalize('NFC'));
    // The tilde sits over the q, not after it: the line is as wide as without it.
    expect(right(items.at(-1)!) - X).toBeCloseTo(textWidth(ruler, 'Nguyễn quy', { size: 14 }), 0);
  });

  it('keeps Latin, Cyrillic and Chinese as they are, with either reader', async () => {
    const lines = ['Université de Genève', 'Иван Петров, Москва', '北京师范大学是全国重点大学。'];
    const { buffer } = await render((doc) => lines.forEach((line, i) => drawLine(doc, line, { x: X, y: 100 + 30 * i, width: WIDTH, size: 12 })));
    expect((await pdfText(buffer))[0]).toBe(lines.join(' '));
    if (withPoppler) expect(squeeze(pdftotext(buffer))).toBe(lines.join(' '));
  });
});

describe('tagged documents', () => {
  it('puts each line of a paragraph in its structure element, over pages, and page furniture out of the text', async () => {
    const doc = newDocument({ size: 'A4', tagged: true, lang: 'ru', displayTitle: true, pdfVersion: '1.7', info: { Title: 'Отчёт' } });
    const root = doc.struct('Document');
    doc.addStructure(root);
    const heading = doc.struct('H1');
    root.add(heading);
    const flow = { doc, y: 60, top: 60, bottom: 200 };
    flowParagraph(flow, 'Отчёт о работе', { x: X, width: WIDTH, size: 16, bold: true, tag: heading });
    heading.end();
    const paragraph = doc.struct('P');
    root.add(paragraph);
    const words = Array.from({ length: 120 }, (_, i) => `слово${i}`).join(' ');
    flowParagraph(flow, words, { x: X, width: WIDTH, size: 10, tag: paragraph });
    paragraph.end();
    asArtifact(doc, () => drawLine(doc, 'колонтитул', { x: X, y: 780, width: WIDTH, size: 8 }), 'Pagination');
    root.end();
    const pdf = await getDocument({ data: new Uint8Array(await toBuffer(doc)), disableFontFace: true, useSystemFonts: false }).promise;
    expect(pdf.numPages).toBeGreaterThan(1);
    expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
    expect(await pdf.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
    expect((await pdf.getMetadata()).info).toMatchObject({ Language: 'ru', Title: 'Отчёт' });
    // Per page, the text of each element of the structure tree, in order.
    type Node = { role?: string; type?: string; id?: string; children?: Node[] };
    const tagged: string[] = [];
    let untagged = '';
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const texts = new Map<string, string>();
      let open: string | null = null;
      for (const item of (await page.getTextContent({ includeMarkedContent: true })).items) {
        if ('type' in item && item.type === 'beginMarkedContentProps') open = item.id ?? null;
        else if ('type' in item && item.type === 'endMarkedContent') open = null;
        else if ('str' in item && open) texts.set(open, `${texts.get(open) ?? ''}${item.str}`);
        else if ('str' in item) untagged += item.str;
      }
      const walk = (node: Node): string => (node.type === 'content' ? (texts.get(node.id!) ?? '') : (node.children ?? []).map(walk).join(' '));
      const root = (await page.getStructTree()) as Node;
      for (const el of root.children![0]!.children!) tagged.push(`${el.role}: ${walk(el)}`);
    }
    expect(tagged[0]).toBe('H1: Отчёт о работе');
    expect(tagged.slice(1).every((t) => t.startsWith('P: '))).toBe(true);
    expect(tagged.slice(1).map((t) => t.slice(3)).join(' ')).toBe(words);
    // The running foot is an artifact: drawn, but no element of the text.
    expect(untagged).toBe('колонтитул');
  });
});
