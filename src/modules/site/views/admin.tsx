import type { PageContext } from '../../../platform/http/page.js';
import type { FormState } from '../../../platform/forms/validate.js';
import { Layout } from '../../../platform/ui/layout.js';
import { BackLink, Banner, EditingLanguage, LocalizedText, Table, esc } from '../../../platform/ui/components.js';
import { Button, Checkboxes, FileUpload, Form, TextInput, Textarea } from '../../../platform/ui/form.js';
import { markdownToHtml } from '../../../platform/documents/markdown.js';
import { LOCALES, direction, type Locale } from '../../../platform/i18n/locales.js';
import { formatDate, languageName } from '../../../platform/i18n/format.js';
import type { SiteSettings } from '../../../platform/settings/service.js';
import { isBuiltIn, pageHref, type SitePage } from '../service.js';

const has = (t: Record<string, string | undefined>, l: Locale) => !!t[l]?.trim();

/** A page's name in the Secretariat's list: its title, or what the built-in pages are. */
function PageName({ c, page }: { c: PageContext; page: SitePage }) {
  if (Object.values(page.title).some((t) => t?.trim())) return <LocalizedText c={c} value={page.title} original={page.originalLocale} />;
  return <span safe>{c.t(`site.pages.builtIn.${page.slug}`)}</span>;
}

/** The site's pages, with the form to add one. */
export function PagesAdminPage({ c, pages, form, notice }: { c: PageContext; pages: SitePage[]; form?: FormState; notice?: string }) {
  const title = c.t('site.pages.title');
  const labels = { slug: c.t('site.pages.fields.slug'), title: c.t('site.pages.fields.title'), body: c.t('site.pages.fields.body') };
  return (
    <Layout c={c} title={title} admin form={form} labels={labels}>
      {notice ? <Banner kind="success" title={c.t(`site.pages.notices.${notice}`)} /> : ''}
      <h1 safe>{title}</h1>
      <p safe>{c.t('site.pages.intro')}</p>
      <Table
        caption={c.t('site.pages.caption', { n: pages.length })}
        head={[c.t('site.pages.page'), c.t('site.pages.address'), c.t('site.pages.languages'), c.t('site.pages.updated')]}
        rows={pages.map((p) => {
          const written = LOCALES.filter((l) => has(p.body, l) || has(p.title, l));
          return [
            <a href={c.href(`/admin/pages/${p.slug}`)}>
              <PageName c={c} page={p} />
            </a>,
            <a href={c.href(pageHref(p.slug))} dir="ltr" safe>{`/${c.locale}${pageHref(p.slug) === '/' ? '' : pageHref(p.slug)}`}</a>,
            esc(c.t('site.pages.written', { n: written.length, total: LOCALES.length, languages: written.map((l) => languageName(c.locale, l)).join(', ') || '—' })),
            esc(p.updatedAt.getTime() ? formatDate(c.locale, p.updatedAt, c.timeZone) : '—'),
          ];
        })}
      />
      <h2 safe>{c.t('site.pages.add')}</h2>
      <EditingLanguage c={c} original={c.locale} />
      <Form c={c} action={c.href('/admin/pages')}>
        <TextInput c={c} name="slug" label={labels.slug} hint={c.t('site.pages.slugHint')} form={form} width="medium" spellcheck={false} />
        <TextInput c={c} name="title" label={labels.title} form={form} width="full" />
        <Textarea c={c} name="body" label={labels.body} hint={c.t('site.pages.markdownHint')} form={form} rows={8} code />
        <Button label={c.t('site.pages.create')} />
      </Form>
    </Layout>
  );
}

/** What a Markdown text will look like, before it is saved. */
function Preview({ c, markdown, lang }: { c: PageContext; markdown: string; lang: Locale }) {
  return (
    <section class="preview" aria-labelledby="preview">
      <h2 id="preview" safe>
        {c.t('site.pages.preview')}
      </h2>
      <div class="prose" lang={lang} dir={direction(lang)}>
        {markdown.trim() ? (markdownToHtml(markdown) as 'safe') : <p class="hint" safe>{c.t('site.pages.emptyPreview')}</p>}
      </div>
    </section>
  );
}

