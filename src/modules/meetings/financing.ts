import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { forUpdate } from '../../db/locks.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { incomeGroupOf, incomeYearAt, isIncomeYear } from '../../platform/geo/countries.js';
import { financingRequests, meetings, registrations } from './schema.js';
import { financingMail, financingRequestedMail } from './emails.js';
import { meetingPolicy } from './policy.js';

export type FinancingRow = typeof financingRequests.$inferSelect;
type Meeting = typeof meetings.$inferSelect;
type Registration = typeof registrations.$inferSelect;

export type FinancingRefusal = 'not-confirmed' | 'not-eligible' | 'closed' | 'no-budget' | 'exists';

/**
 * The World Bank classification (fiscal year) a meeting's financing reads income groups in: the
 * one the Secretariat chose, else the one in force when its registration opens (when it was
 * created, without an opening date).
 */
export function incomeYearOf(meeting: Pick<Meeting, 'financingIncomeYear' | 'registrationOpensAt' | 'createdAt'>): string {
  return isIncomeYear(meeting.financingIncomeYear) ? meeting.financingIncomeYear : incomeYearAt(meeting.registrationOpensAt ?? meeting.createdAt);
}

/** Who may ask: a confirmed participant from a country in an eligible income group (in the meeting's classification year), before the financing deadline. */
export function financingEligibility(meeting: Meeting, reg: Registration, now: Date): FinancingRefusal | null {
  if (meeting.financingBudget <= 0) return 'no-budget';
  if (reg.status !== 'confirmed') return 'not-confirmed';
  const group = incomeGroupOf(reg.country, incomeYearOf(meeting));
  if (!group || !meeting.financingIncomeGroups.includes(group)) return 'not-eligible';
  const closes = meeting.financingClosesAt ?? meeting.registrationClosesAt;
  if (closes && now >= closes) return 'closed';
  return null;
}

export async function financingOf(db: Executor, registrationId: string): Promise<FinancingRow | null> {
  const [row] = await db.select().from(financingRequests).where(eq(financingRequests.registrationId, registrationId));
  return row ?? null;
}

export async function requestFinancing(
  db: Db,
  registrationId: string,
  input: { travel: boolean; accommodation: boolean; justification: string; estimatedCost: number },
  now = new Date(),
): Promise<{ ok: true } | { ok: false; reason: FinancingRefusal }> {
  return db.transaction(async (tx) => {
    const [reg] = await tx.select().from(registrations).where(eq(registrations.id, registrationId)).for('update');
    if (!reg) return { ok: false, reason: 'not-confirmed' } as const;
    const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, reg.meetingId));
    const refusal = financingEligibility(meeting!, reg, now);
    if (refusal) return { ok: false, reason: refusal } as const;
    if (await financingOf(tx, reg.id)) return { ok: false, reason: 'exists' } as const;
    await tx.insert(financingRequests).values({ registrationId: reg.id, ...input });
    // The acknowledgement: what was asked, and when the decision comes.
    await queueMail(tx, {
      to: reg.email,
      locale: reg.locale as Locale,
      template: financingRequestedMail,
      data: {
        name: reg.name,
        meetingTitle: meeting!.title,
        originalLocale: meeting!.originalLocale,
        travel: input.travel,
        accommodation: input.accommodation,
        estimated: input.estimatedCost,
        currency: meeting!.financingCurrency,
        decisionAfter: (meeting!.financingClosesAt ?? meeting!.registrationClosesAt)?.toISOString() ?? null,
        timeZone: meeting!.timeZone,
      },
    });
    return { ok: true } as const;
  });
}

/** A cancelled registration's financing request is withdrawn, decided or not: nothing stays committed to it, nothing waits for a decision. */
export async function withdrawFinancing(tx: Executor, registrationId: string): Promise<void> {
  await tx.update(financingRequests).set({ status: 'withdrawn' }).where(and(eq(financingRequests.registrationId, registrationId), inArray(financingRequests.status, ['requested', 'approved', 'partly'])));
}

