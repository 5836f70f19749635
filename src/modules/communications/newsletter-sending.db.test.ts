import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../../testing/app.js';
import { startSmtpSink, type SmtpSink } from '../../testing/smtp.js';
import { startWorker, type Worker } from '../../platform/worker.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { signInLinkMail } from '../../platform/auth/emails.js';
import type { Actor } from '../../platform/policy.js';
import { consentEvents, newsletterDeliveries, newsletterIssues, subscriptions } from './schema.js';
import { audienceCount, createIssue, getIssue, progressOf, saveAudience, saveNewsletterSettings, saveVersion, scheduleIssue } from './newsletter-issues.js';
import { sendNewsletterSlice } from './newsletter-sending.js';

let t: TestApp;
let smtp: SmtpSink;
let worker: Worker;
const sec: Actor = { id: '00000000-0000-0000-0000-000000000000', email: 'sec@example.org', name: 'Secretariat', locale: null, roles: [{ role: 'secretariat', scope: '' }] };

beforeAll(async () => {
  smtp = await startSmtpSink({ SMTP_TEMPFAIL: 'flaky@example.org:1', SMTP_HARDFAIL: 'gone@example.org' });
  t = await testApp({ SMTP_URL: smtp.url });
  worker = startWorker({ db: t.db, smtpUrl: smtp.url, mailFrom: 'Alliance <news@alliance.example>', baseUrl: t.config.baseUrl, secret: t.config.sessionSecret, handlers: {}, bulkMailers: [sendNewsletterSlice], log: console }, false);
  await saveNewsletterSettings(t.db, sec, { hardBounceLimit: 1, rate: 1000, batchSize: 10 });
  const people = [
    { email: 'ana@example.org', locale: 'es', topics: ['news'] },
    { email: 'marie@example.org', locale: 'fr', topics: ['news', 'meetings'] },
    { email: 'ivan@example.org', locale: 'ru', topics: ['news'] },
    { email: 'flaky@example.org', locale: 'en', topics: ['news'] },
    { email: 'gone@example.org', locale: 'en', topics: ['news'] },
    { email: 'other-topic@example.org', locale: 'en', topics: ['publications'] },
  ];
  await t.db.insert(subscriptions).values(people.map((p) => ({ ...p, name: p.email.split('@')[0]!, status: 'subscribed', source: 'admin' })));
  await t.db.insert(subscriptions).values({ email: 'left@example.org', locale: 'en', topics: ['news'], status: 'unsubscribed', source: 'form' });
});
afterAll(async () => {
  await worker.stop();
  await t.close();
  await smtp.stop();
});

/** Runs worker rounds until the issue is sent, making retries due at once (a controllable clock). */
async function sendAll(issueId: string) {
  for (let round = 0; round < 50; round++) {
    await t.db.update(newsletterDeliveries).set({ runAt: sql`now()` }).where(and(eq(newsletterDeliveries.issueId, issueId), eq(newsletterDeliveries.status, 'pending')));
    await worker.tick();
    const [issue] = await t.db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issueId));
    if (issue!.status === 'sent') return;
  }
  throw new Error('the issue was not sent');
}

async function makeIssue(slug: string, audience = { topics: ['news'] }) {
  const r = await createIssue(t.db, sec, { slug, defaultLocale: 'en' });
  if (!r.ok) throw new Error(r.reason);
  let issue = (await getIssue(t.db, sec, r.id))!;
  await saveVersion(t.db, sec, issue, 'en', { subject: 'Alliance news, December', body: '## Highlights\n\nThe **annual meeting** report is out. [Read it](https://alliance.example/report).\n\n<script>alert(1)</script>' });
  issue = (await getIssue(t.db, sec, r.id))!;
  await saveVersion(t.db, sec, issue, 'fr', { subject: 'Nouvelles de l’Alliance, décembre', body: '## Temps forts\n\nLe rapport de la **réunion annuelle** est paru.' });
  issue = (await getIssue(t.db, sec, r.id))!;
  await saveAudience(t.db, sec, issue, audience, { rate: 1000, batchSize: 10 });
  return (await getIssue(t.db, sec, r.id))!;
}

