import { z } from 'zod';
import { noticeFrom } from '../../platform/http/notice.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { formError, validate, type FormState } from '../../platform/forms/validate.js';
import { saveActivity } from './activities.js';
import { programme, secretariatMeeting, type MeetingView } from './service.js';
import { categoriesOf, changeCategory, usage } from './registration.js';
import {
  activitiesOf,
  activityBody,
  activityOf,
  categoryOf,
  newMeetingValues,
  registrationRecord,
  sessionOf,
  activityFormValues,
  timesIn,
  categoryBody,
  categoryFormValues,
  createMeetingFromForm,
  meetingFormValues,
  meetingSettingsBody,
  removeCategory,
  removeSession,
  saveCategory,
  saveSession,
  sessionBody,
  sessionFormValues,
  sessionTimes,
  updateMeeting,
} from './admin.js';
import { ActivitiesAdminPage, ActivityEditPage, CategoriesAdminPage, CategoryEditPage, MeetingFormPage, ProgrammeAdminPage, RegistrationAdminPage, SessionEditPage } from './views/admin.js';

const notice = (req: FastifyRequest, allowed: RegExp) => noticeFrom(req.query, allowed);
const idParam = (req: FastifyRequest) => z.uuid().safeParse((req.params as Record<string, string>).id);

