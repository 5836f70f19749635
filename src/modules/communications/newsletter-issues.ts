import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { noteTexts, type TranslatableKind } from '../../platform/translations/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { communicationsPolicy } from './policy.js';
import { countriesInIncomeGroups, countriesInRegion, type IncomeGroup, type UnescoRegion } from '../../platform/geo/countries.js';
import { getSetting, getSiteSettings, setSetting } from '../../platform/settings/service.js';
import { localize, type I18nText } from '../../platform/i18n/content.js';
import { personalize, renderIssueMail, versionFor, type RenderedIssue } from './newsletter-render.js';
import { queueMail, type MailTemplate } from '../../platform/mail/outbox.js';
import { translate } from '../../platform/i18n/messages.js';
import { activeMemberEmails } from '../membership/service.js';
import { confirmedParticipantEmails } from '../meetings/service.js';
import { newsletterDeliveries, newsletterIssues, subscriptions, type Audience, type IssueVersion } from './schema.js';

export type IssueRow = typeof newsletterIssues.$inferSelect;
export const ISSUE_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

const secretariat = (actor: MaybeActor) => authorize(communicationsPolicy.manageIssues(actor), 'newsletter.manage');

/** Opens the Secretariat's newsletter pages (before anything else is read from the request). */
export const requireIssueAccess = (actor: MaybeActor): void => secretariat(actor);

// ——— Settings ———

export interface NewsletterSettings {
  /** Permanent refusals in a row after which an address is marked undeliverable. */
  hardBounceLimit: number;
  /** Defaults for a new issue. */
  rate: number;
  batchSize: number;
}
export const DEFAULT_NEWSLETTER_SETTINGS: NewsletterSettings = { hardBounceLimit: 3, rate: 50, batchSize: 100 };
const SETTINGS_KEY = 'communications.newsletter';

export async function newsletterSettings(db: Executor): Promise<NewsletterSettings> {
  return { ...DEFAULT_NEWSLETTER_SETTINGS, ...((await getSetting<Partial<NewsletterSettings>>(db, SETTINGS_KEY)) ?? {}) };
}

export async function saveNewsletterSettings(db: Db, actor: MaybeActor, next: NewsletterSettings): Promise<void> {
  secretariat(actor);
  await db.transaction(async (tx) => {
    const before = await newsletterSettings(tx);
    await setSetting(tx, SETTINGS_KEY, next);
    await recordAudit(tx, actor, { action: 'newsletter.settings', targetType: 'setting', targetId: SETTINGS_KEY, before, after: next });
  });
}

// ——— Audience ———

/**
 * The subscribers an audience reaches: subscribed, deliverable, and matching every filter given.
 * Membership, meeting and working-group filters use those modules' records, not declarations.
 */
export function audienceWhere(a: Audience): SQL {
  const where: SQL[] = [eq(subscriptions.status, 'subscribed'), isNull(subscriptions.undeliverableAt)];
  if (a.topics?.length) where.push(sql`${subscriptions.topics} && ${sql.param(a.topics)}::text[]`);
  if (a.locales?.length) where.push(inArray(subscriptions.locale, a.locales));
  if (a.membership === 'members') where.push(inArray(subscriptions.email, activeMemberEmails()));
  if (a.membership === 'others') where.push(sql`${subscriptions.email} not in ${activeMemberEmails()}`);
  if (a.workingGroupSlug) where.push(inArray(subscriptions.email, activeMemberEmails(a.workingGroupSlug)));
  if (a.meetingId) where.push(inArray(subscriptions.email, confirmedParticipantEmails(a.meetingId)));
  const countries = new Set<string>();
  for (const r of a.regions ?? []) for (const c of countriesInRegion(r as UnescoRegion)) countries.add(c);
  const byIncome = a.incomeGroups?.length ? new Set(countriesInIncomeGroups(a.incomeGroups as IncomeGroup[])) : null;
  if (a.regions?.length || byIncome) {
    const list = a.regions?.length ? [...countries].filter((c) => !byIncome || byIncome.has(c)) : [...byIncome!];
    where.push(list.length ? inArray(subscriptions.country, list) : sql`false`);
  }
  return and(...where)!;
}

