import { z } from 'zod';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { field } from '../../platform/forms/fields.js';
import { formError, validate } from '../../platform/forms/validate.js';
import { PUBLIC_FORM_RATE_LIMIT } from '../../platform/http/limits.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import { isCountryCode } from '../../platform/geo/countries.js';
import { authorize, hasRole } from '../../platform/policy.js';
import { meetings } from './schema.js';
import { registrationWindow } from './allocation.js';
import { activitiesFor, joinActivity, leaveActivity } from './activities.js';
import {
  acceptOffer,
  cancelRegistration,
  categoriesOf,
  declineOffer,
  listRegistrations,
  register,
  registrationByLink,
  registrationCounts,
  setCapacity,
} from './registration.js';
import { ManagePage, MeetingsAdminPage, RegisterPage, RegistrationClosedPage, RegistrationsAdminPage } from './views/registration.js';

const registerBody = z.object({
  name: field.text({ max: 200 }),
  email: field.email(),
  organization: field.optionalText({ max: 300 }),
  country: z.string({ message: 'form.errors.choose' }).refine(isCountryCode, { message: 'form.errors.choose' }),
  category: z.string({ message: 'form.errors.choose' }).min(1, { message: 'form.errors.choose' }).max(80),
  invitationCode: field.optionalText({ max: 100 }),
  languages: field.many(LOCALES),
  accessibility: field.optionalText({ max: 1000 }),
  lunch: field.many(['day1', 'day2']),
  dietary: field.optionalText({ max: 300 }),
  consent: field.many(['yes']).refine((v) => v.includes('yes'), { message: 'form.errors.mustAgree' }),
});
const capacityBody = z.object({ capacity: z.coerce.number({ message: 'meetings.errors.capacity' }).int({ message: 'meetings.errors.capacity' }).min(0, { message: 'meetings.errors.capacity' }).max(100000, { message: 'meetings.errors.capacity' }) });
const MANAGE_NOTICES = /^(registered|again|accepted|declined|cancelled|expired|not-allowed|activity-(confirmed|waiting|left|not-confirmed|members-only|closed|unknown))$/;