/** A page in one language: its title and Markdown text, a preview, the other languages one click away. */
export function PageEditPage({ c, page, language, form, preview, notice }: { c: PageContext; page: SitePage; language: Locale; form?: FormState; preview?: boolean; notice?: string }) {
  const values = form ?? { values: { title: page.title[language] ?? '', body: page.body[language] ?? '' }, errors: [] };
  const labels = { title: c.t('site.pages.fields.title'), body: c.t('site.pages.fields.body') };
  const name = Object.values(page.title).some((t) => t?.trim()) ? c.text(page.title, page.originalLocale).text : c.t(`site.pages.builtIn.${page.slug}`);
  const title = c.t('site.pages.editTitle', { page: name, language: languageName(c.locale, language) });
  return (
    <Layout c={c} title={title} admin form={form && !preview ? form : undefined} labels={labels} before={<BackLink href={c.href('/admin/pages')} label={c.t('site.pages.title')} />}>
      {notice ? <Banner kind="success" title={c.t(`site.pages.notices.${notice}`)} /> : ''}
      <h1>
        <bdi safe>{title}</bdi>
      </h1>
      <p>
        <a href={c.href(pageHref(page.slug))} safe>
          {c.t('site.pages.view')}
        </a>
        {language !== page.originalLocale ? (
          <>
            {' · '}
            <a href={c.href(`/admin/translations/page/${page.slug}/${language}`)} safe>
              {c.t('site.pages.sideBySide')}
            </a>
          </>
        ) : (
          ''
        )}
      </p>
      <EditingLanguage c={c} original={page.originalLocale} editing={language} versions={{ href: (l) => c.href(`/admin/pages/${page.slug}?language=${l}`), has: (l) => has(page.body, l) || has(page.title, l) }} />
      <Form c={c} action={c.href(`/admin/pages/${page.slug}`)}>
        <input type="hidden" name="language" value={language} />
        {page.slug === 'home' ? '' : <TextInput c={c} name="title" label={labels.title} form={values} width="full" lang={language} dir={direction(language)} />}
        <Textarea c={c} name="body" label={labels.body} hint={c.t(page.slug === 'home' ? 'site.pages.homeHint' : 'site.pages.markdownHint')} form={values} rows={16} lang={language} dir={direction(language)} code />
        <div class="actions">
          <Button label={c.t('site.pages.save')} />
          <Button label={c.t('site.pages.previewButton')} variant="secondary" name="_action" value="preview" />
        </div>
      </Form>
      {preview ? <Preview c={c} markdown={String(values.values.body ?? '')} lang={language} /> : ''}
      {isBuiltIn(page.slug) ? (
        ''
      ) : (
        <section aria-labelledby="remove">
          <h2 id="remove" safe>
            {c.t('site.pages.remove')}
          </h2>
          <p safe>{c.t('site.pages.removeIntro')}</p>
          <Form c={c} action={c.href(`/admin/pages/${page.slug}/delete`)}>
            <Button label={c.t('site.pages.removeButton')} variant="warning" />
          </Form>
        </section>
      )}
    </Layout>
  );
}

/** The site's name, tagline, footer, contact, time zone and logo; the texts in one language. */
export function SettingsPage({ c, site, language, form, preview, notice, logoUrl }: { c: PageContext; site: SiteSettings; language: Locale; form?: FormState; preview?: boolean; notice?: string; logoUrl?: string }) {
  const values = form ?? {
    values: { name: site.name[language] ?? '', shortName: site.shortName[language] ?? '', tagline: site.tagline[language] ?? '', footer: site.footer[language] ?? '', contactEmail: site.contactEmail, timeZone: site.timeZone },
    errors: [],
  };
  const f = (k: string) => c.t(`site.settings.fields.${k}`);
  const labels = Object.fromEntries(['name', 'shortName', 'tagline', 'footer', 'contactEmail', 'timeZone', 'logo'].map((k) => [k, f(k)]));
  const title = c.t('site.settings.title');
  const dir = direction(language);
  return (
    <Layout c={c} title={title} admin form={form && !preview ? form : undefined} labels={labels}>
      {notice ? <Banner kind={notice === 'bad-logo' ? 'warning' : 'success'} title={c.t(`site.settings.notices.${notice}`)} /> : ''}
      <h1 safe>{title}</h1>
      <EditingLanguage c={c} original={site.originalLocale} editing={language} versions={{ href: (l) => c.href(`/admin/settings?language=${l}`), has: (l) => has(site.name, l) }} />
      <Form c={c} action={c.href('/admin/settings')} multipart>
        <input type="hidden" name="language" value={language} />
        <fieldset class="group">
          <legend>{c.th('site.settings.texts', { language: languageName(c.locale, language) })}</legend>
          <TextInput c={c} name="name" label={labels.name} form={values} width="full" lang={language} dir={dir} />
          <TextInput c={c} name="shortName" label={labels.shortName} hint={c.t('site.settings.shortNameHint')} form={values} width="medium" lang={language} dir={dir} />
          <TextInput c={c} name="tagline" label={labels.tagline} form={values} width="full" lang={language} dir={dir} />
          <Textarea c={c} name="footer" label={labels.footer} hint={c.t('site.settings.footerHint')} form={values} rows={3} lang={language} dir={dir} code />
        </fieldset>
        <fieldset class="group">
          <legend safe>{c.t('site.settings.every')}</legend>
          <TextInput c={c} name="contactEmail" type="email" label={labels.contactEmail} form={values} width="medium" autocomplete="off" />
          <TextInput c={c} name="timeZone" label={labels.timeZone} hint={c.t('site.settings.timeZoneHint')} form={values} width="medium" spellcheck={false} />
          {logoUrl ? (
            <p class="logo-now">
              <span safe>{c.t('site.settings.logoNow')}</span> <img src={logoUrl} alt={c.t('site.settings.logoAlt')} height="48" />
            </p>
          ) : (
            ''
          )}
          <FileUpload c={c} name="logo" label={labels.logo} hint={c.t('site.settings.logoHint')} form={values} accept="image/png,image/jpeg,image/webp" />
          {logoUrl ? <Checkboxes c={c} name="removeLogo" label={c.t('site.settings.removeLogo')} form={values} options={[{ value: 'yes', label: c.t('site.settings.removeLogoOption') }]} /> : ''}
        </fieldset>
        <div class="actions">
          <Button label={c.t('site.settings.save')} />
          <Button label={c.t('site.pages.previewButton')} variant="secondary" name="_action" value="preview" />
        </div>
      </Form>
      {preview ? <Preview c={c} markdown={String(values.values.footer ?? '')} lang={language} /> : ''}
    </Layout>
  );
}
