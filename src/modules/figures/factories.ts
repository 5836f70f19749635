import type { Executor } from '../../db/client.js';
import { figureTargets } from './schema.js';

/** A target as the Steering Committee would set it (tests and demo data); an existing one on the same figure and group is left as it is. */
export async function addTarget(db: Executor, t: { figure: string; dimension: 'stakeholder' | 'region' | 'income'; groups: string[]; percent: number; byYear: number }): Promise<void> {
  await db
    .insert(figureTargets)
    .values({ figure: t.figure, dimension: t.dimension, groups: t.groups.join('+'), percent: t.percent, byYear: t.byYear })
    .onConflictDoNothing();
}
