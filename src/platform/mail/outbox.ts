import type { Executor } from '../../db/client.js';
import { translator, type Translate } from '../i18n/messages.js';
import type { Locale } from '../i18n/locales.js';
import { outbox, type MailAttachment } from './schema.js';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
}

/** An e-mail template: renders both parts in the recipient's language from the same catalogs as the pages. */
export interface MailTemplate<D> {
  name: string;
  render(t: Translate, data: D, locale: Locale): RenderedMail;
}

export const PRIORITY_TRANSACTIONAL = 0;
export const PRIORITY_BULK = 50;

export interface QueueMail<D> {
  to: string;
  locale: Locale;
  template: MailTemplate<D>;
  data: D;
  headers?: Record<string, string>;
  /** Files made by the caller (a calendar file, a QR code), added to the template's own. */
  attachments?: MailAttachment[];
  priority?: number;
}

/**
 * Renders an e-mail and writes it to the outbox in the caller's transaction. The worker delivers
 * it after the transaction commits; if the transaction rolls back, no mail exists.
 */
export async function queueMail<D>(tx: Executor, mail: QueueMail<D>): Promise<void> {
  const rendered = mail.template.render(translator(mail.locale), mail.data, mail.locale);
  await tx.insert(outbox).values({
    toAddress: mail.to,
    locale: mail.locale,
    template: mail.template.name,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: mail.headers ?? {},
    attachments: [...(rendered.attachments ?? []), ...(mail.attachments ?? [])],
    priority: mail.priority ?? PRIORITY_TRANSACTIONAL,
  });
}