/**
 * The subscribers an audience reaches, with what a mail to each needs (their language, and the
 * subscription for its unsubscribe link): for other modules' announcements to the same audiences
 * as the newsletter, which thereby respect every unsubscribe.
 */
export async function audienceRecipients(db: Executor, a: Audience): Promise<{ id: string; email: string; name: string; locale: string }[]> {
  return db.select({ id: subscriptions.id, email: subscriptions.email, name: subscriptions.name, locale: subscriptions.locale }).from(subscriptions).where(audienceWhere(a)).orderBy(subscriptions.email);
}

export async function audienceCount(db: Executor, a: Audience): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(subscriptions).where(audienceWhere(a));
  return n;
}

// ——— Issues ———

export async function listIssues(db: Executor, actor: MaybeActor) {
  secretariat(actor);
  const [issues, counts] = await Promise.all([
    db.select().from(newsletterIssues).orderBy(desc(newsletterIssues.createdAt)),
    db.select({ issueId: newsletterDeliveries.issueId, status: newsletterDeliveries.status, n: count() }).from(newsletterDeliveries).groupBy(newsletterDeliveries.issueId, newsletterDeliveries.status),
  ]);
  return issues.map((issue) => ({ issue, progress: tally(issue, counts.filter((c) => c.issueId === issue.id)) }));
}

export async function getIssue(db: Executor, actor: MaybeActor, id: string): Promise<IssueRow | null> {
  secretariat(actor);
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const [issue] = await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id));
  return issue ?? null;
}

export async function createIssue(db: Db, actor: MaybeActor, v: { slug: string; defaultLocale: Locale }): Promise<{ ok: true; id: string } | { ok: false; reason: 'slug-taken' }> {
  secretariat(actor);
  const settings = await newsletterSettings(db);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(newsletterIssues)
      .values({ slug: v.slug, defaultLocale: v.defaultLocale, rate: settings.rate, batchSize: settings.batchSize })
      .onConflictDoNothing({ target: newsletterIssues.slug })
      .returning({ id: newsletterIssues.id });
    if (!row) return { ok: false as const, reason: 'slug-taken' as const };
    await recordAudit(tx, actor, { action: 'newsletter.create', targetType: 'newsletter', targetId: v.slug });
    return { ok: true as const, id: row.id };
  });
}

const editable = (issue: IssueRow) => issue.status === 'draft' || issue.status === 'scheduled';

/** Saves one language's version (a blank subject and body removes it). Only before sending starts. */
export async function saveVersion(db: Db, actor: MaybeActor, issue: IssueRow, locale: Locale, v: IssueVersion | null): Promise<boolean> {
  secretariat(actor);
  if (!editable(issue)) return false;
  const versions = { ...issue.versions };
  if (v) versions[locale] = v;
  else delete versions[locale];
  await db.transaction(async (tx) => {
    await tx.update(newsletterIssues).set({ versions, updatedAt: sql`now()` }).where(eq(newsletterIssues.id, issue.id));
    await noteTexts(tx, { kind: 'newsletter-issue', item: issue.id, original: issueOriginal(issue) }, locale, versionTexts(issue.versions), versionTexts(versions));
  });
  return true;
}

const issueOriginal = (issue: Pick<IssueRow, 'defaultLocale'>): Locale => (isLocale(issue.defaultLocale) ? issue.defaultLocale : 'en');

