import type { PageContext } from '../../../platform/http/page.js';
import type { FormState } from '../../../platform/forms/validate.js';
import { Layout } from '../../../platform/ui/layout.js';
import { Button, Checkboxes, FileUpload, Form, Radios, Select, Textarea, TextInput } from '../../../platform/ui/form.js';
import { BackLink, Banner, LanguageVersions, SummaryList, Table, esc } from '../../../platform/ui/components.js';
import { formatDateTime, formatNumber, languageName } from '../../../platform/i18n/format.js';
import { LOCALES, type Locale } from '../../../platform/i18n/locales.js';
import { INCOME_GROUPS, incomeGroupName, regionName, UNESCO_REGIONS } from '../../../platform/geo/countries.js';
import type { IssueRow, Progress } from '../newsletter-issues.js';
import { NEWSLETTER_TOPICS } from '../service.js';
import { versionFor } from '../newsletter-render.js';
import type { Translate } from '../../../platform/i18n/messages.js';

const subjectOf = (i: IssueRow, locale: Locale) => versionFor(i.versions, locale, i.defaultLocale)?.version.subject ?? i.slug;
const when = (c: PageContext, d: Date | null, tz: string) => (d ? formatDateTime(c.locale, d, tz) : '—');

/** An issue's state in words; while it sends, with how far it has got ("Sending — 40 of 250 delivered"). */
export function statusLabel(t: Translate, locale: Locale, issue: Pick<IssueRow, 'status'>, progress?: Pick<Progress, 'sent' | 'recipients'>): string {
  if (issue.status === 'sending' && progress) return t('newsletter.progress.sendingStatus', { sent: formatNumber(locale, progress.sent), recipients: formatNumber(locale, progress.recipients) });
  return t(`newsletter.issues.statuses.${issue.status}`);
}

export function IssuesPage(props: { c: PageContext; rows: { issue: IssueRow; progress: Progress }[]; form?: FormState; settingsForm: FormState; notice?: string }) {
  const { c } = props;
  const title = c.t('newsletter.issues.title');
  const labels = { slug: c.t('newsletter.issues.fields.slug'), defaultLocale: c.t('newsletter.issues.fields.defaultLocale'), hardBounceLimit: c.t('newsletter.issues.settings.hardBounceLimit'), rate: c.t('newsletter.issues.fields.rate'), batchSize: c.t('newsletter.issues.fields.batchSize') };
  return (
    <Layout c={c} title={title} admin form={props.form ?? (props.settingsForm.errors.length ? props.settingsForm : undefined)} labels={labels}>
      {props.notice ? <Banner kind="success" title={c.t(`newsletter.issues.notices.${props.notice}`)} /> : ''}
      <h1 safe>{title}</h1>
      <p class="actions">
        <a href={c.href('/admin/subscribers')} safe>
          {c.t('newsletter.issues.subscribersLink')}
        </a>
        <a href={c.href('/newsletter')} safe>
          {c.t('newsletter.archive.title')}
        </a>
      </p>
      <Table
        caption={c.t('newsletter.issues.caption', { n: props.rows.length })}
        head={[c.t('newsletter.issues.fields.subject'), c.t('newsletter.issues.status'), c.t('newsletter.progress.recipients'), c.t('newsletter.progress.sent'), c.t('newsletter.progress.failed'), c.t('newsletter.issues.when')]}
        numeric={[2, 3, 4]}
        empty={c.t('admin.none')}
        rows={props.rows.map(({ issue, progress }) => [
          <a href={c.href(`/admin/newsletter/${issue.id}`)} safe>
            {subjectOf(issue, c.locale)}
          </a>,
          esc(statusLabel(c.t, c.locale, issue, progress)),
          esc(formatNumber(c.locale, progress.recipients)),
          esc(formatNumber(c.locale, progress.sent)),
          esc(formatNumber(c.locale, progress.failed)),
          esc(when(c, issue.finishedAt ?? issue.startedAt ?? issue.scheduledAt, c.timeZone)),
        ])}
      />
      <h2 safe>{c.t('newsletter.issues.new')}</h2>
      <Form c={c} action={c.href('/admin/newsletter')}>
        <TextInput c={c} name="slug" label={labels.slug} hint={c.t('newsletter.issues.fields.slugHint')} width="medium" spellcheck={false} form={props.form} />
        <Select c={c} name="defaultLocale" label={labels.defaultLocale} hint={c.t('newsletter.issues.fields.defaultLocaleHint')} options={LOCALES.map((l) => ({ value: l, label: languageName(c.locale, l) }))} form={props.form ?? { values: { defaultLocale: c.locale }, errors: [] }} />
        <Button label={c.t('newsletter.issues.create')} />
      </Form>
      <h2 safe>{c.t('newsletter.issues.settings.title')}</h2>
      <Form c={c} action={c.href('/admin/newsletter/settings')}>
        <TextInput c={c} name="hardBounceLimit" type="number" inputmode="numeric" label={labels.hardBounceLimit} hint={c.t('newsletter.issues.settings.hardBounceHint')} width="short" form={props.settingsForm} />
        <TextInput c={c} name="rate" type="number" inputmode="numeric" label={labels.rate} hint={c.t('newsletter.issues.fields.rateHint')} width="short" form={props.settingsForm} />
        <TextInput c={c} name="batchSize" type="number" inputmode="numeric" label={labels.batchSize} width="short" form={props.settingsForm} />
        <Button variant="secondary" label={c.t('newsletter.issues.settings.save')} />
      </Form>
    </Layout>
  );
}

