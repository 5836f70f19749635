import type { SeedContext } from '../../platform/module.js';

/** The demo alliance's publications. */
export async function seedPublications(_ctx: SeedContext): Promise<void> {}
