import type { ModuleManifest } from './module.js';
import { registerPersonalData } from './privacy/service.js';
import { registerEventHandlers } from './events.js';
import { registerCatalog } from './catalog.js';
import { registerPanels } from './panels.js';
import { registerTodo } from './todo.js';
import { registerFigures } from './figures/contract.js';
import { registerAnnualReport } from './annual-report/contract.js';

/** Hands the platform what every manifest declares — erasure, events, exports, roles, panels, work waiting, figures, annual report sections — once, when the app or the command line starts. */
export function adoptManifests(manifests: readonly ModuleManifest[]): void {
  registerPersonalData(manifests);
  registerEventHandlers(manifests);
  registerCatalog(manifests);
  registerPanels(manifests);
  registerTodo(manifests);
  registerFigures(manifests);
  registerAnnualReport(manifests);
}
