import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { Button, Checkboxes, Form, Radios, Textarea, TextInput } from '../../../platform/ui/form.js';
import type { FormState } from '../../../platform/forms/validate.js';
import type { QuestionRow } from '../questions.js';
import { BackLink, Banner, Table, esc } from '../../../platform/ui/components.js';
import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { countryName } from '../../../platform/geo/countries.js';
import type { MeetingRow, RegistrationRow } from '../registration.js';

const back = (c: PageContext, m: MeetingRow) => <BackLink href={c.href(`/admin/meetings/${m.slug}/registrations`)} label={c.t('common.back')} />;

export function CateringPage({ c, meeting: m, days, counts }: { c: PageContext; meeting: MeetingRow; days: Date[]; counts: { participants: number; lunches: number[]; dietary: [string, number][] } }) {
  const title = c.text(m.title, m.originalLocale).text;
  return (
    <Layout c={c} title={c.t('meetings.catering.title', { meeting: title })} admin before={back(c, m)}>
      <h1>{c.th('meetings.catering.title', { meeting: title })}</h1>
      <p>{c.th('meetings.catering.intro', { n: counts.participants })}</p>
      <p>
        <a class="button secondary" href={c.href(`/admin/meetings/${m.slug}/catering.csv`)} safe>
          {c.t('membership.members.exportCsv')}
        </a>
      </p>
      <Table
        caption={c.t('meetings.catering.lunches')}
        head={[c.t('meetings.catering.day'), c.t('meetings.catering.count')]}
        numeric={[1]}
        rows={days.map((d, i) => [esc(`${c.t('meetings.register.day', { n: i + 1 })} — ${formatDate(c.locale, d, m.timeZone, 'full')}`), esc(formatNumber(c.locale, counts.lunches[i] ?? 0))])}
      />
      <Table
        caption={c.t('meetings.catering.dietary')}
        head={[c.t('meetings.register.fields.dietary'), c.t('meetings.catering.count')]}
        numeric={[1]}
        empty={c.t('admin.none')}
        rows={counts.dietary.map(([need, n]) => [esc(need), esc(formatNumber(c.locale, n))])}
      />
    </Layout>
  );
}

export interface CheckInData {
  meeting: MeetingRow;
  days: Date[];
  day: number;
  query: { code?: string; q?: string };
  found: { reg: RegistrationRow; days: number[] }[];
  counts: { confirmed: number; byDay: Record<number, number> };
  notice?: string;
}

