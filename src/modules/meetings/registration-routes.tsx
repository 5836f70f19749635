import { z } from 'zod';
import { noticeFrom } from '../../platform/http/notice.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { field } from '../../platform/forms/fields.js';
import { formError, validate } from '../../platform/forms/validate.js';
import { LETTER_ADDRESS_RATE_LIMIT, LETTER_LINK_RATE_LIMIT, PUBLIC_FORM_RATE_LIMIT } from '../../platform/http/limits.js';
import { isLocale, LOCALES } from '../../platform/i18n/locales.js';
import { localize } from '../../platform/i18n/content.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { invitationLetter, passportNameOf } from './documents.js';
import { isCountryCode } from '../../platform/geo/countries.js';
import { getMeeting, meetingsOverview, secretariatMeeting } from './service.js';
import { registrationWindow } from './allocation.js';
import { activitiesFor, joinActivity, leaveActivity } from './activities.js';
import { answersSchema, questionField, questionsOf } from './questions.js';
import { programme } from './service.js';
import {
  acceptOffer,
  cancelRegistration,
  categoriesOf,
  declineOffer,
  register,
  registrationByLink,
  registrationCounts,
  setCapacity,
  moderateRegistration,
  linkForAccount,
  updateRegistrationDetails,
} from './registration.js';
import { CancelPage, FinancingAdminPage, ManagePage, MeetingsAdminPage, RegisterPage, RegistrationClosedPage, RegistrationSentPage, RegistrationsAdminPage } from './views/registration.js';
import { decideFinancing, exportFinancing, financingBudget, financingEligibility, financingOf, incomeYearOf, listFinancing, requestFinancing } from './financing.js';
import { countryName, incomeGroupName, incomeGroupOf } from '../../platform/geo/countries.js';
import { downloadHeaders, sendTable } from '../../platform/http/exports.js';
import type { FormState } from '../../platform/forms/validate.js';
import { filterRegistrations } from './operations.js';
import { registrationFilter } from './operations-routes.js';

const detailsBody = z.object({
  organization: field.optionalText({ max: 300 }),
  passportName: field.optionalText({ max: 200 }),
  languages: field.many(LOCALES),
  accessibility: field.optionalText({ max: 1000 }),
  lunch: field.many(['day1', 'day2']),
  dietary: field.optionalText({ max: 300 }),
});
const registerBody = z.object({
  name: field.text({ max: 200 }),
  email: field.email(),
  organization: field.optionalText({ max: 300 }),
  country: z.string({ message: 'form.errors.choose' }).refine(isCountryCode, { message: 'form.errors.choose' }),
  passportName: field.optionalText({ max: 200 }),
  category: z.string({ message: 'form.errors.choose' }).min(1, { message: 'form.errors.choose' }).max(80),
  invitationCode: field.optionalText({ max: 100 }),
  languages: field.many(LOCALES),
  accessibility: field.optionalText({ max: 1000 }),
  lunch: field.many(['day1', 'day2']),
  dietary: field.optionalText({ max: 300 }),
  consent: field.many(['yes']).refine((v) => v.includes('yes'), { message: 'form.errors.mustAgree' }),
});
const capacityBody = z.object({ capacity: field.wholeNumber(0, 100000, 'meetings.errors.capacity') });
const MANAGE_NOTICES = /^(registered|again|details-saved|accepted|declined|cancelled|expired|not-allowed|activity-(confirmed|waiting|left|not-confirmed|members-only|closed|unknown)|financing-(requested|not-confirmed|not-eligible|closed|no-budget|exists))$/;
const financingBody = z.object({
  needs: field.many(['travel', 'accommodation']).refine((n) => n.length > 0, { message: 'meetings.errors.needs' }),
  justification: field.text({ max: 2000 }),
  estimatedCost: field.wholeNumber(1, 1_000_000, 'meetings.errors.amount'),
});
const decisionBody = z.object({
  decision: field.choice(['approve', 'partly', 'decline']),
  amount: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().min(0).max(1_000_000).optional()).catch(undefined),
  note: z.string().max(2000).optional(),
});

