import { describe, expect, it } from 'vitest';
import { ACTORS, SECRETARIAT, SIGNED_IN, policyTable } from '../../testing/policy.js';
import { meetingPolicy } from './policy.js';

const draft = [{ status: 'draft' }];
policyTable('meetings policy (a draft meeting for view)', meetingPolicy, {
  view: SECRETARIAT,
  ownRegistration: SIGNED_IN,
  administer: SECRETARIAT,
  edit: SECRETARIAT,
  registrations: SECRETARIAT,
  moderate: SECRETARIAT,
  financing: SECRETARIAT,
  checkIn: SECRETARIAT,
}, { view: draft });

describe('meetings policy', () => {
  it('an open, closed or archived meeting is public', () => {
    for (const status of ['open', 'closed', 'archived']) for (const actor of Object.values(ACTORS)) expect(meetingPolicy.view(actor, { status })).toBe(true);
  });
});
