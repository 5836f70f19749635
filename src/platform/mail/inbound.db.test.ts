import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { testConfig, testDatabase } from '../../testing/app.js';
import type { Database } from '../../db/client.js';
import { translate } from '../i18n/messages.js';
import type { Locale } from '../i18n/locales.js';
import { inboundMail, outbox } from './schema.js';
import { replyAddress } from './reply-tokens.js';
import { inboundHandlersOf, startInboundSmtp, type InboundHandler, type InboundReply, type InboundSmtp, type InboundSmtpOptions } from './inbound.js';

/**
 * The mail listener end to end: a real SMTP client sends to the listener (one for the file), which
 * reads each message and hands it to test handlers on a fresh database.
 */
const config = testConfig({ BASE_URL: 'http://bridges.test:3000' });
const DOMAIN = config.inboundMailDomain;
const SECRET = config.sessionSecret;

let database: Database;
let listener: InboundSmtp;
let transport: Transporter;
const errors: unknown[] = [];

/** What the test handler was given, and whether the write it makes was kept. */
const received: InboundReply[] = [];
const testHandler: InboundHandler = Object.assign(
  async (_tx: unknown, reply: InboundReply) => {
    received.push(reply);
    return { ok: true as const, detail: `comment ${received.length}` };
  },
  { webUrl: async (_tx: unknown, { ref, locale }: { ref: string; locale: Locale }) => `${config.baseUrl}/${locale}/things/${ref}` },
);
const refusingHandler: InboundHandler = async () => ({ ok: false, reason: 'the consultation is closed' });
let failures = 0;
const failingHandler: InboundHandler = async (tx) => {
  await tx.insert(outbox).values({ toAddress: 'half-done@example.org', locale: 'en', template: 'x', subject: 'x', html: 'x', text: 'x' });
  failures++;
  throw new Error('the handler broke');
};

beforeAll(async () => {
  database = await testDatabase();
  const log = { info() {}, warn() {}, error: (...args: unknown[]) => void errors.push(args) } as unknown as InboundSmtpOptions['log'];
  const handlers = inboundHandlersOf([
    { name: 'one', inboundMail: { test: testHandler } },
    { name: 'two', inboundMail: { refusing: refusingHandler, failing: failingHandler } },
  ]);
  listener = await startInboundSmtp({ db: database.db, handlers, secret: SECRET, domain: DOMAIN, baseUrl: config.baseUrl, host: '127.0.0.1', port: 0, log });
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1 });
});
afterAll(async () => {
  transport?.close();
  await listener?.stop();
  await database?.close();
});

const DAY = 86_400_000;

/** A reply address for `address`, by default for the test handler, in English, open for a week. */
function addressFor(address: string, over: { purpose?: string; locale?: Locale; expiresAt?: Date; ref?: string } = {}) {
  const ref = over.ref ?? randomUUID();
  return { ref, to: replyAddress(SECRET, DOMAIN, { purpose: over.purpose ?? 'test', ref, address, locale: over.locale ?? 'en', expiresAt: over.expiresAt ?? new Date(Date.now() + 7 * DAY) }) };
}

/** Sends one message through the listener; resolves with the server's answer, rejects with its refusal. */
const send = (m: SendMailOptions) => transport.sendMail({ subject: 'Re: Section 2', ...m });

/** The error a refused message gave the client. */
async function refusal(m: SendMailOptions): Promise<{ responseCode?: number; response?: string }> {
  try {
    await send(m);
  } catch (err) {
    return err as { responseCode?: number; response?: string };
  }
  throw new Error('The message was accepted');
}

const rowsFrom = (address: string) => database.db.select().from(inboundMail).where(eq(inboundMail.fromAddress, address)).orderBy(inboundMail.id);
const mailsTo = (address: string) => database.db.select().from(outbox).where(eq(outbox.toAddress, address)).orderBy(desc(outbox.id));
const repliesFrom = (address: string) => received.filter((r) => r.from === address);

const QUOTED = ['', 'On Mon, 2 Mar 2026 at 10:00, Bridges <no-reply@bridges.test> wrote:', '> Section 2: every school should publish its results.', '> Section 3: and its budget.', ''].join('\n');
const SIGNATURE = '\n-- \nAmina Diallo\nMinistry of Education\n';

