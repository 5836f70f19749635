/**
 * Invitations to a survey and one reminder, sent by the Secretariat through the outbox. They reach
 * the survey's audience among the newsletter's subscribers — members, the members of its working
 * group, its meeting's confirmed participants, or (a public survey) the subscribers the Secretariat
 * picks as for a consultation — and so only people who agreed to receive the Alliance's mail and
 * have not unsubscribed; each e-mail is in the person's language, carries the subscription's
 * one-click unsubscribe link, and links to the survey's page (answering there needs signing in).
 *
 * Each address is invited once per survey, and to at most `cap` surveys a calendar year (a setting),
 * so members are not worn out by surveys; it is reminded once, while the survey is open, unless it
 * has responded. Who has responded is read from the participation records only (survey_participants),
 * never from the responses, which name no one.
 */
import { and, count, eq, gte, inArray, isNull, lt, notExists, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import type { Config } from '../../config.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { PRIORITY_BULK, queueMail } from '../../platform/mail/outbox.js';
import { getSetting } from '../../platform/settings/service.js';
import { users } from '../../platform/auth/schema.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { localize } from '../../platform/i18n/content.js';
import { field } from '../../platform/forms/fields.js';
import { audienceRecipients, listUnsubscribeHeaders, NEWSLETTER_TOPICS } from '../communications/service.js';
import { listMeetings } from '../meetings/service.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { surveyInvitations, surveyParticipants } from './schema.js';
import { surveyPolicy } from './policy.js';
import { surveyState, type SurveyRow, type SurveyState } from './respond.js';
import { surveyInvitationMail, surveyReminderMail } from './emails.js';

/** The setting (settings table) for how many surveys one address may be invited to per calendar year. */
export const INVITATION_CAP_SETTING = 'surveys.invitationsPerAddressPerYear';
export const DEFAULT_INVITATION_CAP = 4;

export async function invitationCap(db: Executor): Promise<number> {
  const n = await getSetting<number>(db, INVITATION_CAP_SETTING);
  return Number.isInteger(n) && n! >= 1 ? n! : DEFAULT_INVITATION_CAP;
}

/** The invitation page's form. The audience fields are read for a public survey only: the others go to their own audience. */
export const surveyInviteBody = z.object({
  membership: field.optionalChoice(['members', 'others'] as const),
  workingGroupSlug: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(80).optional()),
  meetingId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ message: 'form.errors.choose' }).optional()),
  topics: field.many(NEWSLETTER_TOPICS),
  step: z.enum(['preview', 'send', 'remind']).catch('preview'),
});
export type SurveyInviteInput = z.output<typeof surveyInviteBody>;

/** Invitations go while a survey is scheduled or open; reminders while it is open. Otherwise the state it is in. */
export type InvitationRefusal = { ok: false; state: SurveyState };

const mayInvite = (state: SurveyState) => state === 'scheduled' || state === 'open';

type Audience = Parameters<typeof audienceRecipients>[1];

/** The newsletter audience a survey's invitations go to; null when its working group or meeting is gone. */
async function audienceOf(db: Executor, s: SurveyRow, input: SurveyInviteInput): Promise<Audience | null> {
  switch (s.audience) {
    case 'members':
      return { membership: 'members' };
    case 'group': {
      const group = s.audienceRef ? (await listWorkingGroups(db)).find((g) => g.id === s.audienceRef) : undefined;
      return group ? { workingGroupSlug: group.slug } : null;
    }
    case 'participants':
      return s.audienceRef ? { meetingId: s.audienceRef } : null;
    case 'public':
      return { membership: input.membership, workingGroupSlug: input.workingGroupSlug, meetingId: input.meetingId, topics: input.topics.length ? [...input.topics] : undefined };
  }
}

const CHUNK = 1000;
const chunks = <T>(list: T[]): T[][] => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));
const yearOf = (now: Date) => ({ from: new Date(Date.UTC(now.getUTCFullYear(), 0, 1)), to: new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 1)) });

type Recipient = Awaited<ReturnType<typeof audienceRecipients>>[number];