/** An issue's versions as texts by field (subject, body), each with one text per language. */
function versionTexts(versions: IssueRow['versions']): Record<'subject' | 'body', I18nText> {
  const entries = Object.entries(versions) as [Locale, IssueVersion][];
  return { subject: Object.fromEntries(entries.map(([l, v]) => [l, v.subject])), body: Object.fromEntries(entries.map(([l, v]) => [l, v.body])) };
}

/** Issues not sent yet, for the translation screen: their subject and text in each language. */
export const issueTranslations: TranslatableKind = {
  kind: 'newsletter-issue',
  label: 'newsletter.issues.title',
  fields: [
    { name: 'subject', label: 'newsletter.issues.fields.subject', form: 'line', max: 200 },
    { name: 'body', label: 'newsletter.issues.fields.body', form: 'markdown', max: 100_000 },
  ],
  list: async (db) => (await db.select().from(newsletterIssues).where(inArray(newsletterIssues.status, ['draft', 'scheduled'])).orderBy(desc(newsletterIssues.createdAt))).map(issueItem),
  get: async (db, id) => {
    if (!/^[0-9a-f-]{36}$/.test(id)) return null;
    const [issue] = await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id));
    return issue && editable(issue) ? issueItem(issue) : null;
  },
  mayTranslate: (actor) => communicationsPolicy.manageIssues(actor),
  save: async (db, actor, id, locale, texts) => {
    const issue = await getIssue(db, actor, id);
    if (issue) await saveVersion(db, actor, issue, locale, texts.subject ? { subject: texts.subject, body: texts.body ?? '' } : null);
  },
};

function issueItem(issue: IssueRow) {
  const texts = versionTexts(issue.versions);
  return { id: issue.id, name: Object.keys(texts.subject).length ? texts.subject : { [issueOriginal(issue)]: issue.slug }, original: issueOriginal(issue), texts, href: `/admin/newsletter/${issue.id}` };
}

export async function saveAudience(db: Db, actor: MaybeActor, issue: IssueRow, audience: Audience, sending: { rate: number; batchSize: number }): Promise<boolean> {
  secretariat(actor);
  if (!editable(issue)) return false;
  await db.update(newsletterIssues).set({ audience, ...sending, updatedAt: sql`now()` }).where(eq(newsletterIssues.id, issue.id));
  return true;
}

export type ScheduleRefusal = 'no-default-version' | 'not-editable' | 'empty-audience';

/** Why an issue may not be sent (now or later): sending has started, no version in its default language, nobody in its audience. */
async function sendingRefusal(db: Executor, issue: IssueRow): Promise<ScheduleRefusal | null> {
  if (!editable(issue)) return 'not-editable';
  if (!issue.versions[issue.defaultLocale as Locale]?.subject.trim()) return 'no-default-version';
  if ((await audienceCount(db, issue.audience)) === 0) return 'empty-audience';
  return null;
}

/**
 * Schedules the issue (now or later): the worker starts it when due, fixing its recipients then.
 * Refused without a version in the default language, or with nobody in the audience. Audited.
 */
export async function scheduleIssue(db: Db, actor: MaybeActor, issue: IssueRow, at: Date): Promise<{ ok: true } | { ok: false; reason: ScheduleRefusal }> {
  secretariat(actor);
  const refused = await sendingRefusal(db, issue);
  if (refused) return { ok: false, reason: refused };
  await db.transaction(async (tx) => {
    await tx.update(newsletterIssues).set({ status: 'scheduled', scheduledAt: at, updatedAt: sql`now()` }).where(eq(newsletterIssues.id, issue.id));
    await recordAudit(tx, actor, { action: 'newsletter.schedule', targetType: 'newsletter', targetId: issue.slug, after: { at, audience: issue.audience, rate: issue.rate, batchSize: issue.batchSize } });
  });
  return { ok: true };
}

/**
 * Sending starts: the issue's recipients are fixed as delivery rows in one statement (unique per
 * issue and subscriber, so starting twice adds nobody twice) and the issue is marked sending, for
 * the worker to send. In the caller's transaction, the issue's row locked. Returns the recipients.
 */
