import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The private link in every newsletter e-mail: the subscription's id signed with the server's
 * secret (HMAC-SHA256). Nothing is stored, so every mail can carry it, and it never expires; it
 * opens only that subscriber's preferences. Rotating SESSION_SECRET invalidates all such links.
 */
const signature = (secret: string, id: string) => createHmac('sha256', secret).update(`newsletter:${id}`).digest('base64url').slice(0, 32);

export function subscriberToken(secret: string, subscriptionId: string): string {
  return `${subscriptionId}.${signature(secret, subscriptionId)}`;
}

/** The subscription id a token was made for, or null when it was not made with this secret. */
export function verifySubscriberToken(secret: string, token: string): string | null {
  const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([\w-]{32})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(signature(secret, m[1]!));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? m[1]! : null;
}
