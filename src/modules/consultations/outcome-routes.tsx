import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { downloadHeaders, sendTableFile, tableFile } from '../../platform/http/exports.js';
import { REPORT_FILE_RATE_LIMIT } from '../../platform/http/limits.js';
import { routeParam as param } from '../../platform/http/params.js';
import type { ConsultationPage as Page } from './service.js';
import { outcomeFile, outcomeOf } from './outcome.js';
import { outcomePdf } from './outcome-pdf.js';
import { OutcomePage, OutcomeStopPage, PreparingPage, outcomePdfInput, outcomePdfParts, outcomeTable } from './outcome-views.js';
import { outcomeMailsWanted, stopOutcomeMails } from './outcome-mail.js';
import { nextVersionView } from './next-version.js';
import { NextPage } from './next-views.js';

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

/** How long a download waits for its file before the reader is told it is being prepared (a setting for tests: the wait, not the rule). */
export const fileWait = { ms: 8_000 };
const RETRY_AFTER_SECONDS = 30;

/**
 * Closing the loop, for everyone: the comment-and-response report (its pages, and the same rows as
 * CSV, XLSX and PDF), the comments against the next version, and the link that stops "you said, we
 * did" e-mails (outcome.ts, next-version.ts and outcome-mail.ts have the rules).
 */
export function outcomeRoutes(app: FastifyInstance, db: Db, config: Config, pageOf: (req: FastifyRequest, reply: FastifyReply) => Promise<Page | null>) {
  app.get('/consultations/:slug/responses', { config: { publicPage: { query: pageQuery } } }, async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const outcome = await outcomeOf(db, req.actor, page, req.locale);
    return reply.render((c) => <OutcomePage c={c} page={page} outcome={outcome} at={pageQuery.parse(req.query ?? {}).page} />);
  });

  app.get('/consultations/:slug/responses.:format', { config: { rateLimit: REPORT_FILE_RATE_LIMIT } }, async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const format = param(req, 'format');
    if (format !== 'csv' && format !== 'xlsx' && format !== 'pdf') return reply.callNotFound();
    const outcome = await outcomeOf(db, req.actor, page, req.locale);
    const name = `comments-and-responses-${page.consultation.slug}`;
    // Made once per state of the report and language, however many ask for it, and kept with the report (outcome.ts).
    const making = outcomeFile(outcome, format, () => {
      if (format === 'pdf') return outcomePdf(outcomePdfInput(req.t, req.locale, page, outcome, config.baseUrl), outcomePdfParts(req.t, req.locale, outcome));
      const { head, rows } = outcomeTable(req.t, req.locale, page, outcome, config.baseUrl);
      return tableFile(format, head, rows, req.t('consultations.outcome.sheet'));
    });
    // A big consultation's file takes seconds to make: past a short wait the reader is told it is being prepared, and comes back for it.
    const bytes = await Promise.race([making, new Promise<null>((resolve) => setTimeout(() => resolve(null), fileWait.ms).unref())]);
    if (!bytes) {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS)).header('cache-control', 'no-store');
      return reply.render((c) => <PreparingPage c={c} page={page} format={format} comments={outcome.items.length} />, 202);
    }
    if (format !== 'pdf') return sendTableFile(reply, name, format, bytes);
    return downloadHeaders(reply, { type: 'application/pdf', name: `${name}.pdf`, cache: 'private, no-store' }).send(bytes);
  });

  /** The comments against the report's next version: placed where their words now stand, the orphans apart. */
  app.get('/consultations/:slug/next', async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    const view = await nextVersionView(db, req.actor, page);
    if (!view) return reply.callNotFound();
    return reply.render((c) => <NextPage c={c} page={page} view={view} />);
  });

  // ——— Stopping "you said, we did" e-mails ———

  /** The link in each e-mail: says what it stops, with one button (opening a link changes nothing). */
  app.get('/consultations/outcome-mail/:token', async (req, reply) => {
    reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
    const wanted = await outcomeMailsWanted(db, param(req, 'token'));
    if (wanted === null) return reply.callNotFound();
    return reply.render((c) => <OutcomeStopPage c={c} token={param(req, 'token')} stopped={!wanted} />);
  });

  /**
   * Stops them. Also the RFC 8058 one-click POST that mail providers send with
   * `List-Unsubscribe=One-Click`, without cookies or a CSRF token: the link's token is the secret,
   * and stopping these e-mails is all it can do.
   */
  app.post('/consultations/outcome-mail/:token', { config: { csrf: false } }, async (req, reply) => {
    reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
    if (!(await stopOutcomeMails(db, param(req, 'token')))) return reply.callNotFound();
    return reply.render((c) => <OutcomeStopPage c={c} token={param(req, 'token')} stopped />);
  });
}
