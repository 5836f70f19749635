import type { Db } from '../../db/client.js';
import type { I18nText } from '../../platform/i18n/content.js';
import { eq } from 'drizzle-orm';
import { STAKEHOLDER_GROUPS } from '../consultations/service.js';
import { getWorkingGroup } from '../workinggroups/service.js';
import { COUNTRY_CODES, CURRENT_INCOME_YEAR, incomeGroupOf } from '../../platform/geo/countries.js';
import { addBallots, addCycle, addTheme, random } from './factories.js';
import { priorityCycles, priorityThemes } from './schema.js';

const DAY = 86_400_000;

type Theme = { key: string; title: I18nText; description?: I18nText };

const THEMES_2027: Theme[] = [
  { key: 'foundational', title: { en: 'Foundational literacy and numeracy', fr: 'Lecture, écriture et calcul fondamentaux', es: 'Lectoescritura y aritmética básicas', ar: 'القراءة والكتابة والحساب الأساسية', zh: '基础读写与算术', ru: 'Базовая грамотность и счёт' }, description: { en: 'What works to teach every child to read and count by age ten, at scale.', fr: 'Ce qui permet d’apprendre à lire et à compter à tous les enfants avant dix ans, à grande échelle.', es: 'Lo que funciona para que todos los niños lean y cuenten a los diez años, a gran escala.', ar: 'ما الذي ينجح في تعليم كل طفل القراءة والحساب بحلول سن العاشرة، على نطاق واسع.', zh: '如何大规模地让每个孩子在十岁前学会阅读和计算。', ru: 'Что помогает в массовом масштабе научить каждого ребёнка читать и считать к десяти годам.' } },
  { key: 'language', title: { en: 'Language of instruction', fr: 'Langue d’enseignement', es: 'Lengua de instrucción', ar: 'لغة التدريس', zh: '教学语言', ru: 'Язык обучения' }, description: { en: 'Teaching in the languages children speak at home, and the move to a second language.', fr: 'Enseigner dans les langues parlées à la maison, puis passer à une seconde langue.', es: 'Enseñar en las lenguas que los niños hablan en casa y el paso a una segunda lengua.', ar: 'التدريس باللغات التي يتحدثها الأطفال في المنزل، والانتقال إلى لغة ثانية.', zh: '用儿童在家中使用的语言教学，以及向第二语言的过渡。', ru: 'Обучение на языках, на которых дети говорят дома, и переход ко второму языку.' } },
  { key: 'teachers', title: { en: 'Teachers’ professional development', fr: 'Développement professionnel des enseignants', es: 'Desarrollo profesional docente', ar: 'التطوير المهني للمعلمين', zh: '教师专业发展', ru: 'Профессиональное развитие учителей' }, description: { en: 'Coaching and training that change what happens in classrooms.', fr: 'L’accompagnement et la formation qui changent ce qui se passe en classe.', es: 'El acompañamiento y la formación que cambian lo que ocurre en el aula.', ar: 'التوجيه والتدريب اللذان يغيّران ما يحدث في الفصول الدراسية.', zh: '能够改变课堂实践的指导与培训。', ru: 'Наставничество и обучение, которые меняют то, что происходит в классе.' } },
  { key: 'assessment', title: { en: 'Assessment for learning', fr: 'Évaluation au service des apprentissages', es: 'Evaluación para el aprendizaje', ar: 'التقييم من أجل التعلّم', zh: '促进学习的评价', ru: 'Оценивание для обучения' } },
  { key: 'wellbeing', title: { en: 'Learners’ well-being', fr: 'Bien-être des élèves', es: 'Bienestar del alumnado', ar: 'رفاه المتعلمين', zh: '学习者福祉', ru: 'Благополучие учащихся' } },
  { key: 'technology', title: { en: 'Technology for learning', fr: 'Technologies pour apprendre', es: 'Tecnología para el aprendizaje', ar: 'التكنولوجيا من أجل التعلّم', zh: '促进学习的技术', ru: 'Технологии для обучения' } },
  { key: 'evidence', title: { en: 'Using research evidence in policy', fr: 'Utiliser les résultats de la recherche dans les politiques', es: 'Uso de la evidencia en las políticas', ar: 'استخدام نتائج البحوث في السياسات', zh: '在政策中运用研究证据', ru: 'Использование исследований в политике' } },
];

