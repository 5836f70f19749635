import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { field } from '../../platform/forms/fields.js';
import { emptyForm, formError, keepTyped, validate, type FieldError, type FormState } from '../../platform/forms/validate.js';
import { noticeFrom } from '../../platform/http/notice.js';
import { routeParam as param } from '../../platform/http/params.js';
import { isUploadedFile } from '../../platform/http/plugin.js';
import { detectMime, fileStore, MAX_UPLOAD_BYTES, type FileStore } from '../../platform/files/storage.js';
import { z } from 'zod';
import {
  answerBody,
  answerInvitation,
  callsForBriefs,
  countriesField,
  sdgTargetsField,
  itemKey,
  myReviews,
  mySubmissions,
  reviewBody,
  reviewPage,
  reviewPdf,
  reviseSubmission,
  submissionBody,
  submissionCall,
  submissionPage,
  submissionPdf,
  submitReview,
  submitToCall,
  withdrawSubmission,
  workingCopyBody,
  type ReviewPage as Review,
  type SubmissionPage as Submission,
} from './service.js';
import { CallNotOpenPage, CallsListPage, MinePage, REVIEW_NOTICE, ReviewView, ReviewsListPage, RevisePage, SubmissionView, SubmitPage, WithdrawPage } from './author-views.js';
import { downloadHeaders } from '../../platform/http/exports.js';

const MAX_MB = Math.round(MAX_UPLOAD_BYTES / (1024 * 1024));
const MINE_NOTICES = /^(submitted|repeat|withdrawn|revised|notOpen)$/;

/** Withdrawing asks for a ticked box; the word to the editors is optional. */
const withdrawBody = z.object({ confirm: z.literal('yes', { message: 'publications.author.errors.confirmWithdraw' }), note: field.optionalText({ max: 2000 }) });
/** The revision: the working copy's fields, and what changed (to the editors, kept in the history). */
const reviseBody = workingCopyBody.extend({ note: field.optionalText({ max: 4000 }), countries: countriesField(), sdgTargets: sdgTargetsField() });

/**
 * The PDF a form carries, checked by its content: none (the field left empty), its bytes, or why it
 * is refused (too large, not a PDF whatever its name says).
 */
async function pdfOf(file: unknown): Promise<{ data?: Buffer; error?: FieldError }> {
  if (!isUploadedFile(file) || (!file.filename && file.data.length === 0)) return {};
  if (file.truncated || file.data.length > MAX_UPLOAD_BYTES) return { error: { field: 'pdf', key: 'publications.author.errors.tooLarge', values: { max: MAX_MB } } };
  if ((await detectMime(file.data)) !== 'application/pdf') return { error: { field: 'pdf', key: 'publications.author.errors.notPdf' } };
  return { data: file.data };
}

/** The form's fields without its file, and the file. */
function split(req: FastifyRequest): { fields: Record<string, unknown>; file: unknown } {
  const { pdf, ...fields } = (req.body ?? {}) as Record<string, unknown>;
  return { fields, file: pdf };
}

/** The form again with every problem found: the fields' and the file's, the typed values kept (never the file). */
function problems(fields: Record<string, unknown>, v: { ok: true } | { ok: false; state: FormState }, file?: FieldError): FormState | null {
  const errors = [...(v.ok ? [] : v.state.errors), ...(file ? [file] : [])];
  return errors.length ? { values: keepTyped(fields), errors } : null;
}

function sendPdf(reply: FastifyReply, files: FileStore, found: { pdfKey: string; number: string } | null) {
  return (async () => {
    const bytes = found ? await files.get(found.pdfKey) : null;
    if (!found || !bytes) return reply.callNotFound();
    return downloadHeaders(reply, { type: 'application/pdf', name: `${found.number}.pdf`, cache: 'private, no-store', inline: true })
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  })();
}

/**
 * The authors' and reviewers' pages: calls for briefs, the submission form, one's own submissions
 * (following them, withdrawing, revising), and one's review assignments (answering, reviewing).
 */
