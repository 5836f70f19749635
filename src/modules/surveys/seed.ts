import type { SeedContext } from '../../platform/module.js';
import type { I18nText } from '../../platform/i18n/content.js';
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import { COUNTRY_CODES, incomeGroupOf, regionOf, CURRENT_INCOME_YEAR } from '../../platform/geo/countries.js';
import { STAKEHOLDER_GROUPS } from '../consultations/service.js';
import { addResponses, addSurvey, question, random } from './factories.js';
import { seedPriorities } from './seed-priorities.js';
import type { Answers, Question } from './schema.js';

const DAY = 86_400_000;

const q = question;
const choice = (key: string, label: I18nText) => ({ key, label });

const AREAS = [
  choice('foundational-learning', { en: 'Foundational literacy and numeracy', fr: 'Lecture, écriture et calcul fondamentaux', es: 'Lectoescritura y aritmética básicas', ar: 'القراءة والكتابة والحساب الأساسية', zh: '基础读写与算术', ru: 'Базовая грамотность и счёт' }),
  choice('teachers', { en: 'Teachers’ professional development', fr: 'Développement professionnel des enseignants', es: 'Desarrollo profesional docente', ar: 'التطوير المهني للمعلمين', zh: '教师专业发展', ru: 'Профессиональное развитие учителей' }),
  choice('assessment', { en: 'Assessment for learning', fr: 'Évaluation au service des apprentissages', es: 'Evaluación para el aprendizaje', ar: 'التقييم من أجل التعلّم', zh: '促进学习的评价', ru: 'Оценивание для обучения' }),
  choice('technology', { en: 'Technology for learning', fr: 'Technologies pour apprendre', es: 'Tecnología para el aprendizaje', ar: 'التكنولوجيا من أجل التعلّم', zh: '促进学习的技术', ru: 'Технологии для обучения' }),
  choice('early-childhood', { en: 'Early childhood', fr: 'Petite enfance', es: 'Primera infancia', ar: 'الطفولة المبكرة', zh: '幼儿教育', ru: 'Раннее детство' }),
  choice('inclusion', { en: 'Inclusion and equity', fr: 'Inclusion et équité', es: 'Inclusión y equidad', ar: 'الإدماج والإنصاف', zh: '包容与公平', ru: 'Инклюзия и равенство' }),
  choice('language', { en: 'Language of instruction', fr: 'Langue d’enseignement', es: 'Lengua de instrucción', ar: 'لغة التدريس', zh: '教学语言', ru: 'Язык обучения' }),
  choice('wellbeing', { en: 'Learners’ well-being', fr: 'Bien-être des élèves', es: 'Bienestar del alumnado', ar: 'رفاه المتعلمين', zh: '学习者福祉', ru: 'Благополучие учащихся' }),
];