describe('sending an issue through a real SMTP server', () => {
  let received: SmtpSink['received'];
  let issueId: string;

  it('counts the audience before sending: subscribed, deliverable, in the topic', async () => {
    expect(await audienceCount(t.db, { topics: ['news'] })).toBe(5);
    expect(await audienceCount(t.db, { topics: ['news'], locales: ['fr', 'es'] })).toBe(2);
  });

  it('sends each subscriber the version in their language, else the default one, with both parts and RFC 8058 headers', async () => {
    const issue = await makeIssue('december');
    issueId = issue.id;
    expect(await scheduleIssue(t.db, sec, issue, new Date())).toEqual({ ok: true });
    const before = smtp.received.length;
    await sendAll(issue.id);
    await smtp.waitFor(before + 4);
    received = smtp.received.slice(before);
    const to = (email: string) => received.filter((m) => m.to.includes(email));
    expect(to('other-topic@example.org')).toHaveLength(0);
    expect(to('left@example.org')).toHaveLength(0);
    const marie = to('marie@example.org')[0]!.mail;
    expect(marie.subject).toBe('Nouvelles de l’Alliance, décembre');
    expect(marie.html).toContain('<h2>Temps forts</h2>');
    expect(marie.text).toContain('Temps forts\n===========\n\nLe rapport de la réunion annuelle est paru.');
    expect(marie.text).toContain('Se désabonner: http');
    const ivan = to('ivan@example.org')[0]!.mail;
    expect(ivan.subject).toBe('Alliance news, December'); // no Russian version: the default language
    expect(ivan.html).not.toContain('<script>');
    expect(ivan.html).toContain('<a href="https://alliance.example/report" rel="noopener">Read it</a>');
    expect(ivan.text).toMatch(/The annual meeting report is out\. Read it \[1\]\.\n\n\[1\] https:\/\/alliance\.example\/report\n/);
    expect(ivan.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r\n[ \t]+/g, ' ')).toMatch(new RegExp(`^List-Unsubscribe: <${t.config.baseUrl}/ru/newsletter/unsubscribe/[^>]+>, <mailto:news@alliance\\.example\\?subject=unsubscribe`));
    expect(ivan.headerLines.find((h) => h.key === 'list-unsubscribe-post')!.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(ivan.messageId).toBe(`<${issue.id}.${(await t.db.select().from(subscriptions).where(eq(subscriptions.email, 'ivan@example.org')))[0]!.id}@${new URL(t.config.baseUrl).hostname}>`);
  });

  it('the one-click POST to the List-Unsubscribe address unsubscribes at once, with no cookie and no further click (RFC 8058)', async () => {
    const ivan = received.find((m) => m.to.includes('ivan@example.org'))!.mail;
    const url = new URL(/<(https?:[^>]+)>/.exec(ivan.headerLines.find((h) => h.key === 'list-unsubscribe')!.line)![1]!);
    const res = await t.app.inject({ method: 'POST', url: url.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(res.statusCode).toBe(200);
    const [row] = await t.db.select().from(subscriptions).where(eq(subscriptions.email, 'ivan@example.org'));
    expect(row!.status).toBe('unsubscribed');
    const [event] = (await t.db.select().from(consentEvents).where(eq(consentEvents.subscriptionId, row!.id))).filter((e) => e.change === 'unsubscribed');
    expect(event!.source).toBe('one-click');
    // The link in the body only shows a page: a mail scanner fetching it unsubscribes nobody.
    const marie = received.find((m) => m.to.includes('marie@example.org'))!.mail;
    const bodyLink = /href="([^"]+\/unsubscribe\/[^"]+)"/.exec(marie.html as string)![1]!;
    expect((await t.app.inject({ method: 'GET', url: new URL(bodyLink.replace(/&amp;/g, '&')).pathname })).statusCode).toBe(200);
    expect((await t.db.select().from(subscriptions).where(eq(subscriptions.email, 'marie@example.org')))[0]!.status).toBe('subscribed');
  });

  it('retries a temporary refusal (451) and then delivers once', async () => {
    expect(received.filter((m) => m.to.includes('flaky@example.org'))).toHaveLength(1);
    const [row] = await t.db.select().from(newsletterDeliveries).innerJoin(subscriptions, eq(subscriptions.id, newsletterDeliveries.subscriptionId)).where(and(eq(newsletterDeliveries.issueId, issueId), eq(subscriptions.email, 'flaky@example.org')));
    expect(row!.newsletter_deliveries).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a permanent refusal (550) fails the delivery and, at the bounce limit, marks the address undeliverable: it is not mailed again', async () => {
    const [gone] = await t.db.select().from(subscriptions).where(eq(subscriptions.email, 'gone@example.org'));
    expect(gone!.hardBounces).toBe(1);
    expect(gone!.undeliverableAt).not.toBeNull();
    const events = await t.db.select().from(consentEvents).where(eq(consentEvents.subscriptionId, gone!.id));
    expect(events.map((e) => e.change)).toContain('undeliverable');
    const issue = (await getIssue(t.db, sec, issueId))!;
    expect(await progressOf(t.db, issue)).toMatchObject({ recipients: 5, sent: 4, failed: 1, remaining: 0 });
    expect(await audienceCount(t.db, { topics: ['news'] })).toBe(3); // 5, less the bounced and the unsubscribed
  });

  it('transactional mail is never held up by a newsletter that is sending', async () => {
    await t.db.insert(subscriptions).values(Array.from({ length: 40 }, (_, i) => ({ email: `reader${i}@example.org`, name: '', locale: 'en', topics: ['news'], status: 'subscribed', source: 'import' })));
    const issue = await makeIssue('big-one');
    await scheduleIssue(t.db, sec, issue, new Date());
    const before = smtp.received.length;
    await worker.tick(); // starts the issue and sends its first batch of 10
    await queueMail(t.db, { to: 'urgent@example.org', locale: 'en', template: signInLinkMail, data: { name: 'Urgent', link: 'http://x/sign-in', minutes: 20 } });
    await sendAll(issue.id);
    await smtp.waitFor(before + 44); // 3 + 40 readers, and the urgent message
    const order = smtp.received.slice(before).map((m) => m.to[0]);
    expect(order.indexOf('urgent@example.org')).toBeGreaterThan(-1);
    expect(order.indexOf('urgent@example.org')).toBeLessThanOrEqual(10 + 10); // delivered in the next round, before later batches
  });
});
