import type { PageContext } from '../http/page.js';
import type { FormState } from '../forms/validate.js';
import { Layout } from '../ui/layout.js';
import { Button, Form, Select, TextInput } from '../ui/form.js';
import { Banner, BackLink, LinkList, Pagination, SummaryList, Table, esc } from '../ui/components.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import type { TodoGroup, TodoItem } from '../todo.js';
import { LOCALES, LOCALE_NAMES } from '../i18n/locales.js';
import { PLATFORM_ROLES } from '../policy.js';
import { MAIL_STATUSES } from '../mail/service.js';
import { PersonDataButton } from '../privacy/views.js';

type Query = Record<string, string | undefined>;

/** A link to the same list with other filters or page, keeping the rest. */
export function listHref(c: PageContext, path: string, query: Query, change: Query): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...change })) if (v) q.set(k, v);
  const s = q.toString();
  return c.href(path) + (s ? `?${s}` : '');
}


/** One line of work waiting: its count and what it is, linked to where it is done, and when it is due. */
function TodoLine({ c, item }: { c: PageContext; item: TodoItem }) {
  const past = !!item.past;
  const due = item.due ? formatDateTime(c.locale, item.due, c.timeZone) : '';
  return (
    <li class={past ? 'todo-past' : undefined}>
      <a href={c.href(item.href)}>
        {item.bare ? (
          ''
        ) : (
          <>
            <span class="todo-count" safe>
              {formatNumber(c.locale, item.count)}
            </span>
          </>
        )}
        <span>{c.th(item.label, { ...item.params, count: item.count, due, past: past ? 'yes' : 'no' })}</span>
      </a>
    </li>
  );
}

/**
 * The Secretariat's home: the work waiting in every module, with counts and links (applications per
 * stage and the Committee's deadlines, registrations and financing per meeting, newsletters not sent,
 * translations missing), then every part of the Secretariat's area this person may open.
 */
export function AdminHome({ c, links, todo }: { c: PageContext; links: { href: string; label: string }[]; todo: TodoGroup[] }) {
  return (
    <Layout c={c} title={c.t('admin.title')} admin>
      <h1 safe>{c.t('admin.title')}</h1>
      <section aria-labelledby="todo-title" class="todo">
        <h2 id="todo-title" safe>
          {c.t('todo.title')}
        </h2>
        {todo.map((g) => (
          <section class="todo-group">
            <h3>{c.th(g.title, g.params)}</h3>
            {g.items.length ? (
              <ul class="todo-list">
                {g.items.map((item) => (
                  <TodoLine c={c} item={item} />
                ))}
              </ul>
            ) : (
              <p class="hint" safe>
                {c.t('todo.nothing')}
              </p>
            )}
          </section>
        ))}
      </section>
      <section aria-labelledby="areas-title">
        <h2 id="areas-title" safe>
          {c.t('admin.areas')}
        </h2>
        <LinkList c={c} links={links} layout="columns" />
      </section>
    </Layout>
  );
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
  disabledAt: Date | null;
  roles: string[];
}

