import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { emptyForm, keepTyped, validate, type FieldError, type FormState } from '../../platform/forms/validate.js';
import { asList, field } from '../../platform/forms/fields.js';
import { noticeFrom } from '../../platform/http/notice.js';
import { routeParam as param } from '../../platform/http/params.js';
import { isCountryCode } from '../../platform/geo/countries.js';
import { listWorkingGroups } from '../workinggroups/service.js';
import { listConsultations } from '../consultations/service.js';
import { aboutYouOf, castBallot, comparePair, comparedPairs, cycleView, isStakeholder, listCycles, nextPair, pairsOf, proposeTheme, takingPart, type CycleView, type ThemeRow, type VoterAbout } from './service.js';
import { CyclePage, CyclesPage, VotePage, rankField, tallyChart, type VoteScreen, type WorkPlaces } from './priority-views.js';

const proposalBody = z.object({ title: field.text({ max: 120 }), description: field.optionalText({ max: 1000 }) });

/** "About you", asked with every ballot (and every comparison), for the breakdowns and the weighting by group. */
function readAbout(body: Record<string, unknown>, errors: FieldError[]): VoterAbout {
  const stakeholder = isStakeholder(body.stakeholder) ? body.stakeholder : null;
  const country = isCountryCode(body.country) ? String(body.country) : null;
  if (!stakeholder) errors.push({ field: 'stakeholder', key: 'form.errors.choose' });
  if (!country) errors.push({ field: 'country', key: 'surveys.about.errors.country' });
  return { stakeholder, country };
}

/** Approval: the ticked themes, one at least and no more than the cycle allows. */
function readApproval(view: CycleView, body: Record<string, unknown>, errors: FieldError[]): string[] {
  const chosen = asList(body.themes).map(String);
  const ids = new Set(view.candidates.map((t) => t.id));
  if (!chosen.length) errors.push({ field: 'themes', key: 'priorities.vote.errors.none' });
  else if (!chosen.every((id) => ids.has(id)) || new Set(chosen).size !== chosen.length) errors.push({ field: 'themes', key: 'priorities.vote.errors.unknown' });
  else if (chosen.length > view.cycle.approvalLimit) errors.push({ field: 'themes', key: 'priorities.vote.errors.tooMany', values: { n: view.cycle.approvalLimit } });
  return chosen;
}

/** Borda: a place for every theme, each place once; the themes in the order of their places. */
function readRanking(view: CycleView, body: Record<string, unknown>, errors: FieldError[]): string[] {
  const n = view.candidates.length;
  const placeOf = new Map(view.candidates.map((t) => [t.id, Number(body[rankField(t.id)])]));
  const taken = new Map<number, number>();
  for (const p of placeOf.values()) taken.set(p, (taken.get(p) ?? 0) + 1);
  // Errors in the order of the form, so that the summary reads down the page.
  for (const [id, place] of placeOf) {
    if (!Number.isInteger(place) || place < 1 || place > n) errors.push({ field: rankField(id), key: 'priorities.vote.errors.place' });
    else if (taken.get(place)! > 1) errors.push({ field: rankField(id), key: 'priorities.vote.errors.samePlace', values: { n: place } });
  }
  return [...placeOf].sort((a, b) => a[1] - b[1]).map(([id]) => id);
}

/**
 * Setting priorities, for members and the public: the cycles, a cycle's page (the call for themes
 * and its form, the candidates, the result once the vote has closed, the decision), and the vote —
 * approval, ranking, or two themes at a time — on one form with "About you".
 */
