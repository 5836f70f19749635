import { createHash, randomUUID } from 'node:crypto';
import { eq, inArray, or, sql, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.js';
import { authorize, platformPolicy, type MaybeActor } from '../policy.js';
import { recordAudit } from '../audit/service.js';
import { auditLog } from '../audit/schema.js';
import { sessions, signInTokens, ssoLinks, userRoles, users } from '../auth/schema.js';
import { inboundMail, outbox } from '../mail/schema.js';
import { jobs } from '../jobs/schema.js';
import { formSubmissions } from '../forms/schema.js';
import { apiTokens } from '../api/schema.js';
import type { FileStore } from '../files/storage.js';
import { ERASED_NAME, erasedEmail, identifierPattern, isErasedEmail, likePatterns, mentions, scrubColumns } from './scrub.js';

/**
 * Erasure of a person on request (see docs/decisions/008-erasure.md). Every module says in its
 * manifest (`personalData`) how it finds and erases a person in its own tables; the platform
 * collects those once (`registerPersonalData`, from buildApp and the CLI) without importing any
 * module, and runs them all, then its own tables, in one transaction. The same declaration gives
 * a person's download (export.ts), the retention of each kind of data and the privacy page's list
 * (retention.ts): docs/decisions/021-privacy-across-modules.md.
 */

/** Who is erased: their account (if any) and every address and name they are known by. */
export interface PersonRef {
  userId?: string;
  /** Lower-cased. */
  emails: string[];
  names: string[];
}

export interface ErasureContext {
  now: Date;
  /** For e-mails the erasure causes (a freed meeting place offered to the next person). */
  baseUrl: string;
  /** Replaces the person's name or address where a record must stay: `erased:<16 hex>`, the same in every table for this erasure. */
  pseudonym: string;
  /** A stored file (an upload) to remove from the file store once the transaction has committed. */
  removeFile(key: string): void;
}

/** What a module declares in its manifest: what it keeps about people, and how it finds, exports and erases a person in its own tables. */
export interface PersonalData {
  /** More addresses and names the module knows the person by (a passport name, an applicant's name), found from what is known so far. */
  identify?(tx: Executor, person: PersonRef): Promise<{ emails?: string[]; names?: string[] }>;
  /** Deletes or anonymises every row of the module about the person; mentions in others' rows become the pseudonym. (The platform's own tables are erased by erasePerson itself, last.) */
  erase?(tx: Executor, person: PersonRef, ctx: ErasureContext): Promise<void>;
  /**
   * The rows of the module about the person, for their download (docs/decisions/021): by list name,
   * with readable field names. Rows that belong to them are found by their account or address
   * (never by name: a namesake's rows are not theirs); nothing of other people, no secrets (token
   * hashes, check-in codes, private links).
   */
  export?(tx: Executor, person: PersonRef): Promise<Record<string, unknown[]>>;
  /** The kinds of personal data the module keeps: listed on the privacy page, each with how long it is kept (src/platform/privacy/retention.ts). */
  kinds?: DataKind[];
}

/** One kind of personal data a module keeps, as the privacy page lists it. */
export interface DataKind {
  /** "<module>.<kind>": unique, and the key of its retention period in the settings. */
  kind: string;
  /** Message key: what is kept. */
  label: string;
  /** Message key: why. */
  purpose: string;
  /** A period the Secretariat may change, after which the nightly job deletes or anonymises the rows… */
  retention?: Retention;
  /** …or, without one, a message key saying how long it is kept (e.g. while the person is a member). */
  kept?: string;
}

export interface Retention {
  defaultDays: number;
  minDays: number;
  maxDays: number;
  /** What happens to a row once its period is over (said on the privacy page). */
  then: 'deleted' | 'anonymised';
  /**
   * Deletes or anonymises at most `limit` rows older than `olderThan` (by the date the kind counts
   * from), in the caller's transaction; returns how many. A row already dealt with is not counted again.
   */
  purge(tx: Executor, olderThan: Date, opts: PurgeOptions): Promise<number>;
}

export interface PurgeOptions {
  limit: number;
  /** A stored file (an upload) to remove from the file store once the transaction has committed. */
  removeFile(key: string): void;
}

/**
 * For a purge: deletes the rows whose key — a column, or the columns of a composite key — is among
 * those a query picks (its batch: a `select` of the same columns, with its order and limit), in one
 * statement; returns how many went.
 */
export async function deletePicked(tx: Executor, table: PgTable, key: PgColumn | [PgColumn, PgColumn], batch: SQLWrapper): Promise<number> {
  const columns = Array.isArray(key) ? key : [key];
  const picked = sql`(${sql.join(columns, sql`, `)}) in (${batch})`;
  const gone = await tx.delete(table).where(picked).returning({ key: columns[0]! });
  return gone.length;
}

export interface Registered {
  name: string;
  personalData: PersonalData;
}

let registered: Registered[] | null = null;

/** Hands the platform the modules' declarations (every manifest that has one), once when the app or the CLI starts. */
export function registerPersonalData(manifests: readonly { name: string; personalData?: PersonalData }[]): void {
  registered = manifests.flatMap((m) => (m.personalData ? [{ name: m.name, personalData: m.personalData }] : []));
}

/** The registered declarations, in module order. */
export function registeredPersonalData(): Registered[] {
  if (!registered) throw new Error('registerPersonalData() was not called: the modules’ declarations are unknown (buildApp and the CLI register them).');
  return registered;
}

export interface ErasureRequest {
  userId?: string;
  /** What the caller knows besides the account (another address the person used). */
  emails?: string[];
  names?: string[];
  baseUrl: string;
  files?: FileStore;
  ip?: string;
  now?: Date;
}

function addTo(person: PersonRef, more: { emails?: string[]; names?: string[] }): void {
  for (const e of more.emails ?? []) {
    const email = e.trim().toLowerCase();
    if (email.includes('@') && !isErasedEmail(email) && !person.emails.includes(email)) person.emails.push(email);
  }
  for (const n of more.names ?? []) {
    const name = n.trim();
    if ([...name].length >= 2 && !name.startsWith('erased:') && !person.names.some((x) => x.toLowerCase() === name.toLowerCase())) person.names.push(name);
  }
}

/**
 * Erases a person everywhere: each module's eraser, then the platform's own tables (accounts,
 * sessions, sign-in links, roles, the outbox, mail received, jobs, the audit log), in one transaction, audited
 * as `privacy.erasure` with the pseudonym only. The Secretariat only. Returns null when there is
 * nobody to erase (an unknown account).
 */
export async function erasePerson(db: Db, actor: MaybeActor, req: ErasureRequest): Promise<{ pseudonym: string } | null> {
  authorize(platformPolicy.erasePersonalData(actor), 'privacy.erase');
  const modules = registeredPersonalData();
  const files: string[] = [];
  const done = await db.transaction(async (tx) => {
    const person = await findPerson(tx, modules, { userId: req.userId, emails: req.emails, names: req.names }, true);
    if (!person) return null;
    // A pseudonym nobody can recompute from the address (a plain hash of an e-mail could be guessed).
    const pseudonym = `erased:${createHash('sha256').update(`${randomUUID()}:${person.emails[0] ?? person.userId}`).digest('hex').slice(0, 16)}`;
    const ctx: ErasureContext = { now: req.now ?? new Date(), baseUrl: req.baseUrl, pseudonym, removeFile: (key) => files.push(key) };
    for (const m of modules) await m.personalData.erase?.(tx, person, ctx);
    await erasePlatformData(tx, person, pseudonym);
    const who = actor && actor.id === person.userId ? { ...actor, email: pseudonym, name: ERASED_NAME } : actor;
    await recordAudit(tx, who, { action: 'privacy.erasure', targetType: 'person', targetId: pseudonym, after: { modules: modules.map((m) => m.name) }, ip: who === actor ? req.ip : '' });
    return { pseudonym };
  });
  for (const key of files) await req.files?.remove(key).catch(() => {});
  return done;
}

/**
 * Who the person is: their account (locked for an erasure), what the caller adds, then every
 * address and name the modules know them by, asked again until nothing new comes. Null when there
 * is nobody (an unknown account, no address).
 */
export async function findPerson(tx: Executor, modules: readonly Registered[], req: { userId?: string; emails?: string[]; names?: string[] }, lock = false): Promise<PersonRef | null> {
  const person: PersonRef = { userId: req.userId, emails: [], names: [] };
  if (req.userId) {
    const query = tx.select().from(users).where(eq(users.id, req.userId));
    const [u] = lock ? await query.for('update') : await query;
    if (!u) return null;
    addTo(person, { emails: [u.email], names: [u.name] });
  }
  addTo(person, { emails: req.emails, names: req.names });
  if (!person.userId && !person.emails.length) return null;
  for (let round = 0; round < 3; round++) {
    const size = person.emails.length + person.names.length;
    for (const m of modules) if (m.personalData.identify) addTo(person, await m.personalData.identify(tx, person));
    if (person.emails.length + person.names.length === size) break;
  }
  return person;
}

/** The platform's own tables. */
async function erasePlatformData(tx: Executor, person: PersonRef, pseudonym: string): Promise<void> {
  // Accounts: the person's, and any other account under one of their addresses.
  const byEmail = person.emails.length ? await tx.select({ id: users.id }).from(users).where(inArray(users.email, person.emails)) : [];
  const userIds = [...new Set([...(person.userId ? [person.userId] : []), ...byEmail.map((u) => u.id)])];
  if (userIds.length) {
    await tx.delete(sessions).where(inArray(sessions.userId, userIds));
    await tx.delete(signInTokens).where(inArray(signInTokens.userId, userIds));
    await tx.delete(ssoLinks).where(inArray(ssoLinks.userId, userIds));
    await tx.delete(userRoles).where(inArray(userRoles.userId, userIds));
    for (const id of userIds) {
      await tx
        .update(users)
        .set({ email: erasedEmail(id), name: ERASED_NAME, locale: null, passwordHash: null, disabledAt: sql`coalesce(${users.disabledAt}, now())` })
        .where(eq(users.id, id));
    }
  }

  // Every e-mail to them or about them (Mailbox copies included) is deleted.
  const re = identifierPattern(person);
  const likes = likePatterns(person);
  if (re) {
    const toThem = person.emails.length ? [inArray(sql`lower(${outbox.toAddress})`, person.emails)] : [];
    const aboutThem = [outbox.subject, outbox.text, outbox.html].flatMap((c) => likes.map((p) => sql`${c} ilike ${p}`));
    const candidates = await tx
      .select({ id: outbox.id, to: outbox.toAddress, subject: outbox.subject, text: outbox.text, html: outbox.html })
      .from(outbox)
      .where(or(...toThem, ...aboutThem));
    const ids = candidates.filter((m) => person.emails.includes(m.to.toLowerCase()) || [m.subject, m.text, m.html].some((s) => mentions(re, s))).map((m) => m.id);
    for (let i = 0; i < ids.length; i += 1000) await tx.delete(outbox).where(inArray(outbox.id, ids.slice(i, i + 1000)));
  }
  // Mail received from them (replies by e-mail): the record of each message goes; what it posted is the module's to erase.
  if (person.emails.length) await tx.delete(inboundMail).where(inArray(inboundMail.fromAddress, person.emails));
  await scrubColumns(tx, inboundMail, inboundMail.id, [inboundMail.detail], person, pseudonym);
  await scrubColumns(tx, jobs, jobs.id, [jobs.payload, jobs.lastError], person, pseudonym);
  await scrubColumns(tx, formSubmissions, formSubmissions.key, [formSubmissions.result], person, pseudonym);
  // An API token named after them (the token and who made it stay: the account is anonymised).
  await scrubColumns(tx, apiTokens, apiTokens.id, [apiTokens.name], person, pseudonym);

  // The audit log stays (append-only in spirit): the person becomes the pseudonym, their addresses (IP) go.
  await scrubColumns(tx, auditLog, auditLog.id, [auditLog.actorEmail, auditLog.targetId, auditLog.before, auditLog.after], person, pseudonym);
  const theirs = [eq(auditLog.actorEmail, pseudonym), ...(userIds.length ? [inArray(auditLog.actorId, userIds)] : [])];
  await tx.update(auditLog).set({ ip: '' }).where(or(...theirs));
}
