import { describe, expect, it } from 'vitest';
import { platformPolicy, type Actor } from './policy.js';
import { ACTORS, SECRETARIAT, SIGNED_IN, policyTable } from '../testing/policy.js';

policyTable('platform policy', platformPolicy, {
  viewAdmin: SECRETARIAT,
  readMailbox: SECRETARIAT,
  manageMailSettings: SECRETARIAT,
  readAuditLog: SECRETARIAT,
  manageUsers: SECRETARIAT,
  viewExports: SECRETARIAT,
  translate: SECRETARIAT,
  erasePersonalData: SECRETARIAT,
  manageAccount: SIGNED_IN,
  signInWithSso: { ...SECRETARIAT, steering: true },
});

describe('platform roles', () => {
  it('a role with a scope does not count as the platform-wide role', () => {
    const scoped: Actor = { ...ACTORS.user, roles: [{ role: 'secretariat', scope: 'wg-1' }] };
    expect(platformPolicy.readMailbox(scoped)).toBe(false);
  });
});
