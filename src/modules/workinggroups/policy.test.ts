import { EVERYONE, policyTable } from '../../testing/policy.js';
import { workingGroupPolicy } from './policy.js';

policyTable('working groups policy', workingGroupPolicy, { view: EVERYONE });
