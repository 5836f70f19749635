import { and, asc, count, desc, eq, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { authorize, type Actor, type MaybeActor } from '../../platform/policy.js';
import { issueLink, resolveLink } from '../../platform/links/service.js';
import { queueMail, unsolicitedMailAllowed } from '../../platform/mail/outbox.js';
import { recordAudit, escapeLike } from '../../platform/audit/service.js';
import { claimSubmission } from '../../platform/forms/once.js';
import { getSetting, setSetting } from '../../platform/settings/service.js';
import type { IncomeGroup, UnescoRegion } from '../../platform/geo/countries.js';
import { userRoles, users } from '../../platform/auth/schema.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { applicationEvents, applicationNotes, applications, applicationVotes, memberPeople, members, type AnswersSnapshot } from './schema.js';
import { fieldName, incompleteSteps, stepSchemas, stepInput, type ApplicationData, type Kind, type StepName } from './fields.js';
import { keepTyped, validate, type FormState } from '../../platform/forms/validate.js';
import { actionsNow, checkTransition, committeeDeadline, DEFAULT_DECISION, DECISION_RULES, steeringOutcome, type Action, type DecisionSettings, type Refusal, type Status, type Vote } from './status.js';
import { membershipPolicy } from './policy.js';
import { applicationReceivedMail, applicationStartedMail, declinedMail, infoRequestedMail, steeringNoticeMail } from './emails.js';
import { createMemberFromApplication } from './members.js';
import { placeConditions } from '../../platform/geo/filter.js';

export type ApplicationRow = typeof applications.$inferSelect;

export const applicationReference = (n: number) => `A-${String(n).padStart(4, '0')}`;

const linkTo = (baseUrl: string, locale: string, path: string) => `${baseUrl}/${locale}${path}`;

const LINK_KIND = 'membership.application';
const newLink = (tx: Executor, applicationId: string, purpose: 'resume' | 'confirm') => issueLink(tx, LINK_KIND, applicationId, purpose);

async function resumeUrl(tx: Executor, app: Pick<ApplicationRow, 'id' | 'locale'>, baseUrl: string) {
  return linkTo(baseUrl, app.locale, `/apply/${await newLink(tx, app.id, 'resume')}`);
}

async function addEvent(tx: Executor, applicationId: string, who: Actor | null, from: Status | null, to: Status, note = '', answers?: AnswersSnapshot) {
  await tx.insert(applicationEvents).values({ applicationId, actorId: who?.id ?? null, actorName: who?.name ?? '', fromStatus: from, toStatus: to, note, answers: answers ?? null });
}

/** The answers as they stand, kept with a request for information and with the amendment that answers it. */
const snapshot = (app: ApplicationRow): AnswersSnapshot => ({ data: app.data, documentName: app.documentName });

/** The columns the queue filters on, copied from the answers. */
function denormalize(kind: Kind, data: ApplicationData) {
  return {
    displayName: (kind === 'institution' ? data.orgName : data.name) ?? '',
    country: data.country ?? null,
    orgType: (kind === 'institution' ? data.orgType : data.role) ?? null,
    workingGroups: data.workingGroups ?? [],
  };
}

// ---------------------------------------------------------------- applicant (private link)

/**
 * Starts an application: a draft and an e-mail with the link to confirm the address and the
 * private link to come back — the only "started" e-mail, whose confirmation link stays good (the
 * applicant may ask for it again from the application's page). A repeated form submission returns
 * nothing new. The confirmation token is returned for the factories (demo and tests), which confirm
 * without reading the mail; a route must never hand it to the browser.
 */
export async function startApplication(
  db: Db,
  input: { kind: Kind; email: string; locale: Locale; baseUrl: string; onceKey?: unknown },
): Promise<{ resumeToken: string; confirmToken: string } | { repeat: true }> {
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, input.onceKey)) !== null) return { repeat: true } as const;
    const [app] = await tx.insert(applications).values({ kind: input.kind, email: input.email, locale: input.locale }).returning();
    const resumeToken = await newLink(tx, app!.id, 'resume');
    const confirmToken = await newLink(tx, app!.id, 'confirm');
    await addEvent(tx, app!.id, null, null, 'draft');
    await queueMail(tx, {
      to: input.email,
      locale: input.locale,
      template: applicationStartedMail,
      data: {
        reference: applicationReference(app!.number),
        confirmLink: linkTo(input.baseUrl, input.locale, `/apply/confirm/${confirmToken}`),
        resumeLink: linkTo(input.baseUrl, input.locale, `/apply/${resumeToken}`),
      },
      unsolicited: true,
    });
    return { resumeToken, confirmToken };
  });
}

