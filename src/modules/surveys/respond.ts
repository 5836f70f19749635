/**
 * Answering a survey: the person's place in its audience, their answers saved page by page (so they
 * can leave and come back), and the response stored once — anonymously unless the survey says
 * otherwise. Skip logic is the server's: which page comes next, and which answers count, are
 * worked out here from the answers given (questions.ts), never by the browser.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { claimSubmission } from '../../platform/forms/once.js';
import { recordAudit } from '../../platform/audit/service.js';
import { incomeGroupOf, isCountryCode, m49RegionOf, regionOf } from '../../platform/geo/countries.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { confirmedParticipantEmails } from '../meetings/service.js';
import { profileOf, STAKEHOLDER_GROUPS, type StakeholderGroup } from '../consultations/service.js';
import { priorityVoters, surveyDrafts, surveyIdentified, surveyInvitations, surveyParticipants, surveyResponses, surveys, type Answers, type ResponseSource } from './schema.js';
import { inAudience, isClosed, isOpen, surveyPolicy } from './policy.js';
import { missingRequired, nextPage, previousPage, submittedAnswers, withPage } from './questions.js';

export type SurveyRow = typeof surveys.$inferSelect;
export type DraftRow = typeof surveyDrafts.$inferSelect;

/** A day in UTC, as stored for responses and participation: nothing finer, so that order of arrival says nothing. */
export const dayOf = (now: Date) => now.toISOString().slice(0, 10);

export type SurveyState = 'draft' | 'scheduled' | 'open' | 'closed';
export function surveyState(s: Pick<SurveyRow, 'opensAt' | 'closesAt'>, now: Date): SurveyState {
  if (!s.opensAt) return 'draft';
  if (isOpen(s, now)) return 'open';
  if (isClosed(s, now)) return 'closed';
  return 'scheduled';
}

export async function surveyBySlug(db: Executor, slug: string): Promise<SurveyRow | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const [s] = await db.select().from(surveys).where(eq(surveys.slug, slug));
  return s ?? null;
}

/** Whether the person is a confirmed participant of the survey's meeting (only asked for audience "participants"). */
export async function isParticipant(db: Executor, actor: MaybeActor, s: Pick<SurveyRow, 'audience' | 'audienceRef'>): Promise<boolean> {
  if (!actor || s.audience !== 'participants' || !s.audienceRef) return false;
  const p = confirmedParticipantEmails(s.audienceRef).as('p');
  const [row] = await db.select({ email: p.email }).from(p).where(sql`lower(${p.email}) = lower(${actor.email})`).limit(1);
  return !!row;
}

/** Why a person cannot answer (or null when they can): the page says so plainly. */
export type Refused = 'sign-in' | 'audience' | 'not-open' | 'closed' | 'responded';

export interface RespondentView {
  survey: SurveyRow;
  state: SurveyState;
  refused: Refused | null;
  draft: DraftRow | null;
  /** May see the results now (after closing, or the Secretariat). */
  results: boolean;
}

/** The survey as the person signed in finds it: may they answer, have they answered, where they left off. */
export async function respondentView(db: Executor, actor: MaybeActor, slug: string, now: Date): Promise<RespondentView | null> {
  const survey = await surveyBySlug(db, slug);
  if (!survey || !survey.opensAt) {
    // A draft is the Secretariat's; to everyone else it does not exist.
    if (survey && surveyPolicy.administer(actor)) return { survey, state: 'draft', refused: 'not-open', draft: null, results: true };
    return null;
  }
  const state = surveyState(survey, now);
  const participant = await isParticipant(db, actor, survey);
  const results = surveyPolicy.seeResults(actor, survey, now, participant);
  if (!actor) return { survey, state, refused: state === 'closed' ? 'closed' : 'sign-in', draft: null, results };
  const [responded] = await db
    .select({ on: surveyParticipants.respondedOn })
    .from(surveyParticipants)
    .where(and(eq(surveyParticipants.surveyId, survey.id), eq(surveyParticipants.userId, actor.id)));
  const refused: Refused | null = responded
    ? 'responded'
    : state === 'closed'
      ? 'closed'
      : state !== 'open'
        ? 'not-open'
        : !inAudience(actor, survey, participant)
          ? 'audience'
          : null;
  const [draft] = refused ? [] : await db.select().from(surveyDrafts).where(and(eq(surveyDrafts.surveyId, survey.id), eq(surveyDrafts.userId, actor.id)));
  return { survey, state, refused, draft: draft ?? null, results };
}

