import { asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { meetingQuestions } from './schema.js';
import { meetingPolicy } from './policy.js';

export const QUESTION_KINDS = ['text', 'choice', 'yesno'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type QuestionRow = typeof meetingQuestions.$inferSelect;

export const questionField = (q: Pick<QuestionRow, 'id'>) => `q_${q.id.replace(/-/g, '')}`;

export async function questionsOf(db: Executor, meetingId: string): Promise<QuestionRow[]> {
  return db.select().from(meetingQuestions).where(eq(meetingQuestions.meetingId, meetingId)).orderBy(asc(meetingQuestions.position), asc(meetingQuestions.id));
}

/**
 * The rules for a meeting's own questions, added to the registration form's: a required question
 * must be answered; a choice must be one of its options (sent as the option's number); yes/no is yes or no.
 */
export function answersSchema(questions: QuestionRow[]) {
  const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
  const shape: Record<string, z.ZodType> = {};
  for (const q of questions) {
    const values = (q.kind === 'yesno' ? ['yes', 'no'] : q.options.map((_, i) => String(i))) as [string, ...string[]];
    const base = q.kind === 'text' ? z.string({ message: 'form.errors.required' }).trim().min(1, { message: 'form.errors.required' }).max(1000, { message: 'form.errors.tooLong' }) : z.enum(values, { message: 'form.errors.choose' });
    shape[questionField(q)] = z.preprocess(blank, q.required ? base : base.optional());
  }
  return z.object(shape);
}

export async function addQuestion(
  db: Db,
  actor: MaybeActor,
  meeting: { id: string; slug: string },
  q: { kind: QuestionKind; label: string; options: string[]; required: boolean; locale: Locale },
): Promise<void> {
  authorize(meetingPolicy.edit(actor), 'meetings.questions');
  await db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(meetingQuestions).where(eq(meetingQuestions.meetingId, meeting.id));
    await tx.insert(meetingQuestions).values({
      meetingId: meeting.id,
      kind: q.kind,
      label: { [q.locale]: q.label },
      options: q.kind === 'choice' ? q.options.map((o) => ({ [q.locale]: o })) : [],
      required: q.required,
      position: n,
    });
    await recordAudit(tx, actor, { action: 'meetings.question.add', targetType: 'meeting', targetId: meeting.slug, after: { kind: q.kind, label: q.label, options: q.options, required: q.required } });
  });
}

export async function removeQuestion(db: Db, actor: MaybeActor, meeting: { id: string; slug: string }, questionId: string): Promise<boolean> {
  authorize(meetingPolicy.edit(actor), 'meetings.questions');
  return db.transaction(async (tx) => {
    const [q] = await tx.select().from(meetingQuestions).where(eq(meetingQuestions.id, questionId));
    if (!q || q.meetingId !== meeting.id) return false;
    await tx.delete(meetingQuestions).where(eq(meetingQuestions.id, questionId));
    await recordAudit(tx, actor, { action: 'meetings.question.remove', targetType: 'meeting', targetId: meeting.slug, before: { kind: q.kind, label: q.label } });
    return true;
  });
}
