import { z } from 'zod';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { noticeFrom } from '../../platform/http/notice.js';
import { validate, formError, type FormState } from '../../platform/forms/validate.js';
import {
  askToJoin,
  chairBody,
  createGroup,
  decideRequest,
  getWorkingGroup,
  groupPage,
  groupsForSecretariat,
  groupTextsBody,
  joinBody,
  leaveGroup,
  listWorkingGroups,
  manageView,
  nameChair,
  newGroupBody,
  removeChair,
  removeMember,
  reportOf,
  requireGovernor,
  saveGroupTexts,
  setGroupClosed,
  workingGroupPolicy,
  type WorkingGroupView,
} from './service.js';
import { WorkingGroupPage, WorkingGroupsPage } from './views/public.js';
import { GroupsAdminPage, ManageGroupPage, type ManageForm } from './views/manage.js';
import { ComparePage, ReportPage } from './views/reports.js';
import { compareVersions } from '../../platform/documents/compare.js';

const slugOf = (req: FastifyRequest) => String((req.params as Record<string, string>).slug ?? '');
const uuidParam = (req: FastifyRequest, name: string) => z.uuid().safeParse((req.params as Record<string, string>)[name]);

export const workingGroupRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const ctx = (req: FastifyRequest) => ({ baseUrl: config.baseUrl, locale: req.locale });

  async function showGroup(req: FastifyRequest, reply: FastifyReply, form?: FormState) {
    const page = await groupPage(db, slugOf(req), req.actor);
    if (!page) return reply.callNotFound();
    const notice = noticeFrom(req.query, /^(asked|already-asked|already-in|closed|left)$/);
    return reply.render((c) => <WorkingGroupPage c={c} page={page} form={form} notice={notice} />, form ? 422 : 200);
  }

  // ——— Public ———

  app.get('/working-groups', { config: { publicPage: true } }, async (_req, reply) => {
    const groups = await listWorkingGroups(db);
    return reply.render((c) => <WorkingGroupsPage c={c} groups={groups} />);
  });

  app.get('/working-groups/:slug', { config: { publicPage: true } }, (req, reply) => showGroup(req, reply));

  /** Loads the group of the address, or answers 404. */
  async function groupOf(req: FastifyRequest, reply: FastifyReply): Promise<WorkingGroupView | null> {
    const group = await getWorkingGroup(db, slugOf(req), req.actor);
    if (!group) void reply.callNotFound();
    return group;
  }
  const back = (req: FastifyRequest, group: WorkingGroupView, notice: string, manage = false) => `/${req.locale}/working-groups/${group.slug}${manage ? '/manage' : ''}?notice=${notice}`;

  // ——— Reports ———

  /** The group and the report of the address, with the versions the reader may see; or 404. */
  async function reportPage(req: FastifyRequest) {
    const group = await getWorkingGroup(db, slugOf(req), req.actor);
    const found = group ? await reportOf(db, req.actor, group, String((req.params as Record<string, string>).report ?? '')) : null;
    return group && found ? { group, ...found } : null;
  }
  const numberParam = (req: FastifyRequest, name: string) => z.coerce.number().int().min(1).max(100_000).safeParse((req.params as Record<string, string>)[name]);

  app.get('/working-groups/:slug/reports/:report', { config: { publicPage: true } }, async (req, reply) => {
    const page = await reportPage(req);
    if (!page) return reply.callNotFound();
    return reply.render((c) => <ReportPage c={c} group={page.group} report={page.report} versions={page.versions} version={page.versions.at(-1)!} />);
  });

  app.get('/working-groups/:slug/reports/:report/v/:number', { config: { publicPage: true } }, async (req, reply) => {
    const page = await reportPage(req);
    const n = numberParam(req, 'number');
    const version = page && n.success ? page.versions.find((v) => v.number === n.data) : undefined;
    if (!page || !version) return reply.callNotFound();
    return reply.render((c) => <ReportPage c={c} group={page.group} report={page.report} versions={page.versions} version={version} />);
  });

  app.get('/working-groups/:slug/reports/:report/compare/:from/:to', { config: { publicPage: true } }, async (req, reply) => {
    const page = await reportPage(req);
    const [a, b] = [numberParam(req, 'from'), numberParam(req, 'to')];
    const from = page && a.success ? page.versions.find((v) => v.number === a.data) : undefined;
    const to = page && b.success ? page.versions.find((v) => v.number === b.data) : undefined;
    if (!page || !from || !to) return reply.callNotFound();
    const changes = compareVersions(from.blocks, to.blocks);
    return reply.render((c) => <ComparePage c={c} group={page.group} report={page.report} from={from} to={to} changes={changes} />);
  });

  app.post('/working-groups/:slug/join', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    const v = validate(joinBody, req.body);
    if (!v.ok) return showGroup(req, reply, v.state);
    const result = await askToJoin(db, req.actor, group, v.data, ctx(req));
    return reply.redirect(back(req, group, result), 303);
  });

  app.post('/working-groups/:slug/leave', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    await leaveGroup(db, req.actor, group);
    return reply.redirect(back(req, group, 'left'), 303);
  });

  // ——— The chairs' page (and the Secretariat's) ———

  async function showManage(req: FastifyRequest, reply: FastifyReply, group: WorkingGroupView, form?: ManageForm) {
    const { requests, people } = await manageView(db, req.actor, group);
    const notice = noticeFrom(req.query, /^(saved|accepted|declined|removed|chair|chair-removed|closed|reopened|gone)$/);
    const governs = workingGroupPolicy.governGroup(req.actor, group);
    return reply.render((c) => <ManageGroupPage c={c} group={group} requests={requests} people={people} governs={governs} form={form} notice={notice} />, form ? 422 : 200);
  }

  app.get('/working-groups/:slug/manage', async (req, reply) => {
    const group = await groupOf(req, reply);
    return group ? showManage(req, reply, group) : reply;
  });

  app.post('/working-groups/:slug/texts', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    const v = validate(groupTextsBody, req.body);
    if (!v.ok) return showManage(req, reply, group, { which: 'texts', state: v.state });
    await saveGroupTexts(db, req.actor, group, v.data, req.locale);
    return reply.redirect(back(req, group, 'saved', true), 303);
  });

  app.post('/working-groups/:slug/requests/:id/:decision', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    const id = uuidParam(req, 'id');
    const decision = (req.params as Record<string, string>).decision;
    if (!id.success || (decision !== 'accept' && decision !== 'decline')) return reply.callNotFound();
    const done = await decideRequest(db, req.actor, group, id.data, decision, ctx(req));
    return reply.redirect(back(req, group, !done ? 'gone' : decision === 'accept' ? 'accepted' : 'declined', true), 303);
  });

  // Removing a member (a chair's decision) and a chair (the Secretariat's): the same form, each checked by its own verb.
  for (const [path, remove, done] of [['members', removeMember, 'removed'], ['chairs', removeChair, 'chair-removed']] as const) {
    app.post(`/working-groups/:slug/${path}/:userId/remove`, async (req, reply) => {
      const group = await groupOf(req, reply);
      if (!group) return reply;
      const id = uuidParam(req, 'userId');
      if (!id.success) return reply.callNotFound();
      const removed = await remove(db, req.actor, group, id.data);
      return reply.redirect(back(req, group, removed ? done : 'gone', true), 303);
    });
  }

  app.post('/working-groups/:slug/chairs', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    requireGovernor(req.actor, group); // before the form is read: a refusal, not a form to correct
    const v = validate(chairBody, req.body);
    if (!v.ok) return showManage(req, reply, group, { which: 'chair', state: v.state });
    await nameChair(db, req.actor, group, v.data, ctx(req));
    return reply.redirect(back(req, group, 'chair', true), 303);
  });

  for (const [path, closed] of [['close', true], ['reopen', false]] as const) {
    app.post(`/working-groups/:slug/${path}`, async (req, reply) => {
      const group = await groupOf(req, reply);
      if (!group) return reply;
      await setGroupClosed(db, req.actor, group, closed);
      return reply.redirect(back(req, group, closed ? 'closed' : 'reopened', true), 303);
    });
  }

  // ——— The Secretariat's list ———

  async function showAdmin(req: FastifyRequest, reply: FastifyReply, form?: FormState) {
    const groups = await groupsForSecretariat(db, req.actor);
    const notice = noticeFrom(req.query, /^created$/);
    return reply.render((c) => <GroupsAdminPage c={c} groups={groups} form={form} notice={notice} />, form ? 422 : 200);
  }

  app.get('/admin/working-groups', (req, reply) => showAdmin(req, reply));

  app.post('/admin/working-groups', async (req, reply) => {
    const v = validate(newGroupBody, req.body);
    if (!v.ok) return showAdmin(req, reply, v.state);
    const r = await createGroup(db, req.actor, v.data, req.locale);
    if (!r.ok) return showAdmin(req, reply, formError(req.body, r.field, r.message));
    return reply.redirect(`/${req.locale}/working-groups/${r.slug}/manage?notice=created`, 303);
  });
};
