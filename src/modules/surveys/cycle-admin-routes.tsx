import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { emptyForm, keepTyped, validate, type FieldError, type FormState } from '../../platform/forms/validate.js';
import { asList } from '../../platform/forms/fields.js';
import { toLocal } from '../../platform/forms/datetime.js';
import { noticeFrom } from '../../platform/http/notice.js';
import { routeParam as param } from '../../platform/http/params.js';
import { cycleBody, cycleDates, cycleForSecretariat, cyclesForSecretariat, createCycle, curateTheme, decideCycle, decisionPage, saveCycle, type CycleRow, type CycleView, type Decision } from './service.js';
import { CycleAdminPage, CyclesAdminPage, DecidePage } from './cycle-admin-views.js';

const UTC = 'UTC';
const DAY = 86_400_000;
const MAX_REASON = 1000;

/** A cycle's settings as its form shows them. */
function cycleValues(c: CycleRow, locale: string): Record<string, unknown> {
  return {
    title: c.title[locale as 'en'] ?? c.title[c.originalLocale as 'en'] ?? '',
    intro: c.intro[locale as 'en'] ?? '',
    method: c.method,
    approvalLimit: String(c.approvalLimit),
    weighting: c.weighting,
    proposalsOpenAt: toLocal(c.proposalsOpenAt, UTC),
    proposalsCloseAt: toLocal(c.proposalsCloseAt, UTC),
    votingOpensAt: toLocal(c.votingOpensAt, UTC),
    votingClosesAt: toLocal(c.votingClosesAt, UTC),
  };
}

