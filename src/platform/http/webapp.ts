import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLIC_DIR } from './assets.js';
import { direction, type Locale } from '../i18n/locales.js';
import { localize } from '../i18n/content.js';
import type { SiteSettings } from '../settings/service.js';

/** The icons in public/: an SVG for browsers' tabs, PNGs for home screens (made from it by scripts/icons.mjs). */
export const ICONS = { svg: 'icon.svg', png192: 'icon-192.png', png512: 'icon-512.png', appleTouch: 'apple-touch-icon.png' } as const;

/** The colour the site's header is drawn in, read from the style sheet's `--brand-dark` so the two never differ. */
export function themeColourOf(css: string): string | undefined {
  return /--brand-dark\s*:\s*(#[0-9a-fA-F]{3,8})\b/.exec(css)?.[1]?.toLowerCase();
}

let theme: string | undefined;
/** The theme colour (browser chrome on phones, the installed app's title bar). */
export function themeColour(): string {
  return (theme ??= themeColourOf(readFileSync(join(PUBLIC_DIR, 'bridges.css'), 'utf8')) ?? '#073763');
}

/**
 * The web app manifest (/manifest.webmanifest): the site's name and short name from its settings in
 * `locale`, its icons at their hashed addresses, and the theme colour of the style sheet.
 */
export function webManifest(site: SiteSettings, locale: Locale, asset: (name: string) => string): Record<string, unknown> {
  const name = localize(site.name, locale, site.originalLocale).text || 'Bridges';
  const shortName = localize(site.shortName, locale, site.originalLocale).text || name;
  const description = localize(site.tagline, locale, site.originalLocale).text;
  return {
    name,
    short_name: shortName,
    ...(description ? { description } : {}),
    lang: locale,
    dir: direction(locale),
    start_url: `/${locale}`,
    scope: '/',
    display: 'minimal-ui',
    background_color: '#ffffff',
    theme_color: themeColour(),
    icons: [
      { src: asset(ICONS.svg), type: 'image/svg+xml', sizes: 'any' },
      { src: asset(ICONS.png192), type: 'image/png', sizes: '192x192' },
      { src: asset(ICONS.png512), type: 'image/png', sizes: '512x512' },
      // The icon's picture stays inside the middle 80 %, so a launcher may crop it to any shape.
      { src: asset(ICONS.png512), type: 'image/png', sizes: '512x512', purpose: 'maskable' },
    ],
  };
}
