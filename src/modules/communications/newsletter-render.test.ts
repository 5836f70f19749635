import { describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { sendMessage } from '../../platform/mail/delivery.js';
import { personalize, renderIssueMail } from './newsletter-render.js';

/** The message as it leaves Bridges (nodemailer's own output, no server), and as a mail client reads it. */
async function sentAndRead(locale: 'en' | 'ar', subject: string, body: string) {
  const r = renderIssueMail({ subject, body }, locale, { alliance: 'Alliance', archiveUrl: 'https://alliance.example/newsletter/x' });
  const m = personalize(r, { preferences: 'https://alliance.example/p', unsubscribe: 'https://alliance.example/u' });
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  let raw = '';
  const send = transport.sendMail.bind(transport);
  transport.sendMail = (async (mail: Parameters<typeof send>[0]) => {
    const info = (await send(mail)) as unknown as { message: Buffer };
    raw = info.message.toString();
    return info;
  }) as typeof transport.sendMail;
  await sendMessage(transport, 'news@alliance.example', { to: 'reader@example.org', ...m });
  return { raw, read: await simpleParser(raw) };
}

describe('a newsletter issue as an e-mail', () => {
  it('is encoded once per language as nodemailer would: Latin text quoted-printable, Arabic base64, and reads back whole', async () => {
    const en = await sentAndRead('en', 'Alliance news', 'The **annual meeting** report is out, with the working groups’ recommendations.');
    expect(en.raw).toMatch(/Content-Transfer-Encoding: quoted-printable/);
    expect(en.raw).not.toMatch(/Content-Transfer-Encoding: base64/);
    expect(en.read.text).toContain('The **annual meeting** report is out, with the working groups’ recommendations.');

    const arabicBody = 'صدر تقرير **الاجتماع السنوي** مع توصيات الأفرقة العاملة بشأن التعلم الأساسي والتقنيات.';
    const ar = await sentAndRead('ar', 'أخبار التحالف', arabicBody);
    expect(ar.raw).toMatch(/Content-Transfer-Encoding: base64/);
    expect(ar.raw).not.toMatch(/Content-Transfer-Encoding: quoted-printable/);
    expect(ar.read.subject).toBe('أخبار التحالف');
    expect(ar.read.text).toContain(arabicBody);
    expect(ar.read.html).toContain('dir="rtl"');
  });
});
