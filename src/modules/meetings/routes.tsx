import { z } from 'zod';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { icsFile } from './ics.js';
import { AgendaPage, eventJsonLd } from './views/agenda.js';
import type { Db } from '../../db/client.js';
import { getMeeting, listMeetings, nextChangeAt, programme, type MeetingView, type SessionView } from './service.js';
import { MeetingPage, MeetingsPage } from './views.js';
import { formatList } from '../../platform/i18n/format.js';
import { downloadHeaders } from '../../platform/http/exports.js';

function sessionEvent(s: SessionView, m: MeetingView, host: string) {
  return { uid: `session-${s.id}@${host}`, title: s.title, description: s.description, startsAt: s.startsAt, endsAt: s.endsAt, location: [s.room, m.venueAddress].filter(Boolean).join(', ') };
}

export const meetingRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get('/meetings', { config: { publicPage: true } }, async (_req, reply) => {
    const meetings = await listMeetings(db);
    reply.freshUntil(nextChangeAt(meetings, new Date()));
    return reply.render((c) => <MeetingsPage c={c} meetings={meetings} />, {
      description: (c) => (meetings.length ? c.t('meetings.description', { site: c.siteName, meetings: formatList(c.locale, meetings.map((m) => c.text(m.title, m.originalLocale).text)) }) : undefined),
    });
  });

  const load = async (req: FastifyRequest, param = 'slug') => {
    const slug = String((req.params as Record<string, string>)[param] ?? '');
    return getMeeting(db, req.actor, slug);
  };

  app.get('/meetings/:slug', { config: { publicPage: true } }, async (req, reply) => {
    const slug = String((req.params as Record<string, string>).slug ?? '');
    if (slug.endsWith('.ics')) return meetingIcs(req, reply, slug.slice(0, -4));
    const found = await load(req);
    if (!found) return reply.callNotFound();
    const url = `${config.baseUrl}/${req.locale}/meetings/${found.meeting.slug}`;
    reply.freshUntil(nextChangeAt([found.meeting], new Date()));
    const { meeting } = found;
    return reply.render((c) => <MeetingPage c={c} meeting={meeting} activities={found.activities} jsonLd={eventJsonLd(c, meeting, url)} />, { description: (c) => c.text(meeting.description, meeting.originalLocale).text });
  });

  app.get('/meetings/:slug/agenda', { config: { publicPage: true } }, async (req, reply) => {
    const found = await load(req);
    if (!found) return reply.callNotFound();
    const sessions = await programme(db, found.meeting.id);
    const { meeting } = found;
    return reply.render((c) => <AgendaPage c={c} meeting={meeting} sessions={sessions} />, { description: (c) => c.text(meeting.description, meeting.originalLocale).text });
  });

  const sendIcs = (reply: FastifyReply, name: string, body: string) =>
    downloadHeaders(reply, { type: 'text/calendar; charset=utf-8', name: `${name}.ics` }).send(body);

  /** The whole meeting (its own event and every session) as one calendar file: /meetings/<slug>.ics */
  async function meetingIcs(req: FastifyRequest, reply: FastifyReply, slug: string) {
    const found = await getMeeting(db, req.actor, slug);
    if (!found) return reply.callNotFound();
    const m = found.meeting;
    const sessions = await programme(db, m.id);
    const host = new URL(config.baseUrl).host;
    const events = [
      { uid: `meeting-${m.id}@${host}`, title: m.title, description: m.description, startsAt: m.startsAt, endsAt: m.endsAt, location: m.venueAddress, url: `${config.baseUrl}/${req.locale}/meetings/${m.slug}` },
      ...sessions.filter((s) => s.kind !== 'break').map((s) => sessionEvent(s, m, host)),
    ];
    return sendIcs(reply, m.slug, icsFile({ name: m.slug, timeZone: m.timeZone, locale: req.locale, originalLocale: m.originalLocale, events }));
  }

  app.get('/meetings/:slug/sessions/:file', { config: { publicPage: true } }, async (req, reply) => {
    const found = await load(req);
    const file = String((req.params as Record<string, string>).file ?? '');
    const id = z.uuid().safeParse(file.replace(/\.ics$/, ''));
    if (!found || !file.endsWith('.ics') || !id.success) return reply.callNotFound();
    const session = (await programme(db, found.meeting.id)).find((s) => s.id === id.data);
    if (!session) return reply.callNotFound();
    const m = found.meeting;
    return sendIcs(reply, `${m.slug}-session`, icsFile({ name: m.slug, timeZone: m.timeZone, locale: req.locale, originalLocale: m.originalLocale, events: [sessionEvent(session, m, new URL(config.baseUrl).host)] }));
  });
};
