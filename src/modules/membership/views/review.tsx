import type { PageContext } from '../../../platform/http/page.js';
import type { FormState } from '../../../platform/forms/validate.js';
import { Layout } from '../../../platform/ui/layout.js';
import { Button, Form, Radios, Select, Textarea, TextInput } from '../../../platform/ui/form.js';
import { BackLink, Banner, Pagination, SummaryList, Table, esc } from '../../../platform/ui/components.js';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.js';
import { countryOptions, INCOME_GROUPS, incomeGroupName, regionName, UNESCO_REGIONS } from '../../../platform/geo/countries.js';
import { listHref } from '../../../platform/admin/views.js';
import type { WorkingGroupView } from '../../workinggroups/service.js';
import { applicationReference, type ApplicationRow, type reviewApplication } from '../applications.js';
import { actionsFor, DECISION_RULES, STATUSES, VOTES, type Status } from '../status.js';
import { KINDS } from '../fields.js';
import { categoryLabel, categoryOptions, country, kindLabel, languageName, workingGroupOptions } from './labels.js';
import { ReviewAnswers } from './apply.js';

type Query = Record<string, string | undefined>;

export interface QueueRow {
  id: string;
  number: number;
  kind: string;
  status: string;
  displayName: string;
  country: string | null;
  orgType: string | null;
  submittedAt: Date | null;
  duplicates: ApplicationRow['duplicates'];
}

const days = (from: Date | null, now: Date) => (from ? Math.floor((now.getTime() - from.getTime()) / 86_400_000) : 0);

export function QueuePage(props: { c: PageContext; rows: QueueRow[]; total: number; page: number; pageSize: number; query: Query; groups: WorkingGroupView[]; now: Date }) {
  const { c, rows, query } = props;
  const values = { values: query, errors: [] };
  return (
    <Layout c={c} title={c.t('membership.queue.title')} admin>
      <h1 safe>{c.t('membership.queue.title')}</h1>
      <p>
        <a href={c.href('/admin/membership/settings')} safe>
          {c.t('membership.settings.title')}
        </a>
      </p>
      <Form c={c} action={c.href('/admin/applications')} method="get" class="filters" label={c.t('admin.filters')}>
        <TextInput c={c} name="q" type="search" label={c.t('membership.queue.search')} form={values} />
        <Select c={c} name="status" label={c.t('membership.overview.status')} placeholder={c.t('admin.any')} options={STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: c.t(`membership.statuses.${s}`) }))} form={values} />
        <Select c={c} name="kind" label={c.t('membership.overview.kind')} placeholder={c.t('admin.any')} options={KINDS.map((k) => ({ value: k, label: kindLabel(c, k) }))} form={values} />
        <Select c={c} name="type" label={c.t('membership.queue.type')} placeholder={c.t('admin.any')} options={categoryOptions(c)} form={values} />
        <Select c={c} name="country" label={c.t('membership.fields.country')} placeholder={c.t('admin.any')} options={countryOptions(c.locale)} form={values} />
        <Select c={c} name="region" label={c.t('membership.queue.region')} placeholder={c.t('admin.any')} options={UNESCO_REGIONS.map((r) => ({ value: r, label: regionName(r, c.locale) }))} form={values} />
        <Select c={c} name="income" label={c.t('membership.queue.income')} placeholder={c.t('admin.any')} options={INCOME_GROUPS.map((g) => ({ value: g, label: incomeGroupName(g, c.locale) }))} form={values} />
        <Select c={c} name="wg" label={c.t('membership.public.workingGroups')} placeholder={c.t('admin.any')} options={workingGroupOptions(c, props.groups)} form={values} />
        <Select
          c={c}
          name="sort"
          label={c.t('membership.queue.sort')}
          options={['oldest', 'newest', 'name', 'country'].map((s) => ({ value: s, label: c.t(`membership.queue.sorts.${s}`) }))}
          form={values}
        />
        <Button variant="secondary" label={c.t('admin.filter')} />
      </Form>
      <Table
        caption={c.t('membership.queue.caption', { total: props.total })}
        head={[c.t('membership.queue.reference'), c.t('membership.queue.applicant'), c.t('membership.overview.kind'), c.t('membership.fields.country'), c.t('membership.overview.status'), c.t('membership.queue.age')]}
        numeric={[5]}
        empty={c.t('admin.none')}
        rows={rows.map((r) => [
          <a href={c.href(`/admin/applications/${r.id}`)} safe>
            {applicationReference(r.number)}
          </a>,
          <>
            <span safe>{r.displayName || '—'}</span>
            {r.duplicates.length ? (
              <>
                {' '}
                <span class="tag warn" safe>
                  {c.t('membership.queue.possibleDuplicate')}
                </span>
              </>
            ) : (
              ''
            )}
          </>,
          esc(`${kindLabel(c, r.kind)} · ${categoryLabel(c, r.kind, r.orgType)}`),
          esc(country(c, r.country)),
          esc(c.t(`membership.statuses.${r.status}`)),
          esc(c.t('membership.queue.days', { days: days(r.submittedAt, props.now) })),
        ])}
      />
      <Pagination c={c} page={props.page} pageSize={props.pageSize} total={props.total} href={(p) => listHref(c, '/admin/applications', query, { page: String(p) })} />
    </Layout>
  );
}

