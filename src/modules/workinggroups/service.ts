/**
 * Working groups: the only door to this module. Public reads (the list, a group's page with its
 * chairs and listed members), and one verb per change: the Secretariat creates groups, names and
 * removes chairs, closes and reopens them; a member of the Alliance asks to join; a chair accepts or
 * declines, removes members and edits the group's texts; a member leaves. Every verb checks its
 * rule in policy.ts, runs in one transaction with its audit record, and keeps a person's row in
 * working_group_people and their scoped role in user_roles together.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { forUpdate } from '../../db/locks.js';
import { withText, type I18nText } from '../../platform/i18n/content.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { authorize, ForbiddenError, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { ensureUser } from '../../platform/auth/service.js';
import { userRoles, users } from '../../platform/auth/schema.js';
import { field, isSlug } from '../../platform/forms/fields.js';
import { noteTexts, type TranslatableKind } from '../../platform/translations/service.js';
import { workingGroupPeople, workingGroupRequests, workingGroups, type WorkingGroupRole } from './schema.js';
import { belongsTo, isAllianceMember, isChair, workingGroupPolicy, type GroupRef } from './policy.js';
import { chairNamedMail, joinRequestedMail, requestDecidedMail } from './emails.js';
import { reportsOf, type ReportSummary } from './reports.js';

export { workingGroupPolicy } from './policy.js';
export {
  addReportTranslation,
  addReportVersion,
  importWordFile,
  reportForEditing,
  requireReportWriter,
  createReport,
  newReportBody,
  publishReport,
  publishedVersion,
  reportBody,
  reportOf,
  reportsOf,
  newestVersion,
  saveReport,
  saveTranslation,
  translationBody,
  translationOf,
  translationsOf,
  type ReportSummary,
  type ReportView,
  type TranslationResult,
  type TranslationSummary,
  type TranslationView,
  type VersionView,
} from './reports.js';

declare module '../../platform/panels.js' {
  interface PanelSlots {
    /** A working group's public page, below its documents. */
    'workinggroups.group': { groupId: string; groupSlug: string };
    /** A report's page (one version of it), below the version line. */
    'workinggroups.report': { groupId: string; reportId: string; reportSlug: string; versionId: string; number: number; published: boolean };
    /** The chairs' editor of a report, above its publishing form (e.g. what is left before it can be final). */
    'workinggroups.editor': { groupId: string; reportId: string; reportSlug: string };
  }
}

export interface WorkingGroupView {
  id: string;
  slug: string;
  name: I18nText;
  summary: I18nText;
  mandate: I18nText;
  originalLocale: Locale;
  closedAt: Date | null;
}

const columns = {
  id: workingGroups.id,
  slug: workingGroups.slug,
  name: workingGroups.name,
  summary: workingGroups.summary,
  mandate: workingGroups.mandate,
  originalLocale: workingGroups.originalLocale,
  closedAt: workingGroups.closedAt,
};

/** The language to write to a person in: their own when they chose one, else `fallback`. */
const localeOr = (locale: string | null, fallback: Locale): Locale => (locale && isLocale(locale) ? locale : fallback);

const asView = <R extends { originalLocale: string }>(r: R) => ({ ...r, originalLocale: isLocale(r.originalLocale) ? r.originalLocale : ('en' as Locale) });

/** The working groups, open ones first, in the order the Secretariat set (`active`: closed groups left out). Public. */
export async function listWorkingGroups(db: Executor, opts: { active?: boolean } = {}): Promise<WorkingGroupView[]> {
  const rows = await db
    .select(columns)
    .from(workingGroups)
    .where(opts.active ? isNull(workingGroups.closedAt) : undefined)
    .orderBy(sql`${workingGroups.closedAt} is not null`, asc(workingGroups.position), asc(workingGroups.slug));
  return rows.map(asView);
}

