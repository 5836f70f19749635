import { describe, expect, it } from 'vitest';
import { availableFor, nextOffers, registrationWindow, take, type Limits, type Usage } from './allocation.js';

const limits: Limits = { capacity: 10, quotas: { delegation: 3, member: null } };
const empty: Usage = { total: 0, byCategory: {} };

describe('free places', () => {
  it('is what is left of the capacity for a category without its own quota', () => {
    expect(availableFor(limits, { total: 4, byCategory: { member: 4 } }, 'member')).toBe(6);
  });
  it('is capped by the category’s quota inside the capacity', () => {
    expect(availableFor(limits, { total: 2, byCategory: { delegation: 2 } }, 'delegation')).toBe(1);
    expect(availableFor(limits, { total: 3, byCategory: { delegation: 3 } }, 'delegation')).toBe(0);
  });
  it('is capped by the capacity even when the quota has room', () => {
    expect(availableFor(limits, { total: 9, byCategory: { member: 9 } }, 'delegation')).toBe(1);
    expect(availableFor(limits, { total: 10, byCategory: { member: 10 } }, 'delegation')).toBe(0);
  });
  it('never goes below zero (capacity lowered under what is taken)', () => {
    expect(availableFor({ capacity: 5, quotas: {} }, { total: 8, byCategory: {} }, 'x')).toBe(0);
  });
  it('is zero when the meeting takes no registrations', () => {
    expect(availableFor({ capacity: null, quotas: {} }, empty, 'x')).toBe(0);
  });
});

describe('offering freed places', () => {
  const w = (id: string, categoryId: string) => ({ id, categoryId });
  it('goes down the waiting list in order', () => {
    const u = { total: 8, byCategory: { member: 8 } };
    expect(nextOffers([w('a', 'member'), w('b', 'member'), w('c', 'member')], limits, u).map((x) => x.id)).toEqual(['a', 'b']);
  });
  it('passes over someone whose category is full, for the next person whose category is not', () => {
    const u = { total: 9, byCategory: { delegation: 3, member: 6 } };
    expect(nextOffers([w('d', 'delegation'), w('m', 'member')], limits, u).map((x) => x.id)).toEqual(['m']);
  });
  it('offers nothing when no place is free', () => {
    expect(nextOffers([w('a', 'member')], limits, { total: 10, byCategory: {} })).toEqual([]);
  });
  it('counts each offer as a taken place', () => {
    expect(take(empty, 'member')).toEqual({ total: 1, byCategory: { member: 1 } });
  });
});

describe('registration window', () => {
  const m = { status: 'open', capacity: 300, registrationOpensAt: new Date('2024-06-01T00:00:00Z'), registrationClosesAt: new Date('2024-08-31T21:59:59Z') };
  it('is open between the set instants only', () => {
    expect(registrationWindow(m, new Date('2024-05-31T23:59:59Z'))).toBe('not-yet');
    expect(registrationWindow(m, new Date('2024-07-01T00:00:00Z'))).toBe('open');
    expect(registrationWindow(m, new Date('2024-08-31T21:59:59Z'))).toBe('closed');
  });
  it('is closed when the meeting is closed, and absent for a draft or without capacity', () => {
    expect(registrationWindow({ ...m, status: 'closed' }, new Date('2024-07-01'))).toBe('closed');
    expect(registrationWindow({ ...m, status: 'draft' }, new Date('2024-07-01'))).toBe('none');
    expect(registrationWindow({ ...m, capacity: null }, new Date('2024-07-01'))).toBe('none');
  });
});
