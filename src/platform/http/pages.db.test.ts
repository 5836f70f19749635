import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/locales.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { seedDemo } from '../../seed.js';
import { PUBLIC_PAGES } from '../../testing/pages.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.db, t.config);
});
afterAll(() => t.close());

describe('public pages', () => {
  for (const locale of LOCALES) {
    it(`every public page answers in ${locale}, with lang and dir, one h1 and a language switcher`, async () => {
      for (const path of PUBLIC_PAGES) {
        const res = await t.app.inject({ method: 'GET', url: `/${locale}${path}` });
        expect(res.statusCode, `/${locale}${path}`).toBe(200);
        expect(res.body).toMatch(new RegExp(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`));
        expect(res.body.match(/<h1[ >]/g)).toHaveLength(1);
        expect(res.body).toContain('class="skip-link" href="#main"');
        for (const other of LOCALES) expect(res.body).toContain(`hreflang="${other}" href="/${other}${path}"`);
      }
    });
  }

  it('home shows the alliance, its working groups, its meeting and the join and subscribe links', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fr' });
    expect(res.body).toContain('Alliance mondiale pour la science de l’apprentissage');
    expect(res.body).toContain('Apprentissages fondamentaux');
    // The next meeting, whose dates the demo counts from the day it is loaded.
    expect(res.body).toMatch(/Jeter des ponts \d{4} : des preuves à chaque classe/);
    expect(res.body).toContain('href="/fr/join"');
    expect(res.body).toContain('href="/fr/subscribe"');
  });

  it('shows the meeting in its own time zone, and content not yet translated in its original language with a hint', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ru/meetings/building-bridges-2024' });
    expect(res.body).toContain('Europe/Paris');
    expect(res.body).toMatch(/09:00/);
    expect(res.body).toContain('<h1 lang="en"><span>Building Bridges to Transform Learning</span>');
    expect(res.body).toContain('class="untranslated"');
    // On an Arabic page, English text keeps its left-to-right direction.
    const ar = await t.app.inject({ method: 'GET', url: '/ar/meetings/building-bridges-2024' });
    expect(ar.body).toContain('<h1 lang="en" dir="ltr"><span>Building Bridges to Transform Learning</span>');
  });

  it('sends an address without a language to the reader’s language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/about', headers: { 'accept-language': 'es-MX,es;q=0.9' } });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/es/about');
    const root = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'zh-CN' } });
    expect(root.headers.location).toBe('/zh');
  });

  it('remembers the last language read, ahead of Accept-Language', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/ar/about' });
    const lang = page.cookies.find((c) => c.name === 'bridges_lang');
    expect(lang?.value).toBe('ar');
    const root = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: 'bridges_lang=ar', 'accept-language': 'fr' } });
    expect(root.headers.location).toBe('/ar');
  });

  it('answers an unknown page with a 404 page in the reader’s language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fr/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('lang="fr"');
    const unknownLocale = await t.app.inject({ method: 'GET', url: '/xx/meetings' });
    expect(unknownLocale.statusCode).toBe(302);
    expect((await t.app.inject({ method: 'GET', url: unknownLocale.headers.location as string })).statusCode).toBe(404);
  });

  it('sends security headers: strict CSP without inline script, frame and referrer rules', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined(); // plain http here
    expect(res.body).not.toMatch(/<script(?![^>]*\ssrc=)/); // no inline script
  });

  it('sends HSTS and Secure cookies behind https', async () => {
    const https = await testApp({ BASE_URL: 'https://alliance.example' });
    try {
      const res = await https.app.inject({ method: 'GET', url: '/en/sign-in' });
      expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
      for (const c of res.cookies) expect(c.secure, c.name).toBe(true);
      for (const c of res.cookies) expect(c.sameSite, c.name).toBe('Lax');
    } finally {
      await https.close();
    }
  });

  it('compresses pages and serves hashed static files with a long cache', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers['content-encoding']).toBe('br');
    const plain = await t.app.inject({ method: 'GET', url: '/en' });
    const css = plain.body.match(/href="(\/static\/bridges\.[0-9a-f]{10}\.css)"/)![1]!;
    const asset = await t.app.inject({ method: 'GET', url: css, headers: { 'accept-encoding': 'gzip' } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect((await t.app.inject({ method: 'GET', url: '/static/bridges.0000000000.css' })).statusCode).toBe(404);
  });

  it('reports health with the database reachable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});
