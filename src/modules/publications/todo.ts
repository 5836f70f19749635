import type { Executor } from '../../db/client.js';
import type { TodoProvider } from '../../platform/todo.js';
import { publicationPolicy } from './policy.js';
import { queueCounts } from './editing.js';
import type { State } from './workflow.js';

/** The states where an item waits for its editors, in the order they meet them (in review: only once every review is in). */
const WAITING: readonly State[] = ['submitted', 'revised', 'accepted', 'copyediting'];

/**
 * What waits for the editors of the series this person edits: briefs to check at the desk, items
 * in review whose reviews are all in, revisions to look at, accepted items to copy-edit and
 * copy-edited ones to publish — each a count and a link to the queue filtered to them.
 */
export const publicationsTodo: TodoProvider = async (db: Executor, actor) => {
  if (!publicationPolicy.manage(actor)) return [];
  const { counts, reviewsIn } = await queueCounts(db, actor);
  const line = (s: State) => ({ label: `publications.todo.${s}`, count: counts[s] ?? 0, href: `/admin/publications?state=${s}` });
  return [
    {
      title: 'publications.todo.title',
      order: 35,
      items: [line('submitted'), { label: 'publications.todo.reviewsIn', count: reviewsIn, href: '/admin/publications?state=in_review&reviews=in' }, ...WAITING.slice(1).map(line)],
    },
  ];
};
