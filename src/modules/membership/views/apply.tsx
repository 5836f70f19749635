import type { PageContext } from '../../../platform/http/page.js';
import type { FormState } from '../../../platform/forms/validate.js';
import { Layout } from '../../../platform/ui/layout.js';
import { Button, Checkboxes, FileUpload, Form, Radios, Select, Textarea, TextInput } from '../../../platform/ui/form.js';
import { BackLink, Banner, SummaryList, Table, esc } from '../../../platform/ui/components.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import { countryOptions } from '../../../platform/geo/countries.js';
import type { WorkingGroupView } from '../../workinggroups/service.js';
import { MAX_REPRESENTATIVES, PUBLIC_FIELDS, TEXT_LIMIT, TOR_AREAS, stepsFor, type ApplicationData, type Kind, type StepName } from '../fields.js';
import type { ApplicationRow } from '../applications.js';
import { applicationReference } from '../applications.js';
import { applicantStage, type Stage } from '../status.js';
import {
  areaLabel,
  areaOptions,
  categoryLabel,
  country,
  kindLabel,
  kindOptions,
  languageName,
  languageOptions,
  orgTypeOptions,
  roleOptions,
  workingGroupOptions,
} from './labels.js';

// ---------------------------------------------------------------- Join (start)

export function JoinPage({ c, form }: { c: PageContext; form?: FormState }) {
  const labels = { kind: c.t('membership.join.kind'), email: c.t('membership.join.email') };
  return (
    <Layout c={c} title={c.t('membership.join.title')} form={form} labels={labels}>
      <h1 safe>{c.t('membership.join.title')}</h1>
      <p safe>{c.t('membership.join.intro')}</p>
      <h2 safe>{c.t('membership.join.criteriaHeading')}</h2>
      <p safe>{c.t('membership.join.criteria')}</p>
      <ul>
        {TOR_AREAS.map((a) => (
          <li safe>{areaLabel(c, a)}</li>
        ))}
      </ul>
      <h2 safe>{c.t('membership.join.kindsHeading')}</h2>
      <p safe>{c.t('membership.join.kinds')}</p>
      <h2 safe>{c.t('membership.join.howHeading')}</h2>
      <p safe>{c.t('membership.join.how')}</p>
      <Form c={c} action={c.href('/join')}>
        <Radios c={c} name="kind" label={labels.kind} options={kindOptions(c)} form={form} />
        <TextInput c={c} name="email" type="email" label={labels.email} hint={c.t('membership.join.emailHint')} autocomplete="email" spellcheck={false} form={form} />
        {/* A field people never see: robots fill it in, and their applications are dropped. */}
        <div class="visually-hidden" aria-hidden="true">
          <label for="f-homepage">Homepage</label>
          <input id="f-homepage" name="homepage" type="text" tabindex="-1" autocomplete="off" />
        </div>
        <Button label={c.t('membership.join.start')} />
      </Form>
    </Layout>
  );
}

export function StartedPage({ c, email }: { c: PageContext; email: string }) {
  return (
    <Layout c={c} title={c.t('membership.started.title')}>
      <h1 safe>{c.t('membership.started.title')}</h1>
      <p>{c.th('membership.started.body', { email })}</p>
    </Layout>
  );
}

// ---------------------------------------------------------------- the application (private link)

export interface OverviewData {
  app: ApplicationRow;
  token: string;
  incomplete: StepName[];
  history: { at: Date; toStatus: string; note: string; actorName: string }[];
  notice?: string;
}

const stepHref = (c: PageContext, token: string, step: StepName) => c.href(`/apply/${token}/${step}`);

