import type { SeedContext } from '../../platform/module.js';
import { and, eq } from 'drizzle-orm';
import { createMeeting } from './service.js';
import { register } from './registration.js';
import { requestFinancing } from './financing.js';
import { registrations } from './schema.js';

/** A wall-clock time in Paris in December (UTC+1) as an instant. */
const at = (local: string) => new Date(`${local}:00+01:00`);

/** The Alliance's 2024 annual meeting at headquarters in Paris (past), and next year's in Nairobi, open for registration. */
export async function seedMeetings({ db, config }: SeedContext): Promise<void> {
  await seedUpcomingMeeting(db, config.baseUrl);
  await createMeeting(db, {
    slug: 'building-bridges-2024',
    title: {
      en: 'Building Bridges to Transform Learning',
      fr: 'Jeter des ponts pour transformer l’apprentissage',
      es: 'Tender puentes para transformar el aprendizaje',
      ar: 'بناء الجسور لتحويل التعلّم',
      zh: '架设桥梁，变革学习',
      ru: 'Наводя мосты ради преобразования обучения',
    },
    description: {
      en: 'The Alliance’s annual meeting: keynotes, panels and working-group consultation sessions that bring researchers, policymakers and practitioners together. There is no fee; spaces are limited and offered first come, first served until all are filled. Lunch is provided on both days. Participants from low- and lower-middle-income countries may be eligible for travel financing.',
      fr: 'La réunion annuelle de l’Alliance : conférences, tables rondes et séances de consultation des groupes de travail qui réunissent chercheurs, décideurs et praticiens. La participation est gratuite ; les places sont limitées et attribuées dans l’ordre d’arrivée jusqu’à ce qu’elles soient toutes pourvues. Le déjeuner est offert les deux jours. Les participants de pays à revenu faible ou intermédiaire de la tranche inférieure peuvent bénéficier d’un financement de leur voyage.',
      es: 'La reunión anual de la Alianza: conferencias, paneles y sesiones de consulta de los grupos de trabajo que reúnen a investigadores, responsables de políticas y profesionales de la educación. La participación es gratuita; las plazas son limitadas y se asignan por orden de inscripción hasta completarse. El almuerzo está incluido ambos días. Los participantes de países de ingreso bajo y mediano bajo pueden optar a financiación para el viaje.',
      ar: 'الاجتماع السنوي للتحالف: محاضرات رئيسية وحلقات نقاش وجلسات تشاور لأفرقة العمل تجمع الباحثين وصانعي السياسات والممارسين. المشاركة مجانية، والأماكن محدودة وتُمنح حسب أسبقية التسجيل حتى تكتمل. يُقدَّم الغداء في اليومين. وقد يحق للمشاركين من البلدان المنخفضة الدخل والشريحة الدنيا من البلدان المتوسطة الدخل الحصول على تمويل لسفرهم.',
      zh: '联盟年度会议：主旨演讲、小组讨论和工作组征求意见会，汇聚研究者、政策制定者和实践者。参会免费；名额有限，按报名先后分配，直至额满。两天均提供午餐。来自低收入和中等偏下收入国家的参会者可申请差旅资助。',
      ru: 'Ежегодная встреча Альянса: основные доклады, панельные дискуссии и обсуждения в рабочих группах, которые объединяют исследователей, руководителей в сфере политики и практиков. Участие бесплатное; число мест ограничено, они распределяются в порядке регистрации, пока не будут заняты все. В оба дня предоставляется обед. Участники из стран с низким и ниже среднего уровнем дохода могут получить финансирование поездки.',
    },
    venueName: { en: 'Headquarters, Paris', fr: 'Siège, Paris', es: 'Sede, París', ar: 'المقر، باريس', zh: '总部，巴黎', ru: 'Штаб-квартира, Париж' },
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
    letterSignatoryTitle: { en: 'Head of the Alliance Secretariat', fr: 'Cheffe du Secrétariat de l’Alliance', es: 'Jefa de la Secretaría de la Alianza', ar: 'رئيسة أمانة التحالف', zh: '联盟秘书处负责人', ru: 'Руководитель Секретариата Альянса' },
    categories: [
      { slug: 'member', name: { en: 'Alliance member', fr: 'Membre de l’Alliance', es: 'Miembro de la Alianza', ar: 'عضو في التحالف', zh: '联盟成员', ru: 'Член Альянса' }, colour: '#0b4f8a' },
      { slug: 'practitioner', name: { en: 'Invited practitioner (teacher, school leader, teacher educator, curriculum developer, assessment expert, edtech company)', fr: 'Praticien invité (enseignant, chef d’établissement, formateur d’enseignants, concepteur de programmes, spécialiste de l’évaluation, entreprise edtech)', es: 'Profesional invitado (docente, directivo escolar, formador de docentes, diseñador curricular, especialista en evaluación, empresa de tecnología educativa)', ar: 'ممارس مدعو (معلم، مدير مدرسة، مكوّن معلمين، مطوّر مناهج، خبير تقييم، شركة تكنولوجيا تعليمية)', zh: '特邀实践者（教师、校长、教师培训者、课程开发者、评估专家、教育科技企业）', ru: 'Приглашённый практик (учитель, директор школы, преподаватель педагогического вуза, разработчик программ, специалист по оценке, компания в сфере образовательных технологий)' }, colour: '#00703c' },
      { slug: 'delegation', name: { en: 'Member State delegation / policymaker', fr: 'Délégation d’un État membre / décideur', es: 'Delegación de un Estado Miembro / responsable de políticas', ar: 'وفد دولة عضو / صانع سياسات', zh: '会员国代表团/政策制定者', ru: 'Делегация государства-члена / руководитель' }, quota: 60, invitationCode: 'DELEGATION-2024', colour: '#6f2c91' },
      { slug: 'partner', name: { en: 'Development partner', fr: 'Partenaire de développement', es: 'Socio para el desarrollo', ar: 'شريك إنمائي', zh: '发展伙伴', ru: 'Партнёр по развитию' }, colour: '#b35900' },
      { slug: 'staff', name: { en: 'UNESCO staff', fr: 'Personnel de l’UNESCO', es: 'Personal de la UNESCO', ar: 'موظفو اليونسكو', zh: '教科文组织工作人员', ru: 'Сотрудники ЮНЕСКО' }, colour: '#505a5f' },
      { slug: 'press', name: { en: 'Press', fr: 'Presse', es: 'Prensa', ar: 'الصحافة', zh: '媒体', ru: 'Пресса' }, quota: 10, invitationCode: 'PRESS-2024', colour: '#b3261e' },
    ],
    sessions: [
      { kind: 'keynote', title: { en: 'Opening and keynote: what the science of learning tells policy', fr: 'Ouverture et conférence : ce que la science de l’apprentissage dit aux politiques', es: 'Apertura y conferencia: lo que la ciencia del aprendizaje dice a las políticas', ar: 'الافتتاح والمحاضرة الرئيسية: ما تقوله علوم التعلّم للسياسات', zh: '开幕式与主旨演讲：学习科学给政策的启示', ru: 'Открытие и основной доклад: что наука об обучении говорит политике' }, startsAt: at('2024-12-02T09:30'), endsAt: at('2024-12-02T10:30'), room: 'Room I', speakers: ['Keynote speaker to be announced'], chairs: ['Alliance Secretariat'] },
      { kind: 'break', title: { en: 'Coffee break', fr: 'Pause café', es: 'Pausa para el café', ar: 'استراحة قهوة', zh: '茶歇', ru: 'Кофе-брейк' }, startsAt: at('2024-12-02T10:30'), endsAt: at('2024-12-02T11:00') },
      { kind: 'panel', workingGroups: ['foundational-learning', 'technologies-for-learning'], title: { en: 'Panel: from research to the classroom', fr: 'Table ronde : de la recherche à la classe', es: 'Panel: de la investigación al aula', ar: 'حلقة نقاش: من البحث إلى الفصل الدراسي', zh: '小组讨论：从研究到课堂', ru: 'Панель: от исследования к классу' }, startsAt: at('2024-12-02T11:00'), endsAt: at('2024-12-02T12:30'), room: 'Room I', speakers: ['Awa Ndiaye', 'Lucía Herrera', 'Priya Raman'], chairs: ['Amina Diallo'] },
      { kind: 'break', title: { en: 'Lunch', fr: 'Déjeuner', es: 'Almuerzo', ar: 'الغداء', zh: '午餐', ru: 'Обед' }, startsAt: at('2024-12-02T12:30'), endsAt: at('2024-12-02T14:00') },
      { kind: 'consultation', workingGroups: ['foundational-learning'], title: { en: 'Consultation: Foundational Learning report (pre-final draft)', fr: 'Consultation : rapport Apprentissages fondamentaux (version préfinale)', es: 'Consulta: informe sobre Aprendizajes Fundamentales (versión preliminar)', ar: 'تشاور: تقرير التعلّم التأسيسي (المسودة شبه النهائية)', zh: '征求意见：基础学习报告（预定稿）', ru: 'Обсуждение: доклад о базовом обучении (предварительная версия)' }, startsAt: at('2024-12-02T14:00'), endsAt: at('2024-12-02T17:30'), room: 'Room IV', chairs: ['Wanjiru Kamau'] },
      { kind: 'consultation', workingGroups: ['technologies-for-learning'], title: { en: 'Consultation: Technologies for Learning report (pre-final draft)', fr: 'Consultation : rapport Technologies pour l’apprentissage (version préfinale)', es: 'Consulta: informe sobre Tecnologías para el Aprendizaje (versión preliminar)', ar: 'تشاور: تقرير تكنولوجيات التعلّم (المسودة شبه النهائية)', zh: '征求意见：学习技术报告（预定稿）', ru: 'Обсуждение: доклад о технологиях для обучения (предварительная версия)' }, startsAt: at('2024-12-03T09:30'), endsAt: at('2024-12-03T12:30'), room: 'Room IV', chairs: ['Li Wei'] },
      { kind: 'break', title: { en: 'Lunch', fr: 'Déjeuner', es: 'Almuerzo', ar: 'الغداء', zh: '午餐', ru: 'Обед' }, startsAt: at('2024-12-03T12:30'), endsAt: at('2024-12-03T14:00') },
      { kind: 'panel', title: { en: 'Priorities for next year, and closing', fr: 'Priorités pour l’an prochain, et clôture', es: 'Prioridades para el próximo año y clausura', ar: 'أولويات العام المقبل والختام', zh: '下一年工作重点与闭幕', ru: 'Приоритеты на следующий год и закрытие' }, startsAt: at('2024-12-03T14:00'), endsAt: at('2024-12-03T18:00'), room: 'Room I', speakers: ['Steering Committee'], chairs: ['María González'] },
    ],
    activities: [
      {
        slug: 'school-visit',
        title: { en: 'School visit', fr: 'Visite d’école', es: 'Visita a una escuela', ar: 'زيارة مدرسية', zh: '学校参观', ru: 'Посещение школы' },
        description: {
          en: 'A morning visit to a Paris school, open to Alliance members only.',
          fr: 'Une visite matinale dans une école parisienne, réservée aux membres de l’Alliance.',
          es: 'Una visita matinal a una escuela de París, reservada a los miembros de la Alianza.',
          ar: 'زيارة صباحية إلى مدرسة في باريس، مخصّصة لأعضاء التحالف فقط.',
          zh: '上午参观巴黎的一所学校，仅限联盟成员参加。',
          ru: 'Утреннее посещение парижской школы; только для членов Альянса.',
        },
        startsAt: new Date('2024-12-04T08:00:00Z'),
        endsAt: new Date('2024-12-04T11:00:00Z'),
        membersOnly: true,
        capacity: 30,
      },
    ],
  });
}

