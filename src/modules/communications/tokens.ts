import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The private links in newsletter e-mails: the subscription's id signed with the server's secret
 * (HMAC-SHA256) for one purpose. Nothing is stored, so every mail can carry them, and they never
 * expire. Rotating SESSION_SECRET invalidates all of them.
 *   - manage: confirm, preferences, unsubscribe and subscribe again — in the e-mail's body, which
 *     only its reader sees;
 *   - unsubscribe: unsubscribing only — in the `List-Unsubscribe` header, which mail providers
 *     receive and fetch (RFC 8058): it opens nothing else.
 * Links made before purposes existed (signed over `newsletter:<id>`) were also sent to providers,
 * so they now unsubscribe only.
 */
export type SubscriberLinkPurpose = 'manage' | 'unsubscribe';

const sign = (secret: string, message: string) => createHmac('sha256', secret).update(message).digest('base64url').slice(0, 32);
const signature = (secret: string, id: string, purpose: SubscriberLinkPurpose) => sign(secret, `newsletter:${purpose}:${id}`);
const legacySignature = (secret: string, id: string) => sign(secret, `newsletter:${id}`);

export function subscriberToken(secret: string, subscriptionId: string, purpose: SubscriberLinkPurpose = 'manage'): string {
  return `${subscriptionId}.${signature(secret, subscriptionId, purpose)}`;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** What a token allows, and for which subscription; null when it was not made with this secret. */
export function verifySubscriberToken(secret: string, token: string): { id: string; purpose: SubscriberLinkPurpose } | null {
  const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([\w-]{32})$/.exec(token);
  if (!m) return null;
  const [, id, given] = m as unknown as [string, string, string];
  if (same(signature(secret, id, 'manage'), given)) return { id, purpose: 'manage' };
  if (same(signature(secret, id, 'unsubscribe'), given) || same(legacySignature(secret, id), given)) return { id, purpose: 'unsubscribe' };
  return null;
}
