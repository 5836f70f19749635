import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { LOCALES } from '../i18n/locales.js';
import { checkPurposes, isReplyRecipient, readReplyAddress, replyAddress, replyAddressFor, type ReplyToken } from './reply-tokens.js';

const SECRET = 'a-secret-that-is-long-enough-for-tests-0123';
const DOMAIN = 'bridges.example.org';
const NOW = new Date('2026-03-01T12:00:00Z');
const PURPOSES = ['consultation', 'test'];
const token: ReplyToken = {
  purpose: 'consultation',
  ref: '0b6a1f3e-5c2d-4e8f-9a7b-1c2d3e4f5a6b',
  address: 'Amina.Diallo@Example.org',
  locale: 'fr',
  expiresAt: new Date('2026-04-01T00:00:00Z'),
};
const read = (address: string, sender = 'amina.diallo@example.org', now = NOW) => readReplyAddress(SECRET, address, sender, now, PURPOSES);

describe('reply addresses', () => {
  it('read back what they were made for, from the recipient’s address, whatever its case', () => {
    const address = replyAddress(SECRET, DOMAIN, token);
    expect(read(address)).toEqual({ status: 'ok', purpose: 'consultation', ref: token.ref, locale: 'fr' });
    expect(read(address, ' AMINA.DIALLO@EXAMPLE.ORG ')).toMatchObject({ status: 'ok' });
    expect(read(address.toUpperCase())).toMatchObject({ status: 'ok', ref: token.ref });
    expect(read(`<${address}>`)).toMatchObject({ status: 'ok' });
  });

  it('fit in a mailbox name (64 characters) of lower-case letters and digits only, without the address in it', () => {
    const address = replyAddress(SECRET, DOMAIN, { ...token, purpose: 'a-rather-long-purpose-name-of-forty-char' });
    const local = address.slice(0, address.indexOf('@'));
    expect(local.length).toBeLessThanOrEqual(64);
    expect(local).toMatch(/^reply\+[a-z2-7]+$/);
    expect(address.endsWith(`@${DOMAIN}`)).toBe(true);
    expect(address.toLowerCase()).not.toContain('amina');
  });

  it('carry every language of the site and any UUID', () => {
    for (const locale of LOCALES) expect(read(replyAddress(SECRET, DOMAIN, { ...token, locale }))).toMatchObject({ status: 'ok', locale });
    for (const ref of ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '01890A5D-AC96-774B-BCCE-B302099A8057']) {
      expect(read(replyAddress(SECRET, DOMAIN, { ...token, ref }))).toMatchObject({ status: 'ok', ref: ref.toLowerCase() });
    }
  });

  it('say "wrong sender" when a genuine address is answered from another address', () => {
    const address = replyAddress(SECRET, DOMAIN, token);
    expect(read(address, 'colleague@example.org')).toEqual({ status: 'wrong-sender', purpose: 'consultation' });
    expect(read(address, '')).toEqual({ status: 'wrong-sender', purpose: 'consultation' });
  });

  it('say "unknown" for a changed, cut or made-up address, another secret or a purpose not handled', () => {
    const address = replyAddress(SECRET, DOMAIN, token);
    const local = address.slice(0, address.indexOf('@'));
    // Every single character changed, one at a time: none reads as genuine.
    for (let i = 'reply+'.length; i < local.length; i++) {
      const changed = local.slice(0, i) + (local[i] === 'a' ? 'b' : 'a') + local.slice(i + 1);
      expect(['unknown', 'wrong-sender'], `character ${i}`).toContain(read(`${changed}@${DOMAIN}`).status);
      expect(read(`${changed}@${DOMAIN}`).status, `character ${i}`).not.toBe('ok');
    }
    expect(read(`${local.slice(0, -1)}@${DOMAIN}`)).toEqual({ status: 'unknown' });
    expect(read(`${local}a@${DOMAIN}`)).toEqual({ status: 'unknown' });
    expect(read(`reply+${'a'.repeat(56)}@${DOMAIN}`)).toEqual({ status: 'unknown' });
    expect(read(`reply+${'1'.repeat(56)}@${DOMAIN}`)).toEqual({ status: 'unknown' });
    expect(read(`someone@${DOMAIN}`)).toEqual({ status: 'unknown' });
    expect(read('')).toEqual({ status: 'unknown' });
    expect(readReplyAddress('another-secret-that-is-long-enough-0123', address, 'amina.diallo@example.org', NOW, PURPOSES)).toEqual({ status: 'unknown' });
    expect(readReplyAddress(SECRET, address, 'amina.diallo@example.org', NOW, ['test'])).toEqual({ status: 'unknown' });
  });

  it('bind the purpose: an address made for one purpose does not read as another, even one with the same code', () => {
    const address = replyAddress(SECRET, DOMAIN, { ...token, purpose: 'test' });
    expect(read(address)).toMatchObject({ status: 'ok', purpose: 'test' });
    expect(readReplyAddress(SECRET, address, 'amina.diallo@example.org', NOW, ['consultation'])).toEqual({ status: 'unknown' });
    const [a, b] = collidingPurposes();
    const forA = replyAddress(SECRET, DOMAIN, { ...token, purpose: a });
    expect(readReplyAddress(SECRET, forA, 'amina.diallo@example.org', NOW, [a])).toMatchObject({ status: 'ok', purpose: a });
    expect(readReplyAddress(SECRET, forA, 'amina.diallo@example.org', NOW, [b])).toEqual({ status: 'unknown' });
  });

  it('expire at the first midnight (UTC) at or after their expiry, and say so only to the right sender', () => {
    const address = replyAddress(SECRET, DOMAIN, { ...token, expiresAt: new Date('2026-03-01T09:30:00Z') });
    expect(read(address, undefined, new Date('2026-03-01T23:59:59Z'))).toMatchObject({ status: 'ok' });
    expect(read(address, undefined, new Date('2026-03-02T00:00:00Z'))).toEqual({ status: 'expired', purpose: 'consultation', ref: token.ref, locale: 'fr' });
    expect(read(address, 'colleague@example.org', new Date('2026-03-02T00:00:00Z'))).toMatchObject({ status: 'wrong-sender' });
  });

  it('refuse what a token cannot carry', () => {
    expect(() => replyAddress(SECRET, DOMAIN, { ...token, purpose: 'Consultation' })).toThrow(RangeError);
    expect(() => replyAddress(SECRET, DOMAIN, { ...token, purpose: '' })).toThrow(RangeError);
    expect(() => replyAddress(SECRET, DOMAIN, { ...token, ref: 'not-a-uuid' })).toThrow(RangeError);
    expect(() => replyAddress(SECRET, DOMAIN, { ...token, locale: 'de' as never })).toThrow(RangeError);
    expect(() => replyAddress(SECRET, DOMAIN, { ...token, expiresAt: new Date('2200-01-01') })).toThrow(RangeError);
  });

  it('are recognised by their form at the domain only', () => {
    const address = replyAddress(SECRET, DOMAIN, token);
    expect(isReplyRecipient(address, DOMAIN)).toBe(true);
    expect(isReplyRecipient(address.toUpperCase(), DOMAIN)).toBe(true);
    expect(isReplyRecipient(address, 'other.example.org')).toBe(false);
    expect(isReplyRecipient(`postmaster@${DOMAIN}`, DOMAIN)).toBe(false);
    expect(isReplyRecipient('reply+x', DOMAIN)).toBe(false);
  });

  it('check purposes: valid names with codes of their own', () => {
    expect(() => checkPurposes(['consultation', 'test'])).not.toThrow();
    expect(() => checkPurposes(['Consultation'])).toThrow(/lower-case/);
    // Two names whose codes collide: refused at start rather than misread later.
    const pair = collidingPurposes();
    expect(() => checkPurposes(pair)).toThrow(/share a code/);
  });

  it('are made with the configured secret and domain: the host of BASE_URL unless INBOUND_MAIL_DOMAIN is set', () => {
    const config = loadConfig({ BASE_URL: 'https://Alliance.example:8443/', SESSION_SECRET: SECRET });
    expect(config.inboundMailDomain).toBe('alliance.example');
    const address = replyAddressFor(config, token);
    expect(address).toMatch(/^reply\+[a-z2-7]{56}@alliance\.example$/);
    expect(read(address)).toMatchObject({ status: 'ok' });
    expect(loadConfig({ INBOUND_MAIL_DOMAIN: 'Replies.Alliance.example' }).inboundMailDomain).toBe('replies.alliance.example');
    expect(() => loadConfig({ INBOUND_MAIL_DOMAIN: 'not a domain' })).toThrow(/INBOUND_MAIL_DOMAIN/);
    expect(() => loadConfig({ INBOUND_SMTP_PORT: 'twenty-five' })).toThrow(/INBOUND_SMTP_PORT/);
    expect(loadConfig({ INBOUND_SMTP_PORT: '2525' })).toMatchObject({ inboundSmtpPort: 2525, inboundSmtpHost: '0.0.0.0' });
    expect(loadConfig({}).inboundSmtpPort).toBeUndefined();
  });
});

/** Two purpose names whose codes in a token are the same (found by search: the code has 16 bits). */
function collidingPurposes(): [string, string] {
  const byCode = new Map<string, string>();
  for (let i = 0; ; i++) {
    const name = `p${i}`;
    const code = createHash('sha256').update(name).digest('hex').slice(0, 4);
    const other = byCode.get(code);
    if (other) return [other, name];
    byCode.set(code, name);
  }
}
