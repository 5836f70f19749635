/**
 * Places, as plain functions (no database): how many are free for a category, who is offered a
 * freed place next. The database verbs in registration.ts call these under the meeting's row lock.
 */
export const REG_STATUSES = ['confirmed', 'waiting', 'offered', 'pending', 'cancelled', 'declined', 'expired'] as const;
export type RegStatus = (typeof REG_STATUSES)[number];

/** Places taken: confirmed registrations and offers still open, in total and per category. */
export interface Usage {
  total: number;
  byCategory: Record<string, number>;
}

export interface Limits {
  capacity: number | null;
  quotas: Record<string, number | null>;
}

/** Free places for a category: the smaller of what is left in total and in the category's own quota. */
export function availableFor(limits: Limits, usage: Usage, categoryId: string): number {
  if (limits.capacity === null) return 0;
  const total = limits.capacity - usage.total;
  const quota = limits.quotas[categoryId];
  const inCategory = quota === null || quota === undefined ? Number.POSITIVE_INFINITY : quota - (usage.byCategory[categoryId] ?? 0);
  return Math.max(0, Math.min(total, inCategory));
}

export function take(usage: Usage, categoryId: string): Usage {
  return { total: usage.total + 1, byCategory: { ...usage.byCategory, [categoryId]: (usage.byCategory[categoryId] ?? 0) + 1 } };
}

/**
 * Who is offered places now: walk the waiting list in order and offer a place to each person
 * whose category still has one, until no place is left. A person whose category is full is
 * passed over (keeping their place in line) for someone behind them whose category is not.
 */
export function nextOffers<T extends { id: string; categoryId: string }>(waiting: readonly T[], limits: Limits, usage: Usage): T[] {
  const offers: T[] = [];
  let u = usage;
  for (const w of waiting) {
    if (limits.capacity !== null && u.total >= limits.capacity) break;
    if (availableFor(limits, u, w.categoryId) > 0) {
      offers.push(w);
      u = take(u, w.categoryId);
    }
  }
  return offers;
}

/** Registration opens and closes at set instants (stored in UTC, shown in the meeting's zone). */
/** The next moment at which what a page says about these meetings changes by the clock alone (registration opens or closes, ...). */
export function nextChangeAt(ms: readonly { registrationOpensAt: Date | null; registrationClosesAt: Date | null; financingClosesAt: Date | null; startsAt: Date; endsAt: Date }[], now: Date): Date | null {
  const later = ms.flatMap((m) => [m.registrationOpensAt, m.registrationClosesAt, m.financingClosesAt, m.startsAt, m.endsAt]).filter((d): d is Date => !!d && d > now);
  return later.length ? new Date(Math.min(...later.map((d) => d.getTime()))) : null;
}

export function registrationWindow(m: { status: string; registrationOpensAt: Date | null; registrationClosesAt: Date | null; capacity: number | null }, now: Date): 'open' | 'not-yet' | 'closed' | 'none' {
  if (m.capacity === null || m.status === 'draft') return 'none';
  if (m.status !== 'open') return 'closed';
  if (m.registrationOpensAt && now < m.registrationOpensAt) return 'not-yet';
  if (m.registrationClosesAt && now >= m.registrationClosesAt) return 'closed';
  return 'open';
}
