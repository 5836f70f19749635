import { etagOf, weakMatch } from '../cache/pages.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import { normalizeIP } from '@fastify/rate-limit';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import type { ModuleManifest } from '../module.js';
import { DEFAULT_LOCALE } from '../i18n/locales.js';
import { translator } from '../i18n/messages.js';
import { API_RATE_LIMIT, API_TOKEN_RATE_LIMIT } from '../http/limits.js';
import { tokenHolder, type TokenCheck } from './service.js';
import { apiError, type ApiErrorBody } from './schemas.js';
import { bearerToken } from '../http/params.js';

/** Where the API lives: its version is in the path; a change that breaks clients comes as /api/v2 beside it. */
export const API_PREFIX = '/api/v1';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token sent with the request (Authorization: Bearer …), checked; null when none was sent. */
    apiToken: TokenCheck | null;
  }
}

/** A refusal an endpoint or a hook throws: its status, a code for programs and a message key for people. */
export class ApiProblem extends Error {
  constructor(
    public readonly statusCode: number,
    public readonly apiCode: string,
    public readonly messageKey: string,
  ) {
    super(apiCode);
  }
}

export interface ApiPlatformOptions {
  db: Db;
  config: Config;
  manifests: readonly ModuleManifest[];
}

/** What each answer means, in the document. */
const RESPONSES: Record<string, string> = {
  '200': 'The data asked for.',
  '304': 'Not modified: the ETag sent in If-None-Match is still current.',
  '400': 'The query is not valid: each parameter refused is named in `details`.',
  '401': 'The token sent is unknown, revoked or expired.',
  '404': 'Nothing public by this address.',
  '429': 'Too many requests: wait the seconds in Retry-After.',
};

const holdsScope = (t: TokenCheck | null, scope: string) => !!t?.ok && t.scopes.includes(scope);

function sendProblem(reply: FastifyReply, status: number, code: string, message: string, details?: NonNullable<ApiErrorBody['error']['details']>) {
  const body: ApiErrorBody = { error: { status, code, message, ...(details ? { details } : {}) } };
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').header('content-language', reply.request.locale).send(JSON.stringify(body));
}

/** The parameter a validation issue is about ("limit"; the names of unknown parameters). */
function parameterOf(v: { instancePath: string; params: Record<string, unknown> }): string {
  const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (path) return path;
  return Array.isArray(v.params.keys) ? v.params.keys.map(String).join(', ') : '';
}

/**
 * The public JSON API, registered under /api/v1 by buildApp: every module's `apiRoutes`, read-only,
 * serving what the public pages show (docs/decisions/019-public-api.md). Around them, for every
 * endpoint alike:
 *  - zod schemas check each request (400 on a bad query, with each parameter named) and write each
 *    answer (a field the schema does not name never leaves); the OpenAPI 3.1 document at
 *    /api/v1/openapi.json is made from the same schemas;
 *  - an optional token (Authorization: Bearer …): a revoked, expired or unknown one is refused (401);
 *    a valid one with the `read:public` scope reads under its own, higher rate limit;
 *  - rate limits (429), ETags with 304 on If-None-Match, Cache-Control, CORS open to every origin
 *    (read-only, no credentials), JSON errors in the reader's language (Accept-Language).
 * The figures of the Alliance (GET /api/v1/figures) are to come from their module the same way:
 * an `apiRoutes` in its manifest, tagged with the module's name.
 */