/** Works on a phone: search by name, or scan the QR code (with the camera where the browser can). */
export function CheckInPage({ c, data }: { c: PageContext; data: CheckInData }) {
  const { meeting: m } = data;
  const title = c.text(m.title, m.originalLocale).text;
  const base = `/admin/meetings/${m.slug}/check-in`;
  return (
    <Layout c={c} title={c.t('meetings.checkin.title', { meeting: title })} admin before={back(c, m)} head={<script src={c.asset('checkin.js')} defer></script>}>
      {data.notice ? <Banner kind={data.notice === 'ok' ? 'success' : 'warning'} title={c.t(`meetings.checkin.notices.${data.notice}`)} /> : ''}
      <h1>{c.th('meetings.checkin.title', { meeting: title })}</h1>
      <p role="status" safe>
        {data.days.map((_, i) => c.t('meetings.checkin.count', { day: i + 1, n: data.counts.byDay[i + 1] ?? 0, total: data.counts.confirmed })).join(' · ')}
      </p>
      {/* On a phone, with one thumb: the day, then the name search with its results just below; the code (or the camera) after them. */}
      <nav class="day-choice" aria-label={c.t('meetings.catering.day')}>
        <ul>
          {data.days.map((d, i) => (
            <li>
              <a href={c.href(`${base}?${new URLSearchParams({ day: String(i + 1), ...(data.query.q ? { q: data.query.q } : {}) }).toString()}`)} aria-current={i + 1 === data.day ? 'true' : undefined} safe>
                {`${i + 1} — ${formatDate(c.locale, d, m.timeZone, 'medium')}`}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Form c={c} action={c.href(base)} method="get" label={c.t('meetings.checkin.find')} class="search-row">
        <input type="hidden" name="day" value={String(data.day)} />
        <TextInput c={c} name="q" type="search" label={c.t('meetings.checkin.name')} width="full" form={{ values: data.query, errors: [] }} />
        <Button label={c.t('meetings.checkin.search')} />
      </Form>
      <section class="checkin-results" aria-labelledby="checkin-results-title">
        <h2 id="checkin-results-title" safe>
          {c.t('meetings.checkin.results', { n: data.found.length })}
        </h2>
        {data.found.length ? (
          <ul class="card-list">
            {data.found.map(({ reg, days }) => (
              <li>
                <p class="checkin-name" safe>
                  {reg.name}
                </p>
                <p safe>{[reg.organization, countryName(reg.country, c.locale)].filter(Boolean).join(' · ')}</p>
                {days.includes(data.day) ? (
                  <p>
                    <strong>{c.th('meetings.checkin.already', { day: data.day })}</strong>
                  </p>
                ) : (
                  <Form c={c} action={c.href(`${base}/${reg.id}`)}>
                    <input type="hidden" name="day" value={String(data.day)} />
                    <button type="submit" class="button primary">
                      {c.th('meetings.checkin.mark', { name: reg.name, day: data.day })}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p safe>{data.query.q || data.query.code ? c.t('meetings.checkin.none') : c.t('meetings.checkin.start')}</p>
        )}
      </section>
      <Form c={c} action={c.href(base)} method="get" label={c.t('meetings.checkin.code')}>
        <input type="hidden" name="day" value={String(data.day)} />
        <TextInput c={c} name="code" label={c.t('meetings.checkin.code')} hint={c.t('meetings.checkin.codeHint')} autocomplete="off" form={{ values: data.query, errors: [] }} />
        <div id="scanner" class="scanner" hidden data-label={c.t('meetings.checkin.scan')}></div>
        <Button label={c.t('meetings.checkin.findCode')} variant="secondary" />
      </Form>
    </Layout>
  );
}

export function QuestionsPage({ c, meeting: m, questions, form }: { c: PageContext; meeting: MeetingRow; questions: QuestionRow[]; form?: FormState }) {
  const title = c.text(m.title, m.originalLocale).text;
  const labels = { kind: c.t('meetings.questions.kind'), label: c.t('meetings.questions.label'), options: c.t('meetings.questions.options') };
  return (
    <Layout c={c} title={c.t('meetings.questions.title', { meeting: title })} admin form={form} labels={labels} before={back(c, m)}>
      <h1>{c.th('meetings.questions.title', { meeting: title })}</h1>
      <p safe>{c.t('meetings.questions.intro')}</p>
      <Table
        caption={c.t('meetings.questions.caption', { n: questions.length })}
        head={[labels.label, labels.kind, c.t('meetings.questions.required'), c.t('admin.actions')]}
        hiddenHead={[3]}
        empty={c.t('admin.none')}
        rows={questions.map((q) => [
          <>
            <span safe>{c.text(q.label, m.originalLocale).text}</span>
            {q.options.length ? <span class="hint" safe>{` (${q.options.map((o) => c.text(o, m.originalLocale).text).join(' / ')})`}</span> : ''}
          </>,
          esc(c.t(`meetings.questions.kinds.${q.kind}`)),
          esc(q.required ? c.t('common.yes') : c.t('common.no')),
          <Form c={c} action={c.href(`/admin/meetings/${m.slug}/questions/${q.id}/remove`)} class="inline">
            <button type="submit" class="button small warning">
              {c.th('meetings.questions.remove', { label: c.text(q.label, m.originalLocale).text })}
            </button>
          </Form>,
        ])}
      />
      <h2 safe>{c.t('meetings.questions.add')}</h2>
      <Form c={c} action={c.href(`/admin/meetings/${m.slug}/questions`)}>
        <Radios c={c} name="kind" label={labels.kind} inline options={(['text', 'choice', 'yesno'] as const).map((k) => ({ value: k, label: c.t(`meetings.questions.kinds.${k}`) }))} form={form ?? { values: { kind: 'text' }, errors: [] }} />
        <TextInput c={c} name="label" label={labels.label} hint={c.t('meetings.questions.labelHint')} width="full" form={form} />
        <Textarea c={c} name="options" label={labels.options} hint={c.t('meetings.questions.optionsHint')} rows={4} form={form} />
        <Checkboxes c={c} name="required" label={c.t('meetings.questions.required')} options={[{ value: 'yes', label: c.t('meetings.questions.requiredLabel') }]} form={form} />
        <Button label={c.t('meetings.questions.add')} />
      </Form>
    </Layout>
  );
}
