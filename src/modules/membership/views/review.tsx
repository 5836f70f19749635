import type { PageContext } from '../../../platform/http/page.js';
import type { FormState } from '../../../platform/forms/validate.js';
import { Layout } from '../../../platform/ui/layout.js';
import { Button, Form, Radios, Select, Textarea, TextInput } from '../../../platform/ui/form.js';
import { BackLink, Banner, Pagination, SummaryList, Table, esc } from '../../../platform/ui/components.js';
import { formatDate, formatDateTime, formatList } from '../../../platform/i18n/format.js';
import { countryOptions, INCOME_GROUPS, incomeGroupName, regionName, UNESCO_REGIONS } from '../../../platform/geo/countries.js';
import { listHref } from '../../../platform/admin/views.js';
import type { WorkingGroupView } from '../../workinggroups/service.js';
import { applicationReference, type ApplicationRow, type InfoRound, type reviewApplication, type steeringHome } from '../applications.js';
import { DECISION_RULES, STATUSES, VOTES, type Action, type Refusal } from '../status.js';
import { KINDS } from '../fields.js';
import { categoryLabel, categoryOptions, country, kindLabel, languageName, workingGroupOptions } from './labels.js';
import { answerSections, ReviewAnswers } from './apply.js';

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

export function ApplicationPage(props: {
  c: PageContext;
  review: Review;
  groups: WorkingGroupView[];
  mode: 'secretariat' | 'steering';
  /** The list to go back to (a Committee member's home, or the list of applications sent to the Committee). */
  back: string;
  myVote?: { vote: string; comment: string };
  form?: FormState;
  notice?: string;
}) {
  const { c, review, mode } = props;
  const { app } = review;
  const reference = applicationReference(app.number);
  const title = c.t('membership.review.title', { reference, name: app.displayName || '—' });
  // The actions possible now, by the rule the service checks them with; the others, with why not.
  const { open: actions, held } = mode === 'secretariat' ? review.actions : { open: [], held: [] };
  const base = mode === 'secretariat' ? `/admin/applications/${app.id}` : `/steering/applications/${app.id}`;
  const labels = {
    action: c.t('membership.review.action'),
    note: c.t('membership.review.note'),
    internalNote: c.t('membership.review.internalNote'),
    privateNote: c.t('membership.review.internalNote'),
    vote: c.t('membership.review.yourResponse'),
    comment: c.t('membership.review.comment'),
  };
  return (
    <Layout
      c={c}
      title={title}
      admin={mode === 'secretariat'}
      form={props.form}
      labels={labels}
      before={<BackLink href={c.href(props.back)} label={c.t('common.back')} />}
    >
      {props.notice ? <Banner kind={props.notice.startsWith('refused') ? 'warning' : 'success'} title={c.t(`membership.review.notices.${props.notice}`)} /> : ''}
      <h1>{c.th('membership.review.title', { reference, name: app.displayName || '—' })}</h1>
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
            <span>{c.th('membership.review.responses', { n: review.votes.length, size: review.committeeSize })}</span>
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

      {review.lastRequest ? <ChangesSinceRequest c={c} round={review.lastRequest} kind={app.kind} groups={props.groups} /> : ''}

      {actions.length || held.length ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading" safe>
            {c.t('membership.review.actions')}
          </h2>
          {held.length ? <HeldBack c={c} held={held} /> : ''}
          {actions.length ? (
            <Form c={c} action={c.href(`${base}/transition`)}>
              <Radios c={c} name="action" label={labels.action} options={actions.map((a) => ({ value: a, label: c.t(`membership.actions.${a}`) }))} form={props.form} />
              <Textarea c={c} name="note" label={labels.note} hint={c.t('membership.review.noteHint')} rows={4} maxlength={4000} form={props.form} />
              <Textarea c={c} name="internalNote" label={labels.internalNote} hint={c.t('membership.review.internalNoteHint')} rows={3} maxlength={4000} form={props.form} />
              <Button label={c.t('membership.review.record')} />
            </Form>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}

      <section aria-labelledby="internal-notes-heading">
        <h2 id="internal-notes-heading" safe>
          {c.t('membership.review.internalNotes')}
        </h2>
        <p class="hint" safe>
          {c.t('membership.review.internalIntro')}
        </p>
        {review.notes.length ? (
          <ul class="notes">
            {review.notes.map((n) => (
              <li>
                <p class="hint">{c.th('membership.review.noteBy', { name: n.actorName || '—', when: formatDateTime(c.locale, n.at, c.timeZone), status: c.t(`membership.statuses.${n.status}`) })}</p>
                <p class="pre-line" safe>
                  {n.body}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p safe>{c.t('membership.review.noInternalNotes')}</p>
        )}
        {mode === 'secretariat' ? (
          <Form c={c} action={c.href(`${base}/notes`)}>
            <Textarea c={c} name="privateNote" label={labels.privateNote} hint={c.t('membership.review.internalNoteHint')} rows={3} maxlength={4000} form={props.form} />
            <Button variant="secondary" label={c.t('membership.review.addInternalNote')} />
          </Form>
        ) : (
          ''
        )}
      </section>

      <h2 safe>{c.t('membership.review.answers')}</h2>
      <ReviewAnswers c={c} app={app} groups={props.groups} />
      {app.documentKey ? (
        <p>
          <a href={c.href(`${base}/document`)}>
            {c.th('membership.review.download', { name: app.documentName ?? 'document.pdf' })}
          </a>
        </p>
      ) : (
        ''
      )}

      <h2 safe>{c.t('membership.overview.history')}</h2>
      <Table
        caption={c.t('membership.overview.history')}
        hideCaption
        head={[c.t('membership.overview.when'), c.t('membership.review.who'), c.t('membership.overview.status'), c.t('membership.review.messageColumn')]}
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

/** The actions the status allows but the decision rule holds back for now, grouped by why. */
function HeldBack({ c, held }: { c: PageContext; held: { action: Action; reason: Refusal }[] }) {
  const reasons = [...new Set(held.map((h) => h.reason))];
  return (
    <ul>
      {reasons.map((r) => (
        <li>
          <strong safe>
            {c.t('membership.review.notNow', {
              actions: formatList(
                c.locale,
                held.filter((h) => h.reason === r).map((h) => c.t(`membership.actions.${h.action}`)),
              ),
            })}
          </strong>{' '}
          <span safe>{c.t(`membership.review.notices.refused-${r}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** What the applicant changed after the last request for information (before → after), and their reply. */
function ChangesSinceRequest({ c, round, kind, groups }: { c: PageContext; round: InfoRound; kind: string; groups: WorkingGroupView[] }) {
  const rowsOf = (s: InfoRound['before']) => new Map(answerSections(c, { kind, data: s.data, documentName: s.documentName }, groups).flatMap(({ step, rows }) => rows.map(([label, value]) => [`${step}\u0000${label}`, { label, value }] as const)));
  const before = rowsOf(round.before);
  const after = rowsOf(round.after);
  const keys = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k)?.value !== after.get(k)?.value);
  return (
    <section aria-labelledby="changes-heading">
      <h2 id="changes-heading" safe>
        {c.t('membership.review.changes.title')}
      </h2>
      <SummaryList
        rows={[
          [c.t('membership.review.changes.request', { date: formatDate(c.locale, round.requestedAt, c.timeZone) }), <span class="pre-line" safe>{round.request}</span>],
          [
            c.t('membership.review.changes.reply', { date: formatDate(c.locale, round.repliedAt, c.timeZone) }),
            round.reply ? <span class="pre-line" safe>{round.reply}</span> : <span safe>{c.t('membership.review.changes.noReply')}</span>,
          ],
        ]}
      />
      {keys.length ? (
        <Table
          caption={c.t('membership.review.changes.caption', { n: keys.length })}
          head={[c.t('membership.review.changes.answer'), c.t('membership.review.changes.before'), c.t('membership.review.changes.after')]}
          rows={keys.map((k) => [
            esc((before.get(k) ?? after.get(k))!.label),
            <del class="pre-line" safe>{before.get(k)?.value ?? '—'}</del>,
            <ins class="pre-line" safe>{after.get(k)?.value ?? '—'}</ins>,
          ])}
        />
      ) : (
        <p safe>{c.t('membership.review.changes.none')}</p>
      )}
    </section>
  );
}

type SteeringHome = Awaited<ReturnType<typeof steeringHome>>;

/** A Steering Committee member's home: what awaits their response, what they answered that is still open, recent decisions. */
export function SteeringHomePage({ c, home }: { c: PageContext; home: SteeringHome }) {
  const link = (r: { id: string; number: number }) => (
    <a href={c.href(`/steering/applications/${r.id}`)} safe>
      {applicationReference(r.number)}
    </a>
  );
  const date = (d: Date | null) => esc(d ? formatDate(c.locale, d, c.timeZone) : '—');
  const vote = (v: string | null) => esc(v ? c.t(`membership.votes.${v}`) : '—');
  const h = (k: string) => c.t(`membership.steeringHome.${k}`);
  return (
    <Layout c={c} title={h('title')}>
      <h1 safe>{h('title')}</h1>
      <p safe>{h('intro')}</p>
      <section aria-labelledby="awaiting-heading">
        <h2 id="awaiting-heading" safe>
          {h('awaiting')}
        </h2>
        <Table
          caption={c.t('membership.steeringHome.awaitingCaption', { n: home.awaiting.length })}
          head={[c.t('membership.queue.reference'), c.t('membership.queue.applicant'), c.t('membership.fields.country'), h('respondBy')]}
          empty={h('noneAwaiting')}
          rows={home.awaiting.map((r) => [link(r), esc(r.displayName), esc(country(c, r.country)), date(r.deadline)])}
        />
      </section>
      <section aria-labelledby="responded-heading">
        <h2 id="responded-heading" safe>
          {h('responded')}
        </h2>
        <Table
          caption={c.t('membership.steeringHome.respondedCaption', { n: home.responded.length })}
          head={[c.t('membership.queue.reference'), c.t('membership.queue.applicant'), c.t('membership.review.yourResponse'), h('changeBy')]}
          empty={h('noneResponded')}
          rows={home.responded.map((r) => [link(r), esc(r.displayName), vote(r.myVote), date(r.deadline)])}
        />
      </section>
      <section aria-labelledby="decided-heading">
        <h2 id="decided-heading" safe>
          {h('decided')}
        </h2>
        <Table
          caption={c.t('membership.steeringHome.decidedCaption', { n: home.decided.length })}
          head={[c.t('membership.queue.reference'), c.t('membership.queue.applicant'), h('decision'), h('decidedOn'), c.t('membership.review.yourResponse')]}
          empty={h('noneDecided')}
          rows={home.decided.map((r) => [link(r), esc(r.displayName), esc(c.t(`membership.statuses.${r.status}`)), date(r.decidedAt), vote(r.myVote)])}
        />
      </section>
      <p>
        <a href={c.href('/steering/applications')} safe>
          {h('all')}
        </a>
      </p>
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

export function SteeringQueuePage({ c, rows, home }: { c: PageContext; rows: SteeringRow[]; /** A Committee member: a link back to their home. */ home: boolean }) {
  return (
    <Layout c={c} title={c.t('membership.steeringQueue.title')} before={home ? <BackLink href={c.href('/steering')} label={c.t('common.back')} /> : undefined}>
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
