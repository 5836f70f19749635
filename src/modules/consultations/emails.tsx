import type { MailTemplate } from '../../platform/mail/outbox.js';
import { simpleMail } from '../../platform/mail/layout.js';
import { attachmentsIgnoredNote } from '../../platform/mail/inbound-emails.js';
import { formatDateTime } from '../../platform/i18n/format.js';

/** One section of a report under consultation, to reply to: its text, its guiding questions, how to answer. */
export const sectionMail: MailTemplate<{ report: string; section: string; n: number; of: number; text: string[]; questions: string[]; closes: string; link: string }> = {
  name: 'consultations.section',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('consultations.mail.section.subject', { n: d.n, of: d.of, section: d.section, report: d.report }),
      paragraphs: [
        t('consultations.mail.section.howTo', { closes: formatDateTime(locale, new Date(d.closes), 'UTC') }),
        d.section,
        ...d.text,
        ...(d.questions.length ? [`${t('consultations.questionsTitle')}:\n${d.questions.map((q) => `– ${q}`).join('\n')}`] : []),
      ],
      button: { label: t('consultations.mail.section.button'), href: d.link },
      after: [t('consultations.mail.section.conduct')],
    }),
};

/** To someone whose reply by e-mail became a comment. */
export const commentByEmailMail: MailTemplate<{ section: string; pending: boolean; attachments: number; link: string }> = {
  name: 'consultations.comment-by-email',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('consultations.mail.received.subject', { section: d.section }),
      paragraphs: [t(d.pending ? 'consultations.mail.received.pending' : 'consultations.mail.received.published', { section: d.section }), ...attachmentsIgnoredNote(t, d.attachments)],
      button: { label: t('consultations.mail.received.button'), href: d.link },
    }),
};

/** To someone whose reply by e-mail could not become a comment: why, and their text back. */
export const commentRefusedMail: MailTemplate<{ section: string; reason: 'closed' | 'audience' | 'profile' | 'limit' | 'gone'; text: string; link: string }> = {
  name: 'consultations.comment-refused',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('consultations.mail.refused.subject', { section: d.section }),
      paragraphs: [t(`consultations.mail.refused.${d.reason}`), t('consultations.mail.refused.yourText'), d.text],
      button: { label: t('consultations.mail.received.button'), href: d.link },
    }),
};

/** An invitation to comment on a report under consultation (before a meeting, when sent to its participants). */
export const invitationMail: MailTemplate<{ name: string; report: string; summary: string; closes: string; meeting?: string; link: string }> = {
  name: 'consultations.invitation',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('consultations.mail.invitation.subject', { report: d.report }),
      paragraphs: [
        d.name ? t('consultations.mail.invitation.greeting', { name: d.name }) : t('consultations.mail.invitation.greetingNoName'),
        d.meeting ? t('consultations.mail.invitation.beforeMeeting', { meeting: d.meeting, report: d.report }) : t('consultations.mail.invitation.body', { report: d.report }),
        d.summary,
        t('consultations.mail.invitation.closes', { closes: formatDateTime(locale, new Date(d.closes), 'UTC') }),
      ],
      button: { label: t('consultations.mail.invitation.button'), href: d.link },
      after: [t('consultations.mail.invitation.why')],
    }),
};
