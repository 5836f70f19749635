import type { PageContext } from '../../platform/http/page.js';
import type { PanelContext } from '../../platform/panels.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Banner, EditingLanguage, Pagination } from '../../platform/ui/components.js';
import { Button, Checkboxes, Form, Radios, Select, Textarea } from '../../platform/ui/form.js';
import { emptyForm, type FormState } from '../../platform/forms/validate.js';
import { formatDate, formatDateTime, languageName } from '../../platform/i18n/format.js';
import { LOCALES, direction } from '../../platform/i18n/locales.js';
import { INCOME_GROUPS, incomeGroupName, regionName, UNESCO_REGIONS } from '../../platform/geo/countries.js';
import { STAKEHOLDER_GROUPS, type ConsultationPage as Page } from './service.js';
import { whoOf } from './outcome-views.js';
import { DISPOSITIONS, TRIAGE_PAGE_SIZE, TRIAGE_STATUSES, type Outstanding, type ResponseForm, type Triage, type TriageQuery, type TriageRow } from './responses.js';

const base = (page: Page) => `/consultations/${page.consultation.slug}`;

/** What is left before the final version: unanswered comments and comments waiting for a moderator. */
function LeftLine({ c, left }: { c: Pick<PageContext, 't'>; left: Outstanding }) {
  return (
    <p class="left-line" safe>
      {left.unanswered || left.waiting ? c.t('consultations.answers.left', { n: left.unanswered, waiting: left.waiting }) : c.t('consultations.answers.noneLeft')}
    </p>
  );
}

/** The section a comment is on, as a link to its paragraph's page. */
function Where({ c, page, row, sections }: { c: PageContext; page: Page; row: TriageRow; sections: Triage['sections'] }) {
  const section = sections.find((s) => s.id === row.sectionId);
  const href = c.href(row.blockId ? `${base(page)}/p/${row.blockId}` : `${base(page)}/general`);
  return (
    <a href={href} lang={page.text.locale === c.locale ? undefined : page.text.locale} safe>
      {row.blockId ? (section?.title ?? page.text.title) : c.t('consultations.answers.wholeReport')}
    </a>
  );
}

/** A comment to answer: where, who, in which language, its answer and who it is handed to, and its words. */
function CommentCard({ c, page, row, sections, choose, checked }: { c: PageContext; page: Page; row: TriageRow; sections: Triage['sections']; choose: boolean; checked?: boolean }) {
  const who = whoOf(c.t, c.locale, row.author);
  const id = `comment-${row.id}`;
  return (
    <li class="answer-item">
      <div class="answer-head">
        {choose ? <input type="checkbox" name="comments" value={row.id} id={id} checked={checked} aria-describedby={`${id}-text`} /> : ''}
        <label for={choose ? id : undefined}>
          <strong dir="auto" safe>{who.name}</strong>
          <span safe>{` · ${who.detail} · ${languageName(c.locale, row.locale)}`}</span>
        </label>
      </div>
      <p class="hint">
        <Where c={c} page={page} row={row} sections={sections} />
        <span safe>{` · ${formatDateTime(c.locale, row.createdAt, 'UTC')}`}</span>
        {row.replies ? <span safe>{` · ${c.t('consultations.answers.replies', { n: row.replies })}`}</span> : ''}
      </p>
      <p class="tags">
        {row.response ? (
          <a class={`tag disposition-${row.response.disposition}`} href={c.href(`${base(page)}/answer/${row.response.id}`)} safe>
            {c.t(`consultations.dispositions.${row.response.disposition}`)}
          </a>
        ) : (
          <span class="tag tag-warning" safe>
            {c.t('consultations.answers.unanswered')}
          </span>
        )}
        {row.readable ? '' : <span class="tag tag-warning">{c.th('consultations.answers.unreadable', { language: languageName(c.locale, row.locale) })}</span>}
        {row.assignedTo ? <span class="tag">{c.th('consultations.answers.handedTo', { name: row.assignedTo.name })}</span> : ''}
      </p>
      <div id={`${id}-text`} lang={row.locale} dir={direction(row.locale)}>
        {row.quote ? (
          <blockquote class="quote" lang={page.text.locale} dir={direction(page.text.locale)}>
            <p safe>{row.quote}</p>
          </blockquote>
        ) : (
          ''
        )}
        <p class="comment-body" safe>
          {row.body}
        </p>
      </div>
    </li>
  );
}

