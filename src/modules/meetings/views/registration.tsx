import type { PageContext } from '../../../platform/http/page.js';
import type { FormState } from '../../../platform/forms/validate.js';
import { Layout } from '../../../platform/ui/layout.js';
import { Button, Checkboxes, Form, Radios, Select, Textarea, TextInput } from '../../../platform/ui/form.js';
import { BackLink, Banner, SummaryList, Table, esc } from '../../../platform/ui/components.js';
import { dateTimeInZoneHtml, formatDateRange, formatDateTime, formatList, formatMoney, formatNumber, languageName } from '../../../platform/i18n/format.js';
import { LOCALES } from '../../../platform/i18n/locales.js';
import { countryName, countryOptions } from '../../../platform/geo/countries.js';
import type { CategoryRow, MeetingRow, RegistrationRow } from '../registration.js';
import type { ActivityRow } from '../activities.js';
import type { FinancingRow } from '../financing.js';
import type { SessionView } from '../service.js';
import { questionField, type QuestionRow } from '../questions.js';
import type { RegistrationFilter } from '../operations.js';
import { REG_STATUSES } from '../allocation.js';
import { INCOME_GROUPS, incomeGroupName, regionName, UNESCO_REGIONS } from '../../../platform/geo/countries.js';
import { MeetingAdminNav } from './admin.js';

const when = (c: PageContext, d: Date, tz: string) => dateTimeInZoneHtml(c.locale, d, tz);

export function RegisterPage({ c, meeting, categories, sessions, questions, form }: { c: PageContext; meeting: MeetingRow; categories: CategoryRow[]; sessions: SessionView[]; questions: QuestionRow[]; form?: FormState }) {
  const title = c.text(meeting.title, meeting.originalLocale).text;
  const f = (k: string) => c.t(`meetings.register.fields.${k}`);
  const labels: Record<string, string> = Object.fromEntries(['name', 'email', 'organization', 'country', 'passportName', 'category', 'invitationCode', 'languages', 'accessibility', 'lunch', 'dietary', 'sessions', 'consent'].map((k) => [k, f(k)]));
  for (const q of questions) labels[questionField(q)] = c.text(q.label, meeting.originalLocale).text;
  return (
    <Layout c={c} title={c.t('meetings.register.title', { meeting: title })} form={form} labels={labels} before={<BackLink href={c.href(`/meetings/${meeting.slug}`)} label={c.t('common.back')} />}>
      <h1>{c.th('meetings.register.title', { meeting: title })}</h1>
      <p safe>{c.t(meeting.allocation === 'moderated' ? 'meetings.register.introModerated' : 'meetings.register.introFcfs')}</p>
      {meeting.registrationClosesAt ? <p>{c.th('meetings.register.deadline', { deadline: when(c, meeting.registrationClosesAt, meeting.timeZone) })}</p> : ''}
      <Form c={c} action={c.href(`/meetings/${meeting.slug}/register`)}>
        <TextInput c={c} name="name" label={labels.name!} autocomplete="name" form={form} />
        <TextInput c={c} name="email" type="email" label={labels.email!} autocomplete="email" spellcheck={false} form={form} />
        <TextInput c={c} name="organization" label={labels.organization!} autocomplete="organization" form={form} width="full" />
        <Select c={c} name="country" label={labels.country!} placeholder="—" options={countryOptions(c.locale)} form={form} />
        <TextInput c={c} name="passportName" label={labels.passportName!} hint={c.t('meetings.register.passportHint')} autocomplete="off" width="full" form={form} />
        <Radios c={c} name="category" label={labels.category!} options={categories.map((cat) => ({ value: cat.slug, label: c.text(cat.name, meeting.originalLocale).text, hint: cat.invitationCodeHash ? c.t('meetings.register.needsCode') : undefined }))} form={form} />
        <TextInput c={c} name="invitationCode" label={labels.invitationCode!} hint={c.t('meetings.register.codeHint')} autocomplete="off" width="short" form={form} />
        <Checkboxes c={c} name="languages" label={labels.languages!} options={LOCALES.map((l) => ({ value: l, label: languageName(c.locale, l) }))} form={form} />
        <Textarea c={c} name="accessibility" label={labels.accessibility!} hint={c.t('meetings.register.optional')} rows={3} maxlength={1000} form={form} />
        <Checkboxes c={c} name="lunch" label={labels.lunch!} options={[{ value: 'day1', label: c.t('meetings.register.day', { n: 1 }) }, { value: 'day2', label: c.t('meetings.register.day', { n: 2 }) }]} form={form} />
        <TextInput c={c} name="dietary" label={labels.dietary!} hint={c.t('meetings.register.optional')} form={form} width="full" />
        {sessions.length ? (
          <Checkboxes
            c={c}
            name="sessions"
            label={labels.sessions!}
            hint={c.t('meetings.register.optional')}
            options={sessions.map((x) => ({ value: x.id, label: `${formatDateTime(c.locale, x.startsAt, meeting.timeZone)} — ${c.text(x.title, meeting.originalLocale).text}` }))}
            form={form}
          />
        ) : (
          ''
        )}
        <>
          {questions.map((q) => {
            const name = questionField(q);
            const hint = q.required ? undefined : c.t('meetings.register.optional');
            if (q.kind === 'text') return <TextInput c={c} name={name} label={labels[name]!} hint={hint} form={form} width="full" />;
            const options =
              q.kind === 'yesno'
                ? [
                    { value: 'yes', label: c.t('common.yes') },
                    { value: 'no', label: c.t('common.no') },
                  ]
                : q.options.map((o, i) => ({ value: String(i), label: c.text(o, meeting.originalLocale).text }));
            return <Radios c={c} name={name} label={labels[name]!} hint={hint} options={options} inline={q.kind === 'yesno'} form={form} />;
          })}
        </>
        <Checkboxes c={c} name="consent" label={labels.consent!} options={[{ value: 'yes', label: c.t('meetings.register.consentLabel') }]} form={form} />
        <Button label={c.t('meetings.register.submit')} />
      </Form>
    </Layout>
  );
}

