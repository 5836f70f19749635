import type { MailTemplate } from './outbox.js';
import type { Translate } from '../i18n/messages.js';
import { simpleMail } from './layout.js';

/** The sentence that says attached files were not read, or nothing when there were none. Handlers may add it to their own confirmations. */
export function attachmentsIgnoredNote(t: Translate, count: number): string[] {
  return count > 0 ? [t('mail.inbound.attachmentsIgnored', { count })] : [];
}

/** To the sender of a reply that came after its reply address expired: nothing was posted, and where to comment on the web instead. */
export const replyExpiredMail: MailTemplate<{ url: string }> = {
  name: 'inbound.reply-expired',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('mail.inbound.expired.subject'),
      paragraphs: [t('mail.inbound.expired.body'), t('mail.inbound.expired.web')],
      button: { label: t('mail.inbound.expired.button'), href: d.url },
    }),
};

/** To the sender of a reply with nothing of their own in it (only the quoted message, a signature or attached files): nothing was posted. */
export const replyEmptyMail: MailTemplate<{ attachmentsIgnored: number }> = {
  name: 'inbound.reply-empty',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('mail.inbound.empty.subject'),
      paragraphs: [t('mail.inbound.empty.body'), ...attachmentsIgnoredNote(t, d.attachmentsIgnored), t('mail.inbound.empty.again')],
    }),
};
