import type { SeedContext } from '../../platform/module.js';
import { addComment, addConsultation } from './service.js';

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

/**
 * Both groups' pre-final reports open for consultation (opened ten days before the day the demo is
 * loaded, closing three weeks after it), with comments from several stakeholder groups and countries
 * in several languages: replies, answers to the guiding questions, a passage quoted, a comment hidden
 * by the moderators with its reason, and one flagged by a reader.
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
  if (foundational) for (const c of FOUNDATIONAL) await addComment(db, foundational, { ...c, replyTo: c.replyTo === undefined ? undefined : FOUNDATIONAL[c.replyTo]!.body });

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
}

