import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { escapeLike, recordAudit } from '../../platform/audit/service.js';
import { ensureUser, normalizeEmail } from '../../platform/auth/service.js';
import { userRoles, users } from '../../platform/auth/schema.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { countriesInRegion, incomeGroupOf, regionOf, type IncomeGroup, type UnescoRegion } from '../../platform/geo/countries.js';
import { emit } from '../../platform/events.js';
import { erasePerson as eraseEverywhere } from '../../platform/privacy/service.js';
import type { FileStore } from '../../platform/files/storage.js';
import { applications, memberPeople, members } from './schema.js';
import { PUBLIC_FIELDS, type Kind, type Representative } from './fields.js';
import { membershipPolicy } from './policy.js';
import { approvedMail, erasureRequestMail } from './emails.js';
import { placeConditions } from '../../platform/geo/filter.js';

export type MemberRow = typeof members.$inferSelect;

declare module '../../platform/events.js' {
  interface Events {
    /** A person joined the Alliance: an approved applicant, or a representative added to a member (other modules react, e.g. the newsletter subscribes them). */
    'membership.personJoined': { email: string; name: string; locale: Locale; country: string; member: string };
  }
}
export const memberNumber = (n: number) => `M-${String(n).padStart(4, '0')}`;
export const MEMBER_STATUSES = ['active', 'suspended', 'ended'] as const;

/**
 * On approval: the member record, an account with the `member` role for each of its people
 * (representatives, or the individual), their newsletter subscription (consent source
 * "membership"), and a welcome e-mail. Runs inside the approval's transaction.
 */
export async function createMemberFromApplication(
  tx: Executor,
  actor: MaybeActor,
  app: typeof applications.$inferSelect,
  opts: { baseUrl: string; note: string },
): Promise<string> {
  const d = app.data;
  const kind = app.kind as Kind;
  const listed = d.listed === 'yes';
  const [member] = await tx
    .insert(members)
    .values({
      kind,
      name: (kind === 'institution' ? d.orgName : d.name) ?? app.displayName,
      acronym: d.acronym ?? '',
      category: (kind === 'institution' ? d.orgType : d.role) ?? 'other',
      country: d.country ?? '',
      countriesOfOperation: d.countriesOfOperation ?? [],
      website: d.website ?? '',
      affiliation: d.affiliation ?? '',
      areas: d.areas ?? [],
      workingGroups: d.workingGroups ?? [],
      languages: d.languages ?? [],
      summary: d.expertise ?? '',
      listed,
      publicFields: listed ? (d.publicFields ?? []) : [],
      joinedOn: sql`current_date`,
      applicationId: app.id,
    })
    .returning();
  const people: Representative[] = kind === 'institution' ? (d.representatives ?? []) : [{ name: d.name ?? '', title: d.role ?? '', email: app.email }];
  const locale = app.locale as Locale;
  for (const [i, p] of people.entries()) {
    const { id: userId } = await ensureUser(tx, { email: p.email, name: p.name, locale, roles: [{ role: 'member' }] });
    await tx.insert(memberPeople).values({ memberId: member!.id, userId, title: p.title, primaryContact: i === 0 }).onConflictDoNothing();
    await emit(tx, 'membership.personJoined', { email: p.email, name: p.name, locale, country: member!.country, member: memberNumber(member!.number) });
    await queueMail(tx, {
      to: normalizeEmail(p.email),
      locale,
      template: approvedMail,
      data: { name: p.name, memberNumber: memberNumber(member!.number), signInLink: `${opts.baseUrl}/${locale}/sign-in`, note: opts.note },
    });
  }
  await recordAudit(tx, actor, { action: 'membership.member.create', targetType: 'member', targetId: memberNumber(member!.number), after: { name: member!.name, people: people.map((p) => p.email) } });
  return member!.id;
}

// ---------------------------------------------------------------- public directory and map

export interface DirectoryFilter {
  kind?: Kind;
  category?: string;
  country?: string;
  region?: UnescoRegion;
  workingGroup?: string;
  area?: string;
  q?: string;
  page: number;
}

export const DIRECTORY_PAGE_SIZE = 25;

/** What the public may see of a member: only the fields the member chose. */
export interface DirectoryEntry {
  number: number;
  kind: string;
  name: string;
  acronym: string;
  fields: Partial<Record<(typeof PUBLIC_FIELDS)[number], string | string[]>>;
}