const DAY = 86_400_000;

/**
 * The next annual meeting, in Nairobi, its dates counted from the day the demo is loaded: registration
 * opened ten days ago and is open, so a newcomer can try every step; financing requests close in a month.
 */
async function seedUpcomingMeeting(db: SeedContext['db'], baseUrl: string, now = new Date()): Promise<void> {
  // Nairobi is UTC+3 all year: a wall-clock time there on the day `days` from today.
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const nairobi = (days: number, time: string) => new Date(day.getTime() + days * DAY + (Number(time.slice(0, 2)) - 3) * 3_600_000 + Number(time.slice(3)) * 60_000);
  const first = 75;
  const year = nairobi(first, '09:00').getUTCFullYear();
  const meetingId = await createMeeting(db, {
    slug: `building-bridges-${year}`,
    title: {
      en: `Building Bridges ${year}: from evidence to every classroom`,
      fr: `Jeter des ponts ${year} : des preuves à chaque classe`,
      es: `Tender puentes ${year}: de la evidencia a cada aula`,
      ar: `بناء الجسور ${year}: من الأدلة إلى كل فصل دراسي`,
      zh: `架设桥梁 ${year}：让证据走进每一间教室`,
      ru: `Наводя мосты — ${year}: от научных данных к каждому классу`,
    },
    description: {
      en: 'The Alliance’s annual meeting, hosted this year in Nairobi: keynotes, panels and consultation sessions on the working groups’ pre-final reports. There is no fee; places are limited and given first come, first served, then from a waiting list. Lunch is provided on both days. Participants from low- and lower-middle-income countries may ask for travel financing.',
      fr: 'La réunion annuelle de l’Alliance, accueillie cette année à Nairobi : conférences, tables rondes et séances de consultation sur les rapports préfinaux des groupes de travail. La participation est gratuite ; les places sont limitées et attribuées dans l’ordre des inscriptions, puis à partir d’une liste d’attente. Le déjeuner est offert les deux jours. Les participants des pays à revenu faible ou intermédiaire de la tranche inférieure peuvent demander un financement de leur voyage.',
      es: 'La reunión anual de la Alianza, que este año se celebra en Nairobi: conferencias, paneles y sesiones de consulta sobre los informes preliminares de los grupos de trabajo. La participación es gratuita; las plazas son limitadas y se asignan por orden de inscripción y después desde una lista de espera. El almuerzo está incluido ambos días. Los participantes de países de ingreso bajo y mediano bajo pueden solicitar financiación para el viaje.',
      ar: 'الاجتماع السنوي للتحالف، الذي تستضيفه نيروبي هذا العام: محاضرات رئيسية وحلقات نقاش وجلسات تشاور بشأن التقارير شبه النهائية لأفرقة العمل. المشاركة مجانية، والأماكن محدودة وتُمنح حسب أسبقية التسجيل ثم من قائمة انتظار. يُقدَّم الغداء في اليومين. ويمكن للمشاركين من البلدان المنخفضة الدخل والشريحة الدنيا من البلدان المتوسطة الدخل طلب تمويل لسفرهم.',
      zh: '联盟年度会议今年在内罗毕举行：主旨演讲、小组讨论，以及关于各工作组预定稿报告的征求意见会。参会免费；名额有限，按报名先后分配，额满后进入候补名单。两天均提供午餐。来自低收入和中等偏下收入国家的参会者可申请差旅资助。',
      ru: 'Ежегодная встреча Альянса, которая в этом году проходит в Найроби: основные доклады, панельные дискуссии и обсуждение предварительных докладов рабочих групп. Участие бесплатное; число мест ограничено, они распределяются в порядке регистрации, затем из листа ожидания. В оба дня предоставляется обед. Участники из стран с низким и ниже среднего уровнем дохода могут запросить финансирование поездки.',
    },
    venueName: {
      en: 'United Nations Office at Nairobi (Gigiri)',
      fr: 'Office des Nations Unies à Nairobi (Gigiri)',
      es: 'Oficina de las Naciones Unidas en Nairobi (Gigiri)',
      ar: 'مكتب الأمم المتحدة في نيروبي (جيجيري)',
      zh: '联合国内罗毕办事处（吉吉里）',
      ru: 'Отделение ООН в Найроби (Гигири)',
    },
    venueAddress: 'United Nations Avenue, Gigiri, Nairobi, Kenya',
    timeZone: 'Africa/Nairobi',
    startsAt: nairobi(first, '09:00'),
    endsAt: nairobi(first + 1, '17:30'),
    status: 'open',
    capacity: 250,
    allocation: 'fcfs',
    registrationOpensAt: nairobi(-10, '09:00'),
    registrationClosesAt: nairobi(first - 14, '23:59'),
    financingClosesAt: nairobi(30, '23:59'),
    offerHours: 72,
    financingBudget: 60000,
    financingCurrency: 'USD',
    financingIncomeGroups: ['low', 'lower-middle'],
    letterSignatoryName: 'Élise Moreau',
    letterSignatoryTitle: { en: 'Head of the Alliance Secretariat', fr: 'Cheffe du Secrétariat de l’Alliance', es: 'Jefa de la Secretaría de la Alianza', ar: 'رئيسة أمانة التحالف', zh: '联盟秘书处负责人', ru: 'Руководитель Секретариата Альянса' },
    categories: [
      { slug: 'member', name: { en: 'Alliance member', fr: 'Membre de l’Alliance', es: 'Miembro de la Alianza', ar: 'عضو في التحالف', zh: '联盟成员', ru: 'Член Альянса' }, colour: '#0b4f8a' },
      { slug: 'practitioner', name: { en: 'Invited practitioner (teacher, school leader, teacher educator, curriculum developer, assessment expert)', fr: 'Praticien invité (enseignant, chef d’établissement, formateur d’enseignants, concepteur de programmes, spécialiste de l’évaluation)', es: 'Profesional invitado (docente, directivo escolar, formador de docentes, diseñador curricular, especialista en evaluación)', ar: 'ممارس مدعو (معلم، مدير مدرسة، مكوّن معلمين، مطوّر مناهج، خبير تقييم)', zh: '特邀实践者（教师、校长、教师培训者、课程开发者、评估专家）', ru: 'Приглашённый практик (учитель, директор школы, преподаватель педагогического вуза, разработчик программ, специалист по оценке)' }, colour: '#00703c' },
      { slug: 'delegation', name: { en: 'Member State delegation / policymaker', fr: 'Délégation d’un État membre / décideur', es: 'Delegación de un Estado Miembro / responsable de políticas', ar: 'وفد دولة عضو / صانع سياسات', zh: '会员国代表团/政策制定者', ru: 'Делегация государства-члена / руководитель' }, quota: 50, invitationCode: `DELEGATION-${year}`, colour: '#6f2c91' },
      { slug: 'partner', name: { en: 'Development partner', fr: 'Partenaire de développement', es: 'Socio para el desarrollo', ar: 'شريك إنمائي', zh: '发展伙伴', ru: 'Партнёр по развитию' }, colour: '#b35900' },
      { slug: 'press', name: { en: 'Press', fr: 'Presse', es: 'Prensa', ar: 'الصحافة', zh: '媒体', ru: 'Пресса' }, quota: 10, invitationCode: `PRESS-${year}`, colour: '#b3261e' },
    ],
    sessions: [
      { kind: 'keynote', title: { en: 'Opening and keynote: what the science of learning asks of policy', fr: 'Ouverture et conférence : ce que la science de l’apprentissage demande aux politiques', es: 'Apertura y conferencia: lo que la ciencia del aprendizaje pide a las políticas', ar: 'الافتتاح والمحاضرة الرئيسية: ما تطلبه علوم التعلّم من السياسات', zh: '开幕式与主旨演讲：学习科学对政策的要求', ru: 'Открытие и основной доклад: чего наука об обучении ждёт от политики' }, startsAt: nairobi(first, '09:30'), endsAt: nairobi(first, '10:30'), room: 'Conference Room 1', speakers: ['Wanjiru Kamau'], chairs: ['Alliance Secretariat'] },
      { kind: 'break', title: { en: 'Coffee break', fr: 'Pause café', es: 'Pausa para el café', ar: 'استراحة قهوة', zh: '茶歇', ru: 'Кофе-брейк' }, startsAt: nairobi(first, '10:30'), endsAt: nairobi(first, '11:00') },
      { kind: 'panel', workingGroups: ['foundational-learning', 'technologies-for-learning'], title: { en: 'Panel: teachers and researchers, side by side', fr: 'Table ronde : enseignants et chercheurs, côte à côte', es: 'Panel: docentes e investigadores, codo con codo', ar: 'حلقة نقاش: المعلمون والباحثون جنبًا إلى جنب', zh: '小组讨论：教师与研究者并肩同行', ru: 'Панель: учителя и исследователи плечом к плечу' }, startsAt: nairobi(first, '11:00'), endsAt: nairobi(first, '12:30'), room: 'Conference Room 1', speakers: ['Awa Ndiaye', 'Lucía Herrera', 'Priya Raman'], chairs: ['Amina Diallo'] },
      { kind: 'break', title: { en: 'Lunch', fr: 'Déjeuner', es: 'Almuerzo', ar: 'الغداء', zh: '午餐', ru: 'Обед' }, startsAt: nairobi(first, '12:30'), endsAt: nairobi(first, '14:00') },
      { kind: 'consultation', workingGroups: ['foundational-learning'], title: { en: 'Consultation: Foundational Learning report (pre-final draft)', fr: 'Consultation : rapport Apprentissages fondamentaux (version préfinale)', es: 'Consulta: informe sobre Aprendizajes Fundamentales (versión preliminar)', ar: 'تشاور: تقرير التعلّم التأسيسي (المسودة شبه النهائية)', zh: '征求意见：基础学习报告（预定稿）', ru: 'Обсуждение: доклад о базовом обучении (предварительная версия)' }, startsAt: nairobi(first, '14:00'), endsAt: nairobi(first, '17:30'), room: 'Conference Room 4', chairs: ['Wanjiru Kamau'] },
      { kind: 'consultation', workingGroups: ['technologies-for-learning'], title: { en: 'Consultation: Technologies for Learning report (pre-final draft)', fr: 'Consultation : rapport Technologies pour l’apprentissage (version préfinale)', es: 'Consulta: informe sobre Tecnologías para el Aprendizaje (versión preliminar)', ar: 'تشاور: تقرير تكنولوجيات التعلّم (المسودة شبه النهائية)', zh: '征求意见：学习技术报告（预定稿）', ru: 'Обсуждение: доклад о технологиях для обучения (предварительная версия)' }, startsAt: nairobi(first + 1, '09:30'), endsAt: nairobi(first + 1, '12:30'), room: 'Conference Room 4', chairs: ['Li Wei'] },
      { kind: 'break', title: { en: 'Lunch', fr: 'Déjeuner', es: 'Almuerzo', ar: 'الغداء', zh: '午餐', ru: 'Обед' }, startsAt: nairobi(first + 1, '12:30'), endsAt: nairobi(first + 1, '14:00') },
      { kind: 'panel', title: { en: 'Priorities for the year ahead, and closing', fr: 'Priorités pour l’année à venir, et clôture', es: 'Prioridades para el próximo año y clausura', ar: 'أولويات العام المقبل والختام', zh: '来年工作重点与闭幕', ru: 'Приоритеты на предстоящий год и закрытие' }, startsAt: nairobi(first + 1, '14:00'), endsAt: nairobi(first + 1, '17:30'), room: 'Conference Room 1', speakers: ['Steering Committee'], chairs: ['María González'] },
    ],
    activities: [
      {
        slug: 'school-visit',
        title: { en: 'School visit', fr: 'Visite d’école', es: 'Visita a una escuela', ar: 'زيارة مدرسية', zh: '学校参观', ru: 'Посещение школы' },
        description: {
          en: 'A morning at a Nairobi primary school that coaches its teachers every month, open to Alliance members only.',
          fr: 'Une matinée dans une école primaire de Nairobi qui accompagne ses enseignants chaque mois, réservée aux membres de l’Alliance.',
          es: 'Una mañana en una escuela primaria de Nairobi que acompaña a sus docentes cada mes, reservada a los miembros de la Alianza.',
          ar: 'صباح في مدرسة ابتدائية في نيروبي ترافق معلميها كل شهر، مخصّص لأعضاء التحالف فقط.',
          zh: '在内罗毕一所每月为教师提供辅导的小学度过一个上午，仅限联盟成员参加。',
          ru: 'Утро в начальной школе Найроби, где учителей каждый месяц сопровождают наставники; только для членов Альянса.',
        },
        startsAt: nairobi(first + 2, '09:00'),
        endsAt: nairobi(first + 2, '12:00'),
        membersOnly: true,
        capacity: 30,
      },
    ],
  });
  await seedParticipants(db, meetingId, baseUrl);
}