async function mayAnswer(db: Executor, actor: MaybeActor, survey: SurveyRow, now: Date): Promise<void> {
  authorize(surveyPolicy.answer(actor, survey, now, await isParticipant(db, actor, survey)), 'surveys.answer');
}

/** "About you": what the results are broken down by. Prefilled from the person's commenter profile when they have one. */
export interface AboutYou {
  stakeholder: StakeholderGroup;
  country: string;
}

export async function aboutYouOf(db: Executor, actor: MaybeActor, draft: DraftRow | null): Promise<Partial<AboutYou>> {
  if (draft?.stakeholder || draft?.country) return { stakeholder: (draft.stakeholder ?? undefined) as StakeholderGroup | undefined, country: draft.country ?? undefined };
  const profile = await profileOf(db, actor);
  return profile ? { stakeholder: profile.stakeholderGroup, country: profile.country } : {};
}

export const isStakeholder = (v: unknown): v is StakeholderGroup => typeof v === 'string' && (STAKEHOLDER_GROUPS as readonly string[]).includes(v);

/** Saves "About you" (page 0) and starts the draft when it is the first step. */
export async function saveAboutYou(db: Db, actor: MaybeActor, survey: SurveyRow, about: AboutYou, locale: Locale, now: Date): Promise<number | null> {
  await mayAnswer(db, actor, survey, now);
  if (!isStakeholder(about.stakeholder) || !isCountryCode(about.country)) return null;
  await db
    .insert(surveyDrafts)
    .values({ surveyId: survey.id, userId: actor!.id, locale, stakeholder: about.stakeholder, country: about.country, page: 0 })
    .onConflictDoUpdate({ target: [surveyDrafts.surveyId, surveyDrafts.userId], set: { stakeholder: about.stakeholder, country: about.country, locale, updatedAt: now } });
  return firstPage(survey, {});
}

/** The first page with a question to show. */
export function firstPage(survey: Pick<SurveyRow, 'questions'>, answers: Answers): number | null {
  return nextPage(survey.questions, answers, 0);
}

/**
 * Saves one page's answers into the draft (answers of questions now hidden by a changed answer are
 * kept, so changing one's mind back finds them again; they are not counted) and says which page
 * comes next: `null` when the next step is the review before sending.
 */
export async function savePage(db: Db, actor: MaybeActor, survey: SurveyRow, page: number, pageAnswers: Answers, locale: Locale, now: Date, go: 'next' | 'back' | 'stay'): Promise<{ next: number | null; answers: Answers }> {
  await mayAnswer(db, actor, survey, now);
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .select()
      .from(surveyDrafts)
      .where(and(eq(surveyDrafts.surveyId, survey.id), eq(surveyDrafts.userId, actor!.id)))
      .for('update');
    const answers = withPage(survey.questions, draft?.answers ?? {}, page, pageAnswers);
    const visited = Math.max(draft?.page ?? 0, page);
    if (draft) await tx.update(surveyDrafts).set({ answers, locale, page: visited, updatedAt: now }).where(and(eq(surveyDrafts.surveyId, survey.id), eq(surveyDrafts.userId, actor!.id)));
    else await tx.insert(surveyDrafts).values({ surveyId: survey.id, userId: actor!.id, locale, answers, page: visited });
    const next = go === 'stay' ? page : go === 'back' ? (previousPage(survey.questions, answers, page) ?? 0) : nextPage(survey.questions, answers, page);
    return { next, answers };
  });
}

