import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailsTo, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { startWorker, type Worker } from '../../platform/worker.js';
import { auditLog } from '../../platform/audit/schema.js';
import { outbox } from '../../platform/mail/schema.js';
import { newsletterDeliveries, newsletterIssues, subscriptions } from './schema.js';
import { sendNewsletterSlice } from './newsletter-sending.js';

/** The Secretariat composes, previews, tests and sends an issue through the pages; without SMTP the messages land in the Mailbox. */
let t: TestApp;
let sec: string;
let worker: Worker;
let issuePage: string;
beforeAll(async () => {
  t = await testApp();
  sec = await signedIn(t, { email: 'sec@example.org', roles: ['secretariat'] });
  worker = startWorker({ db: t.db, mailFrom: 'news@alliance.example', baseUrl: t.config.baseUrl, secret: t.config.sessionSecret, handlers: {}, bulkMailers: [sendNewsletterSlice], log: console }, false);
  await t.db.insert(subscriptions).values([
    { email: 'a@example.org', locale: 'fr', topics: ['news'], status: 'subscribed', source: 'form', country: 'SN' },
    { email: 'b@example.org', locale: 'en', topics: ['news', 'publications'], status: 'subscribed', source: 'form', country: 'FR' },
    { email: 'c@example.org', locale: 'es', topics: ['publications'], status: 'subscribed', source: 'form', country: 'BO' },
    { email: 'd@example.org', locale: 'en', topics: ['news'], status: 'pending', source: 'form' },
  ]);
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

describe('composing an issue', () => {
  it('is for the Secretariat only', async () => {
    const member = await signedIn(t, { email: 'm@example.org', roles: ['member'] });
    expect((await t.app.inject({ method: 'GET', url: '/en/admin/newsletter', headers: { cookie: member } })).statusCode).toBe(403);
  });

  it('creates an issue, refusing a web address already used', async () => {
    const res = await submitForm(t, { page: '/en/admin/newsletter', action: '/en/admin/newsletter', cookie: sec, fields: { slug: '2026-12', defaultLocale: 'en' } });
    expect(res.statusCode).toBe(303);
    issuePage = res.headers.location as string;
    const again = await submitForm(t, { page: '/en/admin/newsletter', action: '/en/admin/newsletter', cookie: sec, fields: { slug: '2026-12', defaultLocale: 'en' } });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Another issue already uses this web address');
  });

  it('writes an English and a French version, previews both as a page and as the e-mail', async () => {
    const en = await submitForm(t, { page: issuePage, action: `${issuePage}/version`, cookie: sec, fields: { subject: 'December news', body: '## The report\n\nOur **report** is out.\n\n<img src=x onerror=alert(1)>' } });
    expect(en.statusCode).toBe(303);
    const frPage = issuePage.replace('/en/', '/fr/');
    expect((await submitForm(t, { page: frPage, action: `${frPage}/version`, cookie: sec, fields: { subject: 'Nouvelles de décembre', body: 'Notre **rapport** est paru.' } })).statusCode).toBe(303);
    const web = await t.app.inject({ method: 'GET', url: `${issuePage}/preview?lang=fr`, headers: { cookie: sec } });
    expect(web.body).toContain('<strong>rapport</strong>');
    const mail = await t.app.inject({ method: 'GET', url: `${issuePage}/email?lang=en`, headers: { cookie: sec } });
    expect(mail.headers['content-security-policy']).toContain("style-src 'unsafe-inline'");
    expect(mail.headers['content-security-policy']).not.toContain('script');
    expect(mail.body).toContain('<h2>The report</h2>');
    expect(mail.body).not.toContain('onerror');
  });

  it('a subject without text is refused, keeping what was typed', async () => {
    const res = await submitForm(t, { page: issuePage, action: `${issuePage}/version`, cookie: sec, fields: { subject: '', body: 'Text without a subject' } });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Text without a subject');
  });

  it('sends a test copy to the Secretariat member, marked as a test', async () => {
    expect((await submitForm(t, { page: issuePage, action: `${issuePage}/test`, cookie: sec, fields: {} })).statusCode).toBeLessThan(400);
    const [m] = await mailsTo(t, 'sec@example.org');
    expect(m!.subject).toBe('[Test] December news');
  });

  it('shows how many subscribers an audience reaches before sending', async () => {
    const res = await submitForm(t, { page: issuePage, action: `${issuePage}/audience`, cookie: sec, fields: { topics: ['news'], membership: 'any', rate: '100', batchSize: '50' } });
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: res.headers.location as string, headers: { cookie: sec } });
    expect(page.body).toContain('2 subscribers will receive this issue.');
    const africa = await submitForm(t, { page: issuePage, action: `${issuePage}/audience`, cookie: sec, fields: { topics: ['news'], membership: 'any', regions: ['africa'], rate: '100', batchSize: '50' } });
    const shown = await t.app.inject({ method: 'GET', url: africa.headers.location as string, headers: { cookie: sec } });
    expect(shown.body).toContain('1 subscriber will receive this issue.');
    expect((await submitForm(t, { page: issuePage, action: `${issuePage}/audience`, cookie: sec, fields: { topics: ['news'], membership: 'any', rate: '100', batchSize: '50' } })).statusCode).toBeLessThan(400);
  });
});

