import type { PageContext } from '../../../platform/http/page.js';
import { Layout } from '../../../platform/ui/layout.js';
import { BackLink, Banner, Table, esc } from '../../../platform/ui/components.js';
import { Button, FileUpload, Form, TextInput, Textarea } from '../../../platform/ui/form.js';
import type { FormState } from '../../../platform/forms/validate.js';
import { formatDate, languageName } from '../../../platform/i18n/format.js';
import { LOCALES, direction, type Locale } from '../../../platform/i18n/locales.js';
import type { ReportView, TranslationSummary, VersionView, WorkingGroupView } from '../service.js';

/** What a Word import could not keep, for the chair to check before saving. */
export interface ImportProblem {
  key: string;
  values?: Record<string, string | number>;
}

const labels = (c: PageContext) => ({
  slug: c.t('workingGroups.reports.fields.slug'),
  title: c.t('workingGroups.reports.fields.title'),
  markdown: c.t('workingGroups.reports.fields.markdown'),
  note: c.t('workingGroups.reports.fields.note'),
  file: c.t('workingGroups.reports.import.file'),
  translator: c.t('workingGroups.translate.translator'),
});

function ImportProblems({ c, problems }: { c: PageContext; problems?: ImportProblem[] }) {
  if (!problems) return '';
  if (!problems.length) return <Banner kind="success" title={c.t('workingGroups.reports.import.clean')} />;
  return (
    <Banner kind="warning" title={c.t('workingGroups.reports.import.problems', { n: problems.length })}>
      <ul>
        {problems.map((p) => (
          <li safe>{c.t(`documents.import.${p.key}`, p.values)}</li>
        ))}
      </ul>
      <p safe>{c.t('workingGroups.reports.import.check')}</p>
    </Banner>
  );
}