/** The application a private link opens, or null. */
export async function applicationByLink(db: Executor, token: string, purpose: 'resume' | 'confirm' = 'resume'): Promise<ApplicationRow | null> {
  const id = await resolveLink(db, token, LINK_KIND, purpose);
  if (!id) return null;
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row ?? null;
}

export const EDITABLE: readonly Status[] = ['draft', 'info_requested'];

export async function workingGroupSlugs(db: Executor): Promise<string[]> {
  return (await listWorkingGroups(db)).map((g) => g.slug);
}

export type StepResult = { ok: true; app: ApplicationRow } | { ok: false; reason: 'not-editable' } | { ok: false; reason: 'invalid'; state: FormState };

/** Saves one step's answers (validated by that step's rules) into the draft. */
export async function saveStep(db: Db, token: string, step: StepName, body: Record<string, unknown>): Promise<StepResult> {
  return db.transaction(async (tx) => {
    const app = await applicationByLink(tx, token);
    if (!app || !EDITABLE.includes(app.status as Status)) return { ok: false, reason: 'not-editable' } as const;
    const v = validate(stepSchemas(await workingGroupSlugs(tx))[step], stepInput(step, body));
    if (!v.ok) {
      const errors = v.state.errors.map((e) => ({ ...e, field: fieldName(e.field) }));
      return { ok: false, reason: 'invalid', state: { values: keepTyped(body), errors } } as const;
    }
    const data = { ...app.data, ...(v.data as ApplicationData) };
    const [updated] = await tx
      .update(applications)
      .set({ data, ...denormalize(app.kind as Kind, data), updatedAt: sql`now()` })
      .where(eq(applications.id, app.id))
      .returning();
    return { ok: true, app: updated! } as const;
  });
}

/** Attaches (or replaces) the supporting document; returns the key of the one it replaced. */
export async function setDocument(db: Db, token: string, doc: { key: string; name: string; size: number } | null): Promise<{ ok: boolean; replaced: string | null }> {
  return db.transaction(async (tx) => {
    const app = await applicationByLink(tx, token);
    if (!app || !EDITABLE.includes(app.status as Status)) return { ok: false, replaced: null };
    await tx
      .update(applications)
      .set({ documentKey: doc?.key ?? null, documentName: doc?.name ?? null, documentSize: doc?.size ?? null, updatedAt: sql`now()` })
      .where(eq(applications.id, app.id));
    return { ok: true, replaced: app.documentKey };
  });
}

/** Other applications and members with the same e-mail address, or the same organisation in the same country. */
async function findDuplicates(tx: Executor, app: ApplicationRow): Promise<ApplicationRow['duplicates']> {
  const found: ApplicationRow['duplicates'] = [];
  const sameOrg = app.kind === 'institution' && app.data.orgName && app.data.country;
  const others = await tx
    .select({ id: applications.id, number: applications.number, email: applications.email, displayName: applications.displayName, country: applications.country })
    .from(applications)
    .where(
      and(
        ne(applications.id, app.id),
        ne(applications.status, 'draft'),
        or(
          eq(applications.email, app.email),
          sameOrg ? and(sql`lower(${applications.displayName}) = lower(${app.data.orgName})`, eq(applications.country, app.data.country!)) : sql`false`,
        ),
      ),
    );
  for (const o of others) {
    found.push({ type: 'application', id: o.id, label: `${applicationReference(o.number)} ${o.displayName}`, reason: o.email === app.email ? 'email' : 'organisation' });
  }
  if (sameOrg) {
    const sameMembers = await tx
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(and(sql`lower(${members.name}) = lower(${app.data.orgName})`, eq(members.country, app.data.country!)));
    for (const m of sameMembers) found.push({ type: 'member', id: m.id, label: m.name, reason: 'organisation' });
  }
  const byEmail = await tx
    .select({ memberId: members.id, name: members.name })
    .from(users)
    .innerJoin(memberPeople, eq(memberPeople.userId, users.id))
    .innerJoin(members, eq(members.id, memberPeople.memberId))
    .where(eq(users.email, app.email));
  for (const m of byEmail) if (!found.some((f) => f.id === m.memberId)) found.push({ type: 'member', id: m.memberId, label: m.name, reason: 'email' });
  return found;
}

