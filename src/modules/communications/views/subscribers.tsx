import type { PageContext } from '../../../platform/http/page.js';
import type { FormState } from '../../../platform/forms/validate.js';
import { Layout } from '../../../platform/ui/layout.js';
import { Button, Checkboxes, FileUpload, Form, Radios, Select, Textarea, TextInput, type Option } from '../../../platform/ui/form.js';
import { BackLink, Banner, Pagination, SummaryList, Table, esc } from '../../../platform/ui/components.js';
import { listHref } from '../../../platform/admin/views.js';
import { formatDate, formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import { hasMessage } from '../../../platform/i18n/messages.js';
import { LOCALES, LOCALE_NAMES, isLocale } from '../../../platform/i18n/locales.js';
import { countryName, countryOptions } from '../../../platform/geo/countries.js';
import { CONSENT_SOURCES, NEWSLETTER_TOPICS } from '../service.js';
import { SUBSCRIBER_STATUS_FILTERS, type ConsentEventRow, type SubscriberCounts, type SubscriptionRow } from '../subscribers.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportPreview, type ImportProblem, type ImportResult } from '../subscriber-import.js';

// ——— Labels ———

/** A message for a value from data (a source, a change), or the value itself when there is none (e.g. added by another module). */
const labelOr = (c: PageContext, key: string, value: string) => (hasMessage(key) ? c.t(key) : value);
const topicLabel = (c: PageContext, topic: string) => labelOr(c, `newsletter.topics.${topic}`, topic);
const topicList = (c: PageContext, topics: readonly string[]) => topics.map((t) => topicLabel(c, t)).join(', ');
const sourceLabel = (c: PageContext, source: string) => labelOr(c, `newsletter.sources.${source}`, source);
const changeLabel = (c: PageContext, change: string) => labelOr(c, `newsletter.changes.${change}`, change);
const statusLabel = (c: PageContext, status: string) => labelOr(c, `newsletter.subscribers.statuses.${status}`, status);
const languageLabel = (code: string) => (isLocale(code) ? LOCALE_NAMES[code] : code);

const languageOptions = (): Option[] => LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }));
const topicOptions = (c: PageContext): Option[] => NEWSLETTER_TOPICS.map((t) => ({ value: t, label: topicLabel(c, t), hint: c.t(`newsletter.topics.hints.${t}`) }));

/** The field hidden from people: robots fill it in, and what they send is dropped. */
function Honeypot() {
  return (
    <div class="visually-hidden" aria-hidden="true">
      <label for="f-homepage">Homepage</label>
      <input id="f-homepage" name="homepage" type="text" tabindex="-1" autocomplete="off" />
    </div>
  );
}

// ——— Public pages ———

export function SubscribePage({ c, form }: { c: PageContext; form?: FormState }) {
  const state = form ?? { values: { language: c.locale }, errors: [] };
  const f = (k: string) => c.t(`newsletter.subscribe.fields.${k}`);
  const labels = { email: f('email'), name: f('name'), language: f('language'), topics: f('topics'), country: f('country'), consent: f('consent') };
  return (
    <Layout c={c} title={c.t('newsletter.subscribe.title')} form={form} labels={labels}>
      <h1 safe>{c.t('newsletter.subscribe.title')}</h1>
      <p safe>{c.t('newsletter.subscribe.intro')}</p>
      <Form c={c} action={c.href('/subscribe')}>
        <TextInput c={c} name="email" type="email" label={labels.email} autocomplete="email" spellcheck={false} form={state} />
        <TextInput c={c} name="name" label={labels.name} autocomplete="name" form={state} />
        <Select c={c} name="language" label={labels.language} hint={f('languageHint')} options={languageOptions()} form={state} />
        <Checkboxes c={c} name="topics" label={labels.topics} hint={f('topicsHint')} options={topicOptions(c)} form={state} />
        <Select c={c} name="country" label={labels.country} hint={f('countryHint')} placeholder={f('noCountry')} options={countryOptions(c.locale)} form={state} />
        <Checkboxes c={c} name="consent" label={labels.consent} options={[{ value: 'yes', label: f('consentLabel') }]} form={state} />
        <p>
          <a href={c.href('/privacy')} safe>
            {c.t('nav.privacy')}
          </a>
        </p>
        <Honeypot />
        <Button label={c.t('newsletter.subscribe.submit')} />
      </Form>
    </Layout>
  );
}

