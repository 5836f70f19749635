/**
 * A translation's blocks lined up with the original's: the same number of blocks, of the same
 * kinds, in the same order, each taking the identifier of the block it translates. Then a comment
 * on paragraph 12 is on paragraph 12 in every language, and a reader can move between the two.
 * When they do not line up, the first place where they part is said, so the translator can find it.
 */
import type { Block, IdentifiedBlock } from './blocks.js';

export type Alignment =
  | { ok: true; blocks: IdentifiedBlock[] }
  /** `at`: the 1-based position of the first block that does not match; `original`: that block's words, shortened. */
  | { ok: false; problem: 'fewer' | 'more' | 'kind'; at: number; original: string; expected: number; got: number };

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

export function alignTranslation(original: readonly IdentifiedBlock[], translated: readonly Block[]): Alignment {
  const common = Math.min(original.length, translated.length);
  for (let i = 0; i < common; i++) {
    const [a, b] = [original[i]!, translated[i]!];
    if (a.kind !== b.kind || (a.kind === 'heading' && a.level !== b.level)) {
      return { ok: false, problem: 'kind', at: i + 1, original: shorten(a.text), expected: original.length, got: translated.length };
    }
  }
  if (translated.length !== original.length) {
    const fewer = translated.length < original.length;
    const at = common + 1;
    return { ok: false, problem: fewer ? 'fewer' : 'more', at, original: shorten(original[fewer ? common : common - 1]?.text ?? ''), expected: original.length, got: translated.length };
  }
  return { ok: true, blocks: translated.map((b, i) => ({ ...b, id: original[i]!.id })) };
}
