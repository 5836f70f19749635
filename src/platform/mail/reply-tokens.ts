import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Locale } from '../i18n/locales.js';

/**
 * Reply addresses: `reply+TOKEN@DOMAIN`, put on e-mails a person may answer by replying (a report
 * sent section by section). The token says what a reply is about and is signed with the server's
 * secret, so nothing is stored per address and a made-up address is refused.
 *
 * The token is 35 bytes written in lower-case base32 (RFC 4648 letters, no padding): 56 letters
 * and digits 2–7, so `reply+` and the token make 62 characters, within the 64 a mailbox name may
 * have, and a mail server that changes the case of the address changes nothing.
 *
 *   byte  0       format version (high four bits, 0) and the recipient's language (low four bits)
 *   bytes 1–2     the last day the address works: days since 1970-01-01 (UTC), up to the year 2149
 *   bytes 3–4     the purpose's code: the first two bytes of the SHA-256 of its name
 *   bytes 5–20    the reference (a UUID)
 *   bytes 21–30   the seal: HMAC-SHA256 over all of the above, the purpose's name and the
 *                 recipient's address (lower-cased), cut to 80 bits. A reply is acted on only when
 *                 the seal matches the sender's address, so the address is bound without being
 *                 written in the token.
 *   bytes 31–34   the check: HMAC-SHA256 over the same without the address, cut to 32 bits. It
 *                 only tells a genuine address answered from another address ("wrong sender")
 *                 from a made-up or damaged one ("unknown"); it never lets a reply through.
 *
 * The purpose is carried as a code rather than its name because the name does not fit: 128 bits
 * of reference and 80 of seal leave room for about eight letters, and "consultation" has twelve.
 * So reading an address needs the list of purposes the app handles; two purposes with the same
 * code are refused when that list is checked (`checkPurposes`). Both checksums are over the full
 * name, so a purpose with a colliding code still cannot read another's addresses.
 *
 * Rotating SESSION_SECRET invalidates every reply address sent before.
 */

/** What a reply address stands for. */
export interface ReplyToken {
  /** What replies are for: the name of the handler that receives them (lower-case letters, digits and hyphens). */
  purpose: string;
  /** The thing replied to, for that handler (a UUID). */
  ref: string;
  /** The one address replies are accepted from: the e-mail's recipient. Not written in the token. */
  address: string;
  /** The recipient's language, for what the app writes back. */
  locale: Locale;
  /** When the address stops working; rounded up to the next midnight UTC. */
  expiresAt: Date;
}

/** What a reply address says about a reply sent to it. */
export type ReplyAddressStatus =
  | { status: 'ok'; purpose: string; ref: string; locale: Locale }
  | { status: 'expired'; purpose: string; ref: string; locale: Locale }
  | { status: 'wrong-sender'; purpose: string }
  | { status: 'unknown' };

/** The mailbox name every reply address starts with. */
export const REPLY_PREFIX = 'reply+';