export const priorityRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db }) => {
  const at = (req: FastifyRequest, path = '') => `/${req.locale}/priorities/${param(req, 'slug')}${path}`;

  app.get('/priorities', async (req, reply) => {
    const now = new Date();
    const cycles = await listCycles(db);
    return reply.render((c) => <CyclesPage c={c} cycles={cycles} now={now} />, { description: (c) => c.t('priorities.intro') });
  });

  async function found(req: FastifyRequest, reply: FastifyReply, now: Date): Promise<CycleView | null> {
    const view = await cycleView(db, req.actor, param(req, 'slug'), now);
    if (!view) await reply.callNotFound();
    return view;
  }

  /** Once decided: the working groups and consultations the decision sends work to, by id. */
  async function workPlaces(view: CycleView): Promise<WorkPlaces> {
    const places: WorkPlaces = { groups: new Map(), consultations: new Map() };
    if (view.stage !== 'decided') return places;
    const [groups, consultations] = await Promise.all([listWorkingGroups(db), view.candidates.some((t) => t.consultationIds.length) ? listConsultations(db) : Promise.resolve([])]);
    for (const g of groups) places.groups.set(g.id, g);
    for (const k of consultations) places.consultations.set(k.id, { slug: k.slug, title: k.title });
    return places;
  }

  async function showCycle(req: FastifyRequest, reply: FastifyReply, view: CycleView, form?: FormState) {
    const [chart, places] = await Promise.all([tallyChart({ t: req.t, locale: req.locale }, view), workPlaces(view)]);
    const notice = form ? undefined : noticeFrom(req.query, /^(proposed|voted|proposalsClosed|voteClosed)$/);
    return reply.render((c) => <CyclePage c={c} view={view} chart={chart} places={places} form={form} notice={notice} />, form ? 422 : { description: (c) => c.text(view.cycle.intro, view.cycle.originalLocale).text });
  }

  app.get('/priorities/:slug', async (req, reply) => {
    const view = await found(req, reply, new Date());
    return view && showCycle(req, reply, view);
  });

  app.post('/priorities/:slug/propose', async (req, reply) => {
    const now = new Date();
    const view = await found(req, reply, now);
    if (!view) return;
    // A form left open past the end of the call: the page says the call is closed.
    if (!takingPart(req.actor, view, 'propose', now)) return reply.redirect(`${at(req)}?notice=proposalsClosed`, 303);
    const parsed = validate(proposalBody, req.body);
    if (!parsed.ok) return showCycle(req, reply, view, parsed.state);
    await proposeTheme(db, req.actor, view.cycle, { title: parsed.data.title, description: parsed.data.description ?? '' }, req.locale, now, (req.body as Record<string, unknown>)._once);
    return reply.redirect(`${at(req)}?notice=proposed`, 303);
  });

  // ——— The vote ———

  /** The vote page: the ballot, or, pairwise, the next pair not yet compared (or `keep`, the pair just shown, when the form comes back with an error). */
  async function showVote(req: FastifyRequest, reply: FastifyReply, view: CycleView, form: FormState, opts: { status?: number; keep?: [ThemeRow, ThemeRow]; saved?: boolean } = {}) {
    const screen: VoteScreen = { view, form, saved: opts.saved };
    if (view.cycle.method === 'pairwise') {
      const done = await comparedPairs(db, req.actor, view.cycle.id);
      screen.pair = opts.keep ?? nextPair(view.candidates, done);
      screen.progress = { done: done.length, total: pairsOf(view.candidates).length };
    }
    return reply.render((c) => <VotePage c={c} screen={screen} />, opts.status ?? 200);
  }

  app.get('/priorities/:slug/vote', async (req, reply) => {
    const now = new Date();
    const view = await found(req, reply, now);
    if (!view) return;
    if (!takingPart(req.actor, view, 'vote', now)) return reply.redirect(at(req), 303);
    const about = await aboutYouOf(db, req.actor, null);
    return showVote(req, reply, view, emptyForm({ ...about }));
  });

  app.post('/priorities/:slug/vote', async (req, reply) => {
    const now = new Date();
    const view = await found(req, reply, now);
    if (!view) return;
    if (!takingPart(req.actor, view, 'vote', now)) return reply.redirect(`${at(req)}?notice=voteClosed`, 303);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    const about = readAbout(body, errors);

    if (view.cycle.method === 'pairwise') {
      const theme = (id: unknown) => view.candidates.find((t) => t.id === id);
      const [a, b] = [theme(body.a), theme(body.b)];
      const pair: [ThemeRow, ThemeRow] | undefined = a && b && a.id !== b.id ? [a, b] : undefined;
      const winner = body.winner === 'none' ? null : pair?.find((t) => t.id === body.winner)?.id;
      if (!pair || winner === undefined) errors.push({ field: 'winner', key: 'priorities.vote.errors.pair' });
      if (errors.length || !pair || winner === undefined) return showVote(req, reply, view, { values: keepTyped(body), errors }, { status: 422, keep: pair });
      const r = await comparePair(db, req.actor, view.cycle, [pair[0].id, pair[1].id], winner, about, req.locale, now);
      if (!r.ok && r.reason === 'invalid') return showVote(req, reply, view, { values: keepTyped(body), errors: [{ field: 'winner', key: 'priorities.vote.errors.pair' }] }, { status: 422 });
      // Saved, or that pair was already compared (a form sent twice): the next pair either way, "About you" kept as given.
      return showVote(req, reply, view, emptyForm({ stakeholder: body.stakeholder, country: body.country }), { saved: true });
    }

    // One ballot each: the page says so.
    if (view.voted) return reply.redirect(at(req, '/vote'), 303);
    const choices = view.cycle.method === 'approval' ? readApproval(view, body, errors) : readRanking(view, body, errors);
    if (errors.length) return showVote(req, reply, view, { values: keepTyped(body), errors }, { status: 422 });
    const r = await castBallot(db, req.actor, view.cycle, choices, about, req.locale, now, body._once);
    if (r.ok || r.reason === 'repeat') return reply.redirect(`${at(req)}?notice=voted`, 303);
    if (r.reason === 'voted') return reply.redirect(at(req, '/vote'), 303);
    // The form was checked above: a ballot refused here names a theme no longer on the ballot.
    return showVote(req, reply, view, { values: keepTyped(body), errors: [{ field: view.cycle.method === 'approval' ? 'themes' : rankField(view.candidates[0]?.id ?? ''), key: 'priorities.vote.errors.unknown' }] }, { status: 422 });
  });
};
