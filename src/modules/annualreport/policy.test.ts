import { NOBODY, policyTable } from '../../testing/policy.js';
import { annualReportPolicy } from './policy.js';

policyTable('annual report policy', annualReportPolicy, {
  view: { ...NOBODY, steering: true, secretariat: true },
});
