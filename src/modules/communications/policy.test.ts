import { SECRETARIAT, policyTable } from '../../testing/policy.js';
import { communicationsPolicy } from './policy.js';

policyTable('communications policy', communicationsPolicy, {
  manageSubscribers: SECRETARIAT,
  manageIssues: SECRETARIAT,
});
