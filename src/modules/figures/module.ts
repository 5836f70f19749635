import type { ModuleManifest } from '../../platform/module.js';
import { figuresRoutes } from './routes.js';
import { figuresPolicy } from './service.js';
import { seedFigures } from './seed.js';
import { figuresApi } from './api-routes.js';

/**
 * Who takes part: the figures every module declares, side by side, year by year, on a public page
 * and the Steering Committee's targets for them. It reads the figures through the platform
 * (src/platform/figures/), never another module.
 */
export const figuresModule: ModuleManifest = {
  name: 'figures',
  routes: figuresRoutes,
  seed: seedFigures,
  /** GET /api/v1/figures: the published figures and the targets, as JSON. */
  apiRoutes: figuresApi,
  navigation: [
    { label: 'nav.whoTakesPart', href: '/who-takes-part', area: 'main', order: 40 },
    { label: 'figures.dashboard.title', href: '/admin/figures', area: 'admin', order: 60, visible: figuresPolicy.dashboard },
  ],
};
