import type { PageContext } from '../http/page.js';
import type { FormState } from '../forms/validate.js';
import { Layout } from '../ui/layout.js';
import { Banner, Table, esc } from '../ui/components.js';
import { Button, Checkboxes, DateInput, Form, TextInput } from '../ui/form.js';
import { formatDate, formatDateTime } from '../i18n/format.js';
import { API_RATE_LIMIT, API_TOKEN_RATE_LIMIT } from '../http/limits.js';
import { API_SCOPES, type TokenRow } from './service.js';

/** The message key of each scope's name on the page. */
const SCOPE_LABELS: Record<(typeof API_SCOPES)[number], string> = { 'read:public': 'api.tokens.scope.readPublic' };
const scopeLabel = (c: PageContext, s: string) => (s in SCOPE_LABELS ? c.t(SCOPE_LABELS[s as keyof typeof SCOPE_LABELS]) : s);

export const TOKEN_NOTICES = /^(revoked|unchanged|repeat)$/;

function statusOf(c: PageContext, r: TokenRow, now: Date): string {
  if (r.revokedAt) return c.t('api.tokens.status.revoked', { date: formatDate(c.locale, r.revokedAt, c.timeZone) });
  if (r.expiresAt && r.expiresAt <= now) return c.t('api.tokens.status.expired', { date: formatDate(c.locale, r.expiresAt, 'UTC') });
  return c.t('api.tokens.status.active');
}

/**
 * The Secretariat's API tokens: what the API is and how a token is sent, every token made (never the
 * token itself), a button to revoke each, and the form that makes one. Right after making a token,
 * the page shows it, once.
 */
export function TokensPage(props: { c: PageContext; rows: TokenRow[]; form?: FormState; created?: { name: string; token: string }; notice?: string }) {
  const { c, rows, form, created } = props;
  const now = new Date();
  const labels = { name: c.t('api.tokens.name'), scopes: c.t('api.tokens.scopes'), expires: c.t('api.tokens.expires') };
  const docs = `${c.baseUrl}/api/v1/openapi.json`;
  return (
    <Layout c={c} title={c.t('api.tokens.title')} form={form} labels={labels} admin>
      {created ? (
        <Banner kind="success" title={c.t('api.tokens.created.title', { name: created.name })}>
          <p safe>{c.t('api.tokens.created.once')}</p>
          <p>
            <code id="new-token" safe>
              {created.token}
            </code>
          </p>
          <p safe>{c.t('api.tokens.created.how')}</p>
        </Banner>
      ) : (
        ''
      )}
      {props.notice ? <Banner kind={props.notice === 'revoked' ? 'success' : 'info'} title={c.t(`api.tokens.notice.${props.notice}`)} /> : ''}
      <h1 safe>{c.t('api.tokens.title')}</h1>
      <p safe>{c.t('api.tokens.intro', { anonymous: API_RATE_LIMIT.max, holders: API_TOKEN_RATE_LIMIT.max })}</p>
      <p>
        <span safe>{`${c.t('api.tokens.document')} `}</span>
        <a href={docs} dir="ltr" safe>
          {docs}
        </a>
      </p>
      <Table
        caption={c.t('api.tokens.caption', { total: rows.length })}
        head={[c.t('api.tokens.name'), c.t('api.tokens.scopes'), c.t('api.tokens.createdAt'), c.t('api.tokens.lastUsed'), c.t('api.tokens.expires'), c.t('api.tokens.statusLabel'), c.t('api.tokens.actions')]}
        hiddenHead={[6]}
        empty={c.t('api.tokens.none')}
        rows={rows.map((r) => {
          const live = !r.revokedAt && !(r.expiresAt && r.expiresAt <= now);
          return [
            <span dir="auto" safe>
              {r.name}
            </span>,
            esc(r.scopes.map((s) => scopeLabel(c, s)).join(', ')),
            esc(r.createdBy ? c.t('api.tokens.createdBy', { date: formatDateTime(c.locale, r.createdAt, c.timeZone), name: r.createdBy }) : formatDateTime(c.locale, r.createdAt, c.timeZone)),
            esc(r.lastUsedAt ? formatDateTime(c.locale, r.lastUsedAt, c.timeZone) : c.t('api.tokens.never')),
            esc(r.expiresAt ? formatDate(c.locale, r.expiresAt, 'UTC') : c.t('api.tokens.noExpiry')),
            esc(statusOf(c, r, now)),
            live ? (
              <Form c={c} action={c.href(`/admin/api-tokens/${r.id}/revoke`)} class="inline">
                <button type="submit" class="button small warning">
                  {c.th('api.tokens.revoke', { name: r.name })}
                </button>
              </Form>
            ) : (
              esc('—')
            ),
          ];
        })}
      />
      <h2 safe>{c.t('api.tokens.new')}</h2>
      <Form c={c} action={c.href('/admin/api-tokens')}>
        <TextInput c={c} name="name" label={labels.name} hint={c.t('api.tokens.nameHint')} autocomplete="off" maxlength={100} form={form} />
        <Checkboxes c={c} name="scopes" label={labels.scopes} options={API_SCOPES.map((s) => ({ value: s, label: scopeLabel(c, s), hint: c.t('api.tokens.scope.readPublicHint') }))} form={form ?? { values: { scopes: ['read:public'] }, errors: [] }} />
        <DateInput c={c} name="expires" label={labels.expires} hint={c.t('api.tokens.expiresHint')} form={form} />
        <Button label={c.t('api.tokens.create')} />
      </Form>
    </Layout>
  );
}