export function UsersPage(props: { c: PageContext; rows: UserRow[]; total: number; page: number; pageSize: number; query: Query; notice?: string; moduleRoles: { role: string; people: number }[] }) {
  const { c, rows, query } = props;
  return (
    <Layout c={c} title={c.t('admin.users.title')} admin>
      {props.notice ? <Banner kind={props.notice === 'lastSecretariat' ? 'warning' : 'success'} title={c.t(`admin.users.notice.${props.notice}`)} /> : ''}
      <h1 safe>{c.t('admin.users.title')}</h1>
      <p>
        <a class="button secondary" href={c.href('/admin/users/invite')} safe>
          {c.t('admin.users.invite')}
        </a>
      </p>
      <Form c={c} action={c.href('/admin/users')} method="get" class="filters" label={c.t('admin.filters')}>
        <TextInput c={c} name="q" type="search" label={c.t('admin.users.search')} form={{ values: query, errors: [] }} />
        <Select
          c={c}
          name="role"
          label={c.t('admin.users.role')}
          placeholder={c.t('admin.any')}
          options={PLATFORM_ROLES.map((r) => ({ value: r, label: c.t(`roles.${r}`) }))}
          form={{ values: query, errors: [] }}
        />
        <Button variant="secondary" label={c.t('admin.filter')} />
      </Form>
      <Table
        caption={c.t('admin.users.caption', { total: props.total })}
        head={[c.t('admin.users.name'), c.t('auth.email'), c.t('admin.users.roles'), c.t('admin.users.actions')]}
        empty={c.t('admin.none')}
        rows={rows.map((u) => [
          esc(u.name),
          esc(u.email),
          esc(u.roles.map((r) => c.t(`roles.${r}`)).join(', ') || '—'),
          <div class="actions">
            {PLATFORM_ROLES.map((role) => {
              const has = u.roles.includes(role);
              return (
                <Form c={c} action={c.href(`/admin/users/${u.id}/roles`)} class="inline">
                  <input type="hidden" name="role" value={role} />
                  <input type="hidden" name="grant" value={has ? 'no' : 'yes'} />
                  <button type="submit" class="button small secondary">
                    {c.th(has ? 'admin.users.revoke' : 'admin.users.grant', { role: c.t(`roles.${role}`), name: u.name })}
                  </button>
                </Form>
              );
            })}
            <PersonDataButton c={c} id={u.id} name={u.name} />
          </div>,
        ])}
      />
      <Pagination c={c} page={props.page} pageSize={props.pageSize} total={props.total} href={(p) => listHref(c, '/admin/users', query, { page: String(p) })} />
      {props.moduleRoles.length ? (
        <>
          <h2 safe>{c.t('admin.users.moduleRoles')}</h2>
          <Table
            caption={c.t('admin.users.moduleRolesCaption')}
            head={[c.t('admin.users.role'), c.t('admin.users.people')]}
            numeric={[1]}
            rows={props.moduleRoles.map((r) => [esc(c.t(`roles.${r.role}`)), esc(formatNumber(c.locale, r.people))])}
          />
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function InvitePage({ c, form }: { c: PageContext; form?: FormState }) {
  const labels = { name: c.t('admin.users.name'), email: c.t('auth.email'), locale: c.t('account.language'), role: c.t('admin.users.role') };
  return (
    <Layout c={c} title={c.t('admin.users.invite')} form={form} labels={labels} admin before={<BackLink href={c.href('/admin/users')} label={c.t('common.back')} />}>
      <h1 safe>{c.t('admin.users.invite')}</h1>
      <p safe>{c.t('admin.users.inviteIntro')}</p>
      <Form c={c} action={c.href('/admin/users/invite')}>
        <TextInput c={c} name="name" label={labels.name} autocomplete="off" form={form} />
        <TextInput c={c} name="email" label={labels.email} type="email" spellcheck={false} form={form} />
        <Select c={c} name="locale" label={labels.locale} options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))} form={form ?? { values: { locale: c.locale }, errors: [] }} />
        <Select
          c={c}
          name="role"
          label={labels.role}
          placeholder={c.t('admin.users.noRole')}
          options={PLATFORM_ROLES.map((r) => ({ value: r, label: c.t(`roles.${r}`) }))}
          form={form}
        />
        <Button label={c.t('admin.users.sendInvite')} />
      </Form>
    </Layout>
  );
}

export interface MailRow {
  id: number;
  toAddress: string;
  subject: string;
  status: string;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

export function MailboxPage(props: { c: PageContext; rows: MailRow[]; total: number; page: number; pageSize: number; query: Query; smtp: boolean; limitForm: FormState; saved?: boolean }) {
  const { c, rows, query } = props;
  const limitLabel = c.t('admin.mailbox.limit.label');
  return (
    <Layout c={c} title={c.t('admin.mailbox.title')} admin form={props.limitForm.errors.length ? props.limitForm : undefined} labels={{ limit: limitLabel }}>
      {props.saved ? <Banner kind="success" title={c.t('admin.mailbox.limit.saved')} /> : ''}
      <h1 safe>{c.t('admin.mailbox.title')}</h1>
      {props.smtp ? '' : <Banner kind="info" title={c.t('admin.mailbox.noSmtpTitle')}><p safe>{c.t('admin.mailbox.noSmtp')}</p></Banner>}
      <Form c={c} action={c.href('/admin/mailbox')} method="get" class="filters" label={c.t('admin.filters')}>
        <TextInput c={c} name="to" type="search" label={c.t('admin.mailbox.to')} form={{ values: query, errors: [] }} />
        <Select
          c={c}
          name="status"
          label={c.t('admin.mailbox.status')}
          placeholder={c.t('admin.any')}
          options={MAIL_STATUSES.map((s) => ({ value: s, label: c.t(`admin.mailbox.statuses.${s}`) }))}
          form={{ values: query, errors: [] }}
        />
        <Button variant="secondary" label={c.t('admin.filter')} />
      </Form>
      <Table
        caption={c.t('admin.mailbox.caption', { total: props.total })}
        head={[c.t('admin.mailbox.created'), c.t('admin.mailbox.to'), c.t('admin.mailbox.subject'), c.t('admin.mailbox.status')]}
        empty={c.t('admin.none')}
        rows={rows.map((m) => [
          esc(formatDateTime(c.locale, m.createdAt, c.timeZone)),
          esc(m.toAddress),
          <a href={c.href(`/admin/mailbox/${m.id}`)} safe>
            {m.subject}
          </a>,
          esc(c.t(`admin.mailbox.statuses.${m.status}`)),
        ])}
      />
      <Pagination c={c} page={props.page} pageSize={props.pageSize} total={props.total} href={(p) => listHref(c, '/admin/mailbox', query, { page: String(p) })} />
      <h2 safe>{c.t('admin.mailbox.limit.title')}</h2>
      <Form c={c} action={c.href('/admin/mailbox/settings')}>
        <TextInput c={c} name="limit" type="number" inputmode="numeric" label={limitLabel} hint={c.t('admin.mailbox.limit.hint')} width="short" form={props.limitForm} />
        <Button variant="secondary" label={c.t('admin.mailbox.limit.save')} />
      </Form>
    </Layout>
  );
}

export function MailPage({ c, mail }: { c: PageContext; mail: MailRow & { text: string; locale: string; template: string } }) {
  return (
    <Layout c={c} title={mail.subject} admin before={<BackLink href={c.href('/admin/mailbox')} label={c.t('common.back')} />}>
      <h1 safe>{mail.subject}</h1>
      <SummaryList
        rows={[
          [c.t('admin.mailbox.to'), esc(mail.toAddress)],
          [c.t('admin.mailbox.status'), esc(c.t(`admin.mailbox.statuses.${mail.status}`))],
          [c.t('admin.mailbox.created'), esc(formatDateTime(c.locale, mail.createdAt, c.timeZone))],
          [c.t('admin.mailbox.sent'), esc(mail.sentAt ? formatDateTime(c.locale, mail.sentAt, c.timeZone) : '—')],
          [c.t('admin.mailbox.attempts'), esc(formatNumber(c.locale, mail.attempts))],
          [c.t('admin.mailbox.language'), esc(mail.locale)],
          [c.t('admin.mailbox.template'), esc(mail.template)],
          [c.t('admin.mailbox.error'), esc(mail.lastError ?? '—')],
        ]}
      />
      <h2 safe>{c.t('admin.mailbox.textPart')}</h2>
      <pre class="mail-text" lang={mail.locale} safe>
        {mail.text}
      </pre>
      <h2 safe>{c.t('admin.mailbox.htmlPart')}</h2>
      <p>
        <a href={c.href(`/admin/mailbox/${mail.id}/html`)} safe>
          {c.t('admin.mailbox.openHtml')}
        </a>
      </p>
    </Layout>
  );
}

export interface AuditRow {
  id: number;
  at: Date;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

export function AuditPage(props: { c: PageContext; rows: AuditRow[]; total: number; page: number; pageSize: number; query: Query; targetTypes: string[]; form?: FormState }) {
  const { c, rows, query } = props;
  const values = props.form ?? { values: query, errors: [] };
  return (
    <Layout c={c} title={c.t('admin.audit.title')} admin form={props.form} labels={{ from: c.t('admin.audit.from'), to: c.t('admin.audit.to') }}>
      <h1 safe>{c.t('admin.audit.title')}</h1>
      <Form c={c} action={c.href('/admin/audit')} method="get" class="filters" label={c.t('admin.filters')}>
        <TextInput c={c} name="action" type="search" label={c.t('admin.audit.action')} hint={c.t('admin.audit.actionHint')} form={values} />
        <TextInput c={c} name="actor" type="search" label={c.t('admin.audit.actor')} form={values} />
        <Select
          c={c}
          name="target"
          label={c.t('admin.audit.targetType')}
          placeholder={c.t('admin.any')}
          options={props.targetTypes.map((t) => ({ value: t, label: t }))}
          form={values}
        />
        <TextInput c={c} name="from" type="date" label={c.t('admin.audit.from')} form={values} width="short" />
        <TextInput c={c} name="to" type="date" label={c.t('admin.audit.to')} form={values} width="short" />
        <Button variant="secondary" label={c.t('admin.filter')} />
      </Form>
      <Table
        caption={c.t('admin.audit.caption', { total: props.total })}
        head={[c.t('admin.audit.when'), c.t('admin.audit.actor'), c.t('admin.audit.action'), c.t('admin.audit.target'), c.t('admin.audit.change')]}
        empty={c.t('admin.none')}
        rows={rows.map((r) => [
          esc(formatDateTime(c.locale, r.at, c.timeZone)),
          esc(r.actorEmail || c.t('admin.audit.system')),
          <code safe>{r.action}</code>,
          esc(r.targetType ? `${r.targetType}: ${r.targetId}` : '—'),
          <>
            {r.before !== null && r.before !== undefined ? (
              <div>
                <span class="hint" safe>{c.t('admin.audit.before')}</span> <code safe>{JSON.stringify(r.before)}</code>
              </div>
            ) : (
              ''
            )}
            {r.after !== null && r.after !== undefined ? (
              <div>
                <span class="hint" safe>{c.t('admin.audit.after')}</span> <code safe>{JSON.stringify(r.after)}</code>
              </div>
            ) : (
              ''
            )}
          </>,
        ])}
      />
      <Pagination c={c} page={props.page} pageSize={props.pageSize} total={props.total} href={(p) => listHref(c, '/admin/audit', query, { page: String(p) })} />
    </Layout>
  );
}

/** Every data export the modules offer, in one place: what is exported, and a link per format. */
export function ExportsPage({ c, exports }: { c: PageContext; exports: readonly { what: string; label: string; href: string }[] }) {
  const groups = [...new Set(exports.map((e) => e.what))];
  return (
    <Layout c={c} title={c.t('admin.exports.title')} admin>
      <h1 safe>{c.t('admin.exports.title')}</h1>
      <p safe>{c.t('admin.exports.intro')}</p>
      {groups.length ? '' : <p safe>{c.t('admin.none')}</p>}
      <>
        {groups.map((what) => (
          <section>
            <h2 safe>{c.t(what)}</h2>
            <LinkList c={c} links={exports.filter((e) => e.what === what)} />
          </section>
        ))}
      </>
    </Layout>
  );
}
