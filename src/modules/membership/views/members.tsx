import type { PageContext } from '../../../platform/http/page.js';
import type { FormState } from '../../../platform/forms/validate.js';
import { Layout } from '../../../platform/ui/layout.js';
import { Button, Checkboxes, Form, Radios, Select, Textarea, TextInput } from '../../../platform/ui/form.js';
import { BackLink, Banner, Pagination, SummaryList, Table, esc } from '../../../platform/ui/components.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { countryOptions, INCOME_GROUPS, incomeGroupName, regionName, UNESCO_REGIONS } from '../../../platform/geo/countries.js';
import { listHref } from '../../../platform/admin/views.js';
import type { WorkingGroupView } from '../../workinggroups/service.js';
import { memberNumber, MEMBER_STATUSES, publicEntryOf, type MemberRow } from '../members.js';
import { DirectoryCard } from './directory.js';
import { KINDS, PUBLIC_FIELDS, TEXT_LIMIT } from '../fields.js';
import { areaOptions, categoryLabel, categoryOptions, country, kindLabel, languageOptions, workingGroupOptions } from './labels.js';

type Query = Record<string, string | undefined>;
type Person = { userId: string; name: string; email: string; title: string; primaryContact: boolean };

const joined = (c: PageContext, d: string) => formatDate(c.locale, new Date(`${d}T12:00:00Z`), 'UTC');

export function MemberSummary({ c, m }: { c: PageContext; m: MemberRow }) {
  return (
    <SummaryList
      rows={[
        [c.t('membership.mine.number'), esc(memberNumber(m.number))],
        [c.t('membership.overview.kind'), esc(`${kindLabel(c, m.kind)} · ${categoryLabel(c, m.kind, m.category)}`)],
        [c.t('membership.fields.country'), esc(country(c, m.country))],
        [c.t('membership.mine.joined'), esc(joined(c, m.joinedOn))],
        [c.t('membership.mine.status'), esc(`${c.t(`membership.memberStatuses.${m.status}`)}${m.statusReason ? ` — ${m.statusReason}` : ''}`)],
        [c.t('membership.mine.directory'), esc(m.listed ? c.t('membership.fields.listedYes') : c.t('membership.fields.listedNo'))],
      ]}
    />
  );
}

