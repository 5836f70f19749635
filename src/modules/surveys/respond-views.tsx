import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Banner, LocalizedParagraphs, LocalizedText, SummaryList } from '../../platform/ui/components.js';
import { Button, Form, Radios, Select, fieldId, ErrorText } from '../../platform/ui/form.js';
import type { FieldError, FormState } from '../../platform/forms/validate.js';
import { formatDate, formatNumber } from '../../platform/i18n/format.js';
import { direction, isLocale, type Locale } from '../../platform/i18n/locales.js';
import type { I18nText } from '../../platform/i18n/content.js';
import { countryOptions } from '../../platform/geo/countries.js';
import { STAKEHOLDER_GROUPS } from '../consultations/service.js';
import type { Answers, Choice, Question } from './schema.js';
import { OTHER, numberRange } from './questions.js';
import type { RespondentView, SurveyRow } from './respond.js';
import type { CycleRow } from './priorities.js';
import { CycleCards } from './priority-views.js';

/** A text of the survey in the reader's language, or its original when not translated (marked with its language). */
function Text({ c, s, value, as }: { c: PageContext; s: Pick<SurveyRow, 'originalLocale'>; value: I18nText; as?: 'span' | 'p' | 'h1' | 'h2' }) {
  return <LocalizedText c={c} value={value} original={s.originalLocale} as={as} />;
}
const plain = (c: PageContext, s: Pick<SurveyRow, 'originalLocale'>, value: I18nText) => c.text(value, s.originalLocale).text;
/** lang/dir for a text shown in a language other than the page's. */
function langOf(c: PageContext, s: Pick<SurveyRow, 'originalLocale'>, value: I18nText): { lang?: string; dir?: 'ltr' | 'rtl' } {
  const t = c.text(value, s.originalLocale);
  return t.lang === c.locale ? {} : { lang: t.lang, dir: direction(t.lang) !== c.dir ? direction(t.lang) : undefined };
}

const base = (slug: string) => `/surveys/${slug}`;

/** Where a person in the audience goes next: "About you" first, then the page they reached. */
export function resumeHref(v: Pick<RespondentView, 'survey' | 'draft'>): string {
  if (!v.draft || (!v.draft.stakeholder && !v.draft.country)) return `${base(v.survey.slug)}/about`;
  return v.draft.page > 0 ? `${base(v.survey.slug)}/page/${v.draft.page}` : `${base(v.survey.slug)}/about`;
}

