import type { PageContext } from '../../../platform/http/page.js';
import type { Option } from '../../../platform/ui/form.js';
import { countryName } from '../../../platform/geo/countries.js';
import { languageName as formatLanguage } from '../../../platform/i18n/format.js';
import type { WorkingGroupView } from '../../workinggroups/service.js';
import { INDIVIDUAL_ROLES, ORG_TYPES, TOR_AREAS, WORK_LANGUAGES, type Kind } from '../fields.js';

/** Names of a language in the reader's language (Intl), "Other" for the rest. */
export function languageName(c: PageContext, code: string): string {
  return code === 'other' ? c.t('membership.other') : formatLanguage(c.locale, code);
}

/** The organisation type of an institution, or the role of an individual. */
export function categoryLabel(c: PageContext, kind: string, value: string | null | undefined): string {
  if (!value) return '—';
  return c.t(kind === 'institution' ? `membership.orgTypes.${value}` : `membership.roles.${value}`);
}

export const kindLabel = (c: PageContext, kind: string) => c.t(`membership.kinds.${kind}`);
export const areaLabel = (c: PageContext, area: string) => c.t(`membership.areas.${area}`);
export const country = (c: PageContext, code: string | null | undefined) => (code ? countryName(code, c.locale) : '—');

export const orgTypeOptions = (c: PageContext): Option[] => ORG_TYPES.map((v) => ({ value: v, label: c.t(`membership.orgTypes.${v}`) }));
export const roleOptions = (c: PageContext): Option[] => INDIVIDUAL_ROLES.map((v) => ({ value: v, label: c.t(`membership.roles.${v}`) }));
export const categoryOptions = (c: PageContext, kind?: Kind): Option[] =>
  kind === 'institution' ? orgTypeOptions(c) : kind === 'individual' ? roleOptions(c) : [...orgTypeOptions(c), ...roleOptions(c).filter((r) => r.value !== 'other')];
export const areaOptions = (c: PageContext): Option[] => TOR_AREAS.map((v) => ({ value: v, label: areaLabel(c, v) }));
export const languageOptions = (c: PageContext): Option[] => WORK_LANGUAGES.map((v) => ({ value: v, label: languageName(c, v) }));
export const workingGroupOptions = (c: PageContext, groups: WorkingGroupView[]): Option[] =>
  groups.map((g) => ({ value: g.slug, label: c.text(g.name, g.originalLocale).text }));
export const kindOptions = (c: PageContext): Option[] => [
  { value: 'institution', label: c.t('membership.kinds.institution'), hint: c.t('membership.kinds.institutionHint') },
  { value: 'individual', label: c.t('membership.kinds.individual'), hint: c.t('membership.kinds.individualHint') },
];
