import { describe, expect, it } from 'vitest';
import type { I18nText } from '../../platform/i18n/content.js';
import type { Answers, Condition, Question, QuestionType } from './schema.js';
import { translate } from '../../platform/i18n/messages.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import { checkQuestions, missingRequired, missingTexts, nextPage, numberRange, pagesOf, parseDecimal, previousPage, readPage, submittedAnswers, visibleQuestions, withPage } from './questions.js';

const t = (s: string): I18nText => ({ en: s, fr: `${s} (fr)` });
const choices = (...keys: string[]) => keys.map((key) => ({ key, label: t(key) }));
function q(key: string, page: number, type: QuestionType, more: Partial<Question> = {}): Question {
  return { key, page, type, required: false, text: t(key), help: {}, choices: [], rows: [], other: false, maxChoices: 0, min: null, max: null, minLabel: {}, maxLabel: {}, when: [], ...more };
}

/**
 * Page 1 for everyone; page 2 for teachers only; page 3 for everyone, with a question for
 * experienced teachers (two conditions) and one that depends on page 2 (so on page 1 too); page 4
 * for researchers only; page 5 for everyone.
 */
const teacher = (): Condition => ({ question: 'role', op: 'equals', value: 'teacher' });
const SURVEY: Question[] = [
  q('role', 1, 'single', { required: true, choices: choices('teacher', 'researcher'), other: true }),
  q('years', 1, 'number', { min: 0, max: 60 }),
  q('subjects', 2, 'multiple', { required: true, choices: choices('maths', 'science', 'languages'), maxChoices: 2, when: [teacher()] }),
  q('level', 2, 'single', { choices: choices('primary', 'secondary', 'higher'), when: [teacher()] }),
  q('satisfaction', 3, 'rating', { required: true, min: 1, max: 5 }),
  q('mentoring', 3, 'single', { choices: choices('yes', 'no'), when: [teacher(), { question: 'years', op: 'at-least', value: 10 }] }),
  q('lab-work', 3, 'short-text', { when: [{ question: 'subjects', op: 'includes', value: 'science' }, { question: 'level', op: 'not-equals', value: 'primary' }] }),
  q('funding', 4, 'matrix', { choices: choices('none', 'some', 'most'), rows: choices('national', 'international'), when: [{ question: 'role', op: 'equals', value: 'researcher' }] }),
  q('priorities', 5, 'ranking', { choices: choices('access', 'quality', 'equity') }),
  q('joined', 5, 'date'),
  q('comments', 5, 'long-text'),
];
const keys = (qs: Question[]) => qs.map((x) => x.key);

/** The pages a respondent goes through with these answers, forwards from the start and back from the end. */
function walk(answers: Answers): { forwards: number[]; backwards: number[] } {
  const forwards: number[] = [];
  for (let p = nextPage(SURVEY, answers, 0); p !== null; p = nextPage(SURVEY, answers, p)) forwards.push(p);
  const backwards: number[] = [];
  for (let p: number | null = forwards.at(-1)!; p !== null; p = previousPage(SURVEY, answers, p)) backwards.push(p);
  return { forwards, backwards };
}

/** Answers a page as a respondent would, through the form, into the draft. */
function answer(draft: Answers, page: number, body: Record<string, unknown>): Answers {
  const read = readPage(SURVEY, page, body, draft);
  expect(read.errors).toEqual([]);
  return withPage(SURVEY, draft, page, read.answers);
}

