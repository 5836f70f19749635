import type { SeedContext } from '../../platform/module.js';
import { addComment, addConsultation } from './service.js';
import { addAnswer, addConclusion } from './responses.js';
import type { Disposition } from './schema.js';
import type { I18nText } from '../../platform/i18n/content.js';

const DAY = 86_400_000;

/** A demo comment as addComment takes it, but answering another of its list by index. */
type DemoComment = Omit<Parameters<typeof addComment>[2], 'replyTo'> & { replyTo?: number };

const FOUNDATIONAL: DemoComment[] = [
  { who: { email: 'mariama.issoufou@ecole-niamey.example.org', name: 'Mariama Issoufou', locale: 'fr', group: 'teacher', country: 'NE' }, on: 'Children learn to read faster', answers: 'section', body: 'Dans ma classe de CP, 38 des 52 élèves parlent haoussa à la maison, mais les manuels sont en français. Les livrets en haoussa reçus l’an dernier ont beaucoup aidé, mais nous n’en avions que dix pour toute la classe.', locale: 'fr', hoursAgo: 200 },
  { who: { email: 'hassan.abakar@example.org', name: 'Hassan Abakar', locale: 'ar', group: 'teacher', country: 'TD', anonymous: true }, on: 'Children learn to read faster', answers: 'section', body: 'في مدرستنا يتحدث معظم الأطفال العربية التشادية في البيت، بينما نعلّم القراءة بالعربية الفصحى. نحتاج إلى كتب انتقالية بين اللغتين، وإلى تدريب المعلمين على استعمالها.', locale: 'ar', hoursAgo: 180 },
  { who: { email: 'grace.wambui@education.example.go.ke', name: 'Grace Wambui', locale: 'en', group: 'policymaker', country: 'KE', organization: 'Ministry of Education', onBehalf: 'organization' }, on: 'Ministries should measure', body: 'Measuring foundational skills is already in our national plan. What we lack is a way to report results to counties that they can act on. A short section on using assessment data at county and school level would help ministries like ours.', locale: 'en', hoursAgo: 170 },
  { who: { email: 'arjun.mehta@research.example.in', name: 'Arjun Mehta', locale: 'en', group: 'researcher', country: 'IN', organization: 'Centre for Learning Policy' }, on: 'Programmes that combine all three', quote: '0.3 to 0.6 standard deviations', body: 'Please give these effect sizes in learning-adjusted years of schooling as well: ministries understand “a year of school” better than standard deviations.', locale: 'en', hoursAgo: 150 },
  { who: { email: 'claire.martin@cooperation.example.fr', name: 'Claire Martin', locale: 'fr', group: 'development-partner', country: 'FR', organization: 'Agence de coopération éducative' }, on: 'Programmes that combine all three', body: 'The cost figure should say which costs are counted. In the programmes we fund, teacher coaching is more than half of the cost per child, and it is the first thing cut when budgets shrink.', locale: 'en', hoursAgo: 140 },
  { who: { email: 'rosa.quispe@formacion.example.pe', name: 'Rosa Quispe', locale: 'es', group: 'teacher-educator', country: 'PE' }, on: 'Structured pedagogy combines', body: 'Las guías diarias ayudan mucho a los docentes nuevos, pero deben dejar espacio para adaptar la clase al grupo. Sugerimos mencionar también la formación inicial docente, no solo el acompañamiento.', locale: 'es', hoursAgo: 120 },
  { who: { email: 'farhana.akter@school.example.bd', name: 'Farhana Akter', locale: 'en', group: 'school-leader', country: 'BD' }, on: 'Gaps open early', body: 'We see this every year in grade 4. Our school now checks reading in the first month of grade 1 and groups children by level for thirty minutes a day. The gap in grade 4 has halved in three years.', locale: 'en', hoursAgo: 110 },
  { who: { email: 'chikondi.banda@example.mw', name: 'Chikondi Banda', locale: 'en', group: 'teacher', country: 'MW' }, on: 'Daily practice with decodable texts', body: 'Coaching once a month is not possible in our zone: one coordinator covers forty schools. Coaching by phone between visits could be mentioned as an option.', locale: 'en', hoursAgo: 100 },
  { who: { email: 'sita.gurung@example.np', name: 'Sita Gurung', locale: 'en', group: 'teacher', country: 'NP' }, on: 'Daily practice with decodable texts', body: 'Same in our district. Messaging groups with short videos of model lessons worked better than we expected, and teachers answer each other’s questions.', locale: 'en', hoursAgo: 90, replyTo: 7 },
  { who: { email: 'joseph.okello@example.ug', name: 'Joseph Okello', locale: 'en', group: 'teacher', country: 'UG' }, answers: 'general', body: 'Uganda has taught P1 to P3 in local languages for more than ten years, with a thematic curriculum. The lessons learned — good and bad — would make a useful box in this report.', locale: 'en', hoursAgo: 80 },
  { who: { email: 'hery.rakoto@example.mg', name: 'Hery Rakotomalala', locale: 'fr', group: 'teacher', country: 'MG', anonymous: true }, on: 'Children who cannot read a simple text', body: 'À Madagascar, nous le constatons aussi : beaucoup d’élèves de CM1 lisent encore syllabe par syllabe. Le rapport pourrait proposer un test simple que les enseignants font eux-mêmes.', locale: 'fr', hoursAgo: 70 },
  { who: { email: 'aminata.sow@lecture-parents.example.sn', name: 'Aminata Sow', locale: 'fr', group: 'civil-society', country: 'SN', organization: 'Lecture et Parents' }, answers: 'general', body: 'Le rapport devrait parler davantage des parents : dans nos programmes, la lecture à la maison, même par des parents peu scolarisés, double l’effet des séances en classe.', locale: 'fr', hoursAgo: 60 },
  { who: { email: 'lina.khatib@curriculum.example.jo', name: 'Lina Khatib', locale: 'ar', group: 'curriculum-developer', country: 'JO' }, on: 'Ministries should measure', body: 'نوصي بإضافة مثال عن مواءمة المناهج مع تقييمات الصفوف الأولى، كما فعلنا في الأردن عند مراجعة منهاج اللغة العربية للصفوف الثلاثة الأولى.', locale: 'ar', hoursAgo: 40 },
  { who: { email: 'promo@fastreader.example.com', name: 'FastReader', locale: 'en', group: 'private-sector', country: 'US' }, on: 'Structured pedagogy combines', body: 'Our FastReader app solves all of this! 50% off for schools this month, visit our website.', locale: 'en', hoursAgo: 30, hidden: 'Advertising: the code of conduct asks for comments on the report.' },
  { who: { email: 'lucas.souza@example.br', name: 'Lucas Souza', locale: 'es', group: 'student', country: 'BR' }, on: 'Structured pedagogy combines', body: 'Como estudiante de pedagogía, me gustaría que el informe incluyera dos o tres ejemplos de planes de clase diarios.', locale: 'es', hoursAgo: 12, flaggedBy: 'rosa.quispe@formacion.example.pe' },
];

