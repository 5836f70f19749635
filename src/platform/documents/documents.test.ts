import { describe, expect, it } from 'vitest';
import { carryIds, parseBlocks, similarity, type IdentifiedBlock } from './blocks.js';
import { changeCounts, compareVersions } from './compare.js';
import { anchorQuote, selectorFor } from './anchor.js';
import { markdownToHtml, renderBlocks, type FootnoteWords } from './markdown.js';

const V1 = `# Why the first years matter

Children who cannot read with understanding by the end of grade 3 rarely catch up later.

## What works

Structured pedagogy combines lesson plans, *decodable* books and coaching for teachers.

- daily reading practice
- assessment every term

| Country | Gain |
|---|---|
| Kenya | 0.6 SD |

Teaching in the language children speak at home helps them learn to read.`;

let counter = 0;
const seq = () => `id${++counter}`;
const first = (md: string) => carryIds([], parseBlocks(md), seq);

describe('a document as blocks', () => {
  it('reads headings, paragraphs, lists and tables from Markdown, with their words without markup', () => {
    const blocks = parseBlocks(V1);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'heading', 'paragraph', 'list', 'table', 'paragraph']);
    expect(blocks[0]).toMatchObject({ level: 1, text: 'Why the first years matter' });
    expect(blocks[3]!.text).toBe('Structured pedagogy combines lesson plans, decodable books and coaching for teachers.');
    expect(blocks[3]!.markdown).toContain('*decodable*');
    expect(blocks[4]!.text).toBe('daily reading practice assessment every term');
    expect(blocks[5]!.text).toBe('Country Gain Kenya 0.6 SD');
  });

  it('measures how alike two texts are by their words', () => {
    expect(similarity('one two three', 'one two three')).toBe(1);
    expect(similarity('one two three four', 'one two three five')).toBe(0.75);
    expect(similarity('alpha', 'beta')).toBe(0);
  });
});

describe('stable identifiers from one version to the next', () => {
  it('keeps the identifier of an unchanged block, a moved block and a reworded block; a new block gets a new one; a deleted block’s goes', () => {
    const v1 = first(V1);
    const v2md = V1.replace('rarely catch up later.', 'rarely catch up in later grades.') // reworded
      .replace('Teaching in the language children speak at home helps them learn to read.\n', '')
      .replace(/\n\nTeaching in the language children speak at home helps them learn to read\.$/, '') // deleted
      .replace('## What works', 'Coaching matters more than materials.\n\n## What works'); // added
    // Moved: the list goes to the end.
    const v2 = carryIds(v1, parseBlocks(v2md.replace('- daily reading practice\n- assessment every term\n\n', '') + '\n\n- daily reading practice\n- assessment every term'), seq);
    const idOf = (blocks: IdentifiedBlock[], start: string) => blocks.find((b) => b.text.startsWith(start))?.id;
    expect(idOf(v2, 'Why the first')).toBe(idOf(v1, 'Why the first'));
    expect(idOf(v2, 'Children who cannot')).toBe(idOf(v1, 'Children who cannot'));
    expect(idOf(v2, 'daily reading')).toBe(idOf(v1, 'daily reading'));
    expect(v1.map((b) => b.id)).not.toContain(idOf(v2, 'Coaching matters'));
    expect(v2.map((b) => b.id)).not.toContain(idOf(v1, 'Teaching in the language'));
    expect(new Set(v2.map((b) => b.id)).size).toBe(v2.length);
  });

  it('two identical paragraphs keep their own identifiers, by position', () => {
    const v1 = first('Same words here.\n\nOther words.\n\nSame words here.');
    const v2 = carryIds(v1, parseBlocks('Same words here.\n\nOther words.\n\nSame words here.'), seq);
    expect(v2.map((b) => b.id)).toEqual(v1.map((b) => b.id));
  });

  it('a block rewritten beyond recognition is a new block', () => {
    const v1 = first('The ministry should fund coaching for every teacher in the first three grades.');
    const v2 = carryIds(v1, parseBlocks('Budgets are tight; start with a pilot in two districts.'), seq);
    expect(v2[0]!.id).not.toBe(v1[0]!.id);
  });
});

