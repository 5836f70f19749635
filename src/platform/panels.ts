import type { Executor } from '../db/client.js';
import { direction, type Locale } from './i18n/locales.js';
import { htmlTranslator, type Translate, type TranslateHtml } from './i18n/messages.js';
import type { MaybeActor } from './policy.js';

/**
 * Places on one module's pages where other modules show something of their own, without the two
 * importing each other: a working group's page lists the meeting sessions it takes part in (the
 * meetings module's), a report's page says a consultation is open on it (the consultations
 * module's). The page's module declares a slot by adding to `PanelSlots` (declaration merging, next
 * to the page that shows it) with what a provider is told about the page; other modules fill it
 * through `panels` in their manifest. Each provider returns its markup, or null for nothing.
 * Panels must not depend on the clock: public pages are kept in memory until their data changes.
 */
export interface PanelSlots {}

export type PanelSlot = keyof PanelSlots;

/** What a provider knows of the reader and the page's language. */
export interface PanelContext {
  actor: MaybeActor;
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t: Translate;
  /** `t` for HTML, text values isolated in `<bdi>` (see PageContext.th). */
  th: TranslateHtml;
  /** A path of the site in the page's language. */
  href: (path: string) => string;
}

export type PanelProvider<K extends PanelSlot = PanelSlot> = (db: Executor, ctx: PanelContext, target: PanelSlots[K]) => Promise<string | null>;
export type PanelProviders = { [K in PanelSlot]?: PanelProvider<K> };

let providers: { name: string; panels: PanelProviders }[] | null = null;

/** Hands the platform every manifest's `panels` (buildApp and the command line do this). */
export function registerPanels(manifests: readonly { name: string; panels?: PanelProviders }[]): void {
  providers = manifests.flatMap((m) => (m.panels ? [{ name: m.name, panels: m.panels }] : []));
}

/** The markup every module has for a slot of a page, in module order (empty when none has anything). */
export async function panelsFor<K extends PanelSlot>(db: Executor, slot: K, ctx: PanelContext, target: PanelSlots[K]): Promise<string[]> {
  if (!providers) throw new Error('registerPanels() was not called: no module could show anything here (buildApp and the command line register the panels).');
  const out: string[] = [];
  for (const p of providers) {
    const html = await (p.panels[slot] as PanelProvider<K> | undefined)?.(db, ctx, target);
    if (html) out.push(html);
  }
  return out;
}

/** The context of panels for a request: its reader and language. */
export function panelContext(req: { actor: MaybeActor; locale: Locale; t: Translate }): PanelContext {
  return { actor: req.actor, locale: req.locale, dir: direction(req.locale), t: req.t, th: htmlTranslator(req.locale), href: (path) => `/${req.locale}${path}` };
}
