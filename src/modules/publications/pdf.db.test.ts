import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { testApp, type TestApp } from '../../testing/app.js';
import { ensureUser, actorByEmail } from '../../platform/auth/service.js';
import { fileStore } from '../../platform/files/storage.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { runDueJobs } from '../../platform/jobs/queue.js';
import { jobs } from '../../platform/jobs/schema.js';
import { storedFiles } from '../../platform/files/schema.js';
import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/policy.js';
import { addCall, addSeries, publishBrief as submitAndPublish } from './factories.js';
import { publicationsModule } from './module.js';
import { publications, publicationVersions } from './schema.js';
import { fileSize } from './public-views.js';
import { bodyBlocks, callBySlug, itemByNumber, landing, PDF_JOB, publishNewVersion, submitBrief, type ItemView, type SubmissionInput } from './service.js';
import { translator } from '../../platform/i18n/messages.js';
import { formatDate } from '../../platform/i18n/format.js';

/**
 * The PDF generated from a published brief's texts, read back by two readers that share no code with
 * the app: pdf.js (Firefox's viewer, which turns glyphs into text through the fonts' ToUnicode maps)
 * and poppler's pdftotext (Evince, Okular; it honours /ActualText). Each must give back the texts of
 * the brief in Arabic, Chinese and Russian, letter for letter and in reading order, and pdf.js the
 * structure tree (headings, paragraphs, lists) in the order of the brief.
 */
let t: TestApp;
let editor: Actor;
let author: Actor;
const ctx = () => ({ baseUrl: t.config.baseUrl });
const get = (url: string) => t.app.inject({ method: 'GET', url });
const item = async (number: string) => (await itemByNumber(t.db, number)) as ItemView;

/** poppler's pdftotext, if installed: CI installs it (.ci/run), and there its tests must run. */
const poppler = spawnSync('pdftotext', ['-v']).status === 0;
const popplerRequired = process.env.CI === 'true';

const BRIEFS: Record<'ar' | 'zh' | 'ru', SubmissionInput> = {
  ar: {
    locale: 'ar',
    title: 'النوم والانتباه والتغذية: شروط التعلّم التي تبدأ خارج الصف',
    abstract: 'يتعلّم التلاميذ بأجسادهم كما بعقولهم. وتبيّن الأبحاث أن قلة النوم تضعف الانتباه وتثبيت الذكريات، وأن الجوع ونقص الحديد يحدّان من القدرة على التركيز.',
    summary: 'يتعلّم الأطفال أفضل حين ينامون جيدًا ويأكلون جيدًا.',
    keywords: 'النوم، الانتباه، الوجبات المدرسية',
    recommendations: 'تقديم وجبة مدرسية مغذّية.\nمراجعة مواعيد بدء الدراسة في المرحلة الثانوية.',
    authors: 'أمينة حداد (جامعة محمد الخامس)\nيوسف بن علي',
    body: '## النوم والذاكرة\n\nفي أثناء النوم يعيد الدماغ تنظيم ما تعلّمه الطفل خلال النهار ويثبّته في الذاكرة. والأطفال الذين ينامون أقل من حاجتهم يجدون صعوبة أكبر في الانتباه وضبط انفعالاتهم، ويتذكّرون أقل مما تعلّموه.\n\n### تدابير في متناول المدارس\n\n- وجبة مدرسية تضمّ البروتين والخضار؛\n- فواصل حركية قصيرة بين الحصص.\n\nليست هذه التدابير بديلًا عن التعليم الجيد، بل شرطًا له.',
    audiences: ['policymaker'],
  },
  zh: {
    locale: 'zh',
    title: '睡眠、注意力与营养：课堂之外的学习条件',
    abstract: '学生不仅用头脑学习，也用身体学习。研究表明，睡眠不足会削弱注意力和记忆巩固，饥饿以及缺铁、缺碘会限制专注和学习的能力。',
    summary: '孩子睡得好、吃得好，学得更好。',
    keywords: '睡眠, 注意力, 学校供餐',
    recommendations: '提供营养丰富的学校餐食。\n在长课之间安排简短的活动休息。',
    authors: '王小明（北京师范大学）\n李华',
    body: '## 睡眠与记忆\n\n在睡眠中，大脑会重新整理孩子白天学到的内容，并将其巩固到记忆中。睡眠不足的孩子更难集中注意力，也记得更少。\n\n### 学校力所能及的措施\n\n1. 提供含有蛋白质和蔬菜的学校餐食；\n2. 在课与课之间安排简短的活动休息。\n\n这些措施不能取代优质教学，而是优质教学的条件。',
    audiences: ['policymaker'],
  },
  ru: {
    locale: 'ru',
    title: 'Сон, внимание и питание: условия обучения за пределами класса',
    abstract: 'Ученики учатся не только головой, но и телом. Исследования показывают, что недостаток сна ослабляет внимание и закрепление воспоминаний, а голод и нехватка железа мешают сосредоточиться.',
    summary: 'Дети учатся лучше, когда хорошо спят и хорошо едят.',
    keywords: 'сон, внимание, школьное питание',
    recommendations: 'Обеспечить питательное школьное питание.\nВключать короткие перерывы на движение в длинные уроки.',
    authors: 'Иван Петров (Московский государственный университет)\nЕлена Смирнова',
    body: '## Сон и память\n\nВо время сна мозг упорядочивает то, что ребёнок узнал за день, и закрепляет это в памяти. Дети, которые спят меньше, чем нужно, хуже сосредотачиваются и запоминают меньше.\n\n### Что могут сделать школы\n\n- школьный обед с белками и овощами;\n- короткие перерывы на движение между уроками.\n\nЭти меры не заменяют качественного обучения, а являются его условием.',
    audiences: ['policymaker'],
  },
};

