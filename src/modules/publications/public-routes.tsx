import { z } from 'zod';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { field } from '../../platform/forms/fields.js';
import { routeParam as param } from '../../platform/http/params.js';
import { fileStore } from '../../platform/files/storage.js';
import { REPORT_FILE_RATE_LIMIT } from '../../platform/http/limits.js';
import { AUDIENCES, LIST_PAGE_SIZE, apaCitation, describingTexts, doiOf, generatedPdf, isItemKey, landing, listPublished, listSeries, openCalls, provenanceOf, publishedPdf, searchPublished, tagsInUse, isSdgTarget, type Landing } from './service.js';
import { isCountryCode } from '../../platform/geo/countries.js';
import { LandingPage, PublicationsPage, TextOnlyPage, alternatesOf } from './public-views.js';
import { downloadHeaders } from '../../platform/http/exports.js';

/** The list's filters and page, as a GET form sends them; anything else is ignored (and a bad value is as if not given). */
const listQuery = z.object({
  /** Words to search for, in any language (their length is checked by the search, which says what is wrong). */
  q: z.string().optional().catch(undefined),
  series: z.string().regex(/^[a-z0-9-]{1,80}$/).optional().catch(undefined),
  audience: field.optionalChoice(AUDIENCES).catch(undefined),
  country: z.string().transform((v) => v.toUpperCase()).refine(isCountryCode).optional().catch(undefined),
  sdg: z.string().refine(isSdgTarget).optional().catch(undefined),
  page: field.page(),
});

/** A version number in an address: digits only, no leading zero (anything else is no page). */
const versionNumber = (s: string) => (/^[1-9]\d{0,5}$/.test(s) ? Number(s) : null);

/**
 * What anyone reads of publications, all GET, the same for every anonymous reader (kept in the page
 * cache): the list of what is published, an item's landing page and each of its versions, a
 * text-only view, and the stored PDF.
 */
