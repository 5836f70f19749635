import type { MailTemplate } from '../../platform/mail/outbox.js';
import { simpleMail } from '../../platform/mail/layout.js';

/** Sent when an application is started: confirm the address, and the private link to come back. */
export const applicationStartedMail: MailTemplate<{ reference: string; confirmLink: string; resumeLink: string }> = {
  name: 'membership.started',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('membership.mail.started.subject', { reference: d.reference }),
      paragraphs: [t('membership.mail.started.intro'), t('membership.mail.started.confirm')],
      button: { label: t('membership.mail.started.confirmButton'), href: d.confirmLink },
      after: [t('membership.mail.started.resume'), d.resumeLink, t('membership.mail.keepPrivate')],
    }),
};

export const applicationReceivedMail: MailTemplate<{ reference: string; resumeLink: string }> = {
  name: 'membership.received',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('membership.mail.received.subject', { reference: d.reference }),
      paragraphs: [t('membership.mail.received.body')],
      button: { label: t('membership.mail.follow'), href: d.resumeLink },
      after: [t('membership.mail.keepPrivate')],
    }),
};

export const infoRequestedMail: MailTemplate<{ reference: string; request: string; resumeLink: string }> = {
  name: 'membership.info-requested',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('membership.mail.info.subject', { reference: d.reference }),
      paragraphs: [t('membership.mail.info.body'), d.request, t('membership.mail.info.how')],
      button: { label: t('membership.mail.info.button'), href: d.resumeLink },
      after: [t('membership.mail.keepPrivate')],
    }),
};

export const approvedMail: MailTemplate<{ name: string; memberNumber: string; signInLink: string; note: string }> = {
  name: 'membership.approved',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('membership.mail.approved.subject'),
      paragraphs: [
        t('mail.greeting', { name: d.name }),
        t('membership.mail.approved.body', { number: d.memberNumber }),
        ...(d.note ? [d.note] : []),
        t('membership.mail.approved.account'),
      ],
      button: { label: t('membership.mail.approved.button'), href: d.signInLink },
      after: [t('membership.mail.approved.newsletter')],
    }),
};

export const declinedMail: MailTemplate<{ reference: string; reason: string }> = {
  name: 'membership.declined',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('membership.mail.declined.subject', { reference: d.reference }),
      paragraphs: [t('membership.mail.declined.body'), d.reason, t('membership.mail.declined.after')],
    }),
};

export const steeringNoticeMail: MailTemplate<{ applicant: string; link: string; days: number }> = {
  name: 'membership.steering-notice',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('membership.mail.steering.subject', { applicant: d.applicant }),
      paragraphs: [t('membership.mail.steering.body', { applicant: d.applicant, days: d.days })],
      button: { label: t('membership.mail.steering.button'), href: d.link },
    }),
};

export const erasureRequestMail: MailTemplate<{ member: string; person: string; email: string; link: string }> = {
  name: 'membership.erasure-request',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('membership.mail.erasure.subject', { person: d.person }),
      paragraphs: [t('membership.mail.erasure.body', { person: d.person, email: d.email, member: d.member })],
      button: { label: t('membership.mail.erasure.button'), href: d.link },
    }),
};
