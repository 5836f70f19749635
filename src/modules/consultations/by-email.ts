/**
 * Taking part by e-mail, for people who read mail more easily than web pages: a participant asks
 * for the report by e-mail and receives it section by section, one e-mail each; replying to a
 * section's e-mail posts a comment on that section. Each e-mail's Reply-To is a signed reply
 * address (src/platform/mail/reply-tokens.ts) that names the section sent — a row of
 * consultation_section_mails — and is accepted only from the participant's own address, until the
 * consultation closes. The app's mail listener hands the reply, stripped of quoted text and
 * signature, to `consultationReplyHandler`, which writes the comment as the web form would (the same
 * window, audience, profile and rate limit) and answers by e-mail either way.
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import type { Config } from '../../config.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { replyAddressFor } from '../../platform/mail/reply-tokens.js';
import type { InboundHandler, InboundReply, InboundResult } from '../../platform/mail/inbound.js';
import { users } from '../../platform/auth/schema.js';
import { actorByEmail } from '../../platform/auth/service.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { localize } from '../../platform/i18n/content.js';
import { consultationSectionMails } from './schema.js';
import { consultationPolicy, isOpen } from './policy.js';
import { getConsultationById, profileOf, sectionsOf, writeComment, type ConsultationPage } from './service.js';
import { commentByEmailMail, commentRefusedMail, sectionMail } from './emails.js';

/** The purpose of the reply addresses of section e-mails. */
export const REPLY_PURPOSE = 'consultation';

export type ByEmailResult = 'sent' | 'already' | 'closed' | 'audience' | 'profile';

/**
 * Sends the report to the actor by e-mail, one section per message, each with its own reply
 * address; in the text the page was read in (`page` for that language: its translation when there is one). Once a day at most
 * (a second click within a day sends nothing), only to someone who may comment now and has a profile.
 */
export async function sendSectionsByEmail(db: Db, actor: MaybeActor, page: ConsultationPage, opts: { hasLink: boolean; locale: Locale; config: Pick<Config, 'baseUrl' | 'sessionSecret' | 'inboundMailDomain'>; now?: Date }): Promise<ByEmailResult> {
  authorize(consultationPolicy.keepProfile(actor), 'consultations.participate');
  const c = page.consultation;
  const now = opts.now ?? new Date();
  if (!isOpen(c, now)) return 'closed';
  if (!consultationPolicy.comment(actor, c, now, opts.hasLink)) return 'audience';
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(724301014, hashtext(${actor!.id}))`);
    if (!(await profileOf(tx, actor))) return 'profile';
    const [recent] = await tx
      .select({ id: consultationSectionMails.id })
      .from(consultationSectionMails)
      .where(and(eq(consultationSectionMails.consultationId, c.id), eq(consultationSectionMails.userId, actor!.id), gte(consultationSectionMails.sentAt, sql`now() - interval '1 day'`)))
      .limit(1);
    if (recent) return 'already';
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, actor!.id));
    // The language they asked in (the page they were reading).
    const locale = opts.locale;
    // The text as the reader read it (the translation into their language, when there is one):
    // a translation's blocks carry the original's identifiers, so the sections are the same.
    const { blocks, title } = page.text;
    const sections = sectionsOf(blocks, title);
    for (const [i, section] of sections.entries()) {
      const [row] = await tx.insert(consultationSectionMails).values({ consultationId: c.id, userId: actor!.id, blockId: section.id }).returning({ id: consultationSectionMails.id });
      const replyTo = replyAddressFor(opts.config, { purpose: REPLY_PURPOSE, ref: row!.id, address: user!.email, locale, expiresAt: c.closesAt });
      const questions = c.questions.filter((q) => q.blockId === section.id || (i === 0 && q.blockId === null)).map((q) => localize(q.text, locale, c.originalLocale).text);
      await queueMail(tx, {
        to: user!.email,
        locale,
        template: sectionMail,
        data: {
          report: title,
          section: section.title,
          n: i + 1,
          of: sections.length,
          text: section.blocks.map((b) => b.text),
          questions,
          closes: c.closesAt.toISOString(),
          link: `${opts.config.baseUrl}/${locale}/consultations/${c.slug}/p/${section.id}`,
        },
        headers: { 'Reply-To': replyTo },
      });
    }
    return 'sent';
  });
}

/** Why a reply by e-mail was not posted, told back to its sender. */
const REFUSALS = ['closed', 'audience', 'profile', 'limit', 'gone'] as const;

/**
 * A reply to a section's e-mail: the comment is written on the section (its heading's block), as
 * the participant, from their profile, in the language they were written to — unless the
 * consultation has closed, they have written too much too fast, or the section is no longer there;
 * either way they are told by e-mail.
 */
export const consultationReplyHandler: InboundHandler = Object.assign(
  async function consultationReply(tx: Executor, reply: InboundReply): Promise<InboundResult> {
    const [sent] = await tx.select().from(consultationSectionMails).where(eq(consultationSectionMails.id, reply.ref));
    const page = sent ? await getConsultationById(tx, sent.consultationId) : null;
    const [user] = sent ? await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, sent.userId)) : [];
    // The reply address is tied to the address it was sent to; the account must still have it.
    if (!sent || !page || !user || user.email !== reply.from) return { ok: false, reason: 'unknown section mail' };
    const actor = await actorByEmail(tx, user.email);
    const r = await writeComment(tx, actor, page, sent.blockId, { body: reply.text.slice(0, 6000), locale: reply.locale }, { hasLink: true, source: 'email' });
    const title = page.version.blocks.find((b) => b.id === sent.blockId)?.text ?? page.version.title;
    const link = (path: string) => `${reply.baseUrl}/${reply.locale}/consultations/${page.consultation.slug}/${path}`;
    if (r.ok) {
      await queueMail(tx, { to: user.email, locale: reply.locale, template: commentByEmailMail, data: { section: title, pending: r.state === 'pending', attachments: reply.attachmentsIgnored, link: `${link(`p/${sent.blockId}`)}#c-${r.id}` } });
      return { ok: true, detail: r.id };
    }
    const reason = REFUSALS.find((x) => x === r.reason) ?? 'gone';
    await queueMail(tx, { to: user.email, locale: reply.locale, template: commentRefusedMail, data: { section: title, reason, text: reply.text.slice(0, 6000), link: link(`p/${sent.blockId}`) } });
    return { ok: false, reason };
  },
  {
    /** The section's page, for the e-mail that says a reply address has expired. */
    async webUrl(tx: Executor, target: { ref: string; locale: Locale; baseUrl: string }) {
      const [sent] = await tx.select().from(consultationSectionMails).where(eq(consultationSectionMails.id, target.ref));
      const page = sent ? await getConsultationById(tx, sent.consultationId) : null;
      return page && sent ? `${target.baseUrl}/${target.locale}/consultations/${page.consultation.slug}/p/${sent.blockId}` : null;
    },
  },
);
