import { LOCALES, LOCALE_NAMES, direction } from '../i18n/locales.js';
import { markdownToHtml } from '../documents/markdown.js';
import type { PageContext } from '../http/page.js';
import type { FormState } from '../forms/validate.js';
import { ErrorSummary } from './form.js';
import { navFor } from '../module.js';
import { ICONS, themeColour } from '../http/webapp.js';

export interface LayoutProps {
  c: PageContext;
  title: string;
  /** When the page shows a form with errors: the title starts with "Error:" and the summary leads the page. */
  form?: FormState;
  /** Field labels for the error summary, so each line names its field. */
  labels?: Record<string, string>;
  /** The `scope` of the form whose errors are shown, when its fields carry one: the summary links to its ids. */
  formScope?: string;
  /** Shown above the h1, e.g. a back link or breadcrumbs. */
  before?: JSX.Element;
  /** For admin pages: the Secretariat's navigation is shown beside the content. */
  admin?: boolean;
  head?: JSX.Element;
  children?: JSX.Element | JSX.Element[] | string;
}

/**
 * What follows the locale in the same page's address in another language: the path, and of the
 * query only what makes it the same page (filters, search, page number) — short, plain
 * parameters, at most a few, never the `notice` of a form just sent. A long query string is not
 * copied into every language link. Worked out once per page, for all its language links.
 */
export function samePageAfterLocale(path: string): string {
  const [pathname = '/', search = ''] = path.split('?', 2);
  const kept = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(search)) {
    if (kept.size >= 8 || k === 'notice' || !/^[a-z][A-Za-z0-9_-]{0,19}$/.test(k) || v.length > 100) continue;
    kept.append(k, v);
  }
  const query = kept.toString();
  return `${pathname === '/' ? '' : pathname}${query ? `?${query}` : ''}`;
}

