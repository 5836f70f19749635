import type { PageContext } from '../../platform/http/page.js';
import { Layout } from '../../platform/ui/layout.js';
import { BackLink, Banner, LocalizedText, Pagination } from '../../platform/ui/components.js';
import { Button, Form, Select, TextInput } from '../../platform/ui/form.js';
import type { FormState } from '../../platform/forms/validate.js';
import { TEXTS_PAGE_SIZE, TEXT_SEARCH_MAX, type SurveyTexts, type TextQuestion } from './service.js';

const adminBase = (slug: string) => `/admin/surveys/${slug}`;

/** The address of the texts page (or its CSV) for a question and a search, on a page. */
export function textsHref(c: PageContext, slug: string, query: { question?: string; q?: string; page?: number }, csv = false): string {
  const params = new URLSearchParams();
  if (query.question) params.set('question', query.question);
  if (query.q) params.set('q', query.q);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const s = params.toString();
  return c.href(`${adminBase(slug)}/texts${csv ? '.csv' : ''}${s ? `?${s}` : ''}`);
}

/** A text question as the chooser names it: its text, and for a choice question, that these are its "Other" answers. */
function questionLabel(c: PageContext, t: TextQuestion, original: string): string {
  const text = c.text(t.question.text, original).text;
  return t.other ? c.t('surveys.texts.otherOf', { question: text }) : text;
}

/**
 * The written answers to one question of a survey, for the Secretariat: chosen with a GET form
 * (JavaScript off), searched, paged, downloadable. Each answer is shown alone, as plain text — no
 * group, country, language or response beside it (decision 017).
 */
export function TextsPage({ c, v, form }: { c: PageContext; v: SurveyTexts; form: FormState }) {
  const s = v.survey;
  const surveyTitle = c.text(s.title, s.originalLocale).text;
  const heading = c.t('surveys.texts.title', { title: surveyTitle });
  const labels = { question: c.t('surveys.texts.question'), q: c.t('surveys.texts.search') };
  const chosen = v.chosen;
  const showList = !!chosen && !v.searchTooLong;
  return (
    <Layout c={c} title={heading} admin form={form} labels={labels}>
      <BackLink href={c.href(adminBase(s.slug))} label={surveyTitle} />
      <h1>{c.th('surveys.texts.title', { title: surveyTitle })}</h1>
      <p safe>{c.t('surveys.texts.intro')}</p>
      {v.unknown !== null ? <Banner kind="warning" title={c.t('surveys.texts.unknown', { key: v.unknown })} /> : ''}
      {v.questions.length === 0 ? (
        <p safe>{c.t('surveys.texts.none')}</p>
      ) : (
        <Form c={c} action={textsHref(c, s.slug, {})} method="get" class="filters" label={c.t('surveys.texts.choose')}>
          <Select c={c} name="question" label={labels.question} form={form} options={v.questions.map((t) => ({ value: t.key, label: questionLabel(c, t, s.originalLocale) }))} />
          <TextInput c={c} name="q" type="search" label={labels.q} hint={c.t('surveys.texts.searchHint')} spellcheck={false} maxlength={TEXT_SEARCH_MAX} form={form} />
          <Button label={c.t('surveys.texts.show')} variant="secondary" />
        </Form>
      )}
      {showList && chosen ? (
        <>
          <LocalizedText c={c} value={chosen.question.text} original={s.originalLocale} as="h2" />
          {chosen.other ? (
            <p class="hint" safe>
              {c.t('surveys.texts.otherHint')}
            </p>
          ) : (
            ''
          )}
          <p>{v.q ? c.th('surveys.texts.countFound', { n: v.total, q: v.q }) : c.th('surveys.texts.count', { n: v.total })}</p>
          {v.total ? (
            <>
              <p>
                <a href={textsHref(c, s.slug, { question: chosen.key, q: v.q }, true)} safe>
                  {c.t('surveys.texts.csv')}
                </a>
              </p>
              <ul class="answer-list">
                {v.texts.map((text) => (
                  <li class="answer-item">
                    <p class="comment-body pre-line" dir="auto" safe>
                      {text}
                    </p>
                  </li>
                ))}
              </ul>
              <Pagination c={c} page={v.page} pageSize={TEXTS_PAGE_SIZE} total={v.total} href={(p) => textsHref(c, s.slug, { question: chosen.key, q: v.q, page: p })} />
            </>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
