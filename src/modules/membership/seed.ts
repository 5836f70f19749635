import type { SeedContext } from '../../platform/module.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { transitionApplication, voteOnApplication } from './applications.js';
import { applyAs, approveAs, sampleIndividual, sampleInstitution } from './factories.js';

const SECRETARIAT = 'secretariat@alliance.example';
const COMMITTEE = ['amina.diallo@steering.example', 'li.wei@steering.example', 'maria.gonzalez@steering.example'];

/** Demo members across the regions, and applications at each stage of review. Fictional names and addresses. */
export async function seedMembership({ db, config }: SeedContext): Promise<void> {
  const secretariat = await actorByEmail(db, SECRETARIAT);
  const committee = (await Promise.all(COMMITTEE.map((e) => actorByEmail(db, e)))).filter((a) => a !== null);
  if (!secretariat) return;
  const baseUrl = config.baseUrl;

  const approved = [
    { kind: 'institution' as const, email: 'wanjiru@clr.example.org', locale: 'en' as const, data: sampleInstitution() },
    {
      kind: 'institution' as const,
      email: 'direction@ifse.example.org',
      locale: 'fr' as const,
      data: sampleInstitution({
        orgName: 'Institut de formation et de sciences de l’éducation',
        acronym: 'IFSE',
        orgType: 'university',
        website: 'https://ifse.example.org',
        country: 'SN',
        countriesOfOperation: ['SN', 'ML', 'CI'],
        representatives: [{ name: 'Awa Ndiaye', title: 'Directrice', email: 'direction@ifse.example.org' }],
        languages: ['fr'],
        languagesOther: undefined,
        workingGroups: ['foundational-learning', 'technologies-for-learning'],
      }),
    },
    {
      kind: 'institution' as const,
      email: 'red@aprendizaje.example.org',
      locale: 'es' as const,
      data: sampleInstitution({
        orgName: 'Red Latinoamericana de Aprendizaje',
        acronym: 'RELA',
        orgType: 'network',
        website: 'https://aprendizaje.example.org',
        country: 'CO',
        countriesOfOperation: ['CO', 'PE', 'MX', 'CL'],
        representatives: [{ name: 'Lucía Herrera', title: 'Coordinadora', email: 'red@aprendizaje.example.org' }],
        areas: ['knowledge-translation', 'pedagogy'],
        languages: ['es', 'pt'],
        languagesOther: undefined,
        workingGroups: ['technologies-for-learning'],
      }),
    },
    {
      kind: 'institution' as const,
      email: 'info@edtech-evidence.example.org',
      locale: 'en' as const,
      data: sampleInstitution({
        orgName: 'EdTech Evidence Lab',
        acronym: '',
        orgType: 'think-tank',
        website: 'https://edtech-evidence.example.org',
        country: 'IN',
        countriesOfOperation: ['IN', 'BD', 'NP'],
        representatives: [{ name: 'Priya Raman', title: 'Research lead', email: 'info@edtech-evidence.example.org' }],
        areas: ['research-on-learning', 'quality'],
        languages: ['en'],
        languagesOther: undefined,
        workingGroups: ['technologies-for-learning'],
      }),
    },
    {
      kind: 'institution' as const,
      email: 'contact@arab-learning.example.org',
      locale: 'ar' as const,
      data: sampleInstitution({
        orgName: 'Arab Network for Learning Sciences',
        acronym: 'ANLS',
        orgType: 'association',
        website: 'https://arab-learning.example.org',
        country: 'JO',
        countriesOfOperation: ['JO', 'EG', 'MA'],
        representatives: [{ name: 'Omar Haddad', title: 'Secretary-General', email: 'contact@arab-learning.example.org' }],
        languages: ['ar', 'en', 'fr'],
        languagesOther: undefined,
      }),
    },
    { kind: 'individual' as const, email: 'ana.pereira@example.org', locale: 'es' as const, data: sampleIndividual() },
    {
      kind: 'individual' as const,
      email: 'nguyen.lan@example.org',
      locale: 'en' as const,
      data: sampleIndividual({ name: 'Nguyen Thi Lan', role: 'teacher-educator', affiliation: 'College of Education', country: 'VN', languages: ['en'], workingGroups: ['technologies-for-learning'] }),
    },
    {
      kind: 'individual' as const,
      email: 'ivan.petrov@example.org',
      locale: 'ru' as const,
      data: sampleIndividual({ name: 'Ivan Petrov', role: 'assessment-expert', affiliation: 'Centre for Assessment', country: 'KZ', languages: ['ru', 'en'], listed: 'no', publicFields: [] }),
    },
  ];
  for (const a of approved) {
    const { id } = await applyAs(db, { ...a, baseUrl });
    await approveAs(db, secretariat, committee, id, baseUrl);
  }

  // The review queue: one application at each stage.
  await applyAs(db, {
    kind: 'individual',
    email: 'samuel.okoye@example.org',
    data: sampleIndividual({ name: 'Samuel Okoye', role: 'policymaker', representsGovernment: 'yes', government: 'NG', affiliation: 'Federal Ministry of Education', country: 'NG', languages: ['en'] }),
    baseUrl,
  });
  const screening = await applyAs(db, {
    kind: 'institution',
    email: 'hello@teachers-forum.example.org',
    data: sampleInstitution({ orgName: 'Teachers’ Forum for Evidence', acronym: 'TFE', orgType: 'civil-society', country: 'PH', countriesOfOperation: ['PH'], representatives: [{ name: 'Maria Santos', title: 'Chair', email: 'hello@teachers-forum.example.org' }] }),
    baseUrl,
  });
  await transitionApplication(db, secretariat, { id: screening.id, action: 'screen', baseUrl });
  const info = await applyAs(db, {
    kind: 'individual',
    email: 'fatima.zahra@example.org',
    locale: 'fr',
    data: sampleIndividual({ name: 'Fatima Zahra Benali', role: 'curriculum-developer', affiliation: 'Direction des curricula', country: 'MA', languages: ['fr', 'ar'] }),
    baseUrl,
  });
  await transitionApplication(db, secretariat, { id: info.id, action: 'screen', baseUrl });
  await transitionApplication(db, secretariat, { id: info.id, action: 'request-info', note: 'Could you describe one project in which your curriculum work drew on research on learning?', baseUrl });
  const recommended = await applyAs(db, {
    kind: 'institution',
    email: 'office@pacific-ed.example.org',
    data: sampleInstitution({ orgName: 'Pacific Education Research Foundation', acronym: 'PERF', orgType: 'foundation', country: 'FJ', countriesOfOperation: ['FJ', 'WS', 'TO'], representatives: [{ name: 'Sione Taufa', title: 'Programme officer', email: 'office@pacific-ed.example.org' }] }),
    baseUrl,
  });
  await transitionApplication(db, secretariat, { id: recommended.id, action: 'screen', baseUrl });
  await transitionApplication(db, secretariat, { id: recommended.id, action: 'recommend', baseUrl });
  if (committee[0]) await voteOnApplication(db, committee[0], { id: recommended.id, vote: 'endorse', comment: 'A strong fit for the Foundational Learning group.' });
}