async function submitNow(tx: Executor, app: ApplicationRow, baseUrl: string): Promise<void> {
  const duplicates = await findDuplicates(tx, app);
  await tx
    .update(applications)
    .set({ status: 'submitted', submittedAt: sql`now()`, submitRequestedAt: null, duplicates, updatedAt: sql`now()` })
    .where(eq(applications.id, app.id));
  await addEvent(tx, app.id, null, 'draft', 'submitted');
  await queueMail(tx, {
    to: app.email,
    locale: app.locale as Locale,
    template: applicationReceivedMail,
    data: { reference: applicationReference(app.number), resumeLink: await resumeUrl(tx, app, baseUrl) },
  });
}

export type SubmitResult = 'submitted' | 'awaiting-confirmation' | { incomplete: StepName[] } | 'not-editable';

/**
 * Sends a complete application to the reviewers — once the e-mail address is confirmed. Before
 * that, the application waits and is submitted the moment the address is confirmed with the link
 * of the "started" e-mail (no second copy of it is sent: the applicant can ask for one from the
 * application's page).
 */
export async function submitApplication(db: Db, token: string, baseUrl: string): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const app = await applicationByLink(tx, token);
    if (!app || app.status !== 'draft') return 'not-editable';
    const missing = incompleteSteps(app.kind as Kind, app.data, await workingGroupSlugs(tx));
    if (missing.length) return { incomplete: missing };
    if (app.emailConfirmedAt) {
      await submitNow(tx, app, baseUrl);
      return 'submitted';
    }
    if (!app.submitRequestedAt) await tx.update(applications).set({ submitRequestedAt: sql`now()` }).where(eq(applications.id, app.id));
    return 'awaiting-confirmation';
  });
}

/**
 * Confirms the applicant's address (the POST behind the e-mail's button) and submits the
 * application if they had already asked to. Returns a fresh private link to continue with.
 */
export async function confirmEmail(db: Db, confirmToken: string, baseUrl: string): Promise<{ resumeToken: string; submitted: boolean } | null> {
  return db.transaction(async (tx) => {
    const app = await applicationByLink(tx, confirmToken, 'confirm');
    if (!app) return null;
    if (!app.emailConfirmedAt) await tx.update(applications).set({ emailConfirmedAt: sql`now()` }).where(eq(applications.id, app.id));
    const resumeToken = await newLink(tx, app.id, 'resume');
    if (app.status === 'draft' && app.submitRequestedAt && incompleteSteps(app.kind as Kind, app.data, await workingGroupSlugs(tx)).length === 0) {
      await submitNow(tx, { ...app, emailConfirmedAt: app.emailConfirmedAt ?? new Date() }, baseUrl);
      return { resumeToken, submitted: true };
    }
    return { resumeToken, submitted: false };
  });
}

export type ResendResult = { ok: true; confirmToken: string } | { ok: false; reason: 'confirmed' | 'limited' | 'not-found' };

/**
 * A new confirmation e-mail (the applicant asks again, or lost the first), within the address's
 * hourly limit of unsolicited mail. Returns the new link's token.
 */
export async function resendConfirmation(db: Db, token: string, baseUrl: string): Promise<ResendResult> {
  return db.transaction(async (tx) => {
    const app = await applicationByLink(tx, token);
    if (!app) return { ok: false, reason: 'not-found' } as const;
    if (app.emailConfirmedAt) return { ok: false, reason: 'confirmed' } as const;
    if (!(await unsolicitedMailAllowed(tx, app.email))) return { ok: false, reason: 'limited' } as const;
    const confirmToken = await newLink(tx, app.id, 'confirm');
    await queueMail(tx, {
      to: app.email,
      locale: app.locale as Locale,
      template: applicationStartedMail,
      data: {
        reference: applicationReference(app.number),
        confirmLink: linkTo(baseUrl, app.locale, `/apply/confirm/${confirmToken}`),
        resumeLink: linkTo(baseUrl, app.locale, `/apply/${token}`),
      },
      unsolicited: true,
    });
    return { ok: true, confirmToken } as const;
  });
}

/**
 * The applicant sends back an application after a request for more information, with a reply to
 * the Secretariat if they wrote one. The answers are kept with it, to show what changed since the request.
 */