const shows = (field: string) => sql`${field} = any(${members.publicFields})`;

/** Listed, active members; filters only match on fields the member made public. */
export async function directory(db: Executor, f: DirectoryFilter) {
  const where: SQL[] = [eq(members.status, 'active'), eq(members.listed, true)];
  if (f.kind) where.push(eq(members.kind, f.kind));
  if (f.category) where.push(and(eq(members.category, f.category), shows('category'))!);
  if (f.country) where.push(and(eq(members.country, f.country), shows('country'))!);
  if (f.region) where.push(and(inArray(members.country, countriesInRegion(f.region)), shows('country'))!);
  if (f.workingGroup) where.push(and(sql`${f.workingGroup} = any(${members.workingGroups})`, shows('workingGroups'))!);
  if (f.area) where.push(and(sql`${f.area} = any(${members.areas})`, shows('areas'))!);
  if (f.q) where.push(sql`(${members.name} ilike ${`%${escapeLike(f.q)}%`} or ${members.acronym} ilike ${`%${escapeLike(f.q)}%`})`);
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(members)
      .where(cond)
      .orderBy(asc(sql`lower(${members.name})`), asc(members.number))
      .limit(DIRECTORY_PAGE_SIZE)
      .offset((f.page - 1) * DIRECTORY_PAGE_SIZE),
    db.select({ total: count() }).from(members).where(cond),
  ]);
  return { rows: rows.map(toDirectoryEntry), total };
}

/**
 * What the public directory shows of this member now, or null when it shows nothing (the member
 * chose not to be listed, or is not active): the member's own preview. The directory's query
 * applies the same rule in SQL.
 */
export function publicEntryOf(m: MemberRow): DirectoryEntry | null {
  return m.status === 'active' && m.listed ? toDirectoryEntry(m) : null;
}

export function toDirectoryEntry(m: MemberRow): DirectoryEntry {
  const fields: DirectoryEntry['fields'] = {};
  for (const f of PUBLIC_FIELDS) {
    if (!m.publicFields.includes(f)) continue;
    const value = m[f];
    if (Array.isArray(value) ? value.length : value) fields[f] = value;
  }
  return { number: m.number, kind: m.kind, name: m.name, acronym: m.acronym, fields };
}

/**
 * Members per country for the map, by region and by income group. Counted from listed, active
 * members who show their country, so the map reveals nothing a member kept private.
 */
export async function membersByCountry(db: Executor) {
  const rows = await db
    .select({ country: members.country, n: count() })
    .from(members)
    .where(and(eq(members.status, 'active'), eq(members.listed, true), shows('country')))
    .groupBy(members.country);
  const byCountry: Record<string, number> = {};
  const byRegion: Partial<Record<UnescoRegion, number>> = {};
  const byIncome: Partial<Record<IncomeGroup | 'unclassified', number>> = {};
  let total = 0;
  for (const r of rows) {
    byCountry[r.country] = r.n;
    total += r.n;
    const region = regionOf(r.country);
    if (region) byRegion[region] = (byRegion[region] ?? 0) + r.n;
    const income = incomeGroupOf(r.country) ?? 'unclassified';
    byIncome[income] = (byIncome[income] ?? 0) + r.n;
  }
  return { byCountry, byRegion, byIncome, total };
}

/**
 * Is this e-mail address one of the people of an active member? Other modules verify membership
 * with this (e.g. a members-only activity), never with what a person declares.
 */
/** The e-mail addresses of active members' people (optionally of members in one working group), as a subquery. */
export function activeMemberEmails(workingGroupSlug?: string) {
  const active = eq(members.status, 'active');
  return new QueryBuilder()
    .select({ email: users.email })
    .from(memberPeople)
    .innerJoin(members, eq(members.id, memberPeople.memberId))
    .innerJoin(users, eq(users.id, memberPeople.userId))
    .where(workingGroupSlug ? and(active, sql`${workingGroupSlug} = any(${members.workingGroups})`) : active);
}

export async function isActiveMemberEmail(db: Executor, email: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(memberPeople)
    .innerJoin(members, eq(members.id, memberPeople.memberId))
    .innerJoin(users, eq(users.id, memberPeople.userId))
    .where(and(eq(users.email, normalizeEmail(email)), eq(members.status, 'active')));
  return (row?.n ?? 0) > 0;
}