/** Ballots approving up to `limit` themes, with preferences that differ by stakeholder group and income group. */
function ballots(ids: Record<string, string>, limit: number, n: number, seed: number, daysAgo: (r: () => number) => number, now: number) {
  const rnd = random(seed);
  const countries = COUNTRY_CODES.filter((c) => incomeGroupOf(c, CURRENT_INCOME_YEAR));
  const out = [];
  for (let i = 0; i < n; i++) {
    const stakeholder = STAKEHOLDER_GROUPS[Math.floor(rnd() * (STAKEHOLDER_GROUPS.length - 1))]!;
    const country = countries[Math.floor(rnd() * countries.length)]!;
    const income = incomeGroupOf(country, CURRENT_INCOME_YEAR);
    const w: Record<string, number> = { foundational: 4, language: income === 'low' || income === 'lower-middle' ? 4 : 1, teachers: stakeholder === 'teacher' ? 4 : 2, assessment: stakeholder === 'researcher' || stakeholder === 'policymaker' ? 3 : 1, wellbeing: 1.5, technology: 1.5, evidence: stakeholder === 'policymaker' ? 3 : 1 };
    const keys = Object.keys(w).filter((k) => ids[k]);
    const chosen = new Set<string>();
    const k = 1 + Math.floor(rnd() * limit);
    while (chosen.size < Math.min(k, keys.length)) {
      const total = keys.reduce((a, key) => a + (chosen.has(key) ? 0 : w[key]!), 0);
      let r = rnd() * total;
      for (const key of keys) {
        if (chosen.has(key)) continue;
        if ((r -= w[key]!) <= 0) {
          chosen.add(key);
          break;
        }
      }
    }
    out.push({ choices: [...chosen].map((key) => ids[key]!), stakeholder, country, on: new Date(now - daysAgo(rnd) * DAY) });
  }
  return out;
}

/**
 * Two priority-setting cycles: last year's, decided (its adopted themes lead to the working groups),
 * and next year's, its vote open now (approval of up to three themes, each stakeholder group
 * counting the same), informed by the survey on common thematic areas. Returns the open cycle's id.
 */
