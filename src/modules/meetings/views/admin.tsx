import type { PageContext } from '../../../platform/http/page.js';
import type { FormState } from '../../../platform/forms/validate.js';
import { Layout } from '../../../platform/ui/layout.js';
import { Button, Checkboxes, Form, Radios, Select, Textarea, TextInput } from '../../../platform/ui/form.js';
import { BackLink, Banner, EditingLanguage, SummaryList, Table, esc } from '../../../platform/ui/components.js';
import { formatDate, formatDateTime, formatNumber, languageName, zoneLabel } from '../../../platform/i18n/format.js';
import { countryName, INCOME_GROUPS, INCOME_YEARS, incomeClassification, incomeGroupName } from '../../../platform/geo/countries.js';
import type { CategoryRow, MeetingRow, RegistrationRow } from '../registration.js';
import { MEETING_STATUSES, SESSION_KINDS, type SessionView } from '../service.js';
import type { FinancingRow } from '../financing.js';
import type { ActivityRow } from '../activities.js';
import type { QuestionRow } from '../questions.js';
import type { I18nText } from '../../../platform/i18n/content.js';
import type { Locale } from '../../../platform/i18n/locales.js';

const TIME_ZONES = Intl.supportedValuesOf('timeZone');

/** Links between the Secretariat's pages of one meeting. */
export function MeetingAdminNav({ c, m }: { c: PageContext; m: Pick<MeetingRow, 'slug'> }) {
  const pages = [
    ['registrations', 'meetings.admin.link'],
    ['edit', 'meetings.edit.link'],
    ['programme', 'meetings.programmeAdmin.link'],
    ['categories', 'meetings.categoriesAdmin.link'],
    ['activities', 'meetings.activitiesAdmin.link'],
    ['questions', 'meetings.questions.link'],
    ['financing', 'meetings.admin.financingLink'],
    ['catering', 'meetings.admin.cateringLink'],
    ['check-in', 'meetings.admin.checkinLink'],
    ['dashboard', 'meetings.dashboard.link'],
  ] as const;
  return (
    <nav class="actions" aria-label={c.t('meetings.edit.sections')}>
      {pages.map(([path, key]) => (
        <a href={c.href(`/admin/meetings/${m.slug}/${path}`)} safe>
          {c.t(key)}
        </a>
      ))}
    </nav>
  );
}

/**
 * The links to a meeting's text in the other languages: the original on this form in its language,
 * a translation on the translation screen, beside its original.
 */
function versionsOf(c: PageContext, part: string, id: string, original: string, text: I18nText, form: string) {
  return { href: (l: Locale) => (l === original ? `/${l}${form}` : c.href(`/admin/translations/meeting-${part}/${id}/${l}`)), has: (l: Locale) => !!text[l]?.trim() };
}

