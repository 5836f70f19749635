/**
 * Races of a consultation. One person sending many comments at once (a script, or a form posted
 * from many tabs): no more than the limit get through. An answer changed while the final version
 * is published: never a final report with a comment unanswered. On PostgreSQL the comments go through two connection pools, as two
 * app instances would, and the control switches the commenter's row lock off (`src/db/locks.ts`)
 * to show that the lock is what keeps the limit. The embedded database runs one transaction at a
 * time: there the burst checks the behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.js';
import { rowLocks } from '../../db/locks.js';
import { signedIn, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { addWorkingGroups } from '../workinggroups/factories.js';
import { addPersonToGroup, createReport, getWorkingGroup, publishReport, reportOf, saveReport } from '../workinggroups/service.js';
import { consultationComments, consultations } from './schema.js';
import { addComment, COMMENTS_PER_TEN_MINUTES, getConsultation, getConsultationTarget, openConsultation, postComment, saveProfile, type ConsultationPage } from './service.js';
import { outstanding, saveResponse } from './responses.js';

const onServer = process.env.BRIDGES_TEST_DB === 'postgres';
const DAY = 86_400_000;
let t: TestApp;
let second: Database | undefined;
let page: ConsultationPage;
let n = 0;

beforeAll(async () => {
  t = await testApp();
  if (onServer) second = await openDatabase({ databaseUrl: t.database.url });
  const ids = await addWorkingGroups(t.db);
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'chair@example.org', name: 'Chair' }, 'chair');
  const chair = (await actorByEmail(t.db, 'chair@example.org'))!;
  const group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
  await createReport(t.db, chair, group, { slug: 'burst', title: 'Burst', markdown: '# Burst\n\nOne paragraph.' }, 'en');
  await publishReport(t.db, chair, group, (await reportOf(t.db, chair, group, 'burst'))!.report, 'prefinal');
  await openConsultation(t.db, chair, (await getConsultationTarget(t.db, chair, group, 'burst', 1))!, { opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + DAY), audience: 'public', moderation: 'post', summary: 'x', questions: [] }, 'en');
  page = (await getConsultation(t.db, 'burst-v1'))!;
}, 60_000);
afterAll(async () => {
  await second?.close();
  await t.close();
});

/** A new commenter sends limit + 10 comments at once, half through each pool; how many were written. */
async function burst(): Promise<number> {
  const email = `burst-${++n}@example.org`;
  await signedIn(t, { email });
  const who = (await actorByEmail(t.db, email))!;
  await saveProfile(t.db, who, { stakeholderGroup: 'other', country: 'FR', organization: '', onBehalf: 'self', display: 'group' });
  const block = page.version.blocks[1]!;
  await Promise.all(Array.from({ length: COMMENTS_PER_TEN_MINUTES + 10 }, (_, i) => postComment(second && i % 2 ? second.db : t.db, who, page, block.id, { body: `Comment ${i}.`, locale: 'en' }, { hasLink: false })));
  return (await t.db.select().from(consultationComments).where(eq(consultationComments.userId, who.id))).length;
}

describe('many comments at once from one person', () => {
  it('no more than the limit are written', async () => {
    expect(await burst()).toBe(COMMENTS_PER_TEN_MINUTES);
  }, 60_000);

  if (onServer) {
    it('control: with the commenter’s row lock switched off, more get through', async () => {
      rowLocks.commenter = false;
      try {
        expect(await burst()).toBeGreaterThan(COMMENTS_PER_TEN_MINUTES);
      } finally {
        rowLocks.commenter = true;
      }
    }, 60_000);
  }
});

/**
 * An answer changed at the moment the final version is published: the chair takes a comment out of
 * a shared answer (it is unanswered again) while another chair publishes. Either the answer comes
 * first and the publishing is refused (a comment has no answer), or the publishing comes first and
 * the change is refused (the answers are frozen): never a final report with a comment unanswered.
 */
describe('an answer changed while the final version is published', () => {
  let round = 0;

  /** A consultation closed with three comments answered together, and version 2 written; then both at once. Whether it ended final with a comment unanswered. */
  async function race(): Promise<boolean> {
    const slug = `final-${++round}`;
    const chair = (await actorByEmail(t.db, 'chair@example.org'))!;
    const group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
    await createReport(t.db, chair, group, { slug, title: 'Final', markdown: '# Final\n\nOne paragraph.' }, 'en');
    const report = (await reportOf(t.db, chair, group, slug))!.report;
    await publishReport(t.db, chair, group, report, 'prefinal');
    await openConsultation(t.db, chair, (await getConsultationTarget(t.db, chair, group, slug, 1))!, { opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + DAY), audience: 'public', moderation: 'post', summary: 'x', questions: [] }, 'en');
    const held = (await getConsultation(t.db, `${slug}-v1`))!;
    for (const i of [1, 2, 3]) await addComment(t.db, held, { who: { email: `c${i}@example.org`, name: `C${i}`, locale: 'en', group: 'teacher', country: 'KE' }, on: 'One paragraph', body: `Point ${i}.`, locale: 'en', hoursAgo: 1 });
    const ids = (await t.db.select({ id: consultationComments.id }).from(consultationComments).where(eq(consultationComments.consultationId, held.consultation.id))).map((r) => r.id);
    const given = await saveResponse(t.db, chair, held, null, { comments: ids, disposition: 'noted', response: 'Noted.', changed: [] }, 'en');
    if (!given.ok) throw new Error('answer');
    await t.db.update(consultations).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(consultations.id, held.consultation.id));
    await saveReport(t.db, chair, group, report, { title: 'Final', markdown: '# Final\n\nOne paragraph, revised.' });
    await Promise.all([
      saveResponse(second?.db ?? t.db, chair, held, given.id, { comments: ids.slice(1), disposition: 'noted', response: 'Noted.', changed: [] }, 'en'),
      publishReport(t.db, chair, group, report, 'final'),
    ]);
    const [after] = await t.db.select({ concludedAt: consultations.concludedAt }).from(consultations).where(eq(consultations.id, held.consultation.id));
    return after!.concludedAt !== null && (await outstanding(t.db, held.consultation.id)).unanswered > 0;
  }

  const ROUNDS = 12;
  it('never ends final with a comment unanswered', async () => {
    let broken = 0;
    for (let i = 0; i < ROUNDS; i++) if (await race()) broken++;
    expect(broken).toBe(0);
  }, 120_000);

  if (onServer) {
    it('control: with the consultation’s row lock switched off, some end final with a comment unanswered', async () => {
      rowLocks.consultation = false;
      try {
        let broken = 0;
        for (let i = 0; i < ROUNDS; i++) if (await race()) broken++;
        expect(broken).toBeGreaterThan(0);
      } finally {
        rowLocks.consultation = true;
      }
    }, 120_000);
  }
});
