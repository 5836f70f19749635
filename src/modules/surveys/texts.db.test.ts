import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, signedIn, type TestApp } from '../../testing/app.js';
import { createSession, ensureUser } from '../../platform/auth/service.js';
import { auditLog } from '../../platform/audit/schema.js';
import { incomeGroupName, incomeGroupOf, regionName, regionOf } from '../../platform/geo/countries.js';
import { translate } from '../../platform/i18n/messages.js';
import { surveyResponses, type Answers, type Question } from './schema.js';
import { addResponses, addSurvey, question } from './factories.js';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';

/**
 * The Secretariat reads what respondents wrote (policy readTexts): one question's answers at a time,
 * paged, searched, blanks left out, "Other, please say" texts included, as plain text, and as a CSV
 * whose cells a spreadsheet will not run. Nothing beside an answer says who wrote it — no group,
 * country, region, income group or response — and no one else reads them.
 */
const DAY = 86_400_000;
const QUESTIONS: Question[] = [
  question({ key: 'note', page: 1, type: 'long-text', text: { en: 'What would help you most?' } }),
  question({ key: 'role', page: 1, type: 'single', text: { en: 'Your role' }, choices: [{ key: 'yes', label: { en: 'Yes' } }, { key: 'no', label: { en: 'No' } }], other: true }),
  question({ key: 'name', page: 2, type: 'short-text', text: { en: 'One word for it' } }),
  question({ key: 'grade', page: 2, type: 'number', text: { en: 'Grade' }, min: 1, max: 12 }),
];
const FORMULA = '=HYPERLINK("http://evil.example","click")';
const SCRIPT = '<script>alert(1)</script>';

let t: TestApp;
let secretariat: string;
const base = '/en/admin/surveys/words';
const get = (url: string, cookie = secretariat) => t.app.inject({ url, headers: { cookie } });
/** The page's main content: where the answers are (the header holds tokens and names of its own). */
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
/** A CSV download's rows, its byte-order mark aside. */
const rowsOf = (csv: string): string[][] => parse(csv.replace(/^\ufeff/, ''));
/** The answers shown, in order, as the page escapes them. */
const answersOf = (html: string) => [...mainOf(html).matchAll(/<li class="answer-item"><p class="comment-body pre-line" dir="auto">([^<]*)<\/p><\/li>/g)].map((m) => m[1]!);

beforeAll(async () => {
  t = await testApp();
  const survey = await addSurvey(t.db, { slug: 'words', title: { en: 'Words survey' }, questions: QUESTIONS, locales: ['en'], opensAt: new Date(Date.now() - 20 * DAY), closesAt: new Date(Date.now() - DAY) });
  await addSurvey(t.db, { slug: 'numbers', title: { en: 'Numbers only' }, questions: [QUESTIONS[3]!], locales: ['en'], opensAt: new Date(Date.now() - 20 * DAY), closesAt: new Date(Date.now() - DAY) });
  const list: { stakeholder: string | null; country: string | null; answers: Answers }[] = [];
  // 57 notes: 3 mention phonics (in any case), one is 100% sure, one a formula, one a script; 3 more are blank and must not count.
  for (let i = 1; i <= 51; i++) list.push({ stakeholder: 'policymaker', country: 'KE', answers: { note: `Note ${i}`, name: `Word ${i}`, role: 'yes', grade: 3 } });
  list.push({ stakeholder: 'policymaker', country: 'KE', answers: { note: 'More phonics, please', role: 'other', 'role:other': 'Head of a small school' } });
  list.push({ stakeholder: 'policymaker', country: 'KE', answers: { note: 'PHONICS kits', role: 'other', 'role:other': FORMULA } });
  list.push({ stakeholder: 'policymaker', country: 'KE', answers: { note: 'Systematic Phonics\ntraining', role: 'other', 'role:other': '   ' } });
  list.push({ stakeholder: 'policymaker', country: 'KE', answers: { note: '100% sure' } });
  list.push({ stakeholder: 'policymaker', country: 'KE', answers: { note: FORMULA } });
  list.push({ stakeholder: 'policymaker', country: 'KE', answers: { note: SCRIPT } });
  list.push({ stakeholder: 'policymaker', country: 'KE', answers: { note: '   ' } }, { stakeholder: 'policymaker', country: 'KE', answers: { note: '' } }, { stakeholder: 'policymaker', country: 'KE', answers: { grade: 4 } });
  await addResponses(t.db, survey!, list);
  secretariat = await signedIn(t, { email: 'reader@secretariat.example', roles: ['secretariat'] });
}, 120_000);
afterAll(() => t.close());

