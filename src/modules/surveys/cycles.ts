/**
 * Setting up a priority-setting cycle (the Secretariat): its title and introduction, how members
 * vote, and its four dates — the call for themes, then the vote. The dates must follow each other;
 * the method and the weighting cannot change once the vote has opened (ballots already cast were
 * cast under them).
 */
import { count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { authorize, type MaybeActor } from '../../platform/policy.js';
import { recordAudit } from '../../platform/audit/service.js';
import { claimSubmission } from '../../platform/forms/once.js';
import { field } from '../../platform/forms/fields.js';
import { fromLocal } from '../../platform/forms/datetime.js';
import type { FieldError } from '../../platform/forms/validate.js';
import { localize, withText } from '../../platform/i18n/content.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { CURRENT_INCOME_YEAR } from '../../platform/geo/countries.js';
import { priorityBallots, priorityCycles, priorityThemes, VOTE_METHODS, WEIGHTINGS } from './schema.js';
import { priorityPolicy } from './policy.js';
import { cycleView, type CycleRow } from './priorities.js';
import { noteCycleTexts } from './translations.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { listConsultations } from '../consultations/service.js';

export const cycleBody = z.object({
  slug: field.slug('surveys.errors.slug'),
  title: field.text({ max: 200 }),
  intro: field.optionalText({ max: 4000 }),
  method: field.choice(VOTE_METHODS),
  approvalLimit: field.wholeNumber(1, 20, 'surveys.cycles.errors.limit'),
  weighting: field.choice(WEIGHTINGS),
  proposalsOpenAt: field.dateTime(),
  proposalsCloseAt: field.dateTime(),
  votingOpensAt: field.dateTime(),
  votingClosesAt: field.dateTime(),
});
export type CycleInput = z.output<typeof cycleBody>;

const DATES = ['proposalsOpenAt', 'proposalsCloseAt', 'votingOpensAt', 'votingClosesAt'] as const;

/** The four dates read in UTC, or the field that is out of order. */
export function cycleDates(input: CycleInput): { ok: true; dates: Record<(typeof DATES)[number], Date> } | { ok: false; error: FieldError } {
  const dates = Object.fromEntries(DATES.map((d) => [d, fromLocal(input[d], 'UTC')])) as Record<(typeof DATES)[number], Date | null>;
  for (const [i, d] of DATES.entries()) {
    const at = dates[d];
    if (!at) return { ok: false, error: { field: d, key: 'form.errors.dateTime' } };
    const before = i > 0 ? dates[DATES[i - 1]!] : null;
    if (before && at < before) return { ok: false, error: { field: d, key: 'surveys.cycles.errors.order' } };
  }
  return { ok: true, dates: dates as Record<(typeof DATES)[number], Date> };
}

export async function cyclesForSecretariat(db: Executor, actor: MaybeActor): Promise<{ cycle: CycleRow; themes: number; ballots: number }[]> {
  authorize(priorityPolicy.curate(actor), 'priorities.list');
  const [cycles, themes, ballots] = await Promise.all([
    db.select().from(priorityCycles).orderBy(desc(priorityCycles.votingClosesAt)),
    db.select({ id: priorityThemes.cycleId, n: count() }).from(priorityThemes).where(eq(priorityThemes.state, 'proposed')).groupBy(priorityThemes.cycleId),
    db.select({ id: priorityBallots.cycleId, n: count() }).from(priorityBallots).groupBy(priorityBallots.cycleId),
  ]);
  return cycles.map((cycle) => ({ cycle, themes: themes.find((t) => t.id === cycle.id)?.n ?? 0, ballots: ballots.find((b) => b.id === cycle.id)?.n ?? 0 }));
}

/** A new cycle, its texts in the Secretariat's language (translations on the translation screen). */
export async function createCycle(db: Db, actor: MaybeActor, input: CycleInput, dates: Record<(typeof DATES)[number], Date>, locale: Locale, onceKey: unknown): Promise<{ ok: true; slug: string } | { ok: false; error: FieldError } | { ok: false; repeat: true }> {
  authorize(priorityPolicy.curate(actor), 'priorities.create');
  const slug = input.slug ?? `priorities-${dates.votingClosesAt.getUTCFullYear() + 1}`;
  return db.transaction(async (tx) => {
    if ((await claimSubmission(tx, onceKey)) !== null) return { ok: false as const, repeat: true as const };
    const [row] = await tx
      .insert(priorityCycles)
      .values({ slug, title: { [locale]: input.title }, intro: input.intro ? { [locale]: input.intro } : {}, originalLocale: locale, method: input.method, approvalLimit: input.approvalLimit, weighting: input.weighting, incomeYear: CURRENT_INCOME_YEAR, ...dates })
      .onConflictDoNothing({ target: priorityCycles.slug })
      .returning({ slug: priorityCycles.slug });
    if (!row) return { ok: false as const, error: { field: 'slug', key: 'surveys.errors.slugTaken' } };
    await recordAudit(tx, actor, { action: 'priorities.create', targetType: 'priority-cycle', targetId: slug, after: { method: input.method, weighting: input.weighting } });
    return { ok: true as const, slug };
  });
}

/** Changes a cycle's texts (in `locale`) and dates; its method and weighting only before the vote opens. */
export async function saveCycle(db: Db, actor: MaybeActor, cycle: CycleRow, input: CycleInput, dates: Record<(typeof DATES)[number], Date>, locale: Locale, now: Date): Promise<{ ok: true } | { ok: false; error: FieldError }> {
  authorize(priorityPolicy.curate(actor), 'priorities.edit');
  if (cycle.decidedAt) return { ok: false, error: { field: 'title', key: 'surveys.cycles.errors.decided' } };
  const voting = now >= cycle.votingOpensAt;
  if (voting && (input.method !== cycle.method || input.weighting !== cycle.weighting || input.approvalLimit !== cycle.approvalLimit)) return { ok: false, error: { field: 'method', key: 'surveys.cycles.errors.voting' } };
  const texts = { title: withText(cycle.title, locale, input.title), intro: withText(cycle.intro, locale, input.intro) };
  await db.transaction(async (tx) => {
    await tx
      .update(priorityCycles)
      .set({ ...texts, method: input.method, approvalLimit: input.approvalLimit, weighting: input.weighting, ...dates })
      .where(eq(priorityCycles.id, cycle.id));
    await noteCycleTexts(tx, cycle, texts);
    await recordAudit(tx, actor, { action: 'priorities.edit', targetType: 'priority-cycle', targetId: cycle.slug, before: { votingClosesAt: cycle.votingClosesAt.toISOString() }, after: { votingClosesAt: dates.votingClosesAt.toISOString() } });
  });
  return { ok: true };
}


/** The decision page's contents: the cycle (its tally once the vote has closed) and where adopted themes can lead. */
export async function decisionPage(db: Executor, actor: MaybeActor, slug: string, now: Date, locale: Locale) {
  authorize(priorityPolicy.prepareDecision(actor), 'priorities.decide');
  const view = await cycleView(db, actor, slug, now);
  if (!view) return null;
  const [groups, consultations] = await Promise.all([listWorkingGroups(db), listConsultations(db)]);
  const text = (v: Record<string, string | undefined>, original: string) => localize(v, locale, original as Locale).text;
  return {
    view,
    groups: groups.map((g) => ({ id: g.id, name: text(g.name, g.originalLocale) })),
    consultations: consultations.map((x) => ({ id: x.id, title: x.title })),
  };
}

/** The Secretariat's view of one cycle (its proposals in every state). */
export async function cycleForSecretariat(db: Executor, actor: MaybeActor, slug: string, now: Date) {
  authorize(priorityPolicy.curate(actor), 'priorities.edit');
  return cycleView(db, actor, slug, now);
}
