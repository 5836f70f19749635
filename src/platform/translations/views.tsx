import type { PageContext } from '../http/page.js';
import type { FormState } from '../forms/validate.js';
import { Layout } from '../ui/layout.js';
import { Button, Form, Select, TextInput, Textarea } from '../ui/form.js';
import { BackLink, Banner, Pagination, Table, esc } from '../ui/components.js';
import { markdownToHtml } from '../documents/markdown.js';
import { formatNumber, languageName } from '../i18n/format.js';
import { LOCALES, direction, type Locale } from '../i18n/locales.js';
import { listHref } from '../admin/views.js';
import { TRANSLATION_STATES, fieldsOf, type LanguageCounts, type TranslatableKind, type TranslationRow, type TranslationState, type TranslationTask } from './service.js';

type Query = Record<string, string | undefined>;

const taskHref = (c: PageContext, kind: string, id: string, locale: Locale) => c.href(`/admin/translations/${kind}/${encodeURIComponent(id)}/${locale}`);

function StateTag({ c, state }: { c: PageContext; state: TranslationState }) {
  return (
    <span class={`tag tag-${state}`} safe>
      {c.t(`translations.states.${state}`)}
    </span>
  );
}

/** The translation screen: counts by language, filters, and what needs translating. */
export function TranslationsPage(props: { c: PageContext; rows: TranslationRow[]; total: number; page: number; pageSize: number; counts: LanguageCounts; kinds: readonly TranslatableKind[]; query: Query; notice?: string }) {
  const { c, rows, counts, kinds, query } = props;
  const title = c.t('translations.title');
  const path = '/admin/translations';
  return (
    <Layout c={c} title={title} admin>
      {props.notice ? <Banner kind="success" title={c.t('translations.saved')} /> : ''}
      <h1 safe>{title}</h1>
      <p safe>{c.t('translations.intro')}</p>
      <Table
        caption={c.t('translations.countsCaption')}
        head={[c.t('translations.language'), ...TRANSLATION_STATES.map((s) => c.t(`translations.states.${s}`))]}
        numeric={[1, 2, 3]}
        rows={LOCALES.map((l) => [
          <span lang={l} safe>
            {languageName(c.locale, l)}
          </span>,
          ...TRANSLATION_STATES.map((s) =>
            counts[l][s] ? (
              <a href={listHref(c, path, {}, { language: l, state: s })} safe>
                {formatNumber(c.locale, counts[l][s])}
              </a>
            ) : (
              esc(formatNumber(c.locale, 0))
            ),
          ),
        ])}
      />
      <Form c={c} action={c.href(path)} method="get" class="filters" label={c.t('translations.filter')}>
        <Select c={c} name="language" label={c.t('translations.language')} form={{ values: query, errors: [] }} placeholder={c.t('translations.anyLanguage')} options={LOCALES.map((l) => ({ value: l, label: languageName(c.locale, l) }))} />
        <Select c={c} name="kind" label={c.t('translations.kind')} form={{ values: query, errors: [] }} placeholder={c.t('translations.anyKind')} options={kinds.map((k) => ({ value: k.kind, label: c.t(k.label) }))} />
        <Select c={c} name="state" label={c.t('translations.state')} form={{ values: query, errors: [] }} placeholder={c.t('translations.toDo')} options={TRANSLATION_STATES.map((s) => ({ value: s, label: c.t(`translations.states.${s}`) }))} />
        <Button label={c.t('translations.show')} variant="secondary" />
      </Form>
      <Table
        caption={c.t('translations.caption', { n: props.total })}
        head={[c.t('translations.item'), c.t('translations.kind'), c.t('translations.language'), c.t('translations.state')]}
        empty={c.t('translations.none')}
        rows={rows.map((r) => {
          const name = c.text(r.item.name, r.item.original);
          return [
            <a href={taskHref(c, r.kind.kind, r.item.id, r.locale)}>
              <bdi lang={name.lang === c.locale ? undefined : name.lang} safe>
                {name.text || r.item.id}
              </bdi>
            </a>,
            esc(c.t(r.kind.label)),
            <span lang={r.locale} safe>
              {languageName(c.locale, r.locale)}
            </span>,
            <StateTag c={c} state={r.state} />,
          ];
        })}
      />
      <Pagination c={c} page={props.page} pageSize={props.pageSize} total={props.total} href={(p) => listHref(c, path, query, { page: String(p) })} />
    </Layout>
  );
}

