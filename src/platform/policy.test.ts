import { describe, expect, it } from 'vitest';
import { platformPolicy, type Actor, type MaybeActor, type PlatformAction } from './policy.js';
import { meetingPolicy } from '../modules/meetings/policy.js';

const person = (roles: string[]): Actor => ({ id: 'u', email: 'a@example.org', name: 'A', locale: null, roles: roles.map((role) => ({ role, scope: '' })) });

const actors: Record<string, MaybeActor> = {
  anonymous: null,
  user: person([]),
  member: person(['member']),
  steering: person(['steering']),
  secretariat: person(['secretariat']),
};

/** Who may do what on the platform: one row per action, one column per kind of person. */
const matrix: Record<PlatformAction, Record<keyof typeof actors, boolean>> = {
  viewAdmin: { anonymous: false, user: false, member: false, steering: true, secretariat: true },
  readMailbox: { anonymous: false, user: false, member: false, steering: false, secretariat: true },
  manageMailSettings: { anonymous: false, user: false, member: false, steering: false, secretariat: true },
  readAuditLog: { anonymous: false, user: false, member: false, steering: false, secretariat: true },
  manageUsers: { anonymous: false, user: false, member: false, steering: false, secretariat: true },
  erasePersonalData: { anonymous: false, user: false, member: false, steering: false, secretariat: true },
  manageAccount: { anonymous: false, user: true, member: true, steering: true, secretariat: true },
};

describe('platform policy: role × action', () => {
  it('covers every action', () => {
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(platformPolicy).sort());
  });
  for (const [action, row] of Object.entries(matrix)) {
    for (const [who, allowed] of Object.entries(row)) {
      it(`${who} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(platformPolicy[action as PlatformAction](actors[who]!)).toBe(allowed);
      });
    }
  }
  it('a role with a scope does not count as the platform-wide role', () => {
    const scoped: Actor = { ...person([]), roles: [{ role: 'secretariat', scope: 'wg-1' }] };
    expect(platformPolicy.readMailbox(scoped)).toBe(false);
  });
});

describe('meetings policy', () => {
  it('shows drafts to the Secretariat only', () => {
    for (const [who, actor] of Object.entries(actors)) {
      expect(meetingPolicy.view(actor, { status: 'draft' })).toBe(who === 'secretariat');
      expect(meetingPolicy.view(actor, { status: 'open' })).toBe(true);
    }
  });
});
