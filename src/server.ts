import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { httpPlatform } from './platform/http/plugin.js';
import { platformModules } from './platform/routes.js';
import { modules } from './modules/index.js';
import type { ModuleManifest, NavEntry } from './platform/module.js';

export interface BuildOptions {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
}

/** Every manifest the app loads: the platform's own pages first, then the modules in their listed order. */
export function allModules(): ModuleManifest[] {
  return [...platformModules, ...modules];
}

/** Builds the app without listening: used by main.ts and by every test (with inject). */
export async function buildApp({ config, database, logger }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 11 * 1024 * 1024,
  });
  const manifests = allModules();
  const nav: NavEntry[] = manifests.flatMap((m) => m.navigation ?? []).sort((a, b) => (a.order ?? 50) - (b.order ?? 50));

  await app.register(httpPlatform, { config, db: database.db, nav });
  // Every module under /:locale. The prefix belongs to this wrapper, so a module that registers
  // sub-plugins with the options it received does not apply the prefix twice.
  await app.register(
    async (localized) => {
      for (const m of manifests) await localized.register(m.routes, { db: database.db, config });
    },
    { prefix: '/:locale' },
  );
  return app;
}