/** The Secretariat's editing of meetings: settings, programme, categories, and one registration's page. */
export const meetingAdminRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  // ——— Settings ———

  app.get('/admin/meetings/new', async (req, reply) => {
    const values = await newMeetingValues(db, req.actor);
    return reply.render((c) => <MeetingFormPage c={c} form={{ values, errors: [] }} />);
  });

  app.post('/admin/meetings/new', async (req, reply) => {
    await newMeetingValues(db, req.actor); // the Secretariat only, before anything is read
    const v = validate(meetingSettingsBody, req.body);
    if (!v.ok) return reply.render((c) => <MeetingFormPage c={c} form={v.state} />, 422);
    const r = await createMeetingFromForm(db, req.actor, v.data, req.locale);
    if (!r.ok) return reply.render((c) => <MeetingFormPage c={c} form={formError(req.body, r.field, r.message)} />, 422);
    return reply.redirect(`/${req.locale}/admin/meetings/${r.slug}/edit?notice=created`, 303);
  });

  app.get('/admin/meetings/:slug/edit', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    return reply.render((c) => <MeetingFormPage c={c} meeting={meeting} form={{ values: meetingFormValues(meeting, req.locale), errors: [] }} notice={notice(req, /^(created|saved)$/)} />);
  });

  app.post('/admin/meetings/:slug/edit', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const v = validate(meetingSettingsBody, req.body);
    if (!v.ok) return reply.render((c) => <MeetingFormPage c={c} meeting={meeting} form={v.state} />, 422);
    await updateMeeting(db, req.actor, meeting.id, v.data, req.locale);
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/edit?notice=saved`, 303);
  });

  // ——— Programme ———

  async function programmePage(req: FastifyRequest, reply: FastifyReply, meeting: MeetingView, form?: FormState) {
    const sessions = await programme(db, meeting.id);
    return reply.render((c) => <ProgrammeAdminPage c={c} meeting={meeting} sessions={sessions} form={form} notice={notice(req, /^(added|saved|removed)$/)} />, form ? 422 : 200);
  }

  /** Validates a session form against the meeting's days; the form state to show again when it fails. */
  function readSession(req: FastifyRequest, meeting: MeetingView) {
    const v = validate(sessionBody, req.body);
    if (!v.ok) return { state: v.state };
    const times = sessionTimes(v.data, meeting);
    if ('field' in times) return { state: formError(req.body, times.field, times.message) };
    return { data: v.data, times };
  }

  app.get('/admin/meetings/:slug/programme', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    return programmePage(req, reply, meeting);
  });

  app.post('/admin/meetings/:slug/programme', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const s = readSession(req, meeting);
    if (!s.data) return programmePage(req, reply, meeting, s.state);
    await saveSession(db, req.actor, meeting, null, s.data, s.times, req.locale);
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/programme?notice=added`, 303);
  });

  app.get('/admin/meetings/:slug/programme/:id', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = idParam(req);
    const session = meeting && id.success ? await sessionOf(db, req.actor, meeting.id, id.data) : null;
    if (!meeting || !session) return reply.callNotFound();
    return reply.render((c) => <SessionEditPage c={c} meeting={meeting} session={session} form={{ values: sessionFormValues(session, meeting, req.locale), errors: [] }} />);
  });

  app.post('/admin/meetings/:slug/programme/:id', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = idParam(req);
    const session = meeting && id.success ? await sessionOf(db, req.actor, meeting.id, id.data) : null;
    if (!meeting || !session) return reply.callNotFound();
    const s = readSession(req, meeting);
    if (!s.data) return reply.render((c) => <SessionEditPage c={c} meeting={meeting} session={session} form={s.state} />, 422);
    await saveSession(db, req.actor, meeting, session.id, s.data, s.times, req.locale);
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/programme?notice=saved`, 303);
  });

  app.post('/admin/meetings/:slug/programme/:id/remove', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = idParam(req);
    if (!meeting || !id.success || !(await removeSession(db, req.actor, meeting, id.data))) return reply.callNotFound();
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/programme?notice=removed`, 303);
  });

  // ——— Participant categories ———

  async function categoriesPage(req: FastifyRequest, reply: FastifyReply, meeting: MeetingView, form?: FormState) {
    const [categories, taken] = await Promise.all([categoriesOf(db, meeting.id), usage(db, meeting.id, new Date())]);
    return reply.render(
      (c) => <CategoriesAdminPage c={c} meeting={meeting} categories={categories} taken={taken.byCategory} form={form} notice={notice(req, /^(added|saved|removed|in-use|unknown)$/)} />,
      form ? 422 : 200,
    );
  }

  app.get('/admin/meetings/:slug/categories', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    return categoriesPage(req, reply, meeting);
  });

  app.post('/admin/meetings/:slug/categories', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const v = validate(categoryBody, req.body);
    if (!v.ok) return categoriesPage(req, reply, meeting, v.state);
    const r = await saveCategory(db, req.actor, meeting.id, null, v.data, req.locale, config.baseUrl);
    if (r === 'slug-taken' || r === 'slug-required') return categoriesPage(req, reply, meeting, formError(req.body, 'slug', r === 'slug-taken' ? 'meetings.errors.slugTaken' : 'form.errors.required'));
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/categories?notice=added`, 303);
  });

  app.get('/admin/meetings/:slug/categories/:id', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = idParam(req);
    const category = meeting && id.success ? await categoryOf(db, req.actor, meeting.id, id.data) : null;
    if (!meeting || !category) return reply.callNotFound();
    return reply.render((c) => <CategoryEditPage c={c} meeting={meeting} category={category} form={{ values: categoryFormValues(category, req.locale), errors: [] }} />);
  });

  app.post('/admin/meetings/:slug/categories/:id', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = idParam(req);
    const category = meeting && id.success ? await categoryOf(db, req.actor, meeting.id, id.data) : null;
    if (!meeting || !category) return reply.callNotFound();
    const v = validate(categoryBody, req.body);
    if (!v.ok) return reply.render((c) => <CategoryEditPage c={c} meeting={meeting} category={category} form={v.state} />, 422);
    await saveCategory(db, req.actor, meeting.id, category.id, v.data, req.locale, config.baseUrl);
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/categories?notice=saved`, 303);
  });

  app.post('/admin/meetings/:slug/categories/:id/remove', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = idParam(req);
    if (!meeting || !id.success) return reply.callNotFound();
    const r = await removeCategory(db, req.actor, meeting, id.data);
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/categories?notice=${r === 'ok' ? 'removed' : r}`, 303);
  });

  // ——— Side activities ———

  async function activitiesPage(req: FastifyRequest, reply: FastifyReply, meeting: MeetingView, form?: FormState) {
    const { activities, counts } = await activitiesOf(db, req.actor, meeting.id);
    return reply.render((c) => <ActivitiesAdminPage c={c} meeting={meeting} activities={activities} counts={counts} form={form} notice={notice(req, /^(added|saved)$/)} />, form ? 422 : 200);
  }

  /** Validates an activity form; the form state to show again when it fails. */
  function readActivity(req: FastifyRequest, meeting: MeetingView) {
    const v = validate(activityBody, req.body);
    if (!v.ok) return { state: v.state };
    const times = timesIn(v.data, meeting.timeZone);
    if ('field' in times) return { state: formError(req.body, times.field, times.message) };
    return { data: { ...v.data, membersOnly: v.data.membersOnly.includes('yes') }, times };
  }

  app.get('/admin/meetings/:slug/activities', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    return activitiesPage(req, reply, meeting);
  });

  app.post('/admin/meetings/:slug/activities', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const a = readActivity(req, meeting);
    if (!a.data) return activitiesPage(req, reply, meeting, a.state);
    const r = await saveActivity(db, req.actor, meeting, null, a.data, a.times, req.locale);
    if (r !== 'ok') return activitiesPage(req, reply, meeting, formError(req.body, 'slug', r === 'slug-taken' ? 'meetings.errors.slugTaken' : 'form.errors.required'));
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/activities?notice=added`, 303);
  });

  app.get('/admin/meetings/:slug/activities/:id', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = idParam(req);
    const activity = meeting && id.success ? await activityOf(db, req.actor, meeting.id, id.data) : null;
    if (!meeting || !activity) return reply.callNotFound();
    return reply.render((c) => <ActivityEditPage c={c} meeting={meeting} activity={activity} form={{ values: activityFormValues(activity, meeting, req.locale), errors: [] }} />);
  });

  app.post('/admin/meetings/:slug/activities/:id', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = idParam(req);
    const activity = meeting && id.success ? await activityOf(db, req.actor, meeting.id, id.data) : null;
    if (!meeting || !activity) return reply.callNotFound();
    const a = readActivity(req, meeting);
    if (!a.data) return reply.render((c) => <ActivityEditPage c={c} meeting={meeting} activity={activity} form={a.state} />, 422);
    await saveActivity(db, req.actor, meeting, activity.id, a.data, a.times, req.locale);
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/activities?notice=saved`, 303);
  });

  // ——— One registration ———

  app.get('/admin/meetings/:slug/registrations/:id', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = idParam(req);
    if (!meeting || !id.success) return reply.callNotFound();
    const record = await registrationRecord(db, req.actor, meeting.id, id.data);
    if (!record) return reply.callNotFound();
    return reply.render((c) => <RegistrationAdminPage c={c} meeting={meeting} {...record} notice={notice(req, /^(ok|full|not-allowed)$/)} />);
  });

  app.post('/admin/meetings/:slug/registrations/:id/category', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = idParam(req);
    const category = z.uuid().safeParse((req.body as Record<string, unknown>)?.category);
    if (!meeting || !id.success) return reply.callNotFound();
    const r = category.success ? await changeCategory(db, req.actor, id.data, category.data, config.baseUrl) : 'not-allowed';
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/registrations/${id.data}?notice=${r === 'expired' ? 'not-allowed' : r}`, 303);
  });
};
