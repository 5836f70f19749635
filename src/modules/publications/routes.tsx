import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { publicRoutes } from './public-routes.js';
import { authorRoutes } from './author-routes.js';
import { editorRoutes } from './editor-routes.js';
import { citationRoutes } from './citation-routes.js';
import { feedRoutes } from './feed-routes.js';
import { doiRoutes } from './doi-routes.js';

/** Every page of publications, by who uses it: readers, machines (citations, feeds), authors and reviewers, editors. */
export const publicationRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, opts) => {
  await app.register(publicRoutes, opts);
  await app.register(citationRoutes, opts);
  await app.register(feedRoutes, opts);
  await app.register(authorRoutes, opts);
  await app.register(editorRoutes, opts);
  await app.register(doiRoutes, opts);
};
