import { describe, expect, it } from 'vitest';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  EndnoteReferenceRun,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ParagraphChild,
  type FileChild,
} from 'docx';
import { DOCX_MAX_BYTES, NotADocxError, docxToMarkdown, type ImportedImage } from './docx.js';
import { parseBlocks } from './blocks.js';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const word = (children: FileChild[], extra: Partial<ConstructorParameters<typeof Document>[0]> = {}) =>
  Packer.toBuffer(
    new Document({
      numbering: {
        config: [
          {
            reference: 'numbers',
            levels: [
              { level: 0, format: LevelFormat.DECIMAL, text: '%1.' },
              { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)' },
            ],
          },
        ],
      },
      ...extra,
      sections: [{ children }],
    }),
  );

const p = (...children: (string | ParagraphChild)[]) => new Paragraph({ children: children.map((c) => (typeof c === 'string' ? new TextRun(c) : c)) });
const cell = (text: string, options: { columnSpan?: number; children?: (Paragraph | Table)[] } = {}) => new TableCell({ columnSpan: options.columnSpan, children: options.children ?? [p(text)] });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });
const image = (alt?: string) => new ImageRun({ type: 'png', data: PNG, transformation: { width: 8, height: 8 }, ...(alt ? { altText: { name: 'picture', title: '', description: alt } } : {}) });

/** Imports a Word file, keeping the images the converter stored. */
async function read(file: Buffer) {
  const stored: ImportedImage[] = [];
  const result = await docxToMarkdown(file, async (img) => {
    stored.push(img);
    return `https://files.example.org/${stored.length}.png`;
  });
  return { ...result, stored };
}

