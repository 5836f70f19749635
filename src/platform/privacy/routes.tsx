import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import type { NavEntry } from '../module.js';
import { noticeFrom } from '../http/notice.js';
import { routeParam } from '../http/params.js';
import { perPerson } from '../http/limits.js';
import { sendJsonFile } from '../http/exports.js';
import type { FormState } from '../forms/validate.js';
import { downloadOwnData, exportFileName, exportPersonData, type ExportResult } from './export.js';
import { readRetentionForm, requireRetentionAdmin, retentionView, saveRetention } from './retention.js';
import { privacyPolicy } from './policy.js';
import { DownloadLimitPage, RetentionPage } from './views.js';

export const privacyNav: NavEntry[] = [{ label: 'privacy.admin.title', href: '/admin/privacy', area: 'admin', visible: privacyPolicy.manageRetention, order: 85 }];

/** A download reads every module: a few a minute per person is plenty (the service also counts them per hour, across instances). */
const DOWNLOAD_RATE_LIMIT = { max: 10, timeWindow: '1 minute' };

function sendExport(reply: FastifyReply, r: Extract<ExportResult, { ok: true }>, self: boolean) {
  return sendJsonFile(reply, exportFileName(r.export, self), r.export);
}

/**
 * A person's data (docs/decisions/021): their own download from the account page (no id in the
 * address: only ever theirs), the Secretariat's download of a person's data on request (from the
 * people page), and the retention settings (/admin/privacy).
 */
export const privacyRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  // Counted per signed-in person (route hooks run after the platform's, which sets the actor).
  const downloads = perPerson(DOWNLOAD_RATE_LIMIT, config);

  app.post('/account/data', { config: { rateLimit: downloads } }, async (req, reply) => {
    const r = await downloadOwnData(db, req.actor, { ip: req.ip });
    if (!r.ok) return r.reason === 'too-many' ? reply.render((c) => <DownloadLimitPage c={c} />, 429) : reply.callNotFound();
    return sendExport(reply, r, true);
  });

  app.post('/admin/users/:id/data', async (req, reply) => {
    const r = await exportPersonData(db, req.actor, routeParam(req, 'id'), { ip: req.ip });
    if (!r.ok) return reply.callNotFound();
    return sendExport(reply, r, false);
  });

  async function retentionPage(req: FastifyRequest, reply: FastifyReply, form?: FormState) {
    const view = await retentionView(db, req.actor);
    return reply.render((c) => <RetentionPage c={c} view={view} form={form} saved={!!noticeFrom(req.query, /^saved$/)} />, form ? 422 : 200);
  }

  app.get('/admin/privacy', (req, reply) => retentionPage(req, reply));

  app.post('/admin/privacy', async (req, reply) => {
    requireRetentionAdmin(req.actor);
    const v = readRetentionForm(req.body);
    if (!v.ok) return retentionPage(req, reply, v.state);
    await saveRetention(db, req.actor, v.days, req.ip);
    return reply.redirect(`/${req.locale}/admin/privacy?notice=saved`, 303);
  });
};
