import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import pLimit from 'p-limit';
import type { Db } from '../../db/client.js';
import { backoffSeconds } from '../../platform/jobs/claim.js';
import { isPermanentFailure, MAX_MAIL_ATTEMPTS, type BulkMailContext, type Message } from '../../platform/mail/delivery.js';
import { newsletterDeliveries, newsletterIssues } from './schema.js';
import { issueMailFor, newsletterSettings, startSending, type IssueRow } from './newsletter-issues.js';
import { personalize, type RenderedIssue } from './newsletter-render.js';
import { listUnsubscribeHeaders, recordDelivered, recordHardBounce, unsubscribeUrls } from './subscribers.js';
import { processCache } from '../../platform/cache/process.js';

/**
 * Sending an issue, one slice per worker round:
 *  1. a due scheduled issue starts (an issue sent now has started already): its recipients are
 *     fixed as delivery rows in one statement (unique per issue and subscriber, so starting twice
 *     adds nobody twice);
 *  2. the worker holding the issue's lease claims a batch of due rows (FOR UPDATE SKIP LOCKED),
 *     hands them to the SMTP pool, and records each answer: sent; a temporary refusal (4xx) comes
 *     back later with backoff; a permanent one (5xx) fails and counts a hard bounce;
 *  3. it comes back after batch ÷ rate seconds, so the issue's rate holds.
 * Crash safety: rows are marked "sending" with a short lock before they go out, and "sent" the
 * moment the server accepts each one. If the process dies, the lock and the lease lapse, another
 * round takes the unfinished rows again and sends them with the same Message-ID: nobody is
 * skipped, and only a message the server accepted in the instant before the crash (before its row
 * said so) can go twice — as the same message, which mail clients show once.
 */

/** How long a claimed row and an issue's lease hold before another worker may take them over. */
export const LOCK_SECONDS = 15;

/** Messages of a batch being built, sent and recorded at one time. */
const IN_FLIGHT = 16;

/** Starts the scheduled issues that are due: fixes their recipients. Returns how many started. */
export async function startDueIssues(db: Db, now = new Date()): Promise<number> {
  const due = await db.select({ id: newsletterIssues.id }).from(newsletterIssues).where(and(eq(newsletterIssues.status, 'scheduled'), lte(newsletterIssues.scheduledAt, now)));
  let started = 0;
  for (const { id } of due) {
    started += await db.transaction(async (tx) => {
      const [issue] = await tx.select().from(newsletterIssues).where(and(eq(newsletterIssues.id, id), eq(newsletterIssues.status, 'scheduled'))).for('update', { skipLocked: true });
      if (!issue) return 0;
      await startSending(tx, issue);
      return 1;
    });
  }
  return started;
}

/** Takes (or renews) the lease on an issue that is sending: this worker's own, or one whose holder went quiet. */
async function takeLease(db: Db, holder: string): Promise<IssueRow | null> {
  // Asked first, without writing: an update, even of no row, marks the issues changed (their
  // version trigger is per statement), and every public page showing them would be drawn again
  // at each round of the worker.
  const [sending] = await db.select({ id: newsletterIssues.id }).from(newsletterIssues).where(eq(newsletterIssues.status, 'sending')).limit(1);
  if (!sending) return null;
  const [issue] = await db
    .update(newsletterIssues)
    .set({ leaseHolder: holder, leaseUntil: sql`now() + make_interval(secs => ${LOCK_SECONDS})` })
    .where(
      sql`${newsletterIssues.id} = (
        select id from ${newsletterIssues}
        where status = 'sending' and (lease_holder = ${holder} or lease_until is null or lease_until < now())
        order by started_at limit 1 for update skip locked)`,
    )
    .returning();
  return issue ?? null;
}

/** For the crash test only: called when the mail server has accepted a message and before it is recorded (the window a crash can hit). */
export const testHooks: { accepted?: () => void } = {};

type Claimed = { id: number; subscription_id: string; email: string; locale: string; attempts: number };

async function claimBatch(db: Db, issueId: string, limit: number): Promise<Claimed[]> {
  const result = await db.execute(sql`
    update ${newsletterDeliveries} set status = 'sending', attempts = attempts + 1, locked_until = now() + make_interval(secs => ${LOCK_SECONDS})
    where id in (
      select id from ${newsletterDeliveries}
      where issue_id = ${issueId} and ((status = 'pending' and run_at <= now()) or (status = 'sending' and locked_until < now()))
      order by id limit ${limit} for update skip locked)
    returning id, subscription_id, email, locale, attempts`);
  return (result as unknown as { rows: Claimed[] }).rows;
}

/** "Sent", recorded once per message: built and planned once per database rather than 100,000 times. */
const markSentStatements = new WeakMap<Db, ReturnType<typeof prepareMarkSent>>();
const prepareMarkSent = (db: Db) =>
  db
    .update(newsletterDeliveries)
    .set({ status: 'sent', sentAt: sql`now()`, lockedUntil: null, lastError: null })
    .where(eq(newsletterDeliveries.id, sql.placeholder('id')))
    .prepare('bridges_newsletter_mark_sent');
