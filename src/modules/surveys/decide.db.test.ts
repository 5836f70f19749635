import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp, signedIn, submitForm, type TestApp } from '../../testing/app.js';
import { ensureUser } from '../../platform/auth/service.js';
import { outbox } from '../../platform/mail/schema.js';
import { auditLog } from '../../platform/audit/schema.js';
import { runDueJobs } from '../../platform/jobs/queue.js';
import { allModules } from '../../server.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { priorityCycles, priorityThemes, priorityVoters, surveyParticipants } from './schema.js';
import { addBallots, addCycle, addSurvey, addTheme } from './factories.js';
import { YOU_SAID_JOB } from './service.js';

/**
 * The Steering Committee's decision on a cycle whose vote has closed: the tally beside the form,
 * each theme adopted or not with its reason and its working group, published once; then "you said,
 * we did" to everyone who voted or answered the cycle's survey — once each, in their language. And
 * the Secretariat's curating, refused once the vote has opened.
 */
const DAY = 86_400_000;
let t: TestApp;
let cycleSlug: string;
let themes: Record<string, string>;
let groupId: string;
beforeAll(async () => {
  t = await testApp();
  groupId = (await addWorkingGroups(t.db))['foundational-learning'];
  const now = Date.now();
  const cycle = (await addCycle(t.db, { slug: 'closed-vote', title: { en: 'Themes for next year', fr: 'Thèmes pour l’an prochain', ar: 'مواضيع العام المقبل' }, method: 'approval', approvalLimit: 2, proposalsOpenAt: new Date(now - 40 * DAY), proposalsCloseAt: new Date(now - 30 * DAY), votingOpensAt: new Date(now - 20 * DAY), votingClosesAt: new Date(now - DAY) }))!;
  cycleSlug = cycle.slug;
  themes = {
    reading: await addTheme(t.db, cycle.id, { title: { en: 'Reading', fr: 'Lecture', ar: 'القراءة' } }),
    maths: await addTheme(t.db, cycle.id, { title: { en: 'Mathematics', fr: 'Mathématiques', ar: 'الرياضيات' } }),
  };
  await addBallots(t.db, cycle, [...Array.from({ length: 7 }, () => ({ choices: [themes.reading!], stakeholder: 'teacher', country: 'KE' })), ...Array.from({ length: 3 }, () => ({ choices: [themes.maths!], stakeholder: 'researcher', country: 'FR' }))]);
  // Two voters, and a survey of the cycle answered by one of them and by a third person.
  const voter1 = await ensureUser(t.db, { email: 'voter.fr@example.org', name: 'Voter FR' });
  const voter2 = await ensureUser(t.db, { email: 'voter.en@example.org', name: 'Voter EN' });
  const respondent = await ensureUser(t.db, { email: 'respondent.ar@example.org', name: 'Respondent AR' });
  await t.db.insert(priorityVoters).values([
    { cycleId: cycle.id, userId: voter1.id, votedOn: '2026-11-20', locale: 'fr' },
    { cycleId: cycle.id, userId: voter2.id, votedOn: '2026-11-21', locale: 'en' },
  ]);
  const survey = (await addSurvey(t.db, { slug: 'cycle-survey', title: { en: 'What should we work on?', fr: 'Sur quoi travailler ?', ar: 'على ماذا نعمل؟' }, questions: [], opensAt: new Date(now - 50 * DAY), closesAt: new Date(now - 35 * DAY), cycleId: cycle.id }))!;
  await t.db.insert(surveyParticipants).values([
    { surveyId: survey.id, userId: voter1.id, respondedOn: '2026-10-20', locale: 'fr' },
    { surveyId: survey.id, userId: respondent.id, respondedOn: '2026-10-21', locale: 'ar' },
  ]);
}, 120_000);
afterAll(() => t.close());

const decidePath = () => `/en/admin/priorities/${cycleSlug}/decide`;
const runJobs = async () => {
  const handlers = Object.assign({}, ...allModules().map((m) => m.jobs ?? {}));
  while ((await runDueJobs(t.db, handlers, { baseUrl: t.config.baseUrl, only: [YOU_SAID_JOB] })) > 0);
};
const told = () => t.db.select().from(outbox).then((rows) => rows.filter((m) => /You said, we did|Vous avez dit|قلتم/.test(m.subject) || m.subject.includes('Themes for next year') || m.subject.includes('Thèmes pour')));

