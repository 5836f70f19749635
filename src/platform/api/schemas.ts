import { z } from 'zod';
import type { FastifyPluginAsync, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { LOCALES } from '../i18n/locales.js';

/**
 * The building blocks of every endpoint of the public API (src/platform/api/plugin.ts). A route's
 * zod schemas do three things at once: they check the request (a bad query is a 400), they are the
 * only fields an answer can carry (what a schema does not name is dropped when the answer is
 * written), and they are the OpenAPI document (/api/v1/openapi.json).
 */

/** A module's endpoints, registered under /api/v1 (ModuleManifest.apiRoutes). */
export type ApiRoutes = FastifyPluginAsync<{ db: Db; config: Config }, RawServerDefault, ZodTypeProvider>;

export const locale = z.enum(LOCALES).describe('A language code: ar, en, es, fr, ru or zh.');

/** A text written in several languages: each language it exists in, by code. */
export const i18nText = z.partialRecord(z.enum(LOCALES), z.string()).meta({
  id: 'Texts',
  description: 'A text in each language it exists in, by language code. The original is named by the `originalLocale` beside it; a language missing has no translation yet.',
});

/** Only the languages that have a text (a blank one is no translation). */
export function texts(value: Partial<Record<string, string | undefined>> | null | undefined): Partial<Record<(typeof LOCALES)[number], string>> {
  const out: Partial<Record<(typeof LOCALES)[number], string>> = {};
  for (const l of LOCALES) {
    const v = value?.[l]?.trim();
    if (v) out[l] = v;
  }
  return out;
}

export const apiError = z
  .object({
    error: z.object({
      status: z.number().int().describe('The HTTP status, repeated.'),
      code: z.string().describe('What went wrong, for programs: bad_query, not_found, not_public, unauthorized, token_revoked, token_expired, rate_limited, server_error.'),
      message: z.string().describe('What went wrong, for people, in the language of Accept-Language.'),
      details: z
        .array(z.object({ parameter: z.string(), problem: z.string().describe("Zod's code for the problem (too_big, invalid_type, unrecognized_keys, ...)."), message: z.string() }))
        .optional()
        .describe('For a bad query: each parameter refused, and why.'),
    }),
  })
  .meta({ id: 'Error' });
export type ApiErrorBody = z.infer<typeof apiError>;

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

/** The query of a list: its page and how many items per page, with the list's own filters. Anything else is refused (400). */
export function listQuery<T extends z.ZodRawShape>(filters: T) {
  return z.strictObject({
    page: z.coerce.number().int().min(1).max(100_000).default(1).describe('The page to read, from 1.'),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe(`Items per page, at most ${MAX_LIMIT}.`),
    ...filters,
  });
}

/** A query with no parameter but a few given ones: anything else is refused (400). */
export const noQuery = z.strictObject({});

const links = z
  .object({
    self: z.string().describe('This page.'),
    first: z.string(),
    prev: z.string().nullable().describe('The page before, or null on the first.'),
    next: z.string().nullable().describe('The page after, or null on the last. Also sent as a `Link: <…>; rel="next"` header.'),
  })
  .meta({ id: 'PageLinks' });

/** A page of a list: its items, where it is, and links to the pages beside it. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int().describe('Items in the whole list, over every page.'),
    links,
  });
}

/**
 * The schema of an endpoint (a GET): what it is, for the document, and its parameters, query and
 * answer; the errors every endpoint may answer are added. `tag` is the module's name.
 */
export function endpoint<P extends z.ZodType | undefined, Q extends z.ZodType, R extends z.ZodType>(e: {
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query: Q;
  response: R;
}) {
  const schema = {
    operationId: e.operationId,
    tags: [e.tag],
    summary: e.summary,
    description: e.description,
    params: e.params as P,
    querystring: e.query,
    response: { 200: e.response, 400: apiError, 401: apiError, 404: apiError, 429: apiError },
  };
  // A route without path parameters has no params schema at all (Fastify warns of one left empty).
  if (!e.params) delete schema.params;
  return schema;
}
