import { z } from 'zod';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { field } from '../../platform/forms/fields.js';
import { routeParam as param } from '../../platform/http/params.js';
import { fileStore } from '../../platform/files/storage.js';
import { AUDIENCES, LIST_PAGE_SIZE, apaCitation, describingTexts, isItemKey, landing, listPublished, listSeries, openCalls, publishedPdf, type Landing } from './service.js';
import { LandingPage, PublicationsPage, TextOnlyPage, alternatesOf } from './public-views.js';

/** The list's filters and page, as a GET form sends them; anything else is ignored (and a bad value is as if not given). */
const listQuery = z.object({
  series: z.string().regex(/^[a-z0-9-]{1,80}$/).optional().catch(undefined),
  audience: field.optionalChoice(AUDIENCES).catch(undefined),
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
    const [{ items, total }, series, calls] = await Promise.all([listPublished(db, { series: q.series, audience: q.audience, page: q.page }), listSeries(db), openCalls(db)]);
    return reply.render((c) => <PublicationsPage c={c} items={items} total={total} page={q.page} pageSize={LIST_PAGE_SIZE} query={{ series: q.series, audience: q.audience }} series={series} callsOpen={calls.length > 0} />, {
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
    const citation = await apaCitation(db, page, req.locale, config.baseUrl);
    return reply.render((c) => <LandingPage c={c} page={page} citation={citation} newest={newest} />, {
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
    return reply
      .header('content-type', 'application/pdf')
      .header('content-length', String(bytes.length))
      .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.pdf"`)
      .header('cache-control', version !== undefined ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
      .send(bytes);
  }

  app.get('/publications/:key/file', { compress: false }, (req, reply) => sendPdf(req, reply));
  app.get('/publications/:key/v/:number/file', { compress: false }, async (req, reply) => {
    const n = versionNumber(param(req, 'number'));
    return n ? sendPdf(req, reply, n) : reply.callNotFound();
  });
};