describe('the Steering Committee’s decision', () => {
  it('is refused to a member, and shown with the tally to the Committee', async () => {
    const member = await signedIn(t, { email: 'plain.member@example.org', roles: ['member'] });
    expect((await t.app.inject({ url: decidePath(), headers: { cookie: member } })).statusCode).toBe(403);
    const steering = await signedIn(t, { email: 'committee@example.org', roles: ['steering'] });
    const page = await t.app.inject({ url: decidePath(), headers: { cookie: steering } });
    expect(page.statusCode).toBe(200);
    // 7 approvals for Reading, 3 for Mathematics: ranked in that order.
    expect(page.body).toMatch(/Reading[\s\S]*Mathematics/);
  });

  it('keeps what was typed when a theme is left without a decision, stores nothing, then publishes once and tells each person once, in their language', async () => {
    const cookie = await signedIn(t, { email: 'committee@example.org', roles: ['steering'] });
    const fields = {
      [`adopted-${themes.reading}`]: 'yes',
      [`reason-${themes.reading}`]: 'First choice in every region.',
      [`group-${themes.reading}`]: groupId,
      decision: 'Reading is adopted for next year.',
      nextSteps: 'The working group reports at the annual meeting.',
    };
    const missing = await submitForm(t, { page: decidePath(), action: decidePath(), fields, cookie });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('First choice in every region.');
    expect((await t.db.select().from(priorityCycles).where(eq(priorityCycles.slug, cycleSlug)))[0]!.decidedAt).toBeNull();

    const done = await submitForm(t, { page: decidePath(), action: decidePath(), fields: { ...fields, [`adopted-${themes.maths}`]: 'no', [`reason-${themes.maths}`]: 'Covered by reading for now.' }, cookie });
    expect(done.statusCode).toBe(303);
    const [cycle] = await t.db.select().from(priorityCycles).where(eq(priorityCycles.slug, cycleSlug));
    expect(cycle!.decidedAt).not.toBeNull();
    const [reading] = await t.db.select().from(priorityThemes).where(eq(priorityThemes.id, themes.reading!));
    expect([reading!.adopted, reading!.groupId, reading!.reason.en]).toEqual([true, groupId, 'First choice in every region.']);
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, 'priorities.decide'))).length).toBe(1);
    // Public at once, with the reasons.
    const page = await t.app.inject({ url: `/en/priorities/${cycleSlug}` });
    expect(page.body).toContain('Covered by reading for now.');

    await runJobs();
    await runJobs();
    const mails = await told();
    expect(mails.map((m) => m.toAddress).sort()).toEqual(['respondent.ar@example.org', 'voter.en@example.org', 'voter.fr@example.org']);
    const fr = mails.find((m) => m.toAddress === 'voter.fr@example.org')!;
    expect(fr.subject).toContain('Thèmes pour l’an prochain');
    expect(fr.text).toContain('Lecture');
    expect(fr.text).toContain('Reading is adopted for next year.');
    const ar = mails.find((m) => m.toAddress === 'respondent.ar@example.org')!;
    expect(ar.subject).toContain('مواضيع العام المقبل');

    // A second decision is refused: the form is not shown again.
    const again = await t.app.inject({ url: decidePath(), headers: { cookie } });
    expect(again.body).not.toContain('name="decision"');
  });
});

describe('the Secretariat’s curating', () => {
  it('is refused once the vote has opened: the ballot does not change under the voters', async () => {
    const cookie = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
    const merge = await submitForm(t, { page: `/en/admin/priorities/${cycleSlug}`, action: `/en/admin/priorities/${cycleSlug}/themes/${themes.maths}`, fields: { action: 'merge', into: themes.reading! }, cookie, forge: true });
    expect(merge.statusCode).toBe(422);
    expect(merge.body).toContain('The vote has opened');
    const [maths] = await t.db.select().from(priorityThemes).where(eq(priorityThemes.id, themes.maths!));
    expect(maths!.state).toBe('proposed');
  });
});