type Review = NonNullable<Awaited<ReturnType<typeof reviewApplication>>>;

export function ApplicationPage(props: { c: PageContext; review: Review; groups: WorkingGroupView[]; mode: 'secretariat' | 'steering'; myVote?: { vote: string; comment: string }; form?: FormState; notice?: string }) {
  const { c, review, mode } = props;
  const { app } = review;
  const reference = applicationReference(app.number);
  const title = c.t('membership.review.title', { reference, name: app.displayName || '—' });
  const actions = mode === 'secretariat' ? actionsFor('secretariat', app.status as Status) : [];
  const base = mode === 'secretariat' ? `/admin/applications/${app.id}` : `/steering/applications/${app.id}`;
  return (
    <Layout
      c={c}
      title={title}
      admin={mode === 'secretariat'}
      form={props.form}
      labels={{ note: c.t('membership.review.note'), vote: c.t('membership.review.yourResponse') }}
      before={<BackLink href={c.href(mode === 'secretariat' ? '/admin/applications' : '/steering/applications')} label={c.t('common.back')} />}
    >
      {props.notice ? <Banner kind={props.notice.startsWith('refused') ? 'warning' : 'success'} title={c.t(`membership.review.notices.${props.notice}`)} /> : ''}
      <h1 safe>{title}</h1>
      <SummaryList
        rows={[
          [c.t('membership.overview.status'), <strong safe>{c.t(`membership.statuses.${app.status}`)}</strong>],
          [c.t('membership.overview.kind'), esc(kindLabel(c, app.kind))],
          [c.t('membership.join.email'), esc(`${app.email}${app.emailConfirmedAt ? '' : ` (${c.t('membership.overview.notConfirmed')})`}`)],
          [c.t('membership.review.submitted'), esc(app.submittedAt ? formatDateTime(c.locale, app.submittedAt, c.timeZone) : '—')],
          [c.t('membership.review.language'), esc(languageName(c, app.locale))],
        ]}
      />
      {app.duplicates.length ? (
        <Banner kind="warning" title={c.t('membership.review.duplicates')}>
          <ul>
            {app.duplicates.map((d) => (
              <li>
                {d.type === 'application' ? (
                  <a href={c.href(`/admin/applications/${d.id}`)} safe>
                    {d.label}
                  </a>
                ) : (
                  <a href={c.href(`/admin/members/${d.id}`)} safe>
                    {d.label}
                  </a>
                )}{' '}
                <span safe>({c.t(`membership.review.duplicateReasons.${d.reason}`)})</span>
              </li>
            ))}
          </ul>
        </Banner>
      ) : (
        ''
      )}

      {review.outcome ? (
        <section aria-labelledby="sc-heading">
          <h2 id="sc-heading" safe>
            {c.t('membership.review.steering')}
          </h2>
          <p safe>
            {c.t('membership.review.rule', {
              rule: c.t(`membership.settings.rules.${review.settings.rule}`),
              deadline: review.deadline ? formatDate(c.locale, review.deadline, c.timeZone) : '—',
            })}
          </p>
          <p>
            <strong safe>{c.t(`membership.review.outcomes.${review.outcome}`)}</strong>{' '}
            <span safe>{c.t('membership.review.responses', { n: review.votes.length, size: review.committeeSize })}</span>
          </p>
          <Table
            caption={c.t('membership.review.votesCaption')}
            head={[c.t('membership.review.member'), c.t('membership.review.yourResponse'), c.t('membership.review.comment')]}
            empty={c.t('membership.review.noVotes')}
            rows={review.votes.map((v) => [esc(v.name), esc(c.t(`membership.votes.${v.vote}`)), <span class="pre-line" safe>{v.comment}</span>])}
          />
        </section>
      ) : (
        ''
      )}

      {mode === 'steering' && app.status === 'recommended' ? (
        <section aria-labelledby="vote-heading">
          <h2 id="vote-heading" safe>
            {c.t('membership.review.yourResponse')}
          </h2>
          <Form c={c} action={c.href(`${base}/vote`)}>
            <Radios
              c={c}
              name="vote"
              label={c.t('membership.review.yourResponse')}
              options={VOTES.map((v) => ({ value: v, label: c.t(`membership.votes.${v}`) }))}
              form={props.form ?? { values: props.myVote ?? {}, errors: [] }}
              inline
            />
            <Textarea c={c} name="comment" label={c.t('membership.review.comment')} rows={3} maxlength={2000} form={props.form ?? { values: props.myVote ?? {}, errors: [] }} />
            <Button label={c.t('membership.review.saveResponse')} />
          </Form>
        </section>
      ) : (
        ''
      )}

      {actions.length ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading" safe>
            {c.t('membership.review.actions')}
          </h2>
          <Form c={c} action={c.href(`${base}/transition`)}>
            <Radios c={c} name="action" label={c.t('membership.review.action')} options={actions.map((a) => ({ value: a, label: c.t(`membership.actions.${a}`) }))} form={props.form} />
            <Textarea c={c} name="note" label={c.t('membership.review.note')} hint={c.t('membership.review.noteHint')} rows={4} maxlength={4000} form={props.form} />
            <Button label={c.t('membership.review.record')} />
          </Form>
        </section>
      ) : (
        ''
      )}

      <h2 safe>{c.t('membership.review.answers')}</h2>
      <ReviewAnswers c={c} app={app} groups={props.groups} />
      {app.documentKey ? (
        <p>
          <a href={c.href(`${base}/document`)} safe>
            {c.t('membership.review.download', { name: app.documentName ?? 'document.pdf' })}
          </a>
        </p>
      ) : (
        ''
      )}

      <h2 safe>{c.t('membership.overview.history')}</h2>
      <Table
        caption={c.t('membership.overview.history')}
        head={[c.t('membership.overview.when'), c.t('membership.review.who'), c.t('membership.overview.status'), c.t('membership.overview.note')]}
        rows={review.history.map((h) => [
          esc(formatDateTime(c.locale, h.at, c.timeZone)),
          esc(h.actorName || c.t('membership.review.applicant')),
          esc(`${h.fromStatus ? `${c.t(`membership.statuses.${h.fromStatus}`)} → ` : ''}${c.t(`membership.statuses.${h.toStatus}`)}`),
          <span class="pre-line" safe>
            {h.note}
          </span>,
        ])}
      />
    </Layout>
  );
}

