import { describe, expect, it } from 'vitest';
import type { Actor, MaybeActor } from '../../platform/policy.js';
import { ACTORS } from '../../testing/policy.js';
import { workingGroupPolicy, type GroupRef, type WorkingGroupAction } from './policy.js';

const OPEN: GroupRef = { id: 'g1', closedAt: null };
const CLOSED: GroupRef = { id: 'g1', closedAt: new Date('2026-01-01') };
const person = (roles: [string, string][]): Actor => ({ id: 'p', email: 'p@example.org', name: 'P', locale: null, roles: roles.map(([role, scope]) => ({ role, scope })) });

/** The usual kinds of people, and people of groups: the roles are scoped, so another group's chair is nobody here. */
const WHO = {
  ...ACTORS,
  chair: person([['member', ''], ['wg_chair', 'g1']]),
  groupMember: person([['member', ''], ['wg_member', 'g1']]),
  otherChair: person([['member', ''], ['wg_chair', 'g2']]),
  otherGroupMember: person([['member', ''], ['wg_member', 'g2']]),
} satisfies Record<string, MaybeActor>;
type Who = keyof typeof WHO;

const only = (...who: Who[]) => Object.fromEntries(Object.keys(WHO).map((w) => [w, who.includes(w as Who)])) as Record<Who, boolean>;
const all = only(...(Object.keys(WHO) as Who[]));

/** Rule × person, for an open group and for a closed one. */
const TABLE: Record<WorkingGroupAction, { open: Record<Who, boolean>; closed: Record<Who, boolean> }> = {
  view: { open: all, closed: all },
  administer: { open: only('secretariat'), closed: only('secretariat') },
  governGroup: { open: only('secretariat'), closed: only('secretariat') },
  askToJoin: { open: only('member', 'otherChair', 'otherGroupMember'), closed: only() },
  leave: { open: only('groupMember'), closed: only('groupMember') },
  manage: { open: only('chair', 'secretariat'), closed: only('chair', 'secretariat') },
  decideMembership: { open: only('chair', 'secretariat'), closed: only() },
  editTexts: { open: only('chair', 'secretariat'), closed: only('chair', 'secretariat') },
  writeReports: { open: only('chair', 'secretariat'), closed: only() },
  translateReports: { open: only('chair', 'secretariat'), closed: only() },
  readDrafts: { open: only('chair', 'groupMember', 'secretariat'), closed: only('chair', 'groupMember', 'secretariat') },
};

describe('working groups policy: role × action, open and closed groups', () => {
  it('has a row for every rule', () => expect(Object.keys(TABLE).sort()).toEqual(Object.keys(workingGroupPolicy).sort()));
  for (const [rule, rows] of Object.entries(TABLE) as [WorkingGroupAction, (typeof TABLE)[WorkingGroupAction]][]) {
    for (const [state, group] of [['open', OPEN], ['closed', CLOSED]] as const) {
      it(`${rule} on an ${state} group`, () => {
        const got = Object.fromEntries((Object.keys(WHO) as Who[]).map((w) => [w, (workingGroupPolicy[rule] as (a: MaybeActor, g: GroupRef) => boolean)(WHO[w], group)]));
        expect(got).toEqual(rows[state]);
      });
    }
  }
});