/** Which language the translatable fields of a form are in, and how to edit another. */
export function MeetingFormPage({ c, meeting, form, notice, incomeYear }: { c: PageContext; meeting?: MeetingRow; form: FormState; notice?: string; /** The classification the meeting's financing reads income groups in, as saved. */ incomeYear?: string }) {
  const f = (k: string) => c.t(`meetings.edit.fields.${k}`);
  const names = ['slug', 'title', 'description', 'venueName', 'venueAddress', 'timeZone', 'startsAt', 'endsAt', 'status', 'allocation', 'capacity', 'registrationOpensAt', 'registrationClosesAt', 'offerHours', 'financingBudget', 'financingCurrency', 'financingIncomeGroups', 'financingIncomeYear', 'financingClosesAt', 'signatoryName', 'signatoryTitle'];
  const labels = Object.fromEntries(names.map((k) => [k, f(k)]));
  const heading = meeting ? c.t('meetings.edit.title', { meeting: c.text(meeting.title, meeting.originalLocale).text }) : c.t('meetings.edit.newTitle');
  const zone = String(form.values.timeZone ?? meeting?.timeZone ?? '');
  const inZone = zone ? c.t('meetings.edit.inZone', { zone }) : undefined;
  return (
    <Layout c={c} title={heading} admin form={form} labels={labels} before={<BackLink href={c.href('/admin/meetings')} label={c.t('common.back')} />}>
      {notice ? <Banner kind="success" title={c.t(`meetings.edit.notices.${notice}`)} /> : ''}
      <h1 safe>{heading}</h1>
      {meeting ? <MeetingAdminNav c={c} m={meeting} /> : ''}
      <EditingLanguage c={c} original={meeting?.originalLocale ?? c.locale} versions={meeting ? versionsOf(c, 'meeting', meeting.id, meeting.originalLocale, meeting.title, `/admin/meetings/${meeting.slug}/edit`) : undefined} />
      <Form c={c} action={c.href(meeting ? `/admin/meetings/${meeting.slug}/edit` : '/admin/meetings/new')}>
        {meeting ? '' : <TextInput c={c} name="slug" label={labels.slug!} hint={f('slugHint')} width="medium" spellcheck={false} form={form} />}
        <TextInput c={c} name="title" label={labels.title!} width="full" form={form} />
        <Textarea c={c} name="description" label={labels.description!} rows={6} maxlength={5000} form={form} />
        <fieldset>
          <legend safe>{f('where')}</legend>
          <TextInput c={c} name="venueName" label={labels.venueName!} width="full" form={form} />
          <Textarea c={c} name="venueAddress" label={labels.venueAddress!} rows={2} form={form} />
          <Select c={c} name="timeZone" label={labels.timeZone!} options={TIME_ZONES.map((z) => ({ value: z, label: z }))} form={form} />
        </fieldset>
        <fieldset>
          <legend safe>{f('when')}</legend>
          <TextInput c={c} name="startsAt" type="datetime-local" label={labels.startsAt!} hint={inZone} width="medium" form={form} />
          <TextInput c={c} name="endsAt" type="datetime-local" label={labels.endsAt!} hint={inZone} width="medium" form={form} />
          <Radios c={c} name="status" label={labels.status!} inline options={MEETING_STATUSES.map((s) => ({ value: s, label: c.t(`meetings.statuses.${s}`) }))} form={form} />
        </fieldset>
        <fieldset>
          <legend safe>{f('registration')}</legend>
          <Radios c={c} name="allocation" label={labels.allocation!} options={(['fcfs', 'moderated'] as const).map((a) => ({ value: a, label: f(`allocations.${a}`) }))} form={form} />
          {meeting ? (
            <p class="hint">
              {c.th('meetings.edit.capacityElsewhere', { capacity: meeting.capacity === null ? '—' : formatNumber(c.locale, meeting.capacity) })}
            </p>
          ) : (
            <TextInput c={c} name="capacity" type="number" inputmode="numeric" label={labels.capacity!} hint={f('capacityHint')} width="short" form={form} />
          )}
          <TextInput c={c} name="registrationOpensAt" type="datetime-local" label={labels.registrationOpensAt!} hint={inZone} width="medium" form={form} />
          <TextInput c={c} name="registrationClosesAt" type="datetime-local" label={labels.registrationClosesAt!} hint={inZone} width="medium" form={form} />
          <TextInput c={c} name="offerHours" type="number" inputmode="numeric" label={labels.offerHours!} hint={f('offerHoursHint')} width="short" form={form} />
        </fieldset>
        <fieldset>
          <legend safe>{f('financing')}</legend>
          <TextInput c={c} name="financingBudget" type="number" inputmode="numeric" label={labels.financingBudget!} width="short" form={form} />
          <TextInput c={c} name="financingCurrency" label={labels.financingCurrency!} hint={f('currencyHint')} width="short" spellcheck={false} form={form} />
          <Checkboxes c={c} name="financingIncomeGroups" label={labels.financingIncomeGroups!} options={INCOME_GROUPS.map((g) => ({ value: g, label: incomeGroupName(g, c.locale) }))} form={form} />
          <Select
            c={c}
            name="financingIncomeYear"
            label={labels.financingIncomeYear!}
            hint={incomeYear ? c.t('meetings.edit.fields.incomeYearInUse', { year: incomeYear }) : f('incomeYearHint')}
            placeholder={f('incomeYearAuto')}
            options={INCOME_YEARS.map((y) => {
              const k = incomeClassification(y);
              return { value: y, label: c.t('meetings.edit.fields.incomeYearOption', { year: y, from: formatDate(c.locale, new Date(k.validFrom), 'UTC'), to: formatDate(c.locale, new Date(k.validTo), 'UTC') }) };
            })}
            form={form}
          />
          <TextInput c={c} name="financingClosesAt" type="datetime-local" label={labels.financingClosesAt!} hint={inZone} width="medium" form={form} />
        </fieldset>
        <fieldset>
          <legend safe>{f('letters')}</legend>
          <TextInput c={c} name="signatoryName" label={labels.signatoryName!} width="full" form={form} />
          <TextInput c={c} name="signatoryTitle" label={labels.signatoryTitle!} width="full" form={form} />
        </fieldset>
        <Button label={meeting ? c.t('meetings.edit.save') : c.t('meetings.edit.create')} />
      </Form>
    </Layout>
  );
}