export const registrationRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const meetingOf = async (req: FastifyRequest) => (await getMeeting(db, req.actor, String((req.params as Record<string, string>).slug ?? '')))?.meeting ?? null;

  app.get('/meetings/:slug/register', async (req, reply) => {
    const meeting = await meetingOf(req);
    if (!meeting) return reply.callNotFound();
    const state = registrationWindow(meeting, new Date());
    if (state !== 'open') return reply.render((c) => <RegistrationClosedPage c={c} meeting={meeting} reason={state} />);
    const extra = await formExtras(meeting.id);
    return reply.render((c) => <RegisterPage c={c} meeting={meeting} {...extra} />);
  });

  /** What the form adds to the standard fields for this meeting: its categories, sessions and own questions. */
  async function formExtras(meetingId: string) {
    const [categories, sessions, questions] = await Promise.all([categoriesOf(db, meetingId), programme(db, meetingId), questionsOf(db, meetingId)]);
    return { categories, sessions: sessions.filter((s) => s.kind !== 'break'), questions };
  }

  app.post('/meetings/:slug/register', { config: { rateLimit: PUBLIC_FORM_RATE_LIMIT } }, async (req, reply) => {
    const meeting = await meetingOf(req);
    if (!meeting) return reply.callNotFound();
    const extra = await formExtras(meeting.id);
    const schema = registerBody.extend({ sessions: field.many((extra.sessions.length ? extra.sessions.map((x) => x.id) : ['none']) as [string, ...string[]]) }).extend(answersSchema(extra.questions).shape);
    const v = validate(schema, req.body);
    if (!v.ok) return reply.render((c) => <RegisterPage c={c} meeting={meeting} {...extra} form={v.state} />, 422);
    const d = v.data as z.infer<typeof registerBody> & { sessions: string[] } & Record<string, string | undefined>;
    const questionAnswers = Object.fromEntries(extra.questions.map((q) => [q.id, d[questionField(q)] ?? '']));
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
        answers: { passportName: d.passportName ?? '', languages: d.languages, accessibility: d.accessibility ?? '', lunch: d.lunch, dietary: d.dietary ?? '', sessions: d.sessions, questions: questionAnswers },
      },
    });
    if (!r.ok) {
      if (r.reason === 'invitation' || r.reason === 'unknown-category') {
        const fieldName = r.reason === 'invitation' ? 'invitationCode' : 'category';
        return reply.render((c) => <RegisterPage c={c} meeting={meeting} {...extra} form={formError(req.body, fieldName, `meetings.errors.${r.reason}`)} />, 422);
      }
      return reply.render((c) => <RegistrationClosedPage c={c} meeting={meeting} reason={r.reason} />, 409);
    }
    // Someone signed in with this very address has proved it is theirs: straight to the registration.
    const own = req.actor?.email === d.email ? await linkForAccount(db, req.actor, meeting.id) : null;
    if (own) return reply.redirect(`/${req.locale}/meetings/${meeting.slug}/registration/${own}?notice=${r.repeat ? 'again' : 'registered'}`, 303);
    // Anyone else sees the same page whether the address was new or already registered: the link goes by e-mail.
    return reply.render((c) => <RegistrationSentPage c={c} meeting={meeting} email={d.email} />);
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
    const data = await manageData(found);
    return reply.render((c) => <ManagePage c={c} data={{ ...data, notice: noticeFrom(req.query, MANAGE_NOTICES) }} />);
  });

  async function manageData(found: NonNullable<Awaited<ReturnType<typeof manage>>>, financingForm?: FormState, detailsForm?: FormState) {
    const now = new Date();
    const [activities, request] = await Promise.all([activitiesFor(db, found.reg, found.meeting, now), financingOf(db, found.reg.id)]);
    const financing = { request, refusal: request ? null : financingEligibility(found.meeting, found.reg, now), currency: found.meeting.financingCurrency, form: financingForm };
    const open = ['confirmed', 'waiting', 'offered', 'pending'].includes(found.reg.status) && (!found.meeting.registrationClosesAt || now < found.meeting.registrationClosesAt);
    const registerAgain = found.reg.status === 'cancelled' && registrationWindow(found.meeting, now) === 'open';
    return { ...found, activities, financing, details: open ? { form: detailsForm } : undefined, registerAgain };
  }

  // Letters are limited per client address (the route's config) and per private link (checked in the handler: a route's config takes only one limit).
  const letterLinkLimit = app.createRateLimit({
    ...LETTER_LINK_RATE_LIMIT,
    keyGenerator: (req) => String((req.params as Record<string, string>).token),
    allowList: (req) => config.rateLimitAllowList.includes(req.ip),
  });

  app.get('/meetings/:slug/registration/:token/letter.pdf', { config: { rateLimit: LETTER_ADDRESS_RATE_LIMIT } }, async (req, reply) => {
    const found = await manage(req, reply);
    if (!found) return reply.callNotFound();
    if (found.reg.status !== 'confirmed' || !passportNameOf(found.reg)) return reply.redirect(`/${req.locale}/meetings/${found.meeting.slug}/registration/${found.token}?notice=not-allowed`, 303);
    const limit = await letterLinkLimit(req);
    if (!limit.isAllowed && limit.isExceeded) {
      reply.header('retry-after', limit.ttlInSeconds);
      throw Object.assign(new Error('Too many letters for this link'), { statusCode: 429, code: 'RATE_LIMITED' });
    }
    const lang = (req.query as Record<string, unknown>).lang;
    const locale = isLocale(lang) ? lang : req.locale;
    const [site, financing] = await Promise.all([getSiteSettings(db), financingOf(db, found.reg.id)]);
    const pdf = await invitationLetter({
      meeting: found.meeting,
      reg: found.reg,
      alliance: localize(site.name, locale, site.originalLocale).text,
      financingAmount: financing && (financing.status === 'approved' || financing.status === 'partly') ? financing.approvedAmount : 0,
      locale,
    });
    return downloadHeaders(reply, { type: 'application/pdf', name: `invitation-${found.meeting.slug}-${locale}.pdf`, cache: 'no-store' }).send(pdf);
  });

  app.post('/meetings/:slug/registration/:token/financing', async (req, reply) => {
    const found = await manage(req, reply);
    if (!found) return reply.callNotFound();
    const v = validate(financingBody, req.body);
    if (!v.ok) {
      const data = await manageData(found, v.state);
      return reply.render((c) => <ManagePage c={c} data={data} />, 422);
    }
    const r = await requestFinancing(db, found.reg.id, {
      travel: v.data.needs.includes('travel'),
      accommodation: v.data.needs.includes('accommodation'),
      justification: v.data.justification,
      estimatedCost: v.data.estimatedCost,
    });
    return reply.redirect(`/${req.locale}/meetings/${found.meeting.slug}/registration/${found.token}?notice=${r.ok ? 'financing-requested' : `financing-${r.reason}`}`, 303);
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

  // Cancelling asks first: this page shows what goes with the registration; only its form's POST cancels.
  app.get('/meetings/:slug/registration/:token/cancel', async (req, reply) => {
    const found = await manage(req, reply);
    if (!found) return reply.callNotFound();
    const [sessions, activities, financing] = await Promise.all([programme(db, found.meeting.id), activitiesFor(db, found.reg, found.meeting), financingOf(db, found.reg.id)]);
    const chosen = new Set(((found.reg.answers as { sessions?: unknown }).sessions as string[] | undefined) ?? []);
    const data = {
      ...found,
      sessions: sessions.filter((x) => chosen.has(x.id)),
      activities: activities.flatMap((a) => (a.signup ? [{ activity: a.activity, status: a.signup.status }] : [])),
      financing,
    };
    return reply.render((c) => <CancelPage c={c} data={data} />);
  });

  app.post('/meetings/:slug/registration/:token/cancel', async (req, reply) => {
    const found = await manage(req, reply);
    if (!found) return reply.callNotFound();
    const page = `/${req.locale}/meetings/${found.meeting.slug}/registration/${found.token}`;
    // A post without the confirmation page's answer (an old page, another form) is shown that page first.
    if ((req.body as Record<string, unknown> | undefined)?.confirm !== 'yes') return reply.redirect(`${page}/cancel`, 303);
    const r = await cancelRegistration(db, found.reg.id, config.baseUrl);
    return reply.redirect(`${page}?notice=${r === 'ok' ? 'cancelled' : 'not-allowed'}`, 303);
  });

  for (const [action, verb, notice] of [
    ['accept', acceptOffer, 'accepted'],
    ['decline', declineOffer, 'declined'],
  ] as const) {
    app.post(`/meetings/:slug/registration/:token/${action}`, async (req, reply) => {
      const found = await manage(req, reply);
      if (!found) return reply.callNotFound();
      const r = await verb(db, found.reg.id, config.baseUrl);
      const to = r === 'ok' ? notice : r === 'expired' ? 'expired' : 'not-allowed';
      return reply.redirect(`/${req.locale}/meetings/${found.meeting.slug}/registration/${found.token}?notice=${to}`, 303);
    });
  }

  // Through the account: the registration of the signed-in person (by their e-mail), or the form if they have none.
  app.get('/meetings/:slug/my-registration', async (req, reply) => {
    const meeting = await meetingOf(req);
    if (!meeting) return reply.callNotFound();
    const token = await linkForAccount(db, req.actor, meeting.id);
    return reply.redirect(`/${req.locale}/meetings/${meeting.slug}/${token ? `registration/${token}` : 'register'}`, 303);
  });

  app.post('/meetings/:slug/registration/:token/details', async (req, reply) => {
    const found = await manage(req, reply);
    if (!found) return reply.callNotFound();
    const v = validate(detailsBody, req.body);
    if (!v.ok) {
      const data = await manageData(found, undefined, v.state);
      return reply.render((c) => <ManagePage c={c} data={data} />, 422);
    }
    const r = await updateRegistrationDetails(db, found.reg.id, { organization: v.data.organization ?? '', passportName: v.data.passportName ?? '', languages: v.data.languages, accessibility: v.data.accessibility ?? '', lunch: v.data.lunch, dietary: v.data.dietary ?? '' });
    return reply.redirect(`/${req.locale}/meetings/${found.meeting.slug}/registration/${found.token}?notice=${r === 'ok' ? 'details-saved' : 'not-allowed'}`, 303);
  });

  async function adminPage(req: FastifyRequest, reply: FastifyReply, form?: ReturnType<typeof formError>) {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const filter = registrationFilter(req.query);
    const [rows, categories, counts] = await Promise.all([filterRegistrations(db, req.actor, meeting.id, filter), categoriesOf(db, meeting.id), registrationCounts(db, meeting.id)]);
    const q = req.query as Record<string, unknown>;
    const n =
      typeof q.offered === 'string' && /^\d+$/.test(q.offered)
        ? q.offered
        : typeof q.sent === 'string' && /^\d+$/.test(q.sent)
          ? `sent-${q.sent}`
          : noticeFrom(q, /^(ok|full|not-allowed|email-empty)$/);
    return reply.render(
      (c) => <RegistrationsAdminPage c={c} meeting={meeting} rows={rows} categories={categories} counts={counts} form={form} filter={filter} notice={n} />,
      form ? 422 : 200,
    );
  }

  app.get('/admin/meetings', async (req, reply) => {
    const rows = await meetingsOverview(db, req.actor);
    return reply.render((c) => <MeetingsAdminPage c={c} rows={rows} />);
  });

  app.get('/admin/meetings/:slug/registrations', (req, reply) => adminPage(req, reply));

  app.post('/admin/meetings/:slug/registrations/:id/:decision', async (req, reply) => {
    const { slug, decision } = req.params as Record<string, string>;
    const id = z.uuid().safeParse((req.params as Record<string, string>).id);
    if (!id.success || (decision !== 'confirm' && decision !== 'decline')) return reply.callNotFound();
    const r = await moderateRegistration(db, req.actor, id.data, decision, config.baseUrl);
    return reply.redirect(`/${req.locale}/admin/meetings/${slug}/registrations?notice=${r}`, 303);
  });


  app.get('/admin/meetings/:slug/financing', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const [rows, budget] = await Promise.all([listFinancing(db, req.actor, meeting.id), financingBudget(db, meeting)]);
    const notice = noticeFrom(req.query, /^(ok|decided|over-budget|bad-amount|unknown)$/);
    return reply.render((c) => <FinancingAdminPage c={c} meeting={meeting} rows={rows} budget={budget} incomeYear={incomeYearOf(meeting)} notice={notice} />);
  });

  app.post('/admin/meetings/:slug/financing/:id', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = z.uuid().safeParse((req.params as Record<string, string>).id);
    if (!meeting || !id.success) return reply.callNotFound();
    const v = validate(decisionBody, req.body);
    const r = v.ok ? await decideFinancing(db, req.actor, { requestId: id.data, decision: v.data.decision, amount: v.data.amount, note: v.data.note ?? '', ip: req.ip }) : 'bad-amount';
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/financing?notice=${r}`, 303);
  });

  app.get('/admin/meetings/:slug/financing.:format', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const format = (req.params as Record<string, string>).format;
    if (!meeting || (format !== 'csv' && format !== 'xlsx')) return reply.callNotFound();
    const rows = await exportFinancing(db, req.actor, meeting, format, req.ip);
    const t = req.t;
    const year = incomeYearOf(meeting);
    const head = [t('meetings.register.fields.name'), t('meetings.register.fields.email'), t('meetings.register.fields.country'), t('meetings.financing.incomeGroupIn', { year }), t('meetings.financing.travel'), t('meetings.financing.accommodation'), t('meetings.financing.estimated'), t('meetings.financing.status'), t('meetings.financing.approved'), t('meetings.financing.justification'), t('meetings.financing.note')];
    const table = rows.map(({ request: r, reg }) => [
      reg.name,
      reg.email,
      countryName(reg.country, req.locale),
      incomeGroupOf(reg.country, year) ? incomeGroupName(incomeGroupOf(reg.country, year)!, req.locale) : '',
      r.travel ? t('common.yes') : t('common.no'),
      r.accommodation ? t('common.yes') : t('common.no'),
      r.estimatedCost,
      t(`meetings.financing.statuses.${r.status}`),
      r.approvedAmount,
      r.justification,
      r.decisionNote,
    ]);
    return sendTable(reply, `financing-${meeting.slug}`, format, head, table, t('meetings.financing.heading'));
  });

  app.post('/admin/meetings/:slug/capacity', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const v = validate(capacityBody, req.body);
    if (!v.ok) return adminPage(req, reply, v.state);
    if (!meeting) return reply.callNotFound();
    const offered = await setCapacity(db, req.actor, meeting.id, v.data.capacity, config.baseUrl);
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/registrations?offered=${offered}`, 303);
  });
};
