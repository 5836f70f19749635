import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { emptyForm, keepTyped, validate, type FieldError, type FormState } from '../../platform/forms/validate.js';
import { fromLocal, toLocal } from '../../platform/forms/datetime.js';
import { noticeFrom } from '../../platform/http/notice.js';
import { routeParam as param } from '../../platform/http/params.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { isCountryCode } from '../../platform/geo/countries.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { listMeetings } from '../meetings/service.js';
import {
  answerFieldErrors,
  createSurvey,
  enterResponse,
  isStakeholder,
  newSurveyBody,
  openSurvey,
  pagesOf,
  questionFromForm,
  readPage,
  removeQuestion,
  saveQuestion,
  saveSettings,
  setClosing,
  settingsBody,
  surveyForSecretariat,
  surveysForSecretariat,
  surveyTextsOf,
  surveyTexts,
  exportSurveyTexts,
  textsQuery,
  TEXT_SEARCH_MAX,
  type AdminSurvey,
  type Answers,
  type OpenRefusal,
  surveyInviteBody,
  surveyInvitationPreview,
  inviteToSurvey,
  remindSurvey,
  invitationsView,
  type InvitationPreview,
  type SurveyState,
} from './service.js';
import { AdminListPage, AdminSurveyPage, EnterPage, QuestionFormPage, SettingsPage, questionValues } from './admin-views.js';
import { INVITE_NOTICES, InvitePage } from './invite-views.js';
import { TextsPage } from './texts-views.js';
import { sendTable } from '../../platform/http/exports.js';

const UTC = 'UTC';
const NOTICES = /^(created|saved|opened|closing|question|removed|entered)$/;

