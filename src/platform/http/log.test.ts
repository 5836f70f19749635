import { describe, expect, it } from 'vitest';
import { newToken } from '../auth/tokens.js';
import { redactText, redactUrl, REDACTED } from './log.js';

const token = newToken();

describe('what the request log says of a URL', () => {
  it('hides the token of every kind of private link, found by its route parameter or by its look', () => {
    expect(redactUrl(`/en/sign-in/link/${token}`)).toBe(`/en/sign-in/link/${REDACTED}`);
    expect(redactUrl(`/fr/apply/confirm/${token}`)).toBe(`/fr/apply/confirm/${REDACTED}`);
    expect(redactUrl(`/es/meetings/annual-2027/registration/${token}/letter.pdf?lang=ar`)).toBe(`/es/meetings/annual-2027/registration/${REDACTED}/letter.pdf?lang=ar`);
    const sub = `3f1c2b7e-2f0a-4b8e-9a53-0c7d1e2f3a4b.${newToken().slice(0, 32)}`; // a subscriber's signed link
    expect(redactUrl(`/ru/newsletter/preferences/${sub}`)).toBe(`/ru/newsletter/preferences/${REDACTED}`);
    // A token with no capital letter is still hidden when the route says it is one.
    expect(redactUrl('/en/apply/abcdefghijklmnopqrstuvwxyz0123456789abcdefg', { token: 'abcdefghijklmnopqrstuvwxyz0123456789abcdefg' })).toBe(`/en/apply/${REDACTED}`);
  });

  it('keeps what is not secret: slugs, ids, static files, the page number', () => {
    expect(redactUrl('/en/meetings/building-bridges-to-transform-learning-2027')).toBe('/en/meetings/building-bridges-to-transform-learning-2027');
    expect(redactUrl('/en/admin/members/3f1c2b7e-2f0a-4b8e-9a53-0c7d1e2f3a4b?page=2')).toBe('/en/admin/members/3f1c2b7e-2f0a-4b8e-9a53-0c7d1e2f3a4b?page=2');
    expect(redactUrl('/static/bridges.3f9a0c1d2e4b5a6c.css')).toBe('/static/bridges.3f9a0c1d2e4b5a6c.css');
  });

  it('hides query values that may name a person or carry a secret, and cuts a long URL', () => {
    expect(redactUrl('/en/members?q=Aminata%20Sow&page=3')).toBe(`/en/members?q=${REDACTED}&page=3`);
    expect(redactUrl(`/en/x?token=${token}&next=/en/account`)).toBe(`/en/x?token=${REDACTED}&next=${REDACTED}`);
    expect(redactUrl(`/en/members?${'a'.repeat(5000)}`).length).toBeLessThanOrEqual(301);
  });

  it('hides tokens quoted in an error message', () => {
    expect(redactText(`GET /en/registration/${token} failed`)).toBe(`GET /en/registration/${REDACTED} failed`);
    expect(redactText('relation "meeting_registrations" does not exist')).toBe('relation "meeting_registrations" does not exist');
  });
});