export async function startSending(tx: Executor, issue: Pick<IssueRow, 'id' | 'audience'>): Promise<number> {
  await tx.execute(sql`
    insert into ${newsletterDeliveries} (issue_id, subscription_id, email, locale)
    select ${issue.id}, ${subscriptions.id}, ${subscriptions.email}, ${subscriptions.locale} from ${subscriptions} where ${audienceWhere(issue.audience)}
    on conflict do nothing`);
  const [{ n }] = await tx.select({ n: count() }).from(newsletterDeliveries).where(eq(newsletterDeliveries.issueId, issue.id));
  await tx.update(newsletterIssues).set({ status: 'sending', startedAt: sql`now()`, recipients: n, updatedAt: sql`now()` }).where(eq(newsletterIssues.id, issue.id));
  return n;
}

/**
 * "Send now": sending starts at once (its recipients fixed, the issue marked sending) rather than
 * waiting for the worker's next look at the schedule, so the page that follows says it is sending
 * and counts them. The same refusals as scheduling. Audited.
 */
export async function sendIssueNow(db: Db, actor: MaybeActor, issue: IssueRow): Promise<{ ok: true; recipients: number } | { ok: false; reason: ScheduleRefusal }> {
  secretariat(actor);
  const refused = await sendingRefusal(db, issue);
  if (refused) return { ok: false, reason: refused };
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(newsletterIssues).where(and(eq(newsletterIssues.id, issue.id), inArray(newsletterIssues.status, ['draft', 'scheduled']))).for('update');
    if (!row) return { ok: false as const, reason: 'not-editable' as const };
    await tx.update(newsletterIssues).set({ scheduledAt: sql`now()` }).where(eq(newsletterIssues.id, row.id));
    const recipients = await startSending(tx, row);
    await recordAudit(tx, actor, { action: 'newsletter.send', targetType: 'newsletter', targetId: row.slug, before: { status: row.status }, after: { status: 'sending', recipients, audience: row.audience, rate: row.rate, batchSize: row.batchSize } });
    return { ok: true as const, recipients };
  });
}

const TRANSITIONS: Record<'pause' | 'resume' | 'cancel' | 'unschedule', { from: IssueStatus[]; to: IssueStatus }> = {
  pause: { from: ['sending'], to: 'paused' },
  resume: { from: ['paused'], to: 'sending' },
  cancel: { from: ['scheduled', 'sending', 'paused'], to: 'cancelled' },
  unschedule: { from: ['scheduled'], to: 'draft' },
};

/**
 * Pause, resume, cancel (no one else gets it; who got it keeps it) or take back a scheduled issue.
 * A batch already handed to the mail server finishes. Audited.
 */
export async function changeSending(db: Db, actor: MaybeActor, issue: IssueRow, action: keyof typeof TRANSITIONS): Promise<boolean> {
  secretariat(actor);
  const rule = TRANSITIONS[action];
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(newsletterIssues)
      .set({ status: rule.to, leaseHolder: null, leaseUntil: null, updatedAt: sql`now()`, ...(rule.to === 'cancelled' ? { finishedAt: sql`now()` } : {}) })
      .where(and(eq(newsletterIssues.id, issue.id), inArray(newsletterIssues.status, rule.from)))
      .returning({ id: newsletterIssues.id });
    if (!row) return false;
    if (rule.to === 'cancelled') await tx.update(newsletterDeliveries).set({ status: 'cancelled' }).where(and(eq(newsletterDeliveries.issueId, issue.id), eq(newsletterDeliveries.status, 'pending')));
    await recordAudit(tx, actor, { action: `newsletter.${action}`, targetType: 'newsletter', targetId: issue.slug, before: { status: issue.status }, after: { status: rule.to } });
    return true;
  });
}

