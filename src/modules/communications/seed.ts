import { count, eq, inArray } from 'drizzle-orm';
import type { SeedContext } from '../../platform/module.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { NEWSLETTER_TOPICS } from './consent.js';
import { consentEvents, newsletterDeliveries, newsletterIssues, subscriptions, type IssueVersion } from './schema.js';

/**
 * Readers who subscribed on the public form in the months before the 2024 annual meeting (and
 * confirmed by the link): the newsletter's audience when the December 2024 issue went out.
 * Fictional names and addresses. Members join the list later, when the membership seed approves them.
 */
const READERS: { email: string; name: string; locale: Locale; country: string; topics: readonly string[]; on: string }[] = [
  { email: 'sarah.mitchell@learning-trust.example', name: 'Sarah Mitchell', locale: 'en', country: 'GB', topics: ['news', 'publications'], on: '2024-06-12T10:15:00Z' },
  { email: 'grace.mwangi@literacy.example.ke', name: 'Grace Mwangi', locale: 'en', country: 'KE', topics: NEWSLETTER_TOPICS, on: '2024-07-03T07:40:00Z' },
  { email: 'claire.dubois@academie.example.fr', name: 'Claire Dubois', locale: 'fr', country: 'FR', topics: ['news', 'meetings'], on: '2024-06-20T14:05:00Z' },
  { email: 'moussa.traore@ecole.example.ml', name: 'Moussa Traoré', locale: 'fr', country: 'ML', topics: NEWSLETTER_TOPICS, on: '2024-09-18T09:30:00Z' },
  { email: 'tomas.alvarez@universidad.example.ar', name: 'Tomás Álvarez', locale: 'es', country: 'AR', topics: ['news', 'working-groups'], on: '2024-07-25T18:20:00Z' },
  { email: 'valentina.rojas@ministerio.example.cl', name: 'Valentina Rojas', locale: 'es', country: 'CL', topics: ['news', 'publications'], on: '2024-10-02T13:00:00Z' },
  { email: 'nour.elsayed@university.example.eg', name: 'Nour El-Sayed', locale: 'ar', country: 'EG', topics: NEWSLETTER_TOPICS, on: '2024-08-14T08:45:00Z' },
  { email: 'khalid.alharbi@education.example.sa', name: 'Khalid Al-Harbi', locale: 'ar', country: 'SA', topics: ['news', 'meetings'], on: '2024-11-05T11:10:00Z' },
  { email: 'chen.jing@normal-university.example.cn', name: 'Chen Jing', locale: 'zh', country: 'CN', topics: ['news', 'working-groups', 'publications'], on: '2024-06-28T02:30:00Z' },
  { email: 'liu.yang@research.example.cn', name: 'Liu Yang', locale: 'zh', country: 'CN', topics: ['news'], on: '2024-10-21T06:15:00Z' },
  { email: 'anna.kuznetsova@institute.example.ru', name: 'Анна Кузнецова', locale: 'ru', country: 'RU', topics: ['news', 'publications'], on: '2024-08-30T12:50:00Z' },
  { email: 'timur.akhmetov@school.example.kz', name: 'Тимур Ахметов', locale: 'ru', country: 'KZ', topics: NEWSLETTER_TOPICS, on: '2024-11-19T05:25:00Z' },
];

