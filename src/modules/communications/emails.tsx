import type { MailTemplate } from '../../platform/mail/outbox.js';
import { simpleMail } from '../../platform/mail/layout.js';
import type { Translate } from '../../platform/i18n/messages.js';

export interface SubscriberMailData {
  name: string;
  /** The confirmation link (confirmMail) or the preferences link (alreadySubscribedMail). */
  link: string;
}

const greeting = (t: Translate, name: string) => (name.trim() ? t('mail.greeting', { name }) : t('newsletter.confirm.mail.hello'));

/**
 * Double opt-in: the one link that confirms the subscription. Opening it (even by a mail
 * scanner) confirms in one step; it never re-subscribes an address that unsubscribed since.
 */
export const confirmMail: MailTemplate<SubscriberMailData> = {
  name: 'newsletter.confirm',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('newsletter.confirm.mail.subject'),
      paragraphs: [greeting(t, d.name), t('newsletter.confirm.mail.body')],
      button: { label: t('newsletter.confirm.mail.button'), href: d.link },
      after: [t('newsletter.confirm.mail.ignore')],
    }),
};

/**
 * Sent instead of a confirmation when the address is already subscribed, so the subscribe page
 * never tells a stranger who is on the list: the owner of the address gets their preferences link.
 */
export const alreadySubscribedMail: MailTemplate<SubscriberMailData> = {
  name: 'newsletter.already-subscribed',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('newsletter.subscribe.already.subject'),
      paragraphs: [greeting(t, d.name), t('newsletter.subscribe.already.body')],
      button: { label: t('newsletter.subscribe.already.button'), href: d.link },
      after: [t('newsletter.subscribe.already.ignore')],
    }),
};