export async function amendApplication(db: Db, token: string, reply = ''): Promise<'ok' | 'not-allowed' | { incomplete: StepName[] }> {
  return db.transaction(async (tx) => {
    const app = await applicationByLink(tx, token);
    if (!app) return 'not-allowed';
    const check = checkTransition('amend', app.status as Status, { settings: DEFAULT_DECISION });
    if (!check.ok) return 'not-allowed';
    const missing = incompleteSteps(app.kind as Kind, app.data, await workingGroupSlugs(tx));
    if (missing.length) return { incomplete: missing };
    await tx.update(applications).set({ status: check.to, updatedAt: sql`now()` }).where(eq(applications.id, app.id));
    await addEvent(tx, app.id, null, app.status as Status, check.to, reply.trim().slice(0, 4000), snapshot(app));
    return 'ok';
  });
}

export async function withdrawApplication(db: Db, token: string, note: string): Promise<'ok' | 'not-allowed'> {
  return db.transaction(async (tx) => {
    const app = await applicationByLink(tx, token);
    if (!app) return 'not-allowed';
    const check = checkTransition('withdraw', app.status as Status, { settings: DEFAULT_DECISION });
    if (!check.ok) return 'not-allowed';
    await tx.update(applications).set({ status: check.to, decidedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(applications.id, app.id));
    await addEvent(tx, app.id, null, app.status as Status, check.to, note.slice(0, 2000));
    return 'ok';
  });
}

export async function applicationHistory(db: Executor, applicationId: string) {
  return db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(asc(applicationEvents.id));
}

// ---------------------------------------------------------------- decision settings

export async function decisionSettings(db: Executor): Promise<DecisionSettings> {
  const s = await getSetting<DecisionSettings>(db, 'membership.decision');
  return s && DECISION_RULES.includes(s.rule) && Number.isInteger(s.days) ? s : DEFAULT_DECISION;
}

/** The decision rule, for the Secretariat's settings page. */
export async function decisionSettingsFor(db: Executor, actor: MaybeActor): Promise<DecisionSettings> {
  authorize(membershipPolicy.changeDecisionRule(actor), 'membership.settings');
  return decisionSettings(db);
}

export async function changeDecisionSettings(db: Db, actor: MaybeActor, next: DecisionSettings, ip?: string): Promise<void> {
  authorize(membershipPolicy.changeDecisionRule(actor), 'membership.settings');
  await db.transaction(async (tx) => {
    const before = await decisionSettings(tx);
    await setSetting(tx, 'membership.decision', next);
    await recordAudit(tx, actor, { action: 'membership.settings.decision', targetType: 'setting', targetId: 'membership.decision', before, after: next, ip });
  });
}

// ---------------------------------------------------------------- review (Secretariat, Steering Committee)

export interface QueueFilter {
  status?: Status;
  kind?: Kind;
  type?: string;
  country?: string;
  region?: UnescoRegion;
  income?: IncomeGroup;
  workingGroup?: string;
  q?: string;
  sort: 'oldest' | 'newest' | 'name' | 'country';
  page: number;
}

export const QUEUE_PAGE_SIZE = 50;

export async function listApplications(db: Executor, actor: MaybeActor, f: QueueFilter) {
  authorize(membershipPolicy.reviewApplications(actor), 'membership.queue');
  const where: SQL[] = [ne(applications.status, 'draft')];
  if (f.status) where.push(eq(applications.status, f.status));
  if (f.kind) where.push(eq(applications.kind, f.kind));
  if (f.type) where.push(eq(applications.orgType, f.type));
  where.push(...placeConditions(applications.country, f));
  if (f.workingGroup) where.push(sql`${f.workingGroup} = any(${applications.workingGroups})`);
  if (f.q) where.push(sql`(${applications.displayName} ilike ${`%${escapeLike(f.q)}%`} or ${applications.email} ilike ${`%${escapeLike(f.q)}%`})`);
  const order = {
    oldest: [asc(applications.submittedAt), asc(applications.number)],
    newest: [desc(applications.submittedAt), desc(applications.number)],
    name: [asc(sql`lower(${applications.displayName})`)],
    country: [asc(applications.country), asc(sql`lower(${applications.displayName})`)],
  }[f.sort];
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: applications.id,
        number: applications.number,
        kind: applications.kind,
        status: applications.status,
        displayName: applications.displayName,
        country: applications.country,
        orgType: applications.orgType,
        submittedAt: applications.submittedAt,
        duplicates: applications.duplicates,
      })
      .from(applications)
      .where(cond)
      .orderBy(...order)
      .limit(QUEUE_PAGE_SIZE)
      .offset((f.page - 1) * QUEUE_PAGE_SIZE),
    db.select({ total: count() }).from(applications).where(cond),
  ]);
  return { rows, total };
}