describe('skip logic, page by page', () => {
  it('knows the pages', () => {
    expect(pagesOf([...SURVEY].reverse())).toEqual([1, 2, 3, 4, 5]);
  });

  it.each([
    ['a teacher', { role: 'teacher', years: 12 }, [1, 2, 3, 5]],
    ['a researcher', { role: 'researcher', years: 12 }, [1, 3, 4, 5]],
    ['someone else', { role: 'other', 'role:other': 'librarian' }, [1, 3, 5]],
    ['someone who has not said', {}, [1, 3, 5]],
  ] as [string, Answers, number[]][])('takes %s only through pages with a question for them, both ways', (_, answers, pages) => {
    expect(walk(answers)).toEqual({ forwards: pages, backwards: [...pages].reverse() });
  });

  it('has no page before the first nor after the last', () => {
    expect(previousPage(SURVEY, {}, 1)).toBeNull();
    expect(nextPage(SURVEY, {}, 5)).toBeNull();
  });

  it('shows a question with two conditions when both hold, and keeps its answer (Decidim #10238)', () => {
    let draft = answer({}, 1, { role: 'teacher', years: '12' });
    draft = answer(draft, 2, { subjects: 'maths' });
    expect(keys(visibleQuestions(SURVEY, draft).filter((x) => x.page === 3))).toEqual(['satisfaction', 'mentoring']);
    draft = answer(draft, 3, { satisfaction: '4', mentoring: 'yes' });
    expect(submittedAnswers(SURVEY, draft)).toEqual({ role: 'teacher', years: 12, subjects: ['maths'], satisfaction: 4, mentoring: 'yes' });
  });

  it('hides a question with two conditions when only one holds, and does not read it from the form', () => {
    for (const page1 of [{ role: 'teacher', years: '5' }, { role: 'researcher', years: '12' }]) {
      const draft = answer({}, 1, page1);
      expect(keys(visibleQuestions(SURVEY, draft))).not.toContain('mentoring');
      expect(readPage(SURVEY, 3, { satisfaction: '4', mentoring: 'yes' }, draft).answers).toEqual({ satisfaction: 4 });
    }
  });

  it('keeps a hidden answer in the draft, leaves it out of what is submitted, and finds it again when the answer changes back', () => {
    let draft = answer({}, 1, { role: 'teacher' });
    draft = answer(draft, 2, { subjects: ['science', 'maths'], level: 'secondary' });
    draft = answer(draft, 3, { satisfaction: '5', 'lab-work': 'Chemistry' });
    const asTeacher = submittedAnswers(SURVEY, draft);
    expect(asTeacher).toMatchObject({ subjects: ['maths', 'science'], level: 'secondary', 'lab-work': 'Chemistry' });

    draft = answer(draft, 1, { role: 'researcher' });
    expect(draft).toMatchObject({ role: 'researcher', subjects: ['maths', 'science'], level: 'secondary', 'lab-work': 'Chemistry' });
    expect(submittedAnswers(SURVEY, draft)).toEqual({ role: 'researcher', satisfaction: 5 });

    draft = answer(draft, 1, { role: 'teacher' });
    expect(submittedAnswers(SURVEY, draft)).toEqual(asTeacher);
  });

  it('hides what depends on a hidden question, whatever its own conditions say (a cascade)', () => {
    // lab-work's conditions hold on the draft, but subjects and level are hidden from a researcher.
    const draft: Answers = { role: 'researcher', subjects: ['science'], level: 'higher', 'lab-work': 'Physics' };
    expect(keys(visibleQuestions(SURVEY, draft))).not.toContain('lab-work');
    expect(submittedAnswers(SURVEY, draft)).toEqual({ role: 'researcher' });
    // Even "not answered" does not hold on a question the respondent never saw.
    const more = [...SURVEY, q('why-none', 3, 'long-text', { when: [{ question: 'subjects', op: 'not-answered' }] })];
    expect(keys(visibleQuestions(more, draft))).not.toContain('why-none');
    expect(keys(visibleQuestions(more, { role: 'teacher' }))).toContain('why-none');
  });

  it('submits an "other" text only while "other" is chosen', () => {
    let draft = answer({}, 1, { role: 'other', 'role:other': 'Librarian' });
    expect(submittedAnswers(SURVEY, draft)).toEqual({ role: 'other', 'role:other': 'Librarian' });
    draft = answer(draft, 1, { role: 'researcher', 'role:other': 'Librarian' });
    expect(submittedAnswers(SURVEY, draft)).toEqual({ role: 'researcher' });
  });

  it('clears a page’s answer the respondent removed, and no other', () => {
    let draft = answer({}, 1, { role: 'teacher', years: '12' });
    draft = answer(draft, 2, { subjects: 'maths' });
    draft = answer(draft, 1, { role: 'teacher' });
    expect(draft).toEqual({ role: 'teacher', subjects: ['maths'] });
  });

  it('lists the required questions shown that have no answer, on a page or anywhere', () => {
    expect(missingRequired(SURVEY, { role: 'teacher' })).toEqual([
      { key: 'subjects', code: 'required' },
      { key: 'satisfaction', code: 'required' },
    ]);
    expect(missingRequired(SURVEY, { role: 'teacher' }, 3)).toEqual([{ key: 'satisfaction', code: 'required' }]);
    expect(missingRequired(SURVEY, { role: 'researcher', satisfaction: 3 })).toEqual([]);
    const matrix = [q('grid', 1, 'matrix', { required: true, choices: choices('a', 'b'), rows: choices('x', 'y') })];
    expect(missingRequired(matrix, { 'grid:x': 'a' })).toEqual([{ key: 'grid:y', code: 'required' }]);
  });
});