const TECHNOLOGY: DemoComment[] = [
  { who: { email: 'david.kamau@edtech.example.co.ke', name: 'David Kamau', locale: 'en', group: 'private-sector', country: 'KE', organization: 'Shule Learning Tools' }, on: 'Software that adapts', body: 'Offline-first design matters more than the report says: most of the schools we work with are connected two days a week at best.', locale: 'en', hoursAgo: 160 },
  { who: { email: 'ayesha.khan@example.pk', name: 'Ayesha Khan', locale: 'en', group: 'teacher', country: 'PK' }, on: 'Handing out devices', body: 'Our school received thirty tablets in 2022; eleven still work. Nobody was trained to repair them, and there is no budget for new batteries.', locale: 'en', hoursAgo: 120 },
  { who: { email: 'youssef.benali@education.example.ma', name: 'Youssef Benali', locale: 'fr', group: 'policymaker', country: 'MA', organization: 'Direction des curricula' }, on: 'Electricity and maintenance', body: 'Il faudrait ajouter la protection des données des enfants, que notre loi exige pour tout logiciel utilisé en classe.', locale: 'fr', hoursAgo: 90 },
  { who: { email: 'wang.fang@research.example.cn', name: 'Wang Fang', locale: 'zh', group: 'researcher', country: 'CN' }, on: 'We reviewed evaluations', body: '建议说明纳入评估的标准，例如样本量、评估时长以及是否为随机对照试验。', locale: 'zh', hoursAgo: 60 },
  { who: { email: 'olga.smirnova@assessment.example.ru', name: 'Olga Smirnova', locale: 'ru', group: 'assessment-expert', country: 'RU' }, on: 'Start from a learning problem', body: 'Измерять результаты стоит не только в конце пилотного проекта, но и через год после него: эффект часто исчезает.', locale: 'ru', hoursAgo: 30 },
  { who: { email: 'kofi.asante@example.gh', name: 'Kofi Asante', locale: 'en', group: 'teacher', country: 'GH' }, body: 'A clear, useful report. Radio lessons are still running in our region two years after the closures; it would be good to say what kept them going.', locale: 'en', hoursAgo: 8 },
];