/** A working group a session can belong to. */
export type GroupChoice = { value: string; label: string };

function SessionForm({ c, m, action, form, submit, groups }: { c: PageContext; m: MeetingRow; action: string; form?: FormState; submit: string; groups: GroupChoice[] }) {
  const f = (k: string) => c.t(`meetings.programmeAdmin.fields.${k}`);
  const inZone = c.t('meetings.edit.inZone', { zone: m.timeZone });
  return (
    <Form c={c} action={action}>
      <Select c={c} name="kind" label={f('kind')} options={SESSION_KINDS.map((k) => ({ value: k, label: c.t(`meetings.kinds.${k}`) }))} form={form} />
      <TextInput c={c} name="title" label={f('title')} width="full" form={form} />
      <Textarea c={c} name="description" label={f('description')} rows={3} form={form} />
      <TextInput c={c} name="startsAt" type="datetime-local" label={f('startsAt')} hint={inZone} width="medium" form={form} />
      <TextInput c={c} name="endsAt" type="datetime-local" label={f('endsAt')} hint={inZone} width="medium" form={form} />
      <TextInput c={c} name="room" label={f('room')} width="medium" form={form} />
      <Textarea c={c} name="speakers" label={f('speakers')} hint={f('onePerLine')} rows={3} form={form} />
      <Textarea c={c} name="chairs" label={f('chairs')} hint={f('onePerLine')} rows={2} form={form} />
      {groups.length ? <Checkboxes c={c} name="workingGroups" label={f('workingGroups')} hint={f('workingGroupsHint')} options={groups} form={form} /> : ''}
      <Button label={submit} />
    </Form>
  );
}

const sessionLabels = (c: PageContext) => Object.fromEntries(['kind', 'title', 'description', 'startsAt', 'endsAt', 'room', 'speakers', 'chairs', 'workingGroups'].map((k) => [k, c.t(`meetings.programmeAdmin.fields.${k}`)]));

export function ProgrammeAdminPage({ c, meeting: m, sessions, form, notice, groups }: { c: PageContext; meeting: MeetingRow; sessions: SessionView[]; form?: FormState; notice?: string; groups: GroupChoice[] }) {
  const title = c.t('meetings.programmeAdmin.title', { meeting: c.text(m.title, m.originalLocale).text });
  return (
    <Layout c={c} title={title} admin form={form} labels={sessionLabels(c)} before={<BackLink href={c.href('/admin/meetings')} label={c.t('common.back')} />}>
      {notice ? <Banner kind="success" title={c.t(`meetings.programmeAdmin.notices.${notice}`)} /> : ''}
      <h1>{c.th('meetings.programmeAdmin.title', { meeting: c.text(m.title, m.originalLocale).text })}</h1>
      <MeetingAdminNav c={c} m={m} />
      <Table
        caption={c.t('meetings.programmeAdmin.caption', { n: sessions.length, zone: zoneLabel(c.locale, m.startsAt, m.timeZone) })}
        head={[c.t('meetings.programmeAdmin.fields.startsAt'), c.t('meetings.programmeAdmin.fields.title'), c.t('meetings.programmeAdmin.fields.kind'), c.t('meetings.programmeAdmin.fields.room'), c.t('admin.actions')]}
        hiddenHead={[4]}
        empty={c.t('admin.none')}
        rows={sessions.map((s) => {
          const name = c.text(s.title, m.originalLocale).text;
          return [
            esc(formatDateTime(c.locale, s.startsAt, m.timeZone)),
            <a href={c.href(`/admin/meetings/${m.slug}/programme/${s.id}`)} safe>
              {name}
            </a>,
            esc(c.t(`meetings.kinds.${s.kind}`)),
            esc(s.room),
            <Form c={c} action={c.href(`/admin/meetings/${m.slug}/programme/${s.id}/remove`)} class="inline">
              <button type="submit" class="button small warning">
                {c.th('meetings.programmeAdmin.remove', { title: name })}
              </button>
            </Form>,
          ];
        })}
      />
      <h2 safe>{c.t('meetings.programmeAdmin.add')}</h2>
      <EditingLanguage c={c} original={m.originalLocale} />
      <SessionForm c={c} m={m} action={c.href(`/admin/meetings/${m.slug}/programme`)} form={form} submit={c.t('meetings.programmeAdmin.add')} groups={groups} />
    </Layout>
  );
}