describe('each kind of condition', () => {
  const first = [
    q('one', 1, 'single', { choices: choices('a', 'b') }),
    q('many', 1, 'multiple', { choices: choices('a', 'b') }),
    q('count', 1, 'number'),
    q('stars', 1, 'rating', { min: 1, max: 5 }),
    q('grid', 1, 'matrix', { choices: choices('a', 'b'), rows: choices('x') }),
  ];
  const shown = (c: Condition, answers: Answers) => visibleQuestions([...first, q('then', 2, 'short-text', { when: [c] })], answers).some((x) => x.key === 'then');

  it.each([
    [{ question: 'one', op: 'equals', value: 'a' }, { one: 'a' }, { one: 'b' }],
    [{ question: 'one', op: 'not-equals', value: 'a' }, { one: 'b' }, { one: 'a' }],
    [{ question: 'one', op: 'not-equals', value: 'a' }, {}, { one: 'a' }],
    [{ question: 'many', op: 'includes', value: 'a' }, { many: ['b', 'a'] }, { many: ['b'] }],
    [{ question: 'many', op: 'excludes', value: 'a' }, { many: ['b'] }, { many: ['a'] }],
    [{ question: 'count', op: 'equals', value: 3 }, { count: 3 }, { count: 3.5 }],
    [{ question: 'count', op: 'at-least', value: 3 }, { count: 3 }, { count: 2.9 }],
    [{ question: 'count', op: 'at-most', value: 3 }, { count: -1 }, {}],
    [{ question: 'stars', op: 'at-least', value: 4 }, { stars: 5 }, { stars: 3 }],
    [{ question: 'stars', op: 'not-equals', value: 4 }, { stars: 5 }, { stars: 4 }],
    [{ question: 'grid:x', op: 'equals', value: 'b' }, { 'grid:x': 'b' }, { 'grid:x': 'a' }],
    [{ question: 'count', op: 'answered' }, { count: 0 }, {}],
    [{ question: 'many', op: 'not-answered' }, {}, { many: ['a'] }],
  ] as [Condition, Answers, Answers][])('%o holds on %o, not on %o', (c, yes, no) => {
    expect(shown(c, yes)).toBe(true);
    expect(shown(c, no)).toBe(false);
  });

  it('never holds on a question that is not on an earlier page', () => {
    const same = [q('a', 1, 'short-text'), q('b', 1, 'short-text', { when: [{ question: 'a', op: 'answered' }] })];
    expect(keys(visibleQuestions(same, { a: 'x' }))).toEqual(['a']);
  });
});