/** The triage page: every comment to answer, filtered, to answer alone or together, or to hand to a colleague. */
export function TriagePage({ c, page, triage, query, notice, form }: { c: PageContext; page: Page; triage: Triage; query: TriageQuery; notice?: string; form?: FormState }) {
  const title = c.t('consultations.answers.title', { title: page.text.title });
  const q = emptyForm(Object.fromEntries(Object.entries(query).filter(([k, v]) => k !== 'page' && v !== undefined)) as Record<string, string>);
  const filterHref = (n: number) => {
    const params = new URLSearchParams(Object.entries(query).filter(([k, v]) => k !== 'page' && v !== undefined) as [string, string][]);
    params.set('page', String(n));
    return c.href(`${base(page)}/triage?${params.toString()}`);
  };
  const any = (label: string) => ({ value: '', label });
  return (
    <Layout c={c} title={title} form={form} labels={{ comments: c.t('consultations.answers.chosen'), to: c.t('consultations.answers.handTo'), languages: c.t('consultations.answers.languages') }} before={<BackLink href={c.href(base(page))} label={page.text.title} />}>
      {notice ? <Banner kind={notice === 'assigned' || notice === 'saved' || notice === 'languages' ? 'success' : 'warning'} title={c.t(`consultations.answers.notices.${notice}`)} /> : ''}
      <h1>{c.th('consultations.answers.title', { title: page.text.title })}</h1>
      <LeftLine c={c} left={triage.left} />
      <p>
        <a href={c.href(`${base(page)}/responses`)} safe>
          {c.t('consultations.responsesLink')}
        </a>
        {triage.next ? (
          <>
            {' · '}
            <a href={c.href(`${base(page)}/next`)}>
              {c.th('consultations.nextLink', { n: triage.next })}
            </a>
          </>
        ) : (
          ''
        )}
      </p>
      <p class="hint" safe>
        {triage.frozen ? c.t('consultations.answers.frozen') : c.t('consultations.answers.intro')}
      </p>

      <details class="languages-box">
        <summary>{c.th('consultations.answers.languagesSummary', { languages: triage.languages.map((l) => languageName(c.locale, l)).join(', ') })}</summary>
        <Form c={c} action={c.href(`${base(page)}/triage/languages`)} label={c.t('consultations.answers.languages')}>
          <Checkboxes c={c} name="languages" label={c.t('consultations.answers.languages')} hint={c.t('consultations.answers.languagesHint')} options={LOCALES.map((l) => ({ value: l, label: languageName(c.locale, l) }))} form={form?.values.languages ? form : emptyForm({ languages: triage.languages })} />
          <Button label={c.t('consultations.answers.saveLanguages')} variant="secondary" />
        </Form>
      </details>

      <Form c={c} action={c.href(`${base(page)}/triage`)} method="get" class="filters" label={c.t('consultations.answers.filters')}>
        <Select c={c} name="section" label={c.t('consultations.answers.filter.section')} options={[any(c.t('consultations.answers.filter.all')), { value: 'general', label: c.t('consultations.answers.wholeReport') }, ...triage.sections.map((s) => ({ value: s.id, label: s.title }))]} form={q} />
        <Select c={c} name="group" label={c.t('consultations.answers.filter.group')} options={[any(c.t('consultations.answers.filter.all')), ...STAKEHOLDER_GROUPS.map((g) => ({ value: g, label: c.t(`consultations.groups.${g}`) }))]} form={q} />
        <Select c={c} name="region" label={c.t('consultations.answers.filter.region')} options={[any(c.t('consultations.answers.filter.all')), ...UNESCO_REGIONS.map((r) => ({ value: r, label: regionName(r, c.locale) }))]} form={q} />
        <Select c={c} name="income" label={c.t('consultations.answers.filter.income')} options={[any(c.t('consultations.answers.filter.all')), ...INCOME_GROUPS.map((g) => ({ value: g, label: incomeGroupName(g, c.locale) }))]} form={q} />
        <Select c={c} name="language" label={c.t('consultations.answers.filter.language')} options={[any(c.t('consultations.answers.filter.all')), ...LOCALES.map((l) => ({ value: l, label: languageName(c.locale, l) }))]} form={q} />
        <Select c={c} name="status" label={c.t('consultations.answers.filter.status')} options={[any(c.t('consultations.answers.filter.all')), ...TRIAGE_STATUSES.map((s) => ({ value: s, label: c.t(`consultations.answers.status.${s}`) }))]} form={q} />
        <Button label={c.t('consultations.answers.filter.show')} variant="secondary" />
      </Form>

      <h2 id="found">
        {c.th('consultations.answers.found', { n: triage.total })}
      </h2>
      {triage.rows.length ? (
        <Form c={c} action={c.href(`${base(page)}/triage`)} label={c.t('consultations.answers.chosen')}>
          <ol class="answer-list">
            {triage.rows.map((row) => (
              <CommentCard c={c} page={page} row={row} sections={triage.sections} choose={!triage.frozen} checked={form?.values.comments ? ([] as unknown[]).concat(form.values.comments).includes(row.id) : false} />
            ))}
          </ol>
          {triage.frozen ? (
            ''
          ) : (
            <div class="answer-actions">
              <Button name="do" value="answer" label={c.t('consultations.answers.answerChosen')} />
              {triage.respondsToAll ? (
                <div class="hand-to">
                  <Select c={c} name="to" label={c.t('consultations.answers.handTo')} options={[{ value: '', label: c.t('consultations.answers.nobody') }, ...triage.colleagues.map((p) => ({ value: p.userId, label: p.languages.length ? `${p.name} (${p.languages.map((l) => languageName(c.locale, l)).join(', ')})` : p.name }))]} form={form} />
                  <Button name="do" value="assign" label={c.t('consultations.answers.handOver')} variant="secondary" />
                </div>
              ) : (
                ''
              )}
            </div>
          )}
        </Form>
      ) : (
        <p safe>{c.t('consultations.answers.noneFound')}</p>
      )}
      <Pagination c={c} page={triage.page} pageSize={TRIAGE_PAGE_SIZE} total={triage.total} href={filterHref} />
    </Layout>
  );
}

