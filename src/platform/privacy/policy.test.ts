import { policyTable, SECRETARIAT, SIGNED_IN } from '../../testing/policy.js';
import { privacyPolicy } from './policy.js';

policyTable('privacy policy', privacyPolicy, {
  downloadOwnData: SIGNED_IN,
  exportPersonData: SECRETARIAT,
  manageRetention: SECRETARIAT,
});