/** The Russian brief's summary in its second version (the first version keeps the one above). */
const RU_V2_SUMMARY = 'Дети учатся лучше, когда высыпаются.';

/** The identifier each brief got, by language. */
const numbers: Partial<Record<Locale, string>> = {};
let withUpload = '';
let unpublished = '';
let long = '';

/** A long body: a table, then forty paragraphs, over several pages. */
const LONG_TABLE = '| Страна | Доля учеников |\n| --- | --- |\n| Кения | 42 % |\n| Перу | 37 % |';
const LONG_PARAGRAPHS = Array.from({ length: 40 }, (_, i) => `Абзац ${i + 1}: дети, которые спят меньше, чем нужно, хуже сосредотачиваются на уроках и запоминают меньше того, что узнали.`);

const publishBrief = (input: SubmissionInput, file?: { key: string; bytes: number }) => submitAndPublish(t.db, { author, editor }, 'call-2024', input, ctx(), file);

beforeAll(async () => {
  t = await testApp();
  const series = await addSeries(t.db, { slug: 'compendium-2024', prefix: 'CI2024', title: { en: 'Compendium of Insights 2024', ar: 'خلاصة الرؤى 2024', zh: '见解汇编 2024', ru: 'Сборник обзоров 2024' } });
  await addCall(t.db, { seriesId: series, slug: 'call-2024', title: { en: 'Call for briefs 2024' } });
  await ensureUser(t.db, { email: 'editor@example.org', name: 'Editor', roles: [{ role: 'secretariat' }] });
  await ensureUser(t.db, { email: 'author@example.org', name: 'Author' });
  editor = (await actorByEmail(t.db, 'editor@example.org'))!;
  author = (await actorByEmail(t.db, 'author@example.org'))!;
  for (const locale of ['ar', 'zh', 'ru'] as const) numbers[locale] = await publishBrief(BRIEFS[locale]);
  // A second version of the Russian brief: its first stays at its own address, with its own PDF.
  const ru = await item(numbers.ru!);
  const { locale: _l, ...rest } = BRIEFS.ru;
  expect(await publishNewVersion(t.db, editor, ru.id, 'ru', { ...rest, summary: RU_V2_SUMMARY, note: 'Уточнено резюме.' })).toEqual({ ok: true, version: 2 });
  // One with an uploaded PDF (that file is its PDF), and one submitted but not published.
  const upload = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  withUpload = await publishBrief({ ...BRIEFS.ru, title: 'С загруженным файлом' }, { key: await fileStore(t.db, t.config).put(upload), bytes: upload.length });
  long = await publishBrief({ ...BRIEFS.ru, title: 'Длинная записка', body: `## Данные\n\n${LONG_TABLE}\n\n${LONG_PARAGRAPHS.join('\n\n')}` });
  const call = (await callBySlug(t.db, 'call-2024'))!;
  const draft = await submitBrief(t.db, author, call, { ...BRIEFS.ar, title: 'مسودة' }, ctx());
  if (!draft.ok) throw new Error(draft.message);
  unpublished = draft.number;
}, 120_000);
afterAll(() => t.close());

