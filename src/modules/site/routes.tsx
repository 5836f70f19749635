import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { getSiteSettings } from '../../platform/settings/service.js';
import { privacyDeclarations } from '../../platform/privacy/retention.js';
import { PrivacyDeclarations } from '../../platform/privacy/views.js';
import type { PageContext } from '../../platform/http/page.js';
import { emptyForm, formError, validate, type FormState } from '../../platform/forms/validate.js';
import { isLocale, type Locale } from '../../platform/i18n/locales.js';
import { noticeFrom } from '../../platform/http/notice.js';
import { isUploadedFile } from '../../platform/http/plugin.js';
import { detectMime, fileStore, sendStoredImage } from '../../platform/files/storage.js';
import { isSlug } from '../../platform/forms/fields.js';
import { createPage, deletePage, homePage, isBuiltIn, listPages, newPageBody, pageBody, pageToEdit, readPage, savePageTexts, saveSettings, settingsBody, settingsToEdit, type SitePage } from './service.js';
import { DefaultPrivacy, HomePage, SitePageView } from './views/public.js';
import { PageEditPage, PagesAdminPage, SettingsPage } from './views/admin.js';

/** The language a form edits: the one asked for (?language=, or the form's own field), else `fallback`. */
const languageOf = (from: unknown, fallback: Locale): Locale => {
  const v = (from as Record<string, unknown> | undefined)?.language;
  return isLocale(v) ? v : fallback;
};
const previewing = (body: unknown) => (body as Record<string, unknown> | undefined)?._action === 'preview';

