import type { Db } from '../../db/client.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { Actor } from '../../platform/policy.js';
import { confirmEmail, saveStep, startApplication, submitApplication, transitionApplication, voteOnApplication } from './applications.js';
import { stepsFor, stepValues, type ApplicationData, type Kind } from './fields.js';
import { ensureUser } from '../../platform/auth/service.js';
import { memberPeople, members } from './schema.js';

/**
 * Builds applications the way an applicant does — start, each step, confirm the address, submit —
 * through the service verbs. Used by tests and by the demo seed, so both stay true to the rules.
 */
export async function applyAs(
  db: Db,
  a: { kind: Kind; email: string; locale?: Locale; data: ApplicationData; baseUrl?: string; confirm?: boolean; submit?: boolean },
): Promise<{ token: string; id: string }> {
  const baseUrl = a.baseUrl ?? 'http://127.0.0.1:3000';
  const started = await startApplication(db, { kind: a.kind, email: a.email, locale: a.locale ?? 'en', baseUrl });
  if (!('resumeToken' in started)) throw new Error('unexpected repeat');
  let token = started.resumeToken;
  let id = '';
  for (const step of stepsFor(a.kind)) {
    if (step === 'document' || step === 'review') continue;
    const r = await saveStep(db, token, step, stepValues(step, a.data) as Record<string, unknown>);
    if (!r.ok) throw new Error(`step ${step} refused: ${JSON.stringify(r)}`);
    id = r.app.id;
  }
  if (a.confirm !== false) {
    // The link of the one "started" e-mail, as the applicant would press it.
    const confirmed = await confirmEmail(db, started.confirmToken, baseUrl);
    token = confirmed!.resumeToken;
  }
  if (a.submit !== false) {
    const r = await submitApplication(db, token, baseUrl);
    if (r !== 'submitted' && r !== 'awaiting-confirmation') throw new Error(`submit refused: ${JSON.stringify(r)}`);
  }
  return { token, id };
}

/** Takes a submitted application through review to approval, with the Committee's endorsements. */
export async function approveAs(db: Db, secretariat: Actor, committee: Actor[], id: string, baseUrl = 'http://127.0.0.1:3000'): Promise<string> {
  const step = async (action: 'screen' | 'recommend' | 'approve', note = '') => {
    const r = await transitionApplication(db, secretariat, { id, action, note, baseUrl });
    if (!r.ok) throw new Error(`${action} refused: ${r.reason}`);
    return r;
  };
  await step('screen');
  await step('recommend');
  for (const member of committee) await voteOnApplication(db, member, { id, vote: 'endorse', comment: '' });
  return (await step('approve', '')).memberId!;
}

export const sampleIndividual = (over: Partial<ApplicationData> = {}): ApplicationData => ({
  name: 'Ana Pereira',
  role: 'researcher',
  affiliation: 'Institute of Education',
  country: 'BR',
  mandate: 'I lead a research group on early literacy in public schools.',
  expertise: 'Reading acquisition, teacher professional development, classroom studies.',
  trackRecord: 'Ten years of studies with state education departments; three policy briefs adopted.',
  areas: ['research-on-learning', 'knowledge-translation'],
  workingGroups: ['foundational-learning'],
  languages: ['pt', 'es', 'en'],
  consentTor: 'yes',
  consentPrivacy: 'yes',
  listed: 'yes',
  publicFields: ['category', 'country', 'areas', 'workingGroups'],
  ...over,
});

export const sampleInstitution = (over: Partial<ApplicationData> = {}): ApplicationData => ({
  orgName: 'Centre for Learning Research',
  acronym: 'CLR',
  orgType: 'research-institution',
  website: 'https://clr.example.org',
  country: 'KE',
  countriesOfOperation: ['KE', 'UG', 'TZ'],
  representatives: [{ name: 'Wanjiru Kamau', title: 'Director', email: 'wanjiru@clr.example.org' }],
  mandate: 'Our mandate is to broker research on foundational learning for ministries of education in East Africa.',
  expertise: 'Numeracy and literacy assessment; teacher coaching; large-scale evaluations.',
  trackRecord: 'Evaluations of national reading programmes in three countries since 2015.',
  areas: ['brokering', 'learning-outcomes'],
  workingGroups: ['foundational-learning'],
  languages: ['en', 'other'],
  languagesOther: 'Kiswahili',
  consentTor: 'yes',
  consentPrivacy: 'yes',
  listed: 'yes',
  publicFields: ['category', 'country', 'countriesOfOperation', 'website', 'areas', 'workingGroups', 'languages', 'summary'],
  ...over,
});

/** An active individual member with an account (no application behind it): for other modules' tests of members' audiences. */
export async function addIndividualMember(db: Db, person: { email: string; name?: string; country?: string; category?: string; workingGroups?: string[] }): Promise<string> {
  const { id } = await ensureUser(db, { email: person.email, name: person.name ?? person.email.split('@')[0]! });
  const [m] = await db
    .insert(members)
    .values({ kind: 'individual', name: person.name ?? person.email, category: person.category ?? 'researcher', country: person.country ?? 'KE', joinedOn: '2024-01-01', workingGroups: person.workingGroups ?? [] })
    .returning({ id: members.id });
  await db.insert(memberPeople).values({ memberId: m!.id, userId: id });
  return m!.id;
}
