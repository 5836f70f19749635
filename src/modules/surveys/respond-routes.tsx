import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { emptyForm, keepTyped, type FieldError, type FormState } from '../../platform/forms/validate.js';
import { noticeFrom } from '../../platform/http/notice.js';
import { routeParam as param } from '../../platform/http/params.js';
import { isCountryCode } from '../../platform/geo/countries.js';
import { sendTable } from '../../platform/http/exports.js';
import { answeringRefusal, listCycles, missingRequired, isDimension, surveyBySlug, surveyResults, aboutYouOf, answerFieldErrors, isStakeholder, pageStep, readPage, respondentView, saveAboutYou, savePage, submitResponse, surveysFor, visibleOnPage, visibleQuestions, type RespondentView } from './service.js';
import { ResultsPage, resultCharts, resultsSheet } from './results-views.js';
import { AboutYouPage, QuestionsPage, ReviewPage, SurveyPage, SurveysListPage, formValues } from './respond-views.js';

/**
 * Answering a survey, with JavaScript or without: the survey's page, "About you", one page of
 * questions at a time (saved on every step, so a person can leave and resume), a review of every
 * answer, and sending. Which page comes next is the server's decision (skip logic).
 */
export const respondRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db }) => {
  const at = (req: FastifyRequest, path = '') => `/${req.locale}/surveys/${param(req, 'slug')}${path}`;

  app.get('/surveys', async (req, reply) => {
    const now = new Date();
    const [{ open, closed }, cycles] = await Promise.all([surveysFor(db, req.actor, now), listCycles(db)]);
    return reply.render((c) => <SurveysListPage c={c} open={open} closed={closed} cycles={cycles} now={now} />, { description: (c) => c.t('surveys.intro') });
  });

  /** The survey as this person finds it, or a 404 (a draft, or no such survey). */
  async function found(req: FastifyRequest): Promise<RespondentView | null> {
    return respondentView(db, req.actor, param(req, 'slug'), new Date());
  }

  app.get('/surveys/:slug', async (req, reply) => {
    const view = await found(req);
    if (!view) return reply.callNotFound();
    return reply.render((c) => <SurveyPage c={c} view={view} notice={noticeFrom(req.query, /^(sent|saved)$/)} />, { description: (c) => c.text(view.survey.intro, view.survey.originalLocale).text });
  });

  /** Pages of answering: only for someone who may answer now; anyone else is shown the survey's page, which says why. */
  async function answering(req: FastifyRequest, reply: FastifyReply): Promise<RespondentView | null> {
    const view = await found(req);
    if (!view) {
      await reply.callNotFound();
      return null;
    }
    if (answeringRefusal(req.actor, view, req.method === 'POST')) {
      await reply.redirect(at(req), 303);
      return null;
    }
    return view;
  }

  // ——— About you ———

  async function showAbout(req: FastifyRequest, reply: FastifyReply, view: RespondentView, form?: FormState) {
    const about = form ? null : await aboutYouOf(db, req.actor, view.draft);
    return reply.render((c) => <AboutYouPage c={c} survey={view.survey} form={form ?? emptyForm({ ...about })} />, form ? 422 : 200);
  }

  app.get('/surveys/:slug/about', async (req, reply) => {
    const view = await answering(req, reply);
    return view && showAbout(req, reply, view);
  });

  app.post('/surveys/:slug/about', async (req, reply) => {
    const view = await answering(req, reply);
    if (!view) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    if (!isStakeholder(body.stakeholder)) errors.push({ field: 'stakeholder', key: 'form.errors.choose' });
    if (!isCountryCode(body.country)) errors.push({ field: 'country', key: 'surveys.about.errors.country' });
    if (errors.length) return showAbout(req, reply, view, { values: keepTyped(body), errors });
    const first = await saveAboutYou(db, req.actor, view.survey, { stakeholder: body.stakeholder as never, country: String(body.country) }, req.locale, new Date());
    return reply.redirect(first === null ? at(req, '/review') : at(req, `/page/${first}`), 303);
  });

  // ——— A page of questions ———

  async function showPage(req: FastifyRequest, reply: FastifyReply, view: RespondentView, page: number, form?: FormState) {
    const answers = view.draft?.answers ?? {};
    const questions = visibleOnPage(view.survey.questions, answers, page);
    if (!questions.length) return reply.redirect(at(req, '/review'), 303);
    const step = pageStep(view.survey.questions, answers, page);
    return reply.render((c) => <QuestionsPage c={c} survey={view.survey} page={page} questions={questions} step={step} form={form ?? emptyForm(formValues(view.survey.questions, answers))} />, form ? 422 : 200);
  }

  const pageOf = (req: FastifyRequest) => {
    const n = Number(param(req, 'page'));
    return Number.isInteger(n) && n >= 1 && n <= 50 ? n : null;
  };

  app.get('/surveys/:slug/page/:page', async (req, reply) => {
    const page = pageOf(req);
    if (page === null) return reply.callNotFound();
    const view = await answering(req, reply);
    if (!view) return;
    // "About you" comes first: the breakdowns need it.
    if (!view.draft?.stakeholder) return reply.redirect(at(req, '/about'), 303);
    // Sent back from "Send" with a required answer missing: the page says which.
    const missing = noticeFrom(req.query, /^missing$/) ? answerFieldErrors(missingRequired(view.survey.questions, view.draft.answers, page)) : [];
    return showPage(req, reply, view, page, missing.length ? { values: formValues(view.survey.questions, view.draft.answers), errors: missing } : undefined);
  });

  app.post('/surveys/:slug/page/:page', async (req, reply) => {
    const page = pageOf(req);
    if (page === null) return reply.callNotFound();
    const view = await answering(req, reply);
    if (!view) return;
    if (!view.draft?.stakeholder) return reply.redirect(at(req, '/about'), 303);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const go = body.go === 'back' ? 'back' : body.go === 'later' ? 'stay' : 'next';
    const read = readPage(view.survey.questions, page, body, view.draft.answers);
    // Going back or leaving for later keeps what was typed even when it is not complete; going on needs the page right.
    if (read.errors.length && go === 'next') return showPage(req, reply, view, page, { values: keepTyped(body), errors: answerFieldErrors(read.errors) });
    const saved = await savePage(db, req.actor, view.survey, page, read.answers, req.locale, new Date(), go);
    if (go === 'stay') return reply.redirect(`${at(req)}?notice=saved`, 303);
    if (saved.next === null) return reply.redirect(at(req, '/review'), 303);
    return reply.redirect(saved.next === 0 ? at(req, '/about') : at(req, `/page/${saved.next}`), 303);
  });

  // ——— Review and send ———

  app.get('/surveys/:slug/review', async (req, reply) => {
    const view = await answering(req, reply);
    if (!view) return;
    if (!view.draft?.stakeholder) return reply.redirect(at(req, '/about'), 303);
    const answers = view.draft.answers;
    return reply.render((c) => <ReviewPage c={c} survey={view.survey} questions={visibleQuestions(view.survey.questions, answers)} answers={answers} notice={noticeFrom(req.query, /^missing$/)} />);
  });

  app.post('/surveys/:slug/submit', async (req, reply) => {
    const view = await answering(req, reply);
    if (!view) return;
    const r = await submitResponse(db, req.actor, view.survey, new Date(), (req.body as Record<string, unknown> | undefined)?._once);
    if (r.ok || r.reason === 'repeat' || r.reason === 'responded') return reply.redirect(`${at(req)}?notice=sent`, 303);
    if (r.reason === 'missing') return reply.redirect(at(req, `/page/${r.page}?notice=missing`), 303);
    return reply.redirect(at(req, '/about'), 303);
  });

  // ——— Results ———

  /** Results once the survey closes (the Secretariat: at any time), broken down by one fixed dimension or not. */
  async function results(req: FastifyRequest, reply: FastifyReply) {
    const survey = await surveyBySlug(db, param(req, 'slug'));
    if (!survey || !survey.opensAt) {
      await reply.callNotFound();
      return null;
    }
    const by = (req.query as Record<string, unknown>).by;
    return { survey, results: await surveyResults(db, req.actor, survey, isDimension(by) ? by : null, new Date()) };
  }

  app.get('/surveys/:slug/results', async (req, reply) => {
    const r = await results(req, reply);
    if (!r) return;
    const charts = await resultCharts({ t: req.t, locale: req.locale }, r.survey, r.results);
    return reply.render((c) => <ResultsPage c={c} s={r.survey} results={r.results} charts={charts} />);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/surveys/:slug/results.${format}`, async (req, reply) => {
      const r = await results(req, reply);
      if (!r) return;
      const sheet = resultsSheet({ t: req.t, locale: req.locale }, r.survey, r.results);
      return sendTable(reply, `${r.survey.slug}-results${r.results.by ? `-${r.results.by}` : ''}`, format, sheet.head, sheet.rows, r.survey.slug);
    });
  }
};
