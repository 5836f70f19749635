import { describe, expect, it } from 'vitest';
import type { PageContext } from '../../platform/http/page.js';
import { direction, type Locale } from '../../platform/i18n/locales.js';
import { htmlTranslator, translate, translator } from '../../platform/i18n/messages.js';
import { localize, type I18nText } from '../../platform/i18n/content.js';
import type { FormState } from '../../platform/forms/validate.js';
import type { Question } from './schema.js';
import type { SurveyRow } from './respond.js';
import { readPage } from './questions.js';
import { answerFieldErrors } from './service.js';
import { QuestionsPage, ReviewPage } from './respond-views.js';

/**
 * The answering pages as a respondent's browser gets them: each error shown once beside what it is
 * about and named in the error summary, which links to it; the range a number must be in; every id
 * of a page once; labels and answers joined as each language writes them.
 */
const both = (en: string, fr: string): I18nText => ({ en, fr });
const base = { page: 1, required: true, help: {}, choices: [], rows: [], other: false, maxChoices: 0, min: null, max: null, minLabel: {}, maxLabel: {}, when: [] };
const QUESTIONS: Question[] = [
  { ...base, key: 'hours', type: 'number', min: 0, max: 60, text: both('Hours you teach a week', 'Heures de cours par semaine') },
  {
    ...base,
    key: 'use',
    type: 'matrix',
    text: both('How often do you use the guides?', 'À quelle fréquence utilisez-vous les guides ?'),
    help: both('One answer a row.', 'Une réponse par ligne.'),
    rows: [
      { key: 'reading', label: both('Reading', 'Lecture') },
      { key: 'maths', label: both('Mathematics', 'Mathématiques') },
    ],
    choices: [
      { key: 'never', label: both('Never', 'Jamais') },
      { key: 'sometimes', label: both('Sometimes', 'Parfois') },
    ],
  },
  // Items whose keys are the words the question's own lines end with: their ids are numbered.
  {
    ...base,
    key: 'needs',
    type: 'ranking',
    text: both('What do you need most?', 'De quoi avez-vous le plus besoin ?'),
    help: both('Think of this year.', 'Pensez à cette année.'),
    choices: [
      { key: 'time', label: both('Time', 'Temps') },
      { key: 'error', label: both('Fewer errors', 'Moins d’erreurs') },
      { key: 'hint', label: both('Hints', 'Conseils') },
    ],
  },
];
const SURVEY = { slug: 'practice', title: both('Practice', 'Pratique'), originalLocale: 'en' } as SurveyRow;

function context(locale: Locale): PageContext {
  return {
    locale,
    dir: direction(locale),
    t: translator(locale),
    th: htmlTranslator(locale),
    path: '/surveys/practice/page/1',
    actor: null,
    siteName: 'Alliance',
    footer: { text: '', lang: locale, fallback: false },
    csrf: () => 'token',
    once: () => 'once',
    asset: (name) => `/static/${name}`,
    href: (path) => `/${locale}${path}`,
    nav: [],
    text: (value, original) => localize(value, locale, original as Locale),
    timeZone: 'UTC',
    description: '',
    baseUrl: 'https://alliance.example',
    status: 422,
  };
}

/** The page sent back for these answers, as HTML. */
async function pageFor(locale: Locale, body: Record<string, unknown>): Promise<string> {
  const read = readPage(QUESTIONS, 1, body, {});
  const form: FormState = { values: body, errors: answerFieldErrors(read.errors) };
  return String(await QuestionsPage({ c: context(locale), survey: SURVEY, page: 1, questions: QUESTIONS, step: { index: 1, count: 1 }, form }));
}
const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
const summaryLinks = (html: string) => [...html.slice(html.indexOf('error-summary'), html.indexOf('</ul>', html.indexOf('error-summary'))).matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
const form = (html: string) => html.slice(html.indexOf('<form'));
const unescape = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('a page of questions sent back with mistakes', () => {
  const body = { hours: '72', 'use:reading': 'never', 'needs:time': '1', 'needs:error': '1', 'needs:hint': '2' };

  it.each(['en', 'fr'] as const)('names each mistake in the summary (%s), with the question and the row, and links it to a control of the page', async (locale) => {
    const html = await pageFor(locale, body);
    const t = (key: string, values?: Record<string, string | number>) => translate(locale, key, values);
    const range = { bounds: 'both', min: 0, max: 60 };
    const q = (i: number) => QUESTIONS[i]!.text[locale]!;
    const lines = summaryLinks(html).map(([href, text]) => [href, unescape(text!)]);
    expect(lines).toEqual([
      ['f-hours', t('form.labelled', { label: q(0), value: t('surveys.answerErrors.outOfRange', range) })],
      ['f-use-maths', t('form.labelled', { label: t('surveys.respond.rowLabel', { question: q(1), row: QUESTIONS[1]!.rows[1]!.label[locale]! }), value: t('surveys.answerErrors.required') })],
      ['f-needs', t('form.labelled', { label: q(2), value: t('surveys.answerErrors.rankingPositions') })],
    ]);
    // The row's link leads to the row's first radio.
    expect(form(html)).toMatch(/<input id="f-use-maths" type="radio" name="use:maths" value="never"/);
  });

  it('shows a matrix row’s message once, in the row’s group, which it describes', async () => {
    const html = form(await pageFor('en', body));
    const required = translate('en', 'surveys.answerErrors.required');
    expect(html.split(required).length - 1).toBe(1);
    expect(html).toMatch(/<fieldset class="matrix-row has-error" aria-describedby="f-use-maths-error"><legend>Mathematics<\/legend><p class="field-error" id="f-use-maths-error">/);
    // The question's own group is not marked, and refers to no error line of its own.
    expect(html).toContain('<fieldset aria-describedby="f-use-hint" class="matrix">');
    expect(html).not.toContain('id="f-use-error"');
  });

  it('says the range a number must be in, beside the field and in its message, in the reader’s language', async () => {
    const html = form(await pageFor('fr', { ...body, hours: '-1' }));
    expect(html).toContain('<p class="hint" id="f-hours-range">Un nombre compris entre 0 et 60.</p>');
    expect(html).toContain('Saisissez un nombre compris entre 0 et 60.');
    expect(html).toMatch(/<input id="f-hours"[^>]*aria-describedby="f-hours-range f-hours-error"/);
  });

  it('gives every control and line of the page its own id, whatever the keys of the items', async () => {
    const all = ids(await pageFor('en', body));
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
    expect(all).toEqual(expect.arrayContaining(['f-needs', 'f-needs-2', 'f-needs-3', 'f-needs-hint', 'f-needs-error']));
  });
});

describe('the answers to check before sending', () => {
  it.each([
    ['en', 'Reading: Never; Mathematics: Sometimes', 'Change', ': How often do you use the guides?'],
    ['fr', 'Lecture\u00a0: Jamais\u00a0; Mathématiques\u00a0: Parfois', 'Modifier', '\u00a0: À quelle fréquence utilisez-vous les guides ?'],
    ['zh', 'Reading：Never；Mathematics：Sometimes', '修改', '：How often do you use the guides?'],
  ] as const)('joins a row and its answer, and the rows, as %s writes them, and names the question each link changes', async (locale, line, change, hidden) => {
    const html = unescape(String(await ReviewPage({ c: context(locale), survey: SURVEY, questions: QUESTIONS.slice(1, 2), answers: { 'use:reading': 'never', 'use:maths': 'sometimes' } })));
    expect(html).toContain(line);
    expect(html).toContain(`<span>${change}</span><span class="visually-hidden">${hidden}</span>`);
  });
});