function LanguageSwitcher({ c, samePage }: { c: PageContext; samePage: string }) {
  return (
    <nav class="languages" aria-label={c.t('layout.languages')}>
      <ul>
        {LOCALES.map((l) => (
          <li>
            <a href={`/${l}${samePage}`} lang={l} hreflang={l} aria-current={l === c.locale ? 'true' : undefined} safe>
              {LOCALE_NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function NavLinks({ c, area }: { c: PageContext; area: 'main' | 'admin' }) {
  const entries = navFor(c.nav, c.actor, area);
  const current = c.path.split('?')[0];
  return (
    <ul>
      {entries.map((n) => {
        const active = current === n.href || (n.href !== '/' && current.startsWith(n.href + '/'));
        return (
          <li>
            {active ? (
              <a href={c.href(n.href)} aria-current="page" safe>
                {c.t(n.label)}
              </a>
            ) : (
              <a href={c.href(n.href)} safe>
                {c.t(n.label)}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function AccountArea({ c }: { c: PageContext }) {
  if (!c.actor) {
    return (
      <a class="account-link" href={c.href('/sign-in')} safe>
        {c.t('layout.signIn')}
      </a>
    );
  }
  return (
    <div class="account">
      <a class="account-link" href={c.href('/account')}>
        {c.th('layout.account', { name: c.actor.name })}
      </a>
      <form method="post" action={c.href('/sign-out')} class="inline">
        <input type="hidden" name="_csrf" value={c.csrf()} />
        <button type="submit" class="button-link" safe>
          {c.t('layout.signOut')}
        </button>
      </form>
    </div>
  );
}

/**
 * The page's own address and the same page in each language, absolute (from `BASE_URL`), for search
 * engines; `x-default` is the address without a language, which sends each reader to theirs.
 */
function AddressLinks({ c, samePage }: { c: PageContext; samePage: string }) {
  const neutral = samePage.startsWith('/') ? samePage : `/${samePage}`;
  return (
    <>
      <link rel="canonical" href={`${c.baseUrl}/${c.locale}${samePage}`} />
      {LOCALES.map((l) => (
        <link rel="alternate" hreflang={l} href={`${c.baseUrl}/${l}${c.alternates?.[l] ?? samePage}`} />
      ))}
      <link rel="alternate" hreflang="x-default" href={`${c.baseUrl}${neutral}`} />
    </>
  );
}

/** The footer's text as HTML, drawn once per text (it is on every page). */
const footers = new Map<string, string>();
function footerHtml(markdown: string): string {
  let html = footers.get(markdown);
  if (html === undefined) {
    if (footers.size >= 12) footers.clear();
    footers.set(markdown, (html = markdownToHtml(markdown)));
  }
  return html;
}

/** The page frame: skip link, header with navigation and languages, main, footer. */
export function Layout({ c, title, form, labels, formScope, before, admin, head, children }: LayoutProps) {
  const hasErrors = !!form && form.errors.length > 0;
  const fullTitle = `${hasErrors ? c.t('form.errorTitle', { title }) : title} – ${c.siteName}`;
  const hasAdminNav = admin && navFor(c.nav, c.actor, 'admin').length > 0;
  const samePage = samePageAfterLocale(c.path);
  return (
    <>
      {'<!doctype html>'}
      <html lang={c.locale} dir={c.dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{fullTitle}</title>
          <meta name="description" content={c.description} />
          <link rel="stylesheet" href={c.asset('bridges.css')} />
          <script src={c.asset('enhance.js')} defer></script>
          {c.status === 200 ? <AddressLinks c={c} samePage={samePage} /> : ''}
          <link rel="icon" href={c.asset(ICONS.svg)} type="image/svg+xml" />
          <link rel="apple-touch-icon" href={c.asset(ICONS.appleTouch)} />
          <link rel="manifest" href={`/manifest.webmanifest?lang=${c.locale}`} />
          <meta name="theme-color" content={themeColour()} />
          {head as 'safe'}
        </head>
        <body>
          <a class="skip-link" href="#main" safe>
            {c.t('layout.skipToContent')}
          </a>
          <header class="site-header">
            {/* On a phone: the site's name, a language menu and a menu (<details>: no script needed); on a wide screen everything shows (bridges.css). */}
            <div class="wrap header-row">
              <a class="site-name" href={c.href('/')}>
                {c.logo ? <img src={c.logo} alt="" height="40" /> : ''}
                <span safe>{c.siteName}</span>
              </a>
              <details class="menu site-menu" name="header-menu">
                <summary safe>{c.t('layout.menu')}</summary>
                <div class="menu-panel">
                  <div class="account-area">
                    <AccountArea c={c} />
                  </div>
                  <nav class="main-nav" aria-label={c.t('layout.mainNav')}>
                    <NavLinks c={c} area="main" />
                  </nav>
                </div>
              </details>
              <details class="menu language-menu" name="header-menu">
                <summary>
                  <span class="visually-hidden" safe>{`${c.t('layout.languages')}: `}</span>
                  <span safe>{LOCALE_NAMES[c.locale]}</span>
                </summary>
                <div class="menu-panel">
                  <LanguageSwitcher c={c} samePage={samePage} />
                </div>
              </details>
            </div>
          </header>
          <div class={hasAdminNav ? 'wrap with-sidebar' : 'wrap'}>
            {hasAdminNav ? (
              <details class="admin-menu">
                <summary safe>{c.t('layout.adminMenu')}</summary>
                <nav class="admin-nav" aria-label={c.t('layout.adminNav')}>
                  <NavLinks c={c} area="admin" />
                </nav>
              </details>
            ) : (
              ''
            )}
            <main id="main" tabindex="-1">
              {(before ?? '') as 'safe'}
              {hasErrors ? <ErrorSummary c={c} errors={form!.errors} labels={labels} scope={formScope} /> : ''}
              {children as 'safe'}
            </main>
          </div>
          <footer class="site-footer">
            <div class="wrap">
              <ul class="footer-links">
                <li>
                  <a href={c.href('/about')} safe>
                    {c.t('nav.about')}
                  </a>
                </li>
                <li>
                  <a href={c.href('/privacy')} safe>
                    {c.t('nav.privacy')}
                  </a>
                </li>
              </ul>
              {c.footer.text ? (
                <div class="footer-text" lang={c.footer.fallback ? c.footer.lang : undefined} dir={c.footer.fallback && direction(c.footer.lang) !== c.dir ? direction(c.footer.lang) : undefined}>
                  {footerHtml(c.footer.text) as 'safe'}
                </div>
              ) : (
                ''
              )}
              <p safe>{c.t('layout.poweredBy')}</p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