/** The brief's PDF as a reader downloads it. */
async function download(locale: Locale, path: string) {
  const res = await get(`/${locale}/publications/${path}`);
  expect(res.statusCode, path).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return { res, bytes: res.rawPayload };
}

// ——— Reading a PDF back ————————————————————————————————————————————————————————————————

/** Whitespace as one space; the bidi controls pdftotext puts around runs of each direction dropped; for Chinese, no spaces (lines are joined with one). */
function normalize(text: string, locale: Locale): string {
  const plain = text.normalize('NFC').replace(/[\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  return locale === 'zh' ? plain.replace(/ /g, '') : plain;
}

/** Arabic presentation forms (what shaped glyphs are when a map gives them out), and control characters. */
const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const CONTROL = /[\p{Cc}\u2060]/u;

interface Element {
  role: string;
  text: string;
}

/**
 * With pdf.js: the document's catalog as a reader sees it, and its structure tree in order, each
 * element with the text of its marked content (lines joined with a space).
 */
async function readWithPdfJs(bytes: Uint8Array) {
  const task = getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false });
  const doc = await task.promise;
  const [metadata, markInfo, viewerPreferences] = await Promise.all([doc.getMetadata(), doc.getMarkInfo(), doc.getViewerPreferences()]);
  const elements: Element[] = [];
  const roots: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    // The text of each marked content sequence, by its id (nested sequences add to their parent's).
    const texts = new Map<string, string>();
    const open: string[] = [];
    for (const i of content.items) {
      if ('type' in i && i.type === 'beginMarkedContentProps') open.push(i.id ?? '');
      else if ('type' in i && i.type === 'beginMarkedContent') open.push('');
      else if ('type' in i && i.type === 'endMarkedContent') open.pop();
      else if ('str' in i) for (const id of open) if (id) texts.set(id, (texts.get(id) ?? '') + i.str);
    }
    const tree = (await page.getStructTree()) as { role: string; children?: unknown[] } | null;
    if (!tree) continue;
    roots.push(tree.role);
    type Node = { role?: string; type?: string; id?: string; children?: Node[] };
    const walk = (node: Node): string => {
      if (node.type === 'content') return texts.get(node.id!) ?? '';
      const text = (node.children ?? [])
        .map(walk)
        .filter((part) => part !== '')
        .join(' ');
      // The elements that hold text; their parents (Document, L, LI, BlockQuote…) give their order.
      if (node.role && /^(H\d|P|Lbl|LBody|TH|TD)$/.test(node.role)) {
        elements.push({ role: node.role, text });
        return '';
      }
      return text;
    };
    walk(tree as Node);
  }
  await task.destroy();
  return { info: metadata.info as Record<string, unknown>, markInfo, viewerPreferences, roots, elements, pages: doc.numPages };
}