export function SessionEditPage({ c, meeting: m, session, form, groups }: { c: PageContext; meeting: MeetingRow; session: SessionView; form: FormState; groups: GroupChoice[] }) {
  const title = c.t('meetings.programmeAdmin.editTitle', { session: c.text(session.title, m.originalLocale).text });
  return (
    <Layout c={c} title={title} admin form={form} labels={sessionLabels(c)} before={<BackLink href={c.href(`/admin/meetings/${m.slug}/programme`)} label={c.t('common.back')} />}>
      <h1>{c.th('meetings.programmeAdmin.editTitle', { session: c.text(session.title, m.originalLocale).text })}</h1>
      <EditingLanguage c={c} original={m.originalLocale} versions={versionsOf(c, 'session', session.id, m.originalLocale, session.title, `/admin/meetings/${m.slug}/programme/${session.id}`)} />
      <SessionForm c={c} m={m} action={c.href(`/admin/meetings/${m.slug}/programme/${session.id}`)} form={form} submit={c.t('meetings.edit.save')} groups={groups} />
    </Layout>
  );
}

function CategoryForm({ c, action, category, form, submit }: { c: PageContext; action: string; category?: CategoryRow; form?: FormState; submit: string }) {
  const f = (k: string) => c.t(`meetings.categoriesAdmin.fields.${k}`);
  const codeOptions = (category ? (['keep', 'new', 'none'] as const) : (['none', 'new'] as const)).map((a) => ({ value: a, label: f(`code.${a}`) }));
  return (
    <Form c={c} action={action}>
      {category ? '' : <TextInput c={c} name="slug" label={f('slug')} hint={c.t('meetings.edit.fields.slugHint')} width="medium" spellcheck={false} form={form} />}
      <TextInput c={c} name="name" label={f('name')} width="full" form={form} />
      <TextInput c={c} name="quota" type="number" inputmode="numeric" label={f('quota')} hint={f('quotaHint')} width="short" form={form} />
      <TextInput c={c} name="colour" type="color" label={f('colour')} hint={f('colourHint')} width="short" form={form} />
      <Radios c={c} name="codeAction" label={f('codeAction')} options={codeOptions} form={form} />
      <TextInput c={c} name="invitationCode" label={f('invitationCode')} hint={f('invitationCodeHint')} width="medium" spellcheck={false} form={form} />
      <Button label={submit} />
    </Form>
  );
}

const categoryLabels = (c: PageContext) => Object.fromEntries(['slug', 'name', 'quota', 'colour', 'codeAction', 'invitationCode'].map((k) => [k, c.t(`meetings.categoriesAdmin.fields.${k}`)]));

