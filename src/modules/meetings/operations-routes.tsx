import { z } from 'zod';
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { field } from '../../platform/forms/fields.js';
import { validate } from '../../platform/forms/validate.js';
import { downloadHeaders, sendTable } from '../../platform/http/exports.js';
import { countryName, INCOME_GROUPS, incomeGroupName, incomeGroupOf, regionName, regionOf, UNESCO_REGIONS } from '../../platform/geo/countries.js';
import { secretariatMeeting } from './service.js';
import { REG_STATUSES } from './allocation.js';
import { categoriesOf } from './registration.js';
import { attendanceCounts, cateringCounts, checkIn, dashboardFigures, emailRegistrations, exportRegistrations, findForCheckIn, meetingDays, type RegistrationFilter } from './operations.js';
import { CateringPage, CheckInPage, QuestionsPage } from './views/operations.js';
import { addQuestion, QUESTION_KINDS, questionsOf, removeQuestion } from './questions.js';
import { DashboardPage } from './views/dashboard.js';
import { barChart } from '../../platform/charts/render.js';
import { formatMoney } from '../../platform/i18n/format.js';
import { financingBudget, incomeYearOf } from './financing.js';
import { badges } from './documents.js';
import { BADGES_RATE_LIMIT, perPerson } from '../../platform/http/limits.js';

export const registrationQuery = z.object({
  status: field.optionalChoice(REG_STATUSES).catch(undefined),
  category: z.string().max(80).optional().catch(undefined),
  country: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  region: field.optionalChoice(UNESCO_REGIONS).catch(undefined),
  income: field.optionalChoice(INCOME_GROUPS).catch(undefined),
  financing: field.optionalChoice(['any', 'requested', 'approved', 'partly', 'declined', 'withdrawn']).catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
});

export function registrationFilter(query: unknown): RegistrationFilter {
  const f = registrationQuery.parse(query ?? {});
  return { ...f, category: f.category || undefined, q: f.q?.trim() || undefined };
}

