import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Banner, LocalizedText, SummaryList, Table, esc } from '../../platform/ui/components.js';
import { Button, Checkboxes, Form, Radios, Select, TextInput, Textarea } from '../../platform/ui/form.js';
import type { FormState } from '../../platform/forms/validate.js';
import { formatDate, formatNumber, languageName } from '../../platform/i18n/format.js';
import { LOCALES, direction, isLocale, type Locale } from '../../platform/i18n/locales.js';
import { INCOME_YEARS } from '../../platform/geo/countries.js';
import { CONDITION_OPS, QUESTION_TYPES, SURVEY_AUDIENCES, type Question } from './schema.js';
import { surveyState, textQuestions, type AdminSurvey, type OpenRefusal, type SurveyRow, type SurveyState } from './service.js';
import { QuestionField, answerLabels, closingDay } from './respond-views.js';
import { STAKEHOLDER_GROUPS } from '../consultations/service.js';
import { countryOptions } from '../../platform/geo/countries.js';
import { keyWord } from '../../platform/i18n/messages.js';

const UTC = 'UTC';
const adminBase = (slug: string) => `/admin/surveys/${slug}`;
export const stateLabel = (c: PageContext, s: SurveyState) => c.t(`surveys.states.${s}`);
const title = (c: PageContext, s: SurveyRow) => c.text(s.title, s.originalLocale).text;

export function AdminListPage({ c, list, form, now }: { c: PageContext; list: AdminSurvey[]; form: FormState; now: Date }) {
  const heading = c.t('surveys.admin.title');
  const labels = { title: c.t('surveys.admin.newTitle'), slug: c.t('surveys.admin.slug'), originalLocale: c.t('surveys.admin.originalLocale') };
  return (
    <Layout c={c} title={heading} admin form={form} labels={labels}>
      <h1 safe>{heading}</h1>
      <Table
        caption={heading}
        head={[c.t('surveys.admin.survey'), c.t('surveys.admin.state'), c.t('surveys.admin.responses'), c.t('surveys.closes')]}
        numeric={[2]}
        rows={list.map((a) => [
          `<a href="${esc(c.href(adminBase(a.survey.slug)))}">${esc(title(c, a.survey))}</a>`,
          esc(stateLabel(c, surveyState(a.survey, now))),
          esc(formatNumber(c.locale, a.responses)),
          esc(a.survey.closesAt ? formatDate(c.locale, a.survey.closesAt, UTC) : '—'),
        ])}
      />
      <h2 safe>{c.t('surveys.admin.new')}</h2>
      <Form c={c} action={c.href('/admin/surveys')} label={c.t('surveys.admin.new')}>
        <TextInput c={c} name="title" label={labels.title} form={form} width="full" maxlength={200} />
        <TextInput c={c} name="slug" label={labels.slug} hint={c.t('surveys.admin.slugHint')} form={form} />
        <Select c={c} name="originalLocale" label={labels.originalLocale} form={form} options={LOCALES.map((l) => ({ value: l, label: languageName(c.locale, l) }))} />
        <Button label={c.t('surveys.admin.create')} />
      </Form>
    </Layout>
  );
}

function conditionText(c: PageContext, q: Question): string {
  return q.when.map((w) => `${w.question} ${c.t(`surveys.ops.${keyWord(w.op)}`)}${w.value === undefined ? '' : ` ${String(w.value)}`}`).join(c.t('surveys.admin.and'));
}

