import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { hiddenFields, mergeCookies, signedIn, submitForm, testApp, type TestApp } from '../../testing/app.js';
import { PNG } from '../../testing/files.js';
import { auditLog } from '../../platform/audit/schema.js';
import { actorByEmail } from '../../platform/auth/service.js';
import { translatableKinds } from '../../platform/catalog.js';
import { translationOverview } from '../../platform/translations/service.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../seed.js';
import { seedSite } from './seed.js';
import { readPage, savePageTexts } from './service.js';

let t: TestApp;
let secretariat: string;

beforeAll(async () => {
  t = await testApp();
  await seedSite({ db: t.db, config: t.config });
  secretariat = await signedIn(t, { email: DEMO_SECRETARIAT_EMAIL, roles: ['secretariat'] });
});
afterAll(() => t.close());

const actor = async () => (await actorByEmail(t.db, DEMO_SECRETARIAT_EMAIL))!;
const audits = (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action));

describe('the site’s own pages, written by the Secretariat', () => {
  it('a page is edited in a language chosen on the form, not the interface’s: the French page shows it, English is untouched, the change is audited', async () => {
    const form = await t.app.inject({ url: '/en/admin/pages/about?language=fr', headers: { cookie: secretariat } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('lang="fr"'); // the text area is in French, on an English page
    expect(form.body).toContain('Edit the <bdi>Arabic</bdi> version');
    expect(form.body).toContain('Edit the <bdi>English</bdi> original');

    const saved = await submitForm(t, { page: '/en/admin/pages/about?language=fr', action: '/en/admin/pages/about', cookie: secretariat, fields: { title: 'Qui sommes-nous', body: 'Une alliance **mondiale**.' } });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/en/admin/pages/about?language=fr&notice=saved');
    const fr = await t.app.inject({ url: '/fr/about' });
    expect(fr.body).toContain('<h1><bdi>Qui sommes-nous</bdi></h1>');
    expect(fr.body).toContain('Une alliance <strong>mondiale</strong>.');
    expect(fr.body).not.toContain('(pas encore traduit)');
    expect((await t.app.inject({ url: '/en/about' })).body).toContain('About the Alliance');

    const [entry] = await audits('site.page.save');
    expect(entry!.targetId).toBe('about');
    expect(entry!.before).toMatchObject({ locale: 'fr', title: 'À propos de l’Alliance' });
    expect(entry!.after).toMatchObject({ locale: 'fr', title: 'Qui sommes-nous' });
  });

  it('a text too long comes back with what was typed and nothing saved; a preview shows the Markdown drawn and saves nothing', async () => {
    const long = 'x'.repeat(201);
    const bad = await submitForm(t, { page: '/en/admin/pages/about', action: '/en/admin/pages/about', cookie: secretariat, fields: { title: long, body: 'Kept *as typed*.' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Kept *as typed*.');
    expect(bad.body).toContain(long);
    const preview = await submitForm(t, { page: '/en/admin/pages/about', action: '/en/admin/pages/about', cookie: secretariat, fields: { title: 'Draft title', body: '## Draft\n\nNot saved yet.', _action: 'preview' } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<h2>Draft</h2>');
    expect(preview.body).toContain('Draft title'); // still in the form
    expect((await readPage(t.db, null, 'about'))!.title.en).toBe('About the Alliance');
  });

  it('a page the Secretariat adds is public at /pages/<slug>; its address is unique; removing it takes it off the site; the built-in pages cannot be removed', async () => {
    const made = await submitForm(t, { page: '/en/admin/pages', action: '/en/admin/pages', cookie: secretariat, fields: { slug: 'code-of-conduct', title: 'Code of conduct', body: 'Be kind.' } });
    expect(made.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/en/pages/code-of-conduct' })).body).toContain('Be kind.');
    expect((await t.app.inject({ url: '/en/admin/pages/code-of-conduct', headers: { cookie: secretariat } })).body).toContain('Add the <bdi>Arabic</bdi> version');
    // In Arabic it shows the English original, marked as not yet translated.
    const ar = await t.app.inject({ url: '/ar/pages/code-of-conduct' });
    expect(ar.body).toContain('lang="en" dir="ltr"');
    const again = await submitForm(t, { page: '/en/admin/pages', action: '/en/admin/pages', cookie: secretariat, fields: { slug: 'code-of-conduct', title: 'Other', body: 'Typed again.' } });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('A page already has this address');
    expect(again.body).toContain('Typed again.');
    expect((await submitForm(t, { page: '/en/admin/pages', action: '/en/admin/pages', cookie: secretariat, fields: { slug: 'about', title: 'Mine', body: '' } })).statusCode).toBe(422);

    await submitForm(t, { page: '/en/admin/pages/code-of-conduct', action: '/en/admin/pages/code-of-conduct/delete', cookie: secretariat, fields: {} });
    expect((await t.app.inject({ url: '/en/pages/code-of-conduct' })).statusCode).toBe(404);
    await submitForm(t, { page: '/en/admin/pages/privacy', action: '/en/admin/pages/privacy/delete', cookie: secretariat, fields: {}, forge: true });
    expect((await t.app.inject({ url: '/en/privacy' })).statusCode).toBe(200);
    expect((await audits('site.page.delete')).map((a) => a.targetId)).toEqual(['code-of-conduct']);
  });

  it('the privacy page says the built-in text until the Secretariat writes its own', async () => {
    expect((await t.app.inject({ url: '/fr/privacy' })).body).toContain('Nous ne recueillons que');
    await savePageTexts(t.db, await actor(), 'privacy', 'en', { title: 'Privacy notice', body: 'We keep **little**.' });
    const en = await t.app.inject({ url: '/en/privacy' });
    expect(en.body).toContain('We keep <strong>little</strong>.');
    expect(en.body).not.toContain('We collect only what each service needs');
  });
});

describe('site settings', () => {
  it('the name, tagline and footer are saved per language; a bad address or time zone comes back with what was typed', async () => {
    const page = '/en/admin/settings?language=es';
    const bad = await submitForm(t, { page, action: '/en/admin/settings', cookie: secretariat, fields: { name: 'Alianza', shortName: 'Alianza corta', tagline: '', footer: 'Pie', contactEmail: 'not-an-address', timeZone: 'Mars/Olympus' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Alianza corta"');
    expect(bad.body).toContain('value="not-an-address"');
    expect(bad.body).toContain('Enter a time zone such as Europe/Paris');

    const ok = await submitForm(t, { page, action: '/en/admin/settings', cookie: secretariat, fields: { name: 'Alianza Mundial', shortName: 'La Alianza', tagline: 'Lema', footer: 'Calle [Mayor](https://example.org/calle) 1', contactEmail: 'hola@alliance.example', timeZone: 'America/Bogota' } });
    expect(ok.statusCode).toBe(303);
    const es = await t.app.inject({ url: '/es/about' });
    expect(es.body).toContain('<span>La Alianza</span>');
    expect(es.body).toContain('<a href="https://example.org/calle" rel="noopener">Mayor</a>');
    expect(es.body).toContain('hola@alliance.example');
    // English keeps its own name.
    expect((await t.app.inject({ url: '/en/about' })).body).toContain('<span>Science of Learning Alliance</span>');
    const [entry] = await audits('site.settings');
    expect(entry!.after).toMatchObject({ locale: 'es', shortName: 'La Alianza', timeZone: 'America/Bogota' });
  });

  it('a logo must be an image; once uploaded it heads every page, and its route serves that image only', async () => {
    const upload = async (file: { name: string; type: string; data: Buffer }) => {
      const page = await t.app.inject({ url: '/en/admin/settings', headers: { cookie: secretariat } });
      const cookie = mergeCookies(secretariat, page);
      const form = new FormData();
      for (const [k, v] of Object.entries(hiddenFields(page.body, '/en/admin/settings'))) form.append(k, v);
      for (const [k, v] of Object.entries({ name: 'Global Alliance', shortName: 'Science of Learning Alliance', timeZone: 'Europe/Paris', contactEmail: 'alliance@alliance.example' })) form.append(k, v);
      form.append('logo', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
      const req = new Request('http://x/', { method: 'POST', body: form });
      return t.app.inject({ method: 'POST', url: '/en/admin/settings', headers: { cookie, 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(await req.arrayBuffer()) });
    };
    const refused = await upload({ name: 'logo.png', type: 'image/png', data: Buffer.from('<svg onload="alert(1)"/>') });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('The logo must be a PNG, JPEG or WebP image');
    expect((await upload({ name: 'logo.png', type: 'image/png', data: PNG })).statusCode).toBe(303);
    const home = await t.app.inject({ url: '/en/about' });
    const src = /<a class="site-name" href="\/en"><img src="([^"]+)"/.exec(home.body)?.[1];
    expect(src).toMatch(/^\/en\/site\/logo\/[0-9a-f]{32}$/);
    const logo = await t.app.inject({ url: src! });
    expect(logo.headers['content-type']).toBe('image/png');
    expect((await t.app.inject({ url: src!.replace(/[0-9a-f]{32}$/, '0'.repeat(32)) })).statusCode).toBe(404);
  });
});

describe('the translation screen', () => {
  it('an edit of the original marks its translations outdated; saving a translation brings it up to date; a blank one is missing', async () => {
    const who = await actor();
    const state = async (locale: 'fr' | 'ar' | 'zh') => {
      const { rows } = await translationOverview(t.db, who, translatableKinds(), { locale, kind: 'page', page: 1 });
      return rows.find((r) => r.item.id === 'home')?.state ?? 'current';
    };
    expect(await state('fr')).toBe('current');
    await savePageTexts(t.db, who, 'home', 'en', { body: 'A new introduction.' });
    expect(await state('fr')).toBe('outdated');
    expect(await state('zh')).toBe('outdated');

    const task = '/en/admin/translations/page/home/fr';
    const form = await t.app.inject({ url: task, headers: { cookie: secretariat } });
    expect(form.body).toContain('A new introduction.'); // the original beside the form
    expect(form.body).toContain('Outdated');
    const saved = await submitForm(t, { page: task, action: task, cookie: secretariat, fields: { body: 'Une nouvelle introduction.' } });
    expect(saved.headers.location).toBe('/en/admin/translations?language=fr&notice=saved');
    expect(await state('fr')).toBe('current');
    expect(await state('zh')).toBe('outdated');
    expect((await t.app.inject({ url: '/fr' })).body).toContain('Une nouvelle introduction.');

    await submitForm(t, { page: '/en/admin/translations/page/home/ar', action: '/en/admin/translations/page/home/ar', cookie: secretariat, fields: { body: '' } });
    expect(await state('ar')).toBe('missing');
    const ar = await t.app.inject({ url: '/ar' });
    expect(ar.body).toContain('A new introduction.');
    expect(ar.body).toContain('lang="en" dir="ltr"');

    const list = await t.app.inject({ url: '/en/admin/translations?language=ar&state=missing', headers: { cookie: secretariat } });
    expect(list.body).toContain('/en/admin/translations/page/home/ar');
  });

  it('a translation that is not text the form showed, or an item or language that does not exist, changes nothing', async () => {
    expect((await t.app.inject({ url: '/en/admin/translations/page/no-such-page/fr', headers: { cookie: secretariat } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/en/admin/translations/nothing/home/fr', headers: { cookie: secretariat } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/en/admin/translations/page/home/xx', headers: { cookie: secretariat } })).statusCode).toBe(404);
    // The home page has no title: a title sent for it is not written.
    await submitForm(t, { page: '/en/admin/translations/page/home/fr', action: '/en/admin/translations/page/home/fr', cookie: secretariat, fields: { body: 'Texte.', title: 'Injected' } });
    const home = await readPage(t.db, null, 'home');
    expect(home!.title.fr).toBeUndefined();
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'site.page.save'), eq(auditLog.targetId, 'home')));
    expect(rows.length).toBeGreaterThan(0);
  });
});