export const THEMATIC_QUESTIONS: Question[] = [
  q({
    key: 'thematic-areas',
    page: 1,
    type: 'multiple',
    required: true,
    maxChoices: 3,
    other: true,
    text: { en: 'Which thematic areas should the Alliance work on together?', fr: 'Sur quels domaines thématiques l’Alliance devrait-elle travailler ensemble ?', es: '¿En qué áreas temáticas debería trabajar conjuntamente la Alianza?', ar: 'ما المجالات المواضيعية التي ينبغي أن يعمل عليها التحالف معًا؟', zh: '联盟应共同关注哪些主题领域？', ru: 'Над какими тематическими направлениями Альянсу следует работать сообща?' },
    help: { en: 'Choose up to three.', fr: 'Choisissez-en trois au plus.', es: 'Elija hasta tres.', ar: 'اختر ثلاثة على الأكثر.', zh: '最多选择三项。', ru: 'Выберите не более трёх.' },
    choices: AREAS,
  }),
  q({
    key: 'evidence-use',
    page: 1,
    type: 'rating',
    required: true,
    min: 1,
    max: 5,
    text: { en: 'How often do you use research evidence in your work?', fr: 'À quelle fréquence utilisez-vous des résultats de recherche dans votre travail ?', es: '¿Con qué frecuencia utiliza evidencia de investigación en su trabajo?', ar: 'كم مرة تستخدم نتائج البحوث في عملك؟', zh: '您在工作中使用研究证据的频率如何？', ru: 'Как часто вы используете результаты исследований в своей работе?' },
    minLabel: { en: 'Never', fr: 'Jamais', es: 'Nunca', ar: 'أبدًا', zh: '从不', ru: 'Никогда' },
    maxLabel: { en: 'Every week', fr: 'Chaque semaine', es: 'Cada semana', ar: 'كل أسبوع', zh: '每周', ru: 'Каждую неделю' },
  }),
  q({
    key: 'evidence-barrier',
    page: 2,
    type: 'single',
    required: true,
    other: true,
    when: [{ question: 'evidence-use', op: 'at-most', value: 2 }],
    text: { en: 'What stops you most from using research evidence?', fr: 'Qu’est-ce qui vous empêche le plus d’utiliser des résultats de recherche ?', es: '¿Qué es lo que más le impide utilizar evidencia de investigación?', ar: 'ما أكثر ما يمنعك من استخدام نتائج البحوث؟', zh: '阻碍您使用研究证据的最主要因素是什么？', ru: 'Что больше всего мешает вам использовать результаты исследований?' },
    choices: [
      choice('time', { en: 'No time to read it', fr: 'Pas le temps de les lire', es: 'No tengo tiempo para leerla', ar: 'لا وقت لقراءتها', zh: '没有时间阅读', ru: 'Нет времени читать' }),
      choice('language', { en: 'Not in my language', fr: 'Pas dans ma langue', es: 'No está en mi idioma', ar: 'ليست بلغتي', zh: '不是我的语言', ru: 'Не на моём языке' }),
      choice('access', { en: 'Behind paywalls', fr: 'Accès payant', es: 'Acceso de pago', ar: 'الوصول إليها مدفوع', zh: '需要付费获取', ru: 'Платный доступ' }),
      choice('relevance', { en: 'Not about contexts like mine', fr: 'Pas sur des contextes comme le mien', es: 'No trata de contextos como el mío', ar: 'لا تتناول سياقات مثل سياقي', zh: '与我的情境无关', ru: 'Не о таких условиях, как мои' }),
    ],
  }),
  q({
    key: 'channels',
    page: 3,
    type: 'matrix',
    required: true,
    text: { en: 'How useful are these to you?', fr: 'Dans quelle mesure ces activités vous sont-elles utiles ?', es: '¿Qué tan útiles le resultan?', ar: 'ما مدى فائدة ما يلي لك؟', zh: '以下内容对您有多大用处？', ru: 'Насколько это полезно для вас?' },
    rows: [
      choice('newsletter', { en: 'The newsletter', fr: 'La lettre d’information', es: 'El boletín', ar: 'النشرة الإخبارية', zh: '通讯', ru: 'Рассылка' }),
      choice('meeting', { en: 'The annual meeting', fr: 'La réunion annuelle', es: 'La reunión anual', ar: 'الاجتماع السنوي', zh: '年会', ru: 'Ежегодное совещание' }),
      choice('briefs', { en: 'Policy briefs', fr: 'Notes d’orientation', es: 'Notas de política', ar: 'موجزات السياسات', zh: '政策简报', ru: 'Аналитические записки' }),
    ],
    choices: [
      choice('very', { en: 'Very useful', fr: 'Très utile', es: 'Muy útil', ar: 'مفيد جدًا', zh: '非常有用', ru: 'Очень полезно' }),
      choice('somewhat', { en: 'Somewhat useful', fr: 'Assez utile', es: 'Algo útil', ar: 'مفيد إلى حد ما', zh: '有些用处', ru: 'Отчасти полезно' }),
      choice('not-used', { en: 'I do not use it', fr: 'Je ne l’utilise pas', es: 'No lo utilizo', ar: 'لا أستخدمه', zh: '我不使用', ru: 'Не пользуюсь' }),
    ],
  }),
  q({
    key: 'anything-else',
    page: 3,
    type: 'long-text',
    text: { en: 'Anything else the Steering Committee should know?', fr: 'Autre chose que le Comité directeur devrait savoir ?', es: '¿Algo más que el Comité Directivo deba saber?', ar: 'هل هناك ما ينبغي أن تعرفه اللجنة التوجيهية أيضًا؟', zh: '还有什么需要指导委员会了解的吗？', ru: 'Что ещё следует знать Руководящему комитету?' },
  }),
];

