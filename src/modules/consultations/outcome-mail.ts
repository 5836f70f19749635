/**
 * "You said, we did": when a report's final version is published, everyone who commented on its
 * consultation is told, in their language, what became of each of their comments — the working
 * group's disposition and response, the paragraphs that changed — with links to the final report
 * and to the comment-and-response report. Sent by a job after the publishing commits (through the
 * outbox, in batches, each person once), only to those whose commenter profile still asks for it;
 * each e-mail carries a one-click link (RFC 8058) that stops them.
 */
import { and, asc, eq, inArray, notExists } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { users } from '../../platform/auth/schema.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { issueLink, resolveLink, revokeLinks } from '../../platform/links/service.js';
import { PRIORITY_BULK, queueMail } from '../../platform/mail/outbox.js';
import { commenterProfiles, consultationComments as cc, consultationOutcomeMails } from './schema.js';
import { getConsultationById, type ConsultationPage } from './service.js';
import { changedHref, outcomeOf, sectionNames, versionHref, type Outcome } from './outcome.js';
import { translator } from '../../platform/i18n/messages.js';
import { outcomeMail, type OutcomeMailComment } from './emails.js';
import { toAnswer } from './responses.js';

export { OUTCOME_MAIL_JOB } from './responses.js';
/** People told per transaction. */
const BATCH = 100;
const LINK_KIND = 'commenter';
const STOP_PURPOSE = 'outcome-mail-stop';
/** A comment is quoted in the e-mail up to this many characters. */
const QUOTED = 600;

const clip = (s: string) => (s.length > QUOTED ? `${s.slice(0, QUOTED).trimEnd()}…` : s);

/** The one-click address that stops these e-mails, for one person. */
const stopPath = (locale: Locale, token: string) => `/${locale}/consultations/outcome-mail/${token}`;

/** A new link that stops these e-mails for a person (the token to put in its address). */
export const issueStopLink = (tx: Executor, userId: string) => issueLink(tx, LINK_KIND, userId, STOP_PURPOSE);