describe('reading a page from the form (JavaScript off)', () => {
  const ALL: Question[] = [
    q('name', 1, 'short-text', { required: true }),
    q('story', 1, 'long-text'),
    q('sector', 1, 'single', { choices: choices('public', 'private'), other: true }),
    q('topics', 1, 'multiple', { choices: choices('health', 'water', 'energy'), other: true, maxChoices: 2 }),
    q('stars', 1, 'rating', { min: 1, max: 5 }),
    q('grid', 1, 'matrix', { choices: choices('low', 'high'), rows: choices('cost', 'time') }),
    q('order', 1, 'ranking', { choices: choices('a', 'b', 'c') }),
    q('budget', 1, 'number', { min: -10, max: 1000 }),
    q('day', 1, 'date'),
  ];
  const read = (body: Record<string, unknown>) => readPage(ALL, 1, body, {});
  const good = {
    name: '  Ada  ',
    story: 'Line one\r\nLine two',
    sector: 'other',
    'sector:other': ' NGO ',
    topics: ['water', 'health'],
    stars: '4',
    'grid:cost': 'low',
    'grid:time': 'high',
    'order:a': '2',
    'order:b': '3',
    'order:c': '1',
    budget: '12,5',
    day: '2024-02-29',
  };

  it('reads every kind of question into the stored shape', () => {
    expect(read(good)).toEqual({
      answers: {
        name: 'Ada',
        story: 'Line one\nLine two',
        sector: 'other',
        'sector:other': 'NGO',
        topics: ['health', 'water'],
        stars: 4,
        'grid:cost': 'low',
        'grid:time': 'high',
        order: ['c', 'a', 'b'],
        budget: 12.5,
        day: '2024-02-29',
      },
      errors: [],
    });
  });

  it('drops what was left blank, and asks only for what is required', () => {
    expect(read({ name: 'Ada', story: '   ', topics: ['', ' '], 'order:a': '', 'order:b': '', 'order:c': '' })).toEqual({ answers: { name: 'Ada' }, errors: [] });
    expect(read({ name: '  ' })).toEqual({ answers: {}, errors: [{ key: 'name', code: 'required' }] });
  });

  it.each([
    ['a forged option', { sector: 'military' }, { key: 'sector', code: 'not-a-choice' }],
    ['a forged option among several', { topics: ['water', 'weapons'] }, { key: 'topics', code: 'not-a-choice' }],
    ['a forged matrix column', { 'grid:time': 'huge' }, { key: 'grid:time', code: 'not-a-choice' }],
    ['a rating off the scale', { stars: '6' }, { key: 'stars', code: 'not-a-choice' }],
    ['a rating that is not whole', { stars: '4.5' }, { key: 'stars', code: 'not-a-choice' }],
    ['too many options', { topics: ['water', 'health', 'energy'] }, { key: 'topics', code: 'too-many' }],
    ['"other" ticked with no text', { topics: ['water', 'other'], 'topics:other': ' ' }, { key: 'topics:other', code: 'other-empty' }],
    ['"other" chosen with no text', { sector: 'other', 'sector:other': '' }, { key: 'sector:other', code: 'other-empty' }],
    ['a number out of range', { budget: '1000.5' }, { key: 'budget', code: 'out-of-range', values: { bounds: 'both', min: -10, max: 1000 } }],
    ['a number below range', { budget: '-11' }, { key: 'budget', code: 'out-of-range', values: { bounds: 'both', min: -10, max: 1000 } }],
    ['a number with thousands separators', { budget: '1 234' }, { key: 'budget', code: 'not-a-number' }],
    ['a number that is not one', { budget: 'twelve' }, { key: 'budget', code: 'not-a-number' }],
    ['a day that does not exist', { day: '2026-02-30' }, { key: 'day', code: 'not-a-date' }],
    ['a day written another way', { day: '30/01/2026' }, { key: 'day', code: 'not-a-date' }],
    ['two items at the same position', { 'order:a': '1', 'order:b': '1', 'order:c': '2' }, { key: 'order', code: 'ranking-positions' }],
    ['an item left unranked', { 'order:a': '1', 'order:b': '2' }, { key: 'order', code: 'ranking-positions' }],
    ['a position past the end', { 'order:a': '1', 'order:b': '2', 'order:c': '4' }, { key: 'order', code: 'ranking-positions' }],
    ['a short text too long', { name: 'x'.repeat(301) }, { key: 'name', code: 'too-long' }],
    ['a long text too long', { story: 'x'.repeat(5001) }, { key: 'story', code: 'too-long' }],
    ['one answer sent twice', { sector: ['public', 'private'] }, { key: 'sector', code: 'invalid' }],
  ] as [string, Record<string, unknown>, { key: string; code: string; values?: object }][])('refuses %s and stores nothing of it', (_, bad, error) => {
    const { answers, errors } = read({ ...good, ...bad });
    expect(errors).toEqual([error]);
    // Nothing of that question is kept, and every other answer is still read.
    const question = error.key.split(':')[0];
    expect(answers).toEqual(Object.fromEntries(Object.entries(read(good).answers).filter(([k]) => k.split(':')[0] !== question)));
  });

  it('accepts texts at their limit, counted in characters', () => {
    expect(read({ ...good, name: '字'.repeat(300), story: '🙂'.repeat(5000) }).errors).toEqual([]);
  });

  it('takes text typed in an "Other" box as choosing "Other"', () => {
    expect(read({ name: 'Ada', 'sector:other': 'NGO', 'topics:other': 'Roads' }).answers).toEqual({ name: 'Ada', sector: 'other', 'sector:other': 'NGO', topics: ['other'], 'topics:other': 'Roads' });
    expect(read({ name: 'Ada', sector: 'public', 'sector:other': 'NGO' }).answers).toEqual({ name: 'Ada', sector: 'public' });
  });

  it('asks for a required ranking and for every row of a required matrix', () => {
    const required = ALL.map((x) => ({ ...x, required: true }));
    const { errors } = readPage(required, 1, { ...good, 'order:a': '', 'order:b': '', 'order:c': '', 'grid:time': '' }, {});
    expect(errors).toEqual([
      { key: 'grid:time', code: 'required' },
      { key: 'order', code: 'required' },
    ]);
  });

  it('reads only the page asked for, and only its questions shown', () => {
    expect(readPage(SURVEY, 2, { role: 'researcher', subjects: 'maths' }, { role: 'teacher' }).answers).toEqual({ subjects: ['maths'] });
    expect(readPage(SURVEY, 2, { subjects: 'maths' }, { role: 'researcher' })).toEqual({ answers: {}, errors: [] });
  });

  it('ignores a field whose name is an object property', () => {
    const named = [q('constructor', 1, 'short-text', { required: true })];
    expect(readPage(named, 1, {}, {}).errors).toEqual([{ key: 'constructor', code: 'required' }]);
  });

  it('names the range a number is out of, with the ends the question has', () => {
    const one = (min: number | null, max: number | null, typed: string) => readPage([q('n', 1, 'number', { min, max })], 1, { n: typed }, {}).errors;
    expect(one(0, null, '-1')).toEqual([{ key: 'n', code: 'out-of-range', values: { bounds: 'min', min: 0 } }]);
    expect(one(null, 60, '60.5')).toEqual([{ key: 'n', code: 'out-of-range', values: { bounds: 'max', max: 60 } }]);
    expect(one(null, null, '-1000000000')).toEqual([]);
    expect([numberRange(q('n', 1, 'number')), numberRange(q('r', 1, 'rating', { min: 1, max: 5 })), numberRange(q('n', 1, 'number', { min: 0, max: 0 }))]).toEqual([null, null, { bounds: 'both', min: 0, max: 0 }]);
  });

  it.each(LOCALES)('says the range in %s, with numbers as the language writes them and without thousands separators (which are refused)', (locale) => {
    const n = (x: number) => new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 10 }).format(x);
    const ranges = [
      { bounds: 'both', min: -2.5, max: 1500 },
      { bounds: 'min', min: 0.125 },
      { bounds: 'max', max: 60 },
    ] as const;
    const fallback = translate(locale, 'surveys.answerErrors.outOfRange', { bounds: 'none' });
    for (const range of ranges) {
      const hint = translate(locale, 'surveys.respond.numberRange', { ...range });
      const error = translate(locale, 'surveys.answerErrors.outOfRange', { ...range });
      for (const end of [range.bounds !== 'max' ? range.min : null, range.bounds !== 'min' ? range.max : null].filter((x) => x !== null)) {
        expect(hint).toContain(n(end));
        expect(error).toContain(n(end));
      }
      expect(error).not.toBe(fallback);
    }
    // Three forms of each message: they differ.
    expect(new Set(ranges.map((r) => translate(locale, 'surveys.answerErrors.outOfRange', { ...r }).replace(/[-\d.,\u200e]+/g, '#'))).size).toBe(3);
  });

  it('joins a label and its value as each language writes it', () => {
    const join = (locale: (typeof LOCALES)[number]) => translate(locale, 'form.labelled', { label: 'A', value: 'B' });
    expect(LOCALES.map((l) => [l, join(l)])).toEqual([
      ['ar', 'A: B'],
      ['zh', 'A：B'],
      ['en', 'A: B'],
      ['fr', 'A\u00a0: B'],
      ['ru', 'A: B'],
      ['es', 'A: B'],
    ]);
  });

  it('reads numbers as people type them in each language, and refuses a guess', () => {
    expect(['12', '12.5', '12,5', '-3', '０．５', '١٢٫٥'].map(parseDecimal)).toEqual([12, 12.5, 12.5, -3, 0.5, 12.5]);
    expect(['1 234', '1.234,5', '1,2,3', '.5', '5.', '1e3', '+4', ''].map(parseDecimal)).toEqual(Array(8).fill(null));
  });
});