describe('a Word report as Markdown', () => {
  it('keeps the title as the only level-1 heading and Word’s headings one level below it, paragraphs with bold, italic and links, and Unicode text as it is', async () => {
    const { markdown, problems } = await read(
      await word([
        new Paragraph({ text: 'Foundational learning', heading: HeadingLevel.TITLE }),
        new Paragraph({ text: 'Why the first years matter', heading: HeadingLevel.HEADING_1 }),
        p('Children who ', new TextRun({ text: 'cannot read', bold: true }), ' by grade 3 rarely ', new TextRun({ text: 'catch up', italics: true }), '.'),
        new Paragraph({ text: 'What works', heading: HeadingLevel.HEADING_2 }),
        p('See ', new ExternalHyperlink({ link: 'https://example.org/report', children: [new TextRun('the full study')] }), ' for details.'),
        p('Les élèves réussissent mieux à l’école\u00a0: «\u00a0lire\u00a0».'),
        new Paragraph({ children: [new TextRun('التعلم الأساسي حق لكل طفل.')], bidirectional: true }),
      ]),
    );
    expect(markdown).toBe(
      [
        '# Foundational learning',
        '## Why the first years matter',
        'Children who **cannot read** by grade 3 rarely *catch up*.',
        '### What works',
        'See [the full study](https://example.org/report) for details.',
        'Les élèves réussissent mieux à l’école\u00a0: «\u00a0lire\u00a0».',
        'التعلم الأساسي حق لكل طفل.',
      ].join('\n\n'),
    );
    expect(problems).toEqual([]);
  });

  it('keeps bulleted and numbered lists, nested, with "-" bullets and numbers', async () => {
    const { markdown } = await read(
      await word([
        new Paragraph({ text: 'daily reading', bullet: { level: 0 } }),
        new Paragraph({ text: 'in the home language', bullet: { level: 1 } }),
        new Paragraph({ text: 'coaching', bullet: { level: 0 } }),
        p('Then:'),
        new Paragraph({ text: 'plan lessons', numbering: { reference: 'numbers', level: 0 } }),
        new Paragraph({ text: 'with a script', numbering: { reference: 'numbers', level: 1 } }),
        new Paragraph({ text: 'assess every term', numbering: { reference: 'numbers', level: 0 } }),
      ]),
    );
    expect(markdown).toBe(['- daily reading\n  - in the home language\n- coaching', 'Then:', '1. plan lessons\n   1. with a script\n2. assess every term'].join('\n\n'));
    // And it reads back as the same structure.
    expect(parseBlocks(markdown).map((b) => b.kind)).toEqual(['list', 'paragraph', 'list']);
  });

  it('keeps a table with its first row as the header', async () => {
    const { markdown, problems } = await read(
      await word([new Table({ rows: [row(cell('Country'), cell('Gain')), row(cell('Kenya'), cell('0.6 SD')), row(cell('Peru | Chile'), cell(''))] })]),
    );
    expect(markdown).toBe('| Country | Gain |\n| --- | --- |\n| Kenya | 0.6 SD |\n| Peru \\| Chile |     |');
    expect(parseBlocks(markdown)[0]).toMatchObject({ kind: 'table', text: 'Country Gain Kenya 0.6 SD Peru | Chile' });
    expect(problems).toEqual([]);
  });

  it('keeps a Word header row as the header, a cell’s paragraphs as lines of the cell, and a footnote in a cell', async () => {
    const { markdown } = await read(
      await word(
        [
          new Table({
            rows: [
              new TableRow({ tableHeader: true, children: [cell('Measure'), cell('Value')] }),
              row(new TableCell({ children: [p('Reading'), p('grade 3')] }), new TableCell({ children: [p('41%', new FootnoteReferenceRun(1))] })),
            ],
          }),
        ],
        { footnotes: { 1: { children: [p('Median of 12 countries.')] } } },
      ),
    );
    expect(markdown).toBe('| Measure | Value |\n| --- | --- |\n| Reading<br>grade 3 | 41%[^1] |\n\n[^1]: Median of 12 countries.');
    expect(parseBlocks(markdown)[0]!.text).toBe('Measure Value Reading grade 3 41%');
  });

  it('keeps the text of tables GFM cannot hold (merged cells, a table in a table) as paragraphs, and says so', async () => {
    const inner = new Table({ rows: [row(cell('inner a'), cell('inner b'))] });
    const { markdown, problems } = await read(
      await word([
        new Table({ rows: [row(cell('Both years', { columnSpan: 2 })), row(cell('2023'), cell('2024'))] }),
        p('Between.'),
        new Table({ rows: [row(cell('outer'), cell('', { children: [p('holds'), inner, p('')] }))] }),
      ]),
    );
    expect(markdown).toBe(['Both years', '2023', '2024', 'Between.', 'outer', 'holds', 'inner a', 'inner b'].join('\n\n'));
    expect(problems).toEqual([{ key: 'complexTable', values: { n: 2 } }]);
  });

  it('keeps footnotes and endnotes as Markdown footnotes: a reference in the text, the note at the end', async () => {
    const { markdown, problems } = await read(
      await word(
        [
          p('Most children learn to read in school', new FootnoteReferenceRun(1), ' when taught well', new EndnoteReferenceRun(1), '.'),
          p('Coaching helps', new FootnoteReferenceRun(2), '.'),
        ],
        {
          footnotes: { 1: { children: [p('UIS data, 2023.')] }, 2: { children: [p('First paragraph of the note.'), p('A second paragraph.')] } },
          endnotes: { 1: { children: [p('An endnote.')] } },
        },
      ),
    );
    expect(markdown).toBe(
      [
        'Most children learn to read in school[^1] when taught well[^2].',
        'Coaching helps[^3].',
        '[^1]: UIS data, 2023.',
        '[^2]: An endnote.',
        '[^3]: First paragraph of the note.\n\n    A second paragraph.',
      ].join('\n\n'),
    );
    expect(problems).toEqual([]);
    // The platform reads them back as footnote blocks with their words.
    const notes = parseBlocks(markdown).filter((b) => b.kind === 'footnote');
    expect(notes.map((b) => [b.label, b.text])).toEqual([
      ['1', 'UIS data, 2023.'],
      ['2', 'An endnote.'],
      ['3', 'First paragraph of the note. A second paragraph.'],
    ]);
  });

  it('stores images through the caller, keeps their alt text, and lists the images that have none', async () => {
    const { markdown, problems, stored } = await read(await word([p(image('Reading scores by grade')), p(image()), p('Text', image())]));
    expect(markdown).toBe('![Reading scores by grade](https://files.example.org/1.png)\n\n![](https://files.example.org/2.png)\n\nText![](https://files.example.org/3.png)');
    expect(stored.map((s) => [s.contentType, s.alt, s.data.equals(PNG)])).toEqual([
      ['image/png', 'Reading scores by grade', true],
      ['image/png', '', true],
      ['image/png', '', true],
    ]);
    expect(problems).toEqual([{ key: 'imageWithoutAlt', values: { n: 2 } }]);
  });

  it('writes superscript numbers as superscript characters, encodes link addresses, and lists images a browser cannot show', async () => {
    const bmp = Buffer.from('Qk0eAAAAAAAAABoAAAAMAAAAAQABAAEAGAAAAP8A', 'base64');
    const { markdown, problems, stored } = await read(
      await word([
        p('An area of 10 m', new TextRun({ text: '2', superScript: true }), ', the 1', new TextRun({ text: 'st', superScript: true }), ' year.'),
        p(new ExternalHyperlink({ link: 'https://example.org/a report (2024)', children: [new TextRun('see [3')] })),
        p(new ImageRun({ type: 'bmp', data: bmp, transformation: { width: 5, height: 5 } })),
      ]),
    );
    expect(markdown).toBe('An area of 10 m², the 1st year.\n\n[see \\[3](https://example.org/a%20report%20%282024%29)');
    expect(stored).toEqual([]);
    expect(problems).toEqual([{ key: 'imageFormat', values: { type: 'image/bmp', n: 1 } }]);
  });

  it('keeps the text of a paragraph style it does not know, and lists the style once', async () => {
    const { markdown, problems } = await read(
      await word([new Paragraph({ text: 'A boxed finding.', style: 'Finding' }), new Paragraph({ text: 'Another one.', style: 'Finding' })], {
        styles: { paragraphStyles: [{ id: 'Finding', name: 'Key Finding', basedOn: 'Normal', run: { bold: true } }] },
      }),
    );
    expect(markdown).toBe('A boxed finding.\n\nAnother one.');
    expect(problems).toEqual([{ key: 'unknownStyle', values: { style: 'Key Finding', n: 1 } }]);
  });

  it('keeps a numbered heading a heading, and leaves reviewers’ comments out, saying how many', async () => {
    const { markdown, problems } = await read(
      await word(
        [
          new Paragraph({ text: 'Findings', heading: HeadingLevel.HEADING_1, numbering: { reference: 'numbers', level: 0 } }),
          p(new CommentRangeStart(0), 'Reading improved.', new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })),
        ],
        { comments: { children: [{ id: 0, author: 'Reviewer', children: [p('Source?')] }] } },
      ),
    );
    expect(markdown).toBe('## Findings\n\nReading improved.');
    expect(problems).toEqual([{ key: 'comments', values: { n: 1 } }]);
  });

  it('leaves a Word table of contents out (the page makes its own) and says so', async () => {
    const { markdown, problems } = await read(
      await word(
        [
          new Paragraph({ children: [new InternalHyperlink({ anchor: 'intro', children: [new TextRun('Introduction')] })], style: 'TOC1' }),
          new Paragraph({ text: 'Introduction', heading: HeadingLevel.HEADING_1 }),
          p('See ', new InternalHyperlink({ anchor: 'intro', children: [new TextRun('the introduction')] }), '.'),
        ],
        { styles: { paragraphStyles: [{ id: 'TOC1', name: 'toc 1', basedOn: 'Normal' }] } },
      ),
    );
    expect(markdown).toBe('## Introduction\n\nSee the introduction.');
    expect(problems).toEqual([{ key: 'tableOfContents', values: { n: 1 } }]);
  });

  it('escapes only what Markdown would misread', async () => {
    const { markdown } = await read(
      await word([
        p('2020. A year of change - and of some progress.'),
        p('- not a list, # not a heading, 1.5 million, e-mail, snake_case, [1] a citation, 3 * 4'),
        p('# hash'),
        p('1. not a list'),
        p('*stars* and _underscores_ and `ticks` and <b>tags</b> &amp; [link](x) [^1] C:\\path'),
        p('> not a quote'),
        p('---'),
      ]),
    );
    expect(markdown.split('\n\n')).toEqual([
      '2020\\. A year of change - and of some progress.',
      '\\- not a list, # not a heading, 1.5 million, e-mail, snake_case, [1] a citation, 3 * 4',
      '\\# hash',
      '1\\. not a list',
      // A closing * or _ cannot open emphasis, so only the opening one is escaped.
      '\\*stars* and \\_underscores_ and \\`ticks\\` and \\<b>tags\\</b> \\&amp; \\[link](x) \\[^1] C:\\path',
      '\\> not a quote',
      '\\---',
    ]);
    // Read back, every paragraph is a paragraph whose words are what was typed.
    const blocks = parseBlocks(markdown);
    expect(blocks.map((b) => b.kind)).toEqual(Array(7).fill('paragraph'));
    expect(blocks[4]!.text).toBe('*stars* and _underscores_ and `ticks` and <b>tags</b> &amp; [link](x) [^1] C:\\path');
  });

  it('leaves no trailing spaces and no runs of blank lines', async () => {
    // A paragraph ending in a no-break space, empty paragraphs, a line break.
    const { markdown } = await read(await word([p('One\u00a0'), new Paragraph({ text: '' }), new Paragraph({ text: '' }), p('Two', new TextRun({ text: 'line', break: 1 })), p('  ')]));
    expect(markdown).toBe('One\n\nTwo\\\nline');
    expect(markdown).not.toMatch(/[ \t]$|\n\n\n/m);
  });
});