const NEWSLETTER: Question[] = [
  q({
    key: 'newsletter-read',
    page: 1,
    type: 'single',
    required: true,
    text: { en: 'How often do you read the Alliance’s newsletter?', fr: 'À quelle fréquence lisez-vous la lettre d’information de l’Alliance ?', es: '¿Con qué frecuencia lee el boletín de la Alianza?', ar: 'كم مرة تقرأ النشرة الإخبارية للتحالف؟', zh: '您多久阅读一次联盟的通讯？', ru: 'Как часто вы читаете рассылку Альянса?' },
    choices: [
      choice('every-issue', { en: 'Every issue', fr: 'Chaque numéro', es: 'Cada número', ar: 'كل عدد', zh: '每一期', ru: 'Каждый выпуск' }),
      choice('sometimes', { en: 'Sometimes', fr: 'Parfois', es: 'A veces', ar: 'أحيانًا', zh: '有时', ru: 'Иногда' }),
      choice('never', { en: 'Never', fr: 'Jamais', es: 'Nunca', ar: 'أبدًا', zh: '从不', ru: 'Никогда' }),
    ],
  }),
  q({
    key: 'newsletter-useful',
    page: 2,
    type: 'rating',
    required: true,
    min: 1,
    max: 5,
    when: [{ question: 'newsletter-read', op: 'not-equals', value: 'never' }],
    text: { en: 'How useful is it for your work?', fr: 'Dans quelle mesure vous est-elle utile dans votre travail ?', es: '¿Qué tan útil le resulta para su trabajo?', ar: 'ما مدى فائدتها في عملك؟', zh: '它对您的工作有多大帮助？', ru: 'Насколько она полезна для вашей работы?' },
    minLabel: { en: 'Not useful', fr: 'Pas utile', es: 'Nada útil', ar: 'غير مفيدة', zh: '没有用', ru: 'Бесполезна' },
    maxLabel: { en: 'Very useful', fr: 'Très utile', es: 'Muy útil', ar: 'مفيدة جدًا', zh: '非常有用', ru: 'Очень полезна' },
  }),
  q({
    key: 'newsletter-topics',
    page: 2,
    type: 'multiple',
    text: { en: 'What would you like to read more about?', fr: 'Sur quels sujets aimeriez-vous lire davantage ?', es: '¿Sobre qué le gustaría leer más?', ar: 'عمّ تودّ أن تقرأ أكثر؟', zh: '您希望多读到哪些内容？', ru: 'О чём вы хотели бы читать больше?' },
    choices: [
      choice('research', { en: 'New research', fr: 'Nouvelles recherches', es: 'Nuevas investigaciones', ar: 'البحوث الجديدة', zh: '新研究', ru: 'Новые исследования' }),
      choice('practice', { en: 'Classroom practice', fr: 'Pratiques de classe', es: 'Prácticas de aula', ar: 'الممارسات الصفية', zh: '课堂实践', ru: 'Практика в классе' }),
      choice('policy', { en: 'Policy news', fr: 'Actualité des politiques', es: 'Noticias de política', ar: 'أخبار السياسات', zh: '政策动态', ru: 'Новости политики' }),
      choice('events', { en: 'Events', fr: 'Événements', es: 'Eventos', ar: 'الفعاليات', zh: '活动', ru: 'Мероприятия' }),
    ],
  }),
  q({
    key: 'newsletter-since',
    page: 3,
    type: 'date',
    text: { en: 'Since when have you received it? (an approximate date is fine)', fr: 'Depuis quand la recevez-vous ? (une date approximative suffit)', es: '¿Desde cuándo lo recibe? (basta con una fecha aproximada)', ar: 'منذ متى تتلقاها؟ (يكفي تاريخ تقريبي)', zh: '您从什么时候开始收到通讯？（大致日期即可）', ru: 'С какого времени вы её получаете? (достаточно примерной даты)' },
  }),
];

