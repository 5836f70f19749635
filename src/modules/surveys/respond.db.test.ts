import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { testApp, signedIn, submitForm, type TestApp } from '../../testing/app.js';
import { users } from '../../platform/auth/schema.js';
import { surveys, surveyDrafts, surveyIdentified, surveyParticipants, surveyResponses, priorityBallots, priorityComparisons, type Question } from './schema.js';
import { addResponses, addSurvey, question } from './factories.js';

/**
 * Answering a survey over HTTP as a browser without JavaScript does: page by page with the server's
 * skip logic, leaving and resuming, one response per person, nothing that ties an anonymous
 * response to its author, and results only once the survey has closed, with small counts hidden.
 */
const DAY = 86_400_000;
const q = (p: Partial<Question> & Pick<Question, 'key' | 'page' | 'type'>): Question => question({ required: true, text: { en: `Question ${p.key}`, fr: `Question ${p.key}` }, ...p });
const c = (key: string) => ({ key, label: { en: `Option ${key}`, fr: `Option ${key}` } });
const QUESTIONS: Question[] = [
  q({ key: 'role', page: 1, type: 'single', choices: [c('teacher'), c('researcher')], other: true }),
  q({ key: 'grade', page: 2, type: 'number', min: 1, max: 12, when: [{ question: 'role', op: 'equals', value: 'teacher' }] }),
  q({ key: 'areas', page: 3, type: 'multiple', choices: [c('reading'), c('maths'), c('science')], maxChoices: 2 }),
  q({ key: 'note', page: 3, type: 'long-text', required: false }),
];

let t: TestApp;
const surveyAt = (slug: string) => `/en/surveys/${slug}`;
beforeAll(async () => {
  t = await testApp();
  await addSurvey(t.db, { slug: 'open-one', title: { en: 'Open survey', fr: 'Enquête ouverte' }, questions: QUESTIONS, locales: ['en', 'fr'], opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 10 * DAY) });
  const closed = await addSurvey(t.db, { slug: 'closed-one', title: { en: 'Closed survey' }, questions: QUESTIONS, locales: ['en'], opensAt: new Date(Date.now() - 20 * DAY), closesAt: new Date(Date.now() - DAY) });
  // 12 teachers in Kenya (Sub-Saharan Africa, lower-middle income), 3 researchers in France.
  await addResponses(t.db, closed!, [
    ...Array.from({ length: 12 }, (_, i) => ({ stakeholder: 'teacher', country: 'KE', answers: { role: 'teacher', grade: 3, areas: i < 9 ? ['reading'] : ['maths'] } })),
    ...Array.from({ length: 3 }, () => ({ stakeholder: 'researcher', country: 'FR', answers: { role: 'researcher', areas: ['science'] } })),
  ]);
}, 120_000);
afterAll(() => t.close());

async function member(email: string) {
  return signedIn(t, { email, roles: ['member'] });
}