/** The issue sent a week after the 2024 annual meeting in Paris (its dates are that meeting's own), in the six languages. */
function parisIssue(baseUrl: string): Record<Locale, IssueVersion> {
  const agenda = (l: Locale) => `${baseUrl}/${l}/meetings/building-bridges-2024/agenda`;
  return {
    en: {
      subject: 'Building Bridges: what we heard in Paris',
      body: `## Thank you

More than 250 researchers, policymakers and practitioners met at the Alliance’s headquarters in Paris on 2 and 3 December for **Building Bridges to Transform Learning**, the annual meeting of the Global Alliance on the Science of Learning for Education.

## What we heard

- Teachers need evidence they can use in the classroom, in their own language.
- Foundational learning comes first: reading and numeracy in the early grades.
- Technology helps when it is designed for schools that are rarely connected.

## What comes next

1. The working groups revise their reports with what was said in the consultation sessions.
2. Each report then opens for public consultation on this site: anyone may comment, and every comment is answered.
3. The final reports are published in the six languages of the Alliance.

[See the meeting’s programme](${agenda('en')})`,
    },
    fr: {
      subject: 'Jeter des ponts : ce que nous avons entendu à Paris',
      body: `## Merci

Plus de 250 chercheurs, décideurs et praticiens se sont réunis au siège de l’Alliance, à Paris, les 2 et 3 décembre pour **Jeter des ponts pour transformer l’apprentissage**, la réunion annuelle de l’Alliance mondiale pour la science de l’apprentissage au service de l’éducation.

## Ce que nous avons entendu

- Les enseignants ont besoin de données probantes utilisables en classe, dans leur propre langue.
- Les apprentissages fondamentaux passent en premier : la lecture et le calcul dans les premières années.
- La technologie aide lorsqu’elle est conçue pour des écoles rarement connectées.

## La suite

1. Les groupes de travail révisent leurs rapports à partir de ce qui a été dit lors des séances de consultation.
2. Chaque rapport est ensuite soumis à une consultation publique sur ce site : chacun peut le commenter, et chaque commentaire reçoit une réponse.
3. Les rapports définitifs sont publiés dans les six langues de l’Alliance.

[Voir le programme de la réunion](${agenda('fr')})`,
    },
    es: {
      subject: 'Tender puentes: lo que escuchamos en París',
      body: `## Gracias

Más de 250 investigadores, responsables de políticas y docentes se reunieron en la sede de la Alianza, en París, el 2 y el 3 de diciembre en **Tender puentes para transformar el aprendizaje**, la reunión anual de la Alianza Mundial sobre la Ciencia del Aprendizaje para la Educación.

## Lo que escuchamos

- El profesorado necesita evidencia que pueda usar en el aula, en su propio idioma.
- El aprendizaje fundamental es lo primero: la lectura y el cálculo en los primeros grados.
- La tecnología ayuda cuando se diseña para escuelas que rara vez tienen conexión.

## Próximos pasos

1. Los grupos de trabajo revisan sus informes con lo que se dijo en las sesiones de consulta.
2. Después, cada informe se abre a consulta pública en este sitio: cualquier persona puede comentar, y cada comentario recibe respuesta.
3. Los informes finales se publican en los seis idiomas de la Alianza.

[Ver el programa de la reunión](${agenda('es')})`,
    },
    ar: {
      subject: 'بناء الجسور: ما سمعناه في باريس',
      body: `## شكرًا لكم

اجتمع أكثر من 250 باحثًا وصانع سياسات وممارسًا في مقر التحالف في باريس يومي 2 و3 ديسمبر/كانون الأول في **بناء الجسور لتحويل التعلّم**، الاجتماع السنوي للتحالف العالمي لعلوم التعلّم من أجل التعليم.

## ما سمعناه

- يحتاج المعلمون إلى أدلة يمكنهم استخدامها في الفصل الدراسي، وبلغتهم.
- التعلّم الأساسي أولًا: القراءة والحساب في الصفوف الأولى.
- تفيد التكنولوجيا عندما تُصمَّم لمدارس نادرًا ما تتصل بالإنترنت.

## الخطوات التالية

1. تراجع أفرقة العمل تقاريرها في ضوء ما قيل في جلسات التشاور.
2. يُطرح كل تقرير بعد ذلك للتشاور العام على هذا الموقع: يمكن لأي شخص التعليق، ويُردّ على كل تعليق.
3. تُنشر التقارير النهائية باللغات الست للتحالف.

[الاطلاع على برنامج الاجتماع](${agenda('ar')})`,
    },
    zh: {
      subject: '架设桥梁：我们在巴黎听到的声音',
      body: `## 感谢各位

12 月 2 日至 3 日，250 多位研究人员、政策制定者和一线教育工作者齐聚巴黎联盟总部，参加全球学习科学促进教育联盟年度会议“**架设桥梁，变革学习**”。

## 我们听到的声音

- 教师需要能在课堂上使用、并以自己的语言呈现的证据。
- 基础学习是首要任务：低年级的阅读和算术。
- 当技术为难以联网的学校而设计时，才能真正发挥作用。

## 下一步工作

1. 各工作组根据征求意见会上的发言修改报告。
2. 随后，每份报告在本网站公开征求意见：任何人都可以发表评论，每条评论都会得到答复。
3. 最终报告将以联盟的六种语言发布。

[查看会议日程](${agenda('zh')})`,
    },
    ru: {
      subject: 'Наводя мосты: что мы услышали в Париже',
      body: `## Спасибо

2 и 3 декабря более 250 исследователей, руководителей в сфере образовательной политики и практиков собрались в штаб-квартире Альянса в Париже на встречу **Наводя мосты: преобразуя обучение** — ежегодную встречу Глобального альянса «Наука об обучении — образованию».

## Что мы услышали

- Учителям нужны научные данные, которые можно применить в классе, на их родном языке.
- Базовые навыки прежде всего: чтение и счёт в начальных классах.
- Технологии помогают, когда они созданы для школ, где интернет бывает редко.

## Что дальше

1. Рабочие группы дорабатывают свои доклады с учётом сказанного на консультационных сессиях.
2. Затем каждый доклад выносится на общественное обсуждение на этом сайте: комментировать может любой, и на каждый комментарий дают ответ.
3. Окончательные доклады публикуются на всех шести языках Альянса.

[Программа встречи](${agenda('ru')})`,
    },
  };
}

