import type { MailTemplate } from '../../platform/mail/outbox.js';
import { mailHtml, mailText, simpleMail } from '../../platform/mail/layout.js';
import type { Disposition } from './schema.js';
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

/** To a colleague of the working group to whom a chair handed comments to answer (e.g. in a language they read). */
export const handedOverMail: MailTemplate<{ name: string; from: string; n: number; report: string; link: string }> = {
  name: 'consultations.handed-over',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('consultations.mail.handed.subject', { n: d.n, report: d.report }),
      paragraphs: [d.name ? t('consultations.mail.invitation.greeting', { name: d.name }) : t('consultations.mail.invitation.greetingNoName'), t('consultations.mail.handed.body', { from: d.from, n: d.n, report: d.report })],
      button: { label: t('consultations.mail.handed.button'), href: d.link },
    }),
};

/** One of a person's comments as "you said, we did" tells them: where, what they wrote, and what became of it. */
export interface OutcomeMailComment {
  /** The section's name (or the whole report's). */
  where: string;
  quote: string;
  body: string;
  disposition: Disposition | null;
  response: string;
  changed: { excerpt: string; href: string }[];
}

const BUTTON = 'display:inline-block;padding:.6rem 1rem;background:#0b5394;color:#fff;text-decoration:none;border-radius:4px';

/** "You said, we did": to a commenter, when the report's final version is published. */
export const outcomeMail: MailTemplate<{ name: string; report: string; comments: OutcomeMailComment[]; finalLink: string; responsesLink: string; stopLink: string }> = {
  name: 'consultations.outcome',
  render: (t, d, locale) => {
    const subject = t('consultations.mail.outcome.subject', { report: d.report });
    const greeting = d.name ? t('consultations.mail.invitation.greeting', { name: d.name }) : t('consultations.mail.invitation.greetingNoName');
    const intro = t('consultations.mail.outcome.intro', { report: d.report, n: d.comments.length });
    const disposition = (x: OutcomeMailComment) => (x.disposition ? t(`consultations.dispositions.${x.disposition}`) : t('consultations.answers.unanswered'));
    const why = t('consultations.mail.outcome.why');
    const stop = t('consultations.mail.outcome.stop');
    const html = mailHtml(
      locale,
      t,
      subject,
      <>
        <p safe>{greeting}</p>
        <p safe>{intro}</p>
        {d.comments.map((x) => (
          <div style="border-inline-start:4px solid #0b5394;padding-inline-start:.75rem;margin-block:1.25rem">
            <p style="margin:0;font-weight:bold" safe>
              {x.where}
            </p>
            {x.quote ? (
              <p style="margin:.25rem 0;color:#505a5f;font-style:italic" safe>
                {`“${x.quote}”`}
              </p>
            ) : (
              ''
            )}
            <p style="margin:.25rem 0;white-space:pre-line" safe>
              {`${t('consultations.mail.outcome.youSaid')} ${x.body}`}
            </p>
            <p style="margin:.25rem 0" safe>
              {`${t('consultations.mail.outcome.weDid')} ${disposition(x)}`}
            </p>
            {x.response ? (
              <p style="margin:.25rem 0;white-space:pre-line" safe>
                {x.response}
              </p>
            ) : (
              ''
            )}
            {x.changed.map((ch) => (
              <p style="margin:.25rem 0">
                <span safe>{`${t('consultations.mail.outcome.changed')} `}</span>
                <a href={ch.href} safe>
                  {ch.excerpt}
                </a>
              </p>
            ))}
          </div>
        ))}
        <p>
          <a href={d.finalLink} style={BUTTON} safe>
            {t('consultations.mail.outcome.final')}
          </a>
        </p>
        <p>
          <a href={d.responsesLink} safe>
            {t('consultations.mail.outcome.all')}
          </a>
        </p>
        <p style="font-size:.875rem;color:#555">
          <span safe>{`${why} `}</span>
          <a href={d.stopLink} safe>
            {stop}
          </a>
        </p>
      </>,
    );
    const text = mailText(t, [
      greeting,
      intro,
      ...d.comments.map((x) =>
        [
          `— ${x.where}`,
          x.quote ? `“${x.quote}”` : '',
          `${t('consultations.mail.outcome.youSaid')} ${x.body}`,
          `${t('consultations.mail.outcome.weDid')} ${disposition(x)}`,
          x.response,
          ...x.changed.map((ch) => `${t('consultations.mail.outcome.changed')} ${ch.excerpt} <${ch.href}>`),
        ]
          .filter(Boolean)
          .join('\n'),
      ),
      `${t('consultations.mail.outcome.final')}: ${d.finalLink}`,
      `${t('consultations.mail.outcome.all')}: ${d.responsesLink}`,
      `${why} ${stop}: ${d.stopLink}`,
    ]);
    return { subject, html, text };
  },
};