/** With poppler's pdftotext: the text of every page in reading order. */
function readWithPoppler(bytes: Uint8Array): string {
  const out = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr}`);
  return out.stdout;
}

/** A text as it copies out: Arabic without its vowel marks (fatha, shadda…), which are drawn but not copied (the PDF layer says why). */
const asCopied = (text: string, locale: Locale) => (locale === 'ar' ? text.replace(/\p{M}/gu, '') : text);

/**
 * poppler's rebuilding of right-to-left lines takes punctuation (neutral in the bidi algorithm) for
 * left to right, and may put the space next to it on its other side ("الصف :شروط"): spaces around
 * punctuation are left out of comparisons of its text.
 */
const popplerSpacing = (text: string) => text.replace(/\s*([.:،؛,;!?])\s*/g, '$1');

/** The texts of a brief that must copy out exactly, in reading order, with the role of the element holding each (Lbl: a list's bullet or number). */
function expectedElements(locale: 'ar' | 'zh' | 'ru'): Element[] {
  const b = BRIEFS[locale];
  const t = translator(locale);
  const bullets = (items: string[], ordered = false) => items.flatMap((text, i) => [{ role: 'Lbl', text: ordered ? `${i + 1}.` : '•' }, { role: 'LBody', text }]);
  // Each body is a heading, a paragraph, a subheading, a list and a last paragraph.
  const [h2, paragraph, h3, list, last] = b.body!.split('\n\n') as [string, string, string, string, string];
  const items = list.split('\n').map((line) => line.replace(/^(?:-|\d+\.) /, ''));
  return [
    { role: 'H1', text: b.title },
    ...b.authors.split('\n').map((a) => ({ role: 'P', text: a.replace(/\s*[(（](.*)[)）]$/, ' $1') })),
    { role: 'H2', text: t('publications.read.abstract') },
    { role: 'P', text: b.abstract },
    { role: 'H2', text: t('publications.read.summary') },
    { role: 'P', text: locale === 'ru' ? RU_V2_SUMMARY : b.summary! },
    { role: 'H2', text: t('publications.read.recommendations') },
    ...bullets(b.recommendations!.split('\n')),
    { role: 'H2', text: t('publications.read.keywords') },
    { role: 'P', text: b.keywords!.split(/\s*[,،]\s*/).join({ ar: '، ', zh: '、', ru: ', ' }[locale]) },
    { role: 'H2', text: h2.replace(/^## /, '') },
    { role: 'P', text: paragraph },
    { role: 'H3', text: h3.replace(/^### /, '') },
    ...bullets(items, locale === 'zh'),
    { role: 'P', text: last },
    { role: 'H2', text: t('publications.read.cite') },
  ];
}

/** A version's row: its id and its generated PDF's key and size. */
async function versionRow(number: string, version: number) {
  const [row] = await t.db
    .select({ id: publicationVersions.id, key: publicationVersions.generatedPdfKey, bytes: publicationVersions.generatedPdfBytes })
    .from(publicationVersions)
    .innerJoin(publications, eq(publications.id, publicationVersions.publicationId))
    .where(and(eq(publications.number, number), eq(publicationVersions.number, version)));
  return row!;
}

/** The due PDF jobs, run with the module's own handler, as the worker would. */
async function runPdfJobs() {
  let ran = 0;
  for (let n; (n = await runDueJobs(t.db, publicationsModule.jobs!, { baseUrl: t.config.baseUrl, only: [PDF_JOB] })) > 0; ) ran += n;
  return ran;
}

const storedCount = async () => (await t.db.select({ key: storedFiles.key }).from(storedFiles)).length;

/** The size the landing page shows, as the reader reads it. */
const sizeLine = (locale: Locale, bytes: number) => `(${translator(locale)('publications.read.pdfSize', { size: fileSize(locale, bytes) })})`;

describe('the PDF kept when a version is published', () => {
  it('publishing queues one job for each version without an uploaded PDF, none for one with', async () => {
    const queued = await t.db.select({ payload: jobs.payload, status: jobs.status }).from(jobs).where(eq(jobs.name, PDF_JOB)).orderBy(asc(jobs.id));
    const expected = [await versionRow(numbers.ar!, 1), await versionRow(numbers.zh!, 1), await versionRow(numbers.ru!, 1), await versionRow(numbers.ru!, 2), await versionRow(long, 1)].map((v) => v.id);
    expect(queued.map((j) => j.payload.versionId)).toEqual(expected);
    expect(queued.every((j) => j.status === 'pending')).toBe(true);
    expect(queued.map((j) => j.payload.versionId)).not.toContain((await versionRow(withUpload, 1)).id);
  });

  it('until its job has run, the landing page offers the PDF without a size and draws nothing; then with the size kept', async () => {
    const key = numbers.ar!.toLowerCase();
    const link = `<a href="/ar/publications/${key}/pdf" type="application/pdf">${translator('ar')('publications.read.pdf')}</a></li>`;
    // Only the uploaded file is in the store.
    expect(await storedCount()).toBe(1);
    const before = (await get(`/ar/publications/${key}`)).body;
    expect(before).toContain(link);
    expect(await versionRow(numbers.ar!, 1)).toMatchObject({ key: null, bytes: null });
    expect(await storedCount()).toBe(1);

    expect(await runPdfJobs()).toBe(5);
    const row = await versionRow(numbers.ar!, 1);
    const stored = (await fileStore(t.db, t.config).get(row.key!))!;
    expect(stored.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(row.bytes).toBe(stored.length);
    const after = (await get(`/ar/publications/${key}`)).body;
    expect(after).not.toContain(link);
    expect(after).toContain(`<a href="/ar/publications/${key}/pdf" type="application/pdf">`);
    expect(after).toContain(sizeLine('ar', row.bytes!));
    // The download is the kept file.
    const { bytes } = await download('ar', `${key}/pdf`);
    expect(Buffer.compare(bytes, stored)).toBe(0);
  });

  it('keeps each version’s own file: an older version’s download is its own, kept bytes', async () => {
    const [v1, v2] = [await versionRow(numbers.ru!, 1), await versionRow(numbers.ru!, 2)];
    expect(v1.key && v2.key && v1.key !== v2.key).toBeTruthy();
    const files = fileStore(t.db, t.config);
    const key = numbers.ru!.toLowerCase();
    expect(Buffer.compare((await download('ru', `${key}/v/1/pdf`)).bytes, (await files.get(v1.key!))!)).toBe(0);
    expect(Buffer.compare((await download('ru', `${key}/pdf`)).bytes, (await files.get(v2.key!))!)).toBe(0);
    expect((await get(`/ru/publications/${key}/v/1`)).body).toContain(sizeLine('ru', v1.bytes!));
    expect((await get(`/ru/publications/${key}`)).body).toContain(sizeLine('ru', v2.bytes!));
  });

  it('a download before the job has run draws the PDF and keeps it, once; the job then leaves it as it is', async () => {
    const r = await publishBrief({ ...BRIEFS.zh, title: '尚未绘制' });
    const key = r.toLowerCase();
    expect((await versionRow(r, 1)).key).toBeNull();
    const first = await download('zh', `${key}/pdf`);
    const row = await versionRow(r, 1);
    expect(row.bytes).toBe(first.bytes.length);
    expect(Buffer.compare((await fileStore(t.db, t.config).get(row.key!))!, first.bytes)).toBe(0);
    const count = await storedCount();
    // Again: the kept file, nothing drawn or kept anew; the job finds it done.
    const again = await download('en', `${key}/pdf`);
    expect(Buffer.compare(again.bytes, first.bytes)).toBe(0);
    expect(await runPdfJobs()).toBe(1);
    expect(await versionRow(r, 1)).toEqual(row);
    expect(await storedCount()).toBe(count);
  });
});

describe('the PDF generated from a published brief', () => {
  it.each(['ar', 'zh', 'ru'] as const)('in %s, is tagged, says its language and title, and pdf.js reads every text back in the order of its structure', async (locale) => {
    const number = numbers[locale]!;
    const { res, bytes } = await download(locale, `${number.toLowerCase()}/pdf`);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${number}.pdf"`);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const read = await readWithPdfJs(bytes);
    // The catalog: language, structure tree, marked as tagged, the title shown as the window's title.
    expect(read.info.Language).toBe(locale);
    expect(read.info.Title).toBe(BRIEFS[locale].title);
    expect(read.markInfo).toMatchObject({ Marked: true });
    expect(read.viewerPreferences).toMatchObject({ DisplayDocTitle: true });
    expect(read.roots[0]).toBe('Root');
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/StructTreeRoot \d+ 0 R/);
    // Every element of the structure, in order, with the text it holds.
    const elements = read.elements.map((e) => ({ role: e.role, text: normalize(e.text, locale) }));
    // Lines that mix scripts and numbers, which a reader may give in visual order, are checked for what they hold:
    // under the authors, the identifier and series, then the version; last, the citation with the version's address.
    const lead = elements.findIndex((e) => e.role === 'P' && e.text.includes(number));
    const page = (await landing(t.db, null, number))!;
    const versionLine = normalize(translator(locale)('publications.read.versionLine', { n: page.version.number, date: formatDate(locale, page.version.publishedAt, 'UTC') }), locale);
    expect(elements[lead + 1]!.role).toBe('P');
    for (const word of versionLine.split(/[ ,،，]+/)) expect(elements[lead + 1]!.text).toContain(word);
    expect(elements.at(-1)).toMatchObject({ role: 'P', text: expect.stringContaining(`${t.config.baseUrl}/${locale}/publications/${number.toLowerCase()}`) });
    const own = elements.filter((_, i) => i !== lead && i !== lead + 1 && i !== elements.length - 1);
    expect(own).toEqual(expectedElements(locale).map((e) => ({ role: e.role, text: normalize(asCopied(e.text, locale), locale) })));
    if (locale === 'ar') {
      const all = read.elements.map((e) => e.text).join(' ');
      expect(all).not.toMatch(PRESENTATION_FORMS);
      expect(all).not.toMatch(CONTROL);
    }
  });

  it.skipIf(!poppler && !popplerRequired).each(['ar', 'zh', 'ru'] as const)('in %s, copies out right with poppler’s pdftotext too (which honours /ActualText)', async (locale) => {
    const number = numbers[locale]!;
    const { bytes } = await download(locale, `${number.toLowerCase()}/pdf`);
    const text = popplerSpacing(normalize(readWithPoppler(bytes), locale));
    const expected = expectedElements(locale).map((e) => popplerSpacing(normalize(asCopied(e.text, locale), locale)));
    for (const e of expected) expect(text, e).toContain(e);
    // In reading order: each text after the one before it.
    const at = expected.filter((e) => e !== '•').map((e) => text.indexOf(e));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    if (locale === 'ar') {
      expect(text).not.toMatch(PRESENTATION_FORMS);
      expect(text).not.toMatch(CONTROL);
    }
  });
});

