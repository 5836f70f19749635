import type { ModuleManifest } from '../../platform/module.js';

/**
 * Communications: the newsletter's subscribers (used by membership today); the subscribe pages,
 * composing and sending come with the communications issue.
 */
export const communicationsModule: ModuleManifest = {
  name: 'communications',
  routes: async () => {},
};