/**
 * The first people registered for the upcoming meeting, through the registration form's own verb,
 * so its list, badges, catering, check-in and dashboard have someone in them; three of them asked
 * for travel financing, which waits for the Secretariat's decision.
 */
async function seedParticipants(db: SeedContext['db'], meetingId: string, baseUrl: string): Promise<void> {
  const people: { name: string; email: string; organization: string; country: string; locale: 'en' | 'fr' | 'es' | 'ar' | 'zh' | 'ru'; category: string; financing?: { cost: number; why: string } }[] = [
    { name: 'James Otieno', email: 'james.otieno@clr.example.org', organization: 'Centre for Learning Research', country: 'KE', locale: 'en', category: 'member' },
    { name: 'Mariama Sow', email: 'mariama.sow@ifse.example.org', organization: 'Institut de formation et de sciences de l’éducation', country: 'SN', locale: 'fr', category: 'member', financing: { cost: 1450, why: 'Notre institut n’a pas de budget de voyage cette année ; je présente les résultats de notre étude sur la lecture au CP.' } },
    { name: 'Andrés Gómez', email: 'andres.gomez@aprendizaje.example.org', organization: 'Red Latinoamericana de Aprendizaje', country: 'CO', locale: 'es', category: 'member' },
    { name: 'Layla Nasser', email: 'layla.nasser@arab-learning.example.org', organization: 'Arab Network for Learning Sciences', country: 'JO', locale: 'ar', category: 'member' },
    { name: 'Arjun Mehta', email: 'arjun.mehta@edtech-evidence.example.org', organization: 'EdTech Evidence Hub', country: 'IN', locale: 'en', category: 'member' },
    { name: 'Grace Banda', email: 'grace.banda@example.org', organization: 'Lilongwe Teacher Training College', country: 'MW', locale: 'en', category: 'practitioner', financing: { cost: 980, why: 'I train primary teachers in Malawi and would bring back the consultation’s findings to 40 colleges; my college cannot pay the flight.' } },
    { name: 'Joseph Mwangi', email: 'joseph.mwangi@example.org', organization: 'Kibera Primary School', country: 'KE', locale: 'en', category: 'practitioner' },
    { name: 'Fatima Zahra Alaoui', email: 'f.alaoui@example.org', organization: 'Académie régionale de Rabat', country: 'MA', locale: 'fr', category: 'practitioner' },
    { name: 'Chen Jing', email: 'chen.jing@example.org', organization: 'Shanghai Teacher Development Centre', country: 'CN', locale: 'zh', category: 'practitioner' },
    { name: 'Aigerim Sadykova', email: 'a.sadykova@example.org', organization: 'National Testing Centre', country: 'KZ', locale: 'ru', category: 'practitioner' },
    { name: 'Tendai Moyo', email: 'tendai.moyo@example.org', organization: 'Harare Literacy Trust', country: 'ZW', locale: 'en', category: 'practitioner', financing: { cost: 1200, why: 'Our trust runs reading clubs in 60 schools; I would share what works in the consultation on foundational learning.' } },
    { name: 'Sophie Laurent', email: 'sophie.laurent@example.org', organization: 'Agence française de développement', country: 'FR', locale: 'fr', category: 'partner' },
    { name: 'Daniel Okafor', email: 'daniel.okafor@example.org', organization: 'Global Partnership for Learning', country: 'NG', locale: 'en', category: 'partner' },
  ];
  for (const p of people) {
    const r = await register(db, { meetingId, categorySlug: p.category, baseUrl, who: { email: p.email, name: p.name, organization: p.organization, country: p.country, locale: p.locale, answers: {} } });
    if (!r.ok || !p.financing) continue;
    const [reg] = await db.select({ id: registrations.id }).from(registrations).where(and(eq(registrations.meetingId, meetingId), eq(registrations.email, p.email)));
    await requestFinancing(db, reg!.id, { travel: true, accommodation: true, justification: p.financing.why, estimatedCost: p.financing.cost });
  }
}
