import type { FastifyRequest } from 'fastify';

/**
 * What the request log may say about a request. A URL can carry a secret: the token of a private
 * link (sign-in, an application, a registration, a subscriber's link) opens something for whoever
 * holds it, so a log reader must never see one. Logged URLs keep their shape with secrets replaced:
 *   - a route parameter named `token` (every private link is a `:token` route);
 *   - any other path segment that looks like a token (base64url of 20+ characters with capital and
 *     small letters or digits, or a signed `uuid.signature`), for URLs that match no route;
 *   - every query value except a few that say how a page was asked for, not who asked (a search
 *     may be a person's name).
 */
export const REDACTED = '[redacted]';
const SECRET_PARAMS = new Set(['token']);
const PLAIN_QUERY = new Set(['page', 'notice', 'lang', 'format', 'day', 'status', 'sort', 'kind', 'saved', 'offered', 'sent']);
const MAX_LOGGED_URL = 300;

export function looksLikeToken(segment: string): boolean {
  return (
    (segment.length >= 20 && /^[A-Za-z0-9_-]+$/.test(segment) && /[A-Z]/.test(segment) && /[a-z0-9]/.test(segment)) ||
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[\w-]{16,}$/.test(segment)
  );
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The URL with its secrets replaced (see above), cut to a readable length. */
export function redactUrl(url: string, params: Record<string, unknown> = {}): string {
  const at = url.indexOf('?');
  const path = at >= 0 ? url.slice(0, at) : url;
  const search = at >= 0 ? url.slice(at + 1) : '';
  const secrets = new Set(Object.entries(params).flatMap(([k, v]) => (SECRET_PARAMS.has(k) && typeof v === 'string' && v ? [v] : [])));
  const safePath = path
    .split('/')
    .map((seg) => {
      const s = decode(seg);
      return secrets.has(s) || looksLikeToken(s) ? REDACTED : seg;
    })
    .join('/');
  const safeQuery = search
    ? search
        .split('&')
        .map((pair) => {
          const eq = pair.indexOf('=');
          const key = decode(eq >= 0 ? pair.slice(0, eq) : pair);
          return PLAIN_QUERY.has(key) && eq >= 0 && !looksLikeToken(decode(pair.slice(eq + 1))) ? pair : `${encodeURIComponent(key.slice(0, 40))}=${REDACTED}`;
        })
        .join('&')
    : '';
  const out = safeQuery ? `${safePath}?${safeQuery}` : safePath;
  return out.length > MAX_LOGGED_URL ? `${out.slice(0, MAX_LOGGED_URL)}…` : out;
}

/** Token-like words in free text (an error message may quote a URL). */
export function redactText(text: string): string {
  return text.replace(/[A-Za-z0-9_.-]{20,}/g, (w) => (looksLikeToken(w) || w.split(/[./]/).some(looksLikeToken) ? REDACTED : w));
}

/** The request as the log shows it (replaces Fastify's default `req` serializer). */
export function logRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url, (req.params ?? {}) as Record<string, unknown>),
    remoteAddress: req.ip,
  };
}

/** An error as the log shows it: its stack and message with token-like words replaced. */
export function logError(err: Error & { code?: unknown; statusCode?: unknown }) {
  return { type: err.name ?? 'Error', message: redactText(String(err.message ?? err)), stack: redactText(String(err.stack ?? '')), code: err.code, statusCode: err.statusCode };
}
