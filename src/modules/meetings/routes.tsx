import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import { getMeeting, listMeetings } from './service.js';
import { MeetingPage, MeetingsPage } from './views.js';

export const meetingRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/meetings', async (_req, reply) => {
    const meetings = await listMeetings(db);
    return reply.render((c) => <MeetingsPage c={c} meetings={meetings} />);
  });

  app.get('/meetings/:slug', async (req, reply) => {
    const slug = String((req.params as Record<string, string>).slug ?? '');
    const found = /^[a-z0-9-]{1,80}$/.test(slug) ? await getMeeting(db, req.actor, slug) : null;
    if (!found) return reply.callNotFound();
    return reply.render((c) => <MeetingPage c={c} meeting={found.meeting} activities={found.activities} />);
  });
};