/** Tells every commenter of a concluded consultation not told yet (see the header comment). Runs as a job; safe to run again. */
export async function sendOutcomeMails(db: Db, consultationId: string, baseUrl: string): Promise<number> {
  const page = await getConsultationById(db, consultationId);
  if (!page?.consultation.concludedAt) return 0;
  const outcomes = new Map<Locale, { outcome: Outcome; items: Map<string, Outcome['items'][number]> }>();
  const inLanguage = async (locale: Locale) => {
    let m = outcomes.get(locale);
    if (!m) {
      const outcome = await outcomeOf(db, null, page, locale);
      outcomes.set(locale, (m = { outcome, items: new Map(outcome.items.map((i) => [i.id, i])) }));
    }
    return m;
  };
  let told = 0;
  for (;;) {
    const people = await untold(db, consultationId);
    if (!people.length) return told;
    // Each person's comments, in every language they may be told in, read before the batch's transaction.
    const mine = await db
      .select({ id: cc.id, userId: cc.userId })
      .from(cc)
      .where(and(toAnswer(consultationId), inArray(cc.userId, people.map((p) => p.userId))))
      .orderBy(asc(cc.createdAt));
    const byPerson = new Map<string, string[]>();
    for (const m of mine) byPerson.set(m.userId!, [...(byPerson.get(m.userId!) ?? []), m.id]);
    const prepared: { userId: string; email: string; name: string; locale: Locale; outcome: Outcome; comments: Outcome['items'] }[] = [];
    for (const p of people) {
      const locale: Locale = isLocale(p.locale) ? p.locale : page.consultation.originalLocale;
      const { outcome, items } = await inLanguage(locale);
      prepared.push({ ...p, locale, outcome, comments: (byPerson.get(p.userId) ?? []).flatMap((id) => (items.has(id) ? [items.get(id)!] : [])) });
    }
    await db.transaction(async (tx) => {
      for (const p of prepared) {
        // Once per person: a batch run again after a failure skips those already told.
        const [fresh] = await tx.insert(consultationOutcomeMails).values({ consultationId, userId: p.userId }).onConflictDoNothing().returning({ userId: consultationOutcomeMails.userId });
        if (!fresh || !p.comments.length) continue;
        const token = await issueStopLink(tx, p.userId);
        const stop = `${baseUrl}${stopPath(p.locale, token)}`;
        await queueMail(tx, {
          to: p.email,
          locale: p.locale,
          template: outcomeMail,
          data: mailData(page, p.outcome, p.locale, baseUrl, p.name, p.comments, stop),
          headers: { 'List-Unsubscribe': `<${stop}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          priority: PRIORITY_BULK,
        });
        told++;
      }
    });
  }
}

/** The next people to tell: commenters of the consultation who still want these e-mails and were not told yet. */
async function untold(db: Executor, consultationId: string) {
  return db
    .selectDistinct({ userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(cc)
    .innerJoin(users, eq(users.id, cc.userId))
    .innerJoin(commenterProfiles, and(eq(commenterProfiles.userId, cc.userId), eq(commenterProfiles.outcomeMail, true)))
    .where(
      and(
        toAnswer(consultationId),
        notExists(db.select({ one: consultationOutcomeMails.userId }).from(consultationOutcomeMails).where(and(eq(consultationOutcomeMails.consultationId, consultationId), eq(consultationOutcomeMails.userId, cc.userId)))),
      ),
    )
    .orderBy(users.id)
    .limit(BATCH);
}

function mailData(page: ConsultationPage, outcome: Outcome, locale: Locale, baseUrl: string, name: string, items: Outcome['items'], stop: string) {
  const at = (path: string) => `${baseUrl}/${locale}${path}`;
  const final = outcome.finalVersion;
  const names = sectionNames(translator(locale), outcome);
  const comments: OutcomeMailComment[] = items.map((i) => ({
    where: names.get(i.sectionId ?? 'general') ?? '',
    quote: i.quote ? clip(i.quote) : '',
    body: clip(i.body),
    disposition: i.answer?.disposition ?? null,
    response: i.answer?.text ?? '',
    changed: (i.answer?.changed ?? []).flatMap((ch) => (ch.version ? [{ excerpt: ch.excerpt, href: at(changedHref(page, ch.version, ch.blockId)) }] : [])),
  }));
  return {
    name,
    report: page.version.title,
    comments,
    finalLink: at(final ? versionHref(page, final) : `/consultations/${page.consultation.slug}`),
    responsesLink: at(`/consultations/${page.consultation.slug}/responses`),
    stopLink: stop,
  };
}

/** Whose e-mails a stop link stops (null: not such a link). */
function outcomeMailHolder(db: Executor, token: string): Promise<string | null> {
  return resolveLink(db, token, LINK_KIND, STOP_PURPOSE);
}

/** Stops these e-mails for the person a link was sent to (their profile's choice, which they can change back). */
export async function stopOutcomeMails(db: Executor, token: string): Promise<boolean> {
  const userId = await outcomeMailHolder(db, token);
  if (!userId) return false;
  await db.update(commenterProfiles).set({ outcomeMail: false }).where(eq(commenterProfiles.userId, userId));
  return true;
}

/** Whether the holder of a stop link still gets these e-mails (null: not such a link). */
export async function outcomeMailsWanted(db: Executor, token: string): Promise<boolean | null> {
  const userId = await outcomeMailHolder(db, token);
  if (!userId) return null;
  const [row] = await db.select({ on: commenterProfiles.outcomeMail }).from(commenterProfiles).where(eq(commenterProfiles.userId, userId));
  return row?.on ?? false;
}

/** Erasure: who was told and the links that stop these e-mails go with the person. */
export async function forgetOutcomeMails(tx: Executor, userId: string): Promise<void> {
  await tx.delete(consultationOutcomeMails).where(eq(consultationOutcomeMails.userId, userId));
  await revokeLinks(tx, LINK_KIND, [userId]);
}