/** One group by the slug in its address; null when there is none (anything that is not a slug is not looked up). */
export async function getWorkingGroup(db: Executor, slug: string, actor: MaybeActor = null): Promise<WorkingGroupView | null> {
  authorize(workingGroupPolicy.view(actor), 'workinggroups.view');
  if (!isSlug(slug)) return null;
  const [row] = await db.select(columns).from(workingGroups).where(eq(workingGroups.slug, slug));
  return row ? asView(row) : null;
}

export interface PersonOnPage {
  name: string;
  affiliation: string;
}

/** What the viewer may do on a group's page (all false for an anonymous reader: the page is the same for every one of them). */
export interface Viewer {
  belongs: boolean;
  chair: boolean;
  pending: boolean;
  mayAsk: boolean;
  mayLeave: boolean;
  mayManage: boolean;
  /** Start and edit the group's reports. */
  mayWrite: boolean;
  /** A signed-in person who is not a member of the Alliance: told how to become one. */
  notAMember: boolean;
}

export interface GroupPage {
  group: WorkingGroupView;
  chairs: PersonOnPage[];
  /** Members who agreed to be named. */
  listed: PersonOnPage[];
  /** Every member, named or not. */
  memberCount: number;
  /** The group's reports, each with the newest version the viewer may see. */
  documents: ReportSummary[];
  viewer: Viewer;
}

/** A group's public page: its texts, its chairs, the members who agreed to be named, and what the viewer may do. */
export async function groupPage(db: Executor, slug: string, actor: MaybeActor): Promise<GroupPage | null> {
  const group = await getWorkingGroup(db, slug, actor);
  if (!group) return null;
  const people = await db
    .select({ name: users.name, affiliation: workingGroupPeople.affiliation, role: workingGroupPeople.role, listed: workingGroupPeople.listed })
    .from(workingGroupPeople)
    .innerJoin(users, eq(users.id, workingGroupPeople.userId))
    .where(eq(workingGroupPeople.groupId, group.id))
    .orderBy(asc(users.name));
  const pending = actor
    ? (await db.select({ n: count() }).from(workingGroupRequests).where(and(eq(workingGroupRequests.groupId, group.id), eq(workingGroupRequests.userId, actor.id), eq(workingGroupRequests.status, 'pending'))))[0]!.n > 0
    : false;
  const person = (p: { name: string; affiliation: string }) => ({ name: p.name, affiliation: p.affiliation });
  const documents = await reportsOf(db, actor, group);
  return {
    group,
    documents,
    chairs: people.filter((p) => p.role === 'chair').map(person),
    listed: people.filter((p) => p.role === 'member' && p.listed).map(person),
    memberCount: people.filter((p) => p.role === 'member').length,
    viewer: {
      belongs: belongsTo(actor, group),
      chair: isChair(actor, group),
      pending,
      mayAsk: workingGroupPolicy.askToJoin(actor, group) && !pending,
      mayLeave: workingGroupPolicy.leave(actor, group),
      mayManage: workingGroupPolicy.manage(actor, group),
      mayWrite: workingGroupPolicy.writeReports(actor, group),
      notAMember: !!actor && !isAllianceMember(actor) && !belongsTo(actor, group) && group.closedAt === null,
    },
  };
}

// ——— The Secretariat ———

export interface GroupSummary extends WorkingGroupView {
  chairs: number;
  members: number;
  pending: number;
}

/** Every group with its numbers of chairs, members and open requests: the Secretariat's list. */
export async function groupsForSecretariat(db: Executor, actor: MaybeActor): Promise<GroupSummary[]> {
  authorize(workingGroupPolicy.administer(actor), 'workinggroups.administer');
  const groups = await listWorkingGroups(db);
  const people = await db.select({ groupId: workingGroupPeople.groupId, role: workingGroupPeople.role, n: count() }).from(workingGroupPeople).groupBy(workingGroupPeople.groupId, workingGroupPeople.role);
  const requests = await db.select({ groupId: workingGroupRequests.groupId, n: count() }).from(workingGroupRequests).where(eq(workingGroupRequests.status, 'pending')).groupBy(workingGroupRequests.groupId);
  const n = (id: string, role: WorkingGroupRole) => people.find((p) => p.groupId === id && p.role === role)?.n ?? 0;
  return groups.map((g) => ({ ...g, chairs: n(g.id, 'chair'), members: n(g.id, 'member'), pending: requests.find((r) => r.groupId === g.id)?.n ?? 0 }));
}

