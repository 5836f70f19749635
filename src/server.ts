import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { httpPlatform } from './platform/http/plugin.js';
import { logError, logRequest } from './platform/http/log.js';
import { parseQuery } from './platform/http/query.js';
import { platformModules } from './platform/routes.js';
import { modules } from './modules/index.js';
import type { ModuleManifest, NavEntry } from './platform/module.js';
import { adoptManifests } from './platform/manifests.js';
import { closePdfPool } from './platform/pdf/pool.js';
import { clearProcessCaches } from './platform/cache/process.js';
import { API_PREFIX, apiPlatform } from './platform/api/plugin.js';
import { metricsPlugin } from './platform/metrics/plugin.js';

export interface BuildOptions {
  config: Config;
  database: Database;
  /** false: no log; otherwise pino options (e.g. a `stream` for tests) merged with the app's own. */
  logger?: false | true | Exclude<FastifyServerOptions['logger'], boolean | undefined>;
}

/** Every manifest the app loads: the platform's own pages first, then the modules in their listed order. */
export function allModules(): ModuleManifest[] {
  return [...platformModules, ...modules];
}

export interface RouteEntry {
  method: string;
  /** As registered, e.g. /:locale/meetings/:slug/register */
  url: string;
  /** Marked as the same for every anonymous reader (served from the page cache). */
  publicPage: boolean;
}
const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route of an app built by buildApp (for tests that walk them all). */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  return routeTables.get(app) ?? [];
}

/** Builds the app without listening: used by main.ts and by every test (with inject). */
export async function buildApp({ config, database, logger }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Logs never carry the secrets of private links (see platform/http/log.ts).
    logger: logger === false ? false : { level: config.logLevel, ...(logger === true ? {} : logger), serializers: { req: logRequest, err: logError } },
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, querystringParser: parseQuery },
    bodyLimit: 11 * 1024 * 1024,
  });
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url, publicPage: !!r.config?.publicPage });
  });
  routeTables.set(app, routes);
  const manifests = allModules();
  adoptManifests(manifests);
  clearProcessCaches();
  const nav: NavEntry[] = manifests.flatMap((m) => m.navigation ?? []).sort((a, b) => (a.order ?? 50) - (b.order ?? 50));

  await app.register(httpPlatform, { config, db: database.db, database, nav });
  // GET /metrics for Prometheus, with METRICS_TOKEN only (it counts every request of the app).
  await app.register(metricsPlugin, { config, db: database.db });
  // PDFs are drawn in processes of their own, started on the first one (src/platform/pdf/pool.ts).
  app.addHook('onClose', closePdfPool);
  // Every module under /:locale. The prefix belongs to this wrapper, so a module that registers
  // sub-plugins with the options it received does not apply the prefix twice.
  await app.register(
    async (localized) => {
      for (const m of manifests) await localized.register(m.routes, { db: database.db, config });
    },
    { prefix: '/:locale' },
  );
  // The few addresses machines keep, without a language (a harvesting endpoint).
  for (const m of manifests) if (m.rootRoutes) await app.register(m.rootRoutes, { db: database.db, config });
  // The public JSON API and its OpenAPI document, without a language: every module's apiRoutes under /api/v1.
  await app.register(apiPlatform, { prefix: API_PREFIX, db: database.db, config, manifests });
  return app;
}