export interface SteeringRow {
  id: string;
  number: number;
  kind: string;
  status: string;
  displayName: string;
  country: string | null;
  recommendedAt: Date | null;
  myVote: string | null;
}

export function SteeringQueuePage({ c, rows }: { c: PageContext; rows: SteeringRow[] }) {
  return (
    <Layout c={c} title={c.t('membership.steeringQueue.title')}>
      <h1 safe>{c.t('membership.steeringQueue.title')}</h1>
      <p safe>{c.t('membership.steeringQueue.intro')}</p>
      <Table
        caption={c.t('membership.steeringQueue.caption', { total: rows.length })}
        head={[c.t('membership.queue.reference'), c.t('membership.queue.applicant'), c.t('membership.fields.country'), c.t('membership.overview.status'), c.t('membership.review.yourResponse')]}
        empty={c.t('admin.none')}
        rows={rows.map((r) => [
          <a href={c.href(`/steering/applications/${r.id}`)} safe>
            {applicationReference(r.number)}
          </a>,
          esc(r.displayName),
          esc(country(c, r.country)),
          esc(c.t(`membership.statuses.${r.status}`)),
          esc(r.myVote ? c.t(`membership.votes.${r.myVote}`) : '—'),
        ])}
      />
    </Layout>
  );
}

export function SettingsPage({ c, values, form, saved }: { c: PageContext; values: { rule: string; days: number }; form?: FormState; saved?: boolean }) {
  const state = form ?? { values: { rule: values.rule, days: String(values.days) }, errors: [] };
  return (
    <Layout c={c} title={c.t('membership.settings.title')} admin form={form} labels={{ rule: c.t('membership.settings.rule'), days: c.t('membership.settings.days') }}>
      {saved ? <Banner kind="success" title={c.t('membership.settings.saved')} /> : ''}
      <h1 safe>{c.t('membership.settings.title')}</h1>
      <Form c={c} action={c.href('/admin/membership/settings')}>
        <Radios
          c={c}
          name="rule"
          label={c.t('membership.settings.rule')}
          options={DECISION_RULES.map((r) => ({ value: r, label: c.t(`membership.settings.rules.${r}`), hint: c.t(`membership.settings.ruleHints.${r}`) }))}
          form={state}
        />
        <TextInput c={c} name="days" type="number" inputmode="numeric" label={c.t('membership.settings.days')} hint={c.t('membership.settings.daysHint')} width="short" form={state} />
        <Button label={c.t('membership.settings.save')} />
      </Form>
    </Layout>
  );
}