export const siteRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const files = fileStore(db, config);

  // ——— Public pages ———

  app.get('/', { config: { publicPage: true } }, async (req, reply) => {
    const { freshUntil, ...data } = await homePage(db, req.actor, req.locale);
    return reply.freshUntil(freshUntil).render((c) => <HomePage c={c} {...data} />, { description: (c) => c.text(data.intro.body, data.intro.originalLocale).text });
  });

  for (const slug of ['about', 'privacy'] as const) {
    app.get(`/${slug}`, { config: { publicPage: true } }, async (req, reply) => {
      const [site, page, declared] = await Promise.all([getSiteSettings(db), readPage(db, req.actor, slug), slug === 'privacy' ? privacyDeclarations(db) : null]);
      // The privacy page ends with what every part of the site keeps, why and how long, from the modules' declarations.
      const after = (c: PageContext) => (declared ? <PrivacyDeclarations c={c} modules={declared} /> : undefined);
      return reply.render((c) => <SitePageView c={c} site={site} page={page!} fallbackTitle={c.t(`${slug}.title`)} fallback={slug === 'privacy' ? <DefaultPrivacy c={c} /> : undefined} after={after(c)} />, {
        description: (c) => c.text(page!.body, page!.originalLocale).text || (slug === 'privacy' ? c.t('privacy.collect') : undefined),
      });
    });
  }

  app.get('/pages/:slug', { config: { publicPage: true } }, async (req, reply) => {
    const slug = String((req.params as Record<string, string>).slug);
    const page = isSlug(slug) && !isBuiltIn(slug) ? await readPage(db, req.actor, slug) : null;
    if (!page) return reply.callNotFound();
    const site = await getSiteSettings(db);
    return reply.render((c) => <SitePageView c={c} site={site} page={page} />, { description: (c) => c.text(page.body, page.originalLocale).text });
  });

  // The logo is served under its own key only while it is the site's logo: no other stored file is reachable here.
  app.get('/site/logo/:key', async (req, reply) => {
    const key = String((req.params as Record<string, string>).key);
    const { logo } = await getSiteSettings(db);
    if (!logo || key !== logo) return reply.callNotFound();
    return sendStoredImage(reply, files, key);
  });

  // ——— The Secretariat's pages ———

  async function pagesList(req: FastifyRequest, reply: FastifyReply, form?: FormState) {
    const pages = await listPages(db, req.actor);
    return reply.render((c) => <PagesAdminPage c={c} pages={pages} form={form} notice={noticeFrom(req.query, /^removed$/)} />, form ? 422 : 200);
  }

  app.get('/admin/pages', (req, reply) => pagesList(req, reply));

  app.post('/admin/pages', async (req, reply) => {
    await listPages(db, req.actor); // a refusal before the form is read
    const v = validate(newPageBody, req.body);
    if (!v.ok) return pagesList(req, reply, v.state);
    const r = await createPage(db, req.actor, v.data, req.locale);
    if (!r.ok) return pagesList(req, reply, formError(req.body, r.field, r.message));
    return reply.redirect(`/${req.locale}/admin/pages/${r.slug}?language=${req.locale}&notice=created`, 303);
  });

  async function pageOf(req: FastifyRequest): Promise<SitePage | null> {
    const slug = String((req.params as Record<string, string>).slug);
    const page = isSlug(slug) ? await pageToEdit(db, req.actor, slug) : null;
    if (!page) await listPages(db, req.actor); // a stranger is refused, not told which pages exist
    return page;
  }

  app.get('/admin/pages/:slug', async (req, reply) => {
    const page = await pageOf(req);
    if (!page) return reply.callNotFound();
    const language = languageOf(req.query, page.originalLocale);
    return reply.render((c) => <PageEditPage c={c} page={page} language={language} notice={noticeFrom(req.query, /^(saved|created)$/)} />);
  });

  app.post('/admin/pages/:slug', async (req, reply) => {
    const page = await pageOf(req);
    if (!page) return reply.callNotFound();
    const language = languageOf(req.body, page.originalLocale);
    const v = validate(pageBody, req.body);
    if (!v.ok || previewing(req.body)) {
      const form = v.ok ? emptyForm({ title: v.data.title ?? '', body: v.data.body ?? '' }) : v.state;
      return reply.render((c) => <PageEditPage c={c} page={page} language={language} form={form} preview={v.ok} />, v.ok ? 200 : 422);
    }
    await savePageTexts(db, req.actor, page.slug, language, page.slug === 'home' ? { body: v.data.body } : v.data);
    return reply.redirect(`/${req.locale}/admin/pages/${page.slug}?language=${language}&notice=saved`, 303);
  });

  app.post('/admin/pages/:slug/delete', async (req, reply) => {
    const page = await pageOf(req);
    if (!page) return reply.callNotFound();
    await deletePage(db, req.actor, page.slug);
    return reply.redirect(`/${req.locale}/admin/pages?notice=removed`, 303);
  });

  // ——— The Secretariat's settings ———

  async function settingsPage(req: FastifyRequest, reply: FastifyReply, language: Locale | undefined, form?: FormState, opts: { preview?: boolean; notice?: string } = {}) {
    const site = await settingsToEdit(db, req.actor);
    const lang = language ?? languageOf(req.query, site.originalLocale);
    const logoUrl = site.logo ? `/${req.locale}/site/logo/${site.logo}` : undefined;
    const notice = opts.notice ?? noticeFrom(req.query, /^saved$/);
    return reply.render((c) => <SettingsPage c={c} site={site} language={lang} form={form} preview={opts.preview} notice={notice} logoUrl={logoUrl} />, form && !opts.preview ? 422 : 200);
  }

  app.get('/admin/settings', (req, reply) => settingsPage(req, reply, undefined));

  app.post('/admin/settings', async (req, reply) => {
    const site = await settingsToEdit(db, req.actor);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const language = languageOf(body, site.originalLocale);
    const v = validate(settingsBody, body);
    if (!v.ok) return settingsPage(req, reply, language, v.state);
    if (previewing(body)) return settingsPage(req, reply, language, emptyForm({ ...v.data, contactEmail: v.data.contactEmail ?? '' }), { preview: true });
    const file = body.logo;
    let logo: { key: string } | 'remove' | undefined = body.removeLogo === 'yes' ? 'remove' : undefined;
    if (isUploadedFile(file) && file.data.length) {
      const mime = !file.truncated ? await detectMime(file.data) : undefined;
      if (!mime || !/^image\/(png|jpeg|webp)$/.test(mime)) return settingsPage(req, reply, language, formError(body, 'logo', 'site.settings.errors.logo'));
      logo = { key: await files.put(file.data) };
    }
    await saveSettings(db, req.actor, language, v.data, logo);
    return reply.redirect(`/${req.locale}/admin/settings?language=${language}&notice=saved`, 303);
  });
};