function markSent(db: Db) {
  let statement = markSentStatements.get(db);
  if (!statement) markSentStatements.set(db, (statement = prepareMarkSent(db)));
  return statement;
}

/** Rendered languages of the issue being sent, kept while its text does not change. */
const rendered = processCache(new Map<string, Map<string, Promise<RenderedIssue | null>>>());

function renderFor(db: Db, issue: IssueRow, locale: string, baseUrl: string): Promise<RenderedIssue | null> {
  const key = `${issue.id}:${issue.updatedAt.getTime()}`;
  if (!rendered.has(key)) {
    rendered.clear();
    rendered.set(key, new Map());
  }
  const cache = rendered.get(key)!;
  if (!cache.has(locale)) cache.set(locale, issueMailFor(db, issue, locale, baseUrl));
  return cache.get(locale)!;
}

/** The message for one recipient: their language, their own links, the RFC 8058 one-click headers. */
export function newsletterMessage(issue: IssueRow, r: RenderedIssue, to: { subscriptionId: string; email: string; locale: string }, ctx: Pick<BulkMailContext, 'baseUrl' | 'secret' | 'mailFrom'>): Message {
  const subscriber = { id: to.subscriptionId, locale: to.locale };
  const links = unsubscribeUrls(ctx.baseUrl, ctx.secret, subscriber);
  const host = new URL(ctx.baseUrl).hostname;
  return {
    to: to.email,
    ...personalize(r, links),
    messageId: `<${issue.id}.${to.subscriptionId}@${host}>`,
    headers: {
      ...listUnsubscribeHeaders({ baseUrl: ctx.baseUrl, sessionSecret: ctx.secret, mailFrom: ctx.mailFrom }, subscriber),
      'List-Id': `<newsletter.${host}>`,
      Precedence: 'bulk',
    },
  };
}

/** The worker's newsletter round: start what is due, then send one batch of the issue this worker holds. */
export async function sendNewsletterSlice(ctx: BulkMailContext): Promise<{ sent: number; waitMs: number } | null> {
  const { db } = ctx;
  await startDueIssues(db);
  const issue = await takeLease(db, ctx.holder);
  if (!issue) return null;
  const started = Date.now();
  const batch = await claimBatch(db, issue.id, issue.batchSize);
  if (!batch.length) {
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(newsletterDeliveries).where(and(eq(newsletterDeliveries.issueId, issue.id), inArray(newsletterDeliveries.status, ['pending', 'sending'])));
    if (n === 0) {
      await db.update(newsletterIssues).set({ status: 'sent', finishedAt: sql`now()`, leaseHolder: null, leaseUntil: null }).where(and(eq(newsletterIssues.id, issue.id), eq(newsletterIssues.status, 'sending')));
      return { sent: 0, waitMs: 0 };
    }
    return { sent: 0, waitMs: 1000 }; // retries wait for their time
  }
  const settings = await newsletterSettings(db);
  // A few messages at a time, enough to keep every SMTP connection busy: each is built just before
  // it goes and dropped once recorded, instead of a whole batch of them waiting in memory.
  const limit = pLimit(IN_FLIGHT);
  const results = await Promise.allSettled(
    batch.map((row) =>
      limit(async () => {
        const r = await renderFor(db, issue, row.locale, ctx.baseUrl);
        if (!r) throw Object.assign(new Error('No version of the issue to send'), { responseCode: 0 });
        await ctx.send(newsletterMessage(issue, r, { subscriptionId: row.subscription_id, email: row.email, locale: row.locale }, ctx));
        testHooks.accepted?.();
        // Recorded the moment the server accepts it: a crash can then repeat only the messages in flight.
        await markSent(db).execute({ id: row.id });
      }),
    ),
  );
  const sent: Claimed[] = [];
  const bounced: Claimed[] = [];
  for (const [i, result] of results.entries()) {
    const row = batch[i]!;
    if (result.status === 'fulfilled') {
      sent.push(row);
      continue;
    }
    const error = String((result.reason as Error)?.message ?? result.reason).slice(0, 2000);
    const permanent = isPermanentFailure(result.reason);
    const final = permanent || row.attempts >= MAX_MAIL_ATTEMPTS || (result.reason as { responseCode?: number })?.responseCode === 0;
    if (permanent) bounced.push(row);
    await db
      .update(newsletterDeliveries)
      .set({ status: final ? 'failed' : 'pending', lastError: error, lockedUntil: null, runAt: sql`now() + make_interval(secs => ${backoffSeconds(row.attempts)})` })
      .where(eq(newsletterDeliveries.id, row.id));
  }
  await recordDelivered(db, sent.map((r) => r.subscription_id));
  for (const row of bounced) await recordHardBounce(db, row.subscription_id, settings.hardBounceLimit);
  const elapsed = Date.now() - started;
  return { sent: sent.length, waitMs: Math.max(0, Math.ceil((batch.length / Math.max(1, issue.rate)) * 1000) - elapsed) };
}
