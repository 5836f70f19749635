/**
 * "You said, we did": when the Steering Committee records its decision on a priority-setting cycle,
 * everyone who voted in it or answered one of its surveys is told, in the language they took part
 * in, what members chose (the tally), what was decided and why, and what happens next. Sent by a
 * job after the decision commits, through the outbox, in batches, each person once (their
 * participation row's told_at), whatever the number of surveys they answered.
 *
 * Who took part is read from the participation rows, never from the answers: an anonymous survey
 * stays anonymous.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { users } from '../../platform/auth/schema.js';
import { localize } from '../../platform/i18n/content.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { formatNumber } from '../../platform/i18n/format.js';
import { PRIORITY_BULK, queueMail, type MailTemplate } from '../../platform/mail/outbox.js';
import { simpleMail } from '../../platform/mail/layout.js';
import { priorityCycles, priorityVoters, surveyParticipants, surveys } from './schema.js';
import { cycleView, themesOf, type CycleRow, type TallyResult, type ThemeRow } from './priorities.js';

const BATCH = 100;

export interface YouSaidData {
  cycle: string;
  /** The themes in the order members put them, with the rank. */
  chosen: { rank: number; title: string }[];
  decision: string;
  adopted: { title: string; reason: string }[];
  notAdopted: { title: string; reason: string }[];
  nextSteps: string;
  link: string;
  surveys: { title: string; link: string }[];
}

export const youSaidMail: MailTemplate<YouSaidData> = {
  name: 'surveys.youSaid',
  render: (t, d, locale) =>
    simpleMail(locale, t, {
      subject: t('surveys.youSaid.subject', { cycle: d.cycle }),
      paragraphs: [
        t('surveys.youSaid.intro', { cycle: d.cycle }),
        ...(d.chosen.length ? [`${t('surveys.youSaid.chosen')}\n${d.chosen.map((c) => `${formatNumber(locale, c.rank)}. ${c.title}`).join('\n')}`] : []),
        ...(d.decision ? [`${t('surveys.youSaid.decision')}\n${d.decision}`] : []),
        ...(d.adopted.length ? [`${t('surveys.youSaid.adopted')}\n${d.adopted.map((a) => `– ${a.title}${a.reason ? `: ${a.reason}` : ''}`).join('\n')}`] : []),
        ...(d.notAdopted.length ? [`${t('surveys.youSaid.notAdopted')}\n${d.notAdopted.map((a) => `– ${a.title}${a.reason ? `: ${a.reason}` : ''}`).join('\n')}`] : []),
        ...(d.nextSteps ? [`${t('surveys.youSaid.next')}\n${d.nextSteps}`] : []),
        ...d.surveys.map((s) => t('surveys.youSaid.results', { survey: s.title, link: s.link })),
      ],
      button: { label: t('surveys.youSaid.button'), href: d.link },
      after: [t('surveys.youSaid.why')],
    }),
};

/** The message's contents in one language. */
function contents(cycle: CycleRow, themes: ThemeRow[], tally: TallyResult | null, linked: { slug: string; title: Record<string, string>; originalLocale: string }[], locale: Locale, baseUrl: string): YouSaidData {
  const text = (v: Record<string, string | undefined>, original: string) => localize(v, locale, original as Locale).text;
  const title = (th: ThemeRow) => text(th.title, th.originalLocale);
  const byId = new Map(themes.map((th) => [th.id, th]));
  const candidates = themes.filter((th) => th.state === 'proposed');
  return {
    cycle: text(cycle.title, cycle.originalLocale),
    chosen: (tally?.standings ?? []).map((s) => ({ rank: s.rank, title: byId.has(s.candidate) ? title(byId.get(s.candidate)!) : '' })),
    decision: text(cycle.decision, cycle.originalLocale),
    adopted: candidates.filter((th) => th.adopted).map((th) => ({ title: title(th), reason: text(th.reason, th.originalLocale) })),
    notAdopted: candidates.filter((th) => th.adopted === false).map((th) => ({ title: title(th), reason: text(th.reason, th.originalLocale) })),
    nextSteps: text(cycle.nextSteps, cycle.originalLocale),
    link: `${baseUrl}/${locale}/priorities/${cycle.slug}`,
    surveys: linked.map((s) => ({ title: text(s.title, s.originalLocale), link: `${baseUrl}/${locale}/surveys/${s.slug}/results` })),
  };
}

/** Tells everyone who took part in a decided cycle and was not told yet. Runs as a job; safe to run again. */
export async function sendYouSaid(db: Db, cycleId: string, baseUrl: string): Promise<number> {
  const [cycle] = await db.select().from(priorityCycles).where(eq(priorityCycles.id, cycleId));
  if (!cycle?.decidedAt) return 0;
  const [themes, linked, view] = await Promise.all([
    themesOf(db, cycle.id),
    db.select({ id: surveys.id, slug: surveys.slug, title: surveys.title, originalLocale: surveys.originalLocale }).from(surveys).where(eq(surveys.cycleId, cycle.id)),
    cycleView(db, null, cycle.slug, new Date()),
  ]);
  const byLocale = new Map<Locale, YouSaidData>();
  const dataFor = (locale: Locale) => {
    let d = byLocale.get(locale);
    if (!d) byLocale.set(locale, (d = contents(cycle, themes, view?.tally ?? null, linked, locale, baseUrl)));
    return d;
  };
  const surveyIds = linked.map((s) => s.id);
  let told = 0;
  for (;;) {
    const voters = await db
      .select({ userId: priorityVoters.userId, locale: priorityVoters.locale, email: users.email })
      .from(priorityVoters)
      .innerJoin(users, eq(users.id, priorityVoters.userId))
      .where(and(eq(priorityVoters.cycleId, cycle.id), isNull(priorityVoters.toldAt)))
      .limit(BATCH);
    const respondents = surveyIds.length
      ? await db
          .select({ userId: surveyParticipants.userId, locale: surveyParticipants.locale, email: users.email })
          .from(surveyParticipants)
          .innerJoin(users, eq(users.id, surveyParticipants.userId))
          .where(and(inArray(surveyParticipants.surveyId, surveyIds), isNull(surveyParticipants.toldAt)))
          .limit(BATCH)
      : [];
    if (!voters.length && !respondents.length) return told;
    const now = new Date();
    await db.transaction(async (tx) => {
      const people = new Map<string, { email: string; locale: string }>();
      for (const p of [...voters, ...respondents]) if (!people.has(p.userId)) people.set(p.userId, p);
      const ids = [...people.keys()];
      // Marked told everywhere at once: someone who voted and answered two surveys gets one message.
      const freshVoters = await tx.update(priorityVoters).set({ toldAt: now }).where(and(eq(priorityVoters.cycleId, cycle.id), inArray(priorityVoters.userId, ids), isNull(priorityVoters.toldAt))).returning({ userId: priorityVoters.userId });
      const freshRespondents = surveyIds.length
        ? await tx.update(surveyParticipants).set({ toldAt: now }).where(and(inArray(surveyParticipants.surveyId, surveyIds), inArray(surveyParticipants.userId, ids), isNull(surveyParticipants.toldAt))).returning({ userId: surveyParticipants.userId })
        : [];
      const fresh = new Set([...freshVoters, ...freshRespondents].map((r) => r.userId));
      for (const [userId, p] of people) {
        if (!fresh.has(userId)) continue;
        const locale: Locale = isLocale(p.locale) ? p.locale : (cycle.originalLocale as Locale);
        await queueMail(tx, { to: p.email, locale, template: youSaidMail, data: dataFor(locale), priority: PRIORITY_BULK });
        told++;
      }
    });
  }
}