describe('answering page by page with JavaScript off', () => {
  it('takes a teacher through the pages the answers call for, keeps a page when they leave, resumes, and stores one anonymous response', async () => {
    let cookie = await member('amina@school.example');
    const about = await submitForm(t, { page: `${surveyAt('open-one')}/about`, action: `${surveyAt('open-one')}/about`, fields: { stakeholder: 'teacher', country: 'KE' }, cookie });
    expect(about.headers.location).toBe(`${surveyAt('open-one')}/page/1`);
    cookie = about.cookie;
    const p1 = await submitForm(t, { page: `${surveyAt('open-one')}/page/1`, action: `${surveyAt('open-one')}/page/1`, fields: { role: 'teacher', go: 'next' }, cookie });
    // A teacher is asked for their grade (page 2).
    expect(p1.headers.location).toBe(`${surveyAt('open-one')}/page/2`);
    // Leaving for later keeps what was typed, even unchecked.
    const later = await submitForm(t, { page: `${surveyAt('open-one')}/page/2`, action: `${surveyAt('open-one')}/page/2`, fields: { grade: '4', go: 'later' }, cookie });
    expect(later.statusCode).toBe(303);
    const resumed = await t.app.inject({ url: surveyAt('open-one'), headers: { cookie } });
    expect(resumed.body).toContain('Continue where you left off');
    expect(resumed.body).toContain(`href="${surveyAt('open-one')}/page/2"`);
    const page2 = await t.app.inject({ url: `${surveyAt('open-one')}/page/2`, headers: { cookie } });
    expect(page2.body).toMatch(/name="grade"[^>]*value="4"|value="4"[^>]*name="grade"/);

    // A number out of range: the page again, 422, with what was typed and the message beside it.
    const bad = await submitForm(t, { page: `${surveyAt('open-one')}/page/2`, action: `${surveyAt('open-one')}/page/2`, fields: { grade: '40', go: 'next' }, cookie });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter a number from 1 to 12.');
    expect(bad.body).toContain('value="40"');

    const p2 = await submitForm(t, { page: `${surveyAt('open-one')}/page/2`, action: `${surveyAt('open-one')}/page/2`, fields: { grade: '4', go: 'next' }, cookie });
    expect(p2.headers.location).toBe(`${surveyAt('open-one')}/page/3`);
    const p3 = await submitForm(t, { page: `${surveyAt('open-one')}/page/3`, action: `${surveyAt('open-one')}/page/3`, fields: { areas: ['reading', 'maths'], note: 'Phonics first.', go: 'next' }, cookie });
    expect(p3.headers.location).toBe(`${surveyAt('open-one')}/review`);
    const review = await t.app.inject({ url: `${surveyAt('open-one')}/review`, headers: { cookie } });
    expect(review.body).toContain('Option reading; Option maths');

    const before = (await t.db.select().from(surveyResponses)).length;
    const sent = await submitForm(t, { page: `${surveyAt('open-one')}/review`, action: `${surveyAt('open-one')}/submit`, fields: {}, cookie });
    expect(sent.headers.location).toBe(`${surveyAt('open-one')}?notice=sent`);
    // Sent twice (another tab, a resent form): still one response.
    await submitForm(t, { page: `${surveyAt('open-one')}`, action: `${surveyAt('open-one')}/submit`, fields: {}, cookie, forge: true });
    const responses = await t.db.select().from(surveyResponses);
    expect(responses.length).toBe(before + 1);
    const mine = responses.find((r) => (r.answers as Record<string, unknown>).note === 'Phonics first.')!;
    expect(mine.answers).toEqual({ role: 'teacher', grade: 4, areas: ['reading', 'maths'], note: 'Phonics first.' });
    expect([mine.stakeholder, mine.region, mine.incomeGroup]).toEqual(['teacher', 'africa', 'lower-middle']);
    // Anonymous: no draft left, no identification, and participation is a day.
    const [u] = await t.db.select().from(users).where(eq(users.email, 'amina@school.example'));
    expect(await t.db.select().from(surveyDrafts).where(eq(surveyDrafts.userId, u!.id))).toEqual([]);
    expect(await t.db.select().from(surveyIdentified)).toEqual([]);
    const [part] = await t.db.select().from(surveyParticipants).where(eq(surveyParticipants.userId, u!.id));
    expect(part!.respondedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const page = await t.app.inject({ url: surveyAt('open-one'), headers: { cookie } });
    expect(page.body).toContain('You have answered this survey.');
  });

  it('skips the page a researcher is not asked, and drops an answer that a changed answer hides', async () => {
    const cookie = (await submitForm(t, { page: `${surveyAt('open-one')}/about`, action: `${surveyAt('open-one')}/about`, fields: { stakeholder: 'teacher', country: 'FR' }, cookie: await member('leo@school.example') })).cookie;
    await submitForm(t, { page: `${surveyAt('open-one')}/page/1`, action: `${surveyAt('open-one')}/page/1`, fields: { role: 'teacher', go: 'next' }, cookie });
    await submitForm(t, { page: `${surveyAt('open-one')}/page/2`, action: `${surveyAt('open-one')}/page/2`, fields: { grade: '2', go: 'back' }, cookie });
    // They change their mind: a researcher goes from page 1 straight to page 3.
    const changed = await submitForm(t, { page: `${surveyAt('open-one')}/page/1`, action: `${surveyAt('open-one')}/page/1`, fields: { role: 'researcher', go: 'next' }, cookie });
    expect(changed.headers.location).toBe(`${surveyAt('open-one')}/page/3`);
    await submitForm(t, { page: `${surveyAt('open-one')}/page/3`, action: `${surveyAt('open-one')}/page/3`, fields: { areas: 'science', go: 'next' }, cookie });
    await submitForm(t, { page: `${surveyAt('open-one')}/review`, action: `${surveyAt('open-one')}/submit`, fields: {}, cookie });
    const [open] = await t.db.select().from(surveys).where(eq(surveys.slug, 'open-one'));
    const rows = await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, open!.id));
    const theirs = rows.find((r) => (r.answers as Record<string, unknown>).role === 'researcher');
    expect(theirs!.answers).toEqual({ role: 'researcher', areas: ['science'] });
  });

  it('refuses someone outside the audience, and a forged option, storing nothing', async () => {
    const outsider = await signedIn(t, { email: 'visitor@example.org' });
    const page = await t.app.inject({ url: surveyAt('open-one'), headers: { cookie: outsider } });
    expect(page.body).toContain('This survey is for another audience');
    const res = await t.app.inject({ url: `${surveyAt('open-one')}/about`, headers: { cookie: outsider } });
    expect(res.statusCode).toBe(303);
    const cookie = (await submitForm(t, { page: `${surveyAt('open-one')}/about`, action: `${surveyAt('open-one')}/about`, fields: { stakeholder: 'teacher', country: 'KE' }, cookie: await member('forger@example.org') })).cookie;
    const forged = await submitForm(t, { page: `${surveyAt('open-one')}/page/1`, action: `${surveyAt('open-one')}/page/1`, fields: { role: 'admin', go: 'next' }, cookie });
    expect(forged.statusCode).toBe(422);
    expect(forged.body).toContain('Choose one of the options shown.');
  });
});