export function RegistrationClosedPage({ c, meeting, reason }: { c: PageContext; meeting: MeetingRow; reason: string }) {
  const title = c.text(meeting.title, meeting.originalLocale).text;
  return (
    <Layout c={c} title={c.t('meetings.register.title', { meeting: title })} before={<BackLink href={c.href(`/meetings/${meeting.slug}`)} label={c.t('common.back')} />}>
      <h1>{c.th('meetings.register.title', { meeting: title })}</h1>
      <p>
        {c.th(`meetings.register.state.${reason}`, {
          opens: meeting.registrationOpensAt ? when(c, meeting.registrationOpensAt, meeting.timeZone) : '',
        })}
      </p>
    </Layout>
  );
}

/** After the form: the same page whether the address was new or already registered — the link to the registration goes by e-mail. */
export function RegistrationSentPage({ c, meeting, email }: { c: PageContext; meeting: MeetingRow; email: string }) {
  const title = c.text(meeting.title, meeting.originalLocale).text;
  return (
    <Layout c={c} title={c.t('meetings.register.sent.title')} before={<BackLink href={c.href(`/meetings/${meeting.slug}`)} label={c.t('common.back')} />}>
      <h1 safe>{c.t('meetings.register.sent.title')}</h1>
      <p>{c.th('meetings.register.sent.body', { email, meeting: title })}</p>
      <p safe>{c.t('meetings.register.sent.spam')}</p>
    </Layout>
  );
}

export interface ActivityLine {
  activity: ActivityRow;
  signup: { status: string } | null;
  refusal: string | null;
}

export interface ManageData {
  /** Present while the practical details can still be changed. */
  details?: { form?: FormState };
  activities?: ActivityLine[];
  financing?: { request: FinancingRow | null; refusal: string | null; currency: string; form?: FormState };
  reg: RegistrationRow;
  meeting: MeetingRow;
  category: CategoryRow;
  position: number | null;
  token: string;
  notice?: string;
  /** A cancelled registration whose meeting's registration is open: the person may register again. */
  registerAgain?: boolean;
}

export interface CancelData {
  reg: RegistrationRow;
  meeting: MeetingRow;
  category: CategoryRow;
  token: string;
  /** The programme's sessions the person said they would attend. */
  sessions: SessionView[];
  /** Side activities in which the person has a place or waits for one. */
  activities: { activity: ActivityRow; status: string }[];
  financing: FinancingRow | null;
}