export function AdminSurveyPage({ c, a, now, refusal, openForm, notice }: { c: PageContext; a: AdminSurvey; now: Date; refusal?: OpenRefusal; openForm: FormState; notice?: string }) {
  const s = a.survey;
  const state = surveyState(s, now);
  const heading = title(c, s);
  return (
    <Layout c={c} title={heading} admin form={openForm} labels={{ opensAt: c.t('surveys.admin.opensAt'), closesAt: c.t('surveys.admin.closesAt') }}>
      <BackLink href={c.href('/admin/surveys')} label={c.t('surveys.admin.title')} />
      <h1>
        <LocalizedText c={c} value={s.title} original={s.originalLocale} />
      </h1>
      {notice ? <Banner kind="success" title={c.t(`surveys.admin.notices.${notice}`)} /> : ''}
      <SummaryList
        rows={[
          [c.t('surveys.admin.state'), <span safe>{stateLabel(c, state)}</span>],
          [c.t('surveys.admin.audience'), <span safe>{c.t(`surveys.audiences.${s.audience}`)}</span>],
          [c.t('surveys.anonymity'), <span safe>{c.t(s.anonymous ? 'surveys.anonymous' : 'surveys.identified')}</span>],
          [c.t('surveys.admin.languages'), <span safe>{s.locales.filter(isLocale).map((l) => languageName(c.locale, l)).join(', ')}</span>],
          [c.t('surveys.admin.responses'), <span safe>{c.t('surveys.admin.counts', { n: a.responses, entered: a.entered, drafts: a.drafts })}</span>],
          [c.t('surveys.closes'), <span safe>{closingDay(c, s)}</span>],
        ]}
      />
      <div class="actions">
        {state === 'draft' ? (
          <a class="button secondary" href={c.href(`${adminBase(s.slug)}/settings`)} safe>
            {c.t('surveys.admin.settings')}
          </a>
        ) : (
          ''
        )}
        {state !== 'draft' ? (
          <>
            <a class="button secondary" href={c.href(`/surveys/${s.slug}/results`)} safe>
              {c.t('surveys.results.link')}
            </a>
            <a class="button secondary" href={c.href(`${adminBase(s.slug)}/enter`)} safe>
              {c.t('surveys.admin.enter')}
            </a>
          </>
        ) : (
          ''
        )}
        {state === 'open' || state === 'scheduled' ? (
          <a class="button secondary" href={c.href(`${adminBase(s.slug)}/invite`)} safe>
            {c.t('surveys.admin.invite')}
          </a>
        ) : (
          ''
        )}
        {textQuestions(s.questions).length ? (
          <a class="button secondary" href={c.href(`${adminBase(s.slug)}/texts`)} safe>
            {c.t('surveys.texts.link')}
          </a>
        ) : (
          ''
        )}
      </div>
      <h2 safe>{c.t('surveys.admin.questions')}</h2>
      {s.questions.length ? (
        <Table
          caption={c.t('surveys.admin.questions')}
          hideCaption
          head={[c.t('surveys.admin.page'), c.t('surveys.admin.key'), c.t('surveys.admin.question'), c.t('surveys.admin.type'), c.t('surveys.admin.shownWhen')]}
          numeric={[0]}
          rows={s.questions.map((q) => [
            esc(formatNumber(c.locale, q.page)),
            `<code>${esc(q.key)}</code>`,
            state === 'draft' ? `<a href="${esc(c.href(`${adminBase(s.slug)}/questions/${q.key}`))}">${esc(c.text(q.text, s.originalLocale).text)}</a>` : esc(c.text(q.text, s.originalLocale).text),
            esc(`${c.t(`surveys.types.${keyWord(q.type)}`)}${q.required ? ` · ${c.t('surveys.admin.required')}` : ''}`),
            esc(conditionText(c, q) || c.t('surveys.admin.always')),
          ])}
        />
      ) : (
        <p safe>{c.t('surveys.admin.noQuestions')}</p>
      )}
      {state === 'draft' ? (
        <p>
          <a class="button-link" href={c.href(`${adminBase(s.slug)}/questions/new`)} safe>
            {c.t('surveys.admin.addQuestion')}
          </a>
        </p>
      ) : (
        ''
      )}
      {refusal ? <OpenProblems c={c} refusal={refusal} /> : ''}
      {state === 'draft' ? (
        <>
          <h2 safe>{c.t('surveys.admin.openTitle')}</h2>
          <p safe>{c.t('surveys.admin.openIntro')}</p>
          <Form c={c} action={c.href(`${adminBase(s.slug)}/open`)} label={c.t('surveys.admin.openTitle')}>
            <TextInput c={c} name="opensAt" type="datetime-local" label={c.t('surveys.admin.opensAt')} hint={c.t('surveys.admin.utc')} form={openForm} />
            <TextInput c={c} name="closesAt" type="datetime-local" label={c.t('surveys.admin.closesAt')} hint={c.t('surveys.admin.utc')} form={openForm} />
            <Button label={c.t('surveys.admin.open')} />
          </Form>
        </>
      ) : state !== 'closed' ? (
        <>
          <h2 safe>{c.t('surveys.admin.closeTitle')}</h2>
          <Form c={c} action={c.href(`${adminBase(s.slug)}/close`)} label={c.t('surveys.admin.closeTitle')}>
            <TextInput c={c} name="closesAt" type="datetime-local" label={c.t('surveys.admin.closesAt')} hint={c.t('surveys.admin.utc')} form={openForm} />
            <Button label={c.t('surveys.admin.saveClosing')} variant="secondary" />
          </Form>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

function OpenProblems({ c, refusal }: { c: PageContext; refusal: OpenRefusal }) {
  return (
    <Banner kind="warning" title={c.t('surveys.admin.cannotOpen')}>
      <ul>
        {refusal.empty ? <li safe>{c.t('surveys.admin.empty')}</li> : ''}
        {refusal.dates ? <li safe>{c.t('surveys.admin.badDates')}</li> : ''}
        {refusal.problems.map((p) => (
          <li safe>{`${p.key}: ${c.t(`surveys.problems.${keyWord(p.code)}`)}`}</li>
        ))}
        {refusal.missing.map((m) => (
          <li safe>{c.t('surveys.admin.missingText', { language: isLocale(m.locale) ? languageName(c.locale, m.locale) : m.locale, where: m.where })}</li>
        ))}
      </ul>
    </Banner>
  );
}

/** The texts of the survey in each of its languages, side by side in one form. */
export function SettingsPage({ c, s, form, groups, meetings }: { c: PageContext; s: SurveyRow; form: FormState; groups: { id: string; name: string }[]; meetings: { id: string; name: string }[] }) {
  const heading = c.t('surveys.admin.settingsTitle', { title: title(c, s) });
  const locales = s.locales.filter(isLocale);
  const labels: Record<string, string> = { audience: c.t('surveys.admin.audience'), audienceRef: c.t('surveys.admin.audienceRef'), locales: c.t('surveys.admin.languages'), incomeYear: c.t('surveys.admin.incomeYear') };
  for (const l of locales) for (const f of ['title', 'intro', 'thanks']) labels[`${f}.${l}`] = `${c.t(`surveys.admin.fields.${f}`)} (${languageName(c.locale, l)})`;
  return (
    <Layout c={c} title={heading} admin form={form} labels={labels}>
      <BackLink href={c.href(adminBase(s.slug))} label={title(c, s)} />
      <h1 safe>{heading}</h1>
      <Form c={c} action={c.href(`${adminBase(s.slug)}/settings`)} label={heading}>
        <Radios c={c} name="audience" label={labels.audience!} form={form} options={SURVEY_AUDIENCES.map((a) => ({ value: a, label: c.t(`surveys.audiences.${a}`) }))} />
        <Select
          c={c}
          name="audienceRef"
          label={labels.audienceRef!}
          hint={c.t('surveys.admin.audienceRefHint')}
          form={form}
          placeholder={c.t('surveys.admin.noRef')}
          options={[...groups.map((g) => ({ value: g.id, label: `${c.t('surveys.audiences.group')}: ${g.name}` })), ...meetings.map((m) => ({ value: m.id, label: `${c.t('surveys.audiences.participants')}: ${m.name}` }))]}
        />
        <Checkboxes c={c} name="anonymous" label={c.t('surveys.anonymity')} form={form} options={[{ value: 'yes', label: c.t('surveys.admin.anonymousOption'), hint: c.t('surveys.admin.anonymousHint') }]} />
        <Checkboxes c={c} name="resultsPublic" label={c.t('surveys.admin.resultsPublic')} form={form} options={[{ value: 'yes', label: c.t('surveys.admin.resultsPublicOption') }]} />
        <Checkboxes c={c} name="locales" label={labels.locales!} hint={c.t('surveys.admin.languagesHint')} form={form} options={LOCALES.map((l) => ({ value: l, label: languageName(c.locale, l) }))} />
        <Select c={c} name="incomeYear" label={labels.incomeYear!} hint={c.t('surveys.admin.incomeYearHint')} form={form} options={INCOME_YEARS.map((y) => ({ value: y, label: y }))} />
        <>{locales.map((l) => (
          <fieldset class="language-block" lang={l} dir={direction(l)}>
            <legend safe>{languageName(c.locale, l)}</legend>
            <TextInput c={c} name={`title.${l}`} label={labels[`title.${l}`]!} form={form} width="full" maxlength={200} lang={l} dir={direction(l)} />
            <Textarea c={c} name={`intro.${l}`} label={labels[`intro.${l}`]!} form={form} rows={4} maxlength={4000} lang={l} dir={direction(l)} />
            <Textarea c={c} name={`thanks.${l}`} label={labels[`thanks.${l}`]!} hint={c.t('surveys.admin.thanksHint')} form={form} rows={3} maxlength={4000} lang={l} dir={direction(l)} />
          </fieldset>
        ))}</>
        <Button label={c.t('surveys.admin.save')} />
      </Form>
    </Layout>
  );
}

/** A question's form values from the question (to edit it). */
export function questionValues(q: Question, locales: readonly Locale[]): Record<string, unknown> {
  const v: Record<string, unknown> = { key: q.key, type: q.type, page: String(q.page), required: q.required ? 'yes' : '', other: q.other ? 'yes' : '', maxChoices: q.maxChoices ? String(q.maxChoices) : '', min: q.min ?? '', max: q.max ?? '' };
  v.choiceKeys = q.choices.map((x) => x.key).join('\n');
  v.rowKeys = q.rows.map((x) => x.key).join('\n');
  for (const l of locales) {
    v[`text.${l}`] = q.text[l] ?? '';
    v[`help.${l}`] = q.help[l] ?? '';
    v[`choices.${l}`] = q.choices.map((x) => x.label[l] ?? '').join('\n');
    v[`rows.${l}`] = q.rows.map((x) => x.label[l] ?? '').join('\n');
    v[`minLabel.${l}`] = q.minLabel[l] ?? '';
    v[`maxLabel.${l}`] = q.maxLabel[l] ?? '';
  }
  q.when.forEach((w, i) => {
    v[`when.${i + 1}.question`] = w.question;
    v[`when.${i + 1}.op`] = w.op;
    v[`when.${i + 1}.value`] = w.value === undefined ? '' : String(w.value);
  });
  return v;
}

export function QuestionFormPage({ c, s, form, editing }: { c: PageContext; s: SurveyRow; form: FormState; editing: string | null }) {
  const heading = editing ? c.t('surveys.admin.editQuestion', { key: editing }) : c.t('surveys.admin.addQuestion');
  const locales = s.locales.filter(isLocale);
  const labels: Record<string, string> = {
    key: c.t('surveys.admin.key'),
    type: c.t('surveys.admin.type'),
    page: c.t('surveys.admin.page'),
    choiceKeys: c.t('surveys.admin.choiceKeys'),
    rowKeys: c.t('surveys.admin.rowKeys'),
    maxChoices: c.t('surveys.admin.maxChoices'),
    min: c.t('surveys.admin.min'),
    max: c.t('surveys.admin.max'),
  };
  for (const l of locales) for (const f of ['text', 'help', 'choices', 'rows', 'minLabel', 'maxLabel']) labels[`${f}.${l}`] = `${c.t(`surveys.admin.fields.${f}`)} (${languageName(c.locale, l)})`;
  for (const i of [1, 2, 3]) for (const f of ['question', 'op', 'value']) labels[`when.${i}.${f}`] = `${c.t('surveys.admin.condition', { n: i })}: ${c.t(`surveys.admin.conditionFields.${f}`)}`;
  const action = editing ? `${adminBase(s.slug)}/questions/${editing}` : `${adminBase(s.slug)}/questions/new`;
  const earlier = s.questions.filter((q) => q.key !== editing);
  return (
    <Layout c={c} title={heading} admin form={form} labels={labels}>
      <BackLink href={c.href(adminBase(s.slug))} label={title(c, s)} />
      <h1 safe>{heading}</h1>
      <Form c={c} action={c.href(action)} label={heading}>
        <TextInput c={c} name="key" label={labels.key!} hint={c.t('surveys.admin.keyHint')} form={form} />
        <Select c={c} name="type" label={labels.type!} form={form} options={QUESTION_TYPES.map((t) => ({ value: t, label: c.t(`surveys.types.${keyWord(t)}`) }))} />
        <TextInput c={c} name="page" label={labels.page!} type="number" width="short" form={form} />
        <Checkboxes c={c} name="required" label={c.t('surveys.admin.required')} form={form} options={[{ value: 'yes', label: c.t('surveys.admin.requiredOption') }]} />
        <>{locales.map((l) => (
          <fieldset class="language-block" lang={l} dir={direction(l)}>
            <legend safe>{languageName(c.locale, l)}</legend>
            <TextInput c={c} name={`text.${l}`} label={labels[`text.${l}`]!} form={form} width="full" maxlength={1000} lang={l} dir={direction(l)} />
            <TextInput c={c} name={`help.${l}`} label={labels[`help.${l}`]!} form={form} width="full" maxlength={2000} lang={l} dir={direction(l)} />
            <Textarea c={c} name={`choices.${l}`} label={labels[`choices.${l}`]!} hint={c.t('surveys.admin.linesHint')} form={form} rows={5} lang={l} dir={direction(l)} />
            <Textarea c={c} name={`rows.${l}`} label={labels[`rows.${l}`]!} hint={c.t('surveys.admin.rowsHint')} form={form} rows={3} lang={l} dir={direction(l)} />
            <TextInput c={c} name={`minLabel.${l}`} label={labels[`minLabel.${l}`]!} form={form} maxlength={100} lang={l} dir={direction(l)} />
            <TextInput c={c} name={`maxLabel.${l}`} label={labels[`maxLabel.${l}`]!} form={form} maxlength={100} lang={l} dir={direction(l)} />
          </fieldset>
        ))}</>
        <Textarea c={c} name="choiceKeys" label={labels.choiceKeys!} hint={c.t('surveys.admin.choiceKeysHint')} form={form} rows={4} code />
        <Textarea c={c} name="rowKeys" label={labels.rowKeys!} form={form} rows={3} code />
        <Checkboxes c={c} name="other" label={c.t('surveys.admin.other')} form={form} options={[{ value: 'yes', label: c.t('surveys.admin.otherOption') }]} />
        <TextInput c={c} name="maxChoices" label={labels.maxChoices!} hint={c.t('surveys.admin.maxChoicesHint')} type="number" width="short" form={form} />
        <TextInput c={c} name="min" label={labels.min!} hint={c.t('surveys.admin.minMaxHint')} type="number" width="short" form={form} />
        <TextInput c={c} name="max" label={labels.max!} type="number" width="short" form={form} />
        <h2 safe>{c.t('surveys.admin.conditions')}</h2>
        <p class="hint" safe>
          {c.t('surveys.admin.conditionsHint')}
        </p>
        <>{[1, 2, 3].map((i) => (
          <fieldset class="condition">
            <legend safe>{c.t('surveys.admin.condition', { n: i })}</legend>
            <Select c={c} name={`when.${i}.question`} label={labels[`when.${i}.question`]!} form={form} placeholder={c.t('surveys.admin.noCondition')} options={earlier.flatMap((q) => (q.type === 'matrix' ? q.rows.map((r) => ({ value: `${q.key}:${r.key}`, label: `${q.key}:${r.key}` })) : [{ value: q.key, label: q.key }]))} />
            <Select c={c} name={`when.${i}.op`} label={labels[`when.${i}.op`]!} form={form} options={CONDITION_OPS.map((o) => ({ value: o, label: c.t(`surveys.ops.${keyWord(o)}`) }))} />
            <TextInput c={c} name={`when.${i}.value`} label={labels[`when.${i}.value`]!} form={form} />
          </fieldset>
        ))}</>
        <Button label={c.t('surveys.admin.saveQuestion')} />
      </Form>
      {editing ? (
        <Form c={c} action={c.href(`${adminBase(s.slug)}/questions/${editing}/remove`)} label={c.t('surveys.admin.removeQuestion')}>
          <Button label={c.t('surveys.admin.removeQuestion')} variant="warning" />
        </Form>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** Answers collected on paper or at a meeting: every question on one page, skip logic applied when stored. */
export function EnterPage({ c, s, form, notice }: { c: PageContext; s: SurveyRow; form: FormState; notice?: string }) {
  const heading = c.t('surveys.admin.enterTitle', { title: title(c, s) });
  return (
    <Layout c={c} title={heading} admin form={form} labels={{ ...answerLabels(c, s, s.questions), source: c.t('surveys.admin.source'), stakeholder: c.t('surveys.about.stakeholder'), country: c.t('surveys.about.country') }}>
      <BackLink href={c.href(adminBase(s.slug))} label={title(c, s)} />
      <h1 safe>{heading}</h1>
      {notice === 'entered' ? <Banner kind="success" title={c.t('surveys.admin.notices.entered')} /> : ''}
      <p safe>{c.t('surveys.admin.enterIntro')}</p>
      <Form c={c} action={c.href(`${adminBase(s.slug)}/enter`)} label={heading}>
        <Radios c={c} name="source" label={c.t('surveys.admin.source')} form={form} options={['paper', 'event'].map((x) => ({ value: x, label: c.t(`surveys.sources.${x}`) }))} />
        <Radios c={c} name="stakeholder" label={c.t('surveys.about.stakeholder')} form={form} options={STAKEHOLDER_GROUPS.map((g) => ({ value: g, label: c.t(`consultations.groups.${g}`) }))} />
        <Select c={c} name="country" label={c.t('surveys.about.country')} form={form} placeholder={c.t('surveys.about.choose')} options={countryOptions(c.locale)} />
        <>{s.questions.map((q) => (
          <QuestionField c={c} s={s} q={q} form={form} />
        ))}</>
        <Button label={c.t('surveys.admin.enterSave')} />
      </Form>
    </Layout>
  );
}
