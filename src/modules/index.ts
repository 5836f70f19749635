import type { ModuleManifest } from '../platform/module.js';
import { siteModule } from './site/module.js';
import { workingGroupsModule } from './workinggroups/module.js';
import { meetingsModule } from './meetings/module.js';
import { communicationsModule } from './communications/module.js';
import { membershipModule } from './membership/module.js';
import { consultationsModule } from './consultations/module.js';
import { publicationsModule } from './publications/module.js';
import { surveysModule } from './surveys/module.js';
import { figuresModule } from './figures/module.js';
import { annualReportModule } from './annualreport/module.js';

/** The modules the app loads, in order. Adding a module is one line here. */
export const modules: ModuleManifest[] = [siteModule, workingGroupsModule, meetingsModule, communicationsModule, membershipModule, consultationsModule, publicationsModule, surveysModule, figuresModule, annualReportModule];
