import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/locales.js';
import { loadCatalog } from '../i18n/messages.js';
import { PLATFORM_ROLES } from '../policy.js';
import { allModules } from '../../server.js';

/** People and roles names every role by its `roles.<role>` message: a role a module adds without one would show as its raw key. */
describe('role names', () => {
  const roles = [...PLATFORM_ROLES, ...allModules().flatMap((m) => m.roles ?? [])];

  it('covers the roles the modules add', () => {
    expect(roles).toEqual(expect.arrayContaining(['member', 'wg_chair', 'wg_member']));
  });

  for (const locale of LOCALES) {
    it(`every role has its name in ${locale}`, () => {
      const catalog = loadCatalog(locale);
      expect(roles.filter((r) => !catalog[`roles.${r}`]?.trim())).toEqual([]);
    });
  }
});