export const groupTextsBody = z.object({
  name: field.text({ max: 120 }),
  summary: field.text({ max: 600 }),
  mandate: field.optionalText({ max: 6000 }),
});
export const newGroupBody = groupTextsBody.extend({ slug: field.slug('workingGroups.admin.errors.slug') });
export type GroupTexts = z.output<typeof groupTextsBody>;

export type Refusal = { ok: false; field: string; message: string };

/** Creates a group, its texts in the Secretariat's language (the original others translate). */
export async function createGroup(db: Db, actor: MaybeActor, input: z.output<typeof newGroupBody>, locale: Locale): Promise<{ ok: true; slug: string } | Refusal> {
  authorize(workingGroupPolicy.administer(actor), 'workinggroups.create');
  if (!input.slug) return { ok: false, field: 'slug', message: 'form.errors.required' };
  const slug = input.slug;
  return db.transaction(async (tx) => {
    const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${workingGroups.position}), 0)` }).from(workingGroups);
    const [row] = await tx
      .insert(workingGroups)
      .values({ slug, name: { [locale]: input.name }, summary: { [locale]: input.summary }, mandate: input.mandate ? { [locale]: input.mandate } : {}, originalLocale: locale, position: Number(last) + 1 })
      .onConflictDoNothing({ target: workingGroups.slug })
      .returning({ id: workingGroups.id });
    if (!row) return { ok: false, field: 'slug', message: 'workingGroups.admin.errors.slugTaken' } as const;
    await recordAudit(tx, actor, { action: 'workinggroups.create', targetType: 'working-group', targetId: slug, after: { ...input, locale } });
    return { ok: true, slug } as const;
  });
}

/** Saves the group's name, summary and mandate in one language (a blank mandate removes that language's text). */
export async function saveGroupTexts(db: Db, actor: MaybeActor, group: WorkingGroupView, input: GroupTexts, locale: Locale): Promise<void> {
  authorize(workingGroupPolicy.editTexts(actor, group), 'workinggroups.texts');
  await db.transaction(async (tx) => {
    const [before] = await forUpdate(tx.select(columns).from(workingGroups).where(eq(workingGroups.id, group.id)).$dynamic(), 'workingGroup');
    if (!before) return;
    const after = { name: withText(before.name, locale, input.name), summary: withText(before.summary, locale, input.summary), mandate: withText(before.mandate, locale, input.mandate) };
    await tx.update(workingGroups).set(after).where(eq(workingGroups.id, group.id));
    await noteTexts(tx, { kind: 'working-group', item: group.id, original: isLocale(before.originalLocale) ? before.originalLocale : 'en' }, locale, before, after);
    await recordAudit(tx, actor, { action: 'workinggroups.texts', targetType: 'working-group', targetId: group.slug, before: { locale, name: before.name[locale], summary: before.summary[locale], mandate: before.mandate[locale] }, after: { locale, ...input } });
  });
}

/** Closes a group (it takes no new members; its pages and documents stay) or reopens it. */
export async function setGroupClosed(db: Db, actor: MaybeActor, group: WorkingGroupView, closed: boolean): Promise<boolean> {
  authorize(workingGroupPolicy.governGroup(actor, group), 'workinggroups.close');
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(workingGroups)
      .set({ closedAt: closed ? sql`now()` : null })
      .where(and(eq(workingGroups.id, group.id), closed ? isNull(workingGroups.closedAt) : sql`${workingGroups.closedAt} is not null`))
      .returning({ id: workingGroups.id });
    if (!changed.length) return false;
    if (closed) {
      // Requests nobody will answer are closed with the group.
      await tx.update(workingGroupRequests).set({ status: 'declined', decidedAt: sql`now()`, decidedBy: actor!.id }).where(and(eq(workingGroupRequests.groupId, group.id), eq(workingGroupRequests.status, 'pending')));
    }
    await recordAudit(tx, actor, { action: closed ? 'workinggroups.close' : 'workinggroups.reopen', targetType: 'working-group', targetId: group.slug });
    return true;
  });
}

const ROLE_OF: Record<WorkingGroupRole, string> = { chair: 'wg_chair', member: 'wg_member' };

/** Puts a person in a group with a role (or changes their role), their scoped role in user_roles with it. */
async function place(tx: Executor, groupId: string, userId: string, role: WorkingGroupRole, details: { listed: boolean; affiliation: string }): Promise<void> {
  await tx
    .insert(workingGroupPeople)
    .values({ groupId, userId, role, ...details })
    .onConflictDoUpdate({ target: [workingGroupPeople.groupId, workingGroupPeople.userId], set: { role, ...details } });
  await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.scope, groupId), inArray(userRoles.role, Object.values(ROLE_OF))));
  await tx.insert(userRoles).values({ userId, role: ROLE_OF[role], scope: groupId });
}

/** Takes a person out of a group with their scoped role; returns their role, or null when they were not in it. */
async function unplace(tx: Executor, groupId: string, userId: string): Promise<WorkingGroupRole | null> {
  const [gone] = await tx.delete(workingGroupPeople).where(and(eq(workingGroupPeople.groupId, groupId), eq(workingGroupPeople.userId, userId))).returning({ role: workingGroupPeople.role });
  await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.scope, groupId), inArray(userRoles.role, Object.values(ROLE_OF))));
  return gone?.role ?? null;
}

/** The form that names a chair (its fields named apart from the texts form on the same page). */
export const chairBody = z.object({
  chairEmail: field.email(),
  chairName: field.text({ max: 200 }),
  chairAffiliation: field.optionalText({ max: 200 }),
});

const groupLink = (baseUrl: string, locale: Locale, group: { slug: string }, manage = false) => `${baseUrl}/${locale}/working-groups/${group.slug}${manage ? '/manage' : ''}`;

/** Names a chair (an account is made for an address not known yet); a member of the group becomes its chair. The new chair is told by e-mail. */
export async function nameChair(db: Db, actor: MaybeActor, group: WorkingGroupView, input: z.output<typeof chairBody>, ctx: { baseUrl: string; locale: Locale }): Promise<void> {
  authorize(workingGroupPolicy.governGroup(actor, group), 'workinggroups.chairs');
  await db.transaction(async (tx) => {
    const { id } = await ensureUser(tx, { email: input.chairEmail, name: input.chairName, locale: ctx.locale });
    const [was] = await tx.select({ role: workingGroupPeople.role }).from(workingGroupPeople).where(and(eq(workingGroupPeople.groupId, group.id), eq(workingGroupPeople.userId, id)));
    if (was?.role === 'chair') return;
    await place(tx, group.id, id, 'chair', { listed: true, affiliation: input.chairAffiliation ?? '' });
    const [person] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, id));
    const locale = localeOr(person!.locale, ctx.locale);
    await queueMail(tx, { to: person!.email, locale, template: chairNamedMail, data: { group: group.name, originalLocale: group.originalLocale, link: groupLink(ctx.baseUrl, locale, group, true) } });
    await recordAudit(tx, actor, { action: 'workinggroups.chair.name', targetType: 'working-group', targetId: group.slug, before: { role: was?.role ?? null }, after: { email: input.chairEmail, role: 'chair' } });
  });
}

/** Removes a chair from the group (they leave it altogether). */
export async function removeChair(db: Db, actor: MaybeActor, group: WorkingGroupView, userId: string): Promise<boolean> {
  authorize(workingGroupPolicy.governGroup(actor, group), 'workinggroups.chairs');
  return removeInRole(db, actor, group, userId, 'chair');
}

/** Takes a person who holds `role` in the group out of it, with an audit record; false when they do not hold it there. */
function removeInRole(db: Db, actor: MaybeActor, group: WorkingGroupView, userId: string, role: WorkingGroupRole): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ email: users.email }).from(workingGroupPeople).innerJoin(users, eq(users.id, workingGroupPeople.userId)).where(and(eq(workingGroupPeople.groupId, group.id), eq(workingGroupPeople.userId, userId), eq(workingGroupPeople.role, role)));
    if (!row) return false;
    await unplace(tx, group.id, userId);
    await recordAudit(tx, actor, { action: `workinggroups.${role}.remove`, targetType: 'working-group', targetId: group.slug, before: { email: row.email, role } });
    return true;
  });
}

// ——— Joining ———

export const joinBody = z.object({
  message: field.optionalText({ max: 2000 }),
  affiliation: field.optionalText({ max: 200 }),
  listed: field.ticked(),
});

export type JoinResult = 'asked' | 'already-asked' | 'already-in' | 'closed';

/** A member of the Alliance asks to join; the group's chairs are told by e-mail. Asking twice finds the first request. */
export async function askToJoin(db: Db, actor: MaybeActor, group: WorkingGroupView, input: z.output<typeof joinBody>, ctx: { baseUrl: string }): Promise<JoinResult> {
  if (group.closedAt) return 'closed';
  if (belongsTo(actor, group)) return 'already-in';
  authorize(workingGroupPolicy.askToJoin(actor, group), 'workinggroups.join');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(workingGroupRequests)
      .values({ groupId: group.id, userId: actor!.id, message: input.message ?? '', affiliation: input.affiliation ?? '', listed: input.listed })
      .onConflictDoNothing({ target: [workingGroupRequests.groupId, workingGroupRequests.userId], where: sql`status = 'pending'` })
      .returning({ id: workingGroupRequests.id });
    if (!row) return 'already-asked' as const;
    const chairs = await tx.select({ email: users.email, locale: users.locale }).from(workingGroupPeople).innerJoin(users, eq(users.id, workingGroupPeople.userId)).where(and(eq(workingGroupPeople.groupId, group.id), eq(workingGroupPeople.role, 'chair')));
    for (const chair of chairs) {
      const locale = localeOr(chair.locale, group.originalLocale);
      await queueMail(tx, { to: chair.email, locale, template: joinRequestedMail, data: { group: group.name, originalLocale: group.originalLocale, link: groupLink(ctx.baseUrl, locale, group, true), name: actor!.name, message: input.message ?? '' } });
    }
    return 'asked' as const;
  });
}

/** Leaves a group one is a member of. */
export async function leaveGroup(db: Db, actor: MaybeActor, group: WorkingGroupView): Promise<boolean> {
  authorize(workingGroupPolicy.leave(actor, group), 'workinggroups.leave');
  return db.transaction(async (tx) => (await unplace(tx, group.id, actor!.id)) !== null);
}

// ——— The chairs' page ———

export interface PendingRequest {
  id: string;
  name: string;
  email: string;
  affiliation: string;
  message: string;
  listed: boolean;
  createdAt: Date;
}

export interface GroupPerson {
  userId: string;
  name: string;
  email: string;
  affiliation: string;
  role: WorkingGroupRole;
  listed: boolean;
  joinedAt: Date;
}

/** Everyone in the group (chairs first), for another module that lets chairs hand work to a colleague; its caller checks its own rule first. */
export async function colleaguesOf(db: Executor, groupId: string): Promise<{ userId: string; name: string; role: WorkingGroupRole }[]> {
  return db
    .select({ userId: workingGroupPeople.userId, name: users.name, role: workingGroupPeople.role })
    .from(workingGroupPeople)
    .innerJoin(users, eq(users.id, workingGroupPeople.userId))
    .where(eq(workingGroupPeople.groupId, groupId))
    .orderBy(desc(sql`${workingGroupPeople.role} = 'chair'`), asc(users.name));
}

/** The group's page for its chairs and the Secretariat: open requests (oldest first) and everyone in the group. */
export async function manageView(db: Executor, actor: MaybeActor, group: WorkingGroupView): Promise<{ requests: PendingRequest[]; people: GroupPerson[] }> {
  authorize(workingGroupPolicy.manage(actor, group), 'workinggroups.manage');
  const requests = await db
    .select({ id: workingGroupRequests.id, name: users.name, email: users.email, affiliation: workingGroupRequests.affiliation, message: workingGroupRequests.message, listed: workingGroupRequests.listed, createdAt: workingGroupRequests.createdAt })
    .from(workingGroupRequests)
    .innerJoin(users, eq(users.id, workingGroupRequests.userId))
    .where(and(eq(workingGroupRequests.groupId, group.id), eq(workingGroupRequests.status, 'pending')))
    .orderBy(asc(workingGroupRequests.createdAt));
  const people = await db
    .select({ userId: workingGroupPeople.userId, name: users.name, email: users.email, affiliation: workingGroupPeople.affiliation, role: workingGroupPeople.role, listed: workingGroupPeople.listed, joinedAt: workingGroupPeople.joinedAt })
    .from(workingGroupPeople)
    .innerJoin(users, eq(users.id, workingGroupPeople.userId))
    .where(eq(workingGroupPeople.groupId, group.id))
    .orderBy(desc(sql`${workingGroupPeople.role} = 'chair'`), asc(users.name));
  return { requests, people };
}

export type Decision = 'accept' | 'decline';

/**
 * Accepts or declines a request to join: the request is locked, so two chairs deciding at once
 * decide once. The person is told by e-mail. Returns false when there is no such open request.
 */
export async function decideRequest(db: Db, actor: MaybeActor, group: WorkingGroupView, requestId: string, decision: Decision, ctx: { baseUrl: string }): Promise<boolean> {
  authorize(workingGroupPolicy.decideMembership(actor, group), 'workinggroups.decide');
  return db.transaction(async (tx) => {
    const [request] = await forUpdate(tx.select().from(workingGroupRequests).where(and(eq(workingGroupRequests.id, requestId), eq(workingGroupRequests.groupId, group.id))).$dynamic(), 'workingGroupRequest');
    if (!request || request.status !== 'pending') return false;
    const status = decision === 'accept' ? 'accepted' : 'declined';
    await tx.update(workingGroupRequests).set({ status, decidedAt: sql`now()`, decidedBy: actor!.id }).where(eq(workingGroupRequests.id, requestId));
    if (decision === 'accept') {
      const [already] = await tx.select({ role: workingGroupPeople.role }).from(workingGroupPeople).where(and(eq(workingGroupPeople.groupId, group.id), eq(workingGroupPeople.userId, request.userId)));
      if (!already) await place(tx, group.id, request.userId, 'member', { listed: request.listed, affiliation: request.affiliation });
    }
    const [person] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, request.userId));
    const locale = localeOr(person!.locale, group.originalLocale);
    await queueMail(tx, { to: person!.email, locale, template: requestDecidedMail, data: { group: group.name, originalLocale: group.originalLocale, link: groupLink(ctx.baseUrl, locale, group), accepted: decision === 'accept' } });
    await recordAudit(tx, actor, { action: `workinggroups.request.${status}`, targetType: 'working-group', targetId: group.slug, after: { email: person!.email } });
    return true;
  });
}

/** Removes a member (not a chair: chairs are the Secretariat's to remove). */
export async function removeMember(db: Db, actor: MaybeActor, group: WorkingGroupView, userId: string): Promise<boolean> {
  authorize(workingGroupPolicy.decideMembership(actor, group), 'workinggroups.remove');
  return removeInRole(db, actor, group, userId, 'member');
}

/** Refuses unless the actor may govern the group (name chairs, close it): checked before a form is read, so a refusal is not shown as a form to correct. */
export function requireGovernor(actor: MaybeActor, group: GroupRef): void {
  if (!workingGroupPolicy.governGroup(actor, group)) throw new ForbiddenError('workinggroups.chairs');
}

// ——— Seed and tests ———

export interface NewWorkingGroup {
  slug: string;
  name: I18nText;
  summary: I18nText;
  mandate?: I18nText;
  originalLocale?: Locale;
  position?: number;
}

/** Creates a working group (or leaves an existing one with that slug as it is). Used by the demo seed and tests. */
export async function addWorkingGroup(db: Executor, wg: NewWorkingGroup): Promise<string> {
  await db
    .insert(workingGroups)
    .values({ ...wg, mandate: wg.mandate ?? {}, originalLocale: wg.originalLocale ?? 'en', position: wg.position ?? 0 })
    .onConflictDoNothing({ target: workingGroups.slug });
  return (await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.slug, wg.slug)))[0]!.id;
}

/** Puts a person in a group directly (the demo seed and tests), as a chair or a member. */
export async function addPersonToGroup(db: Executor, groupId: string, person: { email: string; name: string; locale?: Locale }, role: WorkingGroupRole, details: { listed?: boolean; affiliation?: string } = {}): Promise<string> {
  const { id } = await ensureUser(db, person);
  await place(db, groupId, id, role, { listed: details.listed ?? role === 'chair', affiliation: details.affiliation ?? '' });
  return id;
}

/** A request to join, waiting for the chairs (the demo seed). */
export async function addJoinRequest(db: Executor, groupId: string, person: { email: string; name: string; locale?: Locale }, request: { message: string; affiliation?: string; listed?: boolean }): Promise<void> {
  const { id } = await ensureUser(db, person);
  await db
    .insert(workingGroupRequests)
    .values({ groupId, userId: id, message: request.message, affiliation: request.affiliation ?? '', listed: request.listed ?? true })
    .onConflictDoNothing({ target: [workingGroupRequests.groupId, workingGroupRequests.userId], where: sql`status = 'pending'` });
}

/** Erasure: the person leaves every group, and their requests go. */
export async function erasePerson(tx: Executor, userId: string): Promise<void> {
  await tx.delete(workingGroupRequests).where(eq(workingGroupRequests.userId, userId));
  await tx.delete(workingGroupPeople).where(eq(workingGroupPeople.userId, userId));
  await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), inArray(userRoles.role, Object.values(ROLE_OF))));
}

/** The groups' texts, for the translation screen (a group's chairs translate their own group there too). */
export const groupTranslations: TranslatableKind = {
  kind: 'working-group',
  label: 'workingGroups.title',
  fields: [
    { name: 'name', label: 'workingGroups.fields.name', form: 'line', max: 120 },
    { name: 'summary', label: 'workingGroups.fields.summary', form: 'text', max: 600 },
    { name: 'mandate', label: 'workingGroups.fields.mandate', form: 'text', max: 6000 },
  ],
  list: async (db) => (await listWorkingGroups(db)).map(groupItem),
  get: async (db, id) => {
    if (!z.uuid().safeParse(id).success) return null;
    const [row] = await db.select(columns).from(workingGroups).where(eq(workingGroups.id, id));
    return row ? groupItem(asView(row)) : null;
  },
  mayTranslate: (actor, item) => workingGroupPolicy.editTexts(actor, { id: item.id, closedAt: null }),
  save: async (db, actor, id, locale, texts) => {
    const [row] = await db.select(columns).from(workingGroups).where(eq(workingGroups.id, id));
    if (row) await saveGroupTexts(db, actor, asView(row), { name: texts.name ?? '', summary: texts.summary ?? '', mandate: texts.mandate }, locale);
  },
};

const groupItem = (g: WorkingGroupView) => ({ id: g.id, name: g.name, original: g.originalLocale, texts: { name: g.name, summary: g.summary, mandate: g.mandate }, href: `/working-groups/${g.slug}` });