// ---------------------------------------------------------------- a member's own record

/** The memberships a person belongs to (as representative or as the individual member). */
export async function myMemberships(db: Executor, actor: MaybeActor) {
  authorize(membershipPolicy.ownMemberships(actor), 'membership.own');
  if (!actor) return [];
  const rows = await db
    .select({ member: members })
    .from(memberPeople)
    .innerJoin(members, eq(members.id, memberPeople.memberId))
    .where(eq(memberPeople.userId, actor.id))
    .orderBy(asc(members.number));
  return rows.map((r) => r.member);
}

/** One of the person's own memberships (refused when it is not theirs). */
export async function myMembership(db: Executor, actor: MaybeActor, memberId: string) {
  const mine = (await myMemberships(db, actor)).find((m) => m.id === memberId);
  authorize(!!mine, 'membership.own');
  return mine!;
}

export async function memberPeopleOf(db: Executor, memberId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, title: memberPeople.title, primaryContact: memberPeople.primaryContact })
    .from(memberPeople)
    .innerJoin(users, eq(users.id, memberPeople.userId))
    .where(eq(memberPeople.memberId, memberId))
    .orderBy(sql`${memberPeople.primaryContact} desc`, asc(users.name));
}

async function loadOwn(tx: Executor, actor: MaybeActor, memberId: string) {
  const [member] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
  if (!member) return null;
  const people = await memberPeopleOf(tx, memberId);
  authorize(membershipPolicy.manageOwnMembership(actor, people.map((p) => p.userId)), 'membership.own');
  return { member, people };
}

export interface ProfileUpdate {
  name: string;
  acronym: string;
  website: string;
  affiliation: string;
  summary: string;
  areas: string[];
  workingGroups: string[];
  languages: string[];
  countriesOfOperation: string[];
  listed: boolean;
  publicFields: string[];
}

export async function updateMemberProfile(db: Db, actor: MaybeActor, memberId: string, p: ProfileUpdate, ip?: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const own = await loadOwn(tx, actor, memberId);
    if (!own || own.member.status === 'ended') return false;
    await tx
      .update(members)
      .set({ ...p, publicFields: p.listed ? p.publicFields : [], updatedAt: sql`now()` })
      .where(eq(members.id, memberId));
    await recordAudit(tx, actor, {
      action: 'membership.member.profile',
      targetType: 'member',
      targetId: memberNumber(own.member.number),
      before: { listed: own.member.listed, publicFields: own.member.publicFields },
      after: { listed: p.listed, publicFields: p.listed ? p.publicFields : [] },
      ip,
    });
    return true;
  });
}

/** An institution adds a representative: an account with the member role, subscribed, welcomed. */
export async function addRepresentative(db: Db, actor: MaybeActor, memberId: string, rep: Representative & { locale: Locale; baseUrl: string }, ip?: string) {
  return db.transaction(async (tx) => {
    const own = await loadOwn(tx, actor, memberId);
    if (!own || own.member.kind !== 'institution' || own.member.status === 'ended') return 'not-allowed' as const;
    if (own.people.length >= 10) return 'too-many' as const;
    const { id } = await ensureUser(tx, { email: rep.email, name: rep.name, locale: rep.locale, roles: [{ role: 'member' }] });
    if (own.people.some((p) => p.userId === id)) return 'exists' as const;
    await tx.insert(memberPeople).values({ memberId, userId: id, title: rep.title });
    await emit(tx, 'membership.personJoined', { email: rep.email, name: rep.name, locale: rep.locale, country: own.member.country, member: memberNumber(own.member.number) });
    await queueMail(tx, {
      to: normalizeEmail(rep.email),
      locale: rep.locale,
      template: approvedMail,
      data: { name: rep.name, memberNumber: memberNumber(own.member.number), signInLink: `${rep.baseUrl}/${rep.locale}/sign-in`, note: '' },
    });
    await recordAudit(tx, actor, { action: 'membership.member.representative.add', targetType: 'member', targetId: memberNumber(own.member.number), after: { email: normalizeEmail(rep.email) }, ip });
    return 'ok' as const;
  });
}