describe('checking a definition before it opens', () => {
  const broken = (change: (qs: Question[]) => void) => {
    const qs = structuredClone(SURVEY);
    change(qs);
    return checkQuestions(qs);
  };
  const at = (qs: Question[], key: string) => qs.find((x) => x.key === key)!;

  it('finds nothing wrong with a sound survey', () => {
    expect(checkQuestions(SURVEY)).toEqual([]);
  });

  it('lets options, columns and items to rank be called "error" or "hint" (their ids are numbered), but not rows', () => {
    const named = (...keys: string[]) => choices(...keys);
    const qs = [
      q('pick', 1, 'single', { choices: named('error', 'hint') }),
      q('rank', 1, 'ranking', { choices: named('error', 'hint', 'other') }),
      q('grid', 1, 'matrix', { choices: named('error', 'hint'), rows: named('hints', 'errors') }),
    ];
    expect(checkQuestions(qs)).toEqual([]);
  });

  it.each([
    ['a key with capitals', (qs: Question[]) => (at(qs, 'comments').key = 'Comments'), { key: 'Comments', code: 'bad-key' }],
    ['a key used twice', (qs: Question[]) => (at(qs, 'comments').key = 'joined'), { key: 'joined', code: 'duplicate-key' }],
    ['a page 0', (qs: Question[]) => (at(qs, 'role').page = 0), { key: 'role', code: 'bad-page' }],
    ['an unknown type', (qs: Question[]) => (at(qs, 'joined').type = 'colour' as QuestionType), { key: 'joined', code: 'bad-type' }],
    ['a choice key used twice', (qs: Question[]) => (at(qs, 'level').choices[1].key = 'primary'), { key: 'level', code: 'duplicate-choice', at: 'primary' }],
    ['a choice called "other" beside "Other"', (qs: Question[]) => Object.assign(at(qs, 'mentoring'), { other: true, choices: choices('yes', 'other') }), { key: 'mentoring', code: 'duplicate-choice', at: 'other' }],
    ['a row key with a space', (qs: Question[]) => (at(qs, 'funding').rows[0].key = 'from home'), { key: 'funding', code: 'bad-choice-key', at: 'from home' }],
    // A row's radios take ids made from its key: these would be those of the question's hint and error lines.
    ['a row called "hint"', (qs: Question[]) => (at(qs, 'funding').rows[0].key = 'hint'), { key: 'funding', code: 'reserved-row-key', at: 'hint' }],
    ['a row called "error"', (qs: Question[]) => (at(qs, 'funding').rows[1].key = 'error'), { key: 'funding', code: 'reserved-row-key', at: 'error' }],
    ['a choice with one option', (qs: Question[]) => at(qs, 'level').choices.splice(1), { key: 'level', code: 'too-few-choices' }],
    ['a ranking of one item', (qs: Question[]) => at(qs, 'priorities').choices.splice(1), { key: 'priorities', code: 'too-few-choices' }],
    ['a matrix with no rows', (qs: Question[]) => (at(qs, 'funding').rows = []), { key: 'funding', code: 'no-rows' }],
    ['a rating of 0 to 11', (qs: Question[]) => Object.assign(at(qs, 'satisfaction'), { min: 0, max: 11 }), { key: 'satisfaction', code: 'bad-scale' }],
    ['a rating from 5 to 1', (qs: Question[]) => Object.assign(at(qs, 'satisfaction'), { min: 5, max: 1 }), { key: 'satisfaction', code: 'bad-scale' }],
    ['a rating with no end', (qs: Question[]) => (at(qs, 'satisfaction').max = null), { key: 'satisfaction', code: 'bad-scale' }],
    ['a number from 60 to 0', (qs: Question[]) => Object.assign(at(qs, 'years'), { min: 60, max: 0 }), { key: 'years', code: 'bad-range' }],
    ['a negative maximum of options', (qs: Question[]) => (at(qs, 'subjects').maxChoices = -1), { key: 'subjects', code: 'bad-max-choices' }],
    ['a condition on no question', (qs: Question[]) => (at(qs, 'level').when[0].question = 'rol'), { key: 'level', code: 'condition-unknown', at: 'rol' }],
    ['a condition on a matrix as a whole', (qs: Question[]) => at(qs, 'priorities').when.push({ question: 'funding', op: 'answered' }), { key: 'priorities', code: 'condition-op', at: 'funding' }],
    ['a condition on no row', (qs: Question[]) => at(qs, 'priorities').when.push({ question: 'funding:local', op: 'answered' }), { key: 'priorities', code: 'condition-unknown', at: 'funding:local' }],
    ['a condition on the same page', (qs: Question[]) => at(qs, 'years').when.push({ question: 'role', op: 'answered' }), { key: 'years', code: 'condition-not-earlier', at: 'role' }],
    ['a condition on a later page', (qs: Question[]) => at(qs, 'role').when.push({ question: 'joined', op: 'answered' }), { key: 'role', code: 'condition-not-earlier', at: 'joined' }],
    ['"includes" on a single choice', (qs: Question[]) => (at(qs, 'level').when[0].op = 'includes'), { key: 'level', code: 'condition-op', at: 'role' }],
    ['"at least" on a text', (qs: Question[]) => at(qs, 'joined').when.push({ question: 'lab-work', op: 'at-least', value: 2 }), { key: 'joined', code: 'condition-op', at: 'lab-work' }],
    ['an unknown op', (qs: Question[]) => (at(qs, 'level').when[0].op = 'is' as Condition['op']), { key: 'level', code: 'condition-op', at: 'role' }],
    ['a value that is no option', (qs: Question[]) => (at(qs, 'level').when[0].value = 'teachers'), { key: 'level', code: 'condition-value', at: 'role' }],
    ['a number compared with text', (qs: Question[]) => (at(qs, 'mentoring').when[1].value = '10'), { key: 'mentoring', code: 'condition-value', at: 'years' }],
    ['a rating off its scale', (qs: Question[]) => at(qs, 'joined').when.push({ question: 'satisfaction', op: 'at-least', value: 6 }), { key: 'joined', code: 'condition-value', at: 'satisfaction' }],
  ] as [string, (qs: Question[]) => void, object][])('refuses %s', (_, change, problem) => {
    expect(broken(change)).toEqual([problem]);
  });
});