describe('comparing two versions paragraph by paragraph', () => {
  it('marks each block same, changed (with the words), added or removed — removed where it stood', () => {
    const v1 = first('Intro.\n\nChildren learn to read in grade one.\n\nOld paragraph to drop.\n\nEnd.');
    const v2 = carryIds(v1, parseBlocks('Intro.\n\nChildren learn to read well in grade one.\n\nA new finding.\n\nEnd.'), seq);
    const changes = compareVersions(v1, v2);
    expect(changes.map((c) => [c.kind, c.block.text])).toEqual([
      ['same', 'Intro.'],
      ['changed', 'Children learn to read well in grade one.'],
      ['removed', 'Old paragraph to drop.'],
      ['added', 'A new finding.'],
      ['same', 'End.'],
    ]);
    const changed = changes[1]!;
    expect(changed.kind === 'changed' && changed.words.filter((w) => w.kind === 'added').map((w) => w.text.trim())).toEqual(['well']);
    expect(changeCounts(changes)).toEqual({ same: 2, changed: 1, added: 1, removed: 1 });
  });
});

describe('anchoring a quoted passage in a later version', () => {
  const v1 = first(V1);
  const para = v1.find((b) => b.text.startsWith('Structured pedagogy'))!;
  const start = para.text.indexOf('decodable books');
  const selector = selectorFor(para, start, start + 'decodable books'.length);

  it('exact: the same words in the same block', () => {
    expect(anchorQuote(selector, v1)).toEqual({ status: 'exact', blockId: para.id, start, end: start + 15 });
  });

  it('edited: the block was reworded around and inside the quote — found approximately, in the same block', () => {
    const v2 = carryIds(v1, parseBlocks(V1.replace('combines lesson plans, *decodable* books', 'brings together lesson plans, *decodeable* books')), seq);
    const a = anchorQuote({ ...selector, exact: 'decodable books and coaching' }, v2);
    expect(a.status).toBe('fuzzy');
    const block = v2.find((b) => b.id === para.id)!;
    if (a.status !== 'orphan') expect(block.text.slice(a.start, a.end)).toContain('decodeable books');
  });

  it('moved: the words now stand in another block', () => {
    const v2 = carryIds(v1, parseBlocks(V1.replace('Structured pedagogy combines lesson plans, *decodable* books and coaching for teachers.', 'Coaching helps.').replace('rarely catch up later.', 'rarely catch up later. Structured pedagogy uses decodable books.')), seq);
    const a = anchorQuote(selector, v2);
    expect(a.status).toBe('moved');
    if (a.status === 'moved') expect(v2.find((b) => b.id === a.blockId)!.text).toContain('decodable books');
  });

  it('deleted: the block and the words are gone — an orphan', () => {
    const v2 = carryIds(v1, parseBlocks(V1.replace('Structured pedagogy combines lesson plans, *decodable* books and coaching for teachers.\n\n', '')), seq);
    expect(anchorQuote(selector, v2)).toEqual({ status: 'orphan' });
  });

  it('a quote that appears twice is placed by its context', () => {
    const blocks = first('The plan works. Later we saw that the plan works in rural schools too.');
    const text = blocks[0]!.text;
    const second = text.lastIndexOf('the plan works');
    const s = selectorFor(blocks[0]!, second, second + 'the plan works'.length);
    expect(anchorQuote({ ...s, exact: 'plan works' , prefix: s.prefix + 'the ' }, blocks)).toMatchObject({ status: 'exact', start: second + 4 });
  });
});

