/**
 * One person sending many comments at once (a script, or a form posted from many tabs): no more
 * than the limit get through. On PostgreSQL the comments go through two connection pools, as two
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
import { addPersonToGroup, createReport, getWorkingGroup, publishReport, reportOf } from '../workinggroups/service.js';
import { consultationComments } from './schema.js';
import { COMMENTS_PER_TEN_MINUTES, getConsultation, getConsultationTarget, openConsultation, postComment, saveProfile, type ConsultationPage } from './service.js';

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
