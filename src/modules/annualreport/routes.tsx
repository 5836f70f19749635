import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { REPORT_FILE_RATE_LIMIT, perPerson } from '../../platform/http/limits.js';
import { routeParam as param } from '../../platform/http/params.js';
import { annualReport, reportYears } from './service.js';
import { AnnualReportPage } from './views.js';
import { downloadHeaders } from '../../platform/http/exports.js';

/** The annual report: the list of years, and each year's report as a PDF in a language offered. */
export const annualReportRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get('/admin/annual-report', async (req, reply) => {
    const years = await reportYears(db, req.actor, req.locale, { config });
    return reply.render((c) => <AnnualReportPage c={c} years={years} />);
  });

  // Drawn in the PDF pool (seconds for a long year): counted per signed-in person.
  const limit = perPerson(REPORT_FILE_RATE_LIMIT, config);

  app.get('/admin/annual-report/:year.pdf', { config: { rateLimit: limit } }, async (req, reply) => {
    const lang = (req.query as Record<string, unknown> | undefined)?.lang;
    const report = await annualReport(db, req.actor, { year: param(req, 'year'), lang: lang === undefined ? undefined : String(lang), locale: req.locale }, { config });
    if (!report) return reply.callNotFound();
    return downloadHeaders(reply, { type: 'application/pdf', name: `annual-report-${report.year}-${report.lang}.pdf`, cache: 'private, no-store' })
      .header('content-language', report.lang)
      .send(report.pdf);
  });
};