describe('results', () => {
  it('are not shown while a survey is open, and are public once it is closed, by option, with counts under 5 hidden', async () => {
    expect((await t.app.inject({ url: `${surveyAt('open-one')}/results` })).statusCode).not.toBe(200);
    const res = await t.app.inject({ url: `${surveyAt('closed-one')}/results` });
    expect(res.statusCode).toBe(200);
    // 9 chose reading, 3 maths (a small count), 3 science: the small ones are "< 5", never their number.
    expect(res.body).toMatch(/Option reading<\/td><td class="num">9</);
    expect(res.body).toMatch(/Option maths<\/td><td class="num">&lt; 5</);
    const byIncome = await t.app.inject({ url: `${surveyAt('closed-one')}/results?by=income` });
    expect(byIncome.body).toMatch(/World Bank classification FY\d{4}\./);
    const byRegion = await t.app.inject({ url: `${surveyAt('closed-one')}/results?by=region` });
    expect(byRegion.body).not.toMatch(/<td class="num">3<\/td>/);
    const csv = await t.app.inject({ url: `${surveyAt('closed-one')}/results.csv?by=region` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('areas: Option reading');
    expect(csv.body).not.toMatch(/,3(,|\r?\n)/);
  });
});

describe('anonymity in the schema', () => {
  it('gives a response or a ballot no column that names or points to a person, and no instant', () => {
    for (const table of [surveyResponses, priorityBallots, priorityComparisons]) {
      const config = getTableConfig(table);
      expect(config.foreignKeys.map((f) => getTableConfig(f.reference().foreignTable).name)).not.toContain('users');
      for (const col of config.columns) {
        expect(col.name).not.toMatch(/user|email|person|name|voter|ip/);
        expect(col.columnType).not.toBe('PgTimestamp');
      }
    }
  });
});