export function CategoriesAdminPage({ c, meeting: m, categories, taken, form, notice }: { c: PageContext; meeting: MeetingRow; categories: CategoryRow[]; taken: Record<string, number>; form?: FormState; notice?: string }) {
  const title = c.t('meetings.categoriesAdmin.title', { meeting: c.text(m.title, m.originalLocale).text });
  return (
    <Layout c={c} title={title} admin form={form} labels={categoryLabels(c)} before={<BackLink href={c.href('/admin/meetings')} label={c.t('common.back')} />}>
      {notice ? <Banner kind={notice === 'in-use' || notice === 'unknown' ? 'warning' : 'success'} title={c.t(`meetings.categoriesAdmin.notices.${notice}`)} /> : ''}
      <h1>{c.th('meetings.categoriesAdmin.title', { meeting: c.text(m.title, m.originalLocale).text })}</h1>
      <MeetingAdminNav c={c} m={m} />
      <p safe>{c.t('meetings.categoriesAdmin.intro')}</p>
      <Table
        caption={c.t('meetings.categoriesAdmin.caption', { n: categories.length })}
        head={[c.t('meetings.categoriesAdmin.fields.name'), c.t('meetings.categoriesAdmin.fields.quota'), c.t('meetings.admin.taken'), c.t('meetings.categoriesAdmin.fields.invitationCode'), c.t('meetings.categoriesAdmin.fields.colour'), c.t('admin.actions')]}
        numeric={[1, 2]}
        hiddenHead={[5]}
        empty={c.t('admin.none')}
        rows={categories.map((k) => {
          const name = c.text(k.name, m.originalLocale).text;
          return [
            <a href={c.href(`/admin/meetings/${m.slug}/categories/${k.id}`)} safe>
              {name}
            </a>,
            esc(k.quota === null ? '—' : formatNumber(c.locale, k.quota)),
            esc(formatNumber(c.locale, taken[k.id] ?? 0)),
            esc(k.invitationCodeHash ? c.t('meetings.categoriesAdmin.codeRequired') : c.t('meetings.categoriesAdmin.codeNone')),
            <span class="swatch-label">
              <svg class="swatch" width="16" height="16" aria-hidden="true">
                <rect width="16" height="16" fill={k.colour} />
              </svg>
              <span safe>{k.colour}</span>
            </span>,
            (taken[k.id] ?? 0) > 0 ? (
              ''
            ) : (
              <Form c={c} action={c.href(`/admin/meetings/${m.slug}/categories/${k.id}/remove`)} class="inline">
                <button type="submit" class="button small warning">
                  {c.th('meetings.categoriesAdmin.remove', { name })}
                </button>
              </Form>
            ),
          ];
        })}
      />
      <h2 safe>{c.t('meetings.categoriesAdmin.add')}</h2>
      <EditingLanguage c={c} original={m.originalLocale} />
      <CategoryForm c={c} action={c.href(`/admin/meetings/${m.slug}/categories`)} form={form ?? { values: { colour: '#0b4f8a', codeAction: 'none' }, errors: [] }} submit={c.t('meetings.categoriesAdmin.add')} />
    </Layout>
  );
}

export function CategoryEditPage({ c, meeting: m, category, form }: { c: PageContext; meeting: MeetingRow; category: CategoryRow; form: FormState }) {
  const title = c.t('meetings.categoriesAdmin.editTitle', { name: c.text(category.name, m.originalLocale).text });
  return (
    <Layout c={c} title={title} admin form={form} labels={categoryLabels(c)} before={<BackLink href={c.href(`/admin/meetings/${m.slug}/categories`)} label={c.t('common.back')} />}>
      <h1>{c.th('meetings.categoriesAdmin.editTitle', { name: c.text(category.name, m.originalLocale).text })}</h1>
      <EditingLanguage c={c} original={m.originalLocale} versions={versionsOf(c, 'category', category.id, m.originalLocale, category.name, `/admin/meetings/${m.slug}/categories/${category.id}`)} />
      <CategoryForm c={c} action={c.href(`/admin/meetings/${m.slug}/categories/${category.id}`)} category={category} form={form} submit={c.t('meetings.edit.save')} />
    </Layout>
  );
}

