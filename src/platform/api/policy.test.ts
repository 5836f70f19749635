import { describe, expect, it } from 'vitest';
import { apiPolicy } from './policy.js';
import { ACTORS, SECRETARIAT, policyTable } from '../../testing/policy.js';
import type { Actor } from '../policy.js';

policyTable('API policy', apiPolicy, {
  manageTokens: SECRETARIAT,
});

describe('API tokens', () => {
  it('are not for a Secretariat role scoped to something else', () => {
    const scoped: Actor = { ...ACTORS.user, roles: [{ role: 'secretariat', scope: 'wg-1' }] };
    expect(apiPolicy.manageTokens(scoped)).toBe(false);
  });
});
