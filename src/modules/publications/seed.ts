import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { SeedContext } from '../../platform/module.js';
import type { I18nText } from '../../platform/i18n/content.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { Actor } from '../../platform/policy.js';
import { actorByEmail, ensureUser } from '../../platform/auth/service.js';
import { fileStore } from '../../platform/files/storage.js';
import { runDueJobs, type JobHandler } from '../../platform/jobs/queue.js';
import { getWorkingGroup, reportOf } from '../workinggroups/service.js';
import { sessionsOfGroup } from '../meetings/service.js';
import { addCall, addReport, addSeries } from './factories.js';
import {
  addTranslation,
  answerInvitation,
  assignmentsOf,
  callBySlug,
  itemById,
  itemByNumber,
  inviteReviewer,
  PDF_JOB,
  publishNewVersion,
  rebuildSearchIndex,
  saveTags,
  saveWorkingCopy,
  seriesBySlug,
  storeGeneratedPdf,
  submitBrief,
  submitReview,
  takeStep,
  type Action,
  type Audience,
  type Author,
  type CallView,
  type ItemView,
  type Meta,
  type MetaInput,
  type Sdg4Target,
  type reviewBody,
} from './service.js';

/**
 * The demo alliance's publications, written for Bridges' demo data (fictional authors and
 * institutions, not real studies): the 2024 Compendium of Insights with five briefs published
 * through the real workflow (submitted to its call, desk-checked, reviewed, accepted, copy-edited,
 * published), two of them with a translation of the full text and one with a second version; next
 * year's call for briefs, open today, with briefs at three stages of review; and each working
 * group's background report, entered in its series and waiting for the editors.
 *
 * Runs once: a database that has the 2024 Compendium already is left as it is.
 */