/** Languages by their number in the token. Fixed for good: a token made today must read the same after any change to the site's language list. */
const TOKEN_LOCALES = ['en', 'fr', 'es', 'ar', 'zh', 'ru'] as const satisfies readonly Locale[];
const VERSION = 0;
const DAY_MS = 86_400_000;
const SEAL_BYTES = 10;
const CHECK_BYTES = 4;
const BODY_BYTES = 21;
const TOKEN_BYTES = BODY_BYTES + SEAL_BYTES + CHECK_BYTES;
const TOKEN_CHARS = (TOKEN_BYTES * 8) / 5;
const PURPOSE = /^[a-z][a-z0-9-]{0,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Makes the reply address for one recipient of one e-mail. Throws on a purpose, reference or expiry the token cannot carry. */
export function replyAddress(secret: string, domain: string, token: ReplyToken): string {
  if (!PURPOSE.test(token.purpose)) throw new RangeError(`A reply purpose is lower-case letters, digits and hyphens, starting with a letter: "${token.purpose}"`);
  if (!UUID.test(token.ref)) throw new RangeError(`A reply reference is a UUID: "${token.ref}"`);
  const localeIndex = TOKEN_LOCALES.indexOf(token.locale as (typeof TOKEN_LOCALES)[number]);
  if (localeIndex < 0) throw new RangeError(`Not a language of the site: "${token.locale}"`);
  const day = Math.ceil(token.expiresAt.getTime() / DAY_MS);
  if (!(day >= 0 && day <= 0xffff)) throw new RangeError('A reply address expires between 1970 and 2149');

  const body = Buffer.alloc(BODY_BYTES);
  body[0] = (VERSION << 4) | localeIndex;
  body.writeUInt16BE(day, 1);
  purposeCode(token.purpose).copy(body, 3);
  Buffer.from(token.ref.replace(/-/g, ''), 'hex').copy(body, 5);
  const raw = Buffer.concat([body, seal(secret, body, token.purpose, token.address), check(secret, body, token.purpose)]);
  return `${REPLY_PREFIX}${base32(raw)}@${domain.toLowerCase()}`;
}

/**
 * Reads the reply address a message was sent to, for the message's sender, at `now`. `purposes`
 * are the purposes the app handles (the token carries a code, not the name). Only "ok" may be
 * acted on; "expired" is genuine and from the right sender, but late.
 */
export function readReplyAddress(secret: string, recipient: string, sender: string, now: Date, purposes: Iterable<string>): ReplyAddressStatus {
  const raw = tokenOf(recipient);
  if (!raw) return { status: 'unknown' };
  const body = raw.subarray(0, BODY_BYTES);
  const givenSeal = raw.subarray(BODY_BYTES, BODY_BYTES + SEAL_BYTES);
  const givenCheck = raw.subarray(BODY_BYTES + SEAL_BYTES);
  const locale = TOKEN_LOCALES[body[0]! & 0x0f];
  if (body[0]! >> 4 !== VERSION || !locale) return { status: 'unknown' };

  const code = body.subarray(3, 5);
  const purpose = [...purposes].find((p) => purposeCode(p).equals(code) && same(check(secret, body, p), givenCheck));
  if (!purpose) return { status: 'unknown' };
  if (!same(seal(secret, body, purpose, sender), givenSeal)) return { status: 'wrong-sender', purpose };

  const hex = body.subarray(5, 21).toString('hex');
  const ref = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expired = now.getTime() >= body.readUInt16BE(1) * DAY_MS;
  return { status: expired ? 'expired' : 'ok', purpose, ref, locale };
}

/** The reply address for a recipient with this instance's secret and mail domain (INBOUND_MAIL_DOMAIN): what modules put in Reply-To. */
export function replyAddressFor(config: Pick<Config, 'sessionSecret' | 'inboundMailDomain'>, token: ReplyToken): string {
  return replyAddress(config.sessionSecret, config.inboundMailDomain, token);
}

/** True for an address in the reply form at this domain, whatever its case (checked before a message is taken in). */
export function isReplyRecipient(recipient: string, domain: string): boolean {
  const at = recipient.lastIndexOf('@');
  return at > 0 && recipient.slice(0, at).toLowerCase().startsWith(REPLY_PREFIX) && recipient.slice(at + 1).toLowerCase() === domain.toLowerCase();
}

/** Throws unless every purpose is a valid name with a code of its own: the listener checks its handlers with this at start. */
export function checkPurposes(purposes: Iterable<string>): void {
  const seen = new Map<string, string>();
  for (const p of purposes) {
    if (!PURPOSE.test(p)) throw new Error(`Reply purpose "${p}": use lower-case letters, digits and hyphens, starting with a letter`);
    const code = purposeCode(p).toString('hex');
    const other = seen.get(code);
    if (other) throw new Error(`Reply purposes "${other}" and "${p}" share a code in reply addresses: rename one`);
    seen.set(code, p);
  }
}

const purposeCode = (purpose: string) => createHash('sha256').update(purpose).digest().subarray(0, 2);

const normalized = (address: string) => address.trim().toLowerCase();

function seal(secret: string, body: Buffer, purpose: string, address: string): Buffer {
  return createHmac('sha256', secret).update('bridges.reply-address.seal\0').update(body).update(`${purpose}\0${normalized(address)}`).digest().subarray(0, SEAL_BYTES);
}

function check(secret: string, body: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update('bridges.reply-address.check\0').update(body).update(purpose).digest().subarray(0, CHECK_BYTES);
}

const same = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** The token's bytes from a recipient address (angle brackets and case aside), or null when it is not one of ours. */
function tokenOf(recipient: string): Buffer | null {
  const address = recipient.trim().replace(/^<|>$/g, '').toLowerCase();
  const local = address.slice(0, address.lastIndexOf('@'));
  if (!local.startsWith(REPLY_PREFIX)) return null;
  const token = local.slice(REPLY_PREFIX.length);
  return token.length === TOKEN_CHARS ? unbase32(token) : null;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Lower-case base32 to bytes; null on any other character. Only whole bytes are kept (the token's length is a multiple of 40 bits). */
function unbase32(text: string): Buffer | null {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) return null;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}