/**
 * About 320 answers to the thematic survey, across stakeholder types, regions and income groups:
 * teachers lean to foundational learning and well-being, researchers and ministries to assessment,
 * low-income countries to language of instruction — so the breakdowns have something to say.
 */
/** What some respondents wrote in the last box, in the language they answered in (written for the demo). */
const ANYTHING_ELSE: Record<Locale, string[]> = {
  en: [
    'Please keep the briefs short: two pages that I can share with my head teacher.',
    'Our ministry needs evidence on teaching in the mother tongue in the first three grades.',
    'The annual meeting should have sessions online for those of us who cannot travel.',
    'More examples from classrooms in rural schools, please, not only from capital cities.',
    'Assessment data is collected every year but rarely comes back to the schools that gave it.',
    'Teacher well-being deserves a working group of its own.',
  ],
  fr: [
    'Merci de garder les notes courtes : deux pages que je peux partager avec ma directrice.',
    'Notre ministère a besoin de données sur l’enseignement en langue maternelle dans les premières années.',
    'La rencontre annuelle devrait proposer des sessions en ligne pour celles et ceux qui ne peuvent pas voyager.',
    'Davantage d’exemples de classes rurales, s’il vous plaît, pas seulement des capitales.',
    'Les évaluations sont faites chaque année mais les résultats reviennent rarement aux écoles.',
  ],
  es: [
    'Los resúmenes deberían ser breves: dos páginas que pueda compartir con la dirección de mi escuela.',
    'Necesitamos evidencia sobre la enseñanza en lenguas indígenas en los primeros grados.',
    'Sería útil que la reunión anual tuviera sesiones en línea para quienes no pueden viajar.',
    'Más ejemplos de escuelas rurales, por favor, y no solo de las capitales.',
    'El bienestar docente merece un grupo de trabajo propio.',
  ],
  ar: [
    'نرجو أن تبقى الموجزات قصيرة: صفحتان يمكنني مشاركتهما مع مدير المدرسة.',
    'تحتاج وزارتنا إلى أدلة على التعليم باللغة الأم في الصفوف الثلاثة الأولى.',
    'ينبغي أن يتضمن الاجتماع السنوي جلسات عبر الإنترنت لمن لا يستطيعون السفر.',
    'نود مزيدًا من الأمثلة من مدارس الأرياف، لا من العواصم وحدها.',
    'تُجمع بيانات التقييم كل عام لكنها نادرًا ما تعود إلى المدارس التي قدّمتها.',
  ],
  zh: [
    '希望简报保持简短：两页纸，方便我与校长分享。',
    '我们的教育部需要关于低年级母语教学的证据。',
    '年会应提供线上环节，方便无法出行的成员参加。',
    '请多介绍农村学校课堂的例子，而不仅仅是首都的学校。',
    '教师的身心健康值得设立一个专门的工作组。',
  ],
  ru: [
    'Пожалуйста, делайте обзоры короткими: две страницы, которые можно показать директору школы.',
    'Нашему министерству нужны данные об обучении на родном языке в начальных классах.',
    'На ежегодной встрече нужны онлайн-сессии для тех, кто не может приехать.',
    'Больше примеров из сельских школ, а не только из столиц.',
    'Результаты оценивания собирают каждый год, но в школы они возвращаются редко.',
  ],
};

