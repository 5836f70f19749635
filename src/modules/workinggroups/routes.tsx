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
  createReport,
  importWordFile,
  newReportBody,
  publishReport,
  reportBody,
  reportForEditing,
  reportOf,
  requireGovernor,
  requireReportWriter,
  saveReport,
  saveTranslation,
  translationBody,
  translationOf,
  translationsOf,
  type ReportView,
  type VersionView,
  saveGroupTexts,
  setGroupClosed,
  workingGroupPolicy,
  type WorkingGroupView,
} from './service.js';
import { WorkingGroupPage, WorkingGroupsPage } from './views/public.js';
import { GroupsAdminPage, ManageGroupPage, type ManageForm } from './views/manage.js';
import { ComparePage, ReportPage } from './views/reports.js';
import { ReportEditorPage, TranslationEditorPage } from './views/editor.js';
import { compareVersions } from '../../platform/documents/compare.js';
import { emptyForm } from '../../platform/forms/validate.js';
import { isUploadedFile } from '../../platform/http/plugin.js';
import { fileStore, sendStoredImage } from '../../platform/files/storage.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { panelContext, panelsFor } from '../../platform/panels.js';

const slugOf = (req: FastifyRequest) => String((req.params as Record<string, string>).slug ?? '');
const uuidParam = (req: FastifyRequest, name: string) => z.uuid().safeParse((req.params as Record<string, string>)[name]);

