import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { homePage } from './service.js';
import { AboutPage, HomePage, PrivacyPage } from './views.js';

export const siteRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/', { config: { publicPage: true } }, async (req, reply) => {
    const { freshUntil, ...data } = await homePage(db, req.actor, req.locale);
    return reply.freshUntil(freshUntil).render((c) => <HomePage c={c} {...data} />);
  });
  app.get('/about', { config: { publicPage: true } }, async (_req, reply) => {
    const site = await getSiteSettings(db);
    return reply.render((c) => <AboutPage c={c} site={site} />);
  });
  app.get('/privacy', { config: { publicPage: true } }, async (_req, reply) => {
    const site = await getSiteSettings(db);
    return reply.render((c) => <PrivacyPage c={c} site={site} />);
  });
};