const COACHING: DemoComment[] = [
  { who: { email: 'chikondi.banda@example.mw', name: 'Chikondi Banda', locale: 'en', group: 'teacher', country: 'MW' }, on: 'Three trials in East Africa', body: 'Please name the countries: ministries want to know whether the evidence comes from school systems like theirs.', locale: 'en', hoursAgo: 1300 },
  { who: { email: 'sita.gurung@example.np', name: 'Sita Gurung', locale: 'en', group: 'teacher', country: 'NP' }, on: 'Ministries should give coordinators airtime', quote: 'airtime', body: 'Airtime is not enough: sending videos of lessons needs mobile data too.', locale: 'en', hoursAgo: 1200 },
  { who: { email: 'mariama.issoufou@ecole-niamey.example.org', name: 'Mariama Issoufou', locale: 'fr', group: 'teacher', country: 'NE' }, on: 'Ministries should give coordinators airtime', body: 'Les appels coûtent cher, mais les vidéos encore plus : il faut prévoir des forfaits de données pour les enseignants et les conseillers.', locale: 'fr', hoursAgo: 1150 },
  { who: { email: 'arjun.mehta@research.example.in', name: 'Arjun Mehta', locale: 'en', group: 'researcher', country: 'IN', organization: 'Centre for Learning Policy' }, on: 'Three trials in East Africa', quote: 'at a third of the cost', body: 'Does the cost include the coordinators’ time and training? If not, the comparison with visits flatters the calls.', locale: 'en', hoursAgo: 1100 },
  { who: { email: 'hassan.abakar@example.org', name: 'Hassan Abakar', locale: 'ar', group: 'teacher', country: 'TD', anonymous: true }, on: 'Three trials in East Africa', quote: 'a short observation guide', body: 'نحتاج إلى دليل الملاحظة باللغة العربية حتى يستعمله المنسقون في مدارسنا.', locale: 'ar', hoursAgo: 1000 },
  { who: { email: 'olga.smirnova@assessment.example.ru', name: 'Olga Smirnova', locale: 'ru', group: 'assessment-expert', country: 'RU' }, on: 'Keep one visit per term', body: 'Одного визита в четверть мало для молодых учителей: в первый год им нужно больше наблюдений в классе.', locale: 'ru', hoursAgo: 950 },
  { who: { email: 'lucas.souza@example.br', name: 'Lucas Souza', locale: 'es', group: 'student', country: 'BR' }, answers: 'general', body: '¿Podrían publicar también la guía de observación que usan los coordinadores en las llamadas?', locale: 'es', hoursAgo: 900 },
  { who: { email: 'wang.fang@research.example.cn', name: 'Wang Fang', locale: 'zh', group: 'researcher', country: 'CN' }, answers: 'general', body: '建议补充教师拥有手机情况的数据：没有个人手机的教师能否参加电话辅导？', locale: 'zh', hoursAgo: 800 },
];

