import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/locales.js';
import { signedIn, testApp, type TestApp } from '../../testing/app.js';
import { PUBLIC_PAGES } from '../../testing/pages.js';
import { translatableKinds } from '../catalog.js';
import { translationCounts } from '../translations/service.js';
import { actorByEmail } from '../auth/service.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({}, { demo: true });
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
        // Its own address and the same page in every language, absolute, and the address that picks the reader's language.
        expect(res.body).toContain(`<link rel="canonical" href="${t.config.baseUrl}/${locale}${path}"/>`);
        for (const other of LOCALES) expect(res.body).toContain(`<link rel="alternate" hreflang="${other}" href="${t.config.baseUrl}/${other}${path}"/>`);
        expect(res.body).toContain(`<link rel="alternate" hreflang="x-default" href="${t.config.baseUrl}${path || '/'}"/>`);
        expect(res.body, `/${locale}${path}`).toMatch(/<meta name="description" content="[^"]{20,}"\/>/);
      }
    });
  }

  it('describes each page by its own text in the reader’s language, and other pages by the site’s tagline', async () => {
    const description = async (url: string) => (await t.app.inject({ method: 'GET', url })).body.match(/<meta name="description" content="([^"]*)"\/>/)?.[1];
    // A meeting: the first words of its own description, cut at a word, within 160 characters.
    const meeting = await description('/en/meetings/building-bridges-2024');
    expect(meeting).toMatch(/^The Alliance’s annual meeting: keynotes, panels .+\w…$/);
    expect(meeting!.length).toBeLessThanOrEqual(160);
    const tagline = 'Researchers, policymakers and practitioners turning the science of learning into better teaching.';
    expect(meeting).not.toBe(tagline);
    // The same meeting in French is described in French, a working group by its summary, the directory by its introduction.
    expect(await description('/fr/meetings/building-bridges-2024')).not.toBe(meeting);
    expect(await description('/en/working-groups/foundational-learning')).not.toBe(tagline);
    expect(await description('/en/members')).toBe('Institutions and people who are members of the Alliance and chose to be listed. Each shows only what it chose to make public.');
    expect(await description('/en/meetings')).toMatch(/^Meetings of .+: .*Building Bridges/);
    // A page with no text of its own: the tagline, in the reader's language.
    expect(await description('/en/sign-in')).toBe(tagline);
    expect(await description('/es/sign-in')).toBe('Investigadores, responsables de políticas y docentes que convierten la ciencia del aprendizaje en una mejor enseñanza.');
  });

  it('names no canonical address or languages on an error page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fr/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('rel="canonical"');
    expect(res.body).not.toContain('hreflang="x-default"');
  });

  it('links an SVG favicon, a home-screen icon and a web app manifest named after the site, with its icons and theme colour', async () => {
    const page = (await t.app.inject({ method: 'GET', url: '/fr' })).body;
    const icon = page.match(/<link rel="icon" href="(\/static\/icon\.[0-9a-f]{10}\.svg)" type="image\/svg\+xml"\/>/)?.[1];
    const touch = page.match(/<link rel="apple-touch-icon" href="(\/static\/apple-touch-icon\.[0-9a-f]{10}\.png)"\/>/)?.[1];
    expect(icon).toBeDefined();
    expect(touch).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: icon! })).headers['content-type']).toBe('image/svg+xml');
    const png = await t.app.inject({ method: 'GET', url: touch! });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.readUInt32BE(16)).toBe(180); // the PNG's width

    expect(page).toContain('<link rel="manifest" href="/manifest.webmanifest?lang=fr"/>');
    const res = await t.app.inject({ method: 'GET', url: '/manifest.webmanifest?lang=fr' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/manifest+json');
    const manifest = res.json();
    expect(manifest.name).toBe('Alliance mondiale pour la science de l’apprentissage au service de l’éducation');
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.start_url).toBe('/fr');
    expect(manifest.theme_color).toBe('#073763');
    expect(page).toContain('<meta name="theme-color" content="#073763"/>');
    const sizes: string[] = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['any', '192x192', '512x512']));
    for (const i of manifest.icons as { src: string; sizes: string }[]) {
      const file = await t.app.inject({ method: 'GET', url: i.src });
      expect(file.statusCode, i.src).toBe(200);
      if (i.sizes !== 'any') expect(file.rawPayload.readUInt32BE(16), i.src).toBe(Number(i.sizes.split('x')[0]));
    }
    // Without a language: the site's own.
    expect((await t.app.inject({ method: 'GET', url: '/manifest.webmanifest' })).json().lang).toBe('en');
  });

  it('home shows the alliance, its working groups, its meeting and the join and subscribe links', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fr' });
    expect(res.body).toContain('Alliance mondiale pour la science de l’apprentissage');
    expect(res.body).toContain('Apprentissages fondamentaux');
    // The next meeting, whose dates the demo counts from the day it is loaded.
    expect(res.body).toMatch(/Jeter des ponts \d{4} : des preuves à chaque classe/);
    expect(res.body).toContain('href="/fr/join"');
    expect(res.body).toContain('href="/fr/subscribe"');
  });

  it('ships every text of the demo in all six languages: nothing missing or outdated on the translation screen', async () => {
    await signedIn(t, { email: 'translations@example.org', roles: ['secretariat'] });
    const counts = await translationCounts(t.db, await actorByEmail(t.db, 'translations@example.org'), translatableKinds());
    for (const locale of LOCALES) expect(counts[locale], locale).toMatchObject({ missing: 0, outdated: 0 });
  });

  it('shows the meeting in its own time zone, in the reader’s language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ru/meetings/building-bridges-2024' });
    expect(res.body).toContain('Europe/Paris');
    expect(res.body).toMatch(/09:00/);
    expect(res.body).toContain('<h1><bdi>Наводя мосты ради преобразования обучения</bdi>');
    expect(res.body).not.toContain('class="untranslated"');
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
