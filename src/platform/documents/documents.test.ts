import { describe, expect, it } from 'vitest';
import { carryIds, parseBlocks, similarity, type IdentifiedBlock } from './blocks.js';
import { changeCounts, compareVersions } from './compare.js';
import { anchorQuote, selectorFor } from './anchor.js';

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
