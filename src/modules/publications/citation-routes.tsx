import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { citationFile } from './service.js';
import { downloadHeaders } from '../../platform/http/exports.js';

/**
 * Citation downloads of a published item, for reference managers: BibTeX, RIS and CSL-JSON, of its
 * newest version or of an older one (`/v/N`). Not kept by the page cache: a kept answer would lose
 * its Content-Disposition.
 */
export const citationRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const send = async (req: FastifyRequest, reply: FastifyReply, version: number | undefined) => {
    const { key, format } = req.params as { key: string; format: string };
    const file = await citationFile(db, req.actor, key, version, format, { locale: req.locale, baseUrl: config.baseUrl });
    if (!file) return reply.callNotFound();
    return downloadHeaders(reply, { type: file.contentType, name: file.filename, cache: 'no-cache' }).send(file.body);
  };

  app.get('/publications/:key/cite/:format', (req, reply) => send(req, reply, undefined));

  app.get('/publications/:key/v/:number/cite/:format', (req, reply) => {
    const number = (req.params as { number: string }).number;
    if (!/^[1-9]\d{0,5}$/.test(number)) return reply.callNotFound();
    return send(req, reply, Number(number));
  });
};