export const registrationRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  async function meetingOf(req: FastifyRequest) {
    const slug = String((req.params as Record<string, string>).slug ?? '');
    if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
    const [m] = await db.select().from(meetings).where(eq(meetings.slug, slug));
    return m && m.status !== 'draft' ? m : null;
  }

  app.get('/meetings/:slug/register', async (req, reply) => {
    const meeting = await meetingOf(req);
    if (!meeting) return reply.callNotFound();
    const state = registrationWindow(meeting, new Date());
    if (state !== 'open') return reply.render((c) => <RegistrationClosedPage c={c} meeting={meeting} reason={state} />);
    const categories = await categoriesOf(db, meeting.id);
    return reply.render((c) => <RegisterPage c={c} meeting={meeting} categories={categories} />);
  });

  app.post('/meetings/:slug/register', { config: { rateLimit: PUBLIC_FORM_RATE_LIMIT } }, async (req, reply) => {
    const meeting = await meetingOf(req);
    if (!meeting) return reply.callNotFound();
    const categories = await categoriesOf(db, meeting.id);
    const v = validate(registerBody, req.body);
    if (!v.ok) return reply.render((c) => <RegisterPage c={c} meeting={meeting} categories={categories} form={v.state} />, 422);
    const d = v.data;
    const r = await register(db, {
      meetingId: meeting.id,
      categorySlug: d.category,
      invitationCode: d.invitationCode,
      baseUrl: config.baseUrl,
      who: {
        email: d.email,
        name: d.name,
        organization: d.organization ?? '',
        country: d.country,
        locale: req.locale,
        answers: { languages: d.languages, accessibility: d.accessibility ?? '', lunch: d.lunch, dietary: d.dietary ?? '' },
      },
    });
    if (!r.ok) {
      if (r.reason === 'invitation' || r.reason === 'unknown-category') {
        const fieldName = r.reason === 'invitation' ? 'invitationCode' : 'category';
        return reply.render((c) => <RegisterPage c={c} meeting={meeting} categories={categories} form={formError(req.body, fieldName, `meetings.errors.${r.reason}`)} />, 422);
      }
      return reply.render((c) => <RegistrationClosedPage c={c} meeting={meeting} reason={r.reason} />, 409);
    }
    return reply.redirect(`/${req.locale}/meetings/${meeting.slug}/registration/${r.manageToken}?notice=${r.repeat ? 'again' : 'registered'}`, 303);
  });

  async function manage(req: FastifyRequest, reply: FastifyReply) {
    const token = String((req.params as Record<string, string>).token ?? '');
    const found = await registrationByLink(db, token);
    reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
    return found ? { ...found, token } : null;
  }

  app.get('/meetings/:slug/registration/:token', async (req, reply) => {
    const found = await manage(req, reply);
    if (!found) return reply.callNotFound();
    const n = (req.query as Record<string, unknown>).notice;
    const activities = await activitiesFor(db, found.reg, found.meeting);
    return reply.render((c) => <ManagePage c={c} data={{ ...found, activities, notice: typeof n === 'string' && MANAGE_NOTICES.test(n) ? n : undefined }} />);
  });

  app.post('/meetings/:slug/registration/:token/activities/:activityId/:action', async (req, reply) => {
    const found = await manage(req, reply);
    const { activityId, action } = req.params as Record<string, string>;
    const id = z.uuid().safeParse(activityId);
    if (!found || !id.success || (action !== 'join' && action !== 'leave')) return reply.callNotFound();
    let notice: string;
    if (action === 'join') {
      const r = await joinActivity(db, found.reg.id, id.data);
      notice = r.ok ? `activity-${r.status}` : `activity-${r.reason}`;
    } else {
      notice = (await leaveActivity(db, found.reg.id, id.data)) ? 'activity-left' : 'not-allowed';
    }
    return reply.redirect(`/${req.locale}/meetings/${found.meeting.slug}/registration/${found.token}?notice=${notice}`, 303);
  });

  for (const [action, verb, notice] of [
    ['accept', acceptOffer, 'accepted'],
    ['decline', declineOffer, 'declined'],
    ['cancel', cancelRegistration, 'cancelled'],
  ] as const) {
    app.post(`/meetings/:slug/registration/:token/${action}`, async (req, reply) => {
      const found = await manage(req, reply);
      if (!found) return reply.callNotFound();
      const r = await verb(db, found.reg.id, config.baseUrl);
      const to = r === 'ok' ? notice : r === 'expired' ? 'expired' : 'not-allowed';
      return reply.redirect(`/${req.locale}/meetings/${found.meeting.slug}/registration/${found.token}?notice=${to}`, 303);
    });
  }

  async function adminPage(req: FastifyRequest, reply: FastifyReply, form?: ReturnType<typeof formError>) {
    authorize(hasRole(req.actor, 'secretariat'), 'meetings.registrations');
    const slug = String((req.params as Record<string, string>).slug ?? '');
    const [meeting] = await db.select().from(meetings).where(and(eq(meetings.slug, slug)));
    if (!meeting) return reply.callNotFound();
    const [rows, categories, counts] = await Promise.all([listRegistrations(db, req.actor, meeting.id), categoriesOf(db, meeting.id), registrationCounts(db, meeting.id)]);
    const n = (req.query as Record<string, unknown>).offered;
    return reply.render(
      (c) => <RegistrationsAdminPage c={c} meeting={meeting} rows={rows} categories={categories} counts={counts} form={form} notice={typeof n === 'string' && /^\d+$/.test(n) ? n : undefined} />,
      form ? 422 : 200,
    );
  }

  app.get('/admin/meetings', async (req, reply) => {
    authorize(hasRole(req.actor, 'secretariat'), 'meetings.registrations');
    const all = await db.select().from(meetings).orderBy(desc(meetings.startsAt));
    const rows = await Promise.all(all.map(async (meeting) => ({ meeting, taken: (await registrationCounts(db, meeting.id)).taken })));
    return reply.render((c) => <MeetingsAdminPage c={c} rows={rows} />);
  });

  app.get('/admin/meetings/:slug/registrations', (req, reply) => adminPage(req, reply));

  app.post('/admin/meetings/:slug/capacity', async (req, reply) => {
    authorize(hasRole(req.actor, 'secretariat'), 'meetings.capacity');
    const v = validate(capacityBody, req.body);
    if (!v.ok) return adminPage(req, reply, v.state);
    const slug = String((req.params as Record<string, string>).slug ?? '');
    const [meeting] = await db.select().from(meetings).where(eq(meetings.slug, slug));
    if (!meeting) return reply.callNotFound();
    const offered = await setCapacity(db, req.actor, meeting.id, v.data.capacity, config.baseUrl);
    return reply.redirect(`/${req.locale}/admin/meetings/${slug}/registrations?offered=${offered}`, 303);
  });
};
