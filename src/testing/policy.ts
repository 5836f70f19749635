import { describe, expect, it } from 'vitest';
import type { Actor, MaybeActor } from '../platform/policy.js';

const person = (roles: string[]): Actor => ({ id: 'u', email: 'a@example.org', name: 'A', locale: null, roles: roles.map((role) => ({ role, scope: '' })) });

/** The kinds of people every policy table is written for. */
export const ACTORS = {
  anonymous: null as MaybeActor,
  user: person([]),
  member: person(['member']),
  steering: person(['steering']),
  secretariat: person(['secretariat']),
};
export type Who = keyof typeof ACTORS;
export type Row = Record<Who, boolean>;

export const NOBODY: Row = { anonymous: false, user: false, member: false, steering: false, secretariat: false };
export const EVERYONE: Row = { anonymous: true, user: true, member: true, steering: true, secretariat: true };
export const SIGNED_IN: Row = { ...EVERYONE, anonymous: false };
export const SECRETARIAT: Row = { ...NOBODY, secretariat: true };

/**
 * A policy's role × action table: one row per rule (every rule of the policy must have one), one
 * column per kind of person; `args` gives the rest of a rule's arguments (the thing acted on).
 */
export function policyTable<P extends Record<string, (actor: MaybeActor, ...rest: never[]) => boolean>>(name: string, policy: P, table: Record<keyof P, Row>, args: Partial<Record<keyof P, unknown[]>> = {}) {
  describe(`${name}: role × action`, () => {
    it('has a row for every rule', () => expect(Object.keys(table).sort()).toEqual(Object.keys(policy).sort()));
    for (const [rule, row] of Object.entries(table) as [keyof P & string, Row][]) {
      for (const [who, allowed] of Object.entries(row) as [Who, boolean][]) {
        it(`${who} ${allowed ? 'may' : 'may not'} ${rule}`, () => {
          expect((policy[rule] as unknown as (a: MaybeActor, ...r: unknown[]) => boolean)(ACTORS[who], ...(args[rule] ?? []))).toBe(allowed);
        });
      }
    }
  });
}
