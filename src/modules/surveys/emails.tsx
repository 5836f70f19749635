import type { MailTemplate } from '../../platform/mail/outbox.js';
import { simpleMail } from '../../platform/mail/layout.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { Locale } from '../../platform/i18n/locales.js';

const greeting = (t: Translate, name: string) => (name ? t('surveys.mail.greeting', { name }) : t('surveys.mail.greetingNoName'));
const when = (locale: Locale, iso: string) => formatDateTime(locale, new Date(iso), 'UTC');

/** An invitation to answer a survey: its title in the person's language, when it opens (if not yet) and closes, and a link to its page. */
export const surveyInvitationMail: MailTemplate<{ name: string; survey: string; anonymous: boolean; opens?: string; closes?: string; link: string }> = {
  name: 'surveys.invitation',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('surveys.mail.invitation.subject', { survey: d.survey }),
      paragraphs: [
        greeting(t, d.name),
        t('surveys.mail.invitation.body', { survey: d.survey }),
        ...(d.anonymous ? [t('surveys.mail.invitation.anonymous')] : []),
        ...(d.opens ? [t('surveys.mail.invitation.opens', { opens: when(locale, d.opens) })] : []),
        ...(d.closes ? [t('surveys.mail.closes', { closes: when(locale, d.closes) })] : []),
      ],
      button: { label: t('surveys.mail.button'), href: d.link },
      after: [t('surveys.mail.why')],
    }),
};

/** The one reminder, to an invited person who has not responded. */
export const surveyReminderMail: MailTemplate<{ name: string; survey: string; closes?: string; link: string }> = {
  name: 'surveys.reminder',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('surveys.mail.reminder.subject', { survey: d.survey }),
      paragraphs: [greeting(t, d.name), t('surveys.mail.reminder.body', { survey: d.survey }), ...(d.closes ? [t('surveys.mail.closes', { closes: when(locale, d.closes) })] : []), t('surveys.mail.reminder.already')],
      button: { label: t('surveys.mail.button'), href: d.link },
      after: [t('surveys.mail.why')],
    }),
};
