import type { FastifyRequest } from 'fastify';
/**
 * Per-client-address limit for sign-in and every public form (use as a route's
 * `config: { rateLimit: PUBLIC_FORM_RATE_LIMIT }`). Counted per instance: it slows down a flood
 * from one address. Rules that must hold across instances (e.g. sign-in links per e-mail
 * address) are counted in the database by their service.
 */
export const PUBLIC_FORM_RATE_LIMIT = { max: 20, timeWindow: '1 minute' };

/**
 * Invitation letters (PDF, costly to draw) per private link: a participant downloads a letter a
 * few times, in a language or two. The key is the link's token, so one participant's downloads
 * do not count against another's behind the same address.
 */
export const LETTER_LINK_RATE_LIMIT = { max: 10, timeWindow: '10 minutes' };

/** Invitation letters per client address, across links (anyone can get a link by registering). */
export const LETTER_ADDRESS_RATE_LIMIT = { max: 30, timeWindow: '1 minute' };

/** Badge sheets (PDF) per signed-in person: enough to print them one participant at a time at a desk. */
export const BADGES_RATE_LIMIT = { max: 30, timeWindow: '1 minute' };

/**
 * Files of a generated report (a consultation's comments and responses as CSV, XLSX or PDF) per
 * client address: each is made once per state and language and then kept, but making it can take
 * seconds; a reader downloads a file or two.
 */
export const REPORT_FILE_RATE_LIMIT = { max: 20, timeWindow: '1 minute' };

/**
 * The public API (/api/v1), per client address, and per token for the holders of a token with the
 * `read:public` scope (an integration the Secretariat knows): a script reading every page of a
 * list at a reasonable pace stays under either.
 */
export const API_RATE_LIMIT = { max: 120, timeWindow: '1 minute' };
export const API_TOKEN_RATE_LIMIT = { max: 1200, timeWindow: '1 minute' };

/**
 * A route's limit counted per signed-in person (an anonymous request per address), the addresses
 * of RATE_LIMIT_ALLOWLIST aside: route hooks run after the platform's, which sets the actor.
 */
export const perPerson = (limit: { max: number; timeWindow: string }, config: { rateLimitAllowList: readonly string[] }) => ({
  ...limit,
  keyGenerator: (req: FastifyRequest) => req.actor?.id ?? req.ip,
  allowList: (req: FastifyRequest) => config.rateLimitAllowList.includes(req.ip),
});
