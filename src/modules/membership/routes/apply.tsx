import { z } from 'zod';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/client.js';
import type { Config } from '../../../config.js';
import { field } from '../../../platform/forms/fields.js';
import { emptyForm, formError, validate } from '../../../platform/forms/validate.js';
import { PUBLIC_FORM_RATE_LIMIT } from '../../../platform/http/limits.js';
import { isUploadedFile } from '../../../platform/http/plugin.js';
import { detectMime, fileStore, MAX_UPLOAD_BYTES } from '../../../platform/files/storage.js';
import { listWorkingGroups } from '../../workinggroups/service.js';
import {
  amendApplication,
  applicationByLink,
  applicationHistory,
  confirmEmail,
  resendConfirmation,
  saveStep,
  setDocument,
  startApplication,
  submitApplication,
  withdrawApplication,
  workingGroupSlugs,
  type ApplicationRow,
} from '../applications.js';
import { KINDS, incompleteSteps, isStep, stepValues, stepsFor, type Kind, type StepName } from '../fields.js';
import { ConfirmEmailPage, JoinPage, LinkNotFoundPage, OverviewPage, StartedPage, StepPage, WithdrawPage } from '../views/apply.js';

const startSchema = z.object({ kind: field.choice(KINDS), email: field.email() });
const NOTICES = /^(saved|submitted|awaiting-confirmation|confirmed|resent|limited|amended|withdrawn|not-editable)$/;
/** The applicant's reply to a request for information, sent with their changes (optional). */
const replyOf = (req: FastifyRequest) => {
  const reply = (req.body as Record<string, unknown> | undefined)?.reply;
  return typeof reply === 'string' ? reply : '';
};