/** The working group's answers to the note's comments (by their index), in English and French and in the commenter's language. */
const COACHING_ANSWERS: { comments: number[]; disposition: Disposition; response: I18nText; changed?: string[] }[] = [
  {
    comments: [0],
    disposition: 'accepted',
    response: { en: 'The countries are now named: Kenya, Uganda and Malawi.', fr: 'Les pays sont désormais nommés : le Kenya, l’Ouganda et le Malawi.' },
    changed: ['Three trials in Kenya'],
  },
  {
    comments: [1, 2],
    disposition: 'accepted',
    response: { en: 'The note now asks ministries for mobile data as well as airtime, and counts messages as part of coordinators’ work.', fr: 'La note demande désormais aux ministères des forfaits de données en plus du crédit d’appel, et compte les messages dans le travail des conseillers.' },
    changed: ['Ministries should give coordinators airtime', 'Messaging groups where teachers share'],
  },
  {
    comments: [3],
    disposition: 'partly-accepted',
    response: { en: 'The cost counts airtime and the coordinators’ time, not their initial training, which visits need too. The annex now says so; the comparison stands.', fr: 'Le coût compte le crédit d’appel et le temps des conseillers, mais pas leur formation initiale, dont les visites ont aussi besoin. L’annexe le précise désormais ; la comparaison tient.' },
  },
  {
    comments: [4],
    disposition: 'noted',
    response: { en: 'The Secretariat will translate the observation guide into Arabic and French in 2027.', fr: 'Le Secrétariat traduira le guide d’observation en arabe et en français en 2027.', ar: 'ستترجم الأمانة دليل الملاحظة إلى العربية والفرنسية في عام 2027.' },
  },
  {
    comments: [5],
    disposition: 'not-accepted',
    response: { en: 'With one coordinator for forty schools, more visits are not possible within current budgets; the calls are there to give new teachers more support between visits.', fr: 'Avec un conseiller pour quarante écoles, davantage de visites n’est pas possible avec les budgets actuels ; les appels sont là pour mieux soutenir les nouveaux enseignants entre les visites.', ru: 'При одном координаторе на сорок школ больше визитов в рамках нынешних бюджетов невозможно; звонки нужны именно для того, чтобы поддерживать молодых учителей между визитами.' },
  },
  {
    comments: [6],
    disposition: 'out-of-scope',
    response: { en: 'The guide belongs to the ministries that ran the trials; we have asked them whether it can be shared.', fr: 'Le guide appartient aux ministères qui ont mené les essais ; nous leur avons demandé s’il peut être partagé.', es: 'La guía pertenece a los ministerios que realizaron los ensayos; les hemos preguntado si se puede compartir.' },
  },
  {
    comments: [7],
    disposition: 'accepted',
    response: { en: 'The evidence section now says that gains were smaller where teachers had no phone of their own.', fr: 'La section sur les données indique désormais que les gains étaient plus faibles là où les enseignants n’avaient pas de téléphone personnel.', zh: '证据部分现已说明：在教师没有个人手机的地方，效果较小。' },
    changed: ['Three trials in Kenya'],
  },
];

/** Answers already given to comments of the open consultation on the background report (by index), the rest still to answer. */
const FOUNDATIONAL_ANSWERS: { comments: number[]; disposition: Disposition; response: I18nText }[] = [
  {
    comments: [3],
    disposition: 'accepted',
    response: { en: 'The final version will give the effect sizes in learning-adjusted years of schooling too.', fr: 'La version finale donnera aussi les effets en années de scolarité ajustées sur les apprentissages.' },
  },
  {
    comments: [7],
    disposition: 'partly-accepted',
    response: { en: 'Coaching by phone is covered by the group’s note on coaching at a distance; the report will refer to it.', fr: 'L’accompagnement par téléphone fait l’objet de la note du groupe sur l’accompagnement à distance ; le rapport y renverra.' },
  },
  {
    comments: [14],
    disposition: 'out-of-scope',
    response: { en: 'Lesson plans are beyond a background report; the group will list published examples on its page.', fr: 'Les plans de leçon dépassent le cadre d’un rapport de référence ; le groupe publiera des exemples sur sa page.', es: 'Los planes de clase van más allá de un informe de referencia; el grupo publicará ejemplos en su página.' },
  },
];

/**
 * Both groups' pre-final reports open for consultation (opened ten days before the day the demo is
 * loaded, closing three weeks after it), with comments from several stakeholder groups and countries
 * in several languages: replies, answers to the guiding questions, a passage quoted, a comment hidden
 * by the moderators with its reason, one flagged by a reader, and a few already answered. And a
 * shorter note consulted on last term, every comment answered — some together, some with the
 * paragraphs of the final version they changed — and its final version published: its
 * comment-and-response report is public.
 */
