import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';

/** Every page of publications: public reading, feeds and harvesting, authors, reviewers and editors (each in its own file). */
export const publicationRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (_app, _opts) => {};
