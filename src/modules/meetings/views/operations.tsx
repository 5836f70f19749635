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
      <h1 safe>{c.t('meetings.catering.title', { meeting: title })}</h1>
      <p safe>{c.t('meetings.catering.intro', { n: counts.participants })}</p>
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
      <h1 safe>{c.t('meetings.checkin.title', { meeting: title })}</h1>
      <p role="status" safe>
        {data.days.map((_, i) => c.t('meetings.checkin.count', { day: i + 1, n: data.counts.byDay[i + 1] ?? 0, total: data.counts.confirmed })).join(' · ')}
      </p>
      <Form c={c} action={c.href(base)} method="get" label={c.t('meetings.checkin.find')}>
        <Radios c={c} name="day" label={c.t('meetings.catering.day')} inline options={data.days.map((d, i) => ({ value: String(i + 1), label: `${i + 1} — ${formatDate(c.locale, d, m.timeZone, 'medium')}` }))} form={{ values: { day: String(data.day) }, errors: [] }} />
        <TextInput c={c} name="q" type="search" label={c.t('meetings.checkin.name')} form={{ values: data.query, errors: [] }} />
        <TextInput c={c} name="code" label={c.t('meetings.checkin.code')} hint={c.t('meetings.checkin.codeHint')} autocomplete="off" form={{ values: data.query, errors: [] }} />
        <div id="scanner" class="scanner" hidden data-label={c.t('meetings.checkin.scan')}></div>
        <Button label={c.t('meetings.checkin.search')} />
      </Form>
      <Table
        caption={c.t('meetings.checkin.results', { n: data.found.length })}
        head={[c.t('meetings.register.fields.name'), c.t('meetings.register.fields.organization'), c.t('meetings.register.fields.country'), c.t('meetings.checkin.present')]}
        empty={data.query.q || data.query.code ? c.t('meetings.checkin.none') : c.t('meetings.checkin.start')}
        rows={data.found.map(({ reg, days }) => [
          esc(reg.name),
          esc(reg.organization),
          esc(countryName(reg.country, c.locale)),
          days.includes(data.day) ? (
            <strong safe>{c.t('meetings.checkin.already', { day: data.day })}</strong>
          ) : (
            <Form c={c} action={c.href(`${base}/${reg.id}`)} class="inline">
              <input type="hidden" name="day" value={String(data.day)} />
              <button type="submit" class="button primary" safe>
                {c.t('meetings.checkin.mark', { name: reg.name, day: data.day })}
              </button>
            </Form>
          ),
        ])}
      />
    </Layout>
  );
}

export function QuestionsPage({ c, meeting: m, questions, form }: { c: PageContext; meeting: MeetingRow; questions: QuestionRow[]; form?: FormState }) {
  const title = c.text(m.title, m.originalLocale).text;
  const labels = { kind: c.t('meetings.questions.kind'), label: c.t('meetings.questions.label'), options: c.t('meetings.questions.options') };
  return (
    <Layout c={c} title={c.t('meetings.questions.title', { meeting: title })} admin form={form} labels={labels} before={back(c, m)}>
      <h1 safe>{c.t('meetings.questions.title', { meeting: title })}</h1>
      <p safe>{c.t('meetings.questions.intro')}</p>
      <Table
        caption={c.t('meetings.questions.caption', { n: questions.length })}
        head={[labels.label, labels.kind, c.t('meetings.questions.required'), c.t('admin.users.actions')]}
        empty={c.t('admin.none')}
        rows={questions.map((q) => [
          <>
            <span safe>{c.text(q.label, m.originalLocale).text}</span>
            {q.options.length ? <span class="hint" safe>{` (${q.options.map((o) => c.text(o, m.originalLocale).text).join(' / ')})`}</span> : ''}
          </>,
          esc(c.t(`meetings.questions.kinds.${q.kind}`)),
          esc(q.required ? c.t('common.yes') : c.t('common.no')),
          <Form c={c} action={c.href(`/admin/meetings/${m.slug}/questions/${q.id}/remove`)} class="inline">
            <button type="submit" class="button small warning" safe>
              {c.t('meetings.questions.remove', { label: c.text(q.label, m.originalLocale).text })}
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
