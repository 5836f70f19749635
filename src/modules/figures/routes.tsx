import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { emptyForm, keepTyped, validate, type FormState } from '../../platform/forms/validate.js';
import { noticeFrom } from '../../platform/http/notice.js';
import { routeParam as param } from '../../platform/http/params.js';
import { sendTable } from '../../platform/http/exports.js';
import type { PageContext } from '../../platform/http/page.js';
import { figuresDashboard, figuresPolicy, mayEditTargets, figuresQuery, removeTarget, saveTarget, targetBody, whoTakesPart, type WhoTakesPart } from './service.js';
import { FiguresDashboardPage, TARGET_NOTICES, WhoTakesPartPage, figureRows } from './views.js';

/** The chooser's values: the year and classification shown. */
const chosen = (v: WhoTakesPart): FormState => emptyForm({ year: String(v.year), income: v.published.incomeYear });

/** "Who takes part" (public, with its downloads) and the targets' dashboard. */
export const figuresRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db }) => {
  const query = (req: FastifyRequest) => figuresQuery.parse(req.query ?? {});

  // Not from the page cache: the newsletter's reach is counted from its deliveries, a table too busy to be versioned.
  app.get('/who-takes-part', async (req, reply) => {
    const v = await whoTakesPart(db, query(req));
    return reply.render((c) => <WhoTakesPartPage c={c} v={v} form={chosen(v)} />);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/who-takes-part.${format}`, async (req, reply) => {
      const v = await whoTakesPart(db, query(req));
      const { head, rows } = figureRows({ t: req.t, locale: req.locale }, v.published);
      return sendTable(reply, `who-takes-part-${v.published.incomeYear}`, format, head, rows, req.t('figures.title'));
    });
  }

  const dashboard = async (req: FastifyRequest, form?: FormState) => {
    const v = await figuresDashboard(db, req.actor, query(req));
    const canSet = figuresPolicy.setTargets(req.actor);
    const shown = form ?? emptyForm({ byYear: String(new Date().getUTCFullYear() + 1) });
    return (c: PageContext) => <FiguresDashboardPage c={c} v={v} form={shown} chosen={chosen(v)} canSet={canSet} notice={form ? undefined : noticeFrom(req.query, TARGET_NOTICES)} />;
  };

  app.get('/admin/figures', async (req, reply) => reply.render(await dashboard(req)));

  app.post('/admin/figures/targets', async (req, reply) => {
    mayEditTargets(req.actor);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const v = validate(targetBody, body);
    if (!v.ok) return reply.render(await dashboard(req, v.state), 422);
    const r = await saveTarget(db, req.actor, v.data, body._once, req.ip);
    if (!r.ok) return reply.render(await dashboard(req, { values: keepTyped(body), errors: [r.error] }), 422);
    return reply.redirect(`/${req.locale}/admin/figures?notice=saved`, 303);
  });

  app.post('/admin/figures/targets/:id/delete', async (req, reply) => {
    if (!(await removeTarget(db, req.actor, param(req, 'id'), req.ip))) return reply.callNotFound();
    return reply.redirect(`/${req.locale}/admin/figures?notice=removed`, 303);
  });
};