/** One registration as the Secretariat sees it, with its category to change and its badge. */
export function RegistrationAdminPage(props: {
  c: PageContext;
  meeting: MeetingRow;
  reg: RegistrationRow;
  categories: CategoryRow[];
  questions: QuestionRow[];
  financing: FinancingRow | null;
  days: number[];
  notice?: string;
}) {
  const { c, meeting: m, reg } = props;
  const a = reg.answers as { languages?: string[]; accessibility?: string; lunch?: string[]; dietary?: string; passportName?: string; questions?: Record<string, string> };
  const cat = props.categories.find((k) => k.id === reg.categoryId);
  const list = (xs: string[]) => new Intl.ListFormat(c.locale, { type: 'conjunction' }).format(xs);
  const answer = (q: QuestionRow) => {
    const v = a.questions?.[q.id];
    if (v === undefined || v === '') return '—';
    if (q.kind === 'yesno') return c.t(v === 'yes' ? 'common.yes' : 'common.no');
    if (q.kind === 'choice') return c.text(q.options[Number(v)] ?? {}, m.originalLocale).text;
    return String(v);
  };
  return (
    <Layout c={c} title={reg.name} admin before={<BackLink href={c.href(`/admin/meetings/${m.slug}/registrations`)} label={c.t('common.back')} />}>
      {props.notice ? <Banner kind={props.notice === 'ok' ? 'success' : 'warning'} title={c.t(`meetings.registrationAdmin.notices.${props.notice}`)} /> : ''}
      <h1 safe>{reg.name}</h1>
      <SummaryList
        rows={[
          [c.t('meetings.admin.order'), esc(formatNumber(c.locale, reg.seq))],
          [c.t('meetings.admin.status'), esc(c.t(`meetings.regStatuses.${reg.status}`))],
          [c.t('meetings.register.fields.email'), esc(reg.email)],
          [c.t('meetings.register.fields.organization'), esc(reg.organization || '—')],
          [c.t('meetings.register.fields.country'), esc(countryName(reg.country, c.locale))],
          [c.t('meetings.register.fields.category'), esc(cat ? c.text(cat.name, m.originalLocale).text : '—')],
          [c.t('meetings.register.fields.passportName'), esc(a.passportName || '—')],
          [c.t('meetings.register.fields.languages'), esc(a.languages?.length ? list(a.languages.map((l) => languageName(c.locale, l))) : '—')],
          [c.t('meetings.register.fields.lunch'), esc(a.lunch?.length ? list(a.lunch.map((d) => c.t('meetings.register.day', { n: Number(d.slice(3)) }))) : '—')],
          [c.t('meetings.register.fields.dietary'), esc(a.dietary || '—')],
          [c.t('meetings.register.fields.accessibility'), esc(a.accessibility || '—')],
          ...props.questions.map((q) => [c.text(q.label, m.originalLocale).text, esc(answer(q))] as [string, JSX.Element]),
          [c.t('meetings.financing.heading'), esc(props.financing ? c.t(`meetings.financing.statuses.${props.financing.status}`) : '—')],
          [c.t('meetings.registrationAdmin.attendance'), esc(props.days.length ? list(props.days.map((d) => c.t('meetings.registrationAdmin.day', { n: d }))) : '—')],
          [c.t('meetings.admin.registeredAt'), esc(formatDateTime(c.locale, reg.createdAt, m.timeZone))],
        ]}
      />
      {reg.status === 'confirmed' ? (
        <p class="actions">
          <a class="button secondary" href={c.href(`/admin/meetings/${m.slug}/badges.pdf?id=${reg.id}`)} safe>
            {c.t('meetings.badges.one')}
          </a>
        </p>
      ) : (
        ''
      )}
      {['confirmed', 'offered', 'waiting', 'pending'].includes(reg.status) ? (
        <>
          <h2 safe>{c.t('meetings.registrationAdmin.changeCategory')}</h2>
          <p class="hint" safe>
            {c.t('meetings.registrationAdmin.changeCategoryHint')}
          </p>
          <Form c={c} action={c.href(`/admin/meetings/${m.slug}/registrations/${reg.id}/category`)}>
            <Select c={c} name="category" label={c.t('meetings.register.fields.category')} options={props.categories.map((k) => ({ value: k.id, label: c.text(k.name, m.originalLocale).text }))} form={{ values: { category: reg.categoryId }, errors: [] }} />
            <Button label={c.t('meetings.registrationAdmin.changeCategory')} />
          </Form>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

function ActivityForm({ c, m, action, isNew, form, submit }: { c: PageContext; m: MeetingRow; action: string; isNew: boolean; form?: FormState; submit: string }) {
  const f = (k: string) => c.t(`meetings.activitiesAdmin.fields.${k}`);
  const inZone = c.t('meetings.edit.inZone', { zone: m.timeZone });
  return (
    <Form c={c} action={action}>
      {isNew ? <TextInput c={c} name="slug" label={c.t('meetings.categoriesAdmin.fields.slug')} hint={c.t('meetings.edit.fields.slugHint')} width="medium" spellcheck={false} form={form} /> : ''}
      <TextInput c={c} name="title" label={f('title')} width="full" form={form} />
      <Textarea c={c} name="description" label={f('description')} rows={3} form={form} />
      <TextInput c={c} name="startsAt" type="datetime-local" label={f('startsAt')} hint={inZone} width="medium" form={form} />
      <TextInput c={c} name="endsAt" type="datetime-local" label={f('endsAt')} hint={inZone} width="medium" form={form} />
      <TextInput c={c} name="capacity" type="number" inputmode="numeric" label={f('capacity')} hint={f('capacityHint')} width="short" form={form} />
      <Checkboxes c={c} name="membersOnly" label={f('eligibility')} options={[{ value: 'yes', label: f('membersOnly'), hint: f('membersOnlyHint') }]} form={form} />
      <Button label={submit} />
    </Form>
  );
}

const activityLabels = (c: PageContext) => ({
  slug: c.t('meetings.categoriesAdmin.fields.slug'),
  ...Object.fromEntries(['title', 'description', 'startsAt', 'endsAt', 'capacity'].map((k) => [k, c.t(`meetings.activitiesAdmin.fields.${k}`)])),
  membersOnly: c.t('meetings.activitiesAdmin.fields.eligibility'),
});

export function ActivitiesAdminPage(props: { c: PageContext; meeting: MeetingRow; activities: ActivityRow[]; counts: Record<string, { confirmed: number; waiting: number }>; form?: FormState; notice?: string }) {
  const { c, meeting: m } = props;
  const title = c.t('meetings.activitiesAdmin.title', { meeting: c.text(m.title, m.originalLocale).text });
  return (
    <Layout c={c} title={title} admin form={props.form} labels={activityLabels(c)} before={<BackLink href={c.href('/admin/meetings')} label={c.t('common.back')} />}>
      {props.notice ? <Banner kind="success" title={c.t(`meetings.activitiesAdmin.notices.${props.notice}`)} /> : ''}
      <h1>{c.th('meetings.activitiesAdmin.title', { meeting: c.text(m.title, m.originalLocale).text })}</h1>
      <MeetingAdminNav c={c} m={m} />
      <Table
        caption={c.t('meetings.activitiesAdmin.caption', { n: props.activities.length })}
        head={[c.t('meetings.activitiesAdmin.fields.title'), c.t('meetings.activitiesAdmin.fields.startsAt'), c.t('meetings.activitiesAdmin.fields.eligibility'), c.t('meetings.activitiesAdmin.fields.capacity'), c.t('meetings.regStatuses.confirmed'), c.t('meetings.regStatuses.waiting')]}
        numeric={[3, 4, 5]}
        empty={c.t('admin.none')}
        rows={props.activities.map((a) => [
          <a href={c.href(`/admin/meetings/${m.slug}/activities/${a.id}`)} safe>
            {c.text(a.title, m.originalLocale).text}
          </a>,
          esc(formatDateTime(c.locale, a.startsAt, m.timeZone)),
          esc(a.membersOnly ? c.t('meetings.activitiesAdmin.fields.membersOnly') : c.t('meetings.activitiesAdmin.everyone')),
          esc(a.capacity === null ? '—' : formatNumber(c.locale, a.capacity)),
          esc(formatNumber(c.locale, props.counts[a.id]?.confirmed ?? 0)),
          esc(formatNumber(c.locale, props.counts[a.id]?.waiting ?? 0)),
        ])}
      />
      <h2 safe>{c.t('meetings.activitiesAdmin.add')}</h2>
      <EditingLanguage c={c} original={m.originalLocale} />
      <ActivityForm c={c} m={m} action={c.href(`/admin/meetings/${m.slug}/activities`)} isNew form={props.form} submit={c.t('meetings.activitiesAdmin.add')} />
    </Layout>
  );
}

export function ActivityEditPage({ c, meeting: m, activity, form }: { c: PageContext; meeting: MeetingRow; activity: ActivityRow; form: FormState }) {
  const title = c.t('meetings.activitiesAdmin.editTitle', { title: c.text(activity.title, m.originalLocale).text });
  return (
    <Layout c={c} title={title} admin form={form} labels={activityLabels(c)} before={<BackLink href={c.href(`/admin/meetings/${m.slug}/activities`)} label={c.t('common.back')} />}>
      <h1>{c.th('meetings.activitiesAdmin.editTitle', { title: c.text(activity.title, m.originalLocale).text })}</h1>
      <EditingLanguage c={c} original={m.originalLocale} />
      <ActivityForm c={c} m={m} action={c.href(`/admin/meetings/${m.slug}/activities/${activity.id}`)} isNew={false} form={form} submit={c.t('meetings.edit.save')} />
    </Layout>
  );
}
