import type { Executor } from '../../db/client.js';
import { createWorkingGroup } from './service.js';

/** The Alliance's two working groups today (the demo seed and tests). */
export async function addWorkingGroups(db: Executor): Promise<void> {
  await createWorkingGroup(db, {
    slug: 'foundational-learning',
    position: 1,
    name: { en: 'Foundational Learning', fr: 'Apprentissages fondamentaux', es: 'Aprendizaje fundamental' },
    summary: {
      en: 'Literacy, numeracy and social-emotional skills: what the science of learning tells teachers and policymakers about the first years of school.',
      fr: 'Lecture, écriture, calcul et compétences socio-émotionnelles : ce que la science de l’apprentissage dit aux enseignants et aux décideurs sur les premières années d’école.',
    },
  });
  await createWorkingGroup(db, {
    slug: 'technologies-for-learning',
    position: 2,
    name: { en: 'Technologies for Learning', fr: 'Technologies pour l’apprentissage', es: 'Tecnologías para el aprendizaje' },
    summary: {
      en: 'When and how digital technologies help children learn, drawing on evidence from classrooms in every region.',
      fr: 'Quand et comment les technologies numériques aident les enfants à apprendre, à partir de données issues de classes de toutes les régions.',
    },
  });
}