describe('a long brief', () => {
  it('runs over pages, its table tagged as one (header cells, data cells), every paragraph in order', async () => {
    const { bytes } = await download('ru', `${long.toLowerCase()}/pdf`);
    const read = await readWithPdfJs(bytes);
    const cells = read.elements.filter((e) => e.role === 'TH' || e.role === 'TD').map((e) => `${e.role} ${normalize(e.text, 'ru')}`);
    expect(cells).toEqual(['TH Страна', 'TH Доля учеников', 'TD Кения', 'TD 42 %', 'TD Перу', 'TD 37 %']);
    expect(read.pages).toBeGreaterThan(1);
    // Every paragraph, in order (one cut by a page is an element on each page, its two parts in order).
    const paragraphs = read.elements.filter((e) => e.role === 'P' && !e.text.includes(long) && !e.text.includes('http'));
    expect(normalize(paragraphs.map((e) => e.text).join(' '), 'ru')).toContain(normalize(LONG_PARAGRAPHS.join(' '), 'ru'));
    if (poppler || popplerRequired) {
      const text = normalize(readWithPoppler(bytes), 'ru');
      const at = LONG_PARAGRAPHS.map((p) => text.indexOf(normalize(p, 'ru')));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
  });
});

describe('the body, as blocks of the PDF', () => {
  it('keeps headings, paragraphs, lists, quotations, tables and notes, with links’ addresses and pictures’ descriptions', () => {
    const blocks = bodyBlocks(
      [
        '# Title level one',
        'A [link](https://example.org/a) and [https://example.org/b](https://example.org/b), **bold** &amp; `code`, a note[^1].',
        '![A chart of scores](https://example.org/c.png)',
        '### Detail',
        '1. first\n2. second\n   - nested',
        '> Quoted words.',
        '| A | B |\n| - | - |\n| 1 | 2 |',
        '---',
        '[^1]: The note.',
      ].join('\n\n'),
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Title level one' },
      { kind: 'paragraph', text: 'A link (https://example.org/a) and https://example.org/b, bold & code, a note[1].' },
      { kind: 'paragraph', text: '[A chart of scores]' },
      { kind: 'heading', level: 3, text: 'Detail' },
      { kind: 'list', ordered: true, start: 1, items: ['first', 'second\nnested'] },
      { kind: 'quote', text: 'Quoted words.' },
      { kind: 'table', head: ['A', 'B'], rows: [['1', '2']] },
      { kind: 'rule' },
      { kind: 'paragraph', text: '[1] The note.' },
    ]);
  });
});

