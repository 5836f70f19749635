import type { SeedContext } from '../../platform/module.js';
import { addWorkingGroups } from './factories.js';
import { addJoinRequest, addPersonToGroup, addReportTranslation, addReportVersion } from './service.js';
import { COACHING_NOTE, COACHING_NOTE_FINAL, FOUNDATIONAL_REPORT, FOUNDATIONAL_REPORT_FR, TECHNOLOGY_REPORT, TECHNOLOGY_REPORT_FR } from './demo-report.js';

/**
 * The Alliance's two working groups, each with two chairs and a few members (people of the demo
 * members; most agreed to be named, two did not). The people are made here if the membership
 * seed has not made them yet; it keeps them as they are.
 */
export async function seedWorkingGroups({ db }: SeedContext): Promise<void> {
  const ids = await addWorkingGroups(db);
  const fl = ids['foundational-learning'];
  const tl = ids['technologies-for-learning'];
  await addPersonToGroup(db, fl, { email: 'direction@ifse.example.org', name: 'Awa Ndiaye', locale: 'fr' }, 'chair', { affiliation: 'Institut pour la science de l’éducation' });
  await addPersonToGroup(db, fl, { email: 'kwame.mensah@example.org', name: 'Kwame Mensah', locale: 'en' }, 'chair', { affiliation: 'University of Cape Coast' });
  await addPersonToGroup(db, fl, { email: 'red@aprendizaje.example.org', name: 'Lucía Herrera', locale: 'es' }, 'member', { listed: true, affiliation: 'Red de Aprendizaje' });
  await addPersonToGroup(db, fl, { email: 'ana.pereira@example.org', name: 'Ana Pereira', locale: 'es' }, 'member', { listed: true });
  await addPersonToGroup(db, fl, { email: 'nguyen.lan@example.org', name: 'Nguyen Thi Lan', locale: 'en' }, 'member', { listed: false });
  await addPersonToGroup(db, tl, { email: 'info@edtech-evidence.example.org', name: 'Priya Raman', locale: 'en' }, 'chair', { affiliation: 'EdTech Evidence Hub' });
  await addPersonToGroup(db, tl, { email: 'contact@arab-learning.example.org', name: 'Omar Haddad', locale: 'ar' }, 'member', { listed: true, affiliation: 'Arab Network for Learning' });
  await addPersonToGroup(db, tl, { email: 'ivan.petrov@example.org', name: 'Ivan Petrov', locale: 'ru' }, 'member', { listed: false });
  // A request for the chairs to answer.
  await addJoinRequest(db, fl, { email: 'contact@arab-learning.example.org', name: 'Omar Haddad', locale: 'ar' }, {
    message: 'We run reading assessments in early grades in four Arab States and would like to contribute evidence in Arabic to the report.',
    affiliation: 'Arab Network for Learning',
  });
  // Each group's pre-final background report, with its French translation, put to consultation before the annual meeting.
  await addReportVersion(db, fl, 'background-report', { ...FOUNDATIONAL_REPORT, stage: 'prefinal' });
  await addReportTranslation(db, fl, 'background-report', 1, 'fr', FOUNDATIONAL_REPORT_FR);
  await addReportVersion(db, tl, 'technology-report', { ...TECHNOLOGY_REPORT, stage: 'prefinal' });
  await addReportTranslation(db, tl, 'technology-report', 1, 'fr', TECHNOLOGY_REPORT_FR);
  // A shorter note consulted on last term (two months before the day the demo is loaded) and published in its final version ten days ago.
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
  await addReportVersion(db, fl, 'coaching-at-a-distance', { ...COACHING_NOTE, stage: 'prefinal', publishedAt: daysAgo(62) });
  await addReportVersion(db, fl, 'coaching-at-a-distance', { ...COACHING_NOTE_FINAL, stage: 'final', number: 2, publishedAt: daysAgo(10) });
}