export interface IssuePageData {
  issue: IssueRow;
  count: number;
  meetings: { id: string; title: string }[];
  workingGroups: { slug: string; name: string }[];
  versionForm?: FormState;
  audienceForm?: FormState;
  sendForm?: FormState;
  /** Where sending stands, once it has started. */
  progress?: Progress;
  notice?: string;
  image?: string;
}

export const audienceLabels = (c: PageContext) => ({
  topics: c.t('newsletter.audience.topics'),
  locales: c.t('newsletter.audience.locales'),
  membership: c.t('newsletter.audience.membership'),
  meetingId: c.t('newsletter.audience.meeting'),
  workingGroupSlug: c.t('newsletter.audience.workingGroup'),
  regions: c.t('newsletter.audience.regions'),
  incomeGroups: c.t('newsletter.audience.incomeGroups'),
  rate: c.t('newsletter.issues.fields.rate'),
  batchSize: c.t('newsletter.issues.fields.batchSize'),
});

/** One issue: its version in the page's language, the audience and its count, previews, test and sending. */
export function IssuePage({ c, d }: { c: PageContext; d: IssuePageData }) {
  const { issue } = d;
  const base = `/admin/newsletter/${issue.id}`;
  const editable = issue.status === 'draft' || issue.status === 'scheduled';
  const own = issue.versions[c.locale];
  const a = issue.audience;
  const labels = { subject: c.t('newsletter.issues.fields.subject'), body: c.t('newsletter.issues.fields.body'), image: c.t('newsletter.issues.image.file'), at: c.t('newsletter.issues.send.at'), ...audienceLabels(c) };
  const form = d.versionForm ?? d.audienceForm ?? d.sendForm;
  const title = subjectOf(issue, c.locale);
  return (
    <Layout c={c} title={title} admin form={form} labels={labels} before={<BackLink href={c.href('/admin/newsletter')} label={c.t('common.back')} />}>
      {d.notice ? <Banner kind={/^(ok|saved|tested|scheduled|unscheduled|audience|image)$/.test(d.notice) ? 'success' : 'warning'} title={c.t(`newsletter.issues.notices.${d.notice}`)} /> : ''}
      <h1 safe>{title}</h1>
      <SummaryList
        rows={[
          [c.t('newsletter.issues.status'), esc(statusLabel(c.t, c.locale, issue, d.progress))],
          ...(d.progress
            ? ([
                [c.t('newsletter.progress.recipients'), esc(formatNumber(c.locale, d.progress.recipients))],
                [c.t('newsletter.progress.sent'), esc(formatNumber(c.locale, d.progress.sent))],
                [c.t('newsletter.progress.failed'), esc(formatNumber(c.locale, d.progress.failed))],
              ] as [string, JSX.Element][])
            : []),
          [c.t('newsletter.issues.fields.defaultLocale'), esc(languageName(c.locale, issue.defaultLocale))],
          [c.t('newsletter.issues.versions'), esc(LOCALES.filter((l) => issue.versions[l]).map((l) => languageName(c.locale, l)).join(', ') || '—')],
          ...(issue.scheduledAt ? ([[c.t('newsletter.issues.send.scheduledFor'), esc(when(c, issue.scheduledAt, c.timeZone))]] as [string, JSX.Element][]) : []),
        ]}
      />
      <p class="actions">
        {LOCALES.filter((l) => issue.versions[l]).map((l) => (
          <a href={c.href(`${base}/preview?lang=${l}`)}>
            {c.th('newsletter.issues.previewWeb', { language: languageName(c.locale, l) })}
          </a>
        ))}
        {LOCALES.filter((l) => issue.versions[l]).map((l) => (
          <a href={c.href(`${base}/email?lang=${l}`)}>
            {c.th('newsletter.issues.previewMail', { language: languageName(c.locale, l) })}
          </a>
        ))}
        {editable ? (
          ''
        ) : (
          <a href={c.href(`${base}/progress`)} safe>
            {c.t('newsletter.progress.link')}
          </a>
        )}
      </p>
      {editable ? (
        <>
          <h2>{c.th('newsletter.issues.versionHeading', { language: languageName(c.locale, c.locale) })}</h2>
          <p class="hint">
            {c.th(c.locale === issue.defaultLocale ? 'newsletter.issues.versionDefault' : 'newsletter.issues.versionOther', { language: languageName(c.locale, issue.defaultLocale) })}
          </p>
          <LanguageVersions
            c={c}
            original={issue.defaultLocale}
            editing={c.locale}
            versions={{ href: (l) => (l === issue.defaultLocale ? `/${l}${base}` : c.href(`/admin/translations/newsletter-issue/${issue.id}/${l}`)), has: (l) => !!issue.versions[l]?.subject.trim() }}
          />
          <Form c={c} action={c.href(`${base}/version`)}>
            <TextInput c={c} name="subject" label={labels.subject} width="full" form={d.versionForm ?? { values: { subject: own?.subject ?? '' }, errors: [] }} />
            <Textarea c={c} name="body" label={labels.body} hint={c.t('newsletter.issues.fields.bodyHint')} rows={16} maxlength={50000} form={d.versionForm ?? { values: { body: own?.body ?? '' }, errors: [] }} />
            <Button label={c.t('newsletter.issues.saveVersion')} />
          </Form>
          <details class="image-upload" open={d.notice === 'image' || undefined}>
            <summary safe>{c.t('newsletter.issues.image.title')}</summary>
            {d.image ? (
              <p>
                <span safe>{c.t('newsletter.issues.image.paste')}</span> <code safe>{`![](${d.image})`}</code>
              </p>
            ) : (
              ''
            )}
            <Form c={c} action={c.href(`${base}/image`)} multipart>
              <FileUpload c={c} name="image" label={labels.image} hint={c.t('newsletter.issues.image.hint')} accept="image/png,image/jpeg,image/gif,image/webp" />
              <Button variant="secondary" label={c.t('newsletter.issues.image.upload')} />
            </Form>
          </details>
          <h2 safe>{c.t('newsletter.audience.title')}</h2>
          <Form c={c} action={c.href(`${base}/audience`)}>
            <Checkboxes c={c} name="topics" label={labels.topics} hint={c.t('newsletter.audience.anyHint')} options={NEWSLETTER_TOPICS.map((t) => ({ value: t, label: c.t(`newsletter.topics.${t}`) }))} form={d.audienceForm ?? { values: { topics: a.topics ?? [] }, errors: [] }} />
            <Checkboxes c={c} name="locales" label={labels.locales} hint={c.t('newsletter.audience.anyHint')} options={LOCALES.map((l) => ({ value: l, label: languageName(c.locale, l) }))} form={d.audienceForm ?? { values: { locales: a.locales ?? [] }, errors: [] }} />
            <Radios c={c} name="membership" label={labels.membership} options={(['any', 'members', 'others'] as const).map((m) => ({ value: m, label: c.t(`newsletter.audience.memberships.${m}`) }))} form={d.audienceForm ?? { values: { membership: a.membership ?? 'any' }, errors: [] }} />
            <Select c={c} name="meetingId" label={labels.meetingId} placeholder={c.t('admin.any')} options={d.meetings.map((m) => ({ value: m.id, label: m.title }))} form={d.audienceForm ?? { values: { meetingId: a.meetingId ?? '' }, errors: [] }} />
            <Select c={c} name="workingGroupSlug" label={labels.workingGroupSlug} placeholder={c.t('admin.any')} options={d.workingGroups.map((g) => ({ value: g.slug, label: g.name }))} form={d.audienceForm ?? { values: { workingGroupSlug: a.workingGroupSlug ?? '' }, errors: [] }} />
            <Checkboxes c={c} name="regions" label={labels.regions} hint={c.t('newsletter.audience.countryHint')} options={UNESCO_REGIONS.map((r) => ({ value: r, label: regionName(r, c.locale) }))} form={d.audienceForm ?? { values: { regions: a.regions ?? [] }, errors: [] }} />
            <Checkboxes c={c} name="incomeGroups" label={labels.incomeGroups} options={INCOME_GROUPS.map((g) => ({ value: g, label: incomeGroupName(g, c.locale) }))} form={d.audienceForm ?? { values: { incomeGroups: a.incomeGroups ?? [] }, errors: [] }} />
            <TextInput c={c} name="rate" type="number" inputmode="numeric" label={labels.rate} hint={c.t('newsletter.issues.fields.rateHint')} width="short" form={d.audienceForm ?? { values: { rate: String(issue.rate) }, errors: [] }} />
            <TextInput c={c} name="batchSize" type="number" inputmode="numeric" label={labels.batchSize} width="short" form={d.audienceForm ?? { values: { batchSize: String(issue.batchSize) }, errors: [] }} />
            <Button variant="secondary" label={c.t('newsletter.audience.save')} />
          </Form>
          <p class="count" role="status">
            {c.th('newsletter.audience.count', { n: d.count })}
          </p>
          <h2 safe>{c.t('newsletter.issues.test.title')}</h2>
          <Form c={c} action={c.href(`${base}/test`)}>
            <p class="hint">
              {c.th('newsletter.issues.test.hint', { email: c.actor?.email ?? '' })}
            </p>
            <Button variant="secondary" label={c.t('newsletter.issues.test.send', { language: languageName(c.locale, c.locale) })} />
          </Form>
          <h2 safe>{c.t('newsletter.issues.send.title')}</h2>
          {issue.status === 'scheduled' ? (
            <Form c={c} action={c.href(`${base}/unschedule`)}>
              <p>{c.th('newsletter.issues.send.scheduledHint', { at: when(c, issue.scheduledAt, c.timeZone) })}</p>
              <Button variant="warning" label={c.t('newsletter.issues.send.unschedule')} />
            </Form>
          ) : (
            <Form c={c} action={c.href(`${base}/send`)}>
              <TextInput c={c} name="at" type="datetime-local" label={labels.at} hint={c.t('newsletter.issues.send.atHint', { zone: c.timeZone })} width="medium" form={d.sendForm} />
              <Button label={c.t('newsletter.issues.send.button', { n: d.count })} />
            </Form>
          )}
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** Where sending stands; refreshes itself every few seconds without JavaScript, live with it. */
export function ProgressPage({ c, issue, progress, notice }: { c: PageContext; issue: IssueRow; progress: Progress; notice?: string }) {
  const base = `/admin/newsletter/${issue.id}`;
  const live = issue.status === 'sending' || issue.status === 'scheduled';
  const done = progress.sent + progress.failed + progress.cancelled;
  const title = c.t('newsletter.progress.title', { subject: subjectOf(issue, c.locale) });
  return (
    <Layout
      c={c}
      title={title}
      admin
      before={<BackLink href={c.href(base)} label={c.t('common.back')} />}
      head={
        live ? (
          <>
            <noscript>
              <meta http-equiv="refresh" content="5" />
            </noscript>
            <script src={c.asset('newsletter-progress.js')} defer></script>
          </>
        ) : undefined
      }
    >
      {notice ? <Banner kind="success" title={c.t(`newsletter.progress.notices.${notice}`)} /> : ''}
      <h1>{c.th('newsletter.progress.title', { subject: subjectOf(issue, c.locale) })}</h1>
      <div data-progress={c.href(`${base}/progress.json`)}>
        <p role="status" aria-live="polite" data-field="status" safe>
          {statusLabel(c.t, c.locale, issue, progress)}
        </p>
        <progress max={String(Math.max(1, progress.recipients))} value={String(done)} aria-label={c.t('newsletter.progress.bar')} data-field="bar" safe>
          {`${done} / ${progress.recipients}`}
        </progress>
        <SummaryList
          rows={[
            [c.t('newsletter.progress.recipients'), <span data-field="recipients" safe>{formatNumber(c.locale, progress.recipients)}</span>],
            [c.t('newsletter.progress.sent'), <span data-field="sent" safe>{formatNumber(c.locale, progress.sent)}</span>],
            [c.t('newsletter.progress.failed'), <span data-field="failed" safe>{formatNumber(c.locale, progress.failed)}</span>],
            [c.t('newsletter.progress.remaining'), <span data-field="remaining" safe>{formatNumber(c.locale, progress.remaining)}</span>],
            [c.t('newsletter.progress.eta'), <span data-field="eta" safe>{progress.etaSeconds === null ? '—' : c.t('newsletter.progress.seconds', { n: progress.etaSeconds })}</span>],
            [c.t('newsletter.progress.started'), esc(when(c, issue.startedAt, c.timeZone))],
            [c.t('newsletter.progress.finished'), esc(when(c, issue.finishedAt, c.timeZone))],
          ]}
        />
      </div>
      <div class="actions">
        {(
          [
            ['pause', issue.status === 'sending', 'secondary'],
            ['resume', issue.status === 'paused', 'primary'],
            ['cancel', ['scheduled', 'sending', 'paused'].includes(issue.status), 'warning'],
          ] as const
        )
          .filter(([, show]) => show)
          .map(([action, , variant]) => (
            <Form c={c} action={c.href(`${base}/${action}`)} class="inline">
              <Button variant={variant} label={c.t(`newsletter.progress.${action}`)} />
            </Form>
          ))}
      </div>
    </Layout>
  );
}
