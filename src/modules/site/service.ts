import type { Executor } from '../../db/client.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { featuredMeeting } from '../meetings/service.js';
import { sentIssues } from '../communications/newsletter-issues.js';

/** Everything the home page shows, gathered through the other modules' services. */
export async function homePage(db: Executor, now = new Date()) {
  const [site, groups, meeting, [newsletter]] = await Promise.all([getSiteSettings(db), listWorkingGroups(db), featuredMeeting(db, now), sentIssues(db, 1)]);
  return { site, groups, meeting, newsletter: newsletter ?? null };
}
