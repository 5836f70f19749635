import { describe, expect, it } from 'vitest';
import { ACTORS, NOBODY, SECRETARIAT, SIGNED_IN, policyTable } from '../../testing/policy.js';
import { membershipPolicy } from './policy.js';

const recommended = { status: 'recommended', recommendedAt: new Date() };
policyTable(
  'membership policy (a recommended application; a member whose people include the person)',
  membershipPolicy,
  {
    reviewApplications: SECRETARIAT,
    decideApplications: SECRETARIAT,
    viewApplication: { ...SECRETARIAT, steering: true },
    voteOnApplication: { ...NOBODY, steering: true },
    addInternalNote: SECRETARIAT,
    steeringQueue: { ...SECRETARIAT, steering: true },
    steeringHome: { ...NOBODY, steering: true },
    changeDecisionRule: SECRETARIAT,
    manageMembers: SECRETARIAT,
    memberArea: { ...NOBODY, member: true },
    steeringArea: { ...NOBODY, steering: true },
    ownMemberships: SIGNED_IN,
    manageOwnMembership: SIGNED_IN,
  },
  { viewApplication: [recommended], voteOnApplication: [recommended], manageOwnMembership: [['u']] },
);

describe('membership policy', () => {
  it('the Committee sees an application only once it is recommended, and votes only while it is', () => {
    const submitted = { status: 'submitted', recommendedAt: null };
    expect(membershipPolicy.viewApplication(ACTORS.steering, submitted)).toBe(false);
    expect(membershipPolicy.viewApplication(ACTORS.secretariat, submitted)).toBe(true);
    expect(membershipPolicy.voteOnApplication(ACTORS.steering, { status: 'approved' })).toBe(false);
  });
  it('a member’s record is managed by its own people only', () => {
    expect(membershipPolicy.manageOwnMembership(ACTORS.secretariat, ['someone-else'])).toBe(false);
  });
});