/** The chairs' form for a report's text: a new report, or the next save of one. */
export function ReportEditorPage(props: {
  c: PageContext;
  group: WorkingGroupView;
  report?: ReportView;
  latest?: VersionView;
  versions?: VersionView[];
  translations?: TranslationSummary[];
  form: FormState;
  problems?: ImportProblem[];
  notice?: string;
  /** What other modules show above the publishing form (e.g. comments still to answer). */
  panels?: string[];
}) {
  const { c, group, report, latest, form } = props;
  const groupBase = `/working-groups/${group.slug}`;
  const base = report ? `${groupBase}/reports/${report.slug}` : `${groupBase}/reports`;
  const title = report && latest ? c.t('workingGroups.reports.editTitle', { title: latest.title }) : c.t('workingGroups.reports.newTitle');
  const lang = report && report.originalLocale !== c.locale ? report.originalLocale : undefined;
  const savesNew = latest && latest.stage !== 'draft';
  return (
    <Layout c={c} title={title} form={form} labels={labels(c)} before={<BackLink href={c.href(report ? base : groupBase)} label={report && latest ? latest.title : c.text(group.name, group.originalLocale).text} />}>
      {props.notice ? <Banner kind="success" title={c.t(`workingGroups.reports.notices.${props.notice}`)} /> : ''}
      <h1 safe>{title}</h1>
      <ImportProblems c={c} problems={props.problems} />
      {latest ? (
        <p class="hint">
          {c.th(savesNew ? 'workingGroups.reports.savesNew' : 'workingGroups.reports.savesDraft', { n: savesNew ? latest.number + 1 : latest.number })}
        </p>
      ) : (
        <p class="hint" safe>
          {c.t('workingGroups.reports.newHint')}
        </p>
      )}
      <Form c={c} action={c.href(base)} label={title}>
        {report ? '' : <TextInput c={c} name="slug" label={labels(c).slug} hint={c.t('workingGroups.reports.fields.slugHint')} spellcheck={false} form={form} />}
        <TextInput c={c} name="title" label={labels(c).title} width="full" maxlength={300} form={form} />
        <Textarea c={c} name="markdown" label={labels(c).markdown} hint={c.t('workingGroups.reports.fields.markdownHint')} rows={24} maxlength={400_000} code lang={lang} form={form} />
        <Textarea c={c} name="note" label={labels(c).note} hint={c.t('workingGroups.reports.fields.noteHint')} rows={3} maxlength={2000} form={form} />
        <Button label={c.t(report ? 'workingGroups.reports.save' : 'workingGroups.reports.create')} />
      </Form>

      <section aria-labelledby="import">
        <h2 id="import" safe>
          {c.t('workingGroups.reports.import.title')}
        </h2>
        <p safe>{c.t('workingGroups.reports.import.intro')}</p>
        <Form c={c} action={c.href(`${base}/import`)} multipart label={c.t('workingGroups.reports.import.title')}>
          <FileUpload c={c} name="file" label={labels(c).file} hint={c.t('workingGroups.reports.import.fileHint')} accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" form={form} />
          <Button label={c.t('workingGroups.reports.import.submit')} variant="secondary" />
        </Form>
      </section>

      {(props.panels ?? []).join('') as 'safe'}
      {latest?.stage === 'draft' ? (
        <section aria-labelledby="publish">
          <h2 id="publish">
            {c.th('workingGroups.reports.publish.title', { n: latest.number })}
          </h2>
          <p safe>{c.t('workingGroups.reports.publish.intro')}</p>
          <Form c={c} action={c.href(`${base}/publish`)} label={c.t('workingGroups.reports.publish.title', { n: latest.number })}>
            <div class="actions">
              <Button name="stage" value="prefinal" label={c.t('workingGroups.reports.publish.prefinal')} />
              <Button name="stage" value="final" label={c.t('workingGroups.reports.publish.final')} variant="secondary" />
            </div>
          </Form>
        </section>
      ) : (
        ''
      )}

      {report && props.versions?.some((v) => v.publishedAt) ? (
        <section aria-labelledby="translations">
          <h2 id="translations" safe>
            {c.t('workingGroups.translate.title')}
          </h2>
          <p>{c.th('workingGroups.translate.intro', { language: languageName(c.locale, report.originalLocale) })}</p>
          <Table
            caption={c.t('workingGroups.translate.caption')}
            head={[c.t('workingGroups.translate.version'), ...LOCALES.filter((l) => l !== report.originalLocale).map((l) => languageName(c.locale, l))]}
            rows={props.versions
              .filter((v) => v.publishedAt)
              .reverse()
              .map((v) => [
                esc(c.t('workingGroups.translate.versionN', { n: v.number })),
                ...LOCALES.filter((l) => l !== report.originalLocale).map((l) => {
                  const done = props.translations?.find((t) => t.versionId === v.id && t.locale === l);
                  return (
                    <a href={c.href(`${base}/v/${v.number}/translate/${l}`)} safe>
                      {done ? c.t('workingGroups.translate.edit', { date: formatDate(c.locale, done.updatedAt, 'UTC') }) : c.t('workingGroups.translate.start')}
                    </a>
                  );
                }),
              ])}
          />
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** The form for one version's translation into one language, with the original beside it. */
export function TranslationEditorPage(props: { c: PageContext; group: WorkingGroupView; report: ReportView; version: VersionView; locale: Locale; form: FormState }) {
  const { c, group, report, version, locale, form } = props;
  const base = `/working-groups/${group.slug}/reports/${report.slug}`;
  const title = c.t('workingGroups.translate.pageTitle', { n: version.number, language: languageName(c.locale, locale) });
  const dir = direction(locale);
  const originalDir = direction(report.originalLocale);
  return (
    <Layout c={c} title={title} form={form} labels={labels(c)} before={<BackLink href={c.href(`${base}/edit`)} label={version.title} />}>
      <h1>{c.th('workingGroups.translate.pageTitle', { n: version.number, language: languageName(c.locale, locale) })}</h1>
      <p>{c.th('workingGroups.translate.rule', { n: version.blocks.length })}</p>
      <Form c={c} action={c.href(`${base}/v/${version.number}/translate/${locale}`)} label={title}>
        <TextInput c={c} name="title" label={labels(c).title} width="full" maxlength={300} form={form} />
        <Textarea c={c} name="markdown" label={labels(c).markdown} rows={24} maxlength={400_000} code lang={locale} dir={dir} form={form} />
        <TextInput c={c} name="translator" label={labels(c).translator} hint={c.t('workingGroups.translate.translatorHint')} width="full" maxlength={200} form={form} />
        <Button label={c.t('workingGroups.translate.save')} />
      </Form>
      <details>
        <summary>{c.th('workingGroups.translate.original', { language: languageName(c.locale, report.originalLocale) })}</summary>
        <pre lang={report.originalLocale} dir={originalDir === c.dir ? undefined : originalDir} safe>
          {version.markdown}
        </pre>
      </details>
    </Layout>
  );
}
