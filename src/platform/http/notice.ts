/**
 * The `notice` in a page's query string — set by the redirect after a form to say what happened —
 * if it is one the page knows; anything else is ignored (a notice is a message key, never text).
 */
export function noticeFrom(query: unknown, allowed: RegExp): string | undefined {
  const n = (query as Record<string, unknown> | undefined)?.notice;
  return typeof n === 'string' && allowed.test(n) ? n : undefined;
}