export const workingGroupRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const ctx = (req: FastifyRequest) => ({ baseUrl: config.baseUrl, locale: req.locale });
  const files = fileStore(db, config);

  async function showGroup(req: FastifyRequest, reply: FastifyReply, form?: FormState) {
    const page = await groupPage(db, slugOf(req), req.actor);
    if (!page) return reply.callNotFound();
    const notice = noticeFrom(req.query, /^(asked|already-asked|already-in|closed|left)$/);
    const panels = await panelsFor(db, 'workinggroups.group', panelContext(req), { groupId: page.group.id, groupSlug: page.group.slug });
    const { group } = page;
    return reply.render((c) => <WorkingGroupPage c={c} page={page} form={form} notice={notice} panels={panels} />, {
      status: form ? 422 : 200,
      description: (c) => c.text(group.summary, group.originalLocale).text || c.text(group.mandate, group.originalLocale).text,
    });
  }

  // ——— Public ———

  app.get('/working-groups', { config: { publicPage: true } }, async (_req, reply) => {
    const groups = await listWorkingGroups(db);
    return reply.render((c) => <WorkingGroupsPage c={c} groups={groups} />, { description: (c) => c.t('workingGroups.intro') });
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

  /** A version as readers see it: in the page's language when it has been translated into it (unless `original`), with the languages it can be read in. */
  async function showVersion(req: FastifyRequest, reply: FastifyReply, page: NonNullable<Awaited<ReturnType<typeof reportPage>>>, version: VersionView, original = false) {
    const translations = (await translationsOf(db, [version.id])).filter((t) => t.locale !== page.report.originalLocale);
    const translation = !original && req.locale !== page.report.originalLocale && translations.some((t) => t.locale === req.locale) ? await translationOf(db, version.id, req.locale) : null;
    const panels = await panelsFor(db, 'workinggroups.report', panelContext(req), { groupId: page.group.id, reportId: page.report.id, reportSlug: page.report.slug, versionId: version.id, number: version.number, published: version.publishedAt !== null });
    return reply.render((c) => <ReportPage c={c} group={page.group} report={page.report} versions={page.versions} version={version} translation={translation} translations={translations} mayWrite={workingGroupPolicy.writeReports(req.actor, page.group)} panels={panels} />, {
      description: (translation ?? version).markdown,
    });
  }

  app.get('/working-groups/:slug/reports/:report', { config: { publicPage: true } }, async (req, reply) => {
    const page = await reportPage(req);
    if (!page) return reply.callNotFound();
    return showVersion(req, reply, page, page.versions.at(-1)!);
  });

  for (const original of [false, true]) {
    app.get(`/working-groups/:slug/reports/:report/v/:number${original ? '/original' : ''}`, { config: { publicPage: true } }, async (req, reply) => {
      const page = await reportPage(req);
      const n = numberParam(req, 'number');
      const version = page && n.success ? page.versions.find((v) => v.number === n.data) : undefined;
      if (!page || !version) return reply.callNotFound();
      return showVersion(req, reply, page, version, original);
    });
  }

  /** The comparison form (two versions picked from lists) lands on the comparison's own address. */
  app.get('/working-groups/:slug/reports/:report/compare', async (req, reply) => {
    const q = z.object({ from: z.coerce.number().int().min(1).max(100_000), to: z.coerce.number().int().min(1).max(100_000) }).safeParse(req.query);
    const page = await reportPage(req);
    if (!page) return reply.callNotFound();
    const [from, to] = q.success ? [q.data.from, q.data.to].sort((a, b) => a - b) : [page.versions.at(-2)?.number ?? 1, page.versions.at(-1)!.number];
    return reply.redirect(`/${req.locale}/working-groups/${page.group.slug}/reports/${page.report.slug}/compare/${from}/${to}`, 303);
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

  // ——— Writing reports (the group's chairs and the Secretariat) ———

  const reportBack = (req: FastifyRequest, group: WorkingGroupView, slug: string, notice: string) => `/${req.locale}/working-groups/${group.slug}/reports/${slug}/edit?notice=${notice}`;
  const imageUrl = (req: FastifyRequest) => (key: string) => `${config.baseUrl}/${req.locale}/working-groups/${slugOf(req)}/images/${key}`;

  /** The report being edited (every version, drafts too), or 404. */
  async function editing(req: FastifyRequest, group: WorkingGroupView) {
    return reportForEditing(db, req.actor, group, String((req.params as Record<string, string>).report ?? ''));
  }

  async function showEditor(req: FastifyRequest, reply: FastifyReply, group: WorkingGroupView, found: Awaited<ReturnType<typeof editing>> | null, form?: FormState, problems?: { key: string; values?: Record<string, string | number> }[]) {
    const latest = found?.versions.at(-1);
    const state = form ?? emptyForm(latest ? { title: latest.title, markdown: latest.markdown } : {});
    const notice = noticeFrom(req.query, /^(created|saved|prefinal|final|not-draft|translated)$/);
    const panels = found ? await panelsFor(db, 'workinggroups.editor', panelContext(req), { groupId: group.id, reportId: found.report.id, reportSlug: found.report.slug }) : [];
    return reply.render(
      (c) => <ReportEditorPage c={c} group={group} report={found?.report} latest={latest} versions={found?.versions} translations={found?.translations} form={state} problems={problems} notice={notice} panels={panels} />,
      form && !problems ? 422 : 200,
    );
  }

  app.get('/working-groups/:slug/reports/new', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    requireReportWriter(req.actor, group);
    return showEditor(req, reply, group, null);
  });

  app.post('/working-groups/:slug/reports', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    requireReportWriter(req.actor, group); // before the form is read: a refusal, not a form to correct
    const v = validate(newReportBody, req.body);
    if (!v.ok) return showEditor(req, reply, group, null, v.state);
    const r = await createReport(db, req.actor, group, v.data, req.locale);
    if (!r.ok) return showEditor(req, reply, group, null, formError(req.body, r.field, r.message));
    return reply.redirect(reportBack(req, group, r.slug, 'created'), 303);
  });

  /** A Word file read into the form for review: for a new report (no report in the address) or the next version of one. */
  for (const path of ['/working-groups/:slug/reports/import', '/working-groups/:slug/reports/:report/import']) {
    app.post(path, async (req, reply) => {
      const group = await groupOf(req, reply);
      if (!group) return reply;
      const found = path.includes(':report') ? await editing(req, group) : null;
      if (path.includes(':report') && !found) return reply.callNotFound();
      const file = (req.body as Record<string, unknown> | undefined)?.file;
      requireReportWriter(req.actor, group);
      // A file over the upload limit arrives cut: too large, not "not a Word file".
      const imported = !isUploadedFile(file) ? { failed: 'notDocx' as const } : file.truncated ? { failed: 'tooLarge' as const } : await importWordFile(req.actor, group, file.data, files, imageUrl(req));
      const latest = found?.versions.at(-1);
      if ('failed' in imported) {
        const message = imported.failed === 'notDocx' ? 'workingGroups.reports.import.notWord' : `documents.import.${imported.failed}`;
        return showEditor(req, reply, group, found, formError(latest ? { title: latest.title, markdown: latest.markdown } : {}, 'file', message));
      }
      const heading = /^#\s+(.+)$/m.exec(imported.markdown)?.[1]?.trim();
      const title = found?.versions.at(-1)?.title ?? heading ?? '';
      return showEditor(req, reply, group, found, emptyForm({ title, markdown: imported.markdown }), imported.problems);
    });
  }

  app.get('/working-groups/:slug/reports/:report/edit', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    const found = await editing(req, group);
    return found ? showEditor(req, reply, group, found) : reply.callNotFound();
  });

  app.post('/working-groups/:slug/reports/:report', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    const found = await editing(req, group);
    if (!found) return reply.callNotFound();
    const v = validate(reportBody, req.body);
    if (!v.ok) return showEditor(req, reply, group, found, v.state);
    await saveReport(db, req.actor, group, found.report, v.data);
    return reply.redirect(reportBack(req, group, found.report.slug, 'saved'), 303);
  });

  app.post('/working-groups/:slug/reports/:report/publish', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    const found = await editing(req, group);
    if (!found) return reply.callNotFound();
    const stage = (req.body as Record<string, unknown> | undefined)?.stage;
    if (stage !== 'prefinal' && stage !== 'final') return showEditor(req, reply, group, found, formError(req.body, 'stage', 'form.errors.required'));
    const done = await publishReport(db, req.actor, group, found.report, stage);
    if (!done.ok && done.reason === 'refused') return showEditor(req, reply, group, found, formError({ title: found.versions.at(-1)!.title, markdown: found.versions.at(-1)!.markdown }, 'stage', done.message, done.values));
    return reply.redirect(reportBack(req, group, found.report.slug, done.ok ? stage : 'not-draft'), 303);
  });

  /** The version and language of a translation's address: a published version, a language other than the original's. */
  async function translating(req: FastifyRequest, group: WorkingGroupView) {
    const found = await editing(req, group);
    const params = req.params as Record<string, string>;
    const n = numberParam(req, 'number');
    const version = found && n.success ? found.versions.find((v) => v.number === n.data && v.publishedAt) : undefined;
    const locale = params.language;
    if (!found || !version || !isLocale(locale) || locale === found.report.originalLocale) return null;
    return { report: found.report, version, locale };
  }

  async function showTranslation(req: FastifyRequest, reply: FastifyReply, group: WorkingGroupView, t: { report: ReportView; version: VersionView; locale: Locale }, form?: FormState) {
    const existing = form ? null : await translationOf(db, t.version.id, t.locale);
    const state = form ?? emptyForm(existing ? { title: existing.title, markdown: existing.markdown, translator: existing.translator } : { title: t.version.title, markdown: t.version.markdown });
    return reply.render((c) => <TranslationEditorPage c={c} group={group} report={t.report} version={t.version} locale={t.locale} form={state} />, form ? 422 : 200);
  }

  app.get('/working-groups/:slug/reports/:report/v/:number/translate/:language', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    const t = await translating(req, group);
    return t ? showTranslation(req, reply, group, t) : reply.callNotFound();
  });

  app.post('/working-groups/:slug/reports/:report/v/:number/translate/:language', async (req, reply) => {
    const group = await groupOf(req, reply);
    if (!group) return reply;
    const t = await translating(req, group);
    if (!t) return reply.callNotFound();
    const v = validate(translationBody, req.body);
    if (!v.ok) return showTranslation(req, reply, group, t, v.state);
    const r = await saveTranslation(db, req.actor, group, t.report, t.version, t.locale, v.data);
    if (!r.ok) return showTranslation(req, reply, group, t, formError(req.body, r.field, r.message, r.values));
    return reply.redirect(reportBack(req, group, t.report.slug, 'translated'), 303);
  });

  /** Images of imported reports: public, named by a random key, checked to be an image by their bytes. */
  app.get('/working-groups/:slug/images/:key', async (req, reply) => sendStoredImage(reply, files, String((req.params as Record<string, string>).key)));

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
