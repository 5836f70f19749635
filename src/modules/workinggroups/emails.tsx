import type { MailTemplate } from '../../platform/mail/outbox.js';
import { simpleMail } from '../../platform/mail/layout.js';
import { localize, type I18nText } from '../../platform/i18n/content.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';

interface GroupMail {
  group: I18nText;
  originalLocale: string;
  link: string;
}

const groupName = (d: GroupMail, locale: Locale) => localize(d.group, locale, isLocale(d.originalLocale) ? d.originalLocale : 'en').text;

/** To a person the Secretariat names as a chair: what a chair does, and the group's page for its chairs. */
export const chairNamedMail: MailTemplate<GroupMail> = {
  name: 'workinggroups.chair-named',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('workingGroups.mail.chairNamed.subject', { group: groupName(d, locale) }),
      paragraphs: [t('workingGroups.mail.chairNamed.body', { group: groupName(d, locale) })],
      button: { label: t('workingGroups.mail.manageButton'), href: d.link },
    }),
};

/** To each chair of a group when a member of the Alliance asks to join it. */
export const joinRequestedMail: MailTemplate<GroupMail & { name: string; message: string }> = {
  name: 'workinggroups.join-requested',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('workingGroups.mail.requested.subject', { name: d.name, group: groupName(d, locale) }),
      paragraphs: [t('workingGroups.mail.requested.body', { name: d.name, group: groupName(d, locale) }), ...(d.message ? [d.message] : [])],
      button: { label: t('workingGroups.mail.manageButton'), href: d.link },
    }),
};

/** To the person who asked to join, once a chair has decided. */
export const requestDecidedMail: MailTemplate<GroupMail & { accepted: boolean }> = {
  name: 'workinggroups.request-decided',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t(d.accepted ? 'workingGroups.mail.accepted.subject' : 'workingGroups.mail.declined.subject', { group: groupName(d, locale) }),
      paragraphs: [t(d.accepted ? 'workingGroups.mail.accepted.body' : 'workingGroups.mail.declined.body', { group: groupName(d, locale) })],
      button: { label: t('workingGroups.mail.groupButton'), href: d.link },
    }),
};
