import { describe as suite, expect, it } from 'vitest';
import { describe, DESCRIPTION_LENGTH } from './description.js';

suite('describe: a page description from its text', () => {
  it('is the first paragraph, without markup', () => {
    const md = '## Who we are\n\nThe **Alliance** brings [researchers](https://example.org) and `policymakers` together.\n\nA second paragraph.';
    expect(describe(md)).toBe('The Alliance brings researchers and policymakers together.');
  });

  it('keeps characters that are markup in HTML as plain text', () => {
    expect(describe('Reading & writing: <maths> "first"')).toBe('Reading & writing: <maths> "first"');
  });

  it('falls back to the first block with words when there is no paragraph', () => {
    expect(describe('- Early literacy\n- Numeracy')).toBe('Early literacy Numeracy');
    expect(describe('# Only a heading')).toBe('Only a heading');
  });

  it('is empty for no text', () => {
    expect(describe(undefined)).toBe('');
    expect(describe('   \n\n')).toBe('');
  });

  it('cuts a long paragraph at a word boundary, within the limit, with an ellipsis', () => {
    const words = 'Learning science meets education policy in every region of the world, '.repeat(5);
    const d = describe(words);
    expect(d.length).toBeLessThanOrEqual(DESCRIPTION_LENGTH);
    expect(d.length).toBeGreaterThan(DESCRIPTION_LENGTH - 20);
    expect(d.endsWith('…')).toBe(true);
    // Every word kept is whole, and no comma is left dangling before the ellipsis.
    expect(words.startsWith(d.slice(0, -1))).toBe(true);
    expect(words.charAt(d.length - 1)).toMatch(/[\s,]/);
    expect(d).not.toMatch(/[\s,]…$/);
  });

  it('cuts Chinese, written without spaces, between words', () => {
    const zh = '全球学习科学教育联盟汇聚研究人员、政策制定者和实践者，共同改善每个国家儿童的学习。'.repeat(4);
    const d = describe(zh, 'zh', 40);
    expect(d.length).toBeLessThanOrEqual(40);
    expect(d.endsWith('…')).toBe(true);
    const kept = d.slice(0, -1);
    const boundaries = new Set([...new Intl.Segmenter('zh', { granularity: 'word' }).segment(zh)].map((s) => s.index));
    expect(boundaries.has(kept.length)).toBe(true);
  });

  it('cuts inside a single word longer than the limit rather than give nothing', () => {
    expect(describe('x'.repeat(300), 'en', 20)).toBe(`${'x'.repeat(19)}…`);
  });

  it('keeps a short text whole', () => {
    expect(describe('Short and sweet.')).toBe('Short and sweet.');
  });
});
