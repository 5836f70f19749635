import type { Translate } from '../i18n/messages.js';
import { direction, type Locale } from '../i18n/locales.js';

/** The frame of every HTML e-mail: simple tables-free markup that mail clients render, in the reader's direction. */
export function mailHtml(locale: Locale, t: Translate, title: string, body: JSX.Element): string {
  return (
    '<!doctype html>' +
    (
      <html lang={locale} dir={direction(locale)}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width" />
          <title safe>{title}</title>
        </head>
        <body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;line-height:1.5;color:#1b1b1b;max-width:36rem;margin:0 auto;padding:1rem">
          {body}
          <hr style="border:0;border-top:1px solid #ccc;margin-block:2rem 1rem" />
          <p style="font-size:.875rem;color:#555" safe>
            {t('mail.footer')}
          </p>
        </body>
      </html>
    )
  );
}

/** The plain-text part: paragraphs separated by blank lines, then the same footer. */
export function mailText(t: Translate, paragraphs: string[]): string {
  return [...paragraphs, '--', t('mail.footer')].join('\n\n') + '\n';
}

/**
 * The usual e-mail: a subject, paragraphs and at most one button, in both parts. Most templates
 * are one call to this.
 */
export function simpleMail(
  locale: Locale,
  t: Translate,
  m: { subject: string; paragraphs: string[]; button?: { label: string; href: string }; after?: string[]; image?: { cid: string; alt: string; caption: string } },
): { subject: string; html: string; text: string } {
  const after = m.after ?? [];
  const html = mailHtml(
    locale,
    t,
    m.subject,
    <>
      {m.paragraphs.map((p) => (
        <p style="white-space:pre-line" safe>
          {p}
        </p>
      ))}
      {m.button ? (
        <p>
          <a href={m.button.href} style="display:inline-block;padding:.6rem 1rem;background:#0b5394;color:#fff;text-decoration:none;border-radius:4px" safe>
            {m.button.label}
          </a>
        </p>
      ) : (
        ''
      )}
      {m.image ? (
        <figure style="margin:1rem 0">
          <img src={`cid:${m.image.cid}`} alt={m.image.alt} width="200" height="200" />
          <figcaption safe>{m.image.caption}</figcaption>
        </figure>
      ) : (
        ''
      )}
      {after.map((p) => (
        <p safe>{p}</p>
      ))}
    </>,
  );
  const text = mailText(t, [...m.paragraphs, ...(m.button ? [`${m.button.label}: ${m.button.href}`] : []), ...(m.image ? [m.image.caption] : []), ...after]);
  return { subject: m.subject, html, text };
}
