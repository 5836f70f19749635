import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../../db/client.js';
import type { Config } from '../../../config.js';
import { applyRoutes } from './apply.js';
import { reviewRoutes } from './review.js';
import { memberRoutes } from './members.js';

export const membershipRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, opts) => {
  await app.register(applyRoutes, opts);
  await app.register(reviewRoutes, opts);
  await app.register(memberRoutes, opts);
};