describe('sending and the archive', () => {
  it('sends now: each recipient gets one message in their language, the progress page counts, the archive shows it', async () => {
    const res = await submitForm(t, { page: issuePage, action: `${issuePage}/send`, cookie: sec, fields: { at: '' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('/progress?notice=sending');
    // Sending starts at once, its recipients fixed: the page says it is sending, and how far it has got.
    const before = await t.app.inject({ method: 'GET', url: res.headers.location as string, headers: { cookie: sec } });
    expect(before.body).toContain('<noscript><meta http-equiv="refresh" content="5"/></noscript>');
    expect(before.body).toContain('Sending has started: this page follows it.');
    expect(before.body).not.toContain('The issue is scheduled');
    expect(before.body).toMatch(/data-field="status">Sending — 0 of 2 delivered</);
    expect((await t.app.inject({ method: 'GET', url: issuePage, headers: { cookie: sec } })).body).toContain('Sending — 0 of 2 delivered');
    for (let i = 0; i < 5; i++) await worker.tick();
    const rows = await t.db.select().from(outbox).where(eq(outbox.template, 'bulk'));
    expect(rows.map((r) => r.toAddress).sort()).toEqual(['a@example.org', 'b@example.org']);
    expect(rows.find((r) => r.toAddress === 'a@example.org')!.subject).toBe('Nouvelles de décembre');
    expect(rows[0]!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const [issue] = await t.db.select().from(newsletterIssues).where(eq(newsletterIssues.slug, '2026-12'));
    expect(issue!.status).toBe('sent');
    const progress = await t.app.inject({ method: 'GET', url: `${issuePage}/progress.json`, headers: { cookie: sec } });
    expect(JSON.parse(progress.body)).toMatchObject({ status: 'sent', recipients: 2, sent: 2, failed: 0, remaining: 0 });
    expect(JSON.parse(progress.body).statusLabel).toBe('Sent');
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, 'newsletter.send'))).length).toBe(1);
    const after = await t.app.inject({ method: 'GET', url: issuePage, headers: { cookie: sec } });
    expect(after.body).toMatch(/<dt>Status<\/dt>\s*<dd>Sent<\/dd>/);
    // The archive: a page per language (Spanish readers get the default language, said so) and an Atom feed.
    const list = await t.app.inject({ method: 'GET', url: '/fr/newsletter' });
    expect(list.body).toContain('Nouvelles de décembre');
    const es = await t.app.inject({ method: 'GET', url: '/es/newsletter/2026-12' });
    expect(es.body).toContain('December news');
    expect(es.body).toContain('lang="en"');
    const feed = await t.app.inject({ method: 'GET', url: '/en/newsletter/feed.atom' });
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).toContain('<title type="html"><![CDATA[December news]]></title>');
  });

  it('an issue cannot be changed once sent, and a draft is not in the archive', async () => {
    const res = await submitForm(t, { page: issuePage, action: `${issuePage}/version`, cookie: sec, fields: { subject: 'Changed', body: '' }, forge: true });
    expect(res.headers.location).toContain('notice=not-editable');
    expect((await t.app.inject({ method: 'GET', url: '/en/newsletter/not-sent-yet' })).statusCode).toBe(404);
  });

  it('an issue scheduled for later waits for its time (read in the site’s time zone), and can be taken back', async () => {
    const created = await submitForm(t, { page: '/en/admin/newsletter', action: '/en/admin/newsletter', cookie: sec, fields: { slug: 'later', defaultLocale: 'en' } });
    const page = created.headers.location as string;
    expect((await submitForm(t, { page, action: `${page}/version`, cookie: sec, fields: { subject: 'Later', body: 'Text' } })).statusCode).toBeLessThan(400);
    const bad = await submitForm(t, { page, action: `${page}/send`, cookie: sec, fields: { at: '2027-02-30T10:00' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="2027-02-30T10:00"');
    expect((await submitForm(t, { page, action: `${page}/send`, cookie: sec, fields: { at: '2030-01-15T09:30' } })).statusCode).toBe(303);
    const [issue] = await t.db.select().from(newsletterIssues).where(eq(newsletterIssues.slug, 'later'));
    expect(issue!.status).toBe('scheduled');
    expect(issue!.scheduledAt!.toISOString()).toBe('2030-01-15T09:30:00.000Z'); // the test site's zone is UTC
    await worker.tick();
    expect((await t.db.select().from(newsletterDeliveries).where(eq(newsletterDeliveries.issueId, issue!.id))).length).toBe(0);
    const back = await submitForm(t, { page, action: `${page}/unschedule`, cookie: sec, fields: {} });
    expect(back.headers.location).toContain('notice=unscheduled');
    expect((await t.db.select().from(newsletterIssues).where(eq(newsletterIssues.slug, 'later')))[0]!.status).toBe('draft');
  });

  it('pauses, resumes and cancels a sending issue; cancelled deliveries are never sent', async () => {
    await t.db.insert(subscriptions).values(Array.from({ length: 30 }, (_, i) => ({ email: `r${i}@example.org`, locale: 'en', topics: ['news'], status: 'subscribed', source: 'import' })));
    const created = await submitForm(t, { page: '/en/admin/newsletter', action: '/en/admin/newsletter', cookie: sec, fields: { slug: 'long-one', defaultLocale: 'en' } });
    const page = created.headers.location as string;
    expect((await submitForm(t, { page, action: `${page}/version`, cookie: sec, fields: { subject: 'Long one', body: 'Text' } })).statusCode).toBeLessThan(400);
    expect((await submitForm(t, { page, action: `${page}/audience`, cookie: sec, fields: { topics: ['news'], membership: 'any', rate: '1000', batchSize: '10' } })).statusCode).toBeLessThan(400);
    expect((await submitForm(t, { page, action: `${page}/send`, cookie: sec, fields: { at: '' } })).statusCode).toBeLessThan(400);
    await worker.tick(); // starts, sends 10
    const progress = `${page}/progress`;
    expect((await submitForm(t, { page: progress, action: `${page}/pause`, cookie: sec, fields: {} })).statusCode).toBe(303);
    await worker.tick();
    const [issue] = await t.db.select().from(newsletterIssues).where(eq(newsletterIssues.slug, 'long-one'));
    const count = async (status: string) => (await t.db.select().from(newsletterDeliveries).where(eq(newsletterDeliveries.issueId, issue!.id))).filter((d) => d.status === status).length;
    expect(await count('sent')).toBe(10);
    expect((await t.app.inject({ method: 'GET', url: progress, headers: { cookie: sec } })).body).toContain('Resume');
    expect((await submitForm(t, { page: progress, action: `${page}/resume`, cookie: sec, fields: {} })).statusCode).toBeLessThan(400);
    await worker.tick();
    expect(await count('sent')).toBe(20);
    expect((await submitForm(t, { page: progress, action: `${page}/cancel`, cookie: sec, fields: {} })).statusCode).toBeLessThan(400);
    await worker.tick();
    expect(await count('sent')).toBe(20);
    expect(await count('cancelled')).toBe(12);
  });
});
