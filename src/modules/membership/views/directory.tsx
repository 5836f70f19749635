import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { Button, Form, Select, TextInput } from '../../../platform/ui/form.js';
import { Pagination, Table, esc } from '../../../platform/ui/components.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import { countryOptions, INCOME_CLASSIFICATION, INCOME_GROUPS, incomeGroupName, regionName, UNESCO_REGIONS } from '../../../platform/geo/countries.js';
import { mapLegend, renderWorldMap } from '../../../platform/geo/map.js';
import { listHref } from '../../../platform/admin/views.js';
import type { WorkingGroupView } from '../../workinggroups/service.js';
import type { DirectoryEntry, membersByCountry } from '../members.js';
import { memberNumber } from '../members.js';
import { KINDS } from '../fields.js';
import { areaLabel, areaOptions, categoryLabel, categoryOptions, country, kindLabel, languageName, workingGroupOptions } from './labels.js';
import { isWebUrl } from '../../../platform/forms/fields.js';

type Query = Record<string, string | undefined>;

function EntryDetails({ c, e, groups }: { c: PageContext; e: DirectoryEntry; groups: WorkingGroupView[] }) {
  const f = e.fields;
  const wg = (slug: string) => {
    const g = groups.find((x) => x.slug === slug);
    return g ? c.text(g.name, g.originalLocale).text : slug;
  };
  const rows: [string, string][] = [];
  if (f.category) rows.push([c.t('membership.directory.category'), categoryLabel(c, e.kind, f.category as string)]);
  if (f.country) rows.push([c.t('membership.fields.country'), country(c, f.country as string)]);
  if (f.countriesOfOperation) rows.push([c.t('membership.fields.countriesOfOperation'), (f.countriesOfOperation as string[]).map((x) => country(c, x)).join(', ')]);
  if (f.affiliation) rows.push([c.t('membership.fields.affiliation'), f.affiliation as string]);
  if (f.areas) rows.push([c.t('membership.directory.areas'), (f.areas as string[]).map((a) => areaLabel(c, a)).join(', ')]);
  if (f.workingGroups) rows.push([c.t('membership.public.workingGroups'), (f.workingGroups as string[]).map(wg).join(', ')]);
  if (f.languages) rows.push([c.t('membership.fields.languages'), (f.languages as string[]).map((l) => languageName(c, l)).join(', ')]);
  return (
    <dl class="entry">
      {rows.map(([k, v]) => (
        <div>
          <dt safe>{k}</dt>
          <dd safe>{v}</dd>
        </div>
      ))}
      {isWebUrl(f.website) ? (
        <div>
          <dt safe>{c.t('membership.fields.website')}</dt>
          <dd>
            <a href={f.website} rel="nofollow noopener" safe>
              {f.website.replace(/^https?:\/\//, '')}
            </a>
          </dd>
        </div>
      ) : (
        ''
      )}
    </dl>
  );
}

/** One member as the public directory shows it (also the member's own preview of it). */
export function DirectoryCard({ c, e, groups, level = 2 }: { c: PageContext; e: DirectoryEntry; groups: WorkingGroupView[]; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <>
      <Heading class="entry-name">
        <span safe>{e.name}</span>
        {e.acronym ? <span class="hint" safe>{` (${e.acronym})`}</span> : ''}
      </Heading>
      <p class="hint" safe>
        {`${kindLabel(c, e.kind)} · ${memberNumber(e.number)}`}
      </p>
      <EntryDetails c={c} e={e} groups={groups} />
    </>
  );
}

export function DirectoryPage(props: { c: PageContext; rows: DirectoryEntry[]; total: number; page: number; pageSize: number; query: Query; groups: WorkingGroupView[] }) {
  const { c, rows, query } = props;
  const values = { values: query, errors: [] };
  return (
    <Layout c={c} title={c.t('membership.directory.title')}>
      <h1 safe>{c.t('membership.directory.title')}</h1>
      <p safe>{c.t('membership.directory.intro')}</p>
      <p>
        <a href={c.href('/members/map')} safe>
          {c.t('membership.map.title')}
        </a>
        {' · '}
        <a href={c.href('/join')} safe>
          {c.t('home.join')}
        </a>
      </p>
      <Form c={c} action={c.href('/members')} method="get" class="filters" label={c.t('admin.filters')}>
        <TextInput c={c} name="q" type="search" label={c.t('membership.directory.search')} form={values} />
        <Select c={c} name="kind" label={c.t('membership.overview.kind')} placeholder={c.t('admin.any')} options={KINDS.map((k) => ({ value: k, label: kindLabel(c, k) }))} form={values} />
        <Select c={c} name="type" label={c.t('membership.directory.category')} placeholder={c.t('admin.any')} options={categoryOptions(c)} form={values} />
        <Select c={c} name="country" label={c.t('membership.fields.country')} placeholder={c.t('admin.any')} options={countryOptions(c.locale)} form={values} />
        <Select c={c} name="region" label={c.t('membership.queue.region')} placeholder={c.t('admin.any')} options={UNESCO_REGIONS.map((r) => ({ value: r, label: regionName(r, c.locale) }))} form={values} />
        <Select c={c} name="wg" label={c.t('membership.public.workingGroups')} placeholder={c.t('admin.any')} options={workingGroupOptions(c, props.groups)} form={values} />
        <Select c={c} name="area" label={c.t('membership.directory.areas')} placeholder={c.t('admin.any')} options={areaOptions(c)} form={values} />
        <Button variant="secondary" label={c.t('admin.filter')} />
      </Form>
      <p role="status">
        {c.th('membership.directory.found', { total: props.total })}
      </p>
      <ul class="card-list directory">
        {rows.map((e) => (
          <li>
            <DirectoryCard c={c} e={e} groups={props.groups} />
          </li>
        ))}
      </ul>
      <Pagination c={c} page={props.page} pageSize={props.pageSize} total={props.total} href={(p) => listHref(c, '/members', query, { page: String(p) })} />
    </Layout>
  );
}

type Counts = Awaited<ReturnType<typeof membersByCountry>>;

export function MapPage({ c, counts }: { c: PageContext; counts: Counts }) {
  const title = c.t('membership.map.title');
  const svg = renderWorldMap({ counts: counts.byCountry, locale: c.locale, title, description: c.t('membership.map.description', { total: counts.total }), id: 'members-map' });
  const legend = mapLegend(counts.byCountry, c.locale);
  const countries = Object.entries(counts.byCountry).sort((a, b) => b[1] - a[1] || country(c, a[0]).localeCompare(country(c, b[0]), c.locale));
  return (
    <Layout c={c} title={title}>
      <h1 safe>{title}</h1>
      <p>{c.th('membership.map.intro', { total: counts.total })}</p>
      <figure class="map">
        {svg as 'safe'}
        <figcaption>
          <ul class="legend" aria-label={c.t('membership.map.legend')}>
            {legend.map((l) => (
              <li>
                <span class="swatch">
                  <svg width="14" height="14" aria-hidden="true" focusable="false">
                    <rect width="14" height="14" fill={l.fill} stroke="#505a5f" />
                  </svg>
                </span>{' '}
                <span safe>{l.from === l.to ? formatNumber(c.locale, l.from) : `${formatNumber(c.locale, l.from)}–${formatNumber(c.locale, l.to)}`}</span>
              </li>
            ))}
          </ul>
        </figcaption>
      </figure>
      <div class="columns">
        <Table
          caption={c.t('membership.map.byRegion')}
          head={[c.t('membership.queue.region'), c.t('membership.map.members')]}
          numeric={[1]}
          rows={UNESCO_REGIONS.map((r) => [esc(regionName(r, c.locale)), esc(formatNumber(c.locale, counts.byRegion[r] ?? 0))])}
        />
        <Table
          caption={c.t('membership.map.byIncome', { year: INCOME_CLASSIFICATION.fiscalYear })}
          head={[c.t('membership.queue.income'), c.t('membership.map.members')]}
          numeric={[1]}
          rows={[
            ...INCOME_GROUPS.map((g) => [esc(incomeGroupName(g, c.locale)), esc(formatNumber(c.locale, counts.byIncome[g] ?? 0))]),
            ...(counts.byIncome.unclassified ? [[esc(c.t('membership.map.unclassified')), esc(formatNumber(c.locale, counts.byIncome.unclassified))]] : []),
          ]}
        />
      </div>
      <p class="hint">
        {c.th('membership.map.source', { source: INCOME_CLASSIFICATION.source, year: INCOME_CLASSIFICATION.fiscalYear })}
      </p>
      <Table
        caption={c.t('membership.map.byCountry')}
        head={[c.t('membership.fields.country'), c.t('membership.map.members')]}
        numeric={[1]}
        empty={c.t('admin.none')}
        rows={countries.map(([code, n]) => [esc(country(c, code)), esc(formatNumber(c.locale, n))])}
      />
      <p class="hint" safe>
        {c.t('membership.map.privacy')}
      </p>
    </Layout>
  );
}