export const publicRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const files = fileStore(db, config);

  app.get('/publications', { config: { publicPage: { query: listQuery } } }, async (req, reply) => {
    const q = listQuery.parse(req.query);
    const words = q.q?.trim() ?? '';
    const filters = { series: q.series, audience: q.audience, country: q.country, sdgTarget: q.sdg, page: q.page };
    const [found, series, calls, inUse] = await Promise.all([words ? searchPublished(db, { ...filters, q: words }) : listPublished(db, filters), listSeries(db), openCalls(db), tagsInUse(db)]);
    const { items, total } = 'ok' in found && !found.ok ? { items: [], total: 0 } : found;
    const problem = 'ok' in found && !found.ok ? found.problem : undefined;
    return reply.render((c) => <PublicationsPage c={c} items={items} total={total} page={q.page} pageSize={LIST_PAGE_SIZE} query={{ q: words || undefined, series: q.series, audience: q.audience, country: q.country, sdg: q.sdg }} series={series} callsOpen={calls.length > 0} problem={problem} inUse={inUse} />, {
      description: (c) => c.t('publications.read.list.intro'),
    });
  });

  /**
   * The item of the address (the newest version, or the one named), or null after answering: a 404
   * for anything not published, a redirect to the lowercase address for an identifier in capitals.
   */
  async function pageOf(req: FastifyRequest, reply: FastifyReply, version?: number): Promise<Landing | null> {
    const key = param(req, 'key');
    const page = isItemKey(key) ? await landing(db, req.actor, key, version) : null;
    if (!page) void reply.callNotFound();
    else if (key !== key.toLowerCase()) void reply.redirect(`/${req.locale}${req.url.replace(/^\/[a-z]{2}/, '').replace(key, key.toLowerCase())}`, 301);
    else return page;
    return null;
  }

  const show = async (req: FastifyRequest, reply: FastifyReply, page: Landing, newest: boolean) => {
    const [citation, provenance] = await Promise.all([apaCitation(db, page, req.locale, config.baseUrl), provenanceOf(db, page.item, page.series)]);
    // A consultation it comes from opens or closes: the kept page says so no later than then.
    reply.freshUntil(provenance.changesAt);
    return reply.render((c) => <LandingPage c={c} page={page} citation={citation} newest={newest} provenance={provenance} doi={doiOf(config.doi, page.item)} />, {
      description: describingTexts(page.version.meta, req.locale, page.item.locale).abstract?.value,
      alternates: newest ? alternatesOf(page) : undefined,
    });
  };

  app.get('/publications/:key', { config: { publicPage: true } }, async (req, reply) => {
    const page = await pageOf(req, reply);
    return page ? show(req, reply, page, true) : reply;
  });

  app.get('/publications/:key/v/:number', { config: { publicPage: true } }, async (req, reply) => {
    const n = versionNumber(param(req, 'number'));
    const page = n ? await pageOf(req, reply, n) : (reply.callNotFound(), null);
    return page ? show(req, reply, page, false) : reply;
  });

  app.get('/publications/:key/text', { config: { publicPage: true } }, async (req, reply) => {
    const page = await pageOf(req, reply);
    if (!page) return reply;
    return reply.render((c) => <TextOnlyPage c={c} page={page} />, { description: describingTexts(page.version.meta, req.locale, page.item.locale).abstract?.value });
  });

  /** A version named is never replaced (kept a year); the newest may be (five minutes). */
  const pdfCache = (version: number | undefined) => (version !== undefined ? 'public, max-age=31536000, immutable' : 'public, max-age=300');

  /**
   * The stored PDF of the newest version, or of a version named: named after the identifier. Not
   * a public page for the page cache (a file is not kept in memory); a shared cache may keep an
   * older version's file for good, the newest's a few minutes (a new version may replace it).
   */
  async function sendPdf(req: FastifyRequest, reply: FastifyReply, version?: number) {
    const pdf = await publishedPdf(db, req.actor, param(req, 'key'), version);
    const bytes = pdf ? await files.get(pdf.fileKey) : null;
    if (!pdf || !bytes) return reply.callNotFound();
    const name = version === undefined ? pdf.number : `${pdf.number}-v${pdf.version}`;
    return downloadHeaders(reply, { type: 'application/pdf', name: `${name}.pdf`, cache: pdfCache(version) })
      .header('content-length', String(bytes.length))
      .send(bytes);
  }

  app.get('/publications/:key/file', { compress: false }, (req, reply) => sendPdf(req, reply));
  app.get('/publications/:key/v/:number/file', { compress: false }, async (req, reply) => {
    const n = versionNumber(param(req, 'number'));
    return n ? sendPdf(req, reply, n) : reply.callNotFound();
  });

  /**
   * The PDF generated from the texts of the newest version, or of a version named, when it has no
   * uploaded PDF (a 404 when it has: that file is its PDF). Cached as the stored PDF is. The file
   * kept when it was published; until its job has run, drawn here (a worker's moment, hence a limit
   * per client address) and kept.
   */
  async function sendGenerated(req: FastifyRequest, reply: FastifyReply, version?: number) {
    const pdf = await generatedPdf(db, files, req.actor, param(req, 'key'), version, config.baseUrl);
    if (!pdf) return reply.callNotFound();
    const name = version === undefined ? pdf.number : `${pdf.number}-v${pdf.version}`;
    return downloadHeaders(reply, { type: 'application/pdf', name: `${name}.pdf`, cache: pdfCache(version) })
      .header('content-length', String(pdf.bytes.length))
      .send(pdf.bytes);
  }

  app.get('/publications/:key/pdf', { compress: false, config: { rateLimit: REPORT_FILE_RATE_LIMIT } }, (req, reply) => sendGenerated(req, reply));
  app.get('/publications/:key/v/:number/pdf', { compress: false, config: { rateLimit: REPORT_FILE_RATE_LIMIT } }, async (req, reply) => {
    const n = versionNumber(param(req, 'number'));
    return n ? sendGenerated(req, reply, n) : reply.callNotFound();
  });
};