/** Who an invitation run would reach: the new people, and how many were invited already or are at the year's cap. */
async function plan(db: Executor, s: SurveyRow, input: SurveyInviteInput, now: Date): Promise<{ reach: number; already: number; atCap: number; fresh: Recipient[] }> {
  const audience = await audienceOf(db, s, input);
  const people = audience ? await audienceRecipients(db, audience) : [];
  const emails = people.map((p) => p.email.toLowerCase());
  const already = new Set<string>();
  const thisYear = new Map<string, number>();
  const { from, to } = yearOf(now);
  for (const list of chunks(emails)) {
    for (const r of await db
      .select({ email: surveyInvitations.email })
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.surveyId, s.id), inArray(surveyInvitations.email, list))))
      already.add(r.email);
    for (const r of await db
      .select({ email: surveyInvitations.email, n: count() })
      .from(surveyInvitations)
      .where(and(inArray(surveyInvitations.email, list), gte(surveyInvitations.invitedAt, from), lt(surveyInvitations.invitedAt, to)))
      .groupBy(surveyInvitations.email))
      thisYear.set(r.email, r.n);
  }
  const cap = await invitationCap(db);
  const fresh: Recipient[] = [];
  let atCap = 0;
  for (const p of people) {
    const email = p.email.toLowerCase();
    if (already.has(email)) continue;
    if ((thisYear.get(email) ?? 0) >= cap) atCap++;
    else fresh.push({ ...p, email });
  }
  return { reach: people.length, already: already.size, atCap, fresh };
}

export interface InvitationPreview {
  /** Everyone the audience reaches (subscribed, not unsubscribed). */
  reach: number;
  /** Invited to this survey already. */
  already: number;
  /** Not invited yet, but invited to as many surveys this year as the cap allows. */
  atCap: number;
}

/** How many people an invitation run would reach, how many were invited already, how many are at the year's cap. */
export async function surveyInvitationPreview(db: Executor, actor: MaybeActor, s: SurveyRow, input: SurveyInviteInput, now: Date): Promise<({ ok: true } & InvitationPreview) | InvitationRefusal> {
  authorize(surveyPolicy.administer(actor), 'surveys.invite');
  const state = surveyState(s, now);
  if (!mayInvite(state)) return { ok: false, state };
  const { reach, already, atCap } = await plan(db, s, input, now);
  return { ok: true, reach, already, atCap };
}

/** Held while invitations are counted and written, so two runs at once (of two surveys) cannot both take a person's last place under the cap. */
const INVITATION_LOCK = 724301022;

const originalOf = (s: SurveyRow): Locale => (isLocale(s.originalLocale) ? s.originalLocale : 'en');
const linkTo = (config: Pick<Config, 'baseUrl'>, s: SurveyRow, locale: Locale) => `${config.baseUrl}/${locale}/surveys/${s.slug}`;