export type SubmitResult = { ok: true } | { ok: false; reason: 'repeat' | 'responded' | 'no-draft' } | { ok: false; reason: 'missing'; page: number };

/** The respondent's fixed dimensions, from "About you": stakeholder type, UNESCO and M49 regions and income group of the survey's classification year. No country is stored. */
function dimensionsOf(survey: Pick<SurveyRow, 'incomeYear'>, about: { stakeholder: string | null; country: string | null }) {
  const country = about.country && isCountryCode(about.country) ? about.country : null;
  return {
    stakeholder: about.stakeholder && isStakeholder(about.stakeholder) ? about.stakeholder : null,
    region: country ? regionOf(country) : null,
    m49Region: country ? m49RegionOf(country) : null,
    incomeGroup: country ? incomeGroupOf(country, survey.incomeYear) : null,
  };
}

/**
 * Sends the response: the answers of the questions shown (skip logic applied once more, on the
 * server), the respondent's dimensions, the day. The person is marked as having responded, in the
 * same transaction, and their draft deleted; a second send (double click, another tab) is refused
 * by the primary key of survey_participants, so one person gives one response.
 */
export async function submitResponse(db: Db, actor: MaybeActor, survey: SurveyRow, now: Date, onceKey: unknown): Promise<SubmitResult> {
  await mayAnswer(db, actor, survey, now);
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, onceKey)) !== null) return { ok: false as const, reason: 'repeat' as const };
    const [draft] = await tx
      .select()
      .from(surveyDrafts)
      .where(and(eq(surveyDrafts.surveyId, survey.id), eq(surveyDrafts.userId, actor!.id)))
      .for('update');
    if (!draft) {
      const [done] = await tx.select({ on: surveyParticipants.respondedOn }).from(surveyParticipants).where(and(eq(surveyParticipants.surveyId, survey.id), eq(surveyParticipants.userId, actor!.id)));
      return { ok: false as const, reason: done ? ('responded' as const) : ('no-draft' as const) };
    }
    const missing = missingRequired(survey.questions, draft.answers);
    if (missing.length) {
      const pages = missing.map((m) => survey.questions.find((q) => q.key === m.key.split(':')[0])?.page ?? 1);
      return { ok: false as const, reason: 'missing' as const, page: Math.min(...pages) };
    }
    const [first] = await tx
      .insert(surveyParticipants)
      .values({ surveyId: survey.id, userId: actor!.id, respondedOn: dayOf(now), locale: draft.locale })
      .onConflictDoNothing()
      .returning({ userId: surveyParticipants.userId });
    if (!first) return { ok: false as const, reason: 'responded' as const };
    const [response] = await tx
      .insert(surveyResponses)
      .values({ surveyId: survey.id, submittedOn: dayOf(now), source: 'online', locale: draft.locale, answers: submittedAnswers(survey.questions, draft.answers), ...dimensionsOf(survey, draft) })
      .returning({ id: surveyResponses.id });
    if (!survey.anonymous) await tx.insert(surveyIdentified).values({ responseId: response!.id, userId: actor!.id });
    await tx.delete(surveyDrafts).where(and(eq(surveyDrafts.surveyId, survey.id), eq(surveyDrafts.userId, actor!.id)));
    return { ok: true as const };
  });
}

/**
 * Answers collected on paper or at a meeting, entered by the Secretariat and marked as such. Nobody
 * is marked as having responded (the paper does not say who, and the person may still answer online
 * — the Secretariat is told so on the form).
 */
