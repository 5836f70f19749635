import { z } from 'zod';
import { endpoint, i18nText, listOf, listQuery, locale, noQuery, texts, type ApiRoutes } from '../../platform/api/schemas.js';
import { paged, sliceOf } from '../../platform/api/paging.js';
import { getMeeting, listMeetings, programme, SESSION_KINDS, type MeetingView, type SessionView, type SideActivityView } from './service.js';

/** The statuses a public meeting can have (a draft is the Secretariat's alone: no schema here can carry one). */
const PUBLIC_STATUSES = ['open', 'closed', 'archived'] as const;

const meetingSummary = z
  .object({
    slug: z.string(),
    title: i18nText,
    originalLocale: locale,
    timeZone: z.string().describe('The IANA time zone the meeting is held in; times are UTC.'),
    startsAt: z.date(),
    endsAt: z.date(),
    status: z.enum(PUBLIC_STATUSES),
    venue: z.object({ name: i18nText, address: z.string() }),
    links: z.object({ page: z.string(), programme: z.string(), calendar: z.string().describe('The meeting and its sessions as an iCalendar file.') }),
  })
  .meta({ id: 'MeetingSummary' });

const activity = z.object({ slug: z.string(), title: i18nText, description: i18nText, startsAt: z.date(), endsAt: z.date(), membersOnly: z.boolean() });

const meeting = meetingSummary.extend({ description: i18nText, sideActivities: z.array(activity) }).meta({ id: 'Meeting' });

const session = z
  .object({
    id: z.uuid(),
    kind: z.enum(SESSION_KINDS),
    title: i18nText,
    description: i18nText,
    startsAt: z.date(),
    endsAt: z.date(),
    room: z.string(),
    speakers: z.array(z.string()),
    chairs: z.array(z.string()),
    workingGroups: z.array(z.string()).describe("The working groups (their slugs) the session belongs to."),
    calendar: z.string().nullable().describe('The session as an iCalendar file (none for a break).'),
  })
  .meta({ id: 'Session' });

const slugParams = z.object({ slug: z.string().describe("The meeting's slug, as in its page's address.") });

/** What the meeting's public pages show of it, as JSON (meetings/views.tsx, views/agenda.tsx). */
export const meetingsApi: ApiRoutes = async (app, { db, config }) => {
  const base = config.baseUrl;
  const summaryOf = (m: MeetingView) => ({
    slug: m.slug,
    title: texts(m.title),
    originalLocale: m.originalLocale as z.infer<typeof locale>,
    timeZone: m.timeZone,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    status: m.status as (typeof PUBLIC_STATUSES)[number],
    venue: { name: texts(m.venueName), address: m.venueAddress },
    links: { page: `${base}/${m.originalLocale}/meetings/${m.slug}`, programme: `${base}/${m.originalLocale}/meetings/${m.slug}/agenda`, calendar: `${base}/${m.originalLocale}/meetings/${m.slug}.ics` },
  });
  const activityOf = (a: SideActivityView) => ({ slug: a.slug, title: texts(a.title), description: texts(a.description), startsAt: a.startsAt, endsAt: a.endsAt, membersOnly: a.membersOnly });
  const sessionOf = (m: MeetingView, s: SessionView) => ({
    id: s.id,
    kind: s.kind as (typeof SESSION_KINDS)[number],
    title: texts(s.title),
    description: texts(s.description),
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    room: s.room,
    speakers: s.speakers,
    chairs: s.chairs,
    workingGroups: s.workingGroups,
    calendar: s.kind === 'break' ? null : `${base}/${m.originalLocale}/meetings/${m.slug}/sessions/${s.id}.ics`,
  });

  app.get(
    '/meetings',
    {
      schema: endpoint({
        operationId: 'listMeetings',
        tag: 'meetings',
        summary: 'Meetings, the latest first',
        query: listQuery({ status: z.enum(PUBLIC_STATUSES).optional().describe('Only the meetings with this status.') }),
        response: listOf(meetingSummary),
      }),
    },
    async (req, reply) => {
      const all = (await listMeetings(db)).filter((m) => !req.query.status || m.status === req.query.status);
      const { rows, total } = sliceOf(all, req.query);
      return paged(req, reply, base, req.query, rows.map(summaryOf), total);
    },
  );

  app.get(
    '/meetings/:slug',
    { schema: endpoint({ operationId: 'getMeeting', tag: 'meetings', summary: 'A meeting, with its side activities', params: slugParams, query: noQuery, response: meeting }) },
    async (req, reply) => {
      const found = await getMeeting(db, null, req.params.slug);
      if (!found) return reply.callNotFound();
      return { ...summaryOf(found.meeting), description: texts(found.meeting.description), sideActivities: found.activities.map(activityOf) };
    },
  );

  app.get(
    '/meetings/:slug/programme',
    {
      schema: endpoint({
        operationId: 'getProgramme',
        tag: 'meetings',
        summary: "A meeting's programme, in time order",
        params: slugParams,
        query: listQuery({}),
        response: listOf(session),
      }),
    },
    async (req, reply) => {
      const found = await getMeeting(db, null, req.params.slug);
      if (!found) return reply.callNotFound();
      const { rows, total } = sliceOf(await programme(db, found.meeting.id), req.query);
      return paged(req, reply, base, req.query, rows.map((s) => sessionOf(found.meeting, s)), total);
    },
  );
};