export function SurveyPage({ c, view, notice }: { c: PageContext; view: RespondentView; notice?: string }) {
  const { survey } = view;
  const title = plain(c, survey, survey.title);
  return (
    <Layout c={c} title={title}>
      <BackLink href={c.href('/surveys')} label={c.t('surveys.all')} />
      <Text c={c} s={survey} value={survey.title} as="h1" />
      {notice === 'sent' ? (
        <Banner kind="success" title={c.t('surveys.respond.sent')}>
          <LocalizedParagraphs c={c} value={survey.thanks} original={survey.originalLocale} />
        </Banner>
      ) : notice === 'saved' ? (
        <Banner kind="success" title={c.t('surveys.respond.saved')} />
      ) : (
        ''
      )}
      <LocalizedParagraphs c={c} value={survey.intro} original={survey.originalLocale} />
      <SummaryList
        rows={[
          [c.t('surveys.closes'), <span safe>{closingDay(c, survey)}</span>],
          [c.t('surveys.anonymity'), <span safe>{c.t(survey.anonymous ? 'surveys.anonymous' : 'surveys.identified')}</span>],
        ]}
      />
      {view.refused === null ? (
        <p>
          <a class="button-link" href={c.href(resumeHref(view))} safe>
            {c.t(view.draft ? 'surveys.respond.continue' : 'surveys.respond.start')}
          </a>
        </p>
      ) : notice === 'sent' ? (
        ''
      ) : (
        <p class="notice" safe>
          {c.t(`surveys.refused.${view.refused === 'sign-in' ? 'signIn' : view.refused === 'not-open' ? 'notOpen' : view.refused}`)}
        </p>
      )}
      {view.refused === 'sign-in' ? (
        <p class="button-row">
          <a class="button-link" href={c.href(`/sign-in?next=${encodeURIComponent(c.href(base(survey.slug)))}`)} safe>
            {c.t('surveys.respond.signIn')}
          </a>
          {survey.audience === 'public' ? (
            // Anyone may answer a public survey once their e-mail address is confirmed: the link that confirms it signs them in.
            <a href={c.href(`/consultations/take-part?next=${encodeURIComponent(c.href(base(survey.slug)))}`)} safe>
              {c.t('surveys.respond.newHere')}
            </a>
          ) : (
            ''
          )}
        </p>
      ) : (
        ''
      )}
      {view.results ? (
        <p>
          <a href={c.href(`${base(survey.slug)}/results`)} safe>
            {c.t('surveys.results.link')}
          </a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function AboutYouPage({ c, survey, form }: { c: PageContext; survey: SurveyRow; form: FormState }) {
  const title = c.t('surveys.about.title');
  return (
    <Layout c={c} title={`${title} — ${plain(c, survey, survey.title)}`} form={form} labels={{ stakeholder: c.t('surveys.about.stakeholder'), country: c.t('surveys.about.country') }}>
      <p class="caption">
        <Text c={c} s={survey} value={survey.title} />
      </p>
      <h1 safe>{title}</h1>
      <p safe>{c.t(survey.anonymous ? 'surveys.about.whyAnonymous' : 'surveys.about.why')}</p>
      <Form c={c} action={c.href(`${base(survey.slug)}/about`)}>
        <Radios c={c} name="stakeholder" label={c.t('surveys.about.stakeholder')} form={form} options={STAKEHOLDER_GROUPS.map((g) => ({ value: g, label: c.t(`consultations.groups.${g}`) }))} />
        <Select c={c} name="country" label={c.t('surveys.about.country')} hint={c.t('surveys.about.countryHint')} form={form} placeholder={c.t('surveys.about.choose')} options={countryOptions(c.locale)} />
        <Button label={c.t('surveys.respond.next')} />
      </Form>
    </Layout>
  );
}

/** The form values of saved answers, as the question controls read them. */
export function formValues(questions: readonly Question[], answers: Answers): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(answers)) values[k] = Array.isArray(v) ? v : String(v);
  for (const q of questions) {
    const a = answers[q.key];
    // A ranking is stored as keys in order; its form has one position per item.
    if (q.type === 'ranking' && Array.isArray(a)) {
      delete values[q.key];
      a.forEach((key, i) => (values[`${q.key}:${key}`] = String(i + 1)));
    }
  }
  return values;
}

const val = (form: FormState, name: string): string => {
  const v = form.values[name];
  return v === undefined || v === null ? '' : Array.isArray(v) ? String(v[0] ?? '') : String(v);
};
const vals = (form: FormState, name: string): string[] => {
  const v = form.values[name];
  return v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
};
const errOf = (form: FormState, name: string) => form.errors.find((e) => e.field === name);

/** The question's words, its "optional" mark and its help, as a legend or a label. */
function Wording({ c, s, q }: { c: PageContext; s: SurveyRow; q: Question }) {
  return (
    <>
      <span {...langOf(c, s, q.text)} safe>
        {plain(c, s, q.text)}
      </span>
      {q.required ? '' : <span class="optional" safe>{` (${c.t('surveys.optional')})`}</span>}
    </>
  );
}
function Help({ c, s, q }: { c: PageContext; s: SurveyRow; q: Question }) {
  return plain(c, s, q.help) ? (
    <p class="hint" id={`${fieldId(q.key)}-hint`} {...langOf(c, s, q.help)} safe>
      {plain(c, s, q.help)}
    </p>
  ) : (
    ''
  );
}
/** The numbers a number question accepts ("A number from 0 to 60."), as a hint: its out-of-range message names them too. */
function RangeHint({ c, q }: { c: PageContext; q: Question }) {
  const range = numberRange(q);
  return range ? (
    <p class="hint" id={`${fieldId(q.key)}-range`} safe>
      {c.t('surveys.respond.numberRange', { ...range })}
    </p>
  ) : (
    ''
  );
}
/** The ids of the question's help, its range and its own error line (`error` is the one on the question's key, not on one of its rows). */
const describedBy = (c: PageContext, s: SurveyRow, q: Question, error?: FieldError) =>
  [plain(c, s, q.help) ? `${fieldId(q.key)}-hint` : '', numberRange(q) ? `${fieldId(q.key)}-range` : '', error ? `${fieldId(q.key)}-error` : ''].filter(Boolean).join(' ') || undefined;

/** "label: value" as the reader's language writes it (a space before the colon in French, a full-width colon in Chinese). */
export const labelled = (c: PageContext, label: string, value: string): string => c.t('form.labelled', { label, value });

/**
 * The error summary's name for each field of these questions: the question's words, and for a
 * matrix row or an "Other" text, the question's words and the row's (or "Other, please say").
 */
export function answerLabels(c: PageContext, s: SurveyRow, questions: readonly Question[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const q of questions) {
    const question = plain(c, s, q.text);
    labels[q.key] = question;
    if (q.type === 'matrix') for (const r of q.rows) labels[`${q.key}:${r.key}`] = c.t('surveys.respond.rowLabel', { question, row: plain(c, s, r.label) });
    if ((q.type === 'single' || q.type === 'multiple') && q.other) labels[`${q.key}:${OTHER}`] = c.t('surveys.respond.rowLabel', { question, row: c.t('surveys.respond.otherSay') });
  }
  return labels;
}

function ChoiceInputs({ c, s, name, choices, type, chosen, idBase }: { c: PageContext; s: SurveyRow; name: string; choices: { key: string; label: I18nText | string }[]; type: 'radio' | 'checkbox'; chosen: string[]; idBase: string }) {
  return (
    <div class="choices">
      {choices.map((o, i) => {
        const id = i === 0 ? fieldId(idBase) : `${fieldId(idBase)}-${i + 1}`;
        const label = typeof o.label === 'string' ? o.label : plain(c, s, o.label);
        const lang = typeof o.label === 'string' ? {} : langOf(c, s, o.label);
        return (
          <div class="choice">
            <input id={id} type={type} name={name} value={o.key} checked={chosen.includes(o.key)} />
            <label for={id} {...lang} safe>
              {label}
            </label>
          </div>
        );
      })}
    </div>
  );
}

/** One question, as the form shows it: every type works with JavaScript off. */
export function QuestionField({ c, s, q, form }: { c: PageContext; s: SurveyRow; q: Question; form: FormState }) {
  // The question's own error, shown under its words; an error on one of its parts (a matrix row, the
  // "Other" text) is shown once, beside that part, which is marked instead.
  const error = errOf(form, q.key);
  const cls = error ? 'field has-error' : 'field';
  const by = describedBy(c, s, q, error);
  const text = (multi: boolean) => (
    <div class={cls}>
      <label for={fieldId(q.key)}>
        <Wording c={c} s={s} q={q} />
      </label>
      <Help c={c} s={s} q={q} />
      <RangeHint c={c} q={q} />
      <ErrorText c={c} name={q.key} error={error} />
      {multi ? (
        <textarea id={fieldId(q.key)} name={q.key} rows="6" class="input full" dir="auto" maxlength="5000" aria-describedby={by} aria-invalid={error ? 'true' : undefined} safe>
          {val(form, q.key)}
        </textarea>
      ) : (
        <input
          id={fieldId(q.key)}
          name={q.key}
          type={q.type === 'date' ? 'date' : 'text'}
          inputmode={q.type === 'number' ? 'decimal' : undefined}
          class={q.type === 'short-text' ? 'input full' : 'input short'}
          dir={q.type === 'short-text' ? 'auto' : undefined}
          maxlength={q.type === 'short-text' ? '300' : undefined}
          value={val(form, q.key)}
          aria-describedby={by}
          aria-invalid={error ? 'true' : undefined}
        />
      )}
    </div>
  );
  switch (q.type) {
    case 'short-text':
    case 'number':
    case 'date':
      return text(false);
    case 'long-text':
      return text(true);
    case 'single':
    case 'multiple': {
      const otherName = `${q.key}:other`;
      const otherError = errOf(form, otherName);
      const choices = q.other ? [...q.choices, { key: 'other', label: c.t('surveys.respond.other') }] : q.choices;
      return (
        <div class={cls}>
          <fieldset aria-describedby={by}>
            <legend>
              <Wording c={c} s={s} q={q} />
            </legend>
            <Help c={c} s={s} q={q} />
            {q.type === 'multiple' && q.maxChoices > 0 ? (
              <p class="hint" safe>
                {c.t('surveys.respond.atMost', { n: q.maxChoices })}
              </p>
            ) : (
              ''
            )}
            <ErrorText c={c} name={q.key} error={error} />
            <ChoiceInputs c={c} s={s} name={q.key} idBase={q.key} choices={choices} type={q.type === 'single' ? 'radio' : 'checkbox'} chosen={vals(form, q.key)} />
            {q.other ? (
              <div class={otherError ? 'field nested has-error' : 'field nested'}>
                <label for={fieldId(otherName)} safe>
                  {c.t('surveys.respond.otherSay')}
                </label>
                <ErrorText c={c} name={otherName} error={otherError} />
                <input
                  id={fieldId(otherName)}
                  name={otherName}
                  type="text"
                  class="input full"
                  dir="auto"
                  maxlength="300"
                  value={val(form, otherName)}
                  aria-describedby={otherError ? `${fieldId(otherName)}-error` : undefined}
                  aria-invalid={otherError ? 'true' : undefined}
                />
              </div>
            ) : (
              ''
            )}
          </fieldset>
        </div>
      );
    }
    case 'rating': {
      const min = q.min ?? 1;
      const max = q.max ?? 5;
      const steps = Array.from({ length: max - min + 1 }, (_, i) => min + i);
      const ends = [plain(c, s, q.minLabel), plain(c, s, q.maxLabel)];
      const scale = steps.map((n) => ({ key: String(n), label: n === min && ends[0] ? `${formatNumber(c.locale, n)} — ${ends[0]}` : n === max && ends[1] ? `${formatNumber(c.locale, n)} — ${ends[1]}` : formatNumber(c.locale, n) }));
      return (
        <div class={cls}>
          <fieldset aria-describedby={by}>
            <legend>
              <Wording c={c} s={s} q={q} />
            </legend>
            <Help c={c} s={s} q={q} />
            <ErrorText c={c} name={q.key} error={error} />
            <ChoiceInputs c={c} s={s} name={q.key} idBase={q.key} choices={scale} type="radio" chosen={vals(form, q.key)} />
          </fieldset>
        </div>
      );
    }
    case 'matrix':
      // One group of radios per row: a table of radios is hard to read on a phone and with a screen reader.
      // Each error is a row's ("Answer this question"), shown once, in the row's group, which it describes
      // as a field's does; the error summary links to the row's first radio (`f-<question>-<row>`: so no
      // row may be called "error" or "hint", see RESERVED_ROW_KEYS).
      return (
        <div class={cls}>
          <fieldset aria-describedby={by} class="matrix">
            <legend>
              <Wording c={c} s={s} q={q} />
            </legend>
            <Help c={c} s={s} q={q} />
            {q.rows.map((row: Choice) => {
              const name = `${q.key}:${row.key}`;
              const rowError = errOf(form, name);
              return (
                <fieldset class={rowError ? 'matrix-row has-error' : 'matrix-row'} aria-describedby={rowError ? `${fieldId(name)}-error` : undefined}>
                  <legend {...langOf(c, s, row.label)} safe>
                    {plain(c, s, row.label)}
                  </legend>
                  <ErrorText c={c} name={name} error={rowError} />
                  <ChoiceInputs c={c} s={s} name={name} idBase={name} choices={q.choices} type="radio" chosen={vals(form, name)} />
                </fieldset>
              );
            })}
          </fieldset>
        </div>
      );
    case 'ranking': {
      const positions = q.choices.map((_, i) => ({ value: String(i + 1), label: formatNumber(c.locale, i + 1) }));
      return (
        <div class={cls}>
          <fieldset aria-describedby={by} class="ranking">
            <legend>
              <Wording c={c} s={s} q={q} />
            </legend>
            <Help c={c} s={s} q={q} />
            <p class="hint" safe>
              {c.t('surveys.respond.rankHint', { n: q.choices.length })}
            </p>
            <ErrorText c={c} name={q.key} error={error} />
            {q.choices.map((item, i) => {
              const name = `${q.key}:${item.key}`;
              // Numbered as the options of a choice are: the first item's list takes the question's id (the error
              // summary links there), the others the next numbers, so no item's key can give the id of a line of
              // the question ("error", "hint").
              const id = i === 0 ? fieldId(q.key) : `${fieldId(q.key)}-${i + 1}`;
              return (
                <div class="rank-item">
                  <label for={id} {...langOf(c, s, item.label)} safe>
                    {plain(c, s, item.label)}
                  </label>
                  <select id={id} name={name} class="input">
                    <option value="" safe>
                      {c.t('surveys.respond.noRank')}
                    </option>
                    {positions.map((p) => (
                      <option value={p.value} selected={val(form, name) === p.value} safe>
                        {p.label}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </fieldset>
        </div>
      );
    }
  }
}

export interface PageStep {
  /** Which of the pages with something to show this is, and how many there are with the answers so far. */
  index: number;
  count: number;
}

export function QuestionsPage({ c, survey, page, questions, step, form }: { c: PageContext; survey: SurveyRow; page: number; questions: Question[]; step: PageStep; form: FormState }) {
  const title = plain(c, survey, survey.title);
  return (
    <Layout c={c} title={`${c.t('surveys.respond.step', { n: step.index, count: step.count })} — ${title}`} form={form} labels={answerLabels(c, survey, questions)}>
      <p class="caption">
        <Text c={c} s={survey} value={survey.title} />
      </p>
      <h1 safe>{c.t('surveys.respond.step', { n: step.index, count: step.count })}</h1>
      <Form c={c} action={c.href(`${base(survey.slug)}/page/${page}`)}>
        <>{questions.map((q) => (
          <QuestionField c={c} s={survey} q={q} form={form} />
        ))}</>
        <div class="button-row">
          <Button label={c.t('surveys.respond.next')} name="go" value="next" />
          <Button label={c.t('surveys.respond.back')} name="go" value="back" variant="secondary" />
          <Button label={c.t('surveys.respond.later')} name="go" value="later" variant="secondary" />
        </div>
      </Form>
    </Layout>
  );
}

/** A saved answer as a reader would say it: option labels, not keys. */
export function answerText(c: PageContext, s: SurveyRow, q: Question, answers: Answers): string {
  const label = (key: string) => (key === OTHER ? labelled(c, c.t('surveys.respond.other'), String(answers[`${q.key}:${OTHER}`] ?? '')) : plain(c, s, q.choices.find((x) => x.key === key)?.label ?? {}) || key);
  const a = answers[q.key];
  switch (q.type) {
    case 'single':
      return typeof a === 'string' ? label(a) : '';
    case 'multiple':
      return Array.isArray(a) ? a.map(label).join(c.t('form.separator')) : '';
    case 'ranking':
      return Array.isArray(a) ? a.map((k, i) => `${formatNumber(c.locale, i + 1)}. ${label(k)}`).join(c.t('form.separator')) : '';
    case 'matrix':
      return q.rows
        .filter((r) => answers[`${q.key}:${r.key}`] !== undefined)
        .map((r) => labelled(c, plain(c, s, r.label), label(String(answers[`${q.key}:${r.key}`]))))
        .join(c.t('form.separator'));
    case 'rating':
    case 'number':
      return typeof a === 'number' ? formatNumber(c.locale, a) : '';
    case 'date':
      return typeof a === 'string' ? formatDate(c.locale, new Date(`${a}T00:00:00Z`), 'UTC') : '';
    default:
      return typeof a === 'string' ? a : '';
  }
}

export function ReviewPage({ c, survey, questions, answers, notice }: { c: PageContext; survey: SurveyRow; questions: Question[]; answers: Answers; notice?: string }) {
  const title = c.t('surveys.respond.reviewTitle');
  return (
    <Layout c={c} title={`${title} — ${plain(c, survey, survey.title)}`}>
      <p class="caption">
        <Text c={c} s={survey} value={survey.title} />
      </p>
      <h1 safe>{title}</h1>
      {notice === 'missing' ? <Banner kind="warning" title={c.t('surveys.respond.missing')} /> : ''}
      <dl class="summary-list">
        {questions.map((q) => {
          const change = c.t('surveys.respond.change');
          // The link reads "Change: <question>" in the reader's language, of which only "Change" is seen (every language's pattern starts with the label).
          const hidden = labelled(c, change, plain(c, survey, q.text)).slice(change.length);
          return (
            <div class="summary-row">
              <dt {...langOf(c, survey, q.text)} safe>
                {plain(c, survey, q.text)}
              </dt>
              <dd dir="auto" safe>
                {answerText(c, survey, q, answers) || c.t('surveys.respond.noAnswer')}
              </dd>
              <dd class="summary-action">
                <a href={c.href(`${base(survey.slug)}/page/${q.page}`)}>
                  <span safe>{change}</span>
                  <span class="visually-hidden" safe>
                    {hidden}
                  </span>
                </a>
              </dd>
            </div>
          );
        })}
      </dl>
      <p safe>{c.t(survey.anonymous ? 'surveys.respond.anonymousNote' : 'surveys.respond.identifiedNote')}</p>
      <Form c={c} action={c.href(`${base(survey.slug)}/submit`)}>
        <Button label={c.t('surveys.respond.send')} />
      </Form>
    </Layout>
  );
}

export function SurveysListPage({ c, open, closed, cycles, now }: { c: PageContext; open: { survey: SurveyRow; mine: 'answer' | 'continue' | 'done' | null }[]; closed: SurveyRow[]; cycles: CycleRow[]; now: Date }) {
  const title = c.t('surveys.title');
  return (
    <Layout c={c} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{c.t('surveys.intro')}</p>
      <h2 safe>{c.t('surveys.open')}</h2>
      {open.length ? (
        <ul class="card-list">
          {open.map(({ survey, mine }) => (
            <li>
              <h3>
                <a href={c.href(base(survey.slug))}>
                  <Text c={c} s={survey} value={survey.title} />
                </a>
              </h3>
              <p safe>{c.t('surveys.closesOn', { date: survey.closesAt ? formatDate(c.locale, survey.closesAt, 'UTC') : '—' })}</p>
              {mine ? (
                <p class="tag" safe>
                  {c.t(`surveys.mine.${mine}`)}
                </p>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p safe>{c.t('surveys.noneOpen')}</p>
      )}
      <h2 safe>{c.t('surveys.closed')}</h2>
      {closed.length ? (
        <ul class="card-list">
          {closed.map((survey) => (
            <li>
              <h3>
                <a href={c.href(`${base(survey.slug)}/results`)}>
                  <Text c={c} s={survey} value={survey.title} />
                </a>
              </h3>
              <p safe>{c.t('surveys.closedOn', { date: survey.closesAt ? formatDate(c.locale, survey.closesAt, 'UTC') : '—' })}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p safe>{c.t('surveys.noneClosed')}</p>
      )}
      {cycles.length ? (
        <>
          <h2 safe>{c.t('priorities.title')}</h2>
          <p>
            <a href={c.href('/priorities')} safe>
              {c.t('priorities.all')}
            </a>
          </p>
          <CycleCards c={c} cycles={cycles} now={now} heading="h3" />
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

export const isSurveyLocale = (s: Pick<SurveyRow, 'locales'>, l: Locale) => s.locales.includes(l) && isLocale(l);

/** The day a survey closes, in the reader's language (its time is in UTC), or a dash for a draft. */
export const closingDay = (c: PageContext, s: Pick<SurveyRow, 'closesAt'>): string => (s.closesAt ? formatDate(c.locale, s.closesAt, 'UTC') : '—');