export async function enterResponse(
  db: Db,
  actor: MaybeActor,
  survey: SurveyRow,
  input: { source: Exclude<ResponseSource, 'online'>; locale: Locale; stakeholder: string | null; country: string | null; answers: Answers },
  now: Date,
  onceKey: unknown,
): Promise<{ ok: true } | { ok: false; reason: 'repeat' | 'not-open' }> {
  authorize(surveyPolicy.administer(actor), 'surveys.enter');
  if (!survey.opensAt) return { ok: false, reason: 'not-open' };
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, onceKey)) !== null) return { ok: false as const, reason: 'repeat' as const };
    await tx.insert(surveyResponses).values({
      surveyId: survey.id,
      submittedOn: dayOf(now),
      source: input.source,
      locale: input.locale,
      answers: submittedAnswers(survey.questions, input.answers),
      ...dimensionsOf(survey, input),
    });
    await recordAudit(tx, actor, { action: 'surveys.enter', targetType: 'survey', targetId: survey.slug, after: { source: input.source } });
    return { ok: true as const };
  });
}

/**
 * Erasure: a person's unfinished answers, the invitations sent to their addresses and the marks that they took part go; their sent
 * responses name no one and stay (anonymous), or lose their name (identified).
 */
export async function eraseRespondent(tx: Executor, person: { userId?: string; emails: string[] }): Promise<void> {
  if (person.emails.length) await tx.delete(surveyInvitations).where(inArray(surveyInvitations.email, person.emails));
  if (!person.userId) return;
  await tx.delete(surveyDrafts).where(eq(surveyDrafts.userId, person.userId));
  await tx.delete(surveyIdentified).where(eq(surveyIdentified.userId, person.userId));
  // That they took part is theirs too: the flags go (their answers and ballots, which name no one, stay counted).
  await tx.delete(surveyParticipants).where(eq(surveyParticipants.userId, person.userId));
  await tx.delete(priorityVoters).where(eq(priorityVoters.userId, person.userId));
}

/**
 * The surveys page: the open surveys this person may answer (with where they are in each), and the
 * closed ones whose results they may see. Drafts and surveys for other audiences are not listed.
 */
export async function surveysFor(db: Executor, actor: MaybeActor, now: Date): Promise<{ open: { survey: SurveyRow; mine: 'answer' | 'continue' | 'done' | null }[]; closed: SurveyRow[] }> {
  const all = await db.select().from(surveys).where(sql`${surveys.opensAt} is not null and ${surveys.opensAt} <= ${now}`).orderBy(sql`${surveys.closesAt} desc`);
  const [done, drafts] = actor
    ? await Promise.all([
        db.select({ id: surveyParticipants.surveyId }).from(surveyParticipants).where(eq(surveyParticipants.userId, actor.id)),
        db.select({ id: surveyDrafts.surveyId }).from(surveyDrafts).where(eq(surveyDrafts.userId, actor.id)),
      ])
    : [[], []];
  const doneIds = new Set(done.map((d) => d.id));
  const draftIds = new Set(drafts.map((d) => d.id));
  const open: { survey: SurveyRow; mine: 'answer' | 'continue' | 'done' | null }[] = [];
  const closed: SurveyRow[] = [];
  for (const s of all) {
    const participant = s.audience === 'participants' ? await isParticipant(db, actor, s) : false;
    if (isOpen(s, now)) {
      const audience = inAudience(actor, s, participant);
      // Open to anyone with an account: listed for visitors too, so they know they can take part.
      if (audience || s.audience === 'public') open.push({ survey: s, mine: doneIds.has(s.id) ? 'done' : draftIds.has(s.id) ? 'continue' : audience ? 'answer' : null });
    } else if (surveyPolicy.seeResults(actor, s, now, participant)) closed.push(s);
  }
  return { open, closed };
}

/**
 * Whether a person may go on with a page of answering: yes (null), or the survey's page, which says
 * why not (closed, already answered…). A visitor is asked to sign in, and a form sent by someone not
 * asked (another audience, a survey not open) is refused outright.
 */
export function answeringRefusal(actor: MaybeActor, view: RespondentView, writing: boolean): Refused | null {
  if (!view.refused) return null;
  authorize(!!actor && !(writing && (view.refused === 'audience' || view.refused === 'not-open')), 'surveys.answer');
  return view.refused;
}