export const authorRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const files = fileStore(db, config);
  const ctx = { baseUrl: config.baseUrl };
  const mine = (req: FastifyRequest, path = '') => `/${req.locale}/publications/mine${path}`;

  // ——— Calls for briefs (public) ———

  app.get('/publications/calls', { config: { publicPage: true } }, async (_req, reply) => {
    const page = await callsForBriefs(db);
    reply.freshUntil(page.changesAt);
    return reply.render((c) => <CallsListPage c={c} page={page} />, { description: (c) => c.t('publications.author.calls.intro') });
  });

  // ——— Submitting (signed in) ———

  async function showSubmit(req: FastifyRequest, reply: FastifyReply, form?: FormState) {
    const found = await submissionCall(db, req.actor, param(req, 'slug'));
    if (!found) return reply.callNotFound();
    if (!found.open) return reply.render((c) => <CallNotOpenPage c={c} call={found.call} closed={found.closed} />, found.closed ? 410 : 404);
    return reply.render((c) => <SubmitPage c={c} call={found.call} form={form ?? emptyForm({ locale: req.locale })} />, form ? 422 : 200);
  }

  app.get('/publications/calls/:slug/submit', (req, reply) => showSubmit(req, reply));

  app.post('/publications/calls/:slug/submit', async (req, reply) => {
    const found = await submissionCall(db, req.actor, param(req, 'slug'));
    if (!found) return reply.callNotFound();
    if (!found.open) return showSubmit(req, reply);
    const { fields, file } = split(req);
    const v = validate(submissionBody, fields);
    const pdf = await pdfOf(file);
    const again = problems(fields, v, pdf.error);
    if (again || !v.ok) return showSubmit(req, reply, again ?? emptyForm(keepTyped(fields)));
    const stored = pdf.data ? { key: await files.put(pdf.data), bytes: pdf.data.length } : undefined;
    const r = await submitToCall(db, req.actor, found.call, { ...v.data, pdf: stored }, { ...ctx, onceKey: fields._once });
    if (!r.ok && stored) await files.remove(stored.key);
    if (!r.ok && 'repeat' in r) return reply.redirect(mine(req, '?notice=repeat'), 303);
    if (!r.ok) return showSubmit(req, reply, formError(fields, r.field, r.message));
    return reply.redirect(mine(req, `/${itemKey(r.number)}?notice=submitted`), 303);
  });

  // ——— One's own submissions ———

  app.get('/publications/mine', async (req, reply) => {
    const items = await mySubmissions(db, req.actor, req.locale);
    return reply.render((c) => <MinePage c={c} items={items} notice={noticeFrom(req.query, MINE_NOTICES)} />);
  });

  const own = (req: FastifyRequest) => submissionPage(db, req.actor, param(req, 'key'), req.locale);

  app.get('/publications/mine/:key', async (req, reply) => {
    const page = await own(req);
    if (!page) return reply.callNotFound();
    return reply.render((c) => <SubmissionView c={c} page={page} notice={noticeFrom(req.query, MINE_NOTICES)} />);
  });

  app.get('/publications/mine/:key/pdf', async (req, reply) => sendPdf(reply, files, await submissionPdf(db, req.actor, param(req, 'key'))));

  const showWithdraw = (reply: FastifyReply, page: Submission, form?: FormState) => reply.render((c) => <WithdrawPage c={c} page={page} form={form ?? emptyForm()} />, form ? 422 : 200);
  const notOpen = (req: FastifyRequest, page: Submission) => mine(req, `/${page.item.key}?notice=notOpen`);

  app.get('/publications/mine/:key/withdraw', async (req, reply) => {
    const page = await own(req);
    if (!page) return reply.callNotFound();
    if (!page.steps.includes('withdraw')) return reply.redirect(notOpen(req, page), 303);
    return showWithdraw(reply, page);
  });

  app.post('/publications/mine/:key/withdraw', async (req, reply) => {
    const page = await own(req);
    if (!page) return reply.callNotFound();
    if (!page.steps.includes('withdraw')) return reply.redirect(notOpen(req, page), 303);
    const v = validate(withdrawBody, req.body);
    if (!v.ok) return showWithdraw(reply, page, v.state);
    const r = await withdrawSubmission(db, req.actor, page.item.id, v.data.note ?? '', ctx);
    return reply.redirect(r.ok ? mine(req, `/${page.item.key}?notice=withdrawn`) : notOpen(req, page), 303);
  });

  /** The revision form starts from the working copy in the item's own language. */
  const workingCopy = (page: Submission) =>
    emptyForm({
      title: page.own.title,
      abstract: page.own.abstract,
      summary: page.own.summary,
      keywords: page.own.keywords.join(', '),
      recommendations: page.own.recommendations,
      authors: page.item.authors.map((a) => (a.affiliation ? `${a.name} (${a.affiliation})` : a.name)).join('\n'),
      audiences: page.item.audiences,
      countries: page.item.countries,
      sdgTargets: page.item.sdgTargets,
      body: page.item.body,
    });
  const showRevise = (req: FastifyRequest, reply: FastifyReply, page: Submission, form?: FormState) =>
    reply.render((c) => <RevisePage c={c} page={page} form={form ?? workingCopy(page)} notice={form ? undefined : noticeFrom(req.query, /^saved$/)} />, form ? 422 : 200);

  app.get('/publications/mine/:key/revise', async (req, reply) => {
    const page = await own(req);
    if (!page) return reply.callNotFound();
    if (!page.steps.includes('revise')) return reply.redirect(notOpen(req, page), 303);
    return showRevise(req, reply, page);
  });

  /** Saves the revision (do=save), or saves and sends it to the editors (do=send) in one transaction. */
  app.post('/publications/mine/:key/revise', async (req, reply) => {
    const page = await own(req);
    if (!page) return reply.callNotFound();
    if (!page.steps.includes('revise')) return reply.redirect(notOpen(req, page), 303);
    const { fields, file } = split(req);
    const v = validate(reviseBody, fields);
    const pdf = await pdfOf(file);
    const again = problems(fields, v, pdf.error);
    if (again || !v.ok) return showRevise(req, reply, page, again ?? emptyForm(keepTyped(fields)));
    const stored = pdf.data ? { key: await files.put(pdf.data), bytes: pdf.data.length } : undefined;
    const send = fields.do === 'send';
    const r = await reviseSubmission(db, req.actor, page.item.id, v.data, { send, pdf: stored, ...ctx });
    if (!r.ok && stored) await files.remove(stored.key);
    if (!r.ok && 'reason' in r) return reply.redirect(notOpen(req, page), 303);
    if (!r.ok) return showRevise(req, reply, page, formError(fields, r.field, r.message));
    if (r.replacedPdf) await files.remove(r.replacedPdf);
    return reply.redirect(r.sent ? mine(req, `/${page.item.key}?notice=revised`) : mine(req, `/${page.item.key}/revise?notice=saved`), 303);
  });

  // ——— Reviews (the reviewer an assignment names) ———

  app.get('/publications/reviews', async (req, reply) => {
    const rows = await myReviews(db, req.actor, req.locale);
    return reply.render((c) => <ReviewsListPage c={c} rows={rows} />);
  });

  const assignment = (req: FastifyRequest) => reviewPage(db, req.actor, param(req, 'id'), req.locale);
  const reviewAt = (req: FastifyRequest, page: Review, notice?: string) => `/${req.locale}/publications/reviews/${page.assignment.id}${notice ? `?notice=${notice}` : ''}`;
  const showReview = (req: FastifyRequest, reply: FastifyReply, page: Review, form?: FormState) =>
    reply.render((c) => <ReviewView c={c} page={page} form={form ?? emptyForm()} notice={form ? undefined : noticeFrom(req.query, REVIEW_NOTICE)} />, form ? 422 : 200);
  /** Why a review cannot be written now, as the page's message: sent already, the round ended, or not accepted yet. */
  const notWritable = (state: Review['assignment']['state']) => (state === 'completed' ? 'alreadySent' : state === 'closed' ? 'roundClosed' : state === 'invited' ? 'notAccepted' : 'answered');

  app.get('/publications/reviews/:id', async (req, reply) => {
    const page = await assignment(req);
    return page ? showReview(req, reply, page) : reply.callNotFound();
  });

  app.get('/publications/reviews/:id/pdf', async (req, reply) => sendPdf(reply, files, await reviewPdf(db, req.actor, param(req, 'id'))));

  app.post('/publications/reviews/:id/answer', async (req, reply) => {
    const page = await assignment(req);
    if (!page) return reply.callNotFound();
    if (page.assignment.state !== 'invited') return reply.redirect(reviewAt(req, page, 'answered'), 303);
    const v = validate(answerBody, req.body);
    if (!v.ok) return showReview(req, reply, page, v.state);
    const r = await answerInvitation(db, req.actor, page.assignment.id, v.data);
    // Answered already (a double click, another tab): said on the page, not a failure.
    if (!r.ok && r.field === 'answer') return reply.redirect(reviewAt(req, page, 'answered'), 303);
    if (!r.ok) return showReview(req, reply, page, formError(req.body, r.field, r.message));
    return reply.redirect(reviewAt(req, page, r.state), 303);
  });

  app.post('/publications/reviews/:id', async (req, reply) => {
    const page = await assignment(req);
    if (!page) return reply.callNotFound();
    const state = page.assignment.state;
    if (state !== 'accepted') return reply.redirect(reviewAt(req, page, notWritable(state)), 303);
    const v = validate(reviewBody, req.body);
    if (!v.ok) return showReview(req, reply, page, v.state);
    const r = await submitReview(db, req.actor, page.assignment.id, v.data);
    // Refused under the lock (a double click that got there second, the round closed meanwhile): the page says why.
    if (!r.ok) return reply.redirect(reviewAt(req, page, notWritable((await assignment(req))?.assignment.state ?? state)), 303);
    return reply.redirect(reviewAt(req, page, 'sent'), 303);
  });
};
