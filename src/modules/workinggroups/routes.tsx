import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import { getWorkingGroup, listWorkingGroups } from './service.js';
import { WorkingGroupPage, WorkingGroupsPage } from './views.js';

export const workingGroupRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/working-groups', { config: { publicPage: true } }, async (_req, reply) => {
    const groups = await listWorkingGroups(db);
    return reply.render((c) => <WorkingGroupsPage c={c} groups={groups} />);
  });

  app.get('/working-groups/:slug', { config: { publicPage: true } }, async (req, reply) => {
    const group = await getWorkingGroup(db, String((req.params as Record<string, string>).slug ?? ''), req.actor);
    if (!group) return reply.callNotFound();
    return reply.render((c) => <WorkingGroupPage c={c} group={group} />);
  });
};