/** The Secretariat sets up cycles and curates proposals; the Steering Committee (or the Secretariat for it) records the decision. */
export const cycleAdminRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db }) => {
  const at = (req: FastifyRequest, path = '') => `/${req.locale}/admin/priorities/${param(req, 'slug')}${path}`;

  async function showList(req: FastifyRequest, reply: FastifyReply, form?: FormState) {
    const list = await cyclesForSecretariat(db, req.actor);
    const now = Date.now();
    const initial = { method: 'approval', approvalLimit: '3', weighting: 'people', proposalsOpenAt: toLocal(new Date(now), UTC), proposalsCloseAt: toLocal(new Date(now + 30 * DAY), UTC), votingOpensAt: toLocal(new Date(now + 37 * DAY), UTC), votingClosesAt: toLocal(new Date(now + 58 * DAY), UTC) };
    return reply.render((c) => <CyclesAdminPage c={c} list={list} form={form ?? emptyForm(initial)} />, form ? 422 : 200);
  }

  app.get('/admin/priorities', (req, reply) => showList(req, reply));

  app.post('/admin/priorities', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const v = validate(cycleBody, body);
    if (!v.ok) return showList(req, reply, v.state);
    const dates = cycleDates(v.data);
    if (!dates.ok) return showList(req, reply, { values: keepTyped(body), errors: [dates.error] });
    const r = await createCycle(db, req.actor, v.data, dates.dates, req.locale, body._once);
    if (!r.ok && 'error' in r) return showList(req, reply, { values: keepTyped(body), errors: [r.error] });
    return reply.redirect(r.ok ? `/${req.locale}/admin/priorities/${r.slug}?notice=created` : `/${req.locale}/admin/priorities`, 303);
  });

  async function showCycle(req: FastifyRequest, reply: FastifyReply, view: CycleView, form?: FormState) {
    return reply.render((c) => <CycleAdminPage c={c} view={view} form={form ?? emptyForm(cycleValues(view.cycle, req.locale))} notice={form ? undefined : noticeFrom(req.query, /^(created|saved|curated)$/)} />, form ? 422 : 200);
  }

  app.get('/admin/priorities/:slug', async (req, reply) => {
    const view = await cycleForSecretariat(db, req.actor, param(req, 'slug'), new Date());
    return view ? showCycle(req, reply, view) : reply.callNotFound();
  });

  app.post('/admin/priorities/:slug/settings', async (req, reply) => {
    const now = new Date();
    const view = await cycleForSecretariat(db, req.actor, param(req, 'slug'), now);
    if (!view) return reply.callNotFound();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const v = validate(cycleBody, body);
    if (!v.ok) return showCycle(req, reply, view, v.state);
    const dates = cycleDates(v.data);
    if (!dates.ok) return showCycle(req, reply, view, { values: keepTyped(body), errors: [dates.error] });
    const r = await saveCycle(db, req.actor, view.cycle, v.data, dates.dates, req.locale, now);
    if (!r.ok) return showCycle(req, reply, view, { values: keepTyped(body), errors: [r.error] });
    return reply.redirect(at(req, '?notice=saved'), 303);
  });

  app.post('/admin/priorities/:slug/themes/:id', async (req, reply) => {
    const now = new Date();
    const view = await cycleForSecretariat(db, req.actor, param(req, 'slug'), now);
    if (!view || !/^[0-9a-f-]{36}$/.test(param(req, 'id'))) return reply.callNotFound();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const reason = String(body.reason ?? '').trim().slice(0, MAX_REASON);
    const into = String(body.into ?? '');
    const change =
      body.action === 'merge' && into ? ({ to: 'merged', into } as const) : body.action === 'set-aside' && reason ? ({ to: 'set-aside', reason: { [req.locale]: reason } } as const) : body.action === 'restore' ? ({ to: 'proposed' } as const) : null;
    const r = change ? await curateTheme(db, req.actor, view.cycle, param(req, 'id'), change, now) : { ok: false as const, reason: 'unknown' as const };
    if (!r.ok) {
      const key = !change ? (body.action === 'merge' ? 'surveys.cycles.errors.into' : 'surveys.cycles.errors.reason') : r.reason === 'voting' ? 'surveys.cycles.errors.voting' : 'surveys.cycles.errors.unknown';
      return showCycle(req, reply, view, { values: cycleValues(view.cycle, req.locale), errors: [{ field: 'title', key }] });
    }
    return reply.redirect(at(req, '?notice=curated'), 303);
  });

  // ——— The decision ———

  async function showDecide(req: FastifyRequest, reply: FastifyReply, form?: FormState) {
    const page = await decisionPage(db, req.actor, param(req, 'slug'), new Date(), req.locale);
    if (!page) return reply.callNotFound();
    return reply.render((c) => <DecidePage c={c} view={page.view} form={form ?? emptyForm()} groups={page.groups} consultations={page.consultations} now={new Date()} />, form ? 422 : 200);
  }

  app.get('/admin/priorities/:slug/decide', (req, reply) => showDecide(req, reply));

  app.post('/admin/priorities/:slug/decide', async (req, reply) => {
    const now = new Date();
    const page = await decisionPage(db, req.actor, param(req, 'slug'), now, req.locale);
    if (!page) return reply.callNotFound();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    const text = (name: string, max: number) => {
      const s = String(body[name] ?? '').trim();
      if (s.length > max) errors.push({ field: name, key: 'form.errors.tooLong', values: { max } });
      return s ? { [req.locale]: s.slice(0, max) } : {};
    };
    const groupIds = new Set(page.groups.map((g) => g.id));
    const consultationIds = new Set(page.consultations.map((x) => x.id));
    const themes: Decision['themes'] = page.view.candidates.map((t) => {
      const adopted = body[`adopted-${t.id}`];
      if (adopted !== 'yes' && adopted !== 'no') errors.push({ field: `adopted-${t.id}`, key: 'form.errors.choose' });
      const group = String(body[`group-${t.id}`] ?? '');
      return {
        id: t.id,
        adopted: adopted === 'yes',
        reason: text(`reason-${t.id}`, MAX_REASON),
        groupId: groupIds.has(group) ? group : null,
        consultationIds: asList(body[`consultations-${t.id}`]).map(String).filter((id) => consultationIds.has(id)),
      };
    });
    const decision: Decision = { decision: text('decision', 4000), nextSteps: text('nextSteps', 4000), themes };
    if (!Object.keys(decision.decision).length) errors.push({ field: 'decision', key: 'form.errors.required' });
    if (errors.length) return showDecide(req, reply, { values: keepTyped(body), errors });
    const r = await decideCycle(db, req.actor, page.view.cycle, decision, now);
    if (!r.ok) return showDecide(req, reply, { values: keepTyped(body), errors: [{ field: 'decision', key: `surveys.cycles.errors.${r.reason}` }] });
    return reply.redirect(`/${req.locale}/priorities/${page.view.cycle.slug}?notice=decided`, 303);
  });
};