describe('the landing page and the generated PDF', () => {
  it('offers the PDF with its size, and says in the language matrix that it exists', async () => {
    const number = numbers.ar!;
    const { bytes } = await download('ar', `${number.toLowerCase()}/pdf`);
    const html = (await get(`/ar/publications/${number.toLowerCase()}`)).body;
    expect(html).toContain(`<a href="/ar/publications/${number.toLowerCase()}/pdf" type="application/pdf">`);
    expect(html).toContain(`(${translator('ar')('publications.read.pdfSize', { size: fileSize('ar', bytes.length) })})`);
    const en = (await get(`/en/publications/${number.toLowerCase()}`)).body;
    const table = en.slice(en.indexOf('<h2 id="languages">'), en.indexOf('</table>'));
    const row = table.slice(table.indexOf('>Arabic<'), table.indexOf('</tr>', table.indexOf('>Arabic<')));
    expect(row).toMatch(/<td>Yes<\/td><td>Yes<\/td><td>Yes<\/td><td>Original<\/td>/);
  });

  it('keeps each older version’s PDF at its own address, with that version’s text, for good', async () => {
    const key = numbers.ru!.toLowerCase();
    const v1 = await download('ru', `${key}/v/1/pdf`);
    expect(v1.res.headers['content-disposition']).toBe(`attachment; filename="${numbers.ru}-v1.pdf"`);
    expect(v1.res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const newest = await download('ru', `${key}/pdf`);
    expect(normalize(readWithPdfJsText(await readWithPdfJs(v1.bytes)), 'ru')).toContain(BRIEFS.ru.summary);
    expect(normalize(readWithPdfJsText(await readWithPdfJs(newest.bytes)), 'ru')).toContain(RU_V2_SUMMARY);
    expect((await get(`/ru/publications/${key}/v/1`)).body).toContain(`href="/ru/publications/${key}/v/1/pdf"`);
  });

  it('has no generated PDF where an uploaded one is the PDF, and nothing for what is not published or does not exist', async () => {
    const key = withUpload.toLowerCase();
    expect((await get(`/ru/publications/${key}/pdf`)).statusCode).toBe(404);
    const html = (await get(`/ru/publications/${key}`)).body;
    expect(html).toContain(`href="/ru/publications/${key}/file"`);
    expect(html).not.toContain(`/${key}/pdf"`);
    for (const path of [`${unpublished.toLowerCase()}/pdf`, 'ci2099-99/pdf', `${numbers.ar!.toLowerCase()}/v/9/pdf`, `${numbers.ar!.toLowerCase()}/v/01/pdf`, '..%2Fpdf/pdf']) {
      expect((await get(`/en/publications/${path}`)).statusCode, path).toBe(404);
    }
  });
});

/** All the text pdf.js finds, element by element. */
function readWithPdfJsText(read: { elements: Element[] }): string {
  return read.elements.map((e) => e.text).join(' ');
}
