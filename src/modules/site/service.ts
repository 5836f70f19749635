import type { Executor } from '../../db/client.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { featuredMeeting } from '../meetings/service.js';
import { latestIssue } from '../communications/service.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { sitePolicy } from './policy.js';

/** Everything the home page shows, gathered through the other modules' services. */
export async function homePage(db: Executor, actor: MaybeActor, locale: Locale, now = new Date()) {
  authorize(sitePolicy.view(actor), 'site.view');
  const [site, groups, meeting, newsletter] = await Promise.all([getSiteSettings(db), listWorkingGroups(db), featuredMeeting(db, now), latestIssue(db, locale)]);
  return { site, groups, meeting, newsletter };
}