describe('every language complete before a survey opens', () => {
  const survey = { title: t('Survey'), intro: {}, questions: structuredClone(SURVEY) };

  it('finds nothing missing when every text is written in every language', () => {
    expect(missingTexts(survey, ['en', 'fr'])).toEqual([]);
  });

  it('lists each text a language lacks, including optional texts written in another language', () => {
    const s = structuredClone(survey);
    s.title.fr = '  ';
    s.intro = { en: 'Welcome' };
    const role = s.questions[0];
    delete role.choices[1].label.fr;
    const funding = s.questions.find((x) => x.key === 'funding')!;
    funding.rows[0].label = { fr: 'National' };
    const satisfaction = s.questions.find((x) => x.key === 'satisfaction')!;
    satisfaction.maxLabel = { en: 'Very satisfied' };
    satisfaction.help = { fr: 'Aide' };
    expect(missingTexts(s, ['en', 'fr', 'es'])).toEqual([
      { locale: 'en', where: 'satisfaction.help' },
      { locale: 'en', where: 'funding.rows.national' },
      { locale: 'fr', where: 'title' },
      { locale: 'fr', where: 'intro' },
      { locale: 'fr', where: 'role.choices.researcher' },
      { locale: 'fr', where: 'satisfaction.maxLabel' },
      ...['title', 'intro', ...SURVEY.flatMap((x) => [`${x.key}.text`, ...(x.key === 'satisfaction' ? ['satisfaction.help', 'satisfaction.maxLabel'] : []), ...x.choices.map((c) => `${x.key}.choices.${c.key}`), ...x.rows.map((r) => `${x.key}.rows.${r.key}`)])].map((where) => ({ locale: 'es', where })),
    ]);
  });
});