/** The same page whatever the address's state: it never tells who is on the list. */
export function CheckInboxPage({ c, email }: { c: PageContext; email: string }) {
  return (
    <Layout c={c} title={c.t('newsletter.subscribe.sent.title')}>
      <h1 safe>{c.t('newsletter.subscribe.sent.title')}</h1>
      <p>{c.th('newsletter.subscribe.sent.body', { email })}</p>
      <p safe>{c.t('newsletter.subscribe.sent.spam')}</p>
    </Layout>
  );
}

export function LinkNotFoundPage({ c }: { c: PageContext }) {
  return (
    <Layout c={c} title={c.t('newsletter.preferences.notFound.title')}>
      <h1 safe>{c.t('newsletter.preferences.notFound.title')}</h1>
      <p safe>{c.t('newsletter.preferences.notFound.body')}</p>
      <p>
        <a href={c.href('/subscribe')} safe>
          {c.t('newsletter.subscribe.title')}
        </a>
      </p>
    </Layout>
  );
}

export function ConfirmedPage({ c, token }: { c: PageContext; token: string }) {
  return (
    <Layout c={c} title={c.t('newsletter.confirm.title')}>
      <h1 safe>{c.t('newsletter.confirm.title')}</h1>
      <p safe>{c.t('newsletter.confirm.body')}</p>
      <p>
        <a href={c.href(`/newsletter/preferences/${token}`)} safe>
          {c.t('newsletter.confirm.preferences')}
        </a>
      </p>
    </Layout>
  );
}

function ResubscribeForm({ c, token }: { c: PageContext; token: string }) {
  return (
    <Form c={c} action={c.href(`/newsletter/resubscribe/${token}`)}>
      <Button variant="secondary" label={c.t('newsletter.unsubscribe.resubscribe')} />
    </Form>
  );
}

/**
 * After unsubscribing (or opening a link of an address already unsubscribed). With the e-mail's own
 * link (`token`), a button to subscribe again; the unsubscribe-only link of `List-Unsubscribe`
 * offers the subscribe form instead.
 */
export function UnsubscribedPage({ c, sub, token }: { c: PageContext; sub: SubscriptionRow; token?: string }) {
  return (
    <Layout c={c} title={c.t('newsletter.unsubscribe.doneTitle')}>
      <h1 safe>{c.t('newsletter.unsubscribe.doneTitle')}</h1>
      <p>{c.th('newsletter.unsubscribe.doneBody', { email: sub.email })}</p>
      <p safe>{c.t('newsletter.unsubscribe.mistake')}</p>
      {token ? (
        <ResubscribeForm c={c} token={token} />
      ) : (
        <p>
          <a href={c.href('/subscribe')} safe>
            {c.t('newsletter.subscribe.title')}
          </a>
        </p>
      )}
    </Layout>
  );
}