export const applyRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const files = fileStore(db, config);

  /** The application behind the private link in the URL, or the "link not found" page. */
  async function load(req: FastifyRequest, reply: FastifyReply): Promise<{ app: ApplicationRow; token: string } | null> {
    const token = String((req.params as Record<string, string>).token ?? '');
    const found = await applicationByLink(db, token);
    if (!found) {
      await reply.header('referrer-policy', 'no-referrer').render((c) => <LinkNotFoundPage c={c} />, 404);
      return null;
    }
    reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
    return { app: found, token };
  }

  async function renderStep(reply: FastifyReply, a: ApplicationRow, token: string, step: StepName, form = emptyForm(stepValues(step, a.data) as Record<string, unknown>), status = 200, incomplete?: StepName[]) {
    // Closed groups take no new members: an applicant is not offered them.
    const groups = await listWorkingGroups(db, { active: true });
    return reply.render((c) => <StepPage c={c} data={{ app: a, token, step, groups, form, incomplete }} />, status);
  }

  const next = (kind: Kind, step: StepName): StepName | undefined => {
    const steps = stepsFor(kind);
    return steps[steps.indexOf(step) + 1];
  };

  app.get('/join', async (_req, reply) => reply.render((c) => <JoinPage c={c} />));

  app.post('/join', { config: { rateLimit: PUBLIC_FORM_RATE_LIMIT } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const v = validate(startSchema, body);
    if (!v.ok) return reply.render((c) => <JoinPage c={c} form={v.state} />, 422);
    // The hidden field is filled in by robots only: answer as usual, store nothing.
    if (typeof body.homepage === 'string' && body.homepage.trim()) return reply.render((c) => <StartedPage c={c} email={v.data.email} />);
    const started = await startApplication(db, { ...v.data, locale: req.locale, baseUrl: config.baseUrl, onceKey: body._once });
    if ('repeat' in started) return reply.render((c) => <StartedPage c={c} email={v.data.email} />);
    return reply.redirect(`/${req.locale}/apply/${started.resumeToken}/${stepsFor(v.data.kind)[0]}`, 303);
  });

  app.get('/apply/confirm/:token', async (req, reply) => {
    const token = String((req.params as Record<string, string>).token);
    const found = await applicationByLink(db, token, 'confirm');
    reply.header('referrer-policy', 'no-referrer');
    if (!found) return reply.render((c) => <LinkNotFoundPage c={c} />, 404);
    return reply.render((c) => <ConfirmEmailPage c={c} email={found.email} token={token} />);
  });

  app.post('/apply/confirm/:token', async (req, reply) => {
    const token = String((req.params as Record<string, string>).token);
    const result = await confirmEmail(db, token, config.baseUrl);
    if (!result) return reply.render((c) => <LinkNotFoundPage c={c} />, 404);
    return reply.redirect(`/${req.locale}/apply/${result.resumeToken}?notice=${result.submitted ? 'submitted' : 'confirmed'}`, 303);
  });

  app.get('/apply/:token', async (req, reply) => {
    const l = await load(req, reply);
    if (!l) return reply;
    const notice = (req.query as Record<string, unknown>).notice;
    const [history, slugs] = await Promise.all([applicationHistory(db, l.app.id), workingGroupSlugs(db)]);
    const incomplete = incompleteSteps(l.app.kind as Kind, l.app.data, slugs);
    return reply.render((c) => (
      <OverviewPage c={c} data={{ app: l.app, token: l.token, incomplete, history, notice: typeof notice === 'string' && NOTICES.test(notice) ? notice : undefined }} />
    ));
  });

  app.get('/apply/:token/withdraw', async (req, reply) => {
    const l = await load(req, reply);
    if (!l) return reply;
    return reply.render((c) => <WithdrawPage c={c} token={l.token} />);
  });

  app.post('/apply/:token/withdraw', async (req, reply) => {
    const l = await load(req, reply);
    if (!l) return reply;
    const note = String((req.body as Record<string, unknown>)?.note ?? '');
    const r = await withdrawApplication(db, l.token, note);
    return reply.redirect(`/${req.locale}/apply/${l.token}?notice=${r === 'ok' ? 'withdrawn' : 'not-editable'}`, 303);
  });

  app.post('/apply/:token/resend-confirmation', { config: { rateLimit: PUBLIC_FORM_RATE_LIMIT } }, async (req, reply) => {
    const l = await load(req, reply);
    if (!l) return reply;
    const r = await resendConfirmation(db, l.token, config.baseUrl);
    return reply.redirect(`/${req.locale}/apply/${l.token}?notice=${r.ok ? 'resent' : r.reason === 'limited' ? 'limited' : 'confirmed'}`, 303);
  });

  app.post('/apply/:token/amend', async (req, reply) => {
    const l = await load(req, reply);
    if (!l) return reply;
    const r = await amendApplication(db, l.token, replyOf(req));
    if (typeof r === 'object') return renderStep(reply, l.app, l.token, 'review', emptyForm({ reply: replyOf(req) }), 422, r.incomplete);
    return reply.redirect(`/${req.locale}/apply/${l.token}?notice=${r === 'ok' ? 'amended' : 'not-editable'}`, 303);
  });

  app.post('/apply/:token/submit', async (req, reply) => {
    const l = await load(req, reply);
    if (!l) return reply;
    if (l.app.status === 'info_requested') {
      const r = await amendApplication(db, l.token, replyOf(req));
      if (typeof r === 'object') return renderStep(reply, l.app, l.token, 'review', emptyForm({ reply: replyOf(req) }), 422, r.incomplete);
      return reply.redirect(`/${req.locale}/apply/${l.token}?notice=amended`, 303);
    }
    const r = await submitApplication(db, l.token, config.baseUrl);
    if (typeof r === 'object') return renderStep(reply, l.app, l.token, 'review', emptyForm(), 422, r.incomplete);
    return reply.redirect(`/${req.locale}/apply/${l.token}?notice=${r}`, 303);
  });

  app.post('/apply/:token/document', async (req, reply) => {
    const l = await load(req, reply);
    if (!l) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const nextStep = `/${req.locale}/apply/${l.token}/${next(l.app.kind as Kind, 'document')}`;
    if (body.remove === 'yes') {
      const r = await setDocument(db, l.token, null);
      if (r.replaced) await files.remove(r.replaced);
      return reply.redirect(`/${req.locale}/apply/${l.token}/document`, 303);
    }
    const file = body.document;
    if (!isUploadedFile(file) || (!file.filename && file.data.length === 0)) return reply.redirect(nextStep, 303);
    const problem = file.truncated || file.data.length > MAX_UPLOAD_BYTES ? 'membership.errors.tooLarge' : (await detectMime(file.data)) !== 'application/pdf' ? 'membership.errors.notPdf' : null;
    if (problem) return renderStep(reply, l.app, l.token, 'document', formError({}, 'document', problem, { max: 10 }), 422);
    const key = await files.put(file.data);
    const r = await setDocument(db, l.token, { key, name: file.filename.slice(0, 200) || 'document.pdf', size: file.data.length });
    if (!r.ok) {
      await files.remove(key);
      return reply.redirect(`/${req.locale}/apply/${l.token}?notice=not-editable`, 303);
    }
    if (r.replaced) await files.remove(r.replaced);
    return reply.redirect(nextStep, 303);
  });

  app.get('/apply/:token/:step', async (req, reply) => {
    const l = await load(req, reply);
    if (!l) return reply;
    const step = String((req.params as Record<string, string>).step);
    if (!isStep(l.app.kind as Kind, step)) return reply.callNotFound();
    if (l.app.status !== 'draft' && l.app.status !== 'info_requested') return reply.redirect(`/${req.locale}/apply/${l.token}?notice=not-editable`, 303);
    return renderStep(reply, l.app, l.token, step);
  });

  app.post('/apply/:token/:step', async (req, reply) => {
    const l = await load(req, reply);
    if (!l) return reply;
    const step = String((req.params as Record<string, string>).step);
    if (!isStep(l.app.kind as Kind, step) || step === 'document' || step === 'review') return reply.callNotFound();
    const r = await saveStep(db, l.token, step, (req.body ?? {}) as Record<string, unknown>);
    if (!r.ok && r.reason === 'invalid') return renderStep(reply, l.app, l.token, step, r.state, 422);
    if (!r.ok) return reply.redirect(`/${req.locale}/apply/${l.token}?notice=not-editable`, 303);
    return reply.redirect(`/${req.locale}/apply/${l.token}/${next(l.app.kind as Kind, step) ?? ''}`, 303);
  });
};