/** The Secretariat's pages: the list of surveys, writing one (settings, texts, questions), opening and closing it, entering paper answers, inviting and reminding. */
export const adminRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const admin = (req: FastifyRequest, path = '') => `/${req.locale}/admin/surveys/${param(req, 'slug')}${path}`;

  app.get('/admin/surveys', async (req, reply) => {
    const list = await surveysForSecretariat(db, req.actor);
    return reply.render((c) => <AdminListPage c={c} list={list} form={emptyForm({ originalLocale: req.locale })} now={new Date()} />);
  });

  app.post('/admin/surveys', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const again = async (form: FormState) => {
      const list = await surveysForSecretariat(db, req.actor);
      return reply.render((c) => <AdminListPage c={c} list={list} form={form} now={new Date()} />, 422);
    };
    const v = validate(newSurveyBody, body);
    if (!v.ok) return again(v.state);
    const r = await createSurvey(db, req.actor, v.data, body._once);
    if (!r.ok && 'error' in r) return again({ values: keepTyped(body), errors: [r.error] });
    return reply.redirect(r.ok ? `/${req.locale}/admin/surveys/${r.slug}?notice=created` : `/${req.locale}/admin/surveys`, 303);
  });

  async function survey(req: FastifyRequest, reply: FastifyReply): Promise<AdminSurvey | null> {
    const a = await surveyForSecretariat(db, req.actor, param(req, 'slug'));
    if (!a) await reply.callNotFound();
    return a;
  }

  const showSurvey = (req: FastifyRequest, reply: FastifyReply, a: AdminSurvey, extra?: { refusal?: OpenRefusal; form?: FormState }) => {
    const now = new Date();
    const form = extra?.form ?? emptyForm({ opensAt: toLocal(now, UTC), closesAt: toLocal(a.survey.closesAt ?? new Date(now.getTime() + 28 * 86_400_000), UTC) });
    return reply.render((c) => <AdminSurveyPage c={c} a={a} now={now} refusal={extra?.refusal} openForm={form} notice={extra ? undefined : noticeFrom(req.query, NOTICES)} />, extra ? 422 : 200);
  };

  app.get('/admin/surveys/:slug', async (req, reply) => {
    const a = await survey(req, reply);
    return a && showSurvey(req, reply, a);
  });

  // ——— Settings and texts ———

  async function showSettings(req: FastifyRequest, reply: FastifyReply, a: AdminSurvey, form?: FormState) {
    const [groups, meetings] = await Promise.all([listWorkingGroups(db), listMeetings(db)]);
    const s = a.survey;
    const values: Record<string, unknown> = { audience: s.audience, audienceRef: s.audienceRef ?? '', anonymous: s.anonymous ? 'yes' : '', resultsPublic: s.resultsPublic ? 'yes' : '', locales: s.locales, incomeYear: s.incomeYear };
    for (const l of s.locales) for (const f of ['title', 'intro', 'thanks'] as const) values[`${f}.${l}`] = s[f][l as Locale] ?? '';
    const name = (t: Record<string, string | undefined>, original: string) => t[req.locale] ?? t[original] ?? Object.values(t)[0] ?? '';
    return reply.render(
      (c) => (
        <SettingsPage
          c={c}
          s={s}
          form={form ?? emptyForm(values)}
          groups={groups.map((g) => ({ id: g.id, name: name(g.name, g.originalLocale) }))}
          meetings={meetings.map((m) => ({ id: m.id, name: name(m.title, m.originalLocale) }))}
        />
      ),
      form ? 422 : 200,
    );
  }

  app.get('/admin/surveys/:slug/settings', async (req, reply) => {
    const a = await survey(req, reply);
    return a && showSettings(req, reply, a);
  });

  app.post('/admin/surveys/:slug/settings', async (req, reply) => {
    const a = await survey(req, reply);
    if (!a) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const v = validate(settingsBody, body);
    const texts = surveyTextsOf(body, a.survey, a.survey.locales.filter(isLocale));
    const errors: FieldError[] = [...(v.ok ? [] : v.state.errors), ...texts.errors];
    if (v.ok && (v.data.audience === 'group' || v.data.audience === 'participants') && !v.data.audienceRef) errors.push({ field: 'audienceRef', key: 'surveys.errors.audienceRef' });
    if (errors.length || !v.ok) return showSettings(req, reply, a, { values: keepTyped(body), errors });
    await saveSettings(db, req.actor, a.survey, v.data, texts);
    return reply.redirect(admin(req, '?notice=saved'), 303);
  });

  // ——— Questions ———

  app.get('/admin/surveys/:slug/questions/new', async (req, reply) => {
    const a = await survey(req, reply);
    if (!a) return;
    const page = Math.max(1, ...pagesOf(a.survey.questions));
    return reply.render((c) => <QuestionFormPage c={c} s={a.survey} form={emptyForm({ type: 'single', page: String(page) })} editing={null} />);
  });

  app.get('/admin/surveys/:slug/questions/:key', async (req, reply) => {
    const a = await survey(req, reply);
    if (!a) return;
    const q = a.survey.questions.find((x) => x.key === param(req, 'key'));
    if (!q) return reply.callNotFound();
    return reply.render((c) => <QuestionFormPage c={c} s={a.survey} form={emptyForm(questionValues(q, a.survey.locales.filter(isLocale)))} editing={q.key} />);
  });

  app.post('/admin/surveys/:slug/questions/:key', async (req, reply) => {
    const a = await survey(req, reply);
    if (!a) return;
    const key = param(req, 'key');
    const replacing = key === 'new' ? null : key;
    if (replacing && !a.survey.questions.some((q) => q.key === replacing)) return reply.callNotFound();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const again = (errors: FieldError[]) => reply.render((c) => <QuestionFormPage c={c} s={a.survey} form={{ values: keepTyped(body), errors }} editing={replacing} />, 422);
    const read = questionFromForm(body, a.survey);
    if (read.errors.length) return again(read.errors);
    const r = await saveQuestion(db, req.actor, a.survey, read.question, replacing);
    if (!r.ok) return again(r.errors);
    return reply.redirect(admin(req, '?notice=question'), 303);
  });

  app.post('/admin/surveys/:slug/questions/:key/remove', async (req, reply) => {
    const a = await survey(req, reply);
    if (!a) return;
    const r = await removeQuestion(db, req.actor, a.survey, param(req, 'key'));
    if (!r.ok) {
      const q = a.survey.questions.find((x) => x.key === param(req, 'key'));
      if (!q) return reply.redirect(admin(req), 303);
      return reply.render((c) => <QuestionFormPage c={c} s={a.survey} form={{ values: questionValues(q, a.survey.locales.filter(isLocale)), errors: [{ field: 'key', key: `surveys.errors.${r.reason === 'frozen' ? 'frozen' : 'dependedOn'}` }] }} editing={q.key} />, 422);
    }
    return reply.redirect(admin(req, '?notice=removed'), 303);
  });

  // ——— Opening and closing ———

  app.post('/admin/surveys/:slug/open', async (req, reply) => {
    const a = await survey(req, reply);
    if (!a) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const opensAt = fromLocal(String(body.opensAt ?? ''), UTC);
    const closesAt = fromLocal(String(body.closesAt ?? ''), UTC);
    const errors: FieldError[] = [];
    if (!opensAt) errors.push({ field: 'opensAt', key: 'form.errors.dateTime' });
    if (!closesAt) errors.push({ field: 'closesAt', key: 'form.errors.dateTime' });
    if (!opensAt || !closesAt) return showSurvey(req, reply, a, { form: { values: keepTyped(body), errors } });
    const r = await openSurvey(db, req.actor, a.survey, opensAt, closesAt);
    if (!r.ok) return showSurvey(req, reply, a, { refusal: r, form: { values: keepTyped(body), errors: r.dates ? [{ field: 'closesAt', key: 'surveys.errors.closesBeforeOpens' }] : [] } });
    return reply.redirect(admin(req, '?notice=opened'), 303);
  });

  app.post('/admin/surveys/:slug/close', async (req, reply) => {
    const a = await survey(req, reply);
    if (!a) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const closesAt = fromLocal(String(body.closesAt ?? ''), UTC);
    const ok = closesAt ? await setClosing(db, req.actor, a.survey, closesAt, new Date()) : false;
    if (!ok) return showSurvey(req, reply, a, { form: { values: keepTyped(body), errors: [{ field: 'closesAt', key: 'surveys.errors.closing' }] } });
    return reply.redirect(admin(req, '?notice=closing'), 303);
  });

  // ——— Paper and meeting answers ———

  app.get('/admin/surveys/:slug/enter', async (req, reply) => {
    const a = await survey(req, reply);
    if (!a) return;
    return reply.render((c) => <EnterPage c={c} s={a.survey} form={emptyForm({ source: 'paper' })} notice={noticeFrom(req.query, /^entered$/)} />);
  });

  app.post('/admin/surveys/:slug/enter', async (req, reply) => {
    const a = await survey(req, reply);
    if (!a) return;
    const s = a.survey;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    const source = body.source === 'event' ? 'event' : body.source === 'paper' ? 'paper' : null;
    if (!source) errors.push({ field: 'source', key: 'form.errors.choose' });
    if (body.stakeholder !== undefined && body.stakeholder !== '' && !isStakeholder(body.stakeholder)) errors.push({ field: 'stakeholder', key: 'form.errors.choose' });
    if (body.country !== undefined && body.country !== '' && !isCountryCode(body.country)) errors.push({ field: 'country', key: 'surveys.about.errors.country' });
    // Every page read in turn, each with the answers of the pages before it (skip logic as online).
    let answers: Answers = {};
    for (const page of pagesOf(s.questions)) {
      const read = readPage(s.questions, page, body, answers);
      answers = { ...answers, ...read.answers };
      errors.push(...answerFieldErrors(read.errors));
    }
    if (errors.length || !source) return reply.render((c) => <EnterPage c={c} s={s} form={{ values: keepTyped(body), errors }} />, 422);
    const r = await enterResponse(db, req.actor, s, { source, locale: req.locale, stakeholder: isStakeholder(body.stakeholder) ? body.stakeholder : null, country: isCountryCode(body.country) ? String(body.country) : null, answers }, new Date(), body._once);
    if (!r.ok && r.reason === 'not-open') return reply.redirect(admin(req), 303);
    return reply.redirect(admin(req, '/enter?notice=entered'), 303);
  });

  // ——— Written answers: read one question's at a time, search them, download them (policy readTexts) ———

  app.get('/admin/surveys/:slug/texts', async (req, reply) => {
    const query = textsQuery.parse(req.query ?? {});
    const v = await surveyTexts(db, req.actor, param(req, 'slug'), query);
    if (!v) return reply.callNotFound();
    const errors: FieldError[] = v.searchTooLong ? [{ field: 'q', key: 'form.errors.tooLong', values: { max: TEXT_SEARCH_MAX } }] : [];
    const form: FormState = { values: { question: v.chosen?.key ?? '', q: v.q }, errors };
    // A question that takes no written answers: the page says so, with the questions that do, as a 404.
    return reply.render((c) => <TextsPage c={c} v={v} form={form} />, v.unknown !== null ? 404 : errors.length ? 422 : 200);
  });

  app.get('/admin/surveys/:slug/texts.csv', async (req, reply) => {
    const r = await exportSurveyTexts(db, req.actor, param(req, 'slug'), textsQuery.parse(req.query ?? {}), req.ip);
    if (!r) return reply.callNotFound();
    const name = `${r.survey.slug}-${r.chosen.key}${r.chosen.other ? '-other' : ''}-texts`;
    return sendTable(reply, name, 'csv', [req.t('surveys.texts.csvHead')], r.texts.map((text) => [text]), r.survey.slug);
  });

  // ——— Invitations and reminders ———

  async function showInvite(req: FastifyRequest, reply: FastifyReply, a: AdminSurvey, extra: { form?: FormState; preview?: InvitationPreview; refused?: SurveyState; status?: number } = {}) {
    const view = await invitationsView(db, req.actor, a.survey, req.locale, new Date());
    const notice = extra.status ? undefined : noticeFrom(req.query, INVITE_NOTICES);
    return reply.render((c) => <InvitePage c={c} s={a.survey} view={view} form={extra.form ?? emptyForm()} preview={extra.preview} refused={extra.refused} notice={notice} />, extra.status ?? 200);
  }

  app.get('/admin/surveys/:slug/invite', async (req, reply) => {
    const a = await survey(req, reply);
    return a && showInvite(req, reply, a);
  });

  app.post('/admin/surveys/:slug/invite', async (req, reply) => {
    const a = await survey(req, reply);
    if (!a) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const v = validate(surveyInviteBody, body);
    if (!v.ok) return showInvite(req, reply, a, { form: v.state, status: 422 });
    const now = new Date();
    const form = emptyForm(keepTyped(body));
    if (v.data.step === 'preview') {
      const r = await surveyInvitationPreview(db, req.actor, a.survey, v.data, now);
      return r.ok ? showInvite(req, reply, a, { form, preview: r }) : showInvite(req, reply, a, { form, refused: r.state, status: 422 });
    }
    const r = v.data.step === 'remind' ? await remindSurvey(db, req.actor, a.survey, config, now) : await inviteToSurvey(db, req.actor, a.survey, v.data, config, now);
    if (!r.ok) return showInvite(req, reply, a, { form, refused: r.state, status: 422 });
    return reply.redirect(admin(req, `/invite?notice=${'reminded' in r ? `reminded-${r.reminded}` : `invited-${r.invited}`}`), 303);
  });
};
