import type { MailTemplate } from '../../platform/mail/outbox.js';
import { simpleMail } from '../../platform/mail/layout.js';
import { formatDate } from '../../platform/i18n/format.js';
import type { Action, State } from './workflow.js';

/** What every mail about an item says of it: its identifier and title in the recipient's language, and where to follow it. */
export interface ItemMail {
  number: string;
  title: string;
  link: string;
}

/** To the author, as their brief arrives: its identifier, and where to follow it. */
export const submittedMail: MailTemplate<ItemMail> = {
  name: 'publications.submitted',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('publications.mail.submitted.subject', { number: d.number }),
      paragraphs: [t('publications.mail.submitted.body', { number: d.number, title: d.title })],
      button: { label: t('publications.mail.follow'), href: d.link },
    }),
};

/** ICU's select keys are words: desk-check → desk_check. */
const selector = (action: Action) => action.replaceAll('-', '_');

/** To the author, at each of the editors' steps: what was decided, with the editor's note (what to revise, why it is declined). */
export const decisionMail: MailTemplate<ItemMail & { action: Action; note: string }> = {
  name: 'publications.decision',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('publications.mail.decision.subject', { number: d.number, action: selector(d.action) }),
      paragraphs: [t('publications.mail.decision.body', { number: d.number, title: d.title, action: selector(d.action) }), ...(d.note ? [d.note] : [])],
      button: { label: t(d.action === 'publish' ? 'publications.mail.read' : 'publications.mail.follow'), href: d.link },
    }),
};

/** To a reviewer invited for a round: the title and abstract, the due date, and the page where they accept, decline or declare a conflict. */
export const reviewInvitationMail: MailTemplate<ItemMail & { dueAt: Date; abstract: string }> = {
  name: 'publications.review-invitation',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('publications.mail.invitation.subject', { number: d.number }),
      paragraphs: [t('publications.mail.invitation.body', { title: d.title, due: formatDate(locale, d.dueAt, 'UTC') }), d.abstract],
      button: { label: t('publications.mail.answer'), href: d.link },
    }),
};

/** To a reviewer whose open assignment falls due soon: once. */
export const reviewReminderMail: MailTemplate<ItemMail & { dueAt: Date }> = {
  name: 'publications.review-reminder',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('publications.mail.reminder.subject', { number: d.number }),
      paragraphs: [t('publications.mail.reminder.body', { title: d.title, due: formatDate(locale, d.dueAt, 'UTC') })],
      button: { label: t('publications.mail.answer'), href: d.link },
    }),
};

/** To each reviewer who took part in a round, when it ends: what the editors decided. */
export const reviewOutcomeMail: MailTemplate<ItemMail & { outcome: State }> = {
  name: 'publications.review-outcome',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('publications.mail.outcome.subject', { number: d.number }),
      paragraphs: [t('publications.mail.outcome.body', { title: d.title, outcome: d.outcome }), t('publications.mail.outcome.thanks')],
    }),
};
