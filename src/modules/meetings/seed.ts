import type { SeedContext } from '../../platform/module.js';
import { createMeeting } from './service.js';

/** A wall-clock time in Paris in December (UTC+1) as an instant. */
const at = (local: string) => new Date(`${local}:00+01:00`);

/** The Alliance's 2024 annual meeting at headquarters in Paris, and the members-only school visit after it. */
export async function seedMeetings({ db }: SeedContext): Promise<void> {
  await createMeeting(db, {
    slug: 'building-bridges-2024',
    title: { en: 'Building Bridges to Transform Learning', fr: 'Jeter des ponts pour transformer l’apprentissage' },
    description: {
      en: 'The Alliance’s annual meeting: keynotes, panels and working-group consultation sessions that bring researchers, policymakers and practitioners together. There is no fee; spaces are limited and offered first come, first served until all are filled. Lunch is provided on both days. Participants from low- and lower-middle-income countries may be eligible for travel financing.',
      fr: 'La réunion annuelle de l’Alliance : conférences, tables rondes et séances de consultation des groupes de travail qui réunissent chercheurs, décideurs et praticiens. La participation est gratuite ; les places sont limitées et attribuées dans l’ordre d’arrivée jusqu’à ce qu’elles soient toutes pourvues. Le déjeuner est offert les deux jours. Les participants de pays à revenu faible ou intermédiaire de la tranche inférieure peuvent bénéficier d’un financement de leur voyage.',
    },
    venueName: { en: 'Headquarters, Paris', fr: 'Siège, Paris' },
    venueAddress: '7 place de Fontenoy, 75007 Paris, France',
    timeZone: 'Europe/Paris',
    startsAt: new Date('2024-12-02T08:00:00Z'), // 09:00 in Paris
    endsAt: new Date('2024-12-03T17:00:00Z'), // 18:00 in Paris
    status: 'closed',
    capacity: 300,
    allocation: 'fcfs',
    registrationOpensAt: new Date('2024-06-01T07:00:00Z'), // 09:00 in Paris
    registrationClosesAt: new Date('2024-08-31T21:59:59Z'), // 31 August, 23:59:59 in Paris
    offerHours: 72,
    financingBudget: 50000,
    financingCurrency: 'USD',
    financingIncomeGroups: ['low', 'lower-middle'],
    letterSignatoryName: 'Élise Moreau',
    letterSignatoryTitle: { en: 'Head of the Alliance Secretariat', fr: 'Cheffe du Secrétariat de l’Alliance' },
    categories: [
      { slug: 'member', name: { en: 'Alliance member', fr: 'Membre de l’Alliance' }, colour: '#0b4f8a' },
      { slug: 'practitioner', name: { en: 'Invited practitioner (teacher, school leader, teacher educator, curriculum developer, assessment expert, edtech company)', fr: 'Praticien invité (enseignant, chef d’établissement, formateur d’enseignants, concepteur de programmes, spécialiste de l’évaluation, entreprise edtech)' }, colour: '#00703c' },
      { slug: 'delegation', name: { en: 'Member State delegation / policymaker', fr: 'Délégation d’un État membre / décideur' }, quota: 60, invitationCode: 'DELEGATION-2024', colour: '#6f2c91' },
      { slug: 'partner', name: { en: 'Development partner', fr: 'Partenaire de développement' }, colour: '#b35900' },
      { slug: 'staff', name: { en: 'UNESCO staff', fr: 'Personnel de l’UNESCO' }, colour: '#505a5f' },
      { slug: 'press', name: { en: 'Press', fr: 'Presse' }, quota: 10, invitationCode: 'PRESS-2024', colour: '#b3261e' },
    ],
    sessions: [
      { kind: 'keynote', title: { en: 'Opening and keynote: what the science of learning tells policy', fr: 'Ouverture et conférence : ce que la science de l’apprentissage dit aux politiques' }, startsAt: at('2024-12-02T09:30'), endsAt: at('2024-12-02T10:30'), room: 'Room I', speakers: ['Keynote speaker to be announced'], chairs: ['Alliance Secretariat'] },
      { kind: 'break', title: { en: 'Coffee break', fr: 'Pause café' }, startsAt: at('2024-12-02T10:30'), endsAt: at('2024-12-02T11:00') },
      { kind: 'panel', workingGroups: ['foundational-learning', 'technologies-for-learning'], title: { en: 'Panel: from research to the classroom', fr: 'Table ronde : de la recherche à la classe' }, startsAt: at('2024-12-02T11:00'), endsAt: at('2024-12-02T12:30'), room: 'Room I', speakers: ['Awa Ndiaye', 'Lucía Herrera', 'Priya Raman'], chairs: ['Amina Diallo'] },
      { kind: 'break', title: { en: 'Lunch', fr: 'Déjeuner' }, startsAt: at('2024-12-02T12:30'), endsAt: at('2024-12-02T14:00') },
      { kind: 'consultation', workingGroups: ['foundational-learning'], title: { en: 'Consultation: Foundational Learning report (pre-final draft)', fr: 'Consultation : rapport Apprentissages fondamentaux (version préfinale)' }, startsAt: at('2024-12-02T14:00'), endsAt: at('2024-12-02T17:30'), room: 'Room IV', chairs: ['Wanjiru Kamau'] },
      { kind: 'consultation', workingGroups: ['technologies-for-learning'], title: { en: 'Consultation: Technologies for Learning report (pre-final draft)', fr: 'Consultation : rapport Technologies pour l’apprentissage (version préfinale)' }, startsAt: at('2024-12-03T09:30'), endsAt: at('2024-12-03T12:30'), room: 'Room IV', chairs: ['Li Wei'] },
      { kind: 'break', title: { en: 'Lunch', fr: 'Déjeuner' }, startsAt: at('2024-12-03T12:30'), endsAt: at('2024-12-03T14:00') },
      { kind: 'panel', title: { en: 'Priorities for next year, and closing', fr: 'Priorités pour l’an prochain, et clôture' }, startsAt: at('2024-12-03T14:00'), endsAt: at('2024-12-03T18:00'), room: 'Room I', speakers: ['Steering Committee'], chairs: ['María González'] },
    ],
    activities: [
      {
        slug: 'school-visit',
        title: { en: 'School visit', fr: 'Visite d’école' },
        description: {
          en: 'A morning visit to a Paris school, open to Alliance members only.',
          fr: 'Une visite matinale dans une école parisienne, réservée aux membres de l’Alliance.',
        },
        startsAt: new Date('2024-12-04T08:00:00Z'),
        endsAt: new Date('2024-12-04T11:00:00Z'),
        membersOnly: true,
        capacity: 30,
      },
    ],
  });
}