export async function seedPriorities(db: Db): Promise<string | null> {
  const now = Date.now();
  const past = await addCycle(db, {
    slug: 'priorities-2026',
    title: { en: 'Priority themes for 2026', fr: 'Thèmes prioritaires pour 2026', es: 'Temas prioritarios para 2026', ar: 'المواضيع ذات الأولوية لعام 2026', zh: '2026年优先主题', ru: 'Приоритетные темы на 2026 год' },
    intro: { en: 'Members chose the themes the working groups would take up in 2026.', fr: 'Les membres ont choisi les thèmes que les groupes de travail aborderaient en 2026.', es: 'Los miembros eligieron los temas que los grupos de trabajo abordarían en 2026.', ar: 'اختار الأعضاء المواضيع التي ستتناولها الأفرقة العاملة في عام 2026.', zh: '成员选出了工作组在2026年要处理的主题。', ru: 'Члены выбрали темы, которыми рабочие группы займутся в 2026 году.' },
    method: 'approval',
    approvalLimit: 2,
    proposalsOpenAt: new Date(now - 420 * DAY),
    proposalsCloseAt: new Date(now - 390 * DAY),
    votingOpensAt: new Date(now - 380 * DAY),
    votingClosesAt: new Date(now - 360 * DAY),
  });
  if (past) {
    const ids: Record<string, string> = {};
    for (const [i, th] of THEMES_2027.slice(0, 5).entries()) ids[th.key] = await addTheme(db, past.id, { title: th.title, description: th.description, createdAt: new Date(now - (410 - i) * DAY) });
    await addBallots(db, past, ballots(ids, past.approvalLimit, 140, 2026, (r) => 361 + Math.floor(r() * 19), now));
    const foundational = await getWorkingGroup(db, 'foundational-learning');
    const decide = async (key: string, adopted: boolean, reason: I18nText, groupId: string | null) =>
      db.update(priorityThemes).set({ adopted, reason, groupId }).where(eq(priorityThemes.id, ids[key]!));
    await decide('foundational', true, { en: 'First choice of members in every region; the working group was formed to take it up.', fr: 'Premier choix des membres dans toutes les régions ; le groupe de travail a été créé pour s’en saisir.', es: 'Primera elección de los miembros en todas las regiones; se creó el grupo de trabajo para abordarlo.', ar: 'الخيار الأول للأعضاء في جميع المناطق؛ وأُنشئ الفريق العامل لتناوله.', zh: '各地区成员的首选；为此成立了工作组。', ru: 'Первый выбор членов во всех регионах; для этой темы создана рабочая группа.' }, foundational?.id ?? null);
    await decide('teachers', true, { en: 'Chosen by teachers above all; taken up with foundational learning, where coaching is studied.', fr: 'Choisi surtout par les enseignants ; traité avec les apprentissages fondamentaux, où l’accompagnement est étudié.', es: 'Elegido sobre todo por los docentes; se aborda junto con los aprendizajes fundamentales, donde se estudia el acompañamiento.', ar: 'اختاره المعلمون قبل غيرهم؛ ويُتناول ضمن التعلّم الأساسي، حيث يُدرس التوجيه.', zh: '主要由教师选出；将与基础学习一并处理，其中会研究教学指导。', ru: 'Выбрана прежде всего учителями; рассматривается вместе с базовым обучением, в рамках которого изучается наставничество.' }, foundational?.id ?? null);
    await decide('language', false, { en: 'Strong support from low-income countries; kept for 2027 so that a working group can be formed with the right expertise.', fr: 'Fort soutien des pays à faible revenu ; reporté à 2027 afin de former un groupe de travail avec l’expertise voulue.', es: 'Fuerte apoyo de los países de ingreso bajo; se reserva para 2027 a fin de formar un grupo de trabajo con la experiencia adecuada.', ar: 'دعم قوي من البلدان المنخفضة الدخل؛ أُرجئ إلى عام 2027 ليتسنى تشكيل فريق عامل يضم الخبرات المناسبة.', zh: '获得低收入国家的大力支持；留待2027年处理，以便组建具备相应专长的工作组。', ru: 'Сильная поддержка стран с низким уровнем дохода; перенесена на 2027 год, чтобы сформировать рабочую группу с нужным опытом.' }, null);
    await decide('assessment', false, { en: 'Covered within the work on foundational learning.', fr: 'Traité dans le cadre des travaux sur les apprentissages fondamentaux.', es: 'Se trata dentro del trabajo sobre los aprendizajes fundamentales.', ar: 'يُتناول ضمن العمل المتعلق بالتعلّم الأساسي.', zh: '已纳入基础学习方面的工作。', ru: 'Рассматривается в рамках работы по базовому обучению.' }, null);
    await decide('wellbeing', false, { en: 'Fewer members chose it; to be proposed again.', fr: 'Moins de membres l’ont choisi ; à proposer de nouveau.', es: 'Menos miembros lo eligieron; se volverá a proponer.', ar: 'اختاره عدد أقل من الأعضاء؛ ويمكن اقتراحه مجددًا.', zh: '选择该主题的成员较少；可再次提出。', ru: 'Её выбрало меньше членов; её можно предложить снова.' }, null);
    await db
      .update(priorityCycles)
      .set({
        decidedAt: new Date(now - 350 * DAY),
        decision: { en: 'The Steering Committee adopted two themes for 2026, following the vote of members.', fr: 'Le Comité directeur a adopté deux thèmes pour 2026, à la suite du vote des membres.', es: 'El Comité Directivo adoptó dos temas para 2026, tras la votación de los miembros.', ar: 'اعتمدت اللجنة التوجيهية موضوعين لعام 2026 بعد تصويت الأعضاء.', zh: '指导委员会根据成员投票通过了2026年的两个主题。', ru: 'По итогам голосования членов Руководящий комитет утвердил две темы на 2026 год.' },
        nextSteps: { en: 'The Foundational Learning working group reports at the annual meeting, and its report is put to public consultation.', fr: 'Le groupe de travail sur les apprentissages fondamentaux rend compte à la réunion annuelle, et son rapport est soumis à consultation publique.', es: 'El grupo de trabajo sobre aprendizajes fundamentales informa en la reunión anual y su informe se somete a consulta pública.', ar: 'يقدّم الفريق العامل المعني بالتعلّم الأساسي تقريره في الاجتماع السنوي، ويُطرح تقريره للتشاور العام.', zh: '基础学习工作组在年会上汇报，其报告将公开征求意见。', ru: 'Рабочая группа по базовому обучению отчитывается на ежегодном совещании, а её доклад выносится на общественное обсуждение.' },
      })
      .where(eq(priorityCycles.id, past.id));
  }

  const next = await addCycle(db, {
    slug: 'priorities-2027',
    title: { en: 'Priority themes for 2027', fr: 'Thèmes prioritaires pour 2027', es: 'Temas prioritarios para 2027', ar: 'المواضيع ذات الأولوية لعام 2027', zh: '2027年优先主题', ru: 'Приоритетные темы на 2027 год' },
    intro: {
      en: 'Choose up to three themes the working groups should take up next year. The survey on common thematic areas shaped this list; every stakeholder group counts the same in the result.',
      fr: 'Choisissez jusqu’à trois thèmes que les groupes de travail devraient aborder l’an prochain. L’enquête sur les domaines thématiques communs a inspiré cette liste ; chaque groupe d’acteurs compte autant dans le résultat.',
      es: 'Elija hasta tres temas que los grupos de trabajo deberían abordar el próximo año. La encuesta sobre áreas temáticas comunes inspiró esta lista; cada grupo de actores cuenta lo mismo en el resultado.',
      ar: 'اختر ما يصل إلى ثلاثة مواضيع ينبغي أن تتناولها الأفرقة العاملة في العام المقبل. استندت هذه القائمة إلى استبيان المجالات المواضيعية المشتركة، ولكل فئة من أصحاب المصلحة الوزن نفسه في النتيجة.',
      zh: '请选择明年工作组应处理的最多三个主题。本清单参考了共同主题领域调查；在结果中，每个利益相关方类别的权重相同。',
      ru: 'Выберите до трёх тем, которыми рабочим группам стоит заняться в следующем году. Список составлен с учётом опроса об общих тематических направлениях; каждая группа участников имеет в итоге одинаковый вес.',
    },
    method: 'approval',
    approvalLimit: 3,
    weighting: 'groups',
    proposalsOpenAt: new Date(now - 75 * DAY),
    proposalsCloseAt: new Date(now - 30 * DAY),
    votingOpensAt: new Date(now - 5 * DAY),
    votingClosesAt: new Date(now + 16 * DAY),
  });
  if (!next) return null;
  const ids: Record<string, string> = {};
  for (const [i, th] of THEMES_2027.entries()) ids[th.key] = await addTheme(db, next.id, { title: th.title, description: th.description, createdAt: new Date(now - (74 - i) * DAY) });
  // Proposals the Secretariat merged into a theme already there, and one it set aside: each written in its proposer's language, translated since.
  const mother = await addTheme(db, next.id, { title: { fr: 'Apprendre à lire dans sa langue maternelle', en: 'Learning to read in one’s mother tongue', es: 'Aprender a leer en la lengua materna', ar: 'تعلّم القراءة باللغة الأم', zh: '用母语学习阅读', ru: 'Учиться читать на родном языке' }, originalLocale: 'fr', createdAt: new Date(now - 60 * DAY) });
  const phonics = await addTheme(db, next.id, { title: { en: 'Phonics and early reading', fr: 'Méthode phonique et premiers apprentissages de la lecture', es: 'Método fónico y lectura inicial', ar: 'الطريقة الصوتية والقراءة المبكرة', zh: '自然拼读与早期阅读', ru: 'Фонетический метод и раннее чтение' }, createdAt: new Date(now - 55 * DAY) });
  const app = await addTheme(db, next.id, { title: { es: 'Una aplicación de la Alianza para los docentes', en: 'An Alliance app for teachers', fr: 'Une application de l’Alliance pour les enseignants', ar: 'تطبيق من التحالف للمعلمين', zh: '联盟为教师开发的应用程序', ru: 'Приложение Альянса для учителей' }, originalLocale: 'es', createdAt: new Date(now - 50 * DAY) });
  await db.update(priorityThemes).set({ state: 'merged', mergedInto: ids.language! }).where(eq(priorityThemes.id, mother));
  await db.update(priorityThemes).set({ state: 'merged', mergedInto: ids.foundational! }).where(eq(priorityThemes.id, phonics));
  await db
    .update(priorityThemes)
    .set({ state: 'set-aside', reason: { en: 'Building software is outside the Alliance’s mandate; the theme “Technology for learning” covers what such tools should do.', es: 'Desarrollar programas informáticos no forma parte del mandato de la Alianza; el tema «Tecnología para el aprendizaje» abarca lo que deberían hacer estas herramientas.', fr: 'Développer des logiciels ne relève pas du mandat de l’Alliance ; le thème « Technologies pour apprendre » couvre ce que de tels outils devraient faire.', ar: 'تطوير البرمجيات خارج نطاق ولاية التحالف؛ ويشمل موضوع «التكنولوجيا من أجل التعلّم» ما ينبغي أن تقوم به هذه الأدوات.', zh: '开发软件不属于联盟的职责范围；“促进学习的技术”这一主题涵盖了此类工具应发挥的作用。', ru: 'Разработка программ не входит в мандат Альянса; тема «Технологии для обучения» охватывает то, что должны делать такие инструменты.' } })
    .where(eq(priorityThemes.id, app));
  await addBallots(db, next, ballots(ids, next.approvalLimit, 86, 2027, (r) => Math.floor(r() * 5), now));
  return next.id;
}
