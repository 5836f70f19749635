import type { FastifyPluginAsync } from 'fastify';
import type { PageContext } from '../http/page.js';
import type { FormState } from '../forms/validate.js';
import { Layout } from './layout.js';
import { Button, Checkboxes, DateInput, FileUpload, Form, Radios, Select, Textarea, TextInput } from './form.js';
import { Banner, BackLink, LocalizedText, Pagination, SummaryList, Table, esc } from './components.js';

/**
 * Every component of the design system with example data, on one page. It documents the
 * components for developers, and the accessibility test runs axe on it in every direction.
 * Strings are the platform's own messages so the page is in the reader's language.
 */
export function ExamplesPage({ c }: { c: PageContext }) {
  const withErrors: FormState = {
    values: { name: 'Ana', email: 'ana@', topics: ['news'], kind: 'individual', date: '2024-02-30' },
    errors: [
      { field: 'email', key: 'form.errors.email' },
      { field: 'date', key: 'form.errors.date' },
    ],
  };
  const options = [
    { value: 'news', label: c.t('nav.meetings') },
    { value: 'groups', label: c.t('nav.workingGroups'), hint: c.t('workingGroups.intro') },
  ];
  return (
    <Layout c={c} title={c.t('examples.title')} form={withErrors} labels={{ email: c.t('auth.email'), date: c.t('admin.audit.from') }} before={<BackLink href={c.href('/')} label={c.t('errors.home')} />}>
      <h1 safe>{c.t('examples.title')}</h1>
      <Banner kind="info" title={c.t('coming.title')}>
        <p safe>{c.t('coming.body')}</p>
      </Banner>
      <Banner kind="success" title={c.t('account.saved.language')} />
      <Banner kind="warning" title={c.t('admin.users.notice.lastSecretariat')} />
      <Form c={c} action={c.href('/design-system')} method="get">
        <TextInput c={c} name="name" label={c.t('admin.users.name')} hint={c.t('account.languageHint')} form={withErrors} autocomplete="name" />
        <TextInput c={c} name="email" label={c.t('auth.email')} type="email" form={withErrors} />
        <Textarea c={c} name="about" label={c.t('about.title')} form={withErrors} maxlength={500} />
        <Select c={c} name="role" label={c.t('admin.users.role')} placeholder={c.t('admin.any')} options={[{ value: 'secretariat', label: c.t('roles.secretariat') }, { value: 'steering', label: c.t('roles.steering') }]} form={withErrors} />
        <Radios c={c} name="kind" label={c.t('admin.audit.targetType')} options={options.map((o, i) => ({ ...o, value: i ? 'individual' : 'institution' }))} form={withErrors} />
        <Checkboxes c={c} name="topics" label={c.t('subscribe.title')} options={options} form={withErrors} />
        <DateInput c={c} name="date" label={c.t('admin.audit.from')} form={withErrors} />
        <FileUpload c={c} name="document" label={c.t('examples.file')} hint={c.t('errors.tooLarge.body')} accept="application/pdf" form={withErrors} />
        <div class="actions">
          <Button label={c.t('admin.users.sendInvite')} />
          <Button variant="secondary" label={c.t('admin.filter')} />
          <Button variant="warning" label={c.t('account.signOutEverywhere')} />
        </div>
      </Form>
      <h2 safe>{c.t('admin.audit.title')}</h2>
      <Table
        caption={c.t('admin.users.caption', { total: 2 })}
        head={[c.t('admin.users.name'), c.t('auth.email'), c.t('admin.mailbox.attempts')]}
        numeric={[2]}
        rows={[
          [esc('Amina Diallo'), esc('amina@example.org'), esc('1')],
          [<LocalizedText c={c} value={{ en: 'Li Wei' }} original="en" />, esc('li@example.org'), esc('12')],
        ]}
      />
      <SummaryList rows={[[c.t('meetings.venue'), esc('7 place de Fontenoy, Paris')], [c.t('meetings.status'), esc(c.t('meetings.statuses.open'))]]} />
      <Pagination c={c} page={3} pageSize={10} total={95} href={(p) => c.href(`/design-system?page=${p}`)} />
    </Layout>
  );
}

export const examplesRoutes: FastifyPluginAsync = async (app) => {
  app.get('/design-system', async (_req, reply) => reply.render((c) => <ExamplesPage c={c} />));
};