/** "Cancel my registration" asks first: what the cancellation takes away, then one button to confirm it and a way back. */
export function CancelPage({ c, data }: { c: PageContext; data: CancelData }) {
  const { reg, meeting } = data;
  const title = c.text(meeting.title, meeting.originalLocale).text;
  const base = `/meetings/${meeting.slug}/registration/${data.token}`;
  const active = ['confirmed', 'waiting', 'offered', 'pending'].includes(reg.status);
  const holdsPlace = reg.status === 'confirmed' || reg.status === 'offered';
  const f = data.financing;
  const heading = c.t('meetings.cancel.title', { meeting: title });
  return (
    <Layout c={c} title={heading} before={<BackLink href={c.href(base)} label={c.t('meetings.cancel.keep')} />}>
      <h1 safe>{heading}</h1>
      {active ? (
        <>
          <p safe>{c.t('meetings.cancel.intro')}</p>
          <SummaryList
            rows={[
              [c.t('meetings.cancel.meeting'), esc(`${title} — ${formatDateRange(c.locale, meeting.startsAt, meeting.endsAt, meeting.timeZone)}`)],
              [c.t('meetings.admin.status'), esc(c.t(`meetings.regStatuses.${reg.status}`))],
              [c.t('meetings.register.fields.category'), esc(c.text(data.category.name, meeting.originalLocale).text)],
              [
                c.t('meetings.register.fields.sessions'),
                data.sessions.length ? (
                  <ul>
                    {data.sessions.map((x) => (
                      <li safe>{`${formatDateTime(c.locale, x.startsAt, meeting.timeZone)} — ${c.text(x.title, meeting.originalLocale).text}`}</li>
                    ))}
                  </ul>
                ) : (
                  esc('—')
                ),
              ],
              [
                c.t('meetings.sideActivities'),
                data.activities.length ? (
                  <ul>
                    {data.activities.map((a) => (
                      <li safe>{`${c.text(a.activity.title, meeting.originalLocale).text} — ${c.t(`meetings.activities.status.${a.status}`)}`}</li>
                    ))}
                  </ul>
                ) : (
                  esc('—')
                ),
              ],
              [
                c.t('meetings.financing.heading'),
                esc(
                  f
                    ? `${c.t(`meetings.financing.statuses.${f.status}`)} — ${formatMoney(c.locale, f.status === 'approved' || f.status === 'partly' ? f.approvedAmount : f.estimatedCost, meeting.financingCurrency)}`
                    : '—',
                ),
              ],
            ]}
          />
          <h2 safe>{c.t('meetings.cancel.consequencesHeading')}</h2>
          <ul>
            {holdsPlace ? <li safe>{c.t('meetings.cancel.place')}</li> : reg.status === 'waiting' ? <li safe>{c.t('meetings.cancel.waiting')}</li> : ''}
            {data.activities.length ? <li safe>{c.t('meetings.cancel.activities')}</li> : ''}
            {f && ['requested', 'approved', 'partly'].includes(f.status) ? <li safe>{c.t('meetings.cancel.financing')}</li> : ''}
            <li safe>{c.t('meetings.cancel.again')}</li>
          </ul>
          <Form c={c} action={c.href(`${base}/cancel`)}>
            <input type="hidden" name="confirm" value="yes" />
            <div class="actions">
              <Button variant="warning" label={c.t('meetings.cancel.confirm')} />
              <a class="button secondary" href={c.href(base)} safe>
                {c.t('meetings.cancel.keep')}
              </a>
            </div>
          </Form>
        </>
      ) : (
        <>
          <p>{c.th(`meetings.statusLine.${reg.status}`, { position: 0 })}</p>
          <p>
            <a href={c.href(base)} safe>
              {c.t('meetings.cancel.back')}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

export function ManagePage({ c, data }: { c: PageContext; data: ManageData }) {
  const { reg, meeting } = data;
  const title = c.text(meeting.title, meeting.originalLocale).text;
  const base = `/meetings/${meeting.slug}/registration/${data.token}`;
  const answers = reg.answers as { lunch?: string[]; languages?: string[]; dietary?: string; accessibility?: string; passportName?: string };
  const active = ['confirmed', 'waiting', 'offered', 'pending'].includes(reg.status);
  return (
    <Layout c={c} title={c.t('meetings.manage.title', { meeting: title })}>
      {data.notice ? <Banner kind="success" title={c.t(`meetings.manage.notices.${data.notice}`)} /> : ''}
      <h1>{c.th('meetings.manage.title', { meeting: title })}</h1>
      <Banner kind={reg.status === 'confirmed' ? 'success' : reg.status === 'offered' ? 'warning' : 'info'} title={c.t(`meetings.statusLine.${reg.status}`, { position: data.position ?? 0 })}>
        {reg.status === 'offered' && reg.offerExpiresAt ? <p>{c.th('meetings.manage.offerDeadline', { deadline: when(c, reg.offerExpiresAt, meeting.timeZone) })}</p> : ''}
      </Banner>
      {reg.status === 'offered' ? (
        <div class="actions">
          <Form c={c} action={c.href(`${base}/accept`)} class="inline">
            <Button label={c.t('meetings.manage.accept')} />
          </Form>
          <Form c={c} action={c.href(`${base}/decline`)} class="inline">
            <Button variant="secondary" label={c.t('meetings.manage.decline')} />
          </Form>
        </div>
      ) : (
        ''
      )}
      <SummaryList
        rows={[
          [c.t('meetings.register.fields.name'), esc(reg.name)],
          [c.t('meetings.register.fields.email'), esc(reg.email)],
          [c.t('meetings.register.fields.organization'), esc(reg.organization || '—')],
          [c.t('meetings.register.fields.country'), esc(countryName(reg.country, c.locale))],
          [c.t('meetings.register.fields.passportName'), esc(answers.passportName || '—')],
          [c.t('meetings.register.fields.category'), esc(c.text(data.category.name, meeting.originalLocale).text)],
          [c.t('meetings.register.fields.languages'), esc((answers.languages ?? []).map((l) => languageName(c.locale, l)).join(', ') || '—')],
          [c.t('meetings.register.fields.lunch'), esc((answers.lunch ?? []).map((d) => c.t('meetings.register.day', { n: d === 'day1' ? 1 : 2 })).join(', ') || '—')],
          [c.t('meetings.register.fields.dietary'), esc(answers.dietary || '—')],
          [c.t('meetings.register.fields.accessibility'), esc(answers.accessibility || '—')],
        ]}
      />
      {data.details ? <DetailsForm c={c} base={base} reg={reg} form={data.details.form} /> : ''}
      {data.activities?.length ? (
        <section aria-labelledby="activities-heading">
          <h2 id="activities-heading" safe>
            {c.t('meetings.sideActivities')}
          </h2>
          <ul class="card-list">
            {data.activities.map(({ activity: a, signup, refusal }) => (
              <li>
                <h3 safe>{c.text(a.title, meeting.originalLocale).text}</h3>
                <p safe>{formatDateTime(c.locale, a.startsAt, meeting.timeZone)}</p>
                {a.membersOnly ? (
                  <p class="tag" safe>
                    {c.t('meetings.membersOnly')}
                  </p>
                ) : (
                  ''
                )}
                {signup ? (
                  <>
                    <p>
                      <strong safe>{c.t(`meetings.activities.status.${signup.status}`)}</strong>
                    </p>
                    <Form c={c} action={c.href(`${base}/activities/${a.id}/leave`)}>
                      <Button variant="secondary" label={c.t('meetings.activities.leave')} />
                    </Form>
                  </>
                ) : refusal ? (
                  <p safe>{c.t(`meetings.activities.refusal.${refusal}`)}</p>
                ) : (
                  <Form c={c} action={c.href(`${base}/activities/${a.id}/join`)}>
                    <Button label={c.t('meetings.activities.join')} />
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      {data.financing ? <FinancingSection c={c} base={base} f={data.financing} /> : ''}
      {reg.status === 'confirmed' ? <LetterSection c={c} base={base} hasPassportName={!!answers.passportName?.trim()} /> : ''}
      {active ? (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading" safe>
            {c.t('meetings.manage.cancelHeading')}
          </h2>
          <p safe>{c.t('meetings.manage.cancelHint')}</p>
          <p>
            <a class="button warning" href={c.href(`${base}/cancel`)} safe>
              {c.t('meetings.manage.cancel')}
            </a>
          </p>
        </section>
      ) : (
        ''
      )}
      {reg.status === 'cancelled' && data.registerAgain ? (
        <section aria-labelledby="again-heading">
          <h2 id="again-heading" safe>
            {c.t('meetings.manage.againHeading')}
          </h2>
          <p safe>{c.t('meetings.manage.againHint')}</p>
          <p>
            <a class="button" href={c.href(`/meetings/${meeting.slug}/register`)} safe>
              {c.t('meetings.manage.registerAgain')}
            </a>
          </p>
        </section>
      ) : (
        ''
      )}
      <p class="hint" safe>
        {c.t('meetings.mail.keepPrivate')}
      </p>
    </Layout>
  );
}

function DetailsForm({ c, base, reg, form }: { c: PageContext; base: string; reg: RegistrationRow; form?: FormState }) {
  const a = reg.answers as { languages?: string[]; accessibility?: string; lunch?: string[]; dietary?: string; passportName?: string };
  const values = form ?? { values: { organization: reg.organization, passportName: a.passportName ?? '', languages: a.languages ?? [], accessibility: a.accessibility ?? '', lunch: a.lunch ?? [], dietary: a.dietary ?? '' }, errors: [] };
  const f = (k: string) => c.t(`meetings.register.fields.${k}`);
  return (
    <details class="change-details" open={!!form}>
      <summary safe>{c.t('meetings.manage.changeDetails')}</summary>
      <Form c={c} action={c.href(`${base}/details`)}>
        <TextInput c={c} name="organization" label={f('organization')} form={values} width="full" />
        <TextInput c={c} name="passportName" label={f('passportName')} hint={c.t('meetings.register.passportHint')} autocomplete="off" form={values} width="full" />
        <Checkboxes c={c} name="languages" label={f('languages')} options={LOCALES.map((l) => ({ value: l, label: languageName(c.locale, l) }))} form={values} />
        <Textarea c={c} name="accessibility" label={f('accessibility')} rows={3} maxlength={1000} form={values} />
        <Checkboxes c={c} name="lunch" label={f('lunch')} options={[{ value: 'day1', label: c.t('meetings.register.day', { n: 1 }) }, { value: 'day2', label: c.t('meetings.register.day', { n: 2 }) }]} form={values} />
        <TextInput c={c} name="dietary" label={f('dietary')} form={values} width="full" />
        <Button variant="secondary" label={c.t('meetings.manage.saveDetails')} />
      </Form>
    </details>
  );
}

/** The invitation letter for a visa: in the page's language, and in English and French for the host country's consulates. */
function LetterSection({ c, base, hasPassportName }: { c: PageContext; base: string; hasPassportName: boolean }) {
  const languages = [...new Set([c.locale, 'en', 'fr'] as const)];
  return (
    <section aria-labelledby="letter-heading">
      <h2 id="letter-heading" safe>
        {c.t('meetings.letter.heading')}
      </h2>
      {hasPassportName ? (
        <>
          <p safe>{c.t('meetings.letter.hint')}</p>
          <ul>
            {languages.map((l) => (
              <li>
                <a href={c.href(`${base}/letter.pdf?lang=${l}`)}>
                  {c.th('meetings.letter.download', { language: languageName(c.locale, l) })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p safe>{c.t('meetings.letter.needsPassportName')}</p>
      )}
    </section>
  );
}

function FinancingSection({ c, base, f }: { c: PageContext; base: string; f: NonNullable<ManageData['financing']> }) {
  if (!f.request && f.refusal === 'no-budget') return <></>;
  return (
    <section aria-labelledby="financing-heading">
      <h2 id="financing-heading" safe>
        {c.t('meetings.financing.heading')}
      </h2>
      {f.request ? (
        <SummaryList
          rows={[
            [c.t('meetings.financing.status'), esc(c.t(`meetings.financing.statuses.${f.request.status}`))],
            [c.t('meetings.financing.estimated'), esc(formatMoney(c.locale, f.request.estimatedCost, f.currency))],
            ...(f.request.status === 'approved' || f.request.status === 'partly' ? ([[c.t('meetings.financing.approved'), esc(formatMoney(c.locale, f.request.approvedAmount, f.currency))]] as [string, JSX.Element][]) : []),
            ...(f.request.decisionNote ? ([[c.t('meetings.financing.note'), esc(f.request.decisionNote)]] as [string, JSX.Element][]) : []),
          ]}
        />
      ) : f.refusal ? (
        <p safe>{c.t(`meetings.financing.refusal.${f.refusal}`)}</p>
      ) : (
        <Form c={c} action={c.href(`${base}/financing`)}>
          <p safe>{c.t('meetings.financing.intro')}</p>
          <Checkboxes
            c={c}
            name="needs"
            label={c.t('meetings.financing.needs')}
            options={[
              { value: 'travel', label: c.t('meetings.financing.travel') },
              { value: 'accommodation', label: c.t('meetings.financing.accommodation') },
            ]}
            form={f.form}
          />
          <Textarea c={c} name="justification" label={c.t('meetings.financing.justification')} rows={4} maxlength={2000} form={f.form} />
          <TextInput c={c} name="estimatedCost" type="number" inputmode="numeric" label={c.t('meetings.financing.estimatedIn', { currency: f.currency })} width="short" form={f.form} />
          <Button label={c.t('meetings.financing.submit')} />
        </Form>
      )}
    </section>
  );
}

export function FinancingAdminPage(props: {
  c: PageContext;
  meeting: MeetingRow;
  rows: { request: FinancingRow; reg: RegistrationRow }[];
  budget: { budget: number; committed: number; pending: number; remaining: number };
  /** The World Bank classification year eligibility is read in. */
  incomeYear: string;
  notice?: string;
}) {
  const { c, meeting } = props;
  const title = c.text(meeting.title, meeting.originalLocale).text;
  const cur = meeting.financingCurrency;
  return (
    <Layout c={c} title={c.t('meetings.financing.adminTitle', { meeting: title })} admin>
      {props.notice ? <Banner kind={props.notice === 'ok' ? 'success' : 'warning'} title={c.t(`meetings.financing.notices.${props.notice}`)} /> : ''}
      <h1>{c.th('meetings.financing.adminTitle', { meeting: title })}</h1>
      <SummaryList
        rows={[
          [
            c.t('meetings.financing.eligible'),
            esc(
              c.t('meetings.financing.eligibleIn', {
                groups: formatList(c.locale, INCOME_GROUPS.filter((g) => meeting.financingIncomeGroups.includes(g)).map((g) => incomeGroupName(g, c.locale))),
                year: props.incomeYear,
              }),
            ),
          ],
          [c.t('meetings.financing.budget'), esc(formatMoney(c.locale, props.budget.budget, cur))],
          [c.t('meetings.financing.committed'), esc(formatMoney(c.locale, props.budget.committed, cur))],
          [c.t('meetings.financing.pending'), esc(formatMoney(c.locale, props.budget.pending, cur))],
          [c.t('meetings.financing.remaining'), esc(formatMoney(c.locale, props.budget.remaining, cur))],
        ]}
      />
      <p class="actions">
        <a class="button secondary" href={c.href(`/admin/meetings/${meeting.slug}/financing.csv`)} safe>
          {c.t('membership.members.exportCsv')}
        </a>
        <a class="button secondary" href={c.href(`/admin/meetings/${meeting.slug}/financing.xlsx`)} safe>
          {c.t('membership.members.exportXlsx')}
        </a>
      </p>
      <Table
        caption={c.t('meetings.financing.caption', { total: props.rows.length })}
        head={[c.t('meetings.register.fields.name'), c.t('meetings.register.fields.country'), c.t('meetings.financing.needs'), c.t('meetings.financing.estimated'), c.t('meetings.financing.status'), c.t('meetings.financing.decide')]}
        numeric={[3]}
        empty={c.t('admin.none')}
        rows={props.rows.map(({ request: r, reg }) => [
          <>
            <span safe>{reg.name}</span>
            <br />
            <span class="hint pre-line" safe>
              {r.justification}
            </span>
          </>,
          esc(countryName(reg.country, c.locale)),
          esc([r.travel ? c.t('meetings.financing.travel') : '', r.accommodation ? c.t('meetings.financing.accommodation') : ''].filter(Boolean).join(', ')),
          esc(formatMoney(c.locale, r.estimatedCost, cur)),
          esc(`${c.t(`meetings.financing.statuses.${r.status}`)}${r.status === 'partly' || r.status === 'approved' ? ` — ${formatMoney(c.locale, r.approvedAmount, cur)}` : ''}`),
          r.status === 'requested' ? (
            <Form c={c} action={c.href(`/admin/meetings/${meeting.slug}/financing/${r.id}`)} class="decide">
              <Radios
                c={c}
                name="decision"
                idBase={`decision-${r.id}`}
                label={c.t('meetings.financing.decide')}
                options={(['approve', 'partly', 'decline'] as const).map((d) => ({ value: d, label: c.t(`meetings.financing.decisions.${d}`) }))}
                form={{ values: { decision: 'approve' }, errors: [] }}
              />
              <TextInput c={c} name="amount" idBase={`amount-${r.id}`} type="number" inputmode="numeric" label={c.t('meetings.financing.amountIfPartly', { currency: cur })} width="short" />
              <TextInput c={c} name="note" idBase={`note-${r.id}`} label={c.t('meetings.financing.note')} />
              <Button variant="secondary" label={c.t('meetings.financing.record')} />
            </Form>
          ) : (
            <span>—</span>
          ),
        ])}
      />
    </Layout>
  );
}

export function RegistrationsAdminPage(props: {
  c: PageContext;
  meeting: MeetingRow;
  rows: RegistrationRow[];
  categories: CategoryRow[];
  counts: { byStatus: Record<string, number | undefined>; taken: number };
  filter: RegistrationFilter;
  form?: FormState;
  notice?: string;
}) {
  const { c, meeting, rows } = props;
  const query = Object.fromEntries(Object.entries(props.filter).filter(([, v]) => v)) as Record<string, string>;
  const qs = new URLSearchParams(query).toString();
  const values = { values: query, errors: [] };
  const title = c.text(meeting.title, meeting.originalLocale).text;
  const cat = (id: string) => {
    const found = props.categories.find((x) => x.id === id);
    return found ? c.text(found.name, meeting.originalLocale).text : '—';
  };
  return (
    <Layout c={c} title={c.t('meetings.admin.title', { meeting: title })} admin form={props.form} labels={{ capacity: c.t('meetings.admin.capacity') }}>
      {props.notice ? (
        /^\d+$/.test(props.notice) ? (
          <Banner kind="success" title={c.t('meetings.admin.capacitySaved', { offered: Number(props.notice) })} />
        ) : props.notice.startsWith('sent-') ? (
          <Banner kind="success" title={c.t('meetings.admin.email.sent', { n: Number(props.notice.slice(5)) })} />
        ) : (
          <Banner kind={props.notice === 'ok' ? 'success' : 'warning'} title={c.t(`meetings.admin.moderate.notices.${props.notice}`)} />
        )
      ) : (
        ''
      )}
      <h1>{c.th('meetings.admin.title', { meeting: title })}</h1>
      <SummaryList
        rows={[
          [c.t('meetings.admin.capacity'), esc(meeting.capacity === null ? '—' : formatNumber(c.locale, meeting.capacity))],
          [c.t('meetings.admin.taken'), esc(formatNumber(c.locale, props.counts.taken))],
          ...(['confirmed', 'offered', 'waiting', 'pending', 'cancelled'] as const).map((s) => [c.t(`meetings.regStatuses.${s}`), esc(formatNumber(c.locale, props.counts.byStatus[s] ?? 0))] as [string, JSX.Element]),
        ]}
      />
<MeetingAdminNav c={c} m={meeting} />
      <Form c={c} action={c.href(`/admin/meetings/${meeting.slug}/capacity`)} class="filters" label={c.t('meetings.admin.capacity')}>
        <TextInput c={c} name="capacity" type="number" inputmode="numeric" label={c.t('meetings.admin.capacity')} width="short" form={props.form ?? { values: { capacity: String(meeting.capacity ?? '') }, errors: [] }} />
        <Button variant="secondary" label={c.t('meetings.admin.saveCapacity')} />
      </Form>
      <Form c={c} action={c.href(`/admin/meetings/${meeting.slug}/registrations`)} method="get" class="filters" label={c.t('admin.filters')}>
        <TextInput c={c} name="q" type="search" label={c.t('meetings.admin.search')} form={values} />
        <Select c={c} name="status" label={c.t('meetings.admin.status')} placeholder={c.t('admin.any')} options={REG_STATUSES.map((s) => ({ value: s, label: c.t(`meetings.regStatuses.${s}`) }))} form={values} />
        <Select c={c} name="category" label={c.t('meetings.register.fields.category')} placeholder={c.t('admin.any')} options={props.categories.map((x) => ({ value: x.slug, label: c.text(x.name, meeting.originalLocale).text }))} form={values} />
        <Select c={c} name="country" label={c.t('meetings.register.fields.country')} placeholder={c.t('admin.any')} options={countryOptions(c.locale)} form={values} />
        <Select c={c} name="region" label={c.t('membership.queue.region')} placeholder={c.t('admin.any')} options={UNESCO_REGIONS.map((r) => ({ value: r, label: regionName(r, c.locale) }))} form={values} />
        <Select c={c} name="income" label={c.t('membership.queue.income')} placeholder={c.t('admin.any')} options={INCOME_GROUPS.map((g) => ({ value: g, label: incomeGroupName(g, c.locale) }))} form={values} />
        <Select
          c={c}
          name="financing"
          label={c.t('meetings.financing.heading')}
          placeholder={c.t('admin.any')}
          options={[{ value: 'any', label: c.t('meetings.admin.financingAny') }, ...(['requested', 'approved', 'partly', 'declined', 'withdrawn'] as const).map((s) => ({ value: s, label: c.t(`meetings.financing.statuses.${s}`) }))]}
          form={values}
        />
        <Button variant="secondary" label={c.t('admin.filter')} />
      </Form>
      <p class="actions">
        <a class="button secondary" href={`${c.href(`/admin/meetings/${meeting.slug}/registrations.csv`)}${qs ? `?${qs}` : ''}`} safe>
          {c.t('membership.members.exportCsv')}
        </a>
        <a class="button secondary" href={`${c.href(`/admin/meetings/${meeting.slug}/registrations.xlsx`)}${qs ? `?${qs}` : ''}`} safe>
          {c.t('membership.members.exportXlsx')}
        </a>
        <a class="button secondary" href={`${c.href(`/admin/meetings/${meeting.slug}/badges.pdf`)}${qs ? `?${qs}` : ''}`} safe>
          {c.t('meetings.badges.all')}
        </a>
      </p>
      <details class="bulk-email">
        <summary>{c.th('meetings.admin.email.open', { n: rows.length })}</summary>
        <Form c={c} action={c.href(`/admin/meetings/${meeting.slug}/registrations/email`)} label={c.t('meetings.admin.email.open', { n: rows.length })}>
          <>
            {Object.entries(query).map(([k, v]) => (
              <input type="hidden" name={k} value={v} />
            ))}
          </>
          <p class="hint" safe>
            {c.t('meetings.admin.email.hint')}
          </p>
          <TextInput c={c} name="subject" label={c.t('meetings.admin.email.subject')} width="full" />
          <Textarea c={c} name="body" label={c.t('meetings.admin.email.body')} rows={6} maxlength={10000} />
          <Button label={c.t('meetings.admin.email.send', { n: rows.length })} />
        </Form>
      </details>
      <Table
        caption={c.t('meetings.admin.caption', { total: rows.length })}
        head={[c.t('meetings.admin.order'), c.t('meetings.register.fields.name'), c.t('meetings.register.fields.organization'), c.t('meetings.register.fields.country'), c.t('meetings.register.fields.category'), c.t('meetings.admin.status'), c.t('meetings.admin.registeredAt')]}
        numeric={[0]}
        empty={c.t('admin.none')}
        rows={rows.map((r) => [
          esc(formatNumber(c.locale, r.seq)),
          r.status === 'pending' ? (
            <>
              <span safe>{r.name}</span>
              <div class="actions">
                {(['confirm', 'decline'] as const).map((d) => (
                  <Form c={c} action={c.href(`/admin/meetings/${meeting.slug}/registrations/${r.id}/${d}`)} class="inline">
                    <button type="submit" class={`button small ${d === 'confirm' ? 'primary' : 'secondary'}`} safe>
                      {`${c.t(`meetings.admin.moderate.${d}`)}: ${r.name}`}
                    </button>
                  </Form>
                ))}
              </div>
            </>
          ) : (
            <a href={c.href(`/admin/meetings/${meeting.slug}/registrations/${r.id}`)} safe>
              {r.name}
            </a>
          ),
          esc(r.organization),
          esc(countryName(r.country, c.locale)),
          esc(cat(r.categoryId)),
          esc(c.t(`meetings.regStatuses.${r.status}`)),
          esc(formatDateTime(c.locale, r.createdAt, meeting.timeZone)),
        ])}
      />
    </Layout>
  );
}

export function MeetingsAdminPage({ c, rows }: { c: PageContext; rows: { meeting: MeetingRow; taken: number }[] }) {
  return (
    <Layout c={c} title={c.t('meetings.admin.listTitle')} admin>
      <h1 safe>{c.t('meetings.admin.listTitle')}</h1>
      <p class="actions">
        <a class="button" href={c.href('/admin/meetings/new')} safe>
          {c.t('meetings.edit.newTitle')}
        </a>
      </p>
      <Table
        caption={c.t('meetings.admin.listTitle')}
        head={[c.t('meetings.title'), c.t('meetings.dates'), c.t('meetings.status'), c.t('meetings.admin.taken'), c.t('meetings.admin.capacity')]}
        numeric={[3, 4]}
        empty={c.t('admin.none')}
        rows={rows.map(({ meeting: m, taken }) => [
          <a href={c.href(`/admin/meetings/${m.slug}/registrations`)} safe>
            {c.text(m.title, m.originalLocale).text}
          </a>,
          esc(formatDateTime(c.locale, m.startsAt, m.timeZone)),
          esc(c.t(`meetings.statuses.${m.status}`)),
          esc(formatNumber(c.locale, taken)),
          esc(m.capacity === null ? '—' : formatNumber(c.locale, m.capacity)),
        ])}
      />
    </Layout>
  );
}
