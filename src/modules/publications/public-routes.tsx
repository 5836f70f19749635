import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';

/** (placeholder: filled in by its part of the module) */
export const publicRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async () => {};
