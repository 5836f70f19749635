import { NOBODY, SECRETARIAT, policyTable } from '../../testing/policy.js';
import { figuresPolicy } from './policy.js';

policyTable('figures policy', figuresPolicy, {
  dashboard: { ...NOBODY, steering: true, secretariat: true },
  setTargets: SECRETARIAT,
});