/** What a Committee member's lists show of an application, with their own response (`myVote`, joined by `myVoteOn`). */
const committeeColumns = {
  id: applications.id,
  number: applications.number,
  kind: applications.kind,
  status: applications.status,
  displayName: applications.displayName,
  country: applications.country,
  recommendedAt: applications.recommendedAt,
  decidedAt: applications.decidedAt,
  myVote: applicationVotes.vote,
};
const myVoteOn = (actor: Actor) => and(eq(applicationVotes.applicationId, applications.id), eq(applicationVotes.userId, actor.id));

/** Applications the Steering Committee is asked about, with this person's own response. */
export async function steeringQueue(db: Executor, actor: MaybeActor) {
  authorize(membershipPolicy.steeringQueue(actor), 'membership.steering');
  return db
    .select(committeeColumns)
    .from(applications)
    .leftJoin(applicationVotes, myVoteOn(actor!))
    .where(isNotNull(applications.recommendedAt))
    .orderBy(sql`${applications.status} = 'recommended' desc`, desc(applications.recommendedAt));
}

/** How many recent decisions a Committee member's home lists. */
export const STEERING_RECENT_DECISIONS = 10;

/**
 * A Committee member's home: the applications awaiting their response (soonest deadline first),
 * those they responded to that are still open, and the latest decisions on applications the
 * Committee was asked about — each with this person's own response.
 */
export async function steeringHome(db: Executor, actor: MaybeActor) {
  authorize(membershipPolicy.steeringHome(actor), 'membership.steering-home');
  const mine = myVoteOn(actor!);
  const [open, decided, settings] = await Promise.all([
    db.select(committeeColumns).from(applications).leftJoin(applicationVotes, mine).where(eq(applications.status, 'recommended')).orderBy(asc(applications.recommendedAt), asc(applications.number)),
    db
      .select(committeeColumns)
      .from(applications)
      .leftJoin(applicationVotes, mine)
      .where(and(isNotNull(applications.recommendedAt), isNotNull(applications.decidedAt), ne(applications.status, 'recommended')))
      .orderBy(desc(applications.decidedAt))
      .limit(STEERING_RECENT_DECISIONS),
    decisionSettings(db),
  ]);
  const withDeadline = (r: (typeof open)[number]) => ({ ...r, deadline: committeeDeadline(r.recommendedAt!, settings.days) });
  return {
    awaiting: open.filter((r) => !r.myVote).map(withDeadline),
    responded: open.filter((r) => r.myVote).map(withDeadline),
    decided,
  };
}

async function committeeSize(db: Executor): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(userRoles).innerJoin(users, eq(users.id, userRoles.userId)).where(and(eq(userRoles.role, 'steering'), eq(userRoles.scope, ''), sql`${users.disabledAt} is null`));
  return n;
}

/**
 * The last request for more information the applicant has answered: what was asked, their reply,
 * and their answers when asked and when they sent the application back.
 */
export interface InfoRound {
  requestedAt: Date;
  request: string;
  repliedAt: Date;
  reply: string;
  before: AnswersSnapshot;
  after: AnswersSnapshot;
}

function lastAnsweredRequest(history: (typeof applicationEvents.$inferSelect)[]): InfoRound | null {
  let asked: (typeof applicationEvents.$inferSelect) | null = null;
  let round: InfoRound | null = null;
  for (const e of history) {
    if (e.toStatus === 'info_requested') asked = e;
    else if (e.fromStatus === 'info_requested' && e.toStatus !== 'withdrawn' && asked?.answers && e.answers) {
      round = { requestedAt: asked.at, request: asked.note, repliedAt: e.at, reply: e.note, before: asked.answers, after: e.answers };
    }
  }
  return round;
}

