import { z } from 'zod';
import { noticeFrom } from '../../../platform/http/notice.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/client.js';
import type { Config } from '../../../config.js';
import { field } from '../../../platform/forms/fields.js';
import { formError, validate } from '../../../platform/forms/validate.js';
import { fileStore } from '../../../platform/files/storage.js';
import { INCOME_GROUPS, UNESCO_REGIONS } from '../../../platform/geo/countries.js';
import { listWorkingGroups } from '../../workinggroups/service.js';
import {
  QUEUE_PAGE_SIZE,
  addInternalNote,
  changeDecisionSettings,
  decisionSettingsFor,
  listApplications,
  reviewApplication,
  steeringHome,
  steeringQueue,
  transitionApplication,
  voteOnApplication,
} from '../applications.js';
import { KINDS } from '../fields.js';
import { membershipPolicy } from '../policy.js';
import { DECISION_RULES, STATUSES, VOTES } from '../status.js';
import { ApplicationPage, QueuePage, SettingsPage, SteeringHomePage, SteeringQueuePage } from '../views/review.js';
import { downloadHeaders } from '../../../platform/http/exports.js';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined);
const queueQuery = z.object({
  status: field.optionalChoice(STATUSES).catch(undefined),
  kind: field.optionalChoice(KINDS).catch(undefined),
  type: z.string().max(40).optional().catch(undefined),
  country: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  region: field.optionalChoice(UNESCO_REGIONS).catch(undefined),
  income: field.optionalChoice(INCOME_GROUPS).catch(undefined),
  wg: z.string().max(80).optional().catch(undefined),
  q: z.string().optional(),
  sort: field.optionalChoice(['oldest', 'newest', 'name', 'country']).catch(undefined),
  page: field.page(),
});
const transitionBody = z.object({
  action: field.choice(['screen', 'request-info', 'recommend', 'approve', 'decline']),
  note: z.string().max(4000, { message: 'form.errors.tooLong' }).optional(),
  internalNote: z.string().max(4000, { message: 'form.errors.tooLong' }).optional(),
});
const noteBody = z.object({ privateNote: field.text({ max: 4000 }) });
const voteBody = z.object({ vote: field.choice(VOTES), comment: z.string().max(2000, { message: 'form.errors.tooLong' }).optional() });
const settingsBody = z.object({
  rule: field.choice(DECISION_RULES),
  days: field.wholeNumber(1, 90, 'membership.errors.days'),
});
const NOTICES = /^(screen|request-info|recommend|approve|decline|voted|noted|refused-[a-z-]+)$/;