/** Invites the survey's audience: one e-mail to each person not invited yet and under the year's cap, in their language, through the outbox. */
export async function inviteToSurvey(db: Db, actor: MaybeActor, s: SurveyRow, input: SurveyInviteInput, config: Pick<Config, 'baseUrl' | 'sessionSecret' | 'mailFrom'>, now: Date): Promise<{ ok: true; invited: number } | InvitationRefusal> {
  authorize(surveyPolicy.administer(actor), 'surveys.invite');
  const state = surveyState(s, now);
  if (!mayInvite(state)) return { ok: false, state };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${INVITATION_LOCK})`);
    const { already, atCap, fresh } = await plan(tx, s, input, now);
    let invited = 0;
    for (const p of fresh) {
      // Written first, and mailed only when written: a second run that overlaps this one finds the row and sends nothing.
      const [row] = await tx.insert(surveyInvitations).values({ surveyId: s.id, email: p.email, invitedAt: now }).onConflictDoNothing().returning({ email: surveyInvitations.email });
      if (!row) continue;
      const locale: Locale = isLocale(p.locale) ? p.locale : originalOf(s);
      await queueMail(tx, {
        to: p.email,
        locale,
        template: surveyInvitationMail,
        data: {
          name: p.name,
          survey: localize(s.title, locale, originalOf(s)).text,
          anonymous: s.anonymous,
          opens: s.opensAt && s.opensAt > now ? s.opensAt.toISOString() : undefined,
          closes: s.closesAt?.toISOString(),
          link: linkTo(config, s, locale),
        },
        headers: listUnsubscribeHeaders(config, p),
        priority: PRIORITY_BULK,
      });
      invited++;
    }
    await recordAudit(tx, actor, { action: 'surveys.invite', targetType: 'survey', targetId: s.slug, after: { invited, already, atCap } });
    return { ok: true as const, invited };
  });
}

/** The invited addresses of a survey not yet reminded and not known to have responded (an account with that address in the participation records). */
async function unanswered(db: Executor, s: SurveyRow): Promise<Set<string>> {
  const responded = db
    .select({ one: sql`1` })
    .from(surveyParticipants)
    .innerJoin(users, eq(users.id, surveyParticipants.userId))
    .where(and(eq(surveyParticipants.surveyId, s.id), sql`lower(${users.email}) = lower(${surveyInvitations.email})`));
  const rows = await db
    .select({ email: surveyInvitations.email })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.surveyId, s.id), isNull(surveyInvitations.remindedAt), notExists(responded)));
  return new Set(rows.map((r) => r.email));
}

/** Those of them still subscribed: someone who unsubscribed since the invitation is not reminded. */
async function toRemind(db: Executor, s: SurveyRow): Promise<Recipient[]> {
  const waiting = await unanswered(db, s);
  if (!waiting.size) return [];
  return (await audienceRecipients(db, {})).map((p) => ({ ...p, email: p.email.toLowerCase() })).filter((p) => waiting.has(p.email));
}

/** Reminds, once, each invited person who has not responded and is still subscribed, while the survey is open. */
export async function remindSurvey(db: Db, actor: MaybeActor, s: SurveyRow, config: Pick<Config, 'baseUrl' | 'sessionSecret' | 'mailFrom'>, now: Date): Promise<{ ok: true; reminded: number } | InvitationRefusal> {
  authorize(surveyPolicy.administer(actor), 'surveys.remind');
  const state = surveyState(s, now);
  if (state !== 'open') return { ok: false, state };
  return db.transaction(async (tx) => {
    const people = await toRemind(tx, s);
    let reminded = 0;
    for (const list of chunks(people)) {
      // Marked first, and mailed only when this run marked it: a reminder goes once, however often the button is pressed.
      const marked = await tx
        .update(surveyInvitations)
        .set({ remindedAt: now })
        .where(and(eq(surveyInvitations.surveyId, s.id), inArray(surveyInvitations.email, list.map((p) => p.email)), isNull(surveyInvitations.remindedAt)))
        .returning({ email: surveyInvitations.email });
      const mine = new Set(marked.map((m) => m.email));
      for (const p of list) {
        if (!mine.has(p.email)) continue;
        const locale: Locale = isLocale(p.locale) ? p.locale : originalOf(s);
        await queueMail(tx, {
          to: p.email,
          locale,
          template: surveyReminderMail,
          data: { name: p.name, survey: localize(s.title, locale, originalOf(s)).text, closes: s.closesAt?.toISOString(), link: linkTo(config, s, locale) },
          headers: listUnsubscribeHeaders(config, p),
          priority: PRIORITY_BULK,
        });
        reminded++;
      }
    }
    await recordAudit(tx, actor, { action: 'surveys.remind', targetType: 'survey', targetId: s.slug, after: { reminded } });
    return { ok: true as const, reminded };
  });
}

/** What the invitation page shows: the survey's state, its audience, the counts so far, and (a public survey) the audiences to choose from. */
export interface InvitationsView {
  state: SurveyState;
  /** The working group's or meeting's name, in the page's language (audiences "group" and "participants"). */
  audienceName: string | null;
  invited: number;
  reminded: number;
  /** Invited, not reminded, not responded, still subscribed: who a reminder would reach now. */
  remindable: number;
  cap: number;
  choices: { groups: { slug: string; name: string }[]; meetings: { id: string; name: string }[]; topics: readonly string[] } | null;
}

export async function invitationsView(db: Executor, actor: MaybeActor, s: SurveyRow, locale: Locale, now: Date): Promise<InvitationsView> {
  authorize(surveyPolicy.administer(actor), 'surveys.invite');
  const [[counts], remindable, cap, groups, meetings] = await Promise.all([
    db
      .select({ invited: count(), reminded: count(surveyInvitations.remindedAt) })
      .from(surveyInvitations)
      .where(eq(surveyInvitations.surveyId, s.id)),
    toRemind(db, s),
    invitationCap(db),
    s.audience === 'group' || s.audience === 'public' ? listWorkingGroups(db, { active: s.audience === 'public' }) : [],
    s.audience === 'participants' || s.audience === 'public' ? listMeetings(db) : [],
  ]);
  const groupName = (g: (typeof groups)[number]) => localize(g.name, locale, g.originalLocale).text;
  const meetingName = (m: (typeof meetings)[number]) => localize(m.title, locale, isLocale(m.originalLocale) ? m.originalLocale : 'en').text;
  const ref = s.audience === 'group' ? groups.find((g) => g.id === s.audienceRef) : undefined;
  const meeting = s.audience === 'participants' ? meetings.find((m) => m.id === s.audienceRef) : undefined;
  return {
    state: surveyState(s, now),
    audienceName: ref ? groupName(ref) : meeting ? meetingName(meeting) : null,
    invited: counts?.invited ?? 0,
    reminded: counts?.reminded ?? 0,
    remindable: remindable.length,
    cap,
    choices:
      s.audience === 'public'
        ? { groups: groups.map((g) => ({ slug: g.slug, name: groupName(g) })), meetings: meetings.filter((m) => m.endsAt > now).map((m) => ({ id: m.id, name: meetingName(m) })), topics: NEWSLETTER_TOPICS }
        : null,
  };
}