/** The original of one item and its translation into one language, field by field, side by side. */
export function TranslatePage({ c, task, form, preview }: { c: PageContext; task: TranslationTask; form?: FormState; preview?: boolean }) {
  const { kind, item, locale } = task;
  const fields = fieldsOf(kind, item).filter((f) => item.texts[f.name]?.[item.original]?.trim());
  const values = form ?? { values: Object.fromEntries(fields.map((f) => [f.name, item.texts[f.name]?.[locale] ?? ''])), errors: [] };
  const name = c.text(item.name, item.original);
  const language = languageName(c.locale, locale);
  const title = c.t('translations.translateTitle', { item: name.text || item.id, language });
  const dir = direction(locale);
  const originalDir = direction(item.original);
  const labels = Object.fromEntries(fields.map((f) => [f.name, c.t(f.label, f.labelValues)]));
  return (
    <Layout c={c} title={title} admin form={form && !preview ? form : undefined} labels={labels} before={<BackLink href={c.href('/admin/translations')} label={c.t('translations.title')} />}>
      <h1>
        <bdi safe>{title}</bdi>
      </h1>
      <p>
        <span>{c.th('translations.kindIs', { kind: c.t(kind.label), original: languageName(c.locale, item.original) })}</span>
        {item.href ? (
          <>
            {' '}
            <a href={`/${locale}${item.href === '/' ? '' : item.href}`}>
              {c.th('translations.seeIt', { language })}
            </a>
          </>
        ) : (
          ''
        )}
      </p>
      <nav aria-label={c.t('content.otherLanguages')}>
        <ul class="language-versions">
          {task.languages
            .filter((l) => l.locale !== locale)
            .map((l) => (
              <li>
                {l.locale === item.original ? (
                  <span>{c.th('translations.originalIn', { language: languageName(c.locale, l.locale) })}</span>
                ) : (
                  <a href={taskHref(c, kind.kind, item.id, l.locale)} safe>
                    {`${languageName(c.locale, l.locale)} — ${l.state ? c.t(`translations.states.${l.state}`) : '—'}`}
                  </a>
                )}
              </li>
            ))}
        </ul>
      </nav>
      {locale === item.original ? (
        <Banner kind="info" title={c.t('translations.isOriginal')} />
      ) : (
        <Form c={c} action={taskHref(c, kind.kind, item.id, locale)}>
          <>{fields.map((f) => {
            const state = task.states[f.name];
            const original = item.texts[f.name]?.[item.original] ?? '';
            return (
              <div class="side-by-side">
                <div class="original">
                  <h2 class="label-like">
                    {c.th('translations.originalField', { field: c.t(f.label, f.labelValues), language: languageName(c.locale, item.original) })}
                  </h2>
                  {f.form === 'markdown' ? (
                    <div class="prose boxed" lang={item.original} dir={originalDir}>
                      {markdownToHtml(original) as 'safe'}
                    </div>
                  ) : (
                    <p class="boxed" lang={item.original} dir={originalDir} safe>
                      {original}
                    </p>
                  )}
                  {state && state !== 'current' ? <StateTag c={c} state={state} /> : ''}
                </div>
                <div class="translation">
                  {f.form === 'line' ? (
                    <TextInput c={c} name={f.name} label={c.t('translations.field', { field: c.t(f.label, f.labelValues), language })} form={values} width="full" maxlength={f.max} lang={locale} dir={dir} />
                  ) : (
                    <Textarea c={c} name={f.name} label={c.t('translations.field', { field: c.t(f.label, f.labelValues), language })} form={values} rows={f.form === 'markdown' ? 14 : 6} lang={locale} dir={dir} code={f.form === 'markdown'} />
                  )}
                </div>
              </div>
            );
          })}</>
          <p class="hint">
            {c.th('translations.blankHint', { original: languageName(c.locale, item.original) })}
          </p>
          <div class="actions">
            <Button label={c.t('translations.save')} />
            {fields.some((f) => f.form === 'markdown') ? <Button label={c.t('translations.preview')} variant="secondary" name="_action" value="preview" /> : ''}
          </div>
        </Form>
      )}
      {preview ? (
        <>{fields
            .filter((f) => f.form === 'markdown')
            .map((f) => (
              <section class="preview" aria-label={c.t('translations.previewOf', { field: c.t(f.label, f.labelValues) })}>
                <h2>{c.th('translations.previewOf', { field: c.t(f.label, f.labelValues) })}</h2>
                <div class="prose" lang={locale} dir={dir}>
                  {markdownToHtml(String(values.values[f.name] ?? '')) as 'safe'}
                </div>
              </section>
            ))}</>
      ) : (
        ''
      )}
    </Layout>
  );
}
