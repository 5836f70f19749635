import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { OAI_BATCH_SIZE, OAI_PAGE_SIZE, oaiArguments, oaiResponse } from './service.js';

export interface OaiRouteOptions {
  db: Db;
  config: Config;
  /** Records per response before a resumption token (default 100). */
  pageSize?: number;
  /** Records read from the database at a time while a response is written (default 100). */
  batchSize?: number;
}

/**
 * The OAI-PMH 2.0 endpoint, at the site's root without a language: GET /oai?verb=… and POST /oai
 * with the same arguments form-encoded (no form token: harvesters are machines, and nothing
 * changes). The arguments are read from the raw query or body, every value kept, so a repeated
 * argument is seen and refused as the protocol asks. The answer is streamed as it is written.
 */
export const oaiRoutes: FastifyPluginAsync<OaiRouteOptions> = async (app, { db, config, pageSize, batchSize }) => {
  // This plugin's own reading of form bodies (only here): the text itself, parsed below like a query.
  app.removeContentTypeParser('application/x-www-form-urlencoded');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));

  const answer = async (reply: FastifyReply, encoded: string) => {
    const chunks = await oaiResponse({ db, baseUrl: config.baseUrl, mailFrom: config.mailFrom, pageSize: pageSize ?? OAI_PAGE_SIZE, batchSize: batchSize ?? OAI_BATCH_SIZE }, oaiArguments(encoded));
    return reply.type('text/xml; charset=utf-8').header('cache-control', 'no-cache').send(Readable.from(chunks));
  };

  app.get('/oai', (req, reply) => {
    const q = req.url.indexOf('?');
    return answer(reply, q < 0 ? '' : req.url.slice(q + 1));
  });
  app.post('/oai', { config: { csrf: false } }, (req, reply) => answer(reply, typeof req.body === 'string' ? req.body : ''));
};
