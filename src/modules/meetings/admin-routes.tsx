import { z } from 'zod';
import { noticeFrom } from '../../platform/http/notice.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from '../../platform/http/page.js';
import type { MaybeActor } from '../../platform/policy.js';
import type { Locale } from '../../platform/i18n/locales.js';
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
  type CategoryInput,
  type Times,
  categoryOf,
  newMeetingValues,
  requireMeetingEditor,
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
  sessionGroupChoices,
  sessionTimes,
  updateMeeting,
} from './admin.js';
import { incomeYearOf } from './financing.js';
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
    requireMeetingEditor(req.actor);
    const v = validate(meetingSettingsBody, req.body);
    if (!v.ok) return reply.render((c) => <MeetingFormPage c={c} form={v.state} />, 422);
    const r = await createMeetingFromForm(db, req.actor, v.data, req.locale);
    if (!r.ok) return reply.render((c) => <MeetingFormPage c={c} form={formError(req.body, r.field, r.message)} />, 422);
    return reply.redirect(`/${req.locale}/admin/meetings/${r.slug}/edit?notice=created`, 303);
  });

  app.get('/admin/meetings/:slug/edit', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    return reply.render((c) => <MeetingFormPage c={c} meeting={meeting} incomeYear={incomeYearOf(meeting)} form={{ values: meetingFormValues(meeting, req.locale), errors: [] }} notice={notice(req, /^(created|saved)$/)} />);
  });

  app.post('/admin/meetings/:slug/edit', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const v = validate(meetingSettingsBody, req.body);
    if (!v.ok) return reply.render((c) => <MeetingFormPage c={c} meeting={meeting} incomeYear={incomeYearOf(meeting)} form={v.state} />, 422);
    await updateMeeting(db, req.actor, meeting.id, v.data, req.locale);
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/edit?notice=saved`, 303);
  });

  /**
   * The parts of a meeting the Secretariat lists, adds to, edits and (some) removes — its programme,
   * its categories, its side activities — all through the same five routes:
   * GET/POST /admin/meetings/:slug/<path>, GET/POST …/<path>/:id and POST …/<path>/:id/remove.
   */
  type Read<T> = { data: T } | { state: FormState };
  interface Part<Item, Input> {
    path: string;
    /** The list page (with the add form, shown again with its errors). */
    list(req: FastifyRequest, meeting: MeetingView, form: FormState | undefined, notice: string | undefined): Promise<(c: PageContext) => JSX.Element>;
    notices: RegExp;
    /** The form's values, checked: the input, or the form to show again. */
    read(req: FastifyRequest, meeting: MeetingView): Read<Input>;
    load(actor: MaybeActor, meetingId: string, id: string, locale: Locale): Promise<Item | null>;
    edit(c: PageContext, meeting: MeetingView, item: Item, form: FormState): JSX.Element;
    values(item: Item, meeting: MeetingView, locale: Locale): Record<string, string | string[]>;
    /** Saves (id null: adds); a refusal names the field and its message. */
    save(actor: MaybeActor, meeting: MeetingView, id: string | null, input: Input, locale: Locale): Promise<true | { field: string; message: string }>;
    /** Removes; returns the notice to show, or null when there was nothing to remove. */
    remove?(actor: MaybeActor, meeting: MeetingView, id: string): Promise<string | null>;
  }

  function addPart<Item, Input>(part: Part<Item, Input>) {
    const base = `/admin/meetings/:slug/${part.path}`;
    const back = (req: FastifyRequest, meeting: MeetingView, n: string) => `/${req.locale}/admin/meetings/${meeting.slug}/${part.path}?notice=${n}`;
    const listPage = async (req: FastifyRequest, reply: FastifyReply, meeting: MeetingView, form?: FormState) =>
      reply.render(await part.list(req, meeting, form, notice(req, part.notices)), form ? 422 : 200);
    async function itemOf(req: FastifyRequest) {
      const meeting = await secretariatMeeting(db, req.actor, req.params);
      const id = idParam(req);
      const item = meeting && id.success ? await part.load(req.actor, meeting.id, id.data, req.locale) : null;
      return meeting && item && id.success ? { meeting, item, id: id.data } : null;
    }

    app.get(base, async (req, reply) => {
      const meeting = await secretariatMeeting(db, req.actor, req.params);
      return meeting ? listPage(req, reply, meeting) : reply.callNotFound();
    });
    app.post(base, async (req, reply) => {
      const meeting = await secretariatMeeting(db, req.actor, req.params);
      if (!meeting) return reply.callNotFound();
      const r = part.read(req, meeting);
      if ('state' in r) return listPage(req, reply, meeting, r.state);
      const saved = await part.save(req.actor, meeting, null, r.data, req.locale);
      if (saved !== true) return listPage(req, reply, meeting, formError(req.body, saved.field, saved.message));
      return reply.redirect(back(req, meeting, 'added'), 303);
    });
    app.get(`${base}/:id`, async (req, reply) => {
      const found = await itemOf(req);
      if (!found) return reply.callNotFound();
      return reply.render((c) => part.edit(c, found.meeting, found.item, { values: part.values(found.item, found.meeting, req.locale), errors: [] }));
    });
    app.post(`${base}/:id`, async (req, reply) => {
      const found = await itemOf(req);
      if (!found) return reply.callNotFound();
      const r = part.read(req, found.meeting);
      if ('state' in r) return reply.render((c) => part.edit(c, found.meeting, found.item, r.state), 422);
      const saved = await part.save(req.actor, found.meeting, found.id, r.data, req.locale);
      if (saved !== true) return reply.render((c) => part.edit(c, found.meeting, found.item, formError(req.body, saved.field, saved.message)), 422);
      return reply.redirect(back(req, found.meeting, 'saved'), 303);
    });
    if (part.remove) {
      const remove = part.remove;
      app.post(`${base}/:id/remove`, async (req, reply) => {
        const meeting = await secretariatMeeting(db, req.actor, req.params);
        const id = idParam(req);
        const done = meeting && id.success ? await remove(req.actor, meeting, id.data) : null;
        return done ? reply.redirect(back(req, meeting!, done), 303) : reply.callNotFound();
      });
    }
  }

  /** A form whose start and end are read in the meeting's time zone (and, for sessions, within its days). */
  const readTimed = <B extends z.ZodType, T>(body: B, req: FastifyRequest, times: (d: z.output<B>) => Times, shape: (d: z.output<B>) => T): Read<{ input: T; times: { startsAt: Date; endsAt: Date } }> => {
    const v = validate(body, req.body);
    if (!v.ok) return { state: v.state };
    const t = times(v.data);
    if ('field' in t) return { state: formError(req.body, t.field, t.message) };
    return { data: { input: shape(v.data), times: t } };
  };
  const slugRefusal = (r: string) => (r === 'ok' ? (true as const) : { field: 'slug', message: r === 'slug-taken' ? 'meetings.errors.slugTaken' : 'form.errors.required' });

  addPart({
    path: 'programme',
    notices: /^(added|saved|removed)$/,
    list: async (req, meeting, form, n) => {
      const [sessions, groups] = await Promise.all([programme(db, meeting.id), sessionGroupChoices(db, req.locale)]);
      return (c) => <ProgrammeAdminPage c={c} meeting={meeting} sessions={sessions} form={form} notice={n} groups={groups} />;
    },
    read: (req, meeting) => readTimed(sessionBody, req, (d) => sessionTimes(d, meeting), (d) => d),
    // The session, with the working groups its form offers (the edit page is drawn without the database).
    load: async (actor, meetingId, id, locale) => {
      const session = await sessionOf(db, actor, meetingId, id);
      return session ? { ...session, groupChoices: await sessionGroupChoices(db, locale) } : null;
    },
    edit: (c, meeting, session, form) => <SessionEditPage c={c} meeting={meeting} session={session} form={form} groups={session.groupChoices} />,
    values: (session, meeting, locale) => sessionFormValues(session, meeting, locale),
    save: async (actor, meeting, id, d, locale) => (await saveSession(db, actor, meeting, id, d.input, d.times, locale), true),
    remove: async (actor, meeting, id) => ((await removeSession(db, actor, meeting, id)) ? 'removed' : null),
  });

  addPart({
    path: 'categories',
    notices: /^(added|saved|removed|in-use|unknown)$/,
    list: async (_req, meeting, form, n) => {
      const [categories, taken] = await Promise.all([categoriesOf(db, meeting.id), usage(db, meeting.id, new Date())]);
      return (c) => <CategoriesAdminPage c={c} meeting={meeting} categories={categories} taken={taken.byCategory} form={form} notice={n} />;
    },
    read: (req): Read<CategoryInput> => {
      const v = validate(categoryBody, req.body);
      return v.ok ? { data: v.data } : { state: v.state };
    },
    load: (actor, meetingId, id) => categoryOf(db, actor, meetingId, id),
    edit: (c, meeting, category, form) => <CategoryEditPage c={c} meeting={meeting} category={category} form={form} />,
    values: (category, _meeting, locale) => categoryFormValues(category, locale),
    save: async (actor, meeting, id, d, locale) => slugRefusal(await saveCategory(db, actor, meeting.id, id, d, locale, config.baseUrl)),
    remove: async (actor, meeting, id) => {
      const r = await removeCategory(db, actor, meeting, id);
      return r === 'ok' ? 'removed' : r;
    },
  });

  addPart({
    path: 'activities',
    notices: /^(added|saved)$/,
    list: async (req, meeting, form, n) => {
      const { activities, counts } = await activitiesOf(db, req.actor, meeting.id);
      return (c) => <ActivitiesAdminPage c={c} meeting={meeting} activities={activities} counts={counts} form={form} notice={n} />;
    },
    read: (req, meeting) => readTimed(activityBody, req, (d) => timesIn(d, meeting.timeZone), (d) => ({ ...d, membersOnly: d.membersOnly.includes('yes') })),
    load: (actor, meetingId, id) => activityOf(db, actor, meetingId, id),
    edit: (c, meeting, activity, form) => <ActivityEditPage c={c} meeting={meeting} activity={activity} form={form} />,
    values: activityFormValues,
    save: async (actor, meeting, id, d, locale) => slugRefusal(await saveActivity(db, actor, meeting, id, d.input, d.times, locale)),
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
