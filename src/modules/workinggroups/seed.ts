import type { SeedContext } from '../../platform/module.js';
import { addWorkingGroups } from './factories.js';

/** The Alliance's two working groups today. */
export async function seedWorkingGroups({ db }: SeedContext): Promise<void> {
  await addWorkingGroups(db);
}