/** The Secretariat's tools for running a meeting: exports, catering, check-in. */
export const operationsRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {

  app.get('/admin/meetings/:slug/registrations.:format', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const format = (req.params as Record<string, string>).format;
    if (!meeting || (format !== 'csv' && format !== 'xlsx')) return reply.callNotFound();
    const { rows, categories } = await exportRegistrations(db, req.actor, meeting, registrationFilter(req.query), { action: 'meetings.registrations.export', format, ip: req.ip });
    const t = req.t;
    const cat = (id: string) => {
      const c = categories.find((x) => x.id === id);
      return c ? (c.name[req.locale] ?? c.name[meeting.originalLocale as 'en'] ?? c.slug) : '';
    };
    const year = incomeYearOf(meeting);
    const head = [t('meetings.admin.order'), t('meetings.register.fields.name'), t('meetings.register.fields.email'), t('meetings.register.fields.organization'), t('meetings.register.fields.country'), t('meetings.financing.incomeGroupIn', { year }), t('meetings.register.fields.category'), t('meetings.admin.status'), t('meetings.register.fields.lunch'), t('meetings.register.fields.dietary'), t('meetings.register.fields.accessibility'), t('meetings.admin.registeredAt')];
    const table = rows.map((r) => {
      const a = r.answers as { lunch?: string[]; dietary?: string; accessibility?: string };
      const group = incomeGroupOf(r.country, year);
      return [r.seq, r.name, r.email, r.organization, countryName(r.country, req.locale), group ? incomeGroupName(group, req.locale) : '', cat(r.categoryId), t(`meetings.regStatuses.${r.status}`), (a.lunch ?? []).join(' '), a.dietary ?? '', a.accessibility ?? '', r.createdAt.toISOString()];
    });
    return sendTable(reply, `registrations-${meeting.slug}`, format, head, table, t('meetings.admin.link'));
  });

  // Counted per signed-in person (route hooks run after the platform's, which sets the actor).
  const badgesLimit = perPerson(BADGES_RATE_LIMIT, config);

  app.get('/admin/meetings/:slug/badges.pdf', { config: { rateLimit: badgesLimit } }, async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const one = z.uuid().optional().catch(undefined).parse((req.query as Record<string, unknown>).id);
    const filter = { ...registrationFilter(req.query), status: 'confirmed' as const };
    const { rows: regs, categories } = await exportRegistrations(db, req.actor, meeting, filter, { action: 'meetings.badges', id: one, ip: req.ip });
    const pdf = await badges({ meeting, regs, categories, locale: req.locale });
    return downloadHeaders(reply, { type: 'application/pdf', name: `badges-${meeting.slug}.pdf`, cache: 'no-store' }).send(pdf);
  });

  const emailBody = z.object({ subject: field.text({ max: 200 }), body: field.text({ max: 10000 }) });

  app.post('/admin/meetings/:slug/registrations/email', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const filter = registrationFilter(body);
    const qs = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1])).toString();
    const v = validate(emailBody, body);
    if (!v.ok) return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/registrations?${qs}${qs ? '&' : ''}notice=email-empty`, 303);
    const n = await emailRegistrations(db, req.actor, meeting, { filter, ...v.data, baseUrl: config.baseUrl, onceKey: body._once, ip: req.ip });
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/registrations?${qs}${qs ? '&' : ''}sent=${n}`, 303);
  });

  const questionBody = z
    .object({
      kind: field.choice(QUESTION_KINDS),
      label: field.text({ max: 300 }),
      options: z.string().max(3000).optional(),
      required: field.many(['yes']),
    })
    .transform((q) => ({ ...q, options: (q.options ?? '').split(/\r?\n/).map((o) => o.trim()).filter(Boolean) }))
    .refine((q) => q.kind !== 'choice' || q.options.length >= 2, { path: ['options'], message: 'meetings.errors.options' });

  app.get('/admin/meetings/:slug/questions', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const questions = await questionsOf(db, meeting.id);
    return reply.render((c) => <QuestionsPage c={c} meeting={meeting} questions={questions} />);
  });

  app.post('/admin/meetings/:slug/questions', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const v = validate(questionBody, req.body);
    if (!v.ok) {
      const questions = await questionsOf(db, meeting.id);
      return reply.render((c) => <QuestionsPage c={c} meeting={meeting} questions={questions} form={v.state} />, 422);
    }
    await addQuestion(db, req.actor, meeting, { kind: v.data.kind, label: v.data.label, options: v.data.options, required: v.data.required.includes('yes'), locale: req.locale });
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/questions`, 303);
  });

  app.post('/admin/meetings/:slug/questions/:id/remove', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = z.uuid().safeParse((req.params as Record<string, string>).id);
    if (!meeting || !id.success) return reply.callNotFound();
    await removeQuestion(db, req.actor, meeting, id.data);
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/questions`, 303);
  });

  app.get('/admin/meetings/:slug/catering', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const counts = await cateringCounts(db, req.actor, meeting);
    return reply.render((c) => <CateringPage c={c} meeting={meeting} days={meetingDays(meeting)} counts={counts} />);
  });

  app.get('/admin/meetings/:slug/catering.csv', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const counts = await cateringCounts(db, req.actor, meeting);
    const t = req.t;
    const rows: (string | number)[][] = [
      ...meetingDays(meeting).map((_, i) => [t('meetings.register.day', { n: i + 1 }), counts.lunches[i] ?? 0]),
      ...counts.dietary.map(([need, n]) => [`${t('meetings.register.fields.dietary')}: ${need}`, n]),
    ];
    return sendTable(reply, `catering-${meeting.slug}`, 'csv', [t('meetings.catering.what'), t('meetings.catering.count')], rows, 'catering');
  });

  app.get('/admin/meetings/:slug/dashboard', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const f = await dashboardFigures(db, req.actor, meeting);
    const categories = await categoriesOf(db, meeting.id);
    const t = req.t;
    const ctx = { locale: req.locale, t };
    const count = t('meetings.dashboard.registrations');
    const byRegion = UNESCO_REGIONS.map((r) => ({ label: regionName(r, req.locale), value: f.byCountry.filter((code) => regionOf(code) === r).length }));
    const year = incomeYearOf(meeting);
    const byIncome = INCOME_GROUPS.map((g) => ({ label: incomeGroupName(g, req.locale), value: f.byCountry.filter((code) => incomeGroupOf(code, year) === g).length }));
    const [budget, catering] = await Promise.all([financingBudget(db, meeting), cateringCounts(db, req.actor, meeting)]);
    const charts = await Promise.all([
      barChart(ctx, { title: t('meetings.dashboard.perDay'), labelHeader: t('meetings.dashboard.date'), valueHeader: count, data: f.perDay.map(([label, value]) => ({ label, value })) }),
      barChart(ctx, { title: t('meetings.dashboard.byCategory'), labelHeader: t('meetings.register.fields.category'), valueHeader: count, horizontal: true, data: categories.map((cat) => ({ label: cat.name[req.locale] ?? cat.name[meeting.originalLocale as 'en'] ?? cat.slug, value: f.byCategory.get(cat.id) ?? 0 })) }),
      barChart(ctx, { title: t('meetings.dashboard.byRegion'), labelHeader: t('membership.queue.region'), valueHeader: count, horizontal: true, data: byRegion }),
      barChart(ctx, { title: t('meetings.dashboard.byIncomeIn', { year }), labelHeader: t('membership.queue.income'), valueHeader: count, horizontal: true, data: byIncome }),
      barChart(ctx, {
        title: t('meetings.dashboard.financing', { budget: formatMoney(req.locale, budget.budget, meeting.financingCurrency) }),
        labelHeader: t('meetings.financing.status'),
        valueHeader: meeting.financingCurrency,
        horizontal: true,
        amounts: true,
        data: [
          { label: t('meetings.financing.budget'), value: budget.budget },
          { label: t('meetings.dashboard.requested'), value: f.financingRequested },
          { label: t('meetings.financing.committed'), value: budget.committed },
        ],
      }),
    ]);
    const title = meeting.title[req.locale] ?? meeting.title[meeting.originalLocale as 'en'] ?? meeting.slug;
    const money = (n: number) => formatMoney(req.locale, n, meeting.financingCurrency);
    const headline = {
      confirmed: catering.participants,
      capacity: meeting.capacity,
      waiting: f.waiting,
      lunches: catering.lunches,
      financing: { committed: money(budget.committed), budget: money(budget.budget) },
    };
    return reply.render((c) => <DashboardPage c={c} title={title} slug={meeting.slug} charts={charts} headline={headline} />);
  });

  const checkInQuery = z.object({ day: z.coerce.number().int().min(1).max(31).catch(1), q: z.string().max(200).optional().catch(undefined), code: z.string().max(40).optional().catch(undefined), notice: z.string().optional() });

  app.get('/admin/meetings/:slug/check-in', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    if (!meeting) return reply.callNotFound();
    const q = checkInQuery.parse(req.query);
    const days = meetingDays(meeting);
    const day = Math.min(q.day, days.length);
    const query = { q: q.q?.trim() || undefined, code: q.code?.trim() || undefined };
    const [found, counts] = await Promise.all([findForCheckIn(db, req.actor, meeting.id, { code: query.code, name: query.q }), attendanceCounts(db, meeting.id)]);
    const notice = q.notice && /^(ok|already|unknown)$/.test(q.notice) ? q.notice : undefined;
    reply.header('cache-control', 'no-store');
    return reply.render((c) => <CheckInPage c={c} data={{ meeting, days, day, query, found, counts, notice }} />);
  });

  app.post('/admin/meetings/:slug/check-in/:id', async (req, reply) => {
    const meeting = await secretariatMeeting(db, req.actor, req.params);
    const id = z.uuid().safeParse((req.params as Record<string, string>).id);
    if (!meeting || !id.success) return reply.callNotFound();
    const day = Math.min(Math.max(1, Number((req.body as Record<string, unknown>)?.day) || 1), meetingDays(meeting).length);
    const r = await checkIn(db, req.actor, meeting.id, id.data, day);
    return reply.redirect(`/${req.locale}/admin/meetings/${meeting.slug}/check-in?day=${day}&notice=${r}`, 303);
  });
};