export function thematicAnswers(n = 320): { stakeholder: string; country: string; answers: Answers; locale: string; daysAgo: number }[] {
  const rnd = random(2027);
  // The written answers from a sequence of their own: the choices stay as they were.
  const words = random(2028);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  // Countries weighted towards the Global South, as the Alliance's membership is.
  const countries = COUNTRY_CODES.filter((c) => regionOf(c) && incomeGroupOf(c, CURRENT_INCOME_YEAR));
  const south = countries.filter((c) => incomeGroupOf(c, CURRENT_INCOME_YEAR) !== 'high');
  const out = [];
  for (let i = 0; i < n; i++) {
    const stakeholder = rnd() < 0.35 ? 'teacher' : rnd() < 0.5 ? pick(['researcher', 'policymaker']) : pick(STAKEHOLDER_GROUPS.filter((g) => g !== 'other'));
    const country = rnd() < 0.75 ? pick(south) : pick(countries);
    const income = incomeGroupOf(country, CURRENT_INCOME_YEAR);
    const weights: Record<string, number> = { 'foundational-learning': 3, teachers: 2, assessment: 1.5, technology: 1.5, 'early-childhood': 1, inclusion: 1.5, language: 1, wellbeing: 1 };
    if (stakeholder === 'teacher') {
      weights['foundational-learning'] += 2;
      weights.wellbeing += 2;
    }
    if (stakeholder === 'researcher' || stakeholder === 'policymaker') weights.assessment += 2.5;
    if (income === 'low' || income === 'lower-middle') weights.language += 2.5;
    const chosen = new Set<string>();
    const count = 1 + Math.floor(rnd() * 3);
    while (chosen.size < count) {
      const total = Object.values(weights).reduce((a, b) => a + b, 0);
      let r = rnd() * total;
      for (const [k, w] of Object.entries(weights)) if ((r -= w) <= 0 && !chosen.has(k)) { chosen.add(k); break; }
    }
    const use = Math.max(1, Math.min(5, Math.round((stakeholder === 'researcher' ? 4.2 : 2.8) + (rnd() - 0.5) * 3)));
    const answers: Answers = { 'thematic-areas': AREAS.map((a) => a.key).filter((k) => chosen.has(k)), 'evidence-use': use };
    if (use <= 2) answers['evidence-barrier'] = pick(['time', 'time', 'language', 'access', 'relevance']);
    for (const row of ['newsletter', 'meeting', 'briefs']) answers[`channels:${row}`] = pick(row === 'meeting' ? ['very', 'very', 'somewhat', 'not-used'] : ['very', 'somewhat', 'somewhat', 'not-used']);
    const locale = pick(LOCALES);
    if (words() < 0.2) {
      const said = ANYTHING_ELSE[locale];
      answers['anything-else'] = said[Math.floor(words() * said.length)]!;
    }
    out.push({ stakeholder, country, answers, locale, daysAgo: 21 + Math.floor(rnd() * 40) });
  }
  return out;
}

