import { saveSiteSettings } from '../../platform/settings/service.js';
import type { SeedContext } from '../../platform/module.js';

/** The demo organisation: the Global Alliance on the Science of Learning for Education. */
export async function seedSite({ db }: SeedContext): Promise<void> {
  await saveSiteSettings(db, {
    name: {
      en: 'Global Alliance on the Science of Learning for Education',
      fr: 'Alliance mondiale pour la science de l’apprentissage au service de l’éducation',
      es: 'Alianza Mundial sobre la Ciencia del Aprendizaje para la Educación',
    },
    shortName: { en: 'Science of Learning Alliance', fr: 'Alliance science de l’apprentissage', es: 'Alianza Ciencia del Aprendizaje' },
    tagline: {
      en: 'Researchers, policymakers and practitioners turning the science of learning into better teaching.',
      fr: 'Chercheurs, décideurs et praticiens qui font de la science de l’apprentissage un meilleur enseignement.',
    },
    about: {
      en: 'The Alliance is an international community of practice that shortens the loop between research on learning, education policy and classroom practice — and back. Its members are institutions and individuals with a mandate, expertise and track record in brokering, knowledge translation or research on learning, pedagogy and student learning outcomes. Its Secretariat is the Section of Education Policy; a Steering Committee decides on membership and priorities.',
      fr: 'L’Alliance est une communauté de pratique internationale qui rapproche la recherche sur l’apprentissage, les politiques éducatives et la pratique en classe — dans les deux sens. Ses membres sont des institutions et des personnes disposant d’un mandat, d’une expertise et d’une expérience en courtage et traduction des connaissances, ou en recherche sur l’apprentissage, la pédagogie et les acquis des élèves. Son secrétariat est assuré par la Section des politiques éducatives ; un comité directeur décide des adhésions et des priorités.',
    },
    originalLocale: 'en',
    contactEmail: 'alliance@alliance.example',
    timeZone: 'Europe/Paris',
  });
}
