import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { doiFile } from './service.js';
import { downloadHeaders } from '../../platform/http/exports.js';

/**
 * The DOI metadata of a published item, for its editors to download (the Secretariat's area):
 * Crossref's deposit XML and DataCite's XML. Refused to anyone but the editors of its series; a 404
 * when the site has no DOI prefix or the item is not published.
 */
export const doiRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get('/admin/publications/:key/doi/:format', async (req, reply) => {
    const { key, format } = req.params as { key: string; format: string };
    const file = await doiFile(db, req.actor, key, format, { doi: config.doi, baseUrl: config.baseUrl, mailFrom: config.mailFrom });
    if (!file) return reply.callNotFound();
    return downloadHeaders(reply, { type: file.contentType, name: file.filename, cache: 'private, no-store' }).send(file.body);
  });
};
