import type { MailTemplate } from '../../platform/mail/outbox.js';
import { simpleMail } from '../../platform/mail/layout.js';
import { localize, type I18nText } from '../../platform/i18n/content.js';
import { isLocale } from '../../platform/i18n/locales.js';
import { formatDateRange, formatDateTime, formatMoney, zoneLabel } from '../../platform/i18n/format.js';

export interface RegistrationMailData {
  /** confirmed | waiting | pending | offered | again */
  event: string;
  name: string;
  meetingTitle: I18nText;
  originalLocale: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  link: string;
  position: number | null;
  offerExpiresAt: string | null;
  /** Set for a confirmed place: the check-in QR code is attached as an inline image, the meeting as a calendar file. */
  checkIn?: boolean;
  /** The check-in code itself, written out beside the QR code (the plain-text part has no image). */
  checkInCode?: string;
}

export const CHECK_IN_CID = 'check-in-qr';

/** Every registration e-mail: what happened, the meeting, and the private link to manage the registration. */
export const registrationMail: MailTemplate<RegistrationMailData> = {
  name: 'meetings.registration',
  render: (t, d, locale) => {
    const title = localize(d.meetingTitle, locale, isLocale(d.originalLocale) ? d.originalLocale : 'en').text;
    const when = formatDateRange(locale, new Date(d.startsAt), new Date(d.endsAt), d.timeZone);
    const body: string[] = [t('mail.greeting', { name: d.name }), t(`meetings.mail.${d.event}.body`, { meeting: title, dates: when, position: d.position ?? 0 })];
    if (d.event === 'offered' && d.offerExpiresAt) {
      body.push(t('meetings.mail.offered.deadline', { deadline: `${formatDateTime(locale, new Date(d.offerExpiresAt), d.timeZone)} (${zoneLabel(locale, new Date(d.offerExpiresAt), d.timeZone)})` }));
    }
    return simpleMail(locale, t, {
      subject: t(`meetings.mail.${d.event}.subject`, { meeting: title }),
      paragraphs: body,
      button: { label: t(d.event === 'offered' ? 'meetings.mail.offered.button' : 'meetings.mail.manage'), href: d.link },
      image: d.checkIn ? { cid: CHECK_IN_CID, alt: t('meetings.mail.qr'), caption: t('meetings.mail.qr') } : undefined,
      after: [...(d.checkIn && d.checkInCode ? [t('meetings.mail.checkInCode', { code: d.checkInCode })] : []), ...(d.checkIn ? [t('meetings.mail.ics')] : []), t('meetings.mail.keepPrivate')],
    });
  },
};

export const activityMail: MailTemplate<{ name: string; activity: I18nText; originalLocale: string; status: 'confirmed' | 'waiting'; startsAt: string; timeZone: string }> = {
  name: 'meetings.activity',
  render: (t, d, locale) => {
    const activity = localize(d.activity, locale, isLocale(d.originalLocale) ? d.originalLocale : 'en').text;
    const when = formatDateTime(locale, new Date(d.startsAt), d.timeZone);
    return simpleMail(locale, t, {
      subject: t(`meetings.mail.activity.${d.status}.subject`, { activity }),
      paragraphs: [t('mail.greeting', { name: d.name }), t(`meetings.mail.activity.${d.status}.body`, { activity, when })],
    });
  },
};

export const financingMail: MailTemplate<{ name: string; decision: string; amount: number; estimated: number; currency: string; note: string }> = {
  name: 'meetings.financing',
  render: (t, d, locale) => {
    const money = (n: number) => formatMoney(locale, n, d.currency);
    return simpleMail(locale, t, {
      subject: t(`meetings.mail.financing.${d.decision}.subject`),
      paragraphs: [t('mail.greeting', { name: d.name }), t(`meetings.mail.financing.${d.decision}.body`, { amount: money(d.amount), estimated: money(d.estimated) }), ...(d.note ? [d.note] : [])],
    });
  },
};

export interface FinancingRequestedMailData {
  name: string;
  meetingTitle: I18nText;
  originalLocale: string;
  travel: boolean;
  accommodation: boolean;
  estimated: number;
  currency: string;
  /** Requests close then and the Secretariat decides after; null: no deadline set. */
  decisionAfter: string | null;
  timeZone: string;
}

/** The acknowledgement of a financing request: what was asked, and when the decision comes. */
export const financingRequestedMail: MailTemplate<FinancingRequestedMailData> = {
  name: 'meetings.financingRequested',
  render: (t, d, locale) => {
    const meeting = localize(d.meetingTitle, locale, isLocale(d.originalLocale) ? d.originalLocale : 'en').text;
    const needs = new Intl.ListFormat(locale, { type: 'conjunction' }).format([...(d.travel ? [t('meetings.mail.financing.requested.travel')] : []), ...(d.accommodation ? [t('meetings.mail.financing.requested.accommodation')] : [])]);
    const after = d.decisionAfter ? new Date(d.decisionAfter) : null;
    return simpleMail(locale, t, {
      subject: t('meetings.mail.financing.requested.subject', { meeting }),
      paragraphs: [
        t('mail.greeting', { name: d.name }),
        t('meetings.mail.financing.requested.body', { meeting, needs, estimated: formatMoney(locale, d.estimated, d.currency) }),
        after
          ? t('meetings.mail.financing.requested.when', { date: `${formatDateTime(locale, after, d.timeZone)} (${zoneLabel(locale, after, d.timeZone)})` })
          : t('meetings.mail.financing.requested.whenOpen'),
      ],
    });
  },
};

/** A message the Secretariat writes to a filtered list of participants (one language, as written). */
export const bulkMail: MailTemplate<{ name: string; subject: string; body: string; link: string }> = {
  name: 'meetings.bulk',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: d.subject,
      paragraphs: [t('mail.greeting', { name: d.name }), d.body],
      button: { label: t('meetings.mail.manage'), href: d.link },
    }),
};
