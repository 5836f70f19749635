import { SECRETARIAT, SIGNED_IN, policyTable } from '../../testing/policy.js';
import { communicationsPolicy } from './policy.js';

policyTable('communications policy', communicationsPolicy, {
  manageSubscribers: SECRETARIAT,
  manageIssues: SECRETARIAT,
  ownSubscription: SIGNED_IN,
});