export interface Progress {
  recipients: number;
  sent: number;
  failed: number;
  cancelled: number;
  remaining: number;
  /** Seconds left at the issue's rate, while it sends. */
  etaSeconds: number | null;
}

/** Where sending stands, counted from the delivery rows. */
export async function progressOf(db: Executor, issue: IssueRow): Promise<Progress> {
  const rows = await db.select({ status: newsletterDeliveries.status, n: count() }).from(newsletterDeliveries).where(eq(newsletterDeliveries.issueId, issue.id)).groupBy(newsletterDeliveries.status);
  return tally(issue, rows);
}

/** Progress from the count of delivery rows by status. */
function tally(issue: IssueRow, rows: { status: string; n: number }[]): Progress {
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
  const remaining = (by.pending ?? 0) + (by.sending ?? 0);
  const recipients = rows.reduce((s, r) => s + r.n, 0);
  return { recipients, sent: by.sent ?? 0, failed: by.failed ?? 0, cancelled: by.cancelled ?? 0, remaining, etaSeconds: issue.status === 'sending' ? Math.ceil(remaining / Math.max(1, issue.rate)) : null };
}

// ——— Rendering ———

/**
 * The issue as an e-mail for a reader of `locale` (their version, else the default language's),
 * with the Alliance's name and a link to the issue's page in the archive; null without a version.
 */
export async function issueMailFor(db: Executor, issue: IssueRow, locale: string, baseUrl: string): Promise<RenderedIssue | null> {
  const found = versionFor(issue.versions, locale, issue.defaultLocale);
  if (!found) return null;
  const site = await getSiteSettings(db);
  return renderIssueMail(found.version, found.locale, { alliance: localize(site.name, found.locale, site.originalLocale).text, archiveUrl: `${baseUrl}/${found.locale}/newsletter/${issue.slug}` });
}

/** A test copy: the issue as subscribers get it, marked as a test, its links pointing to the subscribe page. */
const testMail: MailTemplate<{ subject: string; html: string; text: string }> = { name: 'newsletter.test', render: (_t, d) => d };

/** Sends the Secretariat member a test copy of the issue in their page's language (else the issue's own). */
export async function sendTestCopy(db: Db, actor: MaybeActor, issue: IssueRow, locale: string, baseUrl: string): Promise<'tested' | 'no-default-version'> {
  secretariat(actor);
  const r = await issueMailFor(db, issue, locale, baseUrl);
  if (!r) return 'no-default-version';
  const subscribe = `${baseUrl}/${r.locale}/subscribe`;
  const m = personalize(r, { preferences: subscribe, unsubscribe: subscribe });
  await queueMail(db, { to: actor!.email, locale: r.locale, template: testMail, data: { ...m, subject: `[${translate(r.locale, 'newsletter.issues.test.marker')}] ${m.subject}` } });
  return 'tested';
}

// ——— Public archive ———

/** Sent issues, newest first (the web archive and its feed). */
export async function sentIssues(db: Executor, limit = 50): Promise<IssueRow[]> {
  return db.select().from(newsletterIssues).where(eq(newsletterIssues.status, 'sent')).orderBy(desc(newsletterIssues.startedAt)).limit(limit);
}

/** The newest issue sent, as another page shows it: its address, and its subject in the reader's language (else its own, with that language). */
export async function latestIssue(db: Executor, locale: Locale): Promise<{ slug: string; subject: string; locale: Locale } | null> {
  const [issue] = await sentIssues(db, 1);
  const shown = issue ? versionFor(issue.versions, locale, issue.defaultLocale) : null;
  return issue && shown ? { slug: issue.slug, subject: shown.version.subject, locale: shown.locale } : null;
}

export async function sentIssue(db: Executor, slug: string): Promise<IssueRow | null> {
  const [issue] = await db.select().from(newsletterIssues).where(and(eq(newsletterIssues.slug, slug), eq(newsletterIssues.status, 'sent')));
  return issue ?? null;
}
