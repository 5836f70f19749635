import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { submitForm, testApp, type TestApp } from '../../testing/app.js';
import { allModules } from '../../server.js';
import { startWorker } from '../worker.js';
import { ensureUser } from '../auth/service.js';
import { startSmtpSink, type SmtpSink } from '../../testing/smtp.js';
import { createTransport, deliverDueMail } from './delivery.js';
import { queueMail } from './outbox.js';
import { outbox } from './schema.js';
import { signInLinkMail } from '../auth/emails.js';
import { sql } from 'drizzle-orm';
import { translate } from '../i18n/messages.js';

let t: TestApp;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink({ SMTP_TEMPFAIL: 'flaky@example.org:1', SMTP_HARDFAIL: 'gone@example.org' });
  t = await testApp({ SMTP_URL: '' });
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

const data = { name: 'Amina', link: 'http://127.0.0.1:3000/fr/sign-in/link/abc', minutes: 20 };

/** Makes queued mail due now (retries wait for their backoff otherwise). */
const makeDue = () => t.db.update(outbox).set({ runAt: sql`now()` }).where(eq(outbox.status, 'pending'));

describe('outbox delivery through a real SMTP server', () => {
  it('the worker delivers a sign-in link asked for on the site, in the language of the page', async () => {
    const withSmtp = await testApp({ SMTP_URL: smtp.url });
    const handlers = Object.assign({}, ...allModules().map((m) => m.jobs ?? {}));
    const worker = startWorker({ db: withSmtp.db, smtpUrl: smtp.url, mailFrom: 'alliance@alliance.example', baseUrl: withSmtp.config.baseUrl, handlers, log: console }, false);
    try {
      await ensureUser(withSmtp.db, { email: 'li@example.org', name: 'Li Wei' });
      const res = await submitForm(withSmtp, { page: '/zh/sign-in', action: '/zh/sign-in/link', fields: { email: 'li@example.org' } });
      expect(res.statusCode).toBe(200);
      const before = smtp.received.length;
      // The request left the lookup for later: one round writes the mail, the next delivers it.
      expect((await worker.tick()).jobs).toBeGreaterThanOrEqual(1);
      expect((await worker.tick()).mail).toBe(1);
      await smtp.waitFor(before + 1);
      const { mail } = smtp.received.at(-1)!;
      expect(mail.subject).toBe(translate('zh', 'mail.signIn.subject'));
      expect(mail.text).toMatch(/\/zh\/sign-in\/link\/[\w-]+/);
      expect(mail.html).toContain('lang="zh"');
    } finally {
      await worker.stop();
      await withSmtp.close();
    }
  });

  it('delivers both parts, in the recipient’s language, and marks the mail sent', async () => {
    await queueMail(t.db, { to: 'amina@example.org', locale: 'fr', template: signInLinkMail, data });
    const transport = createTransport(smtp.url);
    const before = smtp.received.length;
    const tally = await deliverDueMail(t.db, transport, 'Alliance <alliance@alliance.example>');
    expect(tally).toEqual({ sent: 1, failed: 0, retried: 0 });
    await smtp.waitFor(before + 1);
    const { to, mail } = smtp.received.at(-1)!;
    expect(to).toEqual(['amina@example.org']);
    expect(mail.subject).toBe(translate('fr', 'mail.signIn.subject'));
    expect(mail.subject).not.toBe(translate('en', 'mail.signIn.subject'));
    expect(mail.from?.text).toContain('alliance@alliance.example');
    expect(mail.text).toContain(data.link);
    expect(mail.html).toContain(`href="${data.link}"`);
    expect(mail.html).toContain('lang="fr"');
    const [row] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'amina@example.org'));
    expect(row!.status).toBe('sent');
    expect(row!.sentAt).toBeInstanceOf(Date);
    transport.close();
  });

  it('retries a temporary failure (4xx) with backoff, then delivers', async () => {
    await queueMail(t.db, { to: 'flaky@example.org', locale: 'en', template: signInLinkMail, data });
    const transport = createTransport(smtp.url);
    expect(await deliverDueMail(t.db, transport, 'a@alliance.example')).toEqual({ sent: 0, failed: 0, retried: 1 });
    const [waiting] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'flaky@example.org'));
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting!.lastError).toContain('451');
    expect(waiting!.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000); // backoff, not a hot loop
    expect(await deliverDueMail(t.db, transport, 'a@alliance.example')).toEqual({ sent: 0, failed: 0, retried: 0 }); // not due yet
    await makeDue();
    expect(await deliverDueMail(t.db, transport, 'a@alliance.example')).toEqual({ sent: 1, failed: 0, retried: 0 });
    const [sent] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'flaky@example.org'));
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    transport.close();
  });

  it('marks a permanent failure (5xx) failed at once', async () => {
    await queueMail(t.db, { to: 'gone@example.org', locale: 'en', template: signInLinkMail, data });
    const transport = createTransport(smtp.url);
    expect(await deliverDueMail(t.db, transport, 'a@alliance.example')).toEqual({ sent: 0, failed: 1, retried: 0 });
    const [row] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'gone@example.org'));
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.lastError).toContain('550');
    transport.close();
  });

  it('delivers attachments, an inline image with its content id among them', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await queueMail(t.db, {
      to: 'attach@example.org',
      locale: 'en',
      template: signInLinkMail,
      data,
      attachments: [
        { filename: 'code.png', contentType: 'image/png', content: png.toString('base64'), cid: 'code' },
        { filename: 'meeting.ics', contentType: 'text/calendar', content: Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n').toString('base64') },
      ],
    });
    const transport = createTransport(smtp.url);
    const before = smtp.received.length;
    await deliverDueMail(t.db, transport, 'a@alliance.example');
    await smtp.waitFor(before + 1);
    const { mail } = smtp.received.at(-1)!;
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.cid ?? null])).toEqual([
      ['code.png', 'image/png', 'code'],
      ['meeting.ics', 'text/calendar', null],
    ]);
    transport.close();
  });

  it('writes no mail when the change that causes it rolls back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await queueMail(tx, { to: 'rollback@example.org', locale: 'en', template: signInLinkMail, data });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.db.select().from(outbox).where(eq(outbox.toAddress, 'rollback@example.org'))).toHaveLength(0);
  });

  it('takes back a message whose sender died mid-send (claim expired) and sends it', async () => {
    await queueMail(t.db, { to: 'crash@example.org', locale: 'en', template: signInLinkMail, data });
    await t.db.update(outbox).set({ status: 'sending', attempts: 1, lockedUntil: sql`now() - interval '1 second'` }).where(eq(outbox.toAddress, 'crash@example.org'));
    const transport = createTransport(smtp.url);
    const before = smtp.received.length;
    expect((await deliverDueMail(t.db, transport, 'a@alliance.example')).sent).toBe(1);
    await smtp.waitFor(before + 1);
    transport.close();
  });
});