describe('the Secretariat reads a survey’s written answers', () => {
  it('shows the first text question’s answers, 50 a page, with their count, blanks left out, in the same order every time', async () => {
    const first = await get(`${base}/texts`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<h1>Written answers: <bdi>Words survey</bdi></h1>');
    expect(mainOf(first.body)).toContain('57 answers');
    const page1 = answersOf(first.body);
    expect(page1).toHaveLength(50);
    const page2 = answersOf((await get(`${base}/texts?question=note&page=2`)).body);
    expect(page2).toHaveLength(7);
    const all = [...page1, ...page2];
    expect(new Set(all).size).toBe(57);
    expect(all).toContain('Note 51');
    expect(all).not.toContain('   ');
    expect(all).not.toContain('');
    // Stable: the same page again lists the same answers in the same order.
    expect(answersOf((await get(`${base}/texts?question=note`)).body)).toEqual(page1);
    // Paging links keep the question.
    expect(first.body).toContain(`href="${base}/texts?question=note&page=2"`);
  });

  it('shows each answer as plain text, escaped', async () => {
    const body = (await get(`${base}/texts?question=note&q=script`)).body;
    expect(body).not.toContain(SCRIPT);
    expect(answersOf(body)).toEqual(['&lt;script>alert(1)&lt;/script>']);
  });

  it('searches one question’s answers by part of a word, in capitals or not, keeping the search in the box', async () => {
    const res = await get(`${base}/texts?question=note&q=${encodeURIComponent('PhOnIcS')}`);
    expect(res.statusCode).toBe(200);
    expect(answersOf(res.body).sort()).toEqual(['More phonics, please', 'PHONICS kits', 'Systematic Phonics\ntraining']);
    expect(res.body).toMatch(/<input id="f-q" name="q" type="search" value="PhOnIcS"/);
    expect(mainOf(res.body)).toContain('3 answers contain “<bdi>PhOnIcS</bdi>”');
    // % and _ are letters to look for, not wildcards.
    expect(answersOf((await get(`${base}/texts?question=note&q=${encodeURIComponent('0%')}`)).body)).toEqual(['100% sure']);
    expect(answersOf((await get(`${base}/texts?question=note&q=_`)).body)).toEqual([]);
    // The CSV link carries the search.
    expect(res.body).toContain(`href="${base}/texts.csv?question=note&q=PhOnIcS"`);
  });

  it('reads the “Other, please say” texts of a choice question, blanks left out', async () => {
    const res = await get(`${base}/texts?question=role`);
    expect(res.statusCode).toBe(200);
    expect(answersOf(res.body).sort()).toEqual([FORMULA.replace(/"/g, '&#34;'), 'Head of a small school'].sort());
    expect(mainOf(res.body)).toContain('2 answers');
  });

  it('lists only the questions answered in words, and orders each question’s answers its own way, so two lists cannot be lined up', async () => {
    const res = await get(`${base}/texts`);
    const options = [...res.body.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(options).toEqual(['note', 'role', 'name']);
    const notes = [...answersOf(res.body), ...answersOf((await get(`${base}/texts?question=note&page=2`)).body)].filter((a) => a.startsWith('Note ')).map((a) => a.slice(5));
    const words = [...answersOf((await get(`${base}/texts?question=name`)).body), ...answersOf((await get(`${base}/texts?question=name&page=2`)).body)].map((a) => a.slice(5));
    expect(words).toHaveLength(51);
    expect(new Set(notes)).toEqual(new Set(words));
    expect(notes).not.toEqual(words);
  });

  it('shows no stakeholder group, country, region, income group or response beside the answers', async () => {
    const ids = (await t.db.select({ id: surveyResponses.id }).from(surveyResponses)).map((r) => r.id);
    for (const url of [`${base}/texts`, `${base}/texts?question=note&page=2`, `${base}/texts?question=role`, `${base}/texts.csv?question=note`]) {
      const body = (await get(url)).body;
      const shown = url.includes('.csv') ? body : mainOf(body);
      for (const word of ['policymaker', 'Policymaker', translate('en', 'consultations.groups.policymaker'), 'KE', 'Kenya', regionOf('KE')!, regionName(regionOf('KE')!, 'en'), incomeGroupOf('KE')!, incomeGroupName(incomeGroupOf('KE')!, 'en')]) {
        expect(shown, `${url}: ${word}`).not.toContain(word);
      }
      for (const id of ids) expect(shown).not.toContain(id);
    }
  });

  it('answers bad input with a clear page, never a 500', async () => {
    // A question that does not exist, or takes no words: 404, saying so, with the questions to choose from.
    for (const key of ['nope', 'grade', '%3Cb%3E', 'n'.repeat(150)]) {
      const res = await get(`${base}/texts?question=${key}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('is not a question of this survey answered in words');
      expect(res.body).toContain('<option value="note"');
      expect(mainOf(res.body)).not.toMatch(/>[^<]*<b>/);
      expect(answersOf(res.body)).toEqual([]);
    }
    // A page that is not a number is the first; past the last, the last.
    for (const page of ['abc', '-1', '0', '1.5']) {
      const res = await get(`${base}/texts?question=note&page=${page}`);
      expect(res.statusCode).toBe(200);
      expect(answersOf(res.body)).toHaveLength(50);
    }
    expect(answersOf((await get(`${base}/texts?question=note&page=99`)).body)).toHaveLength(7);
    // A search too long: the page again with the message beside the box, and what was typed.
    const long = 'x'.repeat(201);
    const res = await get(`${base}/texts?question=note&q=${long}`);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Use 200 characters or fewer.');
    expect(res.body).toContain(`value="${long}"`);
    expect(answersOf(res.body)).toEqual([]);
    // No such survey, and a survey with no question in words.
    expect((await get('/en/admin/surveys/no-such-survey/texts')).statusCode).toBe(404);
    const numbers = await get('/en/admin/surveys/numbers/texts');
    expect(numbers.statusCode).toBe(200);
    expect(numbers.body).toContain('This survey has no question answered in words.');
    expect((await get('/en/admin/surveys/numbers/texts.csv')).statusCode).toBe(404);
    expect((await get(`${base}/texts.csv?question=grade`)).statusCode).toBe(404);
    expect((await get(`${base}/texts.csv?question=note&q=${long}`)).statusCode).toBe(404);
  });

  it('is valid HTML in each of its states, in English and Arabic', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const found: Record<string, string[]> = {};
    for (const locale of ['en', 'ar']) {
      for (const query of ['', '?question=role', '?question=note&q=phonics&page=2', '?question=nope', `?q=${'x'.repeat(201)}`]) {
        const url = `/${locale}/admin/surveys/words/texts${query}`;
        const report = await validator.validateString((await get(url)).body, join(root, 'page.html'));
        const list = report.results.flatMap((r) => r.messages).map((m) => `${m.ruleId}: ${m.message}`);
        if (list.length) found[url] = list;
      }
    }
    expect(found).toEqual({});
  });

  it('links to the page from the survey’s admin page when it has a question in words, and only then', async () => {
    expect((await get(base)).body).toContain(`href="${base}/texts"`);
    expect((await get('/en/admin/surveys/numbers')).body).not.toContain('/texts"');
  });

  it('downloads a question’s texts as CSV: named, typed, formula cells neutralised, audited', async () => {
    const res = await t.app.inject({ url: `${base}/texts.csv?question=role`, headers: { cookie: secretariat }, remoteAddress: '203.0.113.9' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="words-role-other-texts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(rowsOf(res.body)[0]).toEqual(['Answer']);
    expect(rowsOf(res.body).slice(1).map((r) => r[0]).sort()).toEqual(["'" + FORMULA, 'Head of a small school'].sort());
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'surveys.texts.export'), eq(auditLog.targetId, 'words'), eq(auditLog.ip, '203.0.113.9')));
    expect(entry).toMatchObject({ actorEmail: 'reader@secretariat.example', targetType: 'survey', ip: '203.0.113.9', after: { format: 'csv', question: 'role', other: true, q: null, rows: 2 } });
    // The notes, searched, as the page shows them.
    const notes = await get(`${base}/texts.csv?question=note&q=phonics`);
    expect(rowsOf(notes.body).slice(1).map((r) => r[0]).sort()).toEqual(['More phonics, please', 'PHONICS kits', 'Systematic Phonics\ntraining']);
    const all = rowsOf((await get(`${base}/texts.csv?question=note`)).body);
    expect(all).toHaveLength(58);
    expect(all.map((r) => r[0])).toContain("'" + FORMULA);
    expect(all.every((r) => r.length === 1 && !/^[=+\-@]/.test(r[0]!))).toBe(true);
  });
});

describe('no one else reads them', () => {
  it('refuses a member, a working group’s chair and the Steering Committee (403), and sends a visitor to sign in, on the page and the CSV', async () => {
    const member = await signedIn(t, { email: 'member@texts.example', roles: ['member'] });
    const { id } = await ensureUser(t.db, { email: 'chair@texts.example', name: 'A chair', roles: [{ role: 'member' }, { role: 'wg_chair', scope: '00000000-0000-4000-8000-000000000001' }] });
    const chair = `bridges_session=${await createSession(t.db, id, 'test')}`;
    const steering = await signedIn(t, { email: 'steering@texts.example', roles: ['steering'] });
    for (const url of [`${base}/texts`, `${base}/texts?question=note`, `${base}/texts.csv?question=note`, `${base}/texts.csv?question=role`]) {
      for (const cookie of [member, chair, steering]) {
        const res = await get(url, cookie);
        expect(res.statusCode, `${url}`).toBe(403);
        expect(res.body).not.toContain('Note 1');
        expect(res.body).not.toContain('Head of a small school');
      }
      const visitor = await get(url, '');
      expect(visitor.statusCode).toBe(302);
      expect(visitor.headers.location).toContain('/en/sign-in?next=');
    }
    // Refusals leave no trace of a download.
    const audited = await t.db.select().from(auditLog).where(eq(auditLog.action, 'surveys.texts.export'));
    expect(audited.every((a) => a.actorEmail === 'reader@secretariat.example')).toBe(true);
  });
});
