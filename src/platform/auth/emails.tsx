import type { MailTemplate } from '../mail/outbox.js';
import { simpleMail } from '../mail/layout.js';

export const signInLinkMail: MailTemplate<{ name: string; link: string; minutes: number }> = {
  name: 'auth.sign-in-link',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('mail.signIn.subject'),
      paragraphs: [t('mail.greeting', { name: d.name }), t('mail.signIn.intro')],
      button: { label: t('mail.signIn.button'), href: d.link },
      after: [t('mail.signIn.expiry', { minutes: d.minutes }), t('mail.signIn.ignore')],
    }),
};