export function OverviewPage({ c, data }: { c: PageContext; data: OverviewData }) {
  const { app, token } = data;
  const kind = app.kind as Kind;
  const editable = app.status === 'draft' || app.status === 'info_requested';
  const steps = stepsFor(kind).filter((s) => s !== 'review');
  const title = c.t('membership.overview.title', { reference: applicationReference(app.number) });
  const stage = applicantStage(app);
  return (
    <Layout c={c} title={title}>
      {data.notice ? <Banner kind={data.notice === 'awaiting-confirmation' || data.notice === 'limited' ? 'warning' : 'success'} title={c.t(`membership.notice.${data.notice}`)} /> : ''}
      <h1>{c.th('membership.overview.title', { reference: applicationReference(app.number) })}</h1>
      <SummaryList
        rows={[
          [c.t('membership.overview.kind'), esc(kindLabel(c, kind))],
          [c.t('membership.overview.status'), <strong safe>{c.t(`membership.statuses.${app.status}`)}</strong>],
          [
            c.t('membership.join.email'),
            <>
              <bdi safe>{app.email}</bdi>
              <span safe>{` — ${c.t(app.emailConfirmedAt ? 'membership.overview.confirmed' : 'membership.overview.notConfirmed')}`}</span>
            </>,
          ],
        ]}
      />
      <WhatNext c={c} app={app} token={token} stage={stage} />
      <p class="hint" safe>
        {c.t('membership.overview.private')}
      </p>
      {editable ? (
        <>
          <h2 safe>{c.t('membership.overview.steps')}</h2>
          <ol class="task-list">
            {steps.map((s) => (
              <li>
                <a href={stepHref(c, token, s)} safe>
                  {c.t(`membership.steps.${s}`)}
                </a>{' '}
                <span class={data.incomplete.includes(s) ? 'tag' : 'tag done'} safe>
                  {c.t(data.incomplete.includes(s) ? 'membership.overview.todo' : 'membership.overview.done')}
                </span>
              </li>
            ))}
          </ol>
          {stage === 'complete' ? (
            <p>
              <a class="button primary" href={stepHref(c, token, 'review')} safe>
                {c.t('membership.overview.reviewAndSubmit')}
              </a>
            </p>
          ) : stage === 'more-information' ? (
            <Form c={c} action={c.href(`/apply/${token}/amend`)}>
              <ReplyField c={c} />
              <Button label={c.t('membership.overview.sendChanges')} />
            </Form>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
      <h2 safe>{c.t('membership.overview.history')}</h2>
      <Table
        caption={c.t('membership.overview.history')}
        hideCaption
        head={[c.t('membership.overview.when'), c.t('membership.overview.status'), c.t('membership.overview.note')]}
        rows={data.history.map((h) => [
          esc(formatDateTime(c.locale, h.at, c.timeZone)),
          esc(c.t(`membership.statuses.${h.toStatus}`)),
          <span class="pre-line" safe>
            {h.note}
          </span>,
        ])}
      />
      {['draft', 'submitted', 'screening', 'info_requested', 'recommended'].includes(app.status) ? (
        <p>
          <a href={c.href(`/apply/${token}/withdraw`)} safe>
            {c.t('membership.overview.withdraw')}
          </a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** The applicant's optional reply when they send their application back after a request for information. */
function ReplyField({ c, form }: { c: PageContext; form?: FormState }) {
  return <Textarea c={c} name="reply" label={c.t('membership.overview.reply')} hint={c.t('membership.overview.replyHint')} rows={4} maxlength={4000} form={form} />;
}

/** What happens next, at each stage of the application, and what the applicant can do. */
function WhatNext({ c, app, token, stage }: { c: PageContext; app: ApplicationRow; token: string; stage: Stage }) {
  const resend = (
    <Form c={c} action={c.href(`/apply/${token}/resend-confirmation`)}>
      <Button variant="secondary" label={c.t('membership.overview.resend')} />
    </Form>
  );
  return (
    <section aria-labelledby="next-heading">
      <h2 id="next-heading" safe>
        {c.t('membership.next.title')}
      </h2>
      <p>{c.th(`membership.next.${stage}`, { email: app.email })}</p>
      {stage === 'confirm-email' ? resend : ''}
      {stage === 'complete' && !app.emailConfirmedAt ? (
        <>
          <p safe>{c.t('membership.overview.confirmFirst')}</p>
          {resend}
        </>
      ) : (
        ''
      )}
      {stage === 'more-information' ? (
        <Banner kind="warning" title={c.t('membership.overview.infoRequested')}>
          <p class="pre-line" safe>
            {app.infoRequest ?? ''}
          </p>
        </Banner>
      ) : (
        ''
      )}
      {stage === 'approved' ? (
        <p>
          <a href={c.href('/sign-in')} safe>
            {c.t('layout.signIn')}
          </a>
        </p>
      ) : (
        ''
      )}
      {stage === 'withdrawn' ? (
        <p>
          <a href={c.href('/join')} safe>
            {c.t('membership.join.title')}
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

export function WithdrawPage({ c, token }: { c: PageContext; token: string }) {
  return (
    <Layout c={c} title={c.t('membership.withdraw.title')} before={<BackLink href={c.href(`/apply/${token}`)} label={c.t('common.back')} />}>
      <h1 safe>{c.t('membership.withdraw.title')}</h1>
      <p safe>{c.t('membership.withdraw.body')}</p>
      <Form c={c} action={c.href(`/apply/${token}/withdraw`)}>
        <Textarea c={c} name="note" label={c.t('membership.withdraw.reason')} rows={3} maxlength={2000} />
        <Button variant="warning" label={c.t('membership.withdraw.confirm')} />
      </Form>
    </Layout>
  );
}

export function ConfirmEmailPage({ c, email, token }: { c: PageContext; email: string; token: string }) {
  return (
    <Layout c={c} title={c.t('membership.confirm.title')}>
      <h1 safe>{c.t('membership.confirm.title')}</h1>
      <p>{c.th('membership.confirm.body', { email })}</p>
      <Form c={c} action={c.href(`/apply/confirm/${token}`)}>
        <Button label={c.t('membership.confirm.button')} />
      </Form>
    </Layout>
  );
}

export function LinkNotFoundPage({ c }: { c: PageContext }) {
  return (
    <Layout c={c} title={c.t('membership.linkNotFound.title')}>
      <h1 safe>{c.t('membership.linkNotFound.title')}</h1>
      <p safe>{c.t('membership.linkNotFound.body')}</p>
      <p>
        <a href={c.href('/join')} safe>
          {c.t('membership.join.title')}
        </a>
      </p>
    </Layout>
  );
}

// ---------------------------------------------------------------- one step

export interface StepData {
  app: ApplicationRow;
  token: string;
  step: StepName;
  groups: WorkingGroupView[];
  form: FormState;
  incomplete?: StepName[];
}

function stepLabels(c: PageContext, step: StepName): Record<string, string> {
  const l: Record<string, string> = {};
  const names: Record<StepName, string[]> = {
    organisation: ['orgName', 'acronym', 'orgType', 'orgTypeOther', 'website'],
    'about-you': ['name', 'role', 'roleOther', 'representsGovernment', 'government', 'affiliation'],
    location: ['country', 'countriesOfOperation'],
    representatives: [],
    criteria: ['mandate', 'expertise', 'trackRecord', 'areas', 'areasOther'],
    participation: ['workingGroups', 'languages', 'languagesOther'],
    document: ['document'],
    consent: ['consentTor', 'consentPrivacy', 'listed', 'publicFields'],
    review: [],
  };
  for (const n of names[step]) l[n] = c.t(`membership.fields.${n}`);
  for (let i = 1; i <= MAX_REPRESENTATIVES; i++) {
    l[`rep${i}Name`] = c.t('membership.fields.repName', { n: i });
    l[`rep${i}Title`] = c.t('membership.fields.repTitle', { n: i });
    l[`rep${i}Email`] = c.t('membership.fields.repEmail', { n: i });
  }
  return l;
}

export function StepPage({ c, data }: { c: PageContext; data: StepData }) {
  const { app, token, step, form } = data;
  const kind = app.kind as Kind;
  const steps = stepsFor(kind);
  const index = steps.indexOf(step);
  const labels = stepLabels(c, step);
  const heading = c.t(`membership.steps.${step}`);
  const countries = countryOptions(c.locale);
  const limitHint = c.t('membership.fields.limit', { max: formatNumber(c.locale, TEXT_LIMIT) });
  const fields: Record<StepName, () => JSX.Element> = {
    organisation: () => (
      <>
        <TextInput c={c} name="orgName" label={labels.orgName!} autocomplete="organization" form={form} width="full" />
        <TextInput c={c} name="acronym" label={labels.acronym!} hint={c.t('membership.fields.optional')} form={form} width="short" />
        <Radios c={c} name="orgType" label={labels.orgType!} options={orgTypeOptions(c)} form={form} />
        <TextInput c={c} name="orgTypeOther" label={labels.orgTypeOther!} hint={c.t('membership.fields.ifOther')} form={form} />
        <TextInput c={c} name="website" type="url" label={labels.website!} hint={c.t('membership.fields.websiteHint')} form={form} width="full" />
      </>
    ),
    'about-you': () => (
      <>
        <TextInput c={c} name="name" label={labels.name!} autocomplete="name" form={form} />
        <Radios c={c} name="role" label={labels.role!} options={roleOptions(c)} form={form} />
        <TextInput c={c} name="roleOther" label={labels.roleOther!} hint={c.t('membership.fields.ifOther')} form={form} />
        <Radios
          c={c}
          name="representsGovernment"
          label={labels.representsGovernment!}
          hint={c.t('membership.fields.ifPolicymaker')}
          options={[
            { value: 'yes', label: c.t('common.yes') },
            { value: 'no', label: c.t('common.no') },
          ]}
          inline
          form={form}
        />
        <Select c={c} name="government" label={labels.government!} hint={c.t('membership.fields.governmentHint')} placeholder="—" options={countries} form={form} />
        <TextInput c={c} name="affiliation" label={labels.affiliation!} hint={c.t('membership.fields.optional')} autocomplete="organization" form={form} width="full" />
      </>
    ),
    location: () => (
      <>
        <Select c={c} name="country" label={kind === 'institution' ? c.t('membership.fields.headquarters') : labels.country!} placeholder="—" options={countries} form={form} />
        {kind === 'institution' ? (
          <Select
            c={c}
            name="countriesOfOperation"
            label={labels.countriesOfOperation!}
            hint={c.t('membership.fields.countriesHint')}
            options={countries}
            multiple
            size={8}
            form={form}
          />
        ) : (
          ''
        )}
      </>
    ),
    representatives: () => (
      <>
        <p safe>{c.t('membership.fields.representativesIntro')}</p>
        {[1, 2, 3].map((i) => (
          <fieldset class="group">
            <legend>{c.th('membership.fields.representative', { n: i })}</legend>
            <TextInput c={c} name={`rep${i}Name`} label={labels[`rep${i}Name`]!} form={form} />
            <TextInput c={c} name={`rep${i}Title`} label={labels[`rep${i}Title`]!} hint={c.t('membership.fields.optional')} form={form} />
            <TextInput c={c} name={`rep${i}Email`} type="email" label={labels[`rep${i}Email`]!} spellcheck={false} form={form} />
          </fieldset>
        ))}
      </>
    ),
    criteria: () => (
      <>
        <Textarea c={c} name="mandate" label={labels.mandate!} hint={`${c.t('membership.fields.mandateHint')} ${limitHint}`} rows={6} maxlength={TEXT_LIMIT} form={form} />
        <Textarea c={c} name="expertise" label={labels.expertise!} hint={`${c.t('membership.fields.expertiseHint')} ${limitHint}`} rows={6} maxlength={TEXT_LIMIT} form={form} />
        <Textarea c={c} name="trackRecord" label={labels.trackRecord!} hint={`${c.t('membership.fields.trackRecordHint')} ${limitHint}`} rows={6} maxlength={TEXT_LIMIT} form={form} />
        <Checkboxes c={c} name="areas" label={labels.areas!} hint={c.t('membership.fields.areasHint')} options={areaOptions(c)} form={form} />
        <TextInput c={c} name="areasOther" label={labels.areasOther!} hint={c.t('membership.fields.ifOther')} form={form} width="full" />
      </>
    ),
    participation: () => (
      <>
        <Checkboxes c={c} name="workingGroups" label={labels.workingGroups!} hint={c.t('membership.fields.workingGroupsHint')} options={workingGroupOptions(c, data.groups)} form={form} />
        <Checkboxes c={c} name="languages" label={labels.languages!} options={languageOptions(c)} form={form} />
        <TextInput c={c} name="languagesOther" label={labels.languagesOther!} hint={c.t('membership.fields.ifOther')} form={form} />
      </>
    ),
    document: () => (
      <>
        {app.documentName ? (
          <p>{c.th('membership.fields.documentAttached', { name: app.documentName, size: formatNumber(c.locale, Math.ceil((app.documentSize ?? 0) / 1024)) })}</p>
        ) : (
          ''
        )}
        <FileUpload c={c} name="document" label={labels.document!} hint={c.t('membership.fields.documentHint')} accept="application/pdf,.pdf" form={form} />
      </>
    ),
    consent: () => (
      <>
        <p safe>{c.t('membership.fields.torSummary')}</p>
        <Checkboxes c={c} name="consentTor" label={labels.consentTor!} options={[{ value: 'yes', label: c.t('membership.fields.consentTorLabel') }]} form={form} />
        <p>
          <a href={c.href('/privacy')} safe>
            {c.t('nav.privacy')}
          </a>
        </p>
        <Checkboxes c={c} name="consentPrivacy" label={labels.consentPrivacy!} options={[{ value: 'yes', label: c.t('membership.fields.consentPrivacyLabel') }]} form={form} />
        <Radios
          c={c}
          name="listed"
          label={labels.listed!}
          options={[
            { value: 'yes', label: c.t('membership.fields.listedYes') },
            { value: 'no', label: c.t('membership.fields.listedNo') },
          ]}
          form={form}
        />
        <Checkboxes
          c={c}
          name="publicFields"
          label={labels.publicFields!}
          hint={c.t('membership.fields.publicFieldsHint')}
          options={PUBLIC_FIELDS.map((f) => ({ value: f, label: c.t(`membership.public.${f}`) }))}
          form={form}
        />
      </>
    ),
    review: () => <ReviewAnswers c={c} app={app} groups={data.groups} token={token} />,
  };
  const isDocument = step === 'document';
  const action = isDocument ? c.href(`/apply/${token}/document`) : step === 'review' ? c.href(`/apply/${token}/submit`) : stepHref(c, token, step);
  return (
    <Layout
      c={c}
      title={heading}
      form={form}
      labels={labels}
      before={<BackLink href={index > 0 ? stepHref(c, token, steps[index - 1]!) : c.href(`/apply/${token}`)} label={c.t('common.back')} />}
    >
      <p class="hint">
        {c.th('membership.stepOf', { n: index + 1, total: steps.length, reference: applicationReference(app.number) })}
      </p>
      <h1 safe>{heading}</h1>
      {data.incomplete?.length ? (
        <Banner kind="warning" title={c.t('membership.review.incomplete')}>
          <ul>
            {data.incomplete.map((s) => (
              <li>
                <a href={stepHref(c, token, s)} safe>
                  {c.t(`membership.steps.${s}`)}
                </a>
              </li>
            ))}
          </ul>
        </Banner>
      ) : (
        ''
      )}
      <Form c={c} action={action} multipart={isDocument}>
        {fields[step]()}
        {step === 'review' && app.status === 'info_requested' ? <ReplyField c={c} form={form} /> : ''}
        <div class="actions">
          <Button label={c.t(step === 'review' ? (app.status === 'draft' ? 'membership.review.submit' : 'membership.overview.sendChanges') : 'membership.saveAndContinue')} />
          {isDocument && app.documentName ? <Button variant="secondary" name="remove" value="yes" label={c.t('membership.fields.documentRemove')} /> : ''}
          <a href={c.href(`/apply/${token}`)} safe>
            {c.t('membership.saveLater')}
          </a>
        </div>
      </Form>
    </Layout>
  );
}

function list(values: string[] | undefined, label: (v: string) => string): string {
  return values?.length ? values.map(label).join(', ') : '—';
}

/** The answers as the reviewers and the applicant read them, step by step: each step's rows (label, value). */
export function answerSections(
  c: PageContext,
  app: { kind: string; data: ApplicationData; documentName: string | null },
  groups: WorkingGroupView[],
): { step: StepName; rows: [string, string][] }[] {
  const d: ApplicationData = app.data;
  const kind = app.kind as Kind;
  const wg = (slug: string) => {
    const g = groups.find((x) => x.slug === slug);
    return g ? c.text(g.name, g.originalLocale).text : slug;
  };
  const f = (k: string) => c.t(`membership.fields.${k}`);
  const sections: { step: StepName; rows: [string, string][] }[] = [];
  if (kind === 'institution') {
    sections.push({
      step: 'organisation',
      rows: [
        [f('orgName'), d.orgName ?? '—'],
        [f('acronym'), d.acronym ?? '—'],
        [f('orgType'), d.orgType === 'other' ? `${categoryLabel(c, kind, d.orgType)}: ${d.orgTypeOther ?? ''}` : categoryLabel(c, kind, d.orgType)],
        [f('website'), d.website ?? '—'],
      ],
    });
  } else {
    sections.push({
      step: 'about-you',
      rows: [
        [f('name'), d.name ?? '—'],
        [f('role'), d.role === 'other' ? `${categoryLabel(c, kind, d.role)}: ${d.roleOther ?? ''}` : categoryLabel(c, kind, d.role)],
        ...(d.role === 'policymaker'
          ? ([[f('representsGovernment'), d.representsGovernment === 'yes' ? `${c.t('common.yes')} — ${country(c, d.government)}` : c.t('common.no')]] as [string, string][])
          : []),
        [f('affiliation'), d.affiliation ?? '—'],
      ],
    });
  }
  sections.push({
    step: 'location',
    rows: [
      [kind === 'institution' ? f('headquarters') : f('country'), country(c, d.country)],
      ...(kind === 'institution' ? ([[f('countriesOfOperation'), list(d.countriesOfOperation, (x) => country(c, x))]] as [string, string][]) : []),
    ],
  });
  if (kind === 'institution') {
    sections.push({
      step: 'representatives',
      rows: (d.representatives ?? []).map((r, i) => [c.t('membership.fields.representative', { n: i + 1 }), [r.name, r.title, r.email].filter(Boolean).join(', ')]),
    });
  }
  sections.push(
    {
      step: 'criteria',
      rows: [
        [f('mandate'), d.mandate ?? '—'],
        [f('expertise'), d.expertise ?? '—'],
        [f('trackRecord'), d.trackRecord ?? '—'],
        [f('areas'), list(d.areas, (a) => (a === 'other-education' && d.areasOther ? `${areaLabel(c, a)}: ${d.areasOther}` : areaLabel(c, a)))],
      ],
    },
    {
      step: 'participation',
      rows: [
        [f('workingGroups'), list(d.workingGroups, wg)],
        [f('languages'), list(d.languages, (l) => (l === 'other' && d.languagesOther ? d.languagesOther : languageName(c, l)))],
      ],
    },
    { step: 'document', rows: [[f('document'), app.documentName ?? c.t('membership.review.noDocument')]] },
    {
      step: 'consent',
      rows: [
        [f('consentTor'), d.consentTor ? c.t('common.yes') : '—'],
        [f('consentPrivacy'), d.consentPrivacy ? c.t('common.yes') : '—'],
        [f('listed'), d.listed === 'yes' ? c.t('membership.fields.listedYes') : d.listed === 'no' ? c.t('membership.fields.listedNo') : '—'],
        [f('publicFields'), list(d.publicFields, (p) => c.t(`membership.public.${p}`))],
      ],
    },
  );
  return sections;
}

/** Every answer, with a link back to the step that asked it. */
export function ReviewAnswers({ c, app, groups, token }: { c: PageContext; app: ApplicationRow; groups: WorkingGroupView[]; token?: string }) {
  const change = (step: StepName) =>
    token ? (
      <a href={stepHref(c, token, step)} class="change" safe>
        {c.t('membership.review.change')}
      </a>
    ) : (
      ''
    );
  return (
    <>
      {answerSections(c, app, groups).map(({ step, rows }) => (
        <section>
          <h2>
            <span safe>{c.t(`membership.steps.${step}`)}</span> {change(step)}
          </h2>
          <SummaryList rows={rows.map(([k, v]) => [k, <span class="pre-line" dir="auto" safe>{v}</span>])} />
        </section>
      ))}
    </>
  );
}
