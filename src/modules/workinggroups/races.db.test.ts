/**
 * Two chairs answering the same request to join at the same moment (each in their own tab, or one
 * double-clicking): the request is decided once — one answer, one e-mail, one audit record. On
 * PostgreSQL the answers go through two connection pools, as two app instances would, and the
 * control switches the request's row lock off (`src/db/locks.ts`) to show that the lock is what
 * keeps the rule. The embedded database runs one transaction at a time: there the burst checks the
 * behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.js';
import { rowLocks } from '../../db/locks.js';
import { signedIn, testApp, type TestApp } from '../../testing/app.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { auditLog } from '../../platform/audit/schema.js';
import { outbox } from '../../platform/mail/schema.js';
import { addWorkingGroups } from './factories.js';
import { addPersonToGroup, askToJoin, decideRequest, getWorkingGroup } from './service.js';
import { workingGroupRequests } from './schema.js';

const onServer = process.env.BRIDGES_TEST_DB === 'postgres';
let t: TestApp;
let second: Database | undefined;
let n = 0;

beforeAll(async () => {
  t = await testApp();
  if (onServer) second = await openDatabase({ databaseUrl: t.database.url });
  const ids = await addWorkingGroups(t.db);
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'chair-a@example.org', name: 'Chair A' }, 'chair');
  await addPersonToGroup(t.db, ids['foundational-learning'], { email: 'chair-b@example.org', name: 'Chair B' }, 'chair');
}, 60_000);
afterAll(async () => {
  await second?.close();
  await t.close();
});

/** Eight answers at once to one new request, half from each chair, half accepting; what they made. */
async function burst() {
  const email = `asker-${++n}@example.org`;
  await signedIn(t, { email, roles: ['member'] });
  const asker = (await actorByEmail(t.db, email))!;
  const group = (await getWorkingGroup(t.db, 'foundational-learning'))!;
  await askToJoin(t.db, asker, group, { listed: false }, { baseUrl: t.config.baseUrl });
  const [request] = await t.db.select().from(workingGroupRequests).where(eq(workingGroupRequests.userId, asker.id));
  const chairs = [(await actorByEmail(t.db, 'chair-a@example.org'))!, (await actorByEmail(t.db, 'chair-b@example.org'))!];
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) => decideRequest(second && i % 2 ? second.db : t.db, chairs[i % 2]!, group, request!.id, i % 4 < 2 ? 'accept' : 'decline', { baseUrl: t.config.baseUrl })),
  );
  const mails = await t.db.select().from(outbox).where(and(eq(outbox.toAddress, email), eq(outbox.template, 'workinggroups.request-decided')));
  const audits = (await t.db.select().from(auditLog)).filter((a) => a.action.startsWith('workinggroups.request.') && JSON.stringify(a.after).includes(email));
  return { decided: answers.filter(Boolean).length, mails: mails.length, audits: audits.length };
}

describe('a request to join answered by two chairs at the same moment', () => {
  it('is decided once: one answer counts, one e-mail, one audit record', async () => {
    expect(await burst()).toEqual({ decided: 1, mails: 1, audits: 1 });
  }, 60_000);

  if (onServer) {
    it('control: with the request’s row lock switched off, it is decided more than once', async () => {
      rowLocks.workingGroupRequest = false;
      try {
        expect((await burst()).decided).toBeGreaterThan(1);
      } finally {
        rowLocks.workingGroupRequest = true;
      }
    }, 60_000);
  }
});