/** Removes a representative; the last one cannot be removed (leave the Alliance instead). */
export async function removeRepresentative(db: Db, actor: MaybeActor, memberId: string, userId: string, ip?: string) {
  return db.transaction(async (tx) => {
    const own = await loadOwn(tx, actor, memberId);
    if (!own) return 'not-allowed' as const;
    const target = own.people.find((p) => p.userId === userId);
    if (!target) return 'not-allowed' as const;
    if (own.people.length <= 1) return 'last' as const;
    await tx.delete(memberPeople).where(and(eq(memberPeople.memberId, memberId), eq(memberPeople.userId, userId)));
    await dropMemberRoleIfNone(tx, userId);
    await recordAudit(tx, actor, { action: 'membership.member.representative.remove', targetType: 'member', targetId: memberNumber(own.member.number), before: { email: target.email }, ip });
    return 'ok' as const;
  });
}

/** A person who represents no member any more loses the member role. */
async function dropMemberRoleIfNone(tx: Executor, userId: string) {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(memberPeople)
    .innerJoin(members, eq(members.id, memberPeople.memberId))
    .where(and(eq(memberPeople.userId, userId), eq(members.status, 'active')));
  if (n === 0) await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'member')));
}

async function endOrSuspend(tx: Executor, actor: MaybeActor, member: MemberRow, status: (typeof MEMBER_STATUSES)[number], reason: string, ip?: string) {
  await tx
    .update(members)
    .set({ status, statusReason: reason, endedOn: status === 'ended' ? sql`current_date` : null, updatedAt: sql`now()` })
    .where(eq(members.id, member.id));
  if (status !== 'active') {
    const people = await tx.select({ userId: memberPeople.userId }).from(memberPeople).where(eq(memberPeople.memberId, member.id));
    for (const p of people) await dropMemberRoleIfNone(tx, p.userId);
  } else {
    const people = await tx.select({ userId: memberPeople.userId }).from(memberPeople).where(eq(memberPeople.memberId, member.id));
    for (const p of people) await tx.insert(userRoles).values({ userId: p.userId, role: 'member', scope: '' }).onConflictDoNothing();
  }
  await recordAudit(tx, actor, {
    action: `membership.member.${status === 'active' ? 'reinstate' : status === 'ended' ? 'end' : 'suspend'}`,
    targetType: 'member',
    targetId: memberNumber(member.number),
    before: { status: member.status },
    after: { status, reason },
    ip,
  });
}

/** The member leaves the Alliance. */
export async function leaveAlliance(db: Db, actor: MaybeActor, memberId: string, reason: string, ip?: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const own = await loadOwn(tx, actor, memberId);
    if (!own || own.member.status === 'ended') return false;
    await endOrSuspend(tx, actor, own.member, 'ended', reason.trim().slice(0, 2000) || 'left', ip);
    return true;
  });
}

/** Everything Bridges holds about the member and the person asking, as JSON. */
export async function exportMyData(db: Executor, actor: MaybeActor, memberId: string) {
  const [member] = await db.select().from(members).where(eq(members.id, memberId));
  if (!member) return null;
  const people = await memberPeopleOf(db, memberId);
  authorize(membershipPolicy.manageOwnMembership(actor, people.map((p) => p.userId)), 'membership.own');
  const application = member.applicationId ? (await db.select().from(applications).where(eq(applications.id, member.applicationId)))[0] : undefined;
  const [me] = await db.select({ email: users.email, name: users.name, locale: users.locale, createdAt: users.createdAt }).from(users).where(eq(users.id, actor!.id));
  return {
    exportedAt: new Date().toISOString(),
    person: me,
    member: { ...member, number: memberNumber(member.number) },
    people: people.map(({ name, email, title, primaryContact }) => ({ name, email, title, primaryContact })),
    application: application ? { submittedAt: application.submittedAt, decidedAt: application.decidedAt, answers: application.data } : null,
  };
}

/** Asks the Secretariat to erase the person's data: recorded and mailed to the Secretariat. */
export async function requestErasure(db: Db, actor: MaybeActor, memberId: string, baseUrl: string, ip?: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const own = await loadOwn(tx, actor, memberId);
    if (!own) return false;
    await recordAudit(tx, actor, { action: 'membership.erasure.request', targetType: 'member', targetId: memberNumber(own.member.number), after: { person: actor!.email }, ip });
    const site = await getSiteSettings(tx);
    if (site.contactEmail) {
      await queueMail(tx, {
        to: site.contactEmail,
        locale: site.originalLocale,
        template: erasureRequestMail,
        data: { member: own.member.name, person: actor!.name, email: actor!.email, link: `${baseUrl}/${site.originalLocale}/admin/members/${own.member.id}` },
      });
    }
    return true;
  });
}