export async function seedSurveys({ db }: SeedContext): Promise<void> {
  const now = Date.now();
  // The vote on next year's themes, which the thematic survey informs ("you said, we did" goes to its respondents too).
  const cycleId = await seedPriorities(db);
  const thematic = await addSurvey(db, {
    cycleId,
    slug: 'common-thematic-areas',
    title: { en: 'Common thematic areas: a survey of members', fr: 'Domaines thématiques communs : enquête auprès des membres', es: 'Áreas temáticas comunes: encuesta a los miembros', ar: 'المجالات المواضيعية المشتركة: استطلاع رأي الأعضاء', zh: '共同主题领域：成员调查', ru: 'Общие тематические направления: опрос членов' },
    intro: {
      en: 'The Steering Committee sets next year’s priority themes. Tell it which areas the Alliance should work on together. Five minutes; anonymous.',
      fr: 'Le Comité directeur fixe les thèmes prioritaires de l’an prochain. Dites-lui sur quels domaines l’Alliance devrait travailler ensemble. Cinq minutes ; anonyme.',
      es: 'El Comité Directivo fija los temas prioritarios del próximo año. Indíquele en qué áreas debería trabajar conjuntamente la Alianza. Cinco minutos; anónimo.',
      ar: 'تحدد اللجنة التوجيهية المواضيع ذات الأولوية للعام المقبل. أخبرها بالمجالات التي ينبغي أن يعمل عليها التحالف معًا. خمس دقائق، دون ذكر الاسم.',
      zh: '指导委员会将确定明年的优先主题。请告诉我们联盟应共同关注哪些领域。约五分钟，匿名填写。',
      ru: 'Руководящий комитет определяет приоритетные темы на следующий год. Расскажите, над чем Альянсу стоит работать сообща. Пять минут, анонимно.',
    },
    thanks: {
      en: 'Thank you. The results go to the Steering Committee, which will tell you what it decided.',
      fr: 'Merci. Les résultats sont transmis au Comité directeur, qui vous dira ce qu’il a décidé.',
      es: 'Gracias. Los resultados se envían al Comité Directivo, que le comunicará lo que decida.',
      ar: 'شكرًا لك. تُرسَل النتائج إلى اللجنة التوجيهية، وستُبلغك بما قررته.',
      zh: '谢谢。结果将提交指导委员会，委员会将告知您其决定。',
      ru: 'Спасибо. Результаты будут переданы Руководящему комитету, который сообщит вам о своём решении.',
    },
    questions: THEMATIC_QUESTIONS,
    audience: 'members',
    opensAt: new Date(now - 62 * DAY),
    closesAt: new Date(now - 20 * DAY),
  });
  if (thematic) {
    const answers = thematicAnswers();
    await addResponses(db, thematic, answers.map((a) => ({ ...a, on: new Date(now - a.daysAgo * DAY) })));
    // A few collected on paper at the regional workshop.
    await addResponses(db, thematic, thematicAnswers(12).map((a) => ({ ...a, source: 'event' as const, on: new Date(now - 30 * DAY) })));
  }
  await addSurvey(db, {
    slug: 'newsletter-readers',
    title: { en: 'The newsletter: what do you read?', fr: 'La lettre d’information : que lisez-vous ?', es: 'El boletín: ¿qué lee usted?', ar: 'النشرة الإخبارية: ماذا تقرأ؟', zh: '通讯：您读些什么？', ru: 'Рассылка: что вы читаете?' },
    intro: {
      en: 'Three short pages to help the Secretariat make the newsletter more useful.',
      fr: 'Trois courtes pages pour aider le Secrétariat à rendre la lettre d’information plus utile.',
      es: 'Tres páginas breves para ayudar a la Secretaría a que el boletín sea más útil.',
      ar: 'ثلاث صفحات قصيرة تساعد الأمانة على جعل النشرة الإخبارية أكثر فائدة.',
      zh: '三页简短问题，帮助秘书处让通讯更有用。',
      ru: 'Три короткие страницы, которые помогут Секретариату сделать рассылку полезнее.',
    },
    thanks: { en: 'Thank you for your answers.', fr: 'Merci pour vos réponses.', es: 'Gracias por sus respuestas.', ar: 'شكرًا على إجاباتك.', zh: '感谢您的回答。', ru: 'Спасибо за ваши ответы.' },
    questions: NEWSLETTER,
    audience: 'members',
    opensAt: new Date(now - 3 * DAY),
    closesAt: new Date(now + 25 * DAY),
  });
}