describe('files that are not Word documents', () => {
  const refuses = async (file: Buffer, reason: string) => {
    const error = await docxToMarkdown(file, async () => 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotADocxError);
    expect((error as NotADocxError).reason).toBe(reason);
  };

  it('refuses a file that is not a zip, a zip without word/document.xml, and a broken document', async () => {
    await refuses(Buffer.from('%PDF-1.7 not a Word file'), 'notDocx');
    await refuses(Buffer.alloc(0), 'notDocx');
    const docx = await word([p('Hello')]);
    // The same zip with its document renamed.
    const renamed = Buffer.from(docx.toString('latin1').replaceAll('word/document.xml', 'word/documenX.xml'), 'latin1');
    await refuses(renamed, 'notDocx');
    // A zip whose central directory is cut off.
    await refuses(docx.subarray(0, docx.length - 30), 'notDocx');
    // A zip that lists word/document.xml but whose contents are garbage.
    const broken = Buffer.from(docx);
    broken.fill(0x41, 40, Math.min(broken.length - 400, 2000));
    await refuses(broken, 'unreadable');
  });

  it('never fails otherwise, however the file is cut or damaged', async () => {
    const docx = await word([new Paragraph({ text: 'Title', heading: HeadingLevel.HEADING_1 }), p('Text', image('chart')), new Table({ rows: [row(cell('a'), cell('b'))] })]);
    const damaged: Buffer[] = [];
    for (let i = 1; i <= 12; i++) damaged.push(docx.subarray(0, Math.floor((docx.length * i) / 13)));
    for (let i = 0; i < 24; i++) {
      const copy = Buffer.from(docx);
      copy.fill(0xff, Math.floor((docx.length * i) / 24), Math.floor((docx.length * i) / 24) + 16);
      damaged.push(copy);
    }
    for (const file of damaged) {
      const outcome = await docxToMarkdown(file, async () => 'https://files.example.org/x.png').catch((e: unknown) => e);
      if (outcome instanceof Error) expect(outcome).toBeInstanceOf(NotADocxError);
      else expect(typeof (outcome as { markdown: unknown }).markdown).toBe('string');
    }
  });

  it('refuses a file over DOCX_MAX_BYTES before reading it', async () => {
    await refuses(Buffer.alloc(DOCX_MAX_BYTES + 1), 'tooLarge');
  });

  it('passes on a failure to store an image rather than hiding it among the problems', async () => {
    const file = await word([p(image('chart'))]);
    await expect(
      docxToMarkdown(file, async () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
  });
});
