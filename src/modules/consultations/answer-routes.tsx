import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { noticeFrom } from '../../platform/http/notice.js';
import { emptyForm, formError, validate, type FormState } from '../../platform/forms/validate.js';
import { asList } from '../../platform/forms/fields.js';
import { routeParam as param } from '../../platform/http/params.js';
import type { ConsultationPage as Page } from './service.js';
import { assignBody, assignComments, languagesBody, responseBody, responseForm, saveReaderLanguages, saveResponse, sectionTitles, triage, triageQuery } from './responses.js';
import { AnswerPage, TriagePage } from './answer-views.js';

const listOf = (v: unknown): string[] => asList(v).map(String);

/** Answering the comments: triage, handing comments to a colleague, and the answer form (responses.ts has the rules). */
export function answerRoutes(app: FastifyInstance, db: Db, config: Config, pageOf: (req: FastifyRequest, reply: FastifyReply) => Promise<Page | null>) {
  const at = (req: FastifyRequest, page: Page, path = '') => `/${req.locale}/consultations/${page.consultation.slug}${path}`;

  async function showTriage(req: FastifyRequest, reply: FastifyReply, page: Page, form?: FormState, notice?: string) {
    const query = triageQuery.parse(req.query ?? {});
    const found = await triage(db, req.actor, page, query, req.locale);
    return reply.render((c) => <TriagePage c={c} page={page} triage={found} query={query} form={form} notice={notice ?? noticeFrom(req.query, /^(assigned|saved|languages|colleague|frozen)$/)} />, form ? 422 : 200);
  }

  app.get('/consultations/:slug/triage', async (req, reply) => {
    const page = await pageOf(req, reply);
    return page ? showTriage(req, reply, page) : reply;
  });

  /** The chosen comments: answered together (to the answer form), or handed to a colleague. */
  app.post('/consultations/:slug/triage', async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.do === 'assign') {
      const v = validate(assignBody, body);
      if (!v.ok) return showTriage(req, reply, page, v.state);
      const r = await assignComments(db, req.actor, page, v.data, { baseUrl: config.baseUrl });
      return r === 'done' ? reply.redirect(at(req, page, '/triage?notice=assigned'), 303) : showTriage(req, reply, page, formError(body, 'to', `consultations.answers.notices.${r}`));
    }
    const chosen = listOf(body.comments).filter((id) => z.uuid().safeParse(id).success);
    if (!chosen.length) return showTriage(req, reply, page, formError(body, 'comments', 'consultations.responses.errors.noComments'));
    return reply.redirect(at(req, page, `/answer?comments=${chosen.join(',')}`), 303);
  });

  app.post('/consultations/:slug/triage/languages', async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const v = validate(languagesBody, req.body);
    if (!v.ok) return showTriage(req, reply, page, v.state);
    await saveReaderLanguages(db, req.actor, page, v.data.languages);
    return reply.redirect(at(req, page, '/triage?notice=languages'), 303);
  });

  async function showAnswer(req: FastifyRequest, reply: FastifyReply, page: Page, responseId: string | null, chosen: string[], form?: FormState) {
    const answer = await responseForm(db, req.actor, page, responseId, chosen, req.locale);
    if (!answer) return reply.callNotFound();
    const start =
      form ??
      emptyForm({
        comments: answer.comments.map((x) => x.id),
        disposition: answer.response?.disposition,
        response: answer.response?.response[req.locale] ?? '',
        changed: answer.response?.changedBlocks ?? [],
      });
    const sections = sectionTitles(page);
    return reply.render(
      (c) => <AnswerPage c={c} page={page} answer={answer} form={start} action={`/consultations/${page.consultation.slug}/answer${responseId ? `/${responseId}` : ''}`} sections={sections} notice={noticeFrom(req.query, /^(saved)$/)} />,
      form ? 422 : 200,
    );
  }

  const responseIdOf = (req: FastifyRequest) => {
    const id = z.uuid().safeParse(param(req, 'id'));
    return id.success ? id.data : null;
  };

  for (const path of ['/consultations/:slug/answer', '/consultations/:slug/answer/:id']) {
    app.get(path, async (req, reply) => {
      const page = await pageOf(req, reply);
      if (!page) return reply;
      const id = path.endsWith(':id') ? responseIdOf(req) : null;
      if (path.endsWith(':id') && !id) return reply.callNotFound();
      // The comments chosen on the triage page, in one value (the address keeps one value per name).
      return showAnswer(req, reply, page, id, id ? [] : String((req.query as Record<string, unknown>).comments ?? '').split(',').filter(Boolean).slice(0, 500));
    });

    app.post(path, async (req, reply) => {
      const page = await pageOf(req, reply);
      if (!page) return reply;
      const id = path.endsWith(':id') ? responseIdOf(req) : null;
      if (path.endsWith(':id') && !id) return reply.callNotFound();
      const body = (req.body ?? {}) as Record<string, unknown>;
      const shown = id ? [] : listOf(body.offered);
      const v = validate(responseBody, body);
      if (!v.ok) return showAnswer(req, reply, page, id, shown, v.state);
      const r = await saveResponse(db, req.actor, page, id, v.data, req.locale);
      if (!r.ok) return showAnswer(req, reply, page, id, shown, formError(body, r.field, r.message));
      return reply.redirect(at(req, page, `/answer/${r.id}?notice=saved`), 303);
    });
  }
}