export const reviewRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const files = fileStore(db, config);
  const idOf = (req: FastifyRequest) => z.uuid().safeParse((req.params as Record<string, string>).id);
  const noticeOf = (req: FastifyRequest) => noticeFrom(req.query, NOTICES);

  async function showApplication(req: FastifyRequest, reply: FastifyReply, mode: 'secretariat' | 'steering', form?: ReturnType<typeof formError>, status = 200) {
    const id = idOf(req);
    const review = id.success ? await reviewApplication(db, req.actor, id.data, { as: mode }) : null;
    if (!review) return reply.callNotFound();
    const groups = await listWorkingGroups(db);
    const mine = review.votes.find((v) => v.userId === req.actor?.id);
    const back = mode === 'secretariat' ? '/admin/applications' : membershipPolicy.steeringHome(req.actor) ? '/steering' : '/steering/applications';
    return reply.render(
      (c) => <ApplicationPage c={c} review={review} groups={groups} mode={mode} back={back} myVote={mine} form={form} notice={noticeOf(req)} />,
      status,
    );
  }

  app.get('/admin/applications', async (req, reply) => {
    const f = queueQuery.parse(req.query);
    const filter = { status: f.status, kind: f.kind, type: text(f.type), country: f.country, region: f.region, income: f.income, workingGroup: text(f.wg), q: text(f.q), sort: f.sort ?? 'oldest', page: f.page } as const;
    const [{ rows, total }, groups] = await Promise.all([listApplications(db, req.actor, filter), listWorkingGroups(db)]);
    const query = { status: f.status, kind: f.kind, type: text(f.type), country: f.country, region: f.region, income: f.income, wg: text(f.wg), q: text(f.q), sort: f.sort };
    return reply.render((c) => <QueuePage c={c} rows={rows} total={total} page={f.page} pageSize={QUEUE_PAGE_SIZE} query={query} groups={groups} now={new Date()} />);
  });

  app.get('/admin/applications/:id', (req, reply) => showApplication(req, reply, 'secretariat'));

  app.post('/admin/applications/:id/transition', async (req, reply) => {
    const id = idOf(req);
    if (!id.success) return reply.callNotFound();
    const v = validate(transitionBody, req.body);
    if (!v.ok) return showApplication(req, reply, 'secretariat', v.state, 422);
    const r = await transitionApplication(db, req.actor, { id: id.data, action: v.data.action, note: v.data.note, internalNote: v.data.internalNote, baseUrl: config.baseUrl, ip: req.ip });
    if (!r.ok && r.reason === 'note-required') return showApplication(req, reply, 'secretariat', formError(req.body, 'note', 'membership.errors.noteRequired'), 422);
    if (!r.ok && r.reason === 'unknown') return reply.callNotFound();
    return reply.redirect(`/${req.locale}/admin/applications/${id.data}?notice=${r.ok ? v.data.action : `refused-${r.reason}`}`, 303);
  });

  app.post('/admin/applications/:id/notes', async (req, reply) => {
    const id = idOf(req);
    if (!id.success) return reply.callNotFound();
    const v = validate(noteBody, req.body);
    if (!v.ok) return showApplication(req, reply, 'secretariat', v.state, 422);
    const r = await addInternalNote(db, req.actor, { id: id.data, body: v.data.privateNote, ip: req.ip });
    if (!r.ok && r.reason === 'unknown') return reply.callNotFound();
    if (!r.ok) return showApplication(req, reply, 'secretariat', formError(req.body, 'privateNote', 'form.errors.required'), 422);
    return reply.redirect(`/${req.locale}/admin/applications/${id.data}?notice=noted`, 303);
  });

  async function sendDocument(req: FastifyRequest, reply: FastifyReply) {
    const id = idOf(req);
    const review = id.success ? await reviewApplication(db, req.actor, id.data) : null;
    const bytes = review?.app.documentKey ? await files.get(review.app.documentKey) : null;
    if (!review || !bytes) return reply.callNotFound();
    return downloadHeaders(reply, { type: 'application/pdf', name: review.app.documentName ?? 'document.pdf', cache: 'private, no-store' }).send(bytes);
  }
  app.get('/admin/applications/:id/document', sendDocument);
  app.get('/steering/applications/:id/document', sendDocument);

  app.get('/steering', async (req, reply) => {
    const home = await steeringHome(db, req.actor);
    return reply.render((c) => <SteeringHomePage c={c} home={home} />);
  });

  app.get('/steering/applications', async (req, reply) => {
    const rows = await steeringQueue(db, req.actor);
    return reply.render((c) => <SteeringQueuePage c={c} rows={rows} home={membershipPolicy.steeringHome(req.actor)} />);
  });

  app.get('/steering/applications/:id', (req, reply) => showApplication(req, reply, 'steering'));

  app.post('/steering/applications/:id/vote', async (req, reply) => {
    const id = idOf(req);
    if (!id.success) return reply.callNotFound();
    const v = validate(voteBody, req.body);
    if (!v.ok) return showApplication(req, reply, 'steering', v.state, 422);
    const r = await voteOnApplication(db, req.actor, { id: id.data, vote: v.data.vote, comment: v.data.comment ?? '', ip: req.ip });
    return reply.redirect(`/${req.locale}/steering/applications/${id.data}?notice=${r === 'ok' ? 'voted' : 'refused-closed'}`, 303);
  });

  app.get('/admin/membership/settings', async (req, reply) => {
    const values = await decisionSettingsFor(db, req.actor);
    const saved = (req.query as Record<string, unknown>).saved === '1';
    return reply.render((c) => <SettingsPage c={c} values={values} saved={saved} />);
  });

  app.post('/admin/membership/settings', async (req, reply) => {
    const v = validate(settingsBody, req.body);
    if (!v.ok) {
      const values = await decisionSettingsFor(db, req.actor);
      return reply.render((c) => <SettingsPage c={c} values={values} form={v.state} />, 422);
    }
    await changeDecisionSettings(db, req.actor, v.data, req.ip);
    return reply.redirect(`/${req.locale}/admin/membership/settings?saved=1`, 303);
  });
};
