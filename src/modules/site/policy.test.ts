import { EVERYONE, SECRETARIAT, policyTable } from '../../testing/policy.js';
import { sitePolicy } from './policy.js';

policyTable('site policy', sitePolicy, { view: EVERYONE, editPages: SECRETARIAT, editSettings: SECRETARIAT });
