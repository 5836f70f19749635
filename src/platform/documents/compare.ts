/**
 * Two versions of a document compared block by block (by their identifiers, see blocks.ts): which
 * blocks were added, removed, reworded or left as they were, and for a reworded block the words
 * that changed — enough for a page that shows the changes with <ins> and <del>, without script.
 */
import type * as Diff from 'diff';
import type { IdentifiedBlock } from './blocks.js';
import { lazyPackage } from '../lazy.js';

const diff = lazyPackage<typeof Diff>('diff');

export type WordChange = { kind: 'same' | 'added' | 'removed'; text: string };

export type BlockChange =
  | { kind: 'same'; block: IdentifiedBlock }
  | { kind: 'added'; block: IdentifiedBlock }
  | { kind: 'removed'; block: IdentifiedBlock }
  | { kind: 'changed'; block: IdentifiedBlock; before: IdentifiedBlock; words: WordChange[] };

/** The words of `after` against `before`: what stayed, what went, what came. */
export function wordChanges(before: string, after: string): WordChange[] {
  return diff().diffWords(before, after).map((p) => ({ kind: p.added ? 'added' : p.removed ? 'removed' : 'same', text: p.value }));
}

/**
 * The blocks of `after` in their order, each marked same, changed or added; a block of `before`
 * that is gone is put where it stood, after the block that came before it in `before`.
 */
export function compareVersions(before: readonly IdentifiedBlock[], after: readonly IdentifiedBlock[]): BlockChange[] {
  const old = new Map(before.map((b) => [b.id, b]));
  const kept = new Set(after.map((b) => b.id));
  const changes: BlockChange[] = [];
  // A removed block's place: the id of the nearest earlier block of `before` that is still there ('' = the top).
  const removedAfter = new Map<string, IdentifiedBlock[]>();
  let anchor = '';
  for (const b of before) {
    if (kept.has(b.id)) anchor = b.id;
    else removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), b]);
  }
  const pushRemoved = (id: string) => {
    for (const b of removedAfter.get(id) ?? []) changes.push({ kind: 'removed', block: b });
  };
  pushRemoved('');
  for (const b of after) {
    const was = old.get(b.id);
    if (!was) changes.push({ kind: 'added', block: b });
    else if (was.markdown === b.markdown) changes.push({ kind: 'same', block: b });
    else changes.push({ kind: 'changed', block: b, before: was, words: wordChanges(was.text, b.text) });
    pushRemoved(b.id);
  }
  return changes;
}

/** How many blocks each kind of change touched: for a summary line above the comparison. */
export function changeCounts(changes: readonly BlockChange[]): Record<BlockChange['kind'], number> {
  const n = { same: 0, added: 0, removed: 0, changed: 0 };
  for (const c of changes) n[c.kind]++;
  return n;
}
