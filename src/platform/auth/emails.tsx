import type { MailTemplate } from '../mail/outbox.js';
import { mailHtml, mailText } from '../mail/layout.js';

export const signInLinkMail: MailTemplate<{ name: string; link: string; minutes: number }> = {
  name: 'auth.sign-in-link',
  render(t, d, locale) {
    const subject = t('mail.signIn.subject');
    const html = mailHtml(
      locale,
      t,
      subject,
      <>
        <p safe>{t('mail.greeting', { name: d.name })}</p>
        <p safe>{t('mail.signIn.intro')}</p>
        <p>
          <a href={d.link} style="display:inline-block;padding:.6rem 1rem;background:#0b5394;color:#fff;text-decoration:none;border-radius:4px" safe>
            {t('mail.signIn.button')}
          </a>
        </p>
        <p safe>{t('mail.signIn.expiry', { minutes: d.minutes })}</p>
        <p safe>{t('mail.signIn.ignore')}</p>
      </>,
    );
    const text = mailText(t, [
      t('mail.greeting', { name: d.name }),
      t('mail.signIn.intro'),
      d.link,
      t('mail.signIn.expiry', { minutes: d.minutes }),
      t('mail.signIn.ignore'),
    ]);
    return { subject, html, text };
  },
};
