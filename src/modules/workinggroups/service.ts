import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { I18nText } from '../../platform/i18n/content.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { workingGroups } from './schema.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { workingGroupPolicy } from './policy.js';
import { isSlug } from '../../platform/forms/fields.js';

export interface WorkingGroupView {
  id: string;
  slug: string;
  name: I18nText;
  summary: I18nText;
  originalLocale: string;
}

const columns = {
  id: workingGroups.id,
  slug: workingGroups.slug,
  name: workingGroups.name,
  summary: workingGroups.summary,
  originalLocale: workingGroups.originalLocale,
};

/** The working groups, in the order the Secretariat set. Public. */
export async function listWorkingGroups(db: Executor): Promise<WorkingGroupView[]> {
  return db.select(columns).from(workingGroups).orderBy(asc(workingGroups.position), asc(workingGroups.slug));
}

export async function getWorkingGroup(db: Executor, slug: string, actor: MaybeActor = null): Promise<WorkingGroupView | null> {
  authorize(workingGroupPolicy.view(actor), 'workinggroups.view');
  if (!isSlug(slug)) return null;
  const [row] = await db.select(columns).from(workingGroups).where(eq(workingGroups.slug, slug));
  return row ?? null;
}

export interface NewWorkingGroup {
  slug: string;
  name: I18nText;
  summary: I18nText;
  originalLocale?: Locale;
  position?: number;
}

/** Creates a working group (or leaves an existing one with that slug as it is). Used by the demo seed and tests. */
export async function createWorkingGroup(db: Executor, wg: NewWorkingGroup): Promise<void> {
  await db
    .insert(workingGroups)
    .values({ ...wg, originalLocale: wg.originalLocale ?? 'en', position: wg.position ?? 0 })
    .onConflictDoNothing({ target: workingGroups.slug });
}
