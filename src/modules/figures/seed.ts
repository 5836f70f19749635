import type { SeedContext } from '../../platform/module.js';
import { addTarget } from './factories.js';

/**
 * The Steering Committee's demo targets: half of the meeting's participants and of the
 * consultations' commenters from low- and lower-middle-income countries, and a quarter of the
 * members from Africa, by next year.
 */
export async function seedFigures({ db }: SeedContext): Promise<void> {
  const byYear = new Date().getUTCFullYear() + 1;
  await addTarget(db, { figure: 'meeting-participants', dimension: 'income', groups: ['low', 'lower-middle'], percent: 50, byYear });
  await addTarget(db, { figure: 'consultation-commenters', dimension: 'income', groups: ['low', 'lower-middle'], percent: 50, byYear });
  await addTarget(db, { figure: 'members', dimension: 'region', groups: ['002'], percent: 25, byYear });
}