/**
 * The demo's newsletter: its readers, and the issue sent after the 2024 annual meeting, with the
 * delivery of each message as the worker records it, so its figures (recipients, sent) are real.
 */
export async function seedNewsletter({ db, config }: SeedContext): Promise<void> {
  const sentAt = new Date('2024-12-10T09:00:00Z');
  await db.transaction(async (tx) => {
    const added = await tx
      .insert(subscriptions)
      .values(READERS.map((r) => ({ email: r.email, name: r.name, locale: r.locale, topics: [...r.topics], country: r.country, status: 'subscribed', source: 'form', confirmedAt: new Date(new Date(r.on).getTime() + 20 * 60_000), createdAt: new Date(r.on), updatedAt: new Date(r.on) })))
      .onConflictDoNothing({ target: subscriptions.email })
      .returning({ id: subscriptions.id, email: subscriptions.email });
    for (const row of added) {
      const r = READERS.find((x) => x.email === row.email)!;
      const at = new Date(r.on);
      await tx.insert(consentEvents).values([
        { subscriptionId: row.id, at, change: 'requested', source: 'form', detail: { locale: r.locale, topics: NEWSLETTER_TOPICS.filter((t) => r.topics.includes(t)), country: r.country } },
        { subscriptionId: row.id, at: new Date(at.getTime() + 20 * 60_000), change: 'confirmed', source: 'link' },
      ]);
    }

    await tx
      .insert(newsletterIssues)
      .values({ slug: '2024-12', defaultLocale: 'en', status: 'sent', scheduledAt: sentAt, startedAt: sentAt, finishedAt: new Date(sentAt.getTime() + 60_000), versions: parisIssue(config.baseUrl), createdAt: new Date('2024-12-05T15:00:00Z'), updatedAt: new Date('2024-12-09T16:30:00Z') })
      .onConflictDoNothing({ target: newsletterIssues.slug });
    const [issue] = await tx.select({ id: newsletterIssues.id }).from(newsletterIssues).where(eq(newsletterIssues.slug, '2024-12'));
    const readers = await tx.select({ id: subscriptions.id, email: subscriptions.email, locale: subscriptions.locale }).from(subscriptions).where(inArray(subscriptions.email, READERS.map((r) => r.email)));
    readers.sort((a, b) => a.email.localeCompare(b.email));
    if (!readers.length) return;
    await tx
      .insert(newsletterDeliveries)
      .values(readers.map((r, i) => ({ issueId: issue!.id, subscriptionId: r.id, email: r.email, locale: r.locale, status: 'sent', attempts: 1, runAt: sentAt, sentAt: new Date(sentAt.getTime() + (i + 1) * 1000) })))
      .onConflictDoNothing();
    const [{ n }] = await tx.select({ n: count() }).from(newsletterDeliveries).where(eq(newsletterDeliveries.issueId, issue!.id));
    await tx.update(newsletterIssues).set({ recipients: n }).where(eq(newsletterIssues.id, issue!.id));
  });
}
