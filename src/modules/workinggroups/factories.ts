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
      es: 'El grupo reúne a investigadores, docentes y ministerios para sintetizar lo que se sabe sobre cómo los niños aprenden a leer, escribir y contar en los tres primeros años de escuela.\n\nPrepara un informe de referencia para la reunión anual, consulta a profesionales y responsables de políticas sobre su versión preliminar y publica el informe final con una respuesta a cada comentario recibido.',
      ar: 'يجمع الفريق باحثين ومعلمين ووزارات لتلخيص ما هو معروف عن كيفية تعلّم الأطفال القراءة والكتابة والحساب في السنوات الثلاث الأولى من المدرسة.\n\nويُعِدّ تقريرًا أساسيًا للاجتماع السنوي، ويستشير الممارسين وصانعي السياسات بشأن مسودته شبه النهائية، وينشر التقرير النهائي مع ردّ على كل تعليق يتلقاه.',
      ru: 'Группа объединяет исследователей, учителей и министерства, чтобы обобщить известное о том, как дети учатся читать, писать и считать в первые три года школы.\n\nОна готовит базовый доклад к ежегодной встрече, обсуждает его предварительную версию с практиками и руководителями и публикует окончательный доклад с ответом на каждый полученный комментарий.',
      zh: '工作组汇聚研究人员、教师和教育部门，总结关于儿童在入学头三年如何学习阅读、写作和计算的已有认识。\n\n工作组为年度会议编写背景报告，就预定稿征求实践者和政策制定者的意见，并在发布最终报告时对收到的每一条意见作出答复。',
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
      es: 'El grupo examina la evidencia sobre tecnología educativa en países de ingreso bajo y mediano —pedagogía estructurada en tabletas, tutoría por radio y teléfono, programas adaptativos— y sobre su costo.\n\nSu informe aconseja a los ministerios qué usos de la tecnología ampliar, cuáles probar primero y cuáles evitar.',
      ar: 'يستعرض الفريق الأدلة المتعلقة بتكنولوجيا التعليم في البلدان المنخفضة والمتوسطة الدخل — التدريس المنظَّم على الأجهزة اللوحية، والتدريس عبر الإذاعة والهاتف، والبرمجيات التكيفية — وكلفتها.\n\nويقدّم تقريره المشورة للوزارات بشأن استخدامات التكنولوجيا التي ينبغي توسيع نطاقها، وتلك التي ينبغي اختبارها أولًا، وتلك التي ينبغي تجنّبها.',
      ru: 'Группа изучает данные об образовательных технологиях в странах с низким и средним уровнем дохода — структурированная педагогика на планшетах, обучение по радио и телефону, адаптивные программы — и об их стоимости.\n\nЕё доклад помогает министерствам решить, какие способы применения технологий расширять, какие сначала проверить, а каких избегать.',
      zh: '工作组审视低收入和中等收入国家教育技术的证据——平板电脑上的结构化教学、广播和电话辅导、自适应软件——及其成本。\n\n其报告就哪些技术应用应当推广、哪些应先行试点、哪些应当避免，向教育部门提出建议。',
    },
  });
  return { 'foundational-learning': foundational, 'technologies-for-learning': technologies };
}
