/**
 * Per-client-address limit for sign-in and every public form (use as a route's
 * `config: { rateLimit: PUBLIC_FORM_RATE_LIMIT }`). Counted per instance: it slows down a flood
 * from one address. Rules that must hold across instances (e.g. sign-in links per e-mail
 * address) are counted in the database by their service.
 */
export const PUBLIC_FORM_RATE_LIMIT = { max: 20, timeWindow: '1 minute' };
