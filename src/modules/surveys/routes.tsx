import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { respondRoutes } from './respond-routes.js';
import { adminRoutes } from './admin-routes.js';
import { priorityRoutes } from './priority-routes.js';
import { cycleAdminRoutes } from './cycle-admin-routes.js';

/** Every page of surveys, by who uses it: respondents and voters, then the Secretariat (and the Steering Committee's decision). */
export const surveyRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, opts) => {
  await app.register(respondRoutes, opts);
  await app.register(priorityRoutes, opts);
  await app.register(adminRoutes, opts);
  await app.register(cycleAdminRoutes, opts);
};
