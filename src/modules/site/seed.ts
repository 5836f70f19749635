import { saveSiteSettings } from '../../platform/settings/service.js';
import type { SeedContext } from '../../platform/module.js';
import { sitePages } from './schema.js';

/** The demo organisation: the Global Alliance on the Science of Learning for Education, its texts in the six languages. */
export async function seedSite({ db }: SeedContext): Promise<void> {
  await saveSiteSettings(db, {
    name: {
      en: 'Global Alliance on the Science of Learning for Education',
      fr: 'Alliance mondiale pour la science de l’apprentissage au service de l’éducation',
      es: 'Alianza Mundial sobre la Ciencia del Aprendizaje para la Educación',
      ar: 'التحالف العالمي لعلوم التعلّم من أجل التعليم',
      zh: '全球学习科学促进教育联盟',
      ru: 'Глобальный альянс «Наука об обучении — образованию»',
    },
    shortName: {
      en: 'Science of Learning Alliance',
      fr: 'Alliance science de l’apprentissage',
      es: 'Alianza Ciencia del Aprendizaje',
      ar: 'تحالف علوم التعلّم',
      zh: '学习科学联盟',
      ru: 'Альянс «Наука об обучении»',
    },
    tagline: {
      en: 'Researchers, policymakers and practitioners turning the science of learning into better teaching.',
      fr: 'Chercheurs, décideurs et praticiens qui font de la science de l’apprentissage un meilleur enseignement.',
      es: 'Investigadores, responsables de políticas y docentes que convierten la ciencia del aprendizaje en una mejor enseñanza.',
      ar: 'باحثون وصانعو سياسات وممارسون يحوّلون علوم التعلّم إلى تدريس أفضل.',
      zh: '研究人员、政策制定者和一线实践者携手，把学习科学转化为更好的教学。',
      ru: 'Исследователи, руководители и практики, превращающие науку об обучении в лучшее преподавание.',
    },
    footer: {
      en: 'Secretariat: Section of Education Policy · Texts on this site may be shared under [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/).',
      fr: 'Secrétariat : Section des politiques éducatives · Les textes de ce site peuvent être partagés sous licence [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.fr).',
      es: 'Secretaría: Sección de Políticas Educativas · Los textos de este sitio pueden compartirse con la licencia [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.es).',
      ar: 'الأمانة: قسم السياسات التعليمية · يجوز تقاسم نصوص هذا الموقع بموجب ترخيص [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.ar).',
      zh: '秘书处：教育政策科 · 本网站文字可依 [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.zh-hans) 许可共享。',
      ru: 'Секретариат: Сектор образовательной политики · Тексты сайта можно распространять по лицензии [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.ru).',
    },
    originalLocale: 'en',
    contactEmail: 'alliance@alliance.example',
    timeZone: 'Europe/Paris',
  });

  await db
    .insert(sitePages)
    .values([
      {
        slug: 'home',
        originalLocale: 'en',
        body: {
          en: 'The Alliance is an international community of practice that shortens the loop between research on learning, education policy and classroom practice — and back. Its members work in ministries, universities, teacher-education institutes, schools and civil society, in every region.\n\nTogether they write working-group reports, open them to public consultation, and meet once a year to decide what comes next.',
          fr: 'L’Alliance est une communauté de pratique internationale qui rapproche la recherche sur l’apprentissage, les politiques éducatives et la pratique en classe — dans les deux sens. Ses membres travaillent dans des ministères, des universités, des instituts de formation des enseignants, des écoles et la société civile, dans toutes les régions.\n\nEnsemble, ils rédigent les rapports des groupes de travail, les soumettent à consultation publique et se réunissent chaque année pour décider de la suite.',
          es: 'La Alianza es una comunidad de práctica internacional que acorta el camino entre la investigación sobre el aprendizaje, las políticas educativas y la práctica en el aula, en ambos sentidos. Sus miembros trabajan en ministerios, universidades, institutos de formación docente, escuelas y la sociedad civil de todas las regiones.\n\nJuntos redactan los informes de los grupos de trabajo, los someten a consulta pública y se reúnen cada año para decidir los próximos pasos.',
          ar: 'التحالف مجتمع ممارسة دولي يقرّب بين البحث في التعلّم والسياسات التعليمية والممارسة داخل الفصل، في الاتجاهين. يعمل أعضاؤه في الوزارات والجامعات ومعاهد إعداد المعلمين والمدارس والمجتمع المدني في جميع المناطق.\n\nيكتبون معًا تقارير أفرقة العمل، ويطرحونها للتشاور العام، ويجتمعون مرة كل عام لتحديد الخطوات التالية.',
          zh: '联盟是一个国际实践共同体，致力于拉近学习研究、教育政策与课堂实践之间的距离，并让实践反过来启发研究。成员来自各地区的教育部门、大学、教师教育机构、学校和民间组织。\n\n他们共同撰写工作组报告，公开征求意见，并每年聚会一次，商定下一步工作。',
          ru: 'Альянс — международное профессиональное сообщество, которое сокращает путь от исследований обучения к образовательной политике и практике в классе — и обратно. Его участники работают в министерствах, университетах, институтах подготовки учителей, школах и гражданском обществе во всех регионах.\n\nВместе они готовят доклады рабочих групп, выносят их на общественное обсуждение и раз в год встречаются, чтобы решить, что делать дальше.',
        },
      },
      {
        slug: 'about',
        originalLocale: 'en',
        title: { en: 'About the Alliance', fr: 'À propos de l’Alliance', es: 'Acerca de la Alianza', ar: 'عن التحالف', zh: '关于联盟', ru: 'Об Альянсе' },
        body: {
          en: 'The Alliance brings together institutions and individuals with a mandate, expertise and track record in brokering knowledge, translating research for practice, or researching learning, pedagogy and learning outcomes.\n\n## Who takes part\n\nResearchers, policymakers and practitioners — teachers, school leaders, teacher educators, curriculum developers and assessment experts — as institutions or as individuals, with particular attention to the Global South.\n\n## How it works\n\n- The **Secretariat**, held by the Section of Education Policy, runs the Alliance day to day.\n- A **Steering Committee** decides on membership and on priorities.\n- **Working groups** write reports that anyone may comment on before they are final.\n- An **annual meeting** brings members together; places are given first come, first served.',
          fr: 'L’Alliance réunit des institutions et des personnes disposant d’un mandat, d’une expertise et d’une expérience en courtage des connaissances, en traduction de la recherche pour la pratique, ou en recherche sur l’apprentissage, la pédagogie et les acquis des élèves.\n\n## Qui y participe\n\nDes chercheurs, des décideurs et des praticiens — enseignants, chefs d’établissement, formateurs d’enseignants, concepteurs de programmes et spécialistes de l’évaluation —, à titre institutionnel ou individuel, avec une attention particulière aux pays du Sud.\n\n## Comment elle fonctionne\n\n- Le **secrétariat**, assuré par la Section des politiques éducatives, la fait vivre au quotidien.\n- Un **comité directeur** décide des adhésions et des priorités.\n- Des **groupes de travail** rédigent des rapports que chacun peut commenter avant leur version finale.\n- Une **réunion annuelle** rassemble les membres ; les places sont attribuées dans l’ordre des inscriptions.',
          es: 'La Alianza reúne a instituciones y personas con mandato, experiencia y trayectoria en la intermediación del conocimiento, en la traducción de la investigación a la práctica o en la investigación sobre el aprendizaje, la pedagogía y los resultados de aprendizaje.\n\n## Quién participa\n\nInvestigadores, responsables de políticas y profesionales —docentes, directivos escolares, formadores de docentes, diseñadores curriculares y especialistas en evaluación—, como instituciones o a título individual, con especial atención al Sur Global.\n\n## Cómo funciona\n\n- La **Secretaría**, a cargo de la Sección de Políticas Educativas, gestiona la Alianza en el día a día.\n- Un **Comité Directivo** decide sobre la membresía y las prioridades.\n- Los **grupos de trabajo** redactan informes que cualquiera puede comentar antes de su versión final.\n- Una **reunión anual** congrega a los miembros; las plazas se asignan por orden de inscripción.',
          ar: 'يجمع التحالف مؤسسات وأفرادًا لديهم ولاية وخبرة وسجلّ حافل في الوساطة المعرفية، أو في نقل البحوث إلى الممارسة، أو في البحث في التعلّم وأصول التدريس ونواتج التعلّم.\n\n## من يشارك\n\nباحثون وصانعو سياسات وممارسون — معلمون ومديرو مدارس ومكوّنو معلمين ومطوّرو مناهج وخبراء تقييم — بصفة مؤسسية أو فردية، مع اهتمام خاص ببلدان الجنوب العالمي.\n\n## كيف يعمل\n\n- تتولّى **الأمانة**، التي يضطلع بها قسم السياسات التعليمية، تسيير التحالف يومًا بيوم.\n- تبتّ **لجنة توجيهية** في العضوية والأولويات.\n- تكتب **أفرقة العمل** تقارير يمكن لأي شخص التعليق عليها قبل صيغتها النهائية.\n- يجمع **اجتماع سنوي** الأعضاء، وتُمنح الأماكن حسب أسبقية التسجيل.',
          zh: '联盟汇聚在知识中介、将研究转化为实践，或在学习、教学法和学习成果研究方面具有职责、专长和经验的机构与个人。\n\n## 谁来参与\n\n研究人员、政策制定者和一线实践者——教师、校长、教师培训者、课程开发者和评估专家——以机构或个人身份参与，并特别关注全球南方。\n\n## 如何运作\n\n- **秘书处**由教育政策科承担，负责联盟的日常工作。\n- **指导委员会**决定成员资格和工作重点。\n- **工作组**撰写报告，定稿前任何人都可以提出意见。\n- **年度会议**把成员聚在一起，名额按报名先后分配。',
          ru: 'Альянс объединяет организации и специалистов, у которых есть мандат, опыт и достижения в посредничестве между наукой и практикой, в переводе исследований в практику или в изучении обучения, педагогики и учебных результатов.\n\n## Кто участвует\n\nИсследователи, руководители и практики — учителя, директора школ, преподаватели педагогических вузов, разработчики программ и специалисты по оценке — как организации или лично, с особым вниманием к странам Глобального Юга.\n\n## Как он работает\n\n- **Секретариат**, который ведёт Сектор образовательной политики, отвечает за повседневную работу Альянса.\n- **Руководящий комитет** решает вопросы членства и приоритетов.\n- **Рабочие группы** готовят доклады, которые любой может прокомментировать до окончательной версии.\n- **Ежегодная встреча** собирает участников; места распределяются в порядке регистрации.',
        },
      },
    ])
    .onConflictDoNothing({ target: sitePages.slug });
}