/** One answer to one or several comments: the comments, the disposition, the response, and the paragraphs of the next version it changed. */
export function AnswerPage({ c, page, answer, form, action, sections, notice }: { c: PageContext; page: Page; answer: ResponseForm; form: FormState; action: string; sections: Triage['sections']; notice?: string }) {
  const title = answer.response ? c.t('consultations.answers.editTitle') : c.t('consultations.answers.newTitle', { n: answer.comments.length });
  const next = answer.next;
  const labels = { comments: c.t('consultations.answers.chosen'), disposition: c.t('consultations.answers.disposition'), response: c.t('consultations.answers.response'), changed: c.t('consultations.answers.changed', { n: next?.number ?? page.version.number + 1 }) };
  return (
    <Layout c={c} title={title} form={form} labels={labels} before={<BackLink href={c.href(`${base(page)}/triage`)} label={c.t('consultations.answers.back')} />}>
      {notice ? <Banner kind="success" title={c.t(`consultations.answers.notices.${notice}`)} /> : ''}
      <h1 safe>{title}</h1>
      {answer.frozen ? <Banner kind="info" title={c.t('consultations.answers.frozen')} /> : ''}
      <Form c={c} action={c.href(action)} label={title}>
        <fieldset class="field">
          <legend safe>{labels.comments}</legend>
          <p class="hint" safe>
            {c.t('consultations.answers.chosenHint')}
          </p>
          {answer.response ? '' : answer.comments.map((row) => <input type="hidden" name="offered" value={row.id} />)}
          <ol class="answer-list">
            {answer.comments.map((row) => (
              <CommentCard c={c} page={page} row={row} sections={sections} choose={!answer.frozen} checked={form.values.comments ? ([] as unknown[]).concat(form.values.comments).includes(row.id) : true} />
            ))}
          </ol>
        </fieldset>
        <Radios c={c} name="disposition" label={labels.disposition} options={DISPOSITIONS.map((d) => ({ value: d, label: c.t(`consultations.dispositions.${d}`), hint: c.t(`consultations.dispositionHints.${d}`) }))} form={form} />
        <EditingLanguage c={c} original={answer.response?.originalLocale ?? c.locale} />
        <Textarea c={c} name="response" label={labels.response} hint={c.t('consultations.answers.responseHint')} rows={6} maxlength={6000} form={form} />
        {next ? (
          <Checkboxes
            c={c}
            name="changed"
            label={labels.changed}
            hint={c.t('consultations.answers.changedHint', { n: next.number })}
            options={next.blocks
              .filter((b) => b.kind !== 'footnote' && b.text.trim())
              .map((b) => ({
                value: b.id,
                label: b.text.length > 140 ? `${b.text.slice(0, 140)}…` : b.text,
                // The next version's words are in the report's language.
                lang: page.report.originalLocale === c.locale ? undefined : page.report.originalLocale,
                hint: answer.wordsIn.get(b.id) ? c.t('consultations.answers.wordsHere', { n: answer.wordsIn.get(b.id)! }) : undefined,
              }))}
            form={form}
          />
        ) : (
          <p class="hint">
            {c.th('consultations.answers.noNextVersion', { n: page.version.number + 1 })}
          </p>
        )}
        {answer.frozen ? '' : <Button label={c.t('consultations.answers.save')} />}
      </Form>
    </Layout>
  );
}

/** On the report's editor: what is left on each consultation of the report before it can be final. */
export function LeftPanel({ c, list }: { c: PanelContext; list: { slug: string; closesAt: Date; left: Outstanding }[] }) {
  if (!list.length) return '';
  return (
    <section aria-labelledby="consultation-left" class="panel">
      <h2 id="consultation-left" safe>
        {c.t('consultations.answers.panelTitle')}
      </h2>
      <ul>
        {list.map((k) => (
          <li>
            <LeftLine c={c} left={k.left} />
            <p class="hint">
              {c.th('consultations.answers.panelCloses', { closes: formatDate(c.locale, k.closesAt, 'UTC') })}
            </p>
            <p>
              <a href={c.href(`/consultations/${k.slug}/triage`)} safe>
                {c.t('consultations.answers.panelLink')}
              </a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
