import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { respondRoutes } from './respond-routes.js';
import { adminRoutes } from './admin-routes.js';

/** Every page of surveys, by who uses it: respondents, then the Secretariat. */
export const surveyRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, opts) => {
  await app.register(respondRoutes, opts);
  await app.register(adminRoutes, opts);
};
