import type { Executor } from '../../db/client.js';
import { addWorkingGroup } from './service.js';

/** The Alliance's two working groups, with their mandates (the demo seed and tests). Returns their ids by slug. */
export async function addWorkingGroups(db: Executor): Promise<Record<'foundational-learning' | 'technologies-for-learning', string>> {
  const foundational = await addWorkingGroup(db, {
    slug: 'foundational-learning',
    position: 1,
    name: {
      en: 'Foundational Learning',
      fr: 'Apprentissages fondamentaux',
      es: 'Aprendizaje fundamental',
      ar: 'التعلّم التأسيسي',
      ru: 'Базовое обучение',
      zh: '基础学习',
    },
    summary: {
      en: 'Literacy, numeracy and social-emotional skills: what the science of learning tells teachers and policymakers about the first years of school.',
      fr: 'Lecture, écriture, calcul et compétences socio-émotionnelles : ce que la science de l’apprentissage dit aux enseignants et aux décideurs sur les premières années d’école.',
      es: 'Lectoescritura, cálculo y habilidades socioemocionales: lo que la ciencia del aprendizaje dice a docentes y responsables de políticas sobre los primeros años de escuela.',
      ar: 'القراءة والكتابة والحساب والمهارات الاجتماعية والعاطفية: ما يقوله علم التعلّم للمعلمين وصانعي السياسات عن السنوات الأولى من المدرسة.',
      ru: 'Грамотность, математика и социально-эмоциональные навыки: что наука об обучении говорит учителям и политикам о первых годах школы.',
      zh: '读写、计算与社会情感技能：学习科学就入学最初几年告诉教师和决策者什么。',
    },
    mandate: {
      en: 'The group brings together researchers, teachers and ministries to summarise what is known about how children learn to read, write and count in the first three years of school.\n\nIt prepares a background report for the annual meeting, consults practitioners and policymakers on its pre-final draft, and publishes the final report with a response to every comment received.',
      fr: 'Le groupe réunit chercheurs, enseignants et ministères pour faire la synthèse de ce que l’on sait sur la manière dont les enfants apprennent à lire, à écrire et à compter au cours des trois premières années d’école.\n\nIl prépare un rapport de référence pour la réunion annuelle, consulte praticiens et décideurs sur sa version préfinale et publie le rapport final avec une réponse à chaque commentaire reçu.',
    },
  });
  const technologies = await addWorkingGroup(db, {
    slug: 'technologies-for-learning',
    position: 2,
    name: {
      en: 'Technologies for Learning',
      fr: 'Technologies pour l’apprentissage',
      es: 'Tecnologías para el aprendizaje',
      ar: 'التكنولوجيا من أجل التعلّم',
      ru: 'Технологии для обучения',
      zh: '促进学习的技术',
    },
    summary: {
      en: 'When and how digital technologies help children learn, drawing on evidence from classrooms in every region.',
      fr: 'Quand et comment les technologies numériques aident les enfants à apprendre, à partir de données issues de classes de toutes les régions.',
      es: 'Cuándo y cómo las tecnologías digitales ayudan a aprender, a partir de evidencia de aulas de todas las regiones.',
      ar: 'متى وكيف تساعد التقنيات الرقمية الأطفال على التعلّم، استنادًا إلى أدلة من فصول دراسية في جميع المناطق.',
      ru: 'Когда и как цифровые технологии помогают детям учиться — на основе данных из классов всех регионов.',
      zh: '数字技术何时以及如何帮助儿童学习——基于各地区课堂的证据。',
    },
    mandate: {
      en: 'The group reviews the evidence on educational technology in low- and middle-income countries — structured pedagogy on tablets, radio and phone tutoring, adaptive software — and on what it costs.\n\nIts report advises ministries on which uses of technology to scale, which to test first, and which to avoid.',
      fr: 'Le groupe examine les données sur les technologies éducatives dans les pays à revenu faible et intermédiaire — pédagogie structurée sur tablette, tutorat par radio et téléphone, logiciels adaptatifs — et sur leur coût.\n\nSon rapport conseille les ministères sur les usages à généraliser, ceux à tester d’abord et ceux à éviter.',
    },
  });
  return { 'foundational-learning': foundational, 'technologies-for-learning': technologies };
}
