import type { TranslatableKind } from './translations/service.js';

/**
 * What the modules declare for the Secretariat's overview pages, collected from their manifests
 * when the app starts (without importing any module): the data exports each offers (listed on the
 * Exports page), the roles each adds (shown on People and roles) and what each lets people
 * translate (the translation screen).
 */
export interface CatalogExport {
  module: string;
  /** Message key of what is exported. */
  what: string;
  /** Message key of the export's name. */
  label: string;
  /** Path after the locale. */
  href: string;
}

let catalog: { exports: CatalogExport[]; roles: { module: string; role: string }[]; translatable: TranslatableKind[] } = { exports: [], roles: [], translatable: [] };

export function registerCatalog(manifests: readonly { name: string; exports?: { what: string; label: string; href: string }[]; roles?: string[]; translatable?: TranslatableKind[] }[]): void {
  catalog = {
    exports: manifests.flatMap((m) => (m.exports ?? []).map((e) => ({ module: m.name, what: e.what, label: e.label, href: e.href }))),
    roles: manifests.flatMap((m) => (m.roles ?? []).map((role) => ({ module: m.name, role }))),
    translatable: manifests.flatMap((m) => m.translatable ?? []),
  };
}

export const moduleExports = (): readonly CatalogExport[] => catalog.exports;
/** What the modules let people translate, for the translation screen. */
export const translatableKinds = (): readonly TranslatableKind[] => catalog.translatable;
export const moduleRoles = (): readonly { module: string; role: string }[] => catalog.roles;
