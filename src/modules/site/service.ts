import type { Executor } from '../../db/client.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { featuredMeeting } from '../meetings/service.js';

/** Everything the home page shows, gathered through the other modules' services. */
export async function homePage(db: Executor, now = new Date()) {
  const [site, groups, meeting] = await Promise.all([getSiteSettings(db), listWorkingGroups(db), featuredMeeting(db, now)]);
  return { site, groups, meeting };
}