/** One button: opening the link (a person, or a mail scanner) changes nothing. */
export function UnsubscribePage({ c, sub, token, manage }: { c: PageContext; sub: SubscriptionRow; token: string; manage: boolean }) {
  return (
    <Layout c={c} title={c.t('newsletter.unsubscribe.title')}>
      <h1 safe>{c.t('newsletter.unsubscribe.title')}</h1>
      <p>{c.th('newsletter.unsubscribe.body', { email: sub.email })}</p>
      <Form c={c} action={c.href(`/newsletter/unsubscribe/${token}`)}>
        <Button variant="warning" label={c.t('newsletter.unsubscribe.button')} />
      </Form>
      {manage ? (
        <p>
          <a href={c.href(`/newsletter/preferences/${token}`)} safe>
            {c.t('newsletter.unsubscribe.insteadPreferences')}
          </a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function PreferencesPage({ c, sub, token, form, notice }: { c: PageContext; sub: SubscriptionRow; token: string; form?: FormState; notice?: string }) {
  const f = (k: string) => c.t(`newsletter.preferences.${k}`);
  const labels = { language: f('language'), topics: f('topics') };
  const state = form ?? { values: { language: sub.locale, topics: sub.topics }, errors: [] };
  const unsubscribed = sub.status === 'unsubscribed';
  return (
    <Layout c={c} title={f('title')} form={form} labels={labels}>
      {notice ? <Banner kind={notice === 'unsubscribed' ? 'warning' : 'success'} title={c.t(`newsletter.preferences.notices.${notice}`)} /> : ''}
      <h1 safe>{f('title')}</h1>
      <SummaryList
        rows={[
          [c.t('newsletter.subscribe.fields.email'), esc(sub.email)],
          [c.t('newsletter.subscribers.status'), esc(statusLabel(c, sub.status))],
        ]}
      />
      {unsubscribed ? (
        <>
          <p safe>{c.t('newsletter.unsubscribe.mistake')}</p>
          <ResubscribeForm c={c} token={token} />
        </>
      ) : (
        <>
          {sub.status === 'pending' ? (
            <Banner kind="info" title={f('pendingTitle')}>
              <p>
                <a href={c.href(`/newsletter/confirm/${token}`)} safe>
                  {f('confirmNow')}
                </a>
              </p>
            </Banner>
          ) : (
            ''
          )}
          <Form c={c} action={c.href(`/newsletter/preferences/${token}`)}>
            <Select c={c} name="language" label={labels.language} hint={f('languageHint')} options={languageOptions()} form={state} />
            <Checkboxes c={c} name="topics" label={labels.topics} options={topicOptions(c)} form={state} />
            <Button label={f('save')} />
          </Form>
          <h2 safe>{c.t('newsletter.unsubscribe.title')}</h2>
          <Form c={c} action={c.href(`/newsletter/unsubscribe/${token}`)}>
            <p>{c.th('newsletter.unsubscribe.body', { email: sub.email })}</p>
            <Button variant="warning" label={c.t('newsletter.unsubscribe.button')} />
          </Form>
        </>
      )}
    </Layout>
  );
}

// ——— The Secretariat: the list ———

type Query = Record<string, string | undefined>;
const when = (c: PageContext, d: Date | null) => (d ? formatDateTime(c.locale, d, c.timeZone) : '—');

export function SubscribersAdminPage(props: { c: PageContext; rows: SubscriptionRow[]; total: number; page: number; pageSize: number; query: Query; counts: SubscriberCounts }) {
  const { c, rows, query, counts } = props;
  const s = (k: string, v?: Record<string, string | number>) => c.t(`newsletter.subscribers.${k}`, v);
  const values = { values: query, errors: [] };
  const exportQuery = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  const exportHref = (format: string) => `${c.href(`/admin/subscribers/export.${format}`)}${exportQuery ? `?${exportQuery}` : ''}`;
  return (
    <Layout c={c} title={s('title')} admin>
      <h1 safe>{s('title')}</h1>
      <SummaryList
        rows={[
          [s('counts.all'), esc(formatNumber(c.locale, counts.all))],
          [statusLabel(c, 'subscribed'), esc(formatNumber(c.locale, counts.subscribed))],
          [statusLabel(c, 'pending'), esc(formatNumber(c.locale, counts.pending))],
          [statusLabel(c, 'unsubscribed'), esc(formatNumber(c.locale, counts.unsubscribed))],
          [statusLabel(c, 'undeliverable'), esc(formatNumber(c.locale, counts.undeliverable))],
        ]}
      />
      <p class="actions">
        <a class="button secondary" href={c.href('/admin/subscribers/import')} safe>
          {c.t('newsletter.import.title')}
        </a>
        <a class="button secondary" href={exportHref('csv')} safe>
          {s('exportCsv')}
        </a>
        <a class="button secondary" href={exportHref('xlsx')} safe>
          {s('exportXlsx')}
        </a>
      </p>
      <Form c={c} action={c.href('/admin/subscribers')} method="get" class="filters" label={c.t('admin.filters')}>
        <TextInput c={c} name="q" type="search" label={s('search')} spellcheck={false} form={values} />
        <Select c={c} name="status" label={s('status')} placeholder={c.t('admin.any')} options={SUBSCRIBER_STATUS_FILTERS.map((v) => ({ value: v, label: statusLabel(c, v) }))} form={values} />
        <Select c={c} name="topic" label={s('topic')} placeholder={c.t('admin.any')} options={NEWSLETTER_TOPICS.map((t) => ({ value: t, label: topicLabel(c, t) }))} form={values} />
        <Select c={c} name="language" label={s('language')} placeholder={c.t('admin.any')} options={languageOptions()} form={values} />
        <Select c={c} name="source" label={s('source')} placeholder={c.t('admin.any')} options={CONSENT_SOURCES.map((v) => ({ value: v, label: sourceLabel(c, v) }))} form={values} />
        <Button variant="secondary" label={c.t('admin.filter')} />
      </Form>
      <Table
        caption={s('caption', { total: props.total })}
        head={[s('email'), s('name'), s('language'), s('topics'), s('status'), s('source'), s('since')]}
        empty={c.t('admin.none')}
        rows={rows.map((r) => [
          <a href={c.href(`/admin/subscribers/${r.id}`)} safe>
            {r.email}
          </a>,
          esc(r.name || '—'),
          esc(languageLabel(r.locale)),
          esc(topicList(c, r.topics)),
          esc(r.undeliverableAt ? `${statusLabel(c, r.status)} · ${statusLabel(c, 'undeliverable')}` : statusLabel(c, r.status)),
          esc(sourceLabel(c, r.source)),
          esc(formatDate(c.locale, r.createdAt, c.timeZone, 'medium')),
        ])}
      />
      <Pagination c={c} page={props.page} pageSize={props.pageSize} total={props.total} href={(p) => listHref(c, '/admin/subscribers', query, { page: String(p) })} />
    </Layout>
  );
}

// ——— The Secretariat: one subscriber ———

/** The order in which a consent event's details read best (jsonb keeps its own key order). */
const DETAIL_ORDER = ['previous', 'from', 'to', 'locale', 'topics', 'country', 'note', 'file', 'by'];
const rank = (k: string) => (DETAIL_ORDER.includes(k) ? DETAIL_ORDER.indexOf(k) : DETAIL_ORDER.length);

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  return Object.entries(detail as Record<string, unknown>)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

export function SubscriberAdminPage({ c, sub, events, notice }: { c: PageContext; sub: SubscriptionRow; events: ConsentEventRow[]; notice?: string }) {
  const s = (k: string, v?: Record<string, string | number>) => c.t(`newsletter.subscribers.${k}`, v);
  return (
    <Layout c={c} title={sub.email} admin before={<BackLink href={c.href('/admin/subscribers')} label={c.t('common.back')} />}>
      {notice ? <Banner kind="success" title={c.t(`newsletter.subscribers.notices.${notice}`)} /> : ''}
      <h1 safe>{sub.email}</h1>
      <SummaryList
        rows={[
          [s('name'), esc(sub.name || '—')],
          [s('language'), esc(languageLabel(sub.locale))],
          [s('topics'), esc(topicList(c, sub.topics) || '—')],
          [s('country'), esc(sub.country ? countryName(sub.country, c.locale) : '—')],
          [s('status'), esc(statusLabel(c, sub.status))],
          [s('source'), esc(sourceLabel(c, sub.source))],
          [s('since'), esc(when(c, sub.createdAt))],
          [s('confirmedAt'), esc(when(c, sub.confirmedAt))],
          [s('hardBounces'), esc(formatNumber(c.locale, sub.hardBounces))],
          [s('undeliverableAt'), esc(when(c, sub.undeliverableAt))],
        ]}
      />
      <h2 safe>{s('history')}</h2>
      <Table
        caption={s('history')}
        head={[s('when'), s('change'), s('source'), s('ip'), s('detail')]}
        empty={c.t('admin.none')}
        rows={events.map((e) => [esc(when(c, e.at)), esc(changeLabel(c, e.change)), esc(sourceLabel(c, e.source)), esc(e.ip ?? '—'), esc(detailText(e.detail))])}
      />
      {sub.undeliverableAt ? (
        <Form c={c} action={c.href(`/admin/subscribers/${sub.id}/clear-bounce`)}>
          <h2 safe>{s('clearBounceTitle')}</h2>
          <p safe>{s('clearBounceHint')}</p>
          <Button variant="secondary" label={s('clearBounce')} />
        </Form>
      ) : (
        ''
      )}
      {sub.status !== 'unsubscribed' ? (
        <Form c={c} action={c.href(`/admin/subscribers/${sub.id}/unsubscribe`)}>
          <h2 safe>{s('unsubscribeTitle')}</h2>
          <p safe>{s('unsubscribeHint')}</p>
          <Button variant="warning" label={s('unsubscribe')} />
        </Form>
      ) : (
        ''
      )}
    </Layout>
  );
}

// ——— The Secretariat: import ———

const importLabels = (c: PageContext) => ({ file: c.t('newsletter.import.file'), source: c.t('newsletter.import.source'), note: c.t('newsletter.import.note') });

export function ImportPage({ c, form }: { c: PageContext; form?: FormState }) {
  const labels = importLabels(c);
  return (
    <Layout c={c} title={c.t('newsletter.import.title')} admin form={form} labels={labels} before={<BackLink href={c.href('/admin/subscribers')} label={c.t('common.back')} />}>
      <h1 safe>{c.t('newsletter.import.title')}</h1>
      <p safe>{c.t('newsletter.import.intro')}</p>
      <ul>
        <li safe>{c.t('newsletter.import.columns')}</li>
        <li>{c.th('newsletter.import.format', { mb: IMPORT_MAX_BYTES / 1024 / 1024, rows: IMPORT_MAX_ROWS })}</li>
        <li safe>{c.t('newsletter.import.rules')}</li>
      </ul>
      <Form c={c} action={c.href('/admin/subscribers/import')} multipart>
        <FileUpload c={c} name="file" label={labels.file} hint={c.t('newsletter.import.fileHint')} accept=".csv,text/csv" form={form} />
        <Radios c={c} name="source" label={labels.source} hint={c.t('newsletter.import.sourceHint')} options={CONSENT_SOURCES.map((v) => ({ value: v, label: sourceLabel(c, v) }))} form={form} />
        <Textarea c={c} name="note" label={labels.note} hint={c.t('newsletter.import.noteHint')} rows={3} maxlength={1000} form={form} />
        <Button label={c.t('newsletter.import.preview')} />
      </Form>
    </Layout>
  );
}

const problemText = (c: PageContext, p: ImportProblem, preview: ImportPreview) =>
  c.t(`newsletter.import.problems.${p.key}`, { value: p.value ?? '', line: p.line ?? 0, language: LOCALE_NAMES[preview.defaultLocale] });

/** Rows listed on the preview page at most; rows without remarks are left out first. */
export const PREVIEW_ROWS = 1000;

export function ImportPreviewPage(props: { c: PageContext; preview: ImportPreview; fileKey: string; fileName: string; source: string; note: string }) {
  const { c, preview } = props;
  const { counts } = preview;
  const i = (k: string, v?: Record<string, string | number>) => c.t(`newsletter.import.${k}`, v);
  const shown = preview.rows.length <= PREVIEW_ROWS ? preview.rows : preview.rows.filter((r) => r.outcome !== 'add' || r.problems.some((p) => p.key !== 'pending')).slice(0, PREVIEW_ROWS);
  return (
    <Layout c={c} title={i('previewTitle')} admin before={<BackLink href={c.href('/admin/subscribers/import')} label={i('another')} />}>
      <h1 safe>{i('previewTitle')}</h1>
      <SummaryList
        rows={[
          [i('fileName'), esc(props.fileName)],
          [i('source'), esc(sourceLabel(c, props.source))],
          [i('note'), esc(props.note)],
          [i('counts.total'), esc(formatNumber(c.locale, counts.total))],
          [i('counts.add'), <strong safe>{formatNumber(c.locale, counts.add)}</strong>],
          [i('counts.skip'), esc(formatNumber(c.locale, counts.skip))],
          [i('counts.error'), esc(formatNumber(c.locale, counts.error))],
        ]}
      />
      {counts.add > 0 ? (
        <Form c={c} action={c.href('/admin/subscribers/import/confirm')}>
          <input type="hidden" name="key" value={props.fileKey} />
          <input type="hidden" name="fileName" value={props.fileName} />
          <input type="hidden" name="source" value={props.source} />
          <input type="hidden" name="note" value={props.note} />
          <p safe>{i('confirmHint')}</p>
          <Button label={i('confirm', { n: counts.add })} />
        </Form>
      ) : (
        <Banner kind="warning" title={i('nothingToAdd')} />
      )}
      {shown.length < preview.rows.length ? (
        <p class="hint" safe>
          {i('partial', { shown: shown.length, total: preview.rows.length })}
        </p>
      ) : (
        ''
      )}
      <Table
        caption={i('rowsCaption')}
        head={[i('line'), c.t('newsletter.subscribers.email'), i('values'), i('outcome'), i('remarks')]}
        numeric={[0]}
        rows={shown.map((r) => [
          esc(formatNumber(c.locale, r.line)),
          r.name ? (
            <>
              <span safe>{r.email}</span>
              <br />
              <span safe>{r.name}</span>
            </>
          ) : (
            esc(r.email)
          ),
          esc([LOCALE_NAMES[r.locale], topicList(c, r.topics), r.country ? countryName(r.country, c.locale) : ''].filter(Boolean).join(' · ')),
          r.outcome === 'add' ? esc(i('outcomes.add')) : <strong safe>{i(`outcomes.${r.outcome}`)}</strong>,
          r.problems.length ? (
            <ul>
              {r.problems.map((p) => (
                <li safe>{problemText(c, p, preview)}</li>
              ))}
            </ul>
          ) : (
            esc('—')
          ),
        ])}
      />
    </Layout>
  );
}

export function ImportDonePage({ c, result }: { c: PageContext; result: Exclude<ImportResult, { ok: false }> }) {
  const title = c.t('newsletter.import.doneTitle');
  return (
    <Layout c={c} title={title} admin>
      <h1 safe>{title}</h1>
      {result.repeat ? (
        <Banner kind="info" title={c.t('newsletter.import.repeat')} />
      ) : (
        <Banner kind="success" title={c.t('newsletter.import.done', { added: result.added, skipped: result.skipped, errors: result.errors })} />
      )}
      <p>
        <a href={c.href('/admin/subscribers')} safe>
          {c.t('newsletter.subscribers.title')}
        </a>
      </p>
    </Layout>
  );
}