export const apiPlatform: FastifyPluginAsync<ApiPlatformOptions> = async (root, { db, config, manifests }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bridges public API',
        version: '1',
        description: [
          'What the public pages of the site show, as JSON: meetings and their programmes, the member directory (only what each member chose to show), publications, consultations and their outcome.',
          'Lists come a page at a time (`page`, `limit` up to 100) with links to the next page. Answers carry an ETag: send it back in If-None-Match to get a 304 when nothing changed.',
          `Anyone may read, up to ${API_RATE_LIMIT.max} requests a minute per address; an integration with a token from the Secretariat (Authorization: Bearer …) reads up to ${API_TOKEN_RATE_LIMIT.max} a minute. A revoked or expired token is refused with 401.`,
        ].join('\n\n'),
      },
      servers: [{ url: config.baseUrl }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A token made by the Secretariat (optional: it raises the rate limit).' } } },
      security: [{}, { bearerAuth: [] }],
      tags: [{ name: 'api', description: 'This document.' }, ...manifests.filter((m) => m.apiRoutes).map((m) => ({ name: m.name }))],
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => {
      const doc = jsonSchemaTransformObject(documentObject) as { paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
      // Every read may be answered "not modified" (ETag and If-None-Match), which no route's schema says.
      for (const path of Object.values(doc.paths ?? {})) {
        for (const op of Object.values(path)) {
          if (!op.responses) continue;
          for (const [status, response] of Object.entries(op.responses)) if (RESPONSES[status]) (response as { description: string }).description = RESPONSES[status];
          op.responses['304'] = { description: RESPONSES['304'] };
        }
      }
      return doc as ReturnType<typeof jsonSchemaTransformObject>;
    },
  });

  app.decorateRequest('apiToken', null);

  // Read-only: anything but a read (or a browser's preflight) is refused before any other work.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    reply.header('allow', 'GET, HEAD, OPTIONS');
    throw new ApiProblem(405, 'method_not_allowed', 'api.errors.readOnly');
  });

  // Who asks: a token, when one is sent. The refusal of a bad one comes after the rate limit, so guessing tokens is limited too.
  app.addHook('onRequest', async (req) => {
    const auth = req.headers.authorization;
    if (auth === undefined) return;
    const token = bearerToken(auth);
    req.apiToken = token ? await tokenHolder(db, token) : { ok: false, reason: 'unknown' };
  });
  app.addHook(
    'onRequest',
    app.rateLimit({
      timeWindow: API_RATE_LIMIT.timeWindow,
      max: (req) => (holdsScope(req.apiToken, 'read:public') ? API_TOKEN_RATE_LIMIT.max : API_RATE_LIMIT.max),
      keyGenerator: (req) => (holdsScope(req.apiToken, 'read:public') && req.apiToken?.ok ? `token:${req.apiToken.id}` : normalizeIP(req.ip)),
    }),
  );
  app.addHook('onRequest', async (req) => {
    const t = req.apiToken;
    if (t && !t.ok) throw new ApiProblem(401, t.reason === 'unknown' ? 'unauthorized' : `token_${t.reason}`, `api.errors.token.${t.reason}`);
  });

  // Every answer: open to other sites' scripts (read-only, no cookies). A read: an ETag, and 304 when the reader has it already.
  app.addHook('onSend', async (req, reply, payload) => {
    reply
      .header('access-control-allow-origin', '*')
      .header('access-control-expose-headers', 'ETag, Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset')
      .header('cross-origin-resource-policy', 'cross-origin');
    if (reply.statusCode !== 200 || (req.method !== 'GET' && req.method !== 'HEAD') || typeof payload !== 'string') {
      if (reply.statusCode >= 400) reply.header('cache-control', 'no-store').header('vary', 'Accept-Language');
      return payload;
    }
    const etag = etagOf(payload);
    reply.header('etag', etag).header('cache-control', 'public, max-age=60');
    if (weakMatch(req.headers['if-none-match'], etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });

  app.setErrorHandler(async (err, req, reply) => {
    const t = req.t ?? translator(DEFAULT_LOCALE);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({ parameter: parameterOf(v), problem: v.keyword, message: v.message ?? v.keyword }));
      return sendProblem(reply, 400, 'bad_query', t('api.errors.badQuery', { parameters: [...new Set(details.map((d) => d.parameter))].join(', ') }), details);
    }
    if (err instanceof ApiProblem) return sendProblem(reply, err.statusCode, err.apiCode, t(err.messageKey));
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 429) return sendProblem(reply, 429, 'rate_limited', t('api.errors.rateLimited'));
    if (status && status >= 400 && status < 500) {
      req.log.info({ code: (err as { code?: string }).code, status }, 'api request refused');
      return sendProblem(reply, status, status === 404 ? 'not_found' : status === 403 ? 'forbidden' : 'bad_request', t(status === 404 ? 'api.errors.notFound' : 'api.errors.badRequest'));
    }
    req.log.error({ err }, 'api request failed');
    return sendProblem(reply, 500, 'server_error', t('api.errors.server'));
  });

  app.setNotFoundHandler(async (req, reply) => sendProblem(reply, 404, 'not_found', req.t('api.errors.notFound')));

  // A browser's preflight, for a script that sends a token: reads only.
  app.options('/*', { schema: { hide: true } }, async (_req, reply) =>
    reply.code(204).header('access-control-allow-methods', 'GET, HEAD, OPTIONS').header('access-control-allow-headers', 'Authorization, If-None-Match').header('access-control-max-age', '86400').send(),
  );

  app.get(
    '/openapi.json',
    {
      schema: {
        operationId: 'openapi',
        tags: ['api'],
        summary: 'This API described in OpenAPI 3.1',
        querystring: z.strictObject({}),
        response: { 200: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) }), 400: apiError, 429: apiError },
      },
    },
    async () => app.swagger() as unknown as { openapi: string; info: Record<string, unknown>; paths: Record<string, unknown> },
  );

  for (const m of manifests) if (m.apiRoutes) await app.register(m.apiRoutes, { db, config });
};
