import { describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { sendMessage } from '../../platform/mail/delivery.js';
import { markdownToText, personalize, renderIssueMail } from './newsletter-render.js';

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
    expect(en.read.text).toContain('The annual meeting report is out, with the working groups’ recommendations.');

    const arabicText = 'صدر تقرير الاجتماع السنوي مع توصيات الأفرقة العاملة بشأن التعلم الأساسي والتقنيات.';
    const arabicBody = arabicText.replace('الاجتماع السنوي', '**الاجتماع السنوي**');
    const ar = await sentAndRead('ar', 'أخبار التحالف', arabicBody);
    expect(ar.raw).toMatch(/Content-Transfer-Encoding: base64/);
    expect(ar.raw).not.toMatch(/Content-Transfer-Encoding: quoted-printable/);
    expect(ar.read.subject).toBe('أخبار التحالف');
    expect(ar.read.text).toContain(arabicText);
    expect(ar.read.html).toContain('dir="rtl"');
  });
});

/** An issue as the Secretariat writes one: headings, emphasis, lists, links, an image, a table, an ampersand. */
const ISSUE = `## Registration is open

The **annual meeting** of the Global Alliance on the Science of Learning for Education meets in *Nairobi* this year. [Register here](https://alliance.example/en/meetings/building-bridges/register) — places go first come, first served.

### What is on the programme

- Keynotes on reading & numeracy
- Consultation sessions on the working groups’ reports ([read them](https://alliance.example/en/consultations))
- A visit to a school, for members

### How to take part

1. Register before places run out.
2. Ask for travel financing if you come from a low-income country: see [the conditions](https://alliance.example/en/meetings/building-bridges/financing).
3. Share the [registration page](https://alliance.example/en/meetings/building-bridges/register) with colleagues.

![The delegates at last year’s meeting in Paris](https://alliance.example/en/newsletter/images/0123456789abcdef0123456789abcdef)

| Working group | Report |
|---|---|
| Foundational Learning | Pre-final |

Questions? Write to <secretariat@alliance.example> or see <https://alliance.example/en/about>.`;

describe('the plain-text part of an issue', () => {
  const text = markdownToText(ISSUE);

  it('carries no Markdown marks and no HTML entities', () => {
    expect(text).not.toMatch(/\*\*|(^|\n)#|\]\(|!\[|&amp;|&lt;|&#/);
    expect(text).toContain('The annual meeting of the Global Alliance on the Science of Learning for Education meets in Nairobi this year.');
    expect(text).toContain('- Keynotes on reading & numeracy');
  });

  it('sets headings on their own line, underlined, and starts list items with "- " or "1. "', () => {
    expect(text.startsWith('Registration is open\n====================\n\nThe annual meeting')).toBe(true);
    expect(text).toContain('\n\nWhat is on the programme\n------------------------\n\n- Keynotes');
    expect(text).toContain('\n1. Register before places run out.\n2. Ask for travel financing');
  });

  it('numbers the links in the text and lists their addresses at the end, once each; an address shown as itself stays as it is', () => {
    expect(text).toContain('Register here [1] — places go first come, first served.');
    expect(text).toContain('(read them [2])');
    expect(text).toContain('see the conditions [3].');
    expect(text).toContain('Share the registration page [1] with colleagues.');
    expect(text).toContain('Questions? Write to secretariat@alliance.example or see https://alliance.example/en/about.');
    expect(text.endsWith('\n\n[1] https://alliance.example/en/meetings/building-bridges/register\n[2] https://alliance.example/en/consultations\n[3] https://alliance.example/en/meetings/building-bridges/financing')).toBe(true);
  });

  it('gives an image as its description, and a table as aligned columns', () => {
    expect(text).toContain('[The delegates at last year’s meeting in Paris]');
    expect(text).not.toContain('/newsletter/images/');
    expect(text).toContain('Working group           Report\nFoundational Learning   Pre-final');
  });

  it('underlines a Chinese heading to its width on screen', () => {
    expect(markdownToText('## 会议报名已开放\n\n欢迎参加。')).toBe('会议报名已开放\n==============\n\n欢迎参加。');
  });
});
