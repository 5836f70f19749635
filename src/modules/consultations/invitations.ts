/**
 * Invitations to a consultation, sent by the Secretariat through the outbox to the same audiences
 * as the newsletter — members, the members of a working group, a meeting's confirmed participants,
 * subscribers to a topic — and so only to people who agreed to receive the Alliance's mail and
 * have not unsubscribed; each invitation carries the subscription's one-click unsubscribe link and
 * is written in the person's language. Each address is invited once per consultation: a second
 * audience that overlaps the first reaches only the people not invited yet. Participants of a
 * meeting are told that the pre-final drafts are open before it.
 */
import { inArray, and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import type { Config } from '../../config.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { PRIORITY_BULK, queueMail } from '../../platform/mail/outbox.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { localize } from '../../platform/i18n/content.js';
import { field } from '../../platform/forms/fields.js';
import { audienceRecipients, listUnsubscribeHeaders, NEWSLETTER_TOPICS } from '../communications/service.js';
import { listMeetings } from '../meetings/service.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { consultationInvitations } from './schema.js';
import { consultationPolicy } from './policy.js';
import { translationOf } from '../workinggroups/service.js';
import type { ConsultationPage } from './service.js';
import { invitationMail } from './emails.js';

export const inviteBody = z.object({
  membership: field.optionalChoice(['members', 'others'] as const),
  workingGroupSlug: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(80).optional()),
  meetingId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()),
  topics: field.many(NEWSLETTER_TOPICS),
  step: z.enum(['preview', 'send']).catch('preview'),
});
export type InviteInput = z.output<typeof inviteBody>;

const audienceOf = (i: InviteInput) => ({ membership: i.membership, workingGroupSlug: i.workingGroupSlug, meetingId: i.meetingId, topics: i.topics?.length ? [...i.topics] : undefined });

/** How many people an audience would reach, and how many of them were invited already. */
export async function invitationPreview(db: Executor, actor: MaybeActor, page: ConsultationPage, input: InviteInput): Promise<{ reach: number; already: number }> {
  authorize(consultationPolicy.invite(actor, page.consultation), 'consultations.invite');
  const people = await audienceRecipients(db, audienceOf(input));
  const already = await invitedAmong(db, page, people.map((p) => p.email));
  return { reach: people.length, already: already.size };
}

async function invitedAmong(db: Executor, page: ConsultationPage, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < emails.length; i += 1000) {
    const rows = await db
      .select({ email: consultationInvitations.email })
      .from(consultationInvitations)
      .where(and(eq(consultationInvitations.consultationId, page.consultation.id), inArray(consultationInvitations.email, emails.slice(i, i + 1000))));
    for (const r of rows) found.add(r.email);
  }
  return found;
}

/** Invites an audience: one e-mail to each person not invited yet, in their language, through the outbox. Returns how many were invited. */
export async function inviteAudience(db: Db, actor: MaybeActor, page: ConsultationPage, input: InviteInput, config: Pick<Config, 'baseUrl' | 'sessionSecret' | 'mailFrom'>): Promise<number> {
  authorize(consultationPolicy.invite(actor, page.consultation), 'consultations.invite');
  const c = page.consultation;
  const meeting = input.meetingId ? (await listMeetings(db)).find((m) => m.id === input.meetingId) : undefined;
  return db.transaction(async (tx) => {
    const people = await audienceRecipients(tx, audienceOf(input));
    const already = await invitedAmong(tx, page, people.map((p) => p.email));
    const titles = new Map<Locale, string>();
    let n = 0;
    for (const p of people) {
      if (already.has(p.email)) continue;
      const locale: Locale = isLocale(p.locale) ? p.locale : c.originalLocale;
      if (!titles.has(locale)) titles.set(locale, (locale !== page.report.originalLocale ? (await translationOf(tx, page.version.id, locale))?.title : undefined) ?? page.version.title);
      await tx.insert(consultationInvitations).values({ consultationId: c.id, email: p.email }).onConflictDoNothing();
      await queueMail(tx, {
        to: p.email,
        locale,
        template: invitationMail,
        data: {
          name: p.name,
          report: titles.get(locale)!,
          summary: localize(c.summary, locale, c.originalLocale).text,
          closes: c.closesAt.toISOString(),
          meeting: meeting ? localize(meeting.title, locale, isLocale(meeting.originalLocale) ? meeting.originalLocale : 'en').text : undefined,
          link: `${config.baseUrl}/${locale}/consultations/${c.slug}`,
        },
        headers: listUnsubscribeHeaders(config, p),
        priority: PRIORITY_BULK,
      });
      n++;
    }
    await recordAudit(tx, actor, { action: 'consultations.invite', targetType: 'consultation', targetId: c.slug, after: { audience: audienceOf(input), invited: n, skipped: already.size } });
    return n;
  });
}

/** What the invitation form offers: working groups, meetings still to come, newsletter topics — named in the page's language. */
export async function inviteChoices(db: Executor, actor: MaybeActor, page: ConsultationPage, locale: Locale) {
  authorize(consultationPolicy.invite(actor, page.consultation), 'consultations.invite');
  const groups = (await listWorkingGroups(db, { active: true })).map((g) => ({ slug: g.slug, name: localize(g.name, locale, g.originalLocale).text }));
  const now = new Date();
  const meetings = (await listMeetings(db)).filter((m) => m.endsAt > now).map((m) => ({ id: m.id, name: localize(m.title, locale, isLocale(m.originalLocale) ? m.originalLocale : 'en').text }));
  return { groups, meetings, topics: NEWSLETTER_TOPICS };
}