export async function seedPublications({ db, config, workerRuns }: SeedContext): Promise<void> {
  // Loaded before: only the search index is made again from the items (a database loaded before search existed).
  if (await seriesBySlug(db, COMPENDIUM_2024)) return void (await rebuildSearchIndex(db));
  const baseUrl = config.baseUrl;

  // ——— The 2024 Compendium and its call (closed since April 2024) ———
  const compendium = await addSeries(db, { slug: COMPENDIUM_2024, prefix: 'CI2024', title: compendiumTitle(2024), description: COMPENDIUM_2024_DESCRIPTION });
  const opened = Date.UTC(2024, 0, 15);
  await addCall(db, { seriesId: compendium, slug: 'compendium-2024-call', title: callTitle(2024), theme: CALL_2024_THEME, opensInDays: (opened - Date.now()) / DAY, days: (Date.UTC(2024, 3, 30, 23, 59, 59) - opened) / DAY });
  const call2024 = await callOf(db, 'compendium-2024-call');

  // Li Wei, of the Steering Committee, edits the Compendium (a series' editor: the scoped role pub_editor).
  const year = demoCallYear();
  const nextSeries = await addSeries(db, { slug: `compendium-${year}`, prefix: `CI${year}`, title: compendiumTitle(year), description: nextDescription(year) });
  await ensureUser(db, { ...EDITOR, roles: [{ role: 'pub_editor', scope: compendium }, { role: 'pub_editor', scope: nextSeries }] });
  const editor = await actor(db, EDITOR);
  const secretariat = await actor(db, SECRETARIAT);
  const flow = new Flow(db, baseUrl, editor);

  const reading = await flow.publish(call2024, READING, {
    submittedOn: '2024-02-20',
    reviews: [
      { reviewer: FATIMA, review: { recommendation: 'minor-revision', toAuthor: 'Note claire et bien argumentée. Il serait utile de préciser dans quel ordre introduire les correspondances lettres-sons, et de dire un mot des langues dont l’orthographe est moins régulière, comme le français.', toEditor: 'Révision mineure : la note pourra être publiée après ces précisions.' } },
      { reviewer: KWAME, review: { recommendation: 'accept', toAuthor: 'A clear, practical brief. The daily lesson routine will be useful to ministries designing teacher guides.', toEditor: 'Ready to publish.' } },
    ],
    revision: {
      firstDraft: READING.body.replace(READING_ORDER_PARAGRAPH, ''),
      note: 'Merci pour cette note, que les relecteurs recommandent. Nous vous demandons de préciser l’ordre d’introduction des correspondances lettres-sons et de mentionner les orthographes moins régulières, comme le suggère l’une des relectures.',
    },
  });
  await flow.translate(reading, 'en', 'human', READING.meta.en!, READING_EN_BODY);

  const retrieval = await flow.publish(call2024, RETRIEVAL, {
    submittedOn: '2024-03-04',
    reviews: [
      { reviewer: IVAN, review: { recommendation: 'accept', toAuthor: 'A useful synthesis. Consider showing how a teacher could plan reviews across a whole term.', toEditor: '' } },
      { reviewer: ANA, review: { recommendation: 'accept', toAuthor: 'Clear and well grounded; the routines are realistic for large classes.', toEditor: 'I recommend publication.' } },
    ],
  });
  const v2 = await publishNewVersion(db, editor, retrieval.id, 'en', { ...metaInput(RETRIEVAL.meta.en!), authors: authorsText(RETRIEVAL.authors), body: RETRIEVAL_V2_BODY, audiences: RETRIEVAL.audiences, note: RETRIEVAL_V2_NOTE });
  if (!v2.ok) throw new Error(`${retrieval.number}: version 2 refused (${v2.message})`);

  await flow.publish(call2024, NUMERACY, {
    submittedOn: '2024-03-18',
    reviews: [{ reviewer: ANA, review: { recommendation: 'accept', toAuthor: 'Una nota muy clara, con actividades que cualquier educadora puede aplicar. Sugiero mencionar también los juegos tradicionales de cada región.', toEditor: 'Recomiendo publicarla.' } }],
  });

  const sleep = await flow.publish(call2024, SLEEP, {
    submittedOn: '2024-04-02',
    reviews: [{ reviewer: FATIMA, review: { recommendation: 'accept', toAuthor: 'موجز واضح ومفيد للمدارس والأسر. أقترح الإشارة إلى أن توقيت الوجبة المدرسية مهمّ أيضًا، إذ تكون أنفع حين تُقدَّم في بداية اليوم الدراسي.', toEditor: 'أوصي بالنشر.' } }],
  });
  await flow.translate(sleep, 'fr', 'machine-assisted', SLEEP.meta.fr!, SLEEP_FR_BODY);

  await flow.publish(call2024, EDTECH, {
    submittedOn: '2024-04-22',
    reviews: [
      { reviewer: LAN, review: { recommendation: 'accept', toAuthor: 'Balanced, and honest about what we do not know. Teacher educators will find the section on why results travel poorly especially useful.', toEditor: 'Recommend publication.' } },
      { reviewer: IVAN, review: { recommendation: 'accept', toAuthor: 'Good. The section on buying for evidence could mention the protection of children’s data.', toEditor: '' } },
    ],
  });

  // ——— Next year's call, open since ten days ago for another 45, and the briefs it has received ———
  await addCall(db, { seriesId: nextSeries, slug: `compendium-${year}-call`, title: callTitle(year), theme: nextTheme(year), opensInDays: -10, days: 55 });
  const nextCall = await callOf(db, `compendium-${year}-call`);
  // In review: one reviewer accepted and is writing; the demo member Nguyen Thi Lan is invited and has not answered yet.
  const guides = await flow.submit(nextCall, GUIDES);
  await flow.steps(guides, ['desk-check', 'send-to-review']);
  await flow.review(guides, { reviewer: IVAN, days: 14 });
  await flow.review(guides, { reviewer: LAN, answer: 'invited' });
  // Revision requested of its author, the demo member Ana Pereira, after one review.
  const readAloud = await flow.submit(nextCall, READ_ALOUD);
  await flow.steps(readAloud, ['desk-check', 'send-to-review']);
  await flow.review(readAloud, { reviewer: LUCIA, review: { recommendation: 'minor-revision', toAuthor: 'Una nota clara y útil. Convendría precisar la edad de los niños en los estudios citados y añadir un ejemplo, paso a paso, de una sesión de lectura dialogada de quince minutos.', toEditor: 'Revisión menor: la evidencia está bien resumida.' } });
  await flow.steps(readAloud, ['request-revision'], 'Gracias por su nota. Como sugiere la revisión, le pedimos que añada un ejemplo de sesión de lectura dialogada y que indique la edad de los niños en los estudios citados. Puede enviar la versión revisada desde esta página.');
  // Just submitted: waiting for the desk check.
  await flow.submit(nextCall, ASSESSMENT);

  // ——— The working groups' background reports, entered in their series and not yet published ———
  for (const r of REPORTS) {
    const group = await getWorkingGroup(db, r.group);
    if (!group) continue;
    const seriesId = await addSeries(db, { slug: `${r.group}-reports`, kind: 'reports', prefix: r.prefix, title: r.seriesTitle, description: r.seriesDescription, workingGroupId: group.id });
    const source = await reportOf(db, null, group, r.report);
    const newest = source?.versions.at(-1);
    const chair = await actor(db, r.chair);
    const added = await addReport(db, {
      seriesId,
      submittedBy: chair.id,
      locale: 'en',
      authors: r.authors,
      meta: Object.fromEntries(Object.entries(r.meta).map(([l, m]) => [l, toBlock(m)])) as Meta,
      // The group's newest version, without its title (the page's own heading).
      body: newest ? newest.markdown.replace(/^# .*\n+/, '') : r.meta.en!.abstract,
      audiences: ['policymaker', 'practitioner'],
      reportId: source?.report.id ?? null,
    });
    if (r.deskChecked) await step(db, secretariat, added.id, 'desk-check', '', baseUrl);
    // Where it was discussed: the group's consultation sessions at the Alliance's meetings (its provenance, with the consultations held on its report).
    const discussed = (await sessionsOfGroup(db, r.group)).filter((s) => s.session.kind === 'consultation').map((s) => s.session.id);
    const tagged = await saveTags(db, secretariat, added.id, { audiences: ['policymaker', 'practitioner'], countries: [], sdgTargets: r.sdgTargets, sessionIds: discussed });
    if (!tagged.ok) throw new Error(`demo publications: tags of ${added.number} refused (${tagged.message})`);
  }

  // The published versions' PDFs, drawn and kept now as the worker would (publishing queued their
  // jobs); left to the worker when one runs (npm start's first start: the demo is ready sooner, and a
  // PDF asked for before its job ran is drawn there and then).
  if (workerRuns) return;
  const files = fileStore(db, config);
  const drawPdf: JobHandler = (payload, job) => storeGeneratedPdf(job.db, files, String(payload.versionId), job.baseUrl);
  while (await runDueJobs(db, { [PDF_JOB]: drawPdf }, { baseUrl, only: [PDF_JOB] }));
}

/** The slug of the 2024 Compendium (its presence means the demo's publications are loaded). */
export const COMPENDIUM_2024 = 'compendium-2024';
/** The year of the Compendium whose call the demo has open: next year. */
export const demoCallYear = (now = new Date()) => now.getUTCFullYear() + 1;

const DAY = 86_400_000;

// ——— How the demo's items go through the workflow, with the real verbs ———

interface Person {
  email: string;
  name: string;
  locale: Locale;
}

interface DemoMeta {
  title: string;
  abstract: string;
  summary: string;
  keywords: string[];
  recommendations: string[];
}

interface DemoBrief {
  locale: Locale;
  submitter: Person;
  authors: Author[];
  audiences: Audience[];
  /** The describing texts: the brief's own language first, then those the editors added. */
  meta: Partial<Record<Locale, DemoMeta>>;
  body: string;
}

interface DemoReview {
  reviewer: Person;
  /** Left at 'invited': the reviewer has not answered. */
  answer?: 'accept' | 'invited';
  review?: Pick<z.output<typeof reviewBody>, 'recommendation' | 'toAuthor' | 'toEditor'>;
  days?: number;
}

const metaInput = (m: DemoMeta): MetaInput => ({ title: m.title, abstract: m.abstract, summary: m.summary, keywords: m.keywords.join(', '), recommendations: m.recommendations.join('\n') });
const toBlock = (m: DemoMeta) => ({ title: m.title, abstract: m.abstract, summary: m.summary, keywords: m.keywords, recommendations: m.recommendations.join('\n') });
/** "Name (Affiliation)", one a line, as the submission form takes them. */
const authorsText = (authors: Author[]) => authors.map((a) => (a.affiliation ? `${a.name} (${a.affiliation})` : a.name)).join('\n');

async function actor(db: Db, p: Person): Promise<Actor> {
  await ensureUser(db, p);
  return (await actorByEmail(db, p.email))!;
}

async function callOf(db: Db, slug: string): Promise<CallView> {
  return (await callBySlug(db, slug))!;
}

async function step(db: Db, who: Actor, itemId: string, action: Action, note: string, baseUrl: string): Promise<void> {
  const r = await takeStep(db, who, itemId, action, note, { baseUrl });
  if (!r.ok) throw new Error(`demo publications: ${action} refused (${r.reason})`);
}

class Flow {
  constructor(
    private readonly db: Db,
    private readonly baseUrl: string,
    private readonly editor: Actor,
  ) {}

  /** The brief submitted to the call by its author, on `on` (a day the call was open) or today. */
  async submit(call: CallView, brief: DemoBrief, on?: string, body = brief.body): Promise<ItemView> {
    const author = await actor(this.db, brief.submitter);
    const r = await submitBrief(
      this.db,
      author,
      call,
      { ...metaInput(brief.meta[brief.locale]!), locale: brief.locale, authors: authorsText(brief.authors), body, audiences: brief.audiences, ...BRIEF_TAGS.get(brief) },
      { baseUrl: this.baseUrl, now: on ? new Date(`${on}T10:00:00Z`) : undefined },
    );
    if (!r.ok) throw new Error(`demo publications: submission refused (${r.message})`);
    return (await itemByNumber(this.db, r.number))!;
  }

  async steps(item: ItemView, actions: Action[], note = ''): Promise<void> {
    for (const a of actions) await step(this.db, this.editor, item.id, a, note, this.baseUrl);
  }

  /** A reviewer invited in the item's current round, who accepts and writes their review (or leaves the invitation open). */
  async review(item: ItemView, r: DemoReview): Promise<void> {
    const invited = await inviteReviewer(this.db, this.editor, item.id, { email: r.reviewer.email, name: r.reviewer.name, days: r.days ?? 21 }, { baseUrl: this.baseUrl, locale: r.reviewer.locale });
    if (!invited.ok) throw new Error(`demo publications: invitation refused (${invited.message})`);
    if (r.answer === 'invited') return;
    const reviewer = await actor(this.db, r.reviewer);
    const now = (await itemById(this.db, item.id))!;
    const assignment = (await assignmentsOf(this.db, this.editor, now)).find((a) => a.reviewerId === reviewer.id && a.round === now.round)!;
    const answered = await answerInvitation(this.db, reviewer, assignment.id, { answer: 'accept', conflict: undefined });
    if (!answered.ok) throw new Error(`demo publications: answer refused (${answered.message})`);
    if (!r.review) return;
    const reviewed = await submitReview(this.db, reviewer, assignment.id, { ...r.review, toEditor: r.review.toEditor || undefined });
    if (!reviewed.ok) throw new Error(`demo publications: review refused (${reviewed.message})`);
  }

  /**
   * A brief from submission to publication: desk check, a round of review, a revision when the
   * editors ask for one, acceptance, copy-editing (where the editors add the describing texts in the
   * other languages), publication as version 1.
   */
  async publish(call: CallView, brief: DemoBrief, opts: { submittedOn: string; reviews: DemoReview[]; revision?: { firstDraft: string; note: string } }): Promise<ItemView> {
    const item = await this.submit(call, brief, opts.submittedOn, opts.revision?.firstDraft);
    await this.steps(item, ['desk-check', 'send-to-review']);
    for (const r of opts.reviews) await this.review(item, r);
    const working = { authors: authorsText(brief.authors), audiences: brief.audiences };
    if (opts.revision) {
      await this.steps(item, ['request-revision'], opts.revision.note);
      const author = await actor(this.db, brief.submitter);
      await saveWorkingCopy(this.db, author, item.id, brief.locale, { ...metaInput(brief.meta[brief.locale]!), ...working, body: brief.body });
      await step(this.db, author, item.id, 'revise', '', this.baseUrl);
    }
    await this.steps(item, ['accept', 'copyedit']);
    for (const [locale, m] of Object.entries(brief.meta) as [Locale, DemoMeta][]) {
      if (locale !== brief.locale) await saveWorkingCopy(this.db, this.editor, item.id, locale, { ...metaInput(m), ...working, body: brief.body });
    }
    await this.steps(item, ['publish']);
    return (await itemById(this.db, item.id))!;
  }

  /** The full text translated, as a record of its own linked to the original, then published. */
  async translate(original: ItemView, locale: Locale, method: 'human' | 'machine-assisted', meta: DemoMeta, body: string): Promise<void> {
    const r = await addTranslation(this.db, this.editor, original.id, { locale, method, ...metaInput(meta), body });
    if (!r.ok) throw new Error(`demo publications: translation refused (${r.message})`);
    await this.steps((await itemByNumber(this.db, r.number))!, ['publish']);
  }
}

// ——— The people (the demo's own; made here if the other modules' seeds have not made them) ———

const SECRETARIAT: Person = { email: 'secretariat@alliance.example', name: 'Alliance Secretariat', locale: 'en' };
const EDITOR: Person = { email: 'li.wei@steering.example', name: 'Li Wei', locale: 'zh' };
const AWA: Person = { email: 'direction@ifse.example.org', name: 'Awa Ndiaye', locale: 'fr' };
const KWAME: Person = { email: 'kwame.mensah@example.org', name: 'Kwame Mensah', locale: 'en' };
const LUCIA: Person = { email: 'red@aprendizaje.example.org', name: 'Lucía Herrera', locale: 'es' };
const OMAR: Person = { email: 'contact@arab-learning.example.org', name: 'Omar Haddad', locale: 'ar' };
const PRIYA: Person = { email: 'info@edtech-evidence.example.org', name: 'Priya Raman', locale: 'en' };
const ANA: Person = { email: 'ana.pereira@example.org', name: 'Ana Pereira', locale: 'es' };
const IVAN: Person = { email: 'ivan.petrov@example.org', name: 'Ivan Petrov', locale: 'ru' };
const LAN: Person = { email: 'nguyen.lan@example.org', name: 'Nguyen Thi Lan', locale: 'en' };
const WANJIRU: Person = { email: 'wanjiru@clr.example.org', name: 'Wanjiru Kamau', locale: 'en' };
const FATIMA: Person = { email: 'fatima.zahra@example.org', name: 'Fatima Zahra Benali', locale: 'fr' };

// ——— The series and the calls ———

const compendiumTitle = (year: number): I18nText => ({
  en: `Compendium of Insights on the Science of Learning for Education ${year}`,
  fr: `Recueil d’éclairages sur la science de l’apprentissage au service de l’éducation ${year}`,
  es: `Compendio de aportes de la ciencia del aprendizaje para la educación ${year}`,
  ar: `خلاصة رؤى علوم التعلّم من أجل التعليم ${year}`,
  zh: `学习科学促进教育洞见汇编（${year}年）`,
  ru: `Сборник аналитических записок «Наука об обучении — образованию», ${year}`,
});

const COMPENDIUM_2024_DESCRIPTION: I18nText = {
  en: 'Short, peer-reviewed briefs on what the science of learning tells teachers and policymakers, written by researchers and practitioners from every region. Each brief sets out its evidence, a plain-language summary and recommendations for policy.',
  fr: 'Des notes courtes, évaluées par les pairs, sur ce que la science de l’apprentissage apporte aux enseignants et aux décideurs, rédigées par des chercheurs et des praticiens de toutes les régions. Chaque note présente ses données probantes, un résumé en langage simple et des recommandations pour l’action publique.',
  es: 'Notas breves, revisadas por pares, sobre lo que la ciencia del aprendizaje aporta a docentes y responsables de políticas, escritas por investigadores y profesionales de todas las regiones. Cada nota presenta su evidencia, un resumen en lenguaje sencillo y recomendaciones de política.',
  ar: 'موجزات قصيرة خضعت لتحكيم الأقران، تعرض ما يقدّمه علم التعلّم للمعلمين وصانعي السياسات، كتبها باحثون وممارسون من جميع المناطق. ويتضمّن كل موجز الأدلة التي يستند إليها، وملخّصًا بلغة مبسّطة، وتوصيات للسياسات.',
  zh: '由各地区研究人员和实践者撰写、经同行评审的简短政策简报，介绍学习科学能为教师和政策制定者带来的启示。每篇简报均列出所依据的证据，并附通俗摘要和政策建议。',
  ru: 'Краткие рецензируемые записки о том, что наука об обучении может дать учителям и руководителям в сфере образования; их авторы — исследователи и практики из всех регионов. В каждой записке — данные, на которых она основана, краткое изложение простым языком и рекомендации для политики.',
};

const nextDescription = (year: number): I18nText => ({
  en: `The ${year} Compendium: short, peer-reviewed briefs on learning that lasts, submitted in answer to the Alliance’s call for briefs.`,
  fr: `Le Recueil ${year} : des notes courtes, évaluées par les pairs, sur les apprentissages qui durent, soumises en réponse à l’appel à notes de l’Alliance.`,
  es: `El Compendio ${year}: notas breves, revisadas por pares, sobre aprendizajes que perduran, presentadas en respuesta a la convocatoria de la Alianza.`,
  ar: `خلاصة عام ${year}: موجزات قصيرة خضعت لتحكيم الأقران عن التعلّم الذي يدوم، قُدّمت استجابةً لدعوة التحالف إلى تقديم الموجزات.`,
  zh: `${year}年汇编：响应联盟征稿、经同行评审的简短政策简报，主题为持久的学习。`,
  ru: `Сборник ${year} года: краткие рецензируемые записки о знаниях, которые остаются надолго, присланные в ответ на призыв Альянса.`,
});

const callTitle = (year: number): I18nText => ({
  en: `Call for briefs: Compendium of Insights ${year}`,
  fr: `Appel à notes : Recueil d’éclairages ${year}`,
  es: `Convocatoria de notas: Compendio de aportes ${year}`,
  ar: `دعوة إلى تقديم موجزات: خلاصة الرؤى ${year}`,
  zh: `征稿启事：${year}年洞见汇编`,
  ru: `Приём записок в Сборник ${year} года`,
});

const CALL_2024_THEME: I18nText = {
  en: 'Foundational learning and the science behind it: short briefs on what research says about how children learn to read, write, count and remember, and on what teachers and ministries can do with it.',
  fr: 'Les apprentissages fondamentaux et la science qui les éclaire : des notes courtes sur ce que la recherche dit de la manière dont les enfants apprennent à lire, à écrire, à compter et à retenir, et sur ce que les enseignants et les ministères peuvent en faire.',
  es: 'El aprendizaje fundamental y la ciencia que lo explica: notas breves sobre lo que la investigación dice acerca de cómo los niños aprenden a leer, escribir, contar y recordar, y sobre lo que docentes y ministerios pueden hacer con ello.',
  ar: 'التعلّم التأسيسي والعلم الذي يفسّره: موجزات قصيرة عمّا تقوله البحوث عن كيفية تعلّم الأطفال القراءة والكتابة والحساب والتذكّر، وعمّا يمكن أن يفعله المعلمون والوزارات بذلك.',
  zh: '基础学习及其背后的科学：征集简短的政策简报，介绍研究对儿童如何学习阅读、写作、计算和记忆的认识，以及教师和教育部门可以如何运用这些认识。',
  ru: 'Базовое обучение и наука, которая его объясняет: краткие записки о том, что исследования говорят о том, как дети учатся читать, писать, считать и запоминать, и как учителя и министерства могут использовать эти знания.',
};

const nextTheme = (year: number): I18nText => ({
  en: `Learning that lasts. For the ${year} Compendium, the Alliance invites short briefs (up to 2,000 words, in any of the six official languages) on what the science of learning says about helping students remember, understand and use what they learn — retrieval and spaced practice, feedback, the language of instruction, sleep, nutrition and well-being — and on how schools and ministries can put it into practice at scale. Briefs are peer-reviewed and published with a plain-language summary and policy recommendations.`,
  fr: `Des apprentissages qui durent. Pour le Recueil ${year}, l’Alliance invite à soumettre des notes courtes (2 000 mots au plus, dans l’une des six langues officielles) sur ce que la science de l’apprentissage dit de la manière d’aider les élèves à retenir, à comprendre et à utiliser ce qu’ils apprennent — récupération et pratique espacée, rétroaction, langue d’enseignement, sommeil, nutrition et bien-être — et sur la façon dont les écoles et les ministères peuvent le mettre en pratique à grande échelle. Les notes sont évaluées par les pairs et publiées avec un résumé en langage simple et des recommandations pour l’action publique.`,
  es: `Aprendizajes que perduran. Para el Compendio ${year}, la Alianza invita a presentar notas breves (hasta 2000 palabras, en cualquiera de los seis idiomas oficiales) sobre lo que la ciencia del aprendizaje dice acerca de cómo ayudar a los estudiantes a recordar, comprender y usar lo que aprenden —práctica de recuperación y práctica espaciada, retroalimentación, lengua de enseñanza, sueño, nutrición y bienestar— y sobre cómo las escuelas y los ministerios pueden llevarlo a la práctica a gran escala. Las notas se revisan por pares y se publican con un resumen en lenguaje sencillo y recomendaciones de política.`,
  ar: `تعلّم يدوم. يدعو التحالف، من أجل خلاصة عام ${year}، إلى تقديم موجزات قصيرة (لا تتجاوز 2000 كلمة، بأيّ من اللغات الرسمية الست) عمّا يقوله علم التعلّم بشأن مساعدة التلاميذ على تذكّر ما يتعلّمونه وفهمه واستخدامه — ممارسة الاسترجاع والتمرين المتباعد، والتغذية الراجعة، ولغة التدريس، والنوم، والتغذية، والرفاه — وعن سُبل تطبيق ذلك على نطاق واسع في المدارس والوزارات. تخضع الموجزات لتحكيم الأقران، وتُنشر مع ملخّص بلغة مبسّطة وتوصيات للسياسات.`,
  zh: `持久的学习。为编写${year}年汇编，联盟征集简短的政策简报（不超过2000词，可使用六种正式语文中的任何一种），介绍学习科学关于如何帮助学生记住、理解和运用所学知识的发现——提取练习与间隔练习、反馈、教学语言、睡眠、营养与身心健康——以及学校和教育部门如何大规模付诸实践。简报经同行评审后发表，并附通俗摘要和政策建议。`,
  ru: `Знания, которые остаются надолго. Для Сборника ${year} года Альянс приглашает присылать краткие записки (не более 2000 слов, на любом из шести официальных языков) о том, что наука об обучении говорит о том, как помочь ученикам запоминать, понимать и применять изученное, — практика извлечения и интервальное повторение, обратная связь, язык обучения, сон, питание и благополучие, — и о том, как школы и министерства могут внедрять это в широком масштабе. Записки проходят рецензирование и публикуются с кратким изложением простым языком и рекомендациями для политики.`,
});

// ——— The 2024 briefs ———

const READING_ORDER_PARAGRAPH = `L’ordre compte : on commence par les lettres les plus fréquentes et les plus faciles à prononcer isolément, pour que les enfants lisent de vrais mots dès les premières semaines. Dans les langues dont l’orthographe est moins régulière, comme le français, les mots irréguliers les plus courants sont enseignés à part, comme des mots outils.

`;

const READING: DemoBrief = {
  locale: 'fr',
  submitter: AWA,
  authors: [
    { name: 'Awa Ndiaye', affiliation: 'Institut pour la science de l’éducation, Dakar' },
    { name: 'Mamadou Traoré', affiliation: 'Centre régional de recherche en éducation, Bamako' },
    { name: 'Hélène Rasoanaivo', affiliation: 'Laboratoire des langues et de l’éducation, Antananarivo' },
  ],
  audiences: ['policymaker', 'practitioner'],
  meta: {
    fr: {
      title: 'Apprendre à lire dans la langue que parle l’enfant : l’enseignement explicite des correspondances lettres-sons',
      abstract:
        'Dans de nombreux pays, les enfants apprennent à lire dans une langue qu’ils parlent peu ou pas. La recherche sur l’apprentissage de la lecture converge pourtant : les enfants décodent plus vite quand on leur enseigne de façon explicite et systématique les correspondances entre lettres et sons, dans une langue dont ils connaissent déjà les mots. Cette note résume ces données, décrit ce que contient une leçon efficace au quotidien et montre comment le passage progressif à une seconde langue d’enseignement peut s’appuyer sur les acquis de la première. Elle propose aux ministères quatre choix de politique peu coûteux.',
      summary: 'Les enfants apprennent à lire plus vite et mieux quand on leur enseigne pas à pas quel son correspond à quelle lettre, dans la langue qu’ils parlent à la maison. Ils apprennent ensuite plus facilement à lire dans une deuxième langue.',
      keywords: ['lecture', 'décodage', 'langue maternelle', 'correspondances lettres-sons', 'premières années'],
      recommendations: [
        'Enseigner la lecture d’abord dans une langue que les enfants parlent et comprennent.',
        'Fournir des guides de leçons quotidiennes et des livrets décodables dans ces langues.',
        'Consacrer au moins 60 minutes par jour à la lecture pendant les deux premières années.',
        'Évaluer chaque année la lecture à voix haute d’un échantillon d’élèves de deuxième année.',
      ],
    },
    en: {
      title: 'Learning to read in the language children speak: explicit teaching of letter–sound correspondences',
      abstract:
        'In many countries, children learn to read in a language they barely speak, if at all. Yet research on learning to read converges: children decode faster when the links between letters and sounds are taught explicitly and systematically, in a language whose words they already know. This brief summarises that evidence, describes what an effective daily lesson contains, and shows how a gradual move to a second language of instruction can build on what children learned in the first. It proposes four low-cost policy choices for ministries.',
      summary: 'Children learn to read faster and better when they are taught, step by step, which sound goes with which letter, in the language they speak at home. They then find it easier to learn to read in a second language.',
      keywords: ['reading', 'decoding', 'mother tongue', 'letter–sound correspondences', 'early grades'],
      recommendations: [
        'Teach reading first in a language children speak and understand.',
        'Provide daily lesson guides and decodable booklets in those languages.',
        'Give reading at least 60 minutes a day in the first two grades.',
        'Assess oral reading every year in a sample of second-grade pupils.',
      ],
    },
    es: {
      title: 'Aprender a leer en la lengua que hablan los niños: la enseñanza explícita de las correspondencias entre letras y sonidos',
      abstract:
        'En muchos países, los niños aprenden a leer en una lengua que apenas hablan, o que no hablan en absoluto. Sin embargo, la investigación sobre el aprendizaje de la lectura coincide: los niños decodifican más rápido cuando se les enseñan de forma explícita y sistemática las correspondencias entre letras y sonidos, en una lengua cuyas palabras ya conocen. Esta nota resume esa evidencia, describe lo que contiene una buena clase diaria y muestra cómo el paso gradual a una segunda lengua de enseñanza puede apoyarse en lo aprendido en la primera. Propone a los ministerios cuatro decisiones de política de bajo costo.',
      summary: 'Los niños aprenden a leer más rápido y mejor cuando se les enseña, paso a paso, qué sonido corresponde a cada letra, en la lengua que hablan en casa. Después les resulta más fácil aprender a leer en una segunda lengua.',
      keywords: ['lectura', 'decodificación', 'lengua materna', 'correspondencias entre letras y sonidos', 'primeros grados'],
      recommendations: [
        'Enseñar a leer primero en una lengua que los niños hablen y comprendan.',
        'Proporcionar guías de clase diarias y cuadernillos decodificables en esas lenguas.',
        'Dedicar al menos 60 minutos diarios a la lectura en los dos primeros grados.',
        'Evaluar cada año la lectura en voz alta de una muestra de alumnos de segundo grado.',
      ],
    },
    ar: {
      title: 'تعلّم القراءة باللغة التي يتحدّثها الطفل: التعليم الصريح للعلاقة بين الحروف والأصوات',
      abstract:
        'في بلدان كثيرة، يتعلّم الأطفال القراءة بلغة لا يكادون يتحدّثونها، أو لا يتحدّثونها أصلًا. ومع ذلك تتّفق البحوث في تعلّم القراءة على أن الأطفال يفكّون رموز الكلمات بسرعة أكبر حين تُعلَّم لهم العلاقة بين الحروف والأصوات تعليمًا صريحًا ومنهجيًا، بلغة يعرفون مفرداتها مسبقًا. يلخّص هذا الموجز تلك الأدلة، ويصف مكوّنات الدرس اليومي الفعّال، ويبيّن كيف يمكن للانتقال التدريجي إلى لغة تدريس ثانية أن يبني على ما تعلّمه الأطفال باللغة الأولى. ويقترح على الوزارات أربعة خيارات سياساتية منخفضة الكلفة.',
      summary: 'يتعلّم الأطفال القراءة أسرع وأفضل حين نعلّمهم خطوة بخطوة أيّ صوت يقابل كل حرف، باللغة التي يتحدّثونها في البيت. ويسهل عليهم بعد ذلك تعلّم القراءة بلغة ثانية.',
      keywords: ['القراءة', 'فكّ الرموز', 'اللغة الأم', 'العلاقة بين الحروف والأصوات', 'الصفوف الأولى'],
      recommendations: [
        'تعليم القراءة أولًا بلغة يتحدّثها الأطفال ويفهمونها.',
        'توفير أدلة دروس يومية وكتيّبات قراءة متدرّجة مبنية على الحروف المكتسبة بتلك اللغات.',
        'تخصيص 60 دقيقة يوميًا على الأقل للقراءة في الصفّين الأول والثاني.',
        'تقييم القراءة الجهرية سنويًا لدى عيّنة من تلاميذ الصف الثاني.',
      ],
    },
    zh: {
      title: '用儿童所说的语言学习阅读：明确教授字母与发音的对应关系',
      abstract:
        '在许多国家，儿童是用一种他们几乎不会说、甚至完全不会说的语言学习阅读的。然而，关于阅读学习的研究结论高度一致：如果用儿童已经熟悉其词汇的语言，明确而系统地教授字母与发音之间的对应关系，儿童的解码速度会更快。本简报总结了相关证据，介绍了有效的日常课堂应包含哪些环节，并说明如何在儿童第一语言所学的基础上，逐步过渡到第二教学语言。简报最后就教育政策提出了四项低成本的选择，供教育部门参考。',
      summary: '如果用儿童在家里说的语言，一步一步地教他们每个字母对应什么发音，他们就能学得更快、读得更好。之后，他们学习用第二种语言阅读也会更容易。',
      keywords: ['阅读', '解码', '母语', '字母与发音对应', '低年级'],
      recommendations: ['首先用儿童会说、能听懂的语言教授阅读。', '用这些语言提供每日教案和可解码读本。', '在一、二年级每天至少安排60分钟阅读教学。', '每年对二年级学生样本进行朗读测评。'],
    },
    ru: {
      title: 'Учиться читать на языке, на котором говорит ребёнок: явное обучение соответствиям между буквами и звуками',
      abstract:
        'Во многих странах дети учатся читать на языке, которым почти или совсем не владеют. Между тем исследования обучения чтению сходятся: дети быстрее овладевают декодированием, когда соответствиям между буквами и звуками учат явно и систематически — на языке, слова которого им уже знакомы. В записке обобщены эти данные, описано, из чего состоит эффективный ежедневный урок, и показано, как постепенный переход ко второму языку обучения может опираться на то, чему дети научились на первом. Министерствам предлагаются четыре недорогих решения.',
      summary: 'Дети быстрее и лучше учатся читать, когда им шаг за шагом объясняют, какой звук соответствует какой букве, — на языке, на котором они говорят дома. Потом им легче научиться читать и на втором языке.',
      keywords: ['чтение', 'декодирование', 'родной язык', 'соответствия букв и звуков', 'начальные классы'],
      recommendations: [
        'Обучать чтению сначала на языке, на котором дети говорят и который понимают.',
        'Обеспечить учителей ежедневными планами уроков, а детей — декодируемыми книжками на этих языках.',
        'Отводить на чтение не менее 60 минут в день в первых двух классах.',
        'Ежегодно оценивать чтение вслух у выборки учеников второго класса.',
      ],
    },
  },
  body: `## Ce que dit la recherche

Lire, c’est d’abord transformer des signes écrits en sons, puis en mots que l’on connaît. Les études menées dans des systèmes d’écriture très différents — alphabets latin et arabe, syllabaires — montrent que cette étape, le décodage, s’apprend mieux quand elle est enseignée de manière explicite : une correspondance à la fois, dans un ordre réfléchi, avec beaucoup de pratique.

${READING_ORDER_PARAGRAPH}Le décodage ne suffit pas : l’enfant doit comprendre ce qu’il lit. C’est là que la langue compte. Un enfant qui décode un mot qu’il connaît à l’oral le reconnaît aussitôt ; s’il ne le connaît pas, l’effort ne débouche sur rien. Enseigner la lecture dans la langue de l’enfant permet aux deux apprentissages de se renforcer.

## Une leçon efficace, au quotidien

- une nouvelle correspondance lettre-son, présentée et modelée par l’enseignant ;
- la fusion des sons pour lire des syllabes et des mots, à voix haute et en chœur ;
- la lecture d’un court texte décodable, composé uniquement des lettres déjà apprises ;
- une courte dictée pour relier lecture et écriture ;
- chaque semaine, une vérification rapide de ce que chaque enfant sait faire.

## Vers une seconde langue

Les compétences acquises dans la première langue se transfèrent : un enfant qui sait décoder en wolof ou en bambara apprend plus vite à lire en français. La transition fonctionne quand elle est planifiée — l’oral de la seconde langue enseigné dès la première année, l’écrit introduit progressivement à partir de la deuxième ou de la troisième — et quand les enseignants parlent eux-mêmes la langue de leurs élèves.

## Ce que cela coûte

Une fois conçus, les guides de leçons et les livrets décodables coûtent peu par enfant. L’investissement principal est la production de textes dans chaque langue et la formation des enseignants à leur usage.`,
};

/** Its translation into English, by a translator. */
const READING_EN_BODY = `## What research says

Reading starts with turning written signs into sounds, then into words one knows. Studies in very different writing systems — the Latin and Arabic alphabets, syllabaries — show that this step, decoding, is learned best when it is taught explicitly: one correspondence at a time, in a planned order, with plenty of practice.

Order matters: teaching starts with the most frequent letters, and those easiest to pronounce on their own, so that children read real words in their first weeks. In languages whose spelling is less regular, such as French or English, the commonest irregular words are taught separately, as sight words.

Decoding is not enough: children must understand what they read. This is where language matters. A child who decodes a word they know orally recognises it at once; if they do not know it, the effort leads nowhere. Teaching reading in the child’s own language lets the two kinds of learning reinforce each other.

## An effective lesson, every day

- a new letter–sound correspondence, introduced and modelled by the teacher;
- blending sounds to read syllables and words, aloud and together;
- reading a short decodable text made only of the letters already learned;
- a short dictation linking reading and writing;
- every week, a quick check of what each child can do.

## Towards a second language

Skills learned in the first language transfer: a child who can decode in Wolof or Bambara learns to read French faster. The transition works when it is planned — the second language taught orally from the first grade, its written form introduced gradually from the second or third — and when teachers themselves speak their pupils’ language.

## What it costs

Once designed, lesson guides and decodable booklets cost little per child. The main investment is producing texts in each language and training teachers to use them.`;

const RETRIEVAL_V1_ROUTINES = `- **Brain dumps**: two minutes at the start of a lesson writing down everything students remember about last week’s topic.
- **Weekly low-stakes quizzes**, marked by students themselves, with no grade recorded.
- **Cumulative homework** that mixes new problems with problems from earlier units.`;

const retrievalBody = (spacing: string, routines: string, example: string) => `## What the evidence says

Recalling something from memory is not only a way to check learning: it changes memory itself. In hundreds of experiments, and a growing number of classroom trials, students who practise recalling material — through quizzes, flashcards or simply writing down what they remember — retain more weeks later than students who spend the same time re-reading. The benefit holds across ages, subjects and countries.

${spacing}

## Routines that work in large classes

Neither technique needs equipment. Teachers in classes of fifty or more have used:

${routines}
${example}
## What gets in the way

Students and teachers often prefer re-reading because it feels fluent; retrieval feels harder, and the difficulty is mistaken for failure. Curricula that cover each topic once, and examinations that test each unit at its end, reward cramming. Textbooks rarely include review questions from earlier chapters.

## What systems can do

Curriculum authorities can plan for topics to return; textbook publishers can add cumulative review; examination boards can test earlier material; and teacher education can show teachers the evidence and let them feel the effect for themselves.`;

const RETRIEVAL: DemoBrief = {
  locale: 'en',
  submitter: KWAME,
  authors: [
    { name: 'Kwame Mensah', affiliation: 'Centre for Classroom Research, Accra' },
    { name: 'Rahul Nair', affiliation: 'Institute for Secondary Education Studies, Kochi' },
    { name: 'Camila Rojas', affiliation: 'Instituto de Investigación Educativa del Sur, Valparaíso' },
  ],
  audiences: ['practitioner', 'policymaker'],
  meta: {
    en: {
      title: 'Remembering what was taught: retrieval practice and spaced review in secondary classrooms',
      abstract:
        'Students forget much of what they are taught within weeks unless they return to it. Two of the most robust findings of the science of learning — that recalling information strengthens memory more than re-reading it (retrieval practice), and that reviews spread over time work better than the same time massed together (spacing) — are still rarely built into secondary teaching. This brief summarises the evidence from laboratory and classroom studies, describes low-cost routines teachers can use in classes of fifty or more, and sets out what curriculum authorities and examination boards can do to make retrieval and spacing the norm rather than the exception.',
      summary: 'Students remember more when they try to recall what they learned instead of reading it again, and when reviews are spread over weeks. Short weekly quizzes with no marks at stake are a cheap way to do both.',
      keywords: ['retrieval practice', 'spacing', 'memory', 'secondary education', 'formative assessment'],
      recommendations: [
        'Build short, low-stakes recall activities into every lesson plan and textbook chapter.',
        'Organise curricula so that each topic returns several times across the year.',
        'Train teachers in retrieval and spacing during initial and in-service education.',
        'Align examinations with cumulative learning rather than end-of-unit recall.',
      ],
    },
    fr: {
      title: 'Retenir ce qui a été enseigné : pratique de la récupération et révisions espacées au secondaire',
      abstract:
        'Les élèves oublient en quelques semaines une grande partie de ce qu’on leur enseigne, à moins d’y revenir. Deux des résultats les plus solides de la science de l’apprentissage — se remémorer une information la consolide davantage que la relire (pratique de la récupération), et des révisions réparties dans le temps valent mieux que le même temps concentré en une fois (espacement) — restent rarement intégrés à l’enseignement secondaire. Cette note résume les données issues d’études en laboratoire et en classe, décrit des routines peu coûteuses utilisables dans des classes de cinquante élèves ou plus, et indique ce que les autorités chargées des programmes et des examens peuvent faire pour que récupération et espacement deviennent la règle plutôt que l’exception.',
      summary: 'Les élèves retiennent davantage quand ils essaient de se rappeler ce qu’ils ont appris plutôt que de le relire, et quand les révisions sont réparties sur plusieurs semaines. De courts quiz hebdomadaires, sans note, permettent de faire les deux à moindre coût.',
      keywords: ['pratique de la récupération', 'espacement', 'mémoire', 'enseignement secondaire', 'évaluation formative'],
      recommendations: [
        'Intégrer de courtes activités de rappel, sans enjeu, à chaque plan de leçon et à chaque chapitre de manuel.',
        'Organiser les programmes pour que chaque notion revienne plusieurs fois dans l’année.',
        'Former les enseignants à la récupération et à l’espacement, en formation initiale et continue.',
        'Aligner les examens sur des apprentissages cumulatifs plutôt que sur le rappel en fin d’unité.',
      ],
    },
    es: {
      title: 'Recordar lo enseñado: práctica de recuperación y repaso espaciado en la educación secundaria',
      abstract:
        'Los estudiantes olvidan en pocas semanas gran parte de lo que se les enseña, a menos que vuelvan sobre ello. Dos de los hallazgos más sólidos de la ciencia del aprendizaje —que evocar una información la fija en la memoria mejor que releerla (práctica de recuperación) y que los repasos distribuidos en el tiempo rinden más que el mismo tiempo concentrado en una sola sesión (espaciado)— rara vez forman parte de la enseñanza secundaria. Esta nota resume la evidencia de estudios de laboratorio y de aula, describe rutinas de bajo costo para clases de cincuenta estudiantes o más y plantea lo que las autoridades curriculares y de exámenes pueden hacer para que la recuperación y el espaciado sean la norma y no la excepción.',
      summary: 'Los estudiantes recuerdan más cuando intentan evocar lo aprendido en lugar de releerlo, y cuando los repasos se reparten a lo largo de varias semanas. Breves cuestionarios semanales sin calificación permiten hacer ambas cosas a bajo costo.',
      keywords: ['práctica de recuperación', 'espaciado', 'memoria', 'educación secundaria', 'evaluación formativa'],
      recommendations: [
        'Incluir breves actividades de evocación, sin consecuencias para la nota, en cada plan de clase y cada capítulo del libro de texto.',
        'Organizar los currículos de modo que cada tema vuelva varias veces a lo largo del año.',
        'Formar a los docentes en recuperación y espaciado, en la formación inicial y continua.',
        'Alinear los exámenes con el aprendizaje acumulativo y no con el recuerdo al final de cada unidad.',
      ],
    },
    ar: {
      title: 'تذكّر ما تعلّمناه: ممارسة الاسترجاع والمراجعة المتباعدة في فصول المرحلة الثانوية',
      abstract:
        'ينسى التلاميذ في غضون أسابيع كثيرًا مما يتعلّمونه ما لم يعودوا إليه. ومن أرسخ نتائج علم التعلّم أن استرجاع المعلومة من الذاكرة يثبّتها أكثر من إعادة قراءتها (ممارسة الاسترجاع)، وأن المراجعة الموزّعة على فترات أنجع من تخصيص الوقت نفسه لها دفعة واحدة (التباعد). ومع ذلك نادرًا ما تُدمج هاتان الممارستان في التدريس في المرحلة الثانوية. يلخّص هذا الموجز الأدلة المستمدّة من الدراسات المخبرية والصفّية، ويصف ممارسات منخفضة الكلفة تصلح لفصول تضمّ خمسين تلميذًا أو أكثر، ويبيّن ما يمكن أن تفعله الجهات المسؤولة عن المناهج والامتحانات لتصبح ممارسة الاسترجاع والتباعد هي القاعدة لا الاستثناء.',
      summary: 'يتذكّر التلاميذ أكثر حين يحاولون استرجاع ما تعلّموه بدل إعادة قراءته، وحين تتوزّع المراجعة على عدة أسابيع. والاختبارات القصيرة الأسبوعية التي لا تُحتسب في الدرجات طريقة زهيدة الكلفة لتحقيق الأمرين معًا.',
      keywords: ['ممارسة الاسترجاع', 'التباعد', 'الذاكرة', 'التعليم الثانوي', 'التقييم التكويني'],
      recommendations: [
        'إدراج أنشطة تذكّر قصيرة لا تُحتسب في الدرجات في كل خطة درس وفي كل فصل من الكتاب المدرسي.',
        'تنظيم المناهج بحيث يعود كل موضوع عدة مرات خلال العام.',
        'تدريب المعلمين على الاسترجاع والتباعد في التكوين الأولي والتدريب أثناء الخدمة.',
        'مواءمة الامتحانات مع التعلّم التراكمي بدل الاقتصار على تذكّر كل وحدة في نهايتها.',
      ],
    },
    zh: {
      title: '记住所学：中学课堂中的提取练习与间隔复习',
      abstract:
        '学生所学的内容如果不加复习，几周内就会忘掉大半。学习科学中最可靠的两项发现是：从记忆中提取信息比重读更能巩固记忆（提取练习）；把复习分散在不同时间，比把同样的时间集中在一次完成效果更好（间隔效应）。然而，这两种做法在中学教学中仍很少见。本简报总结了来自实验室和课堂研究的证据，介绍了适用于五十人以上大班的低成本常规做法，并提出课程和考试主管部门可以采取哪些措施，使提取练习和间隔复习成为常态而非例外。',
      summary: '学生尝试回忆所学内容，而不是重新阅读，并把复习分散在几周内进行，就能记得更多。每周进行不计分的简短小测验，是同时做到这两点的低成本方法。',
      keywords: ['提取练习', '间隔复习', '记忆', '中等教育', '形成性评价'],
      recommendations: ['在每份教案和每章教材中加入简短、不计分的回忆活动。', '合理安排课程，使每个主题在一学年中多次出现。', '在职前和在职教师培训中教授提取练习和间隔复习。', '使考试侧重累积性学习，而不只是单元结束时的记忆。'],
    },
    ru: {
      title: 'Помнить то, чему учили: практика извлечения и интервальное повторение в средней школе',
      abstract:
        'За несколько недель ученики забывают большую часть пройденного, если к нему не возвращаться. Два самых надёжных вывода науки об обучении — припоминание закрепляет информацию в памяти лучше, чем перечитывание (практика извлечения), а повторение, распределённое во времени, эффективнее, чем то же время, потраченное за один раз (интервальное повторение), — по-прежнему редко используются в средней школе. В записке обобщены данные лабораторных и школьных исследований, описаны недорогие приёмы, применимые в классах из пятидесяти и более учеников, и показано, что могут сделать органы, отвечающие за программы и экзамены, чтобы извлечение и интервальное повторение стали нормой, а не исключением.',
      summary: 'Ученики запоминают больше, когда пытаются вспомнить изученное, а не перечитывают его, и когда повторение распределено на несколько недель. Короткие еженедельные проверочные задания без отметок — дешёвый способ добиться и того и другого.',
      keywords: ['практика извлечения', 'интервальное повторение', 'память', 'среднее образование', 'формирующее оценивание'],
      recommendations: [
        'Включать короткие упражнения на припоминание без отметок в каждый план урока и каждую главу учебника.',
        'Строить программы так, чтобы каждая тема возвращалась несколько раз в течение года.',
        'Обучать учителей практике извлечения и интервальному повторению при подготовке и повышении квалификации.',
        'Ориентировать экзамены на накопленные знания, а не на воспроизведение материала в конце каждого раздела.',
      ],
    },
  },
  body: retrievalBody(
    'Spacing multiplies the effect. Reviewing a topic again later, rather than straight away, leads to more durable learning than reviewing it the same number of times in one sitting. Cramming works for tomorrow’s test; spacing works for next year.',
    RETRIEVAL_V1_ROUTINES,
    '',
  ),
};

const RETRIEVAL_V2_BODY = retrievalBody(
  'Spacing multiplies the effect. Reviewing a topic a few days after it was first taught, then again a few weeks later, leads to more durable learning than reviewing it the same number of times in one sitting. Cramming works for tomorrow’s test; spacing works for next year.',
  RETRIEVAL_V1_ROUTINES.replace('\n- **Weekly', '\n- **Three questions from the past**: each lesson opens with one question on the last lesson, one on last month and one on last term.\n- **Weekly'),
  `
A teacher with five mathematics lessons a week can, for instance, open Monday’s lesson with questions on the previous week, Wednesday’s with questions on the previous month, and give Friday’s homework one problem from each unit taught so far.
`,
);

const RETRIEVAL_V2_NOTE = 'Adds a routine suggested by teachers in Ghana (“three questions from the past”) and an example of a week’s reviews, and states the intervals between reviews more precisely.';

const NUMERACY: DemoBrief = {
  locale: 'es',
  submitter: LUCIA,
  authors: [
    { name: 'Lucía Herrera', affiliation: 'Red de Aprendizaje' },
    { name: 'Mateo Quispe Mamani', affiliation: 'Instituto de Estudios de la Primera Infancia, La Paz' },
    { name: 'Valentina Ortiz', affiliation: 'Centro de Investigación en Educación Inicial, Montevideo' },
  ],
  audiences: ['practitioner', 'policymaker'],
  meta: {
    es: {
      title: 'Contar jugando: la numeración temprana a través del juego',
      abstract:
        'Las bases de la matemática se forman antes de la escuela primaria: contar con sentido, comparar cantidades, reconocer cuántos objetos hay sin contarlos y ubicar números en una recta. Los estudios con niños de tres a seis años muestran que los juegos de mesa con casillas numeradas en línea, las canciones y las actividades cotidianas de medir y repartir mejoran estas habilidades, sobre todo en niños de hogares con menos recursos. Esta nota resume la evidencia, describe el juego guiado —en el que el adulto acompaña sin dirigir— y propone cómo incorporarlo a la educación inicial con materiales de bajo costo.',
      summary: 'Los niños pequeños aprenden mucha matemática jugando: contar fichas, comparar quién tiene más, medir con pasos. Cuando un adulto juega con ellos y les hace preguntas, llegan a la escuela mejor preparados.',
      keywords: ['numeración temprana', 'juego guiado', 'educación inicial', 'sentido numérico'],
      recommendations: [
        'Incluir metas de numeración temprana en los currículos de educación inicial.',
        'Formar a las educadoras en juego guiado con materiales sencillos y locales.',
        'Entregar a las familias juegos numéricos de bajo costo y orientaciones para usarlos.',
      ],
    },
    en: {
      title: 'Counting through play: early numeracy before school',
      abstract:
        'The foundations of mathematics are laid before primary school: counting with meaning, comparing quantities, seeing how many objects there are without counting them, and placing numbers on a line. Studies with children aged three to six show that board games with numbered squares in a line, songs and everyday activities of measuring and sharing improve these skills, especially for children from poorer homes. This brief summarises the evidence, describes guided play — in which the adult accompanies without directing — and proposes how to build it into early childhood education with low-cost materials.',
      summary: 'Young children learn a lot of mathematics through play: counting counters, comparing who has more, measuring with footsteps. When an adult plays with them and asks questions, they arrive at school better prepared.',
      keywords: ['early numeracy', 'guided play', 'early childhood education', 'number sense'],
      recommendations: [
        'Include early numeracy goals in early childhood curricula.',
        'Train educators in guided play with simple, local materials.',
        'Give families low-cost number games and guidance on how to use them.',
      ],
    },
    fr: {
      title: 'Compter en jouant : les premiers apprentissages numériques par le jeu',
      abstract:
        'Les bases des mathématiques se construisent avant l’école primaire : compter en donnant du sens, comparer des quantités, voir combien il y a d’objets sans les compter, placer des nombres sur une ligne. Les études menées auprès d’enfants de trois à six ans montrent que les jeux de plateau à cases numérotées alignées, les comptines et les activités quotidiennes de mesure et de partage renforcent ces compétences, surtout chez les enfants de familles pauvres. Cette note résume les données, décrit le jeu guidé — où l’adulte accompagne sans diriger — et propose des moyens de l’intégrer à l’éducation préscolaire avec du matériel peu coûteux.',
      summary: 'Les jeunes enfants apprennent beaucoup de mathématiques en jouant : compter des jetons, comparer qui en a le plus, mesurer à grands pas. Quand un adulte joue avec eux et leur pose des questions, ils arrivent mieux préparés à l’école.',
      keywords: ['premiers apprentissages numériques', 'jeu guidé', 'éducation préscolaire', 'sens du nombre'],
      recommendations: [
        'Inscrire des objectifs de numératie précoce dans les programmes du préscolaire.',
        'Former les éducatrices et éducateurs au jeu guidé avec du matériel simple et local.',
        'Remettre aux familles des jeux de nombres peu coûteux, avec des conseils d’utilisation.',
      ],
    },
  },
  body: `## Por qué importa antes de la escuela

Las habilidades numéricas con las que un niño entra a primer grado anticipan su rendimiento en matemática años después, tanto o más que sus habilidades de lectura. Las diferencias entre niños de distintos niveles socioeconómicos ya son visibles a los cuatro años, pero también están entre las más fáciles de reducir.

## Lo que dice la evidencia

El sentido numérico se construye con experiencias repetidas: contar objetos de uno en uno, decir cuántos hay en total, comparar dos colecciones, ver que siete está más cerca de ocho que de dos. Los juegos de mesa en los que una ficha avanza por casillas numeradas en línea recta dan a los niños una imagen de la recta numérica; unas pocas sesiones breves bastan para mejorar su manera de estimar y comparar números.

El juego libre, por sí solo, no siempre lleva a la matemática. Lo que marca la diferencia es el **juego guiado**: el adulto propone el material, observa y hace preguntas —«¿cuántas tienes ahora?», «¿quién tiene más?», «¿cómo lo sabes?»— sin convertir el juego en una lección.

## Actividades de bajo costo

- Juegos de recorrido con casillas del 1 al 10 dibujadas en cartón.
- Canciones y rimas con los dedos para contar hacia adelante y hacia atrás.
- Repartir frutas o semillas en partes iguales y comprobar si alcanzan para todos.
- Medir la sala con pasos, cuerdas o bloques y comparar los resultados.

## Condiciones para que funcione

Las educadoras necesitan una formación práctica, con ejemplos de preguntas y tiempo para ensayar. Las familias pueden sumarse: un juego de mesa numérico y una hoja con ideas, enviados a casa, amplían el tiempo de práctica sin costo adicional para la escuela.`,
};

const SLEEP: DemoBrief = {
  locale: 'ar',
  submitter: OMAR,
  authors: [
    { name: 'Omar Haddad', affiliation: 'Arab Network for Learning, Amman' },
    { name: 'Leila Mansour', affiliation: 'Centre for Child Development Studies, Beirut' },
    { name: 'Youssef El Amrani', affiliation: 'Institute for Educational Research, Rabat' },
  ],
  audiences: ['policymaker', 'practitioner'],
  meta: {
    ar: {
      title: 'النوم والانتباه والتغذية: شروط التعلّم التي تبدأ خارج الفصل',
      abstract:
        'لا يتعلّم التلميذ بذهنه وحده، بل بجسده أيضًا. تُظهر أبحاث علم التعلّم أن قلّة النوم تُضعف الانتباه وتثبيت المعلومات في الذاكرة، وأن الجوع ونقص الحديد واليود يحدّان من القدرة على التركيز والتعلّم، وأن الانتباه يتراجع مع طول الحصص دون فواصل. يلخّص هذا الموجز الأدلة المتعلقة بهذه العوامل الثلاثة لدى تلاميذ المرحلتين الابتدائية والمتوسطة، ويعرض تدابير منخفضة الكلفة في متناول المدارس والوزارات: وجبات مدرسية مغذّية، ومواعيد دراسية تراعي حاجة المراهقين إلى النوم، وفواصل حركية قصيرة خلال اليوم الدراسي.',
      summary: 'يتعلّم الأطفال أفضل عندما ينامون جيدًا ويأكلون جيدًا ويحصلون على فواصل قصيرة للحركة. فالوجبة المدرسية المغذّية، وبدء الدراسة في ساعة مناسبة، ودقائق من النشاط بين الحصص، كلها تساعد على التركيز والتذكّر.',
      keywords: ['النوم', 'الانتباه', 'التغذية المدرسية', 'الذاكرة', 'الصحة المدرسية'],
      recommendations: [
        'توفير وجبة مدرسية مغذّية، ولا سيما في المناطق التي ينتشر فيها سوء التغذية.',
        'مراجعة مواعيد بدء الدراسة في المرحلتين المتوسطة والثانوية بما يراعي حاجة المراهقين إلى النوم.',
        'إدراج فواصل حركية قصيرة بين الحصص الطويلة.',
        'توعية الأسر بأهمية النوم المنتظم والحدّ من استخدام الشاشات قبل النوم.',
      ],
    },
    en: {
      title: 'Sleep, attention and nutrition: the conditions for learning that begin outside the classroom',
      abstract:
        'Pupils learn with their bodies as well as their minds. Research on the science of learning shows that lack of sleep weakens attention and the consolidation of memories, that hunger and iron and iodine deficiencies limit the ability to concentrate and learn, and that attention declines over long lessons without breaks. This brief summarises the evidence on these three factors among primary and lower-secondary pupils and sets out low-cost measures within reach of schools and ministries: nutritious school meals, school start times that respect adolescents’ need for sleep, and short movement breaks during the school day.',
      summary: 'Children learn better when they sleep well, eat well and get short breaks to move. A nutritious school meal, a sensible start time and a few minutes of activity between lessons all help pupils concentrate and remember.',
      keywords: ['sleep', 'attention', 'school meals', 'memory', 'school health'],
      recommendations: [
        'Provide a nutritious school meal, especially where malnutrition is common.',
        'Review school start times in lower and upper secondary to respect adolescents’ need for sleep.',
        'Build short movement breaks into long lessons.',
        'Inform families about regular sleep and limiting screens before bedtime.',
      ],
    },
    fr: {
      title: 'Sommeil, attention et nutrition : ces conditions de l’apprentissage qui commencent hors de la classe',
      abstract:
        'L’élève n’apprend pas seulement avec sa tête, mais aussi avec son corps. La recherche en science de l’apprentissage montre que le manque de sommeil affaiblit l’attention et la consolidation des souvenirs, que la faim et les carences en fer et en iode limitent la capacité à se concentrer et à apprendre, et que l’attention baisse au fil de longues leçons sans pause. Cette note résume les données sur ces trois facteurs chez les élèves du primaire et du collège et présente des mesures peu coûteuses à la portée des écoles et des ministères : des repas scolaires nutritifs, des horaires de début des cours adaptés au besoin de sommeil des adolescents et de courtes pauses actives pendant la journée.',
      summary: 'Les enfants apprennent mieux quand ils dorment bien, mangent bien et peuvent bouger un peu entre deux activités. Un repas scolaire nutritif, une heure de début des cours raisonnable et quelques minutes de mouvement entre les leçons aident les élèves à se concentrer et à retenir.',
      keywords: ['sommeil', 'attention', 'alimentation scolaire', 'mémoire', 'santé scolaire'],
      recommendations: [
        'Offrir un repas scolaire nutritif, en particulier là où la malnutrition est répandue.',
        'Revoir les heures de début des cours au collège et au lycée pour respecter le besoin de sommeil des adolescents.',
        'Prévoir de courtes pauses actives entre les longues leçons.',
        'Sensibiliser les familles à l’importance d’un sommeil régulier et à la limitation des écrans avant le coucher.',
      ],
    },
  },
  body: `## النوم والذاكرة

في أثناء النوم يعيد الدماغ تنظيم ما تعلّمه الطفل خلال النهار ويثبّته في الذاكرة. والأطفال الذين ينامون أقل من حاجتهم يجدون صعوبة أكبر في الانتباه وضبط انفعالاتهم، ويتذكّرون أقل مما تعلّموه. ويحتاج أطفال المرحلة الابتدائية إلى تسع ساعات من النوم على الأقل، والمراهقون إلى ثماني ساعات على الأقل، غير أن ساعتهم البيولوجية تتأخّر، فيصعب عليهم النوم مبكرًا والاستيقاظ باكرًا.

## التغذية والانتباه

يؤثّر الجوع مباشرة في قدرة التلميذ على التركيز. وتبيّن التقييمات التي أُجريت في بلدان عدة أن الوجبات المدرسية تزيد الحضور المدرسي وتحسّن الانتباه، ولا سيما لدى الأطفال الأكثر فقرًا. كما يرتبط نقص الحديد واليود بضعف الانتباه والذاكرة، ويمكن معالجته بأغذية مدعّمة منخفضة الكلفة.

## الانتباه خلال اليوم الدراسي

لا يستطيع الأطفال الحفاظ على انتباههم مدة طويلة دون انقطاع. وتساعدهم فواصل حركية قصيرة — دقيقتان أو ثلاث دقائق بين نشاطين — على استعادة التركيز، دون أن تقتطع من وقت التعلّم.

## تدابير في متناول المدارس

- وجبة مدرسية تضمّ البروتين والخضار، تُعدّ من منتجات محلية قدر الإمكان؛
- جدول يومي يضع المواد الأكثر تطلّبًا للجهد الذهني بعد وجبة الفطور؛
- فواصل حركية قصيرة بين الحصص، يقودها المعلم أو التلاميذ؛
- لقاءات مع الأسر حول عادات النوم واستخدام الشاشات مساءً.

## ما ينبغي التنبّه إليه

ليست هذه التدابير بديلًا عن التعليم الجيد، بل شرطًا له. فالوجبة المدرسية لا تحسّن التعلّم إذا بقيت الدروس على حالها، لكنها تمنح التلميذ القدرة على الاستفادة منها.`,
};

/** Its translation into French, made with a machine's help and checked by an editor. */
const SLEEP_FR_BODY = `## Le sommeil et la mémoire

Pendant le sommeil, le cerveau réorganise ce que l’enfant a appris dans la journée et le consolide en mémoire. Les enfants qui dorment moins que nécessaire ont plus de mal à rester attentifs et à maîtriser leurs émotions, et retiennent moins de ce qu’ils ont appris. Les enfants du primaire ont besoin d’au moins neuf heures de sommeil, les adolescents d’au moins huit heures ; or leur horloge biologique se décale, si bien qu’il leur est difficile de s’endormir tôt et de se lever de bonne heure.

## L’alimentation et l’attention

La faim affecte directement la capacité de l’élève à se concentrer. Les évaluations menées dans plusieurs pays montrent que les repas scolaires augmentent la fréquentation scolaire et améliorent l’attention, en particulier chez les enfants les plus pauvres. Les carences en fer et en iode sont également liées à une attention et à une mémoire plus faibles ; elles peuvent être corrigées par des aliments enrichis peu coûteux.

## L’attention au cours de la journée

Les enfants ne peuvent pas rester attentifs longtemps sans interruption. De courtes pauses actives — deux ou trois minutes entre deux activités — les aident à retrouver leur concentration, sans empiéter sur le temps d’apprentissage.

## Des mesures à la portée des écoles

- un repas scolaire comprenant des protéines et des légumes, préparé autant que possible avec des produits locaux ;
- un emploi du temps qui place les matières les plus exigeantes après le petit-déjeuner ;
- de courtes pauses actives entre les leçons, menées par l’enseignant ou par les élèves ;
- des rencontres avec les familles sur les habitudes de sommeil et l’usage des écrans le soir.

## Ce qu’il faut garder à l’esprit

Ces mesures ne remplacent pas un enseignement de qualité : elles en sont une condition. Un repas scolaire n’améliore pas les apprentissages si les leçons restent les mêmes, mais il donne à l’élève les moyens d’en profiter.`;

const EDTECH: DemoBrief = {
  locale: 'en',
  submitter: PRIYA,
  authors: [
    { name: 'Priya Raman', affiliation: 'EdTech Evidence Hub' },
    { name: 'Tomás Ferreira', affiliation: 'Observatório de Tecnologia Educacional, Recife' },
    { name: 'Grace Achieng', affiliation: 'Digital Learning Lab, Kisumu' },
  ],
  audiences: ['policymaker', 'researcher'],
  meta: {
    en: {
      title: 'What the evidence on education technology says — and what it does not',
      abstract:
        'Spending on education technology has grown faster than the evidence about it. Rigorous evaluations from low- and middle-income countries point to a few uses that reliably improve learning — software that adapts practice to each child’s level, and structured lessons delivered by phone or radio with follow-up from teachers — and to one that reliably does not: distributing devices without changing teaching. For most other uses, the honest answer is that we do not know yet. This brief separates the three, explains why results from one context travel poorly to another, and suggests how ministries can buy and test technology so that the next decision rests on evidence.',
      summary: 'Some uses of technology help children learn, such as programs that give each child practice at the right level. Handing out tablets or laptops does not, on its own. For many products there is not enough evidence yet, so test before buying at scale.',
      keywords: ['education technology', 'adaptive learning', 'cost-effectiveness', 'evidence', 'procurement'],
      recommendations: [
        'Start from a learning problem and ask what technology adds to what teachers already do.',
        'Fund small, well-measured pilots before national roll-outs, and publish their results.',
        'Count the full cost per child over five years, including maintenance and training.',
        'Require providers to share learning data and evaluations as a condition of purchase.',
      ],
    },
    fr: {
      title: 'Ce que disent les données sur les technologies éducatives — et ce qu’elles ne disent pas',
      abstract:
        'Les dépenses consacrées aux technologies éducatives ont augmenté plus vite que les connaissances à leur sujet. Les évaluations rigoureuses menées dans des pays à revenu faible et intermédiaire désignent quelques usages qui améliorent de façon fiable les apprentissages — les logiciels qui adaptent les exercices au niveau de chaque enfant, et les leçons structurées diffusées par téléphone ou par radio avec un suivi par les enseignants — et un usage qui, tout aussi sûrement, ne les améliore pas : distribuer des appareils sans changer la façon d’enseigner. Pour la plupart des autres usages, la réponse honnête est que nous ne savons pas encore. Cette note distingue ces trois cas, explique pourquoi les résultats obtenus dans un contexte se transposent mal à un autre et propose aux ministères une manière d’acheter et de tester les technologies pour que la décision suivante repose sur des données.',
      summary: 'Certains usages de la technologie aident les enfants à apprendre, comme les logiciels qui font travailler chaque enfant à son niveau. Distribuer des tablettes ou des ordinateurs ne suffit pas. Pour beaucoup de produits, les données manquent encore : il faut tester avant d’acheter à grande échelle.',
      keywords: ['technologies éducatives', 'apprentissage adaptatif', 'coût-efficacité', 'données probantes', 'marchés publics'],
      recommendations: [
        'Partir d’un problème d’apprentissage et se demander ce que la technologie ajoute au travail des enseignants.',
        'Financer des projets pilotes modestes et bien mesurés avant tout déploiement national, et en publier les résultats.',
        'Calculer le coût complet par enfant sur cinq ans, maintenance et formation comprises.',
        'Exiger des fournisseurs qu’ils partagent les données d’apprentissage et les évaluations comme condition d’achat.',
      ],
    },
    es: {
      title: 'Lo que dice la evidencia sobre la tecnología educativa, y lo que no dice',
      abstract:
        'El gasto en tecnología educativa ha crecido más rápido que la evidencia sobre ella. Las evaluaciones rigurosas realizadas en países de ingreso bajo y mediano señalan algunos usos que mejoran el aprendizaje de manera fiable —los programas que adaptan la práctica al nivel de cada niño y las clases estructuradas por teléfono o radio con seguimiento docente— y uno que, con igual fiabilidad, no lo mejora: repartir dispositivos sin cambiar la forma de enseñar. Para la mayoría de los demás usos, la respuesta honesta es que todavía no lo sabemos. Esta nota distingue los tres casos, explica por qué los resultados de un contexto se trasladan mal a otro y sugiere cómo los ministerios pueden comprar y probar tecnología para que la próxima decisión se base en evidencia.',
      summary: 'Algunos usos de la tecnología ayudan a aprender, como los programas que dan a cada niño práctica a su nivel. Repartir tabletas o computadoras no basta por sí solo. Para muchos productos aún falta evidencia: conviene probar antes de comprar a gran escala.',
      keywords: ['tecnología educativa', 'aprendizaje adaptativo', 'costo-efectividad', 'evidencia', 'compras públicas'],
      recommendations: [
        'Partir de un problema de aprendizaje y preguntarse qué añade la tecnología al trabajo docente.',
        'Financiar pilotos pequeños y bien medidos antes de cualquier despliegue nacional, y publicar sus resultados.',
        'Calcular el costo total por niño a cinco años, incluidos el mantenimiento y la formación.',
        'Exigir a los proveedores que compartan datos de aprendizaje y evaluaciones como condición de compra.',
      ],
    },
  },
  body: `## What we know works

**Adaptive practice.** Software that finds out what a child can do and gives practice at that level has improved mathematics and, less consistently, reading in several countries. It helps most where classes are large and children’s levels vary widely — exactly where a teacher cannot do it alone.

**Structured remote lessons with human follow-up.** During school closures, short lessons by radio, text message or phone call, combined with a weekly call from a teacher, kept learning going for many children. The call mattered as much as the content.

## What we know does not work on its own

Distributing laptops or tablets without changing how lessons are taught has, in evaluation after evaluation, left learning unchanged. Devices are used for other things, content does not match the curriculum, and machines break with no one to repair them.

## What we do not know yet

For most products on the market — learning apps, interactive whiteboards, virtual reality, AI tutors — there are few or no rigorous evaluations in low- and middle-income countries. Absence of evidence is not evidence of failure, but it is a reason for caution with public money.

## Why results travel poorly

A programme that worked in one country may fail in another because of:

- the language of the content and of the children;
- electricity, connectivity and maintenance;
- how much time teachers and children actually spend with it;
- what the children would have been doing otherwise.

## Buying for evidence

Ministries can write evaluation into procurement: pay providers partly on measured learning, require access to anonymised usage and learning data, and scale only what has been tested in the country’s own schools.`,
};

// ——— Briefs submitted to next year's call ———

const GUIDES: DemoBrief = {
  locale: 'en',
  submitter: WANJIRU,
  authors: [
    { name: 'Wanjiru Kamau', affiliation: 'Centre for Learning Research, Nairobi' },
    { name: 'Joseph Mwale', affiliation: 'Teacher Education Unit, Lilongwe' },
  ],
  audiences: ['policymaker', 'practitioner'],
  meta: {
    en: {
      title: 'Teacher guides that teachers use: structured pedagogy in low-income settings',
      abstract:
        'Structured pedagogy — daily lesson guides for teachers, matched books for every child and regular coaching — is among the most cost-effective ways to improve foundational learning in low-income countries. But guides fail when they are too long, too rigid or written in a language teachers do not use in class. Drawing on programme reviews and interviews with teachers in East Africa, this brief describes what distinguishes guides that teachers actually use: short routines with room to adapt, lessons that fit the real timetable, and coaching that starts from what teachers see in their own classrooms. It closes with questions ministries should ask before adopting a guide.',
      summary: 'Pupils learn to read and count better when their teachers get simple daily lesson plans, books for every child and a coach who visits. Guides must be short, fit the school day and be written in the teachers’ language.',
      keywords: ['structured pedagogy', 'teacher guides', 'coaching', 'foundational learning'],
      recommendations: [
        'Test lesson guides with teachers for a full term before printing them at scale.',
        'Keep each daily lesson to one page, timed to the real timetable.',
        'Budget for coaching visits at least once a month for the first two years.',
      ],
    },
  },
  body: `## Why structure helps

Many teachers in low-income settings teach classes of sixty or more, with few books and little initial training in how to teach reading or mathematics. A well-designed guide gives them a sequence to follow, activities that work with large groups, and the confidence that the whole curriculum will be covered by the end of the year.

## What makes a guide usable

Our interviews with teachers point to four qualities:

1. **Short lessons**: one page a day, readable in a few minutes before class.
2. **Routines that repeat**: the same lesson structure every day, so that teachers and children learn the routine once and then focus on the content.
3. **Room to adapt**: suggestions for children who are ahead or behind, rather than one script for all.
4. **The teachers’ language**: instructions written in the language teachers speak with their pupils, not only in the official language.

## Coaching is not optional

Guides without coaching are often left on the shelf. Coaches who observe a lesson, discuss one thing to improve and come back a month later help teachers move from reading the guide to teaching with it. Where visits are rare, phone calls and messaging groups can fill the gap between them.

## Questions to ask before adopting a guide

- Was it tested in schools like ours, for at least a term?
- Does each lesson fit in the time the timetable gives?
- Are there enough books for every child?
- Who will coach the teachers, and how often?`,
};

const READ_ALOUD: DemoBrief = {
  locale: 'es',
  submitter: ANA,
  authors: [
    { name: 'Ana Pereira', affiliation: 'Instituto de Educación' },
    { name: 'Diego Salazar', affiliation: 'Programa de Primera Infancia, Quito' },
  ],
  audiences: ['practitioner'],
  meta: {
    es: {
      title: 'Leer en voz alta para ampliar el vocabulario en la educación inicial',
      abstract:
        'El vocabulario que un niño conoce a los cinco años anticipa en buena medida su comprensión lectora en la escuela primaria. La lectura en voz alta es una de las formas más sencillas de ampliarlo, sobre todo cuando el adulto no solo lee, sino que conversa con los niños sobre el cuento: hace preguntas abiertas, explica palabras nuevas y les pide que vuelvan a contar la historia. Esta nota resume la evidencia sobre la lectura dialogada en aulas de educación inicial y en los hogares, y propone cómo las escuelas y los programas de primera infancia pueden aprovecharla con libros en las lenguas de los niños.',
      summary: 'Leer cuentos en voz alta y conversar sobre ellos ayuda a los niños pequeños a aprender palabras nuevas. Esas palabras les servirán después para comprender lo que leen en la escuela.',
      keywords: ['vocabulario', 'lectura dialogada', 'educación inicial', 'comprensión lectora'],
      recommendations: [
        'Reservar un momento diario de lectura dialogada en cada aula de educación inicial.',
        'Dotar a las aulas de libros ilustrados en las lenguas que hablan los niños.',
        'Formar a educadoras y familias en el uso de preguntas abiertas y en la explicación de palabras nuevas.',
      ],
    },
  },
  body: `## Por qué importa el vocabulario

Para comprender un texto hay que conocer la mayoría de sus palabras. Los niños que llegan a la escuela con un vocabulario amplio comprenden mejor lo que leen en cuanto aprenden a decodificar; los que llegan con un vocabulario reducido se quedan atrás aunque lean con fluidez.

## Leer y conversar

La lectura en voz alta mejora el vocabulario, pero su efecto crece cuando se convierte en una conversación. En la **lectura dialogada**, el adulto:

- hace preguntas abiertas («¿qué crees que va a pasar?», «¿por qué está triste?»);
- explica brevemente las palabras nuevas y las vuelve a usar;
- amplía lo que dice el niño con una frase más completa;
- invita al niño a contar la historia con sus propias palabras.

## En el aula y en casa

En el aula, sesiones de quince a veinte minutos con grupos pequeños permiten que todos los niños hablen. En casa, incluso las familias que leen poco pueden mirar las ilustraciones con sus hijos y conversar sobre ellas.

## Lo que falta

En muchas aulas hay pocos libros, y casi ninguno en las lenguas que los niños hablan en casa. Sin libros adecuados, ni la mejor formación basta.`,
};

const ASSESSMENT: DemoBrief = {
  locale: 'ru',
  submitter: IVAN,
  authors: [
    { name: 'Ivan Petrov', affiliation: 'Centre for Assessment' },
    { name: 'Aigerim Saparova', affiliation: 'Institute of Pedagogical Measurement, Almaty' },
  ],
  audiences: ['practitioner', 'policymaker'],
  meta: {
    ru: {
      title: 'Формирующее оценивание в начальной школе: короткие проверки, которые помогают учить',
      abstract:
        'Оценивание в начальной школе часто сводится к отметкам, которые сообщают результат, но не помогают учить. Формирующее оценивание устроено иначе: учитель регулярно и быстро выясняет, что каждый ребёнок уже умеет, и сразу меняет урок. Исследования показывают, что такие короткие проверки в сочетании с ясной обратной связью и занятиями по уровню подготовки заметно улучшают результаты по чтению и математике, особенно у отстающих учеников. В записке описаны простые приёмы, которые не требуют дополнительных материалов, и условия, при которых школы и министерства могут применять их в больших классах.',
      summary: 'Когда учитель часто и быстро проверяет, что уже понял каждый ученик, и сразу меняет урок, дети учатся лучше. Для этого не нужны ни отметки, ни дорогие тесты.',
      keywords: ['формирующее оценивание', 'обратная связь', 'начальная школа', 'обучение по уровню подготовки'],
      recommendations: [
        'Включить приёмы формирующего оценивания в подготовку и повышение квалификации учителей.',
        'Разделить отметки и обратную связь: не каждая проверка должна заканчиваться отметкой.',
        'Дать учителям простые инструменты, позволяющие за несколько минут проверить навыки чтения и счёта.',
      ],
    },
  },
  body: `## Зачем проверять чаще

Учитель, который узнаёт о трудностях ученика только на контрольной в конце четверти, узнаёт о них слишком поздно. Короткая проверка в начале или в конце урока показывает, кто понял новую тему, а кому нужно объяснить ещё раз, — пока это ещё можно сделать.

## Простые приёмы

- **Карточки с ответами**: каждый ученик поднимает карточку с вариантом ответа, и учитель за секунду видит весь класс.
- **Билет на выходе**: в конце урока ученики письменно отвечают на один вопрос по теме.
- **Минута чтения вслух**: раз в неделю учитель слушает нескольких учеников и отмечает, сколько слов они прочитали верно.
- **Группы по уровню**: по итогам проверок часть урока дети занимаются в группах, подобранных по тому, что они уже умеют.

## Обратная связь, а не отметка

Проверка помогает учиться, когда за ней следует понятный совет: что получилось, что исправить и как. Отметка без объяснения сообщает результат, но не показывает, что делать дальше.

## Условия успеха

Учителям нужно время, чтобы освоить эти приёмы, и поддержка методистов. Министерства могут помочь, если перестанут требовать отметку за каждое задание и предложат учителям готовые короткие задания для проверки.`,
};

// ——— The working groups' reports ———

interface DemoReport {
  group: 'foundational-learning' | 'technologies-for-learning';
  /** The report in the working group's own pages (its provenance). */
  report: string;
  prefix: string;
  seriesTitle: I18nText;
  seriesDescription: I18nText;
  chair: Person;
  authors: Author[];
  meta: Partial<Record<Locale, DemoMeta>>;
  /** The editors have taken it for their desk check; otherwise it waits for them. */
  deskChecked: boolean;
  sdgTargets: Sdg4Target[];
}

const reportMeta = (title: string, abstract: string, summary: string, keywords: string[]): DemoMeta => ({ title, abstract, summary, keywords, recommendations: [] });

const REPORTS: DemoReport[] = [
  {
    group: 'foundational-learning',
    report: 'background-report',
    prefix: 'FL',
    seriesTitle: {
      en: 'Working Group on Foundational Learning: reports',
      fr: 'Groupe de travail Apprentissages fondamentaux : rapports',
      es: 'Grupo de trabajo sobre Aprendizaje fundamental: informes',
      ar: 'فريق العمل المعني بالتعلّم التأسيسي: التقارير',
      zh: '基础学习工作组：报告',
      ru: 'Рабочая группа по базовому обучению: доклады',
    },
    seriesDescription: {
      en: 'The reports of the Alliance’s working group on literacy, numeracy and social-emotional skills in the first years of school, reviewed by the editors before they are published.',
      fr: 'Les rapports du groupe de travail de l’Alliance sur la lecture, l’écriture, le calcul et les compétences socio-émotionnelles dans les premières années d’école, relus par le comité de rédaction avant leur publication.',
      es: 'Los informes del grupo de trabajo de la Alianza sobre lectoescritura, cálculo y habilidades socioemocionales en los primeros años de escuela, revisados por el equipo editorial antes de su publicación.',
      ar: 'تقارير فريق عمل التحالف المعني بالقراءة والكتابة والحساب والمهارات الاجتماعية والعاطفية في السنوات الأولى من المدرسة، يراجعها فريق التحرير قبل نشرها.',
      zh: '联盟关于入学最初几年读写、计算与社会情感技能的工作组的报告，经编辑审阅后发布。',
      ru: 'Доклады рабочей группы Альянса по грамотности, математике и социально-эмоциональным навыкам в первые годы школы; перед публикацией их рассматривает редакция.',
    },
    chair: AWA,
    authors: [
      { name: 'Awa Ndiaye', affiliation: 'Institut pour la science de l’éducation' },
      { name: 'Kwame Mensah', affiliation: 'University of Cape Coast' },
    ],
    meta: {
      en: reportMeta(
        'Learning to read, write and count in the first three years of school',
        'The background report of the Working Group on Foundational Learning summarises what research tells teachers and ministries about the first three years of primary school: why gaps in reading and mathematics open early and widen, what structured pedagogy — daily lesson plans, decodable books and coaching — achieves and at what cost, and why children learn to read faster in a language they speak. It closes with recommendations on assessment, funding and the language of instruction.',
        'What helps children learn to read, write and count in their first three years of school, and what ministries can do about it.',
        ['foundational learning', 'structured pedagogy', 'language of instruction', 'early grades'],
      ),
      fr: reportMeta(
        'Apprendre à lire, à écrire et à compter pendant les trois premières années d’école',
        'Le rapport de référence du groupe de travail Apprentissages fondamentaux fait la synthèse de ce que la recherche apprend aux enseignants et aux ministères sur les trois premières années de l’école primaire : pourquoi les écarts en lecture et en mathématiques apparaissent tôt et se creusent, ce que permet la pédagogie structurée — plans de leçons quotidiens, livrets décodables et accompagnement des enseignants — et à quel coût, et pourquoi les enfants apprennent plus vite à lire dans une langue qu’ils parlent. Il se termine par des recommandations sur l’évaluation, le financement et la langue d’enseignement.',
        'Ce qui aide les enfants à apprendre à lire, à écrire et à compter pendant leurs trois premières années d’école, et ce que les ministères peuvent faire.',
        ['apprentissages fondamentaux', 'pédagogie structurée', 'langue d’enseignement', 'premières années'],
      ),
      es: reportMeta(
        'Aprender a leer, escribir y contar en los tres primeros años de escuela',
        'El informe de referencia del grupo de trabajo sobre Aprendizaje fundamental sintetiza lo que la investigación dice a docentes y ministerios sobre los tres primeros años de la escuela primaria: por qué las brechas en lectura y matemática se abren pronto y se amplían, qué logra la pedagogía estructurada —planes de clase diarios, libros decodificables y acompañamiento docente— y a qué costo, y por qué los niños aprenden a leer más rápido en una lengua que hablan. Concluye con recomendaciones sobre evaluación, financiación y lengua de enseñanza.',
        'Qué ayuda a los niños a aprender a leer, escribir y contar en sus tres primeros años de escuela, y qué pueden hacer los ministerios.',
        ['aprendizaje fundamental', 'pedagogía estructurada', 'lengua de enseñanza', 'primeros grados'],
      ),
      ar: reportMeta(
        'تعلّم القراءة والكتابة والحساب في السنوات الثلاث الأولى من المدرسة',
        'يلخّص التقرير الأساسي لفريق العمل المعني بالتعلّم التأسيسي ما تقوله البحوث للمعلمين والوزارات عن السنوات الثلاث الأولى من المرحلة الابتدائية: لماذا تظهر الفجوات في القراءة والرياضيات مبكرًا وتتّسع، وما الذي يحقّقه التدريس المنظَّم — خطط دروس يومية وكتب قراءة متدرّجة وتوجيه للمعلمين — وبأيّ كلفة، ولماذا يتعلّم الأطفال القراءة أسرع بلغة يتحدّثونها. ويختتم بتوصيات بشأن التقييم والتمويل ولغة التدريس.',
        'ما يساعد الأطفال على تعلّم القراءة والكتابة والحساب في سنواتهم الثلاث الأولى من المدرسة، وما يمكن أن تفعله الوزارات.',
        ['التعلّم التأسيسي', 'التدريس المنظَّم', 'لغة التدريس', 'الصفوف الأولى'],
      ),
      zh: reportMeta(
        '入学头三年的读、写与计算学习',
        '基础学习工作组的背景报告总结了研究对小学头三年的认识，供教师和教育部门参考：阅读和数学方面的差距为何很早出现并逐年扩大；结构化教学——每日教案、可解码读本和教师辅导——能取得什么成效、成本几何；以及为什么儿童用自己会说的语言学习阅读会更快。报告最后就评估、经费和教学语言提出了建议。',
        '哪些做法能帮助儿童在入学头三年学会读、写和计算，以及教育部门可以做些什么。',
        ['基础学习', '结构化教学', '教学语言', '低年级'],
      ),
      ru: reportMeta(
        'Учиться читать, писать и считать в первые три года школы',
        'Базовый доклад рабочей группы по базовому обучению обобщает, что исследования говорят учителям и министерствам о первых трёх годах начальной школы: почему разрывы в чтении и математике возникают рано и со временем растут, чего позволяет добиться структурированная педагогика — ежедневные планы уроков, декодируемые книжки и наставничество для учителей — и какой ценой, и почему дети быстрее учатся читать на языке, на котором говорят. В конце доклада даны рекомендации по оценке, финансированию и языку обучения.',
        'Что помогает детям научиться читать, писать и считать в первые три года школы и что могут сделать министерства.',
        ['базовое обучение', 'структурированная педагогика', 'язык обучения', 'начальные классы'],
      ),
    },
    deskChecked: true,
    sdgTargets: ['4.1', '4.c'],
  },
  {
    group: 'technologies-for-learning',
    report: 'technology-report',
    prefix: 'TL',
    seriesTitle: {
      en: 'Working Group on Technologies for Learning: reports',
      fr: 'Groupe de travail Technologies pour l’apprentissage : rapports',
      es: 'Grupo de trabajo sobre Tecnologías para el aprendizaje: informes',
      ar: 'فريق العمل المعني بالتكنولوجيا من أجل التعلّم: التقارير',
      zh: '促进学习的技术工作组：报告',
      ru: 'Рабочая группа по технологиям для обучения: доклады',
    },
    seriesDescription: {
      en: 'The reports of the Alliance’s working group on when and how digital technologies help children learn, reviewed by the editors before they are published.',
      fr: 'Les rapports du groupe de travail de l’Alliance sur les cas où les technologies numériques aident les enfants à apprendre, et la manière dont elles le font, relus par le comité de rédaction avant leur publication.',
      es: 'Los informes del grupo de trabajo de la Alianza sobre cuándo y cómo las tecnologías digitales ayudan a aprender, revisados por el equipo editorial antes de su publicación.',
      ar: 'تقارير فريق عمل التحالف المعني بمتى وكيف تساعد التقنيات الرقمية الأطفال على التعلّم، يراجعها فريق التحرير قبل نشرها.',
      zh: '联盟关于数字技术何时以及如何帮助儿童学习的工作组的报告，经编辑审阅后发布。',
      ru: 'Доклады рабочей группы Альянса о том, когда и как цифровые технологии помогают детям учиться; перед публикацией их рассматривает редакция.',
    },
    chair: PRIYA,
    authors: [
      { name: 'Priya Raman', affiliation: 'EdTech Evidence Hub' },
      { name: 'Omar Haddad', affiliation: 'Arab Network for Learning' },
    ],
    meta: {
      en: reportMeta(
        'Technology in early-grade classrooms: what the evidence says',
        'The background report of the Working Group on Technologies for Learning reviews evaluations of computers, tablets, phones and radio used to help children in the first years of school learn to read and count. It finds that software adapting practice to each child’s level, and remote lessons with teacher follow-up, can help; that handing out devices alone does not; and that electricity, maintenance, training, content in children’s languages and a budget beyond the pilot decide success. It recommends starting from a learning problem and counting the full cost per child.',
        'When computers, tablets, phones and radio help young children learn, when they do not, and what to check before buying them.',
        ['education technology', 'early grades', 'cost', 'evidence'],
      ),
      fr: reportMeta(
        'La technologie dans les classes des premières années : ce que disent les données',
        'Le rapport de référence du groupe de travail Technologies pour l’apprentissage examine les évaluations des ordinateurs, tablettes, téléphones et programmes radio utilisés pour aider les enfants des premières années d’école à apprendre à lire et à compter. Il constate que les logiciels qui adaptent les exercices au niveau de chaque enfant et les leçons à distance suivies par les enseignants peuvent aider, que la seule distribution d’appareils n’aide pas, et que l’électricité, la maintenance, la formation, des contenus dans les langues des enfants et un budget au-delà de la phase pilote déterminent la réussite. Il recommande de partir d’un problème d’apprentissage et de compter le coût complet par enfant.',
        'Quand les ordinateurs, les tablettes, les téléphones et la radio aident les jeunes enfants à apprendre, quand ils ne les aident pas, et ce qu’il faut vérifier avant de les acheter.',
        ['technologies éducatives', 'premières années', 'coût', 'données probantes'],
      ),
      es: reportMeta(
        'La tecnología en las aulas de los primeros grados: lo que dice la evidencia',
        'El informe de referencia del grupo de trabajo sobre Tecnologías para el aprendizaje examina las evaluaciones de computadoras, tabletas, teléfonos y radio usados para ayudar a los niños de los primeros años de escuela a aprender a leer y a contar. Concluye que los programas que adaptan la práctica al nivel de cada niño y las clases a distancia con seguimiento docente pueden ayudar, que repartir dispositivos por sí solo no ayuda, y que la electricidad, el mantenimiento, la formación, los contenidos en las lenguas de los niños y un presupuesto más allá del piloto deciden el éxito. Recomienda partir de un problema de aprendizaje y calcular el costo total por niño.',
        'Cuándo las computadoras, las tabletas, los teléfonos y la radio ayudan a aprender a los niños pequeños, cuándo no, y qué comprobar antes de comprarlos.',
        ['tecnología educativa', 'primeros grados', 'costo', 'evidencia'],
      ),
      ar: reportMeta(
        'التكنولوجيا في فصول الصفوف الأولى: ما تقوله الأدلة',
        'يستعرض التقرير الأساسي لفريق العمل المعني بالتكنولوجيا من أجل التعلّم تقييمات استخدام الحواسيب والأجهزة اللوحية والهواتف والإذاعة لمساعدة الأطفال في السنوات الأولى من المدرسة على تعلّم القراءة والحساب. ويخلص إلى أن البرمجيات التي تكيّف التمارين مع مستوى كل طفل، والدروس عن بُعد المصحوبة بمتابعة من المعلمين، يمكن أن تساعد، وأن توزيع الأجهزة وحده لا يساعد، وأن الكهرباء والصيانة والتدريب وتوفير المحتوى بلغات الأطفال ورصد ميزانية لما بعد المرحلة التجريبية هي ما يحدّد النجاح. ويوصي بالانطلاق من مشكلة تعلّم وبحساب الكلفة الكاملة لكل طفل.',
        'متى تساعد الحواسيب والأجهزة اللوحية والهواتف والإذاعة الأطفال الصغار على التعلّم، ومتى لا تساعدهم، وما الذي ينبغي التحقّق منه قبل شرائها.',
        ['تكنولوجيا التعليم', 'الصفوف الأولى', 'الكلفة', 'الأدلة'],
      ),
      zh: reportMeta(
        '低年级课堂中的技术：证据怎么说',
        '促进学习的技术工作组的背景报告审视了有关使用电脑、平板电脑、手机和广播帮助低年级儿童学习阅读和计算的评估。报告发现：根据每个儿童的水平调整练习的软件，以及有教师跟进的远程课程，能够发挥作用；仅仅分发设备则无济于事；电力、维护、培训、使用儿童语言的内容以及试点之后的预算决定成败。报告建议从学习问题出发，并核算每名儿童的全部成本。',
        '电脑、平板电脑、手机和广播何时能帮助幼儿学习、何时不能，以及购买前应核实哪些事项。',
        ['教育技术', '低年级', '成本', '证据'],
      ),
      ru: reportMeta(
        'Технологии в начальных классах: что говорят данные',
        'Базовый доклад рабочей группы по технологиям для обучения рассматривает оценки того, как компьютеры, планшеты, телефоны и радио помогают детям в первые годы школы учиться читать и считать. Выводы: программы, подстраивающие упражнения под уровень каждого ребёнка, и дистанционные уроки с последующей поддержкой учителя могут помочь; сама по себе раздача устройств не помогает; успех определяют электричество, обслуживание, подготовка учителей, материалы на языках детей и бюджет после завершения пилотного проекта. Доклад рекомендует начинать с учебной проблемы и учитывать полную стоимость в расчёте на одного ребёнка.',
        'Когда компьютеры, планшеты, телефоны и радио помогают маленьким детям учиться, когда нет и что проверить перед их покупкой.',
        ['образовательные технологии', 'начальные классы', 'стоимость', 'данные'],
      ),
    },
    deskChecked: false,
    sdgTargets: ['4.1', '4.a'],
  },
];

/** The 2024 briefs' countries (those their evidence and authors come from) and SDG 4 targets, given by their authors with the submission. */
const BRIEF_TAGS = new Map<DemoBrief, { countries: string[]; sdgTargets: Sdg4Target[] }>([
  [READING, { countries: ['SN', 'ML', 'MG'], sdgTargets: ['4.1', '4.5'] }],
  [RETRIEVAL, { countries: ['GH'], sdgTargets: ['4.1', '4.c'] }],
  [NUMERACY, { countries: ['BO', 'UY'], sdgTargets: ['4.2'] }],
  [SLEEP, { countries: ['JO', 'LB', 'MA'], sdgTargets: ['4.1', '4.5'] }],
  [EDTECH, { countries: ['BR', 'KE'], sdgTargets: ['4.1', '4.4', '4.a'] }],
]);