describe('replies by e-mail', () => {
  it('hands a genuine reply to its handler: the person’s own text, without the quoted message or the signature', async () => {
    const { ref, to } = addressFor('amina@example.org', { locale: 'fr' });
    const info = await send({ from: 'Amina Diallo <Amina@Example.org>', to, text: `I agree with section 2.\n\nBut not with section 3.\n${QUOTED}${SIGNATURE}` });
    expect(info.response).toMatch(/^250 /);
    expect(repliesFrom('amina@example.org')).toEqual([
      { ref, from: 'amina@example.org', locale: 'fr', text: 'I agree with section 2.\n\nBut not with section 3.', subject: 'Re: Section 2', attachmentsIgnored: 0, messageId: info.messageId, baseUrl: config.baseUrl },
    ]);
    const [row] = await rowsFrom('amina@example.org');
    expect(row).toMatchObject({ messageId: info.messageId, purpose: 'test', outcome: 'accepted', detail: `comment ${received.length}` });
  });

  it('reads the text of a reply written in HTML only, beside an attachment', async () => {
    const { to } = addressFor('html@example.org');
    await send({
      from: 'html@example.org',
      to,
      html: '<div dir="ltr">Agreed, with <b>one</b> change.</div><div class="gmail_quote">On Mon, 2 Mar 2026 at 10:00, Bridges wrote:<blockquote class="gmail_quote">Section 2</blockquote></div>',
      attachments: [{ filename: 'notes.txt', content: 'notes' }],
    });
    expect(repliesFrom('html@example.org').map((r) => [r.text, r.attachmentsIgnored])).toEqual([['Agreed, with one change.', 1]]);
  });

  it('refuses a reply from another address (an SMTP error, no e-mail back) and does not hand it on', async () => {
    const { to } = addressFor('owner@example.org');
    const err = await refusal({ from: 'colleague@example.org', to, text: 'Forwarded to me; my view is…' });
    expect(err.responseCode).toBe(550);
    expect(err.response).toMatch(/only from the address the e-mail was sent to/);
    // A From header that is not the envelope's sender is refused the same way, even when it names the recipient.
    const forged = await refusal({ from: 'owner@example.org', envelope: { from: 'someone@else.example', to }, to, text: 'I am the owner' });
    expect(forged.responseCode).toBe(550);
    expect(repliesFrom('colleague@example.org')).toHaveLength(0);
    expect(repliesFrom('owner@example.org')).toHaveLength(0);
    expect((await rowsFrom('colleague@example.org')).map((r) => [r.outcome, r.purpose])).toEqual([['wrong-sender', 'test']]);
    expect((await rowsFrom('owner@example.org')).map((r) => r.outcome)).toEqual(['wrong-sender']);
    expect(await mailsTo('colleague@example.org')).toHaveLength(0);
  });

  it('refuses a reply address it did not make, and records it', async () => {
    const err = await refusal({ from: 'guess@example.org', to: `reply+${'a'.repeat(56)}@${DOMAIN}`, text: 'Hello?' });
    expect(err.responseCode).toBe(550);
    expect(err.response).toMatch(/not known here/);
    expect((await rowsFrom('guess@example.org')).map((r) => [r.outcome, r.purpose])).toEqual([['unknown-token', null]]);
    expect(await mailsTo('guess@example.org')).toHaveLength(0);
  });

  it('takes mail for reply addresses at its domain only', async () => {
    const { to } = addressFor('lost@example.org');
    for (const recipient of [`postmaster@${DOMAIN}`, to.replace(DOMAIN, 'elsewhere.example')]) {
      const err = await refusal({ from: 'lost@example.org', to: recipient, text: 'Hello' });
      expect(err.responseCode, recipient).toBe(550);
      expect(err.response).toMatch(/No such mailbox/);
    }
    // Any case will do: mail servers may change it.
    await send({ from: 'lost@example.org', to: to.toUpperCase(), text: 'Hello in capitals' });
    expect(repliesFrom('lost@example.org').map((r) => r.text)).toEqual(['Hello in capitals']);
    expect(await rowsFrom('lost@example.org')).toHaveLength(1);
  });

  it('takes one reply address per message: the sending server is asked to send again for the next (452)', async () => {
    const first = addressFor('two@example.org');
    const second = addressFor('two@example.org');
    const info = await send({ from: 'two@example.org', to: [first.to, second.to], text: 'To both.' });
    expect(info.accepted).toEqual([first.to]);
    expect(info.rejected).toEqual([second.to]);
    expect(repliesFrom('two@example.org').map((r) => r.ref)).toEqual([first.ref]);
  });

  it('answers a reply to an expired address with a polite e-mail in the recipient’s language, pointing to the web', async () => {
    const { ref, to } = addressFor('late@example.org', { locale: 'fr', expiresAt: new Date(Date.now() - 2 * DAY) });
    const info = await send({ from: 'late@example.org', to, text: 'Sorry I am late: I agree.' });
    expect(info.response).toMatch(/^250 /);
    expect(repliesFrom('late@example.org')).toHaveLength(0);
    expect((await rowsFrom('late@example.org')).map((r) => r.outcome)).toEqual(['expired']);
    const [mail, ...others] = await mailsTo('late@example.org');
    expect(others).toHaveLength(0);
    expect(mail).toMatchObject({ locale: 'fr', template: 'inbound.reply-expired', subject: translate('fr', 'mail.inbound.expired.subject'), unsolicited: true });
    expect(mail!.subject).not.toBe(translate('en', 'mail.inbound.expired.subject'));
    expect(mail!.text).toContain(translate('fr', 'mail.inbound.expired.body'));
    expect(mail!.text).toContain(`${config.baseUrl}/fr/things/${ref}`);
    expect(mail!.html).toContain('lang="fr"');
    expect(mail!.headers).toMatchObject({ 'Auto-Submitted': 'auto-replied', 'In-Reply-To': info.messageId });
  });

  it('acts once on a message delivered twice (the same Message-ID)', async () => {
    const { to } = addressFor('twice@example.org');
    const messageId = `<${randomUUID()}@mail.example.org>`;
    const first = await send({ from: 'twice@example.org', to, messageId, text: 'Once.' });
    const second = await send({ from: 'twice@example.org', to, messageId, text: 'Once.' });
    expect([first.response, second.response]).toEqual([expect.stringMatching(/^250 /), expect.stringMatching(/^250 .*already received/)]);
    expect(repliesFrom('twice@example.org')).toHaveLength(1);
    expect(await rowsFrom('twice@example.org')).toHaveLength(1);
  });

  it('defers the 21st reply in an hour from one address (451: its server retries), and takes it in once the hour has passed', async () => {
    const sender = 'busy@example.org';
    for (let i = 1; i <= 20; i++) await send({ from: sender, to: addressFor(sender).to, text: `Reply ${i}` });
    const { to } = addressFor(sender);
    const messageId = `<${randomUUID()}@mail.example.org>`;
    const err = await refusal({ from: sender, to, messageId, text: 'Reply 21' });
    expect(err.responseCode).toBe(451);
    expect(repliesFrom(sender)).toHaveLength(20);
    expect((await rowsFrom(sender)).at(-1)).toMatchObject({ messageId, outcome: 'rate-limited' });
    expect(await mailsTo(sender)).toHaveLength(0);
    // Another sender is not held up.
    await send({ from: 'calm@example.org', to: addressFor('calm@example.org').to, text: 'Mine.' });
    expect(repliesFrom('calm@example.org')).toHaveLength(1);
    // An hour later the sending server retries the same message: it is taken in, not dropped as a second delivery.
    await database.db.update(inboundMail).set({ receivedAt: sql`${inboundMail.receivedAt} - interval '1 hour'` }).where(eq(inboundMail.fromAddress, sender));
    await send({ from: sender, to, messageId, text: 'Reply 21' });
    expect(repliesFrom(sender).map((r) => r.text).at(-1)).toBe('Reply 21');
    expect((await rowsFrom(sender)).filter((r) => r.messageId === messageId).map((r) => r.outcome)).toEqual(['accepted']);
  });

  it('lets no more than 20 through when one address sends many at once (instances share the count)', async () => {
    const sender = 'burst@example.org';
    const parallel = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    try {
      const results = await Promise.allSettled(Array.from({ length: 26 }, (_, i) => parallel.sendMail({ from: sender, to: addressFor(sender).to, subject: 'Re: x', text: `Burst ${i}` })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r.reason as { responseCode?: number }).responseCode)).toEqual(Array(6).fill(451));
      expect(repliesFrom(sender)).toHaveLength(20);
    } finally {
      parallel.close();
    }
  });

  it('refuses a message over the size limit (552) without reading it', async () => {
    const { to } = addressFor('big@example.org');
    const err = await refusal({ from: 'big@example.org', to, text: `Long.\n${'x'.repeat(600 * 1024)}` });
    expect(err.responseCode).toBe(552);
    expect(repliesFrom('big@example.org')).toHaveLength(0);
    expect(await rowsFrom('big@example.org')).toHaveLength(0);
    // The connection is still good for the next message.
    await send({ from: 'big@example.org', to, text: 'Short.' });
    expect(repliesFrom('big@example.org').map((r) => r.text)).toEqual(['Short.']);
  });

  it('ignores attachments but counts them for the handler (not the images of an HTML signature)', async () => {
    const { to } = addressFor('files@example.org');
    await send({
      from: 'files@example.org',
      to,
      text: 'My comments are attached.',
      html: '<p>My comments are attached.</p><img src="cid:logo">',
      attachments: [
        { filename: 'comments.docx', content: Buffer.from('PK not really a Word file') },
        { filename: 'data.csv', content: 'a,b\n1,2\n' },
        { filename: 'logo.png', content: Buffer.from('89504e470d0a1a0a', 'hex'), cid: 'logo' },
      ],
    });
    expect(repliesFrom('files@example.org').map((r) => [r.text, r.attachmentsIgnored])).toEqual([['My comments are attached.', 2]]);
  });

  it('answers a reply with no text of its own with a polite e-mail, and records it as empty', async () => {
    const { to } = addressFor('blank@example.org', { locale: 'es' });
    const info = await send({ from: 'blank@example.org', to, text: `${QUOTED}${SIGNATURE}`, attachments: [{ filename: 'scan.pdf', content: Buffer.from('%PDF-1.4') }] });
    expect(info.response).toMatch(/^250 /);
    expect(repliesFrom('blank@example.org')).toHaveLength(0);
    expect((await rowsFrom('blank@example.org')).map((r) => r.outcome)).toEqual(['empty']);
    const [mail] = await mailsTo('blank@example.org');
    expect(mail).toMatchObject({ locale: 'es', template: 'inbound.reply-empty', subject: translate('es', 'mail.inbound.empty.subject') });
    expect(mail!.text).toContain(translate('es', 'mail.inbound.attachmentsIgnored', { count: 1 }));
  });

  it('records a reply its handler refused, with the reason', async () => {
    const { to } = addressFor('closed@example.org', { purpose: 'refusing' });
    expect((await send({ from: 'closed@example.org', to, text: 'Late thoughts.' })).response).toMatch(/^250 /);
    expect((await rowsFrom('closed@example.org')).map((r) => [r.outcome, r.detail, r.purpose])).toEqual([['refused', 'the consultation is closed', 'refusing']]);
  });

  it('keeps nothing when the handler fails, and asks the sending server to try again later (451)', async () => {
    const { to } = addressFor('unlucky@example.org', { purpose: 'failing' });
    const before = failures;
    const err = await refusal({ from: 'unlucky@example.org', to, text: 'Please keep this.' });
    expect(err.responseCode).toBe(451);
    expect(failures).toBe(before + 1);
    expect(await rowsFrom('unlucky@example.org')).toHaveLength(0);
    expect(await mailsTo('half-done@example.org')).toHaveLength(0);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('ignores automatic replies (out of office) without answering them', async () => {
    const { to } = addressFor('away@example.org');
    const info = await send({ from: 'away@example.org', to, text: 'I am out of the office until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(info.response).toMatch(/^250 /);
    expect(repliesFrom('away@example.org')).toHaveLength(0);
    expect(await database.db.select().from(inboundMail).where(and(eq(inboundMail.fromAddress, 'away@example.org'), eq(inboundMail.outcome, 'refused')))).toHaveLength(1);
    expect(await mailsTo('away@example.org')).toHaveLength(0);
  });

  it('refuses two modules handling the same purpose', () => {
    expect(() => inboundHandlersOf([{ name: 'a', inboundMail: { test: testHandler } }, { name: 'b', inboundMail: { test: testHandler } }])).toThrow(/a and b both handle/);
  });
});

describe('the records of received mail', () => {
  it('are kept 30 days (long enough to see a second delivery and count a sender), then dropped by the daily clean-up', async () => {
    const { purgeInboundMailRecords } = await import('./service.js');
    await database.db.insert(inboundMail).values([
      { messageId: '<old@example.org>', fromAddress: 'old@example.org', outcome: 'accepted', receivedAt: new Date(Date.now() - 31 * DAY) },
      { messageId: '<recent@example.org>', fromAddress: 'recent@example.org', outcome: 'accepted', receivedAt: new Date(Date.now() - 29 * DAY) },
    ]);
    expect(await purgeInboundMailRecords(database.db)).toBeGreaterThanOrEqual(1);
    expect(await rowsFrom('old@example.org')).toEqual([]);
    expect(await rowsFrom('recent@example.org')).toHaveLength(1);
  });
});