/** The budget: committed (approved amounts), asked for (requests not yet decided), and what remains. */
export async function financingBudget(db: Executor, meeting: Pick<Meeting, 'id' | 'financingBudget'>) {
  const [row] = await db
    .select({
      committed: sql<number>`coalesce(sum(${financingRequests.approvedAmount}) filter (where ${financingRequests.status} in ('approved','partly')), 0)::int`,
      pending: sql<number>`coalesce(sum(${financingRequests.estimatedCost}) filter (where ${financingRequests.status} = 'requested'), 0)::int`,
    })
    .from(financingRequests)
    .innerJoin(registrations, eq(registrations.id, financingRequests.registrationId))
    .where(eq(registrations.meetingId, meeting.id));
  const committed = row?.committed ?? 0;
  return { budget: meeting.financingBudget, committed, pending: row?.pending ?? 0, remaining: meeting.financingBudget - committed };
}

export async function listFinancing(db: Executor, actor: MaybeActor, meetingId: string) {
  authorize(meetingPolicy.financing(actor), 'meetings.financing');
  return db
    .select({ request: financingRequests, reg: registrations })
    .from(financingRequests)
    .innerJoin(registrations, eq(registrations.id, financingRequests.registrationId))
    .where(eq(registrations.meetingId, meetingId))
    .orderBy(asc(financingRequests.createdAt));
}

/** The financing requests of a meeting leaving the system (CSV/XLSX): audited with the number of rows. */
export async function exportFinancing(db: Db, actor: MaybeActor, meeting: { id: string; slug: string }, format: string, ip?: string) {
  authorize(meetingPolicy.financing(actor), 'meetings.financing');
  return db.transaction(async (tx) => {
    const rows = await listFinancing(tx, actor, meeting.id);
    await recordAudit(tx, actor, { action: 'meetings.financing.export', targetType: 'meeting', targetId: meeting.slug, after: { format, rows: rows.length }, ip });
    return rows;
  });
}

export type FinancingDecision = 'approve' | 'partly' | 'decline';

/**
 * The Secretariat's decision, against the budget (under the meeting's lock, so two decisions
 * cannot both spend the same remainder). Audited; the participant is told by e-mail.
 */
export async function decideFinancing(
  db: Db,
  actor: MaybeActor,
  input: { requestId: string; decision: FinancingDecision; amount?: number; note: string; ip?: string },
): Promise<'ok' | 'unknown' | 'decided' | 'over-budget' | 'bad-amount'> {
  authorize(meetingPolicy.financing(actor), 'meetings.financing');
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ request: financingRequests, reg: registrations })
      .from(financingRequests)
      .innerJoin(registrations, eq(registrations.id, financingRequests.registrationId))
      .where(eq(financingRequests.id, input.requestId));
    if (!found) return 'unknown';
    // The meeting's lock puts every decision on its budget in line; the request is read again under it.
    const [meeting] = await forUpdate(tx.select().from(meetings).where(eq(meetings.id, found.reg.meetingId)).$dynamic(), 'meeting');
    const [request] = await tx.select().from(financingRequests).where(eq(financingRequests.id, found.request.id));
    if (request!.status !== 'requested') return 'decided';
    const amount = input.decision === 'approve' ? found.request.estimatedCost : input.decision === 'partly' ? (input.amount ?? 0) : 0;
    if (input.decision === 'partly' && (amount <= 0 || amount >= found.request.estimatedCost)) return 'bad-amount';
    const { remaining } = await financingBudget(tx, meeting!);
    if (amount > remaining) return 'over-budget';
    const status = input.decision === 'approve' ? 'approved' : input.decision === 'partly' ? 'partly' : 'declined';
    await tx
      .update(financingRequests)
      .set({ status, approvedAmount: amount, decisionNote: input.note.trim().slice(0, 2000), decidedAt: sql`now()` })
      .where(and(eq(financingRequests.id, found.request.id), eq(financingRequests.status, 'requested')));
    await recordAudit(tx, actor, {
      action: `meetings.financing.${input.decision}`,
      targetType: 'financing',
      targetId: found.reg.email,
      before: { status: 'requested', estimated: found.request.estimatedCost },
      after: { status, amount, note: input.note.trim() },
      ip: input.ip,
    });
    await queueMail(tx, {
      to: found.reg.email,
      locale: found.reg.locale as Locale,
      template: financingMail,
      data: { name: found.reg.name, decision: status, amount, estimated: found.request.estimatedCost, currency: meeting!.financingCurrency, note: input.note.trim() },
    });
    return 'ok';
  });
}