/** The internal notes on an application, oldest first (for people who may see the application). */
async function internalNotes(db: Executor, applicationId: string) {
  return db
    .select({ id: applicationNotes.id, at: applicationNotes.at, actorName: applicationNotes.actorName, status: applicationNotes.status, body: applicationNotes.body })
    .from(applicationNotes)
    .where(eq(applicationNotes.applicationId, applicationId))
    .orderBy(asc(applicationNotes.id));
}

/**
 * One application with everything a reviewer needs: answers, history, internal notes, votes, the
 * Committee's outcome, what changed since the last request for information, and — for the
 * Secretariat — the actions possible now (the same rule `transitionApplication` enforces) and
 * those held back, with why.
 */
export async function reviewApplication(db: Executor, actor: MaybeActor, id: string, opts: { as?: 'secretariat' | 'steering'; now?: Date } = {}) {
  const now = opts.now ?? new Date();
  // The Secretariat's pages are the Secretariat's; the Committee's show what the Committee may see.
  if (opts.as === 'secretariat') authorize(membershipPolicy.reviewApplications(actor), 'membership.queue');
  const [app] = await db.select().from(applications).where(eq(applications.id, id));
  if (!app || app.status === 'draft') return null;
  authorize(membershipPolicy.viewApplication(actor, app), 'membership.view');
  const [history, notes, votes, settings, size] = await Promise.all([
    applicationHistory(db, id),
    internalNotes(db, id),
    db
      .select({ userId: applicationVotes.userId, name: users.name, vote: applicationVotes.vote, comment: applicationVotes.comment, at: applicationVotes.at })
      .from(applicationVotes)
      .innerJoin(users, eq(users.id, applicationVotes.userId))
      .where(eq(applicationVotes.applicationId, id))
      .orderBy(asc(applicationVotes.at)),
    decisionSettings(db),
    committeeSize(db),
  ]);
  const outcome = app.recommendedAt ? steeringOutcome(votes.map((v) => v.vote as Vote), size, app.recommendedAt, now, settings.days) : undefined;
  const actions = membershipPolicy.decideApplications(actor) ? actionsNow('secretariat', app.status as Status, { settings, outcome: app.status === 'recommended' ? outcome : undefined }) : { open: [], held: [] };
  return {
    app,
    history,
    notes,
    votes,
    settings,
    committeeSize: size,
    outcome,
    deadline: app.recommendedAt ? committeeDeadline(app.recommendedAt, settings.days) : null,
    actions,
    lastRequest: lastAnsweredRequest(history),
  };
}

export type TransitionResult = { ok: true; status: Status; memberId?: string } | { ok: false; reason: Refusal | 'unknown' };

/**
 * A Secretariat decision on an application: screen, request information, recommend, approve,
 * decline. Checked against the status machine and the decision rule; recorded in the history and
 * the audit log; the applicant (and on recommendation the Committee) is told by e-mail.
 */