/** A member's own page: profile and directory visibility, representatives, export, leave, erasure. */
export function MyMembershipPage(props: { c: PageContext; member: MemberRow; people: Person[]; groups: WorkingGroupView[]; panels?: string[]; form?: FormState; repForm?: FormState; notice?: string }) {
  const { c, member: m } = props;
  const entry = publicEntryOf(m);
  const base = `/membership/${m.id}`;
  const profile = props.form ?? {
    values: {
      name: m.name,
      acronym: m.acronym,
      website: m.website,
      affiliation: m.affiliation,
      summary: m.summary,
      areas: m.areas,
      workingGroups: m.workingGroups,
      languages: m.languages,
      countriesOfOperation: m.countriesOfOperation,
      listed: m.listed ? 'yes' : 'no',
      publicFields: m.publicFields,
    },
    errors: [],
  };
  const active = m.status !== 'ended';
  const labels = { name: c.t('membership.mine.name'), website: c.t('membership.fields.website'), summary: c.t('membership.mine.summary'), repName: c.t('admin.users.name'), repTitle: c.t('membership.mine.jobTitle'), repEmail: c.t('auth.email') };
  return (
    <Layout c={c} title={m.name} form={props.form ?? props.repForm} labels={labels}>
      {props.notice ? <Banner kind={props.notice === 'last' ? 'warning' : 'success'} title={c.t(`membership.mine.notices.${props.notice}`)} /> : ''}
      <h1 safe>{m.name}</h1>
      <MemberSummary c={c} m={m} />
      <section aria-labelledby="public-entry">
        <h2 id="public-entry" safe>
          {c.t('membership.mine.publicTitle')}
        </h2>
        {entry ? (
          <>
            <div class="card directory-preview">
              <DirectoryCard c={c} e={entry} groups={props.groups} level={3} />
            </div>
            <p>
              <a href={`${c.href('/members')}?${new URLSearchParams({ q: m.name })}`} safe>
                {c.t('membership.mine.publicLink')}
              </a>
            </p>
          </>
        ) : (
          <p safe>{c.t(m.listed ? 'membership.mine.publicInactive' : 'membership.mine.publicUnlisted')}</p>
        )}
        {active ? <p class="hint" safe>{c.t('membership.mine.publicHint')}</p> : ''}
      </section>
      {active ? (
        <>
          <h2 safe>{c.t('membership.mine.profile')}</h2>
          <Form c={c} action={c.href(`${base}/profile`)}>
            <TextInput c={c} name="name" label={labels.name} form={profile} width="full" />
            {m.kind === 'institution' ? <TextInput c={c} name="acronym" label={c.t('membership.fields.acronym')} form={profile} width="short" /> : ''}
            <TextInput c={c} name="website" type="url" label={labels.website} form={profile} width="full" />
            {m.kind === 'individual' ? <TextInput c={c} name="affiliation" label={c.t('membership.fields.affiliation')} form={profile} width="full" /> : ''}
            <Textarea c={c} name="summary" label={labels.summary} hint={c.t('membership.mine.summaryHint')} rows={5} maxlength={TEXT_LIMIT} form={profile} />
            {m.kind === 'institution' ? (
              <Select c={c} name="countriesOfOperation" label={c.t('membership.fields.countriesOfOperation')} options={countryOptions(c.locale)} multiple size={6} form={profile} />
            ) : (
              ''
            )}
            <Checkboxes c={c} name="areas" label={c.t('membership.directory.areas')} options={areaOptions(c)} form={profile} />
            <Checkboxes c={c} name="workingGroups" label={c.t('membership.fields.workingGroups')} options={workingGroupOptions(c, props.groups)} form={profile} />
            <Checkboxes c={c} name="languages" label={c.t('membership.fields.languages')} options={languageOptions(c)} form={profile} />
            <Radios
              c={c}
              name="listed"
              label={c.t('membership.fields.listed')}
              options={[
                { value: 'yes', label: c.t('membership.fields.listedYes') },
                { value: 'no', label: c.t('membership.fields.listedNo') },
              ]}
              form={profile}
            />
            <Checkboxes c={c} name="publicFields" label={c.t('membership.fields.publicFields')} hint={c.t('membership.fields.publicFieldsHint')} options={PUBLIC_FIELDS.map((f) => ({ value: f, label: c.t(`membership.public.${f}`) }))} form={profile} />
            <Button label={c.t('membership.mine.save')} />
          </Form>
        </>
      ) : (
        ''
      )}

      <h2 safe>{c.t(m.kind === 'institution' ? 'membership.mine.representatives' : 'membership.mine.person')}</h2>
      <Table
        caption={c.t(m.kind === 'institution' ? 'membership.mine.representatives' : 'membership.mine.person')}
        head={[c.t('admin.users.name'), c.t('auth.email'), c.t('membership.mine.jobTitle'), c.t('admin.actions')]}
        hiddenHead={[3]}
        rows={props.people.map((p) => [
          esc(p.name),
          esc(p.email),
          esc(p.title),
          m.kind === 'institution' && props.people.length > 1 && active ? (
            <Form c={c} action={c.href(`${base}/representatives/${p.userId}/remove`)} class="inline">
              <button type="submit" class="button small secondary">
                {c.th('membership.mine.remove', { name: p.name })}
              </button>
            </Form>
          ) : (
            <span>—</span>
          ),
        ])}
      />
      {m.kind === 'institution' && active ? (
        <Form c={c} action={c.href(`${base}/representatives`)} label={c.t('membership.mine.addRepresentative')}>
          <h3 safe>{c.t('membership.mine.addRepresentative')}</h3>
          <TextInput c={c} name="repName" label={labels.repName} form={props.repForm} />
          <TextInput c={c} name="repTitle" label={labels.repTitle} form={props.repForm} />
          <TextInput c={c} name="repEmail" type="email" label={labels.repEmail} spellcheck={false} form={props.repForm} />
          <Button variant="secondary" label={c.t('membership.mine.add')} />
        </Form>
      ) : (
        ''
      )}

      {(props.panels ?? []).join('') as 'safe'}

      <h2 safe>{c.t('membership.mine.yourData')}</h2>
      <p>
        <a href={c.href(`${base}/export.json`)} download="" safe>
          {c.t('membership.mine.export')}
        </a>
      </p>
      <Form c={c} action={c.href(`${base}/erasure`)}>
        <p safe>{c.t('membership.mine.erasureHint')}</p>
        <Button variant="secondary" label={c.t('membership.mine.erasure')} />
      </Form>
      {active ? (
        <>
          <h2 safe>{c.t('membership.mine.leave')}</h2>
          <Form c={c} action={c.href(`${base}/leave`)}>
            <Textarea c={c} name="reason" label={c.t('membership.mine.leaveReason')} rows={3} maxlength={2000} />
            <Button variant="warning" label={c.t('membership.mine.leaveButton')} />
          </Form>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function NoMembershipPage({ c }: { c: PageContext }) {
  return (
    <Layout c={c} title={c.t('membership.mine.title')}>
      <h1 safe>{c.t('membership.mine.title')}</h1>
      <p safe>{c.t('membership.mine.none')}</p>
      <p>
        <a href={c.href('/join')} safe>
          {c.t('home.join')}
        </a>
      </p>
    </Layout>
  );
}

export function MembersAdminPage(props: { c: PageContext; rows: MemberRow[]; total: number; page: number; pageSize: number; query: Query; groups: WorkingGroupView[] }) {
  const { c, rows, query } = props;
  const values = { values: query, errors: [] };
  const exportQuery = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  return (
    <Layout c={c} title={c.t('membership.members.title')} admin>
      <h1 safe>{c.t('membership.members.title')}</h1>
      <Form c={c} action={c.href('/admin/members')} method="get" class="filters" label={c.t('admin.filters')}>
        <TextInput c={c} name="q" type="search" label={c.t('membership.directory.search')} form={values} />
        <Select c={c} name="status" label={c.t('membership.mine.status')} placeholder={c.t('admin.any')} options={MEMBER_STATUSES.map((s) => ({ value: s, label: c.t(`membership.memberStatuses.${s}`) }))} form={values} />
        <Select c={c} name="kind" label={c.t('membership.overview.kind')} placeholder={c.t('admin.any')} options={KINDS.map((k) => ({ value: k, label: kindLabel(c, k) }))} form={values} />
        <Select c={c} name="type" label={c.t('membership.directory.category')} placeholder={c.t('admin.any')} options={categoryOptions(c)} form={values} />
        <Select c={c} name="country" label={c.t('membership.fields.country')} placeholder={c.t('admin.any')} options={countryOptions(c.locale)} form={values} />
        <Select c={c} name="region" label={c.t('membership.queue.region')} placeholder={c.t('admin.any')} options={UNESCO_REGIONS.map((r) => ({ value: r, label: regionName(r, c.locale) }))} form={values} />
        <Select c={c} name="income" label={c.t('membership.queue.income')} placeholder={c.t('admin.any')} options={INCOME_GROUPS.map((g) => ({ value: g, label: incomeGroupName(g, c.locale) }))} form={values} />
        <Select c={c} name="wg" label={c.t('membership.public.workingGroups')} placeholder={c.t('admin.any')} options={workingGroupOptions(c, props.groups)} form={values} />
        <Button variant="secondary" label={c.t('admin.filter')} />
      </Form>
      <p class="actions">
        <a class="button secondary" href={`${c.href('/admin/members/export.csv')}${exportQuery ? `?${exportQuery}` : ''}`} safe>
          {c.t('membership.members.exportCsv')}
        </a>
        <a class="button secondary" href={`${c.href('/admin/members/export.xlsx')}${exportQuery ? `?${exportQuery}` : ''}`} safe>
          {c.t('membership.members.exportXlsx')}
        </a>
      </p>
      <Table
        caption={c.t('membership.members.caption', { total: props.total })}
        head={[c.t('membership.mine.number'), c.t('admin.users.name'), c.t('membership.overview.kind'), c.t('membership.fields.country'), c.t('membership.mine.joined'), c.t('membership.mine.status')]}
        empty={c.t('admin.none')}
        rows={rows.map((m) => [
          esc(memberNumber(m.number)),
          <a href={c.href(`/admin/members/${m.id}`)} safe>
            {m.name}
          </a>,
          esc(`${kindLabel(c, m.kind)} · ${categoryLabel(c, m.kind, m.category)}`),
          esc(country(c, m.country)),
          esc(joined(c, m.joinedOn)),
          esc(c.t(`membership.memberStatuses.${m.status}`)),
        ])}
      />
      <Pagination c={c} page={props.page} pageSize={props.pageSize} total={props.total} href={(p) => listHref(c, '/admin/members', query, { page: String(p) })} />
    </Layout>
  );
}

export function MemberAdminPage({ c, member: m, people, form, notice }: { c: PageContext; member: MemberRow; people: Person[]; form?: FormState; notice?: string }) {
  const next = MEMBER_STATUSES.filter((s) => s !== m.status);
  return (
    <Layout c={c} title={m.name} admin form={form} labels={{ status: c.t('membership.mine.status'), reason: c.t('membership.members.reason') }} before={<BackLink href={c.href('/admin/members')} label={c.t('common.back')} />}>
      {notice ? <Banner kind="success" title={c.t(`membership.members.notices.${notice}`)} /> : ''}
      <h1 safe>{m.name}</h1>
      <MemberSummary c={c} m={m} />
      <Table
        caption={c.t(m.kind === 'institution' ? 'membership.mine.representatives' : 'membership.mine.person')}
        head={[c.t('admin.users.name'), c.t('auth.email'), c.t('membership.mine.jobTitle'), c.t('admin.actions')]}
        hiddenHead={[3]}
        rows={people.map((p) => [
          esc(p.name),
          esc(p.email),
          esc(p.title),
          <Form c={c} action={c.href(`/admin/members/${m.id}/people/${p.userId}/erase`)} class="inline">
            <button type="submit" class="button small warning">
              {c.th('membership.members.erase', { name: p.name })}
            </button>
          </Form>,
        ])}
      />
      <p class="hint" safe>
        {c.t('membership.members.eraseHint')}
      </p>
      <h2 safe>{c.t('membership.members.changeStatus')}</h2>
      <Form c={c} action={c.href(`/admin/members/${m.id}/status`)}>
        <Radios c={c} name="status" label={c.t('membership.mine.status')} options={next.map((s) => ({ value: s, label: c.t(`membership.memberActions.${s}`) }))} form={form} />
        <Textarea c={c} name="reason" label={c.t('membership.members.reason')} rows={3} maxlength={2000} form={form} />
        <Button label={c.t('membership.members.record')} />
      </Form>
    </Layout>
  );
}
