import type { Executor } from '../../db/client.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { featuredMeeting, nextChangeAt } from '../meetings/service.js';
import { latestIssue } from '../communications/service.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { sitePolicy } from './policy.js';

/** Everything the home page shows, gathered through the other modules' services. */
export async function homePage(db: Executor, actor: MaybeActor, locale: Locale, now = new Date()) {
  authorize(sitePolicy.view(actor), 'site.view');
  const [site, groups, meeting, newsletter] = await Promise.all([getSiteSettings(db), listWorkingGroups(db, { active: true }), featuredMeeting(db, now), latestIssue(db, locale)]);
  // What the page says of its meeting (and which meeting it features) changes by the clock alone at this moment.
  const freshUntil = meeting ? nextChangeAt([meeting.meeting], now) : null;
  return { site, groups, meeting, newsletter, freshUntil };
}
