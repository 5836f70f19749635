import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp, type TestApp } from '../../testing/app.js';
import { pdfText } from '../../testing/pdf.js';
import { gate } from '../../testing/pdf-renderers.js';
import { closePdfPool, configurePdfPool, pdfPool, renderPdf } from '../../platform/pdf/pool.js';
import { openMeeting } from './factories.js';
import { register } from './registration.js';

/** Letters and badges under load: drawn once per content, refused politely when asked too often or when the PDF workers are full. */

let t: TestApp;
let meetingId: string;
let people = 0;
beforeAll(async () => {
  t = await testApp();
  meetingId = await openMeeting(t.db, { slug: 'forum', title: { en: 'Alliance Forum' }, capacity: 20, letterSignatoryName: 'Élise Moreau' });
});
afterAll(() => t.close());

/** A confirmed participant who gave a passport name: their private link. */
async function confirmedLink(passportName: string): Promise<string> {
  const n = ++people;
  const who = { email: `p${n}@example.org`, name: `Person ${n}`, organization: 'Escuela 12', country: 'BO', locale: 'en' as const, answers: { passportName } };
  const r = await register(t.db, { meetingId, categorySlug: 'practitioner', who, baseUrl: t.config.baseUrl });
  if (!r.ok || r.repeat || r.status !== 'confirmed') throw new Error('not registered');
  return `/en/meetings/forum/registration/${r.manageToken}`;
}

const letter = (link: string, lang: string, remoteAddress?: string) => t.app.inject({ method: 'GET', url: `${link}/letter.pdf?lang=${lang}`, remoteAddress });

describe('invitation letters', () => {
  it('come out the same, byte for byte, when asked again — drawn once, then from the cache', async () => {
    const link = await confirmedLink('HADDAD Amina');
    const drawnBefore = pdfPool().stats.rendered;
    const first = await letter(link, 'ar');
    const second = await letter(link, 'ar');
    expect(first.statusCode).toBe(200);
    expect((await pdfText(first.rawPayload))[0]).toContain('HADDAD Amina');
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(pdfPool().stats.rendered - drawnBefore).toBe(1);
    // Drawn again from scratch (as after a restart, or by another instance): still the same file.
    await closePdfPool();
    const redrawn = await letter(link, 'ar');
    expect(pdfPool().stats.rendered).toBe(1);
    expect(redrawn.rawPayload.equals(first.rawPayload)).toBe(true);
  });

  it('are refused (429, the "too many attempts" page) after 10 for one link within 10 minutes; another link still works', async () => {
    const link = await confirmedLink('QUISPE Ana');
    for (let i = 0; i < 10; i++) expect((await letter(link, i % 2 ? 'en' : 'fr')).statusCode).toBe(200);
    const refused = await letter(link, 'en');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toContain('Too many attempts');
    expect((await letter(await confirmedLink('MENSAH Kofi'), 'en')).statusCode).toBe(200);
  });

  it('are refused (429) after 30 within a minute from one client address, whatever the link', async () => {
    const address = '203.0.113.7';
    const links = [await confirmedLink('A ONE'), await confirmedLink('B TWO'), await confirmedLink('C THREE')];
    for (const link of links) for (let i = 0; i < 10; i++) expect((await letter(link, 'en', address)).statusCode).toBe(200);
    const fourth = await confirmedLink('D FOUR');
    expect((await letter(fourth, 'en', address)).statusCode).toBe(429);
    expect((await letter(fourth, 'en', '203.0.113.8')).statusCode).toBe(200);
  });

  it('answer 503 with Retry-After and a "server is busy" page while the PDF workers and their queue are full', async () => {
    const link = await confirmedLink('PETROV Ivan');
    await configurePdfPool({ size: 1, maxWaiting: 0 });
    // The only worker is kept busy by a job that waits for the gate.
    const g = gate();
    const busy = renderPdf({ module: new URL('../../testing/pdf-renderers.ts', import.meta.url).href, kind: 'blocked', input: { label: 'busy', gate: g.path } });
    try {
      const refused = await letter(link, 'ru');
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('10');
      expect(refused.body).toContain('The server is busy');
    } finally {
      g.release();
      await busy;
      await configurePdfPool({});
    }
    expect((await letter(link, 'ru')).statusCode).toBe(200);
  });
});

describe('badges', () => {
  it('are refused (429) after 30 sheets within a minute for one person of the Secretariat; a colleague still prints', async () => {
    const [ana, ben] = [await signedIn(t, { email: 'ana@example.org', roles: ['secretariat'] }), await signedIn(t, { email: 'ben@example.org', roles: ['secretariat'] })];
    const badges = (cookie: string) => t.app.inject({ method: 'GET', url: '/en/admin/meetings/forum/badges.pdf', headers: { cookie } });
    for (let i = 0; i < 30; i++) expect((await badges(ana)).statusCode).toBe(200);
    const refused = await badges(ana);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many attempts');
    expect((await badges(ben)).statusCode).toBe(200);
  });
});
