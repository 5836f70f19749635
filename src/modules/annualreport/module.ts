import type { ModuleManifest } from '../../platform/module.js';
import { annualReportRoutes } from './routes.js';
import { annualReportPolicy } from './service.js';

/**
 * The Steering Committee's annual report: each year's published figures of who took part and what
 * every module did in it (src/platform/annual-report/), as a tagged PDF in English, French and the
 * languages the year's texts are written in. It reads the figures through the figures module's
 * service and the modules' sections through the platform, never another module's tables.
 */
export const annualReportModule: ModuleManifest = {
  name: 'annualreport',
  routes: annualReportRoutes,
  navigation: [{ label: 'annualReport.title', href: '/admin/annual-report', area: 'admin', order: 62, visible: annualReportPolicy.view }],
};