export async function seedConsultations({ db }: SeedContext): Promise<void> {
  const now = Date.now();
  const window = { opensAt: new Date(now - 10 * DAY), closesAt: new Date(now + 21 * DAY) };
  const foundational = await addConsultation(db, {
    group: 'foundational-learning',
    report: 'background-report',
    number: 1,
    ...window,
    summary: {
      en: 'Most children who cannot read by the end of grade 3 never catch up. The report sets out what works in the first three years of school — structured lessons, books children can decode, regular coaching, and teaching first in the language children speak — and what ministries should do. Tell us what is missing, and what works where you are.',
      fr: 'La plupart des enfants qui ne savent pas lire à la fin de la 3e année ne rattrapent jamais leur retard. Le rapport présente ce qui fonctionne pendant les trois premières années d’école — des leçons structurées, des livres que les enfants peuvent déchiffrer, un accompagnement régulier et un enseignement d’abord dans la langue des enfants — et ce que les ministères devraient faire. Dites-nous ce qui manque, et ce qui fonctionne chez vous.',
    },
    questions: [
      { section: null, text: { en: 'What evidence from your country should the report add?', fr: 'Quelles données de votre pays le rapport devrait-il ajouter ?' } },
      { section: '3. Language of instruction', text: { en: 'Which languages do children in your schools speak at home, and in which language do they learn to read?', fr: 'Quelles langues les enfants de vos écoles parlent-ils à la maison, et dans quelle langue apprennent-ils à lire ?' } },
    ],
  });
  if (foundational) {
    for (const c of FOUNDATIONAL) await addComment(db, foundational, { ...c, replyTo: c.replyTo === undefined ? undefined : FOUNDATIONAL[c.replyTo]!.body });
    for (const a of FOUNDATIONAL_ANSWERS) await addAnswer(db, foundational, { ...a, comments: a.comments.map((i) => FOUNDATIONAL[i]!.body) });
  }

  const technology = await addConsultation(db, {
    group: 'technologies-for-learning',
    report: 'technology-report',
    number: 1,
    ...window,
    summary: {
      en: 'Technology helps children learn when it gives each of them practice at the right level and fits into the teacher’s lessons; handing out devices alone does not. The report sets out the conditions for success and asks ministries to count the full cost over five years. Tell us what you have seen work, and fail.',
      fr: 'La technologie aide les enfants à apprendre lorsqu’elle donne à chacun des exercices à son niveau et s’intègre aux leçons de l’enseignant ; distribuer des appareils ne suffit pas. Le rapport expose les conditions de réussite et demande aux ministères de compter le coût complet sur cinq ans. Dites-nous ce que vous avez vu réussir, et échouer.',
    },
    questions: [{ section: null, text: { en: 'Which conditions for success are missing from section 4?', fr: 'Quelles conditions de réussite manquent à la section 4 ?' } }],
  });
  if (technology) for (const c of TECHNOLOGY) await addComment(db, technology, { ...c, replyTo: undefined });

  // The note on coaching at a distance: consulted on two months ago, every comment answered, its final version published ten days ago.
  const coaching = await addConsultation(db, {
    group: 'foundational-learning',
    report: 'coaching-at-a-distance',
    number: 1,
    opensAt: new Date(now - 60 * DAY),
    closesAt: new Date(now - 30 * DAY),
    summary: {
      en: 'Phone calls and messaging can carry teacher coaching between visits where one coordinator supports forty schools. Is the evidence convincing, and what would it take where you work?',
      fr: 'Les appels et la messagerie peuvent prolonger l’accompagnement des enseignants entre les visites, là où un conseiller suit quarante écoles. Les données sont-elles convaincantes, et que faudrait-il là où vous travaillez ?',
    },
    questions: [],
  });
  if (coaching) {
    for (const c of COACHING) await addComment(db, coaching, { ...c, replyTo: undefined });
    for (const a of COACHING_ANSWERS) await addAnswer(db, coaching, { ...a, comments: a.comments.map((i) => COACHING[i]!.body) });
    await addConclusion(db, coaching, new Date(now - 10 * DAY));
  }
}