describe('footnotes', () => {
  const REPORT = `Most children learn to read in school.[^uis] Coaching helps[^b] more than books.[^uis]

[^b]: A review of 40 trials,
  continued on a lazy line.

    A second paragraph of the note.

[^uis]: UIS data, 2023.

[^spare]: A note nobody cites.`;
  const words: FootnoteWords = { reference: (n) => `Note ${n}`, back: (n) => `Back to the text of note ${n}` };

  it('reads a definition, with its continuation lines, as a block of its own with its label; references leave the plain text', () => {
    const blocks = parseBlocks(REPORT);
    expect(blocks.map((b) => [b.kind, b.label])).toEqual([
      ['paragraph', undefined],
      ['footnote', 'b'],
      ['footnote', 'uis'],
      ['footnote', 'spare'],
    ]);
    expect(blocks[0]!.text).toBe('Most children learn to read in school. Coaching helps more than books.');
    expect(blocks[1]!).toMatchObject({ text: 'A review of 40 trials, continued on a lazy line. A second paragraph of the note.' });
    expect(blocks[1]!.markdown).toBe('[^b]: A review of 40 trials,\n  continued on a lazy line.\n\n    A second paragraph of the note.');
    // A definition right under a paragraph still starts its own block; a list after a note is not part of it.
    expect(parseBlocks('Text.[^1]\n[^1]: The note.\n- a list').map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'Text.'],
      ['footnote', 'The note.'],
      ['list', 'a list'],
    ]);
  });

  it('keeps a footnote’s identifier when it is reworded, like any block', () => {
    const v1 = first(REPORT);
    const v2 = carryIds(v1, parseBlocks(REPORT.replace('UIS data, 2023.', 'UIS data, 2023 release.')), seq);
    expect(v2.find((b) => b.label === 'uis')!.id).toBe(v1.find((b) => b.label === 'uis')!.id);
  });

  it('numbers references in order of first reference across blocks drawn one by one, each linking to its note and back', () => {
    const html = renderBlocks(parseBlocks(REPORT), words);
    expect(html).toHaveLength(4);
    expect(html[0]).toBe(
      '<p>Most children learn to read in school.<sup><a href="#fn-uis" id="fnref-uis-1" aria-label="Note 1" rel="noopener">1</a></sup>' +
        ' Coaching helps<sup><a href="#fn-b" id="fnref-b-1" aria-label="Note 2" rel="noopener">2</a></sup>' +
        ' more than books.<sup><a href="#fn-uis" id="fnref-uis-2" aria-label="Note 1" rel="noopener">1</a></sup></p>\n',
    );
    // A note starts with its number and ends with a link back to its first reference.
    expect(html[1]).toBe('<p id="fn-b">2. A review of 40 trials,\ncontinued on a lazy line.</p>\n<p>A second paragraph of the note. <a href="#fnref-b-1" aria-label="Back to the text of note 2" rel="noopener">↩</a></p>\n');
    expect(html[2]).toBe('<p id="fn-uis">1. UIS data, 2023. <a href="#fnref-uis-1" aria-label="Back to the text of note 1" rel="noopener">↩</a></p>\n');
    // A note nobody cites comes after the cited ones, with no link back.
    expect(html[3]).toBe('<p id="fn-spare">3. A note nobody cites.</p>\n');
  });

  it('draws a footnote block on its own, and leaves a reference to no note as it was written', () => {
    expect(renderBlocks([{ markdown: '[^x]: Alone.' }], words)).toEqual(['<p id="fn-x">1. Alone.</p>\n']);
    expect(renderBlocks([{ markdown: 'See [^missing] and [^1].' }, { markdown: '[^1]: One.' }], words)[0]).toBe(
      '<p>See [^missing] and <sup><a href="#fn-1" id="fnref-1-1" aria-label="Note 1" rel="noopener">1</a></sup>.</p>\n',
    );
  });

  it('neutralises script in a label, in a note and in the words, and keeps the page’s own ids out of a text', () => {
    const evil = 'Text[^<script>alert(1)</script>] and[^a"onmouseover="x]\n\n[^<script>alert(1)</script>]: <script>alert(2)</script><img src=x onerror=alert(3)> note\n\n[^a"onmouseover="x]: other';
    const html = renderBlocks(parseBlocks(evil), { reference: (n) => `"><script>${n}`, back: () => '<b>' }).join('');
    expect(html).not.toMatch(/<script|onerror|onmouseover=|<b>/);
    expect(html).toContain('href="#fn-_3cscript_3ealert_281_29_3c_2fscript_3e"');
    expect(html).toContain('aria-label="&quot;&gt;&lt;script&gt;1"');
    // A reference to no note is text, escaped.
    expect(renderBlocks([{ markdown: 'See [^<em>x</em>].' }], words)).toEqual(['<p>See [^&lt;em&gt;x&lt;/em&gt;].</p>\n']);
    for (const id of html.match(/ id="[^"]*"/g) ?? []) expect(id).toMatch(/^ id="fn(?:ref)?-[A-Za-z0-9_-]+"$/);
    // Ids written by hand in a text are dropped unless they are footnotes' own; sup is kept, its attributes are not.
    expect(markdownToHtml('<p id="main">x</p> <a id="top" href="https://a.org" onclick="x">a</a> <sup class="big" id="s">2</sup>')).toBe('<p>x</p> <a href="https://a.org" rel="noopener">a</a> <sup>2</sup>');
  });

  it('draws a whole text with its footnotes where they are written, and a text without footnotes as before', () => {
    expect(markdownToHtml('# Title\n\nSome *text* with [a link](https://example.org).\n\n- one\n- two')).toBe(
      '<h2>Title</h2>\n<p>Some <em>text</em> with <a href="https://example.org" rel="noopener">a link</a>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
    expect(markdownToHtml('Text.[^n]\n\n[^n]: The note.')).toBe('<p>Text.<sup><a href="#fn-n" id="fnref-n-1" rel="noopener">1</a></sup></p>\n<p id="fn-n">1. The note. <a href="#fnref-n-1" rel="noopener">↩</a></p>\n');
    expect(markdownToHtml('Text.[^n]\n\n[^n]: The note.', words)).toContain('aria-label="Back to the text of note 1"');
  });
});