// ---------------------------------------------------------------- Secretariat: members

export interface MembersFilter {
  status?: (typeof MEMBER_STATUSES)[number];
  kind?: Kind;
  category?: string;
  country?: string;
  region?: UnescoRegion;
  income?: IncomeGroup;
  workingGroup?: string;
  q?: string;
  page: number;
}

export const MEMBERS_PAGE_SIZE = 50;

function membersWhere(f: Omit<MembersFilter, 'page'>) {
  const where: SQL[] = [];
  if (f.status) where.push(eq(members.status, f.status));
  if (f.kind) where.push(eq(members.kind, f.kind));
  if (f.category) where.push(eq(members.category, f.category));
  where.push(...placeConditions(members.country, f));
  if (f.workingGroup) where.push(sql`${f.workingGroup} = any(${members.workingGroups})`);
  if (f.q) where.push(sql`(${members.name} ilike ${`%${escapeLike(f.q)}%`} or ${members.acronym} ilike ${`%${escapeLike(f.q)}%`})`);
  return where.length ? and(...where) : undefined;
}

export async function listMembers(db: Executor, actor: MaybeActor, f: MembersFilter) {
  authorize(membershipPolicy.manageMembers(actor), 'membership.members');
  const cond = membersWhere(f);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(members).where(cond).orderBy(asc(members.number)).limit(MEMBERS_PAGE_SIZE).offset((f.page - 1) * MEMBERS_PAGE_SIZE),
    db.select({ total: count() }).from(members).where(cond),
  ]);
  return { rows, total };
}

export async function getMember(db: Executor, actor: MaybeActor, id: string) {
  authorize(membershipPolicy.manageMembers(actor), 'membership.members');
  const [member] = await db.select().from(members).where(eq(members.id, id));
  if (!member) return null;
  return { member, people: await memberPeopleOf(db, id) };
}

/** Every member matching the filters with their people, for CSV/XLSX. Audited: it is personal data leaving the system. */
export async function exportMembers(db: Db, actor: MaybeActor, f: Omit<MembersFilter, 'page'>, format: 'csv' | 'xlsx', ip?: string) {
  authorize(membershipPolicy.manageMembers(actor), 'membership.export');
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(members).where(membersWhere(f)).orderBy(asc(members.number));
    const people = rows.length
      ? await tx
          .select({ memberId: memberPeople.memberId, name: users.name, email: users.email, title: memberPeople.title })
          .from(memberPeople)
          .innerJoin(users, eq(users.id, memberPeople.userId))
          .where(inArray(memberPeople.memberId, rows.map((r) => r.id)))
      : [];
    await recordAudit(tx, actor, { action: 'membership.members.export', targetType: 'member', targetId: '*', after: { format, filters: f, rows: rows.length }, ip });
    return rows.map((m) => ({ ...m, people: people.filter((p) => p.memberId === m.id) }));
  });
}

/** Suspends, ends or reinstates a membership, with the reason. Audited. */
export async function changeMemberStatus(db: Db, actor: MaybeActor, id: string, status: (typeof MEMBER_STATUSES)[number], reason: string, ip?: string): Promise<'ok' | 'unknown' | 'unchanged'> {
  authorize(membershipPolicy.manageMembers(actor), 'membership.status');
  return db.transaction(async (tx) => {
    const [member] = await tx.select().from(members).where(eq(members.id, id)).for('update');
    if (!member) return 'unknown';
    if (member.status === status) return 'unchanged';
    await endOrSuspend(tx, actor, member, status, reason.trim().slice(0, 2000), ip);
    return 'ok';
  });
}

/**
 * Erases a person of this member on request, everywhere in Bridges (src/platform/privacy: every
 * module's data, their account, e-mails, audit pseudonymised), in one transaction. Audited.
 */
export async function erasePerson(db: Db, actor: MaybeActor, memberId: string, userId: string, opts: { baseUrl: string; files?: FileStore; ip?: string }): Promise<boolean> {
  authorize(membershipPolicy.manageMembers(actor), 'membership.erase');
  if (!(await memberPeopleOf(db, memberId)).some((p) => p.userId === userId)) return false;
  return (await eraseEverywhere(db, actor, { userId, ...opts })) !== null;
}