export async function transitionApplication(
  db: Db,
  actor: MaybeActor,
  input: { id: string; action: Exclude<Action, 'submit' | 'amend' | 'withdraw'>; note?: string; internalNote?: string; baseUrl: string; ip?: string; now?: Date },
): Promise<TransitionResult> {
  authorize(membershipPolicy.decideApplications(actor), 'membership.decide');
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, input.id)).for('update');
    if (!app || app.status === 'draft') return { ok: false, reason: 'unknown' } as const;
    const settings = await decisionSettings(tx);
    let outcome: ReturnType<typeof steeringOutcome> | undefined;
    if (app.status === 'recommended' && app.recommendedAt) {
      const votes = await tx.select({ vote: applicationVotes.vote }).from(applicationVotes).where(eq(applicationVotes.applicationId, app.id));
      outcome = steeringOutcome(votes.map((v) => v.vote as Vote), await committeeSize(tx), app.recommendedAt, input.now ?? new Date(), settings.days);
    }
    const note = (input.note ?? '').trim().slice(0, 4000);
    const check = checkTransition(input.action, app.status as Status, { note, settings, outcome });
    if (!check.ok) return check;
    const locale = app.locale as Locale;
    const reference = applicationReference(app.number);
    const set: PgUpdateSetSource<typeof applications> = { status: check.to, updatedAt: sql`now()` };
    if (input.action === 'request-info') set.infoRequest = note;
    if (input.action === 'recommend') set.recommendedAt = sql`now()`;
    if (input.action === 'approve' || input.action === 'decline') {
      set.decidedAt = sql`now()`;
      set.decisionNote = note;
    }
    await tx.update(applications).set(set).where(eq(applications.id, app.id));
    await addEvent(tx, app.id, actor, app.status as Status, check.to, note, input.action === 'request-info' ? snapshot(app) : undefined);
    const internalNote = (input.internalNote ?? '').trim().slice(0, 4000);
    if (internalNote) await tx.insert(applicationNotes).values({ applicationId: app.id, actorId: actor!.id, actorName: actor!.name, status: check.to, body: internalNote });
    await recordAudit(tx, actor, {
      action: `membership.application.${input.action}`,
      targetType: 'application',
      targetId: reference,
      before: { status: app.status },
      after: { status: check.to, ...(note ? { note } : {}), ...(internalNote ? { internalNote: true } : {}), ...(outcome ? { steering: outcome } : {}) },
      ip: input.ip,
    });

    let memberId: string | undefined;
    if (input.action === 'request-info') {
      await queueMail(tx, { to: app.email, locale, template: infoRequestedMail, data: { reference, request: note, resumeLink: await resumeUrl(tx, app, input.baseUrl) } });
    } else if (input.action === 'decline') {
      await queueMail(tx, { to: app.email, locale, template: declinedMail, data: { reference, reason: note } });
    } else if (input.action === 'approve') {
      memberId = await createMemberFromApplication(tx, actor, app, { baseUrl: input.baseUrl, note });
    } else if (input.action === 'recommend') {
      const committee = await tx
        .select({ email: users.email, locale: users.locale })
        .from(userRoles)
        .innerJoin(users, eq(users.id, userRoles.userId))
        .where(and(eq(userRoles.role, 'steering'), eq(userRoles.scope, ''), sql`${users.disabledAt} is null`));
      for (const m of committee) {
        const l = (m.locale ?? 'en') as Locale;
        await queueMail(tx, {
          to: m.email,
          locale: l,
          template: steeringNoticeMail,
          data: { applicant: app.displayName, link: `${input.baseUrl}/${l}/steering/applications/${app.id}`, days: settings.days },
        });
      }
    }
    return { ok: true, status: check.to, memberId } as const;
  });
}

export type NoteResult = { ok: true } | { ok: false; reason: 'empty' | 'unknown' };

/**
 * An internal note on an application, without a change of status: for the Secretariat and the
 * Steering Committee, never shown or sent to the applicant. Audited (without its text).
 */
export async function addInternalNote(db: Db, actor: MaybeActor, input: { id: string; body: string; ip?: string }): Promise<NoteResult> {
  authorize(membershipPolicy.addInternalNote(actor), 'membership.note');
  const body = input.body.trim().slice(0, 4000);
  if (!body) return { ok: false, reason: 'empty' };
  return db.transaction(async (tx) => {
    const [app] = await tx.select({ id: applications.id, number: applications.number, status: applications.status }).from(applications).where(eq(applications.id, input.id));
    if (!app || app.status === 'draft') return { ok: false, reason: 'unknown' } as const;
    const [note] = await tx.insert(applicationNotes).values({ applicationId: app.id, actorId: actor!.id, actorName: actor!.name, status: app.status, body }).returning({ id: applicationNotes.id });
    await recordAudit(tx, actor, { action: 'membership.application.note', targetType: 'application', targetId: applicationReference(app.number), after: { note: note!.id }, ip: input.ip });
    return { ok: true } as const;
  });
}

/** A Steering Committee member's response (endorse, object, abstain) with a comment; can be changed until the decision. */
export async function voteOnApplication(db: Db, actor: MaybeActor, input: { id: string; vote: Vote; comment: string; ip?: string }): Promise<'ok' | 'closed'> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, input.id)).for('update');
    if (!app) return 'closed';
    authorize(membershipPolicy.viewApplication(actor, app), 'membership.view');
    if (!membershipPolicy.voteOnApplication(actor, app)) return 'closed';
    const comment = input.comment.trim().slice(0, 2000);
    await tx
      .insert(applicationVotes)
      .values({ applicationId: app.id, userId: actor!.id, vote: input.vote, comment })
      .onConflictDoUpdate({ target: [applicationVotes.applicationId, applicationVotes.userId], set: { vote: input.vote, comment, at: sql`now()` } });
    await recordAudit(tx, actor, { action: 'membership.application.vote', targetType: 'application', targetId: applicationReference(app.number), after: { vote: input.vote, comment }, ip: input.ip });
    return 'ok';
  });
}

