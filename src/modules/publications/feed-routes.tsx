import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { publicationsFeed } from './service.js';

/** The Atom feed of what is published, one per language (see feedEntries in feeds.ts for what each carries). */
export const feedRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get('/publications/feed.atom', { config: { publicPage: true } }, async (req, reply) => {
    const xml = await publicationsFeed(db, { locale: req.locale, baseUrl: config.baseUrl });
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  });
};
